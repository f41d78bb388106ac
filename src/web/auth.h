/*
 * Who is asking on the web, and may they: the login session
 * (http/session.h), the CSRF token of forms and its check on every
 * unsafe method (http/csrf.h), the fields of a posted form, and the
 * redirect to the login page where a page needs a user.
 */
#ifndef DARN_WEB_AUTH_H
#define DARN_WEB_AUTH_H

#include "web/web.h"

/* What web_handle keeps per request (owned by it, freed by
 * web_auth_end). */
struct web_session {
	struct db_session session; /* user_id 0: nobody logged in */
	char *csrf_secret;	   /* the secret forms must prove, or NULL */
	char *csrf_token;	   /* masked, for this answer's forms */
	GPtrArray *form;	   /* struct http_param*, once parsed */
};

/* After http_session_start() inside a request that goes on to show a
 * page (not a redirect): the page is the new session's, its user
 * `username` (copied) and the session's CSRF secret `csrf` (taken). */
void web_auth_started(struct web *w, gint64 user_id, const char *username,
		      char *csrf);

/* Loads the session of the request's cookie into w (w->user_id,
 * w->username, w->session). FALSE after answering a store failure. */
gboolean web_auth_begin(struct web *w);
void web_auth_end(struct web *w);

/* The token of a form's csrfmiddlewaretoken field: the session's secret,
 * else the csrftoken cookie's, else a new one set as that cookie. */
const char *web_csrf_token(struct web *w);

/* Checks an unsafe request's CSRF token (the form field or X-CSRFToken)
 * and origin; FALSE after answering Django's 403 page. */
gboolean web_csrf_passes(struct web *w);
/* That 403 page. */
void web_csrf_failed(struct web *w);

/* The last value of a field of the posted form
 * (application/x-www-form-urlencoded), or NULL. */
const char *web_form(struct web *w, const char *name);
/* Every field of the posted form (struct http_param*, in order; empty
 * when none), owned by the session. */
const GPtrArray *web_form_fields(struct web *w);

/* TRUE when a user is logged in; else FALSE after a 302 to
 * /user/login/?next=<path> (Django's login_required). */
gboolean web_require_login(struct web *w);

/* `next` when it is a path of this site ("/..." but not "//..." nor
 * "/\..."), else "/". Borrowed or static. */
const char *web_local_path(const char *next);

#endif
