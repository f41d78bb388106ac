/*
 * The SQLite backend: opening the file (WAL, busy timeout), transactions,
 * and the statement layer of query.h over cached sqlite3_stmt objects.
 */
#include "store/query.h"

#include <sqlite3.h>

struct db {
	sqlite3 *handle;
	char *location;
	/* SQL text pointer -> sqlite3_stmt*; statements live as long as db. */
	GHashTable *stmts;
	/* SQL text (copied) -> sqlite3_stmt*, for statements assembled at run
	 * time from fixed fragments (store/list.c); bounded, see
	 * db_query_text. */
	GHashTable *text_stmts;
	int busy_timeout_ms;
};

/* A db_query is the sqlite3_stmt itself, with its connection reachable
 * through sqlite3_db_handle(). */
#define STMT(q) ((sqlite3_stmt *)(q))

GQuark db_error_quark(void)
{
	return g_quark_from_static_string("darn-db-error-quark");
}

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
	sqlite3_finalize(p);
}

/* Process-wide SQLite settings, before its first use. Memory statistics
 * take a global mutex on every allocation, which the threads of
 * `darn serve` then contend for; darn never reads them. */
static gpointer configure_sqlite(gpointer unused)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	return unused;
}

enum db_status db_open(const char *location, int busy_timeout_ms,
		       enum db_open_mode mode, struct db **out, GError **error)
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

	struct db *db = g_new0(struct db, 1);
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
		db_close(db);
		return st;
	}
	*out = db;
	return DB_OK;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	g_hash_table_destroy(db->stmts);
	g_hash_table_destroy(db->text_stmts);
	sqlite3_close(db->handle);
	g_free(db->location);
	g_free(db);
}

void db_set_bulk(struct db *db, gboolean bulk)
{
	sqlite3_exec(db->handle,
		     bulk ? "PRAGMA synchronous=NORMAL"
			  : "PRAGMA synchronous=FULL",
		     NULL, NULL, NULL);
}

void db_limit_memory(struct db *db, gint64 cache_bytes)
{
	/* A negative cache_size counts KiB. */
	g_autofree char *sql =
		g_strdup_printf("PRAGMA cache_size=-%" G_GINT64_FORMAT ";"
				"PRAGMA temp_store=FILE;",
				MAX(cache_bytes / 1024, 64));
	sqlite3_exec(db->handle, sql, NULL, NULL, NULL);
}

enum db_status db_exec_script(struct db *db, const char *sql, GError **error)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->handle, sql, NULL, NULL, &msg);
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

enum db_status db_begin_write(struct db *db, GError **error)
{
	return db_exec_script(db, "BEGIN IMMEDIATE", error);
}

/* A cached one-word statement (BEGIN, ROLLBACK): darn serve runs one
 * read transaction per request, and sqlite3_exec() would parse it each
 * time. */
static enum db_status run_cached(struct db *db, const char *sql, GError **error)
{
	struct db_query *q = db_query(db, sql, error);
	return q ? db_query_run(q, error) : DB_ERROR;
}

enum db_status db_begin_read(struct db *db, GError **error)
{
	return run_cached(db, "BEGIN", error);
}

enum db_status db_commit(struct db *db, GError **error)
{
	return db_exec_script(db, "COMMIT", error);
}

void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->handle))
		run_cached(db, "ROLLBACK", NULL);
}

gboolean db_in_transaction(struct db *db)
{
	return !sqlite3_get_autocommit(db->handle);
}

enum db_status db_savepoint(struct db *db, GError **error)
{
	return db_exec_script(db, "SAVEPOINT mail", error);
}

enum db_status db_release(struct db *db, GError **error)
{
	return db_exec_script(db, "RELEASE mail", error);
}

void db_rollback_savepoint(struct db *db)
{
	sqlite3_exec(db->handle, "ROLLBACK TO mail; RELEASE mail", NULL, NULL,
		     NULL);
}

/* A statement that lives as long as the connection, or NULL. */
static sqlite3_stmt *prepare(struct db *db, const char *sql, GError **error)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v3(db->handle, sql, -1,
				    SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	if (rc != SQLITE_OK) {
		fail(db->handle, rc, error);
		return NULL;
	}
	return stmt;
}

struct db_query *db_query(struct db *db, const char *sql, GError **error)
{
	sqlite3_stmt *stmt = g_hash_table_lookup(db->stmts, sql);
	if (!stmt && (stmt = prepare(db, sql, error)))
		g_hash_table_insert(db->stmts, (gpointer)sql, stmt);
	return (struct db_query *)stmt;
}

/* Filter combinations are few in practice, but a client can make up
 * many: past this many cached texts the cache starts over. */
#define TEXT_STMTS_MAX 256

struct db_query *db_query_text(struct db *db, const char *sql, GError **error)
{
	sqlite3_stmt *stmt = g_hash_table_lookup(db->text_stmts, sql);
	if (stmt)
		return (struct db_query *)stmt;
	if (!(stmt = prepare(db, sql, error)))
		return NULL;
	if (g_hash_table_size(db->text_stmts) >= TEXT_STMTS_MAX)
		g_hash_table_remove_all(db->text_stmts);
	g_hash_table_insert(db->text_stmts, g_strdup(sql), stmt);
	return (struct db_query *)stmt;
}

void db_bind_int(struct db_query *q, int i, gint64 v)
{
	sqlite3_bind_int64(STMT(q), i, v);
}

void db_bind_text(struct db_query *q, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(STMT(q), i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(STMT(q), i);
}

void db_bind_id(struct db_query *q, int i, gint64 id)
{
	if (id)
		sqlite3_bind_int64(STMT(q), i, id);
	else
		sqlite3_bind_null(STMT(q), i);
}

void db_bind_blob(struct db_query *q, int i, const void *data, gsize len)
{
	sqlite3_bind_blob64(STMT(q), i, data, len, SQLITE_TRANSIENT);
}

enum db_status db_step(struct db_query *q, GError **error)
{
	int rc = sqlite3_step(STMT(q));
	if (rc == SQLITE_ROW)
		return DB_OK;
	if (rc == SQLITE_DONE)
		return DB_NOT_FOUND;
	return fail(sqlite3_db_handle(STMT(q)), rc, error);
}

gint64 db_col_int(struct db_query *q, int i)
{
	return sqlite3_column_int64(STMT(q), i);
}

gboolean db_col_null(struct db_query *q, int i)
{
	return sqlite3_column_type(STMT(q), i) == SQLITE_NULL;
}

const char *db_col_text(struct db_query *q, int i)
{
	return (const char *)sqlite3_column_text(STMT(q), i);
}

char *db_col_dup(struct db_query *q, int i)
{
	return g_strdup(db_col_text(q, i));
}

const void *db_col_blob(struct db_query *q, int i, gsize *len)
{
	const void *p = sqlite3_column_blob(STMT(q), i);
	*len = sqlite3_column_bytes(STMT(q), i);
	return p;
}

void db_query_done(struct db_query *q)
{
	sqlite3_reset(STMT(q));
	sqlite3_clear_bindings(STMT(q));
}

enum db_status db_query_run(struct db_query *q, GError **error)
{
	enum db_status st = db_step(q, error);
	db_query_done(q);
	return st == DB_NOT_FOUND ? DB_OK : st;
}

gint64 db_last_insert_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->handle);
}

gint64 db_changes(struct db *db)
{
	return sqlite3_changes64(db->handle);
}

const char *db_dialect_id_type(void)
{
	return "INTEGER PRIMARY KEY";
}

const char *db_dialect_blob_type(void)
{
	return "BLOB";
}

enum db_status db_dialect_restart_ids(struct db *db, const char *table,
				      const char *column, GError **error)
{
	/* An INTEGER PRIMARY KEY without AUTOINCREMENT (db_dialect_id_type)
	 * takes the largest rowid plus one: nothing to restart. */
	return DB_OK;
}
