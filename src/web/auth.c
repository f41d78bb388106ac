/*
 * Sessions, CSRF and forms of the web side (see auth.h).
 */
#include "web/auth.h"

#include "http/cookie.h"
#include "http/csrf.h"
#include "http/session.h"

/* Most fields a posted form may have (a patch list's bulk form has a
 * checkbox per row). */
#define WEB_MAX_FORM_FIELDS 1024

gboolean web_auth_begin(struct web *w)
{
	g_autoptr(GError) error = NULL;
	w->session = g_new0(struct web_session, 1);
	enum db_status st =
		http_session_find(w->req, &w->session->session, &error);
	if (st == DB_NOT_FOUND)
		return TRUE;
	if (st != DB_OK) {
		http_store_failed(w->res, st, error);
		return FALSE;
	}
	w->user_id = w->session->session.user_id;
	w->username = w->session->session.username;
	w->session->csrf_secret = g_strdup(w->session->session.csrf);
	g_free(w->res->user);
	w->res->user = g_strdup(w->username);
	return TRUE;
}

void web_auth_started(struct web *w, gint64 user_id, const char *username,
		      char *csrf)
{
	struct web_session *s = w->session;
	db_session_clear(&s->session);
	s->session.user_id = user_id;
	s->session.username = g_strdup(username);
	g_free(s->csrf_secret);
	s->csrf_secret = csrf;
	g_clear_pointer(&s->csrf_token, g_free);
	w->csrf_token = NULL;
	w->user_id = user_id;
	w->username = s->session.username;
	g_free(w->res->user);
	w->res->user = g_strdup(username);
}

void web_auth_end(struct web *w)
{
	struct web_session *s = w->session;
	if (!s)
		return;
	db_session_clear(&s->session);
	g_free(s->csrf_secret);
	g_free(s->csrf_token);
	if (s->form)
		g_ptr_array_unref(s->form);
	g_free(s);
	w->session = NULL;
	w->username = NULL;
	w->csrf_token = NULL;
	w->user_id = 0;
}

/* The secret of the csrftoken cookie, when well-formed. */
static char *cookie_secret(const struct request *req)
{
	char *s =
		req->cookie ? http_cookie_get(req->cookie, CSRF_COOKIE) : NULL;
	if (s && !csrf_secret_valid(s))
		g_clear_pointer(&s, g_free);
	return s;
}

const char *web_csrf_token(struct web *w)
{
	struct web_session *s = w->session;
	if (!s->csrf_token) {
		if (!s->csrf_secret)
			s->csrf_secret = cookie_secret(w->req);
		if (!s->csrf_secret) {
			s->csrf_secret = csrf_secret_new();
			http_cookie_set(w->req, w->res, CSRF_COOKIE,
					s->csrf_secret, 31449600, 0);
		}
		s->csrf_token = csrf_mask(s->csrf_secret);
		w->csrf_token = s->csrf_token;
	}
	return s->csrf_token;
}

void web_csrf_failed(struct web *w)
{
	/* what Django's CSRF check answers, as a whole document (a
	 * fragment puts browsers in quirks mode) */
	w->res->status = 403;
	g_free(w->res->content_type);
	w->res->content_type = g_strdup("text/html; charset=utf-8");
	g_string_assign(w->res->body,
			"<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
			"charset=\"utf-8\"><title>403 Forbidden</title>"
			"</head>\n<body>\n<h1>Forbidden (403)</h1>\n<p>CSRF "
			"verification failed. Request aborted.</p>\n</body>"
			"</html>\n");
}

gboolean web_csrf_passes(struct web *w)
{
	struct web_session *s = w->session;
	g_autofree char *cookie = NULL;
	const char *secret = s->csrf_secret;
	if (!secret)
		secret = cookie = cookie_secret(w->req);
	const char *token = web_form(w, CSRF_FIELD);
	if (!token || !*token)
		token = w->req->csrf_header;
	g_autofree char *reason = csrf_check(w->req, secret, token);
	if (!reason)
		return TRUE;
	web_csrf_failed(w);
	return FALSE;
}

static gboolean is_form(const char *content_type)
{
	static const char form[] = "application/x-www-form-urlencoded";
	return content_type &&
	       g_ascii_strncasecmp(content_type, form, strlen(form)) == 0 &&
	       (content_type[strlen(form)] == '\0' ||
		content_type[strlen(form)] == ';' ||
		content_type[strlen(form)] == ' ');
}

/* Percent-decodes a form name or value ('+' is a space), made valid
 * UTF-8. */
static char *form_decode(const char *s, gsize len)
{
	g_autoptr(GString) out = g_string_sized_new(len);
	for (gsize i = 0; i < len; i++) {
		if (s[i] == '+') {
			g_string_append_c(out, ' ');
		} else if (s[i] == '%' && i + 2 < len &&
			   g_ascii_isxdigit(s[i + 1]) &&
			   g_ascii_isxdigit(s[i + 2])) {
			int hi = g_ascii_xdigit_value(s[i + 1]);
			int lo = g_ascii_xdigit_value(s[i + 2]);
			g_string_append_c(out, (char)(hi << 4 | lo));
			i += 2;
		} else {
			g_string_append_c(out, s[i]);
		}
	}
	return g_utf8_make_valid(out->str, (gssize)out->len);
}

static void param_free(gpointer p)
{
	struct http_param *param = p;
	g_free(param->name);
	g_free(param->value);
	g_free(param);
}

static GPtrArray *parse_form(const struct request *req)
{
	GPtrArray *form = g_ptr_array_new_with_free_func(param_free);
	gsize len = 0;
	const char *data = req->body ? g_bytes_get_data(req->body, &len) : NULL;
	if (!data || !is_form(req->content_type))
		return form;
	const char *end = data + len;
	for (const char *p = data;
	     p < end && form->len < WEB_MAX_FORM_FIELDS;) {
		const char *amp = memchr(p, '&', (gsize)(end - p));
		const char *stop = amp ? amp : end;
		if (stop > p) {
			const char *eq = memchr(p, '=', (gsize)(stop - p));
			struct http_param *param = g_new(struct http_param, 1);
			param->name =
				form_decode(p, (gsize)((eq ? eq : stop) - p));
			param->value =
				eq ? form_decode(eq + 1, (gsize)(stop - eq - 1))
				   : g_strdup("");
			g_ptr_array_add(form, param);
		}
		p = stop + 1;
	}
	return form;
}

const GPtrArray *web_form_fields(struct web *w)
{
	struct web_session *s = w->session;
	if (!s->form)
		s->form = parse_form(w->req);
	return s->form;
}

const char *web_form(struct web *w, const char *name)
{
	const GPtrArray *form = web_form_fields(w);
	const char *value = NULL;
	for (guint i = 0; i < form->len; i++) {
		const struct http_param *p = form->pdata[i];
		if (strcmp(p->name, name) == 0)
			value = p->value;
	}
	return value;
}

gboolean web_require_login(struct web *w)
{
	if (w->user_id)
		return TRUE;
	g_autofree char *next = http_quote(w->req->path, "/");
	g_autofree char *location =
		g_strconcat("/user/login/?next=", next, NULL);
	web_redirect(w, location);
	return FALSE;
}

const char *web_local_path(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/";
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return "/";
	return next;
}
