/*
 * The backend seam inside store/: what a database driver (sqlite.c, pg.c)
 * provides behind db.h's connection functions and query.h's statement
 * layer. backend.c picks the driver from the location db_open() is given
 * and forwards every call through the table below; nothing outside
 * store/ includes this header.
 *
 * A driver's connection struct starts with `struct db` and its statement
 * struct with `struct db_query`, so a pointer to either is also a pointer
 * to the driver's own struct.
 */
#ifndef DARN_STORE_BACKEND_H
#define DARN_STORE_BACKEND_H

#include "store/query.h"

struct db_backend {
	const char *name; /* "sqlite", "postgresql": for messages */

	/* Type names the portable migrations are written with, and what
	 * this database calls them (schema.c). */
	const char *id_type;   /* @ID@: a 64-bit auto-increment primary key */
	const char *blob_type; /* @BLOB@ */
	/* @NULLS_FIRST@ after an index column: NULL first in ascending
	 * order, as SQLite always sorts (store/list.c sorts a nullable
	 * column so); "" where that is the only order */
	const char *nulls_first;
	const char *int_type;  /* every INTEGER column */
	const char *text_type; /* every TEXT column: compared byte-wise */
	/* One row, one column: 1 when the table named by the parameter
	 * exists (for the connection's schema search path), else 0. */
	const char *table_exists_sql;

	void (*close)(struct db *db);
	void (*set_bulk)(struct db *db, gboolean bulk);
	void (*limit_memory)(struct db *db, gint64 cache_bytes);
	enum db_status (*exec_script)(struct db *db, const char *sql,
				      GError **error);
	enum db_status (*begin_write)(struct db *db, GError **error);
	enum db_status (*begin_read)(struct db *db, GError **error);
	/* db_begin_read_once; NULL: begin_read (and never failed) */
	enum db_status (*begin_read_once)(struct db *db, GError **error);
	gboolean (*read_once_failed)(struct db *db);
	enum db_status (*commit)(struct db *db, GError **error);
	void (*rollback)(struct db *db);
	enum db_status (*savepoint)(struct db *db, GError **error);
	enum db_status (*release)(struct db *db, GError **error);
	void (*rollback_savepoint)(struct db *db);

	/* query.h's db_query (by_text FALSE: cached by the pointer) and
	 * db_query_text (TRUE: by the content, bounded). */
	struct db_query *(*query)(struct db *db, const char *sql,
				  gboolean by_text, GError **error);
	void (*bind_int)(struct db_query *q, int i, gint64 v);
	void (*bind_text)(struct db_query *q, int i, const char *s);
	void (*bind_null)(struct db_query *q, int i);
	void (*bind_blob)(struct db_query *q, int i, const void *data,
			  gsize len);
	enum db_status (*step)(struct db_query *q, GError **error);
	gint64 (*col_int)(struct db_query *q, int i);
	gboolean (*col_null)(struct db_query *q, int i);
	const char *(*col_text)(struct db_query *q, int i);
	const void *(*col_blob)(struct db_query *q, int i, gsize *len);
	void (*query_done)(struct db_query *q);
	/* query.h's db_query_prefetch; NULL: query_done (nothing sent) */
	void (*prefetch)(struct db_query *q);
	/* query.h's db_query_run; NULL: step, then query_done */
	enum db_status (*run)(struct db_query *q, GError **error);
	/* query.h's db_query_insert its own way; DB_NOT_FOUND (or NULL):
	 * step, col_int(0), query_done */
	enum db_status (*insert)(struct db_query *q, gint64 *id,
				 GError **error);
	gint64 (*changes)(struct db *db);
	gboolean (*in_transaction)(struct db *db);
	/* db.h's db_connection_lost; NULL: never (a file) */
	gboolean (*connection_lost)(struct db *db);
	/* query.h's db_dialect_restart_ids; NULL: nothing to do */
	enum db_status (*restart_ids)(struct db *db, const char *table,
				      const char *column, GError **error);
	/* db-conn.h's db_plan_text */
	char *(*plan)(struct db *db, const char *sql, enum db_plan_flags flags,
		      GError **error);
};

struct db {
	const struct db_backend *be;
	guint64 generation;	      /* db_write_generation */
	struct count_pending *counts; /* bulk mode's (count.c); else NULL */
};

struct db_query {
	const struct db_backend *be;
};

/* The portable migration SQL in the dialect of `be` (db_dialect_sql);
 * owned by the caller. */
char *db_dialect_apply(const struct db_backend *be, const char *portable);

/* `sql` with its `?` parameters numbered $1..$n (PostgreSQL's form),
 * leaving string literals, quoted names and comments alone; *n receives
 * the count. Owned by the caller. */
char *db_sql_number_params(const char *sql, int *n);

/* The drivers' db_open: same contract as db.h's. */
enum db_status db_sqlite_open(const char *path, int busy_timeout_ms,
			      enum db_open_mode mode, struct db **out,
			      GError **error);
enum db_status db_pg_open(const char *uri, int busy_timeout_ms,
			  enum db_open_mode mode, struct db **out,
			  GError **error);

#endif
