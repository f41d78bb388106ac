/*
 * darn serve: the HTTP server (REST API; web pages and downloads follow).
 */
#include "cmd/cmd.h"
#include "http/server.h"

#include <malloc.h>

/*
 * A page or an answer of a list is built in a buffer of tens of kilobytes
 * that is freed when it is sent. glibc's default gives such memory back
 * to the kernel at once (madvise, then page faults and TLB flushes on
 * every core when the next answer takes it again): a sixth of a list
 * page's CPU time. The server keeps up to this much free memory per
 * arena instead, and allocates with mmap only past the size of the
 * largest answers (bench/web-pages.sh).
 */
#define SERVE_TRIM_THRESHOLD (64 << 20)
#define SERVE_MMAP_THRESHOLD (8 << 20)

int cmd_serve(struct app *app, int argc, char **argv)
{
	char *listen = NULL, *base_url = NULL;
	int threads = 0;
	const GOptionEntry entries[] = {
		{"listen", 0, 0, G_OPTION_ARG_STRING, &listen,
		 "address and port: 127.0.0.1:8000, [::1]:8000, "
		 "localhost:8000 or a port alone (on 127.0.0.1); default "
		 "from [server] listen",
		 "ADDR:PORT"},
		{"base-url", 0, 0, G_OPTION_ARG_STRING, &base_url,
		 "absolute URL prefix for links (default: from the Host "
		 "header)",
		 "URL"},
		{"threads", 0, 0, G_OPTION_ARG_INT, &threads,
		 "worker threads (default from [server] threads)", "N"},
		{NULL},
	};
	int rc = EX_USAGE;

	if (!cmd_parse_options("[--listen ADDR:PORT] [--base-url URL] "
			       "[--threads N]",
			       "Serve the REST API over HTTP.", entries, &argc,
			       &argv))
		goto out;
	if (argc != 1) {
		cmd_error("unexpected argument '%s'", argv[1]);
		goto out;
	}
	mallopt(M_TRIM_THRESHOLD, SERVE_TRIM_THRESHOLD);
	mallopt(M_MMAP_THRESHOLD, SERVE_MMAP_THRESHOLD);
	struct server_options opts = {
		.listen = listen ? listen : app->cfg.listen,
		.base_url = base_url ? base_url : app->cfg.base_url,
		.database = app->cfg.database,
		.busy_timeout_ms = app->cfg.busy_timeout_ms,
		.threads = threads > 0 ? MIN(threads, 256) : app->cfg.threads,
		.allowed_hosts = app->cfg.allowed_hosts,
		.login_failures_per_address =
			app->cfg.login_failures_per_address,
		.login_failures_per_account =
			app->cfg.login_failures_per_account,
		.login_failure_window_s = app->cfg.login_failure_window_s,
		.accounts =
			{
				.sendmail = app->cfg.mail_sendmail,
				.mail_from = app->cfg.mail_from,
				.registration = app->cfg.accounts_registration,
				.session_age_s =
					app->cfg.accounts_session_age_s,
				.confirmation_days =
					app->cfg.accounts_confirmation_days,
				.login_failures_per_address =
					app->cfg.login_failures_per_address,
				.login_failures_per_account =
					app->cfg.login_failures_per_account,
				.login_failure_window_s =
					app->cfg.login_failure_window_s,
			},
		.memory_limit_mb = app->cfg.memory_limit_mb,
		.max_connections = app->cfg.max_connections,
		.max_connections_per_ip = app->cfg.max_connections_per_ip,
		.request_timeout_s = app->cfg.request_timeout_s,
		.max_body_bytes = app->cfg.max_body_bytes,
		.xmlrpc_enabled = app->cfg.xmlrpc_enabled,
		.site_name = app->cfg.site_name,
		.site_domain = app->cfg.site_domain,
		.items_per_page = app->cfg.items_per_page,
	};
	if (opts.base_url) {
		/* Links are built as base_url + "/api/...". */
		gsize n = strlen(opts.base_url);
		if (n && opts.base_url[n - 1] == '/') {
			g_autofree char *trimmed =
				g_strndup(opts.base_url, n - 1);
			g_free(base_url);
			base_url = g_steal_pointer(&trimmed);
			opts.base_url = base_url;
		}
	}
	rc = server_run(&opts);
out:
	g_free(listen);
	g_free(base_url);
	return rc;
}
