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

/* The class of a message line Patchwork highlights, or NULL. */
static const char *message_line_class(const char *line, gsize len)
{
	static const struct {
		const char *prefix, *cls;
	} kinds[] = {
		{"signed-off-by: ", "signed-off-by"},
		{"acked-by: ", "acked-by"},
		{"nacked-by: ", "nacked-by"},
		{"tested-by: ", "tested-by"},
		{"reviewed-by: ", "reviewed-by"},
		{"from: ", "from"},
		{"&gt;", "quote"},
	};
	gsize i = 0;
	while (i < len && g_ascii_isspace(line[i]))
		i++;
	for (gsize k = 0; k < G_N_ELEMENTS(kinds); k++) {
		gsize n = strlen(kinds[k].prefix);
		if (len - i >= n &&
		    g_ascii_strncasecmp(line + i, kinds[k].prefix, n) == 0)
			return kinds[k].cls;
	}
	return NULL;
}

void html_message(GString *out, const char *content)
{
	g_autoptr(GString) esc = g_string_new(NULL);
	html_text(esc, content);
	const char *p = esc->str, *end = esc->str + esc->len;
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		gsize len = nl ? (gsize)(nl - p) : (gsize)(end - p);
		const char *cls = message_line_class(p, len);
		if (cls)
			g_string_append_printf(out, "<span class=\"%s\">", cls);
		g_string_append_len(out, p, len);
		if (cls)
			g_string_append(out, "</span>");
		if (nl)
			g_string_append_c(out, '\n');
		p += len + (nl ? 1 : 0);
	}
}

/* The class of a diff line (patchsyntax), or NULL. */
static const char *diff_line_class(const char *line)
{
	static const char *const headers[] = {"Index: ", "Index ", "diff ",
					      "--- ",	 "+++ ",   "*** "};
	for (gsize k = 0; k < G_N_ELEMENTS(headers); k++)
		if (g_str_has_prefix(line, headers[k]))
			return "p_header";
	switch (line[0]) {
	case '+':
		return "p_add";
	case '-':
		return "p_del";
	case '!':
		return "p_mod";
	case '@':
		return g_str_has_prefix(line, "@@ ") ? "p_chunk" : NULL;
	default:
		return NULL;
	}
}

void html_diff(GString *out, const char *diff)
{
	const char *p = diff ? diff : "";
	while (*p) {
		const char *nl = strchr(p, '\n');
		gsize len = nl ? (gsize)(nl - p) : strlen(p);
		g_autofree char *line = g_strndup(p, len);
		const char *cls = diff_line_class(line);
		if (cls)
			g_string_append_printf(out, "<span class=\"%s\">", cls);
		html_text_len(out, p, len);
		if (cls)
			g_string_append(out, "</span>");
		if (nl)
			g_string_append_c(out, '\n');
		p += len + (nl ? 1 : 0);
	}
}
