/*
 * The patch list (list.c) as other pages show it: a bundle's patches
 * (bundle.c) and a user's todo list (todo.c), with the filters, sort
 * headers and paginator of /project/<p>/list/ (web-and-mbox.md §5.2)
 * over another source of rows.
 */
#ifndef DARN_WEB_LIST_H
#define DARN_WEB_LIST_H

#include "web/page.h"

struct list_source {
	const char *path;  /* the page's path: its links are path + query */
	const char *title; /* the page's title */
	enum page_tab tab;
	/* The rows: this bundle's patches (0: the project's); bundle_order:
	 * in the bundle's order (its owner's view: the `order` parameter is
	 * ignored and only the date header is a link, as Patchwork's). */
	gint64 bundle_id;
	gboolean bundle_order;
	/* The delegate filter: fixed to this user (a todo list; 0 and a
	 * bundle: disabled, the parameter ignored). */
	gint64 delegate_id;
	const char *delegate_name;
	/* What the page adds, each called with `data` (NULL: nothing):
	 * content before the filters, between the filters and the list's
	 * form, in the first cell of row `i` of `ids` (the page's patch
	 * ids, GArray of gint64; a logged-in user's rows only) and in the
	 * list's form after the table. */
	void (*head)(struct page *p, void *data);
	void (*before_form)(struct page *p, void *data);
	void (*select_cell)(struct page *p, void *data, const GArray *ids,
			    guint i);
	void (*in_form)(struct page *p, void *data);
	void *data;
};

/* The ids of `rows` (GArray of struct db_web_row) in order, into *ids,
 * and their patches' checks for the S/W/F column (db_patch_checks_many)
 * into *checks: NULL when there are no rows, else db_checks_free's.
 * With tag_ids (not NULL), also fills the rows' counts of those tags
 * (db_web_patch_tags). The patch list and the series page share it. */
enum db_status web_list_rows_checks(struct db *db, GArray *rows,
				    const GArray *tag_ids, GArray **ids,
				    GArray **checks, GError **error);

/* Answers the request with the list of `project` (borrowed) from
 * `src`'s rows, or the page of a store failure. */
void web_list_page(struct web *w, const struct db_project *project,
		   const struct list_source *src);

#endif
