/*
 * Request bodies (see body.h): jansson parses JSON, GLib unescapes form
 * data; what is left here is choosing the parser by media type and
 * giving DRF's answers when a body cannot be read.
 */
#include "http/body.h"

#include <jansson.h>

/* DRF's nesting is Python's recursion limit; jansson's own is 2048. */
#define BODY_JSON_FLAGS (JSON_DECODE_ANY | JSON_ALLOW_NUL)

void body_clear(struct body *b)
{
	if (b->data)
		json_decref(b->data);
	memset(b, 0, sizeof(*b));
}

/* The media type of a Content-Type value, lower-cased, parameters off. */
static char *media_type(const char *content_type)
{
	const char *semi = strchr(content_type, ';');
	gsize n = semi ? (gsize)(semi - content_type) : strlen(content_type);
	g_autofree char *type = g_strndup(content_type, n);
	return g_ascii_strdown(g_strstrip(type), -1);
}

/* Python's json error for jansson's: the kind from jansson's text, the
 * place as Python counts it (the offending token's first character). */
char *body_json_error(const char *data, gsize len, const char *text,
		      int position)
{
	static const struct {
		const char *jansson, *python;
	} kinds[] = {
		{"string or '}' expected",
		 "Expecting property name enclosed in double quotes"},
		{"':' expected", "Expecting ':' delimiter"},
		{"',' or '}' expected", "Expecting ',' delimiter"},
		{"',' or ']' expected", "Expecting ',' delimiter"},
		{"end of file expected", "Extra data"},
		{"control character", "Invalid control character at"},
		{"invalid escape", "Invalid \\escape"},
	};
	const char *kind = "Expecting value";
	for (gsize i = 0; i < G_N_ELEMENTS(kinds); i++)
		if (g_str_has_prefix(text, kinds[i].jansson))
			kind = kinds[i].python;

	/* jansson's position is past the token it names "near '...'". */
	gsize at = position > 0 ? (gsize)position : 0;
	const char *near = strstr(text, "near '");
	if (near) {
		gsize token = strlen(near + 6);
		if (token && near[6 + token - 1] == '\'')
			token--;
		at = at >= token ? at - token : 0;
	}
	at = MIN(at, len);
	int line = 1;
	gsize line_start = 0;
	for (gsize i = 0; i < at; i++)
		if (data[i] == '\n') {
			line++;
			line_start = i + 1;
		}
	return g_strdup_printf("JSON parse error - %s: line %d column %zu "
			       "(char %zu)",
			       kind, line, at - line_start + 1, at);
}

static enum body_status parse_json(const char *data, gsize len,
				   struct body *out, char **detail)
{
	json_error_t e;
	if (!g_utf8_validate_len(data, len, NULL)) {
		*detail = g_strdup("JSON parse error - 'utf-8' codec can't "
				   "decode the request body");
		return BODY_MALFORMED;
	}
	json_t *v = json_loadb(data, len, BODY_JSON_FLAGS, &e);
	if (!v) {
		*detail = body_json_error(data, len, e.text, e.position);
		return BODY_MALFORMED;
	}
	if (!json_is_object(v)) {
		/* DRF's serializers say so in a list under "detail" for
		 * lists; other types are a 500 in Patchwork 3.1.3. */
		const char *type = json_is_array(v)	? "list"
				   : json_is_string(v)	? "str"
				   : json_is_integer(v) ? "int"
				   : json_is_real(v)	? "float"
				   : json_is_boolean(v) ? "bool"
							: "NoneType";
		json_decref(v);
		*detail = g_strdup_printf(
			"Invalid data. Expected a dictionary, but got %s.",
			type);
		return BODY_NOT_OBJECT;
	}
	out->data = v;
	return BODY_OK;
}

/* One name=value pair of form data, decoded as Django's QueryDict does
 * ('+' is a space, bad UTF-8 replaced). */
static char *form_unescape(const char *s, gsize len)
{
	g_autofree char *plus = g_strndup(s, len);
	for (char *p = plus; *p; p++)
		if (*p == '+')
			*p = ' ';
	g_autoptr(GBytes) raw = g_uri_unescape_bytes(plus, -1, NULL, NULL);
	if (!raw) /* a stray '%': Python keeps it as it is */
		return g_utf8_make_valid(plus, -1);
	gsize n;
	const char *d = g_bytes_get_data(raw, &n);
	return g_utf8_make_valid(d ? d : "", (gssize)n);
}

static void form_add(json_t *form, const char *pair, gsize len)
{
	const char *eq = memchr(pair, '=', len);
	gsize klen = eq ? (gsize)(eq - pair) : len;
	g_autofree char *key = form_unescape(pair, klen);
	g_autofree char *value =
		eq ? form_unescape(eq + 1, len - klen - 1) : g_strdup("");
	json_t *values = json_object_get(form, key);
	if (!values) {
		values = json_array();
		json_object_set_new(form, key, values);
	}
	json_array_append_new(values, json_stringn(value, strlen(value)));
}

static enum body_status parse_form(const char *data, gsize len,
				   struct body *out)
{
	json_t *form = json_object();
	const char *end = data + len;
	for (const char *p = data; p < end;) {
		const char *amp = memchr(p, '&', end - p);
		const char *stop = amp ? amp : end;
		/* parse_qsl(keep_blank_values=True) drops only empty
		 * pieces ("a=1&&b=2") */
		if (stop > p)
			form_add(form, p, stop - p);
		p = stop + 1;
	}
	out->data = form;
	out->form = TRUE;
	return BODY_OK;
}

/* The value of parameter `name` of a header value ("...; name=v" or
 * name="v"), or NULL. */
static char *header_param(const char *value, const char *name)
{
	gsize n = strlen(name);
	for (const char *p = strchr(value, ';'); p; p = strchr(p + 1, ';')) {
		const char *q = p + 1;
		while (*q == ' ' || *q == '\t')
			q++;
		if (g_ascii_strncasecmp(q, name, n) != 0 || q[n] != '=')
			continue;
		q += n + 1;
		if (*q == '"') {
			const char *end = strchr(q + 1, '"');
			return end ? g_strndup(q + 1, end - q - 1) : NULL;
		}
		return g_strndup(q, strcspn(q, "; \t"));
	}
	return NULL;
}

/* needle in data[0..len) (the data may hold NULs: files). */
static const char *find(const char *data, gsize len, const char *needle)
{
	return memmem(data, len, needle, strlen(needle));
}

/* One part of multipart form data: headers, a blank line, the value.
 * Files (a filename) are not data fields in DRF and are left out. */
static void multipart_add(json_t *form, const char *part, gsize len)
{
	const char *end = part + len;
	const char *blank = find(part, len, "\r\n\r\n");
	if (!blank)
		return;
	g_autofree char *headers = g_strndup(part, blank - part);
	g_autofree char *name = NULL, *file = NULL;
	for (char *line = headers; line;) {
		char *next = strstr(line, "\r\n");
		if (next)
			*next = '\0';
		if (!g_ascii_strncasecmp(line, "content-disposition:", 20)) {
			name = header_param(line, "name");
			file = header_param(line, "filename");
		}
		line = next ? next + 2 : NULL;
	}
	if (!name || file)
		return;
	const char *value = blank + 4;
	g_autofree char *text = g_utf8_make_valid(value, end - value);
	json_t *values = json_object_get(form, name);
	if (!values) {
		values = json_array();
		json_object_set_new(form, name, values);
	}
	json_array_append_new(values, json_stringn(text, strlen(text)));
}

/* multipart/form-data as Django's MultiPartParser reads its fields:
 * parts between "--boundary" lines, up to "--boundary--" or the end. */
static enum body_status parse_multipart(const char *content_type,
					const char *data, gsize len,
					struct body *out, char **detail)
{
	g_autofree char *boundary = header_param(content_type, "boundary");
	if (!boundary || !*boundary || strlen(boundary) > 200) {
		*detail = g_strdup("Multipart form parse error - Invalid "
				   "boundary in multipart: None");
		return BODY_MALFORMED;
	}
	g_autofree char *delim = g_strconcat("--", boundary, NULL);
	g_autofree char *sep = g_strconcat("\r\n--", boundary, NULL);
	gsize dlen = strlen(delim);
	json_t *form = json_object();
	const char *end = data + len;
	const char *p = find(data, len, delim);
	while (p && end - p >= (gssize)dlen + 2) {
		p += dlen;
		if (p[0] == '-' && p[1] == '-')
			break;
		const char *eol = find(p, end - p, "\r\n");
		if (!eol)
			break;
		const char *part = eol + 2;
		const char *stop = find(part, end - part, sep);
		multipart_add(form, part, (stop ? stop : end) - part);
		p = stop ? stop + 2 : NULL;
	}
	out->data = form;
	out->form = TRUE;
	return BODY_OK;
}

enum body_status body_parse(const struct request *req, struct body *out,
			    char **detail)
{
	gsize len = 0;
	const char *data = req->body ? g_bytes_get_data(req->body, &len) : NULL;

	memset(out, 0, sizeof(*out));
	*detail = NULL;
	/* DRF: no body (or no type) is empty data, whatever the type. */
	if (!data || !len || !req->content_type) {
		out->data = json_object();
		return BODY_OK;
	}
	g_autofree char *type = media_type(req->content_type);
	if (strcmp(type, "application/json") == 0)
		return parse_json(data, len, out, detail);
	if (strcmp(type, "application/x-www-form-urlencoded") == 0)
		return parse_form(data, len, out);
	if (strcmp(type, "multipart/form-data") == 0)
		return parse_multipart(req->content_type, data, len, out,
				       detail);
	g_autofree char *shown = g_utf8_make_valid(req->content_type, -1);
	*detail = g_strdup_printf("Unsupported media type \"%s\" in request.",
				  shown);
	return BODY_UNSUPPORTED;
}
