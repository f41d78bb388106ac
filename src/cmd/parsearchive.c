/*
 * darn parsearchive: store every mail of one or more archives (mbox,
 * maildir, public-inbox), in archive order, and print Patchwork's summary.
 *
 * Decoding a mail needs no database, so worker threads decode and compress
 * mails ahead of the main thread, which ingests them strictly in order,
 * each in its own transaction. A bounded window of mails in flight keeps
 * memory flat whatever the archive's size.
 */
#include <unistd.h>

#include "archive/archive.h"
#include "cmd/cmd.h"
#include "core/ingest.h"
#include "mail/mailinfo.h"
#include "util/zraw.h"

#define WINDOW 256 /* mails decoded ahead of the ingesting thread */
#define BATCH_MAILS 1000
#define BATCH_US (250 * 1000) /* longest a batch keeps the write lock */

struct job {
	GBytes *raw;
	gboolean universal; /* decode with universal newlines */
	struct mail_info info;
	gboolean ok; /* info extracted */
	GBytes *packed;
	char *error;
	gboolean done;
};

struct pipeline {
	GThreadPool *pool;
	GMutex lock;
	GCond cond;
	struct job jobs[WINDOW];
	guint64 head, tail; /* jobs [head, tail) are in flight */
	gint64 max_bytes;
	struct mail_limits limits;
	/* Raw bytes in flight: the window holds at most
	 * WINDOW_MAX_SIZE_MAILS mails of the largest accepted size (and
	 * always one mail), so big mails cost a bounded memory, not up to
	 * WINDOW times ingest.max_mail_bytes decoded at once. */
	gint64 bytes;
};

#define WINDOW_MAX_SIZE_MAILS 2

static void decode_job(gpointer data, gpointer user)
{
	struct job *job = data;
	struct pipeline *p = user;
	gsize len;
	const char *bytes = g_bytes_get_data(job->raw, &len);
	g_autoptr(GError) error = NULL;

	if ((gint64)len > p->max_bytes) {
		job->error = g_strdup_printf(
			"mail is larger than %" G_GINT64_FORMAT " bytes",
			p->max_bytes);
	} else {
		g_autoptr(GBytes) text =
			job->universal ? mail_universal_newlines(job->raw)
				       : g_bytes_ref(job->raw);
		gsize text_len;
		const char *text_data = g_bytes_get_data(text, &text_len);
		job->ok =
			mail_info_extract(text_data ? text_data : "", text_len,
					  &p->limits, &job->info, &error);
	}
	if (job->ok) {
		job->packed = zraw_compress(bytes ? bytes : "", len);
	} else if (!job->error) {
		job->error = g_strdup(error->message);
	}
	g_mutex_lock(&p->lock);
	job->done = TRUE;
	g_cond_broadcast(&p->cond);
	g_mutex_unlock(&p->lock);
}

static void job_clear(struct job *job)
{
	if (job->raw)
		g_bytes_unref(job->raw);
	if (job->packed)
		g_bytes_unref(job->packed);
	mail_info_clear(&job->info);
	g_free(job->error);
	memset(job, 0, sizeof(*job));
}

struct counts {
	guint64 total, covers, patches, comments, duplicates, dropped, errors;
};

static void count(struct counts *c, enum ingest_outcome o)
{
	c->total++;
	switch (o) {
	case INGEST_PATCH:
		c->patches++;
		break;
	case INGEST_COVER:
		c->covers++;
		break;
	case INGEST_PATCH_COMMENT:
	case INGEST_COVER_COMMENT:
		c->comments++;
		break;
	case INGEST_DUPLICATE:
		c->duplicates++;
		break;
	case INGEST_DROPPED:
		c->dropped++;
		break;
	case INGEST_REJECTED:
		c->errors++;
		break;
	}
}

struct run {
	struct app *app;
	struct ingest *in;
	const char *list_id;
	struct counts counts;
	gboolean progress; /* stderr is a terminal */
	FILE *outcomes;	   /* --outcomes FILE, or NULL */
	gint64 started;
	gboolean in_batch;    /* a write transaction is open */
	guint batch_mails;    /* mails in it */
	gint64 batch_started; /* monotonic µs */
};

/* Commits the open batch; FALSE (error set) on failure. */
static gboolean commit_batch(struct run *r, GError **error)
{
	if (!r->in_batch)
		return TRUE;
	r->in_batch = FALSE;
	r->batch_mails = 0;
	if (db_commit(r->app->db, error) == DB_OK)
		return TRUE;
	db_rollback(r->app->db);
	return FALSE;
}

/*
 * Ingests one decoded job inside the current batch; returns FALSE on a
 * database failure, after which the run stops (what was committed stays).
 *
 * Mails are grouped into one transaction per BATCH_MAILS mails or
 * BATCH_US microseconds, each mail inside its own savepoint: a mail is
 * still stored whole or not at all, and the commit cost (SQLite rewrites
 * every touched index page per commit) is paid once per batch. A crash
 * loses at most the open batch, which a re-run stores again.
 */
static gboolean ingest_job(struct run *r, struct job *job, guint64 index)
{
	g_autoptr(GError) error = NULL;
	struct ingest_result result = {0};
	enum db_status st = DB_OK;

	if (!job->ok) {
		result.outcome = INGEST_REJECTED;
		result.detail = g_strdup(job->error);
	} else {
		gsize len = g_bytes_get_size(job->raw);
		if (!r->in_batch) {
			st = db_begin_write(r->app->db, &error);
			r->in_batch = st == DB_OK;
			r->batch_started = g_get_monotonic_time();
		}
		if (st == DB_OK)
			st = db_savepoint(r->app->db, &error);
		if (st == DB_OK) {
			st = ingest_mail(r->in, &job->info, r->list_id,
					 job->packed, len, g_get_real_time(),
					 &result, &error);
			/* Patchwork's parsearchive has no transaction
			 * around a mail: what happened before a duplicate
			 * was detected (a renamed person) stays. */
			if (st == DB_OK)
				st = db_release(r->app->db, &error);
			else
				db_rollback_savepoint(r->app->db);
		}
		if (st == DB_OK && ++r->batch_mails >= BATCH_MAILS)
			st = commit_batch(r, &error) ? DB_OK : DB_ERROR;
		if (st == DB_OK &&
		    g_get_monotonic_time() - r->batch_started > BATCH_US)
			st = commit_batch(r, &error) ? DB_OK : DB_ERROR;
	}
	if (st != DB_OK) {
		if (r->in_batch)
			db_rollback(r->app->db);
		r->in_batch = FALSE;
		cmd_error("cannot store mail %" G_GUINT64_FORMAT " (%s): %s",
			  index,
			  job->info.msgid ? job->info.msgid : "no message id",
			  error ? error->message : "unknown error");
		ingest_result_clear(&result);
		return FALSE;
	}
	count(&r->counts, result.outcome);
	if (r->outcomes)
		fprintf(r->outcomes, "%" G_GUINT64_FORMAT "\t%s\t%s\t%s\n",
			index, job->info.msgid ? job->info.msgid : "",
			ingest_outcome_name(result.outcome),
			result.detail ? result.detail : "");
	if (result.outcome == INGEST_REJECTED && r->app->verbose)
		cmd_error("mail %" G_GUINT64_FORMAT " rejected: %s", index,
			  result.detail);
	ingest_result_clear(&result);
	return TRUE;
}

static void show_progress(struct run *r, struct archive *a)
{
	guint64 done, total;
	archive_progress(a, &done, &total);
	double secs = (g_get_monotonic_time() - r->started) / 1e6;
	fprintf(stderr, "\r%06" G_GUINT64_FORMAT " mails, %3.0f%%, %.0f/s ",
		r->counts.total, total ? 100.0 * done / total : 0.0,
		secs > 0 ? r->counts.total / secs : 0.0);
}

/* Feeds one archive through the pipeline; FALSE on a fatal error. */
static gboolean run_archive(struct run *r, struct pipeline *p,
			    struct archive *a)
{
	gboolean more = TRUE, ok = TRUE;
	g_autoptr(GError) error = NULL;
	guint64 index = r->counts.total;

	p->head = p->tail = 0;
	while (ok) {
		/* Keep the window full. */
		while (more && p->tail - p->head < WINDOW &&
		       (p->tail == p->head ||
			p->bytes < WINDOW_MAX_SIZE_MAILS * p->max_bytes)) {
			GBytes *raw = NULL;
			more = archive_next(a, &raw, &error);
			if (!more)
				break;
			struct job *job = &p->jobs[p->tail % WINDOW];
			job->raw = raw;
			p->bytes += g_bytes_get_size(raw);
			job->universal = archive_universal_newlines(a);
			p->tail++;
			g_thread_pool_push(p->pool, job, NULL);
		}
		if (p->head == p->tail)
			break;
		struct job *job = &p->jobs[p->head % WINDOW];
		g_mutex_lock(&p->lock);
		while (!job->done)
			g_cond_wait(&p->cond, &p->lock);
		g_mutex_unlock(&p->lock);
		ok = ingest_job(r, job, index++);
		p->bytes -= g_bytes_get_size(job->raw);
		job_clear(job);
		p->head++;
		if (r->progress && r->counts.total % 100 == 0)
			show_progress(r, a);
	}
	if (ok && !commit_batch(r, &error))
		ok = FALSE;
	/* On a fatal error, let in-flight jobs finish before reuse. */
	while (p->head != p->tail) {
		struct job *job = &p->jobs[p->head % WINDOW];
		g_mutex_lock(&p->lock);
		while (!job->done)
			g_cond_wait(&p->cond, &p->lock);
		g_mutex_unlock(&p->lock);
		p->bytes -= g_bytes_get_size(job->raw);
		job_clear(job);
		p->head++;
	}
	if (error) {
		cmd_error("%s", error->message);
		return FALSE;
	}
	return ok;
}

int cmd_parsearchive(struct app *app, int argc, char **argv)
{
	char *list_id = NULL, *outcomes = NULL;
	int threads = 0;
	const GOptionEntry entries[] = {
		{"list-id", 0, 0, G_OPTION_ARG_STRING, &list_id,
		 "use this list id instead of the mails' List-Id headers",
		 "ID"},
		{"threads", 0, 0, G_OPTION_ARG_INT, &threads,
		 "decoding threads (default: one per CPU)", "N"},
		{"outcomes", 0, 0, G_OPTION_ARG_FILENAME, &outcomes,
		 "write each mail's outcome to FILE (TSV)", "FILE"},
		{NULL},
	};
	struct run r = {.app = app};
	struct pipeline p = {.max_bytes = app->cfg.max_mail_bytes};
	int rc = EX_USAGE;

	if (!cmd_parse_options("[--list-id ID] PATH...",
			       "Store every mail of mbox files, maildirs or "
			       "public-inbox repositories.",
			       entries, &argc, &argv))
		goto out;
	if (argc < 2) {
		cmd_error("usage: darn parsearchive [--list-id ID] PATH...");
		goto out;
	}
	if (threads <= 0)
		threads = (int)g_get_num_processors();
	threads = CLAMP(threads, 1, 64);
	if (outcomes) {
		r.outcomes = fopen(outcomes, "w");
		if (!r.outcomes) {
			cmd_error("cannot write '%s': %s", outcomes,
				  g_strerror(errno));
			rc = EX_CANTCREAT;
			goto out;
		}
		fputs("index\tmsgid\toutcome\tdetail\n", r.outcomes);
	}

	r.in = ingest_new(app->db);
	r.list_id = list_id;
	r.progress = isatty(2);
	r.started = g_get_monotonic_time();
	cmd_mail_limits(&app->cfg, &p.limits);
	g_mutex_init(&p.lock);
	g_cond_init(&p.cond);
	p.pool = g_thread_pool_new(decode_job, &p, threads, FALSE, NULL);
	db_set_bulk(app->db, TRUE);

	rc = 0;
	for (int i = 1; i < argc && rc == 0; i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(archive) a = archive_open(argv[i], &error);
		if (!a) {
			cmd_error("%s", error->message);
			rc = EX_NOINPUT;
			break;
		}
		if (!run_archive(&r, &p, a))
			rc = EX_SOFTWARE;
	}
	db_set_bulk(app->db, FALSE);
	g_thread_pool_free(p.pool, FALSE, TRUE);
	g_mutex_clear(&p.lock);
	g_cond_clear(&p.cond);
	ingest_free(r.in);
	if (r.progress)
		fputs("\r\033[K", stderr);

	const struct counts *c = &r.counts;
	printf("Processed %" G_GUINT64_FORMAT " messages -->\n"
	       "  %4" G_GUINT64_FORMAT " cover letters\n"
	       "  %4" G_GUINT64_FORMAT " patches\n"
	       "  %4" G_GUINT64_FORMAT " comments\n"
	       "  %4" G_GUINT64_FORMAT " duplicates\n"
	       "  %4" G_GUINT64_FORMAT " dropped\n"
	       "  %4" G_GUINT64_FORMAT " errors\n"
	       "Total: %" G_GUINT64_FORMAT " new entries\n",
	       c->total, c->covers, c->patches, c->comments, c->duplicates,
	       c->dropped, c->errors,
	       c->total - c->duplicates - c->dropped - c->errors);
	if (app->verbose) {
		double secs = (g_get_monotonic_time() - r.started) / 1e6;
		fprintf(stderr,
			"darn: %" G_GUINT64_FORMAT " mails in %.2f s "
			"(%.0f mails/s)\n",
			c->total, secs, secs > 0 ? c->total / secs : 0.0);
	}
out:
	if (r.outcomes)
		fclose(r.outcomes);
	g_free(list_id);
	g_free(outcomes);
	return rc;
}
