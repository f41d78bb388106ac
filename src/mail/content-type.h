/*
 * Content-Type header values with Python's email package rules (ingest.md
 * §10.1), for the MIME walk of content.c. Values are raw header bytes
 * (v[0..len), not NUL-terminated, may hold 8-bit bytes and NULs).
 */
#ifndef DARN_MAIL_CONTENT_TYPE_H
#define DARN_MAIL_CONTENT_TYPE_H

#include <glib.h>

/* get_content_type(): lower-cased "maintype/subtype". */
struct ctype {
	GString *type;
	gsize slash; /* index of the '/' */
};

/* get_content_type() of the value v[0..len), or of `fallback` (the
 * default type of the part's context) when the header is not present.
 * Free with ctype_clear(). */
void ctype_init(struct ctype *ct, const char *v, gsize len, gboolean present,
		const char *fallback);

void ctype_clear(struct ctype *ct);

/* TRUE when the main type is `main`. */
gboolean ctype_main_is(const struct ctype *ct, const char *main);

/* TRUE when the subtype is `sub`. The subtype may contain NULs from a
 * broken header, so compare with this rather than as a C string. */
gboolean ctype_sub_is(const struct ctype *ct, const char *sub);

/* get_content_charset(): lower-cased, NULL when absent or not ASCII. */
GString *content_charset(const char *v, gsize len);

/* get_boundary(): NULL when absent. */
GString *content_boundary(const char *v, gsize len);

#endif
