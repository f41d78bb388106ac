/*
 * Routing under /api/ and what all resources share (see api.h): version
 * parsing with Patchwork's quirks, URL forms, pagination, errors.
 */
#include "api/api.h"

#include "mail/pystr.h"

#include <stdlib.h>

#include "http/auth.h"

#define PER_PAGE_DEFAULT 30
#define PER_PAGE_MAX 250

char *api_keep(struct api *a, char *s)
{
	g_ptr_array_add(a->kept, s);
	return s;
}

char **api_keep_strv(struct api *a, char **v)
{
	g_ptr_array_add(a->kept_strv, v);
	return v;
}

gboolean api_at_least(const struct api *a, int minor)
{
	return a->minor >= minor;
}

/*
 * URLs are built for every object of every list, a dozen per patch: they
 * are concatenated, not printf-formatted.
 */
static void append_url_start(GString *url, const struct api *a,
			     enum api_url_form form)
{
	g_string_append(url, a->req->base_url);
	if (form == API_URL_WEB) {
		g_string_append_c(url, '/');
		return;
	}
	g_string_append(url, "/api/");
	if (form == API_URL && a->version) {
		g_string_append(url, a->version);
		g_string_append_c(url, '/');
	}
}

static char *finish_url(GString *url, const struct api *a,
			enum api_url_form form)
{
	if (form == API_URL && a->format) {
		g_autofree char *f = http_quote_plus(a->format);
		g_string_append(url, "?format=");
		g_string_append(url, f);
	}
	return g_string_free(url, FALSE);
}

char *api_url(const struct api *a, const char *path)
{
	GString *url = g_string_sized_new(96);
	append_url_start(url, a, API_URL);
	g_string_append(url, path);
	return finish_url(url, a, API_URL);
}

char *api_id_url(const struct api *a, enum api_url_form form, const char *kind,
		 gint64 id, const char *tail)
{
	GString *url = g_string_sized_new(96);
	char digits[24];
	append_url_start(url, a, form);
	g_string_append(url, kind);
	g_string_append_c(url, '/');
	g_string_append(url, api_format_id(digits, id));
	g_string_append_c(url, '/');
	if (tail)
		g_string_append(url, tail);
	return finish_url(url, a, form);
}

const char *api_format_id(char buf[24], gint64 id)
{
	char *p = buf + 23;
	guint64 u = id < 0 ? -(guint64)id : (guint64)id;
	*p = '\0';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (id < 0)
		*--p = '-';
	return p;
}

char *api_plain_url(const struct api *a, const char *path)
{
	return g_strconcat(a->req->base_url, "/api/", path, NULL);
}

char *api_web_url(const struct api *a, const char *path)
{
	return g_strconcat(a->req->base_url, "/", path, NULL);
}

void api_error(struct api *a, int status, const char *detail)
{
	g_string_truncate(a->res->body, 0);
	json_init(&a->json, a->res->body, a->html);
	a->res->status = status;
	json_object_begin(&a->json);
	json_kv_string(&a->json, "detail", detail);
	json_object_end(&a->json);
}

/* DRF's {"detail": ...} of a store failure, for http_store_failed's
 * status. */
static const char *store_failed_detail(const struct response *res)
{
	return res->status == 503 ? HTTP_BODY_UNAVAILABLE
				  : "A server error occurred.";
}

void api_store_failed(struct api *a, enum db_status st, const GError *error)
{
	http_store_failed(a->res, st, error);
	g_free(a->res->content_type);
	a->res->content_type = g_strdup("application/json");
	api_error(a, a->res->status, store_failed_detail(a->res));
}

void api_store_failed_answer(struct response *res, enum db_status st,
			     const GError *error)
{
	struct json j;
	http_store_failed(res, st, error);
	g_free(res->content_type);
	res->content_type = g_strdup("application/json");
	g_string_truncate(res->body, 0);
	json_init(&j, res->body, FALSE);
	json_object_begin(&j);
	json_kv_string(&j, "detail", store_failed_detail(res));
	json_object_end(&j);
}

static gint compare_params(gconstpointer a, gconstpointer b)
{
	const struct http_param *x = *(const struct http_param *const *)a;
	const struct http_param *y = *(const struct http_param *const *)b;
	return strcmp(x->name, y->name);
}

/* The request URL with its parameters sorted by name (stable) and page
 * set to `page` (0: removed). */
static char *page_url(const struct api *a, gint64 page)
{
	g_autoptr(GPtrArray) params = g_ptr_array_new();
	for (guint i = 0; i < a->req->params->len; i++) {
		struct http_param *p = a->req->params->pdata[i];
		if (strcmp(p->name, "page") != 0)
			g_ptr_array_add(params, p);
	}
	struct http_param page_param = {(char *)"page", NULL};
	g_autofree char *page_value =
		g_strdup_printf("%" G_GINT64_FORMAT, page);
	page_param.value = page_value;
	if (page > 0)
		g_ptr_array_add(params, &page_param);
	/* g_ptr_array_sort is a stable merge sort (GLib >= 2.32 uses
	 * g_qsort_with_data, which is stable). */
	g_ptr_array_sort(params, compare_params);
	return http_request_url(a->req, "", params);
}

/* The per_page parameter, or the default. */
static gint64 per_page_of(struct api *a)
{
	gint64 per_page;
	const char *v = request_param(a->req, "per_page");
	if (v && py_parse_int(v, &per_page) && per_page > 0)
		return MIN(per_page, PER_PAGE_MAX);
	return PER_PAGE_DEFAULT;
}

gboolean api_page_asked(struct api *a, gint64 *offset, gint64 *limit)
{
	gint64 page = 1;
	const char *v = request_param(a->req, "page");
	if (v && (!py_parse_int(v, &page) || page < 1 || page > G_MAXINT32))
		return FALSE; /* "last", or a page that is not there */
	*limit = per_page_of(a);
	*offset = (page - 1) * *limit;
	return TRUE;
}

gboolean api_paginate(struct api *a, gint64 total, gint64 *offset,
		      gint64 *limit)
{
	gint64 per_page = per_page_of(a), page = 1;
	const char *v;

	gint64 pages = total ? (total + per_page - 1) / per_page : 1;
	v = request_param(a->req, "page");
	if (v) {
		if (strcmp(v, "last") == 0)
			page = pages;
		else if (!py_parse_int(v, &page) || page < 1 || page > pages) {
			api_error(a, 404, "Invalid page.");
			return FALSE;
		}
	}
	*offset = (page - 1) * per_page;
	*limit = per_page;

	GString *link = g_string_new(NULL);
	if (page < pages) {
		g_autofree char *u = page_url(a, page + 1);
		g_string_append_printf(link, "<%s>; rel=\"next\"", u);
	}
	if (page > 1) {
		/* The link to page 1 drops the parameter (DRF). */
		g_autofree char *u = page_url(a, page - 1 == 1 ? 0 : page - 1);
		g_string_append_printf(link, "%s<%s>; rel=\"prev\"",
				       link->len ? ", " : "", u);
	}
	g_autofree char *first = page_url(a, 1);
	g_autofree char *last = page_url(a, pages);
	g_string_append_printf(link,
			       "%s<%s>; rel=\"first\", <%s>; rel=\"last\"",
			       link->len ? ", " : "", first, last);
	response_header(a->res, "Link", link->str);
	g_string_free(link, TRUE);
	return TRUE;
}

/* ---- routing ------------------------------------------------------------ */

/*
 * The API's routes. In a pattern, "#" stands for a segment of decimal
 * digits and "*" for any segment; what they matched is in a->args.
 * Resources add their rows here (one per URL pattern); name and
 * description are the view's name and docstring, shown by the browsable
 * API and OPTIONS.
 */
static const struct api_writes patch_writes = {
	.put = api_patch_put,
	.patch = api_patch_patch,
	.form = &api_form_patch,
};
static const struct api_writes check_writes = {
	.post = api_check_create,
	.form = &api_form_check,
};
static const struct api_writes project_writes = {
	.put = api_project_write,
	.patch = api_project_write,
	.form = &api_form_project,
};
static const struct api_writes user_writes = {
	.put = api_user_put,
	.patch = api_user_patch,
	.form = &api_form_user,
};
/* bundles: writes from 1.2 (§6.10) */
static const struct api_writes bundles_writes = {
	.min_minor = 2,
	.post = api_bundle_create,
	.form = &api_form_bundles,
};
static const struct api_writes bundle_writes = {
	.min_minor = 2,
	.put = api_bundle_put,
	.patch = api_bundle_patch,
	.delete_ = api_bundle_delete,
	.form = &api_form_bundle,
};
static const struct api_writes patch_comment_writes = {
	.put = api_patch_comment_write,
	.patch = api_patch_comment_write,
	.form = &api_form_patch_comment,
};
static const struct api_writes cover_comment_writes = {
	.put = api_cover_comment_write,
	.patch = api_cover_comment_write,
	.form = &api_form_cover_comment,
};

static const struct api_route routes[] = {
	{"", "GET, HEAD, OPTIONS", 0, api_index, "Index", "", 0, NULL},
	{"projects/", "GET, HEAD, OPTIONS", 0, api_projects_list,
	 "Project List", "List projects.", 0, NULL},
	{"projects/*/", "GET, PUT, PATCH, HEAD, OPTIONS", 0, api_project_detail,
	 "Project Detail",
	 "get:\nShow a project.\n\npatch:\nUpdate a project.\n\nput:\n"
	 "Update a project.",
	 0, &project_writes},
	{"states/", "GET, HEAD, OPTIONS", 0, api_states_list, "State List",
	 "List states.", 0, NULL},
	{"states/#/", "GET, HEAD, OPTIONS", 0, api_state_detail, "State Detail",
	 "Show a state.", 0, NULL},
	/* routes: submissions (patches, covers, comments, checks) */
	{"patches/", "GET, HEAD, OPTIONS", 0, api_patches_list, "Patch List",
	 "List patches.", 0, NULL},
	{"patches/#/", "GET, PUT, PATCH, HEAD, OPTIONS", 0, api_patch_detail,
	 "Patch Detail",
	 "get:\nShow a patch.\n\npatch:\nUpdate a patch.\n\nput:\n"
	 "Update a patch.",
	 ROUTE_ONE_READ, &patch_writes},
	{"patches/#/comments/", "GET, HEAD, OPTIONS", 1,
	 api_patch_comments_list, "Patch Comment List", "List patch comments",
	 0, NULL},
	{"patches/#/comments/#/", "GET, PUT, PATCH, HEAD, OPTIONS", 3,
	 api_patch_comment_detail, "Patch Comment Detail",
	 "get:\nShow a patch comment.\n\npatch:\nUpdate a patch "
	 "comment.\n\nput:\nUpdate a patch comment.",
	 0, &patch_comment_writes},
	{"patches/#/checks/", "GET, POST, HEAD, OPTIONS", 0, api_checks_list,
	 "Check List Create", "get:\nList checks.\n\npost:\nCreate a check.", 0,
	 &check_writes},
	{"patches/#/checks/#/", "GET, HEAD, OPTIONS", 0, api_check_detail,
	 "Check Detail", "Show a check.", 0, NULL},
	{"covers/", "GET, HEAD, OPTIONS", 0, api_covers_list, "Cover List",
	 "List cover letters.", 0, NULL},
	{"covers/#/", "GET, HEAD, OPTIONS", 0, api_cover_detail, "Cover Detail",
	 "Show a cover letter.", ROUTE_ONE_READ, NULL},
	{"covers/#/comments/", "GET, HEAD, OPTIONS", 1, api_cover_comments_list,
	 "Cover Comment List", "List cover comments", 0, NULL},
	{"covers/#/comments/#/", "GET, PUT, PATCH, HEAD, OPTIONS", 3,
	 api_cover_comment_detail, "Cover Comment Detail",
	 "get:\nShow a cover comment.\n\npatch:\nUpdate a cover "
	 "comment.\n\nput:\nUpdate a cover comment.",
	 0, &cover_comment_writes},
	/* routes: series, people, users, events, bundles */
	{"series/", "GET, HEAD, OPTIONS", 0, api_series_list, "Series List",
	 "List series.", 0, NULL},
	{"series/#/", "GET, HEAD, OPTIONS", 0, api_series_detail,
	 "Series Detail", "Show a series.", 0, NULL},
	{"events/", "GET, HEAD, OPTIONS", 0, api_events_list, "Event List",
	 "List events.", 0, NULL},
	{"bundles/", "GET, POST, HEAD, OPTIONS", 0, api_bundles_list,
	 "Bundle List Create", "List or create bundles.", 0, &bundles_writes},
	{"bundles/#/", "GET, PUT, PATCH, DELETE, HEAD, OPTIONS", 0,
	 api_bundle_detail, "Bundle Detail",
	 "get:\nShow a bundle.\n\npatch:\nUpdate a bundle.\n\nput:\n"
	 "Update a bundle.\n\ndelete:\nDelete a bundle.",
	 0, &bundle_writes},
	/* people and users: login required (descriptions sic, §6.3) */
	{"people/", "GET, HEAD, OPTIONS", 0, api_people_list, "Person List",
	 "List users.", ROUTE_AUTH, NULL},
	{"people/#/", "GET, HEAD, OPTIONS", 0, api_person_detail,
	 "Person Detail", "Show a user.", ROUTE_AUTH, NULL},
	{"users/", "GET, HEAD, OPTIONS", 0, api_users_list, "User List",
	 "List users.", ROUTE_AUTH, NULL},
	{"users/#/", "GET, PUT, PATCH, HEAD, OPTIONS", 0, api_user_detail,
	 "User Detail",
	 "get:\nShow a user.\n\npatch:\nUpdate a user.\n\nput:\n"
	 "Update a user.",
	 ROUTE_AUTH, &user_writes},
	/* end of people and users */
};

/* Splits "/api/[V/]rest" into version and rest. Patchwork's URL regex
 * leaves the dot unescaped: "1x0" is accepted and echoed (§1.1 quirk). */
static gboolean split_version(const char *path, char **version, int *minor,
			      const char **rest)
{
	const char *p = path + strlen("/api/");
	*version = NULL;
	*minor = 4;
	if (p[0] == '1' && p[1] && p[1] != '/' && p[2] >= '0' && p[2] <= '4' &&
	    p[3] == '/') {
		*version = g_strndup(p, 3);
		/* Versions compare as lists of strings: "1x0" sorts after
		 * "1.4", so it behaves as the latest. */
		*minor = p[1] == '.' ? p[2] - '0' : 4;
		p += 4;
	}
	*rest = p;
	return TRUE;
}

/* The route of rest (the path after the version) for that version, or
 * NULL; args receives what its "#" and "*" matched. */
static const struct api_route *find_route(const char *rest, int minor,
					  struct http_route_args *args)
{
	for (gsize i = 0; i < G_N_ELEMENTS(routes); i++)
		if (http_route_match(routes[i].pattern, rest, args) &&
		    minor >= routes[i].min_minor)
			return &routes[i];
	return NULL;
}

gboolean api_reads_once(const struct request *req)
{
	/* credentials are looked up: a statement of their own */
	if (req->authorization || req->cookie ||
	    !g_str_has_prefix(req->path, "/api/") ||
	    (strcmp(req->method, "GET") != 0 &&
	     strcmp(req->method, "HEAD") != 0))
		return FALSE;
	g_autofree char *version = NULL;
	int minor;
	const char *rest;
	struct http_route_args args;
	split_version(req->path, &version, &minor, &rest);
	const struct api_route *route = find_route(rest, minor, &args);
	return route && (route->flags & ROUTE_ONE_READ);
}

/*
 * Sets a->user from the request's credentials and applies the route's
 * ROUTE_AUTH. FALSE after writing the 403 (or the 503 or 500 of a
 * database failure). *user receives what a->user points to, for the caller to
 * free.
 */
static gboolean api_authenticate(struct api *a, struct db_user **user)
{
	const char *detail;
	g_autoptr(GError) error = NULL;
	switch (http_authenticate_rest(a->req, user, &detail, &error)) {
	case HTTP_AUTH_OK:
		break;
	case HTTP_AUTH_DENIED:
		api_error(a, 403, detail);
		return FALSE;
	default:
		api_store_failed(a,
				 error ? (enum db_status)error->code : DB_ERROR,
				 error);
		return FALSE;
	}
	a->user = *user;
	if (a->user)
		a->res->user = g_strdup(a->user->username);
	if ((a->route->flags & ROUTE_AUTH) && !a->user) {
		api_error(a, 403,
			  "Authentication credentials were not provided.");
		return FALSE;
	}
	return TRUE;
}

static void method_not_allowed(struct api *a)
{
	g_autofree char *msg =
		g_strdup_printf("Method \"%s\" not allowed.", a->req->method);
	api_error(a, 405, msg);
}

/* The route's handler for a write method, or NULL (405). */
static void (*write_handler(const struct api *a))(struct api *)
{
	const struct api_writes *w = a->route->writes;
	const char *m = a->req->method;
	if (!w || a->minor < w->min_minor)
		return NULL;
	if (strcmp(m, "POST") == 0)
		return w->post;
	if (strcmp(m, "PUT") == 0)
		return w->put;
	if (strcmp(m, "PATCH") == 0)
		return w->patch;
	if (strcmp(m, "DELETE") == 0)
		return w->delete_;
	return NULL;
}

void api_handle(struct request *req, struct response *res)
{
	struct api a = {.req = req, .res = res};
	g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GPtrArray) kept_strv =
		g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	a.kept = kept;
	a.kept_strv = kept_strv;
	a.page_rows =
		g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
	struct db_user *user = NULL;
	const char *rest;
	const struct api_route *route = NULL;

	split_version(req->path, &a.version, &a.minor, &rest);
	struct http_route_args args;
	route = find_route(rest, a.minor, &args);
	for (int i = 0; route && i < args.n; i++)
		a.args[i] = api_keep(&a, g_strndup(args.start[i], args.len[i]));
	a.route = route;
	if (!route) {
		http_not_found(res);
		goto out;
	}

	a.format = request_param(req, "format");
	if (a.format && strcmp(a.format, "json") != 0 &&
	    strcmp(a.format, "api") != 0) {
		http_not_found(res);
		goto out;
	}
	response_header(res, "Allow", route->allow);
	/* DRF consults the session on every API request. */
	response_header(res, "Vary", "Accept, Cookie");
	res->content_type = g_strdup("application/json");
	if (!api_negotiate(&a))
		goto out;
	json_init(&a.json, res->body, a.html);
	if (!a.html && a.indent)
		json_set_indent(&a.json, a.indent);
	/* DRF authenticates and checks permissions before it looks at the
	 * method: a bad token fails even an OPTIONS or a POST. */
	if (!api_authenticate(&a, &user)) {
		/* the 403 or 500 is written */
	} else if (strcmp(req->method, "OPTIONS") == 0) {
		api_options(&a);
	} else if (strcmp(req->method, "GET") == 0 ||
		   strcmp(req->method, "HEAD") == 0) {
		route->handler(&a);
	} else {
		void (*write)(struct api *) = write_handler(&a);
		if (write)
			write(&a);
		else
			method_not_allowed(&a);
	}
	/* a 204 carries no body, not even the browsable page */
	if (a.html && res->status != 204)
		api_render_html(&a);
out:
	g_free(a.version);
	api_page_clear(&a);
	db_user_free(user);
}

/* ---- index ------------------------------------------------------------- */

void api_index(struct api *a)
{
	static const char *const names[] = {"projects", "users",  "people",
					    "patches",	"covers", "series",
					    "events",	"bundles"};
	json_object_begin(&a->json);
	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		g_autofree char *path = g_strdup_printf("%s/", names[i]);
		g_autofree char *url = api_url(a, path);
		json_kv_string(&a->json, names[i], url);
	}
	json_object_end(&a->json);
}
