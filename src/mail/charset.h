/*
 * Charset decoding with Python's codec registry semantics, for MIME body
 * parts (ingest.md §10.1 steps 3-4): which charset names Python knows
 * (its own spellings and aliases such as utf8, latin1, iso8859_1, cp1252),
 * and strict decoding to UTF-8 that fails exactly where Python's codec
 * raises UnicodeDecodeError.
 *
 * Thread-safe; no global state besides constant tables.
 */
#ifndef DARN_MAIL_CHARSET_H
#define DARN_MAIL_CHARSET_H

#include <glib.h>

/* A Python codec (opaque; points into a constant table, never freed). */
struct py_codec;

/*
 * codecs.lookup(name): the codec, or NULL when Python raises LookupError
 * or ValueError (unknown name, empty name, embedded NUL). name[0..len)
 * need not be NUL-terminated.
 */
const struct py_codec *py_codec_lookup(const char *name, gsize len);

/* Python's name for the codec, e.g. "iso8859-1" (constant). */
const char *py_codec_name(const struct py_codec *codec);

enum charset_result {
	CHARSET_OK,
	/* UnicodeDecodeError: Patchwork skips the part or tries the next
	 * fallback charset. */
	CHARSET_INVALID,
	/* Python raises something Patchwork does not catch (a non-text
	 * codec such as base64, or the `undefined` codec): the mail fails. */
	CHARSET_ERROR,
};

/*
 * bytes.decode(codec) on data[0..len). On CHARSET_OK *out is the text as
 * UTF-8 (newly allocated, NUL-terminated, but it may contain U+0000 as a
 * NUL byte: *out_len is its length); otherwise *out is NULL.
 */
enum charset_result py_codec_decode(const struct py_codec *codec,
				    const char *data, gsize len, char **out,
				    gsize *out_len);

/*
 * Patchwork's fallback chain when a part has no (known) charset: strict
 * UTF-8, then Python's windows-1252 (bytes 0x81 0x8d 0x8f 0x90 0x9d
 * undefined), then ISO-8859-1. Never fails. Same ownership as above.
 */
char *charset_decode_fallback(const char *data, gsize len, gsize *out_len);

#endif
