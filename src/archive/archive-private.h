/*
 * The reader interface behind archive.h: each kind of archive implements
 * these operations in its own file (mbox.c, maildir.c, pinbox.c).
 */
#ifndef DARN_ARCHIVE_PRIVATE_H
#define DARN_ARCHIVE_PRIVATE_H

#include "archive/archive.h"

struct archive_ops {
	const char *kind;
	gboolean (*next)(struct archive *a, GBytes **mail, GError **error);
	void (*progress)(const struct archive *a, guint64 *done,
			 guint64 *total);
	void (*close)(struct archive *a);
};

struct archive {
	const struct archive_ops *ops;
	void *state; /* owned by the reader, freed by ops->close */
};

/* Each returns NULL with *error set when path is not of its kind or
 * cannot be read. */
struct archive *mbox_open(const char *path, GError **error);
struct archive *maildir_open(const char *path, GError **error);
struct archive *pinbox_open(const char *path, GError **error);

/* TRUE when path looks like a public-inbox repository or directory of
 * epochs (pinbox.c). */
gboolean pinbox_detect(const char *path);

#endif
