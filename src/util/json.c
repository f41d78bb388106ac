/*
 * The streaming JSON writer (see json.h). darn writes its own rather than
 * building jansson trees: the API must match Python's json.dumps output
 * byte for byte (U+2028/U+2029 escaped, everything else non-ASCII raw),
 * which jansson cannot produce, and lists of hundreds of objects are
 * written without building a tree first.
 */
#include "util/json.h"

#include "util/civil.h"

/* g_string_append_len without its overlap checks (GLib 2.74 has no
 * inline version): the writer appends small pieces millions of times. */
static inline void put(GString *s, const char *p, gsize n)
{
	if (G_LIKELY(s->len + n < s->allocated_len)) {
		memcpy(s->str + s->len, p, n);
		s->len += n;
		s->str[s->len] = '\0';
	} else {
		g_string_append_len(s, p, n);
	}
}

/* Decimal digits of v, right-aligned ending at end; returns the start. */
static char *format_int(char *end, gint64 v)
{
	guint64 u = v < 0 ? -(guint64)v : (guint64)v;
	char *p = end;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	return p;
}

void json_init(struct json *j, GString *out, gboolean pretty)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->pretty = pretty;
	j->indent = 4;
	j->first[0] = TRUE;
}

void json_set_indent(struct json *j, int n)
{
	j->pretty = n > 0;
	j->indent = n;
}

static void newline(struct json *j)
{
	g_string_append_c(j->out, '\n');
	for (int i = 0; i < j->depth * j->indent; i++)
		g_string_append_c(j->out, ' ');
}

/* Separator before a value or a key at the current level. */
static void before_item(struct json *j)
{
	if (j->after_key) {
		j->after_key = FALSE;
		return;
	}
	if (!j->first[j->depth])
		g_string_append_c(j->out, ',');
	j->first[j->depth] = FALSE;
	if (j->pretty && j->depth > 0)
		newline(j);
}

static void json_open(struct json *j, char c)
{
	before_item(j);
	g_string_append_c(j->out, c);
	g_assert(j->depth + 1 < JSON_MAX_DEPTH);
	j->depth++;
	j->first[j->depth] = TRUE;
}

static void json_close(struct json *j, char c)
{
	gboolean empty = j->first[j->depth];
	j->depth--;
	if (j->pretty && !empty)
		newline(j);
	g_string_append_c(j->out, c);
}

void json_object_begin(struct json *j)
{
	json_open(j, '{');
}

void json_object_end(struct json *j)
{
	json_close(j, '}');
}

void json_array_begin(struct json *j)
{
	json_open(j, '[');
}

void json_array_end(struct json *j)
{
	json_close(j, ']');
}

/* Bytes copied as they are: printable ASCII but '"' and '\\'. */
static const guint8 plain_byte[256] = {
	[0x20 ... 0x21] = 1, /* '"' is 0x22 */
	[0x23 ... 0x5b] = 1, /* '\\' is 0x5c */
	[0x5d ... 0x7f] = 1,
};

void json_escape(GString *out, const char *s, gsize len)
{
	const char *p = s, *end = s + len;

	g_string_append_c(out, '"');
	while (p < end) {
		const char *run = p;
		/* Copy the longest run needing no escape in one go. */
		while (p < end && plain_byte[(guchar)*p])
			p++;
		put(out, run, p - run);
		if (p >= end)
			break;
		guchar c = *p;
		if (c >= 0x80) {
			gunichar u = g_utf8_get_char_validated(p, end - p);
			if (u == (gunichar)-1 || u == (gunichar)-2) {
				g_string_append(out, "\xef\xbf\xbd");
				p++;
				continue;
			}
			const char *next = g_utf8_next_char(p);
			if (u == 0x2028 || u == 0x2029)
				g_string_append_printf(out, "\\u%04x", u);
			else
				g_string_append_len(out, p, next - p);
			p = next;
			continue;
		}
		switch (c) {
		case '"':
			g_string_append(out, "\\\"");
			break;
		case '\\':
			g_string_append(out, "\\\\");
			break;
		case '\n':
			g_string_append(out, "\\n");
			break;
		case '\r':
			g_string_append(out, "\\r");
			break;
		case '\t':
			g_string_append(out, "\\t");
			break;
		case '\b':
			g_string_append(out, "\\b");
			break;
		case '\f':
			g_string_append(out, "\\f");
			break;
		default:
			g_string_append_printf(out, "\\u%04x", c);
		}
		p++;
	}
	g_string_append_c(out, '"');
}

void json_key(struct json *j, const char *key)
{
	before_item(j);
	json_escape(j->out, key, strlen(key));
	if (j->pretty)
		put(j->out, ": ", 2);
	else
		g_string_append_c(j->out, ':');
	j->after_key = TRUE;
}

void json_string_len(struct json *j, const char *s, gsize len)
{
	before_item(j);
	json_escape(j->out, s, len);
}

void json_string(struct json *j, const char *s)
{
	if (!s) {
		json_null(j);
		return;
	}
	json_string_len(j, s, strlen(s));
}

void json_int(struct json *j, gint64 v)
{
	char buf[24];
	char *start = format_int(buf + sizeof(buf), v);
	before_item(j);
	put(j->out, start, buf + sizeof(buf) - start);
}

void json_bool(struct json *j, gboolean v)
{
	before_item(j);
	g_string_append(j->out, v ? "true" : "false");
}

void json_null(struct json *j)
{
	before_item(j);
	g_string_append(j->out, "null");
}

void json_kv_string(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_string(j, s);
}

void json_kv_int(struct json *j, const char *key, gint64 v)
{
	json_key(j, key);
	json_int(j, v);
}

void json_kv_bool(struct json *j, const char *key, gboolean v)
{
	json_key(j, key);
	json_bool(j, v);
}

void json_kv_null(struct json *j, const char *key)
{
	json_key(j, key);
	json_null(j);
}

/* Writes n digits of v at p. */
static void digits(char *p, gint64 v, int n)
{
	while (n--) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void json_time(struct json *j, gint64 us)
{
	gint64 secs = us / G_USEC_PER_SEC, frac = us % G_USEC_PER_SEC;
	if (frac < 0) {
		frac += G_USEC_PER_SEC;
		secs--;
	}
	gint64 days = secs / 86400, rem = secs % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	gint64 year;
	int month, day;
	civil_from_days(days, &year, &month, &day);
	if (year < 1 || year > 9999) { /* Python's datetime range */
		json_null(j);
		return;
	}
	/* "YYYY-MM-DDTHH:MM:SS" then ".ffffff" when not zero */
	char buf[32] = "0000-00-00T00:00:00.000000";
	digits(buf, year, 4);
	digits(buf + 5, month, 2);
	digits(buf + 8, day, 2);
	digits(buf + 11, rem / 3600, 2);
	digits(buf + 14, rem / 60 % 60, 2);
	digits(buf + 17, rem % 60, 2);
	gsize n = 19;
	if (frac) {
		digits(buf + 20, frac, 6);
		n = 26;
	}
	json_string_len(j, buf, n);
}

void json_kv_time(struct json *j, const char *key, gint64 us)
{
	json_key(j, key);
	json_time(j, us);
}
