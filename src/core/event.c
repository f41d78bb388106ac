/*
 * Events of the API's writes (rest-api.md §10.1, §10.2): the category,
 * the references and the actor Patchwork's signal handlers store for
 * each; see core/event.h.
 */
#include "core/event.h"

static enum db_status emit(struct db *db, struct db_event_new *e,
			   GError **error)
{
	e->date = g_get_real_time();
	return db_event_insert(db, e, error);
}

enum db_status event_patch_state_changed(struct db *db, gint64 project_id,
					 gint64 patch_id, gint64 actor_id,
					 gint64 previous_state_id,
					 gint64 current_state_id,
					 GError **error)
{
	struct db_event_new e = {
		.category = "patch-state-changed",
		.project_id = project_id,
		.actor_id = actor_id,
		.patch_id = patch_id,
		.previous_state_id = previous_state_id,
		.current_state_id = current_state_id,
	};
	return emit(db, &e, error);
}

enum db_status event_patch_delegated(struct db *db, gint64 project_id,
				     gint64 patch_id, gint64 actor_id,
				     gint64 previous_delegate_id,
				     gint64 current_delegate_id, GError **error)
{
	struct db_event_new e = {
		.category = "patch-delegated",
		.project_id = project_id,
		.actor_id = actor_id,
		.patch_id = patch_id,
		.previous_delegate_id = previous_delegate_id,
		.current_delegate_id = current_delegate_id,
	};
	return emit(db, &e, error);
}

enum db_status event_patch_relation_changed(struct db *db, gint64 project_id,
					    gint64 patch_id, gint64 actor_id,
					    GError **error)
{
	struct db_event_new e = {
		.category = "patch-relation-changed",
		.project_id = project_id,
		.actor_id = actor_id,
		.patch_id = patch_id,
	};
	return emit(db, &e, error);
}

enum db_status event_check_created(struct db *db, gint64 project_id,
				   gint64 patch_id, gint64 check_id,
				   gint64 actor_id, GError **error)
{
	struct db_event_new e = {
		.category = "check-created",
		.project_id = project_id,
		.actor_id = actor_id,
		.patch_id = patch_id,
		.created_check_id = check_id,
	};
	return emit(db, &e, error);
}

enum db_status event_comment_created(struct db *db, gboolean cover,
				     gint64 project_id, gint64 parent_id,
				     gint64 comment_id, GError **error)
{
	struct db_event_new e = {
		.category = cover ? "cover-comment-created"
				  : "patch-comment-created",
		.project_id = project_id,
	};
	if (cover) {
		e.cover_id = parent_id;
		e.cover_comment_id = comment_id;
	} else {
		e.patch_id = parent_id;
		e.patch_comment_id = comment_id;
	}
	return emit(db, &e, error);
}
