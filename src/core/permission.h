/*
 * Who may write what (rest-api.md §6.2, §6.4, §6.5.3, §6.8, §6.10; a
 * check, §6.9, takes the patch's rule without the anonymous variant):
 * Patchwork's is_editable() of each model and the API's permission
 * classes. Each function answers WRITE_OK, WRITE_FORBIDDEN_ANON (user_id
 * 0: DRF answers "Authentication credentials were not provided." to any
 * refusal without credentials), WRITE_FORBIDDEN, WRITE_NOT_FOUND where
 * Patchwork hides the object, or WRITE_ERROR with *error set.
 *
 * An inactive user never reaches these rules: authentication refuses
 * them before any handler runs (http/auth.c).
 */
#ifndef DARN_CORE_PERMISSION_H
#define DARN_CORE_PERMISSION_H

#include "core/write.h"

/* A patch (Patch.is_editable, §6.5.3): the user linked to its submitter,
 * its delegate, or a maintainer of its project. */
enum write_status permission_patch(struct db *db, const struct db_patch_edit *p,
				   gint64 user_id, GError **error);

/* Reads patch `patch_id` into *p (cleared by the caller) and applies
 * permission_patch: WRITE_NOT_FOUND first, as Patchwork looks the object
 * up before its permission. */
enum write_status permission_patch_load(struct db *db, gint64 patch_id,
					gint64 user_id, struct db_patch_edit *p,
					GError **error);

/* A patch comment (§6.8): the user linked to the comment's submitter,
 * or anyone who may update the patch. */
enum write_status permission_patch_comment(struct db *db, gint64 comment_id,
					   const struct db_patch_edit *p,
					   gint64 user_id, GError **error);

/* A cover comment (§6.8): the users linked to the comment's or the
 * cover's submitter, or a maintainer of the cover's project. */
enum write_status permission_cover_comment(struct db *db, gint64 comment_id,
					   gint64 cover_id, gint64 project_id,
					   gint64 user_id, GError **error);

/* Reads comment `comment_id` of patch or cover `parent_id` into *c
 * (cleared by the caller) and the parent's project into *project_id,
 * then applies the comment's rule above: WRITE_NOT_FOUND first when the
 * parent does not exist or the comment is not its own (Patchwork's
 * comment detail views look both up before the permission). */
enum write_status permission_comment_load(struct db *db, gboolean cover,
					  gint64 parent_id, gint64 comment_id,
					  gint64 user_id, struct db_comment *c,
					  gint64 *project_id, GError **error);

/* A bundle (§6.10): its owner. Someone else's private bundle does not
 * exist for them (WRITE_NOT_FOUND); a public one is WRITE_FORBIDDEN(_ANON). */
enum write_status permission_bundle(gint64 owner_id, gboolean public,
				    gint64 user_id);

/* Reads bundle `bundle_id` as `user_id` sees it into *b (cleared by the
 * caller) and applies permission_bundle. */
enum write_status permission_bundle_load(struct db *db, gint64 bundle_id,
					 gint64 user_id, struct db_bundle *b,
					 GError **error);

/* A user record (§6.4): only oneself. */
enum write_status permission_user(gint64 target_id, gint64 user_id);

/* Reads user `target_id` into *u (freed by the caller) and applies
 * permission_user; anonymous is refused before the lookup, as
 * IsAuthenticated runs before the view looks the user up. */
enum write_status permission_user_load(struct db *db, gint64 target_id,
				       gint64 user_id, struct db_user **u,
				       GError **error);

/* A project (§6.2): only its maintainers. */
enum write_status permission_project(struct db *db, gint64 project_id,
				     gint64 user_id, GError **error);

/* DB_OK/DB_NOT_FOUND of db_is_maintainer as a boolean; FALSE with
 * *failed set on a store error. */
gboolean permission_maintains(struct db *db, gint64 project_id, gint64 user_id,
			      gboolean *failed, GError **error);

#endif
