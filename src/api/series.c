/*
 * /api/series/ and /api/series/<id>/ (rest-api.md §6.7).
 */
#include "api/api.h"

/* dependencies / dependents: arrays of series API URLs (1.4, when the
 * project shows dependencies). */
static gboolean write_dependencies(struct api *a, gint64 id, gboolean reverse)
{
	g_autoptr(GArray) ids = NULL;
	if (db_series_dependency_ids(a->req->db, id, reverse, &ids, NULL) !=
	    DB_OK) {
		api_error(a, 500, "Database error.");
		return FALSE;
	}
	json_key(&a->json, reverse ? "dependents" : "dependencies");
	json_array_begin(&a->json);
	for (guint i = 0; i < ids->len; i++) {
		g_autofree char *path =
			g_strdup_printf("series/%" G_GINT64_FORMAT "/",
					g_array_index(ids, gint64, i));
		g_autofree char *url = api_url(a, path);
		json_string(&a->json, url);
	}
	json_array_end(&a->json);
	return TRUE;
}

static gboolean write_series(struct api *a, gint64 id)
{
	struct json *j = &a->json;
	g_auto(db_series_full) s = {0};
	g_autoptr(GArray) patches = NULL;
	enum db_status st = db_series_full_get(a->req->db, id, &s, NULL);
	if (st == DB_OK)
		st = db_series_patch_ids(a->req->db, s.id, &patches, NULL);
	if (st != DB_OK) {
		api_lookup_failed(a, st);
		return FALSE;
	}
	const struct db_project *p = api_project(a, s.project_id);
	if (!p)
		return FALSE;
	g_autofree char *path =
		g_strdup_printf("series/%" G_GINT64_FORMAT "/", s.id);
	g_autofree char *url = api_url(a, path);

	json_object_begin(j);
	json_kv_int(j, "id", s.id);
	json_kv_string(j, "url", url);
	if (api_at_least(a, 1)) {
		g_autofree char *l = http_quote(p->linkname, "!$&'()*+,;=:@/");
		g_autofree char *web = g_strdup_printf(
			"project/%s/list/?series=%" G_GINT64_FORMAT, l, s.id);
		g_autofree char *web_url = api_web_url(a, web);
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
	g_autofree char *mbox_path =
		g_strdup_printf("series/%" G_GINT64_FORMAT "/mbox/", s.id);
	g_autofree char *mbox = api_web_url(a, mbox_path);
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

void api_series_list(struct api *a)
{
	struct db_list l = {.resource = DB_LIST_SERIES};
	api_list_from_params(a, &l);
	api_list_run(a, &l, write_series);
}

void api_series_detail(struct api *a)
{
	api_detail(a, write_series);
}
