/*
 * What the profile page (/user/) shows of a user, and the one change it
 * makes to people (see db-web-accounts.h).
 */
#include "store/query.h"

static void person_clear(gpointer p)
{
	g_free(((struct db_profile_person *)p)->email);
}

void db_profile_clear(struct db_profile *p)
{
	if (p->maintainer_of)
		g_ptr_array_unref(p->maintainer_of);
	if (p->contributor_to)
		g_ptr_array_unref(p->contributor_to);
	if (p->people)
		g_array_unref(p->people);
	if (p->bundles)
		g_ptr_array_unref(p->bundles);
	memset(p, 0, sizeof(*p));
}

static gpointer text_row(struct db_query *q)
{
	return db_col_dup(q, 0);
}

/* The first column of every row of q (bound to the user's id). */
static enum db_status texts(struct db_query *q, gint64 user_id, GPtrArray **out,
			    GError **error)
{
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, user_id);
	return db_collect_ptrs(q, text_row, g_free, out, error);
}

static enum db_status people(struct db *db, gint64 user_id, GArray **out,
			     GError **error)
{
	struct db_query *q = db_query(
		db,
		"SELECT p.id, p.email, CASE WHEN p.email IN (SELECT email "
		"FROM email_optout) THEN 1 ELSE 0 END FROM person p WHERE "
		"p.user_id = ? ORDER BY p.id",
		error);
	if (!q)
		return DB_ERROR;
	*out = g_array_new(FALSE, TRUE, sizeof(struct db_profile_person));
	g_array_set_clear_func(*out, person_clear);
	db_bind_int(q, 1, user_id);
	enum db_status st;
	while ((st = db_step(q, error)) == DB_OK) {
		struct db_profile_person p = {db_col_int(q, 0),
					      db_col_dup(q, 1),
					      db_col_int(q, 2) != 0};
		g_array_append_val(*out, p);
	}
	db_query_done(q);
	return st == DB_NOT_FOUND ? DB_OK : st;
}

static enum db_status todo(struct db *db, gint64 user_id, gint64 *n,
			   GError **error)
{
	struct db_query *q = db_query(
		db,
		"SELECT count(*) FROM patch p JOIN state s ON s.id = "
		"p.state_id WHERE p.delegate_id = ? AND p.archived = 0 AND "
		"s.action_required <> 0",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, user_id);
	enum db_status st = db_step(q, error);
	*n = st == DB_OK ? db_col_int(q, 0) : 0;
	db_query_done(q);
	return st == DB_NOT_FOUND ? DB_OK : st;
}

enum db_status db_profile_get(struct db *db, gint64 user_id,
			      struct db_profile *out, GError **error)
{
	enum db_status st = texts(
		db_query(db,
			 "SELECT p.linkname FROM project p JOIN "
			 "project_maintainer m ON m.project_id = p.id WHERE "
			 "m.user_id = ? ORDER BY p.linkname",
			 error),
		user_id, &out->maintainer_of, error);
	if (st == DB_OK)
		st = texts(db_query(db,
				    "SELECT linkname FROM project WHERE id IN "
				    "(SELECT pa.project_id FROM patch pa JOIN "
				    "person pe ON pe.id = pa.submitter_id "
				    "WHERE pe.user_id = ?) ORDER BY linkname",
				    error),
			   user_id, &out->contributor_to, error);
	if (st == DB_OK)
		st = texts(db_query(db,
				    "SELECT name FROM bundle WHERE owner_id = "
				    "? ORDER BY id",
				    error),
			   user_id, &out->bundles, error);
	if (st == DB_OK)
		st = people(db, user_id, &out->people, error);
	if (st == DB_OK)
		st = todo(db, user_id, &out->todo, error);
	return st;
}

enum db_status db_person_unlink(struct db *db, gint64 person_id, gint64 user_id,
				GError **error)
{
	struct db_query *q = db_query(
		db,
		"UPDATE person SET user_id = NULL WHERE id = ? AND user_id = "
		"? AND email_key <> (SELECT email_key FROM users WHERE id = ?) "
		"RETURNING id",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, person_id);
	db_bind_int(q, 2, user_id);
	db_bind_int(q, 3, user_id);
	enum db_status st = db_step(q, error);
	db_query_done(q);
	return st;
}
