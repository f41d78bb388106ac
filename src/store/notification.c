/*
 * Pending patch-change notifications (see db-notification.h): one row
 * per patch in patch_change_notification, as Patchwork's
 * PatchChangeNotification (its primary key is the patch).
 */
#include "store/query.h"

enum db_status db_notification_pending(struct db *db, gint64 project_id,
				       gint64 patch_id, gboolean *sends,
				       gint64 *orig_state_id, GError **error)
{
	struct db_query *q = db_query(
		db,
		"SELECT p.send_notifications, n.orig_state_id FROM project p "
		"LEFT JOIN patch_change_notification n ON n.patch_id = ? "
		"WHERE p.id = ?",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, patch_id);
	db_bind_int(q, 2, project_id);
	enum db_status st = db_step(q, error);
	if (st == DB_OK) {
		*sends = db_col_int(q, 0) != 0;
		*orig_state_id = db_col_null(q, 1) ? 0 : db_col_int(q, 1);
	}
	db_query_done(q);
	return st;
}

enum db_status db_notification_put(struct db *db, gint64 patch_id,
				   gint64 orig_state_id, gint64 now,
				   GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO patch_change_notification (patch_id, "
		"last_modified, orig_state_id) VALUES (?, ?, ?) ON CONFLICT "
		"(patch_id) DO UPDATE SET last_modified = "
		"excluded.last_modified",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, patch_id);
	db_bind_int(q, 2, now);
	db_bind_int(q, 3, orig_state_id);
	return db_query_run(q, error);
}

enum db_status db_notification_delete(struct db *db, gint64 patch_id,
				      gint64 last_modified, GError **error)
{
	struct db_query *q =
		last_modified
			? db_query(db,
				   "DELETE FROM patch_change_notification "
				   "WHERE patch_id = ? AND last_modified = ?",
				   error)
			: db_query(db,
				   "DELETE FROM patch_change_notification "
				   "WHERE patch_id = ?",
				   error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, patch_id);
	if (last_modified)
		db_bind_int(q, 2, last_modified);
	return db_query_run(q, error);
}

static void notification_clear(gpointer p)
{
	struct db_notification *n = p;
	g_free(n->email);
	g_free(n->linkname);
	g_free(n->project_name);
	g_free(n->name);
	g_free(n->msgid);
	g_free(n->orig_state);
	g_free(n->state);
}

enum db_status db_notification_list(struct db *db, GArray **out, GError **error)
{
	struct db_query *q = db_query(
		db,
		"SELECT n.patch_id, n.last_modified, p.submitter_id, s.email, "
		"pr.linkname, pr.name, p.name, p.msgid, os.name, cs.name "
		"FROM patch_change_notification n "
		"JOIN patch p ON p.id = n.patch_id "
		"JOIN person s ON s.id = p.submitter_id "
		"JOIN project pr ON pr.id = p.project_id "
		"JOIN state os ON os.id = n.orig_state_id "
		"JOIN state cs ON cs.id = p.state_id "
		"ORDER BY p.submitter_id, n.patch_id",
		error);
	if (!q)
		return DB_ERROR;
	g_autoptr(GArray) rows =
		g_array_new(FALSE, TRUE, sizeof(struct db_notification));
	g_array_set_clear_func(rows, notification_clear);
	enum db_status st;
	while ((st = db_step(q, error)) == DB_OK) {
		struct db_notification n = {
			.patch_id = db_col_int(q, 0),
			.last_modified = db_col_int(q, 1),
			.submitter_id = db_col_int(q, 2),
			.email = db_col_dup(q, 3),
			.linkname = db_col_dup(q, 4),
			.project_name = db_col_dup(q, 5),
			.name = db_col_dup(q, 6),
			.msgid = db_col_dup(q, 7),
			.orig_state = db_col_dup(q, 8),
			.state = db_col_dup(q, 9),
		};
		g_array_append_val(rows, n);
	}
	db_query_done(q);
	if (st != DB_NOT_FOUND)
		return st;
	*out = g_steal_pointer(&rows);
	return DB_OK;
}
