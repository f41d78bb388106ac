/*
 * The SQLite driver (backend.h): opening the file (WAL, busy timeout),
 * transactions, and the statement layer of query.h over cached
 * sqlite3_stmt objects.
 */
#include "store/backend.h"

#include <sqlite3.h>

struct sqlite_db {
	struct db base;
	sqlite3 *handle;
	char *location;
	/* SQL text pointer -> struct sqlite_query*; statements live as long
	 * as the connection. */
	GHashTable *stmts;
	/* SQL text (copied) -> struct sqlite_query*, for statements
	 * assembled at run time from fixed fragments (store/list.c);
	 * bounded, see TEXT_STMTS_MAX. */
	GHashTable *text_stmts;
	int busy_timeout_ms;
};

struct sqlite_query {
	struct db_query base;
	sqlite3_stmt *stmt;
};

static const struct db_backend sqlite_backend;

#define DB(d) ((struct sqlite_db *)(d))
#define STMT(q) (((struct sqlite_query *)(q))->stmt)

static enum db_status status_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE:
		return DB_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_BUSY;
	case SQLITE_CONSTRAINT:
		return DB_CONSTRAINT;
	default:
		return DB_ERROR;
	}
}

static enum db_status fail(sqlite3 *h, int rc, GError **error)
{
	enum db_status st = status_of(rc);
	if (st == DB_OK)
		st = DB_ERROR;
	g_set_error(error, DB_ERROR_DOMAIN, st, "%s",
		    h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
	return st;
}

static void finalize_stmt(gpointer p)
{
	struct sqlite_query *q = p;
	sqlite3_finalize(q->stmt);
	g_free(q);
}

/* Process-wide SQLite settings, before its first use. Memory statistics
 * take a global mutex on every allocation, which the threads of
 * `darn serve` then contend for; darn never reads them. */
static gpointer configure_sqlite(gpointer unused)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	return unused;
}

static void sqlite_close(struct db *base);

enum db_status db_sqlite_open(const char *location, int busy_timeout_ms,
			      enum db_open_mode mode, struct db **out,
			      GError **error)
{
	static GOnce configured = G_ONCE_INIT;
	g_once(&configured, configure_sqlite, NULL);

	sqlite3 *h = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (mode == DB_OPEN_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	int rc = sqlite3_open_v2(location, &h, flags, NULL);
	if (rc == SQLITE_CANTOPEN && mode == DB_OPEN_EXISTING &&
	    !g_file_test(location, G_FILE_TEST_EXISTS)) {
		g_set_error(error, DB_ERROR_DOMAIN, DB_NOT_FOUND,
			    "database '%s' does not exist (run 'darn init')",
			    location);
		sqlite3_close(h);
		return DB_NOT_FOUND;
	}
	if (rc != SQLITE_OK) {
		g_set_error(error, DB_ERROR_DOMAIN, DB_ERROR,
			    "cannot open database '%s': %s", location,
			    h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
		sqlite3_close(h);
		return DB_ERROR;
	}
	sqlite3_extended_result_codes(h, 0);
	sqlite3_busy_timeout(h, busy_timeout_ms);

	struct sqlite_db *db = g_new0(struct sqlite_db, 1);
	db->base.be = &sqlite_backend;
	db->handle = h;
	db->location = g_strdup(location);
	db->busy_timeout_ms = busy_timeout_ms;
	db->stmts = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					  finalize_stmt);
	db->text_stmts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					       finalize_stmt);

	/* WAL lets readers (the web server) run while a mail is stored.
	 * FULL sync makes each commit durable across a power loss, not only
	 * a process crash: parsemail's exit 0 tells the MTA to delete the
	 * mail, and an API write's 200 tells a maintainer it is done (WAL
	 * with NORMAL would sync only at checkpoints). journal_mode needs a
	 * brief lock: it is the first thing that can report the database
	 * busy. */
	static const char setup[] = "PRAGMA journal_mode=WAL;"
				    "PRAGMA synchronous=FULL;"
				    "PRAGMA foreign_keys=ON;"
				    "PRAGMA temp_store=MEMORY;"
				    "PRAGMA cache_size=-65536;";
	char *msg = NULL;
	rc = sqlite3_exec(h, setup, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		enum db_status st = status_of(rc);
		if (st == DB_OK)
			st = DB_ERROR;
		g_set_error(error, DB_ERROR_DOMAIN, st,
			    "cannot open database '%s': %s", location,
			    msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		sqlite_close(&db->base);
		return st;
	}
	*out = &db->base;
	return DB_OK;
}

static void sqlite_close(struct db *base)
{
	struct sqlite_db *db = DB(base);
	g_hash_table_destroy(db->stmts);
	g_hash_table_destroy(db->text_stmts);
	sqlite3_close(db->handle);
	g_free(db->location);
	g_free(db);
}

static void sqlite_set_bulk(struct db *db, gboolean bulk)
{
	sqlite3_exec(DB(db)->handle,
		     bulk ? "PRAGMA synchronous=NORMAL"
			  : "PRAGMA synchronous=FULL",
		     NULL, NULL, NULL);
}

static void sqlite_limit_memory(struct db *db, gint64 cache_bytes)
{
	/* A negative cache_size counts KiB. */
	g_autofree char *sql =
		g_strdup_printf("PRAGMA cache_size=-%" G_GINT64_FORMAT ";"
				"PRAGMA temp_store=FILE;",
				MAX(cache_bytes / 1024, 64));
	sqlite3_exec(DB(db)->handle, sql, NULL, NULL, NULL);
}

static enum db_status sqlite_exec_script(struct db *db, const char *sql,
					 GError **error)
{
	char *msg = NULL;
	int rc = sqlite3_exec(DB(db)->handle, sql, NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		return DB_OK;
	enum db_status st = status_of(rc);
	if (st == DB_OK)
		st = DB_ERROR;
	g_set_error(error, DB_ERROR_DOMAIN, st, "%s",
		    msg ? msg : sqlite3_errstr(rc));
	sqlite3_free(msg);
	return st;
}

static enum db_status sqlite_begin_write(struct db *db, GError **error)
{
	return sqlite_exec_script(db, "BEGIN IMMEDIATE", error);
}

static struct db_query *sqlite_query(struct db *db, const char *sql,
				     gboolean by_text, GError **error);
static enum db_status sqlite_step(struct db_query *q, GError **error);
static void sqlite_query_done(struct db_query *q);

/* A cached one-word statement (BEGIN, ROLLBACK): darn serve runs one
 * read transaction per request, and sqlite3_exec() would parse it each
 * time. */
static enum db_status run_cached(struct db *db, const char *sql, GError **error)
{
	struct db_query *q = sqlite_query(db, sql, FALSE, error);
	if (!q)
		return DB_ERROR;
	enum db_status st = sqlite_step(q, error);
	sqlite_query_done(q);
	return st == DB_NOT_FOUND ? DB_OK : st;
}

static enum db_status sqlite_begin_read(struct db *db, GError **error)
{
	return run_cached(db, "BEGIN", error);
}

static enum db_status sqlite_commit(struct db *db, GError **error)
{
	return sqlite_exec_script(db, "COMMIT", error);
}

static void sqlite_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(DB(db)->handle))
		run_cached(db, "ROLLBACK", NULL);
}

static gboolean sqlite_in_transaction(struct db *db)
{
	return !sqlite3_get_autocommit(DB(db)->handle);
}

static enum db_status sqlite_savepoint(struct db *db, GError **error)
{
	return sqlite_exec_script(db, "SAVEPOINT mail", error);
}

static enum db_status sqlite_release(struct db *db, GError **error)
{
	return sqlite_exec_script(db, "RELEASE mail", error);
}

static void sqlite_rollback_savepoint(struct db *db)
{
	sqlite3_exec(DB(db)->handle, "ROLLBACK TO mail; RELEASE mail", NULL,
		     NULL, NULL);
}

/* A statement that lives as long as the connection, or NULL. */
static struct sqlite_query *prepare(struct sqlite_db *db, const char *sql,
				    GError **error)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v3(db->handle, sql, -1,
				    SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	if (rc != SQLITE_OK) {
		fail(db->handle, rc, error);
		return NULL;
	}
	struct sqlite_query *q = g_new(struct sqlite_query, 1);
	q->base.be = &sqlite_backend;
	q->stmt = stmt;
	return q;
}

/* Filter combinations are few in practice, but a client can make up
 * many: past this many cached texts the cache starts over. */
#define TEXT_STMTS_MAX 256

static struct db_query *sqlite_query(struct db *base, const char *sql,
				     gboolean by_text, GError **error)
{
	struct sqlite_db *db = DB(base);
	GHashTable *cache = by_text ? db->text_stmts : db->stmts;
	struct sqlite_query *q = g_hash_table_lookup(cache, sql);
	if (q)
		return &q->base;
	if (!(q = prepare(db, sql, error)))
		return NULL;
	if (!by_text) {
		g_hash_table_insert(cache, (gpointer)sql, q);
		return &q->base;
	}
	if (g_hash_table_size(cache) >= TEXT_STMTS_MAX)
		g_hash_table_remove_all(cache);
	g_hash_table_insert(cache, g_strdup(sql), q);
	return &q->base;
}

static void sqlite_bind_int(struct db_query *q, int i, gint64 v)
{
	sqlite3_bind_int64(STMT(q), i, v);
}

static void sqlite_bind_text(struct db_query *q, int i, const char *s)
{
	sqlite3_bind_text(STMT(q), i, s, -1, SQLITE_TRANSIENT);
}

static void sqlite_bind_null(struct db_query *q, int i)
{
	sqlite3_bind_null(STMT(q), i);
}

static void sqlite_bind_blob(struct db_query *q, int i, const void *data,
			     gsize len)
{
	sqlite3_bind_blob64(STMT(q), i, data, len, SQLITE_TRANSIENT);
}

static enum db_status sqlite_step(struct db_query *q, GError **error)
{
	int rc = sqlite3_step(STMT(q));
	if (rc == SQLITE_ROW)
		return DB_OK;
	if (rc == SQLITE_DONE)
		return DB_NOT_FOUND;
	return fail(sqlite3_db_handle(STMT(q)), rc, error);
}

static gint64 sqlite_col_int(struct db_query *q, int i)
{
	return sqlite3_column_int64(STMT(q), i);
}

static gboolean sqlite_col_null(struct db_query *q, int i)
{
	return sqlite3_column_type(STMT(q), i) == SQLITE_NULL;
}

static const char *sqlite_col_text(struct db_query *q, int i)
{
	return (const char *)sqlite3_column_text(STMT(q), i);
}

static const void *sqlite_col_blob(struct db_query *q, int i, gsize *len)
{
	const void *p = sqlite3_column_blob(STMT(q), i);
	*len = sqlite3_column_bytes(STMT(q), i);
	return p;
}

static void sqlite_query_done(struct db_query *q)
{
	sqlite3_reset(STMT(q));
	sqlite3_clear_bindings(STMT(q));
}

static gint64 sqlite_changes(struct db *db)
{
	return sqlite3_changes64(DB(db)->handle);
}

/* db_plan_text: the detail column of EXPLAIN QUERY PLAN, a line a step.
 * The flags change nothing: without statistics (darn never runs
 * ANALYZE) SQLite takes every indexed column to be selective, and
 * prefers an index to a full scan or a sort wherever one serves. */
static char *sqlite_plan(struct db *db, const char *sql,
			 enum db_plan_flags flags, GError **error)
{
	sqlite3 *h = DB(db)->handle;
	g_autofree char *explain =
		g_strconcat("EXPLAIN QUERY PLAN ", sql, NULL);
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(h, explain, -1, &stmt, NULL);
	if (rc != SQLITE_OK) {
		fail(h, rc, error);
		return NULL;
	}
	GString *out = g_string_new(NULL);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		g_string_append_printf(out, "%s%s", out->len ? "\n" : "",
				       sqlite3_column_text(stmt, 3));
	if (rc != SQLITE_DONE)
		fail(h, rc, error);
	sqlite3_finalize(stmt);
	return g_string_free(out, rc != SQLITE_DONE);
}

static const struct db_backend sqlite_backend = {
	.name = "sqlite",
	.id_type = "INTEGER PRIMARY KEY",
	.blob_type = "BLOB",
	/* NULL sorts first ascending; an index accepts no NULLS clause */
	.nulls_first = "",
	.int_type = "INTEGER",
	.text_type = "TEXT",
	.table_exists_sql = "SELECT COUNT(*) FROM sqlite_master "
			    "WHERE type = 'table' AND name = ?",
	.close = sqlite_close,
	.set_bulk = sqlite_set_bulk,
	.limit_memory = sqlite_limit_memory,
	.exec_script = sqlite_exec_script,
	.begin_write = sqlite_begin_write,
	.begin_read = sqlite_begin_read,
	.commit = sqlite_commit,
	.rollback = sqlite_rollback,
	.savepoint = sqlite_savepoint,
	.release = sqlite_release,
	.rollback_savepoint = sqlite_rollback_savepoint,
	.query = sqlite_query,
	.bind_int = sqlite_bind_int,
	.bind_text = sqlite_bind_text,
	.bind_null = sqlite_bind_null,
	.bind_blob = sqlite_bind_blob,
	.step = sqlite_step,
	.col_int = sqlite_col_int,
	.col_null = sqlite_col_null,
	.col_text = sqlite_col_text,
	.col_blob = sqlite_col_blob,
	.query_done = sqlite_query_done,
	.changes = sqlite_changes,
	.in_transaction = sqlite_in_transaction,
	.plan = sqlite_plan,
	/* An INTEGER PRIMARY KEY without AUTOINCREMENT takes the largest
	 * rowid plus one: copied ids need no restart (restart_ids NULL). */
};
