/*
 * Login sessions (see session.h).
 */
#include "http/session.h"

#include "util/random.h"
#include "http/cookie.h"
#include "http/csrf.h"

#define DEFAULT_SESSION_AGE_S 1209600

gint64 http_session_age_s(const struct request *req)
{
	return req->accounts && req->accounts->session_age_s
		       ? req->accounts->session_age_s
		       : DEFAULT_SESSION_AGE_S;
}

static char *key_hash(const char *key)
{
	return g_compute_checksum_for_string(G_CHECKSUM_SHA256, key, -1);
}

enum db_status http_session_find(const struct request *req,
				 struct db_session *out, GError **error)
{
	g_autofree char *key =
		req->cookie ? http_cookie_get(req->cookie, SESSION_COOKIE)
			    : NULL;
	if (!key || !*key || !req->db)
		return DB_NOT_FOUND;
	g_autofree char *hash = key_hash(key);
	return db_session_get(req->db, hash, g_get_real_time(), out, error);
}

enum db_status http_session_start(const struct request *req,
				  struct response *res, gint64 user_id,
				  char **csrf, GError **error)
{
	gint64 now = g_get_real_time();
	gint64 age = http_session_age_s(req);
	/* Expired sessions go as new ones come: the table holds the
	 * sessions of one lifetime at most. */
	enum db_status st = db_session_prune(req->db, now, error);
	if (st != DB_OK)
		return st;
	g_autofree char *key = random_token_new();
	g_autofree char *hash = key_hash(key);
	g_autofree char *secret = csrf_secret_new();
	st = db_session_insert(req->db, hash, user_id, secret,
			       now + age * G_USEC_PER_SEC, error);
	if (st != DB_OK)
		return st;
	http_cookie_set(req, res, SESSION_COOKIE, key, age,
			HTTP_COOKIE_HTTPONLY);
	/* Django rotates the CSRF secret at login; here it becomes the
	 * session's (scripts read it from this cookie for X-CSRFToken). */
	http_cookie_set(req, res, CSRF_COOKIE, secret, 31449600, 0);
	*csrf = g_steal_pointer(&secret);
	return DB_OK;
}

enum db_status http_session_end(const struct request *req, struct response *res,
				GError **error)
{
	g_autofree char *key =
		req->cookie ? http_cookie_get(req->cookie, SESSION_COOKIE)
			    : NULL;
	if (res)
		http_cookie_set(req, res, SESSION_COOKIE, "", 0,
				HTTP_COOKIE_HTTPONLY);
	if (!key || !*key)
		return DB_OK;
	g_autofree char *hash = key_hash(key);
	return db_session_delete(req->db, hash, error);
}
