/*
 * The JSON writer: Python json.dumps-compatible escaping and layout,
 * compact and pretty (DRF's browsable API).
 */
#include "util/json.h"

static void test_escape(void)
{
	GString *out = g_string_new(NULL);
	/* control characters, quotes, backslash, U+2028/2029 escaped;
	 * other non-ASCII and DEL raw (json.dumps(ensure_ascii=False)) */
	const char in[] =
		"a\"b\\c\n\r\t\b\f\x01\x1f\x7f é\xe2\x80\xa8\xe2\x80\xa9";
	json_escape(out, in, sizeof(in) - 1);
	g_assert_cmpstr(out->str, ==,
			"\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\x7f é"
			"\\u2028\\u2029\"");
	g_string_truncate(out, 0);
	json_escape(out, "bad\xff", 4);
	g_assert_cmpstr(out->str, ==, "\"bad\xef\xbf\xbd\"");
	g_string_free(out, TRUE);
}

static void write_sample(struct json *j)
{
	json_object_begin(j);
	json_kv_int(j, "id", 1);
	json_kv_string(j, "name", NULL);
	json_key(j, "list");
	json_array_begin(j);
	json_int(j, -2);
	json_bool(j, TRUE);
	json_array_begin(j);
	json_array_end(j);
	json_object_begin(j);
	json_object_end(j);
	json_array_end(j);
	json_kv_bool(j, "b", FALSE);
	json_object_end(j);
}

static void test_compact(void)
{
	GString *out = g_string_new(NULL);
	struct json j;
	json_init(&j, out, FALSE);
	write_sample(&j);
	g_assert_cmpstr(out->str, ==,
			"{\"id\":1,\"name\":null,\"list\":[-2,true,[],{}],"
			"\"b\":false}");
	g_string_free(out, TRUE);
}

static void test_pretty(void)
{
	GString *out = g_string_new(NULL);
	struct json j;
	json_init(&j, out, TRUE);
	write_sample(&j);
	g_assert_cmpstr(
		out->str, ==,
		"{\n    \"id\": 1,\n    \"name\": null,\n    \"list\": [\n"
		"        -2,\n        true,\n        [],\n        {}\n"
		"    ],\n    \"b\": false\n}");
	g_string_free(out, TRUE);
}

/* Python's datetime.isoformat() of naive UTC times, as Patchwork writes
 * them (vectors from Python 3.11). */
static void test_time(void)
{
	static const struct {
		gint64 us;
		const char *iso;
	} cases[] = {
		{0, "\"1970-01-01T00:00:00\""},
		{1772445660000000, "\"2026-03-02T10:01:00\""},
		{1709164800123456, "\"2024-02-29T00:00:00.123456\""},
		{-1, "\"1969-12-31T23:59:59.999999\""},
		{951782400000000, "\"2000-02-29T00:00:00\""},
		{253402300799999999, "\"9999-12-31T23:59:59.999999\""},
		{253402300800000000, "null"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		GString *out = g_string_new(NULL);
		struct json j;
		json_init(&j, out, FALSE);
		json_time(&j, cases[i].us);
		g_assert_cmpstr(out->str, ==, cases[i].iso);
		g_string_free(out, TRUE);
	}
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/json/escape", test_escape);
	g_test_add_func("/json/compact", test_compact);
	g_test_add_func("/json/pretty", test_pretty);
	g_test_add_func("/json/time", test_time);
	return g_test_run();
}
