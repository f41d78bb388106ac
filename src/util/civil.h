/*
 * Calendar arithmetic on the proleptic Gregorian calendar, in UTC: the
 * date of a day count. The API's times, the mbox's Date headers and the
 * pages' dates all need it many times a request, and gmtime_r or a
 * GDateTime costs a lock or an allocation each (bench/README.md).
 */
#ifndef DARN_UTIL_CIVIL_H
#define DARN_UTIL_CIVIL_H

#include <glib.h>

/* The date of `days` days after 1970-01-01 (negative: before): *month
 * 1..12, *day 1..31. */
void civil_from_days(gint64 days, gint64 *year, int *month, int *day);

#endif
