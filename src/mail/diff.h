/*
 * Splitting a plain-text mail body into its diff and the surrounding
 * prose, exactly as Patchwork's parse_patch() does (ingest.md §10.5), and
 * the hunk-header rule shared with the hash (§12).
 *
 * All strings are UTF-8 and NUL-terminated; functions are thread-safe.
 */
#ifndef DARN_MAIL_DIFF_H
#define DARN_MAIL_DIFF_H

#include <glib.h>

/*
 * parse_patch(text): *patch_out receives the diff and *comment_out the
 * rest, each newly allocated (g_free) or NULL when empty. Together they
 * hold every line of text plus one extra "\n" (Python splits on "\n" and
 * appends "\n" to every element, the last one included).
 */
void diff_parse(const char *text, char **patch_out, char **comment_out);

/*
 * A match of ^\@\@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? \@\@ (\d = any Unicode
 * decimal digit, as in a Python str pattern). The groups point into the
 * line; a length of 0 means the group did not take part in the match.
 */
struct diff_hunk {
	const char *old_count;
	gsize old_len;
	const char *new_count;
	gsize new_len;
};

/* TRUE when line[0..len) starts with a hunk header; fills *hunk. */
gboolean diff_hunk_match(const char *line, gsize len, struct diff_hunk *hunk);

/*
 * Python's `int(group) if group else 1` for one hunk group, saturated at
 * 2^62 (no diff has that many lines, so counting down behaves the same).
 */
gint64 diff_hunk_count(const char *digits, gsize len);

/* Appends "%d" % int(group) (or "1" when the group is absent): the
 * canonical ASCII decimal, however long and whatever digits it used. */
void diff_hunk_count_append(GString *out, const char *digits, gsize len);

#endif
