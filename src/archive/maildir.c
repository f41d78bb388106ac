/*
 * Maildirs: every file of new/ and cur/ is one mail. Files are read in
 * name order (delivery-time prefixes make that roughly arrival order),
 * new/ before cur/, so a run is repeatable.
 */
#include "archive/archive-private.h"

struct maildir_state {
	GPtrArray *files; /* full paths, sorted */
	guint next;
};

static gint compare_names(gconstpointer a, gconstpointer b, gpointer unused)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static gboolean maildir_read(struct archive *a, GBytes **mail, GError **error)
{
	struct maildir_state *s = a->state;
	char *data;
	gsize len;

	if (s->next >= s->files->len)
		return FALSE;
	const char *path = s->files->pdata[s->next++];
	g_autoptr(GError) failure = NULL;
	if (!g_file_get_contents(path, &data, &len, &failure)) {
		g_set_error(error, ARCHIVE_ERROR, ARCHIVE_ERROR_MAIL,
			    "cannot read '%s': %s", path, failure->message);
		return FALSE;
	}
	*mail = g_bytes_new_take(data, len);
	return TRUE;
}

static void maildir_progress(const struct archive *a, guint64 *done,
			     guint64 *total)
{
	const struct maildir_state *s = a->state;
	*done = s->next;
	*total = s->files->len;
}

static void maildir_close(struct archive *a)
{
	struct maildir_state *s = a->state;
	g_ptr_array_unref(s->files);
	g_free(s);
}

static const struct archive_ops maildir_ops = {
	.kind = "maildir",
	.next = maildir_read,
	.progress = maildir_progress,
	.close = maildir_close,
};

struct archive *maildir_open(const char *path, GError **error)
{
	struct maildir_state *s = g_new0(struct maildir_state, 1);
	static const char *const subdirs[] = {"new", "cur"};

	s->files = g_ptr_array_new_with_free_func(g_free);
	for (gsize i = 0; i < G_N_ELEMENTS(subdirs); i++) {
		g_autofree char *dir = g_build_filename(path, subdirs[i], NULL);
		g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
		if (!d)
			continue;
		guint first = s->files->len;
		const char *name;
		while ((name = g_dir_read_name(d)) != NULL) {
			if (name[0] == '.')
				continue;
			char *full = g_build_filename(dir, name, NULL);
			if (g_file_test(full, G_FILE_TEST_IS_REGULAR))
				g_ptr_array_add(s->files, full);
			else
				g_free(full);
		}
		/* sort this subdirectory's part */
		g_qsort_with_data(s->files->pdata + first,
				  s->files->len - first, sizeof(gpointer),
				  compare_names, NULL);
	}
	struct archive *a = g_new0(struct archive, 1);
	a->ops = &maildir_ops;
	a->state = s;
	return a;
}
