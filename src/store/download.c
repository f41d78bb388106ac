/*
 * Reads behind the web downloads (web/download.c): patches and covers with
 * everything their mbox message needs in one row, the comment contents
 * that add tags, series and bundle contents, the raw diff, and where an id
 * lives for the legacy redirects.
 */
#include "store/query.h"

/* The columns every mbox query selects, in this order. */
#define MBOX_PATCH_COLS                                                 \
	"p.id, p.msgid, p.name, p.date, p.headers, p.content, p.diff, " \
	"s.name, s.email, u.email, pr.listemail, p.series_id, p.number"
#define MBOX_PATCH_FROM                                          \
	" FROM patch p JOIN project pr ON pr.id = p.project_id " \
	"JOIN person s ON s.id = p.submitter_id "                \
	"LEFT JOIN users u ON u.id = p.delegate_id"

void db_mbox_free(struct db_mbox *m)
{
	if (!m)
		return;
	g_free(m->msgid);
	g_free(m->name);
	g_free(m->headers);
	g_free(m->content);
	g_free(m->diff);
	g_free(m->submitter_name);
	g_free(m->submitter_email);
	g_free(m->delegate_email);
	g_free(m->listemail);
	if (m->comments)
		g_ptr_array_unref(m->comments);
	g_free(m);
}

/* A row in MBOX_PATCH_COLS order (covers select NULL for the patch-only
 * columns). */
static struct db_mbox *mbox_from_row(struct db_query *q, gboolean is_patch)
{
	struct db_mbox *m = g_new0(struct db_mbox, 1);

	m->is_patch = is_patch;
	m->id = db_col_int(q, 0);
	m->msgid = db_col_dup(q, 1);
	m->name = db_col_dup(q, 2);
	m->date = db_col_int(q, 3);
	m->headers = db_col_dup(q, 4);
	m->content = db_col_dup(q, 5);
	m->diff = db_col_dup(q, 6);
	m->submitter_name = db_col_dup(q, 7);
	m->submitter_email = db_col_dup(q, 8);
	m->delegate_email = db_col_dup(q, 9);
	m->listemail = db_col_dup(q, 10);
	m->series_id = db_col_int(q, 11);
	m->number = db_col_int(q, 12);
	return m;
}

/* Fills m->comments. */
static enum db_status mbox_comments(struct db *db, struct db_mbox *m,
				    GError **error)
{
	struct db_query *q =
		m->is_patch
			? db_query(db,
				   "SELECT content FROM patch_comment "
				   "WHERE patch_id = ? AND content IS NOT NULL "
				   "ORDER BY date, id",
				   error)
			: db_query(db,
				   "SELECT content FROM cover_comment "
				   "WHERE cover_id = ? AND content IS NOT NULL "
				   "ORDER BY date, id",
				   error);
	enum db_status st;

	if (!q)
		return DB_ERROR;
	m->comments = g_ptr_array_new_with_free_func(g_free);
	db_bind_int(q, 1, m->id);
	while ((st = db_step(q, error)) == DB_OK)
		g_ptr_array_add(m->comments, db_col_dup(q, 0));
	db_query_done(q);
	return st == DB_NOT_FOUND ? DB_OK : st;
}

/* Steps q for one submission and reads its comments. */
static enum db_status mbox_one(struct db *db, struct db_query *q,
			       gboolean is_patch, struct db_mbox **out,
			       GError **error)
{
	g_autoptr(db_mbox) m = NULL;
	enum db_status st = db_step(q, error);

	if (st == DB_OK)
		m = mbox_from_row(q, is_patch);
	db_query_done(q);
	if (st != DB_OK)
		return st;
	st = mbox_comments(db, m, error);
	if (st == DB_OK)
		*out = g_steal_pointer(&m);
	return st;
}

enum db_status db_mbox_patch(struct db *db, const char *linkname,
			     const char *msgid, struct db_mbox **out,
			     GError **error)
{
	struct db_query *q = db_query(db,
				      "SELECT " MBOX_PATCH_COLS MBOX_PATCH_FROM
				      " WHERE pr.linkname = ? AND p.msgid = ?",
				      error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, linkname);
	db_bind_text(q, 2, msgid);
	return mbox_one(db, q, TRUE, out, error);
}

enum db_status db_mbox_cover(struct db *db, const char *linkname,
			     const char *msgid, struct db_mbox **out,
			     GError **error)
{
	struct db_query *q = db_query(
		db,
		"SELECT c.id, c.msgid, c.name, c.date, c.headers, c.content, "
		"NULL, s.name, s.email, NULL, pr.listemail, NULL, NULL "
		"FROM cover c JOIN project pr ON pr.id = c.project_id "
		"JOIN person s ON s.id = c.submitter_id "
		"WHERE pr.linkname = ? AND c.msgid = ?",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, linkname);
	db_bind_text(q, 2, msgid);
	return mbox_one(db, q, FALSE, out, error);
}

static gpointer mbox_patch_row(struct db_query *q)
{
	return mbox_from_row(q, TRUE);
}

/* Every row of q as a patch, then each one's comments. */
static enum db_status mbox_many(struct db *db, struct db_query *q,
				GPtrArray **out, GError **error)
{
	g_autoptr(GPtrArray) list = NULL;
	enum db_status st = db_collect_ptrs(
		q, mbox_patch_row, (GDestroyNotify)db_mbox_free, &list, error);
	if (st != DB_OK)
		return st;
	for (guint i = 0; i < list->len; i++) {
		st = mbox_comments(db, list->pdata[i], error);
		if (st != DB_OK)
			return st;
	}
	*out = g_steal_pointer(&list);
	return DB_OK;
}

enum db_status db_mbox_series_patches(struct db *db, gint64 series_id,
				      gint64 before, GPtrArray **out,
				      GError **error)
{
	struct db_query *q =
		db_query(db,
			 "SELECT " MBOX_PATCH_COLS MBOX_PATCH_FROM
			 " WHERE p.series_id = ? AND (? <= 0 OR p.number < ?)"
			 " ORDER BY p.number, p.id",
			 error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, series_id);
	db_bind_int(q, 2, before);
	db_bind_int(q, 3, before);
	return mbox_many(db, q, out, error);
}

enum db_status db_mbox_bundle_patches(struct db *db, gint64 bundle_id,
				      GPtrArray **out, GError **error)
{
	struct db_query *q =
		db_query(db,
			 "SELECT " MBOX_PATCH_COLS MBOX_PATCH_FROM
			 " JOIN bundle_patch bp ON bp.patch_id = p.id "
			 "WHERE bp.bundle_id = ? ORDER BY bp.ordering, bp.id",
			 error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, bundle_id);
	return mbox_many(db, q, out, error);
}

enum db_status db_mbox_bundle(struct db *db, const char *owner,
			      const char *name, gint64 *id, gint64 *owner_id,
			      gboolean *public, GError **error)
{
	struct db_query *q =
		db_query(db,
			 "SELECT b.id, b.owner_id, b.public FROM bundle b "
			 "JOIN users u ON u.id = b.owner_id "
			 "WHERE u.username = ? AND b.name = ?",
			 error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, owner);
	db_bind_text(q, 2, name);
	enum db_status st = db_step(q, error);
	if (st == DB_OK) {
		*id = db_col_int(q, 0);
		*owner_id = db_col_int(q, 1);
		*public = db_col_int(q, 2) != 0;
	}
	db_query_done(q);
	return st;
}

enum db_status db_patch_raw(struct db *db, const char *linkname,
			    const char *msgid, char **name, char **diff,
			    GError **error)
{
	struct db_query *q = db_query(db,
				      "SELECT p.name, p.diff FROM patch p "
				      "JOIN project pr ON pr.id = p.project_id "
				      "WHERE pr.linkname = ? AND p.msgid = ?",
				      error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, linkname);
	db_bind_text(q, 2, msgid);
	enum db_status st = db_step(q, error);
	if (st == DB_OK) {
		*name = db_col_dup(q, 0);
		*diff = db_col_dup(q, 1);
	}
	db_query_done(q);
	return st;
}

/* Runs a (linkname, msgid[, flag]) lookup by id. */
static enum db_status location(struct db *db, const char *sql, gint64 id,
			       gboolean *flag, char **linkname, char **msgid,
			       GError **error)
{
	struct db_query *q = db_query(db, sql, error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, id);
	enum db_status st = db_step(q, error);
	if (st == DB_OK) {
		*linkname = db_col_dup(q, 0);
		*msgid = db_col_dup(q, 1);
		if (flag)
			*flag = db_col_int(q, 2) != 0;
	}
	db_query_done(q);
	return st;
}

enum db_status db_patch_location(struct db *db, gint64 id, char **linkname,
				 char **msgid, GError **error)
{
	return location(db,
			"SELECT pr.linkname, p.msgid FROM patch p "
			"JOIN project pr ON pr.id = p.project_id "
			"WHERE p.id = ?",
			id, NULL, linkname, msgid, error);
}

enum db_status db_cover_location(struct db *db, gint64 id, char **linkname,
				 char **msgid, GError **error)
{
	return location(db,
			"SELECT pr.linkname, c.msgid FROM cover c "
			"JOIN project pr ON pr.id = c.project_id "
			"WHERE c.id = ?",
			id, NULL, linkname, msgid, error);
}

enum db_status db_comment_location(struct db *db, gint64 id, gboolean *is_patch,
				   char **linkname, char **msgid,
				   GError **error)
{
	enum db_status st =
		location(db,
			 "SELECT pr.linkname, p.msgid, 1 FROM patch_comment c "
			 "JOIN patch p ON p.id = c.patch_id "
			 "JOIN project pr ON pr.id = p.project_id "
			 "WHERE c.id = ?",
			 id, is_patch, linkname, msgid, error);
	if (st != DB_NOT_FOUND)
		return st;
	return location(db,
			"SELECT pr.linkname, v.msgid, 0 FROM cover_comment c "
			"JOIN cover v ON v.id = c.cover_id "
			"JOIN project pr ON pr.id = v.project_id "
			"WHERE c.id = ?",
			id, is_patch, linkname, msgid, error);
}
