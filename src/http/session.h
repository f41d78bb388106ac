/*
 * Login sessions of the web (Django's session, as Patchwork uses it):
 * a random key in the HttpOnly cookie `sessionid`, stored in the
 * database only as its SHA-256, with the user, the session's CSRF
 * secret and an expiry time. Nothing is kept in the process, so any
 * darn serve sharing the database knows every session. The REST API
 * accepts the session too (DRF's SessionAuthentication, auth.c).
 */
#ifndef DARN_HTTP_SESSION_H
#define DARN_HTTP_SESSION_H

#include "http/http.h"

#define SESSION_COOKIE "sessionid"

/* The session of req's cookie (expired ones and inactive users' are
 * none): DB_OK with *out filled, DB_NOT_FOUND, or a store failure. */
enum db_status http_session_find(const struct request *req,
				 struct db_session *out, GError **error);

/* Starts a session for the user (in the caller's write transaction):
 * stores it with a new CSRF secret (*csrf, caller frees) and sets its
 * cookie and the csrftoken cookie on res. */
enum db_status http_session_start(const struct request *req,
				  struct response *res, gint64 user_id,
				  char **csrf, GError **error);

/* Ends req's session, if any, and deletes its cookie (res NULL: keeps
 * it, for a new session's cookie replaces it). */
enum db_status http_session_end(const struct request *req, struct response *res,
				GError **error);

/* The session lifetime of the server's settings, in seconds. */
gint64 http_session_age_s(const struct request *req);

#endif
