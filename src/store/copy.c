/*
 * darn db copy's store side (db.h, db_copy): every table of
 * schema-tables.c, parents first, read from the source in pages by its
 * primary key and written to the destination with multi-row INSERTs,
 * through query.h only, so that it copies between any two backends.
 */
#include "store/query.h"
#include "store/schema-tables.h"

/*
 * A page is at most PAGE_ROWS rows and, judged by the previous page's
 * rows, about PAGE_BYTES: a backend may hold a whole page in memory (libpq
 * does), and a mail or a diff can be megabytes. Each page is one
 * destination transaction.
 */
#define PAGE_ROWS 1024
#define PAGE_BYTES (8 * 1024 * 1024)
/* A table's first page, before any row was seen. */
#define FIRST_PAGE_ROWS 16
/* Rows per INSERT statement: one round trip for many rows on a server
 * database, well under every backend's limit on parameters (the widest
 * table has 19 columns). */
#define INSERT_ROWS 64

struct copy {
	struct db *src, *dst;
	db_copy_progress_fn progress;
	gpointer data;
	gint64 *totals;	    /* rows of each table in the source's snapshot */
	gboolean committed; /* the destination has seen a commit */
};

/* The last row's primary key, where the next page starts. */
struct key_value {
	gint64 i;
	char *text;
};

static void append_columns(GString *sql, const struct schema_table *t, gsize n)
{
	/* Quoted: `key` and `public` are keywords in some dialects. */
	for (gsize i = 0; i < n; i++)
		g_string_append_printf(sql, "%s\"%s\"", i ? ", " : "",
				       t->columns[i].name);
}

/* A page of rows in key order: the first (`after` FALSE) or the one
 * after a key. Parameters: the key's values (after), then the limit. */
static char *page_sql(const struct schema_table *t, gboolean after)
{
	GString *sql = g_string_new("SELECT ");
	append_columns(sql, t, t->n_columns);
	g_string_append_printf(sql, " FROM \"%s\"", t->name);
	if (after) {
		/* A row value (a, b) > (?, ?) for a composite key; both
		 * SQLite and PostgreSQL seek it in the key's index. */
		g_string_append(sql, t->n_key > 1 ? " WHERE (" : " WHERE ");
		append_columns(sql, t, t->n_key);
		g_string_append(sql, t->n_key > 1 ? ") > (" : " > ");
		for (gsize i = 0; i < t->n_key; i++)
			g_string_append(sql, i ? ", ?" : "?");
		if (t->n_key > 1)
			g_string_append_c(sql, ')');
	}
	g_string_append(sql, " ORDER BY ");
	append_columns(sql, t, t->n_key);
	g_string_append(sql, " LIMIT ?");
	return g_string_free(sql, FALSE);
}

static char *insert_sql(const struct schema_table *t, gsize rows)
{
	GString *sql = g_string_new(NULL);
	g_string_append_printf(sql, "INSERT INTO \"%s\" (", t->name);
	append_columns(sql, t, t->n_columns);
	g_string_append(sql, ") VALUES ");
	for (gsize r = 0; r < rows; r++) {
		g_string_append(sql, r ? ", (" : "(");
		for (gsize i = 0; i < t->n_columns; i++)
			g_string_append(sql, i ? ", ?" : "?");
		g_string_append_c(sql, ')');
	}
	return g_string_free(sql, FALSE);
}

static enum db_status count_rows(struct db *db, const struct schema_table *t,
				 gint64 *count, GError **error)
{
	g_autofree char *sql =
		g_strdup_printf("SELECT COUNT(*) FROM \"%s\"", t->name);
	struct db_query *q = db_query_text(db, sql, error);
	if (!q)
		return DB_ERROR;
	enum db_status st = db_step(q, error);
	*count = st == DB_OK ? db_col_int(q, 0) : 0;
	db_query_done(q);
	return st == DB_NOT_FOUND ? DB_OK : st;
}

/* Rows of every table, into counts (schema_tables_count of them), in one
 * read transaction of db. */
static enum db_status count_all(struct db *db, gint64 *counts, GError **error)
{
	enum db_status st = DB_OK;
	for (gsize i = 0; i < schema_tables_count && st == DB_OK; i++)
		st = count_rows(db, &schema_tables[i], &counts[i], error);
	return st;
}

/* Copies column `col` of the source row to parameter `param`, adding its
 * size to *bytes. */
static void copy_value(struct db_query *from, int col,
		       enum schema_column_type type, struct db_query *to,
		       int param, gsize *bytes)
{
	if (db_col_null(from, col)) {
		db_bind_text(to, param, NULL);
		return;
	}
	switch (type) {
	case SCHEMA_INT:
		db_bind_int(to, param, db_col_int(from, col));
		*bytes += sizeof(gint64);
		break;
	case SCHEMA_TEXT: {
		const char *s = db_col_text(from, col);
		db_bind_text(to, param, s);
		*bytes += strlen(s);
		break;
	}
	case SCHEMA_BLOB: {
		gsize len = 0;
		const void *p = db_col_blob(from, col, &len);
		/* An empty blob may come back as NULL: bind it non-NULL. */
		db_bind_blob(to, param, p ? p : "", len);
		*bytes += len;
		break;
	}
	}
}

static void save_key(const struct schema_table *t, struct db_query *q,
		     struct key_value *key)
{
	for (gsize i = 0; i < t->n_key; i++) {
		if (t->columns[i].type == SCHEMA_INT) {
			key[i].i = db_col_int(q, (int)i);
		} else {
			g_free(key[i].text);
			key[i].text = db_col_dup(q, (int)i);
		}
	}
}

static void bind_key(const struct schema_table *t, struct db_query *q,
		     const struct key_value *key)
{
	for (gsize i = 0; i < t->n_key; i++) {
		if (t->columns[i].type == SCHEMA_INT)
			db_bind_int(q, (int)i + 1, key[i].i);
		else
			db_bind_text(q, (int)i + 1, key[i].text);
	}
}

/* Ends the destination's transaction and starts the next. */
static enum db_status next_transaction(struct copy *c, GError **error)
{
	enum db_status st = db_commit(c->dst, error);
	if (st != DB_OK)
		return st;
	c->committed = TRUE;
	return db_begin_write(c->dst, error);
}

/* The source holds other rows than it counted at the start: impossible
 * inside its read transaction unless the backend gives no snapshot. */
static enum db_status changed(const struct schema_table *t, GError **error)
{
	g_set_error(error, DB_ERROR_DOMAIN, DB_ERROR,
		    "table '%s' of the source changed during the copy",
		    t->name);
	return DB_ERROR;
}

/*
 * Copies one page of table t: up to `limit` rows after `key` (all from
 * the start when *done is 0), in groups of INSERT_ROWS. Advances *done
 * and the key; *bytes receives the page's size.
 */
static enum db_status copy_page(struct copy *c, const struct schema_table *t,
				const char *first_sql, const char *next_sql,
				gint64 total, gint64 limit, gint64 *done,
				struct key_value *key, gsize *bytes,
				GError **error)
{
	struct db_query *page =
		db_query_text(c->src, *done ? next_sql : first_sql, error);
	if (!page)
		return DB_ERROR;
	int limit_param = 1;
	if (*done) {
		bind_key(t, page, key);
		limit_param += (int)t->n_key;
	}
	db_bind_int(page, limit_param, limit);

	struct db_query *insert = NULL;
	gsize group = 0, slot = 0;
	gint64 rows = 0;
	enum db_status st;
	*bytes = 0;
	while ((st = db_step(page, error)) == DB_OK) {
		if (*done + rows >= total) {
			st = changed(t, error);
			break;
		}
		if (!insert) {
			/* A group never outlasts the page (the page's rows
			 * are committed together) nor the table. */
			group = (gsize)MIN(MIN(INSERT_ROWS, limit - rows),
					   total - *done - rows);
			g_autofree char *sql = insert_sql(t, group);
			insert = db_query_text(c->dst, sql, error);
			if (!insert) {
				st = DB_ERROR;
				break;
			}
		}
		for (gsize i = 0; i < t->n_columns; i++)
			copy_value(page, (int)i, t->columns[i].type, insert,
				   (int)(slot * t->n_columns + i + 1), bytes);
		save_key(t, page, key);
		rows++;
		if (++slot == group) {
			st = db_query_run(insert, error);
			insert = NULL;
			slot = 0;
			if (st != DB_OK)
				break;
		}
	}
	db_query_done(page);
	if (insert) {
		db_query_done(insert);
		if (st == DB_NOT_FOUND)
			st = changed(t, error); /* fewer rows than counted */
	}
	if (st != DB_NOT_FOUND)
		return st;
	if (rows == 0)
		return changed(t, error);
	*done += rows;
	return DB_OK;
}

static enum db_status copy_table(struct copy *c, gsize index, GError **error)
{
	const struct schema_table *t = &schema_tables[index];
	gint64 total = c->totals[index], done = 0, limit = FIRST_PAGE_ROWS;
	g_autofree char *first_sql = page_sql(t, FALSE);
	g_autofree char *next_sql = page_sql(t, TRUE);
	struct key_value key[8] = {{0}};
	enum db_status st = DB_OK;

	g_assert(t->n_key <= G_N_ELEMENTS(key));
	if (c->progress)
		c->progress(t->name, 0, total, c->data);
	while (done < total) {
		gsize bytes = 0;
		gint64 before = done;
		st = copy_page(c, t, first_sql, next_sql, total, limit, &done,
			       key, &bytes, error);
		if (st == DB_OK)
			st = next_transaction(c, error);
		if (st != DB_OK)
			break;
		if (c->progress)
			c->progress(t->name, done, total, c->data);
		/* Size the next page by this one's average row. */
		gint64 avg = (gint64)bytes / (done - before) + 1;
		limit = CLAMP(PAGE_BYTES / avg, 1, PAGE_ROWS);
		/* Whole groups, so that a table needs one INSERT text (and
		 * one for its last rows), not one per page size. */
		if (limit > INSERT_ROWS)
			limit -= limit % INSERT_ROWS;
	}
	for (gsize i = 0; i < t->n_key; i++)
		g_free(key[i].text);
	if (st != DB_OK)
		g_prefix_error(error, "table '%s': ", t->name);
	return st;
}

static enum db_copy_status check_schema(struct db *db, const char *which,
					GError **error)
{
	int version = 0;
	enum db_status st = db_schema_version(db, &version, error);
	if (st != DB_OK) {
		g_prefix_error(error, "cannot read the %s: ", which);
		return st == DB_BUSY ? DB_COPY_BUSY : DB_COPY_ERROR;
	}
	if (version == 0) {
		g_set_error(error, DB_ERROR_DOMAIN, DB_ERROR,
			    "the %s is not initialised; run 'darn init' on it",
			    which);
		return DB_COPY_SCHEMA;
	}
	if (version != db_schema_latest()) {
		g_set_error(error, DB_ERROR_DOMAIN, DB_ERROR,
			    "the %s is at schema %d, darn knows %d; %s", which,
			    version, db_schema_latest(),
			    version < db_schema_latest()
				    ? "run 'darn migrate' on it first"
				    : "use the darn that migrated it");
		return DB_COPY_SCHEMA;
	}
	return DB_COPY_OK;
}

/*
 * Inside the destination's first write transaction: refuses a database
 * with rows in any table but those `darn init` fills, then empties those
 * (states, tags; children first) for the source's rows.
 */
static enum db_copy_status prepare_destination(struct db *dst, GError **error)
{
	for (gsize i = 0; i < schema_tables_count; i++) {
		const struct schema_table *t = &schema_tables[i];
		if (t->init_rows)
			continue;
		g_autofree char *sql = g_strdup_printf(
			"SELECT 1 FROM \"%s\" LIMIT 1", t->name);
		struct db_query *q = db_query_text(dst, sql, error);
		if (!q)
			return DB_COPY_ERROR;
		enum db_status st = db_step(q, error);
		db_query_done(q);
		if (st == DB_OK) {
			g_set_error(error, DB_ERROR_DOMAIN, DB_CONSTRAINT,
				    "the destination is not empty (table '%s' "
				    "has rows); copy only into a database just "
				    "made by 'darn init'",
				    t->name);
			return DB_COPY_NOT_EMPTY;
		}
		if (st != DB_NOT_FOUND)
			return st == DB_BUSY ? DB_COPY_BUSY : DB_COPY_ERROR;
	}
	for (gsize i = schema_tables_count; i-- > 0;) {
		const struct schema_table *t = &schema_tables[i];
		if (!t->init_rows)
			continue;
		g_autofree char *sql =
			g_strdup_printf("DELETE FROM \"%s\"", t->name);
		enum db_status st = db_exec_script(dst, sql, error);
		if (st != DB_OK)
			return st == DB_BUSY ? DB_COPY_BUSY : DB_COPY_ERROR;
	}
	return DB_COPY_OK;
}

/* The row counts of the copy against the source's; a message naming every
 * table that differs. */
static enum db_copy_status verify(struct copy *c, GError **error)
{
	g_autofree gint64 *counts = g_new0(gint64, schema_tables_count);
	enum db_status st = db_begin_read(c->dst, error);
	if (st == DB_OK)
		st = count_all(c->dst, counts, error);
	db_rollback(c->dst);
	if (st != DB_OK) {
		g_prefix_error(error, "cannot count the copy's rows: ");
		return DB_COPY_MISMATCH;
	}
	g_autoptr(GString) diff = g_string_new(NULL);
	for (gsize i = 0; i < schema_tables_count; i++)
		if (counts[i] != c->totals[i])
			g_string_append_printf(
				diff,
				"%stable '%s': %" G_GINT64_FORMAT
				" rows in the source, %" G_GINT64_FORMAT
				" in the copy",
				diff->len ? "; " : "", schema_tables[i].name,
				c->totals[i], counts[i]);
	if (!diff->len)
		return DB_COPY_OK;
	g_set_error(error, DB_ERROR_DOMAIN, DB_ERROR, "row counts differ: %s",
		    diff->str);
	return DB_COPY_MISMATCH;
}

/* Copies every table in the destination's open write transaction, then
 * restarts its generated ids and commits durably. */
static enum db_status copy_tables(struct copy *c, gint64 *rows, GError **error)
{
	enum db_status st = DB_OK;
	for (gsize i = 0; i < schema_tables_count && st == DB_OK; i++) {
		st = copy_table(c, i, error);
		if (st == DB_OK)
			*rows += c->totals[i];
	}
	for (gsize i = 0; i < schema_tables_count && st == DB_OK; i++) {
		const struct schema_table *t = &schema_tables[i];
		if (t->generated_id)
			st = db_dialect_restart_ids(c->dst, t->name,
						    t->generated_id, error);
	}
	/* Leaving bulk mode makes this commit durable with every batch
	 * before it. */
	db_set_bulk(c->dst, FALSE);
	if (st == DB_OK)
		st = db_commit(c->dst, error);
	if (st == DB_OK)
		c->committed = TRUE;
	return st;
}

enum db_copy_status db_copy(struct db *src, struct db *dst,
			    db_copy_progress_fn progress, gpointer data,
			    gint64 *rows, GError **error)
{
	g_autofree gint64 *totals = g_new0(gint64, schema_tables_count);
	struct copy c = {src, dst, progress, data, totals, FALSE};
	enum db_copy_status result;
	enum db_status st;
	gint64 copied = 0;

	if (rows)
		*rows = 0;
	if ((result = check_schema(src, "source", error)) != DB_COPY_OK ||
	    (result = check_schema(dst, "destination", error)) != DB_COPY_OK)
		return result;

	/* One snapshot of the source for the counts and every page. */
	st = db_begin_read(src, error);
	if (st == DB_OK)
		st = count_all(src, totals, error);
	if (st != DB_OK) {
		db_rollback(src);
		g_prefix_error(error, "cannot read the source: ");
		return st == DB_BUSY ? DB_COPY_BUSY : DB_COPY_ERROR;
	}

	/* Bulk: the batches need not each reach the disk; the last commit
	 * does, with them (as parsearchive's). */
	db_set_bulk(dst, TRUE);
	st = db_begin_write(dst, error);
	if (st != DB_OK) {
		result = st == DB_BUSY ? DB_COPY_BUSY : DB_COPY_ERROR;
		g_prefix_error(error, "cannot write the destination: ");
	} else {
		result = prepare_destination(dst, error);
	}
	if (result == DB_COPY_OK) {
		st = copy_tables(&c, &copied, error);
		if (st != DB_OK)
			result = c.committed	 ? DB_COPY_PARTIAL
				 : st == DB_BUSY ? DB_COPY_BUSY
						 : DB_COPY_ERROR;
	}
	db_rollback(dst);
	db_set_bulk(dst, FALSE);
	db_rollback(src);
	if (result == DB_COPY_OK)
		result = verify(&c, error);
	if (result == DB_COPY_PARTIAL)
		g_prefix_error(error,
			       "the destination holds a partial copy (make a "
			       "new one with 'darn init' before copying "
			       "again): ");
	if (rows)
		*rows = copied;
	return result;
}
