/*
 * The user's profile (/user/, web-and-mbox.md §5.7): projects, todo
 * count, linked addresses with their opt-out state, bundles, settings
 * (items per page, patch ids) and the API token; /user/generate-token/
 * and /user/unlink/<id>/ change it.
 */
#include "web/accounts.h"

#include "util/random.h"
#include "http/csrf.h"
#include "web/auth.h"
#include "web/page.h"

#include <errno.h>

/* "Maintainer of a, b." */
static void projects(struct page *p, const char *label, GPtrArray *linknames)
{
	if (!linknames->len)
		return;
	html_text(p->out, label);
	for (guint i = 0; i < linknames->len; i++) {
		const char *l = linknames->pdata[i];
		g_autofree char *path = g_strdup_printf("/project/%s/list/", l);
		if (i)
			html_markup(p->out, ",");
		html_markup(p->out, " <a href=\"");
		html_attr(p->out, path);
		html_markup(p->out, "\">");
		html_text(p->out, l);
		html_markup(p->out, "</a>");
	}
	html_markup(p->out, ".\n");
}

static void todo_box(struct page *p, gint64 todo)
{
	html_markup(p->out,
		    "<section class=\"box\"><h2>Todo</h2>\n<p>Your <a "
		    "href=\"/user/todo/\">todo list</a> contains patches "
		    "that have been delegated to you. ");
	if (todo)
		html_textf(p->out,
			   "You have %" G_GINT64_FORMAT " patch%s in "
			   "your todo list.",
			   todo, todo == 1 ? "" : "es");
	else
		html_text(p->out, "You have no patches in your todo list at "
				  "present.");
	html_markup(p->out, "</p></section>\n");
}

/* One hidden field and a submit button in a form posting to action. */
static void button_form(struct page *p, const char *action, const char *email,
			const char *label)
{
	html_markup(p->out, "<form method=\"post\" action=\"");
	html_attr(p->out, action);
	html_markup(p->out, "\">");
	page_csrf_field(p);
	if (email) {
		html_markup(p->out, "<input type=\"hidden\" name=\"email\" "
				    "value=\"");
		html_attr(p->out, email);
		html_markup(p->out, "\">");
	}
	html_markup(p->out, "<input type=\"submit\" value=\"");
	html_attr(p->out, label);
	html_markup(p->out, "\"></form>");
}

static void people_box(struct page *p, const struct db_user *u,
		       const GArray *people)
{
	html_markup(
		p->out,
		"<section class=\"box\"><h2>Linked email addresses</h2>\n"
		"<p>The following email addresses are associated with this "
		"Patchwork account. Adding alternative addresses allows "
		"Patchwork to group contributions that you have made under "
		"different addresses.</p>\n<p>The \"notify?\" column allows "
		"you to opt-in or opt-out of automated Patchwork notification "
		"emails. Setting it to \"no\" will disable automated "
		"notifications for that address.</p>\n<p>Adding a new email "
		"address will send a confirmation email to that address.</p>\n"
		"<table class=\"vertical\">\n<tr><th>email</th><th>action</th>"
		"<th>notify?</th></tr>\n");
	for (guint i = 0; i < people->len; i++) {
		const struct db_profile_person *pe =
			&g_array_index(people, struct db_profile_person, i);
		html_markup(p->out, "<tr><td>");
		html_text(p->out, pe->email);
		html_markup(p->out, "</td><td>");
		if (g_ascii_strcasecmp(pe->email, u->email) != 0) {
			g_autofree char *action = g_strdup_printf(
				"/user/unlink/%" G_GINT64_FORMAT "/", pe->id);
			button_form(p, action, NULL, "Unlink");
		}
		html_markup(p->out, "</td><td>");
		html_text(p->out, pe->optout ? "No," : "Yes,");
		button_form(p, pe->optout ? "/mail/optin/" : "/mail/optout/",
			    pe->email, pe->optout ? "Opt-in" : "Opt-out");
		html_markup(p->out, "</td></tr>\n");
	}
	html_markup(p->out,
		    "<tr><td colspan=\"3\"><form action=\"/user/link/\" "
		    "method=\"post\">");
	page_csrf_field(p);
	html_markup(p->out, "<input type=\"email\" name=\"email\" "
			    "maxlength=\"200\" required id=\"id_email\" "
			    "aria-label=\"Another address\">"
			    "<input type=\"submit\" value=\"Add\"></form>"
			    "</td></tr>\n</table></section>\n");
}

static void bundles_box(struct page *p, const struct db_user *u,
			const GPtrArray *bundles)
{
	html_markup(p->out, "<section class=\"box\"><h2>Bundles</h2>\n");
	if (!bundles->len) {
		html_markup(p->out, "<p>You have no bundles.</p></section>\n");
		return;
	}
	html_text(p->out, bundles->len == 1
				  ? "You have the following bundle:"
				  : "You have the following bundles:");
	html_markup(p->out, "<ul>\n");
	for (guint i = 0; i < bundles->len; i++) {
		g_autofree char *owner = http_quote(u->username, "");
		g_autofree char *name = http_quote(bundles->pdata[i], "");
		g_autofree char *path =
			g_strdup_printf("/bundle/%s/%s/", owner, name);
		html_markup(p->out, "<li><a href=\"");
		html_attr(p->out, path);
		html_markup(p->out, "\">");
		html_text(p->out, bundles->pdata[i]);
		html_markup(p->out, "</a></li>\n");
	}
	html_markup(p->out, "</ul>\n<p>Visit the <a href=\"/user/bundles/\">"
			    "bundles page</a> to manage your bundles.</p>"
			    "</section>\n");
}

static void settings_box(struct page *p, const struct db_user_settings *s)
{
	html_markup(p->out, "<section class=\"box\"><h2>Settings</h2>\n"
			    "<form method=\"post\">");
	page_csrf_field(p);
	html_markup(p->out, "<table class=\"form\">\n");
	page_form_row(p, "Items per page:", "items_per_page");
	html_markup(p->out, "<input type=\"number\" "
			    "name=\"items_per_page\" value=\"");
	html_textf(p->out, "%" G_GINT64_FORMAT, s->items_per_page);
	html_markup(p->out, "\" min=\"0\" required id=\"id_items_per_page\">"
			    " Number of items to display per page");
	page_form_row_end(p, NULL);
	page_checkbox_row(p, "Show Patch IDs:", "show_ids", s->show_ids,
			  "Show click-to-copy patch IDs in the list view");
	html_markup(p->out, "<tr><td></td><td><input type=\"submit\" "
			    "value=\"Apply\"></td></tr>\n</table></form>"
			    "</section>\n");
}

static void token_box(struct page *p, const char *token)
{
	html_markup(p->out, "<section class=\"box\"><h2>Authentication</h2>\n"
			    "<table class=\"form\">\n<tr><th>Password:</th><td>"
			    "<a href=\"/user/password-change/\">Change "
			    "password</a></td></tr>\n<tr><th>API Token:</th>"
			    "<td>");
	if (token) {
		html_markup(p->out, "<input id=\"token\" readonly "
				    "aria-label=\"API token\" value=\"");
		html_attr(p->out, token);
		/* hidden until the script makes it work (data-copy) */
		html_markup(p->out, "\"> <button type=\"button\" "
				    "class=\"btn-copy\" hidden data-copy=\"");
		html_attr(p->out, token);
		html_markup(p->out, "\">Copy</button>");
	}
	html_markup(p->out, "</td></tr>\n<tr><th></th><td>");
	button_form(p, "/user/generate-token/", NULL,
		    token ? "Regenerate token" : "Generate token");
	html_markup(p->out, "</td></tr>\n</table></section>\n");
}

/* Saves the settings form (Django's forms: a missing or invalid number
 * keeps the stored one; an unchecked box is FALSE). */
static enum db_status save_settings(struct web *w, struct db_user_settings *s,
				    GError **error)
{
	const char *items = web_form(w, "items_per_page");
	const char *ids = web_form(w, "show_ids");
	if (items && *items) {
		char *end;
		errno = 0;
		gint64 n = g_ascii_strtoll(items, &end, 10);
		if (!errno && !*end && n >= 0 && n <= G_MAXINT32)
			s->items_per_page = n;
	}
	s->show_ids = ids && *ids && strcmp(ids, "false") != 0 &&
		      strcmp(ids, "0") != 0;
	return db_user_settings_set(w->req->db, w->user_id, s, error);
}

void web_profile(struct web *w)
{
	if (!web_require_login(w))
		return;
	g_autoptr(GError) error = NULL;
	g_autoptr(db_user) u = NULL;
	g_auto(db_profile) profile = {0};
	g_autofree char *token = NULL;
	struct db_user_settings settings;
	enum db_status st = db_user_get(w->req->db, w->user_id, &u, &error);
	if (st == DB_OK)
		st = db_user_settings(w->req->db, w->user_id, &settings,
				      &error);
	if (st == DB_OK && !csrf_safe_method(w->req->method))
		st = save_settings(w, &settings, &error);
	if (st == DB_OK)
		st = db_profile_get(w->req->db, w->user_id, &profile, &error);
	if (st == DB_OK)
		st = db_token_get(w->req->db, w->user_id, &token, &error);
	if (st != DB_OK && st != DB_NOT_FOUND) {
		web_fail(w, st, error);
		return;
	}
	if (!u) {
		web_fail(w, DB_ERROR, error);
		return;
	}
	struct page p;
	page_begin(&p, w, 200, u->username, NULL, PAGE_TAB_NONE);
	html_markup(p.out, "<h1>Your Profile</h1>\n<p>");
	projects(&p, "Maintainer of", profile.maintainer_of);
	projects(&p, "Contributor to", profile.contributor_to);
	html_markup(p.out, "</p>\n<div class=\"profile\">\n");
	todo_box(&p, profile.todo);
	people_box(&p, u, profile.people);
	bundles_box(&p, u, profile.bundles);
	settings_box(&p, &settings);
	token_box(&p, token);
	html_markup(p.out, "</div>\n");
	page_end(&p);
}

void web_generate_token(struct web *w)
{
	if (!web_require_login(w))
		return;
	if (!csrf_safe_method(w->req->method)) {
		g_autoptr(GError) error = NULL;
		g_autofree char *key = random_token_new();
		enum db_status st =
			db_token_set(w->req->db, w->user_id, key, &error);
		if (st != DB_OK) {
			web_fail(w, st, error);
			return;
		}
	}
	web_redirect(w, "/user/");
}

void web_unlink(struct web *w)
{
	if (!web_require_login(w))
		return;
	if (!csrf_safe_method(w->req->method)) {
		/* Patchwork detaches any person by id; darn only the
		 * requester's own (docs/compatibility.md). */
		g_autoptr(GError) error = NULL;
		enum db_status st = db_person_unlink(w->req->db, w->ids[0],
						     w->user_id, &error);
		if (st != DB_OK && st != DB_NOT_FOUND) {
			web_fail(w, st, error);
			return;
		}
	}
	web_redirect(w, "/user/");
}
