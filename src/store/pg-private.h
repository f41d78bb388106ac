/*
 * What the two halves of the PostgreSQL driver share (internal to
 * store/): pg.c (errors, the pipeline, connecting, transactions, the
 * backend table) and pg-query.c (the statement layer of query.h over
 * named prepared statements).
 */
#ifndef DARN_STORE_PG_PRIVATE_H
#define DARN_STORE_PG_PRIVATE_H

#include "store/backend.h"
#include "store/pg-dl.h"

/* Statements assembled at run time (store/list.c) are cached by their
 * text; past this many the cache starts over. */
#define TEXT_STMTS_MAX 256

/* Ids a bulk write reserves from a table's sequence at a time: twice
 * the last block, within these bounds. */
#define ID_BLOCK_MIN 16
#define ID_BLOCK_MAX 4096

/* Type oids of the parameters darn binds (pg_type.dat). */
#define OID_BYTEA 17
#define OID_INT8 20
#define OID_TEXT 25

struct pg_db {
	struct db base;
	const struct pg_api *pq;
	PGconn *conn;
	char *display; /* the URI without its password, for messages */
	int lock_timeout_ms;
	/* Bumped on each reconnection: prepared statements belong to a
	 * session, and one prepared in an older session must be prepared
	 * again. */
	guint64 session;
	guint64 next_name; /* prepared statement names: d1, d2, ... */
	gint64 changes;	   /* rows changed by the last statement */
	/* SQL text pointer -> struct pg_query*; live as long as db. */
	GHashTable *stmts;
	/* SQL text (copied) -> struct pg_query*; bounded. */
	GHashTable *text_stmts;
	/*
	 * Inside a write transaction the connection is in libpq's pipeline
	 * mode: statements whose rows nobody reads (db_query_run: the
	 * INSERTs and UPDATEs of ingest, SAVEPOINT) are sent without
	 * waiting, and their results are read at the next statement that
	 * returns rows, RELEASE or COMMIT, in one round trip with it.
	 */
	gboolean pipeline;
	GArray *sent;	  /* struct sent: commands whose results are unread */
	GError *deferred; /* the first failure among those read, to report */
	gboolean rollback_sent; /* a ROLLBACK sent, its result unread */
	/* A read transaction's BEGIN was sent with its first statement and
	 * not answered yet (pg_begin_read). */
	gboolean read_unconfirmed;
	/* In a read transaction (pipeline mode): statements may be sent
	 * ahead (pg_prefetch); txn counts the read transactions begun. */
	gboolean reading;
	guint64 txn;
	/* A one-statement read (pg_begin_read_once): no BEGIN was sent;
	 * once_sent counts its statements, once_failed tells that one more
	 * was refused (until the next transaction begins). */
	gboolean once, once_failed;
	guint once_sent;
	guint64 prefetches; /* the last prefetch's number */
	guint bulk_commits; /* commits in bulk mode; 0: not in it */
	guint64 units;	    /* savepoints begun (struct sent's unit) */
	/* table name -> struct id_pool: ids reserved for pg_insert */
	GHashTable *id_pools;
};

/*
 * Ids of one table reserved (nextval) in bulk mode. The inserts of a
 * bulk write take them instead of waiting for RETURNING id, so they are
 * pipelined too. They are taken in order across the run's transactions,
 * so that a run gives the ids one insert at a time gives (the golden
 * comparisons compare them); what is left when bulk mode ends is a gap,
 * as a rolled-back insert leaves.
 */
struct id_pool {
	GArray *ids; /* gint64 */
	guint next;  /* the first unused in ids */
};

/* A command sent in pipeline mode, for reading its result. */
struct sent {
	struct pg_query *prepared; /* a PQsendPrepare of this query */
	guint64 unit;		   /* the savepoint it was sent in */
	/* A statement sent ahead (pg_prefetch): its rows go to `reader`
	 * while its prefetch is still number `prefetch`. */
	struct pg_query *reader;
	guint64 prefetch;
};

struct pg_query {
	struct db_query base;
	struct pg_db *db;
	char *sql; /* with $1..$n for the `?` */
	int nparams;
	/* An `INSERT INTO table (cols) VALUES (...) RETURNING id`: the same
	 * insert with the id as its last parameter and no RETURNING, and the
	 * table; NULL when the statement is not of that form. */
	char *insert_sql, *table;
	struct pg_query *with_id; /* insert_sql, once used */
	char name[24];		  /* prepared statement, valid in `session` */
	guint64 session;	  /* 0: not prepared yet */
	guint64 ran_session;	  /* the session it last ran in (execute) */
	Oid *types; /* the types it was prepared with; 0: inferred */
	/* the current bindings */
	Oid *bound; /* each parameter's type; 0: NULL */
	char **values;
	int *lengths, *formats;
	/* the current result */
	PGresult *res;
	int row, nrows;
	GPtrArray *blobs; /* bytea decoded for this row (PQfreemem) */
	/* Sent ahead (pg_prefetch): its number (0: none), the transaction
	 * and session it was sent in, the bindings it was sent with, and
	 * its rows once read. */
	guint64 prefetch;
	guint64 prefetch_txn, prefetch_session;
	GByteArray *prefetch_key;
	PGresult *prefetched;
};

#define DB(d) ((struct pg_db *)(d))
#define Q(q) ((struct pg_query *)(q))

/* ---- pg.c ---------------------------------------------------------------- */

/* Sets *error from a failed result (or the connection) and returns the
 * status; `res` is not freed. */
enum db_status pg_fail(struct pg_db *db, const PGresult *res, GError **error);
/* Reads the result of a ROLLBACK sent without waiting. */
void pg_collect(struct pg_db *db);
/* In pipeline mode, ends the batch sent so far and reads its results;
 * *last (may be NULL) receives the last command's result. */
enum db_status pg_settle(struct pg_db *db, PGresult **last, GError **error);
/* Runs a command without parameters, outside pipeline mode. */
enum db_status pg_command(struct pg_db *db, const char *sql, GError **error);
/* The same, the last command's result in *rows (may be NULL; the
 * caller PQclears it). */
enum db_status pg_command_rows(struct pg_db *db, const char *sql,
			       PGresult **rows, GError **error);
/* Sends the BEGIN of a read transaction without waiting for it. */
enum db_status pg_queue_read_begin(struct pg_db *db, GError **error);
/* Starts a one-statement read: nothing is sent. */
enum db_status pg_queue_read_once(struct pg_db *db, GError **error);

/* ---- pg-query.c: the statements of query.h ------------------------------- */

void pg_query_free(struct pg_query *q);
struct db_query *pg_query(struct db *base, const char *sql, gboolean by_text,
			  GError **error);
void pg_bind_int(struct db_query *q, int i, gint64 v);
void pg_bind_text(struct db_query *q, int i, const char *s);
void pg_bind_null(struct db_query *q, int i);
void pg_bind_blob(struct db_query *q, int i, const void *data, gsize len);
enum db_status pg_step(struct db_query *base, GError **error);
enum db_status pg_run(struct db_query *base, GError **error);
enum db_status pg_insert(struct db_query *base, gint64 *id, GError **error);
gint64 pg_col_int(struct db_query *base, int i);
gboolean pg_col_null(struct db_query *base, int i);
const char *pg_col_text(struct db_query *base, int i);
const void *pg_col_blob(struct db_query *base, int i, gsize *len);
void pg_query_done(struct db_query *base);
void pg_prefetch(struct db_query *base);
char *pg_plan(struct db *base, const char *sql, enum db_plan_flags flags,
	      GError **error);

#endif
