/*
 * Who may write what: rest-api.md §6.2 (projects), §6.4 (users), §6.5.3
 * (patches), §6.8 (comments), §6.9 (checks), §6.10 (bundles). Ported
 * from the is_editable() methods of Patchwork's models and the API's
 * permission classes; see core/permission.h.
 */
#include "core/permission.h"

gboolean permission_maintains(struct db *db, gint64 project_id, gint64 user_id,
			      gboolean *failed, GError **error)
{
	*failed = FALSE;
	if (!user_id)
		return FALSE;
	enum db_status st = db_is_maintainer(db, project_id, user_id, error);
	if (st != DB_OK && st != DB_NOT_FOUND)
		*failed = TRUE;
	return st == DB_OK;
}

/* WRITE_OK when `allowed`, else the refusal DRF gives this requester. */
static enum write_status refused_unless(gboolean allowed, gint64 user_id)
{
	if (allowed)
		return WRITE_OK;
	return user_id ? WRITE_FORBIDDEN : WRITE_FORBIDDEN_ANON;
}

enum write_status permission_patch(struct db *db, const struct db_patch_edit *p,
				   gint64 user_id, GError **error)
{
	if (!user_id)
		return WRITE_FORBIDDEN_ANON;
	if (user_id == p->submitter_user_id || user_id == p->delegate_id)
		return WRITE_OK;
	gboolean failed;
	gboolean ok = permission_maintains(db, p->project_id, user_id, &failed,
					   error);
	return failed ? WRITE_ERROR : refused_unless(ok, user_id);
}

enum write_status permission_patch_load(struct db *db, gint64 patch_id,
					gint64 user_id, struct db_patch_edit *p,
					GError **error)
{
	enum db_status st = db_patch_edit_get(db, patch_id, p, error);
	if (st == DB_NOT_FOUND)
		return WRITE_NOT_FOUND;
	if (st != DB_OK)
		return WRITE_ERROR;
	return permission_patch(db, p, user_id, error);
}

enum write_status permission_patch_comment(struct db *db, gint64 comment_id,
					   const struct db_patch_edit *p,
					   gint64 user_id, GError **error)
{
	gint64 author = 0;
	enum db_status st =
		db_submitter_user(db, FALSE, TRUE, comment_id, &author, error);
	if (st != DB_OK && st != DB_NOT_FOUND)
		return WRITE_ERROR;
	if (user_id && user_id == author)
		return WRITE_OK;
	return permission_patch(db, p, user_id, error);
}

enum write_status permission_cover_comment(struct db *db, gint64 comment_id,
					   gint64 cover_id, gint64 project_id,
					   gint64 user_id, GError **error)
{
	if (!user_id)
		return WRITE_FORBIDDEN_ANON;
	gint64 comment_author = 0, cover_author = 0;
	enum db_status st = db_submitter_user(db, TRUE, TRUE, comment_id,
					      &comment_author, error);
	if (st == DB_OK || st == DB_NOT_FOUND)
		st = db_submitter_user(db, TRUE, FALSE, cover_id, &cover_author,
				       error);
	if (st != DB_OK && st != DB_NOT_FOUND)
		return WRITE_ERROR;
	if (user_id == comment_author || user_id == cover_author)
		return WRITE_OK;
	gboolean failed;
	gboolean ok =
		permission_maintains(db, project_id, user_id, &failed, error);
	return failed ? WRITE_ERROR : refused_unless(ok, user_id);
}

/* The project of comment parent `parent_id`, or DB_NOT_FOUND. */
static enum db_status parent_project(struct db *db, gboolean cover,
				     gint64 parent_id, gint64 *project_id,
				     GError **error)
{
	g_auto(db_submission) s = {0};
	enum db_status st =
		db_submission_brief(db, cover, parent_id, &s, error);
	if (st == DB_OK)
		*project_id = s.project_id;
	return st;
}

enum write_status permission_comment_load(struct db *db, gboolean cover,
					  gint64 parent_id, gint64 comment_id,
					  gint64 user_id, struct db_comment *c,
					  gint64 *project_id, GError **error)
{
	enum db_status st =
		parent_project(db, cover, parent_id, project_id, error);
	if (st == DB_OK)
		st = db_comment_get(db, cover, comment_id, c, error);
	if (st == DB_NOT_FOUND || (st == DB_OK && c->parent_id != parent_id))
		return WRITE_NOT_FOUND;
	if (st != DB_OK)
		return WRITE_ERROR;
	if (cover)
		return permission_cover_comment(db, comment_id, parent_id,
						*project_id, user_id, error);
	g_auto(db_patch_edit) p = {0};
	if (db_patch_edit_get(db, parent_id, &p, error) != DB_OK)
		return WRITE_ERROR;
	return permission_patch_comment(db, comment_id, &p, user_id, error);
}

enum write_status permission_bundle(gint64 owner_id, gboolean public,
				    gint64 user_id)
{
	if (user_id && user_id == owner_id)
		return WRITE_OK;
	/* BundlePermission: a private bundle of someone else must not
	 * leak its existence */
	if (!public)
		return WRITE_NOT_FOUND;
	return refused_unless(FALSE, user_id);
}

enum write_status permission_bundle_load(struct db *db, gint64 bundle_id,
					 gint64 user_id, struct db_bundle *b,
					 GError **error)
{
	enum db_status st = db_bundle_get(db, bundle_id, user_id, b, error);
	if (st == DB_NOT_FOUND)
		return WRITE_NOT_FOUND;
	if (st != DB_OK)
		return WRITE_ERROR;
	return permission_bundle(b->owner.id, b->public, user_id);
}

enum write_status permission_user(gint64 target_id, gint64 user_id)
{
	return refused_unless(user_id && user_id == target_id, user_id);
}

enum write_status permission_user_load(struct db *db, gint64 target_id,
				       gint64 user_id, struct db_user **u,
				       GError **error)
{
	if (!user_id)
		return WRITE_FORBIDDEN_ANON;
	enum db_status st = db_user_get(db, target_id, u, error);
	if (st == DB_NOT_FOUND)
		return WRITE_NOT_FOUND;
	if (st != DB_OK)
		return WRITE_ERROR;
	return permission_user(target_id, user_id);
}

enum write_status permission_project(struct db *db, gint64 project_id,
				     gint64 user_id, GError **error)
{
	gboolean failed;
	gboolean ok =
		permission_maintains(db, project_id, user_id, &failed, error);
	return failed ? WRITE_ERROR : refused_unless(ok, user_id);
}
