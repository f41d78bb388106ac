/*
 * Patchwork's parse_patch() state machine (ingest.md §10.5), line by line
 * with plain prefix tests: it runs over every plain-text part of every
 * mail, so it is the hot path of ingestion and uses no regex.
 */
#include "mail/diff.h"

/* Length of the Unicode decimal digit (Python `\d`) at p, or 0. */
static gsize digit_at(const char *p, const char *end, int *value)
{
	gunichar c;
	int v;

	if (p >= end)
		return 0;
	if (*p >= '0' && *p <= '9') {
		*value = *p - '0';
		return 1;
	}
	if (!((guchar)*p & 0x80))
		return 0;
	c = g_utf8_get_char_validated(p, end - p);
	if (c == (gunichar)-1 || c == (gunichar)-2)
		return 0;
	v = g_unichar_digit_value(c);
	if (v < 0)
		return 0;
	*value = v;
	return g_utf8_skip[*(const guchar *)p];
}

/* Skips \d+ at *p; FALSE (and *p unchanged) when there is no digit. */
static gboolean skip_digits(const char **p, const char *end)
{
	const char *q = *p;
	gsize n;
	int v;

	while ((n = digit_at(q, end, &v)) > 0)
		q += n;
	if (q == *p)
		return FALSE;
	*p = q;
	return TRUE;
}

static gboolean skip_literal(const char **p, const char *end, const char *lit)
{
	gsize n = strlen(lit);

	if ((gsize)(end - *p) < n || memcmp(*p, lit, n) != 0)
		return FALSE;
	*p += n;
	return TRUE;
}

/* (?:,(\d+))? : the optional count group. */
static void optional_count(const char **p, const char *end, const char **group,
			   gsize *group_len)
{
	const char *q = *p;

	*group = NULL;
	*group_len = 0;
	if (q < end && *q == ',') {
		q++;
		const char *digits = q;
		if (skip_digits(&q, end)) {
			*group = digits;
			*group_len = q - digits;
			*p = q;
		}
	}
}

gboolean diff_hunk_match(const char *line, gsize len, struct diff_hunk *hunk)
{
	const char *p = line, *end = line + len;

	/* \d+ is greedy and a digit is never ',' or ' ', so one pass
	 * without backtracking decides the match. */
	if (!skip_literal(&p, end, "@@ -") || !skip_digits(&p, end))
		return FALSE;
	optional_count(&p, end, &hunk->old_count, &hunk->old_len);
	if (!skip_literal(&p, end, " +") || !skip_digits(&p, end))
		return FALSE;
	optional_count(&p, end, &hunk->new_count, &hunk->new_len);
	return skip_literal(&p, end, " @@");
}

#define COUNT_MAX (G_GINT64_CONSTANT(1) << 62)

gint64 diff_hunk_count(const char *digits, gsize len)
{
	gint64 n = 0;
	gsize k;
	int v;

	/* An absent count comes as (NULL, 0): no pointer arithmetic on it. */
	if (len == 0)
		return 1;
	const char *p = digits, *end = digits + len;
	while ((k = digit_at(p, end, &v)) > 0) {
		n = n >= COUNT_MAX / 10 ? COUNT_MAX : n * 10 + v;
		p += k;
	}
	return n;
}

void diff_hunk_count_append(GString *out, const char *digits, gsize len)
{
	gboolean leading = TRUE;
	gsize k;
	int v;

	if (len == 0) {
		g_string_append_c(out, '1');
		return;
	}
	const char *p = digits, *end = digits + len;
	while ((k = digit_at(p, end, &v)) > 0) {
		p += k;
		if (leading && v == 0)
			continue;
		leading = FALSE;
		g_string_append_c(out, '0' + v);
	}
	if (leading)
		g_string_append_c(out, '0');
}

/* The states of parse_patch(); the letters of ingest.md §10.5. */
enum state {
	S_TEXT,	  /* T */
	S_HEADER, /* H: after `diff ` or `Index: ` */
	S_MINUS,  /* M: after `--- ` */
	S_PLUS,	  /* P: after `+++ ` or a finished hunk */
	S_HUNK,	  /* C: inside a hunk */
	S_EXT,	  /* X: git extended header */
	S_BINARY, /* B: git binary patch */
};

/* One element of text.split('\n') with its '\n' appended. */
struct line {
	const char *s;
	gsize len; /* without the '\n' */
};

static gboolean starts(const struct line *l, const char *prefix, gsize n)
{
	/* The appended '\n' never matches: no prefix contains one. */
	return l->len >= n && memcmp(l->s, prefix, n) == 0;
}

#define STARTS(l, lit) starts((l), (lit), sizeof(lit) - 1)

static void put(GString *buf, const struct line *l)
{
	g_string_append_len(buf, l->s, l->len);
	g_string_append_c(buf, '\n');
}

/* Moves pending into buf (Python: `buf += pending; pending = ''`). */
static void flush(GString *buf, GString *pending)
{
	g_string_append_len(buf, pending->str, pending->len);
	g_string_truncate(pending, 0);
}

static gboolean is_extended_header(const struct line *l)
{
	/* EXTENDED_HEADER_LINES; most lines start with none of these
	 * letters, so test the first byte before the prefixes. */
	switch (l->len ? l->s[0] : 0) {
	case 'o':
		return STARTS(l, "old mode ");
	case 'n':
		return STARTS(l, "new mode ") || STARTS(l, "new file mode ");
	case 'd':
		return STARTS(l, "deleted file mode ") ||
		       STARTS(l, "dissimilarity index ");
	case 'c':
		return STARTS(l, "copy from ") || STARTS(l, "copy to ");
	case 'r':
		return STARTS(l, "rename from ") || STARTS(l, "rename to ");
	case 's':
		return STARTS(l, "similarity index ");
	case 'i':
		return STARTS(l, "index ");
	default:
		return FALSE;
	}
}

#define NO_NEWLINE "\\ No newline at end of file"

static char *steal_or_null(GString *s)
{
	if (s->len == 0) {
		g_string_free(s, TRUE);
		return NULL;
	}
	return g_string_free(s, FALSE);
}

void diff_parse(const char *text, char **patch_out, char **comment_out)
{
	gsize text_len = strlen(text);
	GString *patch = g_string_new(NULL);
	GString *comment = g_string_sized_new(text_len + 2);
	GString *pending = g_string_new(NULL);
	enum state state = S_TEXT;
	gint64 old = 0, new = 0;
	guint64 hunks = 0;
	const char *p = text, *end = text + text_len;
	struct diff_hunk h;

	for (;;) {
		const char *nl = memchr(p, '\n', end - p);
		struct line line = {p, (nl ? nl : end) - p};
		struct line *l = &line;

		switch (state) {
		case S_TEXT:
			if (STARTS(l, "diff ") || STARTS(l, "Index: ")) {
				put(pending, l);
				state = S_HEADER;
			} else if (STARTS(l, "--- ")) {
				put(pending, l);
				state = S_MINUS;
			} else {
				put(comment, l);
			}
			break;
		case S_HEADER:
			put(pending, l);
			if (STARTS(l, "--- "))
				state = S_MINUS;
			/* Not else: Python tests both, the second wins. */
			if (is_extended_header(l))
				state = S_EXT;
			break;
		case S_MINUS:
			if (STARTS(l, "+++ ")) {
				put(pending, l);
				state = S_PLUS;
			} else if (hunks) {
				put(pending, l);
				state = S_HEADER;
			} else {
				flush(comment, pending);
				put(comment, l);
				state = S_TEXT;
			}
			break;
		case S_PLUS:
			if (diff_hunk_match(l->s, l->len, &h)) {
				old = diff_hunk_count(h.old_count, h.old_len);
				new = diff_hunk_count(h.new_count, h.new_len);
				flush(patch, pending);
				put(patch, l);
				state = S_HUNK;
			} else if (STARTS(l, "--- ")) {
				flush(patch, pending);
				put(patch, l);
				state = S_MINUS;
			} else if (hunks && STARTS(l, NO_NEWLINE)) {
				put(patch, l);
			} else if (hunks) {
				put(pending, l);
				state = S_HEADER;
			} else {
				flush(comment, pending);
				put(comment, l);
				state = S_TEXT;
			}
			break;
		case S_HUNK:
			if (STARTS(l, "-")) {
				old--;
			} else if (STARTS(l, "+")) {
				new --;
			} else if (STARTS(l, NO_NEWLINE)) {
				/* not part of the hunk's line count */
			} else {
				/* context, and (quirk) any other line,
				 * an empty one included */
				old--;
				new --;
			}
			put(patch, l);
			if (old <= 0 && new <= 0) {
				hunks++;
				state = S_PLUS;
			}
			break;
		case S_EXT:
			if (is_extended_header(l)) {
				flush(patch, pending);
				put(patch, l);
			} else if (STARTS(l, "--- ")) {
				flush(patch, pending);
				put(patch, l);
				state = S_MINUS;
			} else if (STARTS(l, "GIT binary patch")) {
				flush(patch, pending);
				put(patch, l);
				state = S_BINARY;
			} else {
				put(pending, l);
				state = S_HEADER;
			}
			break;
		case S_BINARY:
			if (STARTS(l, "diff")) {
				/* quirk (test mail 0026): back to text, not
				 * to H, so the next file's extended header
				 * lines land in the comment */
				put(pending, l);
				state = S_TEXT;
			} else {
				flush(patch, pending);
				put(patch, l);
			}
			break;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	flush(comment, pending);
	g_string_free(pending, TRUE);
	*patch_out = steal_or_null(patch);
	*comment_out = steal_or_null(comment);
}
