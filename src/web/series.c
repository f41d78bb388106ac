/*
 * The series pages (series.h; docs/web.md "Series"): what Patchwork's
 * users asked for and its site lacks. The list reads a page of series
 * (store/series-web.c), then their patches and those patches' checks in
 * one statement each; the series page reads its patches as rows of the
 * patch list (db_web_series_rows), by number.
 */
#include "web/series.h"

#include "core/check.h"
#include "core/series-versions.h"
#include "mail/pystr.h"
#include "web/list.h"
#include "web/paginator.h"

/* The series' name, or Patchwork's "Untitled series #N". */
static void series_name(struct page *p, const struct db_web_series *s)
{
	if (s->name) {
		page_name(p, s->name);
		return;
	}
	g_autofree char *n =
		g_strdup_printf("Untitled series #%" G_GINT64_FORMAT, s->id);
	page_name(p, n);
}

/* href="/project/<p>/series/<id>/" (id 0: the list) followed by
 * `query` (a fixed text or a query built from escaped values). */
static void series_href(struct page *p, const struct db_project *project,
			gint64 id, const char *query)
{
	html_markup(p->out, "href=\"/project/");
	html_url_arg(p->out, project->linkname);
	html_markup(p->out, "/series/");
	if (id) {
		html_int(p->out, id);
		html_markup(p->out, "/");
	}
	html_attr(p->out, query);
	html_markup(p->out, "\"");
}

/* The submitter, linked to the series list filtered on them. */
static void submitter_link(struct page *p, const struct db_project *project,
			   const struct db_web_series *s)
{
	g_autofree char *q = g_strdup_printf("?submitter=%" G_GINT64_FORMAT,
					     s->submitter_id);
	html_markup(p->out, "<a ");
	series_href(p, project, 0, q);
	html_markup(p->out, ">");
	html_text(p->out, s->submitter_name && *s->submitter_name
				  ? s->submitter_name
				  : s->submitter_email);
	html_markup(p->out, "</a>");
}

/* "S W F" counts, "-" for none, as the patch list shows them. */
static void check_cells(struct page *p, const gint64 counts[4])
{
	static const struct {
		int state;
		const char *cls;
	} cols[] = {{CHECK_SUCCESS, "c-success"},
		    {CHECK_WARNING, "c-warning"},
		    {CHECK_FAIL, "c-fail"}};
	html_markup(p->out, "<td class=\"nowrap\">");
	for (gsize i = 0; i < G_N_ELEMENTS(cols); i++) {
		gint64 n = counts[cols[i].state];
		if (!n) {
			html_markup(p->out, "<span>-</span> ");
			continue;
		}
		html_markup(p->out, "<span class=\"");
		html_attr(p->out, cols[i].cls);
		html_markup(p->out, "\">");
		html_int(p->out, n);
		html_markup(p->out, "</span> ");
	}
	html_markup(p->out, "</td>");
}

/* ---- the list ---------------------------------------------------------- */

struct list_view {
	struct page p;
	struct web *w;
	const struct db_project *project;
	struct db_web_series_filter f;
	char *submitter_label; /* the filtered submitter's name, owned */
	struct pages pages;
};

/* The list's query with the filters, without `drop` ("submitter", "q"
 * or NULL), with page=`page` when not 0: "" or "?...". */
static char *list_query(const struct list_view *v, const char *drop,
			gint64 page)
{
	g_autoptr(GString) q = g_string_new("");
	if (v->f.submitter_id && g_strcmp0(drop, "submitter") != 0)
		g_string_append_printf(q, "&submitter=%" G_GINT64_FORMAT,
				       v->f.submitter_id);
	if (v->f.search && g_strcmp0(drop, "q") != 0) {
		g_autofree char *e = http_quote(v->f.search, "");
		g_string_append_printf(q, "&q=%s", e);
	}
	if (page)
		g_string_append_printf(q, "&page=%" G_GINT64_FORMAT, page);
	if (q->len)
		q->str[0] = '?';
	return g_strdup(q->str);
}

static void page_href(void *ctx, gint64 n)
{
	struct list_view *v = ctx;
	g_autofree char *q = list_query(v, NULL, n);
	series_href(&v->p, v->project, 0, q);
}

static void filter_summary(struct list_view *v)
{
	struct page *p = &v->p;
	html_markup(p->out, "<div id=\"series-filters\">Show series with: ");
	const struct {
		const char *param, *label, *value;
	} applied[] = {
		{"submitter", "Submitter", v->submitter_label},
		{"q", "Search", v->f.search},
	};
	gboolean any = FALSE;
	for (gsize i = 0; i < G_N_ELEMENTS(applied); i++) {
		if (!applied[i].value)
			continue;
		if (any)
			html_markup(p->out, " | ");
		any = TRUE;
		html_text(p->out, applied[i].label);
		html_markup(p->out, " = <strong>");
		html_text(p->out, applied[i].value);
		html_markup(p->out, "</strong><a class=\"filter-action\" "
				    "title=\"remove this filter\" "
				    "aria-label=\"remove this filter\" ");
		g_autofree char *q = list_query(v, applied[i].param, 0);
		series_href(p, v->project, 0, q);
		html_markup(p->out, "></a>");
	}
	if (!any)
		html_text(p->out, "none");
	html_markup(p->out, " | ");
	html_int(p->out, v->pages.count);
	html_text(p->out, " series");
	html_markup(p->out,
		    "</div>\n<form method=\"get\" class=\"series-search\">"
		    "<label for=\"series-q\">Search</label> <input "
		    "id=\"series-q\" type=\"search\" name=\"q\" "
		    "value=\"");
	html_attr(p->out, v->f.search);
	html_markup(p->out, "\">");
	if (v->f.submitter_id) {
		html_markup(p->out, "<input type=\"hidden\" name=\"submitter\" "
				    "value=\"");
		html_int(p->out, v->f.submitter_id);
		html_markup(p->out, "\">");
	}
	html_markup(p->out,
		    " <button type=\"submit\">Search</button></form>\n");
}

/* What a row of the list shows of a series' patches: how many arrived,
 * how many are in each state, their checks' counts. */
struct summary {
	gint64 received, checks[4];
	struct {
		gint64 ordering, n;
		const char *name; /* borrowed from the patches */
	} states[16];
	guint n_states;
};

/* Sums the patches of series_id among `patches`. A state past the 16th
 * is left out of the summary (darn's states are 8 unless a site adds
 * more). */
static void summarize(struct summary *sum, const GArray *patches,
		      gint64 series_id, const GArray *checks)
{
	memset(sum, 0, sizeof(*sum));
	for (guint i = 0; i < patches->len; i++) {
		const struct db_web_series_patch *x =
			&g_array_index(patches, struct db_web_series_patch, i);
		if (x->series_id != series_id)
			continue;
		sum->received++;
		check_count_states(checks, x->id, sum->checks);
		guint k = 0;
		while (k < sum->n_states &&
		       g_strcmp0(sum->states[k].name, x->state) != 0)
			k++;
		if (k == sum->n_states && k < G_N_ELEMENTS(sum->states)) {
			sum->states[k].name = x->state;
			sum->states[k].ordering = x->state_ordering;
			sum->n_states++;
		}
		if (k < sum->n_states)
			sum->states[k].n++;
	}
}

/* "2 New, 1 Accepted": by the states' order. */
static void states_cell(struct page *p, struct summary *sum)
{
	html_markup(p->out, "<td class=\"wide\">");
	for (guint done = 0; done < sum->n_states; done++) {
		guint best = 0;
		for (guint k = 1; k < sum->n_states; k++)
			if (sum->states[k].ordering <
			    sum->states[best].ordering)
				best = k;
		if (done)
			html_text(p->out, ", ");
		html_textf(
			p->out, "%" G_GINT64_FORMAT " %s", sum->states[best].n,
			sum->states[best].name ? sum->states[best].name : "");
		sum->states[best].ordering = G_MAXINT64;
	}
	html_markup(p->out, "</td>");
}

static void list_row(struct list_view *v, const struct db_web_series *s,
		     const GArray *patches, const GArray *checks)
{
	struct page *p = &v->p;
	struct summary sum;
	summarize(&sum, patches, s->id, checks);
	html_markup(p->out, "<tr><td><a ");
	series_href(p, v->project, s->id, "");
	html_markup(p->out, ">");
	series_name(p, s);
	html_markup(p->out, "</a></td><td>v");
	html_int(p->out, s->version);
	html_markup(p->out, "</td><td class=\"wide\">");
	submitter_link(p, v->project, s);
	html_markup(p->out, "</td><td class=\"nowrap\">");
	page_date(p, s->date);
	html_markup(p->out, "</td><td class=\"nowrap");
	if (sum.received < s->total)
		html_markup(p->out, " incomplete");
	html_markup(p->out, "\">");
	html_int(p->out, sum.received);
	html_text(p->out, "/");
	html_int(p->out, s->total);
	html_markup(p->out, "</td>");
	states_cell(p, &sum);
	check_cells(p, sum.checks);
	html_markup(p->out, "</tr>\n");
}

static enum db_status list_render(struct list_view *v, GError **error)
{
	struct web *w = v->w;
	struct db *db = w->req->db;
	const char *sub = request_param(w->req, "submitter");
	const char *search = request_param(w->req, "q");
	gint64 sub_id = 0;
	if (sub && py_parse_int(sub, &sub_id) && sub_id > 0) {
		g_autoptr(db_person) person = NULL;
		enum db_status st = db_person_get(db, sub_id, &person, error);
		if (st == DB_OK) {
			v->f.submitter_id = sub_id;
			v->submitter_label = g_strdup(
				person->name && *person->name ? person->name
							      : person->email);
		} else if (st != DB_NOT_FOUND) {
			return st;
		}
	}
	if (search && *search)
		v->f.search = search;
	gint64 count = 0;
	enum db_status st = db_web_series_count(db, &v->f, &count, error);
	if (st != DB_OK)
		return st;
	gint64 per_page =
		w->req->items_per_page > 0 ? w->req->items_per_page : 100;
	pages_compute(&v->pages, count, per_page,
		      request_param(w->req, "page"));
	g_autoptr(GArray) rows = NULL;
	g_autoptr(GArray) patches = NULL;
	g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(gint64));
	g_autoptr(GArray) patch_ids = g_array_new(FALSE, FALSE, sizeof(gint64));
	st = db_web_series_page(db, &v->f, (v->pages.number - 1) * per_page,
				per_page, &rows, error);
	for (guint i = 0; st == DB_OK && i < rows->len; i++)
		g_array_append_val(
			ids, g_array_index(rows, struct db_web_series, i).id);
	if (st == DB_OK)
		st = db_web_series_patches(db, ids, &patches, error);
	for (guint i = 0; st == DB_OK && i < patches->len; i++)
		g_array_append_val(
			patch_ids,
			g_array_index(patches, struct db_web_series_patch, i)
				.id);
	GArray *checks = NULL;
	if (st == DB_OK && patch_ids->len)
		st = db_patch_checks_many(db, patch_ids, &checks, error);
	if (st != DB_OK)
		return st;

	g_autofree char *title =
		g_strconcat("Series - ", v->project->name, NULL);
	page_begin(&v->p, w, 200, title, v->project, PAGE_TAB_SERIES);
	struct page *p = &v->p;
	html_markup(p->out, "<h1>Series</h1>\n<div class=\"filters\">\n");
	filter_summary(v);
	html_markup(p->out, "</div>\n");
	pages_write(p, &v->pages, page_href, v);
	html_markup(p->out,
		    "<div class=\"scroll\"><table class=\"patches\" "
		    "id=\"series-list\">\n<thead><tr><th>Series</th>"
		    "<th>Version</th><th class=\"wide\">Submitter</th>"
		    "<th>Date</th><th><abbr title=\"patches received / "
		    "patches in the series\">Patches</abbr></th>"
		    "<th class=\"wide\">States</th><th><abbr title=\"Success "
		    "/ Warning / Fail\">S/W/F</abbr></th></tr></thead>\n"
		    "<tbody>\n");
	for (guint i = 0; i < rows->len; i++)
		list_row(v, &g_array_index(rows, struct db_web_series, i),
			 patches, checks);
	if (!rows->len)
		html_markup(p->out, "<tr><td colspan=\"7\">No series to "
				    "display</td></tr>\n");
	html_markup(p->out, "</tbody></table></div>\n");
	pages_write(p, &v->pages, page_href, v);
	page_end(p);
	if (checks)
		db_checks_free(checks);
	return DB_OK;
}

void web_series_list(struct web *w)
{
	g_autoptr(db_project) project = g_new0(struct db_project, 1);
	g_autoptr(GError) error = NULL;
	struct list_view v = {.w = w, .project = project};
	enum db_status st =
		db_project_by_linkname(w->req->db, w->args[0], project, &error);
	if (st == DB_OK) {
		v.f.project_id = project->id;
		st = list_render(&v, &error);
	}
	g_free(v.submitter_label);
	if (st != DB_OK)
		web_fail(w, st, error);
}

/* ---- one series -------------------------------------------------------- */

struct series_view {
	struct page p;
	struct web *w;
	struct db *db;
	const struct db_project *project;
	struct db_web_series s;
};

static void th(struct page *p, const char *label)
{
	html_markup(p->out, "<tr><th>");
	html_text(p->out, label);
	html_markup(p->out, "</th><td>");
}

static enum db_status details(struct series_view *v, gint64 received,
			      GError **error)
{
	struct page *p = &v->p;
	const struct db_web_series *s = &v->s;
	html_markup(p->out, "<div class=\"downloads\"><a href=\"/series/");
	html_int(p->out, s->id);
	html_markup(p->out, "/mbox/\" id=\"series-mbox\" title=\"the series' "
			    "patches as an mbox\">mbox</a></div>\n<h1>");
	series_name(p, s);
	html_markup(p->out, "</h1>\n<div class=\"scroll\"><table "
			    "class=\"info\" id=\"series-info\">\n");
	th(p, "Version");
	html_int(p->out, s->version);
	html_markup(p->out, "</td></tr>\n");
	th(p, "Submitter");
	submitter_link(p, v->project, s);
	html_markup(p->out, "</td></tr>\n");
	th(p, "Date");
	page_datetime(p, s->date);
	html_markup(p->out, " UTC</td></tr>\n");
	th(p, "Patches");
	html_int(p->out, received);
	html_text(p->out, " of ");
	html_int(p->out, s->total);
	html_text(p->out, " received");
	html_markup(p->out, " (<a id=\"series-patch-list\" href=\"/project/");
	html_url_arg(p->out, v->project->linkname);
	html_markup(p->out, "/list/?series=");
	html_int(p->out, s->id);
	html_markup(p->out, "\">in the patch list</a>, <a href=\"/project/");
	html_url_arg(p->out, v->project->linkname);
	html_markup(p->out, "/list/?series=");
	html_int(p->out, s->id);
	html_markup(p->out, "&amp;state=*&amp;archive=both\">with every state "
			    "and archived</a>)</td></tr>\n");
	if (s->cover_id) {
		g_auto(db_submission) cover = {0};
		enum db_status st = db_submission_brief(
			v->db, TRUE, s->cover_id, &cover, error);
		if (st != DB_OK)
			return st;
		th(p, "Cover letter");
		page_submission_link(p, "series-cover", v->project->linkname,
				     "cover", cover.msgid, cover.name);
		html_markup(p->out, "</td></tr>\n");
	}
	html_markup(p->out, "</table></div>\n");
	return DB_OK;
}

/* The shown tag columns (the patch list's: a project that uses tags
 * shows those with show_column). */
static enum db_status tag_columns(struct series_view *v, GPtrArray **all,
				  GArray **ids, GError **error)
{
	*ids = g_array_new(FALSE, FALSE, sizeof(gint64));
	*all = NULL;
	if (!v->project->use_tags)
		return DB_OK;
	enum db_status st = db_tag_list(v->db, all, error);
	for (guint i = 0; st == DB_OK && i < (*all)->len; i++) {
		const struct db_tag *t = (*all)->pdata[i];
		if (t->show_column && (*ids)->len < DB_WEB_MAX_TAGS)
			g_array_append_val(*ids, t->id);
	}
	return st;
}

/* The number of patch `id` among the series' patches (0: none). */
static gint64 number_of(const GArray *numbered, gint64 id)
{
	for (guint i = 0; i < numbered->len; i++) {
		const struct db_web_series_patch *x =
			&g_array_index(numbered, struct db_web_series_patch, i);
		if (x->id == id)
			return x->number;
	}
	return 0;
}

static void patch_row(struct series_view *v, const struct db_web_row *r,
		      gint64 number, guint ntags, const GArray *checks)
{
	struct page *p = &v->p;
	html_markup(p->out, "<tr><td>");
	if (number)
		html_int(p->out, number);
	html_markup(p->out, "</td><td>");
	page_submission_link(p, NULL, v->project->linkname, "patch", r->msgid,
			     r->name);
	html_markup(p->out, "</td>");
	if (ntags) {
		html_markup(p->out, "<td class=\"nowrap wide\">");
		for (guint i = 0; i < ntags; i++) {
			if (r->tags[i])
				html_int(p->out, r->tags[i]);
			else
				html_text(p->out, "-");
			html_text(p->out, " ");
		}
		html_markup(p->out, "</td>");
	}
	gint64 counts[4] = {0};
	check_count_states(checks, r->id, counts);
	check_cells(p, counts);
	html_markup(p->out, "<td class=\"wide\">");
	html_text(p->out, r->delegate);
	html_markup(p->out, "</td><td>");
	html_text(p->out, r->state);
	html_markup(p->out, "</td></tr>\n");
}

/* The series' patches by number, with the patch list's columns. */
static enum db_status patches_table(struct series_view *v,
				    const GArray *numbered, GError **error)
{
	struct page *p = &v->p;
	g_autoptr(GPtrArray) all_tags = NULL;
	g_autoptr(GArray) tag_ids = NULL;
	g_autoptr(GArray) rows = NULL;
	enum db_status st = tag_columns(v, &all_tags, &tag_ids, error);
	if (st == DB_OK)
		st = db_web_series_rows(v->db, v->s.id, tag_ids, &rows, error);
	if (st != DB_OK)
		return st;
	g_autoptr(GArray) ids = NULL;
	GArray *checks = NULL;
	st = web_list_rows_checks(v->db, rows, NULL, &ids, &checks, error);
	if (st != DB_OK)
		return st;
	html_markup(p->out, "<h2>Patches</h2>\n<div class=\"scroll\"><table "
			    "class=\"patches\" id=\"series-patches\">\n"
			    "<thead><tr><th>#</th><th>Patch</th>");
	if (tag_ids->len) {
		html_markup(p->out, "<th class=\"wide\">");
		for (guint i = 0, k = 0; i < all_tags->len; i++) {
			const struct db_tag *t = all_tags->pdata[i];
			if (!t->show_column || k == tag_ids->len)
				continue;
			if (k++)
				html_text(p->out, "/");
			html_text(p->out, t->abbrev);
		}
		html_markup(p->out, "</th>");
	}
	html_markup(p->out, "<th><abbr title=\"Success / Warning / Fail\">"
			    "S/W/F</abbr></th><th class=\"wide\">Delegate</th>"
			    "<th>State</th></tr></thead>\n<tbody>\n");
	for (guint i = 0; i < rows->len; i++) {
		const struct db_web_row *r =
			&g_array_index(rows, struct db_web_row, i);
		patch_row(v, r, number_of(numbered, r->id), tag_ids->len,
			  checks);
	}
	if (!rows->len)
		html_markup(p->out, "<tr><td colspan=\"6\">No patches "
				    "received</td></tr>\n");
	html_markup(p->out, "</tbody></table></div>\n");
	if (checks)
		db_checks_free(checks);
	return DB_OK;
}

/* The other versions: same project, same submitter, same name without
 * its bracket groups (series-versions.h). */
static enum db_status versions(struct series_view *v, GError **error)
{
	struct page *p = &v->p;
	g_autofree char *base = series_base_name(v->s.name);
	if (!base)
		return DB_OK;
	g_autoptr(GArray) cands = NULL;
	enum db_status st = db_web_series_named(
		v->db, v->project->id, v->s.submitter_id, base, &cands, error);
	if (st != DB_OK)
		return st;
	g_autoptr(GPtrArray) same = g_ptr_array_new();
	for (guint i = 0; i < cands->len; i++) {
		struct db_web_series *c =
			&g_array_index(cands, struct db_web_series, i);
		g_autofree char *b = series_base_name(c->name);
		if (g_strcmp0(b, base) == 0)
			g_ptr_array_add(same, c);
	}
	if (same->len < 2)
		return DB_OK;
	html_markup(p->out, "<h2>Versions</h2>\n<ul id=\"series-versions\">");
	for (guint i = 0; i < same->len; i++) {
		const struct db_web_series *c = same->pdata[i];
		html_markup(p->out, "<li>v");
		html_int(p->out, c->version);
		html_text(p->out, ": ");
		if (c->id == v->s.id) {
			html_markup(p->out, "<strong>");
			series_name(p, c);
			html_markup(p->out, "</strong> (this series)");
		} else {
			html_markup(p->out, "<a ");
			series_href(p, v->project, c->id, "");
			html_markup(p->out, ">");
			series_name(p, c);
			html_markup(p->out, "</a>");
		}
		html_text(p->out, ", ");
		page_date(p, c->date);
		html_markup(p->out, "</li>");
	}
	html_markup(p->out, "</ul>\n");
	return DB_OK;
}

static enum db_status series_render(struct series_view *v, GError **error)
{
	g_autoptr(GArray) one = g_array_new(FALSE, FALSE, sizeof(gint64));
	g_autoptr(GArray) numbered = NULL;
	g_array_append_val(one, v->s.id);
	enum db_status st = db_web_series_patches(v->db, one, &numbered, error);
	if (st != DB_OK)
		return st;
	g_autofree char *title = NULL;
	if (v->s.name)
		title = g_strdup(v->s.name);
	else
		title = g_strdup_printf("Untitled series #%" G_GINT64_FORMAT,
					v->s.id);
	page_begin(&v->p, v->w, 200, title, v->project, PAGE_TAB_SERIES);
	/* the versions before the patches, which may be a hundred */
	st = details(v, numbered->len, error);
	if (st == DB_OK)
		st = versions(v, error);
	if (st == DB_OK)
		st = patches_table(v, numbered, error);
	if (st != DB_OK)
		return st;
	page_end(&v->p);
	return DB_OK;
}

void web_series_page(struct web *w)
{
	g_autoptr(db_project) project = g_new0(struct db_project, 1);
	g_autoptr(GError) error = NULL;
	struct series_view v = {.w = w, .db = w->req->db, .project = project};
	enum db_status st =
		db_project_by_linkname(v.db, w->args[0], project, &error);
	if (st == DB_OK)
		st = db_web_series_get(v.db, project->id, w->ids[1], &v.s,
				       &error);
	if (st == DB_OK)
		st = series_render(&v, &error);
	db_web_series_clear(&v.s);
	if (st != DB_OK)
		web_fail(w, st, error);
}

/* ---- the patch page's links -------------------------------------------- */

static enum db_status neighbour(struct page *p,
				const struct db_project *project,
				const struct db_submission *s, gboolean next,
				GError **error)
{
	g_autofree char *msgid = NULL;
	g_autofree char *name = NULL;
	enum db_status st =
		db_web_series_neighbour(p->w->req->db, s->series.id, s->number,
					next, &msgid, &name, error);
	if (st == DB_NOT_FOUND)
		return DB_OK;
	if (st != DB_OK)
		return st;
	html_markup(p->out, " <a ");
	if (next)
		html_markup(p->out, "id=\"series-next\" rel=\"next\" ");
	else
		html_markup(p->out, "id=\"series-prev\" rel=\"prev\" ");
	page_submission_href(p, project->linkname, "patch", msgid, "");
	html_markup(p->out, " title=\"");
	html_attr(p->out, name);
	html_markup(p->out, "\">");
	html_text(p->out, next ? "next patch »" : "« previous patch");
	html_markup(p->out, "</a>");
	return DB_OK;
}

enum db_status web_series_patch_nav(struct page *p,
				    const struct db_project *project,
				    const struct db_submission *s,
				    GError **error)
{
	html_markup(p->out, "<div class=\"series-nav\"><a id=\"series-page\" "
			    "href=\"/project/");
	html_url_arg(p->out, project->linkname);
	html_markup(p->out, "/series/");
	html_int(p->out, s->series.id);
	html_markup(p->out, "/\">series page</a>");
	enum db_status st = DB_OK;
	if (s->number > 0) {
		st = neighbour(p, project, s, FALSE, error);
		if (st == DB_OK)
			st = neighbour(p, project, s, TRUE, error);
	}
	html_markup(p->out, "</div>");
	return st;
}
