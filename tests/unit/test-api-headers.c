/*
 * The `headers` object of patches, covers and comments (rest-api.md §8.5)
 * and the msgid and list archive URLs (§1.2, §4).
 */
#include "api/api.h"

static char *headers_json(const char *text)
{
	GString *out = g_string_new(NULL);
	struct json j;
	json_init(&j, out, FALSE);
	api_write_headers(&j, text);
	return g_string_free(out, FALSE);
}

static void check_headers(const char *text, const char *want)
{
	g_autofree char *got = headers_json(text);
	g_assert_cmpstr(got, ==, want);
}

static void test_headers(void)
{
	check_headers("", "{}");
	check_headers(NULL, "{}");
	check_headers("From: a@b\nSubject: x\n",
		      "{\"From\":\"a@b\",\"Subject\":\"x\"}");
	/* folded values keep the line break and indentation; the leading
	 * blank after the colon goes, an empty first line stays */
	check_headers("Received: from x\n\tby y\nReturn-Path: \n <a@b>\n",
		      "{\"Received\":\"from x\\n\\tby y\","
		      "\"Return-Path\":\"\\n <a@b>\"}");
	/* repeated names are lists, in any case, at the first position;
	 * each spelling is its own key with every value */
	check_headers("To: a\nCc: b\nTo: c\nto: d\n",
		      "{\"To\":[\"a\",\"c\",\"d\"],\"Cc\":\"b\","
		      "\"to\":[\"a\",\"c\",\"d\"]}");
	/* CRLF ends lines too; a line that is not a header ends the block */
	check_headers("A: 1\r\nB: 2\r\nnot a header\nC: 3\n",
		      "{\"A\":\"1\",\"B\":\"2\"}");
}

static void test_header_value(void)
{
	g_autofree char *s = api_header_value(
		"From: a\nsubject: Re: x\n y\nSubject: z\n", "Subject");
	g_assert_cmpstr(s, ==, "Re: x\n y");
	g_assert_null(api_header_value("From: a\n", "Subject"));
}

static void test_msgid_path(void)
{
	g_autofree char *a = http_submission_path("p", "patch", "<a/b#c d@x>");
	g_assert_cmpstr(a, ==, "project/p/patch/a%252Fb%23c%20d@x/");
	g_autofree char *b = http_submission_path("p", "cover", "<x+y=z@h>");
	g_assert_cmpstr(b, ==, "project/p/cover/x+y=z@h/");
}

static void test_list_archive_url(void)
{
	struct db_project p = {0};
	p.list_archive_url_format = (char *)"";
	g_assert_null(api_list_archive_url(&p, "<m@x>"));
	p.list_archive_url_format = (char *)"https://l.example/{}/{{raw}}";
	g_autofree char *u = api_list_archive_url(&p, "<m@x>");
	g_assert_cmpstr(u, ==, "https://l.example/m@x/{raw}");
	p.list_archive_url_format = (char *)"https://l.example/{name}";
	g_assert_null(api_list_archive_url(&p, "<m@x>"));
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/api/headers", test_headers);
	g_test_add_func("/api/header-value", test_header_value);
	g_test_add_func("/api/msgid-path", test_msgid_path);
	g_test_add_func("/api/list-archive-url", test_list_archive_url);
	return g_test_run();
}
