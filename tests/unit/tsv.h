/*
 * Reading the vector files in tests/data/ that the scripts in tests/tools/
 * write (format in tests/tools/vectors.py): one vector per line, fields
 * split by tabs, `\\` and `\u{HEX}` escapes, `\N` for None, lines starting
 * with '#' ignored. Header-only (static inline) so every test program can
 * include it.
 */
#ifndef DARN_TESTS_TSV_H
#define DARN_TESTS_TSV_H

#include <glib.h>
#include <stdlib.h>
#include <string.h>

struct tsv_row {
	guint n;
	char *f[]; /* n fields; NULL for None */
};

/* The field with its escapes decoded (g_free), or NULL for `\N`. */
static inline char *tsv_unescape(const char *s)
{
	GString *out = g_string_sized_new(strlen(s));

	if (strcmp(s, "\\N") == 0)
		return NULL;
	while (*s) {
		if (s[0] == '\\' && s[1] == '\\') {
			g_string_append_c(out, '\\');
			s += 2;
		} else if (s[0] == '\\' && s[1] == 'u' && s[2] == '{') {
			char *end;
			gulong c = strtoul(s + 3, &end, 16);
			g_assert_true(*end == '}' && c != 0);
			g_string_append_unichar(out, (gunichar)c);
			s = end + 1;
		} else {
			g_string_append_c(out, *s++);
		}
	}
	return g_string_free(out, FALSE);
}

static inline void tsv_row_free(gpointer data)
{
	struct tsv_row *row = data;

	for (guint i = 0; i < row->n; i++)
		g_free(row->f[i]);
	g_free(row);
}

/*
 * The rows of tests/data/<name>, found under $DARN_SRCDIR (default "."):
 * a GPtrArray of struct tsv_row (freed with the array), each with
 * `fields` fields.
 */
static inline GPtrArray *tsv_load(const char *name, guint fields)
{
	const char *top = g_getenv("DARN_SRCDIR");
	g_autofree char *path =
		g_build_filename(top ? top : ".", "tests", "data", name, NULL);
	g_autofree char *text = NULL;
	g_autoptr(GError) error = NULL;
	GPtrArray *rows = g_ptr_array_new_with_free_func(tsv_row_free);
	g_auto(GStrv) lines = NULL;

	if (!g_file_get_contents(path, &text, NULL, &error))
		g_error("cannot read '%s': %s (set DARN_SRCDIR to the source "
			"tree)",
			path, error->message);
	lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++) {
		g_auto(GStrv) raw = NULL;
		struct tsv_row *row;

		if (**l == '\0' || **l == '#')
			continue;
		raw = g_strsplit(*l, "\t", -1);
		if (g_strv_length(raw) != fields)
			g_error("%s: expected %u fields in '%.100s'", name,
				fields, *l);
		row = g_malloc(sizeof(*row) + fields * sizeof(char *));
		row->n = fields;
		for (guint i = 0; i < fields; i++)
			row->f[i] = tsv_unescape(raw[i]);
		g_ptr_array_add(rows, row);
	}
	return rows;
}

#endif
