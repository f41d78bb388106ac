/*
 * What the HTML pages read that the REST API does not (db.h, "web
 * pages"): the patch list with Patchwork's web filters and orders
 * (web-and-mbox.md §5.2), which differ from the API's (a submitter's
 * name part, "action required" states, a delegate's username part,
 * ordering by names), and the project page's counts. The list's SQL is
 * assembled from the fixed fragments below; every value is bound.
 */
#include "store/rows.h"

void db_web_row_clear(struct db_web_row *r)
{
	g_free(r->msgid);
	g_free(r->name);
	g_free(r->series_name);
	g_free(r->submitter_name);
	g_free(r->submitter_email);
	g_free(r->delegate);
	g_free(r->state);
	memset(r, 0, sizeof(*r));
}

enum db_status db_project_patch_counts(struct db *db, gint64 project_id,
				       gint64 *active, gint64 *archived,
				       GError **error)
{
	/* the kept counts (store/count.c), not a walk of the patches */
	struct db_query *q = db_query(
		db,
		"SELECT CAST(COALESCE(SUM(CASE WHEN archived = 0 THEN n ELSE 0 "
		"END), 0) AS BIGINT), CAST(COALESCE(SUM(CASE WHEN archived = 0 "
		"THEN 0 ELSE n END), 0) AS BIGINT) FROM patch_count "
		"WHERE project_id = ?",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, project_id);
	enum db_status st = db_step(q, error);
	if (st == DB_OK) {
		*active = db_col_int(q, 0);
		*archived = db_col_int(q, 1);
	}
	db_query_done(q);
	return st;
}

/* A LIKE pattern for "contains `part`", ASCII-lower-cased, with the
 * pattern's own characters escaped by '\' (Django's icontains). */
static char *contains_pattern(const char *part)
{
	g_autofree char *low = g_ascii_strdown(part, -1);
	GString *s = g_string_new("%");
	for (const char *c = low; *c; c++) {
		if (*c == '%' || *c == '_' || *c == '\\')
			g_string_append_c(s, '\\');
		g_string_append_c(s, *c);
	}
	g_string_append_c(s, '%');
	return g_string_free(s, FALSE);
}

/* The values bound to the list's conditions, in order. */
struct binds {
	gint64 ints[8];
	char *texts[8]; /* owned */
	gboolean is_text[8];
	int n;
};

static void bind_int(struct binds *b, gint64 v)
{
	b->is_text[b->n] = FALSE;
	b->ints[b->n++] = v;
}

static void bind_contains(struct binds *b, const char *part)
{
	b->is_text[b->n] = TRUE;
	b->texts[b->n++] = contains_pattern(part);
}

static void binds_clear(struct binds *b)
{
	for (int i = 0; i < b->n; i++)
		if (b->is_text[i])
			g_free(b->texts[i]);
}

#define LIKE_ESC " ESCAPE '\\'"

/*
 * The statements that choose rows (the count and a page's ids) join only
 * the tables a condition or the order reads: the columns of patch they
 * test are all in the list indexes (migrations 0004, 0006), and a join
 * would read each candidate row to find its foreign key.
 */
enum {
	JOIN_PERSON = 1 << 0,
	JOIN_STATE = 1 << 1,
	JOIN_DELEGATE = 1 << 2,
};

static unsigned joins_for(const struct db_web_filter *f, gboolean ordered)
{
	unsigned joins = 0;
	if (!f->submitter_id && f->submitter_match)
		joins |= JOIN_PERSON;
	if (!f->delegate_id && !f->no_delegate && f->delegate_match)
		joins |= JOIN_DELEGATE;
	if (ordered && f->order) {
		if (strcmp(f->order, "state") == 0)
			joins |= JOIN_STATE;
		else if (strcmp(f->order, "submitter") == 0)
			joins |= JOIN_PERSON;
		else if (strcmp(f->order, "delegate") == 0)
			joins |= JOIN_DELEGATE;
	}
	return joins;
}

/* The FROM of a statement choosing rows: a bundle's patches through its
 * rows of bundle_patch, each patch by its id (CROSS JOIN keeps SQLite to
 * that order; PostgreSQL plans it from the bundle_id condition), else
 * the patches; then the joins. */
static void append_from(GString *sql, const struct db_web_filter *f,
			unsigned joins)
{
	g_string_append(
		sql, f->bundle_id ? " FROM bundle_patch bp CROSS JOIN patch p"
				  : " FROM patch p");
	if (joins & JOIN_STATE)
		g_string_append(sql, " JOIN state st ON st.id = p.state_id");
	if (joins & JOIN_PERSON)
		g_string_append(sql,
				" JOIN person pe ON pe.id = p.submitter_id");
	if (joins & JOIN_DELEGATE)
		g_string_append(sql,
				" LEFT JOIN users du ON du.id = p.delegate_id");
}

/* Appends the WHERE clause of the filter to sql, its values to b; the
 * columns are those of `alias`: "p", the patch table (after append_from),
 * or "c", the kept counts of patch_count (which names no delegate 0, not
 * NULL). */
static void where(const struct db_web_filter *f, const char *alias,
		  GString *sql, struct binds *b)
{
	gboolean counts = strcmp(alias, "c") == 0;
	/* A delegate's patches (a todo list) are few in a big project: a
	 * unary plus keeps SQLite, which has no statistics, from reading
	 * them through the project's index instead of patch_delegate
	 * (PostgreSQL plans from its statistics anyway). */
	const char *plus = f->delegate_id && !counts ? "+" : "";
	if (f->bundle_id) {
		g_string_append(
			sql, " WHERE bp.bundle_id = ? AND p.id = bp.patch_id");
		bind_int(b, f->bundle_id);
	} else {
		g_string_append_printf(sql, " WHERE %s%s.project_id = ?", plus,
				       alias);
		bind_int(b, f->project_id);
	}
	if (f->series_id) {
		g_string_append(sql, " AND p.series_id = ?");
		bind_int(b, f->series_id);
	}
	if (f->submitter_id) {
		/* a person linked to a user stands for all its people */
		g_string_append(sql,
				" AND (p.submitter_id = ? OR p.submitter_id IN "
				"(SELECT o.id FROM person o JOIN person me ON "
				"o.user_id = me.user_id WHERE me.id = ?))");
		bind_int(b, f->submitter_id);
		bind_int(b, f->submitter_id);
	} else if (f->submitter_match) {
		g_string_append(sql, " AND lower(pe.name) LIKE ?" LIKE_ESC);
		bind_contains(b, f->submitter_match);
	}
	if (f->state_id) {
		g_string_append_printf(sql, " AND %s%s.state_id = ?", plus,
				       alias);
		bind_int(b, f->state_id);
	} else if (!f->any_state) {
		g_string_append_printf(sql,
				       " AND %s.state_id IN (SELECT id FROM "
				       "state WHERE action_required = 1)",
				       alias);
	}
	if (f->search) {
		g_string_append(sql, " AND lower(p.name) LIKE ?" LIKE_ESC);
		bind_contains(b, f->search);
	}
	if (f->archived >= 0) {
		g_string_append_printf(sql, " AND %s%s.archived = ?", plus,
				       alias);
		bind_int(b, f->archived ? 1 : 0);
	}
	if (f->delegate_id) {
		g_string_append_printf(sql, " AND %s.delegate_id = ?", alias);
		bind_int(b, f->delegate_id);
	} else if (f->no_delegate) {
		g_string_append_printf(sql,
				       counts ? " AND %s.delegate_id = 0"
					      : " AND %s.delegate_id IS NULL",
				       alias);
	} else if (f->delegate_match) {
		g_string_append(sql, " AND lower(du.username) LIKE ?" LIKE_ESC);
		bind_contains(b, f->delegate_match);
	}
}

/* TRUE when the kept counts of patch_count can count the filter's rows:
 * it tests only the project, state, archived flag and delegate. */
static gboolean counts_can_answer(const struct db_web_filter *f)
{
	return !f->bundle_id && !f->series_id && !f->submitter_id &&
	       !f->submitter_match && !f->search && !f->delegate_match;
}

/* Binds b's values as parameters first, first + 1...; returns the
 * number of the next parameter. */
static int apply_binds(struct db_query *q, const struct binds *b, int first)
{
	for (int i = 0; i < b->n; i++) {
		if (b->is_text[i])
			db_bind_text(q, first + i, b->texts[i]);
		else
			db_bind_int(q, first + i, b->ints[i]);
	}
	return first + b->n;
}

/* The statement counting the filter's rows: a sum of kept counts when
 * they can answer, else COUNT(*) through the list indexes. */
static GString *count_sql(const struct db_web_filter *f, struct binds *b)
{
	GString *sql = g_string_new(NULL);
	if (counts_can_answer(f)) {
		g_string_append(sql, "SELECT CAST(COALESCE(SUM(c.n), 0) AS "
				     "BIGINT) FROM patch_count c");
		where(f, "c", sql, b);
	} else {
		g_string_append(sql, "SELECT COUNT(*)");
		append_from(sql, f, joins_for(f, FALSE));
		where(f, "p", sql, b);
	}
	return sql;
}

static void order_by(const struct db_web_filter *f, gboolean outer,
		     GString *sql);

/*
 * The statement of a page: its ids chosen from the indexes first (k),
 * with the foreign keys the list index holds beside them, then the
 * columns stored before the mail's text (msgid, name, date), which SQLite
 * reads without reading the rest of the row. `ntags` tag counts
 * (parameters 1..ntags), then b's values, then the limit and the offset.
 */
static GString *page_sql(const struct db_web_filter *f, guint ntags,
			 struct binds *b)
{
	GString *sql = g_string_new(
		"SELECT p.id, p.date, k.series_id, k.submitter_id, p.msgid, "
		"p.name, se.name, pe.name, pe.email, du.username, st.name");
	for (guint i = 0; i < ntags; i++)
		g_string_append(sql,
				", (SELECT t.count FROM patch_tag t "
				"WHERE t.patch_id = p.id AND t.tag_id = ?)");
	g_string_append(sql, " FROM (SELECT p.id, p.state_id, p.submitter_id, "
			     "p.delegate_id, p.series_id");
	if (f->bundle_id)
		g_string_append(sql, ", bp.ordering, bp.id AS bp_id");
	append_from(sql, f, joins_for(f, TRUE));
	where(f, "p", sql, b);
	order_by(f, FALSE, sql);
	g_string_append(sql, " LIMIT ? OFFSET ?) k JOIN patch p ON p.id = k.id"
			     " JOIN state st ON st.id = k.state_id"
			     " JOIN person pe ON pe.id = k.submitter_id"
			     " LEFT JOIN users du ON du.id = k.delegate_id"
			     " LEFT JOIN series se ON se.id = k.series_id");
	order_by(f, TRUE, sql);
	return sql;
}

char *db_web_patch_sql(const struct db_web_filter *f, gboolean count)
{
	struct binds b = {0};
	GString *sql = count ? count_sql(f, &b) : page_sql(f, 0, &b);
	binds_clear(&b);
	return g_string_free(sql, FALSE);
}

/* The count's statement, bound. */
static struct db_query *
count_query(struct db *db, const struct db_web_filter *f, GError **error)
{
	struct binds b = {0};
	g_autoptr(GString) sql = count_sql(f, &b);
	struct db_query *q = db_query_text(db, sql->str, error);
	if (q)
		apply_binds(q, &b, 1);
	binds_clear(&b);
	return q;
}

enum db_status db_web_patch_count(struct db *db, const struct db_web_filter *f,
				  gint64 *count, GError **error)
{
	struct db_query *q = count_query(db, f, error);
	if (!q)
		return DB_ERROR;
	enum db_status st = db_step(q, error);
	if (st == DB_OK)
		*count = db_col_int(q, 0);
	db_query_done(q);
	return st;
}

/* ORDER BY of Patchwork's Order.apply(): the column, then the date the
 * other way round for any column but the date (descending after an
 * ascending column), then the id for a stable order. Names may be NULL:
 * they sort first ascending, as on Patchwork's SQLite. A bundle's owner
 * sees its order; the page's outer statement (outer) reads it from k. */
static void order_by(const struct db_web_filter *f, gboolean outer,
		     GString *sql)
{
	static const struct {
		const char *name, *expr;
		gboolean nullable;
	} cols[] = {
		{"date", "p.date", FALSE},
		{"name", "p.name", FALSE},
		{"state", "st.ordering", FALSE},
		{"submitter", "pe.name", TRUE},
		{"delegate", "du.username", TRUE},
	};
	if (f->bundle_id && f->bundle_order) {
		/* Patchwork's ordered_patches(); the row id breaks ties */
		g_string_append(sql, outer ? " ORDER BY k.ordering, k.bp_id"
					   : " ORDER BY bp.ordering, bp.id");
		return;
	}
	gsize c = 0;
	for (gsize i = 0; i < G_N_ELEMENTS(cols); i++)
		if (f->order && strcmp(f->order, cols[i].name) == 0)
			c = i;
	const char *dir = f->descending ? " DESC" : " ASC";
	g_string_append_printf(sql, " ORDER BY %s%s", cols[c].expr, dir);
	if (cols[c].nullable)
		g_string_append(sql,
				f->descending ? " NULLS LAST" : " NULLS FIRST");
	if (c == 0) {
		g_string_append_printf(sql, ", p.id%s", dir);
		return;
	}
	const char *date_dir = f->descending ? " ASC" : " DESC";
	g_string_append_printf(sql, ", p.date%s, p.id%s", date_dir, date_dir);
}

/* The page's statement, bound. */
static struct db_query *page_query(struct db *db, const struct db_web_filter *f,
				   const GArray *tag_ids, gint64 offset,
				   gint64 limit, GError **error)
{
	guint ntags = MIN(tag_ids ? tag_ids->len : 0, DB_WEB_MAX_TAGS);
	struct binds b = {0};
	g_autoptr(GString) sql = page_sql(f, ntags, &b);
	struct db_query *q = db_query_text(db, sql->str, error);
	if (q) {
		for (guint i = 0; i < ntags; i++)
			db_bind_int(q, 1 + i,
				    g_array_index(tag_ids, gint64, i));
		int n = apply_binds(q, &b, 1 + ntags);
		db_bind_int(q, n, limit);
		db_bind_int(q, n + 1, offset);
	}
	binds_clear(&b);
	return q;
}

void db_web_patch_prefetch(struct db *db, const struct db_web_filter *f,
			   const GArray *tag_ids, gint64 offset, gint64 limit)
{
	struct db_query *q = count_query(db, f, NULL);
	if (q)
		db_query_prefetch(q);
	q = page_query(db, f, tag_ids, offset, limit, NULL);
	if (q)
		db_query_prefetch(q);
}

enum db_status db_web_patch_page(struct db *db, const struct db_web_filter *f,
				 const GArray *tag_ids, gint64 offset,
				 gint64 limit, GArray **out, GError **error)
{
	guint ntags = MIN(tag_ids ? tag_ids->len : 0, DB_WEB_MAX_TAGS);
	struct db_query *q = page_query(db, f, tag_ids, offset, limit, error);
	if (!q)
		return DB_ERROR;

	g_autoptr(GArray) rows =
		g_array_new(FALSE, TRUE, sizeof(struct db_web_row));
	g_array_set_clear_func(rows, (GDestroyNotify)db_web_row_clear);
	enum db_status st;
	while ((st = db_step(q, error)) == DB_OK) {
		struct db_web_row r = {0};
		r.id = db_col_int(q, 0);
		r.date = db_col_int(q, 1);
		r.series_id = db_col_null(q, 2) ? 0 : db_col_int(q, 2);
		r.submitter_id = db_col_int(q, 3);
		r.msgid = db_col_dup(q, 4);
		r.name = db_col_dup(q, 5);
		r.series_name = db_col_dup(q, 6);
		r.submitter_name = db_col_dup(q, 7);
		r.submitter_email = db_col_dup(q, 8);
		r.delegate = db_col_dup(q, 9);
		r.state = db_col_dup(q, 10);
		for (guint i = 0; i < ntags; i++)
			r.tags[i] = db_col_null(q, 11 + i)
					    ? 0
					    : db_col_int(q, 11 + i);
		g_array_append_val(rows, r);
	}
	db_query_done(q);
	if (st != DB_NOT_FOUND)
		return st;
	*out = g_steal_pointer(&rows);
	return DB_OK;
}

/* The tag counts of a page's patches: one statement for them all,
 * instead of a subquery per tag and row in the page's statement (on
 * PostgreSQL a third of the page's time for three tags). */
#define PAGE_TAGS_SELECT \
	"SELECT patch_id, tag_id, count FROM patch_tag WHERE patch_id IN "

void db_web_patch_tags_prefetch(struct db *db, const GArray *ids)
{
	db_rows_in_prefetch(db, PAGE_TAGS_SELECT, "", ids);
}

struct page_tags {
	GArray *rows;	       /* struct db_web_row */
	const GArray *tag_ids; /* gint64 */
	GHashTable *index;     /* patch id -> row index + 1 */
};

static void page_tag_row(struct db_query *q, void *ctx)
{
	struct page_tags *t = ctx;
	gint64 patch_id = db_col_int(q, 0), tag_id = db_col_int(q, 1);
	guint at = GPOINTER_TO_UINT(g_hash_table_lookup(t->index, &patch_id));
	if (!at)
		return;
	struct db_web_row *r =
		&g_array_index(t->rows, struct db_web_row, at - 1);
	guint ntags = MIN(t->tag_ids->len, DB_WEB_MAX_TAGS);
	for (guint i = 0; i < ntags; i++)
		if (g_array_index(t->tag_ids, gint64, i) == tag_id)
			r->tags[i] = db_col_int(q, 2);
}

enum db_status db_web_patch_tags(struct db *db, const GArray *tag_ids,
				 GArray *rows, GError **error)
{
	if (!tag_ids || !tag_ids->len || !rows->len)
		return DB_OK;
	g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(gint64));
	g_autoptr(GHashTable) index =
		g_hash_table_new(g_int64_hash, g_int64_equal);
	for (guint i = 0; i < rows->len; i++) {
		struct db_web_row *r =
			&g_array_index(rows, struct db_web_row, i);
		g_array_append_val(ids, r->id);
		g_hash_table_insert(index, &r->id, GUINT_TO_POINTER(i + 1));
	}
	struct page_tags t = {rows, tag_ids, index};
	return db_rows_in(db, PAGE_TAGS_SELECT, "", ids, page_tag_row, &t,
			  error);
}

/* DB_OK when the statement (one bound text) returns a row. */
static enum db_status exists(struct db *db, const char *sql, const char *part,
			     GError **error)
{
	struct db_query *q = db_query(db, sql, error);
	if (!q)
		return DB_ERROR;
	g_autofree char *pattern = contains_pattern(part);
	db_bind_text(q, 1, pattern);
	enum db_status st = db_step(q, error);
	db_query_done(q);
	return st;
}

enum db_status db_person_name_matches(struct db *db, const char *part,
				      GError **error)
{
	return exists(db,
		      "SELECT 1 FROM person WHERE lower(name) LIKE ?" LIKE_ESC
		      " LIMIT 1",
		      part, error);
}

enum db_status db_username_matches(struct db *db, const char *part,
				   GError **error)
{
	return exists(
		db,
		"SELECT 1 FROM users WHERE lower(username) LIKE ?" LIKE_ESC
		" LIMIT 1",
		part, error);
}

static const char DELEGATE_CHOICES_SQL[] =
	"SELECT u.id, u.username FROM users u JOIN project_maintainer m ON "
	"m.user_id = u.id ORDER BY u.id, m.project_id";

void db_delegate_choices_prefetch(struct db *db)
{
	db_prefetch_sql(db, DELEGATE_CHOICES_SQL);
}

/* A user's id and username (columns 0, 1); a person's id, name and
 * email (0-2). */
static gpointer user_name_row(struct db_query *q)
{
	struct db_user *u = g_new0(struct db_user, 1);
	u->id = db_col_int(q, 0);
	u->username = db_col_dup(q, 1);
	return u;
}

static gpointer user_names_row(struct db_query *q)
{
	struct db_user *u = user_name_row(q);
	u->first_name = db_col_dup(q, 2);
	u->last_name = db_col_dup(q, 3);
	return u;
}

static gpointer person_row(struct db_query *q)
{
	struct db_person *p = g_new0(struct db_person, 1);
	p->id = db_col_int(q, 0);
	p->name = db_col_dup(q, 1);
	p->email = db_col_dup(q, 2);
	return p;
}

enum db_status db_delegate_choices(struct db *db, GPtrArray **out,
				   GError **error)
{
	struct db_query *q = db_query(db, DELEGATE_CHOICES_SQL, error);
	return q ? db_collect_ptrs(q, user_name_row,
				   (GDestroyNotify)db_user_free, out, error)
		 : DB_ERROR;
}

enum db_status db_series_name(struct db *db, gint64 id, char **name,
			      GError **error)
{
	struct db_query *q =
		db_query(db, "SELECT name FROM series WHERE id = ?", error);
	return q ? db_text_by_id(q, id, name, error) : DB_ERROR;
}

enum db_status db_autocomplete(struct db *db, gboolean users, const char *part,
			       gint64 limit, GPtrArray **out, GError **error)
{
	struct db_query *q = db_query(
		db,
		users ? "SELECT id, username, first_name, last_name FROM users "
			"WHERE lower(username) LIKE ?" LIKE_ESC
			" OR lower(first_name) LIKE ?" LIKE_ESC
			" OR lower(last_name) LIKE ?" LIKE_ESC
			" ORDER BY id LIMIT ?"
		      : "SELECT id, name, email FROM person WHERE lower(name) "
			"LIKE ?" LIKE_ESC " OR lower(email) LIKE ?" LIKE_ESC
			" ORDER BY id LIMIT ?",
		error);
	if (!q)
		return DB_ERROR;
	g_autofree char *pattern = contains_pattern(part);
	int n = users ? 3 : 2;
	for (int i = 1; i <= n; i++)
		db_bind_text(q, i, pattern);
	db_bind_int(q, n + 1, limit);
	return users ? db_collect_ptrs(q, user_names_row,
				       (GDestroyNotify)db_user_free, out, error)
		     : db_collect_ptrs(q, person_row,
				       (GDestroyNotify)db_person_free, out,
				       error);
}
