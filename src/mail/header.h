/*
 * Header values decoded and re-encoded exactly as Patchwork does it with
 * Python 3.11's email package (ingest.md Appendix A): clean_header() gives
 * the text used for subjects, names, dates and message-ids; the canonical
 * re-encoding gives the lines of the stored `headers` field (§9).
 *
 * Input values are raw header values as the message layer extracts them
 * (ingest.md §2): the bytes after "Name:" with leading SP/HTAB removed,
 * folds (line breaks and continuation whitespace) kept, trailing CR/LF
 * removed. They may contain bytes >= 0x80 (the value is then an
 * "unknown-8bit" value) and NULs. Any bytes are accepted.
 *
 * All functions are thread-safe and keep no state between calls.
 */
#ifndef DARN_MAIL_HEADER_H
#define DARN_MAIL_HEADER_H

#include <glib.h>

/* What Python did with a header value. */
enum header_status {
	HEADER_OK,
	/* Patchwork gets None: undecodable value (e.g. bad base64) or the
	 * re-encoding raised HeaderParseError (a "\n<word>:" fold). */
	HEADER_NONE,
	/* Python raised an exception Patchwork does not catch, so the whole
	 * mail fails to parse (parse_mail error). Happens for an encoded word
	 * with an empty charset name, "=??q?text?=": the email package then
	 * looks up the codec "" while re-encoding. */
	HEADER_ERROR,
};

/*
 * clean_header() (A.3): the decoded value with NULs removed, runs of
 * whitespace collapsed to one space, stripped. Returns a newly allocated
 * UTF-8 string owned by the caller (g_free), or NULL where Patchwork's
 * clean_header() returns None or raises (see header_clean_status()).
 */
char *header_clean(const char *value, gsize len);

/* header_clean() telling None and an uncaught Python exception apart.
 * *out is set to the string (caller frees) on HEADER_OK, NULL otherwise. */
enum header_status header_clean_status(const char *value, gsize len,
				       char **out);

/*
 * The line "Name: <canonical value>" as Patchwork stores it in the headers
 * field (§9, A.4): non-ASCII text re-encoded as RFC 2047 words, re-folded
 * at 78 columns with "\n" line breaks, NULs removed (Patchwork removes them
 * from the joined field; removing them per line is the same). name is the
 * header name with its original spelling (ASCII). Returns a newly
 * allocated string owned by the caller, or NULL when Patchwork omits the
 * header (or raises: header_canonical_line_status()).
 */
char *header_canonical_line(const char *name, const char *value, gsize len);

/* header_canonical_line() telling None and an uncaught exception apart. */
enum header_status header_canonical_line_status(const char *name,
						const char *value, gsize len,
						char **out);

/*
 * "Name: value" as Python's email package writes a header of a message it
 * generates (compat32 policy, Message.as_bytes(): Header(value,
 * header_name=name).encode() at 78 columns, continuation_ws ' '), which
 * is how Patchwork writes the headers of its mbox downloads. The value is
 * taken as text, never decoded: ASCII is one us-ascii chunk (its folds
 * kept, over-long lines folded), other valid UTF-8 becomes RFC 2047 utf-8
 * words, and invalid UTF-8 is written unchanged. Appends to out without
 * a final line break. Python raises for a value that would contain an
 * embedded header ("\n<word>:"); this writes it anyway.
 */
void header_fold_line(GString *out, const char *name, gsize namelen,
		      const char *value, gsize len);

#endif
