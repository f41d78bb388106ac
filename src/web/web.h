/*
 * The web side of darn serve: every URL outside /api/ (web-and-mbox.md §4).
 * Today the mbox and diff downloads and the id-based redirects; the HTML
 * pages join the same route table.
 */
#ifndef DARN_WEB_WEB_H
#define DARN_WEB_WEB_H

#include "http/http.h"

/* Handles a request whose path does not start with "/api/". */
void web_handle(struct request *req, struct response *res);

#define WEB_MAX_ARGS 3

/* What a handler gets: the request, the response to fill, and the path
 * segments the route's "#" and "*" matched (decoded, owned by web.c). */
struct web {
	struct request *req;
	struct response *res;
	/* auth.h: the session, CSRF and form of this request (owned by
	 * web_handle) */
	struct web_session *session;
	const char *args[WEB_MAX_ARGS];
	gint64 ids[WEB_MAX_ARGS]; /* the value of a "#" segment, else 0 */
	/* The logged-in user and the session's CSRF token: NULL until web
	 * sessions exist (issue 10's login step fills them); the layout
	 * and page_csrf_field() already read them. Borrowed. */
	const char *username;
	const char *csrf_token;
	gint64 user_id;
};

/* Patch or cover page path, "/project/<linkname>/<kind>/<segment>/"
 * (http_submission_path with its leading '/'); kind is "patch" or
 * "cover". Newly allocated. */
char *web_submission_path(const char *linkname, const char *kind,
			  const char *msgid);

/* A 302 to `location` (a path, as Django leaves it). */
void web_redirect(struct web *w, const char *location);

/* download.c: mbox and diff downloads, legacy redirects */
void web_patch_mbox(struct web *w);
void web_patch_raw(struct web *w);
void web_cover_mbox(struct web *w);
void web_series_mbox(struct web *w);
void web_bundle_mbox(struct web *w);
void web_patch_redirect(struct web *w);
void web_patch_mbox_redirect(struct web *w);
void web_patch_raw_redirect(struct web *w);
void web_cover_redirect(struct web *w);
void web_cover_mbox_redirect(struct web *w);
void web_comment_redirect(struct web *w);

#endif
