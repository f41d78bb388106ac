/*
 * /api/users/ and /api/users/<id>/ (rest-api.md §6.4), and the embedded
 * User that people, maintainers and patch delegates show. Only logged-in
 * users may read them (ROUTE_AUTH in api.c); a user sees their own
 * settings on their own detail page from v1.2 on.
 *
 * Writes (PUT/PATCH of first_name, last_name and settings) wait for
 * request bodies in the server; until then they get 405.
 */
#include "api/api.h"

/* The fields of the embedded User, inside an open object. */
static void user_fields(struct api *a, const struct db_user *u)
{
	g_autofree char *path =
		g_strdup_printf("users/%" G_GINT64_FORMAT "/", u->id);
	g_autofree char *url = api_url(a, path);
	json_kv_int(&a->json, "id", u->id);
	json_kv_string(&a->json, "url", url);
	json_kv_string(&a->json, "username", u->username);
	json_kv_string(&a->json, "first_name", u->first_name);
	json_kv_string(&a->json, "last_name", u->last_name);
	json_kv_string(&a->json, "email", u->email);
}

void api_write_user(struct api *a, const struct db_user *u)
{
	json_object_begin(&a->json);
	user_fields(a, u);
	json_object_end(&a->json);
}

static void write_user_row(struct api *a, gconstpointer row)
{
	api_write_user(a, row);
}

void api_users_list(struct api *a)
{
	static const char *const order_fields[] = {"id", "username", "email",
						   NULL};
	static const struct api_list users = {order_fields, db_user_count,
					      db_user_list, write_user_row};
	api_list(a, &users);
}

void api_user_detail(struct api *a)
{
	g_autoptr(db_user) u = NULL;
	struct db_user_settings settings;
	gint64 id = g_ascii_strtoll(a->args[0], NULL, 10);

	switch (db_user_get(a->req->db, id, &u, NULL)) {
	case DB_OK:
		break;
	case DB_NOT_FOUND:
		api_error(a, 404, "Not found.");
		return;
	default:
		api_error(a, 500, "Database error.");
		return;
	}
	/* settings (v1.2+) only for the user themself; others get the
	 * list fields. */
	gboolean own = api_at_least(a, 2) && a->user && a->user->id == u->id;
	if (own &&
	    db_user_settings(a->req->db, u->id, &settings, NULL) != DB_OK) {
		api_error(a, 500, "Database error.");
		return;
	}
	json_object_begin(&a->json);
	user_fields(a, u);
	if (own) {
		json_key(&a->json, "settings");
		json_object_begin(&a->json);
		json_kv_bool(&a->json, "send_email", settings.send_email);
		json_kv_int(&a->json, "items_per_page",
			    settings.items_per_page);
		json_kv_bool(&a->json, "show_ids", settings.show_ids);
		json_object_end(&a->json);
	}
	json_object_end(&a->json);
}
