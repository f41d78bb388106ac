/*
 * Internals shared by the files of the header port (ingest.md Appendix A):
 * Python codecs (header-codec-names.c, header-codec.c),
 * email.charset.Charset (header-charset.c), decode_header() and
 * make_header() (header-decode.c), Header.encode() (header-encode.c), and
 * the public functions of mail/header.h (header.c). Only those files
 * include it; everyone else uses mail/header.h.
 *
 * Text of decoded chunks is kept as UCS-4 code points, the way Python
 * holds a str: lengths, splitlines() and isspace() then work per code point
 * exactly as there. A raw byte b >= 0x80 of an "unknown-8bit" value is the
 * surrogate U+DC00+b, as Python's surrogateescape makes it. Plain us-ascii
 * chunks stay as bytes (they are ASCII by construction).
 */
#ifndef DARN_MAIL_HEADER_PRIVATE_H
#define DARN_MAIL_HEADER_PRIVATE_H

#include "mail/header.h"
#include "mail/pystr.h"

#include <glib.h>

#define MAXLINELEN 78 /* email.header.MAXLINELEN */

/* ---- Python str helpers (inline: they sit in the hot loops) ------------- */

/* Python's str.splitlines() line boundaries. */
static inline gboolean is_linebreak(gunichar c)
{
	switch (c) {
	case '\n':
	case '\r':
	case 0x0b:
	case 0x0c:
	case 0x1c:
	case 0x1d:
	case 0x1e:
	case 0x85:
	case 0x2028:
	case 0x2029:
		return TRUE;
	default:
		return FALSE;
	}
}

/* Header._nonctext(): whitespace or one of ( ) \ */
static inline gboolean nonctext(gunichar c)
{
	return py_isspace(c) || c == '(' || c == ')' || c == '\\';
}

/* str.isspace() for an ASCII character. */
static inline gboolean ascii_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

/* Python str.splitlines() on code points: the line starting at *pos
 * (without its break) as [*start, *end); FALSE when no line is left. */
static inline gboolean next_line_u(const gunichar *u, gsize n, gsize *pos,
				   gsize *start, gsize *end)
{
	gsize i = *pos;

	if (i >= n)
		return FALSE;
	while (i < n && !is_linebreak(u[i]))
		i++;
	*start = *pos;
	*end = i;
	if (i < n)
		i += (u[i] == '\r' && i + 1 < n && u[i + 1] == '\n') ? 2 : 1;
	*pos = i;
	return TRUE;
}

/* The same on a byte string that is ASCII (as every us-ascii text is). */
static inline gboolean next_line_b(const char *s, gsize n, gsize *pos,
				   gsize *start, gsize *end)
{
	gsize i = *pos;

	if (i >= n)
		return FALSE;
	while (i < n && !is_linebreak((guchar)s[i]))
		i++;
	*start = *pos;
	*end = i;
	if (i < n)
		i += (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
	*pos = i;
	return TRUE;
}

/* ---- Python codecs (header-codec-names.c, header-codec.c) --------------- */

enum codec_kind {
	CODEC_NONE, /* LookupError (unknown, or not a text encoding) */
	CODEC_ASCII,
	CODEC_LATIN1,
	CODEC_UTF8,
	CODEC_UTF8_SIG,
	CODEC_UTF16, /* BOM-sniffing, default little endian, like Python */
	CODEC_UTF32,
	CODEC_ICONV,
	CODEC_SJIS, /* iconv, with 0x5C/0x7E as ASCII like Python's shift_jis */
	CODEC_UNKNOWN8BIT, /* the email package's surrogateescape pseudo codec
			    */
};

struct codec {
	enum codec_kind kind;
	const char *iconv;
};

/* codecs.lookup(name); CODEC_NONE where Python raises. */
struct codec codec_lookup(const char *name, gsize len);

/* bytes.decode(codec, 'strict'), appending code points to u; FALSE where
 * Python raises. */
gboolean codec_decode(const struct codec *c, const guint8 *b, gsize n,
		      GArray *u);

/* str.encode(codec, 'strict'), appending to out; FALSE where Python
 * raises. */
gboolean codec_encode(const struct codec *c, const gunichar *u, gsize n,
		      GByteArray *out);

/* TRUE for the additive codecs encode_simple() handles (ascii, latin-1,
 * utf-8, unknown-8bit). */
gboolean codec_is_simple(enum codec_kind kind);

/* Encodes one code point of an additive codec; returns its byte count
 * (0: not encodable). */
gsize encode_simple(enum codec_kind kind, gunichar c, guint8 out[6]);

/* ---- email.charset.Charset (header-charset.c) --------------------------- */

enum henc { HENC_NONE, HENC_QP, HENC_BASE64, HENC_SHORTEST };

struct charset {
	char *input;  /* input_charset: what equality compares */
	char *output; /* get_output_charset(): sizes the encoded words */
	char *label;  /* output_codec: written into the encoded words */
	enum henc henc;
	gboolean bad_name;    /* the name had a NUL: no codec at all */
	struct codec in;      /* input_codec (or us-ascii) */
	struct codec out;     /* output_codec (or us-ascii) */
	struct codec measure; /* codec of get_output_charset() */
};

/* Charset(name); name is already lower-case (decode_header lowers it).
 * Free with charset_clear(). */
void charset_init(struct charset *cs, const char *name, gsize len);

void charset_clear(struct charset *cs);

static inline gboolean charset_is_usascii(const struct charset *cs)
{
	return cs->henc == HENC_NONE;
}

/* ---- email.header.Header (header-decode.c) ------------------------------ */

struct chunk {
	struct charset cs;
	GString *ascii; /* us-ascii chunks: the (ASCII) text */
	GArray *u;	/* other chunks: gunichar code points */
};

struct header {
	GArray *chunks; /* struct chunk */
};

/* Builds the chunks of a raw value, as make_header(decode_header(value))
 * with Patchwork's unknown-8bit fallback. FALSE when decode_header()
 * raises. Free with header_clear(). */
gboolean header_build(struct header *h, const char *v, gsize n);

void header_clear(struct header *h);

/* ---- Header.encode (header-encode.c) ------------------------------------ */

/* A chunk as the encoder and the renderer see it. */
struct text_view {
	gboolean ascii;		  /* us-ascii: text in a, else in u */
	const struct charset *cs; /* for the others */
	const char *a;
	const gunichar *u;
	gsize n;
};

static inline gunichar view_char(const struct text_view *t, gsize i)
{
	return t->ascii ? (guchar)t->a[i] : t->u[i];
}

/*
 * Header.encode(splitchars=';, \t', maxlinelen=78, linesep='\n') with
 * continuation_ws cont ('\t' as Patchwork stores headers, ' ' as the
 * email package writes them), appending the value to out (which may hold
 * a prefix). On anything but HEADER_OK, out holds garbage.
 */
enum header_status header_encode(const struct text_view *t, guint nt,
				 gsize headerlen, char cont, GString *out);

#endif
