/*
 * The site's layout (page.h): head, header and navigation, footer, the
 * 404 page, and the small formatting helpers every page kind shares.
 * The links of the header and footer are Patchwork's (its pages are
 * compared by their links, ../shared/golden/web/README.md); the markup is
 * darn's own.
 */
#include "web/page.h"

#include "http/http.h"
#include "util/civil.h"
#include "web/auth.h"
#include "web/messages.h"

static const char *site_name(const struct web *w)
{
	return w->req->site_name && *w->req->site_name ? w->req->site_name
						       : "Patchwork";
}

static void project_tabs(struct page *p, const struct db_project *project,
			 enum page_tab tab)
{
	static const struct {
		enum page_tab tab;
		const char *suffix, *label;
	} tabs[] = {
		{PAGE_TAB_LIST, "list/", "Patches"},
		{PAGE_TAB_SERIES, "series/", "Series"},
		{PAGE_TAB_BUNDLES, "bundles/", "Bundles"},
		{PAGE_TAB_PROJECT, "", "About this project"},
	};
	html_markup(p->out, "<ul class=\"tabs\">");
	for (gsize i = 0; i < G_N_ELEMENTS(tabs); i++) {
		html_markup(p->out, "<li");
		if (tabs[i].tab == tab)
			html_markup(p->out, " class=\"active\"");
		html_markup(p->out, "><a href=\"/project/");
		html_url_arg(p->out, project->linkname);
		html_markup(p->out, "/");
		html_attr(p->out, tabs[i].suffix);
		html_markup(p->out, "\">");
		html_text(p->out, tabs[i].label);
		html_markup(p->out, "</a></li>");
	}
	html_markup(p->out, "</ul>\n");
}

/* The user's links: a logged-in user's pages and logout, else login,
 * registration and the mail settings, as Patchwork's header. */
static void user_links(struct page *p)
{
	html_markup(p->out, "<ul class=\"user\">");
	if (p->w->username) {
		html_markup(p->out, "<li><strong>");
		html_text(p->out, p->w->username);
		html_markup(
			p->out,
			"</strong></li>"
			"<li><a href=\"/user/todo/\">Reviews pending</a></li>"
			"<li><a href=\"/user/bundles/\">Bundles</a></li>"
			"<li><a href=\"/user/\">View profile</a></li>"
			/* a link as Patchwork's; the page it opens logs out
			 * by POST (login.c) */
			"<li><a href=\"/user/logout/\">Logout</a></li>");
	} else {
		html_markup(p->out,
			    "<li><a href=\"/user/login/\">Login</a></li>"
			    "<li><a href=\"/register/\">Register</a></li>"
			    "<li><a href=\"/mail/\">Mail settings</a></li>");
	}
	html_markup(p->out, "</ul>\n");
}

void page_begin(struct page *p, struct web *w, int status, const char *title,
		const struct db_project *project, enum page_tab tab)
{
	p->w = w;
	p->out = w->res->body;
	w->res->status = status;
	g_free(w->res->content_type);
	w->res->content_type = g_strdup("text/html; charset=utf-8");
	g_string_truncate(p->out, 0);
	if (!response_get_header(w->res, "Vary"))
		response_header(w->res, "Vary", "Cookie");

	html_markup(p->out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
			    "<meta charset=\"utf-8\">\n"
			    "<meta name=\"viewport\" "
			    "content=\"width=device-width, initial-scale=1\">\n"
			    "<title>");
	if (title) {
		html_text(p->out, title);
		html_markup(p->out, " - ");
	}
	html_text(p->out, site_name(w));
	html_markup(p->out,
		    "</title>\n"
		    "<link rel=\"stylesheet\" href=\"/static/darn.css\">\n"
		    "<link rel=\"icon\" href=\"/static/darn.svg\" "
		    "type=\"image/svg+xml\">\n"
		    "<script src=\"/static/darn.js\" defer></script>\n"
		    "</head>\n<body>\n<header class=\"site\">\n<nav>\n"
		    "<a class=\"brand\" href=\"/\">");
	html_text(p->out, site_name(w));
	html_markup(p->out, "</a>\n");
	if (project) {
		html_markup(p->out, "<span class=\"project\">");
		html_text(p->out, project->name);
		html_markup(p->out, "</span>\n");
		project_tabs(p, project, tab);
	}
	user_links(p);
	html_markup(p->out, "</nav>\n</header>\n<main id=\"main-content\">\n");
	page_messages(p);
}

void page_end(struct page *p)
{
	html_markup(p->out,
		    "</main>\n<footer id=\"footer\">darn, a "
		    "<a href=\"http://jk.ozlabs.org/projects/patchwork/\">"
		    "patchwork</a>-compatible patch tracker | "
		    "<a href=\"/about/\">about</a><span class=\"keys-hint\" "
		    "hidden> | press <kbd>?</kbd> for keyboard shortcuts"
		    "</span></footer>\n"
		    "</body>\n</html>\n");
}

void page_csrf_field(struct page *p)
{
	/* A visitor's form gets a token (and the csrftoken cookie) only
	 * where a page asked for one with web_csrf_token(): the patch
	 * list's form does nothing for visitors, and their pages stay
	 * free of cookies and the same for everyone. */
	const char *token =
		p->w->user_id ? web_csrf_token(p->w) : p->w->csrf_token;
	if (!token)
		return;
	html_markup(p->out,
		    "<input type=\"hidden\" name=\"csrfmiddlewaretoken\" "
		    "value=\"");
	html_attr(p->out, token);
	html_markup(p->out, "\">");
}

void page_option(struct page *p, const char *value, const char *label,
		 gboolean selected)
{
	html_markup(p->out, "<option value=\"");
	html_attr(p->out, value);
	html_markup(p->out, "\"");
	if (selected)
		html_markup(p->out, " selected");
	html_markup(p->out, ">");
	html_text(p->out, label);
	html_markup(p->out, "</option>");
}

void page_form_row(struct page *p, const char *label, const char *name)
{
	html_markup(p->out, "<tr><th><label for=\"id_");
	html_attr(p->out, name);
	html_markup(p->out, "\">");
	html_text(p->out, label);
	html_markup(p->out, "</label></th><td>");
}

void page_field_names(struct page *p, const char *name)
{
	html_markup(p->out, " name=\"");
	html_attr(p->out, name);
	html_markup(p->out, "\" id=\"id_");
	html_attr(p->out, name);
	html_markup(p->out, "\"");
}

void page_errorlist(struct page *p, const char *error)
{
	if (!error)
		return;
	html_markup(p->out, "<ul class=\"errorlist\"><li>");
	html_text(p->out, error);
	html_markup(p->out, "</li></ul>");
}

void page_form_row_end(struct page *p, const char *error)
{
	page_errorlist(p, error);
	html_markup(p->out, "</td></tr>\n");
}

void page_checkbox_row(struct page *p, const char *label, const char *name,
		       gboolean checked, const char *text)
{
	page_form_row(p, label, name);
	html_markup(p->out, "<input type=\"checkbox\"");
	page_field_names(p, name);
	if (checked)
		html_markup(p->out, " checked");
	html_markup(p->out, ">");
	if (text) {
		html_markup(p->out, " ");
		html_text(p->out, text);
	}
	page_form_row_end(p, NULL);
}

void page_submission_href(struct page *p, const char *linkname,
			  const char *kind, const char *msgid,
			  const char *suffix)
{
	g_autofree char *path = web_submission_path(linkname, kind, msgid);
	html_markup(p->out, "href=\"");
	html_attr(p->out, path);
	html_attr(p->out, suffix);
	html_markup(p->out, "\"");
}

void page_submission_link(struct page *p, const char *id, const char *linkname,
			  const char *kind, const char *msgid, const char *name)
{
	html_markup(p->out, "<a ");
	if (id) {
		html_markup(p->out, "id=\"");
		html_attr(p->out, id);
		html_markup(p->out, "\" ");
	}
	page_submission_href(p, linkname, kind, msgid, "");
	html_markup(p->out, ">");
	page_name(p, name);
	html_markup(p->out, "</a>");
}

void page_name(struct page *p, const char *name)
{
	if (!name || !*name) {
		html_text(p->out, "[no subject]");
		return;
	}
	/* no more bytes than the limit in characters: nothing to cut (most
	 * names; counting characters costs more than writing them) */
	gsize bytes = strnlen(name, 101);
	if (bytes <= 100) {
		html_text_len(p->out, name, bytes);
		return;
	}
	/* counts no further than the cut: a name may be long */
	const char *cut = name, *end = name;
	for (int n = 0; *end && n < 100; n++) {
		end = g_utf8_next_char(end);
		if (n == 98)
			cut = end;
	}
	if (!*end) {
		html_text(p->out, name);
		return;
	}
	html_text_len(p->out, name, cut - name);
	html_text(p->out, "…");
}

void page_series_name(struct page *p, gint64 id, const char *name)
{
	if (name) {
		page_name(p, name);
		return;
	}
	g_autofree char *n =
		g_strdup_printf("Untitled series #%" G_GINT64_FORMAT, id);
	page_name(p, n);
}

void page_datetime(struct page *p, gint64 usec)
{
	/* Django's "N j, Y, P" (AP style months, a.m./p.m., noon) */
	static const char *const months[] = {"Jan.",  "Feb.", "March", "April",
					     "May",   "June", "July",  "Aug.",
					     "Sept.", "Oct.", "Nov.",  "Dec."};
	g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc(usec / 1000000);
	if (!t)
		return;
	int h = g_date_time_get_hour(t), m = g_date_time_get_minute(t);
	html_textf(p->out, "%s %d, %d, ", months[g_date_time_get_month(t) - 1],
		   g_date_time_get_day_of_month(t), g_date_time_get_year(t));
	if (m == 0 && (h == 0 || h == 12)) {
		html_text(p->out, h ? "noon" : "midnight");
		return;
	}
	int h12 = h % 12 ? h % 12 : 12;
	if (m)
		html_textf(p->out, "%d:%02d", h12, m);
	else
		html_textf(p->out, "%d", h12);
	html_text(p->out, h < 12 ? " a.m." : " p.m.");
}

void page_date(struct page *p, gint64 usec)
{
	/* a list page writes 100 dates: a GDateTime each cost more than
	 * the rest of its row */
	gint64 secs = usec / 1000000; /* toward zero, as GDateTime's was */
	gint64 year;
	int month, day;
	civil_from_days(secs / 86400 - (secs % 86400 < 0), &year, &month, &day);
	/* GDateTime's range, which the page kept before */
	if (year < 1 || year > 9999)
		return;
	char buf[11] = {(char)('0' + year / 1000),
			(char)('0' + year / 100 % 10),
			(char)('0' + year / 10 % 10),
			(char)('0' + year % 10),
			'-',
			(char)('0' + month / 10),
			(char)('0' + month % 10),
			'-',
			(char)('0' + day / 10),
			(char)('0' + day % 10),
			0};
	html_text_len(p->out, buf, 10);
}

void web_not_found(struct web *w)
{
	struct page p;
	page_begin(&p, w, 404, "404: File not found", NULL, PAGE_TAB_NONE);
	html_markup(p.out, "<p class=\"lead\">The page URL requested (<code>");
	g_autofree char *path = http_quote(w->req->path, "/");
	html_text(p.out, path);
	html_markup(p.out, "</code>) does not exist.</p>\n");
	page_end(&p);
}
