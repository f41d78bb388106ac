/*
 * ingest: Patchwork's parse_mail() decisions (ingest.md §3-§18) over a
 * decoded mail (mail/mailinfo.h) and the database (store/db.h): which
 * project, which person, patch or cover or comment or nothing, which
 * series, which delegate and state, which events.
 *
 * The caller owns the transaction: it calls ingest_mail() between
 * db_begin_write() and db_commit()/db_rollback(), so one mail is stored
 * whole or not at all, and concurrent deliveries are serialised.
 */
#ifndef DARN_CORE_INGEST_H
#define DARN_CORE_INGEST_H

#include <glib.h>

#include "mail/mailinfo.h"
#include "store/db.h"

enum ingest_outcome {
	INGEST_PATCH,
	INGEST_COVER,
	INGEST_PATCH_COMMENT,
	INGEST_COVER_COMMENT,
	INGEST_DROPPED,	  /* deliberately not stored; detail says why */
	INGEST_DUPLICATE, /* already stored; nothing new */
	INGEST_REJECTED,  /* Patchwork's ValueError: detail is its message */
};

/* Name of an outcome as the golden outcome files spell it. */
const char *ingest_outcome_name(enum ingest_outcome o);

struct ingest_result {
	enum ingest_outcome outcome;
	gint64 id;    /* row id of what was stored, or 0 */
	char *detail; /* why dropped or rejected; owned, may be NULL */
	/* dropped because no project matched the mail's list id */
	gboolean no_project;
};
void ingest_result_clear(struct ingest_result *r);

/* Per-run state: caches of projects, compiled regexes, tags. Lives as long
 * as the command (one mail for parsemail, a whole archive for
 * parsearchive); owns nothing of the database but prepared statements'
 * results it copied. */
struct ingest;

struct ingest *ingest_new(struct db *db);
void ingest_free(struct ingest *in);
typedef struct ingest ingest;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ingest, ingest_free)

/*
 * Decides and stores one mail inside the caller's write transaction.
 * list_id (may be NULL) overrides the mail's list headers. raw is the
 * compressed mail (zraw.h) of raw_size bytes, stored with what the mail
 * creates; now is the time used where the mail has no usable date and for
 * events (µs UTC).
 *
 * Returns DB_OK with *result filled for every outcome, including dropped,
 * duplicate and rejected (then the caller decides whether to keep side
 * effects such as a renamed person: Patchwork's parsearchive keeps them,
 * parsemail rolls back). Any other status is a database failure (DB_BUSY
 * when locked): roll back, nothing of the mail is stored.
 */
enum db_status ingest_mail(struct ingest *in, const struct mail_info *info,
			   const char *list_id, GBytes *raw, gsize raw_size,
			   gint64 now, struct ingest_result *result,
			   GError **error);

#endif
