/*
 * Group commit (src/http/writer.c): writes from many threads share
 * transactions, a refused write is undone without touching the others,
 * and a transaction SQLite ends by itself loses exactly the writes it
 * held.
 */
#include "http/writer.h"

#include "fixture.h"

#define THREADS 8
#define WRITES_PER_THREAD 40

struct shared {
	struct fixture f;
	char *path;
	struct http_writer *writer;
	gint ready;	     /* threads about to queue their first write */
	gboolean hold_first; /* the first write waits for the others */
	gint holding;	     /* run_hold runs */
	gint released;	     /* run_hold may return */
	gboolean own_db;     /* the writer has a connection of its own */
};

/* One write: a user named `name`, kept or refused. */
struct user_write {
	struct shared *sh;
	const char *name;
	gboolean keep;
	gboolean wait_for_others; /* block until THREADS-1 writes queued */
	gboolean end_transaction; /* act as an error that ends it */
	gboolean ran, lost;
};

static gboolean run_user(void *data, struct db *db)
{
	struct user_write *u = data;
	gint64 id;
	g_autoptr(GError) error = NULL;
	if (u->wait_for_others)
		while (http_writer_queued(u->sh->writer) < THREADS - 1)
			g_usleep(1000);
	fixture_ok(db_user_insert(db, u->name, u->name, &id, &error), error);
	if (u->end_transaction)
		db_rollback(db);
	u->ran = TRUE;
	return u->keep;
}

static void lose_user(void *data, enum db_status st, const GError *error)
{
	struct user_write *u = data;
	g_assert_cmpint(st, !=, DB_OK);
	g_assert_nonnull(error);
	u->lost = TRUE;
}

static void write_user(struct shared *sh, struct db *db, struct user_write *u)
{
	u->sh = sh;
	http_writer_run(sh->writer, db,
			&(struct http_write){run_user, lose_user, u});
}

static struct db *open_db(struct shared *sh)
{
	struct db *db = NULL;
	GError *error = NULL;
	fixture_ok(db_open(sh->path, 5000, DB_OPEN_EXISTING, &db, &error),
		   error);
	return db;
}

static gboolean user_exists(struct db *db, const char *name)
{
	gint64 id;
	return db_user_by_username(db, name, &id, NULL) == DB_OK;
}

static void shared_open(struct shared *sh)
{
	GError *error = NULL;
	fixture_open(&sh->f);
	fixture_ok(db_commit(sh->f.db, &error), error);
	sh->path = g_build_filename(sh->f.dir, "darn.db", NULL);
	sh->writer = http_writer_new(sh->own_db ? open_db(sh) : NULL);
}

static void shared_close(struct shared *sh)
{
	http_writer_free(sh->writer);
	g_free(sh->path);
	fixture_close(&sh->f);
}

static gpointer writer_thread(gpointer data)
{
	struct shared *sh = data;
	g_autoptr(db) db = open_db(sh);
	gint me = g_atomic_int_add(&sh->ready, 1);
	for (int i = 0; i < WRITES_PER_THREAD; i++) {
		g_autofree char *name = g_strdup_printf("t%d-%d", me, i);
		struct user_write u = {.name = name, .keep = i % 3 != 0};
		u.wait_for_others = sh->hold_first && me == 0 && i == 0;
		write_user(sh, db, &u);
		g_assert_true(u.ran);
		g_assert_false(u.lost);
	}
	return NULL;
}

/* Every kept write is stored, every refused one is not, and the writes
 * of eight threads took fewer commits than writes. */
static void many_threads(gboolean own_db)
{
	struct shared sh = {.hold_first = TRUE, .own_db = own_db};
	shared_open(&sh);
	GThread *threads[THREADS];
	for (int t = 0; t < THREADS; t++)
		threads[t] = g_thread_new("writer", writer_thread, &sh);
	for (int t = 0; t < THREADS; t++)
		g_thread_join(threads[t]);

	for (int t = 0; t < THREADS; t++)
		for (int i = 0; i < WRITES_PER_THREAD; i++) {
			g_autofree char *name = g_strdup_printf("t%d-%d", t, i);
			g_assert_cmpint(user_exists(sh.f.db, name), ==,
					i % 3 != 0);
		}
	/* The first write held its group until seven others queued: they
	 * share the second group at least. */
	guint64 groups = http_writer_groups(sh.writer);
	g_assert_cmpuint(groups, <, THREADS * WRITES_PER_THREAD - 6);
	g_assert_cmpuint(http_writer_queued(sh.writer), ==, 0);
	shared_close(&sh);
}

static void test_many_threads(void)
{
	many_threads(FALSE);
}

/* The same when every group runs on the writer's connection, whichever
 * thread leads it. */
static void test_many_threads_own_db(void)
{
	many_threads(TRUE);
}

/* A group of writes queued behind a held one, in a known order. */
struct queued {
	struct shared *sh;
	struct user_write *u;
};

static gpointer queued_thread(gpointer data)
{
	struct queued *q = data;
	g_autoptr(db) db = open_db(q->sh);
	write_user(q->sh, db, q->u);
	return NULL;
}

/* A write that leads a group and holds it until released. */
static gboolean run_hold(void *data, struct db *db)
{
	struct shared *sh = data;
	g_atomic_int_set(&sh->holding, TRUE);
	while (!g_atomic_int_get(&sh->released))
		g_usleep(1000);
	return TRUE;
}

static void lose_hold(void *data, enum db_status st, const GError *error)
{
	g_assert_not_reached();
}

static gpointer hold_thread(gpointer data)
{
	struct shared *sh = data;
	g_autoptr(db) db = open_db(sh);
	http_writer_run(sh->writer, db,
			&(struct http_write){run_hold, lose_hold, sh});
	return NULL;
}

/* A write after which SQLite ended the transaction (as on a full disk)
 * loses itself and the kept writes before it in the group; the writes
 * after it run in a new transaction and are kept. */
static void test_transaction_ended(void)
{
	struct shared sh = {0};
	shared_open(&sh);
	GThread *hold = g_thread_new("hold", hold_thread, &sh);
	while (!g_atomic_int_get(&sh.holding))
		g_usleep(1000);

	struct user_write w[] = {
		{.name = "kept-before", .keep = TRUE},
		{.name = "refused-before", .keep = FALSE},
		{.name = "ends-it", .keep = TRUE, .end_transaction = TRUE},
		{.name = "kept-after", .keep = TRUE},
		{.name = "refused-after", .keep = FALSE},
	};
	struct queued q[G_N_ELEMENTS(w)];
	GThread *threads[G_N_ELEMENTS(w)];
	for (guint i = 0; i < G_N_ELEMENTS(w); i++) {
		q[i] = (struct queued){&sh, &w[i]};
		threads[i] = g_thread_new("queued", queued_thread, &q[i]);
		while (http_writer_queued(sh.writer) != i + 1)
			g_usleep(1000);
	}
	g_atomic_int_set(&sh.released, TRUE);
	g_thread_join(hold);
	for (guint i = 0; i < G_N_ELEMENTS(w); i++)
		g_thread_join(threads[i]);

	g_assert_true(w[0].lost);
	g_assert_false(w[1].lost); /* its refusal answered already */
	g_assert_true(w[2].lost);
	g_assert_false(w[3].lost);
	g_assert_false(w[4].lost);
	for (guint i = 0; i < G_N_ELEMENTS(w); i++)
		g_assert_true(w[i].ran);
	g_assert_false(user_exists(sh.f.db, "kept-before"));
	g_assert_false(user_exists(sh.f.db, "refused-before"));
	g_assert_false(user_exists(sh.f.db, "ends-it"));
	g_assert_true(user_exists(sh.f.db, "kept-after"));
	g_assert_false(user_exists(sh.f.db, "refused-after"));
	g_assert_cmpuint(http_writer_groups(sh.writer), ==, 2);
	shared_close(&sh);
}

/* Without a writer each write commits alone. */
static void test_no_writer(void)
{
	struct shared sh = {0};
	shared_open(&sh);
	struct user_write kept = {.name = "solo", .keep = TRUE};
	struct user_write refused = {.name = "refused", .keep = FALSE};
	kept.sh = refused.sh = &sh;
	http_writer_run(NULL, sh.f.db,
			&(struct http_write){run_user, lose_user, &kept});
	http_writer_run(NULL, sh.f.db,
			&(struct http_write){run_user, lose_user, &refused});
	g_assert_false(db_in_transaction(sh.f.db));
	g_assert_true(user_exists(sh.f.db, "solo"));
	g_assert_false(user_exists(sh.f.db, "refused"));
	shared_close(&sh);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/writer/many-threads", test_many_threads);
	g_test_add_func("/writer/many-threads-own-db",
			test_many_threads_own_db);
	g_test_add_func("/writer/transaction-ended", test_transaction_ended);
	g_test_add_func("/writer/no-writer", test_no_writer);
	return g_test_run();
}
