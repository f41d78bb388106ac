/*
 * The patch list, /project/<p>/list/ (web-and-mbox.md §5.2): the filter
 * summary and form, the sortable table with its tag and check counts,
 * and Patchwork's paginator. Filters are read by list-filter.c; rows come
 * from the store a page at a time (db_web_patch_page), the checks of the
 * page's patches in one more statement. The same list shows a bundle's
 * patches and a todo list (list.h: a source of rows, the page's path).
 */
#include "web/list.h"

#include "web/list-filter.h"
#include "web/page.h"
#include "web/paginator.h"

#include "web/bulk.h"
#include "web/patch-forms.h"

#include "core/check.h"
#include "mail/pystr.h"

/* Patchwork's Order: a column and a direction; the default is the date,
 * newest first. */
struct order {
	const char *name;
	gboolean reversed;
};

static void order_parse(struct order *o, const char *s)
{
	static const char *const names[] = {"date", "name", "state",
					    "submitter", "delegate"};
	o->name = "date";
	o->reversed = TRUE;
	if (!s || !*s)
		return;
	gboolean rev = s[0] == '-';
	for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
		if (strcmp(s + rev, names[i]) == 0) {
			o->name = names[i];
			o->reversed = rev;
		}
}

struct list_view {
	struct page p;
	struct web *w;
	const struct db_project *project;
	const struct list_source *src;
	struct list_filters f;
	struct order order;
	struct pages pages;
	GPtrArray *tags;     /* struct db_tag* shown as columns (of all_tags) */
	GPtrArray *all_tags; /* owns them */
	gboolean show_ids;   /* the user's setting: an ID column */
};

/* href="/project/<p>/list/<query>" */
static void project_list_href(struct list_view *v, const char *query)
{
	html_markup(v->p.out, "href=\"/project/");
	html_url_arg(v->p.out, v->project->linkname);
	html_markup(v->p.out, "/list/");
	html_attr(v->p.out, query);
	html_markup(v->p.out, "\"");
}

/* href="<the list's path><query>" */
static void list_href(struct list_view *v, const char *query)
{
	if (!v->src->path) {
		project_list_href(v, query);
		return;
	}
	html_markup(v->p.out, "href=\"");
	html_attr(v->p.out, v->src->path);
	html_attr(v->p.out, query);
	html_markup(v->p.out, "\"");
}

/* The same hrefs with the query "?<name>=<id>", as every row has two:
 * written in place, not formatted into a string first. */
static void query_id_end(struct list_view *v, const char *name, gint64 id)
{
	html_markup(v->p.out, "?");
	html_text(v->p.out, name);
	html_markup(v->p.out, "=");
	html_int(v->p.out, id);
	html_markup(v->p.out, "\"");
}

static void project_list_href_id(struct list_view *v, const char *name,
				 gint64 id)
{
	html_markup(v->p.out, "href=\"/project/");
	html_url_arg(v->p.out, v->project->linkname);
	html_markup(v->p.out, "/list/");
	query_id_end(v, name, id);
}

static void list_href_id(struct list_view *v, const char *name, gint64 id)
{
	if (!v->src->path) {
		project_list_href_id(v, name, id);
		return;
	}
	html_markup(v->p.out, "href=\"");
	html_attr(v->p.out, v->src->path);
	query_id_end(v, name, id);
}

static void filter_summary(struct list_view *v)
{
	gboolean any = FALSE;
	html_markup(v->p.out, "<div id=\"filtersummary\">Show patches with: ");
	for (int i = 0; i < LF_COUNT; i++) {
		if (!v->f.applied[i])
			continue;
		if (any)
			html_markup(v->p.out, " | ");
		any = TRUE;
		static const char *const names[] = {"Series",	"Submitter",
						    "State",	"Search",
						    "Archived", "Delegate"};
		html_text(v->p.out, names[i]);
		html_markup(v->p.out, " = <strong>");
		html_text(v->p.out, v->f.condition[i]);
		html_markup(v->p.out, "</strong>");
		if (v->f.forced[i])
			continue;
		html_markup(v->p.out, "<a class=\"filter-action\" "
				      "title=\"remove this filter\" "
				      "aria-label=\"remove this filter\" ");
		/* state and archive are applied by default: removing them
		 * asks for any state, both archived and not */
		g_autofree char *q =
			i == LF_STATE ? list_querystring(&v->f, v->w, TRUE,
							 LF_COUNT, "state", "*")
			: i == LF_ARCHIVE
				? list_querystring(&v->f, v->w, TRUE, LF_COUNT,
						   "archive", "both")
				: list_querystring(&v->f, v->w, TRUE, i, NULL,
						   NULL);
		/* no filter left: "?" (the list's own path would do as
		 * well; this is what Patchwork writes) */
		if (*q) {
			list_href(v, q);
		} else {
			html_markup(v->p.out, "href=\"?\"");
		}
		html_markup(v->p.out, "></a>");
	}
	if (!any)
		html_text(v->p.out, "none");
	html_markup(v->p.out, " | ");
	html_int(v->p.out, v->pages.count);
	html_text(v->p.out, v->pages.count == 1 ? " patch" : " patches");
	html_markup(v->p.out, "</div>\n");
}

/* the filter form's options (page.h) */
static void option(struct page *p, const char *value, const char *label,
		   gboolean selected)
{
	page_option(p, value, label, selected);
}

/* The delegate filter's field (not on a page that fixed it). */
static enum db_status delegate_field(struct list_view *v, GError **error)
{
	struct page *p = &v->p;
	const struct db_web_filter *d = &v->f.db;
	html_markup(p->out, "<label for=\"f-delegate\">Delegate"
			    "</label><select id=\"f-delegate\" "
			    "name=\"delegate\">");
	g_autoptr(GPtrArray) delegates = NULL;
	enum db_status st =
		db_delegate_choices(p->w->req->db, &delegates, error);
	if (st != DB_OK)
		return st;
	option(p, "", "------", !v->f.applied[LF_DELEGATE]);
	option(p, "Nobody", "Nobody",
	       v->f.applied[LF_DELEGATE] && !d->delegate_id);
	for (guint i = 0; i < delegates->len; i++) {
		const struct db_user *u = delegates->pdata[i];
		g_autofree char *id =
			g_strdup_printf("%" G_GINT64_FORMAT, u->id);
		option(p, id, u->username, d->delegate_id == u->id);
	}
	html_markup(p->out, "</select>\n");
	return DB_OK;
}

static enum db_status filter_form(struct list_view *v, GError **error)
{
	struct page *p = &v->p;
	const struct db_web_filter *d = &v->f.db;
	html_markup(p->out,
		    "<details class=\"filters\"><summary>Change the "
		    "filters</summary>\n<form method=\"get\">\n"
		    "<label for=\"f-series\">Series</label><input "
		    "id=\"f-series\" type=\"text\" name=\"series\">\n"
		    "<label for=\"f-submitter\">Submitter</label><input "
		    "id=\"f-submitter\" type=\"text\" name=\"submitter\">\n"
		    "<label for=\"f-state\">State</label>"
		    "<select id=\"f-state\" name=\"state\">");
	option(p, "*", "any", !v->f.applied[LF_STATE]);
	option(p, "", "Action Required",
	       v->f.applied[LF_STATE] && !d->state_id);
	for (guint i = 0; i < v->f.states->len; i++) {
		const struct db_state *s = v->f.states->pdata[i];
		g_autofree char *id =
			g_strdup_printf("%" G_GINT64_FORMAT, s->id);
		option(p, id, s->name, d->state_id == s->id);
	}
	html_markup(p->out,
		    "</select>\n<label for=\"f-q\">Search</label>"
		    "<input id=\"f-q\" type=\"text\" name=\"q\" value=\"");
	html_attr(p->out, v->f.search);
	html_markup(p->out, "\">\n<span>Archived</span><span>");
	static const struct {
		const char *value, *label;
		int archived;
	} radios[] = {{"", "No", 0}, {"true", "Yes", 1}, {"both", "Both", -1}};
	for (gsize i = 0; i < G_N_ELEMENTS(radios); i++) {
		html_markup(p->out,
			    "<label><input type=\"radio\" name=\"archive\" "
			    "value=\"");
		html_attr(p->out, radios[i].value);
		html_markup(p->out, "\"");
		if (d->archived == radios[i].archived)
			html_markup(p->out, " checked");
		html_markup(p->out, ">");
		html_text(p->out, radios[i].label);
		html_markup(p->out, "</label> ");
	}
	html_markup(p->out, "</span>\n");
	if (!v->f.delegate_fixed) {
		enum db_status st = delegate_field(v, error);
		if (st != DB_OK)
			return st;
	}
	html_markup(p->out, "<span></span><span><button "
			    "type=\"submit\">Apply</button></span>\n"
			    "</form></details>\n");
	return DB_OK;
}

/* A sortable column's header: a link that sorts by it (the other way
 * round when it is the current order). */
static void sort_header(struct list_view *v, const char *name,
			const char *label, const char *cls)
{
	gboolean active = strcmp(v->order.name, name) == 0;
	if (v->src->bundle_order && !active) {
		/* the bundle's order: no column to sort by */
		html_markup(v->p.out, "<th");
		if (cls)
			html_markup(v->p.out, " class=\"wide\"");
		html_markup(v->p.out, ">");
		html_text(v->p.out, label);
		html_markup(v->p.out, "</th>");
		return;
	}
	g_autofree char *value = active && !v->order.reversed
					 ? g_strconcat("-", name, NULL)
					 : g_strdup(name);
	g_autofree char *q =
		list_querystring(&v->f, v->w, FALSE, LF_COUNT, "order", value);
	html_markup(v->p.out, "<th");
	if (cls)
		html_markup(v->p.out, " class=\"wide\"");
	html_markup(v->p.out, "><a ");
	list_href(v, q);
	if (active && v->order.reversed)
		html_markup(v->p.out, " class=\"sorted up\"");
	else if (active)
		html_markup(v->p.out, " class=\"sorted\"");
	html_markup(v->p.out, ">");
	html_text(v->p.out, label);
	html_markup(v->p.out, "</a></th>");
}

static void table_head(struct list_view *v)
{
	struct page *p = &v->p;
	html_markup(p->out, "<div class=\"scroll\"><table class=\"patches\">"
			    "\n<thead><tr>");
	if (p->w->username)
		html_markup(p->out, "<th><input type=\"checkbox\" "
				    "data-check-all hidden "
				    "aria-label=\"select all\"></th>");
	if (v->show_ids)
		html_markup(p->out, "<th>ID</th>");
	sort_header(v, "name", "Patch", NULL);
	html_markup(p->out, "<th class=\"wide\">Series</th>");
	if (v->tags) {
		html_markup(p->out, "<th class=\"wide\"><abbr title=\"");
		for (guint i = 0; i < v->tags->len; i++) {
			const struct db_tag *t = v->tags->pdata[i];
			if (i)
				html_text(p->out, " / ");
			html_attr(p->out, t->name);
		}
		html_markup(p->out, "\">");
		for (guint i = 0; i < v->tags->len; i++) {
			const struct db_tag *t = v->tags->pdata[i];
			if (i)
				html_text(p->out, "/");
			html_text(p->out, t->abbrev);
		}
		html_markup(p->out, "</abbr></th>");
	}
	html_markup(p->out, "<th><abbr title=\"Success / Warning / Fail\">"
			    "S/W/F</abbr></th>");
	sort_header(v, "date", "Date", NULL);
	sort_header(v, "submitter", "Submitter", "wide");
	sort_header(v, "delegate", "Delegate", "wide");
	sort_header(v, "state", "State", NULL);
	html_markup(p->out, "</tr></thead>\n<tbody>\n");
}

/* One count of a tag or check column: "-" for none. */
static void count_cell_item(struct page *p, gint64 n, const char *cls)
{
	html_markup(p->out, "<span");
	if (n && cls) {
		html_markup(p->out, " class=\"");
		html_attr(p->out, cls);
		html_markup(p->out, "\"");
	}
	html_markup(p->out, ">");
	if (n)
		html_int(p->out, n);
	else
		html_text(p->out, "-");
	html_markup(p->out, "</span> ");
}

/* Counts of a patch's checks that still count, by state. */
static void check_counts(const GArray *checks, gint64 patch_id,
			 gint64 counts[4])
{
	memset(counts, 0, 4 * sizeof(gint64));
	check_count_states(checks, patch_id, counts);
}

static void row(struct list_view *v, const struct db_web_row *r,
		const GArray *checks, const GArray *ids, guint i)
{
	struct page *p = &v->p;
	const char *link = v->project->linkname;
	html_markup(p->out, "<tr>");
	if (p->w->username) {
		html_markup(p->out,
			    "<td><input type=\"checkbox\" name=\"patch_id:");
		html_int(p->out, r->id);
		html_markup(p->out, "\" aria-label=\"select\">");
		if (v->src->select_cell)
			v->src->select_cell(p, v->src->data, ids, i);
		html_markup(p->out, "</td>");
	}
	if (v->show_ids) {
		html_markup(p->out, "<td><button type=\"button\" "
				    "class=\"btn-copy\" title=\"Copy to "
				    "Clipboard\" data-clipboard-text=\"");
		html_int(p->out, r->id);
		html_markup(p->out, "\">");
		html_int(p->out, r->id);
		html_markup(p->out, "</button></td>");
	}
	html_markup(p->out, "<td>");
	page_submission_link(p, NULL, link, "patch", r->msgid, r->name);
	html_markup(p->out, "</td><td class=\"wide\">");
	if (r->series_id) {
		html_markup(p->out, "<a ");
		list_href_id(v, "series", r->series_id);
		html_markup(p->out, ">");
		page_series_name(p, r->series_id, r->series_name);
		html_markup(p->out, "</a>");
	}
	html_markup(p->out, "</td>");
	if (v->tags) {
		html_markup(p->out, "<td class=\"nowrap wide\">");
		for (guint i = 0; i < v->tags->len; i++)
			count_cell_item(p, r->tags[i], NULL);
		html_markup(p->out, "</td>");
	}
	gint64 c[4];
	check_counts(checks, r->id, c);
	html_markup(p->out, "<td class=\"nowrap\">");
	count_cell_item(p, c[CHECK_SUCCESS], "c-success");
	count_cell_item(p, c[CHECK_WARNING], "c-warning");
	count_cell_item(p, c[CHECK_FAIL], "c-fail");
	html_markup(p->out, "</td><td class=\"nowrap\">");
	page_date(p, r->date);
	html_markup(p->out, "</td><td class=\"wide\"><a ");
	/* the project's list, from a bundle or a todo list too */
	project_list_href_id(v, "submitter", r->submitter_id);
	html_markup(p->out, ">");
	html_text(p->out, r->submitter_name && *r->submitter_name
				  ? r->submitter_name
				  : r->submitter_email);
	html_markup(p->out, "</a></td><td class=\"wide\">");
	html_text(p->out, r->delegate);
	html_markup(p->out, "</td><td>");
	html_text(p->out, r->state);
	html_markup(p->out, "</td></tr>\n");
}

/* A page link's href: the list with its filters and order, at page n. */
static void page_href(void *ctx, gint64 n)
{
	struct list_view *v = ctx;
	g_autofree char *num = g_strdup_printf("%" G_GINT64_FORMAT, n);
	g_autofree char *q =
		list_querystring(&v->f, v->w, FALSE, LF_COUNT, "page", num);
	list_href(v, q);
}

static void paginator(struct list_view *v)
{
	pages_write(&v->p, &v->pages, page_href, v);
}

/* The tags shown as columns (Patchwork's project.tags: all tags by
 * abbrev when the project uses tags, those with show_column). */
static enum db_status shown_tags(struct list_view *v, GArray **ids,
				 GError **error)
{
	*ids = g_array_new(FALSE, FALSE, sizeof(gint64));
	if (!v->project->use_tags)
		return DB_OK;
	enum db_status st = db_tag_list(v->w->req->db, &v->all_tags, error);
	if (st != DB_OK)
		return st;
	v->tags = g_ptr_array_new();
	for (guint i = 0; i < v->all_tags->len; i++) {
		struct db_tag *t = v->all_tags->pdata[i];
		if (!t->show_column || (*ids)->len == DB_WEB_MAX_TAGS)
			continue;
		g_array_append_val(*ids, t->id);
		g_ptr_array_add(v->tags, t);
	}
	return DB_OK;
}

static enum db_status render(struct list_view *v, GError **error)
{
	struct web *w = v->w;
	struct db *db = w->req->db;
	g_autoptr(GArray) tag_ids = NULL;
	g_autoptr(GArray) rows = NULL;
	gint64 count = 0;
	const struct list_source *src = v->src;
	/* What the page reads before its count, in one round trip on
	 * PostgreSQL (db_state_list_prefetch). */
	web_states_prefetch(w);
	if (v->project->use_tags)
		db_tag_list_prefetch(db);
	if (w->user_id)
		db_user_settings_prefetch(db, w->user_id);
	db_delegate_choices_prefetch(db);
	if (w->user_id)
		form_choices_prefetch(w, v->project->id);
	enum db_status st = list_filters_parse(&v->f, w, v->project->id, error);
	if (st == DB_OK)
		st = shown_tags(v, &tag_ids, error);
	if (st != DB_OK)
		return st;
	if (src->delegate_id || src->bundle_id)
		list_filters_fix_delegate(&v->f, src->delegate_id,
					  src->delegate_name);
	v->f.db.bundle_id = src->bundle_id;
	v->f.db.bundle_order = src->bundle_order;
	order_parse(&v->order,
		    src->bundle_order ? NULL : request_param(w->req, "order"));
	v->f.db.order = v->order.name;
	v->f.db.descending = v->order.reversed;
	gint64 per_page =
		w->req->items_per_page > 0 ? w->req->items_per_page : 100;
	st = patch_forms_settings(w, &per_page, &v->show_ids, error);
	if (st != DB_OK)
		return st;
	/* The count and the page asked for go together: the page is right
	 * unless the count moves it (a page past the last). */
	const char *page_param = request_param(w->req, "page");
	gint64 before = pages_requested(page_param) - 1;
	if (before <= G_MAXINT64 / per_page)
		db_web_patch_prefetch(db, &v->f.db, NULL, before * per_page,
				      per_page);
	st = db_web_patch_count(db, &v->f.db, &count, error);
	if (st != DB_OK)
		return st;
	pages_compute(&v->pages, count, per_page, page_param);
	/* the tags are read with the checks, below */
	st = db_web_patch_page(db, &v->f.db, NULL,
			       (v->pages.number - 1) * per_page, per_page,
			       &rows, error);
	if (st != DB_OK)
		return st;
	g_autoptr(GArray) ids = NULL;
	GArray *checks = NULL;
	st = web_list_rows_checks(db, rows, tag_ids, &ids, &checks, error);
	if (st != DB_OK)
		return st;

	page_begin(&v->p, w, 200, src->title ? src->title : v->project->name,
		   v->project, src->tab);
	if (src->head)
		src->head(&v->p, src->data);
	html_markup(v->p.out, "<div class=\"filters\">\n");
	filter_summary(v);
	st = filter_form(v, error);
	html_markup(v->p.out, "</div>\n");
	if (st == DB_OK) {
		if (src->before_form)
			src->before_form(&v->p, src->data);
		html_markup(v->p.out,
			    "<form method=\"post\" id=\"" LIST_FORM_ID "\">");
		page_csrf_field(&v->p);
		html_markup(v->p.out,
			    "<input type=\"hidden\" name=\"form\" "
			    "value=\"patchlistform\"><input "
			    "type=\"hidden\" name=\"project\" value=\"");
		html_int(v->p.out, v->project->id);
		html_markup(v->p.out, "\">\n");
		paginator(v);
		table_head(v);
		for (guint i = 0; i < rows->len; i++)
			row(v, &g_array_index(rows, struct db_web_row, i),
			    checks, ids, i);
		if (!rows->len)
			html_markup(v->p.out,
				    "<tr><td colspan=\"9\">No patches "
				    "to display</td></tr>\n");
		html_markup(v->p.out, "</tbody></table></div>\n");
		paginator(v);
		/* a bundle's owner may remove its patches (the bundle's
		 * own view) */
		if (rows->len)
			st = patch_forms_list(
				&v->p, v->project->id,
				src->bundle_order ? src->bundle_id : 0, error);
		if (st == DB_OK && src->in_form)
			src->in_form(&v->p, src->data);
		html_markup(v->p.out, "</form>\n");
		patch_forms_series(&v->p, rows);
		page_end(&v->p);
	}
	if (checks)
		db_checks_free(checks);
	return st;
}

enum db_status web_list_rows_checks(struct db *db, GArray *rows,
				    const GArray *tag_ids, GArray **ids,
				    GArray **checks, GError **error)
{
	g_autoptr(GArray) row_ids = g_array_new(FALSE, FALSE, sizeof(gint64));
	for (guint i = 0; i < rows->len; i++)
		g_array_append_val(
			row_ids, g_array_index(rows, struct db_web_row, i).id);
	*checks = NULL;
	if (row_ids->len) {
		/* one round trip for both on PostgreSQL */
		if (tag_ids && tag_ids->len)
			db_web_patch_tags_prefetch(db, row_ids);
		enum db_status st =
			db_patch_checks_many(db, row_ids, checks, error);
		if (st == DB_OK && tag_ids)
			st = db_web_patch_tags(db, tag_ids, rows, error);
		if (st != DB_OK) {
			db_checks_free(*checks);
			*checks = NULL;
			return st;
		}
	}
	*ids = g_steal_pointer(&row_ids);
	return DB_OK;
}

void web_list_page(struct web *w, const struct db_project *project,
		   const struct list_source *src)
{
	g_autoptr(GError) error = NULL;
	struct list_view v = {.w = w, .project = project, .src = src};
	/* the bulk actions of the list's forms, on any list's page */
	enum db_status st = bulk_list_post(w, project, &error);
	if (st == DB_OK)
		st = render(&v, &error);
	list_filters_clear(&v.f);
	if (v.tags)
		g_ptr_array_unref(v.tags);
	if (v.all_tags)
		g_ptr_array_unref(v.all_tags);
	if (st != DB_OK)
		web_fail(w, st, error);
}

void web_patch_list(struct web *w)
{
	g_autoptr(db_project) project = web_path_project(w);
	if (project)
		web_list_page(w, project,
			      &(struct list_source){.tab = PAGE_TAB_LIST});
}
