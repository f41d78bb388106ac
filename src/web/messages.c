/*
 * The messages and errors of a page (see messages.h): kept on the
 * request's struct web, written by page_begin().
 */
#include "web/messages.h"

#include <stdarg.h>

struct web_message {
	enum web_message_level level;
	char *text;
};

static void message_free(struct web_message *m)
{
	g_free(m->text);
	g_free(m);
}

void web_message(struct web *w, enum web_message_level level, const char *fmt,
		 ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct web_message *m = g_new0(struct web_message, 1);
	m->level = level;
	m->text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (!w->messages)
		w->messages = g_ptr_array_new_with_free_func(
			(GDestroyNotify)message_free);
	g_ptr_array_add(w->messages, m);
}

void web_error(struct web *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (!w->errors)
		w->errors = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(w->errors, g_strdup_vprintf(fmt, ap));
	va_end(ap);
}

guint web_error_count(const struct web *w)
{
	return w->errors ? w->errors->len : 0;
}

void web_messages_clear(struct web *w)
{
	g_clear_pointer(&w->messages, g_ptr_array_unref);
	g_clear_pointer(&w->errors, g_ptr_array_unref);
}

void page_messages(struct page *p)
{
	static const char *const classes[] = {"success", "warning", "error"};
	const struct web *w = p->w;
	if (w->messages && w->messages->len) {
		html_markup(p->out, "<ul class=\"messages\">");
		for (guint i = 0; i < w->messages->len; i++) {
			const struct web_message *m = w->messages->pdata[i];
			html_markup(p->out, "<li class=\"");
			html_attr(p->out, classes[m->level]);
			html_markup(p->out, "\">");
			html_text(p->out, m->text);
			html_markup(p->out, "</li>");
		}
		html_markup(p->out, "</ul>\n");
	}
	if (!web_error_count(w))
		return;
	/* Patchwork's words, with its pluralize:" was,s were" */
	html_markup(p->out, "<div id=\"errors\"><p>");
	html_text(p->out, w->errors->len == 1
				  ? "The following error was encountered:"
				  : "The following errors were encountered:");
	html_markup(p->out, "</p><ul class=\"error-list\">");
	for (guint i = 0; i < w->errors->len; i++) {
		html_markup(p->out, "<li>");
		html_text(p->out, w->errors->pdata[i]);
		html_markup(p->out, "</li>");
	}
	html_markup(p->out, "</ul></div>\n");
}
