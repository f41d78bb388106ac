/*
 * The bundle pages (web-and-mbox.md §5.6): the user's bundles
 * (/user/bundles/, /project/<p>/bundles/) with their delete buttons, and
 * a bundle's page (/bundle/<user>/<name>/), the patch list of its
 * patches with its owner's forms: settings (rename, public), delete,
 * reorder, and removing patches; the legacy /user/bundle/<id>/ URLs
 * redirect to it. Every write goes through the API's
 * bundle rules (core/bundle-write.h) in the request's write transaction,
 * so the web refuses what the REST API refuses.
 *
 * Reordering without JavaScript: each of the owner's rows has up and
 * down buttons that submit the reorder form (form="reorderform") with
 * Patchwork's own fields in the query of their formaction
 * (order_start=<the upper row's patch>, neworder=<the two patches in
 * their new order>); Patchwork's drag and drop posts the same fields in
 * the form's body. darn's script (bundle-reorder.c) adds drag and drop
 * and Alt+Up/Alt+Down, which submit the same form with the same fields
 * in the query. docs/web.md, "Bundles".
 */
#include "web/web.h"

#include "core/bundle-write.h"
#include "http/csrf.h"
#include "mail/pystr.h"
#include "web/auth.h"
#include "web/list.h"

#include <errno.h>

/* "/bundle/<owner>/<name>/", each part percent-encoded. Newly allocated. */
static char *bundle_path(const char *owner, const char *name)
{
	g_autofree char *o = http_quote(owner, "");
	g_autofree char *n = http_quote(name, "");
	return g_strdup_printf("/bundle/%s/%s/", o, n);
}

/* TRUE when a bundle write `ws` succeeded; else FALSE after answering:
 * a refusal is the 404 page (a bundle page shows none but the owner's
 * forms), a failure the store's. */
static gboolean written(struct web *w, enum write_status ws,
			const GError *error)
{
	if (ws == WRITE_OK)
		return TRUE;
	if (ws == WRITE_ERROR)
		web_fail(w, DB_ERROR, error);
	else
		web_not_found(w);
	return FALSE;
}

/* ---- the bundle lists ---------------------------------------------------- */

/* Deletes the bundle of the list's delete form (Patchwork's
 * deletebundleform): the owner's only, as the API's DELETE (Patchwork
 * deletes anyone's by id: docs/compatibility.md). FALSE after
 * answering a refusal or a failure. */
static gboolean delete_posted(struct web *w)
{
	const char *form = web_form(w, "form_name");
	const char *id = web_form(w, "bundle_id");
	gint64 bundle_id;
	if (!form || strcmp(form, "deletebundleform") != 0)
		return TRUE;
	if (!id || !py_parse_int(id, &bundle_id)) {
		web_not_found(w);
		return FALSE;
	}
	g_autoptr(GError) error = NULL;
	return written(w,
		       bundle_delete(w->req->db, bundle_id, w->user_id, &error),
		       error);
}

static void bundle_row(struct page *p, const struct db_web_bundle *b)
{
	g_autofree char *path = bundle_path(p->w->username, b->name);
	g_autofree char *mbox = g_strconcat(path, "mbox/", NULL);
	html_markup(p->out, "<tr><td><a href=\"");
	html_attr(p->out, path);
	html_markup(p->out, "\">");
	html_text(p->out, b->name);
	html_markup(p->out, "</a></td><td><a href=\"/project/");
	html_url_arg(p->out, b->linkname);
	html_markup(p->out, "/\">");
	html_text(p->out, b->linkname);
	/* the public mark and the two buttons are icons (darn.css), with
	 * words for screen readers: Patchwork's cells have no text */
	html_markup(p->out, "</a></td><td class=\"center\">");
	if (b->public)
		html_markup(p->out, "<span class=\"icon-yes\" role=\"img\" "
				    "aria-label=\"public\"></span>");
	html_markup(p->out, "</td><td class=\"number\">");
	html_int(p->out, b->patches);
	html_markup(p->out, "</td><td class=\"center\"><a class=\"icon-"
			    "download\" aria-label=\"download\" href=\"");
	html_attr(p->out, mbox);
	html_markup(p->out, "\"></a></td><td class=\"center\">"
			    "<form method=\"post\">");
	page_csrf_field(p);
	html_markup(p->out, "<input type=\"hidden\" name=\"form_name\" "
			    "value=\"deletebundleform\"><input type=\"hidden\" "
			    "name=\"bundle_id\" value=\"");
	html_int(p->out, b->id);
	html_markup(p->out, "\"><button type=\"submit\" class=\"icon-"
			    "delete\" aria-label=\"delete\" data-confirm=\""
			    "Delete this bundle?\"></button></form>"
			    "</td></tr>\n");
}

/* The user's bundles, of `project` only unless NULL (borrowed). */
static void bundle_list(struct web *w, const struct db_project *project)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) bundles = NULL;
	if (!csrf_safe_method(w->req->method) && !delete_posted(w))
		return;
	enum db_status st = db_web_user_bundles(w->req->db, w->user_id,
						project ? project->id : 0,
						&bundles, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	struct page p;
	page_begin(&p, w, 200, "Bundles", project, PAGE_TAB_BUNDLES);
	html_markup(p.out, "<h1>Bundles</h1>\n");
	if (bundles->len) {
		html_markup(p.out, "<table class=\"bundlelist\">\n<tr><th>"
				   "Bundle</th><th>Project</th><th>Public</th>"
				   "<th>Patches</th><th>Download</th><th>Delete"
				   "</th></tr>\n");
		for (guint i = 0; i < bundles->len; i++)
			bundle_row(&p, &g_array_index(bundles,
						      struct db_web_bundle, i));
		html_markup(p.out, "</table>\n");
	} else {
		html_markup(p.out, "<p>No bundles to display</p>\n");
	}
	html_markup(
		p.out,
		"<p>Bundles are groups of related patches. You can create "
		"bundles by selecting patches from a project, then using "
		"the 'create bundle' form to give your bundle a name. Each "
		"bundle can be public or private; public bundles are given "
		"a persistent URL, based on your username and the name of "
		"the bundle. Private bundles are only visible to you.</p>\n");
	page_end(&p);
}

void web_user_bundles(struct web *w)
{
	if (web_require_login(w))
		bundle_list(w, NULL);
}

void web_project_bundles(struct web *w)
{
	if (!web_require_login(w))
		return;
	g_autoptr(db_project) project = web_path_project(w);
	if (project)
		bundle_list(w, project);
}

/* ---- a bundle's page ------------------------------------------------------
 */

struct bundle_page {
	struct web *w;
	struct db_bundle b; /* its project, name, public, owner */
	struct db_project project;
	gboolean owner;
	char *path;	       /* its page's path */
	GPtrArray *messages;   /* char*: what a POST did */
	char *name_error;      /* the settings form's error, or NULL */
	const char *name_sent; /* the name of a refused rename */
};

static void bundle_page_clear(struct bundle_page *bp)
{
	db_bundle_clear(&bp->b);
	db_project_clear(&bp->project);
	g_free(bp->path);
	g_free(bp->name_error);
	if (bp->messages)
		g_ptr_array_unref(bp->messages);
}

static void message(struct bundle_page *bp, char *text)
{
	if (!bp->messages)
		bp->messages = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(bp->messages, text);
}

/* The settings form: Patchwork's BundleForm (name: 1-50 characters,
 * no '/'), then the API's rules (a name the owner uses already).
 * Answers a redirect after a rename or a failure and returns FALSE;
 * TRUE: show the page (with the form's error, if any). */
static gboolean update_posted(struct bundle_page *bp)
{
	struct web *w = bp->w;
	const char *name = web_form(w, "name");
	const char *public = web_form(w, "public");
	g_autofree char *stripped = g_strstrip(g_strdup(name ? name : ""));
	bp->name_sent = name;
	if (!*stripped) {
		bp->name_error = g_strdup("This field is required.");
		return TRUE;
	}
	if (g_utf8_strlen(stripped, -1) > 50) {
		bp->name_error = g_strdup(
			"Ensure this value has at most 50 characters.");
		return TRUE;
	}
	if (strchr(stripped, '/')) {
		bp->name_error = g_strdup("Bundle names can't contain slashes");
		return TRUE;
	}
	struct bundle_write in = {
		.name = {.present = TRUE, .value = stripped},
		/* an unchecked box is not sent: FALSE, as Django's */
		.public = {.present = TRUE,
			   .value = public && *public &&
				    strcmp(public, "false") != 0},
	};
	g_auto(write_report) report = {0};
	g_autoptr(GError) error = NULL;
	enum write_status ws = bundle_update(w->req->db, bp->b.id, w->user_id,
					     &in, &report, &error);
	if (ws == WRITE_INVALID) {
		bp->name_error = g_strdup_printf(
			"A bundle called %s already exists", stripped);
		return TRUE;
	}
	if (ws != WRITE_OK) {
		web_fail(w, DB_ERROR, error);
		return FALSE;
	}
	bp->b.public = in.public.value;
	if (strcmp(stripped, bp->b.name) != 0) {
		g_autofree char *path = bundle_path(w->username, stripped);
		web_redirect(w, path);
		return FALSE;
	}
	message(bp, g_strdup("Bundle updated"));
	return TRUE;
}

/* The patch ids of Patchwork's reorder fields: from the posted form
 * (drag and drop), else from the request's query (the row buttons,
 * *query set). */
static GArray *reorder_fields(struct web *w, gint64 *start, gboolean *query)
{
	GArray *ids = g_array_new(FALSE, FALSE, sizeof(gint64));
	const GPtrArray *sources[2];
	web_form(w, "neworder"); /* parses the form */
	sources[0] = w->session->form;
	sources[1] = w->req->params;
	for (int s = 0; s < 2 && !ids->len; s++) {
		const char *first = NULL;
		for (guint i = 0; sources[s] && i < sources[s]->len; i++) {
			const struct http_param *p = sources[s]->pdata[i];
			gint64 id;
			if (strcmp(p->name, "order_start") == 0)
				first = p->value;
			else if (strcmp(p->name, "neworder") == 0 &&
				 py_parse_int(p->value, &id))
				g_array_append_val(ids, id);
		}
		*query = s == 1;
		if (!first || !py_parse_int(first, start))
			*start = 0;
	}
	return ids;
}

/* Patchwork's reorder; 404 for a patch not in the bundle (as its
 * get_object_or_404). The row buttons get a redirect to the page (their
 * query was for this POST only). FALSE after answering. */
static gboolean reorder_posted(struct bundle_page *bp)
{
	struct web *w = bp->w;
	gint64 start = 0;
	gboolean query = FALSE;
	g_autoptr(GArray) ids = reorder_fields(w, &start, &query);
	g_autoptr(GError) error = NULL;
	if (!written(w,
		     bundle_reorder(w->req->db, bp->b.id, w->user_id, start,
				    ids, &error),
		     error))
		return FALSE;
	if (query) {
		web_redirect(w, bp->path);
		return FALSE;
	}
	return TRUE;
}

/* The owner's forms, as Patchwork tells them apart by the field "form".
 * FALSE after answering (a redirect, a refusal, a failure). */
static gboolean posted(struct bundle_page *bp)
{
	struct web *w = bp->w;
	const char *form = web_form(w, "form");
	const char *action = web_form(w, "action");
	if (!form)
		return TRUE;
	if (strcmp(form, "bundle") == 0 && action &&
	    g_ascii_strcasecmp(action, "delete") == 0) {
		g_autoptr(GError) error = NULL;
		if (written(w,
			    bundle_delete(w->req->db, bp->b.id, w->user_id,
					  &error),
			    error))
			web_redirect(w, "/user/");
		return FALSE;
	}
	if (strcmp(form, "bundle") == 0 && action &&
	    g_ascii_strcasecmp(action, "update") == 0)
		return update_posted(bp);
	/* "reorderform" is what Patchwork's page sends */
	if (strcmp(form, "reorderform") == 0 ||
	    strcmp(form, "reorder-form") == 0)
		return reorder_posted(bp);
	/* the list's own forms (remove from this bundle too): bulk.c */
	return TRUE;
}

static void settings_form(struct bundle_page *bp, struct page *p)
{
	html_markup(p->out, "<form method=\"post\" class=\"bundle-settings\">");
	page_csrf_field(p);
	html_markup(p->out,
		    "<input type=\"hidden\" name=\"form\" "
		    "value=\"bundle\">\n<table class=\"form\">\n<tr><th "
		    "colspan=\"2\">Bundle settings</th></tr>\n");
	/* the error before the field, as Django's as_table */
	page_form_row(p, "Name:", "name");
	page_errorlist(p, bp->name_error);
	html_markup(p->out, "<input type=\"text\" name=\"name\" value=\"");
	html_attr(p->out,
		  bp->name_error && bp->name_sent ? bp->name_sent : bp->b.name);
	html_markup(p->out, "\" maxlength=\"50\" minlength=\"1\" required "
			    "id=\"id_name\">");
	page_form_row_end(p, NULL);
	page_checkbox_row(p, "Public:", "public", bp->b.public, NULL);
	html_markup(p->out, "<tr><td colspan=\"2\"><input "
			    "type=\"submit\" name=\"action\" value=\"Update\"> "
			    "<input type=\"submit\" name=\"action\" "
			    "value=\"Delete\" data-confirm=\"Delete this "
			    "bundle?\"></td></tr>\n</table></form>\n");
}

static void head(struct page *p, void *data)
{
	struct bundle_page *bp = data;
	g_autofree char *mbox = g_strconcat(bp->path, "mbox/", NULL);
	html_markup(p->out, "<h1>Bundle</h1>\n");
	if (bp->messages) {
		html_markup(p->out, "<ul class=\"messages\">");
		for (guint i = 0; i < bp->messages->len; i++) {
			html_markup(p->out, "<li>");
			html_text(p->out, bp->messages->pdata[i]);
			html_markup(p->out, "</li>");
		}
		html_markup(p->out, "</ul>\n");
	}
	html_markup(p->out, "<p>This bundle contains patches for the ");
	html_text(p->out, bp->project.linkname);
	html_markup(p->out, " project.</p>\n<p><a href=\"");
	html_attr(p->out, mbox);
	html_markup(p->out, "\">Download bundle as mbox</a></p>\n");
	if (bp->owner)
		settings_form(bp, p);
}

/* Patchwork's reorder form; its buttons are its drag and drop's, which
 * darn's script does without them (bundle-reorder.c): the rows' buttons
 * and the script submit it instead. The hint is the script's to show. */
static void reorder_form(struct page *p, void *data)
{
	(void)data;
	html_markup(p->out, "<p class=\"reorder-hint\" hidden>Drag a row to "
			    "another place, or press Alt+↑ or Alt+↓ "
			    "on a row, to reorder the bundle.</p>\n"
			    "<form method=\"post\" id=\"reorderform\">");
	page_csrf_field(p);
	html_markup(p->out, "<input type=\"hidden\" name=\"form\" "
			    "value=\"reorderform\"><input type=\"hidden\" "
			    "name=\"order_start\" value=\"0\"><input "
			    "type=\"button\" value=\"Cancel\" hidden><input "
			    "type=\"button\" value=\"Change order\" hidden>"
			    "</form>\n");
}

/* One row button: order_start=<upper>&neworder=<lower>&neworder=<upper>
 * swaps the two rows. */
static void move_button(struct page *p, gint64 upper, gint64 lower,
			const char *label, const char *glyph)
{
	g_autofree char *query = g_strdup_printf(
		"?order_start=%" G_GINT64_FORMAT "&neworder=%" G_GINT64_FORMAT
		"&neworder=%" G_GINT64_FORMAT,
		upper, lower, upper);
	html_markup(p->out, " <button type=\"submit\" class=\"move\" "
			    "form=\"reorderform\" formaction=\"");
	html_attr(p->out, query);
	html_markup(p->out, "\" title=\"");
	html_attr(p->out, label);
	html_markup(p->out, "\" aria-label=\"");
	html_attr(p->out, label);
	html_markup(p->out, "\">");
	html_text(p->out, glyph);
	html_markup(p->out, "</button>");
}

static void move_buttons(struct page *p, void *data, const GArray *ids, guint i)
{
	(void)data;
	if (i > 0)
		move_button(p, g_array_index(ids, gint64, i - 1),
			    g_array_index(ids, gint64, i), "Move up", "↑");
	if (i + 1 < ids->len)
		move_button(p, g_array_index(ids, gint64, i),
			    g_array_index(ids, gint64, i + 1), "Move down",
			    "↓");
}

/* Finds the bundle of the URL as the requester may see it: its owner,
 * or anyone when it is public (else DB_NOT_FOUND). */
static enum db_status load(struct bundle_page *bp, GError **error)
{
	struct web *w = bp->w;
	gint64 id = 0, owner = 0;
	gboolean public = FALSE;
	enum db_status st = db_mbox_bundle(w->req->db, w->args[0], w->args[1],
					   &id, &owner, &public, error);
	if (st != DB_OK)
		return st;
	bp->owner = w->user_id && owner == w->user_id;
	if (!bp->owner && !public)
		return DB_NOT_FOUND;
	st = db_bundle_get(w->req->db, id, w->user_id, &bp->b, error);
	if (st == DB_OK)
		st = db_project_by_id(w->req->db, bp->b.project_id,
				      &bp->project, error);
	bp->path = bundle_path(w->args[0], w->args[1]);
	return st;
}

void web_bundle(struct web *w)
{
	struct bundle_page bp = {.w = w};
	g_autoptr(GError) error = NULL;
	enum db_status st = load(&bp, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
	} else if (!bp.owner || csrf_safe_method(w->req->method) ||
		   posted(&bp)) {
		struct list_source src = {
			.path = bp.path,
			.tab = PAGE_TAB_BUNDLES,
			.bundle_id = bp.b.id,
			.bundle_order = bp.owner,
			.head = head,
			.before_form = bp.owner ? reorder_form : NULL,
			.select_cell = bp.owner ? move_buttons : NULL,
			.data = &bp,
		};
		web_list_page(w, &bp.project, &src);
	}
	bundle_page_clear(&bp);
}

/* Patchwork's COMPAT_REDIR URLs, /user/bundle/<id>/ and .../mbox/: its
 * owner's only (else the 404 page), a 302 to the bundle's own URL. */
static void legacy_redirect(struct web *w, const char *suffix)
{
	if (!web_require_login(w))
		return;
	g_auto(db_bundle) b = {0};
	g_autoptr(GError) error = NULL;
	enum db_status st =
		db_bundle_get(w->req->db, w->ids[0], w->user_id, &b, &error);
	if (st == DB_OK && b.owner.id != w->user_id)
		st = DB_NOT_FOUND;
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	g_autofree char *path = bundle_path(b.owner.username, b.name);
	g_autofree char *target = g_strconcat(path, suffix, NULL);
	web_redirect(w, target);
}

void web_bundle_legacy(struct web *w)
{
	legacy_redirect(w, "");
}

void web_bundle_legacy_mbox(struct web *w)
{
	legacy_redirect(w, "mbox/");
}
