/*
 * db-edit.h: the API's writes (store/edit.c, store/bundle.c).
 * Part of db.h, the only door to darn's database: its conventions hold.
 */
#ifndef DARN_STORE_DB_EDIT_H
#define DARN_STORE_DB_EDIT_H

#include "store/db-conn.h"
#include "store/db-people.h"

/* ---- API writes (store/edit.c, store/bundle.c) ------------------------ */

/*
 * What a patch update reads and rewrites (rest-api.md §6.5.4): the
 * patch's own editable columns and what its permission rules look at.
 * Strings are owned (db_patch_edit_clear).
 */
struct db_patch_edit {
	gint64 id, project_id;
	gint64 submitter_user_id; /* the user linked to the submitter, 0: none
				   */
	gint64 delegate_id;	  /* 0: none */
	gint64 state_id, related_id; /* related_id 0: no relation */
	gboolean archived;
	char *commit_ref, *pull_url; /* NULL when NULL */
};
void db_patch_edit_clear(struct db_patch_edit *p);
typedef struct db_patch_edit db_patch_edit;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(db_patch_edit, db_patch_edit_clear)

/* DB_NOT_FOUND when no patch has this id. */
enum db_status db_patch_edit_get(struct db *db, gint64 id,
				 struct db_patch_edit *out, GError **error);
/* Its statement sent ahead (db_query_prefetch). */
void db_patch_edit_prefetch(struct db *db, gint64 id);
/* Rewrites state, delegate, archived, commit_ref, pull_url and related of
 * patch p->id (its other fields are ignored). */
enum db_status db_patch_edit_save(struct db *db, const struct db_patch_edit *p,
				  GError **error);

/* A new, empty patch relation; *id receives its id. */
enum db_status db_relation_insert(struct db *db, gint64 *id, GError **error);
/* Deletes the relation; its patches are left without one (no event: as
 * Patchwork's on_delete=SET_NULL, which bypasses save()). */
enum db_status db_relation_delete(struct db *db, gint64 id, GError **error);
/* How many patches hold the relation. */
enum db_status db_relation_count(struct db *db, gint64 id, gint64 *count,
				 GError **error);

/* DB_OK when the user maintains the project, DB_NOT_FOUND when not. */
enum db_status db_is_maintainer(struct db *db, gint64 project_id,
				gint64 user_id, GError **error);
/* Its statement sent ahead (db_query_prefetch). */
void db_is_maintainer_prefetch(struct db *db, gint64 project_id,
			       gint64 user_id);
/* Removes a maintainer; removing one who is not is not an error. */
enum db_status db_project_maintainer_remove(struct db *db, gint64 project_id,
					    gint64 user_id, GError **error);

/* The id of the state whose slug is exactly `slug`. */
enum db_status db_state_by_slug(struct db *db, const char *slug, gint64 *id,
				GError **error);

/* A new check; strings borrowed for the call, NULL stores NULL. */
struct db_check_new {
	gint64 patch_id, user_id, date;
	int state;
	const char *target_url, *context, *description;
};
enum db_status db_check_insert(struct db *db, const struct db_check_new *c,
			       gint64 *id, GError **error);

/* Sets `addressed` (-1 NULL, 0, 1) of a patch or (`cover`) cover
 * comment. */
enum db_status db_comment_set_addressed(struct db *db, gboolean cover,
					gint64 id, int addressed,
					GError **error);
/* The user linked to the submitter of a patch or cover (`cover`), or of
 * a patch or cover comment (`comment`); *user_id 0 when none. */
enum db_status db_submitter_user(struct db *db, gboolean cover,
				 gboolean comment, gint64 id, gint64 *user_id,
				 GError **error);

/* Rewrites the user's profile settings (creating the profile row). */
enum db_status db_user_settings_set(struct db *db, gint64 user_id,
				    const struct db_user_settings *s,
				    GError **error);

/* Bundles (store/bundle.c). */
enum db_status db_bundle_insert(struct db *db, gint64 owner_id,
				gint64 project_id, const char *name,
				gboolean public, gint64 *id, GError **error);
/* Rewrites name, public and project of bundle `id`. */
enum db_status db_bundle_save(struct db *db, gint64 id, gint64 project_id,
			      const char *name, gboolean public,
			      GError **error);
/* Replaces the bundle's patches with `patch_ids` (GArray of gint64) in
 * that order; a repeated id keeps its first place, as Patchwork's
 * append_patch skips a patch already in the bundle. */
enum db_status db_bundle_set_patches(struct db *db, gint64 id,
				     const GArray *patch_ids, GError **error);
enum db_status db_bundle_delete(struct db *db, gint64 id, GError **error);
/* DB_OK when the owner has a bundle called `name` other than `except`
 * (0: none), DB_NOT_FOUND when not. */
enum db_status db_bundle_name_taken(struct db *db, gint64 owner_id,
				    const char *name, gint64 except,
				    GError **error);
/* The project of each patch, in the order of `patch_ids`; DB_NOT_FOUND
 * names the first unknown patch in *missing. *out: GArray of gint64. */
enum db_status db_patch_projects(struct db *db, const GArray *patch_ids,
				 GArray **out, gint64 *missing, GError **error);

#endif
