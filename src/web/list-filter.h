/*
 * The patch list's filters as Patchwork's web UI reads them from a query
 * string (web-and-mbox.md §5.2, Patchwork's filters.py): series,
 * submitter, state, q, archive and delegate, each applied or not, with
 * the text the filter summary shows and the query strings of its links.
 */
#ifndef DARN_WEB_LIST_FILTER_H
#define DARN_WEB_LIST_FILTER_H

#include "web/web.h"

enum list_filter_kind {
	LF_SERIES,
	LF_SUBMITTER,
	LF_STATE,
	LF_SEARCH,
	LF_ARCHIVE,
	LF_DELEGATE,
	LF_COUNT,
};

struct list_filters {
	struct db_web_filter db; /* what the store runs (strings below) */
	gboolean applied[LF_COUNT];
	/* the summary's text of each applied filter */
	char *condition[LF_COUNT];
	/* the query-string value of each filter, NULL when absent */
	char *key[LF_COUNT];
	/* a filter the page fixed: kept by the summary's links, not by
	 * the sort and page links, never removed (a todo list's delegate) */
	gboolean forced[LF_COUNT];
	gboolean delegate_fixed; /* no delegate field in the form */
	GPtrArray *states;	 /* struct db_state*, for the form */
	char *submitter_match, *search, *delegate_match; /* owned */
};

/* The parameter name of each filter ("series", "submitter"...). */
extern const char *const list_filter_param[LF_COUNT];

/* Reads the filters of the request; DB_OK or a store failure. */
enum db_status list_filters_parse(struct list_filters *f, struct web *w,
				  gint64 project_id, GError **error);
void list_filters_clear(struct list_filters *f);
/* After list_filters_parse: the delegate filter is the page's, not the
 * request's: forced to user `user_id` called `username` (a todo list),
 * or with user_id 0 disabled (a bundle page). */
void list_filters_fix_delegate(struct list_filters *f, gint64 user_id,
			       const char *username);

/*
 * The query string ("?a=b&c=d", names and values percent-encoded; "" when
 * empty) of the list: its filters' keys, then the request's `order` and
 * `page` (with `others`: every other parameter of the request too; a
 * forced filter only then),
 * without the filter `without` (LF_COUNT: none), and with
 * `set_name`=`set_value` in place of a parameter of that name (set_name
 * NULL: none). Patchwork's sort and page links mean to keep the order
 * and page this way but lose them (its `params['param']` typo); darn's
 * keep them (docs/compatibility.md).
 */
char *list_querystring(const struct list_filters *f, const struct web *w,
		       gboolean others, enum list_filter_kind without,
		       const char *set_name, const char *set_value);

#endif
