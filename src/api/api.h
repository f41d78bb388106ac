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
	int flags;		 /* ROUTE_* */
};

/* Route flags, checked by api_handle() before the handler runs.
 * ROUTE_AUTH: anonymous requests get 403 "Authentication credentials
 * were not provided." */
#define ROUTE_AUTH (1 << 0)

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
	/* The authenticated user (http/auth.h), NULL when anonymous. Owned
	 * by api_handle() for the request's duration. */
	const struct db_user *user;
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

/* ---- people and users (auth) ---- */
/* person.c: /api/people/ and /api/people/<id>/ (§6.3) */
void api_people_list(struct api *a);
void api_person_detail(struct api *a);
/* Embedded Person (§4): id, url, name, email (p->user is not shown). */
void api_write_person(struct api *a, const struct db_person *p);

/* user.c: /api/users/ and /api/users/<id>/ (§6.4) */
void api_users_list(struct api *a);
void api_user_detail(struct api *a);
/* Embedded User (§4): id, url (of u->id), username, first_name,
 * last_name, email. */
void api_write_user(struct api *a, const struct db_user *u);

/* listing.c: ?q= and ?order= of list endpoints (§2.6). Both read the
 * parameter's last value, as Django's QueryDict.get() does. */
/* The search terms of ?q= (DRF's search_smart_split): NULL when there is
 * no q or no term. Caller frees (g_strfreev). */
char **api_search_terms(const struct api *a);
/* The fields of ?order= that are in `allowed` (NULL-terminated), each
 * with its "-" when descending, in the order given; NULL when none is, so
 * the default ordering applies. Caller frees (g_strfreev). */
char **api_order_fields(const struct api *a, const char *const *allowed);
/* A list endpoint read through the store: which ?order= fields it takes,
 * how to count and fetch a page (db.h's struct db_list), how to write a
 * row. */
struct api_list {
	const char *const *order_fields; /* NULL-terminated */
	enum db_status (*count)(struct db *db, const struct db_list *l,
				gint64 *total, GError **error);
	enum db_status (*rows)(struct db *db, const struct db_list *l,
			       GPtrArray **out, GError **error);
	void (*write)(struct api *a, gconstpointer row);
};
/* listing.c: answers a list request with ?q=, ?order= and the page (its
 * Link header; 404 "Invalid page."; 500 when the database fails). */
void api_list(struct api *a, const struct api_list *list);
/* ---- end of people and users ---- */

/* Embedded project (§4) and the full project object. */
void api_write_project(struct api *a, const struct db_project *p,
		       gboolean full);

#endif
