/*
 * darn's one JSON writer: objects, arrays, keys and scalars appended to a
 * GString, with escaping in exactly one place (json.c). In util/ because
 * both sides of the dispatcher use it, the REST API (api/) and the web
 * pages' autocomplete answers (web/autocomplete.c): api/ and web/ are
 * siblings, so what both need lives below them.
 *
 * Output is byte-compatible with what Patchwork (Django REST Framework)
 * emits: compact separators, non-ASCII characters raw except U+2028 and
 * U+2029, Python's escapes for control characters. In pretty mode it
 * indents by 4 spaces with ", " / ": " separators as DRF's browsable API
 * does (json.dumps(indent=4)).
 *
 * The writer does not own `out`. Keys and strings must be UTF-8 (the store
 * only holds UTF-8); invalid bytes are written as U+FFFD rather than
 * producing invalid JSON.
 */
#ifndef DARN_UTIL_JSON_H
#define DARN_UTIL_JSON_H

#include <glib.h>

#define JSON_MAX_DEPTH 32

struct json {
	GString *out;
	gboolean pretty;
	int indent; /* spaces per level when pretty (4 unless set) */
	int depth;
	/* per depth: no member written yet at this level */
	gboolean first[JSON_MAX_DEPTH];
	gboolean after_key; /* a key was written; its value comes next */
};

void json_init(struct json *j, GString *out, gboolean pretty);
/* Pretty output with n spaces per level (DRF's `indent` media type
 * parameter); 0 is compact. */
void json_set_indent(struct json *j, int n);

void json_object_begin(struct json *j);
void json_object_end(struct json *j);
void json_array_begin(struct json *j);
void json_array_end(struct json *j);

/* The key of the next member of the current object. */
void json_key(struct json *j, const char *key);

void json_string(struct json *j, const char *s); /* NULL writes null */
void json_string_len(struct json *j, const char *s, gsize len);
void json_int(struct json *j, gint64 v);
void json_bool(struct json *j, gboolean v);
void json_null(struct json *j);

/* Convenience: key then value. */
void json_kv_string(struct json *j, const char *key, const char *s);
void json_kv_int(struct json *j, const char *key, gint64 v);
void json_kv_bool(struct json *j, const char *key, gboolean v);
void json_kv_null(struct json *j, const char *key);

/* A time (microseconds since the epoch, UTC) as Patchwork writes it:
 * naive ISO 8601, with ".ffffff" only when the microseconds are not 0. */
void json_time(struct json *j, gint64 us);
void json_kv_time(struct json *j, const char *key, gint64 us);

/* Appends the JSON string literal of s (quotes included) to out. */
void json_escape(GString *out, const char *s, gsize len);

#endif
