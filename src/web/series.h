/*
 * The series pages, which Patchwork's users asked for and its site does
 * not have (docs/web.md "Series"): a project's series list, a series'
 * page with its patches and its other versions, and the previous / next
 * patch of a series on a patch's page.
 */
#ifndef DARN_WEB_SERIES_H
#define DARN_WEB_SERIES_H

#include "web/page.h"

/* /project/<p>/series/: the project's series, newest first. */
void web_series_list(struct web *w);
/* /project/<p>/series/<id>/: one series. */
void web_series_page(struct web *w);

/*
 * On the page of patch `s` (which has a series): links to its series'
 * page and to the patches numbered just before and after it
 * (#series-prev, #series-next), for the series row of submission.c.
 */
enum db_status web_series_patch_nav(struct page *p,
				    const struct db_project *project,
				    const struct db_submission *s,
				    GError **error);

#endif
