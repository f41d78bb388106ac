/*
 * darn: the subcommand table and main(). main() reads the shared options,
 * loads the configuration, opens the database as the command's entry
 * asks, then hands over to cmd_NAME().
 */
#include <locale.h>
#include <stdlib.h>

#include "cmd/cmd.h"

struct command {
	const char *name;
	int (*fn)(struct app *app, int argc, char **argv);
	int flags;
	const char *summary;
};

static const struct command commands[] = {
	{"init", cmd_init, CMD_DB | CMD_CREATE,
	 "create the database: schema, default states and tags"},
	{"migrate", cmd_migrate, CMD_DB, "upgrade the database schema"},
	{"project", cmd_project, CMD_DB | CMD_SCHEMA,
	 "add, list, show and edit projects"},
	{"user", cmd_user, CMD_DB | CMD_SCHEMA,
	 "add, edit and list users; passwords and API tokens"},
	{"parsemail", cmd_parsemail, CMD_SCHEMA,
	 "store one mail (stdin or FILE), as an MTA pipe delivers it"},
	{"parsearchive", cmd_parsearchive, CMD_DB | CMD_SCHEMA,
	 "store every mail of mbox files, maildirs or public-inbox repos"},
	{"serve", cmd_serve, CMD_DB | CMD_SCHEMA,
	 "serve the REST API over HTTP (default 127.0.0.1:8000)"},
	{"cron", cmd_cron, CMD_DB | CMD_SCHEMA,
	 "send patch-change notifications; expire confirmations"},
	{"db", cmd_db, 0,
	 "copy a whole database into another (SQLite, PostgreSQL)"},
	{"config", cmd_config, 0, "print the configuration or its defaults"},
};

static void usage(FILE *out)
{
	fputs("usage: darn [--database PATH|URL] [--config FILE] [--verbose] "
	      "COMMAND [ARGS]\n\ncommands:\n",
	      out);
	for (gsize i = 0; i < G_N_ELEMENTS(commands); i++)
		fprintf(out, "  %-14s %s\n", commands[i].name,
			commands[i].summary);
	fputs("\n'darn COMMAND --help' describes a command. The database is\n"
	      "--database, else $DARN_DATABASE, else the config file's\n"
	      "[database] location, else ./darn.db.\n",
	      out);
}

/* Takes "--opt VALUE" or "--opt=VALUE" at argv[*i]. */
static gboolean take_option(const char *name, int argc, char **argv, int *i,
			    const char **value)
{
	gsize n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return FALSE;
	if (argv[*i][n] == '=') {
		*value = argv[*i] + n + 1;
		return TRUE;
	}
	if (argv[*i][n] != '\0')
		return FALSE;
	if (*i + 1 >= argc) {
		cmd_error("option '%s' needs a value", name);
		exit(EX_USAGE);
	}
	*value = argv[++*i];
	return TRUE;
}

static int open_database(struct app *app, int flags)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *shown = db_location_shown(app->cfg.database);
	enum db_status st;

	st = db_open(app->cfg.database, app->cfg.busy_timeout_ms,
		     flags & CMD_CREATE ? DB_OPEN_CREATE : DB_OPEN_EXISTING,
		     &app->db, &error);
	if (st != DB_OK) {
		cmd_error("%s", error->message);
		return cmd_db_exit(st);
	}
	if (flags & CMD_SCHEMA) {
		int version = 0;
		st = db_schema_version(app->db, &version, &error);
		if (st != DB_OK) {
			cmd_error("cannot read database '%s': %s", shown,
				  error->message);
			return cmd_db_exit(st);
		}
		if (version == 0) {
			cmd_error("database '%s' is not initialised; run "
				  "'darn init'",
				  shown);
			return EX_CONFIG;
		}
		if (version < db_schema_latest()) {
			cmd_error("database '%s' needs 'darn migrate' "
				  "(schema %d, darn knows %d)",
				  shown, version, db_schema_latest());
			return EX_CONFIG;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct app app = {0};
	const char *database = NULL, *config = NULL;
	int i, rc;

	/* Only the character set matters (GOption converts arguments from
	 * it); loading every locale category costs a parsemail 0.2 ms. */
	setlocale(LC_CTYPE, "");
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *v;
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--verbose") == 0 ||
			   strcmp(argv[i], "-v") == 0) {
			app.verbose = TRUE;
		} else if (take_option("--database", argc, argv, &i, &v)) {
			database = v;
		} else if (take_option("--config", argc, argv, &i, &v)) {
			config = v;
		} else {
			cmd_error("unknown option '%s'", argv[i]);
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return EX_USAGE;
	}

	const struct command *cmd = NULL;
	for (gsize k = 0; k < G_N_ELEMENTS(commands); k++)
		if (strcmp(commands[k].name, argv[i]) == 0)
			cmd = &commands[k];
	if (!cmd) {
		cmd_error("'%s' is not a darn command; see 'darn --help'",
			  argv[i]);
		return EX_USAGE;
	}

	g_autoptr(GError) error = NULL;
	if (!config_load(&app.cfg, config, &error)) {
		cmd_error("%s", error->message);
		return EX_CONFIG;
	}
	if (database) {
		g_free(app.cfg.database);
		app.cfg.database = g_strdup(database);
	}
	g_autofree char *prgname = g_strdup_printf("darn %s", cmd->name);
	g_set_prgname(prgname);

	/* A command's own --help needs no database. */
	gboolean wants_help = FALSE;
	for (int k = i + 1; k < argc; k++)
		if (strcmp(argv[k], "--help") == 0 ||
		    strcmp(argv[k], "-h") == 0)
			wants_help = TRUE;
	rc = 0;
	if ((cmd->flags & CMD_DB) && !wants_help)
		rc = open_database(&app, cmd->flags);
	if (rc == 0)
		rc = cmd->fn(&app, argc - i, argv + i);

	db_close(app.db);
	config_clear(&app.cfg);
	return rc;
}
