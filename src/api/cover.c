/*
 * /api/covers/ and /api/covers/<id>/ (rest-api.md §6.6).
 */
#include "api/api.h"

static gboolean write_cover(struct api *a, gint64 id, gboolean detail)
{
	struct json *j = &a->json;
	g_auto(db_submission) full = {0};
	const struct db_submission *sp =
		api_submission(a, TRUE, id, detail, &full);
	if (!sp)
		return FALSE;
	const struct db_submission s = *sp;
	const struct db_project *p = api_project(a, s.project_id);
	if (!p)
		return FALSE;

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
		g_autofree char *comments = api_id_url(
			a, API_URL_PLAIN, "covers", s.id, "comments/");
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

static gboolean covers_read(struct api *a, const GArray *ids)
{
	enum db_status st = api_prefetch(a, API_COVER, ids);
	if (st == DB_OK)
		st = api_prefetch_refs(
			a, API_PROJECT, API_COVER, ids,
			G_STRUCT_OFFSET(struct db_submission, project_id));
	return api_prefetch_done(a, st);
}

void api_covers_list(struct api *a)
{
	struct db_list l = {.resource = DB_LIST_COVERS};
	api_list_from_params(a, &l);
	api_list_run(a, &l, covers_read, write_cover_short);
}

void api_cover_detail(struct api *a)
{
	api_detail(a, write_cover_full);
}
