/*
 * HTML escaping helpers (see html.h): the only place where text becomes
 * markup.
 */
#include "util/html.h"

#include <stdarg.h>
#include <string.h>

/* The entity of a character text must not carry as it is, or NULL. */
static const char *entity_of(char c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&#x27;";
	default:
		return NULL;
	}
}

void html_text_len(GString *out, const char *s, gsize len)
{
	/* the runs between special characters are copied whole: a page is
	 * mostly such runs */
	gsize run = 0;
	for (gsize i = 0; i < len; i++) {
		const char *entity = entity_of(s[i]);
		if (!entity)
			continue;
		g_string_append_len(out, s + run, i - run);
		g_string_append(out, entity);
		run = i + 1;
	}
	g_string_append_len(out, s + run, len - run);
}

void html_text(GString *out, const char *s)
{
	/* strcspn finds the next special character many bytes at a time (a
	 * list page escapes some 20,000 bytes of names and addresses) */
	while (s && *s) {
		gsize run = strcspn(s, "&<>\"'");
		g_string_append_len(out, s, run);
		s += run;
		if (!*s)
			break;
		g_string_append(out, entity_of(*s));
		s++;
	}
}

void html_attr(GString *out, const char *s)
{
	/* The same set covers double-quoted attributes. */
	html_text(out, s);
}

void html_textf(GString *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	html_text(out, s);
}

void html_int(GString *out, gint64 n)
{
	/* digits from the end of a buffer: printf's machinery and its
	 * allocation cost more than the page's other work on a list row */
	char buf[24];
	char *d = buf + sizeof(buf);
	guint64 u = n < 0 ? -(guint64)n : (guint64)n;
	do {
		*--d = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (n < 0)
		*--d = '-';
	g_string_append_len(out, d, buf + sizeof(buf) - d);
}

void html_url_arg(GString *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	static const char safe[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "abcdefghijklmnopqrstuvwxyz"
				   "0123456789_.-~/";
	/* runs of characters that need no quoting are copied whole */
	while (s && *s) {
		gsize run = strspn(s, safe);
		g_string_append_len(out, s, run);
		s += run;
		if (!*s)
			break;
		guchar c = (guchar)*s++;
		char q[3] = {'%', hex[c >> 4], hex[c & 15]};
		g_string_append_len(out, q, 3);
	}
}

void html_markup_(GString *out, const char *literal)
{
	g_string_append(out, literal);
}
