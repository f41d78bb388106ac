/*
 * mailinfo: everything darn learns from one mail's bytes alone, before any
 * database lookup: the cleaned headers Patchwork consults, message id and
 * references, date, the stored header text, the body split into message
 * and diff, the pull URL, the diff's hash and file names.
 *
 * It is the mail/ layer's single product: core/ingest.c decides what to
 * store from it. Computing it needs no database, so parsearchive computes
 * many in parallel threads.
 */
#ifndef DARN_MAIL_MAILINFO_H
#define DARN_MAIL_MAILINFO_H

#include <glib.h>

#include "mail/content.h"
#include "mail/limits.h"

struct mail_info {
	/* ingest.md §3 step 1: presence of the required headers. */
	gboolean has_from, has_subject, has_msgid;

	char *hint;    /* cleaned X-Patchwork-Hint, or NULL */
	char *subject; /* cleaned Subject, NULL when absent or undecodable */
	gboolean subject_broken; /* Subject present but undecodable */
	gboolean is_reply;	 /* subject_check (§6.5) */

	/* §4: list ids from List-ID, X-Mailing-List, X-list, in that order
	 * (only the first occurrence of each; empty ones skipped). */
	GPtrArray *list_ids;

	char *msgid;	 /* §5.1, at most 255 characters; NULL = broken */
	GPtrArray *refs; /* §5.2, untruncated, in lookup order */

	gint64 date; /* §8, µs UTC; valid only when has_date */
	gboolean has_date;

	char *headers; /* §9: the stored header text */
	/* Why Python would raise while re-encoding some header (Patchwork
	 * then fails the mail once it gets that far), or NULL. */
	char *header_error;

	struct mail_body body; /* §10: message and diff */
	/* Why Patchwork would raise on the body (then body is empty and
	 * ingest rejects the mail), or NULL. */
	char *body_error;
	char *pull_url;	      /* §11, or NULL */
	char *hash;	      /* §12 of body.diff, or NULL without diff */
	GPtrArray *filenames; /* §13 of body.diff (empty without diff) */

	char *from; /* cleaned From, NULL when absent or undecodable */
	char *delegate_email;	  /* cleaned X-Patchwork-Delegate, or NULL */
	char *state_name;	  /* cleaned X-Patchwork-State, or NULL */
	gboolean action_required; /* X-Patchwork-Action-Required present */
	char *original_from;	  /* cleaned X-Original-From, or NULL */
	/* cleaned values of every Reply-To, then every Cc header; NULL
	 * entries for values that do not decode */
	GPtrArray *reply_to_cc;
};

/*
 * Fills *info from the mail data[0..len) (which may start with an mbox
 * "From " line), reading no more of it than `limits` allow. Returns FALSE
 * with *error set when the bytes are not a mail at all (MAIL_ERROR: no
 * header could be read) or when the mail is over one of the limits
 * (MAIL_LIMIT_ERROR, limits.h): the mail is then rejected whole. *info
 * is owned by the caller either way: mail_info_clear().
 */
gboolean mail_info_extract(const char *data, gsize len,
			   const struct mail_limits *limits,
			   struct mail_info *info, GError **error);
void mail_info_clear(struct mail_info *info);

/*
 * Python's universal newlines: "\r\n" and a lone "\r" become "\n". Patchwork
 * reads a mail delivered on stdin or from a maildir file through a text
 * wrapper that does this to the whole mail, headers included (but not the
 * mails of an mbox). Returns a new reference (raw itself when it has no
 * "\r").
 */
GBytes *mail_universal_newlines(GBytes *raw);

/* The list id inside a cleaned List-ID style header (§4 step 3), or NULL. */
char *mail_list_id_parse(const char *cleaned);

#define MAIL_ERROR (mail_error_quark())
GQuark mail_error_quark(void);

enum mail_error_code {
	MAIL_ERROR_NOT_A_MAIL,
};

#endif
