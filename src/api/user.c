/*
 * /api/users/ and /api/users/<id>/ (rest-api.md §6.4). Only logged-in
 * users may read them (ROUTE_AUTH in api.c); a user sees their own
 * settings on their own detail page from v1.2 on.
 *
 * PUT/PATCH change one's own first_name, last_name and (1.2+) settings;
 * the rules are core/account-update.c's.
 */
#include "api/api.h"
#include "api/input.h"
#include "core/account-update.h"

/* The embedded form's view of a user row (borrowed strings). */
static struct db_user_ref user_ref(const struct db_user *u)
{
	struct db_user_ref r = {u->id, u->username, u->first_name, u->last_name,
				u->email};
	return r;
}

void api_write_user(struct api *a, const struct db_user *u)
{
	struct db_user_ref r = user_ref(u);
	api_embed_user(a, &r);
}

/* One user, with `settings` when the requester is that user (1.2+). */
static gboolean write_user(struct api *a, gint64 id, gboolean detail)
{
	g_autoptr(db_user) u = NULL;
	struct db_user_settings settings;
	enum db_status st = db_user_get(a->req->db, id, &u, NULL);
	if (st != DB_OK) {
		api_lookup_failed(a, st);
		return FALSE;
	}
	gboolean own =
		detail && api_at_least(a, 2) && a->user && a->user->id == u->id;
	if (!own) {
		api_write_user(a, u);
		return TRUE;
	}
	g_autoptr(GError) error = NULL;
	st = db_user_settings(a->req->db, u->id, &settings, &error);
	if (st != DB_OK) {
		api_store_failed(a, st, error);
		return FALSE;
	}
	struct db_user_ref r = user_ref(u);
	json_object_begin(&a->json);
	api_user_members(a, &r);
	json_key(&a->json, "settings");
	json_object_begin(&a->json);
	json_kv_bool(&a->json, "send_email", settings.send_email);
	json_kv_int(&a->json, "items_per_page", settings.items_per_page);
	json_kv_bool(&a->json, "show_ids", settings.show_ids);
	json_object_end(&a->json);
	json_object_end(&a->json);
	return TRUE;
}

/* A row of the list: the embedded form, prefetched with the page. */
static gboolean write_user_short(struct api *a, gint64 id)
{
	enum db_status st;
	const struct db_user_ref *u = api_object(a, API_USER, id, &st);
	if (!u) {
		api_lookup_failed(a, st);
		return FALSE;
	}
	api_embed_user(a, u);
	return TRUE;
}

static gboolean users_read(struct api *a, const GArray *ids)
{
	return api_prefetch_done(a, api_prefetch(a, API_USER, ids));
}

static gboolean write_user_full(struct api *a, gint64 id)
{
	return write_user(a, id, TRUE);
}

void api_users_list(struct api *a)
{
	struct db_list l = {.resource = DB_LIST_USERS};
	api_list_from_params(a, &l);
	api_list_run(a, &l, users_read, write_user_short);
}

void api_user_detail(struct api *a)
{
	api_detail(a, write_user_full);
}

/* PUT and PATCH of /api/users/<id>/ (§6.4). */
static void user_write(struct api *a, gboolean put)
{
	gint64 id;
	struct body b, settings;
	g_auto(write_report) report = {0};
	g_autoptr(GError) error = NULL;

	if (!api_write_start(a, 1, &id, &b))
		return;
	struct user_update in = {.put = put,
				 .apply_settings = api_at_least(a, 2)};
	struct write_object set;
	api_input_text(&b, "first_name", &in.first_name);
	api_input_text(&b, "last_name", &in.last_name);
	api_input_object(&b, "settings", &settings, &set);
	in.settings.present = set.present;
	in.settings.null = set.null;
	in.settings.type_error = set.type_error;
	api_input_bool(&settings, "send_email", &in.settings.send_email);
	api_input_bool(&settings, "show_ids", &in.settings.show_ids);
	api_input_int(&settings, "items_per_page", &in.settings.items_per_page);
	enum write_status st = user_update(a->req->db, id, api_viewer_id(a),
					   &in, &report, &error);
	body_clear(&settings);
	body_clear(&b);
	if (st != WRITE_OK) {
		api_write_refused(a, st, &report, error);
		return;
	}
	write_user(a, id, TRUE);
}

void api_user_put(struct api *a)
{
	user_write(a, TRUE);
}

void api_user_patch(struct api *a)
{
	user_write(a, FALSE);
}
