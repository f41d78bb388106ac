/*
 * Tests for mail/subject.c: the examples of ingest.md §6 and §16.6, then
 * several hundred subjects checked against a Python implementation of the
 * same rules (tests/data/subject-vectors.tsv, written by
 * tests/tools/gen-subject-vectors.py), which must all agree.
 */
#include <glib.h>
#include <string.h>

#include "mail/pystr.h"
#include "mail/subject.h"
#include "tsv.h"

static char *joined(GPtrArray *tokens)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < tokens->len; i++) {
		if (i > 0)
			g_string_append_c(s, ',');
		g_string_append(s, tokens->pdata[i]);
	}
	return g_string_free(s, FALSE);
}

static void test_split_prefixes(void)
{
	struct {
		const char *text, *want;
	} v[] = {
		{"PATCH", "PATCH"},
		{"PATCH,RFC", "PATCH|RFC"},
		{"", ""},
		{"PATCH,", "PATCH"},
		{"PATCH 1/2", "PATCH|1/2"},
		{"PATCH 1 of 2", "PATCH|1 of 2"},
		{"PATCH 1 of 2 RFC", "PATCH|1 of 2|RFC"},
		{"PATCH 1 of 2x", "PATCH|1 of 2|x"},
		{"patch 1 of 2", "patch|1|of|2"},
		{" , ,PATCH\xe3\x80\x80v2 ,", "PATCH|v2"},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(v); i++) {
		g_autoptr(GPtrArray) tokens =
			g_ptr_array_new_with_free_func(g_free);
		g_autofree char *got = NULL;
		GString *s = g_string_new(NULL);

		subject_split_prefixes(v[i].text, strlen(v[i].text), tokens);
		for (guint j = 0; j < tokens->len; j++)
			g_string_append_printf(s, "%s%s", j ? "|" : "",
					       (char *)tokens->pdata[j]);
		got = g_string_free(s, FALSE);
		g_assert_cmpstr(got, ==, v[i].want);
	}
}

static void check_clean(const char *subject, const char *drop,
			const char *want_name, const char *want_prefixes)
{
	g_autofree char *name = NULL;
	g_autoptr(GPtrArray) prefixes = NULL;
	g_autofree char *got = NULL;

	subject_clean(subject, drop, &name, &prefixes);
	got = joined(prefixes);
	g_assert_cmpstr(name, ==, want_name);
	g_assert_cmpstr(got, ==, want_prefixes);
}

static void test_clean_spec(void)
{
	check_clean("meep", NULL, "meep", "");
	check_clean("Re: meep", NULL, "meep", "");
	check_clean("[PATCH RFC 1/2] meep", NULL, "[RFC,1/2] meep", "RFC,1/2");
	check_clean("[PATCH] [RFC] [1/2] meep", NULL, "[RFC,1/2] meep",
		    "RFC,1/2");
	check_clean("[PATCH] rewrite [a-z] regexes", NULL,
		    "rewrite [a-z] regexes", "");
	check_clean("[FOO] [bar] meep", "foo", "[bar] meep", "bar");
	check_clean("Fwd: Re: [PATCH] foo", NULL, "Re: [PATCH] foo", "");
	check_clean("[PATCH 1/2]foo", NULL, "[1/2] foo", "1/2");
	check_clean("[PATCH 1 of 3] foo", NULL, "[1 of 3] foo", "1 of 3");
	check_clean("[ PATCH ] foo", NULL, "foo", "");
	check_clean("[Patch]: Fix ld", NULL, ": Fix ld", "");
	check_clean("[Patch 2/2]: powerpc/...", NULL, "[2/2] : powerpc/...",
		    "2/2");
	check_clean("[Buildroot] [PATCH 01/11] pkg: x", "sample",
		    "[Buildroot,01/11] pkg: x", "Buildroot,01/11");
	check_clean("", NULL, "", "");
	/* '[%s] %s' keeps its space before an empty rest */
	check_clean("[PATCH RFC]", NULL, "[RFC] ", "RFC");
}

static GPtrArray *tokens_of(const char *const *v)
{
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);

	for (; *v; v++)
		g_ptr_array_add(a, g_strdup(*v));
	return a;
}

static void check_marker(const char *const *prefixes, gboolean want,
			 gint64 want_x, gint64 want_n)
{
	g_autoptr(GPtrArray) a = tokens_of(prefixes);
	gint64 x = -7, n = -7;

	g_assert_cmpint(subject_marker(a, &x, &n), ==, want);
	g_assert_cmpint(x, ==, want_x);
	g_assert_cmpint(n, ==, want_n);
	g_assert_false(subject_numbers_too_long("x", a));
}

static void test_marker(void)
{
	check_marker((const char *[]){"bar", "1/2", NULL}, TRUE, 1, 2);
	check_marker((const char *[]){"bar", "0/12", NULL}, TRUE, 0, 12);
	check_marker((const char *[]){"bar", "1 of 2", NULL}, TRUE, 1, 2);
	check_marker((const char *[]){"PATCH1/8", NULL}, TRUE, 1, 8);
	check_marker((const char *[]){"PATCH100/123", NULL}, TRUE, 100, 123);
	check_marker((const char *[]){"v2PATCH1/4", NULL}, TRUE, 1, 4);
	check_marker((const char *[]){"v2.3PATCH1/4", NULL}, TRUE, 1, 4);
	check_marker((const char *[]){"01/10", NULL}, TRUE, 1, 10);
	check_marker((const char *[]){"1/2", "3/4", NULL}, TRUE, 1, 2);
	check_marker((const char *[]){"1/2/3", NULL}, TRUE, 2, 3);
	check_marker((const char *[]){"RFC", NULL}, FALSE, -7, -7);
	check_marker((const char *[]){NULL}, FALSE, -7, -7);
	/* Python's ints are unbounded: darn clamps, and keeps 0 as 0 */
	check_marker((const char *[]){"99999999999999999999/3", NULL}, TRUE,
		     G_MAXINT64, 3);
	check_marker((const char *[]){"000000000000000000000000/3", NULL}, TRUE,
		     0, 3);
	check_marker((const char *[]){"9223372036854775807/9223372036854775806",
				      NULL},
		     TRUE, G_MAXINT64, G_MAXINT64 - 1);
}

static gboolean too_long(const char *name, const char *const *prefixes)
{
	g_autoptr(GPtrArray) a = tokens_of(prefixes);

	return subject_numbers_too_long(name, a);
}

static void test_too_long(void)
{
	g_autofree char *ok = g_strnfill(4300, '1');
	g_autofree char *bad = g_strnfill(4301, '1');
	g_autofree char *okx = g_strconcat(ok, "/2", NULL);
	g_autofree char *badx = g_strconcat(bad, "/2", NULL);
	g_autofree char *badn = g_strconcat("1/", bad, NULL);
	g_autofree char *okv = g_strconcat("v", ok, NULL);
	g_autofree char *badv = g_strconcat("v", bad, NULL);
	g_autofree char *badname = g_strconcat("x (v", bad, ")", NULL);
	gint64 x, n;

	check_marker((const char *[]){okx, NULL}, TRUE, G_MAXINT64, 2);
	g_assert_false(too_long("x", (const char *[]){okv, NULL}));
	g_assert_true(too_long("x", (const char *[]){badx, NULL}));
	g_assert_true(too_long("x", (const char *[]){badn, NULL}));
	g_assert_true(too_long("x", (const char *[]){badv, NULL}));
	g_assert_true(too_long(badname, (const char *[]){NULL}));
	/* only the first marker and the first version count */
	g_assert_false(too_long("x", (const char *[]){"1/2", badn, NULL}));
	g_assert_false(too_long("x", (const char *[]){"v2", badv, NULL}));
	g_assert_false(too_long(badname, (const char *[]){"v2", NULL}));

	/* values stay defined (clamped) for callers that do not ask */
	{
		g_autoptr(GPtrArray) a =
			tokens_of((const char *[]){badx, NULL});
		g_assert_true(subject_marker(a, &x, &n));
		g_assert_cmpint(x, ==, G_MAXINT64);
		g_assert_cmpint(n, ==, 2);
		g_assert_cmpint(subject_version(badname, a), ==, G_MAXINT64);
	}
}

static void check_version(const char *name, const char *const *prefixes,
			  gint64 want)
{
	g_autoptr(GPtrArray) a = tokens_of(prefixes);

	g_assert_cmpint(subject_version(name, a), ==, want);
}

static void test_version(void)
{
	check_version("[v2] x", (const char *[]){"v2", NULL}, 2);
	check_version("[V3,1/2] x", (const char *[]){"V3", "1/2", NULL}, 3);
	check_version("foo (v3)", (const char *[]){NULL}, 3);
	check_version("[net-next,v3,0/4] net: dsa: work (v4)",
		      (const char *[]){"net-next", "v3", "0/4", NULL}, 3);
	check_version("[PATCHv2,1/3] foo",
		      (const char *[]){"PATCHv2", "1/3", NULL}, 1);
	/* \d is any Unicode decimal digit, and int() converts it */
	check_version("x (v\xd9\xa3)", (const char *[]){NULL}, 3);
	check_version("x", (const char *[]){"v\xef\xbc\x94", NULL}, 4);
	/* superscript two is a digit but not a decimal */
	check_version("x", (const char *[]){"v\xc2\xb2", NULL}, 1);
}

static void test_is_reply(void)
{
	g_assert_true(subject_is_reply("RE: x"));
	g_assert_true(subject_is_reply("re x"));
	g_assert_true(subject_is_reply("Re work"));
	g_assert_true(subject_is_reply("rE:"));
	g_assert_true(subject_is_reply("Re\xe3\x80\x80x"));
	g_assert_false(subject_is_reply("Fwd: Re: x"));
	g_assert_false(subject_is_reply("[PATCH] Re: x"));
	g_assert_false(subject_is_reply("Reply"));
	g_assert_false(subject_is_reply("Re"));
	g_assert_false(subject_is_reply(""));
	g_assert_false(subject_is_reply(NULL));
	g_assert_false(subject_is_reply("Re\xe2\x80\x8bx")); /* ZWSP */
}

static void test_cover_series_name(void)
{
	static const char *const v[][2] = {
		{"[net-next,v3,0/4] net: dsa: Multi-CPU ground work (v3)",
		 "net: dsa: Multi-CPU ground work (v3)"},
		{"no prefix", "no prefix"},
		{"[0/2]", ""},
		{"[0/2] ", ""},
		{"[0/2]x", "x"},
		{"[unclosed x", "[unclosed x"},
		{"x [0/2] y", "x [0/2] y"},
		/* `.` stops at a newline; `$` may precede a final one */
		{"[0/2] a\n", "a"},
		{"[0/2] \n a", "a"},
		{"[a\nb] c", "c"},
		{"[0/2] a\n\n", "[0/2] a"},
		{"[0/2]\n\na", "a"},
		{"[0/2] a\nb", "[0/2] a\nb"},
		{" [0/2] a ", "[0/2] a"},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(v); i++) {
		g_autofree char *got = subject_cover_series_name(v[i][0]);
		g_assert_cmpstr(got, ==, v[i][1]);
	}
}

static void test_python_vectors(void)
{
	g_autoptr(GPtrArray) rows = tsv_load("subject-vectors.tsv", 9);
	guint bad = 0;

	g_assert_cmpuint(rows->len, >=, 300);
	for (guint i = 0; i < rows->len; i++) {
		char **r = ((struct tsv_row *)rows->pdata[i])->f;
		g_autofree char *name = NULL, *prefixes_text = NULL;
		g_autofree char *x_text = NULL, *n_text = NULL;
		g_autofree char *v_text = NULL, *cover = NULL, *got = NULL;
		g_autoptr(GPtrArray) prefixes = NULL;
		gboolean want_too_long =
			strcmp(r[4], "E") == 0 || strcmp(r[6], "E") == 0;
		gint64 x = 0, n = 0;

		subject_clean(r[0], r[1], &name, &prefixes);
		prefixes_text = joined(prefixes);
		if (subject_marker(prefixes, &x, &n)) {
			x_text = g_strdup_printf("%" G_GINT64_FORMAT, x);
			n_text = g_strdup_printf("%" G_GINT64_FORMAT, n);
		} else {
			x_text = g_strdup("-");
			n_text = g_strdup("-");
		}
		v_text = g_strdup_printf("%" G_GINT64_FORMAT,
					 subject_version(name, prefixes));
		if (subject_numbers_too_long(name, prefixes) != want_too_long &&
		    bad++ < 20)
			g_printerr("subject '%.100s': too-long disagrees\n",
				   r[0]);
		/* where int() raises, darn's values are clamped instead */
		if (strcmp(r[4], "E") == 0 && strcmp(x_text, "-") != 0) {
			g_free(x_text);
			g_free(n_text);
			x_text = g_strdup("E");
			n_text = g_strdup("E");
		}
		if (strcmp(r[6], "E") == 0) {
			g_free(v_text);
			v_text = g_strdup("E");
		}
		cover = subject_cover_series_name(name);
		got = g_strjoin("\t", name, prefixes_text, x_text, n_text,
				v_text, subject_is_reply(r[0]) ? "1" : "0",
				cover, NULL);
		g_autofree char *want = g_strjoin("\t", r[2], r[3], r[4], r[5],
						  r[6], r[7], r[8], NULL);
		if (strcmp(got, want) != 0 && bad++ < 20)
			g_printerr("subject '%.100s' drop '%s':\n"
				   "  got    %.200s\n  Python %.200s\n",
				   r[0], r[1], got, want);
	}
	g_assert_cmpuint(bad, ==, 0);
}

/* Arbitrary bytes (not even UTF-8) never crash the subject rules. */
static void test_any_bytes(void)
{
	static const char alphabet[] =
		"[]PATCH v1/2 of,:ReFwd()\xc2\xa0\xd9\xa3\xff\xe3\x80\x80\n";
	char buf[48];

	for (int round = 0; round < 20000; round++) {
		gsize len = g_test_rand_int_range(0, sizeof(buf));
		g_autofree char *name = NULL, *cover = NULL;
		g_autoptr(GPtrArray) prefixes = NULL;
		gint64 x, n;

		for (gsize i = 0; i < len; i++)
			buf[i] = alphabet[g_test_rand_int_range(
				0, sizeof(alphabet) - 1)];
		buf[len] = '\0';
		subject_clean(buf, "v1", &name, &prefixes);
		g_assert_true(g_utf8_validate(name, -1, NULL));
		subject_marker(prefixes, &x, &n);
		subject_version(buf, prefixes);
		subject_numbers_too_long(buf, prefixes);
		subject_is_reply(buf);
		cover = subject_cover_series_name(buf);
	}
}

/* The pystr.c helpers this file's rules rely on. */
static void test_pystr_helpers(void)
{
	static const char *const lower[][2] = {
		{"PATCH", "patch"},
		{"\xc4\xb0", "i\xcc\x87"},		  /* U+0130 */
		{"\xce\x9f\xce\xa3", "\xce\xbf\xcf\x82"}, /* final sigma */
		{"\xce\xa3", "\xcf\x83"},		  /* lone sigma */
		{"\xe2\x85\xa3", "\xe2\x85\xb3"},	  /* Roman four */
		{"\xe2\x92\xb6", "\xe2\x93\x90"},	  /* circled A */
		{"\xe2\x84\xaa", "k"},			  /* Kelvin sign */
	};

	for (gsize i = 0; i < G_N_ELEMENTS(lower); i++) {
		g_autofree char *got = py_lower(lower[i][0]);
		g_assert_cmpstr(got, ==, lower[i][1]);
	}
	g_assert_cmpint(py_decimal_value('7'), ==, 7);
	g_assert_cmpint(py_decimal_value(0x663), ==, 3);
	g_assert_cmpint(py_decimal_value(0x1fbf9), ==, 9);
	g_assert_cmpint(py_decimal_value(0xb2), ==, -1);
	/* Kawi digits are Unicode 15, newer than Python 3.11's tables */
	g_assert_cmpint(py_decimal_value(0x11f50), ==, -1);
	g_assert_true(py_isdigit(0xb2));
	g_assert_true(py_isdigit('0'));
	g_assert_false(py_isdigit(0xbd)); /* one half: numeric only */
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/subject/pystr-helpers", test_pystr_helpers);
	g_test_add_func("/subject/split-prefixes", test_split_prefixes);
	g_test_add_func("/subject/clean-spec", test_clean_spec);
	g_test_add_func("/subject/marker", test_marker);
	g_test_add_func("/subject/too-long", test_too_long);
	g_test_add_func("/subject/version", test_version);
	g_test_add_func("/subject/is-reply", test_is_reply);
	g_test_add_func("/subject/cover-series-name", test_cover_series_name);
	g_test_add_func("/subject/python-vectors", test_python_vectors);
	g_test_add_func("/subject/any-bytes", test_any_bytes);
	return g_test_run();
}
