/*
 * The row counts of migration 0004 (store/count.h): upserts that add to
 * the count of a key, creating its row at the first one. A key whose
 * count falls to 0 keeps its row: the sums that read them do not care,
 * and a patch moving back and forth does not delete and recreate it.
 *
 * In bulk mode (parsearchive) the deltas are summed in memory and the
 * upserts run once per key at commit: a batch of a thousand mails makes
 * a few dozen instead of four per mail, all on the same few rows.
 */
#include "store/backend.h"
#include "store/count.h"
#include "store/query.h"

/* One key's summed delta. */
struct delta {
	enum { PATCH_COUNT, EVENT_COUNT, TOTAL } kind;
	gint64 project_id;
	gint64 state_id, archived, delegate_id; /* PATCH_COUNT */
	char *category;				/* EVENT_COUNT */
	gint64 actor_id;			/* EVENT_COUNT */
	enum count_total which;			/* TOTAL */
	gint64 n;
};

/* The deltas not yet written: of the open savepoint, and of the
 * transaction (the savepoints released). Key text -> struct delta. */
struct count_pending {
	GHashTable *unit, *txn;
};

static void delta_free(gpointer data)
{
	struct delta *d = data;
	g_free(d->category);
	g_free(d);
}

static GHashTable *deltas_new(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
				     delta_free);
}

void count_pending_start(struct db *db)
{
	if (db->counts)
		return;
	db->counts = g_new0(struct count_pending, 1);
	db->counts->unit = deltas_new();
	db->counts->txn = deltas_new();
}

void count_pending_stop(struct db *db)
{
	if (!db->counts)
		return;
	g_hash_table_destroy(db->counts->unit);
	g_hash_table_destroy(db->counts->txn);
	g_clear_pointer(&db->counts, g_free);
}

/* Adds d (taken) to the delta of its key in `deltas`. */
static void delta_add(GHashTable *deltas, char *key, struct delta *d)
{
	struct delta *old = g_hash_table_lookup(deltas, key);
	if (old) {
		old->n += d->n;
		g_free(key);
		delta_free(d);
		return;
	}
	g_hash_table_insert(deltas, key, d);
}

void count_pending_keep(struct db *db)
{
	if (!db->counts)
		return;
	GHashTableIter it;
	gpointer key, value;
	g_hash_table_iter_init(&it, db->counts->unit);
	while (g_hash_table_iter_next(&it, &key, &value)) {
		g_hash_table_iter_steal(&it);
		delta_add(db->counts->txn, key, value);
	}
}

void count_pending_drop(struct db *db, gboolean transaction)
{
	if (!db->counts)
		return;
	g_hash_table_remove_all(db->counts->unit);
	if (transaction)
		g_hash_table_remove_all(db->counts->txn);
}

/* Adds a copy of d (its category taken) under `key` (taken) to the open
 * savepoint's deltas (bulk mode). */
static enum db_status defer(struct db *db, char *key, const struct delta *d)
{
	delta_add(db->counts->unit, key, g_memdup2(d, sizeof(*d)));
	return DB_OK;
}

static enum db_status patch_count_write(struct db *db, gint64 project_id,
					gint64 state_id, gint64 archived,
					gint64 delegate_id, gint64 delta,
					GError **error)

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
	db_bind_int(q, 3, archived);
	db_bind_int(q, 4, delegate_id);
	db_bind_int(q, 5, delta);
	return db_query_run(q, error);
}

enum db_status count_patch_add(struct db *db, gint64 project_id,
			       gint64 state_id, gboolean archived,
			       gint64 delegate_id, gint64 delta, GError **error)
{
	gint64 flag = archived ? 1 : 0;
	if (!db->counts)
		return patch_count_write(db, project_id, state_id, flag,
					 delegate_id, delta, error);
	struct delta d = {PATCH_COUNT, project_id,  state_id,
			  flag,	       delegate_id, .n = delta};
	return defer(db,
		     g_strdup_printf("p %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
				     " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
				     project_id, state_id, flag, delegate_id),
		     &d);
}

static enum db_status event_count_write(struct db *db, gint64 project_id,
					const char *category, gint64 actor_id,
					gint64 delta, GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO event_count (project_id, category, actor_id, n) "
		"VALUES (?, ?, ?, ?) ON CONFLICT (project_id, category, "
		"actor_id) DO UPDATE SET n = event_count.n + excluded.n",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, project_id);
	db_bind_text(q, 2, category);
	db_bind_int(q, 3, actor_id);
	db_bind_int(q, 4, delta);
	return db_query_run(q, error);
}

enum db_status count_event_add(struct db *db, gint64 project_id,
			       const char *category, gint64 actor_id,
			       GError **error)
{
	if (!db->counts)
		return event_count_write(db, project_id, category, actor_id, 1,
					 error);
	struct delta d = {EVENT_COUNT, project_id,
			  .category = g_strdup(category), .actor_id = actor_id,
			  .n = 1};
	return defer(db,
		     g_strdup_printf("e %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
				     " %s",
				     project_id, actor_id, category),
		     &d);
}

static enum db_status total_write(struct db *db, enum count_total which,
				  gint64 project_id, gint64 delta,
				  GError **error)
{
	static const char *const sql[] = {
		[COUNT_PATCHES] = "INSERT INTO patch_total (project_id, n) "
				  "VALUES (?, ?) ON CONFLICT (project_id) DO "
				  "UPDATE SET n = patch_total.n + excluded.n",
		[COUNT_EVENTS] = "INSERT INTO event_total (project_id, n) "
				 "VALUES (?, ?) ON CONFLICT (project_id) DO "
				 "UPDATE SET n = event_total.n + excluded.n",
		[COUNT_SERIES] = "INSERT INTO series_total (project_id, n) "
				 "VALUES (?, ?) ON CONFLICT (project_id) DO "
				 "UPDATE SET n = series_total.n + excluded.n",
		[COUNT_COVERS] = "INSERT INTO cover_total (project_id, n) "
				 "VALUES (?, ?) ON CONFLICT (project_id) DO "
				 "UPDATE SET n = cover_total.n + excluded.n",
	};
	struct db_query *q = db_query(db, sql[which], error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, project_id);
	db_bind_int(q, 2, delta);
	return db_query_run(q, error);
}

enum db_status count_total_add(struct db *db, enum count_total which,
			       gint64 project_id, GError **error)
{
	if (!db->counts)
		return total_write(db, which, project_id, 1, error);
	struct delta d = {TOTAL, project_id, .which = which, .n = 1};
	return defer(db,
		     g_strdup_printf("t %d %" G_GINT64_FORMAT, (int)which,
				     project_id),
		     &d);
}

static int compare_keys(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static enum db_status delta_write(struct db *db, const struct delta *d,
				  GError **error)
{
	switch (d->kind) {
	case PATCH_COUNT:
		return patch_count_write(db, d->project_id, d->state_id,
					 d->archived, d->delegate_id, d->n,
					 error);
	case EVENT_COUNT:
		return event_count_write(db, d->project_id, d->category,
					 d->actor_id, d->n, error);
	case TOTAL:
		break;
	}
	return total_write(db, d->which, d->project_id, d->n, error);
}

enum db_status count_pending_write(struct db *db, GError **error)
{
	if (!db->counts)
		return DB_OK;
	count_pending_keep(db);
	/* in the keys' order: the same statements whatever the hashing */
	g_autofree gpointer *keys =
		g_hash_table_get_keys_as_array(db->counts->txn, NULL);
	guint n = g_hash_table_size(db->counts->txn);
	qsort(keys, n, sizeof(*keys), compare_keys);
	enum db_status st = DB_OK;
	for (guint i = 0; i < n && st == DB_OK; i++) {
		const struct delta *d =
			g_hash_table_lookup(db->counts->txn, keys[i]);
		if (d->n)
			st = delta_write(db, d, error);
	}
	g_hash_table_remove_all(db->counts->txn);
	return st;
}
