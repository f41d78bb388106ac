/*
 * `addressed` of patch and cover comments (rest-api.md §6.8, §10.1), as
 * Patchwork 3.1's comment detail views: the parent, the comment within
 * it, is_editable() of the comment, the field, the save, and the
 * *-comment-created event its post_save handler emits on every save
 * (spec §13 item 8). See core/comment-update.h.
 */
#include "core/comment-update.h"

#include "core/event.h"
#include "core/permission.h"

/* The project of the parent, or DB_NOT_FOUND. */
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

static enum write_status may_edit(struct db *db, gboolean cover,
				  gint64 parent_id, gint64 project_id,
				  gint64 comment_id, gint64 user_id,
				  GError **error)
{
	if (cover)
		return permission_cover_comment(db, comment_id, parent_id,
						project_id, user_id, error);
	g_auto(db_patch_edit) p = {0};
	if (db_patch_edit_get(db, parent_id, &p, error) != DB_OK)
		return WRITE_ERROR;
	return permission_patch_comment(db, comment_id, &p, user_id, error);
}

enum write_status comment_update(struct db *db, gboolean cover,
				 gint64 parent_id, gint64 comment_id,
				 gint64 user_id,
				 const struct comment_update *in,
				 struct write_report *report, GError **error)
{
	gint64 project_id = 0;
	enum db_status st =
		parent_project(db, cover, parent_id, &project_id, error);
	g_auto(db_comment) c = {0};
	if (st == DB_OK)
		st = db_comment_get(db, cover, comment_id, &c, error);
	if (st == DB_NOT_FOUND || (st == DB_OK && c.parent_id != parent_id))
		return WRITE_NOT_FOUND;
	if (st != DB_OK)
		return WRITE_ERROR;
	enum write_status ws = may_edit(db, cover, parent_id, project_id,
					comment_id, user_id, error);
	if (ws != WRITE_OK)
		return ws;

	int addressed = c.addressed;
	if (in->addressed.present) {
		if (in->addressed.type_error) {
			write_report_add(report, "addressed", "%s",
					 in->addressed.type_error);
			return WRITE_INVALID;
		}
		addressed = in->addressed.null ? -1 : in->addressed.value != 0;
	}
	if (db_comment_set_addressed(db, cover, comment_id, addressed, error) !=
		    DB_OK ||
	    event_comment_created(db, cover, project_id, parent_id, comment_id,
				  error) != DB_OK)
		return WRITE_ERROR;
	return WRITE_OK;
}
