/*
 * How darn serve splits its one memory total ([server] memory_limit_mb)
 * between what grows with load, so that no client, thread count or
 * database size makes it use more (docs/serve.md):
 *
 *   connections  max_connections x HTTP_CONNECTION_COST: each client
 *                connection's request head and answer head
 *                (libmicrohttpd's per-connection pool) and records
 *   process      code, libraries, thread stacks, and each worker
 *                thread's request and answer while it builds them
 *   responses    answer bodies queued and not yet sent (a client that
 *                reads slowly holds its answer); over it, 503
 *   sqlite       each thread's database connection: page cache, sorts
 *                (spilled to a temporary file beyond the cache),
 *                prepared statements
 */
#ifndef DARN_HTTP_BUDGET_H
#define DARN_HTTP_BUDGET_H

#include <glib.h>

/* libmicrohttpd's memory per connection: it holds the request head
 * (target up to HTTP_MAX_URL, headers) and the answer's head (Link
 * headers repeat the target twice). */
#define HTTP_CONNECTION_MEMORY (64 * 1024)
/* With libmicrohttpd's and darn's records of the connection. */
#define HTTP_CONNECTION_COST (HTTP_CONNECTION_MEMORY + 4 * 1024)

struct memory_budget {
	gint64 total;
	gint64 connections;
	gint64 process;
	gint64 responses;
	gint64 sqlite;	   /* all threads */
	gint64 page_cache; /* per thread: half of its share of sqlite */
};

/*
 * Splits `total_mb` MiB for `max_connections` connections and `threads`
 * worker threads. FALSE with *error (the least total that would do)
 * when it is too small.
 */
gboolean memory_budget_split(gint64 total_mb, int max_connections, int threads,
			     struct memory_budget *out, GError **error);

#endif
