/*
 * Routing of the web URLs (everything outside /api/) and what their
 * handlers share: msgid path segments, store failures and redirects.
 *
 * A new page: a handler in the file of its subject (one file per kind of
 * page), declared in web.h, and a line in the route table below; it
 * writes through page.h (layout) and html.h (escaping) only.
 */
#include "web/web.h"

#include "http/csrf.h"
#include "http/route.h"
#include "web/accounts.h"
#include "web/auth.h"
#include "web/series.h"
#include "web/messages.h"

#include <errno.h>

/* Route flags. */
enum {
	/* csrf_exempt in Patchwork: answers every method */
	WEB_ANY_METHOD = 1 << 0,
	/* a form's target: unsafe methods pass with a CSRF token */
	WEB_POST = 1 << 1,
};

struct web_route {
	/* "#": one segment of ASCII digits (Django's <int:>), "*": any
	 * non-empty segment; everything else literal. */
	const char *pattern;
	void (*handler)(struct web *w);
	unsigned flags;
};

/* Patchwork's URL map (web-and-mbox.md §4), as far as darn serves it. */
static const struct web_route routes[] = {
	{"/project/*/patch/*/mbox/", web_patch_mbox, 0},
	{"/project/*/patch/*/raw/", web_patch_raw, 0},
	{"/project/*/cover/*/mbox/", web_cover_mbox, 0},
	{"/series/#/mbox/", web_series_mbox, 0},
	{"/bundle/*/*/mbox/", web_bundle_mbox, WEB_ANY_METHOD},
	{"/patch/#/", web_patch_redirect, 0},
	{"/patch/#/mbox/", web_patch_mbox_redirect, 0},
	{"/patch/#/raw/", web_patch_raw_redirect, 0},
	{"/cover/#/", web_cover_redirect, 0},
	{"/cover/#/mbox/", web_cover_mbox_redirect, 0},
	{"/comment/#/", web_comment_redirect, 0},
	/* routes: HTML pages */
	{"/", web_project_list, 0},
	{"/project/*/", web_project, 0},
	{"/project/*/list/", web_patch_list, WEB_POST},
	{"/project/*/patch/*/", web_patch_page, WEB_POST},
	{"/project/*/cover/*/", web_cover_page, 0},
	{"/project/*/pwclientrc/", web_pwclientrc, 0},
	{"/project/*/series/", web_series_list, 0},
	{"/project/*/series/#/", web_series_page, 0},
	{"/about/", web_about, 0},
	{"/help/", web_help_redirect, 0},
	{"/help/about/", web_help_redirect, 0},
	{"/help/pwclient/", web_help_redirect, 0},
	{"/submitter/", web_submitter_autocomplete, 0},
	{"/delegate/", web_delegate_autocomplete, 0},
	{"/static/darn.css", web_asset, 0},
	{"/static/darn.js", web_asset, 0},
	{"/static/darn.svg", web_asset, 0},
	{"/favicon.ico", web_asset, 0},
	/* accounts (web/accounts.h) */
	{"/user/login/", web_login, WEB_POST},
	{"/user/logout/", web_logout, WEB_POST},
	{"/user/password-change/", web_password_change, WEB_POST},
	{"/user/password-change/done/", web_password_change_done, 0},
	{"/user/password-reset/", web_password_reset, WEB_POST},
	{"/user/password-reset/mail-sent/", web_password_reset_sent, 0},
	{"/user/password-reset/*/*/", web_password_reset_confirm, WEB_POST},
	{"/user/link/", web_user_link, WEB_POST},
	{"/register/", web_register, WEB_POST},
	{"/confirm/*/", web_confirm, WEB_POST},
	{"/mail/", web_mail_settings, WEB_POST},
	{"/mail/optout/", web_mail_optout, WEB_POST},
	{"/mail/optin/", web_mail_optin, WEB_POST},
	{"/user/", web_profile, WEB_POST},
	{"/user/generate-token/", web_generate_token, WEB_POST},
	{"/user/unlink/#/", web_unlink, WEB_POST},
	/* bundles and todo lists (bundle.c, todo.c) */
	{"/user/bundles/", web_user_bundles, WEB_POST},
	{"/project/*/bundles/", web_project_bundles, WEB_POST},
	{"/bundle/*/*/", web_bundle, WEB_POST},
	{"/user/bundle/#/", web_bundle_legacy, 0},
	{"/user/bundle/#/mbox/", web_bundle_legacy_mbox, 0},
	{"/user/todo/", web_todo_lists, 0},
	{"/user/todo/*/", web_todo, WEB_POST},
};

/* Matches path against the route's pattern; fills w->args with copies of
 * what the wildcards matched (freed by the caller) and w->ids with the
 * values of "#" segments. An id past gint64 exists nowhere: no match,
 * hence a 404. */
static gboolean match(const char *pattern, const char *path, struct web *w,
		      char **owned)
{
	struct http_route_args args;
	if (!http_route_match(pattern, path, &args) || args.n > WEB_MAX_ARGS)
		return FALSE;
	const char *p = pattern;
	for (int n = 0; n < args.n; n++) {
		p += strcspn(p, "#*");
		owned[n] = g_strndup(args.start[n], args.len[n]);
		w->args[n] = owned[n];
		w->ids[n] = 0;
		if (*p++ == '#') {
			errno = 0;
			w->ids[n] = g_ascii_strtoll(owned[n], NULL, 10);
			if (errno)
				return FALSE;
		}
	}
	return TRUE;
}

/* Runs the route's handler unless the method is refused: unsafe
 * methods need a route that takes them and a valid CSRF token. */
static void run(const struct web_route *route, struct web *w)
{
	if (!(route->flags & WEB_ANY_METHOD) &&
	    !csrf_safe_method(w->req->method)) {
		if (!(route->flags & WEB_POST)) {
			web_csrf_failed(w);
			return;
		}
		if (!web_csrf_passes(w))
			return;
	}
	route->handler(w);
}

void web_handle(struct request *req, struct response *res)
{
	struct web w = {.req = req, .res = res};
	gboolean hit = FALSE;

	/* A project's page reads its project first: sent with the session's
	 * read, one round trip on PostgreSQL for both (a linkname written
	 * %-quoted only misses: the page reads it afresh). */
	const char *linkname = req->path;
	if (g_str_has_prefix(linkname, "/project/")) {
		linkname += strlen("/project/");
		const char *end = strchr(linkname, '/');
		if (end && end > linkname && end - linkname <= 255) {
			g_autofree char *l =
				g_strndup(linkname, end - linkname);
			db_project_by_linkname_prefetch(req->db, l);
		}
	}
	/* The session first: every page, the 404 one too, knows the user. */
	if (!web_auth_begin(&w)) {
		web_auth_end(&w);
		return;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(routes) && !hit; i++) {
		char *owned[WEB_MAX_ARGS] = {NULL};
		memset(w.args, 0, sizeof(w.args));
		hit = match(routes[i].pattern, req->path, &w, owned);
		if (hit)
			run(&routes[i], &w);
		for (int k = 0; k < WEB_MAX_ARGS; k++)
			g_free(owned[k]);
	}
	if (!hit)
		web_not_found(&w);
	web_messages_clear(&w);
	g_clear_pointer(&w.states, g_ptr_array_unref);
	web_auth_end(&w);
}

enum db_status web_states(struct web *w, GPtrArray **out, GError **error)
{
	if (!w->states) {
		enum db_status st =
			db_state_list(w->req->db, &w->states, error);
		if (st != DB_OK)
			return st;
	}
	*out = g_ptr_array_ref(w->states);
	return DB_OK;
}

void web_states_prefetch(struct web *w)
{
	if (!w->states)
		db_state_list_prefetch(w->req->db);
}

void web_fail(struct web *w, enum db_status st, const GError *error)
{
	if (st == DB_NOT_FOUND) {
		web_not_found(w);
		return;
	}
	http_store_failed(w->res, st, error);
}

char *web_patch_msgid(const char *segment)
{
	g_autoptr(GString) s = g_string_new("<");

	for (const char *p = segment; *p; p++) {
		if (g_str_has_prefix(p, "%2F")) {
			g_string_append_c(s, '/');
			p += 2;
		} else {
			g_string_append_c(s, *p);
		}
	}
	g_string_append_c(s, '>');
	return g_string_free(g_steal_pointer(&s), FALSE);
}

/* The safe set of Django's reverse() for URL arguments. */
char *web_submission_path(const char *linkname, const char *kind,
			  const char *msgid)
{
	g_autofree char *path = http_submission_path(linkname, kind, msgid);
	return g_strconcat("/", path, NULL);
}

struct db_project *web_path_project(struct web *w)
{
	g_autoptr(db_project) project = g_new0(struct db_project, 1);
	g_autoptr(GError) error = NULL;
	enum db_status st =
		db_project_by_linkname(w->req->db, w->args[0], project, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return NULL;
	}
	return g_steal_pointer(&project);
}

void web_redirect(struct web *w, const char *location)
{
	w->res->status = 302;
	g_free(w->res->content_type);
	w->res->content_type = g_strdup("text/html; charset=utf-8");
	g_string_truncate(w->res->body, 0);
	response_header(w->res, "Location", location);
}
