/*
 * A mail's body as Patchwork stores it (ingest.md §10): the MIME walk over
 * the text parts, transfer and charset decoding with Python's rules, the
 * diff split out of the first plain part that has one (or an x-patch /
 * x-diff attachment), and the cleaned message text.
 *
 * GMime is initialised on first use (thread-safe); every function here is
 * thread-safe.
 */
#ifndef DARN_MAIL_CONTENT_H
#define DARN_MAIL_CONTENT_H

#include <glib.h>

#include "mail/limits.h"

struct mail_body {
	/* The diff (UTF-8, NULs removed), or NULL when there is none. It
	 * is "" only in Patchwork's corner case of an empty x-patch
	 * attachment and no later diff (a pull request then stores it). */
	char *diff;
	/* The stored content: cleaned comment text with NULs removed and
	 * "\r\n" turned into "\n" (§10.6). Never NULL, may be "". */
	char *message;
};

/* Frees both strings and sets them to NULL. */
void mail_body_clear(struct mail_body *body);

/*
 * Fills *out from the raw mail data[0..len) (which may start with an mbox
 * "From " line), with no limits (mail_limits_none): for tests and bytes
 * darn wrote itself. is_reply selects find_comment_content (§10.4: the diff
 * stays NULL and a diff in the text stays in the message) instead of
 * find_patch_content (§10.3).
 *
 * Returns FALSE with *error set (MAIL_BODY_ERROR) only where Patchwork's
 * parser raises on the body, which makes it reject the whole mail: a part
 * whose charset names a Python codec that is not a text codec (e.g.
 * charset=base64). *out is then cleared. On TRUE the caller owns *out
 * (mail_body_clear()).
 */
gboolean mail_body_extract(const char *data, gsize len, gboolean is_reply,
			   struct mail_body *out, GError **error);

/*
 * The same for a mail whose header block the caller has already split
 * with mail_init() (message.h), which saves splitting it twice, reading
 * no more than `limits` allow: the MIME parts and their nesting, and the
 * header fields of the parts and attached messages, counted on from the
 * mail's own. Over a limit it returns FALSE with a MAIL_LIMIT_ERROR
 * (limits.h) and stops at once. The mail and its bytes are only
 * borrowed.
 */
struct mail;
gboolean mail_body_extract_parsed(const struct mail *mail, gboolean is_reply,
				  const struct mail_limits *limits,
				  struct mail_body *out, GError **error);

#define MAIL_BODY_ERROR (mail_body_error_quark())
GQuark mail_body_error_quark(void);

enum mail_body_error_code {
	MAIL_BODY_ERROR_CODEC, /* Python would raise LookupError/UnicodeError */
};

#endif
