/*
 * Tests for mail/pull.c: the URL shapes ingest.md §11 lists, then several
 * hundred synthetic messages checked against Python's `re` running
 * Patchwork's expression (tests/data/pull-vectors.tsv, written by
 * tests/tools/gen-pull-vectors.py), which must all agree.
 */
#include <glib.h>
#include <string.h>

#include "mail/pull.h"
#include "tsv.h"

static char *request(const char *at_line, const char *url_block)
{
	return g_strconcat("Hi,\n\nThe following changes since commit "
			   "29dcea88779c856c7dc92040a0c01233263101d4:\n\n"
			   "  Linux 4.8 (2016-10-02 16:24:33 -0700)\n\n",
			   at_line, url_block,
			   "\nfor you to fetch changes up to "
			   "5e06d19694a463a012c2589e29078196eb209448:\n\n"
			   "  thing: fix it (2020-01-13 17:36:26 +0530)\n",
			   NULL);
}

static void check(const char *at_line, const char *url_block, const char *want)
{
	g_autofree char *text = request(at_line, url_block);
	g_autofree char *got = pull_url_find(text);

	g_assert_cmpstr(got, ==, want);
}

static void test_spec_vectors(void)
{
	const char *at = "are available in the git repository at:\n\n";
	const char *at_git = "are available in the Git repository at:\n\n";

	check(at,
	      "  git://git.kernel.org/pub/scm/linux/kernel/git/benh/"
	      "powerpc.git next\n",
	      "git://git.kernel.org/pub/scm/linux/kernel/git/benh/powerpc.git "
	      "next");
	check(at, "  git+ssh://git.example.org/p.git next\n",
	      "git+ssh://git.example.org/p.git next");
	check(at, "  ssh://git.example.org/p.git next\n",
	      "ssh://git.example.org/p.git next");
	check(at, "  http://git.example.org/p.git next\n",
	      "http://git.example.org/p.git next");
	/* git >= 2.14.3: the branch is on a later line, not captured */
	check(at_git,
	      "  git://git.kernel.org/pub/scm/linux/kernel/git/davem/net \n",
	      "git://git.kernel.org/pub/scm/linux/kernel/git/davem/net");
	/* URL and tag on separate lines, joined with one space */
	check(at_git,
	      "  https://git.kernel.org/pub/scm/linux/kernel/git/matthias.bgg/"
	      "linux.git/\ntags/v5.4-next-soc\n",
	      "https://git.kernel.org/pub/scm/linux/kernel/git/matthias.bgg/"
	      "linux.git/ tags/v5.4-next-soc");
	/* trailing spaces on every line */
	check("are available in the Git repository at:      \n      \n",
	      "  git://git.kernel.org/pub/scm/linux/kernel/git/nsekhar/"
	      "linux-davinci.git tags/davinci-for-v5.6/soc      \n",
	      "git://git.kernel.org/pub/scm/linux/kernel/git/nsekhar/"
	      "linux-davinci.git tags/davinci-for-v5.6/soc");
	check(at, "  git@example.org:foo/bar.git master\n",
	      "git@example.org:foo/bar.git master");
	/* URL on the "at:" line itself: no newline before it */
	check("are available in the git repository at: ",
	      "git://example.org/a.git\n", NULL);
	/* not at a line start */
	check("> are available in the git repository at:\n\n",
	      "  git://example.org/a.git\n", NULL);
	g_assert_null(pull_url_find(NULL));
	g_assert_null(pull_url_find(""));
}

static void test_python_vectors(void)
{
	g_autoptr(GPtrArray) rows = tsv_load("pull-vectors.tsv", 2);
	guint bad = 0, found = 0;

	g_assert_cmpuint(rows->len, >=, 300);
	for (guint i = 0; i < rows->len; i++) {
		char **r = ((struct tsv_row *)rows->pdata[i])->f;
		g_autofree char *got = pull_url_find(r[0]);

		found += r[1] != NULL;
		if (g_strcmp0(got, r[1]) != 0 && bad++ < 20)
			g_printerr("message '%.300s':\n  got %s, Python %s\n",
				   r[0], got, r[1]);
	}
	g_assert_cmpuint(bad, ==, 0);
	g_assert_cmpuint(found, >=, 50);
}

/* An ordinary 8 MB message is skipped quickly (one look per line). */
static void test_fast_rejection(void)
{
	GString *s = g_string_new(NULL);
	gint64 t0;

	while (s->len < 8 * 1024 * 1024)
		g_string_append(s, "This thing follows the changes since the "
				   "commit that broke it, see the git tree.\n"
				   "the following change\n");
	t0 = g_get_monotonic_time();
	g_assert_null(pull_url_find(s->str));
	/* generous even under sanitizers: the scan is a few ms */
	g_assert_cmpint(g_get_monotonic_time() - t0, <, 2 * G_USEC_PER_SEC);
	g_string_free(s, TRUE);
}

/* Many "are available" lines and a long tail stay linear. */
static void test_many_candidates(void)
{
	GString *s = g_string_new("The following changes since commit x\n");

	for (int i = 0; i < 20000; i++)
		g_string_append(s, "are available in the git repository at:\n"
				   "  git://a.b/c x y\n");
	g_assert_null(pull_url_find(s->str));
	g_string_free(s, TRUE);
}

/* Arbitrary bytes (not even UTF-8) never crash the scanner. */
static void test_any_bytes(void)
{
	static const char *const pieces[] = {
		"The following changes since commit x\n",
		"are available in the git repository at:\n",
		" ",
		"\n",
		"\\",
		"git://",
		"a.b/c",
		"@",
		"\xff",
		"\xc2\xa0",
		"\xe3\x80",
		"tags/v1",
		"-",
	};

	for (int round = 0; round < 20000; round++) {
		GString *s = g_string_new(NULL);
		int n = g_test_rand_int_range(0, 12);
		g_autofree char *got = NULL;

		for (int i = 0; i < n; i++)
			g_string_append(s, pieces[g_test_rand_int_range(
						   0, G_N_ELEMENTS(pieces))]);
		got = pull_url_find(s->str);
		if (got)
			g_assert_true(g_utf8_validate(got, -1, NULL));
		g_string_free(s, TRUE);
	}
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/pull/spec-vectors", test_spec_vectors);
	g_test_add_func("/pull/python-vectors", test_python_vectors);
	g_test_add_func("/pull/fast-rejection", test_fast_rejection);
	g_test_add_func("/pull/many-candidates", test_many_candidates);
	g_test_add_func("/pull/any-bytes", test_any_bytes);
	return g_test_run();
}
