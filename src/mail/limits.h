/*
 * What reading one mail may cost: how many MIME parts, how deep they
 * nest, how many header fields and how large a header block. Without
 * them a 14 MB mail of two million empty parts took 2.6 GB and 26 s
 * (issue 7). The values come from the [ingest] keys of the configuration
 * table (src/util/config.c); a mail over a limit is rejected whole, with
 * an error that names the key (docs/ingest.md, "Limits").
 */
#ifndef DARN_MAIL_LIMITS_H
#define DARN_MAIL_LIMITS_H

#include <glib.h>

struct mail_limits {
	/* MIME parts below the mail (multipart children and the bodies
	 * of attached messages), all levels together */
	guint64 max_mime_parts;
	/* levels of multipart and message/... parts */
	guint max_mime_depth;
	/* header fields in the whole mail: its own, its parts' and those
	 * of attached messages */
	guint64 max_header_count;
	/* bytes of one header block darn reads itself (the mail's own, an
	 * attached message's) */
	guint64 max_header_bytes;
};

/* No limits at all: for unit tests and input darn wrote itself. */
extern const struct mail_limits mail_limits_none;

#define MAIL_LIMIT_ERROR (mail_limit_error_quark())
GQuark mail_limit_error_quark(void);

/* Which limit a mail is over (the MAIL_LIMIT_ERROR codes). */
enum mail_limit {
	MAIL_LIMIT_MIME_PARTS,
	MAIL_LIMIT_MIME_DEPTH,
	MAIL_LIMIT_HEADER_COUNT,
	MAIL_LIMIT_HEADER_BYTES,
};

/*
 * Sets *error (when error is non-NULL and *error unset) to the
 * MAIL_LIMIT_ERROR that says which limit of `limits` the mail is over
 * and which configuration key sets it, e.g. "more than 10000 MIME parts
 * (ingest.max_mime_parts)".
 */
void mail_limit_set_error(GError **error, const struct mail_limits *limits,
			  enum mail_limit which);

#endif
