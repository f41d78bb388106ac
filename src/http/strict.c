/*
 * Strict request-head and target checks (see strict.h): each refusal
 * below is a shape two HTTP parsers may read as different requests.
 */
#include "http/strict.h"

#include "http/http.h"

/* RFC 9110 §5.6.2: the bytes of a token (a header name). */
static gboolean is_tchar(guchar c)
{
	return g_ascii_isalnum(c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

static gboolean is_token(const char *s, gsize len)
{
	if (!len)
		return FALSE;
	for (gsize i = 0; i < len; i++)
		if (!is_tchar((guchar)s[i]))
			return FALSE;
	return TRUE;
}

/* Field values are visible bytes, spaces and tabs (RFC 9110 §5.5); a
 * NUL, CR or LF inside one is refused, not cleaned. */
static gboolean is_field_value(const char *s, gsize len)
{
	for (gsize i = 0; i < len; i++) {
		guchar c = (guchar)s[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return FALSE;
	}
	return TRUE;
}

static gboolean name_is(const struct http_field *f, const char *name)
{
	return f->name_len == strlen(name) &&
	       g_ascii_strncasecmp(f->name, name, f->name_len) == 0;
}

/* The value without the optional whitespace around it. */
static void trim(const struct http_field *f, const char **v, gsize *len)
{
	const char *s = f->value, *e = f->value + f->value_len;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*v = s;
	*len = e - s;
}

static int refuse(const char **why, const char *reason)
{
	*why = reason;
	return 400;
}

int http_check_head(const char *version, const struct http_field *fields,
		    gsize n_fields, const char **why)
{
	const struct http_field *length = NULL, *coding = NULL;
	gsize hosts = 0;

	for (gsize i = 0; i < n_fields; i++) {
		const struct http_field *f = &fields[i];
		if (!is_token(f->name, f->name_len))
			return refuse(why, "invalid header name (a space "
					   "before the colon?)");
		if (!is_field_value(f->value, f->value_len))
			return refuse(why, "control character in a header "
					   "value");
		if (name_is(f, "Host"))
			hosts++;
		if (name_is(f, "Content-Length")) {
			if (length)
				return refuse(why,
					      "two Content-Length headers");
			length = f;
		}
		if (name_is(f, "Transfer-Encoding")) {
			if (coding)
				return refuse(why,
					      "two Transfer-Encoding headers");
			coding = f;
		}
	}
	if (length) {
		const char *v;
		gsize len;
		trim(length, &v, &len);
		if (!len || len > 18 || strspn(v, "0123456789") < len)
			return refuse(why, "invalid Content-Length");
	}
	if (coding) {
		const char *v;
		gsize len;
		trim(coding, &v, &len);
		if (length)
			return refuse(why, "Content-Length with "
					   "Transfer-Encoding");
		if (len != strlen("chunked") ||
		    g_ascii_strncasecmp(v, "chunked", len) != 0)
			return refuse(why, "transfer coding other than "
					   "chunked");
		if (g_strcmp0(version, "HTTP/1.0") == 0)
			return refuse(why, "Transfer-Encoding in HTTP/1.0");
	}
	if (hosts > 1)
		return refuse(why, "two Host headers");
	if (!hosts && g_strcmp0(version, "HTTP/1.1") == 0)
		return refuse(why, "HTTP/1.1 without Host");
	return 0;
}

int http_check_target(const char *target, gsize len, const char **why)
{
	if (len > HTTP_MAX_URL) {
		*why = "request target too long";
		return 414;
	}
	if (memchr(target, '\0', len))
		return refuse(why, "NUL in the request target");
	const char *query = memchr(target, '?', len);
	gsize path_len = query ? (gsize)(query - target) : len;
	if (g_strstr_len(target, path_len, "%00"))
		return refuse(why, "NUL in the path");
	if (query) {
		/* As libmicrohttpd splits it: every '&' starts one more. */
		gsize params = 1;
		for (const char *p = query + 1; p < target + len; p++)
			params += *p == '&';
		if (params >= HTTP_MAX_PARAMS)
			return refuse(why, "too many parameters");
	}
	return 0;
}
