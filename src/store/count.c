/*
 * The row counts of migration 0004 (store/count.h): upserts that add to
 * the count of a key, creating its row at the first one. A key whose
 * count falls to 0 keeps its row: the sums that read them do not care,
 * and a patch moving back and forth does not delete and recreate it.
 */
#include "store/count.h"
#include "store/query.h"

enum db_status count_patch_add(struct db *db, gint64 project_id,
			       gint64 state_id, gboolean archived,
			       gint64 delegate_id, gint64 delta, GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO patch_count (project_id, state_id, archived, "
		"delegate_id, n) VALUES (?, ?, ?, ?, ?) ON CONFLICT "
		"(project_id, state_id, archived, delegate_id) DO UPDATE SET "
		"n = patch_count.n + excluded.n",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, project_id);
	db_bind_int(q, 2, state_id);
	db_bind_int(q, 3, archived ? 1 : 0);
	db_bind_int(q, 4, delegate_id);
	db_bind_int(q, 5, delta);
	return db_query_run(q, error);
}

enum db_status count_event_add(struct db *db, gint64 project_id,
			       const char *category, gint64 actor_id,
			       GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO event_count (project_id, category, actor_id, n) "
		"VALUES (?, ?, ?, 1) ON CONFLICT (project_id, category, "
		"actor_id) DO UPDATE SET n = event_count.n + 1",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, project_id);
	db_bind_text(q, 2, category);
	db_bind_int(q, 3, actor_id);
	return db_query_run(q, error);
}

enum db_status count_total_add(struct db *db, enum count_total which,
			       gint64 project_id, GError **error)
{
	static const char *const sql[] = {
		[COUNT_PATCHES] = "INSERT INTO patch_total (project_id, n) "
				  "VALUES (?, 1) ON CONFLICT (project_id) DO "
				  "UPDATE SET n = patch_total.n + 1",
		[COUNT_EVENTS] = "INSERT INTO event_total (project_id, n) "
				 "VALUES (?, 1) ON CONFLICT (project_id) DO "
				 "UPDATE SET n = event_total.n + 1",
		[COUNT_SERIES] = "INSERT INTO series_total (project_id, n) "
				 "VALUES (?, 1) ON CONFLICT (project_id) DO "
				 "UPDATE SET n = series_total.n + 1",
		[COUNT_COVERS] = "INSERT INTO cover_total (project_id, n) "
				 "VALUES (?, 1) ON CONFLICT (project_id) DO "
				 "UPDATE SET n = cover_total.n + 1",
	};
	struct db_query *q = db_query(db, sql[which], error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, project_id);
	return db_query_run(q, error);
}
