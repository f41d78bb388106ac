/*
 * db-web-forms.h: what the patch forms of the web pages read and write
 * beyond the API's writes (store/web-forms.c; web-and-mbox.md §5.2
 * "Bulk actions", §5.3 the edit and bundle forms). Part of db.h, the
 * only door to darn's database: its conventions hold.
 */
#ifndef DARN_STORE_DB_WEB_FORMS_H
#define DARN_STORE_DB_WEB_FORMS_H

#include "store/db-conn.h"

/* A patch or a bundle a form names. Strings owned (db_form_item_clear). */
struct db_form_item {
	gint64 id;
	char *name;
	gint64 date; /* patches: for their order */
};
void db_form_item_clear(struct db_form_item *i);

/*
 * The patches of project `project_id` among `patch_ids`, and every patch
 * of the series `series_ids` (both GArray of gint64, either may be
 * NULL), once each, by date then id (Patchwork's Patch ordering, in
 * which its bulk actions go through them). Ids of other projects or of
 * nothing are left out. *out: a GArray of struct db_form_item that
 * clears its elements.
 */
enum db_status db_form_patches(struct db *db, gint64 project_id,
			       const GArray *patch_ids,
			       const GArray *series_ids, GArray **out,
			       GError **error);

/* The bundles of user `owner_id`, in every project, by id (Patchwork's
 * user.bundles.all()). *out as db_form_patches's. */
enum db_status db_form_bundles(struct db *db, gint64 owner_id, GArray **out,
			       GError **error);
void db_form_bundles_prefetch(struct db *db, gint64 owner_id);

/* Appends patch `patch_id` to bundle `bundle_id` after its last one
 * (the highest order + 1, as Bundle.append_patch); *added is FALSE
 * when the patch was in it already (nothing written). */
enum db_status db_form_bundle_append(struct db *db, gint64 bundle_id,
				     gint64 patch_id, gboolean *added,
				     GError **error);
/* Takes the patch out of the bundle; *removed is FALSE when it was not
 * in it. */
enum db_status db_form_bundle_remove(struct db *db, gint64 bundle_id,
				     gint64 patch_id, gboolean *removed,
				     GError **error);

#endif
