/*
 * darn's configuration: one typed table of keys (config.c) loaded from a
 * GKeyFile (--config FILE, else /etc/darn/darn.conf, else ./darn.conf when
 * present) and then overridden by DARN_<GROUP>_<KEY> environment
 * variables. The table also prints the defaults and an example file.
 */
#ifndef DARN_UTIL_CONFIG_H
#define DARN_UTIL_CONFIG_H

#include <glib.h>

struct config {
	char *database;	       /* [database] location */
	int busy_timeout_ms;   /* [database] busy_timeout_ms */
	char *listen;	       /* [server] listen */
	char *base_url;	       /* [server] base_url */
	int threads;	       /* [server] threads */
	gint64 max_mail_bytes; /* [ingest] max_mail_bytes */
	int max_mime_parts;    /* [ingest] max_mime_parts */
	int max_mime_depth;    /* [ingest] max_mime_depth */
	int max_header_count;  /* [ingest] max_header_count */
	int max_header_bytes;  /* [ingest] max_header_bytes */
	/* [http]: what darn serve trusts of a request */
	char *allowed_hosts;		/* [http] allowed_hosts */
	int login_failures_per_address; /* [http] login_failures_per_address */
	int login_failures_per_account; /* [http] login_failures_per_account */
	int login_failure_window_s;	/* [http] login_failure_window_s */
	/* accounts on the web (docs/web.md, "Accounts") */
	char *mail_sendmail;		/* [mail] sendmail */
	char *mail_from;		/* [mail] from */
	gboolean accounts_registration; /* [accounts] registration */
	int accounts_session_age_s;	/* [accounts] session_age_s */
	int accounts_confirmation_days; /* [accounts] confirmation_days */
	/* darn cron's notifications (docs/notifications.md) */
	int notification_delay_minutes; /* [notifications] delay_minutes */

	/* darn serve's limits (docs/serve.md) */
	int memory_limit_mb;	    /* [server] memory_limit_mb */
	int max_connections;	    /* [http] max_connections */
	int max_connections_per_ip; /* [http] max_connections_per_ip */
	int request_timeout_s;	    /* [http] request_timeout_s */
	int max_body_bytes;	    /* [http] max_body_bytes */
	gboolean xmlrpc_enabled;    /* [xmlrpc] enabled */
	/* [web]: the HTML pages (docs/web.md) */
	char *site_name;    /* [web] site_name */
	char *site_domain;  /* [web] site_domain */
	int items_per_page; /* [web] items_per_page */
};

/*
 * Loads defaults, then `path` (NULL: the default locations; a missing
 * default file is fine, a missing explicit one is an error), then the
 * environment. On failure returns FALSE with *error set.
 */
gboolean config_load(struct config *cfg, const char *path, GError **error);
void config_clear(struct config *cfg);

/* Writes a commented example config with every key and its default. */
void config_print_example(FILE *out);

#endif
