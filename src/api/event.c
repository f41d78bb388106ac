/*
 * /api/events/ (rest-api.md §6.11, §10): each event with the payload of
 * its category, objects embedded in the requested version's form.
 */
#include "api/api.h"

/* The payload keys of each category, in order (§10.2). */
static const struct {
	const char *category;
	const char *keys[4];
} payloads[] = {
	{"cover-created", {"cover"}},
	{"patch-created", {"patch"}},
	{"patch-completed", {"patch", "series"}},
	{"patch-state-changed", {"patch", "previous_state", "current_state"}},
	{"patch-delegated", {"patch", "previous_delegate", "current_delegate"}},
	{"patch-relation-changed",
	 {"patch", "previous_relation", "current_relation"}},
	{"check-created", {"patch", "check"}},
	{"series-created", {"series"}},
	{"series-completed", {"series"}},
	{"cover-comment-created", {"cover", "comment"}},
	{"patch-comment-created", {"patch", "comment"}},
};

static gboolean write_user_id(struct api *a, gint64 id)
{
	static const struct db_user_ref none = {0};
	enum db_status st = DB_OK;
	const struct db_user_ref *u =
		id ? api_object(a, API_USER, id, &st) : &none;
	if (u)
		api_embed_user(a, u);
	else
		api_lookup_failed(a, st);
	return u != NULL;
}

/* One payload member: the key, then its value. */
static gboolean write_member(struct api *a, const struct db_event *e,
			     const char *key)
{
	struct json *j = &a->json;
	json_key(j, key);
	if (strcmp(key, "patch") == 0)
		return e->patch_id ? api_embed_patch(a, e->patch_id)
				   : (json_null(j), TRUE);
	if (strcmp(key, "cover") == 0)
		return e->cover_id ? api_embed_cover(a, e->cover_id)
				   : (json_null(j), TRUE);
	if (strcmp(key, "series") == 0)
		return e->series_id ? api_embed_series(a, e->series_id)
				    : (json_null(j), TRUE);
	if (strcmp(key, "check") == 0)
		return e->created_check_id
			       ? api_embed_check(a, e->created_check_id)
			       : (json_null(j), TRUE);
	if (strcmp(key, "comment") == 0) {
		gboolean cover = e->cover_comment_id != 0;
		gint64 id = cover ? e->cover_comment_id : e->patch_comment_id;
		return id ? api_embed_comment(a, cover, id)
			  : (json_null(j), TRUE);
	}
	if (strcmp(key, "previous_state") == 0) {
		json_string(j, e->previous_state);
		return TRUE;
	}
	if (strcmp(key, "current_state") == 0) {
		json_string(j, e->current_state);
		return TRUE;
	}
	if (strcmp(key, "previous_delegate") == 0)
		return write_user_id(a, e->previous_delegate_id);
	if (strcmp(key, "current_delegate") == 0)
		return write_user_id(a, e->current_delegate_id);
	/* previous_relation, current_relation: always null (§10.2) */
	json_null(j);
	return TRUE;
}

static gboolean write_event(struct api *a, gint64 id)
{
	struct json *j = &a->json;
	enum db_status st;
	const struct db_event *ep = api_object(a, API_EVENT, id, &st);
	if (!ep) {
		api_lookup_failed(a, st);
		return FALSE;
	}
	const struct db_event e = *ep;
	const struct db_project *p = api_project(a, e.project_id);
	if (!p)
		return FALSE;
	json_object_begin(j);
	json_kv_int(j, "id", e.id);
	json_kv_string(j, "category", e.category);
	json_key(j, "project");
	api_write_project(a, p, FALSE);
	json_kv_time(j, "date", e.date);
	json_key(j, "actor");
	if (!write_user_id(a, e.actor_id))
		return FALSE;
	json_key(j, "payload");
	json_object_begin(j);
	for (gsize i = 0; i < G_N_ELEMENTS(payloads); i++) {
		if (strcmp(payloads[i].category, e.category) != 0)
			continue;
		for (gsize k = 0;
		     k < G_N_ELEMENTS(payloads[i].keys) && payloads[i].keys[k];
		     k++)
			if (!write_member(a, &e, payloads[i].keys[k]))
				return FALSE;
	}
	json_object_end(j);
	json_object_end(j);
	return TRUE;
}

/* What a page of events shows: the events and, for all of them at
 * once, each kind of object their payloads embed. */
static gboolean events_read(struct api *a, const GArray *ids)
{
	static const struct {
		enum api_kind kind;
		gsize offset;
	} refs[] = {
		{API_PROJECT, G_STRUCT_OFFSET(struct db_event, project_id)},
		{API_USER, G_STRUCT_OFFSET(struct db_event, actor_id)},
		{API_USER,
		 G_STRUCT_OFFSET(struct db_event, previous_delegate_id)},
		{API_USER,
		 G_STRUCT_OFFSET(struct db_event, current_delegate_id)},
		{API_PATCH_BRIEF, G_STRUCT_OFFSET(struct db_event, patch_id)},
		{API_COVER_BRIEF, G_STRUCT_OFFSET(struct db_event, cover_id)},
		{API_SERIES, G_STRUCT_OFFSET(struct db_event, series_id)},
		{API_CHECK, G_STRUCT_OFFSET(struct db_event, created_check_id)},
		{API_PATCH_COMMENT_BRIEF,
		 G_STRUCT_OFFSET(struct db_event, patch_comment_id)},
		{API_COVER_COMMENT_BRIEF,
		 G_STRUCT_OFFSET(struct db_event, cover_comment_id)},
	};
	enum db_status st = api_prefetch(a, API_EVENT, ids);
	/* the users of one statement: actors and both delegates */
	g_autoptr(GArray) users = g_array_new(FALSE, FALSE, sizeof(gint64));
	for (gsize i = 0; i < G_N_ELEMENTS(refs) && st == DB_OK; i++) {
		g_autoptr(GArray) some =
			api_page_ids(a, API_EVENT, ids, refs[i].offset);
		if (refs[i].kind == API_USER)
			g_array_append_vals(users, some->data, some->len);
		else /* all of them in one round trip */
			api_send_ahead(a, refs[i].kind, some);
	}
	if (st == DB_OK)
		api_send_ahead(a, API_USER, users);
	for (gsize i = 0; i < G_N_ELEMENTS(refs) && st == DB_OK; i++)
		if (refs[i].kind != API_USER)
			st = api_prefetch_refs(a, refs[i].kind, API_EVENT, ids,
					       refs[i].offset);
	if (st == DB_OK)
		st = api_prefetch(a, API_USER, users);
	return api_prefetch_done(a, st);
}

void api_events_list(struct api *a)
{
	/* comment events exist in the API from 1.3 */
	struct db_list l = {.resource = DB_LIST_EVENTS,
			    .no_comment_events = !api_at_least(a, 3)};
	api_list_from_params(a, &l);
	api_list_run(a, &l, events_read, write_event);
}
