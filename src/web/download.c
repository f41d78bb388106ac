/*
 * The download URLs (web-and-mbox.md §1.3): patch, cover, series and
 * bundle mboxes, a patch's raw diff, and the legacy id-based URLs that
 * redirect to them. Status codes, Content-Type and Content-Disposition are
 * Patchwork's, since git-pw, pwclient and b4 read them.
 */
#include "core/mbox.h"
#include "http/auth.h"
#include "web/web.h"

#include "mail/pystr.h"

/* Sets the download's Content-Type and an attachment file name derived
 * from `name` (§1.3) with extension ext. */
static void attachment(struct web *w, const char *content_type,
		       const char *name, const char *ext)
{
	g_autoptr(GString) v = g_string_new("attachment; filename=");

	mbox_filename(v, name ? name : "");
	g_string_append(v, ext);
	w->res->content_type = g_strdup(content_type);
	response_header(w->res, "Content-Disposition", v->str);
}

void web_patch_mbox(struct web *w)
{
	g_autofree char *msgid = web_patch_msgid(w->args[1]);
	const char *series = request_param(w->req, "series");
	g_autoptr(db_mbox) m = NULL;
	g_autoptr(GPtrArray) deps = NULL;
	g_autoptr(GError) error = NULL;
	enum db_status st;

	st = db_mbox_patch(w->req->db, w->args[0], msgid, &m, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	/* ?series=* or ?series=<the patch's series id>: the patches the
	 * patch depends on come first (an empty value counts as absent) */
	if (series && *series) {
		gint64 want = 0;
		if (!m->series_id ||
		    (strcmp(series, "*") != 0 &&
		     (!py_parse_int(series, &want) || want != m->series_id))) {
			web_not_found(w);
			return;
		}
		if (m->number > 0) {
			st = db_mbox_series_patches(w->req->db, m->series_id,
						    m->number, &deps, &error);
			if (st != DB_OK) {
				web_fail(w, st, error);
				return;
			}
		}
	}
	if (deps && deps->len) {
		mbox_append_all(w->res->body, deps);
		g_string_append_c(w->res->body, '\n');
	}
	mbox_append(w->res->body, m);
	attachment(w, "text/plain; charset=utf-8", m->name, ".patch");
}

void web_patch_raw(struct web *w)
{
	g_autofree char *msgid = web_patch_msgid(w->args[1]);
	g_autofree char *name = NULL, *diff = NULL;
	g_autoptr(GError) error = NULL;
	enum db_status st;

	st = db_patch_raw(w->req->db, w->args[0], msgid, &name, &diff, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	/* a pull request has no diff: an empty body */
	if (diff)
		g_string_append(w->res->body, diff);
	attachment(w, "text/x-patch", name, ".diff");
}

void web_cover_mbox(struct web *w)
{
	/* unlike patch URLs, cover URLs do not decode "%2F" (quirk) */
	g_autofree char *msgid = g_strdup_printf("<%s>", w->args[1]);
	g_autoptr(db_mbox) m = NULL;
	g_autoptr(GError) error = NULL;
	enum db_status st;

	st = db_mbox_cover(w->req->db, w->args[0], msgid, &m, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	mbox_append(w->res->body, m);
	attachment(w, "text/plain", m->name, ".mbox");
}

void web_series_mbox(struct web *w)
{
	struct db_series series = {0};
	g_autoptr(GPtrArray) patches = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree char *untitled = NULL;
	enum db_status st;

	st = db_series_get(w->req->db, w->ids[0], &series, &error);
	if (st == DB_OK)
		st = db_mbox_series_patches(w->req->db, series.id, 0, &patches,
					    &error);
	if (st != DB_OK) {
		db_series_clear(&series);
		web_fail(w, st, error);
		return;
	}
	mbox_append_all(w->res->body, patches);
	/* str(series): the name, or the fallback for an unnamed one */
	if (!series.name || !*series.name)
		untitled = g_strdup_printf("Untitled series #%" G_GINT64_FORMAT,
					   series.id);
	attachment(w, "text/plain", untitled ? untitled : series.name,
		   ".patch");
	db_series_clear(&series);
}

/*
 * How Django puts a header value on the wire: text that fits latin-1 as
 * latin-1 bytes, anything else as one RFC 2047 utf-8 word of the whole
 * value. FALSE for a line break (Django's BadHeaderError).
 */
static gboolean django_header_value(const char *value, GString *out)
{
	gboolean latin1 = TRUE;

	if (strpbrk(value, "\r\n"))
		return FALSE;
	for (const char *p = value; *p; p = g_utf8_next_char(p))
		latin1 = latin1 && g_utf8_get_char(p) <= 0xff;
	if (!latin1) {
		mbox_encoded_word(out, value);
		return TRUE;
	}
	for (const char *p = value; *p; p = g_utf8_next_char(p))
		g_string_append_c(out, (char)g_utf8_get_char(p));
	return TRUE;
}

/* DB_OK when the request's REST credentials are those of user
 * owner_id, DB_NOT_FOUND when not (bad ones are anonymous), else the
 * store's failure to check them. */
static enum db_status check_owner(struct web *w, gint64 owner_id,
				  GError **error)
{
	g_autoptr(db_user) user = NULL;
	const char *detail;
	switch (http_authenticate_rest(w->req, &user, &detail, error)) {
	case HTTP_AUTH_OK:
		return user && user->id == owner_id ? DB_OK : DB_NOT_FOUND;
	case HTTP_AUTH_DENIED:
		return DB_NOT_FOUND;
	default:
		return error && *error ? (enum db_status)(*error)->code
				       : DB_ERROR;
	}
}

void web_bundle_mbox(struct web *w)
{
	gint64 id = 0, owner = 0;
	gboolean public = FALSE;
	g_autoptr(GPtrArray) patches = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(GString) value = g_string_new(NULL);
	enum db_status st;

	st = db_mbox_bundle(w->req->db, w->args[0], w->args[1], &id, &owner,
			    &public, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	/* A private bundle is only for its owner, who authenticates with
	 * REST credentials (Basic or Token; bad ones are anonymous, as
	 * Patchwork's rest_auth): else Patchwork's bare
	 * HttpResponseNotFound, with an empty body. */
	st = public ? DB_OK : check_owner(w, owner, &error);
	if (st == DB_NOT_FOUND) {
		w->res->status = 404;
		w->res->content_type = g_strdup("text/html; charset=utf-8");
		return;
	}
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	st = db_mbox_bundle_patches(w->req->db, id, &patches, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	/* the name goes in unsanitised, as in Patchwork */
	g_autofree char *disposition = g_strdup_printf(
		"attachment; filename=bundle-%" G_GINT64_FORMAT "-%s.mbox", id,
		w->args[1]);
	if (!django_header_value(disposition, value)) {
		w->res->status = 500;
		return;
	}
	mbox_append_all(w->res->body, patches);
	w->res->content_type = g_strdup("text/plain");
	response_header(w->res, "Content-Disposition", value->str);
}

/* ---- legacy id-based URLs ---------------------------------------------- */

/* 302 to the page of patch (or cover) w->ids[0] plus suffix. */
static void redirect_by_id(struct web *w, gboolean patch, const char *suffix)
{
	g_autofree char *linkname = NULL, *msgid = NULL, *path = NULL;
	g_autoptr(GError) error = NULL;
	enum db_status st =
		patch ? db_patch_location(w->req->db, w->ids[0], &linkname,
					  &msgid, &error)
		      : db_cover_location(w->req->db, w->ids[0], &linkname,
					  &msgid, &error);

	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	path = web_submission_path(linkname, patch ? "patch" : "cover", msgid);
	g_autofree char *location = g_strconcat(path, suffix, NULL);
	web_redirect(w, location);
}

void web_patch_redirect(struct web *w)
{
	redirect_by_id(w, TRUE, "");
}

void web_patch_mbox_redirect(struct web *w)
{
	redirect_by_id(w, TRUE, "mbox/");
}

void web_patch_raw_redirect(struct web *w)
{
	redirect_by_id(w, TRUE, "raw/");
}

void web_cover_redirect(struct web *w)
{
	redirect_by_id(w, FALSE, "");
}

void web_cover_mbox_redirect(struct web *w)
{
	redirect_by_id(w, FALSE, "mbox/");
}

void web_comment_redirect(struct web *w)
{
	g_autofree char *linkname = NULL, *msgid = NULL, *path = NULL;
	g_autoptr(GError) error = NULL;
	gboolean is_patch = FALSE;
	enum db_status st = db_comment_location(
		w->req->db, w->ids[0], &is_patch, &linkname, &msgid, &error);

	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	path = web_submission_path(linkname, is_patch ? "patch" : "cover",
				   msgid);
	g_autofree char *location =
		g_strdup_printf("%s#%" G_GINT64_FORMAT, path, w->ids[0]);
	web_redirect(w, location);
}
