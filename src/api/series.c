/*
 * /api/series/ and /api/series/<id>/ (rest-api.md §6.7).
 */
#include "api/api.h"

/* dependencies / dependents: arrays of series API URLs (1.4, when the
 * project shows dependencies). */
static gboolean write_dependencies(struct api *a, gint64 id, gboolean reverse)
{
	enum db_status st;
	const GArray *ids = api_object(
		a, reverse ? API_SERIES_DEPENDENTS : API_SERIES_DEPENDENCIES,
		id, &st);
	if (!ids) {
		api_store_failed(a, st, NULL);
		return FALSE;
	}
	json_key(&a->json, reverse ? "dependents" : "dependencies");
	json_array_begin(&a->json);
	for (guint i = 0; i < ids->len; i++) {
		g_autofree char *url =
			api_id_url(a, API_URL, "series",
				   g_array_index(ids, gint64, i), NULL);
		json_string(&a->json, url);
	}
	json_array_end(&a->json);
	return TRUE;
}

static gboolean write_series(struct api *a, gint64 id)
{
	struct json *j = &a->json;
	enum db_status st;
	const struct db_series_full *sp = api_object(a, API_SERIES, id, &st);
	const GArray *patches =
		sp ? api_object(a, API_SERIES_PATCHES, id, &st) : NULL;
	if (!patches) {
		api_lookup_failed(a, st);
		return FALSE;
	}
	const struct db_series_full s = *sp;
	const struct db_project *p = api_project(a, s.project_id);
	if (!p)
		return FALSE;
	g_autofree char *url = api_id_url(a, API_URL, "series", s.id, NULL);

	json_object_begin(j);
	json_kv_int(j, "id", s.id);
	json_kv_string(j, "url", url);
	if (api_at_least(a, 1)) {
		g_autofree char *web_url = api_series_web_url(a, p, s.id);
		json_kv_string(j, "web_url", web_url);
	}
	json_key(j, "project");
	api_write_project(a, p, FALSE);
	json_kv_string(j, "name", s.name);
	json_kv_time(j, "date", s.date);
	json_key(j, "submitter");
	api_embed_person(a, &s.submitter);
	json_kv_int(j, "version", s.version);
	json_kv_int(j, "total", s.total);
	json_kv_int(j, "received_total", s.received_total);
	json_kv_bool(j, "received_all", s.total <= s.received_total);
	g_autofree char *mbox =
		api_id_url(a, API_URL_WEB, "series", s.id, "mbox/");
	json_kv_string(j, "mbox", mbox);
	json_key(j, "cover_letter");
	if (!s.cover_id)
		json_null(j);
	else if (!api_embed_cover(a, s.cover_id))
		return FALSE;
	json_key(j, "patches");
	json_array_begin(j);
	for (guint i = 0; i < patches->len; i++)
		if (!api_embed_patch(a, g_array_index(patches, gint64, i)))
			return FALSE;
	json_array_end(j);
	/* api_embed_* may have switched the cached project */
	p = api_project(a, s.project_id);
	if (!p)
		return FALSE;
	if (api_at_least(a, 4) && p->show_dependencies &&
	    (!write_dependencies(a, s.id, FALSE) ||
	     !write_dependencies(a, s.id, TRUE)))
		return FALSE;
	json_object_end(j);
	return TRUE;
}

/* What a page of series shows: the series, their projects, cover
 * letters, patches and (1.4) dependencies. */
static gboolean series_read(struct api *a, const GArray *ids)
{
	/* what depends on the ids alone goes with the series */
	api_send_ahead(a, API_SERIES_PATCHES, ids);
	if (api_at_least(a, 4)) {
		api_send_ahead(a, API_SERIES_DEPENDENCIES, ids);
		api_send_ahead(a, API_SERIES_DEPENDENTS, ids);
	}
	enum db_status st = api_prefetch(a, API_SERIES, ids);
	if (st == DB_OK)
		st = api_prefetch_refs(
			a, API_PROJECT, API_SERIES, ids,
			G_STRUCT_OFFSET(struct db_series_full, project_id));
	if (st == DB_OK)
		st = api_prefetch_refs(
			a, API_COVER_BRIEF, API_SERIES, ids,
			G_STRUCT_OFFSET(struct db_series_full, cover_id));
	if (st == DB_OK)
		st = api_prefetch(a, API_SERIES_PATCHES, ids);
	if (st == DB_OK) {
		g_autoptr(GArray) patches =
			api_page_members(a, API_SERIES_PATCHES, ids);
		st = api_prefetch(a, API_PATCH_BRIEF, patches);
	}
	if (st == DB_OK && api_at_least(a, 4))
		st = api_prefetch(a, API_SERIES_DEPENDENCIES, ids);
	if (st == DB_OK && api_at_least(a, 4))
		st = api_prefetch(a, API_SERIES_DEPENDENTS, ids);
	return api_prefetch_done(a, st);
}

void api_series_list(struct api *a)
{
	struct db_list l = {.resource = DB_LIST_SERIES};
	api_list_from_params(a, &l);
	api_list_run(a, &l, series_read, write_series);
}

void api_series_detail(struct api *a)
{
	api_detail(a, write_series);
}
