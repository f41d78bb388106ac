/*
 * The headers every answer of darn serve carries besides what a handler
 * wrote, decided in one place from what the answer is (its status, its
 * Content-Type, a Content-Disposition download, an authenticated user):
 *
 *   X-Content-Type-Options: nosniff, X-Frame-Options: DENY and
 *   Referrer-Policy: same-origin, as Django's security middleware sends;
 *   Content-Security-Policy: nothing may load for JSON, text and
 *   redirects; HTML pages may load the site's own scripts, styles and
 *   images (never inline ones) and submit forms to it; downloads are
 *   sandboxed;
 *   Cache-Control: errors are not stored (no-store); other answers may be
 *   kept but are revalidated (no-cache), privately when a user
 *   authenticated (an answer that depends on who asked).
 */
#ifndef DARN_HTTP_HEADERS_H
#define DARN_HTTP_HEADERS_H

#include "http/http.h"

/* The policies, for tests and docs. */
#define HTTP_CSP_NONE "default-src 'none'; frame-ancestors 'none'"
#define HTTP_CSP_HTML                                               \
	"default-src 'none'; script-src 'self'; style-src 'self'; " \
	"img-src 'self'; form-action 'self'; base-uri 'none'; "     \
	"frame-ancestors 'none'"
#define HTTP_CSP_DOWNLOAD "default-src 'none'; sandbox"

/* Adds the headers above to res, keeping a Cache-Control or a
 * Content-Security-Policy the handler set. */
void http_security_headers(struct response *res);

#endif
