/*
 * HTML escaping helpers (see html.h): the only place where text becomes
 * markup.
 */
#include "util/html.h"

#include <stdarg.h>

void html_text_len(GString *out, const char *s, gsize len)
{
	/* the runs between special characters are copied whole: a page is
	 * mostly such runs */
	gsize run = 0;
	for (gsize i = 0; i < len; i++) {
		const char *entity;
		switch (s[i]) {
		case '&':
			entity = "&amp;";
			break;
		case '<':
			entity = "&lt;";
			break;
		case '>':
			entity = "&gt;";
			break;
		case '"':
			entity = "&quot;";
			break;
		case '\'':
			entity = "&#x27;";
			break;
		default:
			continue;
		}
		g_string_append_len(out, s + run, i - run);
		g_string_append(out, entity);
		run = i + 1;
	}
	g_string_append_len(out, s + run, len - run);
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

void html_int(GString *out, gint64 n)
{
	g_string_append_printf(out, "%" G_GINT64_FORMAT, n);
}

void html_url_arg(GString *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const guchar *p = (const guchar *)(s ? s : ""); *p; p++) {
		if (g_ascii_isalnum(*p) || strchr("_.-~/", *p)) {
			g_string_append_c(out, *p);
		} else {
			g_string_append_c(out, '%');
			g_string_append_c(out, hex[*p >> 4]);
			g_string_append_c(out, hex[*p & 15]);
		}
	}
}

void html_markup_(GString *out, const char *literal)
{
	g_string_append(out, literal);
}
