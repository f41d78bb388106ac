/*
 * mbox files, split exactly as Python's mailbox.mbox splits them (which is
 * what Patchwork's parsearchive reads): every line starting with "From "
 * starts a message; the blank line before it is not part of the previous
 * one; ">From " lines are left as they are (no mboxrd unescaping), so the
 * stored content matches Patchwork's.
 */
#include "archive/archive-private.h"

#include <sys/mman.h>
#include <unistd.h>

/* How far behind the read position pages of the mapping are dropped. */
#define MBOX_KEEP_BEHIND ((gsize)32 << 20)

struct mbox_state {
	GMappedFile *map;
	GBytes *bytes; /* the whole mapping, parent of every mail */
	const char *data;
	gsize len, pos;
	gsize released; /* pages before this offset were dropped */
};

/*
 * Drops the mapping's pages well behind the read position, so resident
 * memory stays flat however large the archive: the mapping is read-only
 * and file-backed, so a page still referenced by a mail being decoded is
 * simply read again from the file if it is touched after this.
 */
static void release_behind(struct mbox_state *s)
{
	gsize page = (gsize)sysconf(_SC_PAGESIZE);
	if (s->pos < MBOX_KEEP_BEHIND + s->released + MBOX_KEEP_BEHIND)
		return;
	gsize upto = (s->pos - MBOX_KEEP_BEHIND) / page * page;
	madvise((void *)(s->data + s->released), upto - s->released,
		MADV_DONTNEED);
	s->released = upto;
}

static gboolean is_from_line(const char *p, gsize left)
{
	return left >= 5 && memcmp(p, "From ", 5) == 0;
}

/* End of the line at p (past its '\n'), or data end. */
static gsize next_line(const char *data, gsize len, gsize pos)
{
	const char *nl = memchr(data + pos, '\n', len - pos);
	return nl ? (gsize)(nl - data) + 1 : len;
}

/*
 * Finds the message at or after *pos: sets [*start, *stop) to its bytes
 * without the "From " line and advances *pos to the next "From " line.
 * Returns FALSE when no message is left.
 */
static gboolean mbox_next(const char *data, gsize len, gsize *pos, gsize *start,
			  gsize *stop)
{
	gsize p = *pos;

	/* Lines before the first "From " line belong to no message. */
	while (p < len && !is_from_line(data + p, len - p))
		p = next_line(data, len, p);
	if (p >= len)
		return FALSE;
	p = next_line(data, len, p);
	*start = p;

	gboolean last_was_empty = FALSE;
	while (p < len && !is_from_line(data + p, len - p)) {
		gsize end = next_line(data, len, p);
		last_was_empty = end - p == 1 && data[p] == '\n';
		p = end;
	}
	*stop = last_was_empty ? p - 1 : p;
	if (*stop < *start)
		*stop = *start;
	*pos = p;
	return TRUE;
}

void mbox_split(const char *data, gsize len,
		void (*fn)(const char *msg, gsize len, gpointer user),
		gpointer user)
{
	gsize pos = 0, start, stop;
	while (mbox_next(data, len, &pos, &start, &stop))
		fn(data + start, stop - start, user);
}

static gboolean mbox_read(struct archive *a, GBytes **mail, GError **error)
{
	struct mbox_state *s = a->state;
	gsize start, stop;

	if (!s->bytes || !mbox_next(s->data, s->len, &s->pos, &start, &stop))
		return FALSE;
	*mail = g_bytes_new_from_bytes(s->bytes, start, stop - start);
	release_behind(s);
	return TRUE;
}

static void mbox_progress(const struct archive *a, guint64 *done,
			  guint64 *total)
{
	const struct mbox_state *s = a->state;
	*done = s->pos;
	*total = s->len;
}

static void mbox_close(struct archive *a)
{
	struct mbox_state *s = a->state;
	if (s->bytes)
		g_bytes_unref(s->bytes);
	if (s->map)
		g_mapped_file_unref(s->map);
	g_free(s);
}

static const struct archive_ops mbox_ops = {
	.kind = "mbox",
	.next = mbox_read,
	.progress = mbox_progress,
	.close = mbox_close,
};

struct archive *mbox_open(const char *path, GError **error)
{
	struct mbox_state *s = g_new0(struct mbox_state, 1);

	s->map = g_mapped_file_new(path, FALSE, error);
	if (!s->map) {
		g_prefix_error(error, "cannot read mbox '%s': ", path);
		g_free(s);
		return NULL;
	}
	/* An empty file maps to NULL contents: no messages. */
	s->len = g_mapped_file_get_length(s->map);
	s->data = g_mapped_file_get_contents(s->map);
	if (s->data) {
		s->bytes = g_mapped_file_get_bytes(s->map);
		madvise((void *)s->data, s->len, MADV_SEQUENTIAL);
	}

	struct archive *a = g_new0(struct archive, 1);
	a->ops = &mbox_ops;
	a->state = s;
	return a;
}
