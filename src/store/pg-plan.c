/*
 * db_plan_text on PostgreSQL (backend.h's plan): the plan of the
 * statement darn prepares for some SQL, for the tests that check the
 * list queries use indexes (tests/unit/test-list-plans.c).
 */
#include "store/pg-private.h"

/* The key columns of index `name` as its definition lists them
 * ("project_id, id, state_id"), or NULL. */
static char *index_keys(struct db *db, const char *name)
{
	struct db_query *q =
		db_query(db, "SELECT pg_get_indexdef(to_regclass(?))", NULL);
	if (!q)
		return NULL;
	db_bind_text(q, 1, name);
	char *keys = NULL;
	const char *def = db_step(q, NULL) == DB_OK ? db_col_text(q, 0) : NULL;
	/* CREATE INDEX x ON t USING btree (keys) [INCLUDE (...)] [WHERE ...] */
	const char *open = def ? strstr(def, " USING ") : NULL;
	open = open ? strchr(open, '(') : NULL;
	if (open) {
		int depth = 0;
		const char *p = open;
		for (; *p; p++) {
			depth += *p == '(';
			depth -= *p == ')';
			if (!depth)
				break;
		}
		if (*p)
			keys = g_strndup(open + 1, p - open - 1);
	}
	db_query_done(q);
	return keys;
}

/* The index a plan line names ("Index Scan using x on t a", "Index Only
 * Scan Backward using x on t a", "Bitmap Index Scan on x"): where its
 * name starts and its length, or FALSE. */
static gboolean index_name(const char *line, const char **name, gsize *len)
{
	const char *using = strstr(line, " using ");
	const char *bitmap = strstr(line, "Bitmap Index Scan on ");
	if (using && strstr(line, "Index ") && strstr(line, "Index ") < using)
		*name = using + strlen(" using ");
	else if (bitmap)
		*name = bitmap + strlen("Bitmap Index Scan on ");
	else
		return FALSE;
	*len = strcspn(*name, " ");
	return *len > 0;
}

/* The plan's lines, each index followed by its key columns in
 * parentheses: an Index Cond on a later column than the first walks the
 * whole index (PostgreSQL 15 cannot skip through the leading columns),
 * which the plan alone does not tell. */
static char *with_index_keys(struct db *db, const struct pg_api *pq,
			     PGresult *res)
{
	g_autoptr(GHashTable) keys =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	GString *plan = g_string_new(NULL);
	for (int r = 0; r < pq->PQntuples(res); r++) {
		const char *line = pq->PQgetvalue(res, r, 0), *name;
		gsize len;
		if (r)
			g_string_append_c(plan, '\n');
		if (!index_name(line, &name, &len)) {
			g_string_append(plan, line);
			continue;
		}
		g_autofree char *index = g_strndup(name, len);
		if (!g_hash_table_contains(keys, index))
			g_hash_table_insert(keys, g_strdup(index),
					    index_keys(db, index));
		const char *k = g_hash_table_lookup(keys, index);
		g_string_append_len(plan, line, name + len - line);
		if (k)
			g_string_append_printf(plan, " (%s)", k);
		g_string_append(plan, name + len);
	}
	return g_string_free(plan, FALSE);
}

/*
 * Sessions plan with force_generic_plan (pg.c, setup_session), so the
 * plan darn runs is the prepared statement's generic plan, the same
 * whatever the values. PostgreSQL 15 has no EXPLAIN (GENERIC_PLAN): the
 * statement is prepared under a name of its own (its parameters numbered
 * as for every statement, their types inferred from where they stand,
 * as darn's bindings give: bigint beside an integer column, text beside
 * a text one), and EXPLAIN EXECUTE runs it with NULL for every
 * parameter, which under force_generic_plan shows the generic plan ($n
 * in its conditions, not the values).
 *
 * DB_PLAN_NO_FULL_SCAN, DB_PLAN_NO_SORT and DB_PLAN_NO_INDEX_WALK turn
 * enable_seqscan, enable_sort and enable_indexscan off for the EXPLAIN:
 * on a small database a sequential scan, a sort or a walk of the id
 * index is rightly cheaper than an index search, and the plan would not
 * tell whether an index could serve; with them off the planner takes
 * any index that can, and a Seq Scan or Sort left means none can.
 */
char *pg_plan(struct db *base, const char *sql, enum db_plan_flags flags,
	      GError **error)
{
	struct pg_db *db = DB(base);
	int n;
	g_autofree char *numbered = db_sql_number_params(sql, &n);
	char name[24];
	g_snprintf(name, sizeof(name), "plan%" G_GUINT64_FORMAT,
		   ++db->next_name);
	g_autoptr(GString) cmd = g_string_new(NULL);
	if (flags & DB_PLAN_NO_FULL_SCAN)
		g_string_append(cmd, "SET enable_seqscan = off;");
	if (flags & DB_PLAN_NO_SORT)
		g_string_append(cmd, "SET enable_sort = off;");
	if (flags & DB_PLAN_NO_INDEX_WALK)
		g_string_append(cmd, "SET enable_indexscan = off;");
	g_string_append_printf(cmd, "PREPARE %s AS %s", name, numbered);
	enum db_status st = pg_command(db, cmd->str, error);

	PGresult *res = NULL;
	if (st == DB_OK) {
		g_string_printf(cmd, "EXPLAIN (COSTS OFF) EXECUTE %s", name);
		for (int i = 0; i < n; i++)
			g_string_append(cmd, i ? ", NULL" : "(NULL");
		g_string_append(cmd, n ? ")" : "");
		st = pg_command_rows(db, cmd->str, &res, error);
	}
	/* Best effort: a failure above may have aborted the transaction,
	 * whose end undoes the settings; the statement goes with the
	 * session. */
	g_string_printf(cmd,
			"DEALLOCATE %s; RESET enable_seqscan; "
			"RESET enable_sort; RESET enable_indexscan",
			name);
	pg_command(db, cmd->str, NULL);
	char *plan = st == DB_OK ? with_index_keys(base, db->pq, res) : NULL;
	db->pq->PQclear(res);
	return plan;
}
