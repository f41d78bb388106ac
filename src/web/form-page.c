/*
 * Pages with forms, in the site's look (see form-page.h).
 */
#include "web/form-page.h"

#include "web/auth.h"

void form_page_begin(struct form_page *p, struct web *w, int status,
		     const char *title)
{
	p->w = w;
	p->out = w->res->body;
	w->res->status = status;
	g_free(w->res->content_type);
	w->res->content_type = g_strdup("text/html; charset=utf-8");
	g_string_truncate(p->out, 0);
	html_raw_trusted_markup(
		p->out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
			"<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
			"content=\"width=device-width, initial-scale=1\">\n"
			"<title>");
	html_text(p->out, title);
	html_raw_trusted_markup(p->out,
				" - Patchwork</title>\n</head>\n<body>\n"
				"<nav>\n<a class=\"brand\" href=\"/\">"
				"Patchwork</a>\n<span>");
	html_text(p->out, title);
	html_raw_trusted_markup(p->out, "</span>\n<ul>\n");
	if (w->user_id) {
		html_raw_trusted_markup(p->out, "<li><a href=\"/user/\">");
		html_text(p->out, w->username);
		html_raw_trusted_markup(
			p->out,
			"</a></li>\n<li><a href=\"/user/todo/\">Todo</a></li>\n"
			"<li><a href=\"/user/bundles/\">Bundles</a></li>\n"
			"<li><form method=\"post\" action=\"/user/logout/\">"
			"<input type=\"hidden\" name=\"csrfmiddlewaretoken\" "
			"value=\"");
		html_attr(p->out, web_csrf_token(w));
		html_raw_trusted_markup(p->out,
					"\"><input type=\"submit\" "
					"value=\"Logout\"></form></li>\n");
	} else {
		html_raw_trusted_markup(
			p->out,
			"<li><a href=\"/user/login/\">Login</a></li>\n"
			"<li><a href=\"/register/\">Register</a></li>\n");
	}
	html_raw_trusted_markup(
		p->out, "<li><a href=\"/mail/\">Mail settings</a></li>\n</ul>\n"
			"</nav>\n<div id=\"main-content\">\n");
}

void form_page_end(struct form_page *p)
{
	html_raw_trusted_markup(
		p->out, "</div>\n<div id=\"footer\">\n<a "
			"href=\"http://jk.ozlabs.org/projects/patchwork/"
			"\">patchwork</a>"
			" patch tracking system | <a href=\"/about/\">about "
			"patchwork</a>\n</div>\n</body>\n</html>\n");
}

void form_page_text(struct form_page *p, const char *text)
{
	html_raw_trusted_markup(p->out, "<p>");
	html_text(p->out, text);
	html_raw_trusted_markup(p->out, "</p>\n");
}

void form_page_error(struct form_page *p, const char *error)
{
	if (!error)
		return;
	html_raw_trusted_markup(p->out, "<div id=\"errors\"><ul><li>");
	html_text(p->out, error);
	html_raw_trusted_markup(p->out, "</li></ul></div>\n");
}

void form_page_form_begin(struct form_page *p, const char *action,
			  const char *heading)
{
	html_raw_trusted_markup(p->out, "<form method=\"post\"");
	if (action) {
		html_raw_trusted_markup(p->out, " action=\"");
		html_attr(p->out, action);
		html_raw_trusted_markup(p->out, "\"");
	}
	html_raw_trusted_markup(p->out,
				">\n<input type=\"hidden\" "
				"name=\"csrfmiddlewaretoken\" value=\"");
	html_attr(p->out, web_csrf_token(p->w));
	html_raw_trusted_markup(p->out, "\">\n<table class=\"form\">\n");
	if (heading) {
		html_raw_trusted_markup(p->out, "<tr><th colspan=\"2\" "
						"class=\"headerrow\">");
		html_text(p->out, heading);
		html_raw_trusted_markup(p->out, "</th></tr>\n");
	}
}

void form_page_form_end(struct form_page *p, const char *submit)
{
	html_raw_trusted_markup(p->out, "<tr><td colspan=\"2\" "
					"class=\"submitrow\"><input "
					"type=\"submit\" value=\"");
	html_attr(p->out, submit);
	html_raw_trusted_markup(p->out, "\"></td></tr>\n</table>\n</form>\n");
}

void form_page_field(struct form_page *p, const struct form_field *f)
{
	gboolean hidden = strcmp(f->type, "hidden") == 0;
	if (hidden) {
		html_raw_trusted_markup(p->out,
					"<tr hidden><td colspan=\"2\">");
	} else {
		html_raw_trusted_markup(p->out, "<tr><th><label for=\"id_");
		html_attr(p->out, f->name);
		html_raw_trusted_markup(p->out, "\">");
		html_text(p->out, f->label);
		html_raw_trusted_markup(p->out, ":</label></th><td>");
	}
	html_raw_trusted_markup(p->out, "<input type=\"");
	html_attr(p->out, f->type);
	html_raw_trusted_markup(p->out, "\" name=\"");
	html_attr(p->out, f->name);
	html_raw_trusted_markup(p->out, "\"");
	if (f->value && strcmp(f->type, "password") != 0) {
		html_raw_trusted_markup(p->out, " value=\"");
		html_attr(p->out, f->value);
		html_raw_trusted_markup(p->out, "\"");
	}
	if (f->maxlength) {
		html_raw_trusted_markup(p->out, " maxlength=\"");
		html_textf(p->out, "%d", f->maxlength);
		html_raw_trusted_markup(p->out, "\"");
	}
	if (f->required)
		html_raw_trusted_markup(p->out, " required");
	html_raw_trusted_markup(p->out, " id=\"id_");
	html_attr(p->out, f->name);
	html_raw_trusted_markup(p->out, "\">");
	if (f->error) {
		html_raw_trusted_markup(p->out, "<ul class=\"errorlist\"><li>");
		html_text(p->out, f->error);
		html_raw_trusted_markup(p->out, "</li></ul>");
	}
	html_raw_trusted_markup(p->out, "</td></tr>\n");
}
