/*
 * Row counts the list endpoints read instead of counting rows (migration
 * 0004): store files that insert patches, covers, series and events, or
 * change a patch's project, state, archived flag or delegate, call these
 * in the same transaction, so the counts always agree with the rows.
 * Internal to store/. Each returns the store's status (*error set on
 * failure).
 */
#ifndef DARN_STORE_COUNT_H
#define DARN_STORE_COUNT_H

#include "store/db.h"

/* Adds `delta` (+1 or -1) to the patches of the project in this state,
 * archived flag and delegate (0: none): patch_count, whose keys a patch
 * moves between when it changes (the project total stays). */
enum db_status count_patch_add(struct db *db, gint64 project_id,
			       gint64 state_id, gboolean archived,
			       gint64 delegate_id, gint64 delta,
			       GError **error);
/* One more event of this category by this actor (0: none). */
enum db_status count_event_add(struct db *db, gint64 project_id,
			       const char *category, gint64 actor_id,
			       GError **error);

/* The per-project totals. */
enum count_total {
	COUNT_PATCHES, /* patch_total */
	COUNT_EVENTS,  /* event_total */
	COUNT_SERIES,  /* series_total */
	COUNT_COVERS,  /* cover_total */
};
/* One more row of that kind in the project. */
enum db_status count_total_add(struct db *db, enum count_total which,
			       gint64 project_id, GError **error);

/*
 * Bulk mode (db_set_bulk, backend.c): between start and stop the
 * functions above only sum their deltas in memory; backend.c keeps a
 * released savepoint's (keep), drops a rolled-back one's or the whole
 * transaction's (drop), and writes them, one upsert per key, just
 * before the commit (write).
 */
void count_pending_start(struct db *db);
void count_pending_stop(struct db *db);
void count_pending_keep(struct db *db);
void count_pending_drop(struct db *db, gboolean transaction);
enum db_status count_pending_write(struct db *db, GError **error);

#endif
