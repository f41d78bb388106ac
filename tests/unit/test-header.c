/*
 * Tests for mail/header.c: clean_header() and the canonical header lines
 * against vectors produced by Python 3.11's email package
 * (tests/tools/gen-header-vectors.py), plus the spec's own examples.
 */
#include "mail/header.h"

#include <string.h>

/* Undoes the TSV escapes of gen-header-vectors.py. */
static GString *unescape(const char *s)
{
	GString *out = g_string_new(NULL);

	for (const char *p = s; *p; p++) {
		if (*p != '\\' || !p[1]) {
			g_string_append_c(out, *p);
			continue;
		}
		p++;
		switch (*p) {
		case 't':
			g_string_append_c(out, '\t');
			break;
		case 'n':
			g_string_append_c(out, '\n');
			break;
		case 'r':
			g_string_append_c(out, '\r');
			break;
		case 'x':
			if (g_ascii_isxdigit(p[1]) && g_ascii_isxdigit(p[2])) {
				g_string_append_c(
					out,
					g_ascii_xdigit_value(p[1]) << 4 |
						g_ascii_xdigit_value(p[2]));
				p += 2;
			}
			break;
		default:
			g_string_append_c(out, *p);
			break;
		}
	}
	return out;
}

static enum header_status expected_status(const char *col)
{
	if (strcmp(col, "\\N") == 0)
		return HEADER_NONE;
	if (strcmp(col, "\\E") == 0)
		return HEADER_ERROR;
	return HEADER_OK;
}

static void check(const char *what, guint lineno, const char *col,
		  enum header_status st, const char *got, guint *failures)
{
	enum header_status want = expected_status(col);
	g_autoptr(GString) exp = NULL;

	if (want == HEADER_OK)
		exp = unescape(col);
	if (st == want && (want != HEADER_OK || strcmp(got, exp->str) == 0))
		return;
	(*failures)++;
	g_test_message("line %u: %s: want %s [%s], got %d [%s]", lineno, what,
		       col, exp ? exp->str : "", st, got ? got : "(null)");
}

static void test_vectors(void)
{
	const char *srcdir = g_getenv("DARN_SRCDIR");
	g_autofree char *path =
		g_build_filename(srcdir ? srcdir : ".", "tests", "data",
				 "header-vectors.tsv", NULL);
	g_autofree char *data = NULL;
	g_autoptr(GError) error = NULL;
	guint n = 0, failures = 0, lineno = 0;
	char *next;

	if (!g_file_get_contents(path, &data, NULL, &error)) {
		g_test_fail_printf("cannot read '%s': %s", path,
				   error->message);
		return;
	}
	/* lines split by hand: g_strsplit() on the whole file is quadratic
	 * under ASan's strstr checks */
	for (char *line = data; line; line = next) {
		g_auto(GStrv) col = NULL;
		g_autoptr(GString) value = NULL;
		g_autofree char *clean = NULL, *canon = NULL;
		enum header_status st;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if (!line[0] || line[0] == '#')
			continue;
		col = g_strsplit(line, "\t", -1);
		g_assert_cmpuint(g_strv_length(col), ==, 4);
		value = unescape(col[1]);
		st = header_clean_status(value->str, value->len, &clean);
		check("clean", lineno, col[2], st, clean, &failures);
		st = header_canonical_line_status(col[0], value->str,
						  value->len, &canon);
		check("line", lineno, col[3], st, canon, &failures);
		n++;
	}
	g_test_message("%u vectors, %u failures", n, failures);
	g_assert_cmpuint(n, >, 500);
	g_assert_cmpuint(failures, ==, 0);
}

static void assert_clean(const char *value, const char *want)
{
	g_autofree char *got = header_clean(value, strlen(value));
	g_assert_cmpstr(got, ==, want);
}

static void assert_line(const char *name, const char *value, const char *want)
{
	g_autofree char *got =
		header_canonical_line(name, value, strlen(value));
	g_assert_cmpstr(got, ==, want);
}

/* ingest.md §7.2: encoded display names. */
static void test_spec_names(void)
{
	assert_clean("=?utf-8?q?=C3=A9xample=20user?= <user@example.com>",
		     "\xc3\xa9xample user <user@example.com>");
	assert_clean("=?utf-8?q?=C3=A9xample?= user <user@example.com>",
		     "\xc3\xa9xample user <user@example.com>");
	assert_clean("=?utf-8?B?w6l4YW1wbGUgdXNlcg==?= <user@example.com>",
		     "\xc3\xa9xample user <user@example.com>");
	assert_clean("  a \t b\n c  ", "a b c");
	{
		g_autofree char *c = header_clean("x\0y", 3);
		g_assert_cmpstr(c, ==, "xy");
	}
	/* raw 8-bit bytes: one U+FFFD per byte */
	assert_clean("caf\xc3\xa9", "caf\xef\xbf\xbd\xef\xbf\xbd");
	/* bad base64: None */
	g_assert_null(header_clean("=?utf-8?b?w?=", 13));
}

/* ingest.md §9 examples. */
static void test_spec_lines(void)
{
	assert_line("Return-Path",
		    "<linux-cifs+bounces-10694-incoming=patchwork.ozlabs.org@"
		    "vger.kernel.org>",
		    "Return-Path: \n <linux-cifs+bounces-10694-incoming="
		    "patchwork.ozlabs.org@vger.kernel.org>");
	assert_line("Subject",
		    "[PATCH v3 2/7] drivers: some subsystem: make the thing "
		    "do the other thing properly now please",
		    "Subject: [PATCH v3 2/7] drivers: some subsystem: make "
		    "the thing do the other\n thing properly now please");
	assert_line(
		"From", "=?utf-8?b?UmFmYcWCIE1pxYJlY2tp?= <zajec5@gmail.com>",
		"From: =?utf-8?b?UmFmYcWCIE1pxYJlY2tp?= <zajec5@gmail.com>");
	assert_line("Subject", "[PATCH] caf\xc3\xa9 bar",
		    "Subject: =?unknown-8bit?b?W1BBVENIXSBjYWbDqSBiYXI=?=");
	/* a fold that would start a line with "word:" drops the header */
	g_assert_null(header_canonical_line("X", "a\vb: c", 6));
}

static void assert_fold(const char *name, const char *value, const char *want)
{
	g_autoptr(GString) got = g_string_new(NULL);

	header_fold_line(got, name, strlen(name), value, strlen(value));
	g_assert_cmpstr(got->str, ==, want);
}

/* header_fold_line(): Header(value, header_name=name).encode() as Python
 * 3.11 writes it (expected values printed by Python). */
static void test_output_fold(void)
{
	g_autoptr(GString) unicode = g_string_new(NULL);
	g_autoptr(GString) word = g_string_new("=?utf-8?b?");

	for (int i = 0; i < 6; i++)
		g_string_append(unicode, "\xc3\x9cn\xc3\xaf"
					 "c\xc3\xb6"
					 "d\xc3\xa9 text ");
	assert_fold(
		"Subject", unicode->str,
		"Subject: =?utf-8?b?w5xuw69jw7Zkw6kgdGV4dCDDnG7Dr2PDtmTDqSB0"
		"ZXh0IMOcbsOvY8O2?=\n"
		" =?utf-8?b?ZMOpIHRleHQgw5xuw69jw7Zkw6kgdGV4dCDDnG7Dr2PDtmTD"
		"qSB0ZXh0IMOcbsOv?=\n"
		" =?utf-8?b?Y8O2ZMOpIHRleHQg?=");
	for (int i = 0; i < 18; i++)
		g_string_append(word, "QUJD");
	g_string_append(word, "?= <someone@example.com>");
	assert_fold(
		"X-Patchwork-Submitter", word->str,
		"X-Patchwork-Submitter: \n =?utf-8?b?QUJDQUJDQUJDQUJDQUJDQUJD"
		"QUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJD?=\n"
		" <someone@example.com>");
	assert_fold("X-Empty", "", "X-Empty: ");
	assert_fold("Received", "from a\n\tby b", "Received: from a\n\tby b");
	assert_fold(
		"X-A",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"X-A: \n aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
}

static void test_empty_charset_raises(void)
{
	char *out = (char *)"unset";
	const char *v = "=??q?x?=";

	g_assert_cmpint(header_clean_status(v, strlen(v), &out), ==,
			HEADER_ERROR);
	g_assert_null(out);
	g_assert_cmpint(header_canonical_line_status("X", v, strlen(v), &out),
			==, HEADER_ERROR);
	g_assert_null(out);
}

/* Any bytes: no crash, and a result that is valid UTF-8. */
static void test_random_bytes(void)
{
	static const char *const frags[] = {"=?",
					    "?=",
					    "?q?",
					    "?b?",
					    "utf-8",
					    "=C3",
					    "=A9",
					    "w6k=",
					    "\n ",
					    "\r\n\t",
					    "\v",
					    "\x1c",
					    "\0",
					    "\xe9",
					    " ",
					    ";",
					    ",",
					    "x",
					    "=?utf-8?q?",
					    "=?iso-2022-jp?b?",
					    "=?",
					    "GyRC",
					    "_",
					    "=",
					    "=?gb2312?b?1tDOxA==?=",
					    "=?shift_jis?q?=82=A0?="};
	GRand *rnd = g_rand_new_with_seed(42);

	for (int i = 0; i < 3000; i++) {
		GString *s = g_string_new(NULL);
		int k = g_rand_int_range(rnd, 0, 40);
		for (int j = 0; j < k; j++) {
			const char *f = frags[g_rand_int_range(
				rnd, 0, G_N_ELEMENTS(frags))];
			g_string_append_len(s, f, f[0] ? strlen(f) : 1);
		}
		g_autofree char *c = header_clean(s->str, s->len);
		g_autofree char *l =
			header_canonical_line("Subject", s->str, s->len);
		if (c)
			g_assert_true(g_utf8_validate(c, -1, NULL));
		/* the stored lines are ASCII: folded RFC 2047 text */
		for (const char *p = l; p && *p; p++)
			g_assert_cmpint((guchar)*p, <, 0x80);
		g_string_free(s, TRUE);
	}
	g_rand_free(rnd);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/header/vectors", test_vectors);
	g_test_add_func("/header/spec-names", test_spec_names);
	g_test_add_func("/header/spec-lines", test_spec_lines);
	g_test_add_func("/header/empty-charset-raises",
			test_empty_charset_raises);
	g_test_add_func("/header/random-bytes", test_random_bytes);
	g_test_add_func("/header/output-fold", test_output_fold);
	return g_test_run();
}
