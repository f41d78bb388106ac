/*
 * hash_diff (ingest.md §12) and find_filenames (§13). Expected values were
 * produced by Patchwork's hash_diff() and find_filenames() under Python
 * 3.11; the first vector is Patchwork's own SAMPLE_DIFF test vector.
 */
#include "mail/hash.h"

struct vector {
	const char *name;
	const char *diff;
	const char *hash;
	guint n_files;
	const char *files; /* joined with "\n" */
};

static const struct vector vectors[] = {
	{
		"sample diff",
		"--- /dev/null\t2019-01-01 00:00:00.000000000 +0800\n"
		"+++ a\t2019-01-01 00:00:00.000000000 +0800\n"
		"@@ -0,0 +1 @@\n"
		"+a\n",
		"1a97d1ddffe62b958b582f5d5fdde34ba8d4d2c6",
		1,
		"",
	},
	{
		"empty",
		"",
		"da39a3ee5e6b4b0d3255bfef95601890afd80709",
		0,
		"",
	},
	{
		"rename only",
		"diff --git a/a b/b\n"
		"similarity index 100%\n"
		"rename from a\n"
		"rename to b\n",
		"da39a3ee5e6b4b0d3255bfef95601890afd80709",
		0,
		"",
	},
	{
		"git diff",
		"diff --git a/dir/f.c b/dir/f.c\n"
		"index 1..2 100644\n"
		"--- a/dir/f.c\n"
		"+++ b/dir/f.c\n"
		"@@ -10,3 +10,4 @@ static int x;\n"
		" a\n"
		"-b\n"
		"+c\n"
		"+d\n"
		" e\n",
		"4ebaa037065cd8e42bb754d0ba3ccfb83204d73d",
		1,
		"dir/f.c",
	},
	{
		"same diff other line numbers and prefix",
		"--- x/dir/f.c\n"
		"+++ y/dir/f.c\n"
		"@@ -99,3 +100,4 @@\n"
		" a\n"
		"-b\n"
		"+c\n"
		"+d\n"
		" e\n",
		"4ebaa037065cd8e42bb754d0ba3ccfb83204d73d",
		1,
		"dir/f.c",
	},
	{
		"crlf and surrounding space",
		"\r\n"
		"  \n"
		"--- a/dir/f.c\r\n"
		"+++ b/dir/f.c\r\n"
		"@@ -10,3 +10,4 @@\r\n"
		" a\r\n"
		"-b\r\n"
		"+c\r\n"
		"+d\r\n"
		" e\r\n"
		"\n"
		"\n",
		"4ebaa037065cd8e42bb754d0ba3ccfb83204d73d",
		1,
		"dir/f.c",
	},
	{
		"svn revision suffix",
		"--- foo.c\t(revision 1)\n"
		"+++ foo.c\t(working copy)\n"
		"@@ -1 +1 @@\n"
		"-a\n"
		"+b\n",
		"f289706f94c1ce1b8e7827b157c610b11e450c8c",
		1,
		"",
	},
	{
		"leading zeros in counts",
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1,007 +1,0 @@\n"
		"-a\n",
		"01ab2070b21d84ff809be7c1d54b36af5b55c570",
		1,
		"f",
	},
	{
		"unicode digits",
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -\331\241,\331\242 +1,\331\243 @@\n"
		" a\n",
		"d40cf44959b816f0d62ab7b63cd68de8b25423cf",
		1,
		"f",
	},
	{
		"huge count",
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1,123456789012345678901234567890 +1 @@\n"
		"-a\n",
		"d151d8b3afacf7c5e04e261553dbb640dadbf6c5",
		1,
		"f",
	},
	{
		"file names with space and unicode",
		"--- a/d\303\251j\303\240/x y\n"
		"+++ b/d\303\251j\303\240/x y\n"
		"--- a/z\n"
		"+++ b/z\n"
		"--- /dev/null\n"
		"+++ b/a\n"
		"--- a/z\n"
		"+++ nodir\n"
		"--- \302\240x\n"
		"+++  y\n",
		"fe534d268a906cbf329512f7a54689844218417d",
		4,
		"\n"
		"a\n"
		"d\303\251j\303\240/x\n"
		"z",
	},
	{
		"nbsp splits name",
		"--- a/f\302\240g\n"
		"+++ b/f\342\200\203g\n",
		"c5e10e0bb439d3ebfee38d15a9e3cfb244193185",
		1,
		"f",
	},
};

static void test_vector(gconstpointer data)
{
	const struct vector *v = data;
	g_autofree char *hash = diff_hash(v->diff);
	g_autoptr(GPtrArray) files = diff_filenames(v->diff);
	g_autoptr(GString) joined = g_string_new(NULL);

	g_assert_cmpstr(hash, ==, v->hash);
	g_assert_cmpuint(files->len, ==, v->n_files);
	for (guint i = 0; i < files->len; i++) {
		if (i)
			g_string_append_c(joined, '\n');
		g_string_append(joined, files->pdata[i]);
	}
	g_assert_cmpstr(joined->str, ==, v->files);
}

static void test_spec_vectors(void)
{
	g_autofree char *empty = diff_hash("");
	g_autofree char *mode = diff_hash("diff --git a/s b/s\n"
					  "old mode 100644\n"
					  "new mode 100755\n");

	g_assert_cmpstr(empty, ==, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	g_assert_cmpstr(mode, ==, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

static void test_line_numbers_ignored(void)
{
	/* the point of the hash: the same change against other line
	 * numbers, other -p1 prefixes, CRLF or a trailing section name
	 * hashes the same */
	g_autofree char *a = diff_hash("--- a/x/f.c\n+++ b/x/f.c\n"
				       "@@ -10,2 +10,2 @@ foo\n a\n-b\n+c\n");
	g_autofree char *b = diff_hash("--- orig/x/f.c\r\n+++ new/x/f.c\r\n"
				       "@@ -99,2 +100,2 @@ bar\r\n a\r\n-b\r\n"
				       "+c\r\n");

	g_assert_cmpstr(a, ==, b);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	for (gsize i = 0; i < G_N_ELEMENTS(vectors); i++) {
		g_autofree char *path =
			g_strdup_printf("/hash/%s", vectors[i].name);
		g_strdelimit(path + 6, " /", '-');
		g_test_add_data_func(path, &vectors[i], test_vector);
	}
	g_test_add_func("/hash/spec-vectors", test_spec_vectors);
	g_test_add_func("/hash/line-numbers-ignored",
			test_line_numbers_ignored);
	return g_test_run();
}
