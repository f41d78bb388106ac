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
	/* The logged-in user (0 and NULL: nobody) and this answer's masked
	 * CSRF token once web_csrf_token() made it (auth.h). Borrowed from
	 * the session. */
	const char *username;
	const char *csrf_token;
	gint64 user_id;
	/* messages.h: what the page tells about this request (owned) */
	GPtrArray *messages, *errors;
	/* The states once web_states() read them (owned): a page that
	 * shows them twice (its filters and its forms) reads them once. */
	GPtrArray *states;
};

/* The states (struct db_state, by ordering) as this request's
 * transaction sees them, read at the first call. *out: a new reference. */
enum db_status web_states(struct web *w, GPtrArray **out, GError **error);
/* Sends their statement ahead unless they were read
 * (db_state_list_prefetch). */
void web_states_prefetch(struct web *w);

/* Patch or cover page path, "/project/<linkname>/<kind>/<segment>/"
 * (http_submission_path with its leading '/'); kind is "patch" or
 * "cover". Newly allocated. */
char *web_submission_path(const char *linkname, const char *kind,
			  const char *msgid);

/* The project whose linkname is the path's first segment (w->args[0]);
 * NULL after answering the 404 page or a store failure. Free with
 * db_project_free. */
struct db_project *web_path_project(struct web *w);

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

/* Pages anyone may read (one file each): */
void web_project_list(struct web *w);		/* projects.c: / */
void web_project(struct web *w);		/* projects.c: /project/<p>/ */
void web_about(struct web *w);			/* projects.c: /about/ */
void web_help_redirect(struct web *w);		/* projects.c: /help/... */
void web_pwclientrc(struct web *w);		/* projects.c */
void web_patch_list(struct web *w);		/* list.c */
void web_patch_page(struct web *w);		/* submission.c */
void web_cover_page(struct web *w);		/* submission.c */
void web_asset(struct web *w);			/* assets.c: /static/darn.* */
void web_submitter_autocomplete(struct web *w); /* autocomplete.c */
void web_delegate_autocomplete(struct web *w);	/* autocomplete.c */
/* Pages of a logged-in user (web-and-mbox.md §5.6, §5.8): */
void web_user_bundles(struct web *w);	    /* bundle.c: /user/bundles/ */
void web_project_bundles(struct web *w);    /* bundle.c */
void web_bundle(struct web *w);		    /* bundle.c: /bundle/<u>/<n>/ */
void web_bundle_legacy(struct web *w);	    /* bundle.c: /user/bundle/<id>/ */
void web_bundle_legacy_mbox(struct web *w); /* and .../mbox/ */
void web_todo_lists(struct web *w);	    /* todo.c: /user/todo/ */
void web_todo(struct web *w);		    /* todo.c: /user/todo/<p>/ */
/* The site's 404 page (layout.c), for any 404 of the web side. */
void web_not_found(struct web *w);
/* A store failure on a page: the 404 page for a missing row, else 500
 * or 503 with the error logged. */
void web_fail(struct web *w, enum db_status st, const GError *error);
/* Patch URLs carry the msgid with '/' as "%2F" (after the server decoded
 * the path once); returns it with <>. Newly allocated. */
char *web_patch_msgid(const char *segment);

#endif
