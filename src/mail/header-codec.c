/*
 * Running a Python codec for the header port (ingest.md Appendix A):
 * bytes.decode() and str.encode() in 'strict' mode, through iconv or the
 * few codecs built in here (ascii, latin-1, utf-8 and its BOM variants,
 * unknown-8bit), with Python's quirks where glibc differs (shift_jis).
 * header-codec-names.c finds the codec for a name.
 *
 * Known differences from Python (all in charsets nobody uses in mail
 * headers; checked by decoding every 1- and 2-byte sequence both ways):
 *  - Python codecs without a glibc iconv equivalent (hz, cp720, cp1006,
 *    iso2022_jp_1/_2004/_ext, mac_arabic/_croatian/_farsi/_greek/_romanian/
 *    _turkish, palmos, idna, punycode, raw_unicode_escape, unicode_escape)
 *    are treated as unknown: the value falls back to unknown-8bit where
 *    Python would have decoded it.
 *  - iconv tables differ from Python's for a few code points or for
 *    invalid byte sequences in cp1026, cp273, cp424, cp856, cp875, cp932,
 *    cp950, big5, big5hkscs, euc_jp, euc_kr, gbk, gb18030, johab,
 *    euc_jis_2004, euc_jisx0213, shift_jis_2004, shift_jisx0213, tis_620,
 *    mac_roman, mac_cyrillic, mac_iceland, utf_7 (encoding), iso2022_kr
 *    (encoding). Valid text in the common charsets (utf-8, iso-8859-*,
 *    windows-125x, koi8-*, gb2312, iso-2022-jp, cp949, cp437/850/...)
 *    decodes and encodes identically; shift_jis too (0x5C/0x7E fixed up).
 */
#include "mail/header-private.h"

#include <errno.h>
#include <string.h>

/* Runs an iconv conversion over all of in[0..n), appending to out; FALSE
 * on invalid or truncated input or unencodable characters. */
static gboolean iconv_all(GIConv cd, const guint8 *in, gsize n, GByteArray *out)
{
	gchar *ip = (gchar *)in;
	gsize il = n;
	gchar buf[512];

	g_iconv(cd, NULL, NULL, NULL, NULL);
	while (il > 0) {
		gchar *op = buf;
		gsize ol = sizeof(buf);
		gsize r = g_iconv(cd, &ip, &il, &op, &ol);
		g_byte_array_append(out, (guint8 *)buf, op - buf);
		if (r == (gsize)-1 && errno != E2BIG)
			return FALSE;
	}
	for (;;) { /* flush a final shift sequence (iso-2022-*) */
		gchar *op = buf;
		gsize ol = sizeof(buf);
		gsize r = g_iconv(cd, NULL, NULL, &op, &ol);
		g_byte_array_append(out, (guint8 *)buf, op - buf);
		if (r != (gsize)-1)
			return TRUE;
		if (errno != E2BIG)
			return FALSE;
	}
}

static gboolean iconv_run(const char *to, const char *from, const guint8 *in,
			  gsize n, GByteArray *out)
{
	GIConv cd = g_iconv_open(to, from);
	gboolean ok;

	if (cd == (GIConv)-1)
		return FALSE;
	ok = iconv_all(cd, in, n, out);
	g_iconv_close(cd);
	return ok;
}

/* Python's strict UTF-8 decoder (no surrogates, no overlongs). */
static gboolean utf8_decode(const guint8 *b, gsize n, GArray *u)
{
	gsize i = 0;

	while (i < n) {
		guint8 c = b[i];
		gunichar cp;
		gsize need;
		guint8 lo = 0x80, hi = 0xbf;

		if (c < 0x80) {
			cp = c;
			need = 0;
		} else if (c >= 0xc2 && c <= 0xdf) {
			cp = c & 0x1f;
			need = 1;
		} else if (c >= 0xe0 && c <= 0xef) {
			cp = c & 0x0f;
			need = 2;
			if (c == 0xe0)
				lo = 0xa0;
			else if (c == 0xed)
				hi = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			cp = c & 0x07;
			need = 3;
			if (c == 0xf0)
				lo = 0x90;
			else if (c == 0xf4)
				hi = 0x8f;
		} else {
			return FALSE;
		}
		if (n - i - 1 < need)
			return FALSE;
		for (gsize k = 1; k <= need; k++) {
			guint8 t = b[i + k];
			if (t < (k == 1 ? lo : 0x80) ||
			    t > (k == 1 ? hi : 0xbf))
				return FALSE;
			cp = (cp << 6) | (t & 0x3f);
		}
		g_array_append_val(u, cp);
		i += need + 1;
	}
	return TRUE;
}

/* Decodes with an iconv charset through UTF-32LE into code points. */
static gboolean iconv_decode(const char *charset, const guint8 *b, gsize n,
			     GArray *u)
{
	g_autoptr(GByteArray) tmp = g_byte_array_sized_new(n * 4 + 4);

	if (!iconv_run("UTF-32LE", charset, b, n, tmp))
		return FALSE;
	for (gsize i = 0; i + 3 < tmp->len; i += 4) {
		gunichar c = tmp->data[i] | tmp->data[i + 1] << 8 |
			     tmp->data[i + 2] << 16 |
			     (gunichar)tmp->data[i + 3] << 24;
		g_array_append_val(u, c);
	}
	return TRUE;
}

static gboolean iconv_encode(const char *charset, const gunichar *u, gsize n,
			     GByteArray *out)
{
	g_autoptr(GByteArray) tmp = g_byte_array_sized_new(n * 4);

	for (gsize i = 0; i < n; i++) {
		guint8 b[4] = {u[i] & 0xff, (u[i] >> 8) & 0xff,
			       (u[i] >> 16) & 0xff, u[i] >> 24};
		g_byte_array_append(tmp, b, 4);
	}
	return iconv_run(charset, "UTF-32LE", tmp->data, tmp->len, out);
}

gboolean codec_decode(const struct codec *c, const guint8 *b, gsize n,
		      GArray *u)
{
	switch (c->kind) {
	case CODEC_NONE:
		return FALSE;
	case CODEC_ASCII:
		for (gsize i = 0; i < n; i++) {
			gunichar ch = b[i];
			if (ch >= 0x80)
				return FALSE;
			g_array_append_val(u, ch);
		}
		return TRUE;
	case CODEC_LATIN1:
		for (gsize i = 0; i < n; i++) {
			gunichar ch = b[i];
			g_array_append_val(u, ch);
		}
		return TRUE;
	case CODEC_UNKNOWN8BIT: /* decode('us-ascii', 'surrogateescape') */
		for (gsize i = 0; i < n; i++) {
			gunichar ch = b[i] < 0x80 ? b[i] : 0xdc00 + b[i];
			g_array_append_val(u, ch);
		}
		return TRUE;
	case CODEC_UTF8:
		return utf8_decode(b, n, u);
	case CODEC_UTF8_SIG:
		if (n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf) {
			b += 3;
			n -= 3;
		}
		return utf8_decode(b, n, u);
	case CODEC_UTF16:
		if (n >= 2 && b[0] == 0xfe && b[1] == 0xff)
			return iconv_decode("UTF-16BE", b + 2, n - 2, u);
		if (n >= 2 && b[0] == 0xff && b[1] == 0xfe)
			return iconv_decode("UTF-16LE", b + 2, n - 2, u);
		return iconv_decode("UTF-16LE", b, n, u);
	case CODEC_UTF32:
		if (n >= 4 && !memcmp(b, "\0\0\xfe\xff", 4))
			return iconv_decode("UTF-32BE", b + 4, n - 4, u);
		if (n >= 4 && !memcmp(b, "\xff\xfe\0\0", 4))
			return iconv_decode("UTF-32LE", b + 4, n - 4, u);
		return iconv_decode("UTF-32LE", b, n, u);
	case CODEC_SJIS: {
		guint from = u->len;
		if (!iconv_decode(c->iconv, b, n, u))
			return FALSE;
		/* glibc reads the single bytes 0x5C/0x7E as YEN SIGN and
		 * OVERLINE (JIS X 0201); Python's shift_jis as ASCII. Those
		 * two code points come from nothing else. */
		for (guint i = from; i < u->len; i++) {
			gunichar *ch = &g_array_index(u, gunichar, i);
			if (*ch == 0xa5)
				*ch = '\\';
			else if (*ch == 0x203e)
				*ch = '~';
		}
		return TRUE;
	}
	case CODEC_ICONV:
		return iconv_decode(c->iconv, b, n, u);
	}
	return FALSE;
}

gsize encode_simple(enum codec_kind kind, gunichar c, guint8 out[6])
{
	switch (kind) {
	case CODEC_ASCII:
		out[0] = c;
		return c < 0x80;
	case CODEC_LATIN1:
		out[0] = c;
		return c < 0x100;
	case CODEC_UNKNOWN8BIT:
		/* str.encode('ascii', 'surrogateescape') */
		if (c < 0x80) {
			out[0] = c;
			return 1;
		}
		if (c >= 0xdc80 && c <= 0xdcff) {
			out[0] = c - 0xdc00;
			return 1;
		}
		return 0;
	case CODEC_UTF8:
		if (c >= 0xd800 && c <= 0xdfff)
			return 0;
		return g_unichar_to_utf8(c, (char *)out);
	default:
		return 0;
	}
}

gboolean codec_is_simple(enum codec_kind kind)
{
	return kind == CODEC_ASCII || kind == CODEC_LATIN1 ||
	       kind == CODEC_UTF8 || kind == CODEC_UNKNOWN8BIT;
}

gboolean codec_encode(const struct codec *c, const gunichar *u, gsize n,
		      GByteArray *out)
{
	if (codec_is_simple(c->kind)) {
		for (gsize i = 0; i < n; i++) {
			guint8 b[6];
			gsize k = encode_simple(c->kind, u[i], b);
			if (!k)
				return FALSE;
			g_byte_array_append(out, b, k);
		}
		return TRUE;
	}
	switch (c->kind) {
	case CODEC_UTF8_SIG:
		g_byte_array_append(out, (const guint8 *)"\xef\xbb\xbf", 3);
		return codec_encode(&(struct codec){CODEC_UTF8, NULL}, u, n,
				    out);
	case CODEC_UTF16: /* Python writes a BOM, then native order */
		g_byte_array_append(out, (const guint8 *)"\xff\xfe", 2);
		return iconv_encode("UTF-16LE", u, n, out);
	case CODEC_UTF32:
		g_byte_array_append(out, (const guint8 *)"\xff\xfe\0\0", 4);
		return iconv_encode("UTF-32LE", u, n, out);
	case CODEC_SJIS: {
		g_autofree gunichar *m = g_memdup2(u, n * sizeof(*u));
		for (gsize i = 0; i < n; i++) {
			if (m[i] == '\\')
				m[i] = 0xa5;
			else if (m[i] == '~')
				m[i] = 0x203e;
		}
		return iconv_encode(c->iconv, m, n, out);
	}
	case CODEC_ICONV:
		return iconv_encode(c->iconv, u, n, out);
	default:
		return FALSE;
	}
}
