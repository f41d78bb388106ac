/*
 * Pages with forms, in the site's look (see form-page.h).
 */
#include "web/form-page.h"

#include "web/auth.h"

void form_page_begin(struct form_page *p, struct web *w, int status,
		     const char *title)
{
	page_begin(&p->page, w, status, title, NULL, PAGE_TAB_NONE);
	p->w = w;
	p->out = p->page.out;
}

void form_page_end(struct form_page *p)
{
	page_end(&p->page);
}

void form_page_text(struct form_page *p, const char *text)
{
	html_markup(p->out, "<p>");
	html_text(p->out, text);
	html_markup(p->out, "</p>\n");
}

void form_page_error(struct form_page *p, const char *error)
{
	if (!error)
		return;
	html_markup(p->out, "<div id=\"errors\"><ul><li>");
	html_text(p->out, error);
	html_markup(p->out, "</li></ul></div>\n");
}

void form_page_form_begin(struct form_page *p, const char *action,
			  const char *heading)
{
	html_markup(p->out, "<form method=\"post\"");
	if (action) {
		html_markup(p->out, " action=\"");
		html_attr(p->out, action);
		html_markup(p->out, "\"");
	}
	html_markup(p->out, ">\n");
	web_csrf_token(p->w); /* visitors post these forms too */
	page_csrf_field(&p->page);
	html_markup(p->out, "\n<table class=\"form\">\n");
	if (heading) {
		html_markup(p->out, "<tr><th colspan=\"2\" "
				    "class=\"headerrow\">");
		html_text(p->out, heading);
		html_markup(p->out, "</th></tr>\n");
	}
}

void form_page_form_end(struct form_page *p, const char *submit)
{
	html_markup(p->out, "<tr><td colspan=\"2\" "
			    "class=\"submitrow\"><input "
			    "type=\"submit\" value=\"");
	html_attr(p->out, submit);
	html_markup(p->out, "\"></td></tr>\n</table>\n</form>\n");
}

void form_page_field(struct form_page *p, const struct form_field *f)
{
	gboolean hidden = strcmp(f->type, "hidden") == 0;
	if (hidden) {
		html_markup(p->out, "<tr hidden><td colspan=\"2\">");
	} else {
		g_autofree char *label = g_strconcat(f->label, ":", NULL);
		page_form_row(&p->page, label, f->name);
	}
	html_markup(p->out, "<input type=\"");
	html_attr(p->out, f->type);
	html_markup(p->out, "\" name=\"");
	html_attr(p->out, f->name);
	html_markup(p->out, "\"");
	if (f->value && strcmp(f->type, "password") != 0) {
		html_markup(p->out, " value=\"");
		html_attr(p->out, f->value);
		html_markup(p->out, "\"");
	}
	if (f->maxlength) {
		html_markup(p->out, " maxlength=\"");
		html_textf(p->out, "%d", f->maxlength);
		html_markup(p->out, "\"");
	}
	if (f->required)
		html_markup(p->out, " required");
	html_markup(p->out, " id=\"id_");
	html_attr(p->out, f->name);
	html_markup(p->out, "\">");
	page_form_row_end(&p->page, f->error);
}
