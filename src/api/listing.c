/*
 * The ?q= search terms and ?order= fields of list endpoints
 * (rest-api.md §2.6), parsed as Django REST Framework parses them, so a
 * resource only maps field names to its columns.
 */
#include "api/api.h"

#include "mail/pystr.h"

static gboolean is_quote(gunichar c)
{
	return c == '"' || c == '\'';
}

/* Skips [^\s'"]* from p. */
static const char *skip_plain(const char *p)
{
	while (*p) {
		gunichar c = g_utf8_get_char(p);
		if (py_isspace(c) || is_quote(c))
			break;
		p = g_utf8_next_char(p);
	}
	return p;
}

/* The end of the quoted section opening at p ('"..."' or '\'...\'' with
 * backslash escapes), or NULL when it does not close. */
static const char *skip_quoted(const char *p)
{
	char quote = *p++;
	while (*p && *p != quote) {
		if (*p == '\\') {
			/* "\\." : a backslash takes the next character, but
			 * "." does not match a newline. */
			if (!p[1] || p[1] == '\n')
				return NULL;
			p++;
		}
		p = g_utf8_next_char(p);
	}
	return *p ? p + 1 : NULL;
}

/*
 * The next token of Django's smart_split() at or after p: a run of
 * non-space characters with at least one complete quoted section (which
 * may hold spaces), else any run of non-space characters. *end receives
 * where it ends; NULL at the end of the text.
 */
static const char *next_token(const char *p, const char **end)
{
	while (*p && py_isspace(g_utf8_get_char(p)))
		p = g_utf8_next_char(p);
	if (!*p)
		return NULL;
	const char *q = skip_plain(p), *matched = NULL;
	while (is_quote(*q)) {
		const char *close = skip_quoted(q);
		if (!close)
			break;
		matched = q = skip_plain(close);
	}
	if (!matched) {
		matched = p;
		while (*matched && !py_isspace(g_utf8_get_char(matched)))
			matched = g_utf8_next_char(matched);
	}
	*end = matched;
	return p;
}

/* str.strip() of [s, s + len), copied. */
static char *strip_copy(const char *s, gsize len)
{
	const char *start, *end;
	py_strip_span(s, s + len, &start, &end);
	return g_strndup(start, end - start);
}

/* Django's unescape_string_literal() of a quoted term: the quotes off,
 * then the two replacements, one after the other. */
static char *unquote(const char *s, gsize len)
{
	char escaped[3] = {'\\', s[0], '\0'}, quote[2] = {s[0], '\0'};
	/* A lone quote is its own first and last character: "". */
	GString *out = g_string_new_len(s + 1, len < 2 ? 0 : len - 2);
	g_string_replace(out, escaped, quote, 0);
	g_string_replace(out, "\\\\", "\\", 0);
	return g_string_free(out, FALSE);
}

char **api_search_terms(const struct api *a)
{
	const char *q = request_param(a->req, "q");
	GPtrArray *terms = g_ptr_array_new();
	const char *p = q, *end;

	while (p && (p = next_token(p, &end))) {
		/* term.strip(',') */
		const char *s = p, *e = end;
		while (s < e && *s == ',')
			s++;
		while (e > s && e[-1] == ',')
			e--;
		p = end;
		if (s < e && is_quote(*s) && e[-1] == *s) {
			g_ptr_array_add(terms, unquote(s, e - s));
			continue;
		}
		/* Unquoted: split on commas, keeping non-empty pieces. */
		while (s < e) {
			const char *comma = memchr(s, ',', e - s);
			const char *piece_end = comma ? comma : e;
			if (piece_end > s)
				g_ptr_array_add(terms,
						strip_copy(s, piece_end - s));
			s = comma ? comma + 1 : e;
		}
	}
	if (!terms->len) {
		g_ptr_array_free(terms, TRUE);
		return NULL;
	}
	g_ptr_array_add(terms, NULL);
	return (char **)g_ptr_array_free(terms, FALSE);
}

char **api_order_fields(const struct api *a, const char *const *allowed)
{
	const char *order = request_param(a->req, "order");
	if (!order || !*order)
		return NULL;
	g_auto(GStrv) fields = g_strsplit(order, ",", -1);
	GPtrArray *valid = g_ptr_array_new();
	for (char **f = fields; *f; f++) {
		g_autofree char *field = strip_copy(*f, strlen(*f));
		const char *name = *field == '-' ? field + 1 : field;
		gboolean known = *name && !allowed;
		for (const char *const *ok = allowed; *name && ok && *ok; ok++)
			known = known || strcmp(name, *ok) == 0;
		if (known)
			g_ptr_array_add(valid, g_steal_pointer(&field));
	}
	if (!valid->len) {
		g_ptr_array_free(valid, TRUE);
		return NULL;
	}
	g_ptr_array_add(valid, NULL);
	return (char **)g_ptr_array_free(valid, FALSE);
}
