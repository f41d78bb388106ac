/*
 * The top-level route split: /api/ goes to the REST API, everything else
 * to the web side (web/web.h: downloads and redirects; HTML pages come
 * with later work).
 */
#include "api/api.h"
#include "api/xmlrpc.h"
#include "http/server.h"
#include "http/writer.h"
#include "web/web.h"

static void route(struct request *req, struct response *res)
{
	gsize len = strlen(req->path);

	/* Patchwork's URLs all end in '/': requests without it are
	 * redirected with the query kept (Django's APPEND_SLASH). Other
	 * methods get Django's own answer, recorded from Patchwork: a
	 * relative Location and an empty text/html body. Static files
	 * (the site's stylesheet, script and icon) are files, not pages. */
	if (len && req->path[len - 1] != '/' &&
	    !g_str_has_prefix(req->path, "/static/") &&
	    strcmp(req->path, "/favicon.ico") != 0) {
		g_autofree char *loc = http_request_url(req, "/", req->params);
		gboolean read = strcmp(req->method, "GET") == 0 ||
				strcmp(req->method, "HEAD") == 0;
		gsize base = strlen(req->base_url);
		res->status = 301;
		response_header(res, "Location", read ? loc : loc + base);
		if (!read)
			res->content_type =
				g_strdup("text/html; charset=utf-8");
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

/* Methods that may change the database: their handler runs in a write
 * transaction. */
static gboolean is_write(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
	       strcmp(method, "OPTIONS") != 0;
}

/* A write request as a write of the server's group commit (writer.h). */
struct write_request {
	struct request *req;
	struct response *res;
};

/* Runs the request's handler on the group's connection; a status below
 * 400 keeps what it wrote, any other undoes it: a refused or failed
 * request changes nothing. */
static gboolean run_write(void *data, struct db *db)
{
	struct write_request *w = data;
	struct db *own = w->req->db;
	w->req->db = db;
	route(w->req, w->res);
	w->req->db = own;
	return w->res->status < 400;
}

/* The answer of a request whose transaction failed: in DRF's JSON for
 * the API, as the API's own store failures. */
static void store_failed(struct request *req, struct response *res,
			 enum db_status st, const GError *error)
{
	if (g_str_has_prefix(req->path, "/api/"))
		api_store_failed_answer(res, st, error);
	else
		http_store_failed(res, st, error);
}

static void lose_write(void *data, enum db_status st, const GError *error)
{
	struct write_request *w = data;
	response_clear(w->res);
	response_init(w->res);
	store_failed(w->req, w->res, st, error);
}

/* Runs a read request's handler in a read transaction (once: in
 * db_begin_read_once). */
static void run_read(struct request *req, struct response *res, gboolean once)
{
	g_autoptr(GError) error = NULL;
	enum db_status st = !req->db ? DB_ERROR
			    : once   ? db_begin_read_once(req->db, &error)
				     : db_begin_read(req->db, &error);
	if (st == DB_BUSY) {
		/* unreachable or restarting (PostgreSQL): retry later */
		store_failed(req, res, st, error);
		return;
	}
	route(req, res);
	if (st == DB_OK)
		db_rollback(req->db);
}

void http_dispatch(struct request *req, struct response *res)
{
	/* XML-RPC POSTs are mostly reads: xmlrpc.c queues its two writes
	 * only (patch_set, check_create). */
	if (req->db && is_write(req->method) &&
	    strcmp(req->path, "/xmlrpc/") != 0) {
		struct write_request w = {req, res};
		http_writer_run(
			req->writer, req->db,
			&(struct http_write){run_write, lose_write, &w});
		return;
	}
	/* One read transaction per request: every statement sees the same
	 * snapshot (a list's count agrees with its page, a download's rows
	 * with each other), and SQLite takes its file locks once instead of
	 * once per statement, which was most of a list's cost. A detail
	 * view that is one statement tries without the transaction
	 * (db_begin_read_once), and runs again in one when it needed more. */
	gboolean once = req->db && api_reads_once(req);
	run_read(req, res, once);
	if (once && db_read_once_failed(req->db)) {
		response_clear(res);
		response_init(res);
		run_read(req, res, FALSE);
	}
}
