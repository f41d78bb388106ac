/*
 * A mail's header block, read the way Python's email package (policy
 * compat32) reads it, because Patchwork's every decision starts from those
 * values: which lines are headers, where a folded value ends, what the raw
 * value of a header is (ingest.md §2).
 *
 * The body is not parsed here: content.c hands the whole mail to GMime.
 */
#ifndef DARN_MAIL_MESSAGE_H
#define DARN_MAIL_MESSAGE_H

#include <glib.h>

#include "mail/limits.h"

struct mail_header {
	/* Both point into the mail's bytes and are not NUL-terminated. */
	const char *name;
	gsize name_len;
	/* The raw value: text after "Name:" with leading SP/HTAB removed,
	 * continuation lines included with their line breaks, trailing CR/LF
	 * removed. May hold 8-bit bytes and NULs. */
	const char *value;
	gsize value_len;
};

struct mail {
	const char *data; /* borrowed: the caller keeps the bytes alive */
	gsize len;
	GArray *headers;   /* struct mail_header, in order */
	gsize body_offset; /* first byte of the body */
};

/*
 * Splits the header block of data[0..len). Never fails: any bytes give
 * some (possibly empty) header list, as Python's parser does. The mail
 * borrows data, which must outlive it. Free with mail_clear().
 */
void mail_init(struct mail *mail, const char *data, gsize len);

/*
 * mail_init() for bytes from outside: fails (FALSE, *error set to a
 * MAIL_LIMIT_ERROR) as soon as the header block grows past
 * limits->max_header_bytes, or the fields read, added to the `counted`
 * ones read elsewhere in the same mail, pass limits->max_header_count.
 * The mail then holds what was read so far; mail_clear() it either way.
 */
gboolean mail_init_bounded(struct mail *mail, const char *data, gsize len,
			   const struct mail_limits *limits, guint64 counted,
			   GError **error);
void mail_clear(struct mail *mail);

/* First header called `name` (ASCII case-insensitive), or NULL. */
const struct mail_header *mail_header(const struct mail *mail,
				      const char *name);
/* Index of the next header called `name` at or after `from`, or -1. */
gssize mail_header_next(const struct mail *mail, const char *name, gsize from);

/* Helpers over header_clean() (header.h) for the first `name` header:
 * the cleaned value, or NULL when absent or undecodable. */
char *mail_header_clean(const struct mail *mail, const char *name);

#endif
