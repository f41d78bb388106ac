/*
 * The events the API's writes create (rest-api.md §10.1): one function
 * per category, storing the references the §10.2 payload is built from
 * (the API orders the payload's keys). `actor_id` 0 stores a null actor.
 * Inside the caller's write transaction; the event's date is now (UTC).
 * Returns the store's status (*error set on failure).
 */
#ifndef DARN_CORE_EVENT_H
#define DARN_CORE_EVENT_H

#include "store/db.h"

enum db_status event_patch_state_changed(struct db *db, gint64 project_id,
					 gint64 patch_id, gint64 actor_id,
					 gint64 previous_state_id,
					 gint64 current_state_id,
					 GError **error);
/* Delegates are user ids, 0 for none. */
enum db_status event_patch_delegated(struct db *db, gint64 project_id,
				     gint64 patch_id, gint64 actor_id,
				     gint64 previous_delegate_id,
				     gint64 current_delegate_id,
				     GError **error);
/* Its payload's relations are always null (§10.2): no reference. */
enum db_status event_patch_relation_changed(struct db *db, gint64 project_id,
					    gint64 patch_id, gint64 actor_id,
					    GError **error);
/* actor: the check's user. */
enum db_status event_check_created(struct db *db, gint64 project_id,
				   gint64 patch_id, gint64 check_id,
				   gint64 actor_id, GError **error);
/* patch-comment-created (parent a patch) or cover-comment-created
 * (`cover`), actor null: Patchwork emits it on every save of a comment,
 * an update of `addressed` included. */
enum db_status event_comment_created(struct db *db, gboolean cover,
				     gint64 project_id, gint64 parent_id,
				     gint64 comment_id, GError **error);

#endif
