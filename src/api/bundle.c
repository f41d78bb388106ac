/*
 * /api/bundles/ and /api/bundles/<id>/ (rest-api.md §6.10): the read
 * side. Anonymous clients see public bundles only.
 */
#include "api/api.h"

static gboolean write_bundle(struct api *a, gint64 id)
{
	struct json *j = &a->json;
	g_auto(db_bundle) b = {0};
	g_autoptr(GArray) patches = NULL;
	enum db_status st =
		db_bundle_get(a->req->db, id, api_viewer_id(a), &b, NULL);
	if (st == DB_OK)
		st = db_bundle_patch_ids(a->req->db, b.id, &patches, NULL);
	if (st != DB_OK) {
		api_lookup_failed(a, st);
		return FALSE;
	}
	const struct db_project *p = api_project(a, b.project_id);
	if (!p)
		return FALSE;
	g_autofree char *path =
		g_strdup_printf("bundles/%" G_GINT64_FORMAT "/", b.id);
	g_autofree char *url = api_url(a, path);
	g_autofree char *owner = http_quote(b.owner.username, "!$&'()*+,;=:@");
	g_autofree char *name = http_quote(b.name, "!$&'()*+,;=:@");
	g_autofree char *web = g_strdup_printf("bundle/%s/%s/", owner, name);

	json_object_begin(j);
	json_kv_int(j, "id", b.id);
	json_kv_string(j, "url", url);
	if (api_at_least(a, 1)) {
		g_autofree char *web_url = api_web_url(a, web);
		json_kv_string(j, "web_url", web_url);
	}
	json_key(j, "project");
	api_write_project(a, p, FALSE);
	json_kv_string(j, "name", b.name);
	json_key(j, "owner");
	api_embed_user(a, &b.owner);
	json_key(j, "patches");
	json_array_begin(j);
	for (guint i = 0; i < patches->len; i++)
		if (!api_embed_patch(a, g_array_index(patches, gint64, i)))
			return FALSE;
	json_array_end(j);
	json_kv_bool(j, "public", b.public);
	g_autofree char *mbox_path = g_strconcat(web, "mbox/", NULL);
	g_autofree char *mbox = api_web_url(a, mbox_path);
	json_kv_string(j, "mbox", mbox);
	json_object_end(j);
	return TRUE;
}

void api_bundles_list(struct api *a)
{
	struct db_list l = {.resource = DB_LIST_BUNDLES,
			    .viewer_id = api_viewer_id(a)};
	api_list_from_params(a, &l);
	api_list_run(a, &l, write_bundle);
}

void api_bundle_detail(struct api *a)
{
	api_detail(a, write_bundle);
}
