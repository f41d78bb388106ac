/*
 * Accounts (see db.h, "accounts"): users with their Django password
 * hashes and API tokens, the link from people to users, and the people
 * and users lists of the REST API with search, ordering and paging.
 */
#include "store/rows.h"

#define USER_NCOLS 6

/* Fills a user from the USER_COLS starting at column `col`. */
static struct db_user *user_from_row(struct db_query *q, int col)
{
	struct db_user *u = g_new0(struct db_user, 1);
	u->id = db_col_int(q, col);
	/* user_profile is keyed by the user's id: the profile id Patchwork
	 * shows for maintainers is the same number. */
	u->profile_id = u->id;
	u->username = db_col_dup(q, col + 1);
	u->first_name = db_col_dup(q, col + 2);
	u->last_name = db_col_dup(q, col + 3);
	u->email = db_col_dup(q, col + 4);
	u->is_active = db_col_int(q, col + 5) != 0;
	return u;
}

static enum db_status user_one(struct db_query *q, struct db_user **out,
			       GError **error)
{
	enum db_status st = db_step(q, error);
	if (st == DB_OK)
		*out = user_from_row(q, 0);
	db_query_done(q);
	return st;
}

enum db_status db_user_get(struct db *db, gint64 id, struct db_user **out,
			   GError **error)
{
	struct db_query *q = db_query(
		db, "SELECT " USER_COLS " FROM users u WHERE u.id = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, id);
	return user_one(q, out, error);
}

enum db_status db_user_get_by_username(struct db *db, const char *username,
				       struct db_user **out, GError **error)
{
	struct db_query *q = db_query(
		db, "SELECT " USER_COLS " FROM users u WHERE u.username = ?",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, username);
	return user_one(q, out, error);
}

enum db_status db_user_update(struct db *db, const struct db_user *u,
			      GError **error)
{
	struct db_query *q = db_query(
		db,
		"UPDATE users SET email = ?, email_key = ?, first_name = ?, "
		"last_name = ?, is_active = ? WHERE id = ?",
		error);
	if (!q)
		return DB_ERROR;
	/* email_key: Django's iexact on SQLite folds ASCII only. */
	g_autofree char *key = g_ascii_strdown(u->email, -1);
	db_bind_text(q, 1, u->email);
	db_bind_text(q, 2, key);
	db_bind_text(q, 3, u->first_name);
	db_bind_text(q, 4, u->last_name);
	db_bind_int(q, 5, u->is_active);
	db_bind_int(q, 6, u->id);
	return db_query_run(q, error);
}

enum db_status db_user_password(struct db *db, gint64 id, char **encoded,
				GError **error)
{
	struct db_query *q =
		db_query(db, "SELECT password FROM users WHERE id = ?", error);
	return q ? db_text_by_id(q, id, encoded, error) : DB_ERROR;
}

enum db_status db_user_set_password(struct db *db, gint64 id,
				    const char *encoded, GError **error)
{
	struct db_query *q = db_query(
		db, "UPDATE users SET password = ? WHERE id = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, encoded);
	db_bind_int(q, 2, id);
	return db_query_run(q, error);
}

enum db_status db_user_by_token(struct db *db, const char *key,
				struct db_user **out, GError **error)
{
	struct db_query *q =
		db_query(db,
			 "SELECT " USER_COLS " FROM token t JOIN users u "
			 "ON u.id = t.user_id WHERE t.key = ?",
			 error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, key);
	return user_one(q, out, error);
}

enum db_status db_token_get(struct db *db, gint64 user_id, char **key,
			    GError **error)
{
	struct db_query *q =
		db_query(db, "SELECT key FROM token WHERE user_id = ?", error);
	return q ? db_text_by_id(q, user_id, key, error) : DB_ERROR;
}

enum db_status db_token_set(struct db *db, gint64 user_id, const char *key,
			    GError **error)
{
	struct db_query *q =
		db_query(db, "DELETE FROM token WHERE user_id = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, user_id);
	enum db_status st = db_query_run(q, error);
	if (st != DB_OK)
		return st;
	q = db_query(db,
		     "INSERT INTO token (key, user_id, created) VALUES (?, ?, "
		     "?)",
		     error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, key);
	db_bind_int(q, 2, user_id);
	db_bind_int(q, 3, g_get_real_time());
	return db_query_run(q, error);
}

enum db_status db_person_link_user(struct db *db, const char *email,
				   gint64 user_id, gint64 *linked,
				   GError **error)
{
	struct db_query *q = db_query(
		db, "UPDATE person SET user_id = ? WHERE email_key = ?", error);
	if (!q)
		return DB_ERROR;
	g_autofree char *key = g_ascii_strdown(email, -1);
	db_bind_int(q, 1, user_id);
	db_bind_text(q, 2, key);
	enum db_status st = db_query_run(q, error);
	if (st == DB_OK && linked)
		*linked = db_changes(db);
	return st;
}

static struct db_query *user_settings_query(struct db *db, gint64 user_id,
					    GError **error)
{
	struct db_query *q =
		db_query(db,
			 "SELECT send_email, items_per_page, show_ids FROM "
			 "user_profile WHERE user_id = ?",
			 error);
	if (q)
		db_bind_int(q, 1, user_id);
	return q;
}

void db_user_settings_prefetch(struct db *db, gint64 user_id)
{
	struct db_query *q = user_settings_query(db, user_id, NULL);
	if (q)
		db_query_prefetch(q);
}

enum db_status db_user_settings(struct db *db, gint64 user_id,
				struct db_user_settings *out, GError **error)
{
	struct db_query *q = user_settings_query(db, user_id, error);
	if (!q)
		return DB_ERROR;
	/* Patchwork's UserProfile defaults. */
	*out = (struct db_user_settings){.items_per_page = 100};
	enum db_status st = db_step(q, error);
	if (st == DB_OK) {
		out->send_email = db_col_int(q, 0) != 0;
		out->items_per_page = db_col_int(q, 1);
		out->show_ids = db_col_int(q, 2) != 0;
	}
	db_query_done(q);
	return st == DB_NOT_FOUND ? DB_OK : st;
}

/* ---- people ------------------------------------------------------------- */

void db_person_clear(struct db_person *p)
{
	g_free(p->name);
	g_free(p->email);
	db_user_free(p->user);
	memset(p, 0, sizeof(*p));
}

void db_person_free(struct db_person *p)
{
	if (!p)
		return;
	db_person_clear(p);
	g_free(p);
}

#define PERSON_SELECT DB_PERSON_SELECT

void db_person_fill(struct db_query *q, void *out)
{
	struct db_person *p = out;
	p->id = db_col_int(q, 0);
	p->name = db_col_dup(q, 1);
	p->email = db_col_dup(q, 2);
	if (!db_col_null(q, 3))
		p->user = user_from_row(q, 3);
}

static struct db_person *person_from_row(struct db_query *q)
{
	struct db_person *p = g_new0(struct db_person, 1);
	db_person_fill(q, p);
	return p;
}

enum db_status db_person_get(struct db *db, gint64 id, struct db_person **out,
			     GError **error)
{
	struct db_query *q =
		db_query(db, PERSON_SELECT " WHERE p.id = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, id);
	enum db_status st = db_step(q, error);
	if (st == DB_OK)
		*out = person_from_row(q);
	db_query_done(q);
	return st;
}

static gpointer user_row(struct db_query *q)
{
	return user_from_row(q, 0);
}

enum db_status db_user_list_all(struct db *db, GPtrArray **out, GError **error)
{
	struct db_query *q = db_query(
		db, "SELECT " USER_COLS " FROM users u ORDER BY u.id", error);
	return q ? db_collect_ptrs(q, user_row, (GDestroyNotify)db_user_free,
				   out, error)
		 : DB_ERROR;
}
