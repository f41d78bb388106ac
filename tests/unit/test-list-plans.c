/*
 * The query plans of the REST API's lists (issue 9): for every list
 * endpoint and every filter and ordering Patchwork offers on it, the
 * statements store/list.c runs (db_list_sql) must find their rows through
 * an index, never by reading the whole patch, event, cover or series
 * table; an unfiltered list may walk an index in list order (its page is
 * the first rows of the walk) but not sort the table. The database's
 * plan (db_plan_text) shows what it would do.
 *
 * By default the plans are those of a fresh SQLite fixture database,
 * whose tables have no statistics (darn never runs ANALYZE: this is what
 * a site gets). With DARN_PLAN_DB set to a database path or a
 * postgresql:// URI, the plans of that database are checked
 * (tests/t/t0090-scale.sh runs it on a generated database, on either
 * backend).
 *
 * SQLite's EXPLAIN QUERY PLAN without statistics takes every index to be
 * selective, so its plan shows whether an index serves. PostgreSQL's
 * planner prices by the statistics, and on a test's small database a
 * sequential scan or a sort is rightly cheaper than an index: its plan
 * would not tell whether an index could serve. So PostgreSQL's plans are
 * taken with enable_seqscan off (DB_PLAN_NO_FULL_SCAN), and with
 * enable_sort off (DB_PLAN_NO_SORT) where the index must give the order
 * (the unfiltered lists); the planner then takes any index that can
 * serve, and a Seq Scan or a Sort still there means none can, which is
 * what this test catches (tests/unit/pg-plan.h reads the plans). For a
 * filtered list a LIMIT also makes walking the id index and testing
 * each row look cheap when the filter matches a large share of a small
 * table, which reads every row when it matches few: enable_indexscan is
 * off as well (DB_PLAN_NO_INDEX_WALK), so the rows come from an index
 * search (an index-only or bitmap scan) when an index can serve, and a
 * walk of a whole index that remains means none can.
 */
#include "fixture.h"
#include "pg-plan.h"
#include "store/query.h"

/* The tables that grow with the archive, by the aliases list.c gives
 * them. */
static const char *const big_aliases[] = {"p", "e", "c", "s", "m", "k", NULL};

struct plan_case {
	enum db_list_resource resource;
	/* "field=value ..." (see build_list); a leading "!" marks the
	 * documented exceptions, which may read every row: orderings no
	 * index can give (a subquery per row) and q (substring search) */
	const char *params;
};

/* Fills l from "field=v1,v2 field=text order=-date parent=1 q=x":
 * numbers are ids (or the value of archived, since...), anything else
 * is text. */
static void build_list(struct db_list *l, enum db_list_resource resource,
		       const char *params, GPtrArray *keep)
{
	*l = (struct db_list){.resource = resource, .viewer_id = 1};
	g_auto(GStrv) words = g_strsplit(params, " ", -1);
	for (char **w = words; *w; w++) {
		if (!**w)
			continue;
		char *eq = strchr(*w, '=');
		g_assert_nonnull(eq);
		char *name = g_strndup(*w, eq - *w);
		g_ptr_array_add(keep, name);
		char *value = g_strdup(eq + 1);
		g_ptr_array_add(keep, value);
		if (strcmp(name, "order") == 0) {
			l->order[l->n_order++] = value;
			continue;
		}
		if (strcmp(name, "parent") == 0) {
			l->parent_id = g_ascii_strtoll(value, NULL, 10);
			continue;
		}
		if (strcmp(name, "q") == 0) {
			l->terms =
				g_strsplit(value, ",", -1); /* caller frees */
			continue;
		}
		if (strcmp(name, "old-api") == 0) {
			l->no_comment_events = TRUE;
			continue;
		}
		struct db_cond *c = db_list_add(l, name);
		g_assert_nonnull(c);
		g_auto(GStrv) values = g_strsplit(value, ",", -1);
		for (char **v = values; *v; v++) {
			char *end;
			gint64 n = g_ascii_strtoll(*v, &end, 10);
			if (*end) {
				c->text = g_strdup(*v);
				g_ptr_array_add(keep, (char *)c->text);
			} else {
				c->ids[c->n_ids++] = n;
				c->value = n;
			}
		}
	}
}

/* The plan line scanning a big table, or NULL: "SCAN p" and "SCAN p
 * USING [COVERING] INDEX x" read the table or one of its indexes from
 * end to end unless a LIMIT stops them. */
static const char *big_scan(const char *plan, gboolean *through_index)
{
	g_auto(GStrv) lines = g_strsplit(plan, "\n", -1);
	static char found[256];
	for (char **line = lines; *line; line++) {
		for (gsize i = 0; big_aliases[i]; i++) {
			g_autofree char *scan =
				g_strconcat("SCAN ", big_aliases[i], NULL);
			gsize n = strlen(scan);
			if (strncmp(*line, scan, n) != 0 ||
			    ((*line)[n] != '\0' && (*line)[n] != ' '))
				continue;
			*through_index = strstr(*line, "INDEX") != NULL;
			g_strlcpy(found, *line, sizeof(found));
			return found;
		}
	}
	return NULL;
}

static int failures;

static const char *const resource_names[] = {
	[DB_LIST_PATCHES] = "patches",
	[DB_LIST_COVERS] = "covers",
	[DB_LIST_SERIES] = "series",
	[DB_LIST_PATCH_COMMENTS] = "patch comments",
	[DB_LIST_COVER_COMMENTS] = "cover comments",
	[DB_LIST_CHECKS] = "checks",
	[DB_LIST_EVENTS] = "events",
	[DB_LIST_BUNDLES] = "bundles",
	[DB_LIST_PEOPLE] = "people",
	[DB_LIST_ALL_CHECKS] = "all checks",
	[DB_LIST_USERS] = "users",
};
G_STATIC_ASSERT(G_N_ELEMENTS(resource_names) == DB_LIST_USERS + 1);

/* The plan's full scan of a big table (the line, *through_index) and
 * whether it sorts a whole result, on either backend. */
static const char *full_scan(const char *plan, gboolean pg,
			     gboolean *through_index, char *found, gsize n)
{
	if (!pg)
		return big_scan(plan, through_index);
	return pg_plan_full_scan(plan, big_aliases, through_index, found, n)
		       ? found
		       : NULL;
}

static void check_case(struct db *db, gboolean pg, const struct plan_case *pc)
{
	g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func(g_free);
	struct db_list l;
	gboolean may_sort_all = pc->params[0] == '!';
	build_list(&l, pc->resource, pc->params + may_sort_all, keep);
	g_auto(GStrv) terms = l.terms;

	g_autofree char *count_sql = db_list_sql(&l, TRUE);
	g_autofree char *ids_sql = db_list_sql(&l, FALSE);
	gboolean filtered = l.n_conds > 0 || l.terms || l.parent_id;
	/* PostgreSQL: see the comment at the top. A filtered list must
	 * find its rows by an index search (its order may come from a sort
	 * of them); an unfiltered one walks an index in its order. */
	enum db_plan_flags flags =
		!pg	   ? DB_PLAN_AS_RUN
		: filtered ? DB_PLAN_NO_FULL_SCAN | DB_PLAN_NO_INDEX_WALK
			   : DB_PLAN_NO_FULL_SCAN | DB_PLAN_NO_SORT;
	g_autofree char *count_plan = fixture_plan(db, count_sql, flags);
	g_autofree char *ids_plan = fixture_plan(db, ids_sql, flags);
	gboolean index = FALSE;
	const char *why = NULL, *line = NULL;
	char count_found[256], ids_found[256];

	/* a sum of kept counts reads the count table, a few rows */
	const char *scan =
		strstr(count_sql, "SUM(n)")
			? NULL
			: full_scan(count_plan, pg, &index, count_found,
				    sizeof(count_found));
	if (scan && !may_sort_all) {
		why = "the count scans a table";
		line = scan;
	}
	scan = full_scan(ids_plan, pg, &index, ids_found, sizeof(ids_found));
	gboolean sorts =
		pg ? pg_plan_sorts(ids_plan) > 0
		   : strstr(ids_plan, "TEMP B-TREE FOR ORDER BY") != NULL;
	const char *page_why = NULL;
	if (scan && !may_sort_all) {
		if (filtered)
			page_why = "the page scans a table for a filter";
		else if (!index)
			page_why = pg ? "the page reads the whole table (no "
					"index gives the order)"
				      : "the page reads the table in id order "
					"(rows, not an index)";
		else if (sorts)
			page_why = "the page sorts a whole table";
	}
	if (page_why) {
		why = page_why;
		line = scan;
	}
	/* The plan darn runs is the generic plan (force_generic_plan):
	 * its conditions compare with $n, not with the NULLs EXPLAIN
	 * EXECUTE passed (db_plan_text). */
	if (pg && filtered && !strstr(ids_plan, "$1"))
		why = "not the generic plan (no $1 in it)";
	printf("# %s %s %s: %s%s%s%s\n#   count: %s\n#   page:  %s\n",
	       why ? "FAIL" : "ok", resource_names[pc->resource], pc->params,
	       why ? why : "", line ? " (" : "", line ? line : "",
	       line ? ")" : "", count_plan, ids_plan);
	if (why)
		failures++;
}

/* Every list endpoint with each filter and ordering of rest-api.md §5
 * (values are arbitrary ids: the plan does not depend on them). */
static const struct plan_case cases[] = {
	{DB_LIST_PATCHES, ""},
	{DB_LIST_PATCHES, "project=1"},
	{DB_LIST_PATCHES, "project=1,2"},
	{DB_LIST_PATCHES, "series=1"},
	{DB_LIST_PATCHES, "submitter=1"},
	{DB_LIST_PATCHES, "delegate=1"},
	{DB_LIST_PATCHES, "state=1"},
	{DB_LIST_PATCHES, "state=1,2"},
	{DB_LIST_PATCHES, "archived=0"},
	{DB_LIST_PATCHES, "hash=abc"},
	{DB_LIST_PATCHES, "msgid=<a@b>"},
	{DB_LIST_PATCHES, "since=1"},
	{DB_LIST_PATCHES, "before=1"},
	{DB_LIST_PATCHES, "project=1 state=1,2 archived=0"},
	{DB_LIST_PATCHES, "project=1 delegate=1"},
	{DB_LIST_PATCHES, "project=1 submitter=1"},
	{DB_LIST_PATCHES, "project=1 since=1"},
	{DB_LIST_PATCHES, "order=id"},
	{DB_LIST_PATCHES, "order=-id"},
	{DB_LIST_PATCHES, "order=name"},
	{DB_LIST_PATCHES, "order=project"},
	{DB_LIST_PATCHES, "order=-date"},
	{DB_LIST_PATCHES, "order=date"},
	{DB_LIST_PATCHES, "order=state"},
	{DB_LIST_PATCHES, "order=archived"},
	{DB_LIST_PATCHES, "order=-submitter"},
	{DB_LIST_PATCHES, "!order=check"},
	{DB_LIST_PATCHES, "!q=cifs"},
	{DB_LIST_PATCHES, "project=1 order=-date"},
	{DB_LIST_COVERS, ""},
	{DB_LIST_COVERS, "project=1"},
	{DB_LIST_COVERS, "series=1"},
	{DB_LIST_COVERS, "submitter=1"},
	{DB_LIST_COVERS, "msgid=<a@b>"},
	{DB_LIST_COVERS, "since=1"},
	{DB_LIST_COVERS, "before=1"},
	{DB_LIST_COVERS, "order=name"},
	{DB_LIST_COVERS, "order=-date"},
	{DB_LIST_COVERS, "order=submitter"},
	{DB_LIST_COVERS, "!q=cifs"},
	{DB_LIST_SERIES, ""},
	{DB_LIST_SERIES, "project=1"},
	{DB_LIST_SERIES, "submitter=1"},
	{DB_LIST_SERIES, "since=1"},
	{DB_LIST_SERIES, "before=1"},
	{DB_LIST_SERIES, "order=-date"},
	{DB_LIST_SERIES, "order=name"},
	{DB_LIST_SERIES, "order=submitter"},
	{DB_LIST_SERIES, "!order=received_all"},
	{DB_LIST_SERIES, "!q=cifs"},
	{DB_LIST_EVENTS, ""},
	{DB_LIST_EVENTS, "old-api=1"},
	{DB_LIST_EVENTS, "project=1"},
	{DB_LIST_EVENTS, "category=patch-created"},
	{DB_LIST_EVENTS, "project=1 category=series-completed"},
	{DB_LIST_EVENTS, "series=1"},
	{DB_LIST_EVENTS, "patch=1"},
	{DB_LIST_EVENTS, "cover=1"},
	{DB_LIST_EVENTS, "actor=1"},
	{DB_LIST_EVENTS, "since=1"},
	{DB_LIST_EVENTS, "before=1"},
	{DB_LIST_EVENTS, "project=1 since=1"},
	{DB_LIST_EVENTS, "category=check-created since=1"},
	{DB_LIST_EVENTS, "order=date"},
	{DB_LIST_PATCH_COMMENTS, "parent=1"},
	{DB_LIST_PATCH_COMMENTS, "parent=1 order=-date"},
	{DB_LIST_COVER_COMMENTS, "parent=1"},
	{DB_LIST_CHECKS, "parent=1"},
	{DB_LIST_CHECKS, "parent=1 user=1 state=1 context=ci"},
	{DB_LIST_CHECKS, "parent=1 order=-date"},
	{DB_LIST_BUNDLES, ""},
	{DB_LIST_BUNDLES, "project=1 owner=1 public=1"},
	{DB_LIST_PEOPLE, ""},
	{DB_LIST_PEOPLE, "q=steve"},
	{DB_LIST_USERS, ""},
	{DB_LIST_USERS, "order=username"},
};

/* The database of DARN_PLAN_DB in a read transaction, else (NULL) a
 * fixture's in its write transaction. *pg: a PostgreSQL database. */
static struct db *plan_db(struct fixture *f, gboolean *pg)
{
	GError *error = NULL;
	const char *location = g_getenv("DARN_PLAN_DB");
	struct db *db;

	*pg = plan_db_is_pg(location);
	if (location && *location) {
		fixture_ok(
			db_open(location, 5000, DB_OPEN_EXISTING, &db, &error),
			error);
		fixture_ok(db_begin_read(db, &error), error);
		return db;
	}
	fixture_open(f);
	return f->db;
}

static void plan_db_close(struct fixture *f, struct db *db)
{
	if (f->db) {
		fixture_close(f);
	} else {
		db_rollback(db);
		db_close(db);
	}
}

static void test_plans(void)
{
	struct fixture f = {0};
	gboolean pg;
	struct db *db = plan_db(&f, &pg);

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++)
		check_case(db, pg, &cases[i]);
	plan_db_close(&f, db);
	g_assert_cmpint(failures, ==, 0);
}

/*
 * The web's patch list (store/web.c, db_web_patch_sql): the count and
 * the choice of a page's ids read patches only through a covering index
 * (a row of patch read for a filter reads the mail's text stored in it),
 * and the default view (action required, not archived, newest first)
 * walks its index in list order without sorting. The page's rows are
 * then read by id. Substring searches (q) read the name from the rows.
 */
struct web_plan_case {
	const char *name;
	struct db_web_filter f;
	gboolean reads_rows; /* q: a LIKE on the name */
	gboolean sorted;     /* the index gives the order */
};

static const struct web_plan_case web_cases[] = {
	{"default",
	 {.project_id = 1, .archived = 0, .order = "date", .descending = TRUE},
	 FALSE,
	 TRUE},
	{"state",
	 {.project_id = 1, .archived = 0, .state_id = 2},
	 FALSE,
	 FALSE},
	{"any state, both",
	 {.project_id = 1, .archived = -1, .any_state = TRUE},
	 FALSE,
	 FALSE},
	{"series",
	 {.project_id = 1, .archived = 0, .series_id = 3},
	 FALSE,
	 FALSE},
	{"submitter",
	 {.project_id = 1, .archived = 0, .submitter_id = 3},
	 FALSE,
	 FALSE},
	{"submitter name",
	 {.project_id = 1, .archived = 0, .submitter_match = "bob"},
	 FALSE,
	 FALSE},
	{"delegate",
	 {.project_id = 1, .archived = 0, .delegate_id = 2},
	 FALSE,
	 FALSE},
	{"no delegate",
	 {.project_id = 1, .archived = 0, .no_delegate = TRUE},
	 FALSE,
	 FALSE},
	{"delegate name",
	 {.project_id = 1, .archived = 0, .delegate_match = "maint"},
	 FALSE,
	 FALSE},
	{"order submitter",
	 {.project_id = 1, .archived = 0, .order = "submitter"},
	 FALSE,
	 FALSE},
	{"order state",
	 {.project_id = 1, .archived = 0, .order = "state"},
	 FALSE,
	 FALSE},
	{"order delegate",
	 {.project_id = 1,
	  .archived = 0,
	  .order = "delegate",
	  .descending = TRUE},
	 FALSE,
	 FALSE},
	{"q", {.project_id = 1, .archived = 0, .search = "cifs"}, TRUE, FALSE},
};

/* The first line of plan that reads patch rows other than by id. */
static const char *reads_patch_rows(const char *plan)
{
	g_auto(GStrv) lines = g_strsplit(plan, "\n", -1);
	static char found[256];
	for (char **line = lines; *line; line++) {
		if (strncmp(*line, "SEARCH p ", 9) != 0 &&
		    strcmp(*line, "SCAN p") != 0 &&
		    strncmp(*line, "SCAN p ", 7) != 0)
			continue;
		/* a delegate's patches are few (the todo lists): reading
		 * them through patch_delegate is cheaper than walking the
		 * project's entries */
		if (strstr(*line, "COVERING INDEX") ||
		    strstr(*line, "INTEGER PRIMARY KEY") ||
		    strstr(*line, "INDEX patch_delegate "))
			continue;
		g_strlcpy(found, *line, sizeof(found));
		return found;
	}
	return NULL;
}

/* The same on PostgreSQL: a node on patch p that reads its rows (a Seq
 * Scan, a Bitmap Heap Scan, an Index Scan), unless by id (an Index Cond
 * on id, whichever index has it first), through patch_delegate (as on
 * SQLite), or through a series' patches (its unique index: a series has
 * a few patches, and PostgreSQL takes that index, the most selective,
 * where SQLite skips through patch_list_date), by an Index Scan or by a
 * Bitmap Heap Scan over those indexes; an Index Only Scan reads the index
 * alone. A walk of a whole index, only or not, reads every
 * entry (a full scan). */
static const char *pg_reads_patch_rows(const char *plan)
{
	static const char *const p[] = {"p", NULL};
	static char found[256];
	gboolean index;
	if (pg_plan_full_scan(plan, p, &index, found, sizeof(found)))
		return found;
	g_auto(GStrv) lines = g_strsplit(plan, "\n", -1);
	for (char **line = lines; *line; line++) {
		const char *node = pg_plan_node(lines, line);
		if (!node || !pg_plan_on(node, "p") ||
		    g_str_has_prefix(node, "Index Only Scan ") ||
		    pg_plan_detail(line, "Index Cond: (id = ") ||
		    strstr(node, " using patch_delegate ") ||
		    strstr(node, " using patch_series_id_number_key ") ||
		    pg_plan_below(line, " on patch_delegate") ||
		    pg_plan_below(line, " on patch_series_id_number_key"))
			continue;
		g_strlcpy(found, node, sizeof(found));
		return found;
	}
	return NULL;
}

/* The sorts of plan: the rows of a web page are sorted once, by id
 * lookups of a page's worth; any other sort sorts candidates. */
static int temp_sorts(const char *plan, gboolean pg)
{
	if (pg)
		return pg_plan_sorts(plan);
	int n = 0;
	for (const char *p = plan; (p = strstr(p, "TEMP B-TREE")); p++)
		n++;
	return n;
}

static void test_web_plans(void)
{
	struct fixture fx = {0};
	gboolean pg;
	struct db *db = plan_db(&fx, &pg);
	const char *(*reads_rows)(const char *) =
		pg ? pg_reads_patch_rows : reads_patch_rows;
	for (gsize i = 0; i < G_N_ELEMENTS(web_cases); i++) {
		const struct web_plan_case *c = &web_cases[i];
		g_autofree char *count_sql = db_web_patch_sql(&c->f, TRUE);
		g_autofree char *page_sql = db_web_patch_sql(&c->f, FALSE);
		/* PostgreSQL: as test_plans (the comment at the top), but
		 * the rows of the page are sorted once whatever the view:
		 * with enable_sort off the planner walks the whole patch
		 * table in date order to join the page to it rather than
		 * sort it. temp_sorts counts the sorts instead. */
		enum db_plan_flags flags =
			pg ? DB_PLAN_NO_FULL_SCAN : DB_PLAN_AS_RUN;
		g_autofree char *count_plan =
			fixture_plan(db, count_sql, flags);
		g_autofree char *page_plan = fixture_plan(db, page_sql, flags);
		const char *why = NULL, *line = NULL;
		if ((line = reads_rows(count_plan)) && !c->reads_rows)
			why = "the count reads patch rows";
		else if ((line = reads_rows(page_plan)) && !c->reads_rows)
			why = "the page's ids read patch rows";
		else if (c->sorted && temp_sorts(page_plan, pg) > 1)
			why = "the default view sorts"; /* beyond the page */
		if (why) {
			g_printerr("web list %s: %s (%s)\n%s\n%s\n%s\n",
				   c->name, why, line ? line : "", count_plan,
				   page_sql, page_plan);
			failures++;
		}
	}
	plan_db_close(&fx, db);
	g_assert_cmpint(failures, ==, 0);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/list/plans", test_plans);
	g_test_add_func("/list/web-plans", test_web_plans);
	return g_test_run();
}
