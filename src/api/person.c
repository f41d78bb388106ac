/*
 * /api/people/ and /api/people/<id>/ (rest-api.md §6.3): the people who
 * sent mail, each with the user account linked to them. Only logged-in
 * users may list people (ROUTE_AUTH in api.c).
 */
#include "api/api.h"

/* The full person: the embedded members and `user`. */
static gboolean write_person(struct api *a, gint64 id)
{
	enum db_status st;
	const struct db_person *p = api_object(a, API_PERSON, id, &st);
	if (!p) {
		api_lookup_failed(a, st);
		return FALSE;
	}
	struct db_person_ref r = {p->id, p->name, p->email};
	json_object_begin(&a->json);
	api_person_members(a, &r);
	json_key(&a->json, "user");
	if (p->user)
		api_write_user(a, p->user);
	else
		json_null(&a->json);
	json_object_end(&a->json);
	return TRUE;
}

static gboolean people_read(struct api *a, const GArray *ids)
{
	return api_prefetch_done(a, api_prefetch(a, API_PERSON, ids));
}

void api_people_list(struct api *a)
{
	struct db_list l = {.resource = DB_LIST_PEOPLE};
	api_list_from_params(a, &l);
	api_list_run(a, &l, people_read, write_person);
}

void api_person_detail(struct api *a)
{
	api_detail(a, write_person);
}
