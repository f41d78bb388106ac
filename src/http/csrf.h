/*
 * Cross-site request forgery: Django's CSRF tokens, so that forms and
 * the REST API under a session behave as Patchwork's (field
 * `csrfmiddlewaretoken`, header X-CSRFToken, cookie `csrftoken`).
 *
 * A secret is 32 characters of [a-zA-Z0-9]. Pages carry it masked
 * (Django's _mask_cipher_secret: 32 random characters, then the secret
 * shifted by them), a fresh mask each time, so a compressed page never
 * repeats the secret (BREACH). The secret a request must prove is the
 * session's when logged in (stored with the session: a cookie planted by
 * a neighbouring site cannot match it), else the `csrftoken` cookie's.
 * Every method but GET, HEAD, OPTIONS and TRACE is checked.
 */
#ifndef DARN_HTTP_CSRF_H
#define DARN_HTTP_CSRF_H

#include "http/http.h"

#define CSRF_SECRET_LEN 32
#define CSRF_TOKEN_LEN 64
#define CSRF_COOKIE "csrftoken"
#define CSRF_FIELD "csrfmiddlewaretoken"

/* A new random secret. Caller frees. */
char *csrf_secret_new(void);
/* TRUE when s is a well-formed secret. */
gboolean csrf_secret_valid(const char *s);
/* The secret masked with random characters (64 characters). */
char *csrf_mask(const char *secret);
/* The secret of a token: a masked 64-character token unmasked, a
 * 32-character one as it is; NULL when malformed. Caller frees. */
char *csrf_unmask(const char *token);

/* TRUE for the methods the check lets through. */
gboolean csrf_safe_method(const char *method);

/*
 * Checks an unsafe request: the Origin header (when sent) must be the
 * site's, and under https a Referer of the site is required when no
 * Origin is sent; then `token` (the form field or X-CSRFToken) must
 * carry `secret`. NULL when the request passes, else Django's reason
 * ("CSRF token missing.", "CSRF token incorrect.", "CSRF cookie not
 * set.", "Origin checking failed - ..."); newly allocated.
 */
char *csrf_check(const struct request *req, const char *secret,
		 const char *token);

#endif
