/*
 * libmicrohttpd glue for darn serve (see server.h).
 */
#include "http/server.h"

#include "http/accesslog.h"
#include "http/headers.h"
#include "http/host.h"
#include "http/mhd-dl.h"
#include "http/throttle.h"

#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>

#define CONNECTION_TIMEOUT_S 30
#define CONNECTION_MEMORY (64 * 1024) /* bounds the request head */
#define CONNECTION_LIMIT 1024
#define LOGIN_THROTTLE_ENTRIES 10000 /* addresses, and as many usernames */

struct server {
	const struct server_options *opts;
	const struct mhd_api *mhd;	/* libmicrohttpd, loaded at start */
	struct http_hosts *hosts;	/* allowed Host values, base URL */
	struct http_throttle *throttle; /* failed Basic logins */
};

/* Each pool thread keeps its own connection: SQLite connections are not
 * shared between threads, and opening one per request would cost more
 * than most requests. Closed when the thread exits. */
static void close_db(gpointer db)
{
	db_close(db);
}
static GPrivate thread_db = G_PRIVATE_INIT(close_db);

static struct db *db_for_thread(const struct server_options *opts)
{
	struct db *db = g_private_get(&thread_db);
	if (!db) {
		g_autoptr(GError) error = NULL;
		if (db_open(opts->database, opts->busy_timeout_ms,
			    DB_OPEN_EXISTING, &db, &error) != DB_OK) {
			g_printerr("darn: %s\n", error->message);
			return NULL;
		}
		g_private_set(&thread_db, db);
	}
	return db;
}

static enum MHD_Result collect_param(void *cls, enum MHD_ValueKind kind,
				     const char *key, const char *value)
{
	struct request *req = cls;
	if (req->params->len >= HTTP_MAX_PARAMS)
		return MHD_NO;
	/* Invalid UTF-8 cannot match anything; keep it printable. */
	g_autofree char *k = g_utf8_make_valid(key, -1);
	g_autofree char *v = g_utf8_make_valid(value ? value : "", -1);
	request_add_param(req, k, v);
	return MHD_YES;
}

static enum MHD_Result send_response(const struct mhd_api *m,
				     struct MHD_Connection *c,
				     struct response *res)
{
	/* here, so that every answer has them, whoever made it */
	http_security_headers(res);
	struct MHD_Response *r = m->MHD_create_response_from_buffer(
		res->body->len, res->body->str, MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	if (res->content_type)
		m->MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
					   res->content_type);
	for (guint i = 0; i < res->headers->len; i++) {
		const struct http_header *h = res->headers->pdata[i];
		m->MHD_add_response_header(r, h->name, h->value);
	}
	enum MHD_Result ok = m->MHD_queue_response(c, res->status, r);
	m->MHD_destroy_response(r);
	return ok;
}

/* The peer's address as text, or NULL. Caller frees. */
static char *client_address(const struct mhd_api *m, struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *info = m->MHD_get_connection_info(
		c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = info ? info->client_addr : NULL;
	char text[INET6_ADDRSTRLEN];

	if (sa && sa->sa_family == AF_INET &&
	    inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
		      text, sizeof(text)))
		return g_strdup(text);
	if (sa && sa->sa_family == AF_INET6 &&
	    inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr,
		      text, sizeof(text)))
		return g_strdup(text);
	return NULL;
}

/* The access log line of a request that took since `start` (monotonic
 * time). */
static void log_request(const struct server *s, struct MHD_Connection *c,
			const struct request *req, const struct response *res,
			const char *version, const char *url, gint64 start)
{
	gint64 took = g_get_monotonic_time() - start;
	const struct mhd_api *m = s->mhd;

	http_access_log(&(struct http_log_entry){
		.address = req->remote_addr,
		.user = res->user,
		.time_us = g_get_real_time() - took,
		.method = req->method,
		.path = url,
		.params = req->params,
		.version = version,
		.status = res->status,
		.bytes = strcmp(req->method, "HEAD") ? res->body->len : 0,
		.referer = m->MHD_lookup_connection_value(
			c, MHD_HEADER_KIND, MHD_HTTP_HEADER_REFERER),
		.user_agent = m->MHD_lookup_connection_value(
			c, MHD_HEADER_KIND, MHD_HTTP_HEADER_USER_AGENT),
		.duration_ms = took / 1000.0,
	});
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
			      const char *url, const char *method,
			      const char *version, const char *upload_data,
			      size_t *upload_data_size, void **con_cls)
{
	struct server *s = cls;
	static int first_call_marker;
	struct request req;
	struct response res;
	gint64 start = g_get_monotonic_time();

	/* libmicrohttpd calls once with the head, then with body pieces. */
	if (*con_cls == NULL) {
		*con_cls = &first_call_marker;
		return MHD_YES;
	}
	if (*upload_data_size) {
		/* Request bodies are not used yet: discard them. */
		*upload_data_size = 0;
		return MHD_YES;
	}

	request_init(&req);
	response_init(&res);
	req.method = g_strdup(method);
	req.path = g_utf8_make_valid(url, -1);
	const char *accept = s->mhd->MHD_lookup_connection_value(
		c, MHD_HEADER_KIND, "Accept");
	req.accept = g_strdup(accept);
	req.authorization = g_strdup(s->mhd->MHD_lookup_connection_value(
		c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION));
	req.remote_addr = client_address(s->mhd, c);
	req.xmlrpc_enabled = s->opts->xmlrpc_enabled;
	req.base_url = http_hosts_base_url(
		s->hosts, s->mhd->MHD_lookup_connection_value(
				  c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST));
	req.throttle = s->throttle;

	if (strlen(url) > HTTP_MAX_URL) {
		res.status = 414;
	} else if (s->mhd->MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND,
						     collect_param, &req) < 0 ||
		   req.params->len >= HTTP_MAX_PARAMS) {
		res.status = 400;
	} else if (!req.base_url) {
		http_bad_request(&res); /* a Host that is not allowed */
	} else if (!(req.db = db_for_thread(s->opts))) {
		res.status = 503;
	} else {
		http_dispatch(&req, &res);
	}
	if (res.status >= 400 && !res.content_type) {
		res.content_type = g_strdup("text/plain; charset=utf-8");
		g_string_printf(res.body, "%d %s\n", res.status,
				http_reason(res.status));
	}

	enum MHD_Result ok = send_response(s->mhd, c, &res);
	log_request(s, c, &req, &res, version, url, start);
	request_clear(&req);
	response_clear(&res);
	(void)upload_data;
	return ok;
}

static gboolean parse_listen(const char *listen, struct sockaddr_in *addr)
{
	const char *colon = strrchr(listen, ':');
	if (!colon)
		return FALSE;
	g_autofree char *host = g_strndup(listen, colon - listen);
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port <= 0 || port > 65535)
		return FALSE;
	memset(addr, 0, sizeof(*addr));
	addr->sin_family = AF_INET;
	addr->sin_port = htons((uint16_t)port);
	return inet_pton(AF_INET, *host ? host : "0.0.0.0", &addr->sin_addr) ==
	       1;
}

int server_run(const struct server_options *opts)
{
	g_autoptr(http_hosts) hosts = http_hosts_new(
		opts->allowed_hosts, opts->listen, opts->base_url);
	g_autoptr(http_throttle) throttle = http_throttle_new(
		opts->login_failures_per_address,
		opts->login_failures_per_account, opts->login_failure_window_s,
		LOGIN_THROTTLE_ENTRIES);
	struct server s = {.opts = opts, .hosts = hosts, .throttle = throttle};
	struct sockaddr_in addr;
	sigset_t stop;
	int sig;

	if (!parse_listen(opts->listen, &addr)) {
		g_printerr("darn: cannot listen on '%s': expected "
			   "IPv4ADDR:PORT\n",
			   opts->listen);
		return 64;
	}
	/* Block the stop signals in every thread; the main thread waits
	 * for them below. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);

	const char *why = NULL;
	s.mhd = mhd_api(&why);
	if (!s.mhd) {
		g_printerr("darn: %s (is libmicrohttpd installed?)\n", why);
		return 69;
	}
	struct MHD_Daemon *d = s.mhd->MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL_LINUX_ONLY |
			MHD_USE_ERROR_LOG,
		0, NULL, NULL, handle, &s, MHD_OPTION_SOCK_ADDR, &addr,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)opts->threads,
		MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned int)CONNECTION_TIMEOUT_S,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned int)CONNECTION_LIMIT,
		MHD_OPTION_END);
	if (!d) {
		g_printerr("darn: cannot listen on '%s': %s\n", opts->listen,
			   g_strerror(errno));
		return 69;
	}
	g_printerr("darn: serving %s on http://%s/\n", opts->database,
		   opts->listen);
	sigwait(&stop, &sig);
	g_printerr("darn: %s, stopping\n",
		   sig == SIGTERM ? "SIGTERM" : "SIGINT");
	s.mhd->MHD_stop_daemon(d);
	return 0;
}
