/*
 * Python codec lookup and strict decoding for MIME parts (ingest.md
 * §10.1): Patchwork's choice of charset, and whether a part is kept at
 * all, depends on exactly which names Python knows and which bytes its
 * codecs reject, so both come from tables generated from Python 3.11.
 */
#include "mail/charset.h"

enum codec_kind {
	CS_UTF8,
	CS_UTF8_SIG,
	CS_ASCII,
	CS_LATIN1,
	CS_TABLE,	/* single-byte, Python's decoding table */
	CS_ICONV,	/* multi-byte, through iconv */
	CS_ERROR,	/* not a text codec: Python raises, the mail fails */
	CS_UNSUPPORTED, /* known to Python, no decoder here */
};

struct py_codec {
	const char *key;   /* normalised name Python looks up */
	const char *codec; /* Python's codec name */
	gboolean alias;	   /* key of encodings.aliases */
	enum codec_kind kind;
	int table; /* index into py_codec_tables for CS_TABLE */
	const char *iconv;
};

#include "mail/charset-table.h"

#define UNDEFINED 0xfffe

static int compare_key(const void *key, const void *entry)
{
	return strcmp(key, ((const struct py_codec *)entry)->key);
}

static const struct py_codec *find(const char *key)
{
	return bsearch(key, py_codec_names, G_N_ELEMENTS(py_codec_names),
		       sizeof(py_codec_names[0]), compare_key);
}

const struct py_codec *py_codec_lookup(const char *name, gsize len)
{
	g_autofree char *norm = g_malloc(len + 1);
	const struct py_codec *codec;
	gboolean punct = FALSE, dot = FALSE;
	gsize n = 0;

	/* encodings.normalize_encoding(): runs of anything but ASCII
	 * letters, digits and '.' become one '_', except at the ends; the
	 * C layer lowercases first. A NUL is a ValueError. */
	for (gsize i = 0; i < len; i++) {
		char c = name[i];
		if (c == '\0')
			return NULL;
		if (g_ascii_isalnum(c) || c == '.') {
			if (punct && n > 0)
				norm[n++] = '_';
			punct = FALSE;
			norm[n++] = g_ascii_tolower(c);
			dot |= c == '.';
		} else {
			punct = TRUE;
		}
	}
	norm[n] = '\0';
	if (n == 0)
		return NULL;
	codec = find(norm);
	if (codec || !dot)
		return codec;
	/* search_function() also tries the alias table (only) with the
	 * dots replaced: "iso8859.1" is known, "utf.8" is not. */
	for (gsize i = 0; i < n; i++)
		if (norm[i] == '.')
			norm[i] = '_';
	codec = find(norm);
	return codec && codec->alias ? codec : NULL;
}

const char *py_codec_name(const struct py_codec *codec)
{
	return codec->codec;
}

/* Strict UTF-8 as Python's codec: GLib rejects the same overlongs,
 * surrogates and values above U+10FFFF; NULs are plain characters. */
static gboolean utf8_valid(const char *data, gsize len)
{
	const char *p = data, *end = data + len;

	/* most mail is ASCII: skip it eight bytes at a time (a NUL or a
	 * byte >= 0x80 stops the fast scan) */
	while (end - p >= 8) {
		guint64 w;
		memcpy(&w, p, 8);
		if ((w & G_GUINT64_CONSTANT(0x8080808080808080)) ||
		    ((w - G_GUINT64_CONSTANT(0x0101010101010101)) & ~w &
		     G_GUINT64_CONSTANT(0x8080808080808080)))
			break;
		p += 8;
	}

	while (p < end) {
		const char *stop;
		if (g_utf8_validate_len(p, end - p, &stop))
			return TRUE;
		if (stop >= end || *stop != '\0')
			return FALSE;
		p = stop + 1;
	}
	return TRUE;
}

static char *copy_bytes(const char *data, gsize len, gsize *out_len)
{
	char *out = g_malloc(len + 1);

	memcpy(out, data, len);
	out[len] = '\0';
	*out_len = len;
	return out;
}

/* Single-byte decoding through a 256-entry table; NULL on an undefined
 * byte. */
static char *decode_table(const guint16 *table, const char *data, gsize len,
			  gsize *out_len)
{
	GString *out = g_string_sized_new(len + len / 2 + 1);

	for (gsize i = 0; i < len; i++) {
		guint16 c = table[(guchar)data[i]];
		if (c == UNDEFINED) {
			g_string_free(out, TRUE);
			return NULL;
		}
		if (c < 0x80)
			g_string_append_c(out, (char)c);
		else
			g_string_append_unichar(out, c);
	}
	*out_len = out->len;
	return g_string_free(out, FALSE);
}

static char *decode_latin1(const char *data, gsize len, gsize *out_len)
{
	GString *out = g_string_sized_new(len + len / 4 + 1);

	for (gsize i = 0; i < len; i++) {
		guchar c = data[i];
		if (c < 0x80) {
			g_string_append_c(out, c);
		} else {
			g_string_append_c(out, 0xc0 | (c >> 6));
			g_string_append_c(out, 0x80 | (c & 0x3f));
		}
	}
	*out_len = out->len;
	return g_string_free(out, FALSE);
}

static gboolean has_bom(const char *data, gsize len, gsize bom_len)
{
	static const guchar le32[] = {0xff, 0xfe, 0, 0},
			    be32[] = {0, 0, 0xfe, 0xff};

	if (len < bom_len)
		return FALSE;
	if (bom_len == 2)
		return ((guchar)data[0] == 0xff && (guchar)data[1] == 0xfe) ||
		       ((guchar)data[0] == 0xfe && (guchar)data[1] == 0xff);
	return memcmp(data, le32, 4) == 0 || memcmp(data, be32, 4) == 0;
}

static char *decode_iconv(const char *name, const char *data, gsize len,
			  gsize *out_len)
{
	gsize written = 0;
	char *out;

	/* Python's utf-16/utf-32 read a BOM when there is one and assume
	 * the machine's (little-endian) order otherwise; iconv assumes
	 * big-endian. */
	if (strcmp(name, "UTF-16") == 0 && !has_bom(data, len, 2))
		name = "UTF-16LE";
	else if (strcmp(name, "UTF-32") == 0 && !has_bom(data, len, 4))
		name = "UTF-32LE";
	/* no bytes_read: only then is a truncated last character an error */
	out = g_convert(data, len, "UTF-8", name, NULL, &written, NULL);
	if (!out)
		return NULL;
	*out_len = written;
	return out;
}

enum charset_result py_codec_decode(const struct py_codec *codec,
				    const char *data, gsize len, char **out,
				    gsize *out_len)
{
	*out = NULL;
	*out_len = 0;
	if (len == 0) {
		/* PyUnicode_Decode() returns "" before it looks at the
		 * codec, so even charset=base64 decodes an empty part */
		*out = g_strdup("");
		return CHARSET_OK;
	}
	switch (codec->kind) {
	case CS_UTF8_SIG:
		if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
			data += 3;
			len -= 3;
		}
		/* fall through */
	case CS_UTF8:
		if (utf8_valid(data, len))
			*out = copy_bytes(data, len, out_len);
		break;
	case CS_ASCII:
		for (gsize i = 0; i < len; i++)
			if ((guchar)data[i] >= 0x80)
				return CHARSET_INVALID;
		*out = copy_bytes(data, len, out_len);
		break;
	case CS_LATIN1:
		*out = decode_latin1(data, len, out_len);
		break;
	case CS_TABLE:
		*out = decode_table(py_codec_tables[codec->table], data, len,
				    out_len);
		break;
	case CS_ICONV:
		*out = decode_iconv(codec->iconv, data, len, out_len);
		break;
	case CS_ERROR:
		return CHARSET_ERROR;
	case CS_UNSUPPORTED:
		/* idna, punycode, unicode-escape, raw-unicode-escape, hz:
		 * never seen as a mail charset; treated as undecodable. */
		break;
	}
	return *out ? CHARSET_OK : CHARSET_INVALID;
}

char *charset_decode_fallback(const char *data, gsize len, gsize *out_len)
{
	const struct py_codec *cp1252;
	char *out;

	if (utf8_valid(data, len))
		return copy_bytes(data, len, out_len);
	cp1252 = py_codec_lookup("cp1252", 6);
	g_assert(cp1252 && cp1252->kind == CS_TABLE);
	out = decode_table(py_codec_tables[cp1252->table], data, len, out_len);
	return out ? out : decode_latin1(data, len, out_len);
}
