/*
 * Series, their references (the msgids that lead to a series) and their
 * dependencies: the rows behind series linking (ingest.md §16).
 */
#include "store/count.h"
#include "store/query.h"

void db_series_clear(struct db_series *s)
{
	g_free(s->name);
	memset(s, 0, sizeof(*s));
}

static void series_fill(struct db_query *q, void *out)
{
	struct db_series *s = out;
	s->id = db_col_int(q, 0);
	s->project_id = db_col_int(q, 1);
	s->cover_letter_id = db_col_int(q, 2);
	s->submitter_id = db_col_int(q, 3);
	s->name = db_col_dup(q, 4);
	s->date = db_col_int(q, 5);
	s->version = db_col_int(q, 6);
	s->total = db_col_int(q, 7);
}

enum db_status db_series_get(struct db *db, gint64 id, struct db_series *out,
			     GError **error)
{
	struct db_query *q =
		db_query(db,
			 "SELECT id, project_id, COALESCE(cover_letter_id, 0), "
			 "submitter_id, name, date, version, total FROM series "
			 "WHERE id = ?",
			 error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, id);
	return db_collect_one(q, series_fill, out, error);
}

enum db_status db_series_insert(struct db *db, const struct db_series *s,
				gint64 *id, GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO series (project_id, cover_letter_id, name, date, "
		"submitter_id, version, total) VALUES (?, ?, ?, ?, ?, ?, ?) "
		"RETURNING id",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, s->project_id);
	db_bind_id(q, 2, s->cover_letter_id);
	db_bind_text(q, 3, s->name);
	db_bind_int(q, 4, s->date);
	db_bind_int(q, 5, s->submitter_id);
	db_bind_int(q, 6, s->version);
	db_bind_int(q, 7, s->total);
	enum db_status st = db_query_insert(q, id, error);
	if (st != DB_OK)
		return st;
	return count_total_add(db, COUNT_SERIES, s->project_id, error);
}

enum db_status db_series_set_name(struct db *db, gint64 id, const char *name,
				  GError **error)
{
	struct db_query *q =
		db_query(db, "UPDATE series SET name = ? WHERE id = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, name);
	db_bind_int(q, 2, id);
	return db_query_run(q, error);
}

enum db_status db_series_set_cover(struct db *db, gint64 id, gint64 cover_id,
				   GError **error)
{
	struct db_query *q = db_query(
		db, "UPDATE series SET cover_letter_id = ? WHERE id = ?",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_id(q, 1, cover_id);
	db_bind_int(q, 2, id);
	return db_query_run(q, error);
}

enum db_status db_series_by_reference(struct db *db, gint64 project_id,
				      const char *msgid, gint64 *series_id,
				      GError **error)
{
	struct db_query *q = db_query(db,
				      "SELECT series_id FROM series_reference "
				      "WHERE project_id = ? AND msgid = ?",
				      error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, project_id);
	db_bind_text(q, 2, msgid);
	return db_collect_one(q, db_int_fill, series_id, error);
}

enum db_status db_series_by_references(struct db *db, gint64 project_id,
				       const char *const *refs, guint n,
				       gint64 *out, GError **error)
{
	g_return_val_if_fail(n >= 1 && n <= DB_REFS_PER_LOOKUP, DB_ERROR);
	memset(out, 0, n * sizeof(*out));
	/* padded to DB_REFS_PER_LOOKUP with the last ref: one statement */
	struct db_query *q = db_query(db,
				      "SELECT msgid, series_id FROM "
				      "series_reference WHERE project_id = ? "
				      "AND msgid IN (?, ?, ?, ?, ?, ?, ?, ?)",
				      error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, project_id);
	for (guint i = 0; i < DB_REFS_PER_LOOKUP; i++)
		db_bind_text(q, 2 + i, refs[MIN(i, n - 1)]);
	enum db_status st;
	while ((st = db_step(q, error)) == DB_OK) {
		const char *msgid = db_col_text(q, 0);
		for (guint i = 0; i < n; i++)
			if (strcmp(refs[i], msgid) == 0)
				out[i] = db_col_int(q, 1);
	}
	db_query_done(q);
	return st == DB_NOT_FOUND ? DB_OK : st;
}

enum db_status db_series_reference_add(struct db *db, gint64 project_id,
				       gint64 series_id, const char *msgid,
				       GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO series_reference (project_id, series_id, msgid) "
		"VALUES (?, ?, ?) ON CONFLICT (project_id, msgid) DO NOTHING",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, project_id);
	db_bind_int(q, 2, series_id);
	db_bind_text(q, 3, msgid);
	return db_query_run(q, error);
}

enum db_status db_series_by_markers(struct db *db, gint64 project_id,
				    gint64 submitter_id, gint64 version,
				    gint64 total, gint64 date_lo,
				    gint64 date_hi, GArray **out,
				    GError **error)
{
	struct db_query *q = db_query(
		db,
		"SELECT id FROM series WHERE project_id = ? AND submitter_id = "
		"? "
		"AND version = ? AND total = ? AND date >= ? AND date <= ? "
		"ORDER BY date DESC, id DESC",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, project_id);
	db_bind_int(q, 2, submitter_id);
	db_bind_int(q, 3, version);
	db_bind_int(q, 4, total);
	db_bind_int(q, 5, date_lo);
	db_bind_int(q, 6, date_hi);
	return db_collect_ints(q, 1, out, error);
}

enum db_status db_series_numbers(struct db *db, gint64 series_id, GArray **out,
				 GError **error)
{
	struct db_query *q =
		db_query(db,
			 "SELECT number FROM patch WHERE series_id = ? "
			 "AND number IS NOT NULL ORDER BY number",
			 error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, series_id);
	return db_collect_ints(q, 1, out, error);
}

enum db_status db_series_patches_after(struct db *db, gint64 series_id,
				       gint64 after, GArray **out,
				       GError **error)
{
	struct db_query *q =
		db_query(db,
			 "SELECT id, number FROM patch WHERE series_id = ? "
			 "AND number > ? ORDER BY number",
			 error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, series_id);
	db_bind_int(q, 2, after);
	return db_collect_ints(q, 2, out, error);
}

enum db_status db_series_patch_name(struct db *db, gint64 series_id,
				    gint64 number, char **name, GError **error)
{
	struct db_query *q = db_query(
		db, "SELECT name FROM patch WHERE series_id = ? AND number = ?",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, series_id);
	db_bind_int(q, 2, number);
	return db_collect_one(q, db_text_fill, name, error);
}

enum db_status db_series_dependency_add(struct db *db, gint64 series_id,
					gint64 depends_on_id, GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO series_dependency (series_id, depends_on_id) "
		"VALUES (?, ?) ON CONFLICT (series_id, depends_on_id) DO "
		"NOTHING",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, series_id);
	db_bind_int(q, 2, depends_on_id);
	return db_query_run(q, error);
}
