/*
 * The page writer: one layout for every HTML page of the site (head with
 * the site's stylesheet and script, a header with the site, the project
 * and the navigation, the page's own content, a footer), written into the
 * response body through html.h only.
 *
 * A handler fills a page between page_begin() and page_end(); all it
 * writes goes through html_text()/html_attr()/html_markup() on p->out.
 * Markup and data never mix in a format string.
 */
#ifndef DARN_WEB_PAGE_H
#define DARN_WEB_PAGE_H

#include "util/html.h"
#include "web/web.h"

struct page {
	struct web *w;
	GString *out; /* the response body (borrowed) */
};

/* The tab of a project's navigation a page belongs to. */
enum page_tab {
	PAGE_TAB_NONE,
	PAGE_TAB_LIST,	  /* /project/<p>/list/ and the patch pages */
	PAGE_TAB_BUNDLES, /* /project/<p>/bundles/ */
	PAGE_TAB_PROJECT, /* /project/<p>/ */
	PAGE_TAB_SERIES,  /* /project/<p>/series/ (web/series.h) */
};

/*
 * Starts the page: status `status`, text/html, the head with `title`
 * followed by " - <site name>", the header with `project`'s name and
 * tabs when it is not NULL (borrowed for the call), and the user's links
 * (login and registration when nobody is logged in).
 */
void page_begin(struct page *p, struct web *w, int status, const char *title,
		const struct db_project *project, enum page_tab tab);
/* Closes the content and writes the footer. */
void page_end(struct page *p);

/* The hidden CSRF field of a POST form (web/auth.h): always for a
 * logged-in user; for a visitor once the page called web_csrf_token()
 * (the account pages' forms), else nothing. */
void page_csrf_field(struct page *p);

/* <option value="value" [selected]>label</option> */
void page_option(struct page *p, const char *value, const char *label,
		 gboolean selected);

/* The rows of a form's table, as Django's as_table writes them:
 * page_form_row opens <tr><th><label for="id_NAME">LABEL</label></th><td>
 * (the field follows); page_form_row_end closes it after the field's
 * error (NULL: none), page_errorlist writes that error alone
 * (<ul class="errorlist">). page_checkbox_row writes a whole row of a
 * checkbox named `name`, then `text` after it (NULL: none). */
void page_form_row(struct page *p, const char *label, const char *name);
void page_form_row_end(struct page *p, const char *error);
/* ` name="NAME" id="id_NAME"`: a field's attributes as the row's label
 * points at it. */
void page_field_names(struct page *p, const char *name);
void page_errorlist(struct page *p, const char *error);
void page_checkbox_row(struct page *p, const char *label, const char *name,
		       gboolean checked, const char *text);

/* Writes `href="..."` for the path of a patch or cover page, with `suffix`
 * ("" or "mbox/", "raw/") appended. */
void page_submission_href(struct page *p, const char *linkname,
			  const char *kind, const char *msgid,
			  const char *suffix);

/* <a [id="id"] href="...">name</a>: a link to a patch or cover page
 * named as page_name() shows it; id NULL: none. */
void page_submission_link(struct page *p, const char *id, const char *linkname,
			  const char *kind, const char *msgid,
			  const char *name);

/* A submission's name as Patchwork's lists show it: "[no subject]" when
 * empty, cut to 100 characters with "…" (Django's truncatechars). */
void page_name(struct page *p, const char *name);

/* A series' name as page_name(), "Untitled series #<id>" when it has
 * none (NULL). */
void page_series_name(struct page *p, gint64 id, const char *name);

/* A date as Django's default DATETIME_FORMAT shows it in UTC
 * ("Nov. 17, 2022, 2:55 p.m."); microseconds since the epoch. */
void page_datetime(struct page *p, gint64 usec);
/* "2022-11-17". */
void page_date(struct page *p, gint64 usec);

#endif
