/*
 * Bundle writes (see db.h, "API writes"): a bundle's row and its ordered
 * patches. Reads of bundles are in read.c and download.c; the rules
 * (who may, what is valid) in core/bundle.c.
 */
#include "store/query.h"

enum db_status db_bundle_insert(struct db *db, gint64 owner_id,
				gint64 project_id, const char *name,
				gboolean public, gint64 *id, GError **error)
{
	struct db_query *q = db_query(db,
				      "INSERT INTO bundle (owner_id, "
				      "project_id, name, public) VALUES "
				      "(?, ?, ?, ?) RETURNING id",
				      error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, owner_id);
	db_bind_int(q, 2, project_id);
	db_bind_text(q, 3, name);
	db_bind_int(q, 4, public ? 1 : 0);
	return db_query_insert(q, id, error);
}

enum db_status db_bundle_save(struct db *db, gint64 id, gint64 project_id,
			      const char *name, gboolean public, GError **error)
{
	struct db_query *q = db_query(db,
				      "UPDATE bundle SET project_id = ?, "
				      "name = ?, public = ? WHERE id = ?",
				      error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, project_id);
	db_bind_text(q, 2, name);
	db_bind_int(q, 3, public ? 1 : 0);
	db_bind_int(q, 4, id);
	return db_query_run(q, error);
}

/* Removes every patch from the bundle. */
static enum db_status clear_patches(struct db *db, gint64 id, GError **error)
{
	struct db_query *q = db_query(
		db, "DELETE FROM bundle_patch WHERE bundle_id = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, id);
	return db_query_run(q, error);
}

enum db_status db_bundle_set_patches(struct db *db, gint64 id,
				     const GArray *patch_ids, GError **error)
{
	enum db_status st = clear_patches(db, id, error);
	if (st != DB_OK)
		return st;
	struct db_query *q;
	q = db_query(db,
		     "INSERT INTO bundle_patch (bundle_id, patch_id, ordering) "
		     "VALUES (?, ?, ?) ON CONFLICT (bundle_id, patch_id) "
		     "DO NOTHING",
		     error);
	if (!q)
		return DB_ERROR;
	/* Patchwork numbers from 1 and gives a skipped duplicate no
	 * number; the order is all the API and the mbox show. */
	gint64 ordering = 0;
	for (guint i = 0; i < patch_ids->len; i++) {
		db_bind_int(q, 1, id);
		db_bind_int(q, 2, g_array_index(patch_ids, gint64, i));
		db_bind_int(q, 3, ++ordering);
		st = db_query_run(q, error);
		if (st != DB_OK)
			return st;
	}
	return DB_OK;
}

enum db_status db_bundle_delete(struct db *db, gint64 id, GError **error)
{
	enum db_status st = clear_patches(db, id, error);
	if (st != DB_OK)
		return st;
	struct db_query *q =
		db_query(db, "DELETE FROM bundle WHERE id = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, id);
	return db_query_run(q, error);
}

enum db_status db_bundle_name_taken(struct db *db, gint64 owner_id,
				    const char *name, gint64 except,
				    GError **error)
{
	struct db_query *q = db_query(db,
				      "SELECT 1 FROM bundle WHERE owner_id = ? "
				      "AND name = ? AND id != ?",
				      error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, owner_id);
	db_bind_text(q, 2, name);
	db_bind_int(q, 3, except);
	enum db_status st = db_step(q, error);
	db_query_done(q);
	return st;
}

enum db_status db_patch_projects(struct db *db, const GArray *patch_ids,
				 GArray **out, gint64 *missing, GError **error)
{
	struct db_query *q = db_query(
		db, "SELECT project_id FROM patch WHERE id = ?", error);
	if (!q)
		return DB_ERROR;
	g_autoptr(GArray) projects = g_array_new(FALSE, FALSE, sizeof(gint64));
	for (guint i = 0; i < patch_ids->len; i++) {
		gint64 id = g_array_index(patch_ids, gint64, i);
		db_bind_int(q, 1, id);
		enum db_status st = db_step(q, error);
		gint64 project = st == DB_OK ? db_col_int(q, 0) : 0;
		db_query_done(q);
		if (st == DB_NOT_FOUND && missing)
			*missing = id;
		if (st != DB_OK)
			return st;
		g_array_append_val(projects, project);
	}
	*out = g_steal_pointer(&projects);
	return DB_OK;
}
