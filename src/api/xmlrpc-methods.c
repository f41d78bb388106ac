/*
 * The XML-RPC methods (web-and-mbox.md §2.3) over the store's reads and
 * core/'s two writes, with the structs of §2.2. Patchwork's getters
 * catch every exception and answer {} (or ""); its other methods let
 * exceptions become faults: both are kept.
 */
#include "api/xmlrpc-private.h"
#include "core/check-create.h"
#include "core/check.h"
#include "core/patch-update.h"
#include "web/mbox.h"

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

/* The optional argument i, or NULL. */
static const struct xv *arg(const GPtrArray *args, guint i)
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

/* ---- structs ------------------------------------------------------------ */

static void write_project(struct xw *w, gconstpointer item)
{
	const struct db_project *p = item;
	xw_struct_begin(w);
	xw_member_int(w, "id", p->id);
	xw_member_string(w, "linkname", p->linkname);
	xw_member_string(w, "name", p->name);
	xw_struct_end(w);
}

static void write_person(struct xw *w, const struct db_person *p)
{
	xw_struct_begin(w);
	xw_member_int(w, "id", p->id);
	xw_member_string(w, "email", p->email);
	xw_member_string(w, "name", p->name && *p->name ? p->name : p->email);
	xw_member_base64(w, "user", p->user ? p->user->username : "None");
	xw_struct_end(w);
}

static void write_state(struct xw *w, gconstpointer item)
{
	const struct db_state *s = item;
	xw_struct_begin(w);
	xw_member_int(w, "id", s->id);
	xw_member_string(w, "name", s->name);
	xw_struct_end(w);
}

struct xmlrpc_patches {
	struct xmlrpc_ctx *ctx;
	GPtrArray *states;	   /* struct db_state* */
	struct db_project project; /* the last one looked up */
};

struct xmlrpc_patches *xmlrpc_patches_new(struct xmlrpc_ctx *ctx)
{
	g_autoptr(GError) error = NULL;
	struct xmlrpc_patches *pw = g_new0(struct xmlrpc_patches, 1);
	pw->ctx = ctx;
	if (db_state_list(ctx->req->db, &pw->states, &error) != DB_OK) {
		xmlrpc_store_failed(ctx, error);
		xmlrpc_patches_free(pw);
		return NULL;
	}
	return pw;
}

void xmlrpc_patches_free(struct xmlrpc_patches *pw)
{
	if (!pw)
		return;
	if (pw->states)
		g_ptr_array_unref(pw->states);
	db_project_clear(&pw->project);
	g_free(pw);
}

static const struct db_state *state_of(const struct xmlrpc_patches *pw,
				       const char *slug)
{
	for (guint i = 0; slug && i < pw->states->len; i++) {
		const struct db_state *s = g_ptr_array_index(pw->states, i);
		if (strcmp(s->slug, slug) == 0)
			return s;
	}
	return NULL;
}

gint64 xmlrpc_state_id(const struct xmlrpc_patches *pw, const char *slug)
{
	const struct db_state *s = state_of(pw, slug);
	return s ? s->id : 0;
}

char *xmlrpc_person_text(const char *name, const char *email)
{
	return name && *name ? g_strdup_printf("%s <%s>", name, email)
			     : g_strdup(email);
}

gboolean xmlrpc_write_patch(struct xmlrpc_patches *pw, struct xw *w,
			    const struct db_submission *s)
{
	g_autoptr(GError) error = NULL;
	if (pw->project.id != s->project_id) {
		db_project_clear(&pw->project);
		if (db_project_by_id(pw->ctx->req->db, s->project_id,
				     &pw->project, &error) != DB_OK) {
			xmlrpc_store_failed(pw->ctx, error);
			return FALSE;
		}
	}
	const struct db_state *state = state_of(pw, s->state);
	g_autoptr(GString) filename = g_string_new(NULL);
	mbox_filename(filename, s->name);
	g_autofree char *submitter =
		xmlrpc_person_text(s->submitter.name, s->submitter.email);

	xw_struct_begin(w);
	xw_member_int(w, "id", s->id);
	xw_member_time(w, "date", s->date);
	xw_member_string(w, "filename", filename->str);
	xw_member_string(w, "msgid", s->msgid);
	xw_member_string(w, "name", s->name);
	xw_member_base64(w, "project", pw->project.name);
	xw_member_int(w, "project_id", s->project_id);
	xw_member_base64(w, "state", state ? state->name : "None");
	xw_member_int(w, "state_id", state ? state->id : 0);
	xw_member(w, "archived");
	xw_bool(w, s->archived);
	xw_member_end(w);
	xw_member_base64(w, "submitter", submitter);
	xw_member_int(w, "submitter_id", s->submitter.id);
	xw_member_base64(w, "delegate",
			 s->delegate.id ? s->delegate.username : "None");
	xw_member_int(w, "delegate_id", s->delegate.id);
	xw_member_string(w, "commit_ref", s->commit_ref ? s->commit_ref : "");
	xw_member_string(w, "hash", s->hash ? s->hash : "");
	xw_struct_end(w);
	return TRUE;
}

static const char *const check_states[] = {"pending", "success", "warning",
					   "fail"};

gboolean xmlrpc_write_check(struct xmlrpc_ctx *ctx, struct xw *w,
			    gint64 check_id)
{
	g_autoptr(GError) error = NULL;
	g_auto(db_check) c = {0};
	g_auto(db_submission) patch = {0};
	struct db *db = ctx->req->db;
	if (db_check_get(db, check_id, &c, &error) != DB_OK ||
	    db_submission_brief(db, FALSE, c.patch_id, &patch, &error) !=
		    DB_OK) {
		xmlrpc_store_failed(ctx, error);
		return FALSE;
	}
	xw_struct_begin(w);
	xw_member_int(w, "id", c.id);
	xw_member_time(w, "date", c.date);
	xw_member_base64(w, "patch", patch.name);
	xw_member_int(w, "patch_id", c.patch_id);
	xw_member_base64(w, "user", c.user.username);
	xw_member_int(w, "user_id", c.user.id);
	xw_member_string(w, "state",
			 check_states[CLAMP(c.state, 0, CHECK_FAIL)]);
	xw_member_string(w, "target_url", c.target_url);
	xw_member_string(w, "description", c.description);
	xw_member_string(w, "context", c.context);
	xw_struct_end(w);
	return TRUE;
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
	const char *search = search_text(arg(args, 0));
	g_autoptr(GPtrArray) hits = g_ptr_array_new();
	for (guint i = 0; i < all->len; i++)
		if (icontains(text(g_ptr_array_index(all, i)), search))
			g_ptr_array_add(hits, g_ptr_array_index(all, i));
	gint64 from, to;
	if (!xmlrpc_slice(ctx, hits->len, arg(args, 1), &from, &to))
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
	search_list(ctx, args, st, error, all, project_linkname, write_project,
		    w);
}

static void project_get(struct xmlrpc_ctx *ctx, const GPtrArray *args,
			struct xw *w)
{
	g_autoptr(GError) error = NULL;
	struct db_project p = {0};
	gint64 id;
	xw_struct_begin(w);
	if (xmlrpc_arg_id(arg(args, 0), &id) &&
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
	const char *search = search_text(arg(args, 0));
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
	if (!xmlrpc_slice(ctx, n, arg(args, 1), &from, &to))
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
		write_person(w, p);
	}
	xw_array_end(w);
}

static void person_get(struct xmlrpc_ctx *ctx, const GPtrArray *args,
		       struct xw *w)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(db_person) p = NULL;
	gint64 id;
	if (xmlrpc_arg_id(arg(args, 0), &id) &&
	    xmlrpc_found(ctx, db_person_get(ctx->req->db, id, &p, &error),
			 &error)) {
		write_person(w, p);
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
	search_list(ctx, args, st, error, all, state_name, write_state, w);
}

static void state_get(struct xmlrpc_ctx *ctx, const GPtrArray *args,
		      struct xw *w)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) all = NULL;
	gint64 id;
	if (xmlrpc_arg_id(arg(args, 0), &id) &&
	    xmlrpc_found(ctx, db_state_list(ctx->req->db, &all, &error),
			 &error)) {
		for (guint i = 0; i < all->len; i++) {
			struct db_state *s = g_ptr_array_index(all, i);
			if (s->id == id) {
				write_state(w, s);
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
	gboolean ok = xmlrpc_arg_id(arg(args, 0), &id);
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
	patch_by_hash(ctx, w, arg(args, 0), NULL);
}

static void patch_get_by_project_hash(struct xmlrpc_ctx *ctx,
				      const GPtrArray *args, struct xw *w)
{
	const struct xv *project = arg(args, 0);
	patch_by_hash(ctx, w, arg(args, 1),
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
	if (xmlrpc_arg_id(arg(args, 0), &id) &&
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
	if (xmlrpc_arg_id(arg(args, 0), &id) &&
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
	if (!xmlrpc_arg_id(arg(args, 0), &id) ||
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
			 check_states[check_combined_state(checks)]);
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
	if (xmlrpc_arg_id(arg(args, 0), &id) &&
	    xmlrpc_found(ctx, db_check_get(ctx->req->db, id, &c, &error),
			 &error)) {
		xmlrpc_write_check(ctx, w, id);
		return;
	}
	xw_struct_begin(w);
	xw_struct_end(w);
}

/* ---- writes ----------------------------------------------------------------
 */

/* The fault for a refused write (core/write.h statuses). */
static void write_refused(struct xmlrpc_ctx *ctx, enum write_status st,
			  const struct write_report *report,
			  const char *invalid, GError *error)
{
	switch (st) {
	case WRITE_OK:
		break;
	case WRITE_NOT_FOUND:
		xmlrpc_fail(ctx,
			    "<class 'patchwork.models.Patch.DoesNotExist'>:"
			    "Patch matching query does not exist.");
		break;
	case WRITE_FORBIDDEN_ANON:
	case WRITE_FORBIDDEN:
		xmlrpc_fail(ctx, "<class 'Exception'>:No permissions to edit "
				 "this patch");
		break;
	case WRITE_INVALID:
	case WRITE_CONFLICT:
		xmlrpc_fail(ctx, "%s", invalid);
		break;
	case WRITE_ERROR:
		xmlrpc_store_failed(ctx, error);
		break;
	}
}

/* The patch id argument of a write: Django's ValueError otherwise. */
static gboolean write_patch_id(struct xmlrpc_ctx *ctx, const struct xv *v,
			       gint64 *id)
{
	if (xmlrpc_arg_id(v, id))
		return TRUE;
	g_autofree char *shown =
		v->type == XV_STRING ? g_strescape(v->s, NULL) : g_strdup("?");
	xmlrpc_fail(ctx,
		    "<class 'ValueError'>:Field 'id' expected a number "
		    "but got '%.80s'.",
		    shown);
	return FALSE;
}

static void patch_set_method(struct xmlrpc_ctx *ctx, const GPtrArray *args,
			     struct xw *w)
{
	g_autoptr(GError) error = NULL;
	g_auto(write_report) report = {0};
	const struct xv *params = arg(args, 1);
	struct patch_set in = {0};
	gint64 id;
	if (!write_patch_id(ctx, arg(args, 0), &id))
		return;
	if (params->type != XV_STRUCT) {
		xmlrpc_fail(ctx,
			    "<class 'AttributeError'>:'%s' object has no "
			    "attribute 'items'",
			    params->type == XV_ARRAY ? "list" : "str");
		return;
	}
	const struct xv *state = xv_member(params, "state");
	const struct xv *commit_ref = xv_member(params, "commit_ref");
	const struct xv *archived = xv_member(params, "archived");
	if (state) {
		in.has_state = TRUE;
		if (!xmlrpc_arg_id(state, &in.state_id))
			in.state_id = -1; /* no such state */
	}
	if (commit_ref) {
		in.has_commit_ref = TRUE;
		in.commit_ref = commit_ref->type == XV_NIL	? NULL
				: commit_ref->type == XV_STRING ? commit_ref->s
								: "";
	}
	if (archived) {
		in.has_archived = TRUE;
		in.archived = archived->type == XV_STRING ? archived->len > 0
							  : archived->i != 0;
	}
	enum write_status st =
		patch_set(ctx->req->db, id, ctx->user_id, &in, &report, &error);
	write_refused(ctx, st, &report,
		      "<class 'patchwork.models.State.DoesNotExist'>:State "
		      "matching query does not exist.",
		      error);
	if (st == WRITE_OK)
		xw_bool(w, TRUE);
}

/* A text argument as Python's str() of it, or NULL for None. */
static const char *text_arg(const struct xv *v, const char *absent)
{
	if (!v)
		return absent;
	if (v->type == XV_NIL)
		return NULL;
	return v->type == XV_STRING ? v->s : "";
}

static void check_create_method(struct xmlrpc_ctx *ctx, const GPtrArray *args,
				struct xw *w)
{
	g_autoptr(GError) error = NULL;
	g_auto(write_report) report = {0};
	gint64 id, check_id;
	if (!write_patch_id(ctx, arg(args, 0), &id))
		return;
	const char *state = text_arg(arg(args, 2), "");
	g_autofree char *invalid =
		g_strdup_printf("<class 'Exception'>:Invalid check state: %s",
				state ? state : "None");
	enum write_status st = check_create_xmlrpc(
		ctx->req->db, id, ctx->user_id, text_arg(arg(args, 1), ""),
		state ? state : "None", text_arg(arg(args, 3), ""),
		text_arg(arg(args, 4), ""), &check_id, &report, &error);
	write_refused(ctx, st, &report, invalid, error);
	if (st == WRITE_OK)
		xw_bool(w, TRUE);
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
	{"patch_set", TRUE, TRUE, {"patch_id", "params"}, 2, patch_set_method},
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
	 check_create_method},
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
