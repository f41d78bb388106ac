/*
 * The patch forms' POSTs (see bulk.h), in the order of Patchwork's
 * generic_list() and patch_detail(): the action, the form's validity,
 * then each selected patch by date, each refused one named in an error
 * and skipped. The messages are Patchwork's (web-and-mbox.md §5.2);
 * where it lets anyone add to or take from someone else's bundle, only
 * the owner may (docs/compatibility.md).
 */
#include "web/bulk.h"

#include "core/patch-update.h"
#include "core/permission.h"
#include "mail/pystr.h"
#include "web/auth.h"
#include "web/messages.h"
#include "web/patch-forms.h"

#define BUNDLE_NAME_MAX 50

/* The bundle a form names by id, its owner's only. FALSE with *st set
 * when there is none (DB_NOT_FOUND) or the store failed; FALSE with *st
 * DB_OK and `refusal` as the page's error when someone else owns it. */
static gboolean owned_bundle(struct web *w, const char *field,
			     const char *refusal, struct db_bundle *b,
			     enum db_status *st, GError **error)
{
	gint64 id = 0;
	const char *value = web_form(w, field);
	*st = DB_NOT_FOUND;
	if (!value || !py_parse_int(value, &id) || id <= 0)
		return FALSE;
	*st = db_bundle_get(w->req->db, id, w->user_id, b, error);
	if (*st != DB_OK)
		return FALSE;
	if (b->owner.id == w->user_id)
		return TRUE;
	web_error(w, "%s", refusal);
	return FALSE;
}

/* Appends each patch to the bundle, with a message per patch. */
static enum db_status append(struct web *w, const struct db_bundle *b,
			     const GArray *patches, GError **error)
{
	for (guint i = 0; i < patches->len; i++) {
		const struct db_form_item *p =
			&g_array_index(patches, struct db_form_item, i);
		gboolean added;
		enum db_status st = db_form_bundle_append(w->req->db, b->id,
							  p->id, &added, error);
		if (st != DB_OK)
			return st;
		if (added)
			web_message(w, WEB_MESSAGE_SUCCESS,
				    "Patch '%s' added to bundle %s", p->name,
				    b->name);
		else
			web_message(w, WEB_MESSAGE_WARNING,
				    "Patch '%s' already in bundle %s", p->name,
				    b->name);
	}
	return DB_OK;
}

/* The name's first error, or NULL: Patchwork's list checks, and the
 * length its model holds (50; its list answers 500 past it). */
static char *bundle_name_error(struct web *w, const char *name, GError **error,
			       enum db_status *st)
{
	*st = DB_OK;
	if (strchr(name, '/'))
		return g_strdup("Bundle names can't contain slashes");
	if (!*name)
		return g_strdup("No bundle name was specified");
	glong n = g_utf8_strlen(name, -1);
	if (n > BUNDLE_NAME_MAX)
		return g_strdup_printf("Ensure this value has at most %d "
				       "characters (it has %ld).",
				       BUNDLE_NAME_MAX, n);
	*st = db_bundle_name_taken(w->req->db, w->user_id, name, 0, error);
	if (*st == DB_OK)
		return g_strdup_printf("A bundle called %s already exists",
				       name);
	if (*st == DB_NOT_FOUND)
		*st = DB_OK;
	return NULL;
}

/* create: a new bundle of `project_id` named `raw` (stripped), holding
 * the patches. */
static enum db_status create(struct web *w, gint64 project_id, const char *raw,
			     const GArray *patches, GError **error)
{
	g_autofree char *name = py_strip(raw ? raw : "");
	enum db_status st;
	g_autofree char *invalid = bundle_name_error(w, name, error, &st);
	if (st != DB_OK)
		return st;
	if (invalid) {
		web_error(w, "%s", invalid);
		return DB_OK;
	}
	g_auto(db_bundle) b = {.name = g_strdup(name)};
	st = db_bundle_insert(w->req->db, w->user_id, project_id, name, FALSE,
			      &b.id, error);
	if (st != DB_OK)
		return st;
	web_message(w, WEB_MESSAGE_SUCCESS, "Bundle %s created", name);
	return append(w, &b, patches, error);
}

static enum db_status add(struct web *w, const GArray *patches, GError **error)
{
	const char *id = web_form(w, "bundle_id");
	if (!id || !*id) {
		web_error(w, "No bundle was selected");
		return DB_OK;
	}
	g_auto(db_bundle) b = {0};
	enum db_status st;
	if (!owned_bundle(w, "bundle_id",
			  "You don't have permissions to add patches to "
			  "bundle",
			  &b, &st, error))
		return st;
	return append(w, &b, patches, error);
}

static enum db_status remove_patches(struct web *w, const GArray *patches,
				     GError **error)
{
	g_auto(db_bundle) b = {0};
	enum db_status st;
	if (!owned_bundle(w, "removed_bundle_id",
			  "You don't have permissions to remove patches "
			  "from bundle",
			  &b, &st, error))
		return st;
	for (guint i = 0; i < patches->len; i++) {
		const struct db_form_item *p =
			&g_array_index(patches, struct db_form_item, i);
		gboolean removed;
		st = db_form_bundle_remove(w->req->db, b.id, p->id, &removed,
					   error);
		if (st != DB_OK)
			return st;
		if (removed)
			web_message(w, WEB_MESSAGE_SUCCESS,
				    "Patch '%s' removed from bundle %s",
				    p->name, b.name);
	}
	return DB_OK;
}

/* Saves the form's changes to one patch as the API's writes do (its
 * permission, then one save and its events). *refused when the user
 * may not edit it. */
static enum db_status save(struct web *w, gint64 patch_id,
			   const struct properties_form *f, gboolean *refused,
			   GError **error)
{
	const struct patch_set in = {
		.has_state = f->set_state,
		.state_id = f->state_id,
		.has_delegate = f->set_delegate,
		.delegate_id = f->delegate_id,
		.has_archived = f->set_archived,
		.archived = f->archived,
	};
	g_auto(write_report) report = {0};
	enum write_status ws = patch_set(w->req->db, patch_id, w->user_id, &in,
					 &report, error);
	*refused = ws == WRITE_FORBIDDEN || ws == WRITE_FORBIDDEN_ANON;
	if (ws == WRITE_OK || *refused)
		return DB_OK;
	if (ws == WRITE_NOT_FOUND)
		return DB_NOT_FOUND;
	if (ws == WRITE_INVALID) {
		/* the form offered the states patch_set knows */
		g_set_error(error, DB_ERROR_DOMAIN, DB_ERROR,
			    "patch %" G_GINT64_FORMAT ": state refused",
			    patch_id);
	}
	return DB_ERROR;
}

/* Patchwork's process_multiplepatch_form(). */
static enum db_status update(struct web *w, const struct db_project *project,
			     const GArray *patches, GError **error)
{
	g_auto(form_choices) c = {0};
	enum db_status st = form_choices_read(w, project->id, 0, &c, error);
	if (st != DB_OK)
		return st;
	struct properties_form f;
	properties_form_read_list(w, &c, &f);
	if (!properties_form_valid(&f)) {
		web_error(w, "The submitted form data was invalid");
		return DB_OK;
	}
	if (!patches->len) {
		web_message(w, WEB_MESSAGE_WARNING,
			    "No patches selected; nothing updated");
		return DB_OK;
	}
	guint changed = 0;
	for (guint i = 0; i < patches->len; i++) {
		const struct db_form_item *p =
			&g_array_index(patches, struct db_form_item, i);
		gboolean refused;
		st = save(w, p->id, &f, &refused, error);
		if (st != DB_OK)
			return st;
		if (refused)
			web_error(w,
				  "You don't have permissions to edit patch "
				  "'%s'",
				  p->name);
		else
			changed++;
	}
	if (changed == 1)
		web_message(w, WEB_MESSAGE_SUCCESS, "1 patch updated");
	else if (changed > 1)
		web_message(w, WEB_MESSAGE_SUCCESS, "%u patches updated",
			    changed);
	else
		web_message(w, WEB_MESSAGE_WARNING, "No patches updated");
	return DB_OK;
}

enum db_status bulk_list_post(struct web *w, const struct db_project *project,
			      GError **error)
{
	if (!w->user_id || !list_form_posted(w))
		return DB_OK;
	g_autofree char *action = g_ascii_strdown(
		web_form(w, "action") ? web_form(w, "action") : "", -1);
	/* Patchwork: Enter in the "create bundle" field posts the form
	 * with its first button (update); a name there means create */
	const char *name = web_form(w, "bundle_name");
	if (name && *name) {
		g_free(action);
		action = g_strdup("create");
	}
	gboolean known = strcmp(action, "update") == 0 ||
			 strcmp(action, "create") == 0 ||
			 strcmp(action, "add") == 0 ||
			 strcmp(action, "remove") == 0;
	if (!known)
		return DB_OK;
	g_autoptr(GArray) ids = NULL;
	g_autoptr(GArray) series = NULL;
	g_autoptr(GArray) patches = NULL;
	form_selection(w, &ids, &series);
	enum db_status st = db_form_patches(w->req->db, project->id, ids,
					    series, &patches, error);
	if (st != DB_OK)
		return st;
	if (strcmp(action, "create") == 0)
		return create(w, project->id, name ? name : web_form(w, "name"),
			      patches, error);
	if (strcmp(action, "add") == 0)
		return add(w, patches, error);
	if (strcmp(action, "remove") == 0)
		return remove_patches(w, patches, error);
	return update(w, project, patches, error);
}

/* Patchwork's HttpResponseForbidden(): 403 with an empty page. */
static void forbidden(struct web *w)
{
	w->res->status = 403;
	g_free(w->res->content_type);
	w->res->content_type = g_strdup("text/html; charset=utf-8");
	g_string_truncate(w->res->body, 0);
}

/* The patch page's properties form (PatchForm). */
static enum db_status update_patch(struct web *w, const struct db_patch_edit *e,
				   GError **error)
{
	g_auto(form_choices) c = {0};
	enum db_status st =
		form_choices_read(w, e->project_id, e->delegate_id, &c, error);
	if (st != DB_OK)
		return st;
	struct properties_form f;
	properties_form_read_patch(w, &c, &f);
	const char *const fields[][2] = {{"state", f.state_error},
					 {"delegate", f.delegate_error}};
	for (gsize i = 0; i < G_N_ELEMENTS(fields); i++)
		if (fields[i][1])
			web_error(w, "%s: %s", fields[i][0], fields[i][1]);
	if (web_error_count(w))
		return DB_OK;
	gboolean refused;
	st = save(w, e->id, &f, &refused, error);
	if (st == DB_OK && !refused)
		web_message(w, WEB_MESSAGE_SUCCESS, "Patch updated");
	return st;
}

enum db_status bulk_patch_post(struct web *w, gint64 patch_id,
			       gboolean *answered, GError **error)
{
	*answered = FALSE;
	const char *posted = web_form(w, "action");
	g_autofree char *action = posted ? g_ascii_strdown(posted, -1) : NULL;
	gboolean create_bundle =
		action && (strcmp(action, "createbundle") == 0 ||
			   strcmp(action, "create") == 0);
	gboolean add_bundle = action && (strcmp(action, "addtobundle") == 0 ||
					 strcmp(action, "add") == 0);
	g_auto(db_patch_edit) e = {0};
	enum write_status ws = permission_patch_load(w->req->db, patch_id,
						     w->user_id, &e, error);
	if (ws == WRITE_ERROR)
		return DB_ERROR;
	if (ws == WRITE_NOT_FOUND)
		return DB_NOT_FOUND;
	if (!w->user_id || (ws != WRITE_OK && !create_bundle && !add_bundle)) {
		forbidden(w);
		*answered = TRUE;
		return DB_OK;
	}
	if (create_bundle || add_bundle) {
		g_autoptr(GArray) ids =
			g_array_new(FALSE, FALSE, sizeof(gint64));
		g_array_append_val(ids, patch_id);
		g_autoptr(GArray) patches = NULL;
		enum db_status st = db_form_patches(w->req->db, e.project_id,
						    ids, NULL, &patches, error);
		if (st != DB_OK)
			return st;
		if (add_bundle)
			return add(w, patches, error);
		const char *name = web_form(w, "name");
		return create(w, e.project_id,
			      name ? name : web_form(w, "bundle_name"), patches,
			      error);
	}
	if (!action || strcmp(action, "update") == 0)
		return update_patch(w, &e, error);
	return DB_OK;
}
