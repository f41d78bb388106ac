/*
 * The query plans of the bundle and todo pages' lists (issue 10): a
 * bundle's patches are found through bundle_patch's index and each
 * patch by its id, a todo list's through patch_delegate, a user's
 * bundles through bundle's owner index; none reads the patch table from
 * end to end. The linker sends the store's db_query and db_query_text
 * through the wrappers below, which keep the text of the last statement;
 * its EXPLAIN QUERY PLAN (SQLite, a fresh fixture without statistics, as
 * a site has) is then checked.
 */
#include "fixture.h"
#include "query-wrap.h"

/* the statements run since the last reset, in order (test thread only) */
static GPtrArray *seen;

struct db_query *__wrap_db_query(struct db *db, const char *sql, GError **error)
{
	if (seen)
		g_ptr_array_add(seen, g_strdup(sql));
	return __real_db_query(db, sql, error);
}

struct db_query *__wrap_db_query_text(struct db *db, const char *sql,
				      GError **error)
{
	if (seen)
		g_ptr_array_add(seen, g_strdup(sql));
	return __real_db_query_text(db, sql, error);
}

/* Checks the plan of every statement seen: none scans p, bp or b (SQLite
 * writes "SCAN <alias>" for a walk of a whole table or index), and
 * the page's rows are found through `index` (a count, maybe through the
 * kept counts). */
static void check_seen(struct db *db, const char *what, const char *index)
{
	g_assert_cmpuint(seen->len, >, 0);
	g_autoptr(GPtrArray) statements = g_steal_pointer(&seen);
	for (guint i = 0; i < statements->len; i++) {
		g_autofree char *plan = fixture_plan(db, statements->pdata[i]);
		g_test_message("%s: %s\n%s", what, (char *)statements->pdata[i],
			       plan);
		g_auto(GStrv) lines = g_strsplit(plan, "\n", -1);
		for (char **l = lines; *l; l++)
			g_assert_false(g_str_has_prefix(*l, "SCAN p") ||
				       g_str_has_prefix(*l, "SCAN bp") ||
				       g_str_has_prefix(*l, "SCAN b"));
		/* or a sum of the kept counts (store/count.c), a few rows */
		g_assert_true(strstr(plan, index) ||
			      strstr(plan, "SEARCH c USING INDEX "
					   "sqlite_autoindex_patch_count"));
	}
	g_ptr_array_set_size(statements, 0);
	seen = g_steal_pointer(&statements);
}

static void page(struct db *db, const struct db_web_filter *filter)
{
	GError *error = NULL;
	gint64 count;
	g_autoptr(GArray) rows = NULL;
	fixture_ok(db_web_patch_count(db, filter, &count, &error), error);
	fixture_ok(db_web_patch_page(db, filter, NULL, 0, 100, &rows, &error),
		   error);
}

static void test_plans(void)
{
	struct fixture f;
	GError *error = NULL;
	fixture_open(&f);
	seen = g_ptr_array_new_with_free_func(g_free);

	/* a bundle: its owner's order, anyone's, with filters */
	struct db_web_filter bundle = {.bundle_id = 1, .bundle_order = TRUE};
	page(f.db, &bundle);
	check_seen(f.db, "bundle, owner", "bp USING");
	bundle.bundle_order = FALSE;
	bundle.order = "name";
	bundle.state_id = 1;
	bundle.search = "x";
	page(f.db, &bundle);
	check_seen(f.db, "bundle, ordered by name", "bp USING");

	/* a todo list: the default filters, a state, an order */
	struct db_web_filter todo = {.project_id = f.project,
				     .delegate_id = f.maint};
	page(f.db, &todo);
	check_seen(f.db, "todo", "patch_delegate");
	todo.state_id = 1;
	todo.order = "submitter";
	page(f.db, &todo);
	check_seen(f.db, "todo, a state", "patch_delegate");

	/* the todo lists and the bundle lists */
	g_autoptr(GArray) lists = NULL;
	fixture_ok(db_web_todo_lists(f.db, f.maint, &lists, &error), error);
	check_seen(f.db, "todo lists", "patch_delegate");
	g_autoptr(GArray) bundles = NULL;
	fixture_ok(db_web_user_bundles(f.db, f.maint, 0, &bundles, &error),
		   error);
	check_seen(f.db, "bundle list", "b USING");

	g_clear_pointer(&seen, g_ptr_array_unref);
	fixture_close(&f);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/web/plans", test_plans);
	return g_test_run();
}
