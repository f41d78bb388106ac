/*
 * HTML escaping helpers (see html.h): the only place where text becomes
 * markup.
 */
#include "web/html.h"

#include <stdarg.h>

void html_text_len(GString *out, const char *s, gsize len)
{
	for (gsize i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			g_string_append(out, "&amp;");
			break;
		case '<':
			g_string_append(out, "&lt;");
			break;
		case '>':
			g_string_append(out, "&gt;");
			break;
		case '"':
			g_string_append(out, "&quot;");
			break;
		case '\'':
			g_string_append(out, "&#x27;");
			break;
		default:
			g_string_append_c(out, s[i]);
		}
	}
}

void html_text(GString *out, const char *s)
{
	if (s)
		html_text_len(out, s, strlen(s));
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

void html_raw_trusted_markup(GString *out, const char *markup)
{
	g_string_append(out, markup);
}
