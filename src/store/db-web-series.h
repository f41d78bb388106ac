/*
 * db-web-series.h: what the series pages read (store/series-web.c): a
 * project's series list, a series' other versions, the patches of a page
 * of series, and a patch's neighbours in its series.
 * Part of db.h, the only door to darn's database: its conventions hold.
 */
#ifndef DARN_STORE_DB_WEB_SERIES_H
#define DARN_STORE_DB_WEB_SERIES_H

#include "store/db-conn.h"
#include "store/db-web.h"

/* A row of the series list or of a series' versions. Strings owned
 * (db_web_series_clear). */
struct db_web_series {
	gint64 id, date, version, total, submitter_id, cover_id;
	char *name;				/* NULL when unnamed */
	char *submitter_name, *submitter_email; /* name NULL: none */
};
void db_web_series_clear(struct db_web_series *s);

/* The series list's filters. */
struct db_web_series_filter {
	gint64 project_id;
	gint64 submitter_id; /* 0: any; else that person's series */
	const char *search;  /* NULL, or a part of the name (ASCII case
			      * ignored) */
};

enum db_status db_web_series_count(struct db *db,
				   const struct db_web_series_filter *f,
				   gint64 *count, GError **error);
/* Rows [offset, offset + limit), newest first: by id descending, the
 * order the site received them (the series_project and series_submitter
 * indexes give it without a sort). *out: GArray of struct db_web_series
 * that clears its elements. */
enum db_status db_web_series_page(struct db *db,
				  const struct db_web_series_filter *f,
				  gint64 offset, gint64 limit, GArray **out,
				  GError **error);

/* One series as a row of the list; DB_NOT_FOUND when it does not exist
 * in project `project_id`. */
enum db_status db_web_series_get(struct db *db, gint64 project_id, gint64 id,
				 struct db_web_series *out, GError **error);

/*
 * Candidates for the other versions of a series: the series of project
 * `project_id` by the person `submitter_id` whose
 * name ends with `suffix` (LIKE, so ASCII case may differ: the caller
 * compares exactly), by version then id. *out as db_web_series_page's.
 */
enum db_status db_web_series_named(struct db *db, gint64 project_id,
				   gint64 submitter_id, const char *suffix,
				   GArray **out, GError **error);

/* A patch of a series: its number (0: none), its state's name and
 * ordering. */
struct db_web_series_patch {
	gint64 series_id, id, number, state_ordering;
	char *state;
};
/* The patches of the series `series_ids` (GArray of gint64), by series
 * then number. *out: GArray of struct db_web_series_patch that frees
 * their states. */
enum db_status db_web_series_patches(struct db *db, const GArray *series_ids,
				     GArray **out, GError **error);

/* The patches of series `series_id` as rows of the patch list (db-web.h;
 * series_name unset), with the counts of the tags `tag_ids`, by number
 * (those without one first), then id. *out: a GArray of struct
 * db_web_row that clears its elements. */
enum db_status db_web_series_rows(struct db *db, gint64 series_id,
				  const GArray *tag_ids, GArray **out,
				  GError **error);

/* The patch of series `series_id` numbered just below (`next` FALSE) or
 * above `number`: its msgid and name (owned by the caller); DB_NOT_FOUND
 * when there is none. */
enum db_status db_web_series_neighbour(struct db *db, gint64 series_id,
				       gint64 number, gboolean next,
				       char **msgid, char **name,
				       GError **error);
/* Both neighbours sent ahead, a hint (db_state_list_prefetch). */
void db_web_series_neighbours_prefetch(struct db *db, gint64 series_id,
				       gint64 number);

#endif
