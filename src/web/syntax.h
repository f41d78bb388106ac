/*
 * A mail's text and a diff as the patch and cover pages show them, with
 * Patchwork's highlighting (its templatetags/syntax.py: commentsyntax and
 * patchsyntax): escaped through util/html.h, each highlighted line in a
 * span of its class. Only the web pages use them.
 */
#ifndef DARN_WEB_SYNTAX_H
#define DARN_WEB_SYNTAX_H

#include <glib.h>

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
