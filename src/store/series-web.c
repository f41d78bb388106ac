/*
 * What the series pages read (db-web-series.h): a project's series list
 * (newest first, by submitter or a part of the name), the candidates for
 * a series' other versions, the patches of a page of series, and a
 * patch's neighbours in its series. Every statement finds its rows
 * through an index: series_project (project_id, id) or series_submitter
 * (submitter_id, id) for the lists, series_markers (project_id,
 * submitter_id, ...) for the versions, and patch's UNIQUE (series_id,
 * number) for the patches of a series; none reads a project's patches.
 * The one exception is the list's search (q=), a substring of the name,
 * which reads the project's series rows (not its patches). "Submitter"
 * is one person: the persons of one user are not gathered, as person
 * has no index on user_id.
 */
#include "store/rows.h"

#define LIKE_ESC " ESCAPE '\\'"

void db_web_series_clear(struct db_web_series *s)
{
	g_free(s->name);
	g_free(s->submitter_name);
	g_free(s->submitter_email);
	memset(s, 0, sizeof(*s));
}

/* A LIKE pattern: `before`, then text with LIKE's own characters escaped
 * by '\' (lower-cased when `lower`), then `after`. */
static char *like_pattern(const char *before, const char *text, gboolean lower,
			  const char *after)
{
	g_autofree char *t = lower ? g_ascii_strdown(text, -1) : g_strdup(text);
	GString *s = g_string_new(before);
	for (const char *c = t; *c; c++) {
		if (*c == '%' || *c == '_' || *c == '\\')
			g_string_append_c(s, '\\');
		g_string_append_c(s, *c);
	}
	g_string_append(s, after);
	return g_string_free(s, FALSE);
}

#define SERIES_COLS                                                       \
	"SELECT s.id, s.date, s.version, s.total, s.submitter_id, "       \
	"COALESCE(s.cover_letter_id, 0), s.name, pe.name, pe.email FROM " \
	"series s JOIN person pe ON pe.id = s.submitter_id"

static void series_fill(struct db_query *q, void *out)
{
	struct db_web_series *s = out;
	s->id = db_col_int(q, 0);
	s->date = db_col_int(q, 1);
	s->version = db_col_int(q, 2);
	s->total = db_col_int(q, 3);
	s->submitter_id = db_col_int(q, 4);
	s->cover_id = db_col_int(q, 5);
	s->name = db_col_dup(q, 6);
	s->submitter_name = db_col_dup(q, 7);
	s->submitter_email = db_col_dup(q, 8);
}

/* Steps q to its end, one struct db_web_series a row. */
static enum db_status series_rows(struct db_query *q, GArray **out,
				  GError **error)
{
	g_autoptr(GArray) rows =
		g_array_new(FALSE, TRUE, sizeof(struct db_web_series));
	g_array_set_clear_func(rows, (GDestroyNotify)db_web_series_clear);
	enum db_status st;
	while ((st = db_step(q, error)) == DB_OK) {
		struct db_web_series s = {0};
		series_fill(q, &s);
		g_array_append_val(rows, s);
	}
	db_query_done(q);
	if (st != DB_NOT_FOUND)
		return st;
	*out = g_steal_pointer(&rows);
	return DB_OK;
}

/* The list's SQL: `head` then the filter's conditions; binds them from
 * parameter 1 and returns the next parameter's number. */
static struct db_query *list_query(struct db *db, const char *head,
				   const char *tail,
				   const struct db_web_series_filter *f,
				   int *next, GError **error)
{
	g_autoptr(GString) sql = g_string_new(head);
	g_string_append(sql, " WHERE s.project_id = ?");
	if (f->submitter_id)
		g_string_append(sql, " AND s.submitter_id = ?");
	if (f->search)
		g_string_append(sql, " AND lower(s.name) LIKE ?" LIKE_ESC);
	g_string_append(sql, tail);
	struct db_query *q = db_query_text(db, sql->str, error);
	if (!q)
		return NULL;
	int n = 1;
	db_bind_int(q, n++, f->project_id);
	if (f->submitter_id)
		db_bind_int(q, n++, f->submitter_id);
	if (f->search) {
		g_autofree char *pattern =
			like_pattern("%", f->search, TRUE, "%");
		db_bind_text(q, n++, pattern);
	}
	*next = n;
	return q;
}

enum db_status db_web_series_count(struct db *db,
				   const struct db_web_series_filter *f,
				   gint64 *count, GError **error)
{
	int n;
	struct db_query *q = list_query(db, "SELECT COUNT(*) FROM series s", "",
					f, &n, error);
	if (!q)
		return DB_ERROR;
	return db_collect_one(q, db_int_fill, count, error);
}

enum db_status db_web_series_page(struct db *db,
				  const struct db_web_series_filter *f,
				  gint64 offset, gint64 limit, GArray **out,
				  GError **error)
{
	int n;
	struct db_query *q = list_query(db, SERIES_COLS,
					" ORDER BY s.id DESC LIMIT ? OFFSET ?",
					f, &n, error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, n, limit);
	db_bind_int(q, n + 1, offset);
	return series_rows(q, out, error);
}

enum db_status db_web_series_get(struct db *db, gint64 project_id, gint64 id,
				 struct db_web_series *out, GError **error)
{
	struct db_query *q = db_query(
		db, SERIES_COLS " WHERE s.id = ? AND s.project_id = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, project_id);
	return db_collect_one(q, series_fill, out, error);
}

enum db_status db_web_series_named(struct db *db, gint64 project_id,
				   gint64 submitter_id, const char *suffix,
				   GArray **out, GError **error)
{
	struct db_query *q =
		db_query(db,
			 SERIES_COLS
			 " WHERE s.project_id = ? AND s.submitter_id = ? AND "
			 "s.name LIKE ?" LIKE_ESC " ORDER BY s.version, s.id",
			 error);
	if (!q)
		return DB_ERROR;
	g_autofree char *pattern = like_pattern("%", suffix, FALSE, "");
	db_bind_int(q, 1, project_id);
	db_bind_int(q, 2, submitter_id);
	db_bind_text(q, 3, pattern);
	return series_rows(q, out, error);
}

static void series_patch_clear(struct db_web_series_patch *p)
{
	g_free(p->state);
}

static void series_patch_row(struct db_query *q, void *ctx)
{
	struct db_web_series_patch p = {
		.series_id = db_col_int(q, 0),
		.number = db_col_null(q, 1) ? 0 : db_col_int(q, 1),
		.id = db_col_int(q, 2),
		.state_ordering = db_col_int(q, 3),
		.state = db_col_dup(q, 4),
	};
	g_array_append_val((GArray *)ctx, p);
}

enum db_status db_web_series_patches(struct db *db, const GArray *series_ids,
				     GArray **out, GError **error)
{
	g_autoptr(GArray) rows =
		g_array_new(FALSE, TRUE, sizeof(struct db_web_series_patch));
	g_array_set_clear_func(rows, (GDestroyNotify)series_patch_clear);
	enum db_status st = db_rows_in(
		db,
		"SELECT p.series_id, p.number, p.id, st.ordering, st.name FROM "
		"patch p JOIN state st ON st.id = p.state_id WHERE "
		"p.series_id IN ",
		" ORDER BY p.series_id, p.number NULLS FIRST, p.id", series_ids,
		series_patch_row, rows, error);
	if (st != DB_OK)
		return st;
	*out = g_steal_pointer(&rows);
	return DB_OK;
}

/* db_web_series_neighbour's statement, bound. */
static struct db_query *neighbour_query(struct db *db, gint64 series_id,
					gint64 number, gboolean next,
					GError **error)
{
	static const char next_sql[] =
		"SELECT msgid, name FROM patch WHERE series_id = ? AND "
		"number > ? ORDER BY number LIMIT 1";
	static const char previous_sql[] =
		"SELECT msgid, name FROM patch WHERE series_id = ? AND "
		"number < ? ORDER BY number DESC LIMIT 1";
	struct db_query *q =
		db_query(db, next ? next_sql : previous_sql, error);
	if (q) {
		db_bind_int(q, 1, series_id);
		db_bind_int(q, 2, number);
	}
	return q;
}

void db_web_series_neighbours_prefetch(struct db *db, gint64 series_id,
				       gint64 number)
{
	for (int next = 0; next < 2; next++) {
		struct db_query *q =
			neighbour_query(db, series_id, number, next, NULL);
		if (q)
			db_query_prefetch(q);
	}
}

enum db_status db_web_series_neighbour(struct db *db, gint64 series_id,
				       gint64 number, gboolean next,
				       char **msgid, char **name,
				       GError **error)
{
	struct db_query *q =
		neighbour_query(db, series_id, number, next, error);
	if (!q)
		return DB_ERROR;
	enum db_status st = db_step(q, error);
	if (st == DB_OK) {
		*msgid = db_col_dup(q, 0);
		*name = db_col_dup(q, 1);
	}
	db_query_done(q);
	return st;
}

enum db_status db_web_series_rows(struct db *db, gint64 series_id,
				  const GArray *tag_ids, GArray **out,
				  GError **error)
{
	/* by series_id alone, so that the UNIQUE (series_id, number)
	 * index finds the rows: with the project's id too, SQLite without
	 * statistics walks the project's patches */
	g_autoptr(GString) sql = g_string_new(
		"SELECT p.id, p.date, p.submitter_id, p.msgid, p.name, "
		"pe.name, pe.email, du.username, st.name");
	guint ntags = MIN(tag_ids ? tag_ids->len : 0, DB_WEB_MAX_TAGS);
	for (guint i = 0; i < ntags; i++)
		g_string_append(sql, ", (SELECT t.count FROM patch_tag t WHERE "
				     "t.patch_id = p.id AND t.tag_id = ?)");
	g_string_append(sql, " FROM patch p JOIN state st ON st.id = "
			     "p.state_id JOIN person pe ON pe.id = "
			     "p.submitter_id LEFT JOIN users du ON du.id = "
			     "p.delegate_id WHERE p.series_id = ? ORDER BY "
			     "p.number NULLS FIRST, p.id");
	struct db_query *q = db_query_text(db, sql->str, error);
	if (!q)
		return DB_ERROR;
	for (guint i = 0; i < ntags; i++)
		db_bind_int(q, 1 + i, g_array_index(tag_ids, gint64, i));
	db_bind_int(q, 1 + ntags, series_id);
	g_autoptr(GArray) rows =
		g_array_new(FALSE, TRUE, sizeof(struct db_web_row));
	g_array_set_clear_func(rows, (GDestroyNotify)db_web_row_clear);
	enum db_status st;
	while ((st = db_step(q, error)) == DB_OK) {
		struct db_web_row r = {
			.id = db_col_int(q, 0),
			.date = db_col_int(q, 1),
			.series_id = series_id,
			.submitter_id = db_col_int(q, 2),
			.msgid = db_col_dup(q, 3),
			.name = db_col_dup(q, 4),
			.submitter_name = db_col_dup(q, 5),
			.submitter_email = db_col_dup(q, 6),
			.delegate = db_col_dup(q, 7),
			.state = db_col_dup(q, 8),
		};
		for (guint i = 0; i < ntags; i++)
			r.tags[i] = db_col_null(q, 9 + i)
					    ? 0
					    : db_col_int(q, 9 + i);
		g_array_append_val(rows, r);
	}
	db_query_done(q);
	if (st != DB_NOT_FOUND)
		return st;
	*out = g_steal_pointer(&rows);
	return DB_OK;
}
