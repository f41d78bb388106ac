/*
 * libmicrohttpd glue for darn serve (see server.h).
 */
#include "http/server.h"

#include "http/accesslog.h"
#include "http/budget.h"
#include "http/headers.h"
#include "http/host.h"
#include "http/listen.h"
#include "http/mhd-dl.h"
#include "http/strict.h"
#include "http/throttle.h"
#include "http/watchdog.h"
#include "http/writer.h"

#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

/* Idle time (no byte either way) after which libmicrohttpd closes a
 * connection; the whole request is bounded by request_timeout_s. */
#define CONNECTION_TIMEOUT_S 30
/* Answers this small are sent even over the responses budget (a 503
 * says why in fewer bytes), so every client gets an answer. */
#define SMALL_BODY 1024
/* libmicrohttpd's own messages shown per second at most: each refused
 * connection logs one, and a flood of them must not flood the log. */
#define MHD_LOG_PER_SECOND 10
#define LOGIN_THROTTLE_ENTRIES 10000 /* addresses, and as many usernames */

struct server {
	const struct server_options *opts;
	const struct mhd_api *mhd;	/* libmicrohttpd, loaded at start */
	struct http_hosts *hosts;	/* allowed Host values, base URL */
	struct http_throttle *throttle; /* failed Basic logins */
	struct http_writer *writer;	/* group commit of the writes */
	struct memory_budget budget;
	struct watchdog *watchdog;
	/* Bytes of answer bodies queued and not yet sent (budget.responses
	 * bounds them). */
	_Atomic gint64 responses_held;
	GMutex log_lock; /* log_* below */
	gint64 log_second;
	int log_count;
	guint64 log_suppressed;
};

/* What darn keeps per client connection (libmicrohttpd's socket
 * context, from its start to its end). */
struct conn {
	struct watched *watched;
	/* The request target as received, noted by note_target() before
	 * libmicrohttpd cuts and decodes it, and judged at the first call
	 * of handle(); points into libmicrohttpd's buffer until then. */
	const char *target;
	gsize target_len; /* bytes up to the first NUL */
	int refusal;	  /* 0, or the status http_check_target() gave */
	const char *why;
};

/* What darn keeps per request while libmicrohttpd hands over its body
 * (libmicrohttpd's con_cls, from the head to on_completed()). */
struct pending {
	GByteArray *body;
	gboolean too_large; /* past max_body_bytes: its rest is dropped */
	gboolean answered;  /* an early answer (413) is queued */
};

static void pending_free(struct pending *p)
{
	if (!p)
		return;
	if (p->body)
		g_byte_array_unref(p->body);
	g_free(p);
}

/* Each pool thread keeps its own connection: SQLite connections are not
 * shared between threads, and opening one per request would cost more
 * than most requests. Closed when the thread exits. */
static void close_db(gpointer db)
{
	db_close(db);
}
static GPrivate thread_db = G_PRIVATE_INIT(close_db);

/* A new connection within the memory budget, or NULL (logged). */
static struct db *open_connection(const struct server *s, GError **error)
{
	const struct server_options *opts = s->opts;
	struct db *db = NULL;
	if (db_open(opts->database, opts->busy_timeout_ms, DB_OPEN_EXISTING,
		    &db, error) != DB_OK)
		return NULL;
	db_limit_memory(db, s->budget.page_cache);
	return db;
}

/* The thread's connection, opened on its first request; NULL with
 * *error (its code an enum db_status) while that fails: PostgreSQL
 * unreachable is a 503, and the thread's next request tries again. */
static struct db *db_for_thread(const struct server *s, GError **error)
{
	struct db *db = g_private_get(&thread_db);
	if (!db && (db = open_connection(s, error)))
		g_private_set(&thread_db, db);
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

/* An answer body handed to libmicrohttpd, counted in responses_held
 * until libmicrohttpd frees it (sent, or the connection ended). */
struct held_body {
	struct server *s;
	gsize len;
	char data[];
};

static void release_body(void *cls)
{
	struct held_body *b = cls;
	atomic_fetch_sub(&b->s->responses_held, (gint64)b->len);
	g_free(b);
}

/* Counts `len` more bytes of answers in flight, or FALSE when that
 * would pass the budget (small answers always pass). */
static gboolean hold_body(struct server *s, gsize len)
{
	gint64 held = atomic_fetch_add(&s->responses_held, (gint64)len);
	if (len <= SMALL_BODY || held + (gint64)len <= s->budget.responses)
		return TRUE;
	atomic_fetch_sub(&s->responses_held, (gint64)len);
	return FALSE;
}

/* A plain-text error answer that says why: "400 Bad Request: why". */
static void refuse(struct response *res, int status, const char *why)
{
	res->status = status;
	g_ptr_array_set_size(res->headers, 0);
	g_free(res->content_type);
	res->content_type = g_strdup("text/plain; charset=utf-8");
	g_string_printf(res->body, "%d %s: %s\n", status, http_reason(status),
			why);
}

static enum MHD_Result send_response(struct server *s, struct MHD_Connection *c,
				     struct response *res)
{
	const struct mhd_api *m = s->mhd;
	/* here, so that every answer has them, whoever made it */
	http_security_headers(res);
	if (!hold_body(s, res->body->len)) {
		refuse(res, 503, "too many answers waiting to be sent");
		response_header(res, "Retry-After", "5");
		hold_body(s, res->body->len);
	}
	struct held_body *b =
		g_malloc(sizeof(*b) + MAX(res->body->len, (gsize)1));
	b->s = s;
	b->len = res->body->len;
	memcpy(b->data, res->body->str, res->body->len);
	struct MHD_Response *r =
		m->MHD_create_response_from_buffer_with_free_callback_cls(
			b->len, b->data, release_body, b);
	if (!r) {
		release_body(b);
		return MHD_NO;
	}
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

/* libmicrohttpd's messages, prefixed, control characters replaced, at
 * most MHD_LOG_PER_SECOND a second (then a count of those not shown). */
static void log_mhd(void *cls, const char *fmt, va_list ap)
{
	struct server *s = cls;
	g_autofree char *msg = g_strdup_vprintf(fmt, ap);
	g_strchomp(msg);
	for (char *p = msg; *p; p++)
		if ((guchar)*p < 0x20 || *p == 0x7f)
			*p = '?';
	gint64 second = g_get_monotonic_time() / G_USEC_PER_SEC;

	g_mutex_lock(&s->log_lock);
	if (second != s->log_second) {
		if (s->log_suppressed)
			g_printerr("darn: libmicrohttpd: %" G_GUINT64_FORMAT
				   " more messages not shown\n",
				   s->log_suppressed);
		s->log_second = second;
		s->log_count = 0;
		s->log_suppressed = 0;
	}
	if (s->log_count++ < MHD_LOG_PER_SECOND)
		g_printerr("darn: libmicrohttpd: %s\n", msg);
	else
		s->log_suppressed++;
	g_mutex_unlock(&s->log_lock);
}

static struct conn *conn_of(const struct server *s, struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *info = s->mhd->MHD_get_connection_info(
		c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return info ? info->socket_context : NULL;
}

/* libmicrohttpd: a client connected, or its connection ended. */
static void on_connection(void *cls, struct MHD_Connection *c,
			  void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	struct server *s = cls;
	struct conn *conn = *socket_context;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *info =
			s->mhd->MHD_get_connection_info(
				c, MHD_CONNECTION_INFO_CONNECTION_FD);
		conn = g_new0(struct conn, 1);
		if (info)
			conn->watched =
				watchdog_add(s->watchdog, info->connect_fd);
		*socket_context = conn;
	} else if (conn) {
		/* Before libmicrohttpd closes the socket. */
		if (conn->watched)
			watchdog_remove(s->watchdog, conn->watched);
		g_free(conn);
		*socket_context = NULL;
	}
}

/*
 * libmicrohttpd's URI log callback: the request target as received,
 * before libmicrohttpd splits its parameters and decodes it, the only
 * moment darn sees the query and a %00 in the path undecoded.
 */
static void *note_target(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct conn *conn = conn_of(cls, c);
	if (!conn)
		return NULL;
	conn->target = uri;
	conn->target_len = strlen(uri);
	conn->refusal = http_check_target(uri, conn->target_len, &conn->why);
	if (conn->refusal) {
		/* libmicrohttpd 0.9.75 splits the parameters next, into its
		 * per-connection memory; when they do not fit it queues a
		 * 431 it never sends and the client waits 30 s. The request
		 * is refused anyway: cut the query in libmicrohttpd's own
		 * buffer (which it writes itself next) so nothing is split. */
		char *query = strchr((char *)uri, '?');
		if (query)
			query[1] = '\0';
	}
	/* NULL: handle() keeps seeing NULL in *con_cls at its first call. */
	return NULL;
}

/* libmicrohttpd: an answer was sent (or the connection failed): the
 * connection waits for the next request, within the request timeout. */
static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct server *s = cls;
	struct conn *conn = conn_of(s, c);
	pending_free(*con_cls);
	*con_cls = NULL;
	if (conn && conn->watched)
		watchdog_arm(s->watchdog, conn->watched);
}

/* The whole request arrived: its answer is not bounded by the request
 * timeout (a large download to a slow client takes its time). */
static void request_received(struct server *s, struct MHD_Connection *c)
{
	struct conn *conn = conn_of(s, c);
	if (conn && conn->watched)
		watchdog_disarm(conn->watched);
}

/*
 * libmicrohttpd hands the target to note_target() as a C string, so a
 * raw NUL in it hides the rest. In its buffer the HTTP version follows
 * the target's end (the request line, its spaces turned to NULs): a
 * version that does not start right after the first NUL means a NUL
 * inside the target. Layouts of other libmicrohttpd versions, where the
 * version lies elsewhere, are left alone.
 */
static gboolean target_has_nul(const struct conn *conn, const char *version)
{
	uintptr_t t = (uintptr_t)conn->target, v = (uintptr_t)version;
	if (v <= t || v - t > HTTP_CONNECTION_MEMORY)
		return FALSE;
	return v != t + conn->target_len + 1;
}

static enum MHD_Result collect_field(void *cls, enum MHD_ValueKind kind,
				     const char *key, size_t key_size,
				     const char *value, size_t value_size)
{
	struct http_field f = {key, value ? value : "", key_size,
			       value ? value_size : 0};
	g_array_append_val((GArray *)cls, f);
	return MHD_YES;
}

/* 0, or the status that refuses this request head (strict.h), with
 * *why set. At the first call of handle() for each request. */
static int head_refusal(struct server *s, struct MHD_Connection *c,
			const char *version, const char **why)
{
	struct conn *conn = conn_of(s, c);
	if (conn && conn->target) {
		int refusal = conn->refusal;
		*why = conn->why;
		if (!refusal && target_has_nul(conn, version)) {
			refusal = 400;
			*why = "NUL in the request target";
		}
		conn->target = NULL;
		if (refusal)
			return refusal;
	}
	g_autoptr(GArray) fields =
		g_array_new(FALSE, FALSE, sizeof(struct http_field));
	s->mhd->MHD_get_connection_values_n(c, MHD_HEADER_KIND, collect_field,
					    fields);
	return http_check_head(version, (const struct http_field *)fields->data,
			       fields->len, why);
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

/* TRUE when the head announces a body larger than max_body_bytes: it is
 * refused before a byte of it is read. */
static gboolean announced_too_large(const struct server *s,
				    struct MHD_Connection *c)
{
	const char *length = s->mhd->MHD_lookup_connection_value(
		c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (!length)
		return FALSE;
	/* strict.c already refused a Content-Length that is not digits */
	guint64 n = g_ascii_strtoull(length, NULL, 10);
	return n > (guint64)s->opts->max_body_bytes;
}

/* Takes the next piece of the body; FALSE once it passed the limit. */
static gboolean take_body(const struct server *s, struct pending *p,
			  const char *data, size_t len)
{
	if (p->too_large)
		return FALSE;
	if ((gint64)p->body->len + (gint64)len > s->opts->max_body_bytes) {
		p->too_large = TRUE;
		g_byte_array_set_size(p->body, 0);
		return FALSE;
	}
	g_byte_array_append(p->body, (const guint8 *)data, (guint)len);
	return TRUE;
}

/* Fills the request from the head libmicrohttpd parsed. */
static void read_head(struct server *s, struct MHD_Connection *c,
		      struct request *req, const char *method, const char *url)
{
	const struct mhd_api *m = s->mhd;
	req->method = g_strdup(method);
	req->path = g_utf8_make_valid(url, -1);
	req->accept = g_strdup(
		m->MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept"));
	req->authorization = g_strdup(m->MHD_lookup_connection_value(
		c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION));
	req->content_type = g_strdup(m->MHD_lookup_connection_value(
		c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE));
	req->remote_addr = client_address(m, c);
	req->xmlrpc_enabled = s->opts->xmlrpc_enabled;
	req->if_none_match = g_strdup(m->MHD_lookup_connection_value(
		c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH));
	req->if_modified_since = g_strdup(m->MHD_lookup_connection_value(
		c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_MODIFIED_SINCE));
	req->site_name = s->opts->site_name;
	req->site_domain = s->opts->site_domain;
	req->items_per_page = s->opts->items_per_page;
	req->base_url = http_hosts_base_url(
		s->hosts, m->MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							 MHD_HTTP_HEADER_HOST));
	req->throttle = s->throttle;
	req->writer = s->writer;
	req->cookie = g_strdup(m->MHD_lookup_connection_value(
		c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE));
	req->csrf_header = g_strdup(m->MHD_lookup_connection_value(
		c, MHD_HEADER_KIND, "X-CSRFToken"));
	req->origin = g_strdup(m->MHD_lookup_connection_value(
		c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ORIGIN));
	req->referer = g_strdup(m->MHD_lookup_connection_value(
		c, MHD_HEADER_KIND, MHD_HTTP_HEADER_REFERER));
	req->accounts = &s->opts->accounts;
}

/* Answers one request whose head (and body, in p) arrived; `refusal`
 * is a status that refuses it before any handler. */
static enum MHD_Result answer(struct server *s, struct MHD_Connection *c,
			      const char *url, const char *method,
			      const char *version, struct pending *p,
			      int refusal, const char *why)
{
	struct request req;
	struct response res;
	g_autoptr(GError) db_error = NULL;
	gint64 start = g_get_monotonic_time();

	request_init(&req);
	response_init(&res);
	read_head(s, c, &req, method, url);
	if (p && p->body)
		req.body =
			g_byte_array_free_to_bytes(g_steal_pointer(&p->body));
	else
		req.body = g_bytes_new(NULL, 0);

	/* collected for a refused request too: the access log shows them */
	gboolean params_ok =
		s->mhd->MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND,
						  collect_param, &req) >= 0 &&
		req.params->len < HTTP_MAX_PARAMS;
	if (refusal) {
		refuse(&res, refusal, why);
	} else if (strlen(url) > HTTP_MAX_URL) {
		res.status = 414;
	} else if (!params_ok) {
		res.status = 400;
	} else if (!req.base_url) {
		http_bad_request(&res); /* a Host that is not allowed */
	} else if (!(req.db = db_for_thread(s, &db_error))) {
		http_store_failed(&res, (enum db_status)db_error->code,
				  db_error);
	} else {
		http_dispatch(&req, &res);
	}
	if (res.status >= 400 && !res.content_type) {
		res.content_type = g_strdup("text/plain; charset=utf-8");
		g_string_printf(res.body, "%d %s\n", res.status,
				http_reason(res.status));
	}

	enum MHD_Result ok = send_response(s, c, &res);
	log_request(s, c, &req, &res, version, url, start);
	request_clear(&req);
	response_clear(&res);
	return ok;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
			      const char *url, const char *method,
			      const char *version, const char *upload_data,
			      size_t *upload_data_size, void **con_cls)
{
	struct server *s = cls;
	struct pending *p = *con_cls;
	const char *why = NULL;

	/* libmicrohttpd calls once with the head, then with body pieces,
	 * then once more with none. */
	if (!p) {
		int refusal = head_refusal(s, c, version, &why);
		/* A refused head is answered now: libmicrohttpd then reads
		 * no body and closes the connection. */
		if (refusal)
			return answer(s, c, url, method, version, NULL, refusal,
				      why);
		if (announced_too_large(s, c))
			return answer(s, c, url, method, version, NULL, 413,
				      "the request body is larger than "
				      "http.max_body_bytes");
		p = g_new0(struct pending, 1);
		p->body = g_byte_array_new();
		*con_cls = p;
		return MHD_YES;
	}
	if (*upload_data_size) {
		gboolean kept = take_body(s, p, upload_data, *upload_data_size);
		*upload_data_size = 0;
		if (kept || p->answered)
			return MHD_YES;
		/* A chunked body past the limit: answer at once, read no
		 * more of it (libmicrohttpd closes the connection). */
		p->answered = TRUE;
		return answer(s, c, url, method, version, NULL, 413,
			      "the request body is larger than "
			      "http.max_body_bytes");
	}
	if (p->answered)
		return MHD_YES;
	request_received(s, c);
	return answer(s, c, url, method, version, p, 0, NULL);
}

/* Each connection takes a descriptor: raise the soft limit to fit
 * max_connections when the hard limit allows, else lower the connection
 * limit and say so. Returns the limit to use. */
static unsigned int fit_descriptors(unsigned int max_connections)
{
	/* The listening socket, the database files, the log... */
	const rlim_t reserve = 64;
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 ||
	    rl.rlim_cur >= max_connections + reserve)
		return max_connections;
	rlim_t want = max_connections + reserve;
	rl.rlim_cur =
		rl.rlim_max == RLIM_INFINITY ? want : MIN(want, rl.rlim_max);
	setrlimit(RLIMIT_NOFILE, &rl);
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur >= want)
		return max_connections;
	unsigned int fit = rl.rlim_cur > 2 * reserve
				   ? (unsigned int)(rl.rlim_cur - reserve)
				   : (unsigned int)(rl.rlim_cur / 2);
	g_printerr("darn: only %u file descriptors: serving %u connections, "
		   "not %u\n",
		   (unsigned int)rl.rlim_cur, fit, max_connections);
	return fit;
}

static void print_budget(const struct memory_budget *b)
{
	const double mib = 1024.0 * 1024.0;
	g_printerr("darn: memory limit %.0f MiB: connections %.0f, "
		   "process %.0f, answers in flight %.0f, SQLite %.0f "
		   "(page cache %.1f MiB per thread)\n",
		   b->total / mib, b->connections / mib, b->process / mib,
		   b->responses / mib, b->sqlite / mib, b->page_cache / mib);
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
	struct listen_addr addr;
	g_autoptr(GError) error = NULL;
	sigset_t stop;
	int sig;

	if (!listen_resolve(opts->listen, &addr, &error)) {
		g_printerr("darn: %s\n", error->message);
		return error->code == LISTEN_ERROR_SYNTAX ? 64 : 69;
	}
	if (opts->max_connections < opts->threads) {
		g_printerr("darn: [http] max_connections (%d) must be at "
			   "least [server] threads (%d)\n",
			   opts->max_connections, opts->threads);
		return 64;
	}
	unsigned int max_connections =
		fit_descriptors((unsigned int)opts->max_connections);
	/* one SQLite connection per thread, and the writer's */
	if (!memory_budget_split(opts->memory_limit_mb, (int)max_connections,
				 opts->threads + 1, &s.budget, &error)) {
		g_printerr("darn: %s\n", error->message);
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
	int fd = listen_open(&addr, opts->listen, &error);
	if (fd < 0) {
		g_printerr("darn: %s\n", error->message);
		return 69;
	}
	g_mutex_init(&s.log_lock);
	struct db *write_db = open_connection(&s, &error);
	if (!write_db) {
		g_printerr("darn: %s\n", error->message);
		close(fd);
		return 66;
	}
	s.writer = http_writer_new(write_db);
	s.watchdog = watchdog_new(opts->request_timeout_s);
	struct MHD_Daemon *d = s.mhd->MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL_LINUX_ONLY |
			MHD_USE_ERROR_LOG |
			(addr.family == AF_INET6 ? MHD_USE_IPv6 : 0),
		0, NULL, NULL, handle, &s, MHD_OPTION_EXTERNAL_LOGGER, log_mhd,
		&s, MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_THREAD_POOL_SIZE,
		(unsigned int)opts->threads, MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned int)CONNECTION_TIMEOUT_S,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		(size_t)HTTP_CONNECTION_MEMORY, MHD_OPTION_CONNECTION_LIMIT,
		max_connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		(unsigned int)opts->max_connections_per_ip,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, &s,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
		MHD_OPTION_URI_LOG_CALLBACK, note_target, &s, MHD_OPTION_END);
	if (!d) {
		g_printerr("darn: cannot serve on '%s': libmicrohttpd did not "
			   "start\n",
			   opts->listen);
		close(fd);
		watchdog_free(s.watchdog);
		g_mutex_clear(&s.log_lock);
		http_writer_free(s.writer);
		return 69;
	}
	print_budget(&s.budget);
	g_autofree char *shown = db_location_shown(opts->database);
	g_printerr("darn: serving %s on http://%s/\n", shown, addr.text);
	sigwait(&stop, &sig);
	g_printerr("darn: %s, stopping\n",
		   sig == SIGTERM ? "SIGTERM" : "SIGINT");
	s.mhd->MHD_stop_daemon(d);
	watchdog_free(s.watchdog);
	g_mutex_clear(&s.log_lock);
	http_writer_free(s.writer);
	return 0;
}
