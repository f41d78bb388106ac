/*
 * Patch-change notifications (web-and-mbox.md §5.10), as Patchwork's
 * patch_change_callback() and send_notifications(): what a state change
 * records for the patch's submitter, and the mail `darn cron` sends them
 * (Patchwork's patch-change-notification templates).
 */
#ifndef DARN_CORE_NOTIFICATION_H
#define DARN_CORE_NOTIFICATION_H

#include "store/db.h"

/* What a state change does to the patch's pending notification. */
enum notification_change {
	NOTIFICATION_NONE,   /* nothing to record */
	NOTIFICATION_CREATE, /* a new one, remembering the state before */
	NOTIFICATION_TOUCH,  /* the pending one is moved to now */
	NOTIFICATION_DELETE, /* back at the pending one's original state */
};

/*
 * The rule of patch_change_callback(): nothing when the project does not
 * send notifications or the state did not change; with no pending
 * notification (pending_orig 0), a new one; when the new state is the
 * pending one's original state, it is deleted; otherwise it is touched.
 */
enum notification_change notification_change(gboolean project_sends,
					     gint64 pending_orig,
					     gint64 state_before,
					     gint64 state_after);

/*
 * Applies that rule to patch_id after its state went from state_before
 * to state_after, inside the caller's write transaction (the one that
 * saved the patch), at now (µs).
 */
enum db_status notification_record(struct db *db, gint64 project_id,
				   gint64 patch_id, gint64 state_before,
				   gint64 state_after, GError **error);

/* Whether a submitter's notifications are due: all of them last changed
 * before `limit` (Patchwork waits while any is younger). */
gboolean notification_due(const gint64 *last_modified, gsize n, gint64 limit);

/* Whether `email` can be a mail's only recipient: one bare address
 * (Patchwork refuses only "" and "<>"; a comma or an angle bracket
 * would let a submitter's address name other recipients). */
gboolean notification_recipient_valid(const char *email);

/* One line of the mail: a patch, where it is, its state then and now.
 * Borrowed strings. */
struct notification_item {
	const char *linkname, *project_name;
	const char *name;
	const char *url; /* absolute */
	const char *orig_state, *state;
};

/* Longest field of an item a mail shows (longer ones are cut at a
 * character boundary), so that any one item fits in a mail. */
#define NOTIFICATION_FIELD_MAX 1024

/* How many of items[0..n) (at least one when n > 0) one mail lists in
 * at most max_bytes of its body's list (the rest of the body, the
 * greeting and the signature, comes on top). */
gsize notification_mail_fit(const struct notification_item *items, gsize n,
			    gsize max_bytes);

/* "[<linknames, sorted, joined by ,>] Patch notification: N patch(es)
 * updated". New string. */
char *notification_mail_subject(const struct notification_item *items, gsize n);

/* Patchwork's patch-change-notification.txt for items[0..n), signed
 * with `domain` and the mail settings page `settings_url`. New string. */
char *notification_mail_body(const struct notification_item *items, gsize n,
			     const char *domain, const char *settings_url);

#endif
