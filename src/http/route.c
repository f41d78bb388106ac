/*
 * The one URL pattern matcher (route.h).
 */
#include "http/route.h"

gboolean http_route_match(const char *pattern, const char *path,
			  struct http_route_args *args)
{
	args->n = 0;
	while (*pattern) {
		if (*pattern != '#' && *pattern != '*') {
			if (*pattern++ != *path++)
				return FALSE;
			continue;
		}
		const char *end = strchr(path, '/');
		if (!end || end == path || args->n == HTTP_ROUTE_MAX_ARGS)
			return FALSE;
		for (const char *c = path; *pattern == '#' && c < end; c++)
			if (!g_ascii_isdigit(*c))
				return FALSE;
		args->start[args->n] = path;
		args->len[args->n] = end - path;
		args->n++;
		path = end;
		pattern++;
	}
	return *path == '\0';
}
