/*
 * /xmlrpc/ (xmlrpc.h): Patchwork's view and dispatcher. POST runs one
 * method call; the answer is always 200 with the response or a fault
 * (faultCode 1, "<class '...'>:message"), sent as Patchwork sends it,
 * text/html. A method marked auth takes HTTP Basic credentials, checked
 * by http_authenticate after Patchwork's own header checks; the two
 * writes run in one write transaction, committed only on success.
 */
#include "api/xmlrpc.h"

#include "api/xmlrpc-private.h"
#include "http/auth.h"
#include "http/writer.h"

static const char content_type[] = "text/html; charset=utf-8";

/* Python's TypeError for a call with the wrong number of arguments
 * (counting the user that auth methods get first). */
static char *arity_fault(const struct xmlrpc_method *m, guint given)
{
	int n = 0, offset = m->auth;
	while (n < (int)G_N_ELEMENTS(m->params) && m->params[n])
		n++;
	int required = m->required + offset, total = n + offset;
	int got = (int)given + offset;
	if (got > total) {
		g_autofree char *takes =
			required == total ? g_strdup_printf("%d", total)
					  : g_strdup_printf("from %d to %d",
							    required, total);
		return g_strdup_printf(
			"<class 'TypeError'>:%s() takes %s positional "
			"argument%s but %d %s given",
			m->name, takes, total == 1 ? "" : "s", got,
			got == 1 ? "was" : "were");
	}
	GString *names = g_string_new(NULL);
	int missing = required - got;
	for (int i = (int)given; i < m->required; i++) {
		int left = m->required - i;
		g_string_append_printf(
			names, "'%s'%s", m->params[i],
			left == 1   ? ""
			: left == 2 ? (missing > 2 ? ", and " : " and ")
				    : ", ");
	}
	char *out = g_strdup_printf(
		"<class 'TypeError'>:%s() missing %d required positional "
		"argument%s: %s",
		m->name, missing, missing == 1 ? "" : "s", names->str);
	g_string_free(names, TRUE);
	return out;
}

/* Patchwork's _user_for_request: its own checks of the header, then
 * Django's authenticate() (inactive users refused like a wrong
 * password). */
static gboolean authenticate(struct xmlrpc_ctx *ctx)
{
	const char *h = ctx->req->authorization;
	if (!h || !*h) {
		xmlrpc_fail(ctx, "<class 'Exception'>:No authentication "
				 "credentials given");
		return FALSE;
	}
	g_autofree char *header = g_strstrip(g_strdup(h));
	if (!g_str_has_prefix(header, "Basic ")) {
		xmlrpc_fail(ctx, "<class 'Exception'>:Authentication scheme "
				 "not supported");
		return FALSE;
	}
	g_autofree char *b64 = g_strstrip(g_strdup(header + 6));
	g_autoptr(GByteArray) raw = http_b64decode_lenient(b64);
	gboolean ascii = raw != NULL;
	for (guint i = 0; raw && i < raw->len; i++)
		ascii &= raw->data[i] < 0x80;
	if (!ascii || !raw->len || !memchr(raw->data, ':', raw->len)) {
		xmlrpc_fail(ctx, "<class 'Exception'>:Invalid authentication "
				 "credentials");
		return FALSE;
	}
	g_autoptr(db_user) user = NULL;
	const char *detail;
	g_autoptr(GError) error = NULL;
	switch (http_authenticate(ctx->req, &user, &detail, &error)) {
	case HTTP_AUTH_OK:
		if (user) {
			ctx->user_id = user->id;
			ctx->username = g_strdup(user->username);
			return TRUE;
		}
		break;
	case HTTP_AUTH_DENIED:
		break;
	case HTTP_AUTH_ERROR:
		xmlrpc_store_failed(ctx, error);
		return FALSE;
	}
	xmlrpc_fail(ctx, "<class 'Exception'>:Invalid username/password");
	return FALSE;
}

/* One XML-RPC write as a write of the server's group commit. */
struct xmlrpc_write {
	struct xmlrpc_ctx *ctx;
	const struct xmlrpc_method *m;
	const GPtrArray *params;
	struct xw *w;
};

/* Runs the method on the group's connection; a fault or a None answer
 * undoes what it wrote. */
static gboolean run_write(void *data, struct db *db)
{
	struct xmlrpc_write *x = data;
	struct request *req = x->ctx->req;
	struct db *own = req->db;
	req->db = db;
	x->m->fn(x->ctx, x->params, x->w);
	req->db = own;
	return !(x->ctx->fault || x->ctx->busy || x->w->none);
}

static void lose_write(void *data, enum db_status st, const GError *error)
{
	struct xmlrpc_write *x = data;
	xmlrpc_store_failed(x->ctx, error);
}

/* Runs m; a write in the server's group commit (http/writer.h). */
static void run(struct xmlrpc_ctx *ctx, const struct xmlrpc_method *m,
		const GPtrArray *params, struct xw *w)
{
	struct db *db = ctx->req->db;

	if (!m->write) {
		m->fn(ctx, params, w);
		return;
	}
	/* http_dispatch opened a read transaction; the write runs in a
	 * write transaction from its start, so this one ends here and is
	 * reopened afterwards for http_dispatch's rollback. */
	db_rollback(db);
	struct xmlrpc_write x = {ctx, m, params, w};
	http_writer_run(ctx->req->writer, db,
			&(struct http_write){run_write, lose_write, &x});
	db_begin_read(db, NULL);
}

static void call(struct request *req, struct response *res)
{
	struct xmlrpc_ctx ctx = {.req = req};
	struct xmlrpc_call c = {0};
	struct xw w;
	char *fault = NULL;
	gsize len = 0;
	const char *body = req->body ? g_bytes_get_data(req->body, &len) : NULL;

	xw_init(&w, res->body);
	if (!xmlrpc_parse(body ? body : "", len, &c, &fault)) {
		ctx.fault = fault;
	} else {
		const struct xmlrpc_method *m = xmlrpc_method(c.method);
		if (!m)
			xmlrpc_fail(&ctx,
				    "<class 'Exception'>:method \"%s\" is not "
				    "supported",
				    c.method);
		else if (m->auth && !authenticate(&ctx))
			;
		else if (c.params->len < (guint)m->required ||
			 c.params->len > G_N_ELEMENTS(m->params) ||
			 (c.params->len && !m->params[c.params->len - 1]))
			ctx.fault = arity_fault(m, c.params->len);
		else
			run(&ctx, m, c.params, &w);
	}
	xmlrpc_call_clear(&c);
	/* the access log's user; an answer for a login is private */
	res->user = g_steal_pointer(&ctx.username);
	if (ctx.busy) {
		/* the store failed or stayed locked: nothing was written */
		const GError *e = ctx.store_error;
		http_store_failed(
			res, e->domain == DB_ERROR_DOMAIN ? e->code : DB_ERROR,
			e);
		g_clear_error(&ctx.store_error);
		g_free(ctx.fault);
		return;
	}
	res->status = 200;
	res->content_type = g_strdup(content_type);
	if (ctx.fault)
		xw_fault(res->body, 1, ctx.fault);
	else
		xw_finish(res->body, &w);
	g_free(ctx.fault);
}

/* SimpleXMLRPCServer's generate_html_documentation(), in short: the
 * title, then each method with its arguments. */
static void documentation(struct response *res)
{
	GString *b = res->body;
	g_string_append(
		b, "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.0 "
		   "Transitional//EN\">\n<html><head><title>Python: Patchwork "
		   "XML-RPC API v1 Documentation</title>\n<meta "
		   "http-equiv=\"Content-Type\" content=\"text/html; "
		   "charset=utf-8\">\n</head><body>\n<h1>Patchwork XML-RPC "
		   "API v1 Documentation</h1>\n<p><tt>This is the Patchwork "
		   "XML-RPC API. Methods marked (auth) need HTTP Basic "
		   "credentials.</tt></p>\n<dl>\n");
	for (const struct xmlrpc_method *m = xmlrpc_methods; m->name; m++) {
		g_string_append_printf(
			b, "<dt><a name=\"-%s\"><strong>%s</strong></a>(",
			m->name, m->name);
		for (int i = 0;
		     i < (int)G_N_ELEMENTS(m->params) && m->params[i]; i++)
			g_string_append_printf(b, "%s%s%s", i ? ", " : "",
					       m->params[i],
					       i >= m->required ? "=..." : "");
		g_string_append_printf(b, ")%s</dt>\n",
				       m->auth ? " (auth)" : "");
	}
	g_string_append(b, "</dl>\n</body></html>");
}

void xmlrpc_handle(struct request *req, struct response *res)
{
	if (!req->xmlrpc_enabled) {
		http_not_found(res);
		return;
	}
	if (strcmp(req->method, "POST") == 0) {
		call(req, res);
	} else if (strcmp(req->method, "GET") == 0) {
		res->status = 200;
		res->content_type = g_strdup(content_type);
		documentation(res);
	} else {
		res->status = 302;
		response_header(res, "Location", "/");
	}
}
