/*
 * Schema versions: applies the numbered migrations compiled into darn
 * (store/migrations/) and records the highest applied in schema_version.
 */
#include "store/migrations.h"
#include "store/query.h"

int db_schema_latest(void)
{
	return migrations_count ? migrations[migrations_count - 1].version : 0;
}

enum db_status db_schema_version(struct db *db, int *version, GError **error)
{
	/* Read-only: a role that may only read and write rows (and a
	 * read-only transaction) can tell the version too. */
	gboolean exists = FALSE;
	*version = 0;
	enum db_status st =
		db_table_exists(db, "schema_version", &exists, error);
	if (st != DB_OK || !exists)
		return st;
	struct db_query *q = db_query(
		db, "SELECT COALESCE(MAX(version), 0) FROM schema_version",
		error);
	if (!q)
		return DB_ERROR;
	st = db_step(q, error);
	*version = st == DB_OK ? (int)db_col_int(q, 0) : 0;
	db_query_done(q);
	return st == DB_NOT_FOUND ? DB_OK : st;
}

enum db_status db_migrate(struct db *db, int *applied, GError **error)
{
	int current = 0, count = 0;
	enum db_status st;

	if (applied)
		*applied = 0;
	for (int i = 0; i < migrations_count; i++) {
		const struct migration *m = &migrations[i];

		/* Read the version inside the write transaction, so two
		 * concurrent `darn migrate` runs cannot both apply m. */
		st = db_begin_write(db, error);
		if (st != DB_OK)
			return st;
		st = db_exec_script(db,
				    "CREATE TABLE IF NOT EXISTS schema_version "
				    "(version INTEGER NOT NULL)",
				    error);
		if (st == DB_OK)
			st = db_schema_version(db, &current, error);
		if (st != DB_OK || m->version <= current) {
			if (st == DB_OK)
				st = db_commit(db, error);
			else
				db_rollback(db);
			if (st != DB_OK)
				return st;
			continue;
		}
		g_autofree char *sql = db_dialect_sql(db, m->sql);
		st = db_exec_script(db, sql, error);
		if (st == DB_OK) {
			struct db_query *q =
				db_query(db,
					 "INSERT INTO schema_version (version) "
					 "VALUES (?)",
					 error);
			if (!q) {
				st = DB_ERROR;
			} else {
				db_bind_int(q, 1, m->version);
				st = db_query_run(q, error);
			}
		}
		if (st == DB_OK)
			st = db_commit(db, error);
		if (st != DB_OK) {
			db_rollback(db);
			g_prefix_error(error, "migration %s: ", m->name);
			return st;
		}
		count++;
	}
	if (applied)
		*applied = count;
	return DB_OK;
}
