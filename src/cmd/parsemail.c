/*
 * darn parsemail: store one mail, as an MTA pipe (postfix, procmail)
 * delivers it. The exit code tells the MTA what happened (sysexits):
 *   0  stored, a duplicate, or deliberately ignored (reason on stderr);
 *   65 not a mail, too large, over an [ingest] limit, or rejected as
 *      Patchwork rejects it;
 *   75 the database is busy or unreachable: nothing stored, retry later.
 * A mail is never acknowledged with 0 unless it is stored or ignored on
 * purpose.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/ingest.h"
#include "mail/mailinfo.h"
#include "util/zraw.h"

/* Reads the whole mail from `path` (stdin when NULL), at most max bytes.
 * NULL with *error set on failure; *too_large tells an oversized mail. */
static GBytes *read_input(const char *path, gint64 max, gboolean *too_large,
			  GError **error)
{
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	if (fd < 0) {
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno),
			    "cannot read '%s': %s", path, g_strerror(errno));
		return NULL;
	}
	GByteArray *buf = g_byte_array_new();
	guint8 chunk[65536];
	for (;;) {
		gssize n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			g_set_error(error, G_FILE_ERROR,
				    g_file_error_from_errno(errno),
				    "cannot read the mail: %s",
				    g_strerror(errno));
			break;
		}
		if (n == 0)
			break;
		if ((gint64)buf->len + n > max) {
			*too_large = TRUE;
			g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
				    "mail is larger than %" G_GINT64_FORMAT
				    " bytes (ingest.max_mail_bytes)",
				    max);
			break;
		}
		g_byte_array_append(buf, chunk, n);
	}
	if (path)
		close(fd);
	if (error && *error) {
		g_byte_array_unref(buf);
		return NULL;
	}
	return g_byte_array_free_to_bytes(buf);
}

/* Opening the database for a delivery, in a thread of its own (see
 * cmd_parsemail). */
struct delivery_open {
	const struct config *cfg;
	struct db *db;
	int rc;	       /* 0 or the exit code */
	char *message; /* why not, when rc; said only if it matters */
};

/* Opens the database for a delivery: any failure is temporary for the
 * MTA (the file may be on a volume being mounted, locked, migrating). */
static gpointer open_for_delivery(gpointer data)
{
	struct delivery_open *o = data;
	g_autoptr(GError) error = NULL;
	int version = 0;
	g_autofree char *shown = db_location_shown(o->cfg->database);
	enum db_status st = db_open(o->cfg->database, o->cfg->busy_timeout_ms,
				    DB_OPEN_EXISTING, &o->db, &error);
	if (st == DB_OK)
		st = db_schema_version(o->db, &version, &error);
	if (st != DB_OK) {
		o->message = g_strdup_printf("%s; mail not stored, retry later",
					     error->message);
		o->rc = EX_TEMPFAIL;
	} else if (version != db_schema_latest()) {
		o->message = g_strdup_printf(
			"database '%s' has schema %d, darn needs %d (run "
			"'darn init' or 'darn migrate'); mail not stored, "
			"retry later",
			shown, version, db_schema_latest());
		o->rc = EX_TEMPFAIL;
	}
	return NULL;
}

int cmd_parsemail(struct app *app, int argc, char **argv)
{
	char *list_id = NULL;
	const GOptionEntry entries[] = {
		{"list-id", 0, 0, G_OPTION_ARG_STRING, &list_id,
		 "use this list id instead of the mail's List-Id headers",
		 "ID"},
		{NULL},
	};
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) raw = NULL;
	g_autoptr(GBytes) packed = NULL;
	g_autoptr(GBytes) text = NULL;
	g_autoptr(ingest) in = NULL;
	struct mail_info info = {0};
	struct ingest_result result = {0};
	int rc = EX_USAGE;
	enum db_status st;
	struct delivery_open opening = {0};
	GThread *opener = NULL; /* joined before the database is used */

	if (!cmd_parse_options("[--list-id ID] [FILE]",
			       "Store one mail from FILE or standard input.",
			       entries, &argc, &argv))
		goto out;
	if (argc > 2) {
		cmd_error("usage: darn parsemail [--list-id ID] [FILE]");
		goto out;
	}

	/*
	 * The database is opened while the mail is read and parsed: on
	 * PostgreSQL that is loading libpq (and the two dozen libraries it
	 * brings) and a new server backend starting, the larger part of a
	 * delivery (bench/README.md). A connection is used by one thread at
	 * a time: this one takes it over after the join.
	 */
	opening.cfg = &app->cfg;
	opener = g_thread_new("open", open_for_delivery, &opening);

	gboolean too_large = FALSE;
	raw = read_input(argc == 2 ? argv[1] : NULL, app->cfg.max_mail_bytes,
			 &too_large, &error);
	if (!raw) {
		cmd_error("%s", error->message);
		rc = too_large ? EX_DATAERR : EX_NOINPUT;
		goto out;
	}
	/* Patchwork reads a delivered mail with universal newlines. */
	text = mail_universal_newlines(raw);
	gsize text_len, len;
	const char *text_data = g_bytes_get_data(text, &text_len);
	const char *data = g_bytes_get_data(raw, &len);
	struct mail_limits limits;
	cmd_mail_limits(&app->cfg, &limits);
	if (!mail_info_extract(text_data ? text_data : "", text_len, &limits,
			       &info, &error)) {
		/* Over a limit: rejected, as Patchwork rejects a mail it
		 * cannot parse (the MTA bounces or keeps it). */
		cmd_error("%s: %s",
			  error->domain == MAIL_LIMIT_ERROR ? "mail rejected"
							    : "not a mail",
			  error->message);
		rc = EX_DATAERR;
		goto out;
	}
	packed = zraw_compress(data ? data : "", len);

	g_thread_join(g_steal_pointer(&opener));
	app->db = g_steal_pointer(&opening.db);
	rc = opening.rc;
	if (rc) {
		cmd_error("%s", opening.message);
		goto out;
	}
	in = ingest_new(app->db);
	st = db_begin_write(app->db, &error);
	if (st == DB_OK)
		st = ingest_mail(in, &info, list_id, packed, len,
				 g_get_real_time(), &result, &error);
	gboolean keep = st == DB_OK && result.outcome != INGEST_DUPLICATE &&
			result.outcome != INGEST_REJECTED;
	if (keep)
		st = db_commit(app->db, &error);
	if (st != DB_OK || !keep)
		db_rollback(app->db);
	if (st != DB_OK) {
		cmd_error("cannot store mail %s: %s; retry later",
			  info.msgid ? info.msgid : "(no message id)",
			  error->message);
		rc = EX_TEMPFAIL;
		goto out;
	}

	switch (result.outcome) {
	case INGEST_REJECTED:
		cmd_error("mail rejected: %s", result.detail);
		rc = EX_DATAERR;
		break;
	case INGEST_DROPPED:
		cmd_error("mail %s ignored: %s", info.msgid, result.detail);
		rc = 0;
		break;
	case INGEST_DUPLICATE:
		cmd_error("mail %s is already stored", info.msgid);
		rc = 0;
		break;
	default:
		if (app->verbose)
			fprintf(stderr,
				"darn: stored %s %" G_GINT64_FORMAT
				" from %s\n",
				ingest_outcome_name(result.outcome), result.id,
				info.msgid);
		rc = 0;
	}
out:
	if (opener) {
		g_thread_join(g_steal_pointer(&opener));
		app->db = g_steal_pointer(&opening.db);
	}
	g_free(opening.message);
	ingest_result_clear(&result);
	mail_info_clear(&info);
	g_free(list_id);
	return rc;
}
