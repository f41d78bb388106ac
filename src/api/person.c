/*
 * /api/people/ and /api/people/<id>/ (rest-api.md §6.3): the people who
 * sent mail, each with the user account linked to them; and the embedded
 * Person every patch, cover, comment and series shows as its submitter.
 * Only logged-in users may list people (ROUTE_AUTH in api.c).
 */
#include "api/api.h"

/* The fields of the embedded Person, inside an open object. */
static void person_fields(struct api *a, const struct db_person *p)
{
	g_autofree char *path =
		g_strdup_printf("people/%" G_GINT64_FORMAT "/", p->id);
	g_autofree char *url = api_url(a, path);
	json_kv_int(&a->json, "id", p->id);
	json_kv_string(&a->json, "url", url);
	json_kv_string(&a->json, "name", p->name);
	json_kv_string(&a->json, "email", p->email);
}

void api_write_person(struct api *a, const struct db_person *p)
{
	json_object_begin(&a->json);
	person_fields(a, p);
	json_object_end(&a->json);
}

/* The full person: the embedded fields and `user`. */
static void write_person(struct api *a, gconstpointer row)
{
	const struct db_person *p = row;
	json_object_begin(&a->json);
	person_fields(a, p);
	json_key(&a->json, "user");
	if (p->user)
		api_write_user(a, p->user);
	else
		json_null(&a->json);
	json_object_end(&a->json);
}

void api_people_list(struct api *a)
{
	static const char *const order_fields[] = {"id", "name", "email", NULL};
	static const struct api_list people = {order_fields, db_person_count,
					       db_person_list, write_person};
	api_list(a, &people);
}

void api_person_detail(struct api *a)
{
	g_autoptr(db_person) p = NULL;
	gint64 id = g_ascii_strtoll(a->args[0], NULL, 10);

	switch (db_person_get(a->req->db, id, &p, NULL)) {
	case DB_OK:
		write_person(a, p);
		break;
	case DB_NOT_FOUND:
		api_error(a, 404, "Not found.");
		break;
	default:
		api_error(a, 500, "Database error.");
		break;
	}
}
