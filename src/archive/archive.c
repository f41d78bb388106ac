/*
 * Chooses the archive reader for a path (see archive.h).
 */
#include "archive/archive-private.h"

static gboolean is_maildir(const char *path)
{
	g_autofree char *cur = g_build_filename(path, "cur", NULL);
	g_autofree char *new_dir = g_build_filename(path, "new", NULL);
	return g_file_test(cur, G_FILE_TEST_IS_DIR) ||
	       g_file_test(new_dir, G_FILE_TEST_IS_DIR);
}

GQuark archive_error_quark(void)
{
	return g_quark_from_static_string("darn-archive-error-quark");
}

struct archive *archive_open(const char *path, GError **error)
{
	if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
		g_set_error(error, ARCHIVE_ERROR, ARCHIVE_ERROR_NOT_FOUND,
			    "'%s' does not exist", path);
		return NULL;
	}
	if (!g_file_test(path, G_FILE_TEST_IS_DIR))
		return mbox_open(path, error);
	if (pinbox_detect(path))
		return pinbox_open(path, error);
	if (is_maildir(path))
		return maildir_open(path, error);
	g_set_error(error, ARCHIVE_ERROR, ARCHIVE_ERROR_NOT_SUPPORTED,
		    "'%s' is neither a maildir nor a public-inbox repository",
		    path);
	return NULL;
}

gboolean archive_next(struct archive *a, GBytes **mail, GError **error)
{
	*mail = NULL;
	return a->ops->next(a, mail, error);
}

const char *archive_kind(const struct archive *a)
{
	return a->ops->kind;
}

gboolean archive_universal_newlines(const struct archive *a)
{
	return strcmp(a->ops->kind, "mbox") != 0;
}

void archive_progress(const struct archive *a, guint64 *done, guint64 *total)
{
	*done = *total = 0;
	if (a->ops->progress)
		a->ops->progress(a, done, total);
}

void archive_close(struct archive *a)
{
	if (!a)
		return;
	a->ops->close(a);
	g_free(a);
}
