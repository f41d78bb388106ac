/*
 * Header-block splitting with Python email (compat32) semantics; see
 * message.h for why darn does not use GMime's header list here.
 */
#include "mail/message.h"
#include "mail/header.h"

/* Length of the line at p (up to end), including its line break, which
 * is \r\n, \r or \n as in Python's feedparser. */
static gsize line_len(const char *p, const char *end)
{
	/* memchr twice beats a byte loop: CR is rare (mbox downloads parse
	 * every stored header block per request) */
	const char *nl = memchr(p, '\n', end - p);
	const char *cr = memchr(p, '\r', (nl ? nl : end) - p);

	if (cr)
		return (cr + 1 < end && cr[1] == '\n' ? cr + 2 : cr + 1) - p;
	return (nl ? nl + 1 : end) - p;
}

/* Python's headerRE: ^(From |[\041-\071\073-\176]*:|[\t ]) */
static gboolean is_header_line(const char *p, gsize len)
{
	if (len >= 5 && memcmp(p, "From ", 5) == 0)
		return TRUE;
	if (len > 0 && (*p == ' ' || *p == '\t'))
		return TRUE;
	for (gsize i = 0; i < len; i++) {
		unsigned char c = p[i];
		if (c == ':')
			return TRUE;
		if (c < 041 || c > 0176)
			return FALSE;
	}
	return FALSE;
}

static gboolean is_blank_line(const char *p, gsize len)
{
	return len > 0 && (*p == '\n' || *p == '\r');
}

/* Closes the header that started at `start` and whose last line ends at
 * `end`: compat32's header_source_parse. */
static void add_header(GArray *headers, const char *start, const char *end)
{
	struct mail_header h;
	const char *colon = memchr(start, ':', end - start);
	const char *v;

	h.name = start;
	h.name_len = colon - start;
	v = colon + 1;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n'))
		end--;
	h.value = v;
	h.value_len = end - v;
	g_array_append_val(headers, h);
}

/* add_header() while there is room for one more field. */
static gboolean close_header(struct mail *mail, const char *start,
			     const char *end, guint64 room,
			     const struct mail_limits *limits, GError **error)
{
	if (mail->headers->len >= room) {
		mail_limit_set_error(error, limits, MAIL_LIMIT_HEADER_COUNT);
		return FALSE;
	}
	add_header(mail->headers, start, end);
	return TRUE;
}

gboolean mail_init_bounded(struct mail *mail, const char *data, gsize len,
			   const struct mail_limits *limits, guint64 counted,
			   GError **error)
{
	const char *p = data, *end = data + len;
	const char *cur = NULL, *cur_end = NULL; /* header being collected */
	/* fields still allowed: the first one over the limit fails */
	guint64 room = limits->max_header_count > counted
			       ? limits->max_header_count - counted
			       : 0;

	mail->data = data;
	mail->len = len;
	mail->headers = g_array_new(FALSE, FALSE, sizeof(struct mail_header));
	mail->body_offset = 0;

	while (p < end) {
		gsize n = line_len(p, end);
		if (!is_header_line(p, n)) {
			/* A blank line ends the headers and is consumed; any
			 * other line starts the body (Python records a
			 * MissingHeaderBodySeparatorDefect). */
			if (is_blank_line(p, n))
				p += n;
			break;
		}
		if ((guint64)(p - data) + n > limits->max_header_bytes) {
			mail_limit_set_error(error, limits,
					     MAIL_LIMIT_HEADER_BYTES);
			return FALSE;
		}
		if (*p == ' ' || *p == '\t') {
			/* Continuation; one with no header before it is
			 * dropped (FirstHeaderLineIsContinuationDefect). */
			if (cur)
				cur_end = p + n;
		} else {
			if (cur && !close_header(mail, cur, cur_end, room,
						 limits, error))
				return FALSE;
			cur = NULL;
			if (n >= 5 && memcmp(p, "From ", 5) == 0) {
				/* The unixfrom line when first; elsewhere a
				 * MisplacedEnvelopeHeaderDefect, skipped. */
			} else if (*p == ':') {
				/* InvalidHeaderDefect: no name. */
			} else {
				cur = p;
				cur_end = p + n;
			}
		}
		p += n;
	}
	if (cur && !close_header(mail, cur, cur_end, room, limits, error))
		return FALSE;
	mail->body_offset = p - data;
	return TRUE;
}

void mail_init(struct mail *mail, const char *data, gsize len)
{
	mail_init_bounded(mail, data, len, &mail_limits_none, 0, NULL);
}

void mail_clear(struct mail *mail)
{
	if (mail->headers)
		g_array_unref(mail->headers);
	mail->headers = NULL;
}

static gboolean name_is(const struct mail_header *h, const char *name)
{
	gsize n = strlen(name);
	return h->name_len == n && g_ascii_strncasecmp(h->name, name, n) == 0;
}

gssize mail_header_next(const struct mail *mail, const char *name, gsize from)
{
	for (gsize i = from; i < mail->headers->len; i++)
		if (name_is(&g_array_index(mail->headers, struct mail_header,
					   i),
			    name))
			return i;
	return -1;
}

const struct mail_header *mail_header(const struct mail *mail, const char *name)
{
	gssize i = mail_header_next(mail, name, 0);
	return i < 0 ? NULL
		     : &g_array_index(mail->headers, struct mail_header, i);
}

char *mail_header_clean(const struct mail *mail, const char *name)
{
	const struct mail_header *h = mail_header(mail, name);
	return h ? header_clean(h->value, h->value_len) : NULL;
}
