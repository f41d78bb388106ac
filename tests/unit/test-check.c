/*
 * The combined check state (rest-api.md §9.2, §9.3): check.c's, and the
 * store's, which reads it with the patch in SQL (store/read.c CHECK_RANK):
 * the two must agree on every set of checks.
 */
#include "core/check.h"
#include "fixture.h"

struct row {
	gint64 user, date;
	const char *context;
	int state;
};

static enum check_state combined(const struct row *rows, gsize n)
{
	GArray *checks = g_array_new(FALSE, TRUE, sizeof(struct db_check));
	for (gsize i = 0; i < n; i++) {
		struct db_check c = {0};
		c.id = (gint64)i + 1;
		c.user.id = rows[i].user;
		c.date = rows[i].date;
		c.context = (char *)rows[i].context;
		c.state = rows[i].state;
		g_array_append_val(checks, c);
	}
	enum check_state s = check_combined_state(checks);
	g_array_free(checks, TRUE);
	return s;
}

static void test_none_is_pending(void)
{
	g_assert_cmpint(combined(NULL, 0), ==, CHECK_PENDING);
	g_assert_cmpint(check_combined_state(NULL), ==, CHECK_PENDING);
}

static void test_precedence(void)
{
	const struct row all_ok[] = {{1, 10, "a", 1}, {1, 10, "b", 1}};
	const struct row one_pending[] = {{1, 10, "a", 1}, {1, 10, "b", 0}};
	const struct row warning[] = {{1, 10, "a", 0}, {1, 10, "b", 2}};
	const struct row fail[] = {
		{1, 10, "a", 2}, {1, 10, "b", 3}, {1, 10, "c", 0}};
	g_assert_cmpint(combined(all_ok, 2), ==, CHECK_SUCCESS);
	g_assert_cmpint(combined(one_pending, 2), ==, CHECK_PENDING);
	g_assert_cmpint(combined(warning, 2), ==, CHECK_WARNING);
	g_assert_cmpint(combined(fail, 3), ==, CHECK_FAIL);
}

static void test_latest_per_user_and_context(void)
{
	/* a newer success replaces the failure of the same user and
	 * context; another user's failure stays */
	const struct row fixed[] = {{1, 10, "build", 3}, {1, 20, "build", 1}};
	const struct row other_user[] = {{1, 10, "build", 3},
					 {2, 20, "build", 1}};
	/* older by date though later by id: the newer date wins */
	const struct row by_date[] = {{1, 20, "build", 3}, {1, 10, "build", 1}};
	/* equal dates: the later one */
	const struct row tie[] = {{1, 10, "build", 3}, {1, 10, "build", 1}};
	g_assert_cmpint(combined(fixed, 2), ==, CHECK_SUCCESS);
	g_assert_cmpint(combined(other_user, 2), ==, CHECK_FAIL);
	g_assert_cmpint(combined(by_date, 2), ==, CHECK_FAIL);
	g_assert_cmpint(combined(tie, 2), ==, CHECK_SUCCESS);
}

/* Random sets of checks (few users, contexts and dates, so that latest
 * checks tie and supersede each other), each on its own patch: the state
 * db_patch_get reads, and a page's (DB_PATCH_CHECK_STATES), is the state
 * check.c computes from the checks. */
static void test_store_agrees(void)
{
	struct fixture f;
	GError *error = NULL;
	fixture_open(&f);
	gint64 users[] = {f.maint, f.alice, f.bob};
	const char *contexts[] = {"build", "test"};
	g_autoptr(GRand) rand = g_rand_new_with_seed(9);
	g_autoptr(GArray) patches = g_array_new(FALSE, FALSE, sizeof(gint64));
	for (int i = 0; i < 300; i++) {
		gint64 patch = fixture_patch(&f, f.project, f.stranger_person,
					     1700000000000000 + i);
		g_array_append_val(patches, patch);
		for (int n = g_rand_int_range(rand, 0, 7); n > 0; n--) {
			struct db_check_new k = {
				.patch_id = patch,
				.user_id = users[g_rand_int_range(rand, 0, 3)],
				.date = g_rand_int_range(rand, 0, 4),
				.state = g_rand_int_range(rand, 0, 4),
				.context =
					contexts[g_rand_int_range(rand, 0, 2)]};
			gint64 id;
			fixture_ok(db_check_insert(f.db, &k, &id, &error),
				   error);
		}
	}
	/* a page's states at once: (patch, state) pairs */
	g_autoptr(GArray) pairs = NULL;
	fixture_ok(db_members_many(f.db, DB_PATCH_CHECK_STATES, patches, &pairs,
				   &error),
		   error);
	int seen[4] = {0};
	for (guint i = 0; i < patches->len; i++) {
		gint64 patch = g_array_index(patches, gint64, i);
		GArray *checks = NULL;
		fixture_ok(db_patch_checks(f.db, patch, &checks, &error),
			   error);
		g_auto(db_submission) s = {0};
		fixture_ok(db_patch_get(f.db, patch, 0, &s, &error), error);
		enum check_state want = check_combined_state(checks);
		g_assert_cmpint(s.check_state, ==, want);
		gint64 paged = CHECK_PENDING;
		for (guint k = 0; k + 1 < pairs->len; k += 2)
			if (g_array_index(pairs, gint64, k) == patch)
				paged = g_array_index(pairs, gint64, k + 1);
		g_assert_cmpint(paged, ==, want);
		seen[want]++;
		db_checks_free(checks);
	}
	/* every state came up */
	for (int k = 0; k < 4; k++)
		g_assert_cmpint(seen[k], >, 0);
	fixture_close(&f);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/check/none", test_none_is_pending);
	g_test_add_func("/check/precedence", test_precedence);
	g_test_add_func("/check/latest", test_latest_per_user_and_context);
	g_test_add_func("/check/store", test_store_agrees);
	return g_test_run();
}
