/*
 * The store's part of accounts on the web (store/session.c): login
 * sessions, failed-login counts, mailed confirmation keys and the mail
 * opt-out list. Included by db.h. Keys of sessions and confirmations are
 * stored as the SHA-256 (hex) the caller computed, never as sent.
 */
#ifndef DARN_STORE_DB_WEB_ACCOUNTS_H
#define DARN_STORE_DB_WEB_ACCOUNTS_H

#include "store/db-conn.h"

/* ---- sessions ---------------------------------------------------------- */

struct db_session {
	gint64 user_id;
	char *username;
	char *csrf; /* the session's CSRF secret */
	gint64 expires;
};
void db_session_clear(struct db_session *s);
typedef struct db_session db_session;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(db_session, db_session_clear)

enum db_status db_session_insert(struct db *db, const char *key_hash,
				 gint64 user_id, const char *csrf,
				 gint64 expires, GError **error);
/* The session stored under key_hash that expires after `now`, of an active
 * user; DB_NOT_FOUND otherwise. */
enum db_status db_session_get(struct db *db, const char *key_hash, gint64 now,
			      struct db_session *out, GError **error);
enum db_status db_session_delete(struct db *db, const char *key_hash,
				 GError **error);
/* Every session of the user (a new password ends them all). */
enum db_status db_session_delete_user(struct db *db, gint64 user_id,
				      GError **error);
/* Deletes sessions expired at `now`. */
enum db_status db_session_prune(struct db *db, gint64 now, GError **error);

/* ---- failed logins ----------------------------------------------------- */

/* Failures counted for `subject` in a window that started after `since`
 * (0 when none). */
enum db_status db_login_failures(struct db *db, const char *subject,
				 gint64 since, gint64 *failures,
				 GError **error);
/* Counts one more failure at `now`: a window that started at or before
 * `since` is over, and a new one starts. */
enum db_status db_login_failure_add(struct db *db, const char *subject,
				    gint64 now, gint64 since, GError **error);
enum db_status db_login_failure_clear(struct db *db, const char *subject,
				      GError **error);
/* Deletes the windows that started at or before `since`, then the oldest
 * rows beyond `max_rows`. */
enum db_status db_login_failure_prune(struct db *db, gint64 since,
				      gint64 max_rows, GError **error);

/* ---- mailed confirmations ---------------------------------------------- */

struct db_confirmation {
	gint64 id;
	char *type; /* "registration", "userperson", "optout", "optin",
		     * "password_reset" */
	char *email;
	gint64 user_id; /* 0: none */
	gint64 date;
	gboolean active; /* not used yet */
};
void db_confirmation_clear(struct db_confirmation *c);
typedef struct db_confirmation db_confirmation;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(db_confirmation, db_confirmation_clear)

enum db_status db_confirmation_insert(struct db *db, const char *type,
				      const char *email, gint64 user_id,
				      const char *key_hash, gint64 date,
				      GError **error);
enum db_status db_confirmation_get(struct db *db, const char *key_hash,
				   struct db_confirmation *out, GError **error);
/* Marks it used: DB_OK when this call did, DB_NOT_FOUND when it was used
 * already (two clicks at once use it once). */
enum db_status db_confirmation_use(struct db *db, gint64 id, GError **error);

/*
 * darn cron's expiry, as Patchwork's expire_notifications(): first the
 * users who registered and never confirmed (inactive, never logged in,
 * with an unused registration confirmation dated before `before` and no
 * unused one since), unless they are staff, maintain a project, are a
 * patch's delegate or an event's actor; then every confirmation dated
 * before `before` or used. *users and *confirmations receive how many
 * rows went.
 */
enum db_status db_confirmation_expire(struct db *db, gint64 before,
				      gint64 *users, gint64 *confirmations,
				      GError **error);

/* ---- accounts the web pages change -------------------------------------- */

/* DB_OK when a user's username equals `username` ignoring ASCII case. */
enum db_status db_username_taken(struct db *db, const char *username,
				 GError **error);
enum db_status db_user_set_last_login(struct db *db, gint64 user_id,
				      gint64 when, GError **error);

/* ---- the profile page (store/profile.c) ---------------------------------- */

struct db_profile_person {
	gint64 id;
	char *email;
	gboolean optout; /* its exact address is on the opt-out list */
};

struct db_profile {
	GPtrArray *maintainer_of;  /* linknames (char*), by linkname */
	GPtrArray *contributor_to; /* projects of the patches of its people */
	gint64 todo;		   /* delegated, not archived, action needed */
	GArray *people;		   /* struct db_profile_person, by id */
	GPtrArray *bundles;	   /* its bundles' names (char*), by id */
};
void db_profile_clear(struct db_profile *p);
typedef struct db_profile db_profile;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(db_profile, db_profile_clear)

enum db_status db_profile_get(struct db *db, gint64 user_id,
			      struct db_profile *out, GError **error);
/* Detaches the person from the user, when it is the user's and its
 * address is not the account's own; DB_NOT_FOUND otherwise. */
enum db_status db_person_unlink(struct db *db, gint64 person_id, gint64 user_id,
				GError **error);

/* ---- mail opt-out -------------------------------------------------------- */

/* `email` is lower-cased and stripped by the caller. */
enum db_status db_optout_has(struct db *db, const char *email, gboolean *has,
			     GError **error);
enum db_status db_optout_add(struct db *db, const char *email, GError **error);
enum db_status db_optout_remove(struct db *db, const char *email,
				GError **error);

#endif
