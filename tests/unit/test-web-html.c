/*
 * The escaping and formatting helpers of the pages (util/html.c,
 * web/layout.c): what they write for special characters, numbers at the
 * ends of their range, dates against GLib's calendar, and names at the
 * length where the list cuts them; the highlighting of a mail's and a
 * diff's lines (web/syntax.c).
 */
#include <glib.h>
#include <string.h>

#include "util/html.h"
#include "web/page.h"
#include "web/syntax.h"

static char *text(const char *s)
{
	GString *out = g_string_new(NULL);
	html_text(out, s);
	return g_string_free(out, FALSE);
}

static void test_text(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"", ""},
		{"plain", "plain"},
		{"<script>alert('x')</script>",
		 "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"},
		{"a & b \"c\"", "a &amp; b &quot;c&quot;"},
		{"&&", "&amp;&amp;"},
		{"é<", "é&lt;"},
		{">", "&gt;"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *got = text(cases[i].in);
		g_assert_cmpstr(got, ==, cases[i].out);
	}
	g_autofree char *none = text(NULL);
	g_assert_cmpstr(none, ==, "");

	/* a length stops before a special character */
	g_autoptr(GString) out = g_string_new(NULL);
	html_text_len(out, "ab<cd", 2);
	g_assert_cmpstr(out->str, ==, "ab");
}

static void test_url_arg(void)
{
	g_autoptr(GString) out = g_string_new(NULL);
	html_url_arg(out, "a-b_c.d~e/f g+h@i%<é>");
	g_assert_cmpstr(out->str, ==, "a-b_c.d~e/f%20g%2Bh%40i%25%3C%C3%A9%3E");
	g_string_truncate(out, 0);
	html_url_arg(out, NULL);
	g_assert_cmpstr(out->str, ==, "");
}

static void test_int(void)
{
	static const struct {
		gint64 n;
		const char *s;
	} cases[] = {
		{0, "0"},
		{7, "7"},
		{-7, "-7"},
		{1234567890, "1234567890"},
		{G_MAXINT64, "9223372036854775807"},
		{G_MININT64, "-9223372036854775808"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GString) out = g_string_new("x");
		html_int(out, cases[i].n);
		g_autofree char *want = g_strconcat("x", cases[i].s, NULL);
		g_assert_cmpstr(out->str, ==, want);
	}
}

/* What page_date wrote when it asked GDateTime. */
static char *glib_date(gint64 usec)
{
	g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc(usec / 1000000);
	if (!t)
		return g_strdup("");
	return g_strdup_printf("%04d-%02d-%02d", g_date_time_get_year(t),
			       g_date_time_get_month(t),
			       g_date_time_get_day_of_month(t));
}

static void check_date(gint64 usec)
{
	g_autoptr(GString) out = g_string_new(NULL);
	struct page p = {.out = out};
	page_date(&p, usec);
	g_autofree char *want = glib_date(usec);
	if (g_strcmp0(out->str, want) != 0)
		g_error("page_date(%" G_GINT64_FORMAT "): %s, GLib: %s", usec,
			out->str, want);
}

static void test_date(void)
{
	const gint64 day = G_GINT64_CONSTANT(86400000000);
	/* every day from 1600 to 2400, at its first and last microsecond */
	for (gint64 d = -135140; d <= 157000; d++) {
		check_date(d * day);
		check_date(d * day + day - 1);
	}
	/* the edges of GDateTime's years 1..9999 and a little past them */
	const gint64 first = G_GINT64_CONSTANT(-62135596800) * 1000000;
	const gint64 last = G_GINT64_CONSTANT(253402300799) * 1000000;
	for (gint64 d = -3; d <= 3; d++) {
		check_date(first + d * day);
		check_date(first + d * 1000000);
		check_date(last + d * day);
		check_date(last + d * 1000000);
	}
	check_date(G_MININT64);
	check_date(G_MAXINT64);
	GRand *r = g_rand_new_with_seed(9);
	for (int i = 0; i < 100000; i++)
		check_date((gint64)g_rand_double_range(r, -7e16, 3e17));
	g_rand_free(r);
}

static char *name(const char *s)
{
	GString *out = g_string_new(NULL);
	struct page p = {.out = out};
	page_name(&p, s);
	return g_string_free(out, FALSE);
}

static void test_name(void)
{
	g_autofree char *none = name(NULL);
	g_assert_cmpstr(none, ==, "[no subject]");
	g_autofree char *empty = name("");
	g_assert_cmpstr(empty, ==, "[no subject]");

	/* 100 characters are shown whole; 101 are cut to 99 and "…" */
	char ascii[102];
	memset(ascii, 'a', 101);
	ascii[101] = 0;
	g_autofree char *long_ascii = name(ascii);
	g_assert_cmpuint(strlen(long_ascii), ==, 99 + strlen("…"));
	g_assert_true(g_str_has_suffix(long_ascii, "a…"));
	ascii[100] = 0;
	g_autofree char *hundred = name(ascii);
	g_assert_cmpstr(hundred, ==, ascii);

	/* counted in characters, not bytes: 100 "é" (200 bytes) are whole,
	 * 101 are cut */
	g_autoptr(GString) e = g_string_new(NULL);
	for (int i = 0; i < 100; i++)
		g_string_append(e, "é");
	g_autofree char *e100 = name(e->str);
	g_assert_cmpstr(e100, ==, e->str);
	g_string_append(e, "é");
	g_autofree char *e101 = name(e->str);
	g_assert_cmpuint(g_utf8_strlen(e101, -1), ==, 100);
	g_assert_true(g_str_has_suffix(e101, "é…"));

	/* and escaped either way */
	g_autofree char *markup = name("<b>");
	g_assert_cmpstr(markup, ==, "&lt;b&gt;");
}

static void test_syntax(void)
{
	g_autoptr(GString) out = g_string_new(NULL);
	html_message(out, "Hi <b>\n> quoted & more\n  Signed-off-by: A "
			  "<a@b>\nFrom: x\n\nlast");
	g_assert_cmpstr(out->str, ==,
			"Hi &lt;b&gt;\n"
			"<span class=\"quote\">&gt; quoted &amp; more</span>\n"
			"<span class=\"signed-off-by\">  Signed-off-by: A "
			"&lt;a@b&gt;</span>\n"
			"<span class=\"from\">From: x</span>\n\nlast");

	g_string_truncate(out, 0);
	html_diff(out, "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n"
		       "-<old>\n+new & \"q\"\n context\n!mod\n@@x\n");
	g_assert_cmpstr(
		out->str, ==,
		"<span class=\"p_header\">diff --git a/x b/x</span>\n"
		"<span class=\"p_header\">--- a/x</span>\n"
		"<span class=\"p_header\">+++ b/x</span>\n"
		"<span class=\"p_chunk\">@@ -1 +1 @@</span>\n"
		"<span class=\"p_del\">-&lt;old&gt;</span>\n"
		"<span class=\"p_add\">+new &amp; &quot;q&quot;</span>\n"
		" context\n<span class=\"p_mod\">!mod</span>\n@@x\n");

	g_string_truncate(out, 0);
	html_diff(out, NULL);
	html_message(out, "");
	g_assert_cmpstr(out->str, ==, "");
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/web/html/text", test_text);
	g_test_add_func("/web/html/url-arg", test_url_arg);
	g_test_add_func("/web/html/int", test_int);
	g_test_add_func("/web/layout/date", test_date);
	g_test_add_func("/web/layout/name", test_name);
	g_test_add_func("/web/syntax", test_syntax);
	return g_test_run();
}
