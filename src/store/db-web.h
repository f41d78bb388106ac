/*
 * db-web.h: what the HTML pages read (store/web.c).
 * Part of db.h, the only door to darn's database: its conventions hold.
 */
#ifndef DARN_STORE_DB_WEB_H
#define DARN_STORE_DB_WEB_H

#include "store/db-conn.h"
#include "store/db-people.h"

/* ---- web pages: what the HTML pages read (store/web.c) ---------------- */

/* The project's patches not archived and archived. */
enum db_status db_project_patch_counts(struct db *db, gint64 project_id,
				       gint64 *active, gint64 *archived,
				       GError **error);

/*
 * The patch list's filters and order (web-and-mbox.md §5.2), resolved:
 * ids are checked to exist by the caller; text matches are substrings,
 * ASCII case ignored.
 */
struct db_web_filter {
	gint64 project_id; /* with bundle_id 0: its patches */
	/* The rows' source (db-web-bundle.h): the patches of this bundle,
	 * whatever their project, as Patchwork's bundle page; 0: the
	 * project's. bundle_order: in the bundle's order (its owner's
	 * view), not `order`'s. */
	gint64 bundle_id;
	gboolean bundle_order;
	gint64 series_id;	     /* 0: any series */
	gint64 submitter_id;	     /* 0: any; else that person, or every
				      * person of the user it is linked to */
	const char *submitter_match; /* NULL, or a submitter name part */
	gint64 state_id;	     /* 0: see any_state */
	gboolean any_state;	     /* with state_id 0: FALSE lists only
				      * states with action_required */
	const char *search;	     /* NULL, or a part of the name */
	int archived;		     /* 0 not archived, 1 archived, -1 both */
	gint64 delegate_id;	     /* 0: any delegate */
	gboolean no_delegate;	     /* only patches without a delegate */
	const char *delegate_match;  /* NULL, or a delegate username part */
	/* "date", "name", "state", "submitter" or "delegate" */
	const char *order;
	gboolean descending;
};

#define DB_WEB_MAX_TAGS 8

/* A row of the patch list. Strings owned (db_web_row_clear). */
struct db_web_row {
	gint64 id, date, series_id, submitter_id;
	char *msgid, *name;
	char *series_name; /* NULL when the series is unnamed or absent */
	char *submitter_name, *submitter_email; /* name NULL: none */
	char *delegate;				/* username, NULL: none */
	char *state;				/* the state's name */
	gint64 tags[DB_WEB_MAX_TAGS]; /* counts, in the order of tag_ids */
};
void db_web_row_clear(struct db_web_row *r);

enum db_status db_web_patch_count(struct db *db, const struct db_web_filter *f,
				  gint64 *count, GError **error);
/* Rows [offset, offset + limit) in the filter's order, with the counts of
 * the tags `tag_ids` (GArray of gint64, at most DB_WEB_MAX_TAGS). *out: a
 * GArray of struct db_web_row that clears its elements. */
enum db_status db_web_patch_page(struct db *db, const struct db_web_filter *f,
				 const GArray *tag_ids, gint64 offset,
				 gint64 limit, GArray **out, GError **error);
/* The count and that page sent ahead (db_state_list_prefetch). */
void db_web_patch_prefetch(struct db *db, const struct db_web_filter *f,
			   const GArray *tag_ids, gint64 offset, gint64 limit);

/* The SQL of the count (count TRUE) or of a page of the filter's list,
 * for the query-plan tests (tests/unit/test-web-list-plans.c). Newly
 * allocated. */
char *db_web_patch_sql(const struct db_web_filter *f, gboolean count);

/* DB_OK when some person's name contains `part` (ASCII case ignored). */
enum db_status db_person_name_matches(struct db *db, const char *part,
				      GError **error);
/* DB_OK when some user's username contains `part`. */
enum db_status db_username_matches(struct db *db, const char *part,
				   GError **error);
/* The delegate choices of the list's filter: users who maintain a
 * project, once per project they maintain (as Patchwork's query, which
 * repeats them), by user id. *out: GPtrArray of struct db_user*. */
enum db_status db_delegate_choices(struct db *db, GPtrArray **out,
				   GError **error);
void db_delegate_choices_prefetch(struct db *db);
/* The name of series `id` (NULL when unnamed); DB_NOT_FOUND when none. */
enum db_status db_series_name(struct db *db, gint64 id, char **name,
			      GError **error);

/* The autocomplete of the filter form (web-and-mbox.md §5.11): people
 * whose name or email contains `part`, or (`users`) users whose
 * username, first or last name does, ASCII case ignored, by id, at most
 * `limit`. *out: GPtrArray of struct db_person* (only id, name, email
 * set) or of struct db_user* (id, username, first and last name). */
enum db_status db_autocomplete(struct db *db, gboolean users, const char *part,
			       gint64 limit, GPtrArray **out, GError **error);

#endif
