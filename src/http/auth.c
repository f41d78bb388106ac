/*
 * Authentication of API requests (see auth.h): DRF's BasicAuthentication
 * and TokenAuthentication, with their exact messages, over darn's users
 * and tokens.
 */
#include "http/auth.h"

#include "core/password.h"
#include "http/csrf.h"
#include "http/session.h"
#include "http/throttle.h"

/* Bytes Python's bytes.split() splits on. */
static gboolean py_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* The header split as bytes.split() does; *n receives the count. */
static char **split_header(const char *h, guint *n)
{
	GPtrArray *parts = g_ptr_array_new();
	const char *p = h;
	while (*p) {
		while (*p && py_space(*p))
			p++;
		if (!*p)
			break;
		const char *start = p;
		while (*p && !py_space(*p))
			p++;
		g_ptr_array_add(parts, g_strndup(start, p - start));
	}
	*n = parts->len;
	g_ptr_array_add(parts, NULL);
	return (char **)g_ptr_array_free(parts, FALSE);
}

static int b64_value(char c)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				       "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(alphabet, c) : NULL;
	return p ? (int)(p - alphabet) : -1;
}

/* CPython's binascii.a2b_base64 in its default, non-strict mode. */
GByteArray *http_b64decode_lenient(const char *s)
{
	GByteArray *out = g_byte_array_new();
	int quad = 0, pads = 0, bits = 0;
	guint32 acc = 0;

	for (const char *p = s; *p; p++) {
		if (*p == '=') {
			if (quad >= 2 && quad + ++pads >= 4)
				return out; /* complete: the rest is ignored */
			continue;
		}
		int v = b64_value(*p);
		if (v < 0)
			continue;
		pads = 0;
		quad = (quad + 1) % 4;
		acc = (acc << 6 | (guint32)v) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			guint8 byte = (guint8)(acc >> bits);
			g_byte_array_append(out, &byte, 1);
		}
	}
	if (quad != 0) {
		g_byte_array_unref(out);
		return NULL;
	}
	return out;
}

/* DRF decodes the credentials as UTF-8, else as Latin-1. NULL when they
 * hold a NUL, which no username or password stored here contains. */
static char *decode_credentials(const GByteArray *raw)
{
	if (!raw->len) /* raw->data may be NULL */
		return g_strdup("");
	if (memchr(raw->data, 0, raw->len))
		return NULL;
	if (g_utf8_validate((const char *)raw->data, raw->len, NULL))
		return g_strndup((const char *)raw->data, raw->len);
	GString *s = g_string_sized_new(raw->len * 2);
	for (guint i = 0; i < raw->len; i++)
		g_string_append_unichar(s, raw->data[i]);
	return g_string_free(s, FALSE);
}

static enum http_auth basic(const struct request *req, char **parts, guint n,
			    struct db_user **user, const char **detail,
			    GError **error)
{
	static const char invalid[] = "Invalid username/password.";
	g_autoptr(db_user) u = NULL;
	g_autofree char *encoded = NULL;

	if (n == 1) {
		*detail = "Invalid basic header. No credentials provided.";
		return HTTP_AUTH_DENIED;
	}
	if (n > 2) {
		*detail = "Invalid basic header. Credentials string should "
			  "not contain spaces.";
		return HTTP_AUTH_DENIED;
	}
	g_autoptr(GByteArray) raw = http_b64decode_lenient(parts[1]);
	if (!raw) {
		*detail = "Invalid basic header. Credentials not correctly "
			  "base64 encoded.";
		return HTTP_AUTH_DENIED;
	}
	g_autofree char *credentials = decode_credentials(raw);
	*detail = invalid;
	/* str.partition(':'): no colon means an empty password. */
	char *colon = credentials ? strchr(credentials, ':') : NULL;
	const char *password = "";
	if (colon) {
		*colon = '\0';
		password = colon + 1;
	}
	const char *username = credentials; /* NULL when undecodable */
	/* A throttled address or account gets the wrong-password answer
	 * at once (throttle.h): no PBKDF2, the same 403 as Patchwork's. */
	if (!http_throttle_begin(req->throttle, req->remote_addr, username,
				 g_get_monotonic_time()))
		return HTTP_AUTH_DENIED;
	if (!username) {
		password_check_decoy("");
		return HTTP_AUTH_DENIED;
	}
	enum db_status st =
		db_user_get_by_username(req->db, username, &u, error);
	if (st == DB_NOT_FOUND) {
		password_check_decoy(password);
		return HTTP_AUTH_DENIED;
	}
	if (st == DB_OK)
		st = db_user_password(req->db, u->id, &encoded, error);
	if (st != DB_OK) {
		http_throttle_cancel(req->throttle, req->remote_addr, username);
		return HTTP_AUTH_ERROR;
	}
	/* Django's ModelBackend refuses inactive users like a wrong
	 * password, so DRF's "User inactive or deleted." never shows for
	 * Basic. */
	if (!password_check(password, encoded) || !u->is_active)
		return HTTP_AUTH_DENIED;
	http_throttle_cancel(req->throttle, req->remote_addr, username);
	*detail = NULL;
	*user = g_steal_pointer(&u);
	return HTTP_AUTH_OK;
}

static enum http_auth token(const struct request *req, char **parts, guint n,
			    struct db_user **user, const char **detail,
			    GError **error)
{
	g_autoptr(db_user) u = NULL;

	if (n == 1) {
		*detail = "Invalid token header. No credentials provided.";
		return HTTP_AUTH_DENIED;
	}
	if (n > 2) {
		*detail = "Invalid token header. Token string should not "
			  "contain spaces.";
		return HTTP_AUTH_DENIED;
	}
	if (!g_utf8_validate(parts[1], -1, NULL)) {
		*detail = "Invalid token header. Token string should not "
			  "contain invalid characters.";
		return HTTP_AUTH_DENIED;
	}
	enum db_status st = db_user_by_token(req->db, parts[1], &u, error);
	if (st == DB_NOT_FOUND) {
		*detail = "Invalid token.";
		return HTTP_AUTH_DENIED;
	}
	if (st != DB_OK)
		return HTTP_AUTH_ERROR;
	if (!u->is_active) {
		*detail = "User inactive or deleted.";
		return HTTP_AUTH_DENIED;
	}
	*user = g_steal_pointer(&u);
	return HTTP_AUTH_OK;
}

enum http_auth http_authenticate(const struct request *req,
				 struct db_user **user, const char **detail,
				 GError **error)
{
	guint n;

	*user = NULL;
	*detail = NULL;
	if (!req->authorization)
		return HTTP_AUTH_OK;
	g_auto(GStrv) parts = split_header(req->authorization, &n);
	/* Basic, then Token (after the session: http_authenticate_rest);
	 * each ignores a header of another scheme. */
	if (n && g_ascii_strcasecmp(parts[0], "basic") == 0)
		return basic(req, parts, n, user, detail, error);
	if (n && g_ascii_strcasecmp(parts[0], "token") == 0)
		return token(req, parts, n, user, detail, error);
	return HTTP_AUTH_OK;
}

/* DRF's "CSRF Failed: <reason>", as a static string. */
static const char *csrf_detail(const char *reason)
{
	static const char *const known[] = {
		"CSRF Failed: CSRF token missing.",
		"CSRF Failed: CSRF token incorrect.",
		"CSRF Failed: CSRF cookie not set.",
		"CSRF Failed: Referer checking failed - no Referer.",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(known); i++)
		if (strcmp(known[i] + strlen("CSRF Failed: "), reason) == 0)
			return known[i];
	return g_str_has_prefix(reason, "Origin")
		       ? "CSRF Failed: Origin checking failed - the origin "
			 "does not match any trusted origins."
		       : "CSRF Failed: Referer checking failed - Referer "
			 "does not match any trusted origins.";
}

enum http_auth http_authenticate_rest(const struct request *req,
				      struct db_user **user,
				      const char **detail, GError **error)
{
	g_auto(db_session) session = {0};
	g_autoptr(db_user) u = NULL;

	*user = NULL;
	*detail = NULL;
	enum db_status st = http_session_find(req, &session, error);
	if (st == DB_OK)
		st = db_user_get(req->db, session.user_id, &u, error);
	if (st == DB_NOT_FOUND)
		return http_authenticate(req, user, detail, error);
	if (st != DB_OK)
		return HTTP_AUTH_ERROR;
	if (!csrf_safe_method(req->method)) {
		g_autofree char *reason =
			csrf_check(req, session.csrf, req->csrf_header);
		if (reason) {
			*detail = csrf_detail(reason);
			return HTTP_AUTH_DENIED;
		}
	}
	*user = g_steal_pointer(&u);
	return HTTP_AUTH_OK;
}
