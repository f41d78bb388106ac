/*
 * Date header to UTC timestamp, step for step as Python's
 * email.utils.parsedate_tz() and Patchwork's find_date() do it (ingest.md
 * §8), including their arithmetic on unbounded integers.
 */
#include "mail/date.h"

#include <string.h>

#include "mail/pystr.h"

/* Python 3.11's default limit on int() of a digit string. */
#define MAX_INT_DIGITS 4300

/* The instants datetime accepts: 0001-01-01 to 9999-12-31 23:59:59. */
#define MIN_TIMESTAMP G_GINT64_CONSTANT(-62135596800)
#define MAX_TIMESTAMP G_GINT64_CONSTANT(253402300799)

struct slice {
	const char *p;
	gsize len;
};

static char last_byte(struct slice s)
{
	return s.len ? s.p[s.len - 1] : '\0';
}

/* ---- Python int() --------------------------------------------------- */

/* Values with at most this many significant digits take the fast path. */
#define SMALL_DIGITS 18

struct pyint {
	gboolean neg;
	gboolean huge;	/* more than SMALL_DIGITS significant digits */
	guint64 mag;	/* |value| unless huge */
	guint last2;	/* |value| % 100 */
	struct slice s; /* the text, re-read by the big-number path */
};

/*
 * int(text) for base 10 as Python 3.11 does it on a string without white
 * space: optional ASCII sign, Unicode decimal digits, single underscores
 * between digits, at most 4300 digits. FALSE where int() raises.
 */
static gboolean py_int(struct slice s, struct pyint *out)
{
	const char *p = s.p, *end = s.p + s.len;
	gsize digits = 0, significant = 0;
	gboolean after_digit = FALSE;

	memset(out, 0, sizeof(*out));
	out->s = s;
	if (p < end && (*p == '+' || *p == '-')) {
		out->neg = *p == '-';
		p++;
	}
	while (p < end) {
		gunichar c = g_utf8_get_char(p);
		int d;

		p = g_utf8_next_char(p);
		if (c == '_') {
			/* Only between two digits. */
			if (!after_digit || p >= end)
				return FALSE;
			after_digit = FALSE;
			continue;
		}
		d = py_decimal_value(c);
		if (d < 0)
			return FALSE;
		after_digit = TRUE;
		digits++;
		if (significant > 0 || d > 0)
			significant++;
		if (significant > SMALL_DIGITS)
			out->huge = TRUE;
		else
			out->mag = out->mag * 10 + d;
		out->last2 = (out->last2 * 10 + d) % 100;
	}
	return after_digit && digits <= MAX_INT_DIGITS;
}

/* ---- fixed-width two's complement integers for absurd inputs -------- */

/* 4300 decimal digits need 14285 bits; the sums below add about 20. */
#define BIG_LIMBS 450

struct big {
	guint32 w[BIG_LIMBS];
};

/* b = b * m + a, on the magnitude. */
static void big_mul_add(struct big *b, guint32 m, guint32 a)
{
	guint64 carry = a;

	for (gsize i = 0; i < BIG_LIMBS; i++) {
		guint64 v = (guint64)b->w[i] * m + carry;
		b->w[i] = (guint32)v;
		carry = v >> 32;
	}
}

static void big_negate(struct big *b)
{
	guint64 carry = 1;

	for (gsize i = 0; i < BIG_LIMBS; i++) {
		guint64 v = (guint64)(guint32)~b->w[i] + carry;
		b->w[i] = (guint32)v;
		carry = v >> 32;
	}
}

static void big_add(struct big *acc, const struct big *b)
{
	guint64 carry = 0;

	for (gsize i = 0; i < BIG_LIMBS; i++) {
		guint64 v = (guint64)acc->w[i] + b->w[i] + carry;
		acc->w[i] = (guint32)v;
		carry = v >> 32;
	}
}

/* acc += sign(v) * k * (|v| without its last `drop` digits). */
static void big_add_term(struct big *acc, const struct pyint *v, guint32 k,
			 gsize drop)
{
	struct big t = {{0}};
	const char *p = v->s.p, *end = v->s.p + v->s.len;
	gsize total = 0, seen = 0;
	guint32 chunk = 0, scale = 1;

	for (const char *q = p; q < end; q = g_utf8_next_char(q))
		if (py_decimal_value(g_utf8_get_char(q)) >= 0)
			total++;
	for (; p < end && seen + drop < total; p = g_utf8_next_char(p)) {
		int d = py_decimal_value(g_utf8_get_char(p));
		if (d < 0)
			continue;
		seen++;
		chunk = chunk * 10 + d;
		scale *= 10;
		if (scale == 1000000000) {
			big_mul_add(&t, scale, chunk);
			chunk = 0;
			scale = 1;
		}
	}
	big_mul_add(&t, scale, chunk);
	big_mul_add(&t, k, 0);
	if (v->neg)
		big_negate(&t);
	big_add(acc, &t);
}

static void big_add_i64(struct big *acc, gint64 v)
{
	struct big t;
	guint32 fill = v < 0 ? G_MAXUINT32 : 0;

	t.w[0] = (guint32)(guint64)v;
	t.w[1] = (guint32)((guint64)v >> 32);
	for (gsize i = 2; i < BIG_LIMBS; i++)
		t.w[i] = fill;
	big_add(acc, &t);
}

static gboolean big_to_i64(const struct big *b, gint64 *out)
{
	guint64 v = (guint64)b->w[0] | ((guint64)b->w[1] << 32);
	guint32 fill = (v >> 63) ? G_MAXUINT32 : 0;

	for (gsize i = 2; i < BIG_LIMBS; i++)
		if (b->w[i] != fill)
			return FALSE;
	*out = (gint64)v;
	return TRUE;
}

/* ---- parsedate_tz ---------------------------------------------------- */

static const char *const month_names[] = {
	"jan",	   "feb",      "mar",	    "apr",     "may",	   "jun",
	"jul",	   "aug",      "sep",	    "oct",     "nov",	   "dec",
	"january", "february", "march",	    "april",   "may",	   "june",
	"july",	   "august",   "september", "october", "november", "december",
};

static const char *const day_names[] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun",
};

/* `s.lower() == name` for an ASCII name. Only ASCII lowers to these
 * letters (the Kelvin sign lowers to k, which none of them has). */
static gboolean lower_equals(struct slice s, const char *name)
{
	return strlen(name) == s.len &&
	       g_ascii_strncasecmp(s.p, name, s.len) == 0;
}

/* 1..12, or 0 when s is no month name. */
static int month_number(struct slice s)
{
	for (gsize i = 0; i < G_N_ELEMENTS(month_names); i++)
		if (lower_equals(s, month_names[i]))
			return (int)(i % 12) + 1;
	return 0;
}

static gboolean is_day_name(struct slice s)
{
	for (gsize i = 0; i < G_N_ELEMENTS(day_names); i++)
		if (lower_equals(s, day_names[i]))
			return TRUE;
	return FALSE;
}

static const struct {
	const char *name;
	int hhmm;
} zones[] = {
	{"UT", 0},     {"UTC", 0},    {"GMT", 0},    {"Z", 0},
	{"AST", -400}, {"ADT", -300}, {"EST", -500}, {"EDT", -400},
	{"CST", -600}, {"CDT", -500}, {"MST", -700}, {"MDT", -600},
	{"PST", -800}, {"PDT", -700},
};

/*
 * `tz.upper() in _timezones`. Besides ASCII, only ſ (to S) and the
 * ligatures ﬅ and ﬆ (to ST) upper-case into letters a zone name uses.
 */
static gboolean zone_name(struct slice s, int *hhmm)
{
	char up[8];
	gsize n = 0;

	for (const char *p = s.p; p < s.p + s.len; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		const char *u;
		char one[2] = {0, 0};

		if (c < 0x80) {
			one[0] = g_ascii_toupper((char)c);
			u = one;
		} else if (c == 0x17f) {
			u = "S";
		} else if (c == 0xfb05 || c == 0xfb06) {
			u = "ST";
		} else {
			return FALSE;
		}
		if (n + strlen(u) >= sizeof(up))
			return FALSE;
		memcpy(up + n, u, strlen(u));
		n += strlen(u);
	}
	up[n] = '\0';
	for (gsize i = 0; i < G_N_ELEMENTS(zones); i++) {
		if (strcmp(up, zones[i].name) == 0) {
			*hhmm = zones[i].hhmm;
			return TRUE;
		}
	}
	return FALSE;
}

/* parsedate_tz()'s result with every field still a Python int. */
struct parsed {
	struct pyint yy, dd, hh, mm, ss;
	int month;
	/* Zone: a small hhmm from the name table, or int(tz). */
	gboolean zone_is_int;
	int zone_hhmm;
	struct pyint zone;
};

/* str.split(): tokens separated by runs of Python white space. Only the
 * first few matter; *count is capped at G_N_ELEMENTS(tok). */
#define MAX_TOKENS 8

static gsize split_words(const char *s, struct slice *tok)
{
	gsize count = 0;
	const char *p = s;

	while (*p && count < MAX_TOKENS) {
		const char *start;
		while (*p && py_isspace(g_utf8_get_char(p)))
			p = g_utf8_next_char(p);
		if (!*p)
			break;
		start = p;
		while (*p && !py_isspace(g_utf8_get_char(p)))
			p = g_utf8_next_char(p);
		tok[count].p = start;
		tok[count].len = p - start;
		count++;
	}
	return count;
}

static struct slice slice_drop_last(struct slice s)
{
	s.len--;
	return s;
}

/* Splits s at every `sep` into at most `max` parts; returns the number of
 * parts, or max + 1 when there are more. */
static gsize split_char(struct slice s, char sep, struct slice *parts,
			gsize max)
{
	gsize n = 0;
	const char *p = s.p, *end = s.p + s.len;

	for (;;) {
		const char *hit = memchr(p, sep, end - p);
		const char *stop = hit ? hit : end;
		if (n == max)
			return max + 1;
		parts[n].p = p;
		parts[n].len = stop - p;
		n++;
		if (!hit)
			return n;
		p = hit + 1;
	}
}

static gboolean parsedate_tz(const char *text, struct parsed *out)
{
	struct slice tok[MAX_TOKENS + 2];
	gsize count = split_words(text, tok);
	struct slice dd, mm, yy, tm, tz, tmp, hms[3];
	gsize n;

	if (count == 0)
		return FALSE;
	/* A day name, with or without its comma, is skipped; otherwise only
	 * what follows the last comma of the first word is kept. */
	if (last_byte(tok[0]) == ',' || is_day_name(tok[0])) {
		memmove(tok, tok + 1, (count - 1) * sizeof(tok[0]));
		count--;
	} else {
		const char *comma = g_strrstr_len(tok[0].p, tok[0].len, ",");
		if (comma) {
			tok[0].len -= comma + 1 - tok[0].p;
			tok[0].p = comma + 1;
		}
	}
	if (count == 3) {
		/* RFC 850: dd-mon-yy */
		struct slice parts[3];
		if (split_char(tok[0], '-', parts, 3) == 3) {
			tok[4] = tok[2];
			tok[3] = tok[1];
			memcpy(tok, parts, sizeof(parts));
			count = 5;
		}
	}
	if (count == 4) {
		/* "23:22:03+0100": the zone glued to the time. */
		struct slice s = tok[3];
		const char *sign = memchr(s.p, '+', s.len);
		if (!sign)
			sign = memchr(s.p, '-', s.len);
		if (sign && sign > s.p) {
			tok[3].len = sign - s.p;
			tok[4].p = sign;
			tok[4].len = s.p + s.len - sign;
		} else {
			tok[4].p = "";
			tok[4].len = 0;
		}
		count = 5;
	}
	if (count < 5)
		return FALSE;
	dd = tok[0];
	mm = tok[1];
	yy = tok[2];
	tm = tok[3];
	tz = tok[4];
	if (!dd.len || !mm.len || !yy.len)
		return FALSE;

	out->month = month_number(mm);
	if (!out->month) {
		/* dd.lower() does not change what int() accepts. */
		tmp = dd;
		dd = mm;
		mm = tmp;
		out->month = month_number(mm);
		if (!out->month)
			return FALSE;
	}
	if (last_byte(dd) == ',')
		dd = slice_drop_last(dd);
	if (memchr(yy.p, ':', yy.len) && yy.p[0] != ':') {
		tmp = yy;
		yy = tm;
		tm = tmp;
	}
	if (last_byte(yy) == ',') {
		yy = slice_drop_last(yy);
		if (!yy.len)
			return FALSE;
	}
	if (!py_isdigit(g_utf8_get_char(yy.p))) {
		tmp = yy;
		yy = tz;
		tz = tmp;
	}
	if (last_byte(tm) == ',')
		tm = slice_drop_last(tm);

	n = split_char(tm, ':', hms, 3);
	if (n == 2) {
		hms[2].p = "0";
		hms[2].len = 1;
	} else if (n == 1 && memchr(tm.p, '.', tm.len)) {
		n = split_char(tm, '.', hms, 3);
		if (n == 2) {
			hms[2].p = "0";
			hms[2].len = 1;
		} else if (n != 3) {
			return FALSE;
		}
	} else if (n != 3) {
		return FALSE;
	}

	if (!py_int(yy, &out->yy) || !py_int(dd, &out->dd) ||
	    !py_int(hms[0], &out->hh) || !py_int(hms[1], &out->mm) ||
	    !py_int(hms[2], &out->ss))
		return FALSE;

	/* Zone: a name, else int(tz), else UTC. "-0000" means "unknown",
	 * which parsedate_tz() turns into 0 as well. */
	out->zone_is_int = FALSE;
	out->zone_hhmm = 0;
	if (!zone_name(tz, &out->zone_hhmm) && py_int(tz, &out->zone))
		out->zone_is_int = TRUE;
	if (!out->zone_is_int)
		memset(&out->zone, 0, sizeof(out->zone));
	return TRUE;
}

/* ---- find_date ------------------------------------------------------ */

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), Howard Hinnant's
 * days_from_civil. */
static gint64 days_from_civil(gint64 y, int m, int d)
{
	gint64 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static gint64 signed_small(const struct pyint *v)
{
	return v->neg ? -(gint64)v->mag : (gint64)v->mag;
}

/*
 * calendar.timegm(tuple) - offset, then datetime.fromtimestamp(): the
 * seconds since the epoch, or FALSE where Python raises.
 */
static gboolean timestamp(const struct parsed *d, gint64 *out)
{
	gint64 year, base;
	int zone_sign = 1;

	/* yy < 100 means 1969..2068; datetime.date() wants 1..9999. */
	if (d->yy.huge)
		return FALSE;
	year = signed_small(&d->yy);
	if (year < 100)
		year += year > 68 ? 1900 : 2000;
	if (year < 1 || year > 9999)
		return FALSE;
	/* Everything but the day-of-month and time fields and the zone. */
	base = (days_from_civil(year, d->month, 1) - 1) * 86400;
	if (d->zone_is_int && d->zone.neg)
		zone_sign = -1;

	if (!d->dd.huge && !d->hh.huge && !d->mm.huge && !d->ss.huge &&
	    !d->zone.huge) {
		/* Every field is below 10^18: a 128-bit sum is exact. */
		__int128 t = (__int128)base +
			     (__int128)signed_small(&d->dd) * 86400 +
			     (__int128)signed_small(&d->hh) * 3600 +
			     (__int128)signed_small(&d->mm) * 60 +
			     signed_small(&d->ss);
		if (d->zone_is_int) {
			t -= zone_sign * ((__int128)(d->zone.mag / 100) * 3600 +
					  (d->zone.mag % 100) * 60);
		} else {
			int v = d->zone_hhmm < 0 ? -d->zone_hhmm : d->zone_hhmm;
			int sign = d->zone_hhmm < 0 ? -1 : 1;
			t -= sign * ((v / 100) * 3600 + (v % 100) * 60);
		}
		if (t < MIN_TIMESTAMP || t > MAX_TIMESTAMP)
			return FALSE;
		*out = (gint64)t;
		return TRUE;
	}

	/* Some field has more than 18 digits. Python still computes the
	 * exact sum, so huge terms that cancel give a valid date. */
	struct big acc = {{0}};
	struct pyint zone_q;
	gint64 t;

	big_add_i64(&acc, base);
	big_add_term(&acc, &d->dd, 86400, 0);
	big_add_term(&acc, &d->hh, 3600, 0);
	big_add_term(&acc, &d->mm, 60, 0);
	big_add_term(&acc, &d->ss, 1, 0);
	if (d->zone_is_int) {
		/* - sign * ((|v| // 100) * 3600 + (|v| % 100) * 60) */
		zone_q = d->zone;
		zone_q.neg = !d->zone.neg;
		big_add_term(&acc, &zone_q, 3600, 2);
		big_add_i64(&acc, -(gint64)zone_sign * d->zone.last2 * 60);
	} else {
		int v = d->zone_hhmm < 0 ? -d->zone_hhmm : d->zone_hhmm;
		int sign = d->zone_hhmm < 0 ? -1 : 1;
		big_add_i64(&acc, -sign * ((v / 100) * 3600 + (v % 100) * 60));
	}
	if (!big_to_i64(&acc, &t) || t < MIN_TIMESTAMP || t > MAX_TIMESTAMP)
		return FALSE;
	*out = t;
	return TRUE;
}

gboolean mail_date_parse(const char *cleaned, gint64 *usec_utc)
{
	g_autofree char *copy = NULL;
	struct parsed d;
	gint64 t;

	if (!cleaned || !*cleaned)
		return FALSE;
	if (!g_utf8_validate(cleaned, -1, NULL))
		cleaned = copy = g_utf8_make_valid(cleaned, -1);
	if (!parsedate_tz(cleaned, &d) || !timestamp(&d, &t))
		return FALSE;
	*usec_utc = t * G_USEC_PER_SEC;
	return TRUE;
}
