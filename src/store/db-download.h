/*
 * db-download.h: web downloads: mbox, raw diff, id redirects
 * (store/download.c). Part of db.h, the only door to darn's database: its
 * conventions hold.
 */
#ifndef DARN_STORE_DB_DOWNLOAD_H
#define DARN_STORE_DB_DOWNLOAD_H

#include "store/db-conn.h"

/* ---- web downloads: mbox, raw diff, id redirects (store/download.c) ---- */

/*
 * A patch or a cover letter with what its mbox message needs
 * (web-and-mbox.md §1.1). Strings are owned (db_mbox_free).
 */
struct db_mbox {
	gint64 id, date;
	gboolean is_patch;
	char *msgid, *name, *headers;
	char *content, *diff; /* NULL when NULL; diff NULL for covers */
	char *submitter_name; /* NULL when the person has no name */
	char *submitter_email;
	char *delegate_email;	  /* NULL without a delegate */
	char *listemail;	  /* the project's list address */
	gint64 series_id, number; /* 0 when none */
	/* char*: contents of its comments by date then id (NULL contents
	 * left out), for the tags they add to the message */
	GPtrArray *comments;
};
void db_mbox_free(struct db_mbox *m);
typedef struct db_mbox db_mbox;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(db_mbox, db_mbox_free)

/* The patch (or cover) with exactly this msgid (with <>) in the project
 * with this linkname; DB_NOT_FOUND when either is missing. *out is owned
 * by the caller. */
enum db_status db_mbox_patch(struct db *db, const char *linkname,
			     const char *msgid, struct db_mbox **out,
			     GError **error);
enum db_status db_mbox_cover(struct db *db, const char *linkname,
			     const char *msgid, struct db_mbox **out,
			     GError **error);
/* The patches of a series by number (then id); with before > 0 only those
 * numbered below it. *out: GPtrArray of struct db_mbox* freeing them. */
enum db_status db_mbox_series_patches(struct db *db, gint64 series_id,
				      gint64 before, GPtrArray **out,
				      GError **error);
/* The patches of a bundle in bundle order (GPtrArray as above). */
enum db_status db_mbox_bundle_patches(struct db *db, gint64 bundle_id,
				      GPtrArray **out, GError **error);
/* The bundle called `name` owned by the user called `owner`. */
enum db_status db_mbox_bundle(struct db *db, const char *owner,
			      const char *name, gint64 *id, gint64 *owner_id,
			      gboolean *public, GError **error);

/* The name and diff (NULL when none) of the patch with this msgid in the
 * project with this linkname, for /raw/. */
enum db_status db_patch_raw(struct db *db, const char *linkname,
			    const char *msgid, char **name, char **diff,
			    GError **error);

/* Where a patch, cover or comment lives on the web: its project's linkname
 * and the msgid of the patch or cover (with <>). For a comment *is_patch
 * says whether that is a patch (patch comments win over cover comments
 * with the same id, as in Patchwork). */
enum db_status db_patch_location(struct db *db, gint64 id, char **linkname,
				 char **msgid, GError **error);
enum db_status db_cover_location(struct db *db, gint64 id, char **linkname,
				 char **msgid, GError **error);
enum db_status db_comment_location(struct db *db, gint64 id, gboolean *is_patch,
				   char **linkname, char **msgid,
				   GError **error);

#endif
