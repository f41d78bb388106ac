/*
 * db_rows_in (store/rows.h): the statement of a chunk is assembled from
 * the caller's fixed text and placeholders; every id is bound. And
 * db_collect_ptrs, db_collect_one and db_collect_ints (store/query.h),
 * the loops of every list read into a GPtrArray, of every one-row read
 * and of the reads of ids.
 */
#include "store/rows.h"

/* The padded size of an IN list of n ids (n <= DB_ROWS_CHUNK). */
static guint padded(guint n)
{
	static const guint sizes[] = {8, 32, 128, DB_ROWS_CHUNK};
	for (gsize i = 0; i < G_N_ELEMENTS(sizes); i++)
		if (n <= sizes[i])
			return sizes[i];
	return DB_ROWS_CHUNK;
}

/* The statement of the chunk of ids from `start`, bound: the padding
 * repeats the chunk's last id. */
static struct db_query *chunk_query(struct db *db, const char *select,
				    const char *tail, const GArray *ids,
				    guint start, GError **error)
{
	guint n = MIN(ids->len - start, DB_ROWS_CHUNK);
	guint size = padded(n);
	g_autoptr(GString) sql = g_string_new(select);
	g_string_append_c(sql, '(');
	for (guint i = 0; i < size; i++)
		g_string_append(sql, i ? ", ?" : "?");
	g_string_append_c(sql, ')');
	g_string_append(sql, tail);
	struct db_query *q = db_query_text(db, sql->str, error);
	if (q)
		for (guint i = 0; i < size; i++)
			db_bind_int(q, (int)i + 1,
				    g_array_index(ids, gint64,
						  start + MIN(i, n - 1)));
	return q;
}

void db_rows_in_prefetch(struct db *db, const char *select, const char *tail,
			 const GArray *ids)
{
	if (!ids->len || ids->len > DB_ROWS_CHUNK)
		return;
	struct db_query *q = chunk_query(db, select, tail, ids, 0, NULL);
	if (q)
		db_query_prefetch(q);
}

enum db_status db_rows_in(struct db *db, const char *select, const char *tail,
			  const GArray *ids,
			  void (*row)(struct db_query *q, void *ctx), void *ctx,
			  GError **error)
{
	for (guint start = 0; start < ids->len; start += DB_ROWS_CHUNK) {
		struct db_query *q =
			chunk_query(db, select, tail, ids, start, error);
		if (!q)
			return DB_ERROR;
		enum db_status st;
		while ((st = db_step(q, error)) == DB_OK)
			row(q, ctx);
		db_query_done(q);
		if (st != DB_NOT_FOUND)
			return st;
	}
	return DB_OK;
}

enum db_status db_collect_ptrs(struct db_query *q,
			       gpointer (*row)(struct db_query *q),
			       GDestroyNotify free, GPtrArray **out,
			       GError **error)
{
	g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func(free);
	enum db_status st;
	while ((st = db_step(q, error)) == DB_OK)
		g_ptr_array_add(list, row(q));
	db_query_done(q);
	if (st != DB_NOT_FOUND)
		return st;
	*out = g_steal_pointer(&list);
	return DB_OK;
}

enum db_status db_collect_one(struct db_query *q,
			      void (*fill)(struct db_query *q, void *out),
			      void *out, GError **error)
{
	enum db_status st = db_step(q, error);
	if (st == DB_OK)
		fill(q, out);
	db_query_done(q);
	return st;
}

void db_int_fill(struct db_query *q, void *out)
{
	*(gint64 *)out = db_col_int(q, 0);
}

void db_text_fill(struct db_query *q, void *out)
{
	*(char **)out = db_col_dup(q, 0);
}

enum db_status db_text_by_id(struct db_query *q, gint64 id, char **out,
			     GError **error)
{
	db_bind_int(q, 1, id);
	return db_collect_one(q, db_text_fill, out, error);
}

enum db_status db_collect_ints(struct db_query *q, int ncols, GArray **out,
			       GError **error)
{
	g_autoptr(GArray) list = g_array_new(FALSE, FALSE, sizeof(gint64));
	enum db_status st;
	while ((st = db_step(q, error)) == DB_OK) {
		for (int i = 0; i < ncols; i++) {
			gint64 v = db_col_int(q, i);
			g_array_append_val(list, v);
		}
	}
	db_query_done(q);
	if (st != DB_NOT_FOUND)
		return st;
	*out = g_steal_pointer(&list);
	return DB_OK;
}
