/*
 * The XML-RPC structs of web-and-mbox.md §2.2 (project, person, state,
 * patch, check) as Patchwork's *_to_dict() functions build them, for the
 * read methods (xmlrpc-methods.c) and the list filters (xmlrpc-filter.c).
 * Apart from the methods because both of those write them and because
 * they are the one place that fixes each struct's members.
 */
#include "api/xmlrpc-private.h"
#include "core/check.h"
#include "core/mbox.h"

void xmlrpc_write_project(struct xw *w, gconstpointer item)
{
	const struct db_project *p = item;
	xw_struct_begin(w);
	xw_member_int(w, "id", p->id);
	xw_member_string(w, "linkname", p->linkname);
	xw_member_string(w, "name", p->name);
	xw_struct_end(w);
}

void xmlrpc_write_person(struct xw *w, const struct db_person *p)
{
	xw_struct_begin(w);
	xw_member_int(w, "id", p->id);
	xw_member_string(w, "email", p->email);
	xw_member_string(w, "name", p->name && *p->name ? p->name : p->email);
	xw_member_base64(w, "user", p->user ? p->user->username : "None");
	xw_struct_end(w);
}

void xmlrpc_write_state(struct xw *w, gconstpointer item)
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

const char *const xmlrpc_check_states[] = {"pending", "success", "warning",
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
			 xmlrpc_check_states[CLAMP(c.state, 0, CHECK_FAIL)]);
	xw_member_string(w, "target_url", c.target_url);
	xw_member_string(w, "description", c.description);
	xw_member_string(w, "context", c.context);
	xw_struct_end(w);
	return TRUE;
}
