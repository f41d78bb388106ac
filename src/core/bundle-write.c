/*
 * Bundle writes (rest-api.md §6.10), as Patchwork 3.1's BundleSerializer
 * with BundlePermission: visibility first (someone else's private
 * bundle is 404), then ownership, then the fields in Meta order (name,
 * patches, public) with validate_patches(), then the owner's unique
 * names. See core/bundle-write.h.
 */
#include "core/bundle-write.h"

#include "core/permission.h"
#include "core/validate.h"

/* The validated fields; patches' project in project_id. */
struct values {
	char *name;
	gboolean has_public, public;
	const GArray *patches;
	gint64 project_id;
};

static enum db_status check_patches(struct db *db, const struct write_ids *in,
				    struct write_report *r, struct values *v,
				    GError **error)
{
	g_autoptr(GArray) projects = NULL;
	enum db_status st =
		validate_patch_ids(db, r, "patches", in, &projects, error);
	if (st != DB_OK || !projects)
		return st;
	if (projects->len == 0) {
		write_report_add(r, "patches", "Bundles cannot be empty");
		return DB_OK;
	}
	for (guint i = 1; i < projects->len; i++) {
		if (g_array_index(projects, gint64, i) !=
		    g_array_index(projects, gint64, 0)) {
			write_report_add(r, "patches",
					 "Bundle patches must belong to the "
					 "same project");
			return DB_OK;
		}
	}
	v->patches = in->values;
	v->project_id = g_array_index(projects, gint64, 0);
	return DB_OK;
}

/* The serializer's fields, then the owner's unique names (validators run
 * only once every field is valid). `except`: the bundle being updated. */
static enum db_status validate(struct db *db, gint64 owner_id, gint64 except,
			       const struct bundle_write *in,
			       struct write_report *r, struct values *v,
			       GError **error)
{
	static const struct char_rules name_rules = {.max_length = 50};
	if (in->name.present)
		validate_char(r, "name", &in->name, &name_rules, &v->name);
	else if (in->put)
		write_report_add(r, "name", VALIDATE_MSG_REQUIRED);
	enum db_status st = DB_OK;
	if (in->patches.present)
		st = check_patches(db, &in->patches, r, v, error);
	else if (in->put)
		write_report_add(r, "patches", VALIDATE_MSG_REQUIRED);
	if (st != DB_OK)
		return st;
	if (in->public.present && validate_bool(r, "public", &in->public)) {
		v->has_public = TRUE;
		v->public = in->public.value;
	}
	if (r->errors || !v->name)
		return DB_OK;
	st = db_bundle_name_taken(db, owner_id, v->name, except, error);
	if (st == DB_OK)
		write_report_add(r, "non_field_errors", BUNDLE_MSG_NAME_TAKEN);
	return st == DB_NOT_FOUND ? DB_OK : st;
}

enum write_status bundle_create(struct db *db, gint64 user_id,
				const struct bundle_write *in,
				gint64 *bundle_id, struct write_report *report,
				GError **error)
{
	if (!user_id)
		return WRITE_FORBIDDEN_ANON;
	struct bundle_write eff = *in;
	eff.put = TRUE; /* a create requires what a PUT does */
	struct values v = {0};
	enum write_status ws = WRITE_OK;
	if (validate(db, user_id, 0, &eff, report, &v, error) != DB_OK)
		ws = WRITE_ERROR;
	else if (report->errors)
		ws = WRITE_INVALID;
	else if (db_bundle_insert(db, user_id, v.project_id, v.name, v.public,
				  bundle_id, error) != DB_OK ||
		 db_bundle_set_patches(db, *bundle_id, v.patches, error) !=
			 DB_OK)
		ws = WRITE_ERROR;
	g_free(v.name);
	return ws;
}

enum write_status bundle_update(struct db *db, gint64 bundle_id, gint64 user_id,
				const struct bundle_write *in,
				struct write_report *report, GError **error)
{
	g_auto(db_bundle) b = {0};
	enum write_status ws =
		permission_bundle_load(db, bundle_id, user_id, &b, error);
	if (ws != WRITE_OK)
		return ws;
	struct values v = {0};
	if (validate(db, user_id, bundle_id, in, report, &v, error) != DB_OK)
		ws = WRITE_ERROR;
	else if (report->errors)
		ws = WRITE_INVALID;
	else if (db_bundle_save(
			 db, bundle_id, v.patches ? v.project_id : b.project_id,
			 v.name ? v.name : b.name,
			 v.has_public ? v.public : b.public, error) != DB_OK ||
		 (v.patches && db_bundle_set_patches(db, bundle_id, v.patches,
						     error) != DB_OK))
		ws = WRITE_ERROR;
	g_free(v.name);
	return ws;
}

enum write_status bundle_delete(struct db *db, gint64 bundle_id, gint64 user_id,
				GError **error)
{
	g_auto(db_bundle) b = {0};
	enum write_status ws =
		permission_bundle_load(db, bundle_id, user_id, &b, error);
	if (ws != WRITE_OK)
		return ws;
	return db_bundle_delete(db, bundle_id, error) == DB_OK ? WRITE_OK
							       : WRITE_ERROR;
}

enum write_status bundle_reorder(struct db *db, gint64 bundle_id,
				 gint64 user_id, gint64 start,
				 const GArray *order, GError **error)
{
	g_auto(db_bundle) b = {0};
	enum write_status ws =
		permission_bundle_load(db, bundle_id, user_id, &b, error);
	if (ws != WRITE_OK)
		return ws;
	switch (db_bundle_reorder(db, bundle_id, start, order, error)) {
	case DB_OK:
		return WRITE_OK;
	case DB_NOT_FOUND:
		return WRITE_NOT_FOUND;
	default:
		return WRITE_ERROR;
	}
}
