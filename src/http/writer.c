/*
 * Group commit (writer.h): a queue of writes, a leader that runs them.
 *
 * The leader is whichever waiting thread finds no group running; it
 * takes the queue as it is, so a group holds the writes that arrived
 * while the previous group ran: one write alone on an idle server, as
 * many as there are busy threads under load. No thread waits for more
 * writes to arrive, so grouping never adds latency of its own.
 */
#include "http/writer.h"

/* Writes in one group at most: bounds how long the first of them waits
 * for the commit that makes it durable. */
#define GROUP_MAX 64

struct job {
	const struct http_write *write;
	gboolean kept; /* its run() asked to keep its writes */
	gboolean done; /* its group finished; set under the writer's lock */
};

struct http_writer {
	GMutex lock; /* queue, leading, every job's done */
	GCond finished;
	GQueue queue; /* struct job*, oldest first */
	gboolean leading;
	guint64 groups; /* run so far */
	/* The groups' connection, or NULL; used by the leader only, one
	 * thread at a time (SQLite allows that across threads). */
	struct db *db;
};

struct http_writer *http_writer_new(struct db *db)
{
	struct http_writer *w = g_new0(struct http_writer, 1);
	w->db = db;
	g_mutex_init(&w->lock);
	g_cond_init(&w->finished);
	g_queue_init(&w->queue);
	return w;
}

void http_writer_free(struct http_writer *w)
{
	if (!w)
		return;
	g_mutex_clear(&w->lock);
	g_cond_clear(&w->finished);
	g_queue_clear(&w->queue);
	db_close(w->db);
	g_free(w);
}

/* Tells each kept write of jobs[from, to) that it is lost. */
static void lose_kept(struct job **jobs, guint from, guint to,
		      enum db_status st, const GError *error)
{
	for (guint i = from; i < to; i++)
		if (jobs[i]->kept) {
			jobs[i]->kept = FALSE;
			jobs[i]->write->lost(jobs[i]->write->data, st, error);
		}
}

/* Runs one job in its savepoint of the open transaction. FALSE when the
 * transaction is gone: SQLite rolls a whole transaction back on some
 * errors (a full disk, an I/O error), taking the group's earlier writes
 * with it. */
static gboolean run_job(struct db *db, struct job *j)
{
	g_autoptr(GError) error = NULL;
	enum db_status st = db_savepoint(db, &error);
	if (st != DB_OK) {
		j->write->lost(j->write->data, st, error);
		return db_in_transaction(db);
	}
	j->kept = j->write->run(j->write->data, db);
	if (!db_in_transaction(db))
		return FALSE;
	if (!j->kept) {
		db_rollback_savepoint(db);
		return TRUE;
	}
	st = db_release(db, &error);
	if (st != DB_OK) {
		j->kept = FALSE;
		db_rollback_savepoint(db);
		j->write->lost(j->write->data, st, error);
	}
	return db_in_transaction(db);
}

/* Runs jobs[0..n) in as few transactions as errors allow: one. */
static void run_group(struct db *db, struct job **jobs, guint n)
{
	gboolean open = FALSE;
	guint first = 0; /* the open transaction's first job */

	for (guint i = 0; i < n; i++) {
		g_autoptr(GError) error = NULL;
		if (!open) {
			enum db_status st = db_begin_write(db, &error);
			if (st != DB_OK) {
				jobs[i]->write->lost(jobs[i]->write->data, st,
						     error);
				continue;
			}
			open = TRUE;
			first = i;
		}
		if (!run_job(db, jobs[i])) {
			/* A lost connection is a server restarting or
			 * stopped: 503, as when the next group cannot
			 * begin. */
			enum db_status st =
				db_connection_lost(db) ? DB_BUSY : DB_ERROR;
			g_set_error_literal(
				&error, DB_ERROR_DOMAIN, st,
				st == DB_BUSY
					? "the connection to the database "
					  "was lost in a write transaction"
					: "the database rolled back a "
					  "write transaction after an "
					  "error");
			lose_kept(jobs, first, i + 1, st, error);
			db_rollback(db);
			open = FALSE;
		}
	}
	if (!open)
		return;
	g_autoptr(GError) error = NULL;
	enum db_status st = db_commit(db, &error);
	if (st != DB_OK) {
		db_rollback(db);
		lose_kept(jobs, first, n, st, error);
	}
}

void http_writer_run(struct http_writer *w, struct db *db,
		     const struct http_write *write)
{
	struct job job = {.write = write};
	struct job *group[GROUP_MAX];

	if (!w) {
		group[0] = &job;
		run_group(db, group, 1);
		return;
	}
	g_mutex_lock(&w->lock);
	g_queue_push_tail(&w->queue, &job);
	while (!job.done) {
		if (w->leading) {
			g_cond_wait(&w->finished, &w->lock);
			continue;
		}
		/* No group runs: this thread leads the next one, which
		 * holds its own job unless GROUP_MAX others came first. */
		w->leading = TRUE;
		guint n = 0;
		while (n < GROUP_MAX && !g_queue_is_empty(&w->queue))
			group[n++] = g_queue_pop_head(&w->queue);
		g_mutex_unlock(&w->lock);
		run_group(w->db ? w->db : db, group, n);
		g_mutex_lock(&w->lock);
		for (guint i = 0; i < n; i++)
			group[i]->done = TRUE;
		w->leading = FALSE;
		w->groups++;
		g_cond_broadcast(&w->finished);
	}
	g_mutex_unlock(&w->lock);
}

guint http_writer_queued(struct http_writer *w)
{
	g_autoptr(GMutexLocker) locked = g_mutex_locker_new(&w->lock);
	return g_queue_get_length(&w->queue);
}

guint64 http_writer_groups(struct http_writer *w)
{
	g_autoptr(GMutexLocker) locked = g_mutex_locker_new(&w->lock);
	return w->groups;
}
