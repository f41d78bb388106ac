/*
 * parsearchive's resume points (see db.h, "archive progress"): one row per
 * archive being imported, updated inside each batch's transaction.
 */
#include "store/query.h"

enum db_status db_archive_progress_get(struct db *db, const char *path,
				       struct db_archive_progress *out,
				       GError **error)
{
	struct db_query *q = db_query(
		db, "SELECT mails, digest FROM archive_progress WHERE path = ?",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, path);
	enum db_status st = db_step(q, error);
	if (st == DB_OK) {
		gsize len = 0;
		const void *digest = db_col_blob(q, 1, &len);
		out->mails = db_col_int(q, 0);
		memset(out->digest, 0, sizeof(out->digest));
		if (digest)
			memcpy(out->digest, digest,
			       MIN(len, sizeof(out->digest)));
	}
	db_query_done(q);
	return st;
}

enum db_status db_archive_progress_set(struct db *db, const char *path,
				       const struct db_archive_progress *p,
				       gint64 now, GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO archive_progress (path, mails, digest, updated) "
		"VALUES (?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET "
		"mails = excluded.mails, digest = excluded.digest, "
		"updated = excluded.updated",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, path);
	db_bind_int(q, 2, (gint64)p->mails);
	db_bind_blob(q, 3, p->digest, sizeof(p->digest));
	db_bind_int(q, 4, now);
	return db_query_run(q, error);
}

enum db_status db_archive_progress_delete(struct db *db, const char *path,
					  GError **error)
{
	struct db_query *q = db_query(
		db, "DELETE FROM archive_progress WHERE path = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, path);
	return db_query_run(q, error);
}
