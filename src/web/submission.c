/*
 * The patch and cover pages, /project/<p>/patch/<M>/ and
 * /project/<p>/cover/<M>/ (web-and-mbox.md §5.3-5.5): the details table
 * (message id, state, commit, delegate, headers, series, related
 * patches), checks, the message and its comments, and the diff. Each
 * section reads its rows in a few statements (db_get_many); folding
 * parts (headers, series, related) are <details>, which needs no script.
 */
#include "web/page.h"
#include "web/series.h"
#include "web/syntax.h"

#include "core/check.h"
#include "http/csrf.h"
#include "http/http.h"
#include "web/bulk.h"
#include "web/patch-forms.h"

struct view {
	struct web *w;
	struct page p;
	const struct db_project *project;
	struct db_submission *s;
	gboolean cover;
};

/* The rows of `kind` with `ids`, in the order of ids (db_get_many does
 * not keep it): pointers into *many, which the caller frees. */
static enum db_status get_ordered(struct db *db, enum db_object kind,
				  const GArray *ids, gsize size, GArray **many,
				  GPtrArray **out, GError **error)
{
	enum db_status st = db_get_many(db, kind, ids, many, error);
	if (st != DB_OK)
		return st;
	*out = g_ptr_array_new();
	for (guint i = 0; i < ids->len; i++) {
		gint64 id = g_array_index(ids, gint64, i);
		for (guint k = 0; k < (*many)->len; k++) {
			/* every struct starts with its gint64 id */
			char *row = (*many)->data + k * size;
			if (*(gint64 *)row == id) {
				g_ptr_array_add(*out, row);
				break;
			}
		}
	}
	return DB_OK;
}

/* The patches of `ids` (struct db_submission, brief) in that order. */
static enum db_status patch_briefs(struct db *db, const GArray *ids,
				   GArray **many, GPtrArray **out,
				   GError **error)
{
	return get_ordered(db, DB_OBJ_PATCH_BRIEF, ids,
			   sizeof(struct db_submission), many, out, error);
}

static void th(struct page *p, const char *label)
{
	html_markup(p->out, "<tr><th>");
	html_text(p->out, label);
	html_markup(p->out, "</th><td>");
}

/* "{}" of a Patchwork URL format replaced by value (str.format). */
static char *url_format(const char *fmt, const char *value)
{
	g_auto(GStrv) parts = g_strsplit(fmt, "{}", -1);
	return g_strjoinv(value, parts);
}

static void link_to(struct page *p, const char *url, const char *text)
{
	html_markup(p->out, "<a href=\"");
	html_attr(p->out, url);
	html_markup(p->out, "\">");
	html_text(p->out, text);
	html_markup(p->out, "</a>");
}

static void submitter_link(struct view *v, const struct db_person_ref *who)
{
	html_markup(v->p.out, "<a href=\"/project/");
	html_url_arg(v->p.out, v->project->linkname);
	html_markup(v->p.out, "/list/?submitter=");
	html_int(v->p.out, who->id);
	html_markup(v->p.out, "\">");
	html_text(v->p.out, who->name && *who->name ? who->name : who->email);
	html_markup(v->p.out, "</a>");
}

static void downloads(struct view *v)
{
	struct page *p = &v->p;
	const char *kind = v->cover ? "cover" : "patch";
	html_markup(p->out, "<div class=\"downloads\"><button type=\"button\" "
			    "hidden title=\"copy the id\" data-copy=\"");
	html_int(p->out, v->s->id);
	html_markup(p->out, "\">");
	html_int(p->out, v->s->id);
	html_markup(p->out, "</button>");
	if (!v->cover && v->s->diff) {
		html_markup(p->out, "<a ");
		page_submission_href(p, v->project->linkname, kind, v->s->msgid,
				     "raw/");
		html_markup(p->out, " title=\"the diff\">diff</a>");
	}
	html_markup(p->out, "<a ");
	page_submission_href(p, v->project->linkname, kind, v->s->msgid,
			     "mbox/");
	html_markup(p->out, " title=\"the mail as an mbox\">mbox</a>");
	if (v->s->series.id) {
		html_markup(p->out, "<a href=\"/series/");
		html_int(p->out, v->s->series.id);
		html_markup(p->out, "/mbox/\" title=\"the whole series as an "
				    "mbox\">series</a>");
	}
	html_markup(p->out, "</div>\n");
}

/* An item of the Series row's list: a link to the series' cover letter
 * or patch `s`, its name alone when it is the page's own submission. */
static void series_item(struct view *v, const struct db_submission *s,
			gboolean cover)
{
	struct page *p = &v->p;
	html_markup(p->out, "<li>");
	if (!v->cover == !cover && s->id == v->s->id)
		page_name(p, s->name);
	else
		page_submission_link(p, NULL, v->project->linkname,
				     cover ? "cover" : "patch", s->msgid,
				     s->name);
	html_markup(p->out, "</li>");
}

/* The Series row: the series (a link to its patch list), then its cover
 * letter and patches, this one unlinked. */
static enum db_status series_row(struct view *v, GError **error)
{
	struct db *db = v->w->req->db;
	struct page *p = &v->p;
	g_auto(db_series_full) series = {0};
	g_autoptr(GArray) cover = NULL;
	g_autoptr(GArray) patches = NULL;
	enum db_status st =
		db_series_full_get(db, v->s->series.id, &series, error);
	if (st == DB_OK)
		st = db_children(db, DB_CHILDREN_SERIES_COVER, series.id,
				 &cover, error);
	if (st == DB_OK)
		st = db_children(db, DB_CHILDREN_SERIES_PATCHES, series.id,
				 &patches, error);
	if (st != DB_OK)
		return st;
	th(p, "Series");
	html_markup(p->out, "<a href=\"/project/");
	html_url_arg(p->out, v->project->linkname);
	html_markup(p->out, "/list/?series=");
	html_int(p->out, series.id);
	html_markup(p->out, "\">");
	if (series.name)
		html_text(p->out, series.name);
	else
		html_textf(p->out, "Untitled series #%" G_GINT64_FORMAT,
			   series.id);
	html_markup(p->out, "</a>");
	if (!v->cover) {
		st = web_series_patch_nav(p, v->project, v->s, error);
		if (st != DB_OK)
			return st;
	}
	html_markup(p->out, "<details><summary>the series' patches"
			    "</summary><ul>");
	for (guint i = 0; i < cover->len; i++)
		series_item(v, &g_array_index(cover, struct db_submission, i),
			    TRUE);
	for (guint i = 0; i < patches->len; i++)
		series_item(v, &g_array_index(patches, struct db_submission, i),
			    FALSE);
	html_markup(p->out, "</ul></details></td></tr>\n");
	return DB_OK;
}

/* The Related row: the other patches of its relation, those of other
 * projects last with their project's name. */
static enum db_status related_row(struct view *v, GError **error)
{
	struct db *db = v->w->req->db;
	struct page *p = &v->p;
	g_autoptr(GArray) ids = NULL;
	g_autoptr(GArray) many = NULL;
	g_autoptr(GPtrArray) patches = NULL;
	enum db_status st = db_relation_patches(db, v->s->related_id, v->s->id,
						&ids, error);
	if (st == DB_OK)
		st = patch_briefs(db, ids, &many, &patches, error);
	if (st != DB_OK)
		return st;
	th(p, "Related");
	html_markup(p->out, "<details><summary>show</summary><ul>");
	for (int other = 0; other < 2; other++) {
		for (guint i = 0; i < patches->len; i++) {
			const struct db_submission *r = patches->pdata[i];
			if ((r->project_id != v->project->id) != other)
				continue;
			g_autoptr(db_project) in = g_new0(struct db_project, 1);
			if (other) {
				st = db_project_by_id(db, r->project_id, in,
						      error);
				if (st != DB_OK)
					return st;
			}
			html_markup(p->out, "<li>");
			page_submission_link(p, NULL,
					     other ? in->linkname
						   : v->project->linkname,
					     "patch", r->msgid, r->name);
			if (other) {
				html_markup(p->out, " (in ");
				html_text(p->out, in->name);
				html_markup(p->out, ")");
			}
			html_markup(p->out, "</li>");
		}
	}
	html_markup(p->out, "</ul></details></td></tr>\n");
	return DB_OK;
}

static enum db_status details_table(struct view *v, GError **error)
{
	struct page *p = &v->p;
	const struct db_submission *s = v->s;
	const struct db_project *pr = v->project;
	g_autofree char *bare = g_strndup(s->msgid + 1, strlen(s->msgid) - 2);
	html_markup(p->out, "<div class=\"scroll\"><table class=\"info\">\n");
	th(p, "Message ID");
	html_text(p->out, bare);
	if (pr->list_archive_url_format && *pr->list_archive_url_format) {
		g_autofree char *url =
			url_format(pr->list_archive_url_format, bare);
		html_markup(p->out, " (");
		link_to(p, url, "mailing list archive");
		html_markup(p->out, ")");
	}
	html_markup(p->out, "</td></tr>\n");
	if (!v->cover) {
		g_autoptr(GPtrArray) states = NULL;
		enum db_status st = web_states(v->w, &states, error);
		if (st != DB_OK)
			return st;
		th(p, "State");
		for (guint i = 0; i < states->len; i++) {
			const struct db_state *x = states->pdata[i];
			if (g_strcmp0(x->slug, s->state) == 0)
				html_text(p->out, x->name);
		}
		if (s->archived)
			html_text(p->out, ", archived");
		html_markup(p->out, "</td></tr>\n");
	}
	if (s->commit_ref && *s->commit_ref) {
		th(p, "Commit");
		if (pr->commit_url_format && *pr->commit_url_format) {
			g_autofree char *url = url_format(pr->commit_url_format,
							  s->commit_ref);
			link_to(p, url, s->commit_ref);
		} else {
			html_text(p->out, s->commit_ref);
		}
		html_markup(p->out, "</td></tr>\n");
	}
	if (s->delegate.id) {
		g_autofree char *name = g_strstrip(g_strdup_printf(
			"%s %s",
			s->delegate.first_name ? s->delegate.first_name : "",
			s->delegate.last_name ? s->delegate.last_name : ""));
		th(p, "Delegated to:");
		html_text(p->out, *name ? name : s->delegate.username);
		html_markup(p->out, "</td></tr>\n");
	}
	th(p, "Headers");
	html_markup(p->out, "<details><summary>show</summary><pre>");
	html_text(p->out, s->headers);
	html_markup(p->out, "</pre></details></td></tr>\n");
	enum db_status st = DB_OK;
	if (s->series.id)
		st = series_row(v, error);
	if (st == DB_OK && !v->cover && s->related_id)
		st = related_row(v, error);
	html_markup(p->out, "</table></div>\n");
	return st;
}

static enum db_status checks(struct view *v, GError **error)
{
	struct db *db = v->w->req->db;
	struct page *p = &v->p;
	static const char *const names[] = {"pending", "success", "warning",
					    "fail"};
	GArray *all = NULL;
	enum db_status st = db_patch_checks(db, v->s->id, &all, error);
	if (st != DB_OK)
		return st;
	g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(gint64));
	for (guint i = 0; i < all->len; i++)
		if (!check_superseded(all, i))
			g_array_append_val(
				ids, g_array_index(all, struct db_check, i).id);
	db_checks_free(all);
	if (!ids->len)
		return DB_OK;
	g_autoptr(GArray) many = NULL;
	g_autoptr(GPtrArray) rows = NULL;
	st = get_ordered(db, DB_OBJ_CHECK, ids, sizeof(struct db_check), &many,
			 &rows, error);
	if (st != DB_OK)
		return st;
	html_markup(p->out, "<h2>Checks</h2>\n<div class=\"scroll\"><table "
			    "class=\"checks\"><tr><th>Context</th><th>Check"
			    "</th><th>Description</th></tr>\n");
	for (guint i = 0; i < rows->len; i++) {
		const struct db_check *c = rows->pdata[i];
		const char *state =
			c->state >= 0 && c->state < 4 ? names[c->state] : "";
		html_markup(p->out, "<tr><td>");
		html_text(p->out, c->user.username);
		html_text(p->out, "/");
		html_text(p->out, c->context);
		html_markup(p->out, "</td><td><span class=\"state ");
		html_attr(p->out, state);
		html_markup(p->out, "\">");
		html_text(p->out, state);
		html_markup(p->out, "</span></td><td>");
		/* Patchwork shows "None" for a check without a description;
		 * darn shows nothing (docs/compatibility.md) */
		if (c->target_url)
			link_to(p, c->target_url,
				c->description ? c->description : "");
		else
			html_text(p->out, c->description);
		html_markup(p->out, "</td></tr>\n");
	}
	html_markup(p->out, "</table></div>\n");
	return DB_OK;
}

static void message(struct view *v)
{
	struct page *p = &v->p;
	if (v->s->diff)
		html_markup(p->out, "<h2>Commit Message</h2>\n");
	else
		html_markup(p->out, "<h2>Message</h2>\n");
	html_markup(p->out, "<div class=\"submission-message\"><div "
			    "class=\"meta\">");
	submitter_link(v, &v->s->submitter);
	html_markup(p->out, " <span class=\"message-date\">");
	page_datetime(p, v->s->date);
	html_markup(p->out, " UTC</span></div>\n<pre class=\"content\">");
	html_message(p->out, v->s->content);
	html_markup(p->out, "</pre></div>\n");
}

static void comment(struct view *v, const struct db_comment *c, guint n)
{
	struct page *p = &v->p;
	html_markup(p->out, "<div class=\"submission-message\" id=\"");
	html_int(p->out, c->id);
	html_markup(p->out, "\"><div class=\"meta\">");
	submitter_link(v, &c->submitter);
	html_markup(p->out, " <span class=\"message-date\">");
	page_datetime(p, c->date);
	html_markup(p->out, " UTC | <a href=\"/comment/");
	html_int(p->out, c->id);
	html_markup(p->out, "/\">#");
	html_int(p->out, n);
	html_markup(p->out, "</a></span> ");
	/* the comment's state (Patchwork's "addressed" toggle) */
	if (c->addressed == 1)
		html_markup(p->out, "<span class=\"comment-status-bar-"
				    "addressed\">Addressed</span>");
	else if (c->addressed == 0)
		html_markup(p->out, "<span class=\"comment-status-bar-"
				    "unaddressed\">Unaddressed</span>");
	else
		html_markup(p->out, "<span class=\"comment-status-bar-"
				    "action-required\"></span>");
	html_markup(p->out, "</div>\n<pre class=\"content\">");
	html_message(p->out, c->content);
	html_markup(p->out, "</pre></div>\n");
}

static enum db_children comment_children(const struct view *v)
{
	return v->cover ? DB_CHILDREN_COVER_COMMENTS
			: DB_CHILDREN_PATCH_COMMENTS;
}

/* The comments shown: all of them, by date. */
static enum db_status comments(struct view *v, GError **error)
{
	struct db *db = v->w->req->db;
	g_autoptr(GArray) rows = NULL;
	enum db_status st =
		db_children(db, comment_children(v), v->s->id, &rows, error);
	if (st != DB_OK || !rows->len)
		return st;
	html_markup(v->p.out, "<h2>Comments</h2>\n");
	for (guint i = 0; i < rows->len; i++)
		comment(v, &g_array_index(rows, struct db_comment, i), i + 1);
	return DB_OK;
}

/* What the page reads once it has the submission, sent together: one
 * round trip on PostgreSQL instead of one each (db_state_list_prefetch). */
static void prefetch(const struct view *v)
{
	struct db *db = v->w->req->db;
	const struct db_submission *s = v->s;
	if (!v->cover)
		web_states_prefetch(v->w);
	if (!v->cover && v->w->user_id) {
		/* the forms: who may edit the patch, and the choices */
		db_patch_edit_prefetch(db, s->id);
		db_is_maintainer_prefetch(db, s->project_id, v->w->user_id);
		form_choices_prefetch(v->w, s->project_id);
	}
	if (s->series.id) {
		db_series_full_prefetch(db, s->series.id);
		db_children_prefetch(db, DB_CHILDREN_SERIES_COVER,
				     s->series.id);
		db_children_prefetch(db, DB_CHILDREN_SERIES_PATCHES,
				     s->series.id);
		if (!v->cover && s->number > 0)
			db_web_series_neighbours_prefetch(db, s->series.id,
							  s->number);
	}
	if (!v->cover)
		db_patch_checks_prefetch(db, s->id);
	db_children_prefetch(db, comment_children(v), s->id);
}

static enum db_status render(struct view *v, GError **error)
{
	struct page *p = &v->p;
	prefetch(v);
	page_begin(p, v->w, 200, v->s->name, v->project, PAGE_TAB_LIST);
	downloads(v);
	html_markup(p->out, "<h1>");
	html_text(p->out, v->s->name);
	html_markup(p->out, "</h1>\n");
	enum db_status st = details_table(v, error);
	if (st == DB_OK && !v->cover)
		st = patch_forms_patch(p, v->s->id, error);
	if (st == DB_OK && v->s->pull_url) {
		html_markup(p->out, "<h2>Pull-request</h2>\n<a "
				    "class=\"patch-pull-url\" href=\"");
		html_attr(p->out, v->s->pull_url);
		html_markup(p->out, "\">");
		html_text(p->out, v->s->pull_url);
		html_markup(p->out, "</a>\n");
	}
	if (st == DB_OK && !v->cover)
		st = checks(v, error);
	if (st != DB_OK)
		return st;
	message(v);
	st = comments(v, error);
	if (st != DB_OK)
		return st;
	if (!v->cover && v->s->diff) {
		html_markup(p->out, "<h2>Patch</h2>\n<div id=\"patch\"><pre "
				    "class=\"content\">");
		html_diff(p->out, v->s->diff);
		html_markup(p->out, "</pre></div>\n");
	}
	page_end(p);
	return DB_OK;
}

/* A patch or cover page; a patch URL naming a cover (or the reverse)
 * redirects to the right page, as Patchwork does. */
static void submission_page(struct web *w, gboolean cover)
{
	struct db *db = w->req->db;
	g_autoptr(db_project) project = g_new0(struct db_project, 1);
	g_autoptr(GError) error = NULL;
	g_autofree char *msgid = web_patch_msgid(w->args[1]);
	g_auto(db_submission) s = {0};
	enum db_status st =
		db_project_by_linkname(db, w->args[0], project, &error);
	if (st == DB_OK)
		st = cover ? db_cover_get_by_msgid(db, project->id, msgid,
						   DB_WITH_BODY, &s, &error)
			   : db_patch_get_by_msgid(db, project->id, msgid,
						   DB_WITH_BODY, &s, &error);
	if (st == DB_NOT_FOUND && project->id) {
		gint64 other = 0;
		st = cover ? db_patch_by_msgid(db, project->id, msgid, &other,
					       &error)
			   : db_cover_by_msgid(db, project->id, msgid, &other,
					       &error);
		if (st == DB_OK) {
			g_autofree char *to = web_submission_path(
				project->linkname, cover ? "patch" : "cover",
				msgid);
			web_redirect(w, to);
			return;
		}
	}
	if (st == DB_OK && !cover && !csrf_safe_method(w->req->method)) {
		gboolean answered;
		gint64 id = s.id;
		st = bulk_patch_post(w, id, &answered, &error);
		if (answered)
			return;
		/* the page shows the patch as the form left it */
		db_submission_clear(&s);
		if (st == DB_OK)
			st = db_patch_get(db, id, DB_WITH_BODY, &s, &error);
	}
	if (st == DB_OK) {
		struct view v = {
			.w = w, .project = project, .s = &s, .cover = cover};
		st = render(&v, &error);
	}
	if (st != DB_OK)
		web_fail(w, st, error);
}

void web_patch_page(struct web *w)
{
	submission_page(w, FALSE);
}

void web_cover_page(struct web *w)
{
	submission_page(w, TRUE);
}
