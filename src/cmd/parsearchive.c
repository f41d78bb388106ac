/*
 * darn parsearchive: store every mail of one or more archives (mbox,
 * maildir, public-inbox), in archive order, and print Patchwork's summary.
 *
 * Decoding a mail needs no database, so worker threads decode and compress
 * mails ahead of the main thread, which ingests them strictly in order.
 * A bounded window of mails in flight keeps memory flat whatever the
 * archive's size.
 *
 * What the summary and --outcomes report is what was committed: a mail's
 * outcome is held back until the batch holding it commits, and dropped if
 * the batch is rolled back (a full disk). Each commit also records how
 * far the archive was read (db_archive_progress_set), so a run that was
 * interrupted resumes after its last commit when it is run again, with
 * exactly the result of an uninterrupted run.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

#include "archive/archive.h"
#include "cmd/cmd.h"
#include "core/ingest.h"
#include "mail/mailinfo.h"
#include "util/crypto-dl.h"
#include "util/zraw.h"

#define WINDOW 256 /* mails decoded ahead of the ingesting thread */
#define BATCH_MAILS 1000
#define BATCH_US (250 * 1000) /* longest a batch keeps the write lock */
#define MAX_LIST_IDS 5	      /* list ids named when nothing matched */

struct job {
	GBytes *raw;	    /* NULL when the archive could not read it */
	gboolean universal; /* decode with universal newlines */
	gboolean skip;	    /* resuming: only the digest is wanted */
	struct mail_info info;
	gboolean ok; /* info extracted */
	GBytes *packed;
	char *error;
	guint8 digest[32]; /* SHA-256 of raw (of error when raw is NULL) */
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

static void sha256(const void *data, gsize len, guint8 out[32])
{
	const struct crypto_api *c = crypto_api();
	unsigned int n = 32;
	c->EVP_Digest(data, len, out, &n, c->EVP_sha256(), NULL);
}

static void decode(struct job *job, const struct pipeline *p)
{
	gsize len;
	const char *bytes = g_bytes_get_data(job->raw, &len);
	g_autoptr(GError) error = NULL;

	if ((gint64)len > p->max_bytes) {
		job->error = g_strdup_printf(
			"mail is larger than %" G_GINT64_FORMAT " bytes",
			p->max_bytes);
		return;
	}
	g_autoptr(GBytes) text = job->universal
					 ? mail_universal_newlines(job->raw)
					 : g_bytes_ref(job->raw);
	gsize text_len;
	const char *text_data = g_bytes_get_data(text, &text_len);
	job->ok = mail_info_extract(text_data ? text_data : "", text_len,
				    &p->limits, &job->info, &error);
	if (job->ok)
		job->packed = zraw_compress(bytes ? bytes : "", len);
	else
		job->error = g_strdup(error->message);
}

static void decode_job(gpointer data, gpointer user)
{
	struct job *job = data;
	struct pipeline *p = user;

	if (job->raw) {
		gsize len;
		const char *bytes = g_bytes_get_data(job->raw, &len);
		sha256(bytes ? bytes : "", len, job->digest);
		if (!job->skip)
			decode(job, p);
	} else {
		sha256(job->error, strlen(job->error), job->digest);
	}
	/* OpenSSL keeps state per thread (its error stack) until the
	 * thread ends, and GLib keeps a pool's idle threads past
	 * g_thread_pool_free: freed here, no thread holds any when the
	 * process exits (LeakSanitizer saw it as a leak, now and then) */
	crypto_api()->OPENSSL_thread_stop();
	g_mutex_lock(&p->lock);
	job->done = TRUE;
	g_cond_broadcast(&p->cond);
	g_mutex_unlock(&p->lock);
}

/* What a job's mail holds of the window's byte budget. */
static gint64 job_size(const struct job *job)
{
	return job->raw ? (gint64)g_bytes_get_size(job->raw) : 0;
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
	guint64 no_project; /* of dropped */
};

static void count(struct counts *c, const struct ingest_result *r)
{
	c->total++;
	switch (r->outcome) {
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
		c->no_project += r->no_project;
		break;
	case INGEST_REJECTED:
		c->errors++;
		break;
	}
}

static void counts_add(struct counts *to, const struct counts *c)
{
	to->total += c->total;
	to->covers += c->covers;
	to->patches += c->patches;
	to->comments += c->comments;
	to->duplicates += c->duplicates;
	to->dropped += c->dropped;
	to->errors += c->errors;
	to->no_project += c->no_project;
}

struct run {
	struct app *app;
	struct ingest *in;
	const char *list_id;
	gboolean restart;     /* --restart: ignore an interrupted run */
	struct counts counts; /* committed */
	gboolean progress;    /* stderr is a terminal */
	FILE *outcomes;	      /* --outcomes FILE, or NULL */
	gint64 started;
	GHashTable *list_ids; /* list ids of mails no project matched */

	/* The archive being read. */
	const char *key; /* its canonical path */
	guint64 base;	 /* mails of the archives before it (--outcomes) */
	struct db_archive_progress read; /* mails read so far, chained */

	/* The open batch: a write transaction and what it holds. */
	gboolean in_batch;
	guint batch_mails;
	gint64 batch_started; /* monotonic µs */
	struct counts pending;
	GString *pending_outcomes;
};

static void fold_digest(struct db_archive_progress *p, const guint8 mail[32])
{
	guint8 link[64];
	memcpy(link, p->digest, 32);
	memcpy(link + 32, mail, 32);
	sha256(link, sizeof(link), p->digest);
	p->mails++;
}

static void forget_batch(struct run *r)
{
	r->in_batch = FALSE;
	r->batch_mails = 0;
	memset(&r->pending, 0, sizeof(r->pending));
	g_string_truncate(r->pending_outcomes, 0);
}

/* Commits the open batch with the archive's position; FALSE (error set)
 * when that fails, and then nothing of the batch is counted. */
static gboolean commit_batch(struct run *r, GError **error)
{
	if (!r->in_batch)
		return TRUE;
	enum db_status st = db_archive_progress_set(
		r->app->db, r->key, &r->read, g_get_real_time(), error);
	if (st == DB_OK)
		st = db_commit(r->app->db, error);
	if (st != DB_OK) {
		db_rollback(r->app->db);
		forget_batch(r);
		return FALSE;
	}
	counts_add(&r->counts, &r->pending);
	if (r->outcomes)
		fwrite(r->pending_outcomes->str, 1, r->pending_outcomes->len,
		       r->outcomes);
	forget_batch(r);
	return TRUE;
}

/* Stores one decoded mail inside its savepoint in the open batch. */
static enum db_status store_job(struct run *r, struct job *job,
				struct ingest_result *result, GError **error)
{
	enum db_status st = db_savepoint(r->app->db, error);
	if (st != DB_OK)
		return st;
	st = ingest_mail(r->in, &job->info, r->list_id, job->packed,
			 g_bytes_get_size(job->raw), g_get_real_time(), result,
			 error);
	/* Patchwork's parsearchive has no transaction around a mail: what
	 * happened before a duplicate was detected (a renamed person)
	 * stays. */
	if (st == DB_OK)
		return db_release(r->app->db, error);
	db_rollback_savepoint(r->app->db);
	return st;
}

static void remember_list_id(struct run *r, const struct job *job)
{
	const GPtrArray *ids = job->info.list_ids;
	const char *id = ids && ids->len ? ids->pdata[0] : "(none)";
	if (g_hash_table_size(r->list_ids) < MAX_LIST_IDS ||
	    g_hash_table_contains(r->list_ids, id))
		g_hash_table_replace(r->list_ids, g_strdup(id),
				     GUINT_TO_POINTER(1));
}

/*
 * Ingests one decoded job inside the current batch; returns FALSE on a
 * database failure, after which the run stops (what was committed stays).
 *
 * Mails are grouped into one transaction per BATCH_MAILS mails or
 * BATCH_US microseconds, each mail inside its own savepoint: a mail is
 * still stored whole or not at all, and the commit cost (SQLite rewrites
 * every touched index page per commit) is paid once per batch. A crash
 * loses at most the open batch, which a re-run stores.
 */
static gboolean ingest_job(struct run *r, struct job *job, guint64 index)
{
	g_autoptr(GError) error = NULL;
	struct ingest_result result = {0};
	enum db_status st = DB_OK;

	fold_digest(&r->read, job->digest);
	/* Every mail, stored or not, moves the archive's position, which is
	 * written in the batch's transaction. */
	if (!r->in_batch) {
		st = db_begin_write(r->app->db, &error);
		r->in_batch = st == DB_OK;
		r->batch_started = g_get_monotonic_time();
	}
	if (st == DB_OK && !job->ok) {
		result.outcome = INGEST_REJECTED;
		result.detail = g_strdup(job->error);
	} else if (st == DB_OK) {
		st = store_job(r, job, &result, &error);
	}
	if (st == DB_OK && result.no_project)
		remember_list_id(r, job);
	if (st == DB_OK) {
		count(&r->pending, &result);
		g_string_append_printf(r->pending_outcomes,
				       "%" G_GUINT64_FORMAT "\t%s\t%s\t%s\n",
				       index,
				       job->info.msgid ? job->info.msgid : "",
				       ingest_outcome_name(result.outcome),
				       result.detail ? result.detail : "");
		if (result.outcome == INGEST_REJECTED && r->app->verbose)
			cmd_error("mail %" G_GUINT64_FORMAT " rejected: %s",
				  index, result.detail);
	}
	if (st == DB_OK &&
	    (++r->batch_mails >= BATCH_MAILS ||
	     g_get_monotonic_time() - r->batch_started > BATCH_US))
		st = commit_batch(r, &error) ? DB_OK : DB_ERROR;
	ingest_result_clear(&result);
	if (st == DB_OK)
		return TRUE;
	if (r->in_batch)
		db_rollback(r->app->db);
	forget_batch(r);
	cmd_error("cannot store mail %" G_GUINT64_FORMAT " (%s): %s", index,
		  job->info.msgid ? job->info.msgid : "no message id",
		  error ? error->message : "unknown error");
	return FALSE;
}

static void show_progress(struct run *r, struct archive *a)
{
	guint64 done, total;
	archive_progress(a, &done, &total);
	double secs = (g_get_monotonic_time() - r->started) / 1e6;
	guint64 n = r->counts.total + r->pending.total;
	fprintf(stderr, "\r%06" G_GUINT64_FORMAT " mails, %3.0f%%, %.0f/s ", n,
		total ? 100.0 * done / total : 0.0, secs > 0 ? n / secs : 0.0);
}

/* Takes the next mail of the archive into a job; FALSE at the end or on
 * a fatal read error (*error set). */
static gboolean next_job(struct archive *a, struct job *job, GError **error)
{
	g_autoptr(GError) failure = NULL;
	GBytes *raw = NULL;

	if (archive_next(a, &raw, &failure)) {
		job->raw = raw;
		job->universal = archive_universal_newlines(a);
		return TRUE;
	}
	if (!failure)
		return FALSE;
	if (!g_error_matches(failure, ARCHIVE_ERROR, ARCHIVE_ERROR_MAIL)) {
		g_propagate_error(error, g_steal_pointer(&failure));
		return FALSE;
	}
	/* One unreadable mail is counted as an error; the import goes on. */
	job->error = g_strdup(failure->message);
	return TRUE;
}

static void wait_job(struct pipeline *p, struct job *job)
{
	g_mutex_lock(&p->lock);
	while (!job->done)
		g_cond_wait(&p->cond, &p->lock);
	g_mutex_unlock(&p->lock);
}

enum run_result {
	RUN_DONE,
	RUN_FAILED,
	RUN_CHANGED, /* not the archive of the interrupted run */
};

/*
 * Feeds one archive through the pipeline. The first `resume->mails`
 * mails were committed by an interrupted run: they are read again only
 * to check, by their chained digest, that the archive is the same.
 */
static enum run_result run_archive(struct run *r, struct pipeline *p,
				   struct archive *a,
				   const struct db_archive_progress *resume)
{
	gboolean more = TRUE, ok = TRUE, changed = FALSE;
	g_autoptr(GError) error = NULL;
	guint64 index = r->base;

	memset(&r->read, 0, sizeof(r->read));
	p->head = p->tail = 0;
	while (ok) {
		/* Keep the window full. */
		while (more && p->tail - p->head < WINDOW &&
		       (p->tail == p->head ||
			p->bytes < WINDOW_MAX_SIZE_MAILS * p->max_bytes)) {
			struct job *job = &p->jobs[p->tail % WINDOW];
			more = next_job(a, job, &error);
			if (!more)
				break;
			p->bytes += job_size(job);
			job->skip = p->tail < resume->mails;
			p->tail++;
			g_thread_pool_push(p->pool, job, NULL);
		}
		if (p->head == p->tail)
			break;
		struct job *job = &p->jobs[p->head % WINDOW];
		wait_job(p, job);
		if (job->skip) {
			fold_digest(&r->read, job->digest);
			if (r->read.mails == resume->mails &&
			    memcmp(r->read.digest, resume->digest, 32) != 0)
				changed = TRUE;
		} else {
			ok = ingest_job(r, job, index);
		}
		index++;
		p->bytes -= job_size(job);
		job_clear(job);
		p->head++;
		if (changed)
			break;
		if (r->progress && (index - r->base) % 100 == 0)
			show_progress(r, a);
	}
	if (!changed && r->read.mails < resume->mails && !error)
		changed = TRUE; /* the archive is shorter than what was read */
	if (ok && !changed && !commit_batch(r, &error))
		ok = FALSE;
	/* On a fatal error, let in-flight jobs finish before reuse. */
	while (p->head != p->tail) {
		struct job *job = &p->jobs[p->head % WINDOW];
		wait_job(p, job);
		p->bytes -= job_size(job);
		job_clear(job);
		p->head++;
	}
	if (error) {
		cmd_error("%s", error->message);
		return RUN_FAILED;
	}
	if (changed)
		return RUN_CHANGED;
	return ok ? RUN_DONE : RUN_FAILED;
}

/* Where an interrupted run of this archive stopped ({0} for none). */
static gboolean find_resume_point(struct run *r, const char *path,
				  struct db_archive_progress *resume)
{
	g_autoptr(GError) error = NULL;

	memset(resume, 0, sizeof(*resume));
	if (r->restart)
		return TRUE;
	enum db_status st =
		db_archive_progress_get(r->app->db, r->key, resume, &error);
	if (st == DB_NOT_FOUND)
		return TRUE;
	if (st != DB_OK) {
		cmd_error("%s", error->message);
		return FALSE;
	}
	fprintf(stderr,
		"darn: resuming '%s' after mail %" G_GUINT64_FORMAT
		", where an interrupted run stopped (--restart reads it "
		"all again)\n",
		path, resume->mails);
	return TRUE;
}

/* Reads the archive at `path` from its start, or from where an
 * interrupted run stopped; an exit code. */
static int read_archive(struct run *r, struct pipeline *p, const char *path)
{
	struct db_archive_progress resume;
	g_autoptr(GError) error = NULL;
	g_autoptr(archive) a = archive_open(path, &error);
	if (!a) {
		cmd_error("%s", error->message);
		return EX_NOINPUT;
	}
	if (!find_resume_point(r, path, &resume))
		return EX_SOFTWARE;
	switch (run_archive(r, p, a, &resume)) {
	case RUN_DONE:
		r->base += r->read.mails;
		return 0;
	case RUN_FAILED:
		return EX_SOFTWARE;
	case RUN_CHANGED:
		break;
	}
	cmd_error("'%s' is not the archive the interrupted run read (its "
		  "first %" G_GUINT64_FORMAT " mails differ); reading it all",
		  path, resume.mails);
	g_clear_pointer(&a, archive_close);
	a = archive_open(path, &error);
	if (!a) {
		cmd_error("%s", error->message);
		return EX_NOINPUT;
	}
	memset(&resume, 0, sizeof(resume));
	if (run_archive(r, p, a, &resume) != RUN_DONE)
		return EX_SOFTWARE;
	r->base += r->read.mails;
	return 0;
}

/*
 * Two runs importing one archive at once (an overlapping cron job) would
 * both resume from the same point and store its replies twice: the
 * second gives up and says so. The lock goes with the process, so a
 * killed run leaves none behind. Returns the locked descriptor, -1 when
 * another run holds the lock, or -2 when the path cannot be locked (it
 * is then read unlocked; archive_open reports a missing path).
 */
static int lock_archive(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -2;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return fd;
	int err = errno;
	close(fd);
	return err == EWOULDBLOCK ? -1 : -2;
}

/* Imports one archive; an exit code. */
static int import(struct run *r, struct pipeline *p, const char *path)
{
	int lock = lock_archive(path);
	if (lock == -1) {
		cmd_error("another darn parsearchive is reading '%s'; try "
			  "again when it is done",
			  path);
		return EX_TEMPFAIL;
	}
	int rc = read_archive(r, p, path);
	if (lock >= 0)
		close(lock);
	return rc;
}

/*
 * The run completed: its resume points go, in a durable commit (bulk mode
 * is off by now), which makes every earlier commit durable too.
 */
static int forget_resume_points(struct run *r, char **keys)
{
	g_autoptr(GError) error = NULL;
	enum db_status st = db_begin_write(r->app->db, &error);
	for (char **k = keys; st == DB_OK && *k; k++)
		st = db_archive_progress_delete(r->app->db, *k, &error);
	if (st == DB_OK)
		st = db_commit(r->app->db, &error);
	if (st == DB_OK)
		return 0;
	db_rollback(r->app->db);
	cmd_error("%s", error->message);
	return cmd_db_exit(st);
}

static void print_summary(const struct counts *c)
{
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
}

/* Says so when no mail found a project: the usual first-run mistake. */
static void explain_no_project(const struct run *r)
{
	const struct counts *c = &r->counts;
	if (!c->no_project || c->no_project != c->total - c->errors)
		return;
	g_autoptr(GString) ids = g_string_new(NULL);
	GHashTableIter it;
	gpointer id;
	g_hash_table_iter_init(&it, r->list_ids);
	while (g_hash_table_iter_next(&it, &id, NULL))
		g_string_append_printf(ids, "%s'%s'", ids->len ? ", " : "",
				       (const char *)id);
	cmd_error("no mail matched a project (list ids seen: %s%s); add one "
		  "with 'darn project add --listid ID' or pass --list-id, "
		  "then run this again",
		  ids->str,
		  g_hash_table_size(r->list_ids) >= MAX_LIST_IDS ? ", ..."
								 : "");
}

int cmd_parsearchive(struct app *app, int argc, char **argv)
{
	char *list_id = NULL, *outcomes = NULL;
	int threads = 0;
	gboolean restart = FALSE;
	const GOptionEntry entries[] = {
		{"list-id", 0, 0, G_OPTION_ARG_STRING, &list_id,
		 "use this list id instead of the mails' List-Id headers",
		 "ID"},
		{"threads", 0, 0, G_OPTION_ARG_INT, &threads,
		 "decoding threads (default: one per CPU)", "N"},
		{"outcomes", 0, 0, G_OPTION_ARG_FILENAME, &outcomes,
		 "write each mail's outcome to FILE (TSV)", "FILE"},
		{"restart", 0, 0, G_OPTION_ARG_NONE, &restart,
		 "read every archive from its start, even where an "
		 "interrupted run stopped",
		 NULL},
		{NULL},
	};
	struct run r = {.app = app};
	struct pipeline p = {.max_bytes = app->cfg.max_mail_bytes};
	g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func(g_free);
	int rc = EX_USAGE;

	if (!cmd_parse_options("[--list-id ID] [--restart] PATH...",
			       "Store every mail of mbox files, maildirs or "
			       "public-inbox repositories. A run that was "
			       "interrupted resumes where its last commit "
			       "ended.",
			       entries, &argc, &argv))
		goto out;
	if (argc < 2) {
		cmd_error("usage: darn parsearchive [--list-id ID] PATH...");
		goto out;
	}
	r.restart = restart;
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
	r.list_ids =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	r.pending_outcomes = g_string_new(NULL);
	cmd_mail_limits(&app->cfg, &p.limits);
	g_mutex_init(&p.lock);
	g_cond_init(&p.cond);
	p.pool = g_thread_pool_new(decode_job, &p, threads, FALSE, NULL);
	db_set_bulk(app->db, TRUE);

	rc = 0;
	for (int i = 1; i < argc && rc == 0; i++) {
		/* The resume point is keyed by where the archive is, however
		 * the command names it. */
		char *key = realpath(argv[i], NULL);
		g_ptr_array_add(keys, g_strdup(key ? key : argv[i]));
		free(key);
		r.key = keys->pdata[keys->len - 1];
		rc = import(&r, &p, argv[i]);
	}
	db_set_bulk(app->db, FALSE);
	g_ptr_array_add(keys, NULL);
	if (rc == 0)
		rc = forget_resume_points(&r, (char **)keys->pdata);
	g_thread_pool_free(p.pool, FALSE, TRUE);
	g_mutex_clear(&p.lock);
	g_cond_clear(&p.cond);
	ingest_free(r.in);
	if (r.progress)
		fputs("\r\033[K", stderr);

	print_summary(&r.counts);
	explain_no_project(&r);
	if (rc != 0 && r.counts.total)
		cmd_error("the summary counts what was committed; run the same "
			  "command again to resume where this run stopped");
	if (app->verbose) {
		double secs = (g_get_monotonic_time() - r.started) / 1e6;
		fprintf(stderr,
			"darn: %" G_GUINT64_FORMAT " mails in %.2f s "
			"(%.0f mails/s)\n",
			r.counts.total, secs,
			secs > 0 ? r.counts.total / secs : 0.0);
	}
	g_hash_table_destroy(r.list_ids);
	g_string_free(r.pending_outcomes, TRUE);
out:
	if (r.outcomes)
		fclose(r.outcomes);
	g_free(list_id);
	g_free(outcomes);
	return rc;
}
