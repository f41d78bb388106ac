/*
 * Reading the rows of many ids with few statements, for the pages of the
 * API's lists (db_get_many in store/read.c): one statement per chunk of
 * ids instead of one per row; and the row readers of people, projects,
 * submissions and comments (user.c, project.c, read.c) that it and
 * children.c share. Internal to store/.
 */
#ifndef DARN_STORE_ROWS_H
#define DARN_STORE_ROWS_H

#include "store/query.h"

/* Ids per statement; an IN list is padded to 8, 32, 128 or this many by
 * repeating its last id, so a few texts serve every page size. */
#define DB_ROWS_CHUNK 256

/*
 * Runs `select` (text ending where an IN list goes, e.g. "... WHERE x.id
 * IN ") followed by the list of ids and `tail` (e.g. " ORDER BY x.id",
 * or ""), for every chunk of `ids` (GArray of gint64; empty: nothing
 * runs), and calls row(q, ctx) on each row. The ids may repeat.
 */
enum db_status db_rows_in(struct db *db, const char *select, const char *tail,
			  const GArray *ids,
			  void (*row)(struct db_query *q, void *ctx), void *ctx,
			  GError **error);
/* db_rows_in's statement sent ahead, a hint (db_state_list_prefetch);
 * only for ids that fit one chunk. */
void db_rows_in_prefetch(struct db *db, const char *select, const char *tail,
			 const GArray *ids);

/* Runs q, whose one parameter is an id, and copies the first column of
 * its row into *out (NULL for SQL NULL). */
enum db_status db_text_by_id(struct db_query *q, gint64 id, char **out,
			     GError **error);

/* The user columns every read selects, from table alias u. */
#define USER_COLS \
	"u.id, u.username, u.first_name, u.last_name, u.email, u.is_active"
#define DB_PERSON_SELECT                           \
	"SELECT p.id, p.name, p.email, " USER_COLS \
	" FROM person p LEFT JOIN users u ON u.id = p.user_id"
/* The project columns, each prefixed by t (a string literal: "" or a
 * table alias and its dot). */
#define PROJECT_COLS_OF(t)                                                 \
	t "id, " t "linkname, " t "name, " t "listid, " t "listemail, " t  \
	  "subject_match, " t "web_url, " t "scm_url, " t "webscm_url, " t \
	  "list_archive_url, " t "list_archive_url_format, " t             \
	  "commit_url_format, " t "send_notifications, " t                 \
	  "show_dependencies, " t "use_tags"
#define PROJECT_COLS PROJECT_COLS_OF("")
#define DB_PROJECT_SELECT "SELECT " PROJECT_COLS " FROM project"

/* Fill *out (a struct db_person, db_project) from a row of the SELECT
 * above; db_person_clear frees what the person holds. */
void db_person_fill(struct db_query *q, void *out);
void db_person_clear(struct db_person *p);
void db_project_fill(struct db_query *q, void *out);
/* The same from the PROJECT_COLS_OF at column i of a wider row. */
void db_project_fill_at(struct db_query *q, int i, struct db_project *p);

/* The brief columns of a patch or cover (db_submission_brief) from table
 * alias x, and the filler of a struct db_submission from them. */
#define DB_BRIEF_SELECT "SELECT x.id, x.project_id, x.msgid, x.name, x.date "
void db_brief_fill(struct db_query *q, void *out);

/* A comment with its submitter (struct db_comment, db_comment_fill),
 * from table alias x. */
#define DB_SUBMITTER_JOIN " JOIN person sp ON sp.id = x.submitter_id"
#define DB_COMMENT_COLS                                               \
	"x.msgid, x.date, x.headers, x.content, x.addressed, sp.id, " \
	"sp.name, sp.email "
#define DB_COVER_COMMENT_SELECT                     \
	"SELECT x.id, x.cover_id, " DB_COMMENT_COLS \
	"FROM cover_comment x" DB_SUBMITTER_JOIN
#define DB_PATCH_COMMENT_SELECT                     \
	"SELECT x.id, x.patch_id, " DB_COMMENT_COLS \
	"FROM patch_comment x" DB_SUBMITTER_JOIN
void db_comment_fill(struct db_query *q, void *out);

#endif
