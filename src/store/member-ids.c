/*
 * The ids of the members of a group, in the order Patchwork shows them:
 * the patches of a relation, of a series and of a bundle, and a
 * series' dependencies (db-read.h). The pages and the API read the
 * members' rows afterwards with db_get_many.
 */
#include "store/rows.h"

enum db_status db_relation_patches(struct db *db, gint64 relation_id,
				   gint64 except, GArray **out, GError **error)
{
	struct db_query *q = db_query(db,
				      "SELECT id FROM patch WHERE "
				      "related_id = ? AND id != ? "
				      "ORDER BY date, id",
				      error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, relation_id);
	db_bind_int(q, 2, except);
	return db_collect_ints(q, 1, out, error);
}

enum db_status db_series_dependency_ids(struct db *db, gint64 series_id,
					gboolean reverse, GArray **out,
					GError **error)
{
	struct db_query *q = db_query(
		db,
		reverse ? "SELECT series_id FROM series_dependency WHERE "
			  "depends_on_id = ? ORDER BY series_id"
			: "SELECT depends_on_id FROM series_dependency WHERE "
			  "series_id = ? ORDER BY id",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, series_id);
	return db_collect_ints(q, 1, out, error);
}

enum db_status db_bundle_patch_ids(struct db *db, gint64 bundle_id,
				   GArray **out, GError **error)
{
	struct db_query *q = db_query(db,
				      "SELECT p.id FROM bundle_patch bp "
				      "JOIN patch p ON p.id = bp.patch_id "
				      "WHERE bp.bundle_id = ? "
				      "ORDER BY p.date, p.id",
				      error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, bundle_id);
	return db_collect_ints(q, 1, out, error);
}
