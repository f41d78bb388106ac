/*
 * Author rules that need no database (ingest.md §7): splitting a From
 * style value into name and email, the email validity check, and undoing
 * the DMARC From munging of mailing lists (§7.3).
 *
 * Inputs are clean_header() results (UTF-8; invalid UTF-8 is repaired
 * first, never read past). Every returned string is newly allocated and
 * owned by the caller (g_free). All functions are pure and thread-safe.
 */
#ifndef DARN_MAIL_ADDRESS_H
#define DARN_MAIL_ADDRESS_H

#include <glib.h>

/* Person.name and Person.email hold at most this many characters. */
#define ADDRESS_MAX_CHARS 255

/*
 * split_from_header (§7.1): *name_out is the display name or NULL when the
 * value has none ("" for `<a@example.com>`); *email_out is the address, or
 * NULL when it fails the validity check. Neither is stripped or truncated.
 */
void address_split(const char *from, char **name_out, char **email_out);

/*
 * address_split() then, for each part that is not NULL, strip white space
 * and keep the first 255 characters, as get_or_create_author() (§7.2
 * step 3) and get_original_sender() do.
 */
void address_split_trimmed(const char *from, char **name_out, char **email_out);

/* TRUE when email passes Patchwork's validity regex (§7.1). */
gboolean address_email_valid(const char *email);

/*
 * The sender's own name inside a list-munged display name (§7.3 step 1):
 * "Jane Doe via List" and "'Jane Doe' via List" give "Jane Doe" (text
 * before the last " via ", stripped of white space, then of quotes), as
 * does a name ending in " via". NULL when the name has neither form.
 */
char *address_via_stripped_name(const char *name);

/*
 * get_original_sender (§7.3) for a mail whose From address is the list's.
 * name/email: the trimmed From parts (name may be NULL). original_from:
 * the cleaned X-Original-From or NULL. reply_to_cc: the cleaned values of
 * every Reply-To header, then every Cc header, in order; an entry is NULL
 * when that header could not be decoded.
 *
 * Sets *name_out (may be NULL: no name) and *email_out, which may also be
 * NULL: the reference then goes on to fail creating a Person without an
 * email, so the caller must reject the mail. Returns FALSE, leaving the
 * outputs unset, where the reference raises an exception instead (quirk):
 * name is NULL; X-Original-From holds no valid address; a Reply-To or Cc
 * value that must be read is undecodable.
 */
gboolean address_original_sender(const char *name, const char *email,
				 const char *original_from,
				 GPtrArray *reply_to_cc, char **name_out,
				 char **email_out);

#endif
