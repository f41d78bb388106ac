/*
 * The Date rule of ingest.md §8: Python's lenient email.utils.parsedate_tz()
 * followed by Patchwork's find_date() conversion to a UTC timestamp.
 */
#ifndef DARN_MAIL_DATE_H
#define DARN_MAIL_DATE_H

#include <glib.h>

/*
 * Parses `cleaned` (clean_header() of the Date header; NULL and "" are
 * accepted and fail) and stores in *usec_utc the instant it names, in
 * microseconds since 1970-01-01 UTC, always a whole second.
 *
 * Returns FALSE where Patchwork falls back to "now": unparsable text, a
 * year outside 1..9999 before or after the zone is applied, or numbers too
 * large for Python (int() refuses more than 4300 digits). *usec_utc is
 * then untouched; the caller supplies "now" (§0.1).
 *
 * Quirks kept on purpose: "+02" is two minutes east, unknown zone names
 * (CEST) and "-0000" mean UTC, day and time fields roll over (31 Feb is
 * 2 or 3 Mar, 23:60 is the next day's 00:00), two-digit years map to
 * 1969..2068, Unicode digits and `_` separators count as Python's int()
 * accepts them.
 */
gboolean mail_date_parse(const char *cleaned, gint64 *usec_utc);

#endif
