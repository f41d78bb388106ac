/*
 * Cookies: reading one from a request's Cookie header, and setting one
 * with the flags every darn cookie has (Path=/, SameSite=Lax, Secure when
 * the site's base URL is https).
 */
#ifndef DARN_HTTP_COOKIE_H
#define DARN_HTTP_COOKIE_H

#include "http/http.h"

/* Longest cookie value darn reads; longer ones are ignored. */
#define HTTP_COOKIE_MAX 256

/* The value of cookie `name` in a Cookie header ("a=1; b=2"), or NULL
 * (also when longer than HTTP_COOKIE_MAX). Caller frees. */
char *http_cookie_get(const char *header, const char *name);

enum {
	HTTP_COOKIE_HTTPONLY = 1 << 0, /* not readable by scripts */
};

/* Adds a Set-Cookie header; max_age_s 0 deletes the cookie. The value
 * must be cookie-safe (tokens darn made). The answer is then never
 * stored by caches. */
void http_cookie_set(const struct request *req, struct response *res,
		     const char *name, const char *value, gint64 max_age_s,
		     unsigned flags);

#endif
