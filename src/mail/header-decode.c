/*
 * decode_header() (ingest.md A.1) and make_header() (A.2) of Python
 * 3.11's email.header, with Patchwork's unknown-8bit fallback: a raw
 * header value becomes the chunks (charset, text) that header.c renders
 * (clean_header) and header-encode.c re-encodes.
 */
#include "mail/header-private.h"

#include <string.h>

/* ---- decode_header (A.1) ------------------------------------------------ */

/* One element of decode_header()'s result. */
struct elem {
	GByteArray *bytes;
	char *charset; /* NULL: no charset (plain text) */
	gsize charset_len;
};

static void elems_free(GArray *elems)
{
	for (guint i = 0; i < elems->len; i++) {
		struct elem *e = &g_array_index(elems, struct elem, i);
		g_byte_array_unref(e->bytes);
		g_free(e->charset);
	}
	g_array_free(elems, TRUE);
}

/* An encoded word found by the ecre regex. */
struct ew {
	gsize start, end; /* whole match */
	gsize cs, cs_len;
	char enc;
	gsize text, text_len;
};

/* Memoised "next occurrence at or after pos" for a monotonic scan, so
 * that searching for encoded words stays linear on hostile input. */
struct next_cache {
	gsize from, at; /* at == G_MAXSIZE: none after from */
	gboolean valid;
};

static gsize find_next(const char *s, gsize n, gsize pos, const char *needle,
		       gsize nlen, struct next_cache *c)
{
	const char *hit;

	if (c->valid && c->from <= pos && (c->at == G_MAXSIZE || c->at >= pos))
		return c->at;
	hit = pos < n ? memmem(s + pos, n - pos, needle, nlen) : NULL;
	c->valid = TRUE;
	c->from = pos;
	c->at = hit ? (gsize)(hit - s) : G_MAXSIZE;
	return c->at;
}

struct ew_scan {
	struct next_cache open, qmark, close, nl;
};

/*
 * The email.header ecre regex, leftmost match in s[pos..n):
 *   =\?([^?]*?)\?([qQbB])\?(.*?)\?=
 * `.` does not match "\n" (the charset part may span lines, since [^?]
 * does match it); only the whole-value search can meet a "\n".
 */
static gboolean ew_find(const char *s, gsize n, gsize pos, struct ew_scan *sc,
			struct ew *m)
{
	for (;;) {
		gsize o = find_next(s, n, pos, "=?", 2, &sc->open);
		gsize q, close, nl;
		if (o == G_MAXSIZE)
			return FALSE;
		q = find_next(s, n, o + 2, "?", 1, &sc->qmark);
		if (q == G_MAXSIZE)
			return FALSE;
		char e = q + 2 < n ? g_ascii_tolower(s[q + 1]) : '\0';
		if ((e == 'q' || e == 'b') && s[q + 2] == '?') {
			close = find_next(s, n, q + 3, "?=", 2, &sc->close);
			nl = find_next(s, n, q + 3, "\n", 1, &sc->nl);
			if (close != G_MAXSIZE &&
			    (nl == G_MAXSIZE || nl > close)) {
				m->start = o;
				m->end = close + 2;
				m->cs = o + 2;
				m->cs_len = q - (o + 2);
				m->enc = e;
				m->text = q + 3;
				m->text_len = close - (q + 3);
				return TRUE;
			}
		}
		pos = o + 1;
	}
}

/* email.quoprimime.header_decode(): '_' is a space, =XX a byte. */
static void q_decode(const char *s, gsize n, GByteArray *out)
{
	for (gsize i = 0; i < n; i++) {
		guint8 b = s[i];
		if (b == '=' && i + 2 < n && g_ascii_isxdigit(s[i + 1]) &&
		    g_ascii_isxdigit(s[i + 2])) {
			b = g_ascii_xdigit_value(s[i + 1]) << 4 |
			    g_ascii_xdigit_value(s[i + 2]);
			i += 2;
		} else if (b == '_') {
			b = ' ';
		}
		g_byte_array_append(out, &b, 1);
	}
}

static int b64_value(guint8 c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/*
 * decode_header()'s base64: pad with '=' to a multiple of 4 characters,
 * then binascii.a2b_base64() in its (3.11) non-strict mode: characters
 * outside the alphabet are skipped, a complete pad ends the data, and a
 * data length of 1 mod 4 or missing padding is an error.
 */
static gboolean b_decode(const char *s, gsize n, GByteArray *out)
{
	gsize total = n + (n % 4 ? 4 - n % 4 : 0);
	int quad = 0, pads = 0;
	guint8 left = 0;

	for (gsize i = 0; i < total; i++) {
		guint8 c = i < n ? (guint8)s[i] : '=';
		int v;
		if (c == '=') {
			if (quad >= 2 && quad + ++pads >= 4)
				return TRUE;
			continue;
		}
		v = b64_value(c);
		if (v < 0)
			continue;
		pads = 0;
		switch (quad) {
		case 0:
			left = v;
			quad = 1;
			break;
		case 1: {
			guint8 b = (left << 2) | (v >> 4);
			g_byte_array_append(out, &b, 1);
			left = v & 0x0f;
			quad = 2;
			break;
		}
		case 2: {
			guint8 b = (left << 4) | (v >> 2);
			g_byte_array_append(out, &b, 1);
			left = v & 0x03;
			quad = 3;
			break;
		}
		default: {
			guint8 b = (left << 6) | v;
			g_byte_array_append(out, &b, 1);
			quad = 0;
			break;
		}
		}
	}
	return quad == 0;
}

struct word {
	gsize s, len; /* text (encoded payload or plain text) in the value */
	char enc;     /* 0 for plain text, else 'q' or 'b' */
	gsize cs, cs_len;
};

/* str.isspace() of an ASCII slice (False when empty). */
static gboolean slice_isspace(const char *s, gsize n)
{
	if (n == 0)
		return FALSE;
	for (gsize i = 0; i < n; i++)
		if (!ascii_space(s[i]))
			return FALSE;
	return TRUE;
}

/* A lower-cased copy of n bytes (NULs kept, unlike g_ascii_strdown). */
static char *lower_dup(const char *s, gsize n)
{
	char *l = g_malloc(n + 1);

	for (gsize i = 0; i < n; i++)
		l[i] = g_ascii_tolower(s[i]);
	l[n] = '\0';
	return l;
}

/* Appends an element; takes ownership of cs (lower-cased, or NULL). */
static void elem_add(GArray *elems, const guint8 *b, gsize n, char *cs,
		     gsize cs_len)
{
	struct elem e = {g_byte_array_sized_new(n + 1), cs, cs_len};

	g_byte_array_append(e.bytes, b, n);
	g_array_append_val(elems, e);
}

/*
 * decode_header(value) for a value without 8-bit bytes (A.1). Returns
 * FALSE when Python raises HeaderParseError (bad base64).
 */
static gboolean decode_header(const char *v, gsize n, GArray *elems)
{
	g_autoptr(GArray) words = NULL;
	struct ew_scan sc = {0};
	struct ew m;
	gsize pos = 0, ls, le;
	gboolean ok = TRUE;

	if (!ew_find(v, n, 0, &sc, &m)) {
		elem_add(elems, (const guint8 *)v, n, NULL, 0);
		return TRUE;
	}

	words = g_array_new(FALSE, FALSE, sizeof(struct word));
	while (next_line_b(v, n, &pos, &ls, &le)) {
		struct ew_scan lsc = {0};
		gsize p = ls;
		gboolean first = TRUE;
		for (;;) {
			gboolean found = ew_find(v, le, p, &lsc, &m);
			gsize ue = found ? m.start : le;
			gsize us = p;
			if (first) {
				while (us < ue && ascii_space(v[us]))
					us++;
				first = FALSE;
			}
			if (ue > us) {
				struct word w = {us, ue - us, 0, 0, 0};
				g_array_append_val(words, w);
			}
			if (!found)
				break;
			struct word w = {m.text, m.text_len, m.enc, m.cs,
					 m.cs_len};
			g_array_append_val(words, w);
			p = m.end;
		}
	}

	/* Drop whitespace-only words between two encoded words (whatever
	 * the middle word is: an encoded word whose payload is blank goes
	 * too, as in Python). Indexes refer to the undropped list. */
	{
		g_autoptr(GArray) drop = g_array_new(FALSE, TRUE, 1);
		g_array_set_size(drop, words->len);
		for (guint i = 2; i < words->len; i++) {
			struct word *w = &g_array_index(words, struct word, i);
			struct word *a = w - 2, *b = w - 1;
			if (w->enc && a->enc && slice_isspace(v + b->s, b->len))
				drop->data[i - 1] = 1;
		}
		guint k = 0;
		for (guint i = 0; i < words->len; i++)
			if (!drop->data[i])
				g_array_index(words, struct word, k++) =
					g_array_index(words, struct word, i);
		g_array_set_size(words, k);
	}

	/* Decode and merge runs of equal charset: plain text joined with a
	 * space, encoded words concatenated. */
	{
		g_autoptr(GByteArray) buf = g_byte_array_new();
		for (guint i = 0; i < words->len && ok; i++) {
			struct word *w = &g_array_index(words, struct word, i);
			struct elem *last =
				elems->len ? &g_array_index(elems, struct elem,
							    elems->len - 1)
					   : NULL;
			g_byte_array_set_size(buf, 0);
			if (!w->enc)
				g_byte_array_append(
					buf, (const guint8 *)v + w->s, w->len);
			else if (w->enc == 'q')
				q_decode(v + w->s, w->len, buf);
			else
				ok = b_decode(v + w->s, w->len, buf);
			if (!ok)
				break;
			char *lab =
				w->enc ? lower_dup(v + w->cs, w->cs_len) : NULL;
			gboolean same;
			if (!last)
				same = FALSE;
			else if (!w->enc)
				same = last->charset == NULL;
			else
				same = last->charset &&
				       last->charset_len == w->cs_len &&
				       memcmp(last->charset, lab, w->cs_len) ==
					       0;
			if (!same) {
				elem_add(elems, buf->data, buf->len, lab,
					 w->cs_len);
				continue;
			}
			g_free(lab);
			if (!w->enc)
				g_byte_array_append(last->bytes,
						    (const guint8 *)" ", 1);
			g_byte_array_append(last->bytes, buf->data, buf->len);
		}
	}
	return ok;
}

/* ---- make_header (A.2) -------------------------------------------------- */

static void chunk_free_contents(struct chunk *c)
{
	charset_clear(&c->cs);
	if (c->ascii)
		g_string_free(c->ascii, TRUE);
	if (c->u)
		g_array_free(c->u, TRUE);
}

void header_clear(struct header *h)
{
	if (!h->chunks)
		return;
	for (guint i = 0; i < h->chunks->len; i++)
		chunk_free_contents(&g_array_index(h->chunks, struct chunk, i));
	g_array_free(h->chunks, TRUE);
	h->chunks = NULL;
}

static gboolean codec_roundtrips(enum codec_kind k)
{
	/* every string these decode to encodes back: skip the check */
	return k == CODEC_ASCII || k == CODEC_LATIN1 || k == CODEC_UTF8 ||
	       k == CODEC_UNKNOWN8BIT;
}

/*
 * Header.append(bytes, Charset(name)): decode with the input codec, then
 * make sure the text encodes with the output codec. FALSE where Python
 * raises (UnicodeError, LookupError, ValueError), which Patchwork answers
 * with the unknown-8bit fallback.
 */
static gboolean chunk_init(struct chunk *c, const guint8 *b, gsize n,
			   const char *name, gsize name_len)
{
	memset(c, 0, sizeof(*c));
	charset_init(&c->cs, name, name_len);
	if (c->cs.bad_name)
		return FALSE;
	if (charset_is_usascii(&c->cs)) {
		for (gsize i = 0; i < n; i++)
			if (b[i] >= 0x80)
				return FALSE;
		c->ascii = g_string_new_len((const char *)b, n);
		return TRUE;
	}
	c->u = g_array_sized_new(FALSE, FALSE, sizeof(gunichar), n);
	if (!codec_decode(&c->cs.in, b, n, c->u))
		return FALSE;
	if (c->cs.out.kind == CODEC_UNKNOWN8BIT)
		return TRUE;
	if (c->cs.out.kind == c->cs.in.kind && codec_roundtrips(c->cs.in.kind))
		return TRUE;
	{
		g_autoptr(GByteArray) tmp = g_byte_array_new();
		/* (An output codec of us-ascii would relabel the text as
		 * utf-8 instead of failing, but only the us-ascii charset has
		 * that output codec, and its text decoded as ASCII.) */
		return codec_encode(&c->cs.out, (gunichar *)c->u->data,
				    c->u->len, tmp);
	}
}

/* Appends a chunk, merging it into the previous one when the charsets are
 * equal (Header._normalize(): texts joined with a space). */
static void header_add(struct header *h, struct chunk *c)
{
	struct chunk *last = h->chunks->len
				     ? &g_array_index(h->chunks, struct chunk,
						      h->chunks->len - 1)
				     : NULL;
	if (last && strcmp(last->cs.input, c->cs.input) == 0) {
		if (last->ascii) {
			g_string_append_c(last->ascii, ' ');
			g_string_append_len(last->ascii, c->ascii->str,
					    c->ascii->len);
		} else {
			gunichar sp = ' ';
			g_array_append_val(last->u, sp);
			g_array_append_vals(last->u, c->u->data, c->u->len);
		}
		chunk_free_contents(c);
		return;
	}
	g_array_append_val(h->chunks, *c);
}

/* make_header(decode_header(value)) with Patchwork's fallback: if any
 * element fails to decode, every element is relabelled unknown-8bit. */
static void make_header(struct header *h, GArray *elems)
{
	gboolean fallback = FALSE;

	h->chunks = g_array_new(FALSE, FALSE, sizeof(struct chunk));
	for (guint i = 0; i < elems->len && !fallback; i++) {
		struct elem *e = &g_array_index(elems, struct elem, i);
		struct chunk c;
		if (!chunk_init(&c, e->bytes->data, e->bytes->len,
				e->charset ? e->charset : "us-ascii",
				e->charset ? e->charset_len : 8)) {
			chunk_free_contents(&c);
			fallback = TRUE;
			break;
		}
		header_add(h, &c);
	}
	if (!fallback)
		return;
	header_clear(h);
	h->chunks = g_array_new(FALSE, FALSE, sizeof(struct chunk));
	for (guint i = 0; i < elems->len; i++) {
		struct elem *e = &g_array_index(elems, struct elem, i);
		struct chunk c;
		chunk_init(&c, e->bytes->data, e->bytes->len, "unknown-8bit",
			   12);
		header_add(h, &c);
	}
}

gboolean header_build(struct header *h, const char *v, gsize n)
{
	GArray *elems = g_array_new(FALSE, FALSE, sizeof(struct elem));
	gboolean eight_bit = FALSE;
	gboolean ok = TRUE;

	for (gsize i = 0; i < n && !eight_bit; i++)
		eight_bit = (guchar)v[i] >= 0x80;
	if (eight_bit) {
		/* compat32 returns Header(value, 'unknown-8bit'), which
		 * decode_header() hands back as one element: encoded words
		 * in it are not decoded. */
		elem_add(elems, (const guint8 *)v, n, g_strdup("unknown-8bit"),
			 12);
	} else {
		ok = decode_header(v, n, elems);
	}
	if (ok)
		make_header(h, elems);
	elems_free(elems);
	return ok;
}
