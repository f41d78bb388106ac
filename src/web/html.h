/*
 * Writing HTML safely: every helper escapes for the context its name says
 * (element text, attribute value, URL argument). The one helper that
 * writes markup unescaped has a loud name and takes only string literals
 * or markup built by these helpers.
 */
#ifndef DARN_WEB_HTML_H
#define DARN_WEB_HTML_H

#include <glib.h>

/* Text content of an element: & < > " ' escaped. */
void html_text(GString *out, const char *s);
void html_text_len(GString *out, const char *s, gsize len);
/* A double-quoted attribute value (without the quotes). */
void html_attr(GString *out, const char *s);
/* printf-style text, escaped after formatting. */
void html_textf(GString *out, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Trusted markup, written as is. Never pass data from a request or the
 * database. */
void html_raw_trusted_markup(GString *out, const char *markup);

#endif
