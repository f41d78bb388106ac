/*
 * darn serve's connection level without sockets: the strict checks of a
 * request head and target (strict.c), the --listen forms (listen.c) and
 * the memory budget (budget.c).
 */
#include "http/budget.h"
#include "http/http.h"
#include "http/listen.h"
#include "http/strict.h"

/* check_head(VERSION, "Name: value\n"...): http_check_head's status for
 * these header lines (split at the first ':', value as written). */
static int check_head(const char *version, const char *lines, const char **why)
{
	g_auto(GStrv) split = g_strsplit(lines, "\n", -1);
	g_autoptr(GArray) fields =
		g_array_new(FALSE, FALSE, sizeof(struct http_field));
	for (char **l = split; *l; l++) {
		const char *colon = strchr(*l, ':');
		if (!**l || !colon)
			continue;
		struct http_field f = {*l, colon + 1, colon - *l,
				       strlen(colon + 1)};
		g_array_append_val(fields, f);
	}
	*why = NULL;
	return http_check_head(version, (struct http_field *)fields->data,
			       fields->len, why);
}

static void expect_head(int status, const char *version, const char *lines)
{
	const char *why;
	int got = check_head(version, lines, &why);
	if (got != status)
		g_error("%s %s: got %d (%s)", version, lines, got,
			why ? why : "-");
	g_assert_true(status == 0 || why != NULL);
}

static void test_head(void)
{
	expect_head(0, "HTTP/1.1", "Host: x\nAccept: */*\n");
	expect_head(0, "HTTP/1.0", "Accept: */*\n");
	expect_head(0, "HTTP/1.1", "Host: x\nContent-Length: 12 \n");
	expect_head(0, "HTTP/1.1", "host: x\ntransfer-encoding:  CHUNKED\n");
	/* Host */
	expect_head(400, "HTTP/1.1", "Accept: */*\n");
	expect_head(400, "HTTP/1.1", "Host: x\nHost: x\n");
	expect_head(400, "HTTP/1.0", "Host: x\nHOST: y\n");
	/* Content-Length */
	expect_head(400, "HTTP/1.1",
		    "Host: x\nContent-Length: 1\n"
		    "content-length: 1\n");
	expect_head(400, "HTTP/1.1", "Host: x\nContent-Length: 1, 1\n");
	expect_head(400, "HTTP/1.1", "Host: x\nContent-Length: -1\n");
	expect_head(400, "HTTP/1.1", "Host: x\nContent-Length: \n");
	expect_head(400, "HTTP/1.1", "Host: x\nContent-Length: 0x10\n");
	expect_head(400, "HTTP/1.1",
		    "Host: x\nContent-Length: 1234567890123456789\n");
	/* Transfer-Encoding */
	expect_head(400, "HTTP/1.1",
		    "Host: x\nTransfer-Encoding: chunked\n"
		    "Content-Length: 3\n");
	expect_head(400, "HTTP/1.1", "Host: x\nTransfer-Encoding: gzip\n");
	expect_head(400, "HTTP/1.1",
		    "Host: x\nTransfer-Encoding: chunked, chunked\n");
	expect_head(400, "HTTP/1.1",
		    "Host: x\nTransfer-Encoding: chunked\n"
		    "Transfer-Encoding: chunked\n");
	expect_head(400, "HTTP/1.0", "Transfer-Encoding: chunked\n");
	/* names and values */
	expect_head(400, "HTTP/1.1", "Host: x\nContent-Length : 0\n");
	expect_head(400, "HTTP/1.1", "Host: x\nAccept\t: 0\n");
	expect_head(400, "HTTP/1.1", "Host: x\n: 0\n");
	expect_head(400, "HTTP/1.1", "Host: x\nA\"b: 0\n");
	expect_head(400, "HTTP/1.1", "Host: x\nAccept: a\rb\n");
	expect_head(400, "HTTP/1.1", "Host: x\nAccept: a\x7f\n");
	expect_head(0, "HTTP/1.1", "Host: x\nAccept: a\tb \xc3\xa9\n");

	/* a NUL inside a value, which the lengths carry */
	struct http_field nul[] = {{"Host", "x", 4, 1}, {"A", "a\0b", 1, 3}};
	const char *why;
	g_assert_cmpint(http_check_head("HTTP/1.1", nul, 2, &why), ==, 400);
}

static int check_target(const char *target)
{
	const char *why = NULL;
	return http_check_target(target, strlen(target), &why);
}

static void test_target(void)
{
	g_assert_cmpint(check_target("/api/patches/?q=a&page=2"), ==, 0);
	g_assert_cmpint(check_target("/api/%00/"), ==, 400);
	g_assert_cmpint(check_target("/api/?q=%00"), ==, 0);
	const char *why;
	g_assert_cmpint(http_check_target("/a\0b", 4, &why), ==, 400);

	GString *t = g_string_new("/api/?q=");
	while (t->len < HTTP_MAX_URL)
		g_string_append_c(t, 'a');
	g_assert_cmpint(check_target(t->str), ==, 0);
	g_string_append_c(t, 'a');
	g_assert_cmpint(check_target(t->str), ==, 414);

	g_string_assign(t, "/api/?a");
	for (int i = 1; i < HTTP_MAX_PARAMS - 1; i++)
		g_string_append(t, "&a");
	g_assert_cmpint(check_target(t->str), ==, 0); /* 255 parameters */
	g_string_append(t, "&");
	g_assert_cmpint(check_target(t->str), ==, 400);
	g_string_free(t, TRUE);
}

static void expect_listen(const char *spec, const char *text, int family)
{
	struct listen_addr a;
	g_autoptr(GError) error = NULL;
	if (!listen_resolve(spec, &a, &error))
		g_error("%s: %s", spec, error->message);
	g_assert_cmpstr(a.text, ==, text);
	g_assert_cmpint(a.family, ==, family);
}

static void expect_listen_error(const char *spec, int code)
{
	struct listen_addr a;
	g_autoptr(GError) error = NULL;
	g_assert_false(listen_resolve(spec, &a, &error));
	g_assert_error(error, LISTEN_ERROR, code);
	g_autofree char *quoted = g_strdup_printf("'%s'", spec);
	g_assert_nonnull(strstr(error->message, quoted));
}

static void test_listen(void)
{
	expect_listen("127.0.0.1:8000", "127.0.0.1:8000", AF_INET);
	expect_listen("8000", "127.0.0.1:8000", AF_INET);
	expect_listen(":8000", "0.0.0.0:8000", AF_INET);
	expect_listen("[::1]:8000", "[::1]:8000", AF_INET6);
	expect_listen("[::]:80", "[::]:80", AF_INET6);
	expect_listen("[2001:db8::1]:65535", "[2001:db8::1]:65535", AF_INET6);

	const char *bad[] = {"",	 "127.0.0.1",	   "127.0.0.1:",
			     "0",	 "65536",	   "127.0.0.1:0",
			     ":x",	 "[::1]",	   "[::1]:",
			     "::1:80",	 "[::1]x:80",	   "[localhost]:80",
			     "1.2.3:80", "a b:80",	   "host:+80",
			     "8000 ",	 "127.0.0.1:80:80"};
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++)
		expect_listen_error(bad[i], LISTEN_ERROR_SYNTAX);
}

static void test_budget(void)
{
	struct memory_budget b;
	g_autoptr(GError) error = NULL;
	const gint64 mib = 1024 * 1024;

	g_assert_true(memory_budget_split(256, 1024, 8, &b, &error));
	g_assert_cmpint(b.total, ==, 256 * mib);
	g_assert_cmpint(b.connections + b.process + b.responses + b.sqlite, <=,
			b.total);
	g_assert_cmpint(b.connections, ==, 1024 * HTTP_CONNECTION_COST);
	g_assert_cmpint(b.page_cache * 8 * 2, <=, b.sqlite);
	g_assert_cmpint(b.page_cache, >=, 4 * mib);
	g_assert_cmpint(b.responses, >=, 16 * mib);

	/* More threads share the same SQLite memory. */
	struct memory_budget more;
	g_assert_true(memory_budget_split(256, 1024, 32, &more, &error));
	g_assert_cmpint(more.page_cache * 32 * 2, <=, more.sqlite);
	g_assert_cmpint(more.page_cache, <, b.page_cache);

	/* Too small: the message says what would do. */
	g_assert_false(memory_budget_split(64, 1024, 8, &b, &error));
	g_assert_nonnull(strstr(error->message, "at least 112"));
	g_clear_error(&error);
	g_assert_true(memory_budget_split(112, 1024, 8, &b, &error));
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/http/strict-head", test_head);
	g_test_add_func("/http/strict-target", test_target);
	g_test_add_func("/http/listen", test_listen);
	g_test_add_func("/http/budget", test_budget);
	return g_test_run();
}
