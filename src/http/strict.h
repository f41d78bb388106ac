/*
 * Strict checks of a request head, before any handler runs: what
 * libmicrohttpd accepts but a proxy in front of darn could frame
 * differently (request smuggling: RFC 9112 §6.3, §11.2), and request
 * targets too large to answer. server.c collects the head from
 * libmicrohttpd and answers the status these return, closing the
 * connection; they know nothing of libmicrohttpd.
 */
#ifndef DARN_HTTP_STRICT_H
#define DARN_HTTP_STRICT_H

#include <glib.h>

/* One header field as received: names and values may hold any byte,
 * NUL included, hence the lengths. */
struct http_field {
	const char *name, *value;
	gsize name_len, value_len;
};

/*
 * Checks the header fields of an "HTTP/1.x" request. Returns 0 when the
 * head frames one request only one way, else 400 with *why set to a
 * static phrase ("two Content-Length headers"...): a header name with a
 * space, tab or other non-token byte (a space before the colon);
 * control characters (NUL, CR...) in a value; more than one
 * Content-Length, or one that is not digits; Transfer-Encoding other
 * than "chunked" alone, with Content-Length, twice, or in HTTP/1.0;
 * HTTP/1.1 without Host, or Host twice.
 */
int http_check_head(const char *version, const struct http_field *fields,
		    gsize n_fields, const char **why);

/*
 * Checks a request target as received, before percent-decoding
 * (`target`, `len` bytes, path and query). Returns 0, or 414 when it is
 * longer than HTTP_MAX_URL, or 400 with HTTP_MAX_PARAMS parameters or
 * more or a NUL in it (raw, or %00 in the path, which decoding would
 * turn into a cut path); *why as above.
 */
int http_check_target(const char *target, gsize len, const char **why);

#endif
