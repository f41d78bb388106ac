/*
 * Name and email from a From-style header (ingest.md §7.1, §7.3). Patchwork
 * tries four regular expressions in turn; each is matched here by a scanner
 * that takes the same choices Python's backtracking `re` takes, in linear
 * time, with `\s` as str.isspace() and `.` stopping at a newline.
 */
#include "mail/address.h"

#include <string.h>

#include "mail/pystr.h"

/* A span [start, end) of the input. */
struct span {
	const char *start, *end;
};

static char *span_dup(struct span s)
{
	return g_strndup(s.start, s.end - s.start);
}

/*
 * Skipping `\s*` from p. Scanners call this at increasing positions, so
 * the end of the last white-space run is remembered: restarting inside
 * that run costs nothing, which keeps long runs from going quadratic.
 */
struct ws_cursor {
	const char *run_start, *run_end;
};

static const char *skip_ws(struct ws_cursor *c, const char *p)
{
	if (c->run_end && p >= c->run_start && p <= c->run_end)
		return c->run_end;
	c->run_start = p;
	while (*p && py_isspace(g_utf8_get_char(p)))
		p = g_utf8_next_char(p);
	c->run_end = p;
	return p;
}

static gboolean is_ws_at(const char *p)
{
	return *p && py_isspace(g_utf8_get_char(p));
}

/*
 * "?(.*?)"?\s*O([^C]+)C (anchored at s; O and C are < and >, or ( and )):
 * group 1 in *g1, group 2 in *g2.
 */
static gboolean match_delimited(const char *s, char open, char close,
				struct span *g1, struct span *g2)
{
	/* Taking the optional opening quote never loses a match: without
	 * it, the only extra choice is an empty group 1 whose tail begins
	 * at that quote, and then the tail right after it matches too. */
	const char *start = s + (*s == '"');
	const char *last_close = strrchr(s, close);
	struct ws_cursor ws = {0};

	if (!last_close)
		return FALSE;
	/* (.*?) grows one character at a time but never over a newline. */
	for (const char *e = start;; e = g_utf8_next_char(e)) {
		const char *p = skip_ws(&ws, e + (*e == '"'));
		if (*p == open && p[1] && p[1] != close && last_close > p + 1) {
			g1->start = start;
			g1->end = e;
			g2->start = p + 1;
			g2->end = strchr(p + 1, close);
			return TRUE;
		}
		if (*e == '\0' || *e == '\n')
			return FALSE;
	}
}

/*
 * Finds, for non-decreasing `from`, the first position at or after it
 * where \s*\(([^\)]+)\) matches. Each position is examined once.
 */
struct paren_tail {
	const char *last_close;
	const char *scanned; /* positions before this are known */
	const char *hit;     /* first match at or after the last query */
	struct ws_cursor ws;
};

static gboolean paren_tail_at(struct paren_tail *t, const char *p)
{
	const char *q = skip_ws(&t->ws, p);

	return *q == '(' && q[1] && q[1] != ')' && t->last_close > q + 1;
}

static const char *paren_tail_next(struct paren_tail *t, const char *from)
{
	const char *p;

	if (t->hit && t->hit >= from)
		return t->hit;
	p = from > t->scanned ? from : t->scanned;
	for (;; p = g_utf8_next_char(p)) {
		if (paren_tail_at(t, p)) {
			t->hit = p;
			t->scanned = p;
			return p;
		}
		if (!*p)
			break;
	}
	t->hit = NULL;
	t->scanned = p;
	return NULL;
}

/*
 * (.*?)\sat\s(.*?)\s*\(([^\)]+)\) -- "john at example.com (John Doe)".
 */
static gboolean match_at(const char *s, struct span *user, struct span *host,
			 struct span *name)
{
	struct paren_tail tail = {0};
	const char *nl = NULL; /* first newline at or after a group 2 start */

	tail.last_close = strrchr(s, ')');
	tail.scanned = s;
	if (!tail.last_close)
		return FALSE;
	for (const char *e1 = s; *e1; e1 = g_utf8_next_char(e1)) {
		const char *at, *g2, *e2, *q;

		if (is_ws_at(e1)) {
			at = g_utf8_next_char(e1);
			if (at[0] == 'a' && at[1] == 't' && is_ws_at(at + 2)) {
				g2 = g_utf8_next_char(at + 2);
				/* Group 2 is the shortest run without a
				 * newline that the tail can follow. */
				e2 = paren_tail_next(&tail, g2);
				if (!e2)
					return FALSE;
				if (!nl || nl < g2) {
					nl = strchr(g2, '\n');
					if (!nl)
						nl = g2 + strlen(g2);
				}
				if (e2 <= nl) {
					q = skip_ws(&tail.ws, e2);
					user->start = s;
					user->end = e1;
					host->start = g2;
					host->end = e2;
					name->start = q + 1;
					name->end = strchr(q + 1, ')');
					return TRUE;
				}
			}
		}
		if (*e1 == '\n')
			break;
	}
	return FALSE;
}

static gboolean is_local_char(gunichar c)
{
	return py_isword(c) || (c < 0x80 && strchr("!#$%&\"*+/=?^`{|}~-", c));
}

static gboolean is_label_char(char c)
{
	return g_ascii_isalnum(c) || c == '-';
}

gboolean address_email_valid(const char *email)
{
	g_autofree char *copy = NULL;
	const char *p, *end;
	gsize labels = 0;

	if (!g_utf8_validate(email, -1, NULL))
		email = copy = g_utf8_make_valid(email, -1);
	p = email;
	end = email + strlen(email);

	/* `$` also matches before a newline that ends the string. */
	if (end > email && end[-1] == '\n')
		end--;

	/* [L]+(?:\.[L]+)*@ */
	for (;;) {
		const char *word = p;
		while (p < end && *p != '.' && *p != '@' &&
		       is_local_char(g_utf8_get_char(p)))
			p = g_utf8_next_char(p);
		if (p == word)
			return FALSE;
		if (p < end && *p == '.') {
			p++;
			continue;
		}
		if (p < end && *p == '@')
			break;
		return FALSE;
	}
	p++;

	/* (?:label\.)+label$ with label =
	 * [a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])? */
	for (;;) {
		const char *label = p;
		while (p < end && is_label_char(*p))
			p++;
		if (p == label || label[0] == '-' || p[-1] == '-')
			return FALSE;
		labels++;
		if (p == end)
			return labels >= 2;
		if (*p != '.')
			return FALSE;
		p++;
	}
}

void address_split(const char *from, char **name_out, char **email_out)
{
	g_autofree char *copy = NULL;
	struct span a, b, c;
	char *name = NULL, *email;

	if (!g_utf8_validate(from, -1, NULL))
		from = copy = g_utf8_make_valid(from, -1);

	if (match_delimited(from, '<', '>', &a, &b)) {
		/* "Firstname Lastname" <example@example.com> */
		name = span_dup(a);
		email = span_dup(b);
	} else if (match_at(from, &a, &b, &c)) {
		/* example at example.com (Firstname Lastname) */
		name = span_dup(c);
		email = g_strdup_printf("%.*s@%.*s", (int)(a.end - a.start),
					a.start, (int)(b.end - b.start),
					b.start);
	} else if (match_delimited(from, '(', ')', &a, &b)) {
		/* example@example.com (Firstname Lastname) */
		name = span_dup(b);
		email = span_dup(a);
	} else {
		/* (.*): everything up to a newline */
		const char *nl = strchr(from, '\n');
		email = nl ? g_strndup(from, nl - from) : g_strdup(from);
	}

	if (!address_email_valid(email))
		g_clear_pointer(&email, g_free);
	*name_out = name;
	*email_out = email;
}

/* s.strip()[:255], or NULL for NULL. Takes s. */
static char *trim(char *s)
{
	g_autofree char *owned = s;
	g_autofree char *stripped = NULL;

	if (!s)
		return NULL;
	stripped = py_strip(owned);
	return py_truncate(stripped, ADDRESS_MAX_CHARS);
}

void address_split_trimmed(const char *from, char **name_out, char **email_out)
{
	char *name, *email;

	address_split(from, &name, &email);
	*name_out = trim(name);
	*email_out = trim(email);
}

/* s.strip(chars) for single-byte chars. */
static char *strip_chars(const char *s, gsize len, char ch)
{
	const char *end = s + len;

	while (s < end && *s == ch)
		s++;
	while (end > s && end[-1] == ch)
		end--;
	return g_strndup(s, end - s);
}

char *address_via_stripped_name(const char *name)
{
	const char *cut = NULL;
	gsize len;

	if (!name || !*name)
		return NULL;
	len = strlen(name);
	/* name[:name.rfind(' via ')] if ' via ' occurs, else the same for a
	 * name ending in ' via'. */
	for (const char *p = strstr(name, " via "); p;
	     p = strstr(p + 1, " via "))
		cut = p;
	if (!cut && len >= 4 && memcmp(name + len - 4, " via", 4) == 0)
		cut = name + len - 4;
	if (!cut)
		return NULL;

	g_autofree char *head = g_strndup(name, cut - name);
	g_autofree char *stripped = py_strip(head);
	return strip_chars(stripped, strlen(stripped), '\'');
}

gboolean address_original_sender(const char *name, const char *email,
				 const char *original_from,
				 GPtrArray *reply_to_cc, char **name_out,
				 char **email_out)
{
	g_autofree char *stripped = NULL;

	/* Quirk: `name.endswith(' via')` on None raises AttributeError. */
	if (!name)
		return FALSE;
	stripped = address_via_stripped_name(name);

	/* Google Groups keeps the sender in X-Original-From. */
	if (original_from && *original_from) {
		char *n, *e;
		address_split(original_from, &n, &e);
		g_free(n);
		if (!e)
			return FALSE; /* quirk: None.strip() raises */
		*email_out = trim(e);
		*name_out = g_steal_pointer(&stripped);
		return TRUE;
	}

	/* Mailman keeps it in Reply-To, or in Cc: the first address whose
	 * name equals the stripped name (None equals None). */
	for (guint i = 0; reply_to_cc && i < reply_to_cc->len; i++) {
		const char *value = reply_to_cc->pdata[i];
		g_auto(GStrv) pieces = NULL;

		if (!value)
			return FALSE; /* quirk: None.split(',') raises */
		pieces = g_strsplit(value, ",", -1);
		for (char **piece = pieces; *piece; piece++) {
			char *n, *e;
			gboolean same;

			address_split_trimmed(*piece, &n, &e);
			same = n && stripped ? strcmp(n, stripped) == 0
					     : n == stripped;
			g_free(n);
			if (same) {
				*email_out = e;
				*name_out = g_steal_pointer(&stripped);
				return TRUE;
			}
			g_free(e);
		}
	}

	*name_out = g_strdup(name);
	*email_out = g_strdup(email);
	return TRUE;
}
