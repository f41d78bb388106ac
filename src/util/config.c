/*
 * The configuration table and its loader (see config.h). Every key is
 * declared once here with its type, default, bounds and help text.
 */
#include "util/config.h"

#include <errno.h>
#include <stdlib.h>

enum config_type { CONFIG_STRING, CONFIG_INT, CONFIG_BOOL };

struct config_key {
	const char *group, *key;
	enum config_type type;
	const char *def;
	gint64 min, max; /* for integers */
	gsize offset;	 /* into struct config */
	const char *help;
};

#define KEY_STR(g, k, d, field, h)                                            \
	{                                                                     \
		g, k, CONFIG_STRING, d, 0, 0, offsetof(struct config, field), \
			h                                                     \
	}
#define KEY_INT(g, k, d, lo, hi, field, h)                                     \
	{                                                                      \
		g, k, CONFIG_INT, d, lo, hi, offsetof(struct config, field), h \
	}

/* A gboolean: 1/0, true/false, yes/no, on/off (any case). */
#define KEY_BOOL(g, k, d, field, h)                                           \
	{                                                                     \
		g, k, CONFIG_BOOL, d, 0, 1, offsetof(struct config, field), h \
	}

static const struct config_key keys[] = {
	KEY_STR("database", "location", "darn.db", database,
		"SQLite file (or postgresql:// URL) holding darn's data"),
	KEY_INT("database", "busy_timeout_ms", "10000", 0, 3600000,
		busy_timeout_ms,
		"how long a writer waits for another's lock before giving up "
		"(parsemail then exits 75 so the MTA retries)"),
	KEY_STR("server", "listen", "127.0.0.1:8000", listen,
		"address and port darn serve listens on"),
	KEY_STR("server", "base_url", "", base_url,
		"absolute URL prefix for links (empty: from the Host header)"),
	KEY_INT("server", "threads", "8", 1, 256, threads,
		"worker threads of darn serve"),
	/* darn serve's limits against slow and hostile clients
	 * (docs/serve.md) */
	KEY_INT("server", "memory_limit_mb", "256", 16, 1048576,
		memory_limit_mb,
		"memory darn serve may use in all: client connections, "
		"responses in flight, SQLite (docs/serve.md)"),
	KEY_INT("http", "max_connections", "1024", 1, 65536, max_connections,
		"client connections darn serve holds at once"),
	KEY_INT("http", "max_connections_per_ip", "32", 0, 65536,
		max_connections_per_ip,
		"connections one client address may hold (0: no limit; "
		"behind a reverse proxy every client has the proxy's address)"),
	KEY_INT("http", "request_timeout_s", "30", 1, 3600, request_timeout_s,
		"seconds a client has to send a whole request, head and body, "
		"however slowly it trickles"),
	KEY_INT("http", "max_body_bytes", "10485760", 1024, 1073741824,
		max_body_bytes,
		"largest request body darn serve reads (a larger one gets "
		"413 before it is read)"),
	KEY_INT("ingest", "max_mail_bytes", "67108864", 1024,
		G_GINT64_CONSTANT(1073741824), max_mail_bytes,
		"largest mail parsemail and parsearchive accept"),
	/* What reading one mail may cost (issue 7): a mail over any of
	 * these is rejected with the key's name (docs/ingest.md). */
	KEY_INT("ingest", "max_mime_parts", "10000", 1, 10000000,
		max_mime_parts,
		"most MIME parts in one mail, all levels together"),
	KEY_INT("ingest", "max_mime_depth", "32", 1, 1000, max_mime_depth,
		"deepest nesting of multipart and message/* parts"),
	KEY_INT("ingest", "max_header_count", "10000", 1, 10000000,
		max_header_count,
		"most header fields in one mail, its parts' and attached "
		"messages' included"),
	KEY_INT("ingest", "max_header_bytes", "1048576", 1024, 1073741824,
		max_header_bytes,
		"largest header block of a mail or of a message attached "
		"to it"),
	/* [http]: the Host header and failed logins (docs/web.md) */
	KEY_STR("http", "allowed_hosts", "", allowed_hosts,
		"Host header values darn serve accepts and uses in links when "
		"base_url is empty, comma- or space-separated: a name, "
		".example.com for the domain and its subdomains, * for any; "
		"empty: the listen address's host, localhost, 127.0.0.1 and "
		"[::1]. Set with a base_url, it is checked too"),
	KEY_INT("http", "login_failures_per_address", "10", 0, 1000000,
		login_failures_per_address,
		"failed logins (HTTP Basic and web) from one client address "
		"(IPv6: its /64) within login_failure_window_s after which its "
		"logins are refused without checking the password (0: no "
		"limit; behind a reverse proxy every client has its address)"),
	KEY_INT("http", "login_failures_per_account", "20", 0, 1000000,
		login_failures_per_account,
		"failed logins (HTTP Basic and web) to one username within "
		"login_failure_window_s after which its logins are "
		"refused without checking the password (0: no limit)"),
	KEY_INT("http", "login_failure_window_s", "300", 1, 86400,
		login_failure_window_s,
		"seconds from a first failed login during which failures "
		"count towards the limits above"),
	/* [mail] and [accounts]: accounts on the web (docs/web.md,
	 * "Accounts") */
	KEY_STR("mail", "sendmail", "/usr/sbin/sendmail -t -i", mail_sendmail,
		"command darn serve and darn cron pipe their mails to "
		"(confirmations, password resets, notifications): split like a "
		"shell's words but run "
		"without a shell; it reads the recipients from the message"),
	KEY_STR("mail", "from", "", mail_from,
		"From address of darn's mails (empty: darn@ the host of the "
		"base URL)"),
	KEY_BOOL("accounts", "registration", "true", accounts_registration,
		 "anybody may register an account at /register/ (false: "
		 "the page answers 404)"),
	KEY_INT("accounts", "session_age_s", "1209600", 60, 31536000,
		accounts_session_age_s,
		"seconds a web login lasts (Django's two weeks by default)"),
	KEY_INT("accounts", "confirmation_days", "7", 1, 365,
		accounts_confirmation_days,
		"days a mailed confirmation link stays valid (registration, "
		"extra addresses, opt-out; password resets: one day at most)"),
	/* [notifications]: darn cron's patch-change mails
	 * (docs/notifications.md) */
	KEY_INT("notifications", "delay_minutes", "10", 0, 525600,
		notification_delay_minutes,
		"minutes darn cron waits after a submitter's last patch "
		"state change before mailing them (Patchwork's "
		"NOTIFICATION_DELAY_MINUTES)"),
	/* [xmlrpc]: Patchwork's XML-RPC API (docs/xmlrpc.md) */
	KEY_BOOL("xmlrpc", "enabled", "true", xmlrpc_enabled,
		 "serve Patchwork's XML-RPC API at /xmlrpc/ (pwclient's "
		 "xmlrpc backend); false: /xmlrpc/ is 404"),
	/* [web]: the HTML pages (docs/web.md) */
	KEY_STR("web", "site_name", "Patchwork", site_name,
		"the site's name in page titles and the header (Patchwork's "
		"is its Site name)"),
	KEY_STR("web", "site_domain", "", site_domain,
		"the site's domain, as the pwclientrc download names it "
		"(empty: the host of the base URL or of the request)"),
	KEY_INT("web", "items_per_page", "100", 1, 10000, items_per_page,
		"patches per page of a patch list for visitors who are not "
		"logged in (Patchwork's DEFAULT_ITEMS_PER_PAGE)"),
};

static gboolean set_value(struct config *cfg, const struct config_key *k,
			  const char *value, const char *origin, GError **error)
{
	char *field = (char *)cfg + k->offset;

	if (k->type == CONFIG_STRING) {
		g_free(*(char **)field);
		*(char **)field = g_strdup(value);
		return TRUE;
	}
	if (k->type == CONFIG_BOOL) {
		static const char *const yes[] = {"1", "true", "yes", "on"};
		static const char *const no[] = {"0", "false", "no", "off"};
		for (gsize i = 0; i < G_N_ELEMENTS(yes); i++) {
			if (g_ascii_strcasecmp(value, yes[i]) == 0 ||
			    g_ascii_strcasecmp(value, no[i]) == 0) {
				*(gboolean *)field =
					g_ascii_strcasecmp(value, yes[i]) == 0;
				return TRUE;
			}
		}
		g_set_error(error, G_KEY_FILE_ERROR,
			    G_KEY_FILE_ERROR_INVALID_VALUE,
			    "%s: '%s.%s' must be true or false, not '%s'",
			    origin, k->group, k->key, value);
		return FALSE;
	}
	char *end;
	errno = 0;
	gint64 v = g_ascii_strtoll(value, &end, 10);
	if (errno || end == value || *end || v < k->min || v > k->max) {
		g_set_error(
			error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
			"%s: '%s.%s' must be an integer from %" G_GINT64_FORMAT
			" to %" G_GINT64_FORMAT ", not '%s'",
			origin, k->group, k->key, k->min, k->max, value);
		return FALSE;
	}
	if (k->offset == offsetof(struct config, max_mail_bytes))
		*(gint64 *)field = v;
	else
		*(int *)field = (int)v;
	return TRUE;
}

static char *env_name(const struct config_key *k)
{
	g_autofree char *raw = g_strdup_printf("DARN_%s_%s", k->group, k->key);
	return g_ascii_strup(raw, -1);
}

gboolean config_load(struct config *cfg, const char *path, GError **error)
{
	g_autoptr(GKeyFile) kf = g_key_file_new();
	const char *loaded = NULL;

	memset(cfg, 0, sizeof(*cfg));
	for (gsize i = 0; i < G_N_ELEMENTS(keys); i++)
		if (!set_value(cfg, &keys[i], keys[i].def, "default", error))
			return FALSE;

	if (path) {
		if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE,
					       error)) {
			g_prefix_error(error,
				       "cannot read config '%s': ", path);
			return FALSE;
		}
		loaded = path;
	} else {
		static const char *const defaults[] = {"/etc/darn/darn.conf",
						       "darn.conf"};
		for (gsize i = 0; i < G_N_ELEMENTS(defaults) && !loaded; i++) {
			if (!g_file_test(defaults[i], G_FILE_TEST_EXISTS))
				continue;
			if (!g_key_file_load_from_file(
				    kf, defaults[i], G_KEY_FILE_NONE, error)) {
				g_prefix_error(error,
					       "cannot read config '%s': ",
					       defaults[i]);
				return FALSE;
			}
			loaded = defaults[i];
		}
	}

	for (gsize i = 0; i < G_N_ELEMENTS(keys); i++) {
		const struct config_key *k = &keys[i];
		if (loaded && g_key_file_has_key(kf, k->group, k->key, NULL)) {
			g_autofree char *v = g_key_file_get_string(
				kf, k->group, k->key, NULL);
			if (v && !set_value(cfg, k, v, loaded, error))
				return FALSE;
		}
		g_autofree char *env = env_name(k);
		const char *v = g_getenv(env);
		if (v && !set_value(cfg, k, v, env, error))
			return FALSE;
	}
	/* DARN_DATABASE is the documented short form. */
	const char *db = g_getenv("DARN_DATABASE");
	if (db && *db) {
		g_free(cfg->database);
		cfg->database = g_strdup(db);
	}
	return TRUE;
}

void config_clear(struct config *cfg)
{
	g_free(cfg->database);
	g_free(cfg->listen);
	g_free(cfg->base_url);
	g_free(cfg->allowed_hosts);
	g_free(cfg->mail_sendmail);
	g_free(cfg->mail_from);
	g_free(cfg->site_name);
	g_free(cfg->site_domain);
	memset(cfg, 0, sizeof(*cfg));
}

void config_print_example(FILE *out)
{
	const char *group = NULL;

	fputs("# darn configuration. Every key can also be set with the\n"
	      "# environment variable DARN_<GROUP>_<KEY>.\n",
	      out);
	for (gsize i = 0; i < G_N_ELEMENTS(keys); i++) {
		const struct config_key *k = &keys[i];
		if (!group || strcmp(group, k->group) != 0) {
			group = k->group;
			fprintf(out, "\n[%s]\n", group);
		}
		fprintf(out, "# %s\n#%s = %s\n", k->help, k->key, k->def);
	}
}
