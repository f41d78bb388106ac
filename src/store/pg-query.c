/*
 * The statement layer of query.h on PostgreSQL (pg-private.h): `?`
 * parameters rewritten to $n, named prepared statements kept per
 * connection (prepared again after a reconnection), results read row by
 * row, and the inserts of a bulk write taking ids reserved in advance
 * so that they are pipelined too (docs/postgresql.md).
 */
#include "store/pg-private.h"

/*
 * For `INSERT INTO t (cols) VALUES (vals) RETURNING id` (darn's own SQL,
 * never input), `INSERT INTO t (cols, id) VALUES (vals, ?)` and t; NULL
 * for any other statement.
 */
static char *insert_with_id(const char *sql, char **table)
{
	static const char prefix[] = "INSERT INTO ";
	static const char suffix[] = ") RETURNING id";
	*table = NULL;
	if (!g_str_has_prefix(sql, prefix) || !g_str_has_suffix(sql, suffix))
		return NULL;
	const char *name = sql + strlen(prefix);
	const char *cols = strstr(name, " (");
	const char *cols_end = cols ? strchr(cols, ')') : NULL;
	if (!cols_end || !g_str_has_prefix(cols_end, ") VALUES ("))
		return NULL;
	const char *vals = cols_end + strlen(") VALUES (");
	const char *vals_end = sql + strlen(sql) - strlen(suffix);
	if (vals_end < vals)
		return NULL;
	*table = g_strndup(name, cols - name);
	return g_strdup_printf("INSERT INTO %s (%.*s, id) VALUES (%.*s, ?)",
			       *table, (int)(cols_end - cols - 2), cols + 2,
			       (int)(vals_end - vals), vals);
}

static struct pg_query *query_new(struct pg_db *db, const char *sql)
{
	struct pg_query *q = g_new0(struct pg_query, 1);
	q->base.be = db->base.be;
	q->db = db;
	q->sql = db_sql_number_params(sql, &q->nparams);
	q->insert_sql = insert_with_id(sql, &q->table);
	int n = MAX(q->nparams, 1);
	q->types = g_new0(Oid, n);
	q->bound = g_new0(Oid, n);
	q->values = g_new0(char *, n);
	q->lengths = g_new0(int, n);
	q->formats = g_new0(int, n);
	q->row = -1;
	return q;
}

static void clear_row(struct pg_query *q)
{
	if (q->blobs)
		g_ptr_array_set_size(q->blobs, 0);
}

/* Forgets q's prefetch: rows of it that arrive later are dropped. */
static void forget_prefetch(struct pg_query *q)
{
	q->prefetch = 0;
	g_clear_pointer(&q->prefetch_key, g_byte_array_unref);
	if (q->prefetched)
		q->db->pq->PQclear(q->prefetched);
	q->prefetched = NULL;
}

void pg_query_done(struct db_query *base)
{
	struct pg_query *q = Q(base);
	forget_prefetch(q);
	clear_row(q);
	if (q->res)
		q->db->pq->PQclear(q->res);
	q->res = NULL;
	q->row = -1;
	q->nrows = 0;
	for (int i = 0; i < q->nparams; i++) {
		g_clear_pointer(&q->values[i], g_free);
		q->bound[i] = 0;
		q->lengths[i] = 0;
		q->formats[i] = 0;
	}
}

void pg_query_free(struct pg_query *q)
{
	pg_query_done(&q->base);
	if (q->blobs)
		g_ptr_array_unref(q->blobs);
	g_free(q->sql);
	g_free(q->insert_sql);
	g_free(q->table);
	if (q->with_id)
		pg_query_free(q->with_id);
	g_free(q->types);
	g_free(q->bound);
	g_free(q->values);
	g_free(q->lengths);
	g_free(q->formats);
	g_free(q);
}

/* Forgets the text-keyed statements, on the server too. */
static void clear_text_stmts(struct pg_db *db)
{
	g_autoptr(GString) sql = g_string_new(NULL);
	GHashTableIter it;
	gpointer value;

	pg_settle(db, NULL, NULL); /* no result left to read names them */
	g_hash_table_iter_init(&it, db->text_stmts);
	while (g_hash_table_iter_next(&it, NULL, &value)) {
		struct pg_query *q = value;
		if (q->session == db->session)
			g_string_append_printf(sql, "DEALLOCATE %s;", q->name);
		pg_query_free(q);
	}
	g_hash_table_remove_all(db->text_stmts);
	/* Best effort: what stays prepared goes with the session. */
	if (sql->len)
		pg_command(db, sql->str, NULL);
}

struct db_query *pg_query(struct db *base, const char *sql, gboolean by_text,
			  GError **error)
{
	struct pg_db *db = DB(base);
	GHashTable *cache = by_text ? db->text_stmts : db->stmts;
	struct pg_query *q = g_hash_table_lookup(cache, sql);
	if (q)
		return &q->base;
	/* Prepared on first use, when the bindings tell the parameters'
	 * types: PostgreSQL cannot infer every one from the text (`? = 0`
	 * would become a 32-bit integer). */
	q = query_new(db, sql);
	if (by_text) {
		if (g_hash_table_size(cache) >= TEXT_STMTS_MAX)
			clear_text_stmts(db);
		g_hash_table_insert(cache, g_strdup(sql), q);
	} else {
		g_hash_table_insert(cache, (gpointer)sql, q);
	}
	return &q->base;
}

/* Stores binding i (1-based): a copy of len bytes, NULL for SQL NULL. */
static void bind(struct pg_query *q, int i, Oid type, const void *data,
		 gsize len, int format)
{
	if (i < 1 || i > q->nparams)
		return;
	i--;
	g_free(q->values[i]);
	q->values[i] = NULL;
	if (data) {
		q->values[i] = g_malloc(len + 1);
		memcpy(q->values[i], data, len);
		q->values[i][len] = '\0';
	}
	q->bound[i] = data ? type : 0;
	q->lengths[i] = (int)len;
	q->formats[i] = format;
}

void pg_bind_int(struct db_query *q, int i, gint64 v)
{
	char text[24];
	int len = g_snprintf(text, sizeof(text), "%" G_GINT64_FORMAT, v);
	bind(Q(q), i, OID_INT8, text, len, 0);
}

void pg_bind_text(struct db_query *q, int i, const char *s)
{
	bind(Q(q), i, OID_TEXT, s, strlen(s), 0);
}

void pg_bind_null(struct db_query *q, int i)
{
	bind(Q(q), i, 0, NULL, 0, 0);
}

void pg_bind_blob(struct db_query *q, int i, const void *data, gsize len)
{
	/* Binary format: the bytes as they are, no escaping. */
	bind(Q(q), i, OID_BYTEA, data ? data : "", len, 1);
}

/* Whether the statement must be prepared (again) for these bindings: not
 * yet in this session, or a parameter prepared with another type. */
static gboolean needs_prepare(const struct pg_query *q)
{
	if (q->session != q->db->session)
		return TRUE;
	for (int i = 0; i < q->nparams; i++)
		if (q->bound[i] && q->types[i] && q->bound[i] != q->types[i])
			return TRUE;
	return FALSE;
}

/* Gives the statement a new name and its parameters the types bound
 * now (those bound NULL keep theirs, or are inferred). */
static void name_statement(struct pg_query *q)
{
	for (int i = 0; i < q->nparams; i++)
		if (q->bound[i])
			q->types[i] = q->bound[i];
	g_snprintf(q->name, sizeof(q->name), "d%" G_GUINT64_FORMAT,
		   ++q->db->next_name);
}

static enum db_status prepare(struct pg_query *q, GError **error)
{
	struct pg_db *db = q->db;
	name_statement(q);
	PGresult *res = db->pq->PQprepare(db->conn, q->name, q->sql, q->nparams,
					  q->types);
	enum db_status st = DB_OK;
	if (db->pq->PQresultStatus(res) != PGRES_COMMAND_OK)
		st = pg_fail(db, res, error);
	else
		q->session = db->session;
	db->pq->PQclear(res);
	return st;
}

/*
 * How a statement runs, in both modes: the first run in a session sends
 * the text with the values; the second prepares it (once), and later runs
 * send only the values. A parsemail runs most of its statements once, and
 * preparing each would double its round trips; darn serve and
 * parsearchive run theirs thousands of times.
 */

/* Sends the statement in pipeline mode: its result is read later, into
 * q->prefetched when `prefetch` is not 0. */
static enum db_status send_statement(struct pg_query *q, guint64 prefetch,
				     GError **error)
{
	struct pg_db *db = q->db;
	const struct pg_api *pq = db->pq;
	const char *const *values = (const char *const *)q->values;
	struct sent s = {NULL, db->units, prefetch ? q : NULL, prefetch};
	int ok;
	if (q->ran_session != db->session) {
		q->ran_session = db->session;
		ok = pq->PQsendQueryParams(db->conn, q->sql, q->nparams,
					   q->bound, values, q->lengths,
					   q->formats, 0);
	} else {
		if (needs_prepare(q)) {
			name_statement(q);
			if (!pq->PQsendPrepare(db->conn, q->name, q->sql,
					       q->nparams, q->types))
				return pg_fail(db, NULL, error);
			/* until its result says otherwise */
			q->session = db->session;
			struct sent p = {q, db->units, NULL, 0};
			g_array_append_val(db->sent, p);
		}
		ok = pq->PQsendQueryPrepared(db->conn, q->name, q->nparams,
					     values, q->lengths, q->formats, 0);
	}
	if (!ok)
		return pg_fail(db, NULL, error);
	g_array_append_val(db->sent, s);
	return DB_OK;
}

/* Runs the statement and waits for its result. */
static PGresult *exec_statement(struct pg_query *q, GError **error)
{
	struct pg_db *db = q->db;
	const char *const *values = (const char *const *)q->values;
	if (q->ran_session != db->session) {
		q->ran_session = db->session;
		return db->pq->PQexecParams(db->conn, q->sql, q->nparams,
					    q->bound, values, q->lengths,
					    q->formats, 0);
	}
	if (needs_prepare(q) && prepare(q, error) != DB_OK)
		return NULL;
	return db->pq->PQexecPrepared(db->conn, q->name, q->nparams, values,
				      q->lengths, q->formats, 0);
}

/* Runs the statement for its rows: in pipeline mode with everything sent
 * before it, in one round trip. */
/* In a one-statement read (pg_begin_read_once), a second statement is
 * refused: its request runs again in a read transaction. */
static gboolean once_refuses(struct pg_db *db, GError **error)
{
	if (!db->once || !db->once_sent++)
		return FALSE;
	db->once_failed = TRUE;
	g_set_error(error, DB_ERROR_DOMAIN, DB_ERROR,
		    "this read needs a transaction (a second statement)");
	return TRUE;
}

static enum db_status execute(struct pg_query *q, GError **error)
{
	struct pg_db *db = q->db;
	PGresult *res = NULL;
	enum db_status st = DB_OK;
	pg_collect(db);
	if (once_refuses(db, error))
		return DB_ERROR;
	if (db->pipeline) {
		/* nothing ran yet in this read: a connection found lost is
		 * opened again and the read sent again */
		gboolean first = db->read_unconfirmed || db->once;
		g_autoptr(GError) failed = NULL;
		st = send_statement(q, 0, &failed);
		if (st == DB_OK)
			st = pg_settle(db, &res, &failed);
		if (st != DB_OK && first &&
		    db->pq->PQstatus(db->conn) == CONNECTION_BAD) {
			/* the connection was lost before this read
			 * transaction began (pg_begin_read) */
			db->pq->PQclear(res);
			res = NULL;
			g_clear_error(&failed);
			st = db->once ? pg_queue_read_once(db, &failed)
				      : pg_queue_read_begin(db, &failed);
			db->once_sent = db->once ? 1 : 0;
			if (st == DB_OK)
				st = send_statement(q, 0, &failed);
			if (st == DB_OK)
				st = pg_settle(db, &res, &failed);
		}
		if (failed)
			g_propagate_error(error, g_steal_pointer(&failed));
	} else {
		g_autoptr(GError) failed = NULL;
		res = exec_statement(q, &failed);
		ExecStatusType rs = db->pq->PQresultStatus(res);
		if (failed) {
			st = (enum db_status)failed->code;
			g_propagate_error(error, g_steal_pointer(&failed));
		} else if (rs != PGRES_TUPLES_OK && rs != PGRES_COMMAND_OK)
			st = pg_fail(db, res, error);
		else
			db->changes = g_ascii_strtoll(db->pq->PQcmdTuples(res),
						      NULL, 10);
	}
	if (st == DB_OK && !res)
		st = pg_fail(db, NULL, error);
	if (st != DB_OK) {
		db->pq->PQclear(res);
		return st;
	}
	q->res = res;
	q->nrows = db->pq->PQntuples(res);
	return DB_OK;
}

/* The bindings of q, as bytes to compare: each parameter's type,
 * length and value. */
static GByteArray *binding_key(const struct pg_query *q)
{
	GByteArray *key = g_byte_array_new();
	for (int i = 0; i < q->nparams; i++) {
		gint32 head[2] = {(gint32)q->bound[i], q->lengths[i]};
		g_byte_array_append(key, (const guint8 *)head, sizeof(head));
		if (q->values[i])
			g_byte_array_append(key, (const guint8 *)q->values[i],
					    q->lengths[i]);
	}
	return key;
}

/*
 * Sent ahead only in a read transaction: its snapshot is the one the
 * reader would see, and nothing the request writes comes between. A
 * statement that fails makes the transaction fail, whoever waits for
 * it first; so a failure is reported by the next statement that waits,
 * as for the writes sent without waiting.
 */
void pg_prefetch(struct db_query *base)
{
	struct pg_query *q = Q(base);
	struct pg_db *db = q->db;
	forget_prefetch(q);
	clear_row(q);
	if (q->res)
		db->pq->PQclear(q->res);
	q->res = NULL;
	q->row = -1;
	q->nrows = 0;
	if (!db->reading || !db->pipeline)
		return;
	guint64 number = ++db->prefetches;
	if (send_statement(q, number, NULL) != DB_OK)
		return; /* the statement that waits next will say why */
	q->prefetch = number;
	q->prefetch_txn = db->txn;
	q->prefetch_session = db->session;
	q->prefetch_key = binding_key(q);
}

/* Takes the rows sent ahead for q, when they are for its bindings in
 * this transaction; otherwise q runs afresh. */
static enum db_status take_prefetched(struct pg_query *q, GError **error)
{
	struct pg_db *db = q->db;
	g_autoptr(GByteArray) key = binding_key(q);
	gboolean same = db->reading && q->prefetch_txn == db->txn &&
			q->prefetch_session == db->session &&
			key->len == q->prefetch_key->len &&
			(!key->len || memcmp(key->data, q->prefetch_key->data,
					     key->len) == 0);
	enum db_status st = DB_OK;
	if (same && !q->prefetched)
		st = pg_settle(db, NULL, error);
	if (same && st == DB_OK && q->prefetched) {
		q->res = g_steal_pointer(&q->prefetched);
		q->nrows = db->pq->PQntuples(q->res);
	}
	forget_prefetch(q);
	return st;
}

enum db_status pg_step(struct db_query *base, GError **error)
{
	struct pg_query *q = Q(base);
	clear_row(q);
	if (!q->res && q->prefetch) {
		enum db_status st = take_prefetched(q, error);
		if (st != DB_OK)
			return st;
	}
	if (!q->res) {
		enum db_status st = execute(q, error);
		if (st != DB_OK)
			return st;
	}
	if (q->row < q->nrows)
		q->row++;
	return q->row < q->nrows ? DB_OK : DB_NOT_FOUND;
}

/* A statement whose rows nobody reads: in a write transaction, sent
 * without waiting (a failure shows at the next statement that waits). */
enum db_status pg_run(struct db_query *base, GError **error)
{
	struct pg_query *q = Q(base);
	enum db_status st;
	pg_collect(q->db);
	if (q->db->pipeline) {
		st = once_refuses(q->db, error) ? DB_ERROR
						: send_statement(q, 0, error);
	} else {
		/* (execute counts it for once_refuses) */
		st = pg_step(base, error);
		if (st == DB_NOT_FOUND)
			st = DB_OK;
	}
	pg_query_done(base);
	return st;
}

/* Takes the next id reserved for `table`, reserving more when none is
 * left (a round trip for a block of them). */
static enum db_status reserve_id(struct pg_db *db, const char *table,
				 gint64 *id, GError **error)
{
	struct id_pool *pool = g_hash_table_lookup(db->id_pools, table);
	if (!pool) {
		pool = g_new0(struct id_pool, 1);
		pool->ids = g_array_new(FALSE, FALSE, sizeof(gint64));
		g_hash_table_insert(db->id_pools, g_strdup(table), pool);
	}
	if (pool->next == pool->ids->len) {
		guint n = CLAMP(pool->ids->len * 2, ID_BLOCK_MIN, ID_BLOCK_MAX);
		struct db_query *q = db_query(
			&db->base,
			"SELECT nextval(pg_get_serial_sequence(?, 'id')) "
			"FROM generate_series(1, ?) ORDER BY 1",
			error);
		if (!q)
			return DB_ERROR;
		db_bind_text(q, 1, table);
		db_bind_int(q, 2, n);
		g_array_set_size(pool->ids, 0);
		pool->next = 0;
		enum db_status st;
		while ((st = db_step(q, error)) == DB_OK) {
			gint64 v = db_col_int(q, 0);
			g_array_append_val(pool->ids, v);
		}
		db_query_done(q);
		if (st != DB_NOT_FOUND)
			return st;
		if (!pool->ids->len) {
			g_set_error(error, DB_ERROR_DOMAIN, DB_ERROR,
				    "no id reserved for %s", table);
			return DB_ERROR;
		}
	}
	*id = g_array_index(pool->ids, gint64, pool->next++);
	return DB_OK;
}

/*
 * db_query_insert in a bulk write (parsearchive): the insert is sent with
 * a reserved id and not waited for, as db_query_run's statements, instead
 * of a round trip for RETURNING id each. DB_NOT_FOUND: not this way (not
 * in a bulk write transaction, or not a plain insert): RETURNING it is.
 */
enum db_status pg_insert(struct db_query *base, gint64 *id, GError **error)
{
	struct pg_query *q = Q(base);
	struct pg_db *db = q->db;
	if (!q->insert_sql || !db->pipeline || !db->bulk_commits)
		return DB_NOT_FOUND;
	enum db_status st = reserve_id(db, q->table, id, error);
	if (st != DB_OK) {
		pg_query_done(base);
		return st;
	}
	if (!q->with_id)
		q->with_id = query_new(db, q->insert_sql);
	struct pg_query *w = q->with_id;
	for (int i = 0; i < q->nparams; i++)
		bind(w, i + 1, q->bound[i], q->values[i], q->lengths[i],
		     q->formats[i]);
	pg_bind_int(&w->base, q->nparams + 1, *id);
	pg_query_done(base);
	return pg_run(&w->base, error);
}

gint64 pg_col_int(struct db_query *base, int i)
{
	struct pg_query *q = Q(base);
	const char *v = q->db->pq->PQgetvalue(q->res, q->row, i);
	/* booleans come as t and f */
	if (*v == 't' || *v == 'f')
		return *v == 't';
	return g_ascii_strtoll(v, NULL, 10);
}

gboolean pg_col_null(struct db_query *base, int i)
{
	struct pg_query *q = Q(base);
	return q->db->pq->PQgetisnull(q->res, q->row, i);
}

const char *pg_col_text(struct db_query *base, int i)
{
	struct pg_query *q = Q(base);
	if (q->db->pq->PQgetisnull(q->res, q->row, i))
		return NULL;
	return q->db->pq->PQgetvalue(q->res, q->row, i);
}

const void *pg_col_blob(struct db_query *base, int i, gsize *len)
{
	struct pg_query *q = Q(base);
	const struct pg_api *pq = q->db->pq;
	*len = 0;
	if (pq->PQgetisnull(q->res, q->row, i))
		return NULL;
	/* Text results show bytea in hex (\x...); decoded here, kept until
	 * the next step. */
	size_t n = 0;
	unsigned char *data = pq->PQunescapeBytea(
		(const unsigned char *)pq->PQgetvalue(q->res, q->row, i), &n);
	if (!data)
		return NULL;
	if (!q->blobs)
		q->blobs = g_ptr_array_new_with_free_func(pq->PQfreemem);
	g_ptr_array_add(q->blobs, data);
	*len = n;
	return data;
}

/* A transaction is open, failed or not: a failed statement leaves it
 * open (ROLLBACK TO the savepoint saves it), unlike some of SQLite's. */
