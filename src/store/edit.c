/*
 * The rows the API's writes change (see db.h, "API writes"): a patch's
 * editable fields and relation, checks, comments' `addressed`,
 * maintainers and user settings. The rules deciding what to write live
 * in core/; this file only reads and writes rows, values always bound.
 */
#include "store/count.h"
#include "store/query.h"

void db_patch_edit_clear(struct db_patch_edit *p)
{
	g_free(p->commit_ref);
	g_free(p->pull_url);
	*p = (struct db_patch_edit){0};
}

#define PATCH_EDIT_SQL                                           \
	"SELECT p.id, p.project_id, pe.user_id, p.delegate_id, " \
	"p.state_id, p.related_id, p.archived, p.commit_ref, "   \
	"p.pull_url FROM patch p JOIN person pe ON pe.id = "     \
	"p.submitter_id WHERE p.id = ?"

void db_patch_edit_prefetch(struct db *db, gint64 id)
{
	db_prefetch_id(db, PATCH_EDIT_SQL, id);
}

enum db_status db_patch_edit_get(struct db *db, gint64 id,
				 struct db_patch_edit *out, GError **error)
{
	struct db_query *q = db_query(db, PATCH_EDIT_SQL, error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, id);
	enum db_status st = db_step(q, error);
	if (st == DB_OK) {
		*out = (struct db_patch_edit){
			.id = db_col_int(q, 0),
			.project_id = db_col_int(q, 1),
			.submitter_user_id = db_col_int(q, 2),
			.delegate_id = db_col_int(q, 3),
			.state_id = db_col_int(q, 4),
			.related_id = db_col_int(q, 5),
			.archived = db_col_int(q, 6) != 0,
			.commit_ref = db_col_dup(q, 7),
			.pull_url = db_col_dup(q, 8),
		};
	}
	db_query_done(q);
	return st;
}

/* Moves the patch between the keys of patch_count when its state,
 * archived flag or delegate changes (before the UPDATE: it reads the
 * old values). */
static enum db_status
recount_patch(struct db *db, const struct db_patch_edit *p, GError **error)
{
	struct db_query *q = db_query(db,
				      "SELECT project_id, state_id, archived, "
				      "delegate_id FROM patch WHERE id = ?",
				      error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, p->id);
	enum db_status st = db_step(q, error);
	gint64 project = 0, state = 0, delegate = 0;
	gboolean archived = FALSE;
	if (st == DB_OK) {
		project = db_col_int(q, 0);
		state = db_col_int(q, 1);
		archived = db_col_int(q, 2) != 0;
		delegate = db_col_int(q, 3);
	}
	db_query_done(q);
	if (st != DB_OK)
		return st;
	if (state == p->state_id && !archived == !p->archived &&
	    delegate == p->delegate_id)
		return DB_OK;
	st = count_patch_add(db, project, state, archived, delegate, -1, error);
	if (st == DB_OK)
		st = count_patch_add(db, project, p->state_id, p->archived,
				     p->delegate_id, 1, error);
	return st;
}

enum db_status db_patch_edit_save(struct db *db, const struct db_patch_edit *p,
				  GError **error)
{
	enum db_status st = recount_patch(db, p, error);
	if (st != DB_OK)
		return st;
	struct db_query *q = db_query(
		db,
		"UPDATE patch SET state_id = ?, delegate_id = ?, archived = ?, "
		"commit_ref = ?, pull_url = ?, related_id = ? WHERE id = ?",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, p->state_id);
	db_bind_id(q, 2, p->delegate_id);
	db_bind_int(q, 3, p->archived ? 1 : 0);
	db_bind_text(q, 4, p->commit_ref);
	db_bind_text(q, 5, p->pull_url);
	db_bind_id(q, 6, p->related_id);
	db_bind_int(q, 7, p->id);
	return db_query_run(q, error);
}

enum db_status db_relation_insert(struct db *db, gint64 *id, GError **error)
{
	struct db_query *q = db_query(
		db, "INSERT INTO patch_relation DEFAULT VALUES RETURNING id",
		error);
	if (!q)
		return DB_ERROR;
	return db_query_insert(q, id, error);
}

enum db_status db_relation_delete(struct db *db, gint64 id, GError **error)
{
	/* Explicit rather than left to ON DELETE SET NULL, so that it holds
	 * whatever the connection's foreign_keys setting. */
	struct db_query *q = db_query(
		db, "UPDATE patch SET related_id = NULL WHERE related_id = ?",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, id);
	enum db_status st = db_query_run(q, error);
	if (st != DB_OK)
		return st;
	q = db_query(db, "DELETE FROM patch_relation WHERE id = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, id);
	return db_query_run(q, error);
}

/* Steps q (bound) and stores its one integer column in *out. */
static enum db_status one_int(struct db_query *q, gint64 *out, GError **error)
{
	enum db_status st = db_step(q, error);
	if (st == DB_OK)
		*out = db_col_int(q, 0);
	db_query_done(q);
	return st;
}

enum db_status db_relation_count(struct db *db, gint64 id, gint64 *count,
				 GError **error)
{
	struct db_query *q = db_query(
		db, "SELECT COUNT(*) FROM patch WHERE related_id = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, id);
	return one_int(q, count, error);
}

/* The maintainer's row, bound. */
static struct db_query *is_maintainer_query(struct db *db, gint64 project_id,
					    gint64 user_id, GError **error)
{
	struct db_query *q = db_query(db,
				      "SELECT 1 FROM project_maintainer WHERE "
				      "project_id = ? AND user_id = ?",
				      error);
	if (q) {
		db_bind_int(q, 1, project_id);
		db_bind_int(q, 2, user_id);
	}
	return q;
}

void db_is_maintainer_prefetch(struct db *db, gint64 project_id, gint64 user_id)
{
	struct db_query *q = is_maintainer_query(db, project_id, user_id, NULL);
	if (q)
		db_query_prefetch(q);
}

enum db_status db_is_maintainer(struct db *db, gint64 project_id,
				gint64 user_id, GError **error)
{
	struct db_query *q =
		is_maintainer_query(db, project_id, user_id, error);
	if (!q)
		return DB_ERROR;
	gint64 one;
	return one_int(q, &one, error);
}

enum db_status db_project_maintainer_remove(struct db *db, gint64 project_id,
					    gint64 user_id, GError **error)
{
	struct db_query *q = db_query(db,
				      "DELETE FROM project_maintainer WHERE "
				      "project_id = ? AND user_id = ?",
				      error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, project_id);
	db_bind_int(q, 2, user_id);
	return db_query_run(q, error);
}

enum db_status db_state_by_slug(struct db *db, const char *slug, gint64 *id,
				GError **error)
{
	struct db_query *q =
		db_query(db, "SELECT id FROM state WHERE slug = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, slug);
	return one_int(q, id, error);
}

enum db_status db_check_insert(struct db *db, const struct db_check_new *c,
			       gint64 *id, GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO patch_check (patch_id, user_id, date, state, "
		"target_url, description, context) VALUES (?, ?, ?, ?, ?, ?, "
		"?) RETURNING id",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, c->patch_id);
	db_bind_int(q, 2, c->user_id);
	db_bind_int(q, 3, c->date);
	db_bind_int(q, 4, c->state);
	db_bind_text(q, 5, c->target_url);
	db_bind_text(q, 6, c->description);
	db_bind_text(q, 7, c->context);
	return db_query_insert(q, id, error);
}

enum db_status db_comment_set_addressed(struct db *db, gboolean cover,
					gint64 id, int addressed,
					GError **error)
{
	struct db_query *q = db_query(
		db,
		cover ? "UPDATE cover_comment SET addressed = ? WHERE id = ?"
		      : "UPDATE patch_comment SET addressed = ? WHERE id = ?",
		error);
	if (!q)
		return DB_ERROR;
	if (addressed < 0)
		db_bind_text(q, 1, NULL);
	else
		db_bind_int(q, 1, addressed);
	db_bind_int(q, 2, id);
	return db_query_run(q, error);
}

enum db_status db_submitter_user(struct db *db, gboolean cover,
				 gboolean comment, gint64 id, gint64 *user_id,
				 GError **error)
{
	/* Four literal statements: the statement cache is keyed by the
	 * SQL's address. */
	static const char *const sql[2][2] = {
		{"SELECT pe.user_id FROM patch x JOIN person pe "
		 "ON pe.id = x.submitter_id WHERE x.id = ?",
		 "SELECT pe.user_id FROM patch_comment x JOIN person pe "
		 "ON pe.id = x.submitter_id WHERE x.id = ?"},
		{"SELECT pe.user_id FROM cover x JOIN person pe "
		 "ON pe.id = x.submitter_id WHERE x.id = ?",
		 "SELECT pe.user_id FROM cover_comment x JOIN person pe "
		 "ON pe.id = x.submitter_id WHERE x.id = ?"},
	};
	struct db_query *q = db_query(db, sql[cover != 0][comment != 0], error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, id);
	*user_id = 0;
	return one_int(q, user_id, error);
}

enum db_status db_user_settings_set(struct db *db, gint64 user_id,
				    const struct db_user_settings *s,
				    GError **error)
{
	struct db_query *q =
		db_query(db,
			 "INSERT INTO user_profile (user_id, send_email, "
			 "items_per_page, show_ids) VALUES (?, ?, ?, ?) "
			 "ON CONFLICT (user_id) DO UPDATE SET send_email = "
			 "excluded.send_email, items_per_page = "
			 "excluded.items_per_page, "
			 "show_ids = excluded.show_ids",
			 error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, user_id);
	db_bind_int(q, 2, s->send_email ? 1 : 0);
	db_bind_int(q, 3, s->items_per_page);
	db_bind_int(q, 4, s->show_ids ? 1 : 0);
	return db_query_run(q, error);
}
