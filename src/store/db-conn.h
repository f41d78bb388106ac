/*
 * db-conn.h: connections, transactions, statuses and the schema version.
 * Part of db.h, the only door to darn's database: its conventions hold.
 */
#ifndef DARN_STORE_DB_CONN_H
#define DARN_STORE_DB_CONN_H

#include <glib.h>

struct db;

enum db_status {
	DB_OK = 0,
	DB_NOT_FOUND,  /* a lookup found nothing; not an error */
	DB_BUSY,       /* locked by another writer past the busy timeout */
	DB_CONSTRAINT, /* a uniqueness or reference constraint refused it */
	DB_ERROR,      /* anything else: corrupt file, I/O, bad schema */
};

#define DB_ERROR_DOMAIN (db_error_quark())
GQuark db_error_quark(void);

/* ---- connection ------------------------------------------------------- */

/* How db_open treats a database that does not exist yet. */
enum db_open_mode {
	DB_OPEN_EXISTING, /* fail: only `darn init` creates a database */
	DB_OPEN_CREATE,	  /* create an empty file */
};

/*
 * Opens the database at `location`: a file path for SQLite. A missing file
 * is DB_NOT_FOUND with DB_OPEN_EXISTING (a typo in --database must not leave
 * an empty file behind). busy_timeout_ms is how long a writer waits for
 * another writer's lock before giving up with DB_BUSY. Every commit is
 * durable (synchronous=FULL) unless db_set_bulk() says otherwise. On
 * success *out is owned by the caller (db_close).
 */
enum db_status db_open(const char *location, int busy_timeout_ms,
		       enum db_open_mode mode, struct db **out, GError **error);
void db_close(struct db *db);
/* `location` as messages and logs may show it: the password of a
 * PostgreSQL URI replaced by ***. Newly allocated. */
char *db_location_shown(const char *location);
/* For g_autoptr(db): the typedef names the struct for GLib's macros. */
typedef struct db db;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(db, db_close)

/*
 * Transactions. db_begin_write takes the write lock at once (SQLite's BEGIN
 * IMMEDIATE), so a whole mail's ingest runs serialised against concurrent
 * deliveries: the decisions it makes from what it reads stay true until it
 * commits. db_rollback never fails visibly (it is the error path).
 */
enum db_status db_begin_write(struct db *db, GError **error);
enum db_status db_begin_read(struct db *db, GError **error);
/*
 * A read transaction for a request expected to need one statement (a
 * REST detail view): on PostgreSQL that statement runs alone, without
 * BEGIN and ROLLBACK around it (a statement always reads one snapshot),
 * which spares the server two commands and a wake-up per request. A
 * request that needs a second statement gets a failure from it, and
 * then db_read_once_failed() is TRUE until the next transaction begins:
 * the caller runs the request again, from its start, in db_begin_read.
 * SQLite: db_begin_read.
 */
enum db_status db_begin_read_once(struct db *db, GError **error);
gboolean db_read_once_failed(struct db *db);
enum db_status db_commit(struct db *db, GError **error);
void db_rollback(struct db *db);
/* TRUE while a transaction is open: SQLite ends one by itself on some
 * errors (a full disk), and writes after that would each commit alone. */
gboolean db_in_transaction(struct db *db);
/* TRUE when the connection to a database server was lost (PostgreSQL
 * restarted, stopped or cut it): what it ran in its transaction is gone,
 * and the next db_begin_write or db_begin_read connects again. SQLite:
 * never. */
gboolean db_connection_lost(struct db *db);

/*
 * Savepoints nest one unit's writes inside a longer transaction
 * (parsearchive groups many mails into one commit, the server many
 * requests' writes): db_release keeps the unit's writes,
 * db_rollback_savepoint undoes exactly them.
 */
enum db_status db_savepoint(struct db *db, GError **error);
enum db_status db_release(struct db *db, GError **error);
void db_rollback_savepoint(struct db *db);

/* Changes at every begin, commit and rollback (of a savepoint too): what
 * a caller read in a write transaction and keeps in memory holds while
 * this stays the same (writers are serialised), no longer after. */
guint64 db_write_generation(struct db *db);

/*
 * Bulk mode for parsearchive: commits are atomic and never corrupt the
 * database, but the last ones before a power loss may be undone
 * (synchronous=NORMAL in WAL mode); leaving bulk mode makes the next
 * commit durable together with everything before it.
 */
void db_set_bulk(struct db *db, gboolean bulk);

/*
 * Bounds this connection's memory for darn serve, which holds one per
 * thread: a page cache of `cache_bytes` (db_open gives 64 MiB, which
 * parsemail and parsearchive keep), and sorts larger than it spill to a
 * temporary file instead of memory (SQLite sizes a sort's memory by the
 * cache). Best effort: a failing PRAGMA leaves the defaults.
 */
void db_limit_memory(struct db *db, gint64 cache_bytes);

/* ---- query plans (tests) ---------------------------------------------- */

/* What db_plan_text asks of the planner besides planning. */
enum db_plan_flags {
	/* The plan as darn runs it. */
	DB_PLAN_AS_RUN = 0,
	/* A full scan of a table only when no index can serve: a small
	 * database (a test's) makes a scan cheaper than any index, which
	 * hides whether one could serve. PostgreSQL: enable_seqscan off.
	 * SQLite without statistics takes every index to be selective
	 * already: no change. */
	DB_PLAN_NO_FULL_SCAN = 1 << 0,
	/* A sort only when no index can give the order (PostgreSQL:
	 * enable_sort off; SQLite: no change). */
	DB_PLAN_NO_SORT = 1 << 1,
	/* Rows found by searching an index, not by walking one in the
	 * list's order and testing each row: with a LIMIT, PostgreSQL may
	 * rightly prefer the walk on a small database, which hides whether
	 * an index could serve the filter (PostgreSQL: enable_indexscan
	 * off, leaving index-only and bitmap scans; SQLite: no change). */
	DB_PLAN_NO_INDEX_WALK = 1 << 2,
};

/*
 * The database's plan of `sql` (darn's own SQL, `?` parameters unbound),
 * one line per step, joined by "\n", for the tests that check the list
 * queries use indexes: SQLite's EXPLAIN QUERY PLAN detail lines;
 * PostgreSQL's EXPLAIN (COSTS OFF) of the generic plan of the prepared
 * statement, the plan darn's sessions run. NULL (and *error) when the
 * statement does not plan. Owned by the caller.
 */
char *db_plan_text(struct db *db, const char *sql, enum db_plan_flags flags,
		   GError **error);

/* ---- schema ------------------------------------------------------------ */

/* The schema version applied (0 for an empty database). */
enum db_status db_schema_version(struct db *db, int *version, GError **error);
/* Applies every pending migration, each in its own transaction. *applied
 * (may be NULL) receives how many ran. */
enum db_status db_migrate(struct db *db, int *applied, GError **error);
/* The newest version this binary knows. */
int db_schema_latest(void);

#endif
