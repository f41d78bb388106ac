/*
 * /api/covers/ and /api/covers/<id>/ (rest-api.md §6.6).
 */
#include "api/api.h"

static gboolean write_cover(struct api *a, gint64 id, gboolean detail)
{
	struct json *j = &a->json;
	g_auto(db_submission) s = {0};
	enum db_status st = db_cover_get(a->req->db, id,
					 detail ? DB_WITH_BODY : 0, &s, NULL);
	if (st != DB_OK) {
		api_lookup_failed(a, st);
		return FALSE;
	}
	const struct db_project *p = api_project(a, s.project_id);
	if (!p)
		return FALSE;
	g_autofree char *path =
		g_strdup_printf("covers/%" G_GINT64_FORMAT "/", s.id);

	json_object_begin(j);
	api_write_submission_head(a, "cover", p, &s, TRUE);
	json_key(j, "submitter");
	api_embed_person(a, &s.submitter);
	if (api_at_least(a, 1)) {
		api_kv_mbox(a, "cover", p, s.msgid);
	}
	json_key(j, "series");
	json_array_begin(j);
	if (s.series.id)
		api_embed_series_ref(a, p, &s.series);
	json_array_end(j);
	if (api_at_least(a, 1)) {
		g_autofree char *c = g_strconcat(path, "comments/", NULL);
		g_autofree char *comments = api_plain_url(a, c);
		json_kv_string(j, "comments", comments);
	}
	if (detail) {
		json_key(j, "headers");
		api_write_headers(j, s.headers);
		json_kv_string(j, "content", s.content);
	}
	json_object_end(j);
	return TRUE;
}

static gboolean write_cover_short(struct api *a, gint64 id)
{
	return write_cover(a, id, FALSE);
}

static gboolean write_cover_full(struct api *a, gint64 id)
{
	return write_cover(a, id, TRUE);
}

void api_covers_list(struct api *a)
{
	struct db_list l = {.resource = DB_LIST_COVERS};
	api_list_from_params(a, &l);
	api_list_run(a, &l, write_cover_short);
}

void api_cover_detail(struct api *a)
{
	api_detail(a, write_cover_full);
}
