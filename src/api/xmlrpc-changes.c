/*
 * The two XML-RPC methods that change the database (web-and-mbox.md
 * §2.3), patch_set and check_create: they need HTTP Basic, run in a write
 * transaction and go through core/'s rules (patch-update.c,
 * check-create.c), so they answer with the same refusals and make the
 * same events as the REST API, as Python faults. The read methods are in
 * xmlrpc-methods.c.
 */
#include "api/xmlrpc-private.h"
#include "core/check-create.h"
#include "core/patch-update.h"

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

void xmlrpc_patch_set(struct xmlrpc_ctx *ctx, const GPtrArray *args,
		      struct xw *w)
{
	g_autoptr(GError) error = NULL;
	g_auto(write_report) report = {0};
	const struct xv *params = xmlrpc_arg(args, 1);
	struct patch_set in = {0};
	gint64 id;
	if (!write_patch_id(ctx, xmlrpc_arg(args, 0), &id))
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

void xmlrpc_check_create(struct xmlrpc_ctx *ctx, const GPtrArray *args,
			 struct xw *w)
{
	g_autoptr(GError) error = NULL;
	g_auto(write_report) report = {0};
	gint64 id, check_id;
	if (!write_patch_id(ctx, xmlrpc_arg(args, 0), &id))
		return;
	const char *state = text_arg(xmlrpc_arg(args, 2), "");
	g_autofree char *invalid =
		g_strdup_printf("<class 'Exception'>:Invalid check state: %s",
				state ? state : "None");
	enum write_status st = check_create_xmlrpc(
		ctx->req->db, id, ctx->user_id,
		text_arg(xmlrpc_arg(args, 1), ""), state ? state : "None",
		text_arg(xmlrpc_arg(args, 3), ""),
		text_arg(xmlrpc_arg(args, 4), ""), &check_id, &report, &error);
	write_refused(ctx, st, &report, invalid, error);
	if (st == WRITE_OK)
		xw_bool(w, TRUE);
}
