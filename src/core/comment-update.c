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

enum write_status comment_update(struct db *db, gboolean cover,
				 gint64 parent_id, gint64 comment_id,
				 gint64 user_id,
				 const struct comment_update *in,
				 struct write_report *report, GError **error)
{
	gint64 project_id = 0;
	g_auto(db_comment) c = {0};
	enum write_status ws =
		permission_comment_load(db, cover, parent_id, comment_id,
					user_id, &c, &project_id, error);
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
