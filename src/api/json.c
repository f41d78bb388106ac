/*
 * The streaming JSON writer (see json.h). darn writes its own rather than
 * building jansson trees: the API must match Python's json.dumps output
 * byte for byte (U+2028/U+2029 escaped, everything else non-ASCII raw),
 * which jansson cannot produce, and lists of hundreds of objects are
 * written without building a tree first.
 */
#include "api/json.h"

#include <time.h>

void json_init(struct json *j, GString *out, gboolean pretty)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->pretty = pretty;
	j->first[0] = TRUE;
}

static void newline(struct json *j)
{
	g_string_append_c(j->out, '\n');
	for (int i = 0; i < j->depth; i++)
		g_string_append(j->out, "    ");
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

void json_escape(GString *out, const char *s, gsize len)
{
	const char *p = s, *end = s + len;

	g_string_append_c(out, '"');
	while (p < end) {
		const char *run = p;
		/* Copy the longest run needing no escape in one go. */
		while (p < end && (guchar)*p >= 0x20 && *p != '"' &&
		       *p != '\\' && (guchar)*p < 0x80)
			p++;
		g_string_append_len(out, run, p - run);
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
	g_string_append(j->out, j->pretty ? ": " : ":");
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
	before_item(j);
	g_string_append_printf(j->out, "%" G_GINT64_FORMAT, v);
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

void json_time(struct json *j, gint64 us)
{
	time_t secs = (time_t)(us / G_USEC_PER_SEC);
	gint64 frac = us % G_USEC_PER_SEC;
	struct tm tm;
	char buf[64];

	if (frac < 0) {
		frac += G_USEC_PER_SEC;
		secs--;
	}
	if (!gmtime_r(&secs, &tm)) {
		json_null(j);
		return;
	}
	gsize n = strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	if (frac)
		g_snprintf(buf + n, sizeof(buf) - n, ".%06" G_GINT64_FORMAT,
			   frac);
	json_string(j, buf);
}

void json_kv_time(struct json *j, const char *key, gint64 us)
{
	json_key(j, key);
	json_time(j, us);
}
