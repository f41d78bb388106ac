/*
 * The statement layer inside store/: prepared, cached statements with
 * positional `?` parameters. Domain files (project.c, submission.c, ...)
 * write their SQL once against this API, in the subset SQLite and
 * PostgreSQL share; a driver (sqlite.c, pg.c, behind backend.h)
 * implements it. Nothing outside store/ includes this header.
 *
 * Portable SQL here means: `?` parameters (pg.c numbers them), new ids
 * through `INSERT ... RETURNING id` (db_query_insert), integers for
 * booleans compared explicitly (`archived = 0`, never `WHERE archived`),
 * case-insensitive matches as `lower(column) LIKE ?` with a pattern
 * lower-cased by the caller (PostgreSQL's LIKE is case-sensitive,
 * SQLite's folds ASCII), and NULLS FIRST/LAST spelled out wherever a
 * nullable expression is sorted (the two databases' defaults differ).
 */
#ifndef DARN_STORE_QUERY_H
#define DARN_STORE_QUERY_H

#include "store/db.h"

struct db_query;

/*
 * The prepared statement for `sql`, cached on the connection and keyed by
 * the pointer: pass a string literal. Returns NULL and sets *error when the
 * SQL does not prepare. The query is borrowed from the connection; call
 * db_query_done() when finished with its rows.
 */
struct db_query *db_query(struct db *db, const char *sql, GError **error);

/*
 * The same for SQL assembled at run time from fixed fragments (never from
 * values: those are bound). Cached by content; the cache is bounded and
 * may finalize statements when a new text is prepared, so at most one
 * such query may be in use at a time.
 */
struct db_query *db_query_text(struct db *db, const char *sql, GError **error);

/* Parameters count from 1. Text is copied by the backend. */
void db_bind_int(struct db_query *q, int i, gint64 v);
/* NULL binds SQL NULL. */
void db_bind_text(struct db_query *q, int i, const char *s);
/* 0 binds SQL NULL (ids are never 0). */
void db_bind_id(struct db_query *q, int i, gint64 id);
void db_bind_blob(struct db_query *q, int i, const void *data, gsize len);

/* DB_OK: a row is available; DB_NOT_FOUND: no (more) rows; else error. */
enum db_status db_step(struct db_query *q, GError **error);

gint64 db_col_int(struct db_query *q, int i);
gboolean db_col_null(struct db_query *q, int i);
/* Borrowed until the next step or done; NULL for SQL NULL. */
const char *db_col_text(struct db_query *q, int i);
/* Newly allocated copy (NULL for SQL NULL). */
char *db_col_dup(struct db_query *q, int i);
const void *db_col_blob(struct db_query *q, int i, gsize *len);

/* Steps q (bound by the caller) to the end, collecting the first ncols
 * integer columns of every row, row after row, into *out (a GArray of
 * gint64), then resets it. */
enum db_status db_collect_ints(struct db_query *q, int ncols, GArray **out,
			       GError **error);

/* Steps q (bound by the caller) once: when it has a row, fill(q, out)
 * reads it; then resets it. DB_NOT_FOUND when there is no row.
 * db_int_fill and db_text_fill read the first column into a gint64 and a
 * new string (NULL for SQL NULL). */
enum db_status db_collect_one(struct db_query *q,
			      void (*fill)(struct db_query *q, void *out),
			      void *out, GError **error);
void db_int_fill(struct db_query *q, void *out);
void db_text_fill(struct db_query *q, void *out);

/* Steps q (bound by the caller) to the end, adding what row(q) makes of
 * each row (owned) to a new array that frees its elements with `free`,
 * then resets it; *out gets the array (untouched on failure). */
enum db_status db_collect_ptrs(struct db_query *q,
			       gpointer (*row)(struct db_query *q),
			       GDestroyNotify free, GPtrArray **out,
			       GError **error);

/*
 * Sends q (bound by the caller) ahead of its use, where a backend gains
 * by it: PostgreSQL inside a read transaction (db_begin_read) sends it
 * now and reads its result with the next statement the request waits
 * for, in the same round trip. When the request later steps the same
 * statement with the same bindings in the same transaction, it reads
 * that result; with any other bindings it runs afresh, so a wrong guess
 * costs only the work sent. A hint, never an error: on SQLite, and
 * where nothing can be sent, it only resets q. The caller does not call
 * db_query_done (the reader does).
 *
 * It resets q on every backend, whatever it sends: a caller must not
 * prefetch a statement that is in use (being stepped) at that moment,
 * or the loop stepping it loses its place and its rows. db_query()
 * caches one statement per SQL on a connection, so an enclosing loop
 * over the same SQL is stepping that very statement; the same holds for
 * db_prefetch_sql and db_prefetch_id.
 */
void db_query_prefetch(struct db_query *q);

/* db_query_prefetch of the statement `sql` (a literal, as db_query's)
 * without parameters; errors show when it is used. */
void db_prefetch_sql(struct db *db, const char *sql);
/* The same for a statement whose one parameter is an id. */
void db_prefetch_id(struct db *db, const char *sql, gint64 id);

/* Resets the statement for its next use and clears its bindings. */
void db_query_done(struct db_query *q);

/* Steps a statement that returns no rows, then resets it. Inside a
 * PostgreSQL write transaction it is only sent (pipelined): a failure is
 * then reported by the next statement that returns rows, db_release or
 * db_commit, and the caller rolls back as for any failure. */
enum db_status db_query_run(struct db_query *q, GError **error);

/* Steps an `INSERT ... RETURNING id` (bound by the caller), stores the
 * new row's id in *id, then resets it. In a PostgreSQL bulk write
 * (parsearchive) an `INSERT INTO t (cols) VALUES (...) RETURNING id` is
 * sent pipelined with an id the driver reserved from t's sequence. */
enum db_status db_query_insert(struct db_query *q, gint64 *id, GError **error);
/* Rows changed by the last statement. */
gint64 db_changes(struct db *db);

/* Runs SQL text without parameters (several statements allowed). */
enum db_status db_exec_script(struct db *db, const char *sql, GError **error);

/* Whether table `name` exists: needs no right to create one. */
enum db_status db_table_exists(struct db *db, const char *name,
			       gboolean *exists, GError **error);

/* The portable migration SQL (@ID@, @BLOB@, @NULLS_FIRST@, INTEGER and
 * TEXT columns) in this connection's dialect; owned by the caller. */
char *db_dialect_sql(struct db *db, const char *portable);

/*
 * After rows were inserted with their @ID@ column given (darn db copy
 * keeps every id, so every URL stays the same), makes the ids the
 * database generates next for table.column follow the largest stored one.
 * table and column come from schema-tables.c, never from input. Runs
 * inside the caller's write transaction. SQLite needs nothing (sqlite.c);
 * PostgreSQL restarts the column's sequence (pg.c).
 */
enum db_status db_dialect_restart_ids(struct db *db, const char *table,
				      const char *column, GError **error);

#endif
