/*
 * What the patch forms post (web-and-mbox.md §5.2 "Bulk actions", §5.3):
 * state, delegate and archived changes through core/'s patch_set (the
 * API's permission per patch and its events), and adding to or taking
 * from bundles, with Patchwork's messages and errors (web/messages.h).
 * Both run inside the write transaction the dispatcher gives an unsafe
 * method; the page is then written as for a GET.
 */
#ifndef DARN_WEB_BULK_H
#define DARN_WEB_BULK_H

#include "web/web.h"

/*
 * The list's POST, when it posts the list's form (form=patchlistform)
 * and a user is logged in: runs its action (update, create, add,
 * remove) on the selected patches of `project` (its patch_id:<id>
 * fields, and every patch of its series_id fields). DB_NOT_FOUND when
 * a bundle the form names does not exist (Patchwork's 404); another
 * status is a store failure.
 */
enum db_status bulk_list_post(struct web *w, const struct db_project *project,
			      GError **error);

/*
 * The patch page's POST for patch `patch_id`: createbundle/create and
 * addtobundle/add for a logged-in user; otherwise the properties form
 * (no action, or "update"), for a user who may edit the patch. Sets
 * *answered after answering 403 to anyone else, as Patchwork's
 * HttpResponseForbidden. Statuses as bulk_list_post's.
 */
enum db_status bulk_patch_post(struct web *w, gint64 patch_id,
			       gboolean *answered, GError **error);

#endif
