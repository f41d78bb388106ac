/*
 * Accounts on the web (see db-web-accounts.h): login sessions, failed
 * login counts, mailed confirmation keys and the mail opt-out list.
 */
#include "store/query.h"

void db_session_clear(struct db_session *s)
{
	g_free(s->username);
	g_free(s->csrf);
	memset(s, 0, sizeof(*s));
}

/* Runs q, whose one parameter is `text`, to its end. */
static enum db_status run_with_text(struct db_query *q, const char *text,
				    GError **error)
{
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, text);
	return db_query_run(q, error);
}

/* Runs q, whose one parameter is `v`, to its end. */
static enum db_status run_with_int(struct db_query *q, gint64 v, GError **error)
{
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, v);
	return db_query_run(q, error);
}

enum db_status db_session_insert(struct db *db, const char *key_hash,
				 gint64 user_id, const char *csrf,
				 gint64 expires, GError **error)
{
	struct db_query *q = db_query(db,
				      "INSERT INTO web_session (key, user_id, "
				      "csrf, expires) VALUES (?, ?, ?, ?)",
				      error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, key_hash);
	db_bind_int(q, 2, user_id);
	db_bind_text(q, 3, csrf);
	db_bind_int(q, 4, expires);
	return db_query_run(q, error);
}

enum db_status db_session_get(struct db *db, const char *key_hash, gint64 now,
			      struct db_session *out, GError **error)
{
	struct db_query *q =
		db_query(db,
			 "SELECT s.user_id, u.username, s.csrf, s.expires FROM "
			 "web_session s JOIN users u ON u.id = s.user_id WHERE "
			 "s.key = ? AND s.expires > ? AND u.is_active <> 0",
			 error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, key_hash);
	db_bind_int(q, 2, now);
	enum db_status st = db_step(q, error);
	if (st == DB_OK) {
		out->user_id = db_col_int(q, 0);
		out->username = db_col_dup(q, 1);
		out->csrf = db_col_dup(q, 2);
		out->expires = db_col_int(q, 3);
	}
	db_query_done(q);
	return st;
}

enum db_status db_session_delete(struct db *db, const char *key_hash,
				 GError **error)
{
	return run_with_text(
		db_query(db, "DELETE FROM web_session WHERE key = ?", error),
		key_hash, error);
}

enum db_status db_session_delete_user(struct db *db, gint64 user_id,
				      GError **error)
{
	return run_with_int(
		db_query(db, "DELETE FROM web_session WHERE user_id = ?",
			 error),
		user_id, error);
}

enum db_status db_session_prune(struct db *db, gint64 now, GError **error)
{
	return run_with_int(
		db_query(db, "DELETE FROM web_session WHERE expires <= ?",
			 error),
		now, error);
}

enum db_status db_login_failures(struct db *db, const char *subject,
				 gint64 since, gint64 *failures, GError **error)
{
	struct db_query *q = db_query(db,
				      "SELECT failures FROM login_failure "
				      "WHERE subject = ? AND first > ?",
				      error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, subject);
	db_bind_int(q, 2, since);
	enum db_status st = db_step(q, error);
	*failures = st == DB_OK ? db_col_int(q, 0) : 0;
	db_query_done(q);
	return st == DB_NOT_FOUND ? DB_OK : st;
}

enum db_status db_login_failure_add(struct db *db, const char *subject,
				    gint64 now, gint64 since, GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO login_failure (subject, failures, first) VALUES "
		"(?, 1, ?) ON CONFLICT (subject) DO UPDATE SET failures = "
		"CASE WHEN login_failure.first > ? THEN login_failure.failures "
		"+ 1 ELSE 1 END, first = CASE WHEN login_failure.first > ? "
		"THEN login_failure.first ELSE excluded.first END",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, subject);
	db_bind_int(q, 2, now);
	db_bind_int(q, 3, since);
	db_bind_int(q, 4, since);
	return db_query_run(q, error);
}

enum db_status db_login_failure_clear(struct db *db, const char *subject,
				      GError **error)
{
	return run_with_text(
		db_query(db, "DELETE FROM login_failure WHERE subject = ?",
			 error),
		subject, error);
}

enum db_status db_login_failure_prune(struct db *db, gint64 since,
				      gint64 max_rows, GError **error)
{
	enum db_status st = run_with_int(
		db_query(db, "DELETE FROM login_failure WHERE first <= ?",
			 error),
		since, error);
	if (st != DB_OK)
		return st;
	struct db_query *q =
		db_query(db, "SELECT count(*) FROM login_failure", error);
	if (!q)
		return DB_ERROR;
	st = db_step(q, error);
	gint64 rows = st == DB_OK ? db_col_int(q, 0) : 0;
	db_query_done(q);
	if (st != DB_OK || rows <= max_rows)
		return st;
	q = db_query(db,
		     "DELETE FROM login_failure WHERE subject IN (SELECT "
		     "subject FROM login_failure ORDER BY first, subject "
		     "LIMIT ?)",
		     error);
	return run_with_int(q, rows - max_rows, error);
}

void db_confirmation_clear(struct db_confirmation *c)
{
	g_free(c->type);
	g_free(c->email);
	memset(c, 0, sizeof(*c));
}

enum db_status db_confirmation_insert(struct db *db, const char *type,
				      const char *email, gint64 user_id,
				      const char *key_hash, gint64 date,
				      GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO email_confirmation (type, email, user_id, key, "
		"date, active) VALUES (?, ?, ?, ?, ?, 1) RETURNING id",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, type);
	db_bind_text(q, 2, email);
	db_bind_id(q, 3, user_id);
	db_bind_text(q, 4, key_hash);
	db_bind_int(q, 5, date);
	gint64 id;
	return db_query_insert(q, &id, error);
}

enum db_status db_confirmation_get(struct db *db, const char *key_hash,
				   struct db_confirmation *out, GError **error)
{
	struct db_query *q =
		db_query(db,
			 "SELECT id, type, email, user_id, date, active FROM "
			 "email_confirmation WHERE key = ?",
			 error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, key_hash);
	enum db_status st = db_step(q, error);
	if (st == DB_OK) {
		out->id = db_col_int(q, 0);
		out->type = db_col_dup(q, 1);
		out->email = db_col_dup(q, 2);
		out->user_id = db_col_null(q, 3) ? 0 : db_col_int(q, 3);
		out->date = db_col_int(q, 4);
		out->active = db_col_int(q, 5) != 0;
	}
	db_query_done(q);
	return st;
}

enum db_status db_confirmation_use(struct db *db, gint64 id, GError **error)
{
	/* RETURNING says whether this statement changed the row, on both
	 * databases, even when PostgreSQL pipelines row-less statements. */
	struct db_query *q = db_query(db,
				      "UPDATE email_confirmation SET active = "
				      "0 WHERE id = ? AND active <> 0 "
				      "RETURNING id",
				      error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, id);
	enum db_status st = db_step(q, error);
	db_query_done(q);
	return st;
}

/* Steps a DELETE ... RETURNING to its end; *n receives its rows. */
static enum db_status count_deleted(struct db_query *q, gint64 *n,
				    GError **error)
{
	enum db_status st;
	*n = 0;
	while ((st = db_step(q, error)) == DB_OK)
		(*n)++;
	db_query_done(q);
	return st == DB_NOT_FOUND ? DB_OK : st;
}

enum db_status db_confirmation_expire(struct db *db, gint64 before,
				      gint64 *users, gint64 *confirmations,
				      GError **error)
{
	/* Patchwork deletes every inactive user without a pending
	 * confirmation, so a user an administrator deactivated too; here
	 * only registrations nobody confirmed go (docs/compatibility.md). */
	struct db_query *q = db_query(
		db,
		"DELETE FROM users WHERE is_active = 0 AND last_login IS NULL "
		"AND is_staff = 0 AND is_superuser = 0 AND id IN (SELECT "
		"user_id FROM email_confirmation WHERE type = 'registration' "
		"AND active <> 0 AND date < ?) AND NOT EXISTS (SELECT 1 FROM "
		"email_confirmation c WHERE c.user_id = users.id AND "
		"c.active <> 0 AND c.date >= ?) AND NOT EXISTS (SELECT 1 FROM "
		"project_maintainer m WHERE m.user_id = users.id) AND NOT "
		"EXISTS (SELECT 1 FROM patch p WHERE p.delegate_id = "
		"users.id) AND NOT EXISTS (SELECT 1 FROM event e WHERE "
		"e.actor_id = users.id) RETURNING id",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, before);
	db_bind_int(q, 2, before);
	enum db_status st = count_deleted(q, users, error);
	if (st != DB_OK)
		return st;
	q = db_query(db,
		     "DELETE FROM email_confirmation WHERE date < ? OR active "
		     "= 0 RETURNING id",
		     error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, before);
	return count_deleted(q, confirmations, error);
}

enum db_status db_username_taken(struct db *db, const char *username,
				 GError **error)
{
	struct db_query *q = db_query(
		db, "SELECT id FROM users WHERE lower(username) = ?", error);
	if (!q)
		return DB_ERROR;
	g_autofree char *key = g_ascii_strdown(username, -1);
	db_bind_text(q, 1, key);
	enum db_status st = db_step(q, error);
	db_query_done(q);
	return st;
}

enum db_status db_user_set_last_login(struct db *db, gint64 user_id,
				      gint64 when, GError **error)
{
	struct db_query *q = db_query(
		db, "UPDATE users SET last_login = ? WHERE id = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, when);
	db_bind_int(q, 2, user_id);
	return db_query_run(q, error);
}

enum db_status db_optout_has(struct db *db, const char *email, gboolean *has,
			     GError **error)
{
	struct db_query *q = db_query(
		db, "SELECT email FROM email_optout WHERE email = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, email);
	enum db_status st = db_step(q, error);
	db_query_done(q);
	*has = st == DB_OK;
	return st == DB_NOT_FOUND ? DB_OK : st;
}

enum db_status db_optout_add(struct db *db, const char *email, GError **error)
{
	return run_with_text(db_query(db,
				      "INSERT INTO email_optout (email) VALUES "
				      "(?) ON CONFLICT (email) DO NOTHING",
				      error),
			     email, error);
}

enum db_status db_optout_remove(struct db *db, const char *email,
				GError **error)
{
	return run_with_text(
		db_query(db, "DELETE FROM email_optout WHERE email = ?", error),
		email, error);
}
