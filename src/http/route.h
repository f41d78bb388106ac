/*
 * URL patterns of darn's route tables (the API's and the web side's):
 * "#" stands for one path segment of ASCII digits (Django's <int:>), "*"
 * for any non-empty segment up to the next '/', everything else for
 * itself.
 */
#ifndef DARN_HTTP_ROUTE_H
#define DARN_HTTP_ROUTE_H

#include <glib.h>

#define HTTP_ROUTE_MAX_ARGS 4

/* What the wildcards matched: spans of the matched path, in order. */
struct http_route_args {
	int n;
	const char *start[HTTP_ROUTE_MAX_ARGS];
	gsize len[HTTP_ROUTE_MAX_ARGS];
};

/* TRUE when the whole of `path` matches `pattern`; fills *args. */
gboolean http_route_match(const char *pattern, const char *path,
			  struct http_route_args *args);

#endif
