/*
 * The rows of one parent in one statement (db_children, db-read.h): a
 * page that shows a series' patches or a patch's comments reads them
 * with its other reads, in the same round trip on PostgreSQL
 * (db_children_prefetch), instead of reading their ids first and then
 * the rows of those ids.
 */
#include "store/rows.h"

/* Each one's statement, fill function, struct and its clear; the
 * orders are those of the API's lists (db_members_many's
 * DB_SERIES_PATCHES, the comment lists of store/list.c). */
static const struct {
	const char *sql;
	void (*fill)(struct db_query *, void *);
	gsize size;
	GDestroyNotify clear;
} children[] = {
	[DB_CHILDREN_SERIES_PATCHES] = {DB_BRIEF_SELECT
					"FROM patch x WHERE x.series_id = ? "
					"ORDER BY x.date, x.id",
					db_brief_fill,
					sizeof(struct db_submission),
					(GDestroyNotify)db_submission_clear},
	[DB_CHILDREN_SERIES_COVER] = {DB_BRIEF_SELECT
				      "FROM series se JOIN cover x ON x.id = "
				      "se.cover_letter_id WHERE se.id = ?",
				      db_brief_fill,
				      sizeof(struct db_submission),
				      (GDestroyNotify)db_submission_clear},
	[DB_CHILDREN_PATCH_COMMENTS] = {DB_PATCH_COMMENT_SELECT
					" WHERE x.patch_id = ? "
					"ORDER BY x.date, x.id",
					db_comment_fill,
					sizeof(struct db_comment),
					(GDestroyNotify)db_comment_clear},
	[DB_CHILDREN_COVER_COMMENTS] = {DB_COVER_COMMENT_SELECT
					" WHERE x.cover_id = ? "
					"ORDER BY x.date, x.id",
					db_comment_fill,
					sizeof(struct db_comment),
					(GDestroyNotify)db_comment_clear},
};
G_STATIC_ASSERT(G_N_ELEMENTS(children) == DB_CHILDREN_COVER_COMMENTS + 1);

void db_children_prefetch(struct db *db, enum db_children which,
			  gint64 parent_id)
{
	db_prefetch_id(db, children[which].sql, parent_id);
}

enum db_status db_children(struct db *db, enum db_children which,
			   gint64 parent_id, GArray **out, GError **error)
{
	struct db_query *q = db_query(db, children[which].sql, error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, parent_id);
	GArray *rows = g_array_new(FALSE, TRUE, children[which].size);
	g_array_set_clear_func(rows, children[which].clear);
	enum db_status st;
	while ((st = db_step(q, error)) == DB_OK) {
		g_array_set_size(rows, rows->len + 1);
		children[which].fill(q,
				     rows->data + (gsize)(rows->len - 1) *
							  children[which].size);
	}
	db_query_done(q);
	if (st != DB_NOT_FOUND) {
		g_array_unref(rows);
		return st;
	}
	*out = rows;
	return DB_OK;
}
