/*
 * The bundle and todo pages' reads and the bundle page's writes
 * (db-web-bundle.h). Each list is read through an index: a user's
 * bundles through bundle (owner_id, name), a bundle's patches through
 * bundle_patch (bundle_id, patch_id), a todo list through patch
 * (delegate_id, id) (the unary plus in db_web_todo_lists keeps SQLite
 * off the archived index, as store/web.c's where() does).
 */
#include "store/query.h"

void db_web_bundle_clear(struct db_web_bundle *b)
{
	g_free(b->name);
	g_free(b->linkname);
	memset(b, 0, sizeof(*b));
}

void db_web_todo_clear(struct db_web_todo *t)
{
	g_free(t->linkname);
	g_free(t->name);
	memset(t, 0, sizeof(*t));
}

enum db_status db_web_user_bundles(struct db *db, gint64 owner_id,
				   gint64 project_id, GArray **out,
				   GError **error)
{
	struct db_query *q = db_query(
		db,
		"SELECT b.id, b.name, b.public, pr.linkname, (SELECT COUNT(*) "
		"FROM bundle_patch bp WHERE bp.bundle_id = b.id) FROM bundle b "
		"JOIN project pr ON pr.id = b.project_id WHERE b.owner_id = ? "
		"AND (? = 0 OR b.project_id = ?) ORDER BY b.id",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, owner_id);
	db_bind_int(q, 2, project_id);
	db_bind_int(q, 3, project_id);
	g_autoptr(GArray) rows =
		g_array_new(FALSE, TRUE, sizeof(struct db_web_bundle));
	g_array_set_clear_func(rows, (GDestroyNotify)db_web_bundle_clear);
	enum db_status st;
	while ((st = db_step(q, error)) == DB_OK) {
		struct db_web_bundle b = {
			.id = db_col_int(q, 0),
			.name = db_col_dup(q, 1),
			.public = db_col_int(q, 2) != 0,
			.linkname = db_col_dup(q, 3),
			.patches = db_col_int(q, 4),
		};
		g_array_append_val(rows, b);
	}
	db_query_done(q);
	if (st != DB_NOT_FOUND)
		return st;
	*out = g_steal_pointer(&rows);
	return DB_OK;
}

enum db_status db_web_todo_lists(struct db *db, gint64 user_id, GArray **out,
				 GError **error)
{
	struct db_query *q = db_query(
		db,
		"SELECT pr.linkname, pr.name, COUNT(*) FROM patch p "
		"JOIN state st ON st.id = p.state_id "
		"JOIN project pr ON pr.id = p.project_id "
		"WHERE p.delegate_id = ? AND +p.archived = 0 "
		"AND st.action_required = 1 "
		"GROUP BY pr.id, pr.linkname, pr.name ORDER BY pr.linkname",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, user_id);
	g_autoptr(GArray) rows =
		g_array_new(FALSE, TRUE, sizeof(struct db_web_todo));
	g_array_set_clear_func(rows, (GDestroyNotify)db_web_todo_clear);
	enum db_status st;
	while ((st = db_step(q, error)) == DB_OK) {
		struct db_web_todo t = {
			.linkname = db_col_dup(q, 0),
			.name = db_col_dup(q, 1),
			.patches = db_col_int(q, 2),
		};
		g_array_append_val(rows, t);
	}
	db_query_done(q);
	if (st != DB_NOT_FOUND)
		return st;
	*out = g_steal_pointer(&rows);
	return DB_OK;
}

enum db_status db_bundle_reorder(struct db *db, gint64 bundle_id, gint64 start,
				 const GArray *patch_ids, GError **error)
{
	struct db_query *q = db_query(db,
				      "SELECT ordering FROM bundle_patch "
				      "WHERE bundle_id = ? AND patch_id = ?",
				      error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, bundle_id);
	db_bind_int(q, 2, start);
	enum db_status st = db_step(q, error);
	gint64 ordering = st == DB_OK ? db_col_int(q, 0) : 0;
	db_query_done(q);
	if (st != DB_OK)
		return st;
	q = db_query(db,
		     "UPDATE bundle_patch SET ordering = ? "
		     "WHERE bundle_id = ? AND patch_id = ?",
		     error);
	if (!q)
		return DB_ERROR;
	for (guint i = 0; i < patch_ids->len; i++) {
		db_bind_int(q, 1, ordering++);
		db_bind_int(q, 2, bundle_id);
		db_bind_int(q, 3, g_array_index(patch_ids, gint64, i));
		st = db_query_run(q, error);
		if (st != DB_OK)
			return st;
		if (db_changes(db) == 0)
			return DB_NOT_FOUND;
	}
	return DB_OK;
}
