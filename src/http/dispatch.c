/*
 * The top-level route split: /api/ goes to the REST API, everything else
 * to the web side (web/web.h: downloads and redirects; HTML pages come
 * with later work).
 */
#include "api/api.h"
#include "http/server.h"
#include "web/web.h"

void http_dispatch(struct request *req, struct response *res)
{
	gsize len = strlen(req->path);

	/* Patchwork's URLs all end in '/': GET and HEAD without it are
	 * redirected with the query kept (Django's APPEND_SLASH). */
	if (len && req->path[len - 1] != '/' &&
	    (strcmp(req->method, "GET") == 0 ||
	     strcmp(req->method, "HEAD") == 0)) {
		GString *loc = g_string_new(req->base_url);
		g_autofree char *path = http_quote(req->path, "/:@!$&'()*+,;=");
		g_string_append_printf(loc, "%s/", path);
		for (guint i = 0; i < req->params->len; i++) {
			const struct http_param *p = req->params->pdata[i];
			g_autofree char *n = http_quote_plus(p->name);
			g_autofree char *v = http_quote_plus(p->value);
			g_string_append_printf(loc, "%c%s=%s", i ? '&' : '?', n,
					       v);
		}
		res->status = 301;
		response_header(res, "Location", loc->str);
		g_string_free(loc, TRUE);
		return;
	}
	if (g_str_has_prefix(req->path, "/api/")) {
		api_handle(req, res);
		return;
	}
	web_handle(req, res);
}
