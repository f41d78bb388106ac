/*
 * struct request and struct response (see http.h), and URL quoting with
 * Python's urllib.parse rules, which decide the exact URLs Patchwork
 * emits.
 */
#include "http/http.h"

static void param_free(gpointer p)
{
	struct http_param *param = p;
	g_free(param->name);
	g_free(param->value);
	g_free(param);
}

static void header_free(gpointer p)
{
	struct http_header *h = p;
	g_free(h->name);
	g_free(h->value);
	g_free(h);
}

void request_init(struct request *req)
{
	memset(req, 0, sizeof(*req));
	req->params = g_ptr_array_new_with_free_func(param_free);
}

void request_clear(struct request *req)
{
	g_free(req->method);
	g_free(req->path);
	g_free(req->accept);
	g_free(req->authorization);
	g_free(req->cookie);
	g_free(req->csrf_header);
	g_free(req->origin);
	g_free(req->referer);
	g_free(req->remote_addr);
	g_free(req->base_url);
	g_free(req->content_type);
	g_free(req->if_none_match);
	g_free(req->if_modified_since);
	if (req->body)
		g_bytes_unref(req->body);
	if (req->params)
		g_ptr_array_unref(req->params);
	memset(req, 0, sizeof(*req));
}

void request_add_param(struct request *req, const char *name, const char *value)
{
	struct http_param *p = g_new(struct http_param, 1);
	p->name = g_strdup(name);
	p->value = g_strdup(value ? value : "");
	g_ptr_array_add(req->params, p);
}

const char *request_param(const struct request *req, const char *name)
{
	/* the last one, as Django's QueryDict.get() */
	for (guint i = req->params->len; i-- > 0;) {
		const struct http_param *p = req->params->pdata[i];
		if (strcmp(p->name, name) == 0)
			return p->value;
	}
	return NULL;
}

void response_init(struct response *res)
{
	memset(res, 0, sizeof(*res));
	res->status = 200;
	res->headers = g_ptr_array_new_with_free_func(header_free);
	res->body = g_string_new(NULL);
}

void response_clear(struct response *res)
{
	g_free(res->content_type);
	g_free(res->user);
	if (res->headers)
		g_ptr_array_unref(res->headers);
	if (res->body)
		g_string_free(res->body, TRUE);
	memset(res, 0, sizeof(*res));
}

void response_header(struct response *res, const char *name, const char *value)
{
	struct http_header *h = g_new(struct http_header, 1);
	h->name = g_strdup(name);
	h->value = g_strdup(value);
	g_ptr_array_add(res->headers, h);
}

const char *response_get_header(const struct response *res, const char *name)
{
	for (guint i = 0; i < res->headers->len; i++) {
		const struct http_header *h = res->headers->pdata[i];
		if (g_ascii_strcasecmp(h->name, name) == 0)
			return h->value;
	}
	return NULL;
}

/* Django's error page template (django.views.defaults); title and
 * details are trusted markup. */
static void django_error_page(struct response *res, int status,
			      const char *title, const char *details)
{
	res->status = status;
	g_free(res->content_type);
	res->content_type = g_strdup("text/html; charset=utf-8");
	g_string_printf(res->body,
			"<!doctype html>\n<html lang=\"en\">\n<head>\n  "
			"<title>%s</title>\n</head>\n<body>\n  "
			"<h1>%s</h1><p>%s</p>\n</body>\n</html>\n",
			title, title, details);
}

void http_not_found(struct response *res)
{
	django_error_page(res, 404, "Not Found",
			  "The requested resource was not found on this "
			  "server.");
	/* Django's session middleware marks every page it renders. */
	if (!response_get_header(res, "Vary"))
		response_header(res, "Vary", "Cookie");
}

void http_bad_request(struct response *res)
{
	django_error_page(res, 400, "Bad Request (400)", "");
}

const char *http_reason(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 201:
		return "Created";
	case 204:
		return "No Content";
	case 301:
		return "Moved Permanently";
	case 302:
		return "Found";
	case 400:
		return "Bad Request";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 406:
		return "Not Acceptable";
	case 409:
		return "Conflict";
	case 413:
		return "Request Entity Too Large";
	case 414:
		return "Request-URI Too Long";
	case 500:
		return "Internal Server Error";
	case 503:
		return "Service Unavailable";
	default:
		return "Unknown";
	}
}

char *http_quote(const char *s, const char *safe)
{
	GString *out = g_string_sized_new(strlen(s) + 8);
	for (const guchar *p = (const guchar *)s; *p; p++) {
		if (g_ascii_isalnum(*p) || strchr("_.-~", *p) ||
		    (safe && *p < 0x80 && strchr(safe, *p)))
			g_string_append_c(out, *p);
		else
			g_string_append_printf(out, "%%%02X", *p);
	}
	return g_string_free(out, FALSE);
}

char *http_quote_plus(const char *s)
{
	GString *out = g_string_sized_new(strlen(s) + 8);
	for (const guchar *p = (const guchar *)s; *p; p++) {
		if (*p == ' ')
			g_string_append_c(out, '+');
		else if (g_ascii_isalnum(*p) || strchr("_.-~", *p))
			g_string_append_c(out, *p);
		else
			g_string_append_printf(out, "%%%02X", *p);
	}
	return g_string_free(out, FALSE);
}

/* Bytes a path segment keeps as they are (§1.2): letters, digits and
 * "-._~!$&'()*+,;=:@/". */
static const guint8 path_safe[256] = {
	['A' ... 'Z'] = 1, ['a' ... 'z'] = 1, ['0' ... '9'] = 1, ['-'] = 1,
	['.'] = 1,	   ['_'] = 1,	      ['~'] = 1,	 ['!'] = 1,
	['$'] = 1,	   ['&'] = 1,	      ['\''] = 1,	 ['('] = 1,
	[')'] = 1,	   ['*'] = 1,	      ['+'] = 1,	 [','] = 1,
	[';'] = 1,	   ['='] = 1,	      [':'] = 1,	 ['@'] = 1,
	['/'] = 1,
};

/* Appends s[0..len) percent-encoded; with escape_slash a '/' first
 * becomes "%2F", which the encoding then turns into "%252F" (msgids). */
static void append_quoted(GString *out, const char *s, gsize len,
			  gboolean escape_slash)
{
	static const char hex[] = "0123456789ABCDEF";
	for (gsize i = 0; i < len; i++) {
		guchar c = (guchar)s[i];
		/* a run of kept bytes at once (a msgid is mostly one) */
		gsize run = 0;
		while (i + run < len && path_safe[(guchar)s[i + run]] &&
		       !(s[i + run] == '/' && escape_slash))
			run++;
		if (run) {
			g_string_append_len(out, s + i, run);
			i += run - 1;
			continue;
		}
		if (c == '/' && escape_slash) {
			g_string_append(out, "%252F");
		} else {
			g_string_append_c(out, '%');
			g_string_append_c(out, hex[c >> 4]);
			g_string_append_c(out, hex[c & 15]);
		}
	}
}

char *http_submission_path(const char *linkname, const char *kind,
			   const char *msgid)
{
	/* §1.2: strip <>, '/' -> "%2F", then quote the segment (so the '%'
	 * of "%2F" becomes "%25"). */
	gsize len = strlen(msgid);
	if (len >= 2 && msgid[0] == '<' && msgid[len - 1] == '>') {
		msgid++;
		len -= 2;
	}
	GString *out = g_string_sized_new(len + 48);
	g_string_append(out, "project/");
	append_quoted(out, linkname, strlen(linkname), FALSE);
	g_string_append_c(out, '/');
	g_string_append(out, kind);
	g_string_append_c(out, '/');
	append_quoted(out, msgid, len, TRUE);
	g_string_append_c(out, '/');
	return g_string_free(out, FALSE);
}

char *http_request_url(const struct request *req, const char *suffix,
		       const GPtrArray *params)
{
	GString *url = g_string_new(req->base_url);
	g_autofree char *path = http_quote(req->path, "/:@!$&'()*+,;=");
	g_string_append(url, path);
	g_string_append(url, suffix);
	for (guint i = 0; i < params->len; i++) {
		const struct http_param *p = params->pdata[i];
		g_autofree char *n = http_quote_plus(p->name);
		g_autofree char *v = http_quote_plus(p->value);
		g_string_append_printf(url, "%c%s=%s", i ? '&' : '?', n, v);
	}
	return g_string_free(url, FALSE);
}

void http_store_failed(struct response *res, enum db_status st,
		       const GError *error)
{
	g_printerr("darn: database: %s\n", error ? error->message
					   : st == DB_BUSY
						   ? "busy or unreachable"
						   : "failed (no message)");
	res->status = st == DB_BUSY ? 503 : 500;
	if (st == DB_BUSY)
		response_header(res, "Retry-After", "1");
	g_free(res->content_type);
	res->content_type = g_strdup("text/plain; charset=utf-8");
	g_string_printf(res->body, "%d %s\n", res->status,
			http_reason(res->status));
	if (st == DB_BUSY)
		g_string_append(res->body, HTTP_BODY_UNAVAILABLE "\n");
}
