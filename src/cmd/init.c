/*
 * darn init and darn migrate: create the schema (with Patchwork's default
 * states and tags) or bring an existing database up to date.
 */
#include "cmd/cmd.h"

static int migrate(struct app *app, gboolean init)
{
	g_autoptr(GError) error = NULL;
	int version = 0, applied = 0;
	g_autofree char *shown = db_location_shown(app->cfg.database);
	enum db_status st;

	st = db_schema_version(app->db, &version, &error);
	if (st == DB_OK && init && version > 0) {
		printf("database '%s' is already initialised (schema %d)\n",
		       shown, version);
	}
	if (st == DB_OK)
		st = db_migrate(app->db, &applied, &error);
	if (st != DB_OK) {
		cmd_error("cannot %s database '%s': %s",
			  init ? "initialise" : "migrate", shown,
			  error->message);
		return cmd_db_exit(st);
	}
	if (applied)
		printf("database '%s': applied %d migration%s, schema %d\n",
		       shown, applied, applied == 1 ? "" : "s",
		       db_schema_latest());
	else if (!init)
		printf("database '%s' is up to date (schema %d)\n", shown,
		       db_schema_latest());
	return 0;
}

int cmd_init(struct app *app, int argc, char **argv)
{
	if (!cmd_parse_options("",
			       "Create darn's database schema with "
			       "Patchwork's default states and tags.",
			       NULL, &argc, &argv))
		return EX_USAGE;
	return migrate(app, TRUE);
}

int cmd_migrate(struct app *app, int argc, char **argv)
{
	if (!cmd_parse_options("", "Apply pending schema migrations.", NULL,
			       &argc, &argv))
		return EX_USAGE;
	return migrate(app, FALSE);
}

int cmd_config(struct app *app, int argc, char **argv)
{
	gboolean defaults = FALSE;
	const GOptionEntry entries[] = {
		{"defaults", 0, 0, G_OPTION_ARG_NONE, &defaults,
		 "print an example config with every key's default", NULL},
		{NULL},
	};
	if (!cmd_parse_options("", "Print the configuration in effect.",
			       entries, &argc, &argv))
		return EX_USAGE;
	if (defaults) {
		config_print_example(stdout);
		return 0;
	}
	printf("[database]\nlocation = %s\nbusy_timeout_ms = %d\n\n"
	       "[server]\nlisten = %s\nbase_url = %s\nthreads = %d\n\n"
	       "[ingest]\nmax_mail_bytes = %" G_GINT64_FORMAT "\n",
	       app->cfg.database, app->cfg.busy_timeout_ms, app->cfg.listen,
	       app->cfg.base_url, app->cfg.threads, app->cfg.max_mail_bytes);
	printf("max_mime_parts = %d\nmax_mime_depth = %d\n"
	       "max_header_count = %d\nmax_header_bytes = %d\n",
	       app->cfg.max_mime_parts, app->cfg.max_mime_depth,
	       app->cfg.max_header_count, app->cfg.max_header_bytes);
	return 0;
}
