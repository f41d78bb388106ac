/*
 * Outgoing mail: one plain-text message piped to a sendmail-compatible
 * command ([mail] sendmail, default "/usr/sbin/sendmail -t -i"), which
 * reads the recipients from the To: header. The command line is split
 * into words as a shell would but run without one, so no value of a
 * message reaches a shell. Header values must be one line (a CR or LF
 * would start a header of the sender's choosing): they are refused.
 */
#ifndef DARN_MAIL_SENDMAIL_H
#define DARN_MAIL_SENDMAIL_H

#include <glib.h>

/* Largest message darn sends, and the time the command has to take it. */
#define SENDMAIL_MAX_BYTES 65536
#define SENDMAIL_TIMEOUT_S 30

struct outgoing_mail {
	const char *from, *to, *subject;
	const char *body; /* UTF-8 text, lines ending in \n */
	/* More header fields, "Name: value" each, NULL-terminated; NULL for
	 * none. Borrowed. Held to the one-line rule like the others. */
	const char *const *headers;
};

/* The From address darn's mails carry when [mail] from is empty:
 * "Patchwork <darn@HOST>", HOST taken from base_url ("https://h:8000/x"
 * gives "h"; "" or NULL gives localhost). New string. */
char *sendmail_default_from(const char *base_url);

/* The message as sent (headers, empty line, body); NULL with *error when
 * a header value holds a line break or the message is too large. */
char *sendmail_message(const struct outgoing_mail *m, GError **error);

/* Sends m through `command`; FALSE with *error when the command cannot
 * run, fails, or takes longer than SENDMAIL_TIMEOUT_S (it is killed). */
gboolean sendmail_send(const char *command, const struct outgoing_mail *m,
		       GError **error);

#endif
