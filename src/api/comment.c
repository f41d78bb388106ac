/*
 * Patch and cover comments (rest-api.md §6.8): the lists under
 * /api/patches/<id>/comments/ and /api/covers/<id>/comments/ (from 1.1)
 * and each comment's detail (from 1.3).
 */
#include "api/api.h"
#include "api/input.h"
#include "core/comment-update.h"

static char *comment_url(struct api *a, gboolean cover, gint64 parent_id,
			 gint64 id)
{
	g_autofree char *path = g_strdup_printf(
		"%s/%" G_GINT64_FORMAT "/comments/%" G_GINT64_FORMAT "/",
		cover ? "covers" : "patches", parent_id, id);
	return api_url(a, path);
}

/* A patch or (`cover`) cover comment: the embedded form of §4, or with
 * `full` the object of the comment endpoints. */
static gboolean write_comment(struct api *a, gboolean cover, gint64 id,
			      gboolean full)
{
	struct json *j = &a->json;
	enum db_status st;
	/* the embedded form needs no headers, content or submitter */
	enum api_kind kind =
		cover ? API_COVER_COMMENT_BRIEF : API_PATCH_COMMENT_BRIEF;
	if (full)
		kind = cover ? API_COVER_COMMENT : API_PATCH_COMMENT;
	const struct db_comment *cp = api_object(a, kind, id, &st);
	const struct db_submission *parent =
		cp ? api_object(a, cover ? API_COVER_BRIEF : API_PATCH_BRIEF,
				cp->parent_id, &st)
		   : NULL;
	if (!parent) {
		api_lookup_failed(a, st);
		return FALSE;
	}
	const struct db_comment c = *cp;
	const struct db_project *p = api_project(a, parent->project_id);
	if (!p)
		return FALSE;

	json_object_begin(j);
	json_kv_int(j, "id", c.id);
	if (api_at_least(a, 3)) {
		g_autofree char *url = comment_url(a, cover, c.parent_id, c.id);
		json_kv_string(j, "url", url);
	}
	if (api_at_least(a, 1)) {
		g_autofree char *web =
			api_id_url(a, API_URL_WEB, "comment", c.id, NULL);
		json_kv_string(j, "web_url", web);
	}
	json_kv_string(j, "msgid", c.msgid);
	if (api_at_least(a, 2)) {
		g_autofree char *archive = api_list_archive_url(p, c.msgid);
		json_kv_string(j, "list_archive_url", archive);
	}
	json_kv_time(j, "date", c.date);
	if (!full) {
		json_object_end(j);
		return TRUE;
	}
	g_autofree char *subject = api_header_value(c.headers, "Subject");
	json_kv_string(j, "subject", subject ? subject : "");
	json_key(j, "submitter");
	api_embed_person(a, &c.submitter);
	json_kv_string(j, "content", c.content);
	json_key(j, "headers");
	api_write_headers(j, c.headers);
	if (api_at_least(a, 3)) {
		if (c.addressed < 0)
			json_kv_null(j, "addressed");
		else
			json_kv_bool(j, "addressed", c.addressed);
	}
	json_object_end(j);
	return TRUE;
}

gboolean api_embed_comment(struct api *a, gboolean cover, gint64 id)
{
	return write_comment(a, cover, id, FALSE);
}

static gboolean write_patch_comment(struct api *a, gint64 id)
{
	return write_comment(a, FALSE, id, TRUE);
}

static gboolean write_cover_comment(struct api *a, gint64 id)
{
	return write_comment(a, TRUE, id, TRUE);
}

/* The parent in a->args[0] must exist (404 otherwise); read as the
 * comments' parent they embed. */
static gboolean parent_exists(struct api *a, gboolean cover, gint64 *id)
{
	enum db_status st = DB_NOT_FOUND;
	if (api_arg_id(a, 0, id))
		api_object(a, cover ? API_COVER_BRIEF : API_PATCH_BRIEF, *id,
			   &st);
	if (st != DB_OK) {
		api_lookup_failed(a, st);
		return FALSE;
	}
	return TRUE;
}

static gboolean patch_comments_read(struct api *a, const GArray *ids)
{
	return api_prefetch_done(a, api_prefetch(a, API_PATCH_COMMENT, ids));
}

static gboolean cover_comments_read(struct api *a, const GArray *ids)
{
	return api_prefetch_done(a, api_prefetch(a, API_COVER_COMMENT, ids));
}

static void comments_list(struct api *a, gboolean cover)
{
	struct db_list l = {.resource = cover ? DB_LIST_COVER_COMMENTS
					      : DB_LIST_PATCH_COMMENTS};
	if (!parent_exists(a, cover, &l.parent_id))
		return;
	api_list_from_params(a, &l);
	api_list_run(a, &l, cover ? cover_comments_read : patch_comments_read,
		     cover ? write_cover_comment : write_patch_comment);
}

void api_patch_comments_list(struct api *a)
{
	comments_list(a, FALSE);
}

void api_cover_comments_list(struct api *a)
{
	comments_list(a, TRUE);
}

static void comment_detail(struct api *a, gboolean cover)
{
	gint64 parent_id, id;
	g_auto(db_comment) c = {0};
	if (!parent_exists(a, cover, &parent_id))
		return;
	/* the comment must belong to that parent */
	enum db_status st = DB_NOT_FOUND;
	if (api_arg_id(a, 1, &id))
		st = db_comment_get(a->req->db, cover, id, &c, NULL);
	if (st == DB_OK && c.parent_id != parent_id)
		st = DB_NOT_FOUND;
	if (st != DB_OK) {
		api_lookup_failed(a, st);
		return;
	}
	write_comment(a, cover, id, TRUE);
}

void api_patch_comment_detail(struct api *a)
{
	comment_detail(a, FALSE);
}

void api_cover_comment_detail(struct api *a)
{
	comment_detail(a, TRUE);
}

/* PUT and PATCH of a comment's detail (§6.8): both update `addressed`
 * only (core/comment-update.h says why PUT is PATCH here). */
static void comment_write(struct api *a, gboolean cover)
{
	gint64 ids[2]; /* parent, comment */
	struct body b;
	g_auto(write_report) report = {0};
	g_autoptr(GError) error = NULL;

	if (!api_write_start(a, 2, ids, &b))
		return;
	b.partial = TRUE; /* PUT is PATCH here */
	struct comment_update in = {0};
	api_input_bool(&b, "addressed", &in.addressed);
	enum write_status st =
		comment_update(a->req->db, cover, ids[0], ids[1],
			       api_viewer_id(a), &in, &report, &error);
	body_clear(&b);
	if (st != WRITE_OK) {
		api_write_refused(a, st, &report, error);
		return;
	}
	write_comment(a, cover, ids[1], TRUE);
}

void api_patch_comment_write(struct api *a)
{
	comment_write(a, FALSE);
}

void api_cover_comment_write(struct api *a)
{
	comment_write(a, TRUE);
}
