/*
 * Helpers every subcommand shares: option parsing with --help, error
 * messages in darn's format, exit codes for database failures, the
 * per-mail limits from the configuration.
 */
#include <stdarg.h>

#include "cmd/cmd.h"

void cmd_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	fprintf(stderr, "darn: %s\n", msg);
}

void cmd_mail_limits(const struct config *cfg, struct mail_limits *out)
{
	out->max_mime_parts = cfg->max_mime_parts;
	out->max_mime_depth = cfg->max_mime_depth;
	out->max_header_count = cfg->max_header_count;
	out->max_header_bytes = cfg->max_header_bytes;
}

int cmd_db_exit(enum db_status st)
{
	/* Busy or locked: the mail system should try again later. */
	if (st == DB_BUSY)
		return EX_TEMPFAIL;
	/* Only db_open says DB_NOT_FOUND: the database file is missing. */
	return st == DB_NOT_FOUND ? EX_NOINPUT : EX_SOFTWARE;
}

gboolean cmd_parse_options(const char *usage, const char *summary,
			   const GOptionEntry *entries, int *argc, char ***argv)
{
	g_autoptr(GOptionContext) ctx = g_option_context_new(usage);
	g_autoptr(GError) error = NULL;

	g_option_context_set_summary(ctx, summary);
	if (entries)
		g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, argc, argv, &error)) {
		cmd_error("%s", error->message);
		return FALSE;
	}
	return TRUE;
}

int cmd_run_sub(struct app *app, const char *command,
		const struct cmd_sub *subs, gsize n_subs, int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		FILE *out = argc < 2 ? stderr : stdout;
		fprintf(out, "usage: darn %s ", command);
		for (gsize i = 0; i < n_subs; i++)
			fprintf(out, "%s%s", i ? "|" : "", subs[i].name);
		fprintf(out,
			" ...\n'darn %s SUBCOMMAND --help' describes each.\n",
			command);
		return argc < 2 ? EX_USAGE : 0;
	}
	for (gsize i = 0; i < n_subs; i++) {
		if (strcmp(argv[1], subs[i].name) != 0)
			continue;
		/* GOption's --help prints "Usage: <prgname> ...". */
		g_autofree char *prgname =
			g_strdup_printf("darn %s %s", command, subs[i].name);
		g_set_prgname(prgname);
		return subs[i].fn(app, argc - 1, argv + 1);
	}
	cmd_error("unknown %s subcommand '%s'", command, argv[1]);
	return EX_USAGE;
}

gboolean cmd_parse_bool(const char *v, gboolean *out)
{
	if (!g_ascii_strcasecmp(v, "yes") || !g_ascii_strcasecmp(v, "true") ||
	    !strcmp(v, "1"))
		*out = TRUE;
	else if (!g_ascii_strcasecmp(v, "no") ||
		 !g_ascii_strcasecmp(v, "false") || !strcmp(v, "0"))
		*out = FALSE;
	else
		return FALSE;
	return TRUE;
}
