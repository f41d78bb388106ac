/*
 * db-ingest.h: what ingest stores: raw mail, submissions, series, events;
 * parsearchive progress. Part of db.h, the only door to darn's database: its
 * conventions hold.
 */
#ifndef DARN_STORE_DB_INGEST_H
#define DARN_STORE_DB_INGEST_H

#include "store/db-conn.h"

/* ---- raw mail ---------------------------------------------------------- */

/* Stores a raw mail, already compressed with zraw_compress() (callers
 * compress outside the write transaction); size is its original length. */
enum db_status db_mail_insert(struct db *db, GBytes *compressed, gsize size,
			      gint64 received, gint64 *id, GError **error);
/* The raw bytes of stored mail `id`; *out owned by the caller. */
enum db_status db_mail_get(struct db *db, gint64 id, GBytes **out,
			   GError **error);

/* ---- submissions -------------------------------------------------------- */

/* What ingest stores for a patch or a cover (cover ignores the patch-only
 * fields). All strings are borrowed for the duration of the call. */
struct db_submission_new {
	gint64 project_id;
	const char *msgid, *name;
	gint64 date;
	const char *headers;
	gint64 submitter_id;
	const char *content; /* NULL stores NULL */
	gint64 mail_id;
	/* patches only */
	const char *diff, *pull_url, *hash;
	gint64 delegate_id, state_id;
};

enum db_status db_patch_exists(struct db *db, gint64 project_id,
			       const char *msgid, GError **error);
enum db_status db_patch_insert(struct db *db, const struct db_submission_new *s,
			       gint64 *id, GError **error);
enum db_status db_patch_set_series(struct db *db, gint64 patch_id,
				   gint64 series_id, gint64 number,
				   GError **error);
/* The patch with this msgid in the project (the web's patch page). */
enum db_status db_patch_by_msgid(struct db *db, gint64 project_id,
				 const char *msgid, gint64 *id, GError **error);
/* What one ref (a msgid) of a comment names in a project: the patch
 * with that msgid, else the patch of the latest-dated comment with it
 * (ingest.md §17.1); the same for covers (§17.2). 0: none. */
struct db_ref_parent {
	gint64 patch, cover;
};
#define DB_REFS_PER_LOOKUP 8
/* out[i] for refs[i], i < n, 1 <= n <= DB_REFS_PER_LOOKUP: one statement. */
enum db_status db_ref_parents(struct db *db, gint64 project_id,
			      const char *const *refs, guint n,
			      struct db_ref_parent *out, GError **error);
/* The series of the first patch (by id) with this msgid in any project. */
enum db_status db_series_of_patch_msgid(struct db *db, const char *msgid,
					gint64 *series_id, GError **error);

enum db_status db_cover_exists(struct db *db, gint64 project_id,
			       const char *msgid, GError **error);
enum db_status db_cover_insert(struct db *db, const struct db_submission_new *s,
			       gint64 *id, GError **error);
/* DB_OK when a cover with exactly this name exists in any project. */
enum db_status db_cover_name_exists(struct db *db, const char *name,
				    GError **error);
enum db_status db_cover_by_msgid(struct db *db, gint64 project_id,
				 const char *msgid, gint64 *id, GError **error);
enum db_status db_series_of_cover_msgid(struct db *db, const char *msgid,
					gint64 *series_id, GError **error);

struct db_comment_new {
	gint64 parent_id; /* the patch or the cover */
	const char *msgid;
	gint64 date;
	const char *headers;
	gint64 submitter_id;
	const char *content;
	int addressed; /* -1 NULL, 0 false, 1 true */
	gint64 mail_id;
};
enum db_status db_patch_comment_exists(struct db *db, gint64 patch_id,
				       const char *msgid, GError **error);
enum db_status db_patch_comment_insert(struct db *db,
				       const struct db_comment_new *c,
				       gint64 *id, GError **error);
enum db_status db_cover_comment_exists(struct db *db, gint64 cover_id,
				       const char *msgid, GError **error);
enum db_status db_cover_comment_insert(struct db *db,
				       const struct db_comment_new *c,
				       gint64 *id, GError **error);

/* ---- series -------------------------------------------------------------- */

struct db_series {
	gint64 id, project_id, cover_letter_id, submitter_id;
	char *name; /* NULL when unnamed */
	gint64 date, version, total;
};
void db_series_clear(struct db_series *s);

enum db_status db_series_get(struct db *db, gint64 id, struct db_series *out,
			     GError **error);
enum db_status db_series_insert(struct db *db, const struct db_series *s,
				gint64 *id, GError **error);
enum db_status db_series_set_name(struct db *db, gint64 id, const char *name,
				  GError **error);
enum db_status db_series_set_cover(struct db *db, gint64 id, gint64 cover_id,
				   GError **error);
/* The series a SeriesReference (project, msgid) points to. */
enum db_status db_series_by_reference(struct db *db, gint64 project_id,
				      const char *msgid, gint64 *series_id,
				      GError **error);
/* out[i]: the series refs[i] points to (0: none), i < n, 1 <= n <=
 * DB_REFS_PER_LOOKUP: one statement. */
enum db_status db_series_by_references(struct db *db, gint64 project_id,
				       const char *const *refs, guint n,
				       gint64 *out, GError **error);
/* Adds the reference unless (project, msgid) already has one. */
enum db_status db_series_reference_add(struct db *db, gint64 project_id,
				       gint64 series_id, const char *msgid,
				       GError **error);
/* Series of the same submitter, version and total in the project whose
 * date lies in [date_lo, date_hi], ordered by date descending then id
 * descending; *out is a GArray of gint64. */
enum db_status db_series_by_markers(struct db *db, gint64 project_id,
				    gint64 submitter_id, gint64 version,
				    gint64 total, gint64 date_lo,
				    gint64 date_hi, GArray **out,
				    GError **error);
/* The numbers of the patches in the series, ascending (GArray of gint64). */
enum db_status db_series_numbers(struct db *db, gint64 series_id, GArray **out,
				 GError **error);
/* Name of the series' patch with this number. */
enum db_status db_series_patch_name(struct db *db, gint64 series_id,
				    gint64 number, char **name, GError **error);
/* Patch ids of the series with number > after, ascending by number, each
 * with its number (GArray of gint64 pairs: id, number, id, number...). */
enum db_status db_series_patches_after(struct db *db, gint64 series_id,
				       gint64 after, GArray **out,
				       GError **error);
enum db_status db_series_dependency_add(struct db *db, gint64 series_id,
					gint64 depends_on_id, GError **error);

/* ---- events -------------------------------------------------------------- */

struct db_event_new {
	const char *category;
	gint64 project_id, date, actor_id;
	gint64 patch_id, series_id, cover_id;
	gint64 previous_state_id, current_state_id;
	gint64 previous_delegate_id, current_delegate_id;
	gint64 created_check_id;
	gint64 cover_comment_id, patch_comment_id;
};
enum db_status db_event_insert(struct db *db, const struct db_event_new *e,
			       GError **error);

/* ---- archive progress (parsearchive's resume points, store/progress.c) -- */

/*
 * How far an import of one archive got: the first `mails` mails of it
 * were read and committed; digest is SHA-256 chained over them (each link
 * hashes the previous digest and the mail's own SHA-256), so a re-run can
 * tell the same archive from one that changed.
 */
struct db_archive_progress {
	guint64 mails;
	guint8 digest[32];
};

/* DB_NOT_FOUND when no run of `path` is pending. */
enum db_status db_archive_progress_get(struct db *db, const char *path,
				       struct db_archive_progress *out,
				       GError **error);
/* Inside the write transaction of the mails it counts. */
enum db_status db_archive_progress_set(struct db *db, const char *path,
				       const struct db_archive_progress *p,
				       gint64 now, GError **error);
enum db_status db_archive_progress_delete(struct db *db, const char *path,
					  GError **error);

#endif
