/*
 * Cookies (see cookie.h).
 */
#include "http/cookie.h"

char *http_cookie_get(const char *header, const char *name)
{
	gsize n = strlen(name);
	const char *p = header;

	while (p && *p) {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		gsize len = end ? (gsize)(end - p) : strlen(p);
		if (len > n && strncmp(p, name, n) == 0 && p[n] == '=') {
			const char *v = p + n + 1;
			gsize vlen = len - n - 1;
			while (vlen &&
			       (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
				vlen--;
			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v++;
				vlen -= 2;
			}
			return vlen <= HTTP_COOKIE_MAX ? g_strndup(v, vlen)
						       : NULL;
		}
		p = end;
	}
	return NULL;
}

void http_cookie_set(const struct request *req, struct response *res,
		     const char *name, const char *value, gint64 max_age_s,
		     unsigned flags)
{
	gboolean secure = req->base_url &&
			  g_ascii_strncasecmp(req->base_url, "https:", 6) == 0;
	g_autofree char *v = g_strdup_printf(
		"%s=%s; Path=/; Max-Age=%" G_GINT64_FORMAT "%s; SameSite=Lax%s",
		name, max_age_s ? value : "", max_age_s,
		flags & HTTP_COOKIE_HTTPONLY ? "; HttpOnly" : "",
		secure ? "; Secure" : "");
	response_header(res, "Set-Cookie", v);
	if (!response_get_header(res, "Cache-Control"))
		response_header(res, "Cache-Control", "no-store");
}
