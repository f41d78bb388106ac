/*
 * db-copy.h: copying a whole database (store/copy.c) and row statistics.
 * Part of db.h, the only door to darn's database: its conventions hold.
 */
#ifndef DARN_STORE_DB_COPY_H
#define DARN_STORE_DB_COPY_H

#include "store/db-conn.h"

/* ---- copying a whole database (store/copy.c, darn db copy) ------------- */

enum db_copy_status {
	DB_COPY_OK = 0,
	DB_COPY_SCHEMA,	   /* a database is not at db_schema_latest() */
	DB_COPY_NOT_EMPTY, /* the destination holds rows; nothing written */
	DB_COPY_BUSY,	   /* locked past the busy timeout; nothing written */
	DB_COPY_ERROR,	   /* failed before writing anything */
	DB_COPY_PARTIAL,   /* failed after a commit: a partial copy remains */
	DB_COPY_MISMATCH,  /* copied, but a table's row counts differ */
};

/* Told after every batch: the table, its rows copied so far and its rows
 * in the source. `table` is static storage. */
typedef void (*db_copy_progress_fn)(const char *table, gint64 done,
				    gint64 total, gpointer data);

/*
 * Copies every row of every table from src to dst with its id, so that
 * every URL of the copy is the original's. Both must be at
 * db_schema_latest(), and dst must be empty: no rows but the states and
 * tags `darn init` writes, which the source's replace. src is read in one
 * read transaction (a consistent snapshot: writes made during the copy
 * are not in it); dst is written in batches, each its own transaction,
 * and then the ids it generates next are made to follow the copied ones.
 * Memory does not grow with the database: rows are read in pages bounded
 * by count and bytes. At the end each table's rows are counted in both
 * (DB_COPY_MISMATCH when they differ). progress may be NULL. *rows
 * (may be NULL) receives the number of rows copied. The messages in
 * *error say "the source" and "the destination"; the caller names them.
 */
enum db_copy_status db_copy(struct db *src, struct db *dst,
			    db_copy_progress_fn progress, gpointer data,
			    gint64 *rows, GError **error);

/* ---- statistics (parsearchive, tests) ----------------------------------- */

struct db_counts {
	gint64 patches, covers, patch_comments, cover_comments, series, people;
};
enum db_status db_counts(struct db *db, gint64 project_id,
			 struct db_counts *out, GError **error);

#endif
