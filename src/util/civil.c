/*
 * The date of a day count (see civil.h), Howard Hinnant's
 * civil_from_days: eras of 400 years of 146,097 days, years counted from
 * March so that the leap day is the last of a year.
 */
#include "util/civil.h"

void civil_from_days(gint64 days, gint64 *year, int *month, int *day)
{
	gint64 z = days + 719468; /* days from 0000-03-01 */
	gint64 era = (z >= 0 ? z : z - 146096) / 146097;
	gint64 doe = z - era * 146097;
	gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	gint64 mp = (5 * doy + 2) / 153;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = yoe + era * 400 + (*month <= 2);
}
