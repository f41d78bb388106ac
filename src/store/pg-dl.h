/*
 * libpq, loaded only when a postgresql:// database is opened.
 *
 * Most darn processes use SQLite, and parsemail runs once per mail:
 * linking libpq would make every one of them load it and its own
 * dependencies (GSSAPI, LDAP, OpenSSL) at start. So darn does not link
 * it: pg.c, the only file that knows libpq, calls it through this table,
 * filled by dlopen() on first use; the table never changes afterwards.
 */
#ifndef DARN_STORE_PG_DL_H
#define DARN_STORE_PG_DL_H

#include <glib.h>
#include <libpq-fe.h>

/* Every libpq function darn calls. */
#define PG_FUNCTIONS(X)         \
	X(PQconnectdbParams)    \
	X(PQfinish)             \
	X(PQreset)              \
	X(PQstatus)             \
	X(PQconsumeInput)       \
	X(PQtransactionStatus)  \
	X(PQparameterStatus)    \
	X(PQerrorMessage)       \
	X(PQsetNoticeProcessor) \
	X(PQexec)               \
	X(PQprepare)            \
	X(PQexecPrepared)       \
	X(PQexecParams)         \
	X(PQsendQuery)          \
	X(PQsendQueryParams)    \
	X(PQsendPrepare)        \
	X(PQsendQueryPrepared)  \
	X(PQgetResult)          \
	X(PQsocket)             \
	X(PQenterPipelineMode)  \
	X(PQexitPipelineMode)   \
	X(PQpipelineSync)       \
	X(PQresultStatus)       \
	X(PQresultErrorField)   \
	X(PQclear)              \
	X(PQntuples)            \
	X(PQgetvalue)           \
	X(PQgetlength)          \
	X(PQgetisnull)          \
	X(PQcmdStatus)          \
	X(PQcmdTuples)          \
	X(PQunescapeBytea)      \
	X(PQfreemem)

struct pg_api {
#define PG_POINTER(f) __typeof__(&f) f;
	PG_FUNCTIONS(PG_POINTER)
#undef PG_POINTER
};

/* The loaded table, or NULL with *error set (say why, e.g. libpq is not
 * installed). Thread-safe; loads once per process. */
const struct pg_api *pg_api(const char **error);

#endif
