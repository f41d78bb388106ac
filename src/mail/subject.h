/*
 * Subject rules (ingest.md §6): the patch name and prefixes Patchwork
 * derives from a Subject, the series marker "x/n", the version, whether the
 * mail is a reply, and the series name taken from a cover letter (§16.6).
 *
 * Every function takes text that clean_header() already produced (valid
 * UTF-8, no NUL, white space collapsed), is pure and thread-safe, and
 * reproduces Python's `re` semantics: `\s` is str.isspace(), `\d` is any
 * Unicode decimal digit, and int() converts such digits.
 *
 * Numbers: Python's ints are unbounded, darn's are gint64. A number larger
 * than G_MAXINT64 is clamped to G_MAXINT64 (zero stays zero, so the cover
 * letter test "x == 0" is unaffected; the store must still reject values its
 * columns cannot hold, as Patchwork's database does). A digit string longer
 * than 4300 digits makes Python 3.11's int() raise ValueError, so Patchwork
 * rejects the whole mail; subject_numbers_too_long() tells the caller.
 */
#ifndef DARN_MAIL_SUBJECT_H
#define DARN_MAIL_SUBJECT_H

#include <glib.h>

/* Python 3.11's default sys.get_int_max_str_digits(). */
#define SUBJECT_MAX_INT_DIGITS 4300

/*
 * split_prefixes (§6.1): appends to `tokens` (a GPtrArray with g_free as
 * element free function) the tokens of the text inside one `[...]` group,
 * text[0..len).
 */
void subject_split_prefixes(const char *text, gsize len, GPtrArray *tokens);

/*
 * clean_subject (§6.2) from step 2 on. `cleaned` is clean_header(Subject),
 * which must not be NULL (the caller raises "Invalid 'Subject' header");
 * `drop_linkname` is the project's linkname, dropped case-insensitively
 * like `patch` (may be NULL).
 *
 * *name_out: the name, e.g. "[RFC,1/2] meep" (g_free; not yet truncated to
 * 255 characters). *prefixes_out: the kept prefix tokens in order, a new
 * GPtrArray of strings that frees its elements (g_ptr_array_unref).
 */
void subject_clean(const char *cleaned, const char *drop_linkname,
		   char **name_out, GPtrArray **prefixes_out);

/*
 * Series marker (§6.3): the first prefix ending in `<x>/<n>` or
 * `<x> of <n>` (ASCII digits). TRUE sets *x and *n (clamped, see above);
 * FALSE ("none") leaves them untouched.
 */
gboolean subject_marker(GPtrArray *prefixes, gint64 *x, gint64 *n);

/*
 * Version (§6.4): a `v<digits>` prefix, else `(v<digits>)` in `name`, else
 * 1 (clamped, see above).
 */
gint64 subject_version(const char *name, GPtrArray *prefixes);

/*
 * TRUE when the marker or version number Patchwork would convert has more
 * than 4300 digits: Python's int() raises ValueError there and Patchwork
 * rejects the mail. (subject_marker() and subject_version() still give
 * clamped values for such numbers.)
 */
gboolean subject_numbers_too_long(const char *name, GPtrArray *prefixes);

/*
 * subject_check (§6.5): TRUE when the cleaned subject starts with `re`
 * (any case) followed by `:` or white space. NULL or "" gives FALSE.
 */
gboolean subject_is_reply(const char *cleaned);

/*
 * format_name (§16.6): the series name a cover letter gives its series,
 * i.e. the cover's name without its leading `[...]` group, or the name
 * stripped when it has none. Returns a new string (g_free).
 */
char *subject_cover_series_name(const char *cover_name);

#endif
