/*
 * Mail archives read by parsearchive: mbox files (mboxo or mboxrd, split
 * like Python's mailbox.mbox), maildirs, and public-inbox git repositories
 * (one v2 epoch, or a directory of epochs, in commit order).
 *
 * archive_open() picks the reader from what PATH is. Mails come out one at
 * a time, in archive order, as GBytes the caller owns (for mbox files they
 * share the file's read-only mapping, so memory stays flat however large
 * the archive is).
 */
#ifndef DARN_ARCHIVE_ARCHIVE_H
#define DARN_ARCHIVE_ARCHIVE_H

#include <glib.h>

struct archive;

#define ARCHIVE_ERROR (archive_error_quark())
GQuark archive_error_quark(void);

enum archive_error_code {
	ARCHIVE_ERROR_NOT_FOUND,     /* the path does not exist */
	ARCHIVE_ERROR_NOT_SUPPORTED, /* not an archive darn can read */
	ARCHIVE_ERROR_FAILED,	     /* reading it failed */
	/* one mail cannot be read (a blob missing from a partial clone, a
	 * file gone from a maildir); the next archive_next() goes on */
	ARCHIVE_ERROR_MAIL,
};

/* Opens `path`. Returns NULL with *error set when it is none of the
 * supported kinds or cannot be read. */
struct archive *archive_open(const char *path, GError **error);

/* The next mail in *mail (owned by the caller). Returns FALSE at the end
 * (*mail NULL, no error) or on a read error (*error set): reading can go
 * on after an ARCHIVE_ERROR_MAIL, not after any other error. */
gboolean archive_next(struct archive *a, GBytes **mail, GError **error);

/* Which kind of archive was opened: "mbox", "maildir", "public-inbox". */
const char *archive_kind(const struct archive *a);

/* TRUE when Patchwork would read this kind's mails with universal
 * newlines (maildir files; public-inbox blobs, which are mail files too),
 * FALSE for mbox. See mail_universal_newlines(). */
gboolean archive_universal_newlines(const struct archive *a);

/* Rough progress: bytes or items done and total (0 when unknown). */
void archive_progress(const struct archive *a, guint64 *done, guint64 *total);

void archive_close(struct archive *a);
typedef struct archive archive;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(archive, archive_close)

/* Splits an mbox held in memory the way Python's mailbox.mbox does:
 * calls fn(data, len) for each message with its "From " line removed.
 * Exposed for unit tests and fuzzing. */
void mbox_split(const char *data, gsize len,
		void (*fn)(const char *msg, gsize len, gpointer user),
		gpointer user);

#endif
