/*
 * The REST API (Patchwork's /api/, versions 1.0 to 1.4): routing of /api/
 * paths to resources, and what every resource shares: the requested
 * version, absolute URLs in Patchwork's three forms, pagination with Link
 * headers, and JSON error bodies.
 */
#ifndef DARN_API_API_H
#define DARN_API_API_H

#include "api/json.h"
#include "http/http.h"

/* Handles a request whose path starts with "/api/". */
void api_handle(struct request *req, struct response *res);

#define API_MAX_ARGS 4
#define API_ARG_MAX 256 /* longest path segment a route accepts */

struct api;

struct api_route {
	const char *pattern; /* after "/api/[V/]": "#" digits, "*" any */
	const char *allow;   /* the Allow header */
	int min_minor;	     /* first API version (1.N) that has it */
	void (*handler)(struct api *a);
	const char *name;	 /* view name (browsable API, OPTIONS) */
	const char *description; /* view docstring */
};

struct api {
	struct request *req;
	struct response *res;
	/* Requested version as given in the path ("1.1"), NULL when
	 * unversioned; minor is its minor number, 4 (latest) when
	 * unversioned. */
	char *version;
	int minor;
	const char *format; /* ?format= value echoed into API URLs, or NULL */
	const struct api_route *route;
	gboolean html; /* render the browsable API page */
	char args[API_MAX_ARGS][API_ARG_MAX]; /* what "#" and "*" matched */
	struct json json;
};

/* TRUE when the requested version is at least 1.minor. */
gboolean api_at_least(const struct api *a, int minor);

/* Absolute API URL of `path` (e.g. "projects/1/"), with the request's
 * version segment and ?format= (§1.2 kind 1). Caller frees. */
char *api_url(const struct api *a, const char *path);
/* Absolute, unversioned API URL without format (comments/checks links). */
char *api_plain_url(const struct api *a, const char *path);
/* Absolute web URL of `path` ("project/x/list/?series=1"). */
char *api_web_url(const struct api *a, const char *path);

/* render.c: chooses JSON or HTML (sets a->html); FALSE after writing
 * the 406 when the Accept header allows neither. */
gboolean api_negotiate(struct api *a);
/* render.c: the OPTIONS body of the route. */
void api_options(struct api *a);
/* render.c: wraps the (pretty) JSON body into the browsable API page. */
void api_render_html(struct api *a);

/* Writes {"detail": msg} with the status. */
void api_error(struct api *a, int status, const char *detail);

/*
 * Pagination (§2.5): reads page/per_page; on an invalid page writes the
 * 404 and returns FALSE. On TRUE, *offset and *limit select the rows and
 * the Link header is set.
 */
gboolean api_paginate(struct api *a, gint64 total, gint64 *offset,
		      gint64 *limit);

/* Resources (one file each). Each writes the JSON body into a->json. */
void api_index(struct api *a);
void api_projects_list(struct api *a);
void api_project_detail(struct api *a);

/* state.c: darn's /api/states/ (not in Patchwork) */
void api_states_list(struct api *a);
void api_state_detail(struct api *a);

/* resources: submissions (patches, covers, comments, checks) */

/* resources: series, people, users, events, bundles */

/* Embedded project (§4) and the full project object. */
void api_write_project(struct api *a, const struct db_project *p,
		       gboolean full);

#endif
