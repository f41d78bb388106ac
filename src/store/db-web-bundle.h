/*
 * db-web-bundle.h: what the bundle and todo pages read and the bundle
 * page's own writes (store/web-bundle.c; web-and-mbox.md §5.6, §5.8).
 * Part of db.h, the only door to darn's database: its conventions hold.
 * The patch lists of these pages are db_web_patch_page's (db-web.h).
 */
#ifndef DARN_STORE_DB_WEB_BUNDLE_H
#define DARN_STORE_DB_WEB_BUNDLE_H

#include "store/db-conn.h"

/* A row of the bundle lists (/user/bundles/, /project/<p>/bundles/).
 * Strings owned (db_web_bundle_clear). */
struct db_web_bundle {
	gint64 id, patches;    /* patches: how many it holds */
	char *name, *linkname; /* linkname: its project's */
	gboolean public;
};
void db_web_bundle_clear(struct db_web_bundle *b);

/* The bundles of user `owner_id`, of project `project_id` only unless 0,
 * by id. *out: a GArray of struct db_web_bundle that clears them. */
enum db_status db_web_user_bundles(struct db *db, gint64 owner_id,
				   gint64 project_id, GArray **out,
				   GError **error);

/* A project's todo list of a user (§5.8): its patches delegated to the
 * user, not archived, in a state with action_required. Strings owned. */
struct db_web_todo {
	char *linkname, *name;
	gint64 patches;
};
void db_web_todo_clear(struct db_web_todo *t);
/* The projects where user_id's todo list is not empty, by linkname.
 * *out: a GArray of struct db_web_todo that clears them. */
enum db_status db_web_todo_lists(struct db *db, gint64 user_id, GArray **out,
				 GError **error);

/*
 * Patchwork's reorder of a bundle page: the patches `patch_ids` (GArray
 * of gint64, in their new order) get consecutive orders starting from
 * the order of patch `start`. DB_NOT_FOUND when `start` or one of them
 * is not in the bundle (earlier ones may be written: roll back).
 */
enum db_status db_bundle_reorder(struct db *db, gint64 bundle_id, gint64 start,
				 const GArray *patch_ids, GError **error);

#endif
