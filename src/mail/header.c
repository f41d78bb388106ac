/*
 * Header decoding (RFC 2047) and canonical re-encoding, ported from the
 * behaviour of Python 3.11's email.header / email.charset as Patchwork
 * drives them (ingest.md Appendix A), so subjects, names and the stored
 * `headers` text come out byte for byte as Patchwork's.
 *
 * This file holds the public functions of mail/header.h, Header.__str__
 * (A.3) and the fast paths for plain values. The port is split by the
 * Python object it mirrors, the pieces sharing mail/header-private.h:
 *   header-codec-names.c  codecs.lookup(): charset name -> codec
 *   header-codec.c        bytes.decode() / str.encode() of those codecs
 *   header-charset.c      email.charset.Charset
 *   header-decode.c       decode_header() (A.1) and make_header() (A.2)
 *   header-encode.c       Header.encode() and its _ValueFormatter (A.4)
 *
 * Speed: most values are plain ASCII without "=?". For those clean_header
 * is one scan plus the whitespace collapse (plain_value()), and the
 * canonical line is the value itself when no line needs re-folding
 * (plain_fits()); only the rest goes through the full port.
 *
 * Checked against Python on tests/data/header-vectors.tsv and on every
 * header of the linux-cifs archive (751,613 values, no difference).
 */
#include "mail/header-private.h"

#include <string.h>

/* The chunks of h as views; free with g_free. */
static struct text_view *header_views(const struct header *h)
{
	struct text_view *t = g_new0(struct text_view, h->chunks->len + 1);

	for (guint i = 0; i < h->chunks->len; i++) {
		const struct chunk *c =
			&g_array_index(h->chunks, struct chunk, i);
		t[i].ascii = charset_is_usascii(&c->cs);
		t[i].cs = &c->cs;
		if (t[i].ascii) {
			t[i].a = c->ascii->str;
			t[i].n = c->ascii->len;
		} else {
			t[i].u = (const gunichar *)c->u->data;
			t[i].n = c->u->len;
		}
	}
	return t;
}

/* ---- Header.__str__ and clean_header (A.3) ------------------------------ */

/* Header.__str__(): chunk texts, raw unknown-8bit bytes as U+FFFD, with a
 * space added between an encoded chunk and plain text not separated by
 * whitespace or ( ) \ */
static void header_render(const struct text_view *t, guint nt, GString *out)
{
	gboolean lastspace = FALSE, lastascii = TRUE;

	for (guint k = 0; k < nt; k++) {
		const struct text_view *c = &t[k];
		gsize n = c->n;
		/* U+FFFD for raw bytes: neither space nor a paren */
		if (k > 0) {
			gboolean hasspace = n && nonctext(view_char(c, 0));
			if (!lastascii) {
				if (c->ascii && !hasspace)
					g_string_append_c(out, ' ');
			} else if (!c->ascii && !lastspace) {
				g_string_append_c(out, ' ');
			}
		}
		lastspace = n && nonctext(view_char(c, n - 1));
		lastascii = c->ascii;
		if (c->ascii) {
			g_string_append_len(out, c->a, n);
			continue;
		}
		for (gsize i = 0; i < n; i++) {
			gunichar ch = c->u[i];
			if (ch >= 0xd800 && ch <= 0xdfff)
				ch = 0xfffd; /* decode('ascii', 'replace') */
			g_string_append_unichar(out, ch);
		}
	}
}

/* NULs removed, whitespace runs collapsed, stripped: for ASCII text. */
static char *clean_ascii(const char *s, gsize n)
{
	char *out = g_malloc(n + 1);
	gsize k = 0;
	gboolean space = FALSE;

	for (gsize i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\0')
			continue;
		if (ascii_space(c)) {
			space = TRUE;
			continue;
		}
		if (space && k)
			out[k++] = ' ';
		space = FALSE;
		out[k++] = c;
	}
	out[k] = '\0';
	return out;
}

/* Line breaks of str.splitlines() and "=" among ASCII bytes. */
static const guint8 plain_class[128] = {
	['\n'] = 1, ['\r'] = 1, [0x0b] = 1, [0x0c] = 1,
	[0x1c] = 1, [0x1d] = 1, [0x1e] = 1, ['='] = 2,
};

/*
 * TRUE when the value is plain ASCII without "=?", so decode_header()
 * returns it unchanged as one us-ascii chunk, and re-encoding it without
 * a header name cannot raise: every line after the first starts with SP
 * or HTAB (or is empty), and no fold puts anything else after a "\n".
 */
static gboolean plain_value(const char *v, gsize n)
{
	const guint64 ones = 0x0101010101010101ULL, highs = ones << 7;

	for (gsize i = 0; i < n; i++) {
		guchar c, d;
		/* skip 8 bytes at a time while none is >= 0x80, < 0x20 or
		 * '=' (the usual "has byte less than" word tricks) */
		while (i + 8 <= n) {
			guint64 x, eq;
			memcpy(&x, v + i, 8);
			eq = x ^ (ones * '=');
			if (((x | ((x - ones * 0x20) & ~x) |
			      ((eq - ones) & ~eq)) &
			     highs) != 0)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		c = v[i];
		if (c >= 0x80)
			return FALSE;
		if (G_LIKELY(!plain_class[c]))
			continue;
		if (i + 1 == n)
			break;
		d = v[i + 1];
		if (c == '=') {
			if (d == '?')
				return FALSE;
		} else if (d != ' ' && d != '\t' &&
			   !(d < 0x80 && plain_class[d] == 1)) {
			return FALSE;
		}
	}
	return TRUE;
}

/* TRUE when one of the n bytes at s (no "\n" among them) is a line
 * break of str.splitlines(). Words without control or 8-bit bytes are
 * skipped eight bytes at a time, as in plain_value(). */
static gboolean has_linebreak(const char *s, gsize n)
{
	const guint64 ones = 0x0101010101010101ULL, highs = ones << 7;
	gsize i = 0;

	for (; i + 8 <= n; i += 8) {
		guint64 x;
		memcpy(&x, s + i, 8);
		if (((x | ((x - ones * 0x20) & ~x)) & highs) == 0)
			continue;
		for (gsize k = i; k < i + 8; k++)
			if (is_linebreak((guchar)s[k]))
				return TRUE;
	}
	for (; i < n; i++)
		if (is_linebreak((guchar)s[i]))
			return TRUE;
	return FALSE;
}

/*
 * For a plain_value(): TRUE when Header.encode() gives the value back
 * unchanged, so the formatter can be skipped. That holds when the only
 * line breaks are "\n" (not at the end), every line fits (the first one
 * after the header name), no line but the first is empty or blank (those
 * are dropped or merged) nor is the first one blank, and, unless there is
 * just one line, no line ends in a space (newline() drops a (' ', '') part
 * as if it were a transition marker, and a value of several lines gets a
 * newline() after its last line).
 */
static gboolean plain_fits(const char *v, gsize n, gsize headerlen)
{
	const char *p = v, *end = v + n;
	gboolean first = TRUE;

	if (n && v[n - 1] == '\n')
		return FALSE;
	for (;;) {
		const char *nl = memchr(p, '\n', end - p);
		const char *e = nl ? nl : end, *q = p;
		gsize len = e - p;
		gsize limit = first ? (headerlen <= MAXLINELEN
					       ? MAXLINELEN - headerlen
					       : 0)
				    : MAXLINELEN;
		if (len > limit || has_linebreak(p, len))
			return FALSE;
		while (q < e && ascii_space(*q))
			q++;
		/* q == e: the line is blank */
		if (first ? (len && q == e) : q == e)
			return FALSE;
		if (len && e[-1] == ' ' && (nl || !first))
			return FALSE;
		if (!nl)
			return TRUE;
		p = nl + 1;
		first = FALSE;
	}
}

enum header_status header_clean_status(const char *value, gsize len, char **out)
{
	struct header h = {0};
	enum header_status st;
	g_autofree struct text_view *t = NULL;

	*out = NULL;
	if (plain_value(value, len)) {
		*out = clean_ascii(value, len);
		return HEADER_OK;
	}
	if (!header_build(&h, value, len))
		return HEADER_NONE;
	t = header_views(&h);
	{
		/* sanitise_header() also encodes (without a header name)
		 * and gives None when that raises HeaderParseError */
		g_autoptr(GString) enc = g_string_sized_new(len + 32);
		st = header_encode(t, h.chunks->len, 0, '\t', enc);
	}
	if (st == HEADER_OK) {
		g_autoptr(GString) s = g_string_sized_new(len + 16);
		g_autofree char *nonul = NULL;
		header_render(t, h.chunks->len, s);
		nonul = py_remove_nul(s->str, s->len);
		*out = py_normalise_space(nonul);
	}
	header_clear(&h);
	return st;
}

char *header_clean(const char *value, gsize len)
{
	char *out;

	header_clean_status(value, len, &out);
	return out;
}

enum header_status header_canonical_line_status(const char *name,
						const char *value, gsize len,
						char **out)
{
	struct header h = {0};
	enum header_status st;
	gsize namelen = strlen(name);
	GString *line;

	*out = NULL;
	line = g_string_sized_new(namelen + len + len / 8 + 16);
	g_string_append_len(line, name, namelen);
	g_string_append_len(line, ": ", 2);
	if (plain_value(value, len)) {
		struct text_view t = {TRUE, NULL, value, NULL, len};
		if (plain_fits(value, len, namelen + 2)) {
			g_string_append_len(line, value, len);
			st = HEADER_OK;
		} else {
			st = header_encode(&t, 1, namelen + 2, '\t', line);
		}
	} else if (header_build(&h, value, len)) {
		g_autofree struct text_view *t = header_views(&h);
		st = header_encode(t, h.chunks->len, namelen + 2, '\t', line);
		header_clear(&h);
	} else {
		st = HEADER_NONE;
	}
	if (st != HEADER_OK) {
		g_string_free(line, TRUE);
		return st;
	}
	if (memchr(line->str, '\0', line->len)) {
		/* §9: NULs are removed from the stored field */
		gsize k = 0;
		for (gsize i = 0; i < line->len; i++)
			if (line->str[i])
				line->str[k++] = line->str[i];
		g_string_truncate(line, k);
	}
	*out = g_string_free(line, FALSE);
	return st;
}

char *header_canonical_line(const char *name, const char *value, gsize len)
{
	char *out;

	header_canonical_line_status(name, value, len, &out);
	return out;
}

/* TRUE when n bytes of s are all ASCII. */
static gboolean all_ascii(const char *s, gsize n)
{
	guchar acc = 0;

	/* no early exit: the compiler vectorises this */
	for (gsize i = 0; i < n; i++)
		acc |= (guchar)s[i];
	return acc < 0x80;
}

void header_fold_line(GString *out, const char *name, gsize namelen,
		      const char *value, gsize len)
{
	g_string_append_len(out, name, namelen);
	g_string_append_len(out, ": ", 2);
	if (all_ascii(value, len)) {
		struct text_view t = {TRUE, NULL, value, NULL, len};
		if (plain_fits(value, len, namelen + 2))
			g_string_append_len(out, value, len);
		else
			header_encode(&t, 1, namelen + 2, ' ', out);
		return;
	}
	if (!g_utf8_validate_len(value, len, NULL)) {
		/* Python holds such bytes as surrogates and writes them
		 * back unfolded (policy._fold without sanitize). */
		g_string_append_len(out, value, len);
		return;
	}
	/* Header.append() relabels text that is not ASCII as utf-8. */
	struct charset cs;
	glong n = 0;
	g_autofree gunichar *u = g_utf8_to_ucs4_fast(value, len, &n);
	struct text_view t = {FALSE, &cs, NULL, u, n};
	charset_init(&cs, "utf-8", 5);
	header_encode(&t, 1, namelen + 2, ' ', out);
	charset_clear(&cs);
}
