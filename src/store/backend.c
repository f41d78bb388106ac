/*
 * The backend seam: db_open() picks the driver from the location (a
 * postgresql:// or postgres:// URI is PostgreSQL, anything else a SQLite
 * file), and every connection and statement call of db.h and query.h is
 * forwarded to the driver the object belongs to. One process may hold
 * connections to both (copying a database between them).
 */
#include "store/backend.h"
#include "store/count.h"

GQuark db_error_quark(void)
{
	return g_quark_from_static_string("darn-db-error-quark");
}

static gboolean is_postgresql(const char *location)
{
	return g_str_has_prefix(location, "postgresql://") ||
	       g_str_has_prefix(location, "postgres://");
}

enum db_status db_open(const char *location, int busy_timeout_ms,
		       enum db_open_mode mode, struct db **out, GError **error)
{
	if (is_postgresql(location))
		return db_pg_open(location, busy_timeout_ms, mode, out, error);
	return db_sqlite_open(location, busy_timeout_ms, mode, out, error);
}

char *db_location_shown(const char *location)
{
	const char *uri = location;
	if (!is_postgresql(uri))
		return g_strdup(uri);
	g_autoptr(GString) s = g_string_new(uri);
	const char *scheme = strstr(uri, "://");
	gsize host = scheme ? scheme - uri + 3 : 0;
	gsize end = host + strcspn(uri + host, "/?");
	const char *at = g_strrstr_len(uri + host, end - host, "@");
	if (at) {
		const char *colon = memchr(uri + host, ':', at - (uri + host));
		if (colon) {
			g_string_erase(s, colon + 1 - uri, at - colon - 1);
			g_string_insert(s, colon + 1 - uri, "***");
		}
	}
	char *pw = strstr(s->str, "password=");
	if (pw) {
		gsize from = pw - s->str + strlen("password=");
		g_string_erase(s, from, strcspn(s->str + from, "&"));
		g_string_insert(s, from, "***");
	}
	return g_strdup(s->str);
}

void db_close(struct db *db)
{
	if (!db)
		return;
	count_pending_stop(db);
	db->be->close(db);
}

void db_set_bulk(struct db *db, gboolean bulk)
{
	db->be->set_bulk(db, bulk);
	if (bulk)
		count_pending_start(db);
	else
		count_pending_stop(db);
}

void db_limit_memory(struct db *db, gint64 cache_bytes)
{
	db->be->limit_memory(db, cache_bytes);
}

enum db_status db_exec_script(struct db *db, const char *sql, GError **error)
{
	return db->be->exec_script(db, sql, error);
}

/* db.h's transaction functions that answer a status: db_begin_write,
 * db_begin_read, db_commit, db_savepoint, db_release. */
#define FORWARD_TRANSACTION(f)                               \
	enum db_status db_##f(struct db *db, GError **error) \
	{                                                    \
		return db->be->f(db, error);                 \
	}
FORWARD_TRANSACTION(begin_read)
FORWARD_TRANSACTION(savepoint)
#undef FORWARD_TRANSACTION

enum db_status db_begin_read_once(struct db *db, GError **error)
{
	return db->be->begin_read_once ? db->be->begin_read_once(db, error)
				       : db->be->begin_read(db, error);
}

gboolean db_read_once_failed(struct db *db)
{
	return db->be->read_once_failed && db->be->read_once_failed(db);
}

enum db_status db_release(struct db *db, GError **error)
{
	enum db_status st = db->be->release(db, error);
	if (st == DB_OK)
		count_pending_keep(db);
	return st;
}

enum db_status db_begin_write(struct db *db, GError **error)
{
	db->generation++;
	return db->be->begin_write(db, error);
}

enum db_status db_commit(struct db *db, GError **error)
{
	db->generation++;
	enum db_status st = count_pending_write(db, error);
	return st == DB_OK ? db->be->commit(db, error) : st;
}

guint64 db_write_generation(struct db *db)
{
	return db->generation;
}

gboolean db_in_transaction(struct db *db)
{
	return db->be->in_transaction(db);
}

gboolean db_connection_lost(struct db *db)
{
	return db->be->connection_lost && db->be->connection_lost(db);
}

void db_rollback(struct db *db)
{
	db->generation++;
	count_pending_drop(db, TRUE);
	db->be->rollback(db);
}

void db_rollback_savepoint(struct db *db)
{
	db->generation++;
	count_pending_drop(db, FALSE);
	db->be->rollback_savepoint(db);
}

struct db_query *db_query(struct db *db, const char *sql, GError **error)
{
	return db->be->query(db, sql, FALSE, error);
}

struct db_query *db_query_text(struct db *db, const char *sql, GError **error)
{
	return db->be->query(db, sql, TRUE, error);
}

void db_bind_int(struct db_query *q, int i, gint64 v)
{
	q->be->bind_int(q, i, v);
}

void db_bind_text(struct db_query *q, int i, const char *s)
{
	if (s)
		q->be->bind_text(q, i, s);
	else
		q->be->bind_null(q, i);
}

void db_bind_id(struct db_query *q, int i, gint64 id)
{
	if (id)
		q->be->bind_int(q, i, id);
	else
		q->be->bind_null(q, i);
}

void db_bind_blob(struct db_query *q, int i, const void *data, gsize len)
{
	q->be->bind_blob(q, i, data, len);
}

enum db_status db_step(struct db_query *q, GError **error)
{
	return q->be->step(q, error);
}

gint64 db_col_int(struct db_query *q, int i)
{
	return q->be->col_int(q, i);
}

gboolean db_col_null(struct db_query *q, int i)
{
	return q->be->col_null(q, i);
}

const char *db_col_text(struct db_query *q, int i)
{
	return q->be->col_text(q, i);
}

char *db_col_dup(struct db_query *q, int i)
{
	return g_strdup(q->be->col_text(q, i));
}

const void *db_col_blob(struct db_query *q, int i, gsize *len)
{
	return q->be->col_blob(q, i, len);
}

void db_query_done(struct db_query *q)
{
	q->be->query_done(q);
}

void db_query_prefetch(struct db_query *q)
{
	if (q->be->prefetch)
		q->be->prefetch(q);
	else
		q->be->query_done(q);
}

void db_prefetch_sql(struct db *db, const char *sql)
{
	struct db_query *q = db_query(db, sql, NULL);
	if (q)
		db_query_prefetch(q);
}

void db_prefetch_id(struct db *db, const char *sql, gint64 id)
{
	struct db_query *q = db_query(db, sql, NULL);
	if (q) {
		db_bind_int(q, 1, id);
		db_query_prefetch(q);
	}
}

enum db_status db_query_run(struct db_query *q, GError **error)
{
	if (q->be->run)
		return q->be->run(q, error);
	enum db_status st = q->be->step(q, error);
	q->be->query_done(q);
	return st == DB_NOT_FOUND ? DB_OK : st;
}

enum db_status db_query_insert(struct db_query *q, gint64 *id, GError **error)
{
	enum db_status st =
		q->be->insert ? q->be->insert(q, id, error) : DB_NOT_FOUND;
	if (st != DB_NOT_FOUND)
		return st;
	st = q->be->step(q, error);
	if (st == DB_OK)
		*id = q->be->col_int(q, 0);
	q->be->query_done(q);
	if (st == DB_NOT_FOUND) {
		g_set_error(error, DB_ERROR_DOMAIN, DB_ERROR,
			    "an insert returned no id");
		st = DB_ERROR;
	}
	return st;
}

gint64 db_changes(struct db *db)
{
	return db->be->changes(db);
}

enum db_status db_dialect_restart_ids(struct db *db, const char *table,
				      const char *column, GError **error)
{
	return db->be->restart_ids
		       ? db->be->restart_ids(db, table, column, error)
		       : DB_OK;
}

char *db_plan_text(struct db *db, const char *sql, enum db_plan_flags flags,
		   GError **error)
{
	return db->be->plan(db, sql, flags, error);
}

enum db_status db_table_exists(struct db *db, const char *name,
			       gboolean *exists, GError **error)
{
	struct db_query *q = db_query(db, db->be->table_exists_sql, error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, name);
	enum db_status st = db_step(q, error);
	*exists = st == DB_OK && db_col_int(q, 0) > 0;
	db_query_done(q);
	return st == DB_NOT_FOUND ? DB_ERROR : st;
}

static gboolean word_char(char c)
{
	return g_ascii_isalnum(c) || c == '_';
}

/* The end of the string literal, quoted name or comment that starts at
 * p, or NULL when none does. */
static const char *skip_quoted(const char *p)
{
	const char *end;
	if (*p == '\'' || *p == '"') {
		end = strchr(p + 1, *p);
		return end ? end + 1 : p + strlen(p);
	}
	if (p[0] == '-' && p[1] == '-') {
		end = strchr(p, '\n');
		return end ? end : p + strlen(p);
	}
	return NULL;
}

/* Appends `sql` to out with each upper-case word `word` outside string
 * literals, quoted names and comments replaced by `by`. */
static void replace_type(GString *out, const char *sql, const char *word,
			 const char *by)
{
	gsize n = strlen(word);
	const char *p = sql, *end;

	while (*p) {
		if ((end = skip_quoted(p))) {
			g_string_append_len(out, p, end - p);
			p = end;
		} else if (strncmp(p, word, n) == 0 &&
			   (p == sql || !word_char(p[-1])) &&
			   !word_char(p[n])) {
			g_string_append(out, by);
			p += n;
		} else {
			g_string_append_c(out, *p++);
		}
	}
}

char *db_dialect_apply(const struct db_backend *be, const char *portable)
{
	g_autoptr(GString) ints = g_string_new(NULL);
	replace_type(ints, portable, "INTEGER", be->int_type);
	GString *out = g_string_new(NULL);
	replace_type(out, ints->str, "TEXT", be->text_type);
	g_string_replace(out, "@ID@", be->id_type, 0);
	g_string_replace(out, "@BLOB@", be->blob_type, 0);
	g_string_replace(out, "@NULLS_FIRST@", be->nulls_first, 0);
	return g_string_free(out, FALSE);
}

char *db_dialect_sql(struct db *db, const char *portable)
{
	return db_dialect_apply(db->be, portable);
}

/* `sql` with its `?` numbered $1..$n outside literals, quoted names and
 * comments; *n receives the count. */
char *db_sql_number_params(const char *sql, int *n)
{
	GString *out = g_string_sized_new(strlen(sql) + 16);
	const char *end;
	*n = 0;
	for (const char *p = sql; *p;) {
		if ((end = skip_quoted(p))) {
			g_string_append_len(out, p, end - p);
			p = end;
		} else if (*p == '?') {
			g_string_append_printf(out, "$%d", ++*n);
			p++;
		} else {
			g_string_append_c(out, *p++);
		}
	}
	return g_string_free(out, FALSE);
}
