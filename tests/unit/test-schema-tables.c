/*
 * The table list of store/schema-tables.c against the migrated schema
 * (every table and column, types, primary keys, parents before children),
 * and db_copy over it: pages by integer, text and composite keys, blobs
 * large enough to shrink a page, NULLs, and the refusals.
 */
#include "store/query.h"
#include "store/schema-tables.h"

#include "fixture.h"

static const char *type_name(enum schema_column_type t)
{
	return t == SCHEMA_INT ? "INTEGER" : t == SCHEMA_TEXT ? "TEXT" : "BLOB";
}

static const struct schema_table *find_table(const char *name, gsize *index)
{
	for (gsize i = 0; i < schema_tables_count; i++)
		if (g_str_equal(schema_tables[i].name, name)) {
			*index = i;
			return &schema_tables[i];
		}
	return NULL;
}

/* Column names, types and primary key positions of `table` as SQLite
 * declares them, "name TYPE pk" joined by spaces. */
static char *declared_columns(struct db *db, const char *table)
{
	GError *error = NULL;
	struct db_query *q = db_query(
		db,
		"SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid",
		&error);
	g_assert_nonnull(q);
	db_bind_text(q, 1, table);
	GString *out = g_string_new(NULL);
	while (db_step(q, &error) == DB_OK)
		g_string_append_printf(out, "%s %s %" G_GINT64_FORMAT " ",
				       db_col_text(q, 0), db_col_text(q, 1),
				       db_col_int(q, 2));
	db_query_done(q);
	return g_string_free(out, FALSE);
}

static char *listed_columns(const struct schema_table *t)
{
	GString *out = g_string_new(NULL);
	for (gsize i = 0; i < t->n_columns; i++)
		g_string_append_printf(out, "%s %s %" G_GSIZE_FORMAT " ",
				       t->columns[i].name,
				       type_name(t->columns[i].type),
				       i < t->n_key ? i + 1 : 0);
	return g_string_free(out, FALSE);
}

static void test_table_list(void)
{
	struct fixture f;
	fixture_open(&f);
	GError *error = NULL;
	struct db_query *q = db_query(f.db,
				      "SELECT name FROM sqlite_master WHERE "
				      "type = 'table' AND name NOT LIKE "
				      "'sqlite%' AND name != 'schema_version'",
				      &error);
	g_assert_nonnull(q);
	g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func(g_free);
	while (db_step(q, &error) == DB_OK)
		g_ptr_array_add(tables, db_col_dup(q, 0));
	db_query_done(q);
	g_assert_cmpuint(tables->len, ==, schema_tables_count);

	for (guint k = 0; k < tables->len; k++) {
		const char *name = tables->pdata[k];
		gsize index = 0;
		const struct schema_table *t = find_table(name, &index);
		if (!t)
			g_error("table '%s' is missing from schema-tables.c",
				name);
		g_autofree char *declared = declared_columns(f.db, name);
		g_autofree char *listed = listed_columns(t);
		g_assert_cmpstr(listed, ==, declared);
		/* A generated id is the table's only key, called id. */
		if (t->generated_id) {
			g_assert_cmpuint(t->n_key, ==, 1);
			g_assert_cmpstr(t->generated_id, ==, "id");
			g_assert_cmpstr(t->columns[0].name, ==, "id");
		}

		/* Every table it references comes before it. */
		q = db_query(f.db,
			     "SELECT \"table\" FROM pragma_foreign_key_list(?)",
			     &error);
		g_assert_nonnull(q);
		db_bind_text(q, 1, name);
		while (db_step(q, &error) == DB_OK) {
			gsize parent = 0;
			g_assert_nonnull(
				find_table(db_col_text(q, 0), &parent));
			if (parent >= index)
				g_error("'%s' references '%s', listed after it",
					name, db_col_text(q, 0));
		}
		db_query_done(q);
	}
	fixture_close(&f);
}

/* Every row of every table, in key order, as text: two databases with
 * the same dump hold the same rows. */
static char *dump(struct db *db)
{
	GString *out = g_string_new(NULL);
	GError *error = NULL;
	for (gsize i = 0; i < schema_tables_count; i++) {
		const struct schema_table *t = &schema_tables[i];
		g_autofree char *sql = g_strdup_printf(
			"SELECT * FROM \"%s\" ORDER BY 1, 2", t->name);
		if (t->n_columns == 1)
			sql[strlen(sql) - 3] = '\0';
		struct db_query *q = db_query_text(db, sql, &error);
		g_assert_nonnull(q);
		g_string_append_printf(out, "%s:\n", t->name);
		while (db_step(q, &error) == DB_OK) {
			for (gsize c = 0; c < t->n_columns; c++) {
				if (db_col_null(q, (int)c)) {
					g_string_append(out, "NULL|");
					continue;
				}
				gsize len = 0;
				const guchar *p = db_col_blob(q, (int)c, &len);
				g_autofree char *sum =
					g_compute_checksum_for_data(
						G_CHECKSUM_SHA1,
						p ? p : (const guchar *)"",
						len);
				g_string_append_printf(out, "%s|", sum);
			}
			g_string_append_c(out, '\n');
		}
		db_query_done(q);
	}
	return g_string_free(out, FALSE);
}

static void run(struct db *db, const char *sql)
{
	GError *error = NULL;
	fixture_ok(db_exec_script(db, sql, &error), error);
}

/* An initialised database in the fixture's directory. */
static struct db *open_empty(struct fixture *f, const char *name,
			     gboolean migrate)
{
	g_autofree char *path = g_build_filename(f->dir, name, NULL);
	struct db *db = NULL;
	GError *error = NULL;
	fixture_ok(db_open(path, 5000, DB_OPEN_CREATE, &db, &error), error);
	if (migrate)
		fixture_ok(db_migrate(db, NULL, &error), error);
	return db;
}

static void remove_db(struct fixture *f, const char *name)
{
	const char *suffixes[] = {"", "-wal", "-shm"};
	for (gsize i = 0; i < G_N_ELEMENTS(suffixes); i++) {
		g_autofree char *p =
			g_strconcat(f->dir, "/", name, suffixes[i], NULL);
		g_unlink(p);
	}
}

struct seen {
	gint64 calls, last_done;
	gboolean ended_patch_tag;
};

static void count_progress(const char *table, gint64 done, gint64 total,
			   gpointer data)
{
	struct seen *s = data;
	g_assert_cmpint(done, <=, total);
	s->calls++;
	if (g_str_equal(table, "patch_tag") && done == total)
		s->ended_patch_tag = TRUE;
}

static void test_copy(void)
{
	struct fixture f;
	fixture_open(&f);
	GError *error = NULL;

	/* Over a page of patch_tag rows (composite key) and of
	 * email_optout rows (text keys, '' and non-ASCII among them). */
	GPtrArray *tags = NULL;
	fixture_ok(db_tag_list(f.db, &tags, &error), error);
	for (gint64 p = 1; p <= 700; p++) {
		gint64 id = fixture_patch(&f, f.project, f.alice_person, p);
		for (guint t = 0; t < tags->len; t++) {
			struct db_tag *tag = tags->pdata[t];
			fixture_ok(db_patch_tag_add(f.db, id, tag->id,
						    1 + p % 3, &error),
				   error);
		}
	}
	g_ptr_array_unref(tags);
	struct db_query *q = db_query(
		f.db, "INSERT INTO email_optout (email) VALUES (?)", &error);
	g_assert_nonnull(q);
	for (int i = 0; i < 2500; i++) {
		g_autofree char *email = i == 0	  ? g_strdup("")
					 : i == 1 ? g_strdup("Zoë@example.com")
						  : g_strdup_printf("u%d@x", i);
		db_bind_text(q, 1, email);
		fixture_ok(db_query_run(q, &error), error);
	}
	/* Blobs: empty, and big enough for one-row pages. */
	q = db_query(f.db,
		     "INSERT INTO mail (received, size, raw) VALUES (?, ?, ?)",
		     &error);
	g_assert_nonnull(q);
	gsize big = 512 * 1024;
	g_autofree char *raw = g_malloc(big);
	for (int i = 0; i < 60; i++) {
		gsize len = i == 0 ? 0 : i % 2 ? big : big / i;
		memset(raw, 'a' + i % 26, len);
		db_bind_int(q, 1, i);
		db_bind_int(q, 2, (gint64)len);
		db_bind_blob(q, 3, raw, len);
		fixture_ok(db_query_run(q, &error), error);
	}
	/* A state of its own replaces init's. */
	run(f.db, "UPDATE state SET name = 'Nouveau' WHERE slug = 'new'");
	fixture_ok(db_commit(f.db, &error), error);

	struct db *dst = open_empty(&f, "copy.db", TRUE);
	struct seen seen = {0};
	gint64 rows = 0;
	enum db_copy_status st =
		db_copy(f.db, dst, count_progress, &seen, &rows, &error);
	if (st != DB_COPY_OK)
		g_error("copy: %d %s", st, error->message);
	g_assert_true(seen.ended_patch_tag);
	/* users and their profiles, projects, a maintainer, people, states,
	 * tags, mails, patches, their tags, opt-outs, and the kept counts
	 * of the patches (one patch_count key, one patch_total row) */
	g_assert_cmpint(rows, ==,
			3 + 3 + 2 + 1 + 2 + 10 + 3 + 60 + 700 + 2100 + 2500 +
				2);
	g_autofree char *a = dump(f.db);
	g_autofree char *b = dump(dst);
	g_assert_cmpstr(a, ==, b);

	/* New rows continue after the copied ids. */
	fixture_ok(db_begin_write(dst, &error), error);
	gint64 id = 0;
	fixture_ok(db_person_insert(dst, "new@example.com", NULL, &id, &error),
		   error);
	g_assert_cmpint(id, ==, f.stranger_person + 1);
	db_rollback(dst);

	/* Not empty now: refused, nothing written. */
	st = db_copy(f.db, dst, NULL, NULL, NULL, &error);
	g_assert_cmpint(st, ==, DB_COPY_NOT_EMPTY);
	g_assert_nonnull(strstr(error->message, "not empty"));
	g_clear_error(&error);
	g_autofree char *after = dump(dst);
	g_assert_cmpstr(after, ==, b);
	db_close(dst);

	/* Not initialised, or at another schema: refused. */
	struct db *blank = open_empty(&f, "blank.db", FALSE);
	st = db_copy(f.db, blank, NULL, NULL, NULL, &error);
	g_assert_cmpint(st, ==, DB_COPY_SCHEMA);
	g_assert_nonnull(strstr(error->message, "darn init"));
	g_clear_error(&error);
	db_close(blank);
	struct db *old = open_empty(&f, "old.db", TRUE);
	run(old, "DELETE FROM schema_version WHERE version = "
		 "(SELECT MAX(version) FROM schema_version)");
	st = db_copy(f.db, old, NULL, NULL, NULL, &error);
	g_assert_cmpint(st, ==, DB_COPY_SCHEMA);
	g_assert_nonnull(strstr(error->message, "darn migrate"));
	g_clear_error(&error);
	db_close(old);

	remove_db(&f, "copy.db");
	remove_db(&f, "blank.db");
	remove_db(&f, "old.db");
	fixture_close(&f);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/schema-tables/list", test_table_list);
	g_test_add_func("/schema-tables/copy", test_copy);
	return g_test_run();
}
