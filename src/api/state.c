/*
 * /api/states/ and /api/states/<id>/: darn's addition to Patchwork's API.
 * Patchwork has no states endpoint, so clients hard-code the ten default
 * slugs; a site with its own states can now be discovered. Listed in
 * docs/compatibility.md.
 */
#include "api/api.h"

static void write_state(struct api *a, const struct db_state *s)
{
	struct json *j = &a->json;
	g_autofree char *url = api_id_url(a, API_URL, "states", s->id, NULL);
	json_object_begin(j);
	json_kv_int(j, "id", s->id);
	json_kv_string(j, "url", url);
	json_kv_string(j, "name", s->name);
	json_kv_string(j, "slug", s->slug);
	json_kv_int(j, "ordering", s->ordering);
	json_kv_bool(j, "action_required", s->action_required);
	json_object_end(j);
}

void api_states_list(struct api *a)
{
	g_autoptr(GPtrArray) states = NULL;
	gint64 offset, limit;

	g_autoptr(GError) error = NULL;
	enum db_status st = db_state_list(a->req->db, &states, &error);
	if (st != DB_OK) {
		api_store_failed(a, st, error);
		return;
	}
	if (!api_paginate(a, states->len, &offset, &limit))
		return;
	json_array_begin(&a->json);
	for (gint64 i = offset; i < (gint64)states->len && i < offset + limit;
	     i++)
		write_state(a, states->pdata[i]);
	json_array_end(&a->json);
}

void api_state_detail(struct api *a)
{
	g_autoptr(GPtrArray) states = NULL;
	gint64 id = g_ascii_strtoll(a->args[0], NULL, 10);

	g_autoptr(GError) error = NULL;
	enum db_status st = db_state_list(a->req->db, &states, &error);
	if (st != DB_OK) {
		api_store_failed(a, st, error);
		return;
	}
	for (guint i = 0; i < states->len; i++) {
		const struct db_state *s = states->pdata[i];
		if (s->id == id) {
			write_state(a, s);
			return;
		}
	}
	api_error(a, 404, "Not found.");
}
