/*
 * The access log line (src/http/accesslog.c): the Combined Log Format
 * with the duration appended, and escaping that keeps a client from
 * forging lines or sending terminal escapes.
 */
#include "http/accesslog.h"
#include "http/http.h"

static char *escaped(const char *s)
{
	GString *out = g_string_new(NULL);
	http_log_escape(out, s);
	return g_string_free(out, FALSE);
}

static void check_escape(const char *s, const char *want)
{
	g_autofree char *got = escaped(s);
	g_assert_cmpstr(got, ==, want);
}

static void test_escape(void)
{
	check_escape(NULL, "-");
	check_escape("", "-");
	check_escape("git-pw/2.6 (Linux)", "git-pw/2.6 (Linux)");
	/* line breaks and other controls, DEL */
	check_escape("a\nb\r\tc\x01\x7f", "a\\x0Ab\\x0D\\x09c\\x01\\x7F");
	/* ESC sequences: color, clear screen, window title with BEL */
	check_escape("\x1b[31mred\x1b[2J\x1b]0;t\x07",
		     "\\x1B[31mred\\x1B[2J\\x1B]0;t\\x07");
	/* the field's own quotes and the escape character */
	check_escape("say \"hi\" \\x41", "say \\x22hi\\x22 \\x5Cx41");
	/* UTF-8 stays; C1 controls (U+009B is a CSI) and bytes that are
	 * not UTF-8 do not */
	check_escape("caf\xc3\xa9 \xe2\x82\xac", "caf\xc3\xa9 \xe2\x82\xac");
	check_escape("\xc2\x9b"
		     "31m",
		     "\\xC2\\x9B31m");
	check_escape("\xff\xfe", "\\xFF\\xFE");
	check_escape("\xc3", "\\xC3");
	check_escape("\xe2\x82", "\\xE2\\x82");
	check_escape("\xed\xa0\x80", "\\xED\\xA0\\x80"); /* a surrogate */
	check_escape("\xc0\xaf", "\\xC0\\xAF");		 /* overlong '/' */
}

static void test_line(void)
{
	struct request req;
	request_init(&req);
	request_add_param(&req, "q", "a b\n\"x\"&y=z");
	request_add_param(&req, "per_page", "1");
	struct http_log_entry e = {
		.address = "127.0.0.1",
		.user = "alice",
		/* 2026-12-07 05:40:29.5 UTC */
		.time_us = G_GINT64_CONSTANT(1796622029500000),
		.method = "GET",
		.path = "/api/x\n\x1b[2J/",
		.params = req.params,
		.version = "HTTP/1.1",
		.status = 200,
		.bytes = 1234,
		.referer = "http://r.example/\"",
		.user_agent = "ua\x1b[0m",
		.duration_ms = 3.14159,
	};
	g_autofree char *line = http_access_log_line(&e);
	g_assert_cmpstr(line, ==,
			"127.0.0.1 - alice [07/Dec/2026:05:40:29 +0000] "
			"\"GET /api/x%0A%1B%5B2J/?q=a%20b%0A%22x%22%26y%3Dz&"
			"per_page=1 HTTP/1.1\" 200 1234 "
			"\"http://r.example/\\x22\" \"ua\\x1B[0m\" 3.1\n");

	struct http_log_entry bare = {.time_us = 0, .status = 400};
	g_autofree char *minimal = http_access_log_line(&bare);
	g_assert_cmpstr(minimal, ==,
			"- - - [01/Jan/1970:00:00:00 +0000] \"- - -\" 400 0 "
			"\"-\" \"-\" 0.0\n");
	request_clear(&req);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/http-accesslog/escape", test_escape);
	g_test_add_func("/http-accesslog/line", test_line);
	return g_test_run();
}
