/*
 * /api/bundles/ and /api/bundles/<id>/ (rest-api.md §6.10): the read
 * side (anonymous clients see public bundles only, owners their private
 * ones too) and the writes, whose rules are core/bundle-write.c's.
 */
#include "api/api.h"
#include "api/input.h"
#include "core/bundle-write.h"

static gboolean write_bundle(struct api *a, gint64 id)
{
	struct json *j = &a->json;
	enum db_status st;
	const struct db_bundle *bp = api_object(a, API_BUNDLE, id, &st);
	const GArray *patches =
		bp ? api_object(a, API_BUNDLE_PATCHES, id, &st) : NULL;
	if (!patches) {
		api_lookup_failed(a, st);
		return FALSE;
	}
	const struct db_bundle b = *bp;
	const struct db_project *p = api_project(a, b.project_id);
	if (!p)
		return FALSE;
	g_autofree char *url = api_id_url(a, API_URL, "bundles", b.id, NULL);
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

/* What a page of bundles shows: the bundles, projects and patches. */
static gboolean bundles_read(struct api *a, const GArray *ids)
{
	enum db_status st = api_prefetch(a, API_BUNDLE, ids);
	if (st == DB_OK)
		st = api_prefetch_refs(
			a, API_PROJECT, API_BUNDLE, ids,
			G_STRUCT_OFFSET(struct db_bundle, project_id));
	if (st == DB_OK)
		st = api_prefetch(a, API_BUNDLE_PATCHES, ids);
	if (st == DB_OK) {
		g_autoptr(GArray) patches =
			api_page_members(a, API_BUNDLE_PATCHES, ids);
		st = api_prefetch(a, API_PATCH_BRIEF, patches);
	}
	return api_prefetch_done(a, st);
}

void api_bundles_list(struct api *a)
{
	struct db_list l = {.resource = DB_LIST_BUNDLES,
			    .viewer_id = api_viewer_id(a)};
	api_list_from_params(a, &l);
	api_list_run(a, &l, bundles_read, write_bundle);
}

void api_bundle_detail(struct api *a)
{
	api_detail(a, write_bundle);
}

/* The fields of a bundle write (§6.10). */
static void read_bundle(const struct body *b, gboolean put,
			struct bundle_write *in, GArray **patches)
{
	*in = (struct bundle_write){.put = put};
	api_input_text(b, "name", &in->name);
	api_input_bool(b, "public", &in->public);
	api_input_ids(b, "patches", &in->patches, patches);
}

void api_bundle_create(struct api *a)
{
	struct body b;
	gint64 id = 0;
	g_autoptr(GArray) patches = NULL;
	g_auto(write_report) report = {0};
	g_autoptr(GError) error = NULL;

	if (!api_read_body(a, &b))
		return;
	struct bundle_write in;
	read_bundle(&b, FALSE, &in, &patches);
	enum write_status st = bundle_create(a->req->db, api_viewer_id(a), &in,
					     &id, &report, &error);
	body_clear(&b);
	if (st != WRITE_OK) {
		api_write_refused(a, st, &report, error);
		return;
	}
	if (!write_bundle(a, id))
		return;
	a->res->status = 201;
	g_autofree char *url = api_id_url(a, API_URL, "bundles", id, NULL);
	response_header(a->res, "Location", url);
}

static void bundle_write(struct api *a, gboolean put)
{
	struct body b;
	gint64 id;
	g_autoptr(GArray) patches = NULL;
	g_auto(write_report) report = {0};
	g_autoptr(GError) error = NULL;

	if (!api_write_start(a, 1, &id, &b))
		return;
	struct bundle_write in;
	read_bundle(&b, put, &in, &patches);
	enum write_status st = bundle_update(a->req->db, id, api_viewer_id(a),
					     &in, &report, &error);
	body_clear(&b);
	if (st != WRITE_OK) {
		api_write_refused(a, st, &report, error);
		return;
	}
	write_bundle(a, id);
}

void api_bundle_put(struct api *a)
{
	bundle_write(a, TRUE);
}

void api_bundle_patch(struct api *a)
{
	bundle_write(a, FALSE);
}

/* DRF's 204 has neither body nor Content-Type. */
void api_bundle_delete(struct api *a)
{
	gint64 id;
	g_autoptr(GError) error = NULL;
	g_auto(write_report) report = {0};

	if (!api_write_start(a, 1, &id, NULL))
		return;
	enum write_status st =
		bundle_delete(a->req->db, id, api_viewer_id(a), &error);
	if (st != WRITE_OK) {
		api_write_refused(a, st, &report, error);
		return;
	}
	a->res->status = 204;
	g_string_truncate(a->res->body, 0);
	g_clear_pointer(&a->res->content_type, g_free);
}
