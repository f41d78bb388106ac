/*
 * The query plans of the bundle and todo pages' lists (issue 10): a
 * bundle's patches are found through bundle_patch's index and each
 * patch by its id, a todo list's through patch_delegate, a user's
 * bundles through bundle's owner index; none reads the patch table from
 * end to end. The linker sends the store's db_query and db_query_text
 * through the wrappers below, which keep the text of the last statement;
 * its plan (db_plan_text) is then checked: by default SQLite's, of a
 * fresh fixture without statistics, as a site has; with DARN_PLAN_DB
 * set, that database's (tests/t/t0090-scale.sh: a generated one, SQLite
 * or PostgreSQL, with ids that may not exist: the plans do not depend
 * on them). PostgreSQL's plans are taken with enable_seqscan and
 * enable_indexscan off, as those of a filtered API list, for the reasons
 * tests/unit/test-list-plans.c gives: every statement here is filtered
 * (a bundle, a delegate, an owner), and on a small database walking the
 * id index and testing each row may rightly be cheaper than a search.
 */
#include "fixture.h"
#include "pg-plan.h"
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
 * the page's rows are found through `index` (SQLite) or `pg_index` (a
 * count, maybe through the kept counts). */
static void check_seen(struct db *db, gboolean pg, const char *what,
		       const char *index, const char *pg_index)
{
	static const char *const aliases[] = {"p", "bp", "b", NULL};
	g_assert_cmpuint(seen->len, >, 0);
	g_autoptr(GPtrArray) statements = g_steal_pointer(&seen);
	for (guint i = 0; i < statements->len; i++) {
		enum db_plan_flags flags =
			pg ? DB_PLAN_NO_FULL_SCAN | DB_PLAN_NO_INDEX_WALK
			   : DB_PLAN_AS_RUN;
		g_autofree char *plan =
			fixture_plan(db, statements->pdata[i], flags);
		g_test_message("%s: %s\n%s", what, (char *)statements->pdata[i],
			       plan);
		if (pg) {
			char found[256];
			gboolean through_index;
			if (pg_plan_full_scan(plan, aliases, &through_index,
					      found, sizeof(found)))
				g_error("%s: a full scan (%s)\n%s\n%s", what,
					found, (char *)statements->pdata[i],
					plan);
			if (!strstr(plan, pg_index) &&
			    !strstr(plan, " on patch_count c"))
				g_error("%s: not through %s\n%s\n%s", what,
					pg_index, (char *)statements->pdata[i],
					plan);
			continue;
		}
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
	struct fixture f = {0};
	GError *error = NULL;
	const char *location = g_getenv("DARN_PLAN_DB");
	gboolean pg = plan_db_is_pg(location);
	struct db *db;
	gint64 project = 1, maint = 1;
	if (location && *location) {
		fixture_ok(
			db_open(location, 5000, DB_OPEN_EXISTING, &db, &error),
			error);
		fixture_ok(db_begin_read(db, &error), error);
	} else {
		fixture_open(&f);
		db = f.db;
		project = f.project;
		maint = f.maint;
	}
	seen = g_ptr_array_new_with_free_func(g_free);

	/* a bundle: its owner's order, anyone's, with filters */
	struct db_web_filter bundle = {.bundle_id = 1, .bundle_order = TRUE};
	page(db, &bundle);
	check_seen(db, pg, "bundle, owner", "bp USING", " on bundle_patch bp");
	bundle.bundle_order = FALSE;
	bundle.order = "name";
	bundle.state_id = 1;
	bundle.search = "x";
	page(db, &bundle);
	check_seen(db, pg, "bundle, ordered by name", "bp USING",
		   " on bundle_patch bp");

	/* a todo list: the default filters, a state, an order */
	struct db_web_filter todo = {.project_id = project,
				     .delegate_id = maint};
	page(db, &todo);
	check_seen(db, pg, "todo", "patch_delegate", "patch_delegate");
	todo.state_id = 1;
	todo.order = "submitter";
	page(db, &todo);
	check_seen(db, pg, "todo, a state", "patch_delegate", "patch_delegate");

	/* the todo lists and the bundle lists */
	g_autoptr(GArray) lists = NULL;
	fixture_ok(db_web_todo_lists(db, maint, &lists, &error), error);
	check_seen(db, pg, "todo lists", "patch_delegate", "patch_delegate");
	g_autoptr(GArray) bundles = NULL;
	fixture_ok(db_web_user_bundles(db, maint, 0, &bundles, &error), error);
	check_seen(db, pg, "bundle list", "b USING", " on bundle b");

	g_clear_pointer(&seen, g_ptr_array_unref);
	if (f.db) {
		fixture_close(&f);
	} else {
		db_rollback(db);
		db_close(db);
	}
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/web/plans", test_plans);
	return g_test_run();
}
