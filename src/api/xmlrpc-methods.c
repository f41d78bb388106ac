/*
 * The XML-RPC methods (web-and-mbox.md §2.3): the method table, the read
 * methods over the store, and the argument and fault helpers every method
 * file shares. The structs of §2.2 are written by xmlrpc-structs.c, the
 * list filters are in xmlrpc-filter.c and the two writes (over core/) in
 * xmlrpc-changes.c. Patchwork's getters catch every exception and answer
 * {} (or ""); its other methods let exceptions become faults: both are
 * kept.
 */
#include "api/xmlrpc-private.h"
#include "core/check.h"
#include "core/mbox.h"

#include <errno.h>

void xmlrpc_fail(struct xmlrpc_ctx *ctx, const char *fmt, ...)
{
	if (ctx->fault)
		return;
	va_list ap;
	va_start(ap, fmt);
	ctx->fault = g_strdup_vprintf(fmt, ap);
	va_end(ap);
}

void xmlrpc_store_failed(struct xmlrpc_ctx *ctx, const GError *error)
{
	if (!ctx->store_error)
		ctx->store_error =
			error ? g_error_copy(error)
			      : g_error_new_literal(DB_ERROR_DOMAIN, DB_ERROR,
						    "the store failed");
	ctx->busy = TRUE;
}

gboolean xmlrpc_found(struct xmlrpc_ctx *ctx, enum db_status st, GError **error)
{
	if (st == DB_BUSY)
		xmlrpc_store_failed(ctx, *error);
	return st == DB_OK;
}

gboolean xmlrpc_arg_id(const struct xv *v, gint64 *id)
{
	if (v->type == XV_INT || v->type == XV_BOOL) {
		*id = v->i;
		return TRUE;
	}
	if (v->type != XV_STRING)
		return FALSE;
	char *end;
	const char *s = v->s;
	while (g_ascii_isspace(*s))
		s++;
	if (!g_ascii_isdigit(*s) && *s != '-' && *s != '+')
		return FALSE;
	errno = 0;
	*id = g_ascii_strtoll(s, &end, 10);
	while (g_ascii_isspace(*end))
		end++;
	return !errno && end != s && !*end;
}

gboolean xmlrpc_slice(struct xmlrpc_ctx *ctx, gint64 n, const struct xv *max,
		      gint64 *from, gint64 *to)
{
	gint64 m = 0;
	if (max && max->type != XV_INT && max->type != XV_BOOL) {
		xmlrpc_fail(ctx,
			    "<class 'TypeError'>:'>' not supported "
			    "between instances of '%s' and 'int'",
			    max->type == XV_STRING ? "str" : "object");
		return FALSE;
	}
	if (max)
		m = max->i;
	*from = 0;
	*to = n;
	if (m > 0) {
		*to = MIN(n, m);
	} else if (m < 0) {
		if (n + m < 0) {
			xmlrpc_fail(ctx, "<class 'AssertionError'>:Negative "
					 "indexing is not supported.");
			return FALSE;
		}
		*from = n + m;
	}
	return TRUE;
}

const struct xv *xmlrpc_arg(const GPtrArray *args, guint i)
{
	return i < args->len ? g_ptr_array_index(args, i) : NULL;
}

/* Python's truthiness of search_str: "" and None search nothing. */
static const char *search_text(const struct xv *v)
{
	if (!v || v->type == XV_NIL)
		return NULL;
	if (v->type == XV_STRING && v->len && !memchr(v->s, 0, v->len))
		return v->s;
	return NULL;
}

/* Django's icontains on SQLite: LIKE, which folds ASCII only. */
static gboolean icontains(const char *hay, const char *needle)
{
	if (!needle)
		return TRUE;
	if (!hay)
		return FALSE;
	g_autofree char *h = g_ascii_strdown(hay, -1);
	g_autofree char *n = g_ascii_strdown(needle, -1);
	return strstr(h, n) != NULL;
}

/* ---- methods --------------------------------------------------------------
 */

static void pw_rpc_version(struct xmlrpc_ctx *ctx, const GPtrArray *args,
			   struct xw *w)
{
	xw_array_begin(w);
	xw_int(w, 1);
	xw_int(w, 3);
	xw_int(w, 0);
	xw_array_end(w);
}

/* The items of `all` (from a store read that returned `st`) whose text
 * contains search_str, sliced by max_count (project_list, state_list). */
static void search_list(struct xmlrpc_ctx *ctx, const GPtrArray *args,
			enum db_status st, GError *error, const GPtrArray *all,
			const char *(*text)(gconstpointer item),
			void (*write)(struct xw *w, gconstpointer item),
			struct xw *w)
{
	if (st != DB_OK) {
		xmlrpc_store_failed(ctx, error);
		return;
	}
	const char *search = search_text(xmlrpc_arg(args, 0));
	g_autoptr(GPtrArray) hits = g_ptr_array_new();
	for (guint i = 0; i < all->len; i++)
		if (icontains(text(g_ptr_array_index(all, i)), search))
			g_ptr_array_add(hits, g_ptr_array_index(all, i));
	gint64 from, to;
	if (!xmlrpc_slice(ctx, hits->len, xmlrpc_arg(args, 1), &from, &to))
		return;
	xw_array_begin(w);
	for (gint64 i = from; i < to; i++)
		write(w, g_ptr_array_index(hits, i));
	xw_array_end(w);
}

static const char *project_linkname(gconstpointer p)
{
	return ((const struct db_project *)p)->linkname;
}

static void project_list(struct xmlrpc_ctx *ctx, const GPtrArray *args,
			 struct xw *w)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) all = NULL;
	enum db_status st = db_project_list(ctx->req->db, &all, &error);
	search_list(ctx, args, st, error, all, project_linkname,
		    xmlrpc_write_project, w);
}

static void project_get(struct xmlrpc_ctx *ctx, const GPtrArray *args,
			struct xw *w)
{
	g_autoptr(GError) error = NULL;
	struct db_project p = {0};
	gint64 id;
	xw_struct_begin(w);
	if (xmlrpc_arg_id(xmlrpc_arg(args, 0), &id) &&
	    xmlrpc_found(ctx, db_project_by_id(ctx->req->db, id, &p, &error),
			 &error)) {
		xw_member_int(w, "id", p.id);
		xw_member_string(w, "linkname", p.linkname);
		xw_member_string(w, "name", p.name);
	}
	xw_struct_end(w);
	db_project_clear(&p);
}

static void person_list(struct xmlrpc_ctx *ctx, const GPtrArray *args,
			struct xw *w)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) ids = NULL;
	const char *search = search_text(xmlrpc_arg(args, 0));
	char *terms[] = {(char *)search, NULL};
	struct db_list l = {.resource = DB_LIST_PEOPLE,
			    .terms = search ? terms : NULL,
			    .order = {"id"},
			    .n_order = 1};
	gint64 n, from, to;
	if (db_list_count(ctx->req->db, &l, &n, &error) != DB_OK) {
		xmlrpc_store_failed(ctx, error);
		return;
	}
	if (!xmlrpc_slice(ctx, n, xmlrpc_arg(args, 1), &from, &to))
		return;
	if (db_list_ids(ctx->req->db, &l, from, to - from, &ids, &error) !=
	    DB_OK) {
		xmlrpc_store_failed(ctx, error);
		return;
	}
	xw_array_begin(w);
	for (guint i = 0; i < ids->len; i++) {
		g_autoptr(db_person) p = NULL;
		if (db_person_get(ctx->req->db, g_array_index(ids, gint64, i),
				  &p, &error) != DB_OK) {
			xmlrpc_store_failed(ctx, error);
			return;
		}
		xmlrpc_write_person(w, p);
	}
	xw_array_end(w);
}

static void person_get(struct xmlrpc_ctx *ctx, const GPtrArray *args,
		       struct xw *w)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(db_person) p = NULL;
	gint64 id;
	if (xmlrpc_arg_id(xmlrpc_arg(args, 0), &id) &&
	    xmlrpc_found(ctx, db_person_get(ctx->req->db, id, &p, &error),
			 &error)) {
		xmlrpc_write_person(w, p);
		return;
	}
	xw_struct_begin(w);
	xw_struct_end(w);
}

static const char *state_name(gconstpointer s)
{
	return ((const struct db_state *)s)->name;
}

static void state_list(struct xmlrpc_ctx *ctx, const GPtrArray *args,
		       struct xw *w)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) all = NULL;
	enum db_status st = db_state_list(ctx->req->db, &all, &error);
	search_list(ctx, args, st, error, all, state_name, xmlrpc_write_state,
		    w);
}

static void state_get(struct xmlrpc_ctx *ctx, const GPtrArray *args,
		      struct xw *w)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) all = NULL;
	gint64 id;
	if (xmlrpc_arg_id(xmlrpc_arg(args, 0), &id) &&
	    xmlrpc_found(ctx, db_state_list(ctx->req->db, &all, &error),
			 &error)) {
		for (guint i = 0; i < all->len; i++) {
			struct db_state *s = g_ptr_array_index(all, i);
			if (s->id == id) {
				xmlrpc_write_state(w, s);
				return;
			}
		}
	}
	xw_struct_begin(w);
	xw_struct_end(w);
}

/* One patch, or {} (Patchwork's getters answer {} for any error). */
static void write_patch_or_empty(struct xmlrpc_ctx *ctx, struct xw *w,
				 gint64 id, gboolean found)
{
	g_autoptr(GError) error = NULL;
	g_auto(db_submission) s = {0};
	if (found &&
	    xmlrpc_found(ctx, db_patch_get(ctx->req->db, id, 0, &s, &error),
			 &error)) {
		g_autoptr(xmlrpc_patches) pw = xmlrpc_patches_new(ctx);
		if (pw && xmlrpc_write_patch(pw, w, &s))
			return;
		/* the getter's except: {}, unless the database went away */
		if (ctx->store_error && ctx->store_error->code == DB_BUSY)
			return;
		ctx->busy = FALSE;
		g_clear_error(&ctx->store_error);
	}
	xw_struct_begin(w);
	xw_struct_end(w);
}

static void patch_get(struct xmlrpc_ctx *ctx, const GPtrArray *args,
		      struct xw *w)
{
	gint64 id = 0;
	gboolean ok = xmlrpc_arg_id(xmlrpc_arg(args, 0), &id);
	write_patch_or_empty(ctx, w, id, ok);
}

/* The patches with this hash (and in this project: linkname), by id. */
static GArray *patches_by_hash(struct xmlrpc_ctx *ctx, const struct xv *hash,
			       const char *linkname)
{
	g_autoptr(GError) error = NULL;
	GArray *ids = NULL;
	struct db_list l = {
		.resource = DB_LIST_PATCHES, .order = {"id"}, .n_order = 1};
	struct db_cond *c = db_list_add(&l, "hash");
	c->text = hash->type == XV_STRING ? hash->s : "";
	l.empty = hash->type != XV_STRING || strlen(hash->s) != hash->len;
	if (linkname) {
		gint64 project;
		c = db_list_add(&l, "project");
		if (xmlrpc_found(ctx,
				 db_resolve(ctx->req->db, "project", linkname,
					    &project, &error),
				 &error))
			c->ids[c->n_ids++] = project;
		else
			l.empty = TRUE;
	}
	if (db_list_ids(ctx->req->db, &l, 0, 21, &ids, &error) != DB_OK) {
		xmlrpc_store_failed(ctx, error);
		return NULL;
	}
	return ids;
}

/* Patch.objects.get(hash=..., [project__linkname=...]): the patch, {}
 * when none, Django's fault when several (counted up to 21, as Django
 * does). */
static void patch_by_hash(struct xmlrpc_ctx *ctx, struct xw *w,
			  const struct xv *hash, const char *linkname)
{
	g_autoptr(GArray) ids = patches_by_hash(ctx, hash, linkname);
	if (!ids)
		return;
	if (ids->len > 1) {
		g_autofree char *n = ids->len < 21
					     ? g_strdup_printf("%u", ids->len)
					     : g_strdup("more than 20");
		xmlrpc_fail(ctx,
			    "<class "
			    "'patchwork.models.Patch.MultipleObjectsReturned'>:"
			    "get() returned more than one Patch -- it returned "
			    "%s!",
			    n);
		return;
	}
	write_patch_or_empty(ctx, w,
			     ids->len ? g_array_index(ids, gint64, 0) : 0,
			     ids->len == 1);
}

static void patch_get_by_hash(struct xmlrpc_ctx *ctx, const GPtrArray *args,
			      struct xw *w)
{
	patch_by_hash(ctx, w, xmlrpc_arg(args, 0), NULL);
}

static void patch_get_by_project_hash(struct xmlrpc_ctx *ctx,
				      const GPtrArray *args, struct xw *w)
{
	const struct xv *project = xmlrpc_arg(args, 0);
	patch_by_hash(ctx, w, xmlrpc_arg(args, 1),
		      project->type == XV_STRING ? project->s : "");
}

static void patch_get_mbox(struct xmlrpc_ctx *ctx, const GPtrArray *args,
			   struct xw *w)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *linkname = NULL, *msgid = NULL;
	g_autoptr(db_mbox) m = NULL;
	g_autoptr(GString) text = g_string_new(NULL);
	gint64 id;
	if (xmlrpc_arg_id(xmlrpc_arg(args, 0), &id) &&
	    xmlrpc_found(ctx,
			 db_patch_location(ctx->req->db, id, &linkname, &msgid,
					   &error),
			 &error) &&
	    xmlrpc_found(
		    ctx,
		    db_mbox_patch(ctx->req->db, linkname, msgid, &m, &error),
		    &error))
		mbox_append(text, m);
	xw_string(w, text->str);
}

static void patch_get_diff(struct xmlrpc_ctx *ctx, const GPtrArray *args,
			   struct xw *w)
{
	g_autoptr(GError) error = NULL;
	g_auto(db_submission) s = {0};
	gint64 id;
	if (xmlrpc_arg_id(xmlrpc_arg(args, 0), &id) &&
	    xmlrpc_found(
		    ctx,
		    db_patch_get(ctx->req->db, id, DB_WITH_BODY, &s, &error),
		    &error))
		xw_string(w, s.diff); /* no diff: None, a fault */
	else
		xw_string(w, "");
}

static void patch_check_get(struct xmlrpc_ctx *ctx, const GPtrArray *args,
			    struct xw *w)
{
	g_autoptr(GError) error = NULL;
	g_auto(db_submission) s = {0};
	GArray *checks = NULL;
	gint64 id;
	if (!xmlrpc_arg_id(xmlrpc_arg(args, 0), &id) ||
	    !xmlrpc_found(
		    ctx,
		    db_submission_brief(ctx->req->db, FALSE, id, &s, &error),
		    &error) ||
	    !xmlrpc_found(ctx,
			  db_patch_checks(ctx->req->db, id, &checks, &error),
			  &error)) {
		xw_struct_begin(w);
		xw_struct_end(w);
		return;
	}
	guint unique = 0;
	for (guint i = 0; i < checks->len; i++)
		unique += !check_superseded(checks, i);
	xw_struct_begin(w);
	xw_member_string(w, "state",
			 xmlrpc_check_states[check_combined_state(checks)]);
	xw_member_int(w, "total", unique);
	xw_member(w, "checks");
	xw_array_begin(w);
	for (guint i = 0; i < checks->len && !ctx->busy; i++)
		if (!check_superseded(checks, i))
			xmlrpc_write_check(
				ctx, w,
				g_array_index(checks, struct db_check, i).id);
	xw_array_end(w);
	xw_member_end(w);
	xw_struct_end(w);
	db_checks_free(checks);
}

static void check_get(struct xmlrpc_ctx *ctx, const GPtrArray *args,
		      struct xw *w)
{
	g_autoptr(GError) error = NULL;
	g_auto(db_check) c = {0};
	gint64 id;
	if (xmlrpc_arg_id(xmlrpc_arg(args, 0), &id) &&
	    xmlrpc_found(ctx, db_check_get(ctx->req->db, id, &c, &error),
			 &error)) {
		xmlrpc_write_check(ctx, w, id);
		return;
	}
	xw_struct_begin(w);
	xw_struct_end(w);
}

const struct xmlrpc_method xmlrpc_methods[] = {
	{"pw_rpc_version", FALSE, FALSE, {NULL}, 0, pw_rpc_version},
	{"project_list",
	 FALSE,
	 FALSE,
	 {"search_str", "max_count"},
	 0,
	 project_list},
	{"project_get", FALSE, FALSE, {"project_id"}, 1, project_get},
	{"person_list",
	 FALSE,
	 FALSE,
	 {"search_str", "max_count"},
	 0,
	 person_list},
	{"person_get", FALSE, FALSE, {"person_id"}, 1, person_get},
	{"patch_list", FALSE, FALSE, {"filt"}, 0, xmlrpc_patch_list},
	{"patch_get", FALSE, FALSE, {"patch_id"}, 1, patch_get},
	{"patch_get_by_hash", FALSE, FALSE, {"hash"}, 1, patch_get_by_hash},
	{"patch_get_by_project_hash",
	 FALSE,
	 FALSE,
	 {"project", "hash"},
	 2,
	 patch_get_by_project_hash},
	{"patch_get_mbox", FALSE, FALSE, {"patch_id"}, 1, patch_get_mbox},
	{"patch_get_diff", FALSE, FALSE, {"patch_id"}, 1, patch_get_diff},
	{"patch_set", TRUE, TRUE, {"patch_id", "params"}, 2, xmlrpc_patch_set},
	{"state_list",
	 FALSE,
	 FALSE,
	 {"search_str", "max_count"},
	 0,
	 state_list},
	{"state_get", FALSE, FALSE, {"state_id"}, 1, state_get},
	{"check_list", FALSE, FALSE, {"filt"}, 0, xmlrpc_check_list},
	{"check_get", FALSE, FALSE, {"check_id"}, 1, check_get},
	{"check_create",
	 TRUE,
	 TRUE,
	 {"patch_id", "context", "state", "target_url", "description"},
	 3,
	 xmlrpc_check_create},
	{"patch_check_get", FALSE, FALSE, {"patch_id"}, 1, patch_check_get},
	{NULL},
};

const struct xmlrpc_method *xmlrpc_method(const char *name)
{
	for (const struct xmlrpc_method *m = xmlrpc_methods; m->name; m++)
		if (strcmp(m->name, name) == 0)
			return m;
	return NULL;
}
