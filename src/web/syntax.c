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

/*
 * Writes text line by line, each line in a span of the class classify
 * gives it (none for NULL). escape: text is raw and each line is escaped
 * as written; otherwise text is escaped already.
 */
static void html_lines(GString *out, const char *text, gsize len,
		       gboolean escape,
		       const char *(*classify)(const char *line, gsize len))
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		gsize n = nl ? (gsize)(nl - p) : (gsize)(end - p);
		const char *cls = classify(p, n);
		if (cls) {
			g_string_append(out, "<span class=\"");
			g_string_append(out, cls);
			g_string_append(out, "\">");
		}
		if (escape)
			html_text_len(out, p, n);
		else
			g_string_append_len(out, p, n);
		if (cls)
			g_string_append(out, "</span>");
		if (nl)
			g_string_append_c(out, '\n');
		p += n + (nl ? 1 : 0);
	}
}

void html_message(GString *out, const char *content)
{
	/* the classes are found on the escaped lines (a quote is "&gt;") */
	g_autoptr(GString) esc = g_string_new(NULL);
	html_text(esc, content);
	html_lines(out, esc->str, esc->len, FALSE, message_line_class);
}

/* The class of a diff line (patchsyntax), or NULL. */
static const char *diff_line_class(const char *line, gsize len)
{
	static const char *const headers[] = {"Index: ", "Index ", "diff ",
					      "--- ",	 "+++ ",   "*** "};
	for (gsize k = 0; k < G_N_ELEMENTS(headers); k++)
		if (len >= strlen(headers[k]) &&
		    memcmp(line, headers[k], strlen(headers[k])) == 0)
			return "p_header";
	switch (len ? line[0] : '\0') {
	case '+':
		return "p_add";
	case '-':
		return "p_del";
	case '!':
		return "p_mod";
	case '@':
		return len >= 3 && memcmp(line, "@@ ", 3) == 0 ? "p_chunk"
							       : NULL;
	default:
		return NULL;
	}
}

void html_diff(GString *out, const char *diff)
{
	const char *text = diff ? diff : "";
	html_lines(out, text, strlen(text), TRUE, diff_line_class);
}
