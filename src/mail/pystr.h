/*
 * Python str semantics on UTF-8 strings.
 *
 * Patchwork is written in Python, and what it stores depends on how
 * Python's str methods and `re` classes treat Unicode: str.strip() and
 * `\s` both use str.isspace(), which includes \x1c-\x1f, \x85 and the
 * Unicode space separators; lengths and slices count code points. These
 * helpers reproduce exactly that, so names and contents match byte for byte.
 *
 * All functions take valid UTF-8 (callers decode first) and return newly
 * allocated strings owned by the caller (g_free).
 */
#ifndef DARN_MAIL_PYSTR_H
#define DARN_MAIL_PYSTR_H

#include <glib.h>

/* TRUE when Python's str.isspace() is true for this code point. */
gboolean py_isspace(gunichar c);

/* TRUE when Python's `\w` matches c in a str pattern (isalnum or '_'). */
gboolean py_isword(gunichar c);

/* str.strip(): leading and trailing py_isspace characters removed. */
char *py_strip(const char *s);

/* str.strip() of [s, end) without a copy: the stripped text is
 * [*start_out, *end_out). */
void py_strip_span(const char *s, const char *end, const char **start_out,
		   const char **end_out);

/* re.sub(r'\s+', ' ', s).strip() */
char *py_normalise_space(const char *s);

/* s[:max_chars], counting code points. */
char *py_truncate(const char *s, gsize max_chars);

/* s with every NUL removed; s has length len (may contain NULs). */
char *py_remove_nul(const char *s, gsize len);

/*
 * Python's str.isdecimal() (what `\d` and int() accept): the digit's value
 * 0..9, or -1. Uses Python 3.11's Unicode 14 table, not GLib's, so that a
 * digit added in a later Unicode version is not a digit here either.
 */
int py_decimal_value(gunichar c);

/* int(s) of a str: surrounding white space, a sign, decimal digits of any
 * script with single '_' between them. FALSE when Python would raise
 * ValueError, or when the value does not fit a gint64. */
gboolean py_parse_int(const char *s, gint64 *out);

/* Python's str.isdigit(): decimals plus superscripts, circled digits, ... */
gboolean py_isdigit(gunichar c);

/*
 * str.lower(): full lower-casing as Python does it (U+0130 becomes two code
 * points, Roman numerals and circled letters are lowered, a capital sigma
 * at the end of a word becomes final sigma). The sigma context uses GLib's
 * character classes, which is close to but not exactly Unicode's Cased and
 * Case_Ignorable properties. Returns a new string (g_free).
 */
char *py_lower(const char *s);

#endif
