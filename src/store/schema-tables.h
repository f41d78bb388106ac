/*
 * The tables of the current schema as data: every table the migrations
 * create, its columns with their types and its primary key, listed
 * parents first so that copying them in this order satisfies every
 * foreign key. `darn db copy` reads it; tests/unit/test-schema-tables.c
 * checks it against the migrated schema, so a migration that adds a table
 * or a column fails the unit tests until the table below says so.
 * Store-internal: nothing outside store/ includes this header.
 */
#ifndef DARN_STORE_SCHEMA_TABLES_H
#define DARN_STORE_SCHEMA_TABLES_H

#include <glib.h>

/* How a column's values are read and bound (query.h's col/bind kinds). */
enum schema_column_type {
	SCHEMA_INT,  /* integers, booleans 0/1, times in microseconds */
	SCHEMA_TEXT, /* text */
	SCHEMA_BLOB, /* @BLOB@ */
};

struct schema_column {
	const char *name;
	enum schema_column_type type;
};

struct schema_table {
	const char *name;
	/* In the order of CREATE TABLE; the first n_key columns are the
	 * primary key, in its order. */
	const struct schema_column *columns;
	gsize n_columns, n_key;
	/* The @ID@ column whose values the database generates, or NULL. */
	const char *generated_id;
	/* `darn init` fills it (states, tags): an empty database has these
	 * rows, and a copy replaces them with the source's. */
	gboolean init_rows;
};

/* Every table but schema_version (which each database keeps for itself),
 * parents before children. Static storage. */
extern const struct schema_table schema_tables[];
extern const gsize schema_tables_count;

#endif
