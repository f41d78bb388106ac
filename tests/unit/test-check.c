/*
 * The combined check state (rest-api.md §9.2, §9.3).
 */
#include "core/check.h"

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

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/check/none", test_none_is_pending);
	g_test_add_func("/check/precedence", test_precedence);
	g_test_add_func("/check/latest", test_latest_per_user_and_context);
	return g_test_run();
}
