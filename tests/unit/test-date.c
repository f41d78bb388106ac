/*
 * Tests for mail/date.c: ingest.md §8's vectors, then several hundred Date
 * texts whose stored value Python 3.11 computed (tests/data/date-vectors.tsv,
 * written by tests/tools/gen-date-vectors.py), all of which must agree.
 */
#include <glib.h>
#include <string.h>

#include "mail/date.h"
#include "tsv.h"

/* The stored naive UTC datetime, "YYYY-MM-DD HH:MM:SS", or "now". */
static char *stored(const char *header)
{
	gint64 usec = 0;
	g_autoptr(GDateTime) dt = NULL;

	if (!mail_date_parse(header, &usec))
		return g_strdup("now");
	g_assert_cmpint(usec % G_USEC_PER_SEC, ==, 0);
	dt = g_date_time_new_from_unix_utc(usec / G_USEC_PER_SEC);
	/* g_date_time_format() does not zero-pad years below 1000. */
	return g_strdup_printf(
		"%04d-%02d-%02d %02d:%02d:%02d", g_date_time_get_year(dt),
		g_date_time_get_month(dt), g_date_time_get_day_of_month(dt),
		g_date_time_get_hour(dt), g_date_time_get_minute(dt),
		g_date_time_get_second(dt));
}

static void test_spec_vectors(void)
{
	static const char *const v[][2] = {
		{"Sun, 11 Sep 2016 23:22:03 +0100", "2016-09-11 22:22:03"},
		{"Sun, 11 Sep 2016 23:22:03", "2016-09-11 23:22:03"},
		{"Sun, 11 Sep 2016 23:22:03 -0000", "2016-09-11 23:22:03"},
		{"Sun, 11 Sep 2016 23:22:03 CEST", "2016-09-11 23:22:03"},
		{"Sun, 11 Sep 2016 23:22:03 +02", "2016-09-11 23:20:03"},
		{"11 Sep 16 23:22 EST", "2016-09-12 04:22:00"},
		{"Sun, 11 Sep 2016 23.22.03 +0100", "2016-09-11 22:22:03"},
		{"Sun, 31 Feb 2016 23:22:03 +0000", "2016-03-02 23:22:03"},
		{"garbage", "now"},
		{"", "now"},
		/* Patchwork's own examples of dates it cannot store */
		{"Wed, 4 Jun 207777777777777777777714 17:50:46 0", "now"},
		{", 11 Sep 2016 23:22:904070804030804 +0100", "now"},
		{", 11 Sep 2016 407080403080105:04 +0100", "now"},
		/* the ends of datetime's range */
		{"31 Dec 9999 23:59:59 +0000", "9999-12-31 23:59:59"},
		{"31 Dec 9999 23:59:59 -0001", "now"},
		{"1 Jan +0000 00:00:00 -1999", "0001-01-01 00:00:00"},
		{"1 Jan +0000 00:00:00 -1999 ", "0001-01-01 00:00:00"},
		{"1 Jan 0100 00:00:00 +0001", "0099-12-31 23:59:00"},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(v); i++) {
		g_autofree char *got = stored(v[i][0]);
		g_assert_cmpstr(got, ==, v[i][1]);
	}
	g_assert_false(mail_date_parse(NULL, &(gint64){0}));
}

static void test_python_vectors(void)
{
	g_autoptr(GPtrArray) rows = tsv_load("date-vectors.tsv", 2);
	guint bad = 0;

	g_assert_cmpuint(rows->len, >=, 300);
	for (guint i = 0; i < rows->len; i++) {
		struct tsv_row *row = rows->pdata[i];
		gint64 usec = G_MININT64;
		g_autofree char *got = NULL;

		if (mail_date_parse(row->f[0], &usec)) {
			g_assert_cmpint(usec % G_USEC_PER_SEC, ==, 0);
			got = g_strdup_printf("%" G_GINT64_FORMAT,
					      usec / G_USEC_PER_SEC);
		} else {
			g_assert_cmpint(usec, ==, G_MININT64);
			got = g_strdup("now");
		}
		if (strcmp(got, row->f[1]) != 0) {
			if (bad++ < 20)
				g_printerr("date '%.80s': got %s, Python %s\n",
					   row->f[0], got, row->f[1]);
		}
	}
	g_assert_cmpuint(bad, ==, 0);
}

/* Arbitrary bytes (not even UTF-8) never crash the parser. */
static void test_any_bytes(void)
{
	static const char alphabet[] =
		"0123456789:+-.,_ \tJanSepESTZ\xc2\xa0\xff";
	char buf[64];

	for (int round = 0; round < 20000; round++) {
		gsize len = g_test_rand_int_range(0, sizeof(buf));
		gint64 usec;

		for (gsize i = 0; i < len; i++)
			buf[i] = alphabet[g_test_rand_int_range(
				0, sizeof(alphabet) - 1)];
		buf[len] = '\0';
		if (mail_date_parse(buf, &usec))
			g_assert_cmpint(usec % G_USEC_PER_SEC, ==, 0);
	}
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/date/spec-vectors", test_spec_vectors);
	g_test_add_func("/date/python-vectors", test_python_vectors);
	g_test_add_func("/date/any-bytes", test_any_bytes);
	return g_test_run();
}
