/*
 * The guard that keeps GMime's multipart parse within the mail's limits
 * (see mime-guard.h for how and why).
 */
/* GObject casts as plain C casts: GMime is reached through gmime-dl.h. */
#define G_DISABLE_CAST_CHECKS
#include "mail/gmime-dl.h"

#include "mail/mime-guard.h"

struct mime_guard {
	GMimeStream *stream;
	guint64 part_room, header_room;
	/* Sorted hashes of the text after "--" of each line that starts
	 * with "--", trailing white space removed; NULL while the number
	 * of such lines fits part_room (they are not needed then). */
	GArray *line_hashes;
	GHashTable *boundaries; /* boundaries counted, owned strings */
	guint64 parts;		/* upper bound of the parts GMime makes */
	guint64 headers;	/* header fields GMime read */
	gboolean tripped;
	enum mail_limit over;
};

/* GMime's is_lwsp(): what may follow a boundary on its line. */
static gboolean is_lwsp(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* FNV-1a of s[0..len) without its trailing white space. Collisions only
 * make the count larger. */
static guint32 boundary_hash(const char *s, gsize len)
{
	guint32 h = 2166136261u;

	while (len > 0 && is_lwsp(s[len - 1]))
		len--;
	for (gsize i = 0; i < len; i++)
		h = (h ^ (guchar)s[i]) * 16777619u;
	return h;
}

/* Calls fn(text after "--", its length, user) for each line of
 * buf[0..len) that starts with "--"; returns how many there are. (A
 * memchr() per line: ASan's memmem() checks the whole rest of the
 * buffer at every call, quadratic under the test suite.) */
static guint64 each_dash_line(const char *buf, gsize len,
			      void (*fn)(const char *, gsize, gpointer),
			      gpointer user)
{
	const char *end = buf + len, *line = buf;
	guint64 n = 0;

	while (line < end) {
		const char *nl = memchr(line, '\n', end - line);
		const char *eol = nl ? nl : end;
		if (eol - line >= 2 && line[0] == '-' && line[1] == '-') {
			n++;
			if (fn)
				fn(line + 2, eol - line - 2, user);
		}
		line = eol + 1;
	}
	return n;
}

static void add_line_hash(const char *text, gsize len, gpointer user)
{
	guint32 h = boundary_hash(text, len);
	g_array_append_val((GArray *)user, h);
}

static int compare_hashes(gconstpointer a, gconstpointer b)
{
	guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
	return x < y ? -1 : x > y;
}

/* How many lines could be delimiters of `boundary`. */
static guint64 delimiter_lines(const struct mime_guard *g, const char *boundary)
{
	guint32 h = boundary_hash(boundary, strlen(boundary));
	const guint32 *v = (const guint32 *)g->line_hashes->data;
	gsize lo = 0, hi = g->line_hashes->len, first;

	while (lo < hi) { /* first index with v >= h */
		gsize mid = lo + (hi - lo) / 2;
		if (v[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	hi = g->line_hashes->len;
	while (lo < hi) { /* first index with v > h */
		gsize mid = lo + (hi - lo) / 2;
		if (v[mid] <= h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo - first;
}

static void trip(struct mime_guard *g, enum mail_limit over)
{
	g->tripped = TRUE;
	g->over = over;
	/* GMimeStreamMem reads nothing past bound_end: GMime sees the end
	 * of its input and finishes what it has buffered. */
	g->stream->bound_end = g->stream->position;
}

static void count_boundary(struct mime_guard *g, const char *boundary)
{
	if (!boundary || g_hash_table_contains(g->boundaries, boundary))
		return;
	g_hash_table_add(g->boundaries, g_strdup(boundary));
	g->parts += delimiter_lines(g, boundary);
}

/* The boundary of a Content-Type value, derived as GMime derives the one
 * it splits by (gmime-object.c: the header's value unfolded and decoded,
 * then parsed), and also from the raw value: should the two differ, both
 * are counted. */
static void count_boundaries(struct mime_guard *g, const char *raw_value)
{
	g_autofree char *unfolded = g_mime_utils_header_unfold(raw_value);
	g_autofree char *decoded =
		g_mime_utils_header_decode_text(NULL, unfolded);
	const char *values[] = {decoded, raw_value};

	for (gsize i = 0; i < G_N_ELEMENTS(values); i++) {
		GMimeContentType *ct =
			g_mime_content_type_parse(NULL, values[i]);
		if (!ct)
			continue;
		count_boundary(
			g, g_mime_content_type_get_parameter(ct, "boundary"));
		g_object_unref(ct);
	}
}

static void on_header(GMimeParser *parser, const char *name,
		      const char *raw_value, gint64 offset, gpointer user)
{
	struct mime_guard *g = user;

	if (g->tripped)
		return;
	/* the synthetic header at offset 0 is not the mail's (but its
	 * boundary, the top-level one, counts) */
	if (offset > 0 && ++g->headers > g->header_room) {
		trip(g, MAIL_LIMIT_HEADER_COUNT);
		return;
	}
	/* GMime takes a part's type from headers of exactly this name */
	if (!g->line_hashes || !raw_value ||
	    g_ascii_strcasecmp(name, "Content-Type") != 0)
		return;
	count_boundaries(g, raw_value);
	if (g->parts > g->part_room)
		trip(g, MAIL_LIMIT_MIME_PARTS);
}

struct mime_guard *mime_guard_new(GMimeParser *parser, GMimeStream *stream,
				  const char *buf, gsize len, guint64 part_room,
				  guint64 header_room)
{
	struct mime_guard *g = g_new0(struct mime_guard, 1);

	g->stream = stream;
	g->part_room = part_room;
	g->header_room = header_room;
	g->boundaries =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (each_dash_line(buf, len, NULL, NULL) > part_room) {
		g->line_hashes = g_array_new(FALSE, FALSE, sizeof(guint32));
		each_dash_line(buf, len, add_line_hash, g->line_hashes);
		g_array_sort(g->line_hashes, compare_hashes);
		/* The top-level boundary too comes through on_header() */
	}
	/* An empty pattern matches every header name. */
	g_mime_parser_set_header_regex(parser, "", on_header, g);
	return g;
}

gboolean mime_guard_tripped(const struct mime_guard *g, enum mail_limit *which)
{
	if (g->tripped)
		*which = g->over;
	return g->tripped;
}

guint64 mime_guard_headers(const struct mime_guard *g)
{
	return g->headers;
}

void mime_guard_free(struct mime_guard *g)
{
	if (!g)
		return;
	if (g->line_hashes)
		g_array_unref(g->line_hashes);
	g_hash_table_unref(g->boundaries);
	g_free(g);
}
