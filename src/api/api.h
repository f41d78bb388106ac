/*
 * The REST API (Patchwork's /api/, versions 1.0 to 1.4): routing of /api/
 * paths to resources, and what every resource shares: the requested
 * version, absolute URLs in Patchwork's three forms, pagination with Link
 * headers, and JSON error bodies.
 */
#ifndef DARN_API_API_H
#define DARN_API_API_H

#include "http/http.h"
#include "http/route.h"
#include "util/json.h"

/* Handles a request whose path starts with "/api/". */
void api_handle(struct request *req, struct response *res);
/* TRUE when the request is an anonymous read of a route that is mostly
 * one statement (ROUTE_ONE_READ): the dispatcher tries it in
 * db_begin_read_once. */
gboolean api_reads_once(const struct request *req);

#define API_MAX_ARGS HTTP_ROUTE_MAX_ARGS

struct api;

/* The kinds of objects a response reads (page.c): each an object of the
 * store by id, or (from API_SERIES_PATCHES on) the members of a key. */
enum api_kind {
	/* the objects of db_get_many (db.h: struct per kind) */
	API_PATCH = DB_OBJ_PATCH, /* list form, no body */
	API_COVER = DB_OBJ_COVER, /* list form, no body */
	API_PATCH_BRIEF = DB_OBJ_PATCH_BRIEF,
	API_COVER_BRIEF = DB_OBJ_COVER_BRIEF,
	API_SERIES = DB_OBJ_SERIES,
	API_EVENT = DB_OBJ_EVENT,
	API_CHECK = DB_OBJ_CHECK,
	API_PATCH_COMMENT = DB_OBJ_PATCH_COMMENT,
	API_COVER_COMMENT = DB_OBJ_COVER_COMMENT,
	API_USER = DB_OBJ_USER,
	API_PERSON = DB_OBJ_PERSON,
	API_BUNDLE = DB_OBJ_BUNDLE, /* another user's private one: absent */
	API_PROJECT = DB_OBJ_PROJECT,
	/* without headers, content and submitter */
	API_PATCH_COMMENT_BRIEF = DB_OBJ_PATCH_COMMENT_BRIEF,
	API_COVER_COMMENT_BRIEF = DB_OBJ_COVER_COMMENT_BRIEF,
	/* members: GArray of gint64 */
	API_SERIES_PATCHES,	 /* series -> patch ids */
	API_RELATION_PATCHES,	 /* relation -> patch ids (all of them) */
	API_BUNDLE_PATCHES,	 /* bundle -> patch ids */
	API_SERIES_DEPENDENCIES, /* series -> series it depends on */
	API_SERIES_DEPENDENTS,	 /* series -> series depending on it */
	API_PATCH_CHECK_STATE, /* patch -> its check state, if it has checks */
	API_KINDS
};

/* options.c: the form of a write view as DRF's SimpleMetadata describes
 * it in an OPTIONS answer's "actions", and who may see it. */
struct api_form;
extern const struct api_form api_form_patch, api_form_project,
	api_form_patch_comment, api_form_cover_comment, api_form_check,
	api_form_bundles, api_form_bundle, api_form_user;

/* The write methods of a route: a handler per method (NULL: 405). A
 * write handler runs in the dispatcher's write transaction, committed
 * only when it answers below 400. */
struct api_writes {
	int min_minor; /* below 1.N every write is 405, before auth */
	void (*post)(struct api *a);
	void (*put)(struct api *a);
	void (*patch)(struct api *a);
	void (*delete_)(struct api *a);
	/* OPTIONS "actions" (NULL: none), from min_minor like the writes */
	const struct api_form *form;
};

struct api_route {
	const char *pattern; /* after "/api/[V/]": "#" digits, "*" any */
	const char *allow;   /* the Allow header */
	int min_minor;	     /* first API version (1.N) that has it */
	void (*handler)(struct api *a); /* GET and HEAD */
	const char *name;		/* view name (browsable API, OPTIONS) */
	const char *description;	/* view docstring */
	int flags;			/* ROUTE_* */
	const struct api_writes *writes; /* NULL: read-only */
};

/* Route flags, checked by api_handle() before the handler runs.
 * ROUTE_AUTH: anonymous requests get 403 "Authentication credentials
 * were not provided." */
#define ROUTE_AUTH (1 << 0)
/* ROUTE_ONE_READ: an anonymous GET of it reads one statement, most of
 * the time (a patch's detail without related patches): api_reads_once. */
#define ROUTE_ONE_READ (1 << 1)

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
	int indent;    /* JSON indentation the client asked for (0: compact) */
	const char *args[API_MAX_ARGS]; /* what "#" and "*" matched */
	/* The authenticated user (http/auth.h), NULL when anonymous. Owned
	 * by api_handle() for the request's duration. */
	const struct db_user *user;
	struct json json;
	/* The objects the response writes, by kind and id (page.c); the
	 * arrays of rows the store returned for them. */
	GHashTable *page[API_KINDS];
	GPtrArray *page_rows;
	/* Strings that live as long as the request (api_keep). */
	GPtrArray *kept, *kept_strv;
};

/* Keeps s (a string) or v (a string vector) until the request ends and
 * returns it. */
char *api_keep(struct api *a, char *s);
char **api_keep_strv(struct api *a, char **v);

/* TRUE when the requested version is at least 1.minor. */
gboolean api_at_least(const struct api *a, int minor);

/* Absolute API URL of `path` (e.g. "projects/1/"), with the request's
 * version segment and ?format= (§1.2 kind 1). Caller frees. */
char *api_url(const struct api *a, const char *path);
/* The three URL forms (§1.2): versioned API URL with ?format=, plain
 * unversioned API URL, web URL. */
enum api_url_form { API_URL, API_URL_PLAIN, API_URL_WEB };
/* "<form prefix><kind>/<id>/<tail>" (tail may be NULL). Caller frees. */
char *api_id_url(const struct api *a, enum api_url_form form, const char *kind,
		 gint64 id, const char *tail);
/* id in decimal, written into buf; returns the start of the digits. */
const char *api_format_id(char buf[24], gint64 id);
/* Absolute, unversioned API URL without format (comments/checks links). */
char *api_plain_url(const struct api *a, const char *path);
/* Absolute web URL of `path` ("project/x/list/?series=1"). */
char *api_web_url(const struct api *a, const char *path);

/* render.c: chooses JSON or HTML (sets a->html); FALSE after writing
 * the 406 when the Accept header allows neither. */
gboolean api_negotiate(struct api *a);
/* options.c: the OPTIONS body of the route. */
void api_options(struct api *a);
/* render.c: wraps the (pretty) JSON body into the browsable API page. */
void api_render_html(struct api *a);

/* Writes {"detail": msg} with the status. */
void api_error(struct api *a, int status, const char *detail);
/* The answer to a store failure (http_store_failed: 503 when the
 * database is busy or unreachable, else 500) with DRF's {"detail": ...}
 * body; error (may be NULL) goes to the log. */
void api_store_failed(struct api *a, enum db_status st, const GError *error);
/* The same answer for an API request whose transaction could not begin
 * or commit (the dispatcher's): into res, replacing what it held. */
void api_store_failed_answer(struct response *res, enum db_status st,
			     const GError *error);

/* The rows the page and per_page parameters ask for, before the count
 * says whether that page exists; FALSE when they do not name one
 * ("last", not a number). */
gboolean api_page_asked(struct api *a, gint64 *offset, gint64 *limit);

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
void api_project_write(struct api *a); /* PUT and PATCH */

/* state.c: darn's /api/states/ (not in Patchwork) */
void api_states_list(struct api *a);
void api_state_detail(struct api *a);

/* The project of a->args[0] (§6.2): an integer key is an id when such a
 * project exists, otherwise the key is a linkname. Writes nothing. */
enum db_status api_project_by_key(struct api *a, struct db_project *p,
				  GError **error);

/* The project with this id, cached for the request; NULL (after writing
 * the 503 or 500 of api_store_failed) when it cannot be read. */
const struct db_project *api_project(struct api *a, gint64 id);

/*
 * page.c: reads the objects of `kind` with these ids (GArray of gint64;
 * 0s and those already read are skipped) with a few statements, for a
 * list page before its rows are written. Returns the store's status.
 */
enum db_status api_prefetch(struct api *a, enum api_kind kind,
			    const GArray *ids);
/* Sends api_prefetch's statement for these ids ahead, so that the
 * api_prefetch of the same ids that follows reads its rows with the
 * statements sent before it in one round trip on PostgreSQL (store
 * db_state_list_prefetch). */
void api_send_ahead(struct api *a, enum api_kind kind, const GArray *ids);
/* The object of `kind` with this id (prefetched, else read now); NULL
 * with *st DB_NOT_FOUND when there is none, or the store's error. The
 * object lives as long as the request. */
gconstpointer api_object(struct api *a, enum api_kind kind, gint64 id,
			 enum db_status *st);
/* Keeps project p (owned by the page from now on) as the API_PROJECT of
 * its id: one read with another object (DB_WITH_PROJECT). */
void api_page_add_project(struct api *a, struct db_project *p);
/* The gint64 field at `offset` (G_STRUCT_OFFSET) of the objects of
 * `kind` with these ids that were read: the ids of what they refer to.
 * Caller frees. */
GArray *api_page_ids(struct api *a, enum api_kind kind, const GArray *ids,
		     gsize offset);
/* The members of these keys of a grouped kind, together. Caller frees. */
GArray *api_page_members(struct api *a, enum api_kind kind, const GArray *keys);
/* api_prefetch of `kind` for the ids at `offset` in the objects of
 * `from` with these ids (api_page_ids). */
enum db_status api_prefetch_refs(struct api *a, enum api_kind kind,
				 enum api_kind from, const GArray *ids,
				 gsize offset);
/* Ends a page reader: TRUE when st is DB_OK, else writes the store
 * failure (api_store_failed). */
gboolean api_prefetch_done(struct api *a, enum db_status st);
/* Frees what the request read (api_handle). */
void api_page_clear(struct api *a);

/* The authenticated user's id, 0 for an anonymous request. */
gint64 api_viewer_id(const struct api *a);

/* The id in a->args[i] ("#" segments are digits; FALSE past gint64). */
gboolean api_arg_id(const struct api *a, int i, gint64 *id);

/* A detail endpoint: the object whose id is in a->args[0], written by
 * write_one (api_row_writer, below). */
typedef gboolean (*api_row_writer)(struct api *a, gint64 id);
void api_detail(struct api *a, api_row_writer write_one);

/* Writes the 404, or the store failure (api_store_failed), for a failed
 * lookup. */
void api_lookup_failed(struct api *a, enum db_status st);

/*
 * Lists (list.c): fills l from the request's filter, q and order
 * parameters for the resource (rest-api.md §2.6, §5), resolving names
 * to ids; a value that resolves to nothing sets l->empty. Then
 * api_list_run counts, paginates (Link header) and writes a JSON array
 * with write_one for each row id. Writers return FALSE after writing an
 * error response.
 */
void api_list_from_params(struct api *a, struct db_list *l);
/* prefetch (may be NULL) reads what the page's rows need (api_prefetch)
 * before write_one writes them; FALSE after writing an error. */
typedef gboolean (*api_page_reader)(struct api *a, const GArray *ids);
void api_list_run(struct api *a, struct db_list *l, api_page_reader prefetch,
		  api_row_writer write_one);

/* embed.c: the embedded objects of §4, for the request's version. */
void api_embed_person(struct api *a, const struct db_person_ref *p);
/* Their members inside an object the caller opened (the full person and
 * user objects add theirs). */
void api_person_members(struct api *a, const struct db_person_ref *p);
void api_user_members(struct api *a, const struct db_user_ref *u);
void api_embed_user(struct api *a,
		    const struct db_user_ref *u); /* null: id 0 */
gboolean api_embed_patch(struct api *a, gint64 id);
gboolean api_embed_cover(struct api *a, gint64 id);
gboolean api_embed_series(struct api *a, gint64 id);
gboolean api_embed_check(struct api *a, gint64 id); /* in check.c */
/* `cover`: a cover comment, else a patch comment (comment.c writes
 * both forms). */
gboolean api_embed_comment(struct api *a, gboolean cover, gint64 id);
/* The embedded Series from a submission's join (series.id 0: nothing
 * is written). */
void api_embed_series_ref(struct api *a, const struct db_project *p,
			  const struct db_series_ref *s);

/* The patch or (`cover`) cover with this id: with `detail` read into
 * *full with its headers and body (the caller clears it), else the list
 * form of the page (api_object). NULL after writing the 404 or 500. */
const struct db_submission *api_submission(struct api *a, gboolean cover,
					   gint64 id, gboolean detail,
					   struct db_submission *full);
/* The fields a patch and a cover share, from id to name (§4, §6.5,
 * §6.6); `kind` is "patch" or "cover"; with_project writes the embedded
 * project after web_url as the full objects have it. */
void api_write_submission_head(struct api *a, const char *kind,
			       const struct db_project *p,
			       const struct db_submission *s,
			       gboolean with_project);
/* "/project/<linkname>/list/?series=<id>" */
char *api_series_web_url(const struct api *a, const struct db_project *p,
			 gint64 id);
/* The "mbox" member of a patch or cover. */
void api_kv_mbox(struct api *a, const char *kind, const struct db_project *p,
		 const char *msgid);

/* Check state names by code (§9.1). */
extern const char *const api_check_states[4];

/* URL pieces shared by resources and downloads. */
/* The project's list_archive_url_format applied to msgid, or NULL. */
char *api_list_archive_url(const struct db_project *p, const char *msgid);
/* The value of the first header `name` in stored header text, as
 * Python's email parser gives it (NULL when absent). */
char *api_header_value(const char *headers, const char *name);
/* The headers object of §8.5 from stored header text. */
void api_write_headers(struct json *j, const char *headers);

/* Resources, one file each. */
void api_patches_list(struct api *a);
void api_patch_detail(struct api *a);
void api_patch_put(struct api *a);
void api_patch_patch(struct api *a);
void api_covers_list(struct api *a);
void api_cover_detail(struct api *a);
void api_patch_comments_list(struct api *a);
void api_cover_comments_list(struct api *a);
void api_patch_comment_detail(struct api *a);
void api_cover_comment_detail(struct api *a);
/* PUT and PATCH (the same, §6.8) */
void api_patch_comment_write(struct api *a);
void api_cover_comment_write(struct api *a);
void api_checks_list(struct api *a);
void api_check_create(struct api *a);
void api_check_detail(struct api *a);
void api_series_list(struct api *a);
void api_series_detail(struct api *a);
void api_events_list(struct api *a);
void api_bundles_list(struct api *a);
void api_bundle_detail(struct api *a);
void api_bundle_create(struct api *a);
void api_bundle_put(struct api *a);
void api_bundle_patch(struct api *a);
void api_bundle_delete(struct api *a); /* 204, no body */

/* ---- people and users (auth) ---- */
/* person.c: /api/people/ and /api/people/<id>/ (§6.3) */
void api_people_list(struct api *a);
void api_person_detail(struct api *a);

/* user.c: /api/users/ and /api/users/<id>/ (§6.4) */
void api_users_list(struct api *a);
void api_user_detail(struct api *a);
void api_user_put(struct api *a);
void api_user_patch(struct api *a);
/* Embedded User (§4): id, url (of u->id), username, first_name,
 * last_name, email. */
void api_write_user(struct api *a, const struct db_user *u);

/* listing.c: ?q= and ?order= of list endpoints (§2.6). Both read the
 * parameter's last value, as Django's QueryDict.get() does. */
/* The search terms of ?q= (DRF's search_smart_split): NULL when there is
 * no q or no term. Caller frees (g_strfreev). */
char **api_search_terms(const struct api *a);
/* The fields of ?order= that are in `allowed` (NULL-terminated; NULL
 * takes every field and leaves the choice to the store), each with its
 * "-" when descending, in the order given; NULL when none is, so the
 * default ordering applies. Caller frees (g_strfreev). */
char **api_order_fields(const struct api *a, const char *const *allowed);
/* ---- end of people and users ---- */

/* Embedded project (§4) and the full project object. */
void api_write_project(struct api *a, const struct db_project *p,
		       gboolean full);

#endif
