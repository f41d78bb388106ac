/*
 * What every subcommand gets from main(): the loaded configuration and,
 * when its table entry asks for it, the open database. One
 * cmd_NAME() per file in cmd/; each returns the process exit code.
 */
#ifndef DARN_CMD_CMD_H
#define DARN_CMD_CMD_H

#include <glib.h>
#include <sysexits.h>

#include "mail/limits.h"
#include "store/db.h"
#include "util/config.h"

struct app {
	struct config cfg;
	struct db *db; /* open when the command's entry has CMD_DB */
	gboolean verbose;
};

#define CMD_DB (1 << 0)	    /* open the database before the command */
#define CMD_SCHEMA (1 << 1) /* and require an up-to-date schema */
#define CMD_CREATE (1 << 2) /* create the database file if missing */

int cmd_init(struct app *app, int argc, char **argv);
int cmd_migrate(struct app *app, int argc, char **argv);
int cmd_project(struct app *app, int argc, char **argv);
int cmd_user(struct app *app, int argc, char **argv);
int cmd_parsemail(struct app *app, int argc, char **argv);
int cmd_parsearchive(struct app *app, int argc, char **argv);
int cmd_config(struct app *app, int argc, char **argv);
int cmd_serve(struct app *app, int argc, char **argv);
int cmd_db(struct app *app, int argc, char **argv);
int cmd_cron(struct app *app, int argc, char **argv);

/* Parses a subcommand's options; on --help prints and exits 0, on a bad
 * option prints the error and returns FALSE (exit with EX_USAGE).
 * summary is the usage line after "darn ". */
gboolean cmd_parse_options(const char *usage, const char *summary,
			   const GOptionEntry *entries, int *argc,
			   char ***argv);

/* A subcommand of a command with several (darn project edit). */
struct cmd_sub {
	const char *name;
	int (*fn)(struct app *app, int argc, char **argv);
};

/* Runs the subcommand named by argv[1] from subs, or prints the usage
 * (--help, or none given: then EX_USAGE). Returns the exit code. */
int cmd_run_sub(struct app *app, const char *command,
		const struct cmd_sub *subs, gsize n_subs, int argc,
		char **argv);

/* Prints "darn: <message>" to stderr. */
void cmd_error(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

/* yes/true/1 or no/false/0 (any case) into *out; FALSE for anything
 * else. */
gboolean cmd_parse_bool(const char *v, gboolean *out);

/* The [ingest] limits on what reading one mail may cost. */
void cmd_mail_limits(const struct config *cfg, struct mail_limits *out);

/* Exit code for a failed database status: 75 when busy (retry later), 66
 * when db_open found no database. */
int cmd_db_exit(enum db_status st);

#endif
