/*
 * darn serve's HTTP server: libmicrohttpd with a thread pool, one
 * read-only database connection per thread, an access log line per
 * request on stderr, bounded request sizes and times, bounded
 * connections per client and in all, one memory total (budget.h), strict
 * request heads (strict.h), and a clean stop on SIGTERM/SIGINT. The only
 * file that knows libmicrohttpd.
 */
#ifndef DARN_HTTP_SERVER_H
#define DARN_HTTP_SERVER_H

#include <glib.h>

#include "http/http.h"

struct server_options {
	const char *listen;   /* "ADDR:PORT", "[::1]:PORT", "PORT"... */
	const char *base_url; /* "" or NULL: from the Host header */
	const char *database;
	int busy_timeout_ms;
	int threads;
	/* [http]: see docs/web.md */
	const char *allowed_hosts; /* "" or NULL: the default list */
	int login_failures_per_address, login_failures_per_account;
	int login_failure_window_s;
	struct http_accounts accounts; /* [accounts], [mail] */
	/* Limits against slow and hostile clients (docs/serve.md) */
	int memory_limit_mb;
	int max_connections;
	int max_connections_per_ip; /* 0: none */
	int request_timeout_s;
	int max_body_bytes;	 /* larger request bodies get 413 */
	gboolean xmlrpc_enabled; /* [xmlrpc] enabled */
	/* [web]: see docs/web.md */
	const char *site_name, *site_domain;
	int items_per_page;
};

/* Routes a request to the API or the web pages (dispatch.c). */
void http_dispatch(struct request *req, struct response *res);

/*
 * Serves until SIGTERM or SIGINT. Returns 0 after a clean stop, or an
 * exit code with a message on stderr when the server cannot start.
 */
int server_run(const struct server_options *opts);

#endif
