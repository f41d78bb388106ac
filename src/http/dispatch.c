/*
 * The top-level route split: /api/ goes to the REST API, everything else
 * to the web side (web/web.h: downloads and redirects; HTML pages come
 * with later work).
 */
#include "api/api.h"
#include "api/xmlrpc.h"
#include "http/server.h"
#include "web/web.h"

static void route(struct request *req, struct response *res)
{
	gsize len = strlen(req->path);

	/* Patchwork's URLs all end in '/': GET and HEAD without it are
	 * redirected with the query kept (Django's APPEND_SLASH). */
	if (len && req->path[len - 1] != '/' &&
	    (strcmp(req->method, "GET") == 0 ||
	     strcmp(req->method, "HEAD") == 0)) {
		g_autofree char *loc = http_request_url(req, "/", req->params);
		res->status = 301;
		response_header(res, "Location", loc);
		return;
	}
	if (strcmp(req->path, "/xmlrpc/") == 0) {
		xmlrpc_handle(req, res);
		return;
	}
	if (g_str_has_prefix(req->path, "/api/")) {
		api_handle(req, res);
		return;
	}
	web_handle(req, res);
}

void http_dispatch(struct request *req, struct response *res)
{
	/* One read transaction per request: every statement sees the same
	 * snapshot (a list's count agrees with its page, a download's rows
	 * with each other), and SQLite takes its file locks once instead of
	 * once per statement, which was most of a list's cost. */
	gboolean tx = req->db && db_begin_read(req->db, NULL) == DB_OK;
	route(req, res);
	if (tx)
		db_rollback(req->db);
}
