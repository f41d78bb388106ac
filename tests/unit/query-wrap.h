/*
 * The statements of the store, seen by a unit test: a test linked with
 * -Wl,--wrap=db_query,--wrap=db_query_text (Makefile) defines the two
 * __wrap_ functions, which see every statement the store prepares and
 * hand it to the __real_ ones (store/query.h).
 */
#ifndef DARN_TESTS_QUERY_WRAP_H
#define DARN_TESTS_QUERY_WRAP_H

#include "store/query.h"

struct db_query *__real_db_query(struct db *db, const char *sql,
				 GError **error);
struct db_query *__real_db_query_text(struct db *db, const char *sql,
				      GError **error);
struct db_query *__wrap_db_query(struct db *db, const char *sql,
				 GError **error);
struct db_query *__wrap_db_query_text(struct db *db, const char *sql,
				      GError **error);

#endif
