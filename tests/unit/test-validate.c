/*
 * Django and DRF field validation (core/validate.c): URLs as Django 3.2's
 * URLValidator, slugs as DRF's SlugField, character fields as DRF's
 * CharField (stripped, blank, null, max_length in code points), and
 * DRF's boolean words.
 */
#include "core/validate.h"

static void test_url(void)
{
	const char *good[] = {
		"https://ci.example.com/build/1",
		"http://localhost:8080/x?y=1#z",
		"ftp://user:pw@ftp.example.org/",
		"http://192.168.0.1/",
		"http://[::1]:80/",
		"HTTPS://EXAMPLE.COM",
		"http://例え.テスト/パス",
		"http://xn--e1afmkfd.xn--p1ai/",
	};
	const char *bad[] = {
		"not a url",
		"example.com",
		"mailto:a@example.com",
		"http://",
		"http://example",
		"http://-bad.example.com/",
		"http://example.com/a b",
		"http://example.com/\n",
		"http://[::g]/",
		"http://256.1.1.1.1/",
		"http://example.com:1/",
		"",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(good); i++)
		g_assert_true(validate_is_url(good[i]));
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		if (validate_is_url(bad[i]))
			g_error("accepted '%s'", bad[i]);
	}
}

static void test_slug(void)
{
	g_assert_true(validate_is_slug("ci-build_2"));
	g_assert_false(validate_is_slug("has space"));
	g_assert_false(validate_is_slug("ünïcode"));
	g_assert_false(validate_is_slug(""));
}

static void test_char(void)
{
	const struct char_rules rules = {.max_length = 5};
	g_auto(write_report) r = {0};
	char *out = NULL;
	struct write_text t = {.present = TRUE, .value = "  \u3000abcde\t"};
	g_assert_true(validate_char(&r, "f", &t, &rules, &out));
	g_assert_cmpstr(out, ==, "abcde");
	g_free(out);
	/* five code points, more bytes */
	t.value = "ééééé";
	g_assert_true(validate_char(&r, "f", &t, &rules, &out));
	g_free(out);
	t.value = "abcdef";
	g_assert_false(validate_char(&r, "f", &t, &rules, &out));
	t.value = "   ";
	g_assert_false(validate_char(&r, "f", &t, &rules, &out));
	t = (struct write_text){.present = TRUE, .null = TRUE};
	g_assert_false(validate_char(&r, "f", &t, &rules, &out));
	g_autofree char *m = write_report_field(&r, "f");
	g_assert_cmpstr(m, ==,
			"Ensure this field has no more than 5 characters.\n"
			"This field may not be blank.\n"
			"This field may not be null.");
}

static void test_bool_words(void)
{
	g_assert_cmpint(write_bool_parse("True"), ==, 1);
	g_assert_cmpint(write_bool_parse("on"), ==, 1);
	g_assert_cmpint(write_bool_parse("False"), ==, 0);
	g_assert_cmpint(write_bool_parse("0"), ==, 0);
	g_assert_cmpint(write_bool_parse(""), ==, -1);
	g_assert_cmpint(write_bool_parse("null"), ==, -1);
	g_assert_cmpint(write_bool_parse("maybe"), ==, -2);
	g_assert_cmpint(write_bool_parse("TRue"), ==, -2);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/validate/url", test_url);
	g_test_add_func("/validate/slug", test_slug);
	g_test_add_func("/validate/char", test_char);
	g_test_add_func("/validate/bool", test_bool_words);
	return g_test_run();
}
