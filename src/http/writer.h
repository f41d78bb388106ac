/*
 * Group commit: the server's write requests share transactions.
 *
 * Every write must be durable before its answer (synchronous=FULL), and a
 * durable commit costs a sync of the WAL: 0.3 ms on a fast disk, 2 ms and
 * more on the virtual disks darn often runs on, where one commit per
 * request held the server under 500 writes a second. Writes queue here
 * instead; the first waiting thread becomes the leader, runs every queued
 * write (up to a bound) in one transaction on its own connection, each
 * write in a savepoint of its own, commits once, and wakes the others
 * with their answers. A refused write (its savepoint rolled back) never
 * touches the writes grouped with it; a commit that fails fails only the
 * writes it would have made durable.
 *
 * Thread-safe. Writes run one group at a time, in arrival order. The
 * writes themselves run on another thread than the one that asked:
 * they must not use thread-local state.
 */
#ifndef DARN_HTTP_WRITER_H
#define DARN_HTTP_WRITER_H

#include <glib.h>

#include "store/db.h"

struct http_writer;

/* One write, as the thread that asked for it describes it. */
struct http_write {
	/* Runs the write on `db`, inside the group's transaction; returns
	 * TRUE to keep what it wrote, FALSE to have it undone (a refusal,
	 * which answered already). Called on the leader's thread, while
	 * the asking thread waits. */
	gboolean (*run)(void *data, struct db *db);
	/* The write cannot be kept: its group could not begin or commit
	 * (st and error say why). Its answer must now say so. */
	void (*lost)(void *data, enum db_status st, const GError *error);
	void *data;
};

/* A writer whose groups run on `db` (owned from now on, closed by
 * http_writer_free), whichever thread leads them: one connection for
 * every write keeps its page cache, which SQLite empties in every other
 * connection after each commit. NULL: each leader uses its own. */
struct http_writer *http_writer_new(struct db *db);
void http_writer_free(struct http_writer *w);

/*
 * Runs `write` in the next group and returns once the group committed
 * (or failed). `db` is the calling thread's connection, which runs the
 * group when this thread leads it and the writer has none of its own. A NULL
 * writer runs the write alone in its own transaction on `db`.
 */
void http_writer_run(struct http_writer *w, struct db *db,
		     const struct http_write *write);

/* Writes waiting for a group, and groups run so far (tests, logs). */
guint http_writer_queued(struct http_writer *w);
guint64 http_writer_groups(struct http_writer *w);

#endif
