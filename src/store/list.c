/*
 * The API's list queries (db.h, struct db_list): for each resource a table
 * of the SQL fragment behind every filter, search and ordering name the
 * API knows (rest-api.md §5). A query is assembled from those fragments
 * only; every value the client sent is bound as a parameter.
 */
#include "store/query.h"

enum field_kind {
	F_IN,	 /* expr IN (?, ...): the condition's ids */
	F_INT,	 /* expr = ?: the condition's value */
	F_TEXT,	 /* expr = ?: the condition's text */
	F_ICASE, /* lower(expr) LIKE ?: the text ignoring ASCII case (iexact) */
	F_LOWER, /* expr = ?: the text ASCII-lower-cased, for a column that
		  * only holds lower-case ASCII (Django iexact, by an index) */
	F_SINCE, /* expr >= ?: the value */
	F_BEFORE /* expr < ?: the value */
};

struct field {
	const char *name;
	enum field_kind kind;
	const char *expr;
	const char *close; /* F_IN: appended after the list (a subquery's
			    * closing parenthesis) */
};

struct ordering {
	const char *name;
	const char *expr;
	/* joined in for this ordering: ordering by a related row's column
	 * through a join (not a subquery per row) lets the database walk
	 * an index in list order instead of sorting the whole table */
	const char *join;
	/* expr may be NULL: SQLite sorts NULL first, PostgreSQL last, so
	 * the query says where */
	gboolean nullable;
};

struct resource {
	const char *from;   /* table and alias */
	const char *id;	    /* the id column */
	const char *parent; /* condition on db_list.parent_id, or NULL */
	const char *date;   /* the date column (since/before) */
	struct field fields[10];
	const char *search[4]; /* q fields */
	struct ordering order[8];
	const char *default_order; /* name, with '-' for descending */
	/* The row counts of migration 0004 (store/count.c), each table
	 * with the resource's alias and its columns named as in `fields`:
	 * per project, and per key of the filters in `counted`; a list
	 * filtered by others is counted row by row. */
	const char *totals_from;
	const char *counts_from;
	const char *counted[4];
};

static const struct resource resources[] = {
	[DB_LIST_PATCHES] =
		{
			"patch p",
			"p.id",
			NULL,
			"p.date",
			{{"project", F_IN, "p.project_id"},
			 {"series", F_IN, "p.series_id"},
			 {"submitter", F_IN, "p.submitter_id"},
			 {"delegate", F_IN, "p.delegate_id"},
			 {"state", F_IN, "p.state_id"},
			 {"archived", F_INT, "p.archived"},
			 /* hex digits, stored lower-case (mail/hash.c) */
			 {"hash", F_LOWER, "p.hash"},
			 {"msgid", F_TEXT, "p.msgid"}},
			{"p.name"},
			{{"id", "p.id"},
			 {"name", "p.name"},
			 {"project", "pr.linkname",
			  " JOIN project pr ON pr.id = p.project_id"},
			 {"date", "p.date"},
			 {"state", "st.ordering",
			  " JOIN state st ON st.id = p.state_id"},
			 {"archived", "p.archived"},
			 {"submitter", "p.submitter_id"},
			 /* AMBIGUOUS in the spec (the reference joins and may
			  * repeat rows): by the patch's first check. Sorts
			  * every row: no index can give this order */
			 {"check",
			  "(SELECT MIN(id) FROM patch_check "
			  "WHERE patch_id = p.id)",
			  NULL, TRUE}},
			"id",
			"patch_total p",
			"patch_count p",
			{"project", "state", "archived", "delegate"},
		},
	[DB_LIST_COVERS] =
		{
			"cover c",
			"c.id",
			NULL,
			"c.date",
			{{"project", F_IN, "c.project_id"},
			 {"submitter", F_IN, "c.submitter_id"},
			 {"msgid", F_TEXT, "c.msgid"},
			 {"series", F_IN,
			  "c.id IN (SELECT cover_letter_id FROM series WHERE "
			  "id",
			  ")"}},
			{"c.name"},
			{{"id", "c.id"},
			 {"name", "c.name"},
			 {"date", "c.date"},
			 {"submitter", "c.submitter_id"}},
			"id",
			"cover_total c",
			NULL,
			{"project"},
		},
	[DB_LIST_SERIES] =
		{
			"series s",
			"s.id",
			NULL,
			"s.date",
			{{"project", F_IN, "s.project_id"},
			 {"submitter", F_IN, "s.submitter_id"}},
			{"s.name"},
			{{"id", "s.id"},
			 {"name", "s.name", NULL, TRUE},
			 {"date", "s.date"},
			 {"submitter", "s.submitter_id"},
			 /* sorts every row, as "check" of patches */
			 {"received_all", "(s.total <= (SELECT COUNT(*) FROM "
					  "patch WHERE series_id = s.id))"}},
			"id",
			"series_total s",
			NULL,
			{"project"},
		},
	[DB_LIST_PATCH_COMMENTS] =
		{
			"patch_comment m",
			"m.id",
			"m.patch_id = ?",
			"m.date",
			{{NULL}},
			{NULL},
			{{"id", "m.id"},
			 {"date", "m.date"},
			 {"submitter", "m.submitter_id"}},
			"id",
		},
	[DB_LIST_COVER_COMMENTS] =
		{
			"cover_comment m",
			"m.id",
			"m.cover_id = ?",
			"m.date",
			{{NULL}},
			{NULL},
			{{"id", "m.id"},
			 {"date", "m.date"},
			 {"submitter", "m.submitter_id"}},
			"id",
		},
	[DB_LIST_CHECKS] =
		{
			"patch_check k",
			"k.id",
			"k.patch_id = ?",
			"k.date",
			{{"user", F_IN, "k.user_id"},
			 {"state", F_INT, "k.state"},
			 {"context", F_TEXT, "k.context"}},
			{NULL},
			{{"id", "k.id"},
			 {"user", "k.user_id"},
			 {"date", "k.date"},
			 {"state", "k.state"},
			 {"target_url", "k.target_url", NULL, TRUE},
			 {"context", "k.context"},
			 {"description", "k.description", NULL, TRUE}},
			"id",
		},
	[DB_LIST_EVENTS] =
		{
			"event e",
			"e.id",
			NULL,
			"e.date",
			{{"project", F_IN, "e.project_id"},
			 {"category", F_TEXT, "e.category"},
			 {"series", F_IN, "e.series_id"},
			 {"patch", F_IN, "e.patch_id"},
			 {"cover", F_IN, "e.cover_id"},
			 {"actor", F_IN, "e.actor_id"}},
			{NULL},
			{{"date", "e.date"}},
			"-date",
			"event_total e",
			"event_count e",
			{"project", "category", "actor"},
		},
	[DB_LIST_BUNDLES] =
		{
			"bundle b",
			"b.id",
			NULL,
			NULL,
			{{"project", F_IN, "b.project_id"},
			 {"owner", F_IN, "b.owner_id"},
			 {"public", F_INT, "b.public"}},
			{"b.name"},
			{{"id", "b.id"},
			 {"name", "b.name"},
			 {"owner", "b.owner_id"}},
			"id",
		},
	[DB_LIST_PEOPLE] =
		{
			"person r",
			"r.id",
			NULL,
			NULL,
			{{NULL}},
			{"r.name", "r.email"},
			{{"id", "r.id"},
			 {"name", "r.name", NULL, TRUE},
			 {"email", "r.email"}},
			"id",
		},
	/* every check, for XML-RPC's check_list (by patch or project) */
	[DB_LIST_ALL_CHECKS] =
		{
			"patch_check k",
			"k.id",
			NULL,
			"k.date",
			{{"user", F_IN, "k.user_id"},
			 {"patch", F_IN, "k.patch_id"},
			 {"project", F_IN,
			  "k.patch_id IN (SELECT id FROM patch WHERE "
			  "project_id",
			  ")"}},
			{NULL},
			{{"id", "k.id"}},
			"id",
		},
	[DB_LIST_USERS] =
		{
			"users u",
			"u.id",
			NULL,
			NULL,
			{{NULL}},
			{"u.username", "u.first_name", "u.last_name",
			 "u.email"},
			{{"id", "u.id"},
			 {"username", "u.username"},
			 {"email", "u.email"}},
			"id",
		},
};

G_STATIC_ASSERT(G_N_ELEMENTS(resources) == DB_LIST_USERS + 1);

struct db_cond *db_list_add(struct db_list *l, const char *field)
{
	if (l->n_conds >= DB_LIST_MAX_CONDS)
		return NULL;
	struct db_cond *c = &l->conds[l->n_conds++];
	memset(c, 0, sizeof(*c));
	c->field = field;
	return c;
}

static const struct field *find_field(const struct resource *r,
				      const char *name)
{
	for (gsize i = 0; i < G_N_ELEMENTS(r->fields) && r->fields[i].name; i++)
		if (strcmp(r->fields[i].name, name) == 0)
			return &r->fields[i];
	return NULL;
}

static const struct ordering *find_order(const struct resource *r,
					 const char *name)
{
	for (gsize i = 0; i < G_N_ELEMENTS(r->order) && r->order[i].name; i++)
		if (strcmp(r->order[i].name, name) == 0)
			return &r->order[i];
	return NULL;
}

/* A value for the next `?` of the assembled statement: text, or an
 * integer when text is NULL. */
struct bind {
	const char *text; /* NULL: an integer */
	gint64 value;
	char *owned; /* a text built here (LIKE patterns) */
};

static void bind_clear(gpointer p)
{
	g_free(((struct bind *)p)->owned);
}

static void add_int(GArray *binds, gint64 v)
{
	struct bind b = {.value = v};
	g_array_append_val(binds, b);
}

static void add_text(GArray *binds, const char *s, char *owned)
{
	struct bind b = {.text = s, .owned = owned};
	g_array_append_val(binds, b);
}

/* A LIKE pattern matching `s` literally (with '\' as the escape) ignoring
 * ASCII case, for `lower(expr) LIKE pattern`, with `wild` before and
 * after ("%" for contains, "" for equals). Django's iexact and icontains
 * are LIKE on the reference's SQLite, which folds ASCII only; so does
 * lower() on SQLite and, on the C-collated text columns, on PostgreSQL,
 * whose LIKE is case-sensitive. */
static char *like_pattern(const char *s, const char *wild)
{
	GString *p = g_string_new(wild);
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			g_string_append_c(p, '\\');
		g_string_append_c(p, g_ascii_tolower(*s));
	}
	g_string_append(p, wild);
	return g_string_free(p, FALSE);
}

/* Appends " WHERE ..." for the list's conditions and collects the binds. */
static void build_where(const struct resource *r, const struct db_list *l,
			GString *sql, GArray *binds)
{
	const char *sep = " WHERE ";

	if (r->parent) {
		g_string_append_printf(sql, "%s%s", sep, r->parent);
		add_int(binds, l->parent_id);
		sep = " AND ";
	}
	if (l->empty) {
		g_string_append_printf(sql, "%s1 = 0", sep);
		return;
	}
	for (int i = 0; i < l->n_conds; i++) {
		const struct db_cond *c = &l->conds[i];
		const struct field *f = find_field(r, c->field);
		/* A date range is written with both its bounds: without
		 * statistics SQLite takes a one-sided range for a quarter of
		 * the table and walks the whole table in id order instead of
		 * the date index (tests/unit/test-list-plans.c). */
		if (strcmp(c->field, "since") == 0 && r->date) {
			g_string_append_printf(sql, "%s%s >= ? AND %s <= ?",
					       sep, r->date, r->date);
			add_int(binds, c->value);
			add_int(binds, G_MAXINT64);
		} else if (strcmp(c->field, "before") == 0 && r->date) {
			g_string_append_printf(sql, "%s%s < ? AND %s >= ?", sep,
					       r->date, r->date);
			add_int(binds, c->value);
			add_int(binds, G_MININT64);
		} else if (!f) {
			continue;
		} else if (f->kind == F_IN) {
			g_string_append_printf(sql, "%s%s IN (", sep, f->expr);
			for (int k = 0; k < c->n_ids; k++) {
				g_string_append(sql, k ? ", ?" : "?");
				add_int(binds, c->ids[k]);
			}
			if (!c->n_ids)
				g_string_append(sql, "NULL");
			g_string_append_c(sql, ')');
			if (f->close)
				g_string_append(sql, f->close);
		} else if (f->kind == F_INT) {
			g_string_append_printf(sql, "%s%s = ?", sep, f->expr);
			add_int(binds, c->value);
		} else if (f->kind == F_TEXT) {
			g_string_append_printf(sql, "%s%s = ?", sep, f->expr);
			add_text(binds, c->text ? c->text : "", NULL);
		} else if (f->kind == F_LOWER) {
			g_string_append_printf(sql, "%s%s = ?", sep, f->expr);
			char *low = g_ascii_strdown(c->text ? c->text : "", -1);
			add_text(binds, low, low);
		} else if (f->kind == F_ICASE) {
			g_string_append_printf(sql,
					       "%slower(%s) LIKE ? ESCAPE '\\'",
					       sep, f->expr);
			char *pat = like_pattern(c->text ? c->text : "", "");
			add_text(binds, pat, pat);
		} else {
			continue;
		}
		sep = " AND ";
	}
	/* q: every term in at least one search field, case-insensitively
	 * (Django's icontains is LIKE on SQLite; lower() on both). */
	for (char **t = l->terms; t && *t && r->search[0]; t++) {
		g_string_append_printf(sql, "%s(", sep);
		for (gsize k = 0; k < G_N_ELEMENTS(r->search) && r->search[k];
		     k++) {
			g_string_append_printf(sql,
					       "%slower(%s) LIKE ? ESCAPE '\\'",
					       k ? " OR " : "", r->search[k]);
			char *pat = like_pattern(*t, "%");
			add_text(binds, pat, pat);
		}
		g_string_append_c(sql, ')');
		sep = " AND ";
	}
	if (l->resource == DB_LIST_BUNDLES) {
		g_string_append_printf(
			sql, "%s(b.public = 1 OR b.owner_id = ?)", sep);
		add_int(binds, l->viewer_id);
		sep = " AND ";
	}
	if (l->resource == DB_LIST_EVENTS && l->no_comment_events)
		g_string_append_printf(sql,
				       "%se.category NOT IN "
				       "('cover-comment-created', "
				       "'patch-comment-created')",
				       sep);
}

/* The orderings a list uses: the known fields of l->order, else the
 * default, each with its direction; returns how many. */
static int list_orderings(const struct resource *r, const struct db_list *l,
			  const struct ordering **out, gboolean *desc)
{
	int used = 0;
	for (int pass = 0; pass < 2 && !used; pass++) {
		const char *const *names =
			pass == 0 ? l->order : &r->default_order;
		int n = pass == 0 ? l->n_order : 1;
		for (int i = 0; i < n && used < DB_LIST_MAX_ORDER; i++) {
			gboolean d = names[i][0] == '-';
			const struct ordering *o = find_order(r, names[i] + d);
			if (!o)
				continue;
			out[used] = o;
			desc[used++] = d;
		}
	}
	return used;
}

/* Appends the joins the list's orderings need, each once. */
static void build_joins(const struct resource *r, const struct db_list *l,
			GString *sql)
{
	const struct ordering *o[DB_LIST_MAX_ORDER];
	gboolean desc[DB_LIST_MAX_ORDER];
	int n = list_orderings(r, l, o, desc);
	for (int i = 0; i < n; i++) {
		gboolean seen = FALSE;
		for (int k = 0; k < i; k++)
			seen |= o[k]->join == o[i]->join;
		if (o[i]->join && !seen)
			g_string_append(sql, o[i]->join);
	}
}

/* Appends " ORDER BY ...": the list's orderings, then the id in the
 * first one's direction so that ties come out the same on every page. */
static void build_order(const struct resource *r, const struct db_list *l,
			GString *sql)
{
	const struct ordering *o[DB_LIST_MAX_ORDER];
	gboolean desc[DB_LIST_MAX_ORDER];
	int n = list_orderings(r, l, o, desc);
	gboolean by_id = FALSE;

	for (int i = 0; i < n; i++) {
		by_id |= strcmp(o[i]->expr, r->id) == 0;
		g_string_append_printf(sql, "%s%s%s%s", i ? ", " : " ORDER BY ",
				       o[i]->expr, desc[i] ? " DESC" : "",
				       !o[i]->nullable ? ""
				       : desc[i]       ? " NULLS LAST"
						       : " NULLS FIRST");
	}
	if (!by_id)
		g_string_append_printf(sql, "%s%s%s", n ? ", " : " ORDER BY ",
				       r->id, n && desc[0] ? " DESC" : "");
}

static void bind_all(struct db_query *q, GArray *binds)
{
	for (guint i = 0; i < binds->len; i++) {
		const struct bind *b = &g_array_index(binds, struct bind, i);
		if (b->text)
			db_bind_text(q, (int)i + 1, b->text);
		else
			db_bind_int(q, (int)i + 1, b->value);
	}
}

static GArray *new_binds(void)
{
	GArray *binds = g_array_new(FALSE, TRUE, sizeof(struct bind));
	g_array_set_clear_func(binds, bind_clear);
	return binds;
}

/* The table of kept counts that can count the list, or NULL: none when
 * it searches, or has a condition the counts are not kept by; per
 * project when it has none but the project (it sums a row per project),
 * else per key. */
static const char *counts_for(const struct resource *r, const struct db_list *l)
{
	gboolean project_only = !l->no_comment_events;
	if (!r->totals_from || l->terms)
		return NULL;
	for (int i = 0; i < l->n_conds; i++) {
		gboolean known = FALSE;
		for (gsize k = 0; k < G_N_ELEMENTS(r->counted) && r->counted[k];
		     k++)
			known |= strcmp(r->counted[k], l->conds[i].field) == 0;
		if (!known)
			return NULL;
		project_only &= strcmp(l->conds[i].field, "project") == 0;
	}
	return project_only ? r->totals_from : r->counts_from;
}

/* The statement counting the list's rows: a sum of kept counts when
 * they can answer (the count costs what the number of keys costs, not
 * the number of rows), else COUNT(*) through the filters' indexes. */
static GString *count_sql(const struct db_list *l, GArray *binds)
{
	const struct resource *r = &resources[l->resource];
	const char *counts = counts_for(r, l);
	GString *sql = g_string_new(NULL);
	if (counts)
		g_string_printf(sql,
				"SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) "
				"FROM %s",
				counts);
	else
		g_string_printf(sql, "SELECT COUNT(*) FROM %s", r->from);
	build_where(r, l, sql, binds);
	return sql;
}

/* The statement of a page of ids; its last two parameters are the
 * limit and the offset (added to binds by the caller). */
static GString *ids_sql(const struct db_list *l, GArray *binds)
{
	const struct resource *r = &resources[l->resource];
	GString *sql = g_string_new(NULL);
	g_string_printf(sql, "SELECT %s FROM %s", r->id, r->from);
	build_joins(r, l, sql);
	build_where(r, l, sql, binds);
	build_order(r, l, sql);
	g_string_append(sql, " LIMIT ? OFFSET ?");
	return sql;
}

char *db_list_sql(const struct db_list *l, gboolean count)
{
	g_autoptr(GArray) binds = new_binds();
	return g_string_free(count ? count_sql(l, binds) : ids_sql(l, binds),
			     FALSE);
}

enum db_status db_list_count(struct db *db, const struct db_list *l,
			     gint64 *count, GError **error)
{
	g_autoptr(GArray) binds = new_binds();
	g_autoptr(GString) sql = count_sql(l, binds);
	struct db_query *q = db_query_text(db, sql->str, error);
	if (!q)
		return DB_ERROR;
	bind_all(q, binds);
	enum db_status st = db_step(q, error);
	if (st == DB_OK)
		*count = db_col_int(q, 0);
	db_query_done(q);
	return st == DB_NOT_FOUND ? DB_ERROR : st;
}

/* db_list_ids's statement, bound. */
static struct db_query *ids_query(struct db *db, const struct db_list *l,
				  gint64 offset, gint64 limit, GError **error)
{
	g_autoptr(GArray) binds = new_binds();
	g_autoptr(GString) sql = ids_sql(l, binds);
	add_int(binds, limit);
	add_int(binds, offset);
	struct db_query *q = db_query_text(db, sql->str, error);
	if (q)
		bind_all(q, binds);
	return q;
}

void db_list_ids_prefetch(struct db *db, const struct db_list *l, gint64 offset,
			  gint64 limit)
{
	struct db_query *q = ids_query(db, l, offset, limit, NULL);
	if (q)
		db_query_prefetch(q);
}

enum db_status db_list_ids(struct db *db, const struct db_list *l,
			   gint64 offset, gint64 limit, GArray **out,
			   GError **error)
{
	struct db_query *q = ids_query(db, l, offset, limit, error);
	if (!q)
		return DB_ERROR;
	return db_collect_ints(q, 1, out, error);
}

/* ---- filter values ------------------------------------------------------ */

/* Python int() of a filter value: digits with an optional sign. */
static gboolean is_integer(const char *s, gint64 *v)
{
	char *end;
	if (!*s)
		return FALSE;
	errno = 0;
	*v = g_ascii_strtoll(s, &end, 10);
	return !*end && !errno;
}

enum db_status db_resolve(struct db *db, const char *kind, const char *value,
			  gint64 *id, GError **error)
{
	static const struct {
		const char *kind, *by_id, *by_name;
	} lookups[] = {
		{"project", "SELECT id FROM project WHERE id = ?",
		 "SELECT id FROM project WHERE lower(linkname) LIKE ? ESCAPE "
		 "'\\' "
		 "ORDER BY id LIMIT 1"},
		{"person", "SELECT id FROM person WHERE id = ?",
		 "SELECT id FROM person WHERE lower(email) LIKE ? ESCAPE '\\' "
		 "ORDER BY id LIMIT 1"},
		{"user", "SELECT id FROM users WHERE id = ?",
		 "SELECT id FROM users WHERE lower(username) LIKE ? ESCAPE "
		 "'\\' "
		 "ORDER BY id LIMIT 1"},
		{"state", "SELECT id FROM state WHERE id = ?",
		 "SELECT id FROM state WHERE lower(name) LIKE ? ESCAPE '\\' "
		 "ORDER BY id LIMIT 1"},
		{"series", "SELECT id FROM series WHERE id = ?", NULL},
		{"patch", "SELECT id FROM patch WHERE id = ?", NULL},
		{"cover", "SELECT id FROM cover WHERE id = ?", NULL},
	};
	gint64 n;

	for (gsize i = 0; i < G_N_ELEMENTS(lookups); i++) {
		if (strcmp(lookups[i].kind, kind) != 0)
			continue;
		gboolean numeric = is_integer(value, &n);
		if (!numeric && !lookups[i].by_name)
			return DB_NOT_FOUND;
		struct db_query *q = db_query(
			db, numeric ? lookups[i].by_id : lookups[i].by_name,
			error);
		if (!q)
			return DB_ERROR;
		g_autofree char *pattern = NULL;
		if (numeric) {
			db_bind_int(q, 1, n);
		} else {
			g_autofree char *name = g_strdup(value);
			if (strcmp(kind, "state") == 0)
				g_strdelimit(name, "-", ' ');
			pattern = like_pattern(name, "");
			db_bind_text(q, 1, pattern);
		}
		enum db_status st = db_step(q, error);
		if (st == DB_OK)
			*id = db_col_int(q, 0);
		db_query_done(q);
		return st;
	}
	g_set_error(error, DB_ERROR_DOMAIN, DB_ERROR, "unknown kind '%s'",
		    kind);
	return DB_ERROR;
}
