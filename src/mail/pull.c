/*
 * Pull request URL detection (ingest.md §11). Patchwork searches every
 * message with one DOTALL|MULTILINE|IGNORECASE regex; this scanner takes
 * the same choices Python's backtracking takes, and skips a mail after one
 * cheap look at each line start when it is not a `git request-pull`.
 */
#include "mail/pull.h"

#include <string.h>

#include "mail/pystr.h"

/* ^The following changes since commit.*^are available in the git
 * repository at:\s*\n^\s*([\w+-]+(?:://|@)[\w/.@:~-]+[\s\\]*[\w/._-]*)\s*$ */
static const char phrase_since[] = "the following changes since commit";
static const char phrase_at[] = "are available in the git repository at:";

/*
 * End of `phrase` (lower-case ASCII) matched at p as Python's IGNORECASE
 * matches it, or NULL. Besides the other ASCII case, Python lets ı and İ
 * match i, ſ match s and the Kelvin sign match k.
 */
static const char *match_phrase(const char *p, const char *phrase)
{
	for (; *phrase; phrase++) {
		char pc = *phrase;
		gunichar c;

		if (!(*p & 0x80)) {
			if (*p != pc && g_ascii_tolower(*p) != pc)
				return NULL;
			p++;
			continue;
		}
		c = g_utf8_get_char_validated(p, -1);
		if ((pc == 'i' && (c == 0x130 || c == 0x131)) ||
		    (pc == 's' && c == 0x17f) || (pc == 'k' && c == 0x212a)) {
			p = g_utf8_next_char(p);
			continue;
		}
		return NULL;
	}
	return p;
}

static const char *next_line(const char *p)
{
	const char *nl = strchr(p, '\n');

	return nl ? nl + 1 : NULL;
}

static gboolean is_space(const char *p)
{
	return *p && py_isspace(g_utf8_get_char(p));
}

/* [\w+-] */
static gboolean is_scheme_char(const char *p)
{
	return *p == '+' || *p == '-' || (*p && py_isword(g_utf8_get_char(p)));
}

/* [\w/.@:~-] */
static gboolean is_url_char(const char *p)
{
	return (*p && strchr("/.@:~-", *p)) ||
	       (*p && py_isword(g_utf8_get_char(p)));
}

/* [\w/._-] */
static gboolean is_ref_char(const char *p)
{
	return (*p && strchr("/._-", *p)) ||
	       (*p && py_isword(g_utf8_get_char(p)));
}

/* \s*$ with MULTILINE: white space up to a newline or the end. */
static gboolean at_line_end(const char *p)
{
	for (; is_space(p); p = g_utf8_next_char(p))
		if (*p == '\n')
			return TRUE;
	return *p == '\0';
}

/*
 * The rest of the regex from just after "at:", giving group 1 as
 * [*start, *end). Backtracking analysed: the scheme and URL runs are
 * greedy with nothing to give back; when the optional ref after
 * [\s\\]* cannot end the line, the match ends instead inside the
 * [\s\\]* run at its last newline.
 */
static gboolean match_tail(const char *p, const char **start, const char **end)
{
	gboolean newline = FALSE;
	const char *g, *q, *last_nl = NULL;

	/* \s*\n^\s* */
	for (q = p; is_space(q); q = g_utf8_next_char(q))
		if (*q == '\n')
			newline = TRUE;
	if (!newline)
		return FALSE;
	g = q;

	/* [\w+-]+(?:://|@) */
	while (is_scheme_char(q))
		q = g_utf8_next_char(q);
	if (q == g)
		return FALSE;
	if (strncmp(q, "://", 3) == 0)
		q += 3;
	else if (*q == '@')
		q++;
	else
		return FALSE;

	/* [\w/.@:~-]+ */
	p = q;
	while (is_url_char(q))
		q = g_utf8_next_char(q);
	if (q == p)
		return FALSE;

	/* [\s\\]* */
	while (*q == '\\' || is_space(q)) {
		if (*q == '\n')
			last_nl = q;
		q = g_utf8_next_char(q);
	}

	/* [\w/._-]* then \s*$ */
	while (is_ref_char(q))
		q = g_utf8_next_char(q);
	*start = g;
	if (at_line_end(q)) {
		*end = q;
		return TRUE;
	}
	if (last_nl) {
		*end = last_nl;
		return TRUE;
	}
	return FALSE;
}

char *pull_url_find(const char *message)
{
	const char *line, *since_end = NULL, *start, *end;
	g_autofree char *copy = NULL;
	g_autoptr(GArray) at_ends = NULL;

	if (!message)
		return NULL;
	/* ^The following changes since commit, at the first line start
	 * where it occurs (a later one could only match less). */
	for (line = message; line; line = next_line(line)) {
		if ((*line | 0x20) == 't' &&
		    (since_end = match_phrase(line, phrase_since)))
			break;
	}
	if (!since_end)
		return NULL;
	if (!g_utf8_validate(message, -1, NULL)) {
		copy = g_utf8_make_valid(message, -1);
		return pull_url_find(copy);
	}

	/* .* is greedy: try the last "are available" line first. */
	at_ends = g_array_new(FALSE, FALSE, sizeof(const char *));
	for (line = next_line(since_end); line; line = next_line(line)) {
		const char *at_end;
		if ((*line | 0x20) == 'a' &&
		    (at_end = match_phrase(line, phrase_at)))
			g_array_append_val(at_ends, at_end);
	}
	for (guint i = at_ends->len; i-- > 0;) {
		if (match_tail(g_array_index(at_ends, const char *, i), &start,
			       &end)) {
			g_autofree char *url = g_strndup(start, end - start);
			return py_normalise_space(url);
		}
	}
	return NULL;
}
