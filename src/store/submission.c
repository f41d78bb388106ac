/*
 * Patches, cover letters, their comments, raw mails and events: the rows
 * one ingested mail creates.
 */
#include "store/query.h"
#include "store/count.h"
#include "util/zraw.h"

/* Runs a one-column id lookup that binds (int, text). */
static enum db_status id_by_int_text(struct db *db, const char *sql, gint64 a,
				     const char *b, gint64 *id, GError **error)
{
	struct db_query *q = db_query(db, sql, error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, a);
	db_bind_text(q, 2, b);
	enum db_status st = db_step(q, error);
	if (st == DB_OK && id)
		*id = db_col_int(q, 0);
	db_query_done(q);
	return st;
}

static enum db_status id_by_text(struct db *db, const char *sql, const char *a,
				 gint64 *id, GError **error)
{
	struct db_query *q = db_query(db, sql, error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, a);
	enum db_status st = db_step(q, error);
	if (st == DB_OK && id)
		*id = db_col_int(q, 0);
	db_query_done(q);
	return st;
}

enum db_status db_mail_insert(struct db *db, GBytes *compressed, gsize size,
			      gint64 received, gint64 *id, GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO mail (received, size, raw) VALUES (?, ?, ?) "
		"RETURNING id",
		error);
	if (!q)
		return DB_ERROR;
	gsize clen;
	const void *cdata = g_bytes_get_data(compressed, &clen);
	db_bind_int(q, 1, received);
	db_bind_int(q, 2, size);
	db_bind_blob(q, 3, cdata ? cdata : "", clen);
	return db_query_insert(q, id, error);
}

enum db_status db_mail_get(struct db *db, gint64 id, GBytes **out,
			   GError **error)
{
	struct db_query *q =
		db_query(db, "SELECT size, raw FROM mail WHERE id = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, id);
	enum db_status st = db_step(q, error);
	if (st == DB_OK) {
		gsize clen;
		gsize size = db_col_int(q, 0);
		const void *cdata = db_col_blob(q, 1, &clen);
		*out = zraw_decompress(cdata, clen, size, error);
		if (!*out)
			st = DB_ERROR;
	}
	db_query_done(q);
	return st;
}

enum db_status db_patch_exists(struct db *db, gint64 project_id,
			       const char *msgid, GError **error)
{
	return id_by_int_text(
		db, "SELECT id FROM patch WHERE project_id = ? AND msgid = ?",
		project_id, msgid, NULL, error);
}

enum db_status db_patch_by_msgid(struct db *db, gint64 project_id,
				 const char *msgid, gint64 *id, GError **error)
{
	return id_by_int_text(
		db, "SELECT id FROM patch WHERE project_id = ? AND msgid = ?",
		project_id, msgid, id, error);
}

enum db_status db_patch_insert(struct db *db, const struct db_submission_new *s,
			       gint64 *id, GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO patch (project_id, msgid, name, date, headers, "
		"submitter_id, content, diff, pull_url, delegate_id, state_id, "
		"hash, mail_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
		"RETURNING id",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, s->project_id);
	db_bind_text(q, 2, s->msgid);
	db_bind_text(q, 3, s->name);
	db_bind_int(q, 4, s->date);
	db_bind_text(q, 5, s->headers);
	db_bind_int(q, 6, s->submitter_id);
	db_bind_text(q, 7, s->content);
	db_bind_text(q, 8, s->diff);
	db_bind_text(q, 9, s->pull_url);
	db_bind_id(q, 10, s->delegate_id);
	db_bind_int(q, 11, s->state_id);
	db_bind_text(q, 12, s->hash);
	db_bind_id(q, 13, s->mail_id);
	enum db_status st = db_query_insert(q, id, error);
	if (st != DB_OK)
		return st;
	st = count_patch_add(db, s->project_id, s->state_id, FALSE,
			     s->delegate_id, 1, error);
	if (st != DB_OK)
		return st;
	return count_total_add(db, COUNT_PATCHES, s->project_id, error);
}

enum db_status db_patch_set_series(struct db *db, gint64 patch_id,
				   gint64 series_id, gint64 number,
				   GError **error)
{
	struct db_query *q = db_query(
		db, "UPDATE patch SET series_id = ?, number = ? WHERE id = ?",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_id(q, 1, series_id);
	db_bind_int(q, 2, number);
	db_bind_int(q, 3, patch_id);
	return db_query_run(q, error);
}

enum db_status db_series_of_patch_msgid(struct db *db, const char *msgid,
					gint64 *series_id, GError **error)
{
	gint64 id = 0;
	enum db_status st = id_by_text(
		db,
		"SELECT COALESCE(series_id, 0) FROM patch WHERE msgid = ? "
		"ORDER BY id LIMIT 1",
		msgid, &id, error);
	if (st == DB_OK && id == 0)
		return DB_NOT_FOUND;
	*series_id = id;
	return st;
}

enum db_status db_cover_exists(struct db *db, gint64 project_id,
			       const char *msgid, GError **error)
{
	return id_by_int_text(
		db, "SELECT id FROM cover WHERE project_id = ? AND msgid = ?",
		project_id, msgid, NULL, error);
}

enum db_status db_cover_by_msgid(struct db *db, gint64 project_id,
				 const char *msgid, gint64 *id, GError **error)
{
	return id_by_int_text(
		db, "SELECT id FROM cover WHERE project_id = ? AND msgid = ?",
		project_id, msgid, id, error);
}

enum db_status db_cover_name_exists(struct db *db, const char *name,
				    GError **error)
{
	return id_by_text(db, "SELECT id FROM cover WHERE name = ? LIMIT 1",
			  name, NULL, error);
}

enum db_status db_series_of_cover_msgid(struct db *db, const char *msgid,
					gint64 *series_id, GError **error)
{
	return id_by_text(db,
			  "SELECT s.id FROM cover c JOIN series s ON "
			  "s.cover_letter_id = c.id "
			  "WHERE c.id = (SELECT id FROM cover WHERE msgid = ? "
			  "ORDER BY id LIMIT 1)",
			  msgid, series_id, error);
}

enum db_status db_cover_insert(struct db *db, const struct db_submission_new *s,
			       gint64 *id, GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO cover (project_id, msgid, name, date, headers, "
		"submitter_id, content, mail_id) VALUES (?, ?, ?, ?, ?, ?, ?, "
		"?) RETURNING id",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, s->project_id);
	db_bind_text(q, 2, s->msgid);
	db_bind_text(q, 3, s->name);
	db_bind_int(q, 4, s->date);
	db_bind_text(q, 5, s->headers);
	db_bind_int(q, 6, s->submitter_id);
	db_bind_text(q, 7, s->content);
	db_bind_id(q, 8, s->mail_id);
	enum db_status st = db_query_insert(q, id, error);
	if (st != DB_OK)
		return st;
	return count_total_add(db, COUNT_COVERS, s->project_id, error);
}

enum db_status db_patch_comment_exists(struct db *db, gint64 patch_id,
				       const char *msgid, GError **error)
{
	return id_by_int_text(
		db,
		"SELECT id FROM patch_comment WHERE patch_id = ? AND msgid = ?",
		patch_id, msgid, NULL, error);
}

enum db_status db_cover_comment_exists(struct db *db, gint64 cover_id,
				       const char *msgid, GError **error)
{
	return id_by_int_text(
		db,
		"SELECT id FROM cover_comment WHERE cover_id = ? AND msgid = ?",
		cover_id, msgid, NULL, error);
}

static enum db_status comment_insert(struct db *db, const char *sql,
				     const struct db_comment_new *c, gint64 *id,
				     GError **error)
{
	struct db_query *q = db_query(db, sql, error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, c->parent_id);
	db_bind_text(q, 2, c->msgid);
	db_bind_int(q, 3, c->date);
	db_bind_text(q, 4, c->headers);
	db_bind_int(q, 5, c->submitter_id);
	db_bind_text(q, 6, c->content);
	if (c->addressed < 0)
		db_bind_text(q, 7, NULL);
	else
		db_bind_int(q, 7, c->addressed);
	db_bind_id(q, 8, c->mail_id);
	return db_query_insert(q, id, error);
}

enum db_status db_patch_comment_insert(struct db *db,
				       const struct db_comment_new *c,
				       gint64 *id, GError **error)
{
	return comment_insert(
		db,
		"INSERT INTO patch_comment (patch_id, msgid, date, headers, "
		"submitter_id, content, addressed, mail_id) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		c, id, error);
}

enum db_status db_cover_comment_insert(struct db *db,
				       const struct db_comment_new *c,
				       gint64 *id, GError **error)
{
	return comment_insert(
		db,
		"INSERT INTO cover_comment (cover_id, msgid, date, headers, "
		"submitter_id, content, addressed, mail_id) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		c, id, error);
}

enum db_status db_event_insert(struct db *db, const struct db_event_new *e,
			       GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO event (category, project_id, date, actor_id, "
		"patch_id, series_id, cover_id, previous_state_id, "
		"current_state_id, previous_delegate_id, current_delegate_id, "
		"created_check_id, cover_comment_id, patch_comment_id) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, e->category);
	db_bind_int(q, 2, e->project_id);
	db_bind_int(q, 3, e->date);
	db_bind_id(q, 4, e->actor_id);
	db_bind_id(q, 5, e->patch_id);
	db_bind_id(q, 6, e->series_id);
	db_bind_id(q, 7, e->cover_id);
	db_bind_id(q, 8, e->previous_state_id);
	db_bind_id(q, 9, e->current_state_id);
	db_bind_id(q, 10, e->previous_delegate_id);
	db_bind_id(q, 11, e->current_delegate_id);
	db_bind_id(q, 12, e->created_check_id);
	db_bind_id(q, 13, e->cover_comment_id);
	db_bind_id(q, 14, e->patch_comment_id);
	enum db_status st = db_query_run(q, error);
	if (st != DB_OK)
		return st;
	st = count_event_add(db, e->project_id, e->category, e->actor_id,
			     error);
	if (st != DB_OK)
		return st;
	return count_total_add(db, COUNT_EVENTS, e->project_id, error);
}

static gint64 count_of(struct db *db, const char *sql, gint64 project_id,
		       enum db_status *st, GError **error)
{
	if (*st != DB_OK)
		return 0;
	struct db_query *q = db_query(db, sql, error);
	if (!q) {
		*st = DB_ERROR;
		return 0;
	}
	db_bind_int(q, 1, project_id);
	db_bind_int(q, 2, project_id);
	gint64 n = 0;
	enum db_status s = db_step(q, error);
	if (s == DB_OK)
		n = db_col_int(q, 0);
	else
		*st = s;
	db_query_done(q);
	return n;
}

enum db_status db_counts(struct db *db, gint64 project_id,
			 struct db_counts *out, GError **error)
{
	enum db_status st = DB_OK;
	/* project_id 0 counts every project; people are global. */
	out->patches = count_of(
		db, "SELECT COUNT(*) FROM patch WHERE ? = 0 OR project_id = ?",
		project_id, &st, error);
	out->covers = count_of(
		db, "SELECT COUNT(*) FROM cover WHERE ? = 0 OR project_id = ?",
		project_id, &st, error);
	out->patch_comments =
		count_of(db,
			 "SELECT COUNT(*) FROM patch_comment c JOIN patch p "
			 "ON p.id = c.patch_id WHERE ? = 0 OR p.project_id = ?",
			 project_id, &st, error);
	out->cover_comments =
		count_of(db,
			 "SELECT COUNT(*) FROM cover_comment c JOIN cover p "
			 "ON p.id = c.cover_id WHERE ? = 0 OR p.project_id = ?",
			 project_id, &st, error);
	out->series = count_of(
		db, "SELECT COUNT(*) FROM series WHERE ? = 0 OR project_id = ?",
		project_id, &st, error);
	out->people = count_of(db,
			       "SELECT COUNT(*) FROM person WHERE ? IS NOT "
			       "NULL AND ? IS NOT NULL",
			       project_id, &st, error);
	return st;
}

/*
 * One lookup for up to DB_REFS_PER_LOOKUP refs of a comment, instead of
 * up to four for each ref tried (a round trip each on PostgreSQL): the
 * patches and covers of the project with those msgids (kinds 0 and 2),
 * and the comments on them with those msgids (1 and 3). Padded to the
 * full count with the last ref, so it is one statement whatever the
 * count. CROSS JOIN: SQLite, given a list of msgids, would otherwise
 * walk every patch of the project and probe its comments; PostgreSQL
 * plans it as the inner join it is.
 */
#define PARENT_REFS_IN "(?, ?, ?, ?, ?, ?, ?, ?)" /* DB_REFS_PER_LOOKUP */
static const char parents_sql[] =
	"SELECT 0, msgid, id, 0, 0 FROM patch "
	"WHERE project_id = ? AND msgid IN " PARENT_REFS_IN " UNION ALL "
	"SELECT 1, c.msgid, c.patch_id, c.date, c.id FROM patch_comment c "
	"CROSS JOIN patch p WHERE p.id = c.patch_id "
	"AND p.project_id = ? AND c.msgid IN " PARENT_REFS_IN " UNION ALL "
	"SELECT 2, msgid, id, 0, 0 FROM cover "
	"WHERE project_id = ? AND msgid IN " PARENT_REFS_IN " UNION ALL "
	"SELECT 3, c.msgid, c.cover_id, c.date, c.id FROM cover_comment c "
	"CROSS JOIN cover v WHERE v.id = c.cover_id "
	"AND v.project_id = ? AND c.msgid IN " PARENT_REFS_IN;

/* The comment a parent was found by: of several comments with one
 * msgid, the latest by date, then by id, wins (ingest.md §17.1). */
struct comment_pick {
	gint64 date, id;
};

/* Records a row of parents_sql for every ref with its msgid. */
static void parent_row(struct db_ref_parent *out, struct comment_pick *pick,
		       const char *const *refs, guint n, gint64 kind,
		       const char *msgid, gint64 id, gint64 date,
		       gint64 comment_id)
{
	gboolean cover = kind >= 2, comment = kind % 2 == 1;
	for (guint i = 0; i < n; i++) {
		if (strcmp(refs[i], msgid) != 0)
			continue;
		gint64 *slot = cover ? &out[i].cover : &out[i].patch;
		struct comment_pick *p = &pick[2 * i + cover];
		if (!comment) {
			*slot = id;
			p->id = -1; /* the patch or cover itself wins */
		} else if (p->id >= 0 &&
			   (!*slot || date > p->date ||
			    (date == p->date && comment_id > p->id))) {
			*slot = id;
			p->date = date;
			p->id = comment_id;
		}
	}
}

enum db_status db_ref_parents(struct db *db, gint64 project_id,
			      const char *const *refs, guint n,
			      struct db_ref_parent *out, GError **error)
{
	struct comment_pick pick[2 * DB_REFS_PER_LOOKUP] = {{0}};
	g_return_val_if_fail(n >= 1 && n <= DB_REFS_PER_LOOKUP, DB_ERROR);
	memset(out, 0, n * sizeof(*out));
	struct db_query *q = db_query(db, parents_sql, error);
	if (!q)
		return DB_ERROR;
	int param = 1;
	for (int part = 0; part < 4; part++) {
		db_bind_int(q, param++, project_id);
		for (guint i = 0; i < DB_REFS_PER_LOOKUP; i++)
			db_bind_text(q, param++, refs[MIN(i, n - 1)]);
	}
	enum db_status st;
	while ((st = db_step(q, error)) == DB_OK)
		parent_row(out, pick, refs, n, db_col_int(q, 0),
			   db_col_text(q, 1), db_col_int(q, 2),
			   db_col_int(q, 3), db_col_int(q, 4));
	db_query_done(q);
	return st == DB_NOT_FOUND ? DB_OK : st;
}
