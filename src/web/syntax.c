/*
 * Patchwork's commentsyntax and patchsyntax (see syntax.h): the markup
 * around a mail's and a diff's lines, built from escaped text.
 */
#include "web/syntax.h"

#include "util/html.h"

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
