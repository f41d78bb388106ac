/*
 * darn db copy SOURCE DESTINATION: moves a whole site from one database to
 * another (SQLite to PostgreSQL when it grows, and back), keeping every
 * id; the store does the copying (db_copy), this file the command line,
 * the exit codes and the progress bar.
 */
#include <unistd.h>

#include "cmd/cmd.h"

/* The bar is redrawn at most this often (µs): a terminal is slow. */
#define PROGRESS_INTERVAL_US 100000
#define PROGRESS_WIDTH 24

struct progress {
	gint64 drawn_at; /* monotonic µs of the last draw */
};

/* "table [####    ]  42%  done/total" on one line of stderr (under 80
 * columns up to ten million rows), ended when the table is. Empty tables
 * are not shown: nothing to wait for. */
static void draw_progress(const char *table, gint64 done, gint64 total,
			  gpointer data)
{
	struct progress *p = data;
	gint64 now = g_get_monotonic_time();

	if (total == 0)
		return;
	if (done > 0 && done < total &&
	    now - p->drawn_at < PROGRESS_INTERVAL_US)
		return;
	p->drawn_at = now;
	int filled = (int)(done * PROGRESS_WIDTH / total);
	char bar[PROGRESS_WIDTH + 1];
	memset(bar, '#', (gsize)filled);
	memset(bar + filled, ' ', (gsize)(PROGRESS_WIDTH - filled));
	bar[PROGRESS_WIDTH] = '\0';
	fprintf(stderr,
		"\r%-25s [%s] %3d%%  %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
		"%s",
		table, bar, (int)(done * 100 / total), done, total,
		done == total ? "\n" : "");
	fflush(stderr);
}

/* The location as messages show it: a URI without its password. */
static char *shown(const char *location)
{
	g_autoptr(GUri) uri = NULL;
	if (strstr(location, "://"))
		uri = g_uri_parse(location, G_URI_FLAGS_HAS_PASSWORD, NULL);
	if (!uri)
		return g_strdup(location);
	return g_uri_to_string_partial(uri, G_URI_HIDE_PASSWORD);
}

static int open_one(struct app *app, const char *location, const char *which,
		    struct db **out)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *name = shown(location);
	enum db_status st = db_open(location, app->cfg.busy_timeout_ms,
				    DB_OPEN_EXISTING, out, &error);

	if (st == DB_NOT_FOUND && !strcmp(which, "source"))
		cmd_error("source database '%s' does not exist", name);
	else if (st == DB_NOT_FOUND)
		cmd_error("destination database '%s' does not exist; create "
			  "it with 'darn --database DESTINATION init'",
			  name);
	else if (st != DB_OK)
		cmd_error("cannot open the %s: %s", which, error->message);
	return st == DB_OK ? 0 : cmd_db_exit(st);
}

static int copy_exit(enum db_copy_status st)
{
	switch (st) {
	case DB_COPY_OK:
		return 0;
	case DB_COPY_SCHEMA:
		return EX_CONFIG; /* as any command on an old schema */
	case DB_COPY_NOT_EMPTY:
		return EX_CANTCREAT;
	case DB_COPY_BUSY:
		return EX_TEMPFAIL;
	case DB_COPY_ERROR:
	case DB_COPY_PARTIAL:
	case DB_COPY_MISMATCH:
		break;
	}
	return EX_SOFTWARE;
}

static int db_copy_cmd(struct app *app, int argc, char **argv)
{
	if (!cmd_parse_options(
		    "SOURCE DESTINATION",
		    "Copy a whole darn database into another, e.g. from SQLite "
		    "to PostgreSQL\n"
		    "when a site grows, or back. Each is a file path (SQLite) "
		    "or a\n"
		    "postgresql:// URI. Every row keeps its id, so every URL "
		    "of "
		    "the copy is the\n"
		    "original's.\n\n"
		    "DESTINATION must be made by 'darn init' and hold nothing "
		    "else (its default\n"
		    "states and tags are replaced by the source's); both must "
		    "be at the schema\n"
		    "this darn knows ('darn migrate'). The source is read as "
		    "one snapshot:\n"
		    "stop mail delivery and writes to it first, or they are "
		    "not copied.\n"
		    "At the end each table's rows are counted in both. A "
		    "progress bar is drawn\n"
		    "on stderr when it is a terminal.\n\n"
		    "Exit status: 0 copied and counted; 64 bad usage; 66 a "
		    "database does not\n"
		    "exist; 73 the destination is not empty (nothing written); "
		    "75 a database is\n"
		    "busy (nothing written; try again); 78 not initialised or "
		    "not at the same\n"
		    "schema; 70 anything else (the message says whether a "
		    "partial copy remains).",
		    NULL, &argc, &argv))
		return EX_USAGE;
	if (argc != 3) {
		cmd_error("usage: darn db copy SOURCE DESTINATION");
		return EX_USAGE;
	}
	const char *source = argv[1], *destination = argv[2];
	g_autofree char *from = shown(source);
	g_autofree char *to = shown(destination);
	if (!strcmp(source, destination)) {
		cmd_error("source and destination are the same database '%s'",
			  from);
		return EX_USAGE;
	}

	g_autoptr(db) src = NULL;
	g_autoptr(db) dst = NULL;
	int rc = open_one(app, source, "source", &src);
	if (rc == 0)
		rc = open_one(app, destination, "destination", &dst);
	if (rc != 0)
		return rc;

	/* Pages are read and written in key order: small page caches copy
	 * as fast as db_open's 64 MiB ones, in a quarter of the memory
	 * (bench/README.md). */
	db_limit_memory(src, 8 << 20);
	db_limit_memory(dst, 16 << 20);
	struct progress bar = {0};
	g_autoptr(GError) error = NULL;
	gint64 rows = 0, started = g_get_monotonic_time();
	enum db_copy_status st =
		db_copy(src, dst, isatty(STDERR_FILENO) ? draw_progress : NULL,
			&bar, &rows, &error);
	if (st != DB_COPY_OK) {
		cmd_error("cannot copy '%s' to '%s': %s", from, to,
			  error->message);
		return copy_exit(st);
	}
	printf("copied %" G_GINT64_FORMAT " rows from '%s' to '%s' in %.1f s; "
	       "row counts agree\n",
	       rows, from, to, (g_get_monotonic_time() - started) / 1e6);
	return 0;
}

int cmd_db(struct app *app, int argc, char **argv)
{
	static const struct cmd_sub subs[] = {
		{"copy", db_copy_cmd},
	};
	return cmd_run_sub(app, "db", subs, G_N_ELEMENTS(subs), argc, argv);
}
