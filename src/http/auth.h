/*
 * Who is asking: the credentials of a request's Authorization header,
 * checked the way Patchwork's REST API (Django REST Framework) checks
 * them (rest-api.md §2.3). HTTP Basic with the user's password, or
 * "Token <key>" with the user's API token; any other scheme, or none, is
 * an anonymous request. Invalid credentials fail the request even where
 * no login is needed, always with 403 (never 401: Patchwork's first
 * authenticator, the session, offers no challenge).
 */
#ifndef DARN_HTTP_AUTH_H
#define DARN_HTTP_AUTH_H

#include "http/http.h"

enum http_auth {
	HTTP_AUTH_OK,	  /* *user is the user, or NULL: anonymous */
	HTTP_AUTH_DENIED, /* invalid credentials: answer 403 with *detail */
	HTTP_AUTH_ERROR,  /* the database failed: http_store_failed */
};

/*
 * Authenticates req. On HTTP_AUTH_OK, *user is the authenticated, active
 * user (caller frees with db_user_free) or NULL. On HTTP_AUTH_DENIED,
 * *detail is DRF's message, a static string, e.g. "Invalid token.". On
 * HTTP_AUTH_ERROR, *error (may be NULL) is the store's, its code an enum
 * db_status (DB_BUSY: the database is unreachable, a 503).
 */
enum http_auth http_authenticate(const struct request *req,
				 struct db_user **user, const char **detail,
				 GError **error);

/*
 * The REST API's authentication: the web session first (DRF's
 * SessionAuthentication: the session cookie, and then the CSRF token in
 * X-CSRFToken on every unsafe method, "CSRF Failed: ..." otherwise), then
 * the Authorization header as http_authenticate(). XML-RPC, like
 * Patchwork's, knows no session and calls http_authenticate().
 */
enum http_auth http_authenticate_rest(const struct request *req,
				      struct db_user **user,
				      const char **detail, GError **error);

/* Python's base64.b64decode(s) (non-strict): characters outside the
 * alphabet are skipped, decoding stops at complete padding. NULL when
 * Python raises (leftover bits without padding). */
GByteArray *http_b64decode_lenient(const char *s);

#endif
