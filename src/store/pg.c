/*
 * The PostgreSQL driver (backend.h) over libpq, loaded with dlopen()
 * (pg-dl.h): connecting (and reconnecting after the server restarted),
 * transactions with writers serialised by an advisory lock, and the
 * pipeline that write transactions send their statements in; the
 * statements themselves are pg-query.c's (docs/postgresql.md).
 */
#include "store/pg-private.h"

#include <poll.h>

/*
 * The transaction-level advisory lock every write transaction takes
 * first, so that darn's writers run one at a time as SQLite's BEGIN
 * IMMEDIATE makes them: ingest decides from what it reads (is this msgid
 * stored? which series does this patch join?) and those decisions must
 * stay true until it commits. The number is 0x6461726e, "darn" in ASCII
 * (PostgreSQL 15 reads no hexadecimal literals); docs/postgresql.md
 * names it for administrators.
 */
#define WRITE_LOCK_KEY 1684107886

static const struct db_backend pg_backend;

/* ---- errors ------------------------------------------------------------- */

/*
 * What a failed command means to darn. Everything the server or the
 * network makes temporary is DB_BUSY, which parsemail turns into exit 75
 * (the MTA delivers again later) and darn serve into 503: a lost
 * connection, a server shutting down or starting, too many connections,
 * a read-only (standby) server, a lock wait past lock_timeout.
 */
static enum db_status status_of(struct pg_db *db, const PGresult *res)
{
	if (db->pq->PQstatus(db->conn) == CONNECTION_BAD)
		return DB_BUSY;
	const char *state =
		res ? db->pq->PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (!state) {
		/*
		 * An error of libpq's own. A write to a connection the server
		 * closed ("server closed the connection unexpectedly") leaves
		 * it CONNECTION_OK while the server's last words wait to be
		 * read; reading them reaches the end of the connection. So a
		 * lost connection is told from darn misusing libpq.
		 */
		if (!db->pq->PQconsumeInput(db->conn) ||
		    db->pq->PQstatus(db->conn) == CONNECTION_BAD)
			return DB_BUSY;
		return DB_ERROR;
	}
	if (g_str_has_prefix(state, "08") || /* connection exception */
	    g_str_has_prefix(state, "53") || /* insufficient resources */
	    g_str_has_prefix(state, "57") || /* shutdown, cancel */
	    g_str_has_prefix(state, "40") || /* deadlock, serialization */
	    strcmp(state, "55P03") == 0 ||   /* lock_not_available */
	    strcmp(state, "25006") == 0)     /* read_only_sql_transaction */
		return DB_BUSY;
	if (g_str_has_prefix(state, "23")) /* integrity constraint */
		return DB_CONSTRAINT;
	return DB_ERROR;
}

/* libpq's messages end with a newline and may span lines. */
static char *one_line(const char *msg)
{
	char *s = g_strstrip(g_strdup(msg ? msg : ""));
	for (char *p = s; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return s;
}

/* Sets *error from a failed result (or the connection) and returns the
 * status; `res` is not freed. */
enum db_status pg_fail(struct pg_db *db, const PGresult *res, GError **error)
{
	enum db_status st = status_of(db, res);
	const char *primary =
		res ? db->pq->PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)
		    : NULL;
	g_autofree char *msg =
		one_line(primary ? primary : db->pq->PQerrorMessage(db->conn));
	g_set_error(error, DB_ERROR_DOMAIN, st, "%s", msg);
	return st;
}

/* Reads the result of a ROLLBACK sent without waiting (pg_rollback):
 * the next command may only be sent after it. */
void pg_collect(struct pg_db *db)
{
	PGresult *r;
	if (!db->rollback_sent)
		return;
	while ((r = db->pq->PQgetResult(db->conn)))
		db->pq->PQclear(r);
	db->rollback_sent = FALSE;
}

/* Records what a command sent in pipeline mode answered. */
static void take_result(struct pg_db *db, PGresult *r, const struct sent *s)
{
	ExecStatusType rs = db->pq->PQresultStatus(r);
	if (rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK) {
		if (!s->prepared)
			db->changes = g_ascii_strtoll(db->pq->PQcmdTuples(r),
						      NULL, 10);
		return;
	}
	if (s->prepared)
		s->prepared->session = 0; /* not prepared after all */
	/* after a failure the rest of the batch is skipped (ABORTED) */
	if (rs != PGRES_PIPELINE_ABORTED && !db->deferred) {
		pg_fail(db, r, &db->deferred);
		if (s->unit != db->units) /* pg_release did not wait */
			g_prefix_error(&db->deferred,
				       "an earlier mail of the batch failed: ");
	}
}

/* Moves a failure read earlier to *error, when the caller can report
 * it; otherwise it waits for the next caller that can. */
static enum db_status report(struct pg_db *db, GError **error)
{
	if (!db->deferred || !error)
		return db->deferred ? (enum db_status)db->deferred->code
				    : DB_OK;
	enum db_status st = (enum db_status)db->deferred->code;
	g_propagate_error(error, g_steal_pointer(&db->deferred));
	return st;
}

/*
 * In pipeline mode, ends the batch sent so far (a Sync) and reads every
 * result of it in one round trip. *last (may be NULL) receives the last
 * command's result, owned by the caller. Returns the first failure of
 * the batch (or one read before and not yet reported).
 */
enum db_status pg_settle(struct pg_db *db, PGresult **last, GError **error)
{
	const struct pg_api *pq = db->pq;
	if (last)
		*last = NULL;
	if (!db->pipeline || !db->sent->len)
		return report(db, error);
	db->read_unconfirmed = FALSE; /* the BEGIN is answered now */
	if (pq->PQpipelineSync(db->conn)) {
		for (guint i = 0; i < db->sent->len; i++) {
			const struct sent *s =
				&g_array_index(db->sent, struct sent, i);
			gboolean keep = last && i + 1 == db->sent->len;
			/* rows of a prefetch still wanted */
			struct pg_query *reader =
				s->reader && db->reading &&
						s->reader->prefetch ==
							s->prefetch
					? s->reader
					: NULL;
			PGresult *r;
			while ((r = pq->PQgetResult(db->conn))) {
				take_result(db, r, s);
				if (keep) {
					pq->PQclear(*last);
					*last = r;
				} else if (reader && !reader->prefetched &&
					   pq->PQresultStatus(r) ==
						   PGRES_TUPLES_OK) {
					reader->prefetched = r;
				} else {
					pq->PQclear(r);
				}
			}
		}
		pq->PQclear(pq->PQgetResult(db->conn)); /* the Sync's */
	}
	g_array_set_size(db->sent, 0);
	if (pq->PQstatus(db->conn) == CONNECTION_BAD && !db->deferred)
		pg_fail(db, NULL, &db->deferred);
	return report(db, error);
}

/* Sends the command `sql` (no parameters) in pipeline mode. */
static enum db_status queue(struct pg_db *db, const char *sql, GError **error)
{
	struct sent s = {NULL, db->units, NULL, 0};
	if (!db->pq->PQsendQueryParams(db->conn, sql, 0, NULL, NULL, NULL, NULL,
				       0))
		return pg_fail(db, NULL, error);
	g_array_append_val(db->sent, s);
	return DB_OK;
}

static void enter_pipeline(struct pg_db *db)
{
	db->pipeline = db->pq->PQenterPipelineMode(db->conn) == 1;
}

/* Leaves pipeline mode, reading what is left (failures wait in
 * db->deferred). */
static void leave_pipeline(struct pg_db *db)
{
	const struct pg_api *pq = db->pq;
	db->reading = FALSE; /* prefetched rows are of no use now */
	if (!db->pipeline)
		return;
	pg_settle(db, NULL, NULL);
	db->pipeline = FALSE;
	if (pq->PQexitPipelineMode(db->conn))
		return;
	/* Results nobody accounted for: read them, or the connection
	 * stays in pipeline mode and refuses every later command. */
	for (int nulls = 0; nulls < 2;) {
		PGresult *r = pq->PQgetResult(db->conn);
		nulls = r ? 0 : nulls + 1;
		pq->PQclear(r);
	}
	pq->PQexitPipelineMode(db->conn);
}

/* Runs a command without parameters (several allowed, so outside
 * pipeline mode) and checks that it succeeded; *rows (may be NULL)
 * receives the last command's result, owned by the caller. */
enum db_status pg_command_rows(struct pg_db *db, const char *sql,
			       PGresult **rows, GError **error)
{
	gboolean pipeline = db->pipeline, reading = db->reading;
	if (rows)
		*rows = NULL;
	pg_collect(db);
	leave_pipeline(db);
	enum db_status st = report(db, error);
	if (st == DB_OK) {
		PGresult *res = db->pq->PQexec(db->conn, sql);
		ExecStatusType rs = db->pq->PQresultStatus(res);
		if (rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK)
			db->changes = g_ascii_strtoll(db->pq->PQcmdTuples(res),
						      NULL, 10);
		else
			st = pg_fail(db, res, error);
		if (st == DB_OK && rows)
			*rows = g_steal_pointer(&res);
		db->pq->PQclear(res);
	}
	if (pipeline) {
		enter_pipeline(db);
		db->reading = reading && db->pipeline;
	}
	return st;
}

enum db_status pg_command(struct pg_db *db, const char *sql, GError **error)
{
	return pg_command_rows(db, sql, NULL, error);
}

/* ---- connection ---------------------------------------------------------- */

static void ignore_notice(void *arg, const char *message)
{
	/* "relation already exists, skipping" and the like: darn asks for
	 * them with IF NOT EXISTS, they are not news. */
}

/* Settings of each session: a new one after a reconnection too. */
static enum db_status setup_session(struct pg_db *db, GError **error)
{
	db->pq->PQsetNoticeProcessor(db->conn, ignore_notice, NULL);
	const char *encoding =
		db->pq->PQparameterStatus(db->conn, "server_encoding");
	if (!encoding || strcmp(encoding, "UTF8") != 0) {
		g_set_error(error, DB_ERROR_DOMAIN, DB_ERROR,
			    "database '%s' uses encoding %s; darn needs UTF8 "
			    "(CREATE DATABASE ... ENCODING 'UTF8')",
			    db->display, encoding ? encoding : "(unknown)");
		return DB_ERROR;
	}
	/*
	 * lock_timeout bounds the wait for the write lock (as SQLite's busy
	 * timeout); 0 would mean forever.
	 *
	 * Generic plans: a prepared statement is planned once per
	 * connection, not at every run. Left to choose (auto), PostgreSQL
	 * plans again at every run any statement with a `LIMIT ?`, as
	 * every list has: a generic plan is priced as if the limit were a
	 * tenth of the table, so it always looks dearer than the plan for
	 * 100 rows. Planning the web's patch list took longer than running
	 * it (1.4 of 3.2 ms); darn's statements follow its indexes, and
	 * their plans do not depend on the values bound
	 * (docs/postgresql.md).
	 */
	g_autofree char *sql =
		g_strdup_printf("SET lock_timeout = %d; SET plan_cache_mode = "
				"force_generic_plan",
				MAX(db->lock_timeout_ms, 1));
	return pg_command(db, sql, error);
}

/* A connection the server dropped (restart, failover, idle timeout) is
 * opened again; DB_BUSY while the server cannot be reached. */
static enum db_status reconnect(struct pg_db *db, GError **error)
{
	/* a new session: nothing is pending in it */
	db->pipeline = FALSE;
	db->read_unconfirmed = FALSE;
	db->reading = FALSE;
	db->rollback_sent = FALSE;
	g_array_set_size(db->sent, 0);
	db->pq->PQreset(db->conn);
	if (db->pq->PQstatus(db->conn) != CONNECTION_OK) {
		g_autofree char *msg =
			one_line(db->pq->PQerrorMessage(db->conn));
		g_set_error(error, DB_ERROR_DOMAIN, DB_BUSY,
			    "cannot connect to database '%s': %s", db->display,
			    msg);
		return DB_BUSY;
	}
	db->session++;
	return setup_session(db, error);
}

static void pg_close(struct db *base);

static void id_pool_free(gpointer data)
{
	struct id_pool *pool = data;
	g_array_unref(pool->ids);
	g_free(pool);
}

enum db_status db_pg_open(const char *uri, int busy_timeout_ms,
			  enum db_open_mode mode, struct db **out,
			  GError **error)
{
	const char *why = NULL;
	const struct pg_api *pq = pg_api(&why);
	if (!pq) {
		g_set_error(error, DB_ERROR_DOMAIN, DB_ERROR,
			    "cannot open PostgreSQL databases: %s", why);
		return DB_ERROR;
	}
	struct pg_db *db = g_new0(struct pg_db, 1);
	db->base.be = &pg_backend;
	db->pq = pq;
	db->display = db_location_shown(uri);
	db->lock_timeout_ms = busy_timeout_ms;
	db->session = 1;
	db->stmts = g_hash_table_new(g_direct_hash, g_direct_equal);
	db->text_stmts =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	db->sent = g_array_new(FALSE, FALSE, sizeof(struct sent));
	db->id_pools = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					     id_pool_free);

	/* Keywords before dbname are defaults the URI may override; those
	 * after it are darn's requirements. */
	g_autofree char *timeout =
		g_strdup_printf("%d", MAX(busy_timeout_ms / 1000, 2));
	const char *keys[] = {"connect_timeout", "fallback_application_name",
			      "dbname", "client_encoding", NULL};
	const char *values[] = {timeout, "darn", uri, "UTF8", NULL};
	db->conn = pq->PQconnectdbParams(keys, values, 1);
	if (!db->conn || pq->PQstatus(db->conn) != CONNECTION_OK) {
		/* Unreachable, starting, refusing (too many clients) or a
		 * wrong password: all of it may pass, so the mail system
		 * should try again; the message says which. */
		g_autofree char *msg =
			one_line(db->conn ? pq->PQerrorMessage(db->conn)
					  : "out of memory");
		g_set_error(error, DB_ERROR_DOMAIN, DB_BUSY,
			    "cannot connect to database '%s': %s", db->display,
			    msg);
		pg_close(&db->base);
		return DB_BUSY;
	}
	enum db_status st = setup_session(db, error);
	if (st != DB_OK) {
		pg_close(&db->base);
		return st;
	}
	*out = &db->base;
	return DB_OK;
}

static void pg_close(struct db *base)
{
	struct pg_db *db = DB(base);
	GHashTableIter it;
	gpointer value;

	g_hash_table_iter_init(&it, db->stmts);
	while (g_hash_table_iter_next(&it, NULL, &value))
		pg_query_free(value);
	g_hash_table_iter_init(&it, db->text_stmts);
	while (g_hash_table_iter_next(&it, NULL, &value))
		pg_query_free(value);
	g_hash_table_destroy(db->stmts);
	g_hash_table_destroy(db->text_stmts);
	g_array_unref(db->sent);
	g_hash_table_destroy(db->id_pools);
	g_clear_error(&db->deferred);
	if (db->conn)
		db->pq->PQfinish(db->conn);
	g_free(db->display);
	g_free(db);
}

/* Bulk mode: a commit returns before its WAL reaches the disk; a crash
 * may lose the last ones, never corrupt (as SQLite's synchronous=NORMAL
 * in WAL mode). */
static void pg_set_bulk(struct db *base, gboolean bulk)
{
	struct pg_db *db = DB(base);
	pg_command(db,
		   bulk ? "SET synchronous_commit = off"
			: "RESET synchronous_commit",
		   NULL);
	db->bulk_commits = bulk;
	g_hash_table_remove_all(db->id_pools); /* bulk mode's */
}

/*
 * An import into a new database grows its tables from nothing faster
 * than autovacuum (a minute apart) analyzes them: the planner, without
 * statistics, took a project's patches to be a hundred and looked a
 * msgid up by scanning all of them (7 ms a mail at 6,000 patches, and
 * growing). So bulk mode analyzes after its 1st, 2nd, 4th, 8th...
 * commit; each ANALYZE also replans the prepared statements. Only the
 * columns ingest looks rows up by: the raw mails, contents and events
 * are the bulk of the data, only inserted, and analyzing them (every
 * sampled value read back from TOAST) took a seventh of the server's
 * time of a linux-cifs import. Best effort: a role that does not own the
 * tables gets a warning only.
 */
#define ANALYZE_LOOKUP_COLUMNS                                               \
	"ANALYZE patch (project_id, msgid, series_id, number), "             \
	"cover (project_id, msgid, name), patch_comment (patch_id, msgid), " \
	"cover_comment (cover_id, msgid), "                                  \
	"series (project_id, submitter_id, version, total, date), "          \
	"series_reference (project_id, msgid), person (email_key)"
static void analyze_as_tables_grow(struct pg_db *db)
{
	if (!db->bulk_commits)
		return;
	if ((db->bulk_commits & (db->bulk_commits - 1)) == 0)
		pg_command(db, ANALYZE_LOOKUP_COLUMNS, NULL);
	db->bulk_commits++;
}

/* The server manages its own memory (shared_buffers, work_mem). */
static void pg_limit_memory(struct db *db, gint64 cache_bytes)
{
}

static enum db_status pg_exec_script(struct db *db, const char *sql,
				     GError **error)
{
	return pg_command(DB(db), sql, error);
}

/* ---- transactions -------------------------------------------------------- */

/*
 * Opens a transaction with `sql`. Each request of darn serve and each
 * command begins with this, so it is where a connection lost since the
 * last one is noticed and opened again; nothing has run in the
 * transaction yet, so BEGIN is retried once on the new connection.
 */
/* Before a transaction: leaves what the last one left behind, and opens
 * the connection again when it was lost. */
static enum db_status ready(struct pg_db *db, GError **error)
{
	pg_collect(db);
	leave_pipeline(db);
	g_clear_error(&db->deferred); /* of a transaction already gone */
	if (db->pq->PQstatus(db->conn) == CONNECTION_BAD)
		return reconnect(db, error);
	return DB_OK;
}

static enum db_status begin(struct pg_db *db, const char *sql, GError **error)
{
	enum db_status st = ready(db, error);
	if (st != DB_OK)
		return st;
	g_autoptr(GError) first = NULL;
	st = pg_command(db, sql, &first);
	if (st == DB_OK || db->pq->PQstatus(db->conn) != CONNECTION_BAD) {
		if (st != DB_OK)
			g_propagate_error(error, g_steal_pointer(&first));
		return st;
	}
	st = reconnect(db, error);
	return st == DB_OK ? pg_command(db, sql, error) : st;
}

static enum db_status pg_begin_write(struct db *base, GError **error)
{
	struct pg_db *db = DB(base);
	db->once = db->once_failed = FALSE;
	/* READ COMMITTED: every statement sees what the writers before
	 * this one committed while it waited for the lock. */
	enum db_status st =
		begin(db,
		      "BEGIN; SELECT pg_advisory_xact_lock(" G_STRINGIFY(
			      WRITE_LOCK_KEY) ")",
		      error);
	if (st == DB_OK)
		enter_pipeline(db);
	return st;
}

#define READ_BEGIN "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"

/* Queues the BEGIN of a read transaction (pg_begin_read), after opening
 * the connection again if it was lost. */
enum db_status pg_queue_read_begin(struct pg_db *db, GError **error)
{
	db->once = db->once_failed = FALSE;
	enum db_status st = ready(db, error);
	if (st != DB_OK)
		return st;
	enter_pipeline(db);
	if (!db->pipeline)
		return begin(db, READ_BEGIN, error);
	st = queue(db, READ_BEGIN, error);
	db->read_unconfirmed = st == DB_OK;
	db->reading = st == DB_OK;
	db->txn++;
	return st;
}

/*
 * Read transactions: one snapshot for the whole request, so a list's
 * count agrees with its page. The BEGIN is not waited for: it is queued
 * in pipeline mode and goes with the request's first statement, in its
 * round trip; the statements after it run one round trip each, and the
 * ROLLBACK that ends it is not waited for either (pg_rollback). A
 * connection the server closed meanwhile (a restart) is noticed here
 * when the server's goodbye already arrived, else by the first
 * statement, which then opens it again and sends both again (execute):
 * nothing had run in the transaction.
 */
static void read_goodbye(struct pg_db *db)
{
	pg_collect(db); /* the last ROLLBACK's answer */
	/* Anything else that arrived on the idle connection is the server
	 * saying goodbye (a restart, pg_terminate_backend), then the end of
	 * the stream: read without waiting, they make the connection bad,
	 * and ready() opens it again before the request begins. */
	struct pollfd p = {.fd = db->pq->PQsocket(db->conn), .events = POLLIN};
	for (int i = 0; i < 4 && p.fd >= 0 && poll(&p, 1, 0) == 1; i++)
		if (!db->pq->PQconsumeInput(db->conn))
			break;
}

static enum db_status pg_begin_read(struct db *base, GError **error)
{
	struct pg_db *db = DB(base);
	read_goodbye(db);
	return pg_queue_read_begin(db, error);
}

enum db_status pg_queue_read_once(struct pg_db *db, GError **error)
{
	enum db_status st = ready(db, error);
	if (st != DB_OK)
		return st;
	enter_pipeline(db); /* the statement and its Prepare in one trip */
	db->once = TRUE;
	db->once_failed = FALSE;
	db->once_sent = 0;
	db->reading = FALSE; /* nothing is sent ahead */
	db->txn++;
	return DB_OK;
}

/*
 * A one-statement read (db_begin_read_once): the statement is sent
 * alone, outside a transaction block, and runs in the implicit
 * transaction the protocol gives it, on one snapshot; there is nothing
 * to roll back after it. A second statement is refused (pg-query.c),
 * and the request runs again in pg_begin_read.
 */
static enum db_status pg_begin_read_once(struct db *base, GError **error)
{
	struct pg_db *db = DB(base);
	read_goodbye(db);
	return pg_queue_read_once(db, error);
}

static gboolean pg_read_once_failed(struct db *base)
{
	return DB(base)->once_failed;
}

static enum db_status pg_commit(struct db *base, GError **error)
{
	struct pg_db *db = DB(base);
	PGresult *res = NULL;
	enum db_status st;
	pg_collect(db);
	if (db->pipeline) {
		st = queue(db, "COMMIT", error);
		if (st == DB_OK)
			st = pg_settle(db, &res, error);
		leave_pipeline(db);
	} else {
		res = db->pq->PQexec(db->conn, "COMMIT");
		st = db->pq->PQresultStatus(res) == PGRES_COMMAND_OK
			     ? DB_OK
			     : pg_fail(db, res, error);
	}
	if (st == DB_OK && !res) {
		st = pg_fail(db, NULL, error);
	} else if (st == DB_OK &&
		   strcmp(db->pq->PQcmdStatus(res), "ROLLBACK") == 0) {
		/* COMMIT of a transaction a failed statement aborted. */
		g_set_error(error, DB_ERROR_DOMAIN, DB_ERROR,
			    "the transaction failed and was rolled back");
		st = DB_ERROR;
	}
	db->pq->PQclear(res);
	if (st == DB_OK)
		analyze_as_tables_grow(db);
	return st;
}

/* The error path: nothing to report. The ROLLBACK is sent without
 * waiting; its result is read before the next command (darn serve
 * answers the request meanwhile). */
static void pg_rollback(struct db *base)
{
	struct pg_db *db = DB(base);
	pg_collect(db);
	leave_pipeline(db);
	g_clear_error(&db->deferred);
	PGTransactionStatusType ts = db->pq->PQtransactionStatus(db->conn);
	if (ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR)
		db->rollback_sent = db->pq->PQsendQuery(db->conn, "ROLLBACK");
}

static enum db_status pg_savepoint(struct db *base, GError **error)
{
	struct pg_db *db = DB(base);
	db->units++;
	return db->pipeline ? queue(db, "SAVEPOINT mail", error)
			    : pg_command(db, "SAVEPOINT mail", error);
}

/*
 * Reads the results of the mail's statements: a failure is its own,
 * reported here before the next mail begins. Except in bulk mode
 * (parsearchive), where that round trip was a quarter of a mail's: any
 * failure there ends the batch (rolled back) and the run, so it is
 * reported by the next statement that waits, as an earlier mail's.
 */
static enum db_status pg_release(struct db *base, GError **error)
{
	struct pg_db *db = DB(base);
	if (!db->pipeline)
		return pg_command(db, "RELEASE mail", error);
	enum db_status st = queue(db, "RELEASE mail", error);
	if (st != DB_OK || db->bulk_commits)
		return st == DB_OK ? report(db, error) : st;
	return pg_settle(db, NULL, error);
}

static void pg_rollback_savepoint(struct db *base)
{
	struct pg_db *db = DB(base);
	if (!db->pipeline) {
		pg_command(db, "ROLLBACK TO mail; RELEASE mail", NULL);
		return;
	}
	/* what failed was reported; what the rollback meets waits for the
	 * next command */
	pg_settle(db, NULL, NULL);
	g_clear_error(&db->deferred);
	if (queue(db, "ROLLBACK TO mail", &db->deferred) == DB_OK &&
	    queue(db, "RELEASE mail", &db->deferred) == DB_OK)
		pg_settle(db, NULL, NULL);
}

static gboolean pg_in_transaction(struct db *base)
{
	struct pg_db *db = DB(base);
	pg_collect(db);
	if (db->pipeline)
		return TRUE;
	PGTransactionStatusType ts = db->pq->PQtransactionStatus(db->conn);
	return ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR;
}

static gboolean pg_connection_lost(struct db *base)
{
	struct pg_db *db = DB(base);
	return db->pq->PQstatus(db->conn) == CONNECTION_BAD;
}

/* After darn db copy inserted rows with their ids: the identity column's
 * sequence continues after the largest. setval(..., false): the next
 * nextval() returns exactly the value given, so an empty table restarts
 * at 1. table and column come from schema-tables.c, never from input. */
static enum db_status pg_restart_ids(struct db *db, const char *table,
				     const char *column, GError **error)
{
	g_autofree char *sql = g_strdup_printf(
		"SELECT setval(pg_get_serial_sequence('%s', '%s'), "
		"COALESCE(MAX(%s), 0) + 1, false) FROM %s",
		table, column, column, table);
	struct db_query *q = db_query_text(db, sql, error);
	return q ? db_query_run(q, error) : DB_ERROR;
}

static gint64 pg_changes(struct db *base)
{
	struct pg_db *db = DB(base);
	pg_settle(db, NULL, NULL); /* the last statement's result */
	return db->changes;
}

static const struct db_backend pg_backend = {
	.name = "postgresql",
	/* BY DEFAULT: rows copied from another database keep their ids */
	.id_type = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
	.blob_type = "BYTEA",
	.nulls_first = "NULLS FIRST",
	/* ids and microsecond times need 64 bits */
	.int_type = "BIGINT",
	/* byte order, as SQLite's BINARY, whatever the database's locale */
	.text_type = "TEXT COLLATE \"C\"",
	.table_exists_sql = "SELECT COUNT(*) WHERE to_regclass(?) IS NOT NULL",
	.close = pg_close,
	.set_bulk = pg_set_bulk,
	.limit_memory = pg_limit_memory,
	.exec_script = pg_exec_script,
	.begin_write = pg_begin_write,
	.begin_read = pg_begin_read,
	.begin_read_once = pg_begin_read_once,
	.read_once_failed = pg_read_once_failed,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.savepoint = pg_savepoint,
	.release = pg_release,
	.rollback_savepoint = pg_rollback_savepoint,
	.query = pg_query,
	.bind_int = pg_bind_int,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.bind_blob = pg_bind_blob,
	.step = pg_step,
	.col_int = pg_col_int,
	.col_null = pg_col_null,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.query_done = pg_query_done,
	.prefetch = pg_prefetch,
	.run = pg_run,
	.insert = pg_insert,
	.in_transaction = pg_in_transaction,
	.connection_lost = pg_connection_lost,
	.restart_ids = pg_restart_ids,
	.changes = pg_changes,
	.plan = pg_plan,
};
