/*
 * hash_diff and find_filenames (ingest.md §12, §13): both normalise the
 * diff the same way (no CR, stripped, split on LF), then look at the
 * `--- `/`+++ ` file lines and the hunk headers.
 */
#include "mail/hash.h"
#include "mail/diff.h"
#include "mail/pystr.h"

/* The code point at p, or -1 for bytes that are not UTF-8 (never spaces). */
static gunichar char_at(const char *p, const char *end)
{
	if (!((guchar)*p & 0x80))
		return (guchar)*p;
	return g_utf8_get_char_validated(p, end - p);
}

static const char *next_char(const char *p, const char *end)
{
	gunichar c = char_at(p, end);

	if (c == (gunichar)-1 || c == (gunichar)-2)
		return p + 1;
	return MIN(end, g_utf8_next_char(p));
}

/* str.strip() bounds of [*start, *end). CR counts as space, so stripping
 * before or after removing the CRs gives the same text. */
static void strip_bounds(const char **start, const char **end)
{
	const char *s = *start, *e = *end;

	while (s < e && py_isspace(char_at(s, e)))
		s = next_char(s, e);
	while (e > s) {
		const char *prev = g_utf8_find_prev_char(s, e);

		if (!prev)
			prev = e - 1;
		/* a stray continuation byte is not a space */
		if (next_char(prev, e) != e || !py_isspace(char_at(prev, e)))
			break;
		e = prev;
	}
	*start = s;
	*end = e;
}

/* Iterates diff.replace('\r', '').strip().split('\n'), skipping empty
 * lines (both users ignore them). */
struct line_iter {
	const char *p, *end;
	GString *scratch; /* the current line when it held CRs */
};

static void line_iter_init(struct line_iter *it, const char *diff)
{
	it->p = diff;
	it->end = diff + strlen(diff);
	strip_bounds(&it->p, &it->end);
	it->scratch = g_string_new(NULL);
}

static gboolean line_iter_next(struct line_iter *it, const char **s, gsize *len)
{
	while (it->p < it->end) {
		const char *start = it->p;
		const char *nl = memchr(start, '\n', it->end - start);
		const char *stop = nl ? nl : it->end;

		it->p = nl ? nl + 1 : it->end;
		if (memchr(start, '\r', stop - start)) {
			g_string_truncate(it->scratch, 0);
			for (const char *q = start; q < stop; q++)
				if (*q != '\r')
					g_string_append_c(it->scratch, *q);
			start = it->scratch->str;
			stop = start + it->scratch->len;
		}
		if (stop > start) {
			*s = start;
			*len = stop - start;
			return TRUE;
		}
	}
	return FALSE;
}

static void line_iter_clear(struct line_iter *it)
{
	g_string_free(it->scratch, TRUE);
}

/*
 * ^(---|\+\+\+) (\S+): on a match, *name (*name_len bytes) is group 2 (a run of
 * non-space code points, Python's \S).
 */
static gboolean filename_match(const char *s, gsize len, const char **name,
			       gsize *name_len)
{
	const char *end = s + len, *p = s + 4;

	if (len < 5 || (memcmp(s, "--- ", 4) != 0 && memcmp(s, "+++ ", 4) != 0))
		return FALSE;
	while (p < end && !py_isspace(char_at(p, end)))
		p = next_char(p, end);
	if (p == s + 4)
		return FALSE;
	*name = s + 4;
	*name_len = p - (s + 4);
	return TRUE;
}

/* '/'.join(name.split('/')[1:]): everything after the first '/'. */
static void drop_first_component(const char **name, gsize *len)
{
	const char *slash = memchr(*name, '/', *len);

	if (!slash) {
		*len = 0;
		return;
	}
	*len -= slash + 1 - *name;
	*name = slash + 1;
}

char *diff_hash(const char *diff)
{
	struct line_iter it;
	GString *norm = g_string_sized_new(strlen(diff));
	const char *s, *name;
	gsize len, name_len;
	struct diff_hunk h;
	char *hex;

	line_iter_init(&it, diff);
	while (line_iter_next(&it, &s, &len)) {
		if (filename_match(s, len, &name, &name_len)) {
			/* normalise -p1 top directories */
			drop_first_component(&name, &name_len);
			g_string_append(norm,
					s[0] == '-' ? "--- a/" : "+++ b/");
			g_string_append_len(norm, name, name_len);
		} else if (diff_hunk_match(s, len, &h)) {
			/* keep the line counts, drop the line numbers */
			g_string_append(norm, "@@ -");
			diff_hunk_count_append(norm, h.old_count, h.old_len);
			g_string_append(norm, " +");
			diff_hunk_count_append(norm, h.new_count, h.new_len);
			g_string_append(norm, " @@");
		} else if (s[0] == '-' || s[0] == '+' || s[0] == ' ') {
			g_string_append_len(norm, s, len);
		} else {
			continue;
		}
		g_string_append_c(norm, '\n');
	}
	line_iter_clear(&it);
	hex = g_compute_checksum_for_data(G_CHECKSUM_SHA1, (guchar *)norm->str,
					  norm->len);
	g_string_free(norm, TRUE);
	return hex;
}

static int compare_strings(gconstpointer a, gconstpointer b)
{
	/* strcmp on UTF-8 orders by code point, as Python's sorted() */
	return strcmp(*(char *const *)a, *(char *const *)b);
}

GPtrArray *diff_filenames(const char *diff)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	struct line_iter it;
	const char *s, *name;
	gsize len, name_len;
	guint kept = 0;

	line_iter_init(&it, diff);
	while (line_iter_next(&it, &s, &len)) {
		if (!filename_match(s, len, &name, &name_len))
			continue;
		if (name_len >= 9 && memcmp(name, "/dev/null", 9) == 0)
			continue;
		drop_first_component(&name, &name_len);
		g_ptr_array_add(names, g_strndup(name, name_len));
	}
	line_iter_clear(&it);

	g_ptr_array_sort(names, compare_strings);
	for (guint i = 0; i < names->len; i++) {
		if (kept > 0 &&
		    strcmp(names->pdata[kept - 1], names->pdata[i]) == 0) {
			g_free(names->pdata[i]);
			names->pdata[i] = NULL;
			continue;
		}
		names->pdata[kept++] = names->pdata[i];
	}
	/* the tail now holds moved or freed pointers: drop without freeing */
	g_ptr_array_set_free_func(names, NULL);
	g_ptr_array_set_size(names, kept);
	g_ptr_array_set_free_func(names, g_free);
	return names;
}
