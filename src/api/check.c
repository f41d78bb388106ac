/*
 * /api/patches/<id>/checks/ and /api/patches/<id>/checks/<id>/
 * (rest-api.md §6.9): the list, a check, and creating one (the rules
 * are core/check-create.c's).
 */
#include "api/api.h"
#include "api/input.h"
#include "core/check-create.h"

static char *check_url(struct api *a, gint64 patch_id, gint64 id)
{
	g_autofree char *path = g_strdup_printf("patches/%" G_GINT64_FORMAT
						"/checks/%" G_GINT64_FORMAT "/",
						patch_id, id);
	return api_url(a, path);
}

/* A check: the embedded form of §4 (event payloads), or with `full` the
 * object of the checks endpoints (§6.9). */
static gboolean write_check(struct api *a, gint64 id, gboolean full)
{
	struct json *j = &a->json;
	enum db_status st;
	const struct db_check *cp = api_object(a, API_CHECK, id, &st);
	if (!cp) {
		api_lookup_failed(a, st);
		return FALSE;
	}
	const struct db_check c = *cp;
	g_autofree char *url = check_url(a, c.patch_id, c.id);
	json_object_begin(j);
	json_kv_int(j, "id", c.id);
	json_kv_string(j, "url", url);
	if (full) {
		json_key(j, "user");
		api_embed_user(a, &c.user);
	}
	json_kv_time(j, "date", c.date);
	json_kv_string(j, "state", api_check_states[c.state & 3]);
	json_kv_string(j, "target_url", c.target_url);
	json_kv_string(j, "context", c.context);
	if (full)
		json_kv_string(j, "description", c.description);
	json_object_end(j);
	return TRUE;
}

gboolean api_embed_check(struct api *a, gint64 id)
{
	return write_check(a, id, FALSE);
}

static gboolean write_check_full(struct api *a, gint64 id)
{
	return write_check(a, id, TRUE);
}

/* The patch in a->args[0] must exist (404 otherwise). */
static gboolean patch_exists(struct api *a, gint64 *id)
{
	g_auto(db_submission) s = {0};
	enum db_status st = DB_NOT_FOUND;
	if (api_arg_id(a, 0, id))
		st = db_submission_brief(a->req->db, FALSE, *id, &s, NULL);
	if (st != DB_OK) {
		api_lookup_failed(a, st);
		return FALSE;
	}
	return TRUE;
}

static gboolean checks_read(struct api *a, const GArray *ids)
{
	return api_prefetch_done(a, api_prefetch(a, API_CHECK, ids));
}

void api_checks_list(struct api *a)
{
	struct db_list l = {.resource = DB_LIST_CHECKS};
	if (!patch_exists(a, &l.parent_id))
		return;
	api_list_from_params(a, &l);
	api_list_run(a, &l, checks_read, write_check_full);
}

void api_check_detail(struct api *a)
{
	gint64 patch_id, id;
	g_auto(db_check) c = {0};
	if (!patch_exists(a, &patch_id))
		return;
	enum db_status st = DB_NOT_FOUND;
	if (api_arg_id(a, 1, &id))
		st = db_check_get(a->req->db, id, &c, NULL);
	if (st == DB_OK && c.patch_id != patch_id)
		st = DB_NOT_FOUND;
	if (st != DB_OK) {
		api_lookup_failed(a, st);
		return;
	}
	write_check(a, id, TRUE);
}

void api_check_create(struct api *a)
{
	gint64 patch_id, check_id = 0;
	struct body b;
	g_auto(write_report) report = {0};
	g_autoptr(GError) error = NULL;

	if (!api_write_start(a, 1, &patch_id, &b))
		return;
	struct check_create in = {0};
	api_input_choice(&b, "state", &in.state);
	api_input_id(&b, "user", &in.user);
	api_input_text(&b, "target_url", &in.target_url);
	api_input_text(&b, "context", &in.context);
	api_input_text(&b, "description", &in.description);
	enum write_status st =
		check_create(a->req->db, patch_id, a->user ? a->user->id : 0,
			     &in, &check_id, &report, &error);
	body_clear(&b);
	if (st != WRITE_OK) {
		api_write_refused(a, st, &report, error);
		return;
	}
	if (!write_check(a, check_id, TRUE))
		return;
	a->res->status = 201;
	g_autofree char *url = check_url(a, patch_id, check_id);
	response_header(a->res, "Location", url);
}
