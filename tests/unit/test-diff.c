/*
 * parse_patch() (ingest.md §10.5): expected splits were produced by
 * running Patchwork's parse_patch() under Python 3.11 on these inputs.
 */
#include "mail/diff.h"

struct vector {
	const char *name;
	const char *text;
	const char *patch;   /* NULL = None */
	const char *comment; /* NULL = None */
};

static const struct vector vectors[] = {
	{
		"empty",
		"",
		NULL,
		"\n",
	},
	{
		"text only",
		"Hello\n"
		"world",
		NULL,
		"Hello\n"
		"world\n",
	},
	{
		"trailing newline adds one",
		"Hello\n",
		NULL,
		"Hello\n"
		"\n",
	},
	{
		"git diff",
		"Intro\n"
		"---\n"
		" f | 1 +\n"
		"\n"
		"diff --git a/f b/f\n"
		"index 1..2 100644\n"
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1,2 +1,2 @@\n"
		" a\n"
		"-b\n"
		"+c\n"
		"-- \n"
		"2.1\n",
		"diff --git a/f b/f\n"
		"index 1..2 100644\n"
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1,2 +1,2 @@\n"
		" a\n"
		"-b\n"
		"+c\n",
		"Intro\n"
		"---\n"
		" f | 1 +\n"
		"\n"
		"-- \n"
		"2.1\n"
		"\n",
	},
	{
		"two hunks",
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1 +1 @@\n"
		"-a\n"
		"+b\n"
		"@@ -10,2 +10,3 @@ fn()\n"
		" x\n"
		"+y\n"
		" z\n"
		"after\n",
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1 +1 @@\n"
		"-a\n"
		"+b\n"
		"@@ -10,2 +10,3 @@ fn()\n"
		" x\n"
		"+y\n"
		" z\n",
		"after\n"
		"\n",
	},
	{
		"zero counts",
		"--- /dev/null\n"
		"+++ b/n\n"
		"@@ -0,0 +1,2 @@\n"
		"+1\n"
		"+2\n",
		"--- /dev/null\n"
		"+++ b/n\n"
		"@@ -0,0 +1,2 @@\n"
		"+1\n"
		"+2\n",
		"\n",
	},
	{
		"empty line is context",
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1,3 +1,3 @@\n"
		" a\n"
		"\n"
		"-b\n"
		"+c\n"
		"next\n",
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1,3 +1,3 @@\n"
		" a\n"
		"\n"
		"-b\n"
		"+c\n",
		"next\n"
		"\n",
	},
	{
		"cvs index",
		"Index: f.c\n"
		"=============================================================="
		"=====\n"
		"--- f.c\t(revision 1)\n"
		"+++ f.c\t(working copy)\n"
		"@@ -1 +1 @@\n"
		"-a\n"
		"+b\n",
		"Index: f.c\n"
		"=============================================================="
		"=====\n"
		"--- f.c\t(revision 1)\n"
		"+++ f.c\t(working copy)\n"
		"@@ -1 +1 @@\n"
		"-a\n"
		"+b\n",
		"\n",
	},
	{
		"rename only",
		"x\n"
		"diff --git a/a b/b\n"
		"similarity index 100%\n"
		"rename from a\n"
		"rename to b\n",
		"diff --git a/a b/b\n"
		"similarity index 100%\n"
		"rename from a\n"
		"rename to b\n",
		"x\n"
		"\n",
	},
	{
		"mode only",
		"diff --git a/s b/s\n"
		"old mode 100644\n"
		"new mode 100755\n",
		"diff --git a/s b/s\n"
		"old mode 100644\n"
		"new mode 100755\n",
		"\n",
	},
	{
		"header without hunk goes to comment",
		"diff --git a/s b/s\n"
		"not an extended header\n"
		"more text\n",
		NULL,
		"diff --git a/s b/s\n"
		"not an extended header\n"
		"more text\n"
		"\n",
	},
	{
		"minus line without plus",
		"--- just dashes\n"
		"text\n",
		NULL,
		"--- just dashes\n"
		"text\n"
		"\n",
	},
	{
		"no newline markers",
		"--- a/t\n"
		"+++ b/t\n"
		"@@ -1 +1 @@\n"
		"-a\n"
		"\\ No newline at end of file\n"
		"+b\n"
		"\\ No newline at end of file\n",
		"--- a/t\n"
		"+++ b/t\n"
		"@@ -1 +1 @@\n"
		"-a\n"
		"\\ No newline at end of file\n"
		"+b\n"
		"\\ No newline at end of file\n",
		"\n",
	},
	{
		"binary then text (0026)",
		"diff --git a/b b/b\n"
		"new file mode 100644\n"
		"index 0..1\n"
		"GIT binary patch\n"
		"literal 1\n"
		"IcmZ\n"
		"\n"
		"diff --git a/t b/t\n"
		"new file mode 100644\n"
		"index 0..2\n"
		"--- /dev/null\n"
		"+++ b/t\n"
		"@@ -0,0 +1 @@\n"
		"+x\n",
		"diff --git a/b b/b\n"
		"new file mode 100644\n"
		"index 0..1\n"
		"GIT binary patch\n"
		"literal 1\n"
		"IcmZ\n"
		"\n"
		"diff --git a/t b/t\n"
		"--- /dev/null\n"
		"+++ b/t\n"
		"@@ -0,0 +1 @@\n"
		"+x\n",
		"new file mode 100644\n"
		"index 0..2\n"
		"\n",
	},
	{
		"binary only",
		"diff --git a/b b/b\n"
		"index 1..2 100644\n"
		"GIT binary patch\n"
		"literal 1\n"
		"IcmZ\n"
		"\n"
		"literal 0\n"
		"HcmV\n",
		"diff --git a/b b/b\n"
		"index 1..2 100644\n"
		"GIT binary patch\n"
		"literal 1\n"
		"IcmZ\n"
		"\n"
		"literal 0\n"
		"HcmV\n"
		"\n",
		NULL,
	},
	{
		"words starting with diff",
		"difficult\n"
		"Different\n"
		"diff\n"
		"Index:x\n",
		NULL,
		"difficult\n"
		"Different\n"
		"diff\n"
		"Index:x\n"
		"\n",
	},
	{
		"update after ---",
		"Subject\n"
		"---\n"
		"Update: v2\n"
		"\n"
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1 +1 @@\n"
		"-a\n"
		"+b\n",
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1 +1 @@\n"
		"-a\n"
		"+b\n",
		"Subject\n"
		"---\n"
		"Update: v2\n"
		"\n"
		"\n",
	},
	{
		"second file header after hunk",
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1 +1 @@\n"
		"-a\n"
		"+b\n"
		"--- a/g\n"
		"+++ b/g\n"
		"@@ -1 +1 @@\n"
		"-c\n"
		"+d\n",
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1 +1 @@\n"
		"-a\n"
		"+b\n"
		"--- a/g\n"
		"+++ b/g\n"
		"@@ -1 +1 @@\n"
		"-c\n"
		"+d\n",
		"\n",
	},
	{
		"text between files",
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1 +1 @@\n"
		"-a\n"
		"+b\n"
		"some words\n"
		"diff --git a/g b/g\n"
		"--- a/g\n"
		"+++ b/g\n"
		"@@ -1 +1 @@\n"
		"-c\n"
		"+d\n",
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1 +1 @@\n"
		"-a\n"
		"+b\n"
		"some words\n"
		"diff --git a/g b/g\n"
		"--- a/g\n"
		"+++ b/g\n"
		"@@ -1 +1 @@\n"
		"-c\n"
		"+d\n",
		"\n",
	},
	{
		"crlf lines",
		"Intro\r\n"
		"--- a/f\r\n"
		"+++ b/f\r\n"
		"@@ -1 +1 @@\r\n"
		"-a\r\n"
		"+b\r\n",
		"--- a/f\r\n"
		"+++ b/f\r\n"
		"@@ -1 +1 @@\r\n"
		"-a\r\n"
		"+b\r\n",
		"Intro\r\n"
		"\n",
	},
	{
		"unicode digits in hunk",
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -\331\241,\331\242 +1,\331\242 @@\n"
		" a\n"
		"-b\n"
		"+c\n"
		"end\n",
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -\331\241,\331\242 +1,\331\242 @@\n"
		" a\n"
		"-b\n"
		"+c\n",
		"end\n"
		"\n",
	},
	{
		"huge hunk count",
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1,99999999999999999999999 +1 @@\n"
		"-a\n"
		"+b\n"
		"c\n",
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1,99999999999999999999999 +1 @@\n"
		"-a\n"
		"+b\n"
		"c\n"
		"\n",
		NULL,
	},
	{
		"bad hunk header",
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1, +1 @@\n"
		"-a\n",
		NULL,
		"--- a/f\n"
		"+++ b/f\n"
		"@@ -1, +1 @@\n"
		"-a\n"
		"\n",
	},
};

static void test_vector(gconstpointer data)
{
	const struct vector *v = data;
	g_autofree char *patch = NULL, *comment = NULL;

	diff_parse(v->text, &patch, &comment);
	g_assert_cmpstr(patch, ==, v->patch);
	g_assert_cmpstr(comment, ==, v->comment);
}

static void test_hunk_match(void)
{
	struct diff_hunk h;
	g_autoptr(GString) s = g_string_new(NULL);
	const char *line = "@@ -12,0 +13 @@ int main(void)";

	g_assert_true(diff_hunk_match(line, strlen(line), &h));
	g_assert_cmpuint(h.old_len, ==, 1);
	g_assert_cmpint(diff_hunk_count(h.old_count, h.old_len), ==, 0);
	g_assert_cmpuint(h.new_len, ==, 0);
	g_assert_cmpint(diff_hunk_count(h.new_count, h.new_len), ==, 1);

	/* anchored at the start, single spaces, both numbers required */
	g_assert_false(diff_hunk_match(" @@ -1 +1 @@", 12, &h));
	g_assert_false(diff_hunk_match("@@ -1  +1 @@", 12, &h));
	g_assert_false(diff_hunk_match("@@ -1 + @@", 10, &h));
	g_assert_false(diff_hunk_match("@@ -1,2 +1,2 @", 14, &h));
	/* the length bounds the match */
	g_assert_false(diff_hunk_match("@@ -1 +1 @@", 10, &h));

	/* "%d" % int(): leading zeros go, other digits become ASCII */
	diff_hunk_count_append(s, "007", 3);
	g_string_append_c(s, ' ');
	diff_hunk_count_append(s, "000", 3);
	g_string_append_c(s, ' ');
	diff_hunk_count_append(s, "\xd9\xa1\xd9\xa0", 4); /* Arabic-Indic 10 */
	g_string_append_c(s, ' ');
	diff_hunk_count_append(s, NULL, 0);
	g_assert_cmpstr(s->str, ==, "7 0 10 1");

	/* huge counts saturate instead of overflowing */
	g_assert_cmpint(diff_hunk_count("99999999999999999999999", 23), ==,
			G_GINT64_CONSTANT(1) << 62);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	for (gsize i = 0; i < G_N_ELEMENTS(vectors); i++) {
		g_autofree char *path =
			g_strdup_printf("/diff/parse/%s", vectors[i].name);
		g_strdelimit(path + 12, " /", '-');
		g_test_add_data_func(path, &vectors[i], test_vector);
	}
	g_test_add_func("/diff/hunk", test_hunk_match);
	return g_test_run();
}
