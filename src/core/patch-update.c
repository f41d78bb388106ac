/*
 * PUT and PATCH of a patch (rest-api.md §6.5.3 permissions, §6.5.4
 * fields and messages, §6.5.5 relations, §10.1 events), in the order
 * Patchwork 3.1's PatchDetail runs them: the object, is_editable(), the
 * serializer's field validation, then PatchDetailSerializer.update().
 * Events follow its pre_save signal handlers: for one save, state, then
 * delegate, then relation. See core/patch-update.h.
 */
#include "core/patch-update.h"

#include "core/event.h"
#include "core/notification.h"
#include "core/permission.h"
#include "core/pyset.h"
#include "core/validate.h"
#include "mail/pystr.h"

#include <string.h>

#define MSG_NOT_MAINTAINING \
	"At least one patch is part of a project you are not maintaining."
#define MSG_CONFLICT                                                        \
	"At least one patch is already part of another relation. You have " \
	"to explicitly remove a patch from its existing relation before "   \
	"moving it to this one."

char *patch_state_slugify(const char *text)
{
	g_autofree char *lower = py_lower(text);
	g_autofree char *nfkd = g_utf8_normalize(lower, -1, G_NORMALIZE_NFKD);
	GString *out = g_string_new(NULL);
	gboolean in_run = FALSE;
	/* encode('ascii', 'ignore'), then [^\w\s-] removed and [-\s]+
	 * made one '-' */
	for (const char *p = nfkd ? nfkd : ""; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x80)
			continue;
		if (c == '-' || py_isspace(c)) {
			if (!in_run)
				g_string_append_c(out, '-');
			in_run = TRUE;
		} else if (g_ascii_isalnum(c) || c == '_') {
			g_string_append_c(out, (char)g_ascii_tolower(c));
			in_run = FALSE;
		}
	}
	gsize start = strspn(out->str, "-_");
	gsize end = out->len;
	while (end > start && strchr("-_", out->str[end - 1]))
		end--;
	char *slug = g_strndup(out->str + start, end - start);
	g_string_free(out, TRUE);
	return slug;
}

/* The validated values of the fields that were sent. */
struct values {
	gboolean state, delegate, archived, commit_ref, pull_url, related;
	gint64 state_id, delegate_id;
	gboolean archived_value;
	char *commit_ref_value, *pull_url_value;
	const GArray *related_ids;
};

static void values_clear(struct values *v)
{
	g_free(v->commit_ref_value);
	g_free(v->pull_url_value);
}
typedef struct values values;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(values, values_clear)

/* "Invalid state x. Expected one of: new, under-review, ...". */
static enum db_status report_bad_state(struct db *db, struct write_report *r,
				       const char *slug, GError **error)
{
	g_autoptr(GPtrArray) states = NULL;
	enum db_status st = db_state_list(db, &states, error);
	if (st != DB_OK)
		return st;
	g_autoptr(GString) choices = g_string_new(NULL);
	for (guint i = 0; i < states->len; i++) {
		const struct db_state *s = states->pdata[i];
		g_string_append_printf(choices, "%s%s", i ? ", " : "", s->slug);
	}
	write_report_add(r, "state", "Invalid state %s. Expected one of: %s.",
			 slug, choices->str);
	return DB_OK;
}

static enum db_status check_state(struct db *db, const struct write_text *in,
				  struct write_report *r, struct values *v,
				  GError **error)
{
	if (in->type_error) {
		write_report_add(r, "state", "%s", in->type_error);
		return DB_OK;
	}
	/* a related field reads "" as null */
	if (in->null || !in->value || !*in->value) {
		write_report_add(r, "state", VALIDATE_MSG_NULL);
		return DB_OK;
	}
	g_autofree char *slug = patch_state_slugify(in->value);
	enum db_status st = db_state_by_slug(db, slug, &v->state_id, error);
	if (st == DB_NOT_FOUND)
		return report_bad_state(db, r, slug, error);
	v->state = st == DB_OK;
	return st;
}

static enum db_status check_delegate(struct db *db, gint64 project_id,
				     const struct write_id *in,
				     struct write_report *r, struct values *v,
				     GError **error)
{
	if (in->type_error) {
		write_report_add(r, "delegate", "%s", in->type_error);
		return DB_OK;
	}
	if (in->null) {
		v->delegate = TRUE;
		v->delegate_id = 0;
		return DB_OK;
	}
	g_autoptr(db_user) user = NULL;
	enum db_status st = db_user_get(db, in->value, &user, error);
	if (st == DB_NOT_FOUND) {
		write_report_add(r, "delegate",
				 "Invalid pk \"%" G_GINT64_FORMAT
				 "\" - object does not exist.",
				 in->value);
		return DB_OK;
	}
	if (st != DB_OK)
		return st;
	st = db_is_maintainer(db, project_id, user->id, error);
	if (st == DB_NOT_FOUND) {
		struct db_project project = {0};
		st = db_project_by_id(db, project_id, &project, error);
		if (st == DB_OK)
			write_report_add(r, "delegate",
					 "User '%s' is not a maintainer for "
					 "project '%s'",
					 user->username, project.name);
		db_project_clear(&project);
		return st;
	}
	v->delegate = st == DB_OK;
	v->delegate_id = user->id;
	return st;
}

static enum db_status check_related(struct db *db, const struct write_ids *in,
				    struct write_report *r, struct values *v,
				    GError **error)
{
	g_autoptr(GArray) projects = NULL;
	enum db_status st =
		validate_patch_ids(db, r, "related", in, &projects, error);
	v->related = st == DB_OK && projects;
	v->related_ids = in->values;
	return st;
}

/* The serializer's validation, field by field in its Meta.fields order. */
static enum db_status validate(struct db *db, const struct db_patch_edit *p,
			       const struct patch_update *in,
			       struct write_report *r, struct values *v,
			       GError **error)
{
	static const struct char_rules ref_rules = {
		.max_length = 255, .allow_null = TRUE, .allow_blank = TRUE};
	if (in->commit_ref.present)
		v->commit_ref = validate_char(r, "commit_ref", &in->commit_ref,
					      &ref_rules, &v->commit_ref_value);
	if (in->pull_url.present)
		v->pull_url = validate_char(r, "pull_url", &in->pull_url,
					    &ref_rules, &v->pull_url_value);
	enum db_status st = DB_OK;
	if (in->state.present)
		st = check_state(db, &in->state, r, v, error);
	else if (in->put)
		write_report_add(r, "state", VALIDATE_MSG_REQUIRED);
	if (st != DB_OK)
		return st;
	if (in->archived.present &&
	    validate_bool(r, "archived", &in->archived)) {
		v->archived = TRUE;
		v->archived_value = in->archived.value;
	}
	if (in->delegate.present)
		st = check_delegate(db, p->project_id, &in->delegate, r, v,
				    error);
	else if (in->put)
		write_report_add(r, "delegate", VALIDATE_MSG_REQUIRED);
	if (st != DB_OK)
		return st;
	if (in->related.present)
		st = check_related(db, &in->related, r, v, error);
	return st;
}

/* Whether the user maintains the project of every patch in `ids`. */
static enum write_status maintains_all(struct db *db, gint64 user_id,
				       const GArray *ids,
				       struct write_report *r, GError **error)
{
	g_autoptr(GArray) projects = NULL;
	enum db_status st = db_patch_projects(db, ids, &projects, NULL, error);
	if (st != DB_OK)
		return WRITE_ERROR;
	for (guint i = 0; i < projects->len; i++) {
		gboolean failed;
		if (permission_maintains(db, g_array_index(projects, gint64, i),
					 user_id, &failed, error))
			continue;
		if (failed)
			return WRITE_ERROR;
		r->detail = MSG_NOT_MAINTAINING;
		return WRITE_FORBIDDEN;
	}
	return WRITE_OK;
}

/*
 * The patches Patchwork iterates, as it builds them: set(related), then,
 * when the patch has a relation, .union() with that relation's patches
 * (in the relation's queryset order, by date). Returned in the set's
 * iteration order.
 */
static enum db_status relation_set(struct db *db, const struct db_patch_edit *p,
				   const GArray *related, GArray **out,
				   GError **error)
{
	struct pyset set;
	pyset_init(&set);
	for (guint i = 0; i < related->len; i++)
		pyset_add(&set, g_array_index(related, gint64, i));
	if (p->related_id) {
		g_autoptr(GArray) current = NULL;
		enum db_status st = db_relation_patches(db, p->related_id, 0,
							&current, error);
		if (st != DB_OK) {
			pyset_clear(&set);
			return st;
		}
		struct pyset u;
		pyset_init(&u);
		pyset_copy(&u, &set);
		for (guint i = 0; i < current->len; i++)
			pyset_add(&u, g_array_index(current, gint64, i));
		pyset_clear(&set);
		set = u;
	}
	*out = pyset_items(&set);
	pyset_clear(&set);
	return DB_OK;
}

/* Sets patch `id`'s relation as Patchwork's patch.save() in the loop
 * over the set: an event (null actor) when it changes. */
static enum db_status relate(struct db *db, gint64 id, gint64 relation,
			     gint64 actor_id, GError **error)
{
	g_auto(db_patch_edit) row = {0};
	enum db_status st = db_patch_edit_get(db, id, &row, error);
	if (st != DB_OK || row.related_id == relation)
		return st;
	row.related_id = relation;
	st = db_patch_edit_save(db, &row, error);
	if (st == DB_OK)
		st = event_patch_relation_changed(db, row.project_id, id,
						  actor_id, error);
	return st;
}

/*
 * PatchDetailSerializer.update()'s relation part (§6.5.5). *related_out
 * receives the relation the patch's final save gives it.
 */
static enum write_status update_relation(struct db *db,
					 const struct db_patch_edit *p,
					 gint64 user_id, const GArray *related,
					 gint64 *related_out,
					 struct write_report *r, GError **error)
{
	g_autoptr(GArray) self = g_array_new(FALSE, FALSE, sizeof(gint64));
	g_array_append_val(self, p->id);
	enum write_status ws = maintains_all(db, user_id, self, r, error);
	if (ws != WRITE_OK)
		return ws;
	g_autoptr(GArray) set = NULL;
	if (relation_set(db, p, related, &set, error) != DB_OK)
		return WRITE_ERROR;
	ws = maintains_all(db, user_id, set, r, error);
	if (ws != WRITE_OK)
		return ws;

	if (related->len == 0) {
		/* no relation of a single patch: a pair is dissolved, its
		 * other patch left without an event (SET_NULL), and this
		 * one's final save then sees no change either */
		*related_out = 0;
		if (!p->related_id)
			return WRITE_OK;
		gint64 count = 0;
		if (db_relation_count(db, p->related_id, &count, error) !=
		    DB_OK)
			return WRITE_ERROR;
		if (count == 2 &&
		    db_relation_delete(db, p->related_id, error) != DB_OK)
			return WRITE_ERROR;
		return WRITE_OK;
	}

	/* break before make: all of them in at most one relation, and the
	 * patch's own if it has one */
	gint64 relation = 0;
	for (guint i = 0; i < set->len; i++) {
		g_auto(db_patch_edit) row = {0};
		if (db_patch_edit_get(db, g_array_index(set, gint64, i), &row,
				      error) != DB_OK)
			return WRITE_ERROR;
		if (!row.related_id)
			continue;
		if (relation && relation != row.related_id) {
			r->detail = MSG_CONFLICT;
			return WRITE_CONFLICT;
		}
		relation = row.related_id;
	}
	if (relation && p->related_id && p->related_id != relation) {
		r->detail = MSG_CONFLICT;
		return WRITE_CONFLICT;
	}
	if (!relation && db_relation_insert(db, &relation, error) != DB_OK)
		return WRITE_ERROR;
	/* the set's patches are fresh objects without _edited_by (null
	 * actor), even the edited patch itself when it is among them */
	for (guint i = 0; i < set->len; i++)
		if (relate(db, g_array_index(set, gint64, i), relation, 0,
			   error) != DB_OK)
			return WRITE_ERROR;
	if (relate(db, p->id, relation, user_id, error) != DB_OK)
		return WRITE_ERROR;
	*related_out = relation;
	return WRITE_OK;
}

/* The final save of the patch with the validated fields, and its
 * events in the order of Patchwork's pre_save handlers. */
static enum db_status save(struct db *db, gint64 patch_id, gint64 user_id,
			   const struct values *v, gint64 related,
			   GError **error)
{
	g_auto(db_patch_edit) row = {0};
	enum db_status st = db_patch_edit_get(db, patch_id, &row, error);
	if (st != DB_OK)
		return st;
	/* what Patchwork's pre_save handlers compare with */
	const gint64 state_before = row.state_id;
	const gint64 delegate_before = row.delegate_id;
	const gint64 related_before = row.related_id;
	if (v->state)
		row.state_id = v->state_id;
	if (v->delegate)
		row.delegate_id = v->delegate_id;
	if (v->archived)
		row.archived = v->archived_value;
	if (v->commit_ref) {
		g_free(row.commit_ref);
		row.commit_ref = g_strdup(v->commit_ref_value);
	}
	if (v->pull_url) {
		g_free(row.pull_url);
		row.pull_url = g_strdup(v->pull_url_value);
	}
	if (v->related)
		row.related_id = related;
	st = db_patch_edit_save(db, &row, error);
	/* Patchwork's patch_change_callback, a pre_save handler too */
	if (st == DB_OK && row.state_id != state_before)
		st = notification_record(db, row.project_id, row.id,
					 state_before, row.state_id, error);
	if (st == DB_OK && row.state_id != state_before)
		st = event_patch_state_changed(db, row.project_id, row.id,
					       user_id, state_before,
					       row.state_id, error);
	if (st == DB_OK && row.delegate_id != delegate_before)
		st = event_patch_delegated(db, row.project_id, row.id, user_id,
					   delegate_before, row.delegate_id,
					   error);
	if (st == DB_OK && row.related_id != related_before)
		st = event_patch_relation_changed(db, row.project_id, row.id,
						  user_id, error);
	return st;
}

enum write_status patch_update(struct db *db, gint64 patch_id, gint64 user_id,
			       const struct patch_update *in,
			       struct write_report *report, GError **error)
{
	g_auto(db_patch_edit) p = {0};
	enum write_status ws =
		permission_patch_load(db, patch_id, user_id, &p, error);
	if (ws != WRITE_OK)
		return ws;

	g_auto(values) v = {0};
	/* PUT fills a missing `related` with the serializer's default [] */
	static const GArray no_patches = {0};
	struct patch_update eff = *in;
	if (in->put && !in->related.present)
		eff.related = (struct write_ids){.present = TRUE,
						 .values = &no_patches};
	if (validate(db, &p, &eff, report, &v, error) != DB_OK)
		return WRITE_ERROR;
	if (report->errors)
		return WRITE_INVALID;
	gint64 related = p.related_id;
	if (v.related) {
		ws = update_relation(db, &p, user_id, v.related_ids, &related,
				     report, error);
		if (ws != WRITE_OK)
			return ws;
	}
	if (save(db, patch_id, user_id, &v, related, error) != DB_OK)
		return WRITE_ERROR;
	return WRITE_OK;
}

enum write_status patch_set(struct db *db, gint64 patch_id, gint64 user_id,
			    const struct patch_set *in,
			    struct write_report *report, GError **error)
{
	g_auto(db_patch_edit) p = {0};
	enum write_status ws =
		permission_patch_load(db, patch_id, user_id, &p, error);
	if (ws != WRITE_OK)
		return ws;
	g_auto(values) v = {.state = in->has_state,
			    .state_id = in->state_id,
			    .archived = in->has_archived,
			    .archived_value = in->archived,
			    .delegate = in->has_delegate,
			    .delegate_id = in->delegate_id,
			    .commit_ref = in->has_commit_ref,
			    .commit_ref_value = g_strdup(in->commit_ref)};
	if (in->has_state) {
		g_autoptr(GPtrArray) states = NULL;
		if (db_state_list(db, &states, error) != DB_OK)
			return WRITE_ERROR;
		gboolean known = FALSE;
		for (guint i = 0; i < states->len; i++)
			known |= ((struct db_state *)states->pdata[i])->id ==
				 in->state_id;
		if (!known) {
			write_report_add(report, "state",
					 "State matching query does not "
					 "exist.");
			return WRITE_INVALID;
		}
	}
	if (save(db, patch_id, user_id, &v, p.related_id, error) != DB_OK)
		return WRITE_ERROR;
	return WRITE_OK;
}
