/*
 * Subject rules of ingest.md §6 and format_name of §16.6, written as plain
 * scanners that give the same results as Patchwork's regular expressions
 * under Python's Unicode semantics (each function says which regex it is).
 */
#include "mail/subject.h"

#include <string.h>

#include "mail/pystr.h"

/* How converting a number went (private: the API reports "too long"
 * separately so that callers who ignore it still get clamped values). */
enum subject_status {
	SUBJECT_NONE = 0,
	SUBJECT_FOUND,
	SUBJECT_TOO_LONG,
};

/* A valid UTF-8 copy of s[0..len) when it is not valid already (callers
 * promise valid UTF-8, but a mistake must not make us read out of bounds);
 * NULL when s can be used as it is. */
static char *valid_copy(const char *s, gssize len)
{
	if (g_utf8_validate_len(s, len < 0 ? strlen(s) : (gsize)len, NULL))
		return NULL;
	return g_utf8_make_valid(s, len);
}

/* End of the run of Python `\d` characters (Unicode decimals) at p. */
static const char *skip_decimals(const char *p, const char *end)
{
	while (p < end && py_decimal_value(g_utf8_get_char(p)) >= 0)
		p = g_utf8_next_char(p);
	return p;
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && py_isspace(g_utf8_get_char(p)))
		p = g_utf8_next_char(p);
	return p;
}

/*
 * int() of the decimal digits in [p, end), clamped to G_MAXINT64. Past
 * Python 3.11's 4300-digit limit int() raises ValueError (quirk: Patchwork
 * then rejects the mail): SUBJECT_TOO_LONG, with the clamped value.
 */
static enum subject_status decimal_value(const char *p, const char *end,
					 gint64 *out)
{
	gint64 v = 0;
	gsize digits = 0;

	for (; p < end; p = g_utf8_next_char(p)) {
		int d = py_decimal_value(g_utf8_get_char(p));
		digits++;
		if (v > (G_MAXINT64 - d) / 10)
			v = G_MAXINT64;
		else
			v = v * 10 + d;
	}
	*out = v;
	return digits > SUBJECT_MAX_INT_DIGITS ? SUBJECT_TOO_LONG
					       : SUBJECT_FOUND;
}

/*
 * Where Python's `(.*)$` (no DOTALL, no MULTILINE) starting at p stops, or
 * NULL when it cannot match: `.` stops at a newline and `$` matches only at
 * the end or before a newline that ends the string.
 */
static const char *dot_star_dollar(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', end - p);

	if (!nl)
		return end;
	return nl + 1 == end ? nl : NULL;
}

void subject_split_prefixes(const char *text, gsize len, GPtrArray *tokens)
{
	g_autofree char *copy = valid_copy(text, len);
	const char *p, *end;

	if (copy) {
		text = copy;
		len = strlen(copy);
	}
	p = text;
	end = text + len;

	/* ^PATCH (\d+ of \d+)(.*)$ -- Mercurial's "PATCH 1 of 3". */
	if (len > 6 && memcmp(text, "PATCH ", 6) == 0) {
		const char *n1 = text + 6;
		const char *e1 = skip_decimals(n1, end);
		if (e1 > n1 && end - e1 > 4 && memcmp(e1, " of ", 4) == 0) {
			const char *e2 = skip_decimals(e1 + 4, end);
			if (e2 > e1 + 4 && dot_star_dollar(e2, end)) {
				g_ptr_array_add(tokens, g_strdup("PATCH"));
				g_ptr_array_add(tokens, g_strndup(n1, e2 - n1));
				p = e2;
			}
		}
	}

	/* re.split(r'[,\s]+', rest), empty pieces dropped. */
	while (p < end) {
		const char *start;
		while (p < end && (*p == ',' || py_isspace(g_utf8_get_char(p))))
			p = g_utf8_next_char(p);
		start = p;
		while (p < end && *p != ',' && !py_isspace(g_utf8_get_char(p)))
			p = g_utf8_next_char(p);
		if (p > start)
			g_ptr_array_add(tokens, g_strndup(start, p - start));
	}
}

/* Length of a match of ^(re|fwd?)[:\s] (IGNORECASE) at s, or 0. No
 * non-ASCII letter case-folds to r, e, f, w or d in Python's `re`. */
static gsize reply_or_forward_marker(const char *s)
{
	gsize n;

	if ((s[0] | 0x20) == 'r' && (s[1] | 0x20) == 'e')
		n = 2;
	else if ((s[0] | 0x20) == 'f' && (s[1] | 0x20) == 'w')
		n = (s[2] | 0x20) == 'd' ? 3 : 2;
	else
		return 0;

	if (s[n] == ':')
		return n + 1;
	if (s[n] & 0x80) {
		gunichar c = g_utf8_get_char_validated(s + n, -1);
		if (c < 0x110000 && py_isspace(c))
			return n + g_unichar_to_utf8(c, NULL);
	} else if (s[n] && py_isspace((guchar)s[n])) {
		return n + 1;
	}
	/* `fwd?` backtracking to "fw" leaves "d" to match [:\s]: never. */
	return 0;
}

/* `token.lower() in drop` with drop = [linkname.lower(), 'patch']. */
static gboolean dropped(const char *token, const char *drop_lower)
{
	/* Only ASCII lowers to "patch" (the Kelvin sign is the one non-ASCII
	 * character that lowers to ASCII, and "patch" has no k). */
	if (g_ascii_strcasecmp(token, "patch") == 0)
		return TRUE;
	if (!drop_lower)
		return FALSE;
	g_autofree char *lower = py_lower(token);
	return strcmp(lower, drop_lower) == 0;
}

void subject_clean(const char *cleaned, const char *drop_linkname,
		   char **name_out, GPtrArray **prefixes_out)
{
	g_autofree char *copy = valid_copy(cleaned, -1);
	g_autofree char *drop_lower = NULL;
	g_autofree char *s = NULL;
	g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *prefixes = g_ptr_array_new_with_free_func(g_free);
	const char *p, *end;
	GString *name;

	if (copy)
		cleaned = copy;
	if (drop_linkname)
		drop_lower = py_lower(drop_linkname);

	/* Step 3 replaces one reply/forward marker with a space; step 4's
	 * normalise_space() then removes that space again. */
	s = py_normalise_space(cleaned + reply_or_forward_marker(cleaned));
	p = s;
	end = s + strlen(s);

	/* Step 5: ^\[([^\]]*)\]\s*(.*)$ repeatedly. After normalise_space()
	 * there is no newline, so `(.*)$` always takes the rest. */
	while (*p == '[') {
		const char *close = strchr(p + 1, ']');
		if (!close)
			break;
		g_ptr_array_set_size(tokens, 0);
		subject_split_prefixes(p + 1, close - (p + 1), tokens);
		for (guint i = 0; i < tokens->len; i++) {
			char *token = tokens->pdata[i];
			if (dropped(token, drop_lower))
				continue;
			g_ptr_array_add(prefixes, g_strdup(token));
		}
		p = skip_space(close + 1, end);
	}

	g_autofree char *rest = py_normalise_space(p);
	name = g_string_new(NULL);
	if (prefixes->len > 0) {
		g_string_append_c(name, '[');
		for (guint i = 0; i < prefixes->len; i++) {
			if (i > 0)
				g_string_append_c(name, ',');
			g_string_append(name, prefixes->pdata[i]);
		}
		/* Python's '[%s] %s': the space stays even before an empty
		 * rest ("[PATCH RFC]" gives "[RFC] "). */
		g_string_append(name, "] ");
	}
	g_string_append(name, rest);

	*name_out = g_string_free(name, FALSE);
	*prefixes_out = prefixes;
}

/* ASCII digits before `end` in [start, end): the start of that run. */
static const char *ascii_digits_before(const char *start, const char *end)
{
	while (end > start && g_ascii_isdigit(end[-1]))
		end--;
	return end;
}

static enum subject_status find_marker(GPtrArray *prefixes, gint64 *x,
				       gint64 *n)
{
	for (guint i = 0; i < prefixes->len; i++) {
		/* .*?([0-9]+)(?:/| of )([0-9]+)$, anchored at the start.
		 * The second number must end the token (or precede a final
		 * newline); the first is then the whole digit run before the
		 * separator, as the lazy .*? takes the leftmost start. */
		const char *t = prefixes->pdata[i];
		const char *end = t + strlen(t);
		const char *n_start, *sep, *x_start;
		gint64 xv, nv;

		if (end > t && end[-1] == '\n')
			end--;
		n_start = ascii_digits_before(t, end);
		if (n_start == end)
			continue;
		if (n_start - t >= 1 && n_start[-1] == '/')
			sep = n_start - 1;
		else if (n_start - t >= 4 &&
			 memcmp(n_start - 4, " of ", 4) == 0)
			sep = n_start - 4;
		else
			continue;
		x_start = ascii_digits_before(t, sep);
		if (x_start == sep || memchr(t, '\n', x_start - t))
			continue;

		enum subject_status sx = decimal_value(x_start, sep, &xv);
		enum subject_status sn = decimal_value(n_start, end, &nv);
		*x = xv;
		*n = nv;
		return sx == SUBJECT_TOO_LONG ? sx : sn;
	}
	return SUBJECT_NONE;
}

/* \([vV](\d+)\) searched anywhere in s: the digits, or NULL. */
static const char *find_paren_version(const char *s, const char **digits_end)
{
	const char *end = s + strlen(s);

	for (const char *p = strchr(s, '('); p; p = strchr(p + 1, '(')) {
		const char *d, *e;
		if (p[1] != 'v' && p[1] != 'V')
			continue;
		d = p + 2;
		e = skip_decimals(d, end);
		if (e > d && *e == ')') {
			*digits_end = e;
			return d;
		}
	}
	return NULL;
}

static enum subject_status find_version(const char *name, GPtrArray *prefixes,
					gint64 *version)
{
	g_autofree char *copy = valid_copy(name, -1);
	const char *d, *e;

	*version = 1;
	if (copy)
		name = copy;

	/* ^[vV](\d+)$ on each prefix. */
	for (guint i = 0; i < prefixes->len; i++) {
		const char *t = prefixes->pdata[i];
		const char *end = t + strlen(t);
		if (t[0] != 'v' && t[0] != 'V')
			continue;
		if (end > t + 1 && end[-1] == '\n')
			end--;
		if (!g_utf8_validate_len(t, end - t, NULL))
			continue;
		e = skip_decimals(t + 1, end);
		if (e > t + 1 && e == end)
			return decimal_value(t + 1, end, version);
	}

	d = find_paren_version(name, &e);
	if (d)
		return decimal_value(d, e, version);
	return SUBJECT_NONE;
}

gboolean subject_marker(GPtrArray *prefixes, gint64 *x, gint64 *n)
{
	return find_marker(prefixes, x, n) != SUBJECT_NONE;
}

gint64 subject_version(const char *name, GPtrArray *prefixes)
{
	gint64 v;

	find_version(name, prefixes, &v);
	return v;
}

gboolean subject_numbers_too_long(const char *name, GPtrArray *prefixes)
{
	gint64 x, n, v;

	/* Patchwork converts the marker first, then the version. */
	return find_marker(prefixes, &x, &n) == SUBJECT_TOO_LONG ||
	       find_version(name, prefixes, &v) == SUBJECT_TOO_LONG;
}

gboolean subject_is_reply(const char *cleaned)
{
	gunichar c;

	/* ^(re)[:\s]\s* with IGNORECASE. */
	if (!cleaned || (cleaned[0] | 0x20) != 'r' ||
	    (cleaned[1] | 0x20) != 'e')
		return FALSE;
	if (cleaned[2] == ':')
		return TRUE;
	c = g_utf8_get_char_validated(cleaned + 2, -1);
	return c < 0x110000 && c != 0 && py_isspace(c);
}

char *subject_cover_series_name(const char *cover_name)
{
	g_autofree char *copy = valid_copy(cover_name, -1);
	const char *s = copy ? copy : cover_name;
	const char *end = s + strlen(s);

	/* ^\[([^\]]*)\]\s*(.*)$ -> group 2. If the longest \s* leaves a
	 * rest that `(.*)$` rejects, every shorter one does too. */
	if (s[0] == '[') {
		const char *close = strchr(s + 1, ']');
		if (close) {
			const char *rest = skip_space(close + 1, end);
			const char *stop = dot_star_dollar(rest, end);
			if (stop)
				return g_strndup(rest, stop - rest);
		}
	}
	return py_strip(s);
}
