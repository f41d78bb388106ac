/*
 * The failed-login table (src/http/throttle.c): limits per address and
 * per account within a window, attempts that did not fail taken back,
 * IPv6 /64 keys, and a bounded number of entries.
 */
#include "http/throttle.h"

#define S G_USEC_PER_SEC

/* `n` failed attempts of address/account at time `now`, all let through. */
static void fail(struct http_throttle *t, const char *address,
		 const char *account, int n, gint64 now)
{
	for (int i = 0; i < n; i++)
		g_assert_true(http_throttle_begin(t, address, account, now));
}

static void test_per_address(void)
{
	g_autoptr(http_throttle) t = http_throttle_new(3, 0, 10, 100);
	fail(t, "10.0.0.1", "a", 1, 0);
	fail(t, "10.0.0.1", "b", 1, 1 * S);
	fail(t, "10.0.0.1", "c", 1, 2 * S);
	/* the fourth attempt within 10 s of the first: refused */
	g_assert_false(http_throttle_begin(t, "10.0.0.1", "d", 3 * S));
	g_assert_false(http_throttle_begin(t, "10.0.0.1", NULL, 9 * S));
	/* another address is not */
	g_assert_true(http_throttle_begin(t, "10.0.0.2", "d", 3 * S));
	/* the window passes */
	g_assert_true(http_throttle_begin(t, "10.0.0.1", "d", 10 * S));
}

static void test_per_account(void)
{
	g_autoptr(http_throttle) t = http_throttle_new(0, 2, 10, 100);
	fail(t, "10.0.0.1", "alice", 1, 0);
	fail(t, "10.0.0.2", "alice", 1, 0);
	g_assert_false(http_throttle_begin(t, "10.0.0.3", "alice", S));
	g_assert_true(http_throttle_begin(t, "10.0.0.3", "bob", S));
	/* a refused attempt is not counted: alice is free after 10 s */
	g_assert_true(http_throttle_begin(t, "10.0.0.3", "alice", 10 * S));
	/* usernames are compared exactly, long ones by their hash */
	g_assert_true(http_throttle_begin(t, "10.0.0.3", "Alice", 10 * S));
	g_autofree char *long_name = g_strnfill(100000, 'x');
	fail(t, NULL, long_name, 2, 0);
	g_assert_false(http_throttle_begin(t, NULL, long_name, S));
	long_name[99999] = 'y';
	g_assert_true(http_throttle_begin(t, NULL, long_name, S));
}

static void test_cancel(void)
{
	g_autoptr(http_throttle) t = http_throttle_new(2, 2, 10, 100);
	/* right passwords do not count, however many */
	for (int i = 0; i < 10; i++) {
		g_assert_true(http_throttle_begin(t, "10.0.0.1", "bob", 0));
		http_throttle_cancel(t, "10.0.0.1", "bob");
	}
	fail(t, "10.0.0.1", "bob", 2, 0);
	g_assert_false(http_throttle_begin(t, "10.0.0.1", "bob", 0));
	/* no table: never refused */
	g_assert_true(http_throttle_begin(NULL, "10.0.0.1", "bob", 0));
	http_throttle_cancel(NULL, "10.0.0.1", "bob");
}

static void test_address_key(void)
{
	static const struct {
		const char *address, *key;
	} v[] = {
		{"192.0.2.7", "192.0.2.7"},
		{"2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"},
		{"2001:db8:1:2::ffff", "2001:db8:1:2::/64"},
		{"::ffff:192.0.2.7", "192.0.2.7"},
		{"::1", "::/64"},
		{"not an address", "not an address"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(v); i++) {
		g_autofree char *k = http_throttle_address_key(v[i].address);
		g_assert_cmpstr(k, ==, v[i].key);
	}
	/* one host choosing addresses in its /64 is one client */
	g_autoptr(http_throttle) t = http_throttle_new(2, 0, 10, 100);
	fail(t, "2001:db8::1", "a", 1, 0);
	fail(t, "2001:db8::2", "a", 1, 0);
	g_assert_false(http_throttle_begin(t, "2001:db8::3", "a", 0));
	g_assert_true(http_throttle_begin(t, "2001:db8:0:1::3", "a", 0));
}

static void test_bounded(void)
{
	g_autoptr(http_throttle) t = http_throttle_new(2, 2, 60, 50);
	fail(t, "10.0.0.1", "victim", 2, 0);
	/* a flood of distinct addresses and names: at most 50 of each */
	for (int i = 0; i < 10000; i++) {
		g_autofree char *a =
			g_strdup_printf("10.1.%d.%d", i / 256, i % 256);
		g_autofree char *u = g_strdup_printf("user%d", i);
		g_assert_true(http_throttle_begin(t, a, u, S));
		g_assert_cmpuint(http_throttle_size(t), <=, 100);
	}
	g_assert_cmpuint(http_throttle_size(t), ==, 100);
	/* the least recently failed were forgotten first */
	g_assert_true(http_throttle_begin(t, "10.0.0.1", "victim", S));
	g_assert_true(http_throttle_begin(t, "10.1.39.15", "user9999", S));
	g_assert_false(http_throttle_begin(t, "10.1.39.15", "user9999", S));
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/http-throttle/per-address", test_per_address);
	g_test_add_func("/http-throttle/per-account", test_per_account);
	g_test_add_func("/http-throttle/cancel", test_cancel);
	g_test_add_func("/http-throttle/address-key", test_address_key);
	g_test_add_func("/http-throttle/bounded", test_bounded);
	return g_test_run();
}
