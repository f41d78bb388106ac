/*
 * Writing HTML safely: every helper escapes for the context its name says
 * (element text, attribute value, URL argument). Markup itself can only
 * come from string literals: html_markup() pastes its argument next to
 * "" so that anything but a literal fails to compile, and forgetting to
 * escape a value is a build error rather than a hole. The helpers that
 * write markup around data (a mail's lines, a diff's) build it from
 * escaped text in web/syntax.c.
 *
 * In util/ because both sides of the dispatcher write HTML with it: the
 * web pages (web/page.h) and the REST API's browsable pages
 * (api/render.c). api/ and web/ are siblings, so what both need lives
 * below them (as json.h).
 */
#ifndef DARN_UTIL_HTML_H
#define DARN_UTIL_HTML_H

#include <glib.h>

/* Text content of an element: & < > " ' escaped. */
void html_text(GString *out, const char *s);
void html_text_len(GString *out, const char *s, gsize len);
/* A double-quoted attribute value (without the quotes). */
void html_attr(GString *out, const char *s);
/* printf-style text, escaped after formatting. */
void html_textf(GString *out, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* A number (needs no escaping). */
void html_int(GString *out, gint64 n);
/* A query-string value inside a double-quoted attribute: percent-encoded
 * as Python's urllib.parse.quote (safe "/"), then attribute-escaped. */
void html_url_arg(GString *out, const char *s);

/* Markup from a string literal, written as is. */
#define html_markup(out, lit) html_markup_((out), "" lit "")
/* The older, louder name of the same thing (api/render.c). */
#define html_raw_trusted_markup(out, lit) html_markup(out, lit)
void html_markup_(GString *out, const char *literal);

#endif
