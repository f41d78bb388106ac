/*
 * Patchwork's paginator (paginator.py) for the site's lists (the patch
 * list, the series list): which page numbers show, and the <nav
 * class="paginator"> that links them.
 */
#ifndef DARN_WEB_PAGINATOR_H
#define DARN_WEB_PAGINATOR_H

#include "web/page.h"

struct pages {
	gint64 count, per_page, num_pages, number;
	gint64 leading[2], trailing[2], adjacent_first, adjacent_last;
	int n_leading, n_trailing;
	gboolean leading_ellipsis, trailing_ellipsis;
};

/* The page number the `page` parameter asks for, before the count
 * bounds it: at least 1, at most G_MAXINT32 (so that a page's offset
 * stays within 64 bits). */
gint64 pages_requested(const char *page_param);

/* Fills p for `count` items, `per_page` a page, at the page the `page`
 * parameter asks for (NULL or not a number: the first; past the end:
 * the last). */
void pages_compute(struct pages *p, gint64 count, gint64 per_page,
		   const char *page_param);

/* Writes the paginator (nothing when there is one page); href(ctx, n)
 * writes the ` href="..."` attribute of page n's link. */
void pages_write(struct page *p, const struct pages *g,
		 void (*href)(void *ctx, gint64 n), void *ctx);

#endif
