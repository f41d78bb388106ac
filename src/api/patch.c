/*
 * /api/patches/ and /api/patches/<id>/ (rest-api.md §6.5): one writer
 * serves the list (short form) and the detail (headers, content, diff and
 * prefixes added) for every API version.
 */
#include "api/api.h"
#include "api/input.h"
#include "core/check.h"
#include "core/patch-update.h"

#include "mail/subject.h"

/* The `check` field (§9.3): read with the patch, or for a page of them
 * with one statement (patches_read); NULL after writing the store
 * failure. */
static const char *combined_check(struct api *a, const struct db_submission *s)
{
	if (s->check_state >= 0)
		return api_check_states[MIN(s->check_state, CHECK_FAIL)];
	enum db_status st;
	const GArray *state = api_object(a, API_PATCH_CHECK_STATE, s->id, &st);
	if (!state && st != DB_NOT_FOUND) {
		api_store_failed(a, st, NULL);
		return NULL;
	}
	return api_check_states[state && state->len
					? CLAMP(g_array_index(state, gint64, 0),
						CHECK_PENDING, CHECK_FAIL)
					: CHECK_PENDING];
}

/* The `prefixes` field: the stored name's prefixes with `patch` dropped
 * (§6.5.2). */
static void write_prefixes(struct json *j, const char *name)
{
	g_autofree char *clean = NULL;
	g_autoptr(GPtrArray) prefixes = NULL;
	subject_clean(name, NULL, &clean, &prefixes);
	json_key(j, "prefixes");
	json_array_begin(j);
	for (guint i = 0; i < prefixes->len; i++)
		json_string(j, prefixes->pdata[i]);
	json_array_end(j);
}

/*
 * How a PATCH answer shows `related` (rest-api.md §6.5.4 quirk): DRF
 * serialises the instance it updated, whose relation it read before the
 * save. So the key is left out when the patch is in no relation, and a
 * patch that was in one shows that relation's members as they were.
 */
struct related_view {
	gboolean omit_when_none;
	const GArray *before; /* members before the save, or NULL */
};

static gboolean write_related(struct api *a, const struct db_submission *s,
			      const struct related_view *rv)
{
	if (rv && rv->omit_when_none && !s->related_id)
		return TRUE;
	json_key(&a->json, "related");
	json_array_begin(&a->json);
	if (s->related_id) {
		/* the relation's other patches, by date then id */
		const GArray *ids = rv ? rv->before : NULL;
		enum db_status st = DB_OK;
		if (!ids)
			ids = api_object(a, API_RELATION_PATCHES, s->related_id,
					 &st);
		if (!ids) {
			api_store_failed(a, st, NULL);
			return FALSE;
		}
		for (guint i = 0; i < ids->len; i++) {
			gint64 id = g_array_index(ids, gint64, i);
			if (id != s->id && !api_embed_patch(a, id))
				return FALSE;
		}
	}
	json_array_end(&a->json);
	return TRUE;
}

static gboolean write_patch(struct api *a, gint64 id, gboolean detail,
			    const struct related_view *rv)
{
	struct json *j = &a->json;
	g_auto(db_submission) full = {0};
	const struct db_submission *sp =
		api_submission(a, FALSE, id, detail, &full);
	if (!sp)
		return FALSE;
	const struct db_submission s = *sp;
	const struct db_project *p = api_project(a, s.project_id);
	const char *check = p ? combined_check(a, &s) : NULL;
	if (!check)
		return FALSE;

	json_object_begin(j);
	api_write_submission_head(a, "patch", p, &s, TRUE);
	json_kv_string(j, "commit_ref", s.commit_ref);
	json_kv_string(j, "pull_url", s.pull_url);
	json_kv_string(j, "state", s.state);
	json_kv_bool(j, "archived", s.archived);
	json_kv_string(j, "hash", s.hash);
	json_key(j, "submitter");
	api_embed_person(a, &s.submitter);
	json_key(j, "delegate");
	api_embed_user(a, &s.delegate);
	api_kv_mbox(a, "patch", p, s.msgid);
	json_key(j, "series");
	json_array_begin(j);
	if (s.series.id)
		api_embed_series_ref(a, p, &s.series);
	json_array_end(j);
	if (api_at_least(a, 1)) {
		g_autofree char *comments = api_id_url(
			a, API_URL_PLAIN, "patches", s.id, "comments/");
		json_kv_string(j, "comments", comments);
	}
	json_kv_string(j, "check", check);
	g_autofree char *checks =
		api_id_url(a, API_URL_PLAIN, "patches", s.id, "checks/");
	json_kv_string(j, "checks", checks);
	json_key(j, "tags");
	json_object_begin(j);
	json_object_end(j);
	if (api_at_least(a, 2) && !write_related(a, &s, rv))
		return FALSE;
	if (detail) {
		json_key(j, "headers");
		api_write_headers(j, s.headers);
		json_kv_string(j, "content", s.content);
		json_kv_string(j, "diff", s.diff);
		write_prefixes(j, s.name);
	}
	json_object_end(j);
	return TRUE;
}

static gboolean write_patch_short(struct api *a, gint64 id)
{
	return write_patch(a, id, FALSE, NULL);
}

static gboolean write_patch_full(struct api *a, gint64 id)
{
	return write_patch(a, id, TRUE, NULL);
}

/* What a page of patches shows: the patches, their projects, check
 * states and (1.2+) the patches related to them. */
static gboolean patches_read(struct api *a, const GArray *ids)
{
	api_send_ahead(a, API_PATCH_CHECK_STATE, ids); /* with the patches */
	enum db_status st = api_prefetch(a, API_PATCH, ids);
	if (st == DB_OK)
		st = api_prefetch_refs(
			a, API_PROJECT, API_PATCH, ids,
			G_STRUCT_OFFSET(struct db_submission, project_id));
	if (st == DB_OK)
		st = api_prefetch(a, API_PATCH_CHECK_STATE, ids);
	if (st == DB_OK && api_at_least(a, 2)) {
		g_autoptr(GArray) relations = api_page_ids(
			a, API_PATCH, ids,
			G_STRUCT_OFFSET(struct db_submission, related_id));
		st = api_prefetch(a, API_RELATION_PATCHES, relations);
		g_autoptr(GArray) related =
			api_page_members(a, API_RELATION_PATCHES, relations);
		if (st == DB_OK)
			st = api_prefetch(a, API_PATCH_BRIEF, related);
	}
	return api_prefetch_done(a, st);
}

void api_patches_list(struct api *a)
{
	struct db_list l = {.resource = DB_LIST_PATCHES};
	api_list_from_params(a, &l);
	api_list_run(a, &l, patches_read, write_patch_short);
}

void api_patch_detail(struct api *a)
{
	api_detail(a, write_patch_full);
}

/* PUT and PATCH of /api/patches/<id>/ (§6.5.3-6.5.5): the rules are
 * core/patch-update.c's; this reads the fields and answers. */
static void patch_write(struct api *a, gboolean put)
{
	struct db *db = a->req->db;
	gint64 id;
	struct body b;
	g_autoptr(GArray) related = NULL;
	g_autoptr(GArray) before = NULL;
	g_auto(write_report) report = {0};
	g_autoptr(GError) error = NULL;

	if (!api_write_start(a, 1, &id, &b))
		return;
	struct patch_update in = {.put = put};
	api_input_text(&b, "state", &in.state);
	api_input_id(&b, "delegate", &in.delegate);
	api_input_bool(&b, "archived", &in.archived);
	api_input_text(&b, "commit_ref", &in.commit_ref);
	api_input_text(&b, "pull_url", &in.pull_url);
	api_input_ids(&b, "related", &in.related, &related);

	g_auto(db_submission) old = {0};
	if (db_patch_get(db, id, 0, &old, NULL) == DB_OK && old.related_id)
		db_relation_patches(db, old.related_id, id, &before, NULL);
	enum write_status st = patch_update(db, id, a->user ? a->user->id : 0,
					    &in, &report, &error);
	body_clear(&b);
	if (st != WRITE_OK) {
		api_write_refused(a, st, &report, error);
		return;
	}
	struct related_view rv = {.omit_when_none = !put, .before = before};
	write_patch(a, id, TRUE, &rv);
}

void api_patch_put(struct api *a)
{
	patch_write(a, TRUE);
}

void api_patch_patch(struct api *a)
{
	patch_write(a, FALSE);
}
