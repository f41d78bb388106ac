/*
 * Content-Transfer-Encoding decoding exactly as Python's email package
 * (compat32) does it in Message.get_payload(decode=True), because
 * Patchwork's stored diff and its hash are computed from those bytes:
 * binascii.a2b_qp for quoted-printable, email's lenient base64 (decode_b)
 * and email's _decode_uu. GMime's decoders agree on well-formed input but
 * not on damaged input ("==", "=\r" not before "\n", stray base64 after
 * the padding, a lone trailing base64 character), which mailing-list
 * archives do contain.
 *
 * Thread-safe; inputs may be any bytes.
 */
#ifndef DARN_MAIL_CTE_H
#define DARN_MAIL_CTE_H

#include <glib.h>

/*
 * Decodes data[0..len) for the Content-Transfer-Encoding value cte (as
 * Python sees it: lower-cased, not stripped). Returns a new GBytes
 * (g_bytes_unref): the decoded bytes, or the input itself for identity
 * and unknown encodings and (as Python) undecodable uuencode; that
 * GBytes borrows data, so it must not outlive data.
 */
GBytes *cte_decode(const char *cte, const char *data, gsize len);

/* The single decoders, exposed for tests. Results are newly allocated. */
GByteArray *cte_decode_qp(const char *data, gsize len);
/* Never NULL: for a payload Python cannot decode (4n+1 base64
 * characters) the input without its line breaks, as Python returns it. */
GByteArray *cte_decode_base64(const char *data, gsize len);
/* NULL on a ValueError (no begin line, truncated input, bad characters). */
GByteArray *cte_decode_uu(const char *data, gsize len);

#endif
