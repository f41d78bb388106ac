/*
 * Writing HTML safely: every helper escapes for the context its name says
 * (element text, attribute value, URL argument). Markup itself can only
 * come from string literals: html_markup() pastes its argument next to
 * "" so that anything but a literal fails to compile, and forgetting to
 * escape a value is a build error rather than a hole. The few helpers
 * that write markup around data (links in a message, diff lines) build
 * it here, from escaped text.
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

/*
 * A mail's text as Patchwork 3.1's commentsyntax shows it: escaped, with
 * lines that start with a tag (Signed-off-by:, Acked-by:...), "From:"
 * or a quote ">" in a span of their class. URLs stay text, as there
 * (a page's links are part of what is compared with Patchwork's).
 */
void html_message(GString *out, const char *content);
/* A diff with each line in a span of its kind (header, added, removed,
 * hunk), as Patchwork's patchsyntax. */
void html_diff(GString *out, const char *diff);

#endif
