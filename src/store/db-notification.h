/*
 * db-notification.h: pending patch-change notifications
 * (patch_change_notification, store/notification.c), what a state change
 * records and what `darn cron` mails and deletes.
 * Part of db.h, the only door to darn's database: its conventions hold.
 */
#ifndef DARN_STORE_DB_NOTIFICATION_H
#define DARN_STORE_DB_NOTIFICATION_H

#include "store/db-conn.h"

/*
 * Whether the project of patch_id sends notifications (*sends), and the
 * original state of the patch's pending notification (*orig_state_id, 0
 * when none is pending). DB_NOT_FOUND when no project has project_id.
 */
enum db_status db_notification_pending(struct db *db, gint64 project_id,
				       gint64 patch_id, gboolean *sends,
				       gint64 *orig_state_id, GError **error);

/* Records the patch's pending notification at `now`: a new one remembers
 * orig_state_id; an existing one keeps its original state and only has
 * its last_modified moved to `now`. */
enum db_status db_notification_put(struct db *db, gint64 patch_id,
				   gint64 orig_state_id, gint64 now,
				   GError **error);

/* Deletes the patch's pending notification; when last_modified is not 0,
 * only if it still has that last_modified (a change recorded since the
 * caller read it stays pending). */
enum db_status db_notification_delete(struct db *db, gint64 patch_id,
				      gint64 last_modified, GError **error);

/* One pending notification with what its mail says. Strings owned. */
struct db_notification {
	gint64 patch_id, last_modified;
	gint64 submitter_id;
	char *email;		       /* the submitter's address */
	char *linkname, *project_name; /* the patch's project */
	char *name, *msgid;	       /* the patch */
	char *orig_state, *state;      /* state names: then and now */
};

/*
 * Every pending notification, ordered by submitter, then patch id; *out
 * is a GArray of struct db_notification that frees their strings.
 */
enum db_status db_notification_list(struct db *db, GArray **out,
				    GError **error);

#endif
