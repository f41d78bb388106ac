/*
 * The patch forms' reads and bundle writes (db-web-forms.h): the
 * patches a bulk action selected, the user's bundles, and adding to or
 * taking from a bundle one patch at a time, as Patchwork's forms do.
 */
#include "store/query.h"

void db_form_item_clear(struct db_form_item *i)
{
	g_free(i->name);
	memset(i, 0, sizeof(*i));
}

static GArray *items_new(void)
{
	GArray *a = g_array_new(FALSE, TRUE, sizeof(struct db_form_item));
	g_array_set_clear_func(a, (GDestroyNotify)db_form_item_clear);
	return a;
}

/* Appends the rows (id, name, date) of q, bound to `id` and
 * `project_id`, that `seen` does not hold yet. */
static enum db_status collect(struct db_query *q, gint64 id, gint64 project_id,
			      GHashTable *seen, GArray *out, GError **error)
{
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, project_id);
	enum db_status st;
	while ((st = db_step(q, error)) == DB_OK) {
		gint64 patch = db_col_int(q, 0);
		if (!g_hash_table_add(seen, g_memdup2(&patch, sizeof(patch))))
			continue;
		struct db_form_item it = {.id = patch,
					  .name = db_col_dup(q, 1),
					  .date = db_col_int(q, 2)};
		g_array_append_val(out, it);
	}
	db_query_done(q);
	return st == DB_NOT_FOUND ? DB_OK : st;
}

static gint by_date(gconstpointer a, gconstpointer b)
{
	const struct db_form_item *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

enum db_status db_form_patches(struct db *db, gint64 project_id,
			       const GArray *patch_ids,
			       const GArray *series_ids, GArray **out,
			       GError **error)
{
	/* one statement per id: a form names at most a page of patches,
	 * and fixed statements stay prepared */
	static const char *const sql[] = {
		"SELECT id, name, date FROM patch WHERE id = ? AND "
		"project_id = ?",
		"SELECT id, name, date FROM patch WHERE series_id = ? AND "
		"project_id = ?",
	};
	const GArray *ids[] = {patch_ids, series_ids};
	g_autoptr(GHashTable) seen = g_hash_table_new_full(
		g_int64_hash, g_int64_equal, g_free, NULL);
	g_autoptr(GArray) items = items_new();
	for (gsize k = 0; k < G_N_ELEMENTS(sql); k++) {
		if (!ids[k] || !ids[k]->len)
			continue;
		struct db_query *q = db_query(db, sql[k], error);
		if (!q)
			return DB_ERROR;
		for (guint i = 0; i < ids[k]->len; i++) {
			enum db_status st =
				collect(q, g_array_index(ids[k], gint64, i),
					project_id, seen, items, error);
			if (st != DB_OK)
				return st;
		}
	}
	g_array_sort(items, by_date);
	*out = g_steal_pointer(&items);
	return DB_OK;
}

static const char FORM_BUNDLES_SQL[] =
	"SELECT id, name FROM bundle WHERE owner_id = ? ORDER BY id";

void db_form_bundles_prefetch(struct db *db, gint64 owner_id)
{
	db_prefetch_id(db, FORM_BUNDLES_SQL, owner_id);
}

enum db_status db_form_bundles(struct db *db, gint64 owner_id, GArray **out,
			       GError **error)
{
	struct db_query *q = db_query(db, FORM_BUNDLES_SQL, error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, owner_id);
	g_autoptr(GArray) items = items_new();
	enum db_status st;
	while ((st = db_step(q, error)) == DB_OK) {
		struct db_form_item it = {.id = db_col_int(q, 0),
					  .name = db_col_dup(q, 1)};
		g_array_append_val(items, it);
	}
	db_query_done(q);
	if (st != DB_NOT_FOUND)
		return st;
	*out = g_steal_pointer(&items);
	return DB_OK;
}

/* The statement `sql` with its first two parameters bound to the bundle
 * and the patch, or NULL. */
static struct db_query *bundle_patch(struct db *db, const char *sql,
				     gint64 bundle_id, gint64 patch_id,
				     GError **error)
{
	struct db_query *q = db_query(db, sql, error);
	if (q) {
		db_bind_int(q, 1, bundle_id);
		db_bind_int(q, 2, patch_id);
	}
	return q;
}

/* DB_OK when the patch is in the bundle, DB_NOT_FOUND when not. */
static enum db_status holds(struct db *db, gint64 bundle_id, gint64 patch_id,
			    GError **error)
{
	struct db_query *q = bundle_patch(db,
					  "SELECT 1 FROM bundle_patch WHERE "
					  "bundle_id = ? AND patch_id = ?",
					  bundle_id, patch_id, error);
	if (!q)
		return DB_ERROR;
	enum db_status st = db_step(q, error);
	db_query_done(q);
	return st;
}

/* Appends the patch (`add`) or takes it out; *changed is FALSE when it
 * was in the bundle already (add) or was not in it. */
static enum db_status change(struct db *db, gint64 bundle_id, gint64 patch_id,
			     gboolean add, gboolean *changed, GError **error)
{
	*changed = FALSE;
	enum db_status st = holds(db, bundle_id, patch_id, error);
	if (st != DB_OK && st != DB_NOT_FOUND)
		return st;
	if ((st == DB_OK) == add)
		return DB_OK; /* nothing to do */
	struct db_query *q = bundle_patch(
		db,
		add ? "INSERT INTO bundle_patch (bundle_id, patch_id, "
		      "ordering) SELECT ?, ?, COALESCE(MAX(ordering), 0) + 1 "
		      "FROM bundle_patch WHERE bundle_id = ?"
		    : "DELETE FROM bundle_patch WHERE bundle_id = ? AND "
		      "patch_id = ?",
		bundle_id, patch_id, error);
	if (!q)
		return DB_ERROR;
	if (add)
		db_bind_int(q, 3, bundle_id);
	st = db_query_run(q, error);
	*changed = st == DB_OK;
	return st;
}

enum db_status db_form_bundle_append(struct db *db, gint64 bundle_id,
				     gint64 patch_id, gboolean *added,
				     GError **error)
{
	return change(db, bundle_id, patch_id, TRUE, added, error);
}

enum db_status db_form_bundle_remove(struct db *db, gint64 bundle_id,
				     gint64 patch_id, gboolean *removed,
				     GError **error)
{
	return change(db, bundle_id, patch_id, FALSE, removed, error);
}
