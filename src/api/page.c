/*
 * The objects a response writes, read from the store a page at a time
 * (issue 9): a list page prefetches its rows and everything they embed
 * with one statement per kind of object (store's *_many functions),
 * before it writes a row; the writers then find each object here. An
 * object not prefetched (a detail view, an embedded object no prefetch
 * asked for) is read on its own when first asked for, so a writer never
 * depends on what was prefetched for its correctness, only for its cost.
 * Everything is freed with the request (api_page_clear).
 */
#include "api/api.h"

static void members_free(gpointer p)
{
	g_array_unref(p);
}

static GHashTable *table(struct api *a, enum api_kind kind)
{
	if (!a->page[kind]) {
		GDestroyNotify free_value =
			kind >= API_SERIES_PATCHES ? members_free : NULL;
		/* objects live in the arrays the store returned (kept in
		 * a->page_rows); grouped values belong to the table */
		a->page[kind] = g_hash_table_new_full(
			g_int64_hash, g_int64_equal, g_free, free_value);
	}
	return a->page[kind];
}

static void put(struct api *a, enum api_kind kind, gint64 id, gpointer value)
{
	gint64 *key = g_new(gint64, 1);
	*key = id;
	g_hash_table_replace(table(a, kind), key, value);
}

/* The ids not in the table yet, each once. */
static GArray *missing(struct api *a, enum api_kind kind, const GArray *ids)
{
	GHashTable *t = table(a, kind);
	g_autoptr(GHashTable) seen =
		g_hash_table_new(g_int64_hash, g_int64_equal);
	GArray *out = g_array_new(FALSE, FALSE, sizeof(gint64));
	for (guint i = 0; i < ids->len; i++) {
		gint64 *id = &g_array_index(ids, gint64, i);
		if (*id && !g_hash_table_contains(t, id) &&
		    g_hash_table_add(seen, id))
			g_array_append_val(out, *id);
	}
	return out;
}

/* The id of an object of any kind: every store struct the kinds read
 * has its gint64 id first. */
G_STATIC_ASSERT(G_STRUCT_OFFSET(struct db_submission, id) == 0);
G_STATIC_ASSERT(G_STRUCT_OFFSET(struct db_series_full, id) == 0);
G_STATIC_ASSERT(G_STRUCT_OFFSET(struct db_event, id) == 0);
G_STATIC_ASSERT(G_STRUCT_OFFSET(struct db_check, id) == 0);
G_STATIC_ASSERT(G_STRUCT_OFFSET(struct db_comment, id) == 0);
G_STATIC_ASSERT(G_STRUCT_OFFSET(struct db_user_ref, id) == 0);
G_STATIC_ASSERT(G_STRUCT_OFFSET(struct db_person, id) == 0);
G_STATIC_ASSERT(G_STRUCT_OFFSET(struct db_bundle, id) == 0);
G_STATIC_ASSERT(G_STRUCT_OFFSET(struct db_project, id) == 0);

static gint64 object_id(gconstpointer obj)
{
	return *(const gint64 *)obj;
}

static const enum db_members members_of[] = {
	[API_SERIES_PATCHES] = DB_SERIES_PATCHES,
	[API_RELATION_PATCHES] = DB_RELATION_PATCHES,
	[API_BUNDLE_PATCHES] = DB_BUNDLE_PATCHES,
	[API_SERIES_DEPENDENCIES] = DB_SERIES_DEPENDENCIES,
	[API_SERIES_DEPENDENTS] = DB_SERIES_DEPENDENTS,
	[API_PATCH_CHECK_STATE] = DB_PATCH_CHECK_STATES,
};

/* Groups what a grouped kind's store function returned by key; every
 * key asked for gets its (maybe empty) array. */
static enum db_status load_groups(struct api *a, enum api_kind kind,
				  const GArray *keys)
{
	for (guint i = 0; i < keys->len; i++)
		put(a, kind, g_array_index(keys, gint64, i),
		    g_array_new(FALSE, FALSE, sizeof(gint64)));
	GHashTable *t = table(a, kind);
	g_autoptr(GArray) pairs = NULL;
	enum db_status st = db_members_many(a->req->db, members_of[kind], keys,
					    &pairs, NULL);
	if (st != DB_OK)
		return st;
	for (guint i = 0; i + 1 < pairs->len; i += 2)
		g_array_append_val(g_hash_table_lookup(
					   t, &g_array_index(pairs, gint64, i)),
				   g_array_index(pairs, gint64, i + 1));
	return DB_OK;
}

void api_send_ahead(struct api *a, enum api_kind kind, const GArray *ids)
{
	g_autoptr(GArray) want = missing(a, kind, ids);
	if (kind >= API_SERIES_PATCHES)
		db_members_many_prefetch(a->req->db, members_of[kind], want);
	else
		db_get_many_prefetch(a->req->db, (enum db_object)kind, want);
}

enum db_status api_prefetch(struct api *a, enum api_kind kind,
			    const GArray *ids)
{
	g_autoptr(GArray) want = missing(a, kind, ids);
	if (!want->len)
		return DB_OK;
	if (kind >= API_SERIES_PATCHES)
		return load_groups(a, kind, want);
	GArray *rows = NULL;
	enum db_status st = db_get_many(a->req->db, (enum db_object)kind, want,
					&rows, NULL);
	if (st != DB_OK)
		return st;
	gsize size = g_array_get_element_size(rows);
	for (guint i = 0; i < rows->len; i++) {
		gpointer obj = rows->data + i * size;
		/* as db_bundle_get: another user's private bundle is not
		 * there for this requester */
		const struct db_bundle *b = obj;
		if (kind == API_BUNDLE && !b->public &&
		    b->owner.id != api_viewer_id(a))
			continue;
		put(a, kind, object_id(obj), obj);
	}
	/* an id with no row is remembered as absent (NULL) */
	for (guint i = 0; i < want->len; i++) {
		gint64 id = g_array_index(want, gint64, i);
		if (!g_hash_table_contains(table(a, kind), &id))
			put(a, kind, id, NULL);
	}
	g_ptr_array_add(a->page_rows, rows);
	return DB_OK;
}

void api_page_add_project(struct api *a, struct db_project *p)
{
	if (!p)
		return;
	GArray *rows = g_array_sized_new(FALSE, FALSE, sizeof(*p), 1);
	g_array_set_clear_func(rows, (GDestroyNotify)db_project_clear);
	g_array_append_vals(rows, p, 1);
	g_free(p);
	g_ptr_array_add(a->page_rows, rows);
	struct db_project *kept = &g_array_index(rows, struct db_project, 0);
	put(a, API_PROJECT, kept->id, kept);
}

gconstpointer api_object(struct api *a, enum api_kind kind, gint64 id,
			 enum db_status *st)
{
	GHashTable *t = table(a, kind);
	gpointer value;
	*st = DB_OK;
	if (!g_hash_table_lookup_extended(t, &id, NULL, &value)) {
		g_autoptr(GArray) one = g_array_new(FALSE, FALSE, sizeof(id));
		g_array_append_val(one, id);
		*st = api_prefetch(a, kind, one);
		if (*st != DB_OK)
			return NULL;
		value = g_hash_table_lookup(t, &id);
	}
	if (!value)
		*st = DB_NOT_FOUND;
	return value;
}

void api_page_clear(struct api *a)
{
	for (int k = 0; k < API_KINDS; k++)
		if (a->page[k])
			g_hash_table_destroy(a->page[k]);
	if (a->page_rows)
		g_ptr_array_unref(a->page_rows);
}

GArray *api_page_ids(struct api *a, enum api_kind kind, const GArray *ids,
		     gsize offset)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(gint64));
	GHashTable *t = table(a, kind);
	for (guint i = 0; i < ids->len; i++) {
		const char *obj =
			g_hash_table_lookup(t, &g_array_index(ids, gint64, i));
		if (obj)
			g_array_append_val(out,
					   *(const gint64 *)(obj + offset));
	}
	return out;
}

GArray *api_page_members(struct api *a, enum api_kind kind, const GArray *keys)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(gint64));
	GHashTable *t = table(a, kind);
	for (guint i = 0; i < keys->len; i++) {
		const GArray *m =
			g_hash_table_lookup(t, &g_array_index(keys, gint64, i));
		if (m)
			g_array_append_vals(out, m->data, m->len);
	}
	return out;
}

enum db_status api_prefetch_refs(struct api *a, enum api_kind kind,
				 enum api_kind from, const GArray *ids,
				 gsize offset)
{
	g_autoptr(GArray) refs = api_page_ids(a, from, ids, offset);
	return api_prefetch(a, kind, refs);
}

gboolean api_prefetch_done(struct api *a, enum db_status st)
{
	if (st != DB_OK)
		api_store_failed(a, st, NULL);
	return st == DB_OK;
}
