/*
 * darn's HTTP request and response, independent of the server library:
 * handlers take a struct request and fill a struct response, so every
 * route can be tested without sockets (server.c is the only file that
 * knows libmicrohttpd).
 *
 * A request owns everything it points to and is freed with
 * request_clear(); a response likewise with response_clear().
 */
#ifndef DARN_HTTP_HTTP_H
#define DARN_HTTP_HTTP_H

#include <glib.h>

#include "store/db.h"

struct http_throttle;
struct http_writer;

/* Bounds on what a client may send (checked before any handler runs). */
#define HTTP_MAX_URL 8192
#define HTTP_MAX_PARAMS 256

struct http_param {
	char *name, *value; /* decoded, valid UTF-8 */
};

struct request {
	char *method;	   /* "GET", "HEAD", ... */
	char *path;	   /* decoded path, e.g. "/api/1.1/patches/" */
	GPtrArray *params; /* struct http_param*, in request order */
	char *accept;	   /* Accept header or NULL */
	char *base_url;	   /* "http://host:port", no trailing slash */
	struct db *db;	   /* this thread's connection (not owned) */
	/* Authorization header (raw bytes) or NULL */
	char *authorization;
	/* The client's address as text ("127.0.0.1", "::1"), or NULL when
	 * unknown; the peer of the TCP connection, so a reverse proxy's. */
	char *remote_addr;
	/* The server's failed-login table (http/throttle.h), or NULL: no
	 * throttling. Not owned. */
	struct http_throttle *throttle;
	/* Cookie, X-CSRFToken, Origin and Referer headers, or NULL; owned
	 * (http/csrf.h, web sessions). */
	char *cookie, *csrf_header, *origin, *referer;
	/* [accounts] and [mail]: the web's accounts; borrowed from the
	 * server's options (NULL: defaults, web/accounts.h). */
	const struct http_accounts *accounts;
	/* The request body (empty when none was sent), bounded by
	 * http.max_body_bytes before any handler runs; owned. */
	GBytes *body;
	/* Content-Type header or NULL */
	char *content_type;
	/* The server's group commit (http/writer.h), or NULL: each write
	 * commits alone. Not owned. Writes queue there rather than in
	 * SQLite's busy handler, which sleeps in steps of up to 100 ms
	 * (with 8 writers that made p99 over a second). */
	struct http_writer *writer;
	/* [xmlrpc] enabled: /xmlrpc/ is served */
	gboolean xmlrpc_enabled;
	/* The cache validators the client sent (If-None-Match,
	 * If-Modified-Since) or NULL; owned. */
	char *if_none_match, *if_modified_since;
	/* [web]: the site's name and domain ("" : the base URL's host) and
	 * the patch list's page size for anonymous users; borrowed from the
	 * server's options (NULL name: "Patchwork"). */
	const char *site_name, *site_domain;
	int items_per_page;
};

/* The settings of accounts on the web (docs/web.md, "Accounts"). */
struct http_accounts {
	const char *sendmail;  /* [mail] sendmail: command, no shell */
	const char *mail_from; /* [mail] from: "" for darn@<host> */
	gboolean registration; /* [accounts] registration */
	int session_age_s;     /* [accounts] session_age_s */
	int confirmation_days; /* [accounts] confirmation_days */
	int login_failures_per_address, login_failures_per_account;
	int login_failure_window_s;
};

struct http_header {
	char *name, *value;
};

struct response {
	int status;
	char *content_type; /* NULL: no body */
	GPtrArray *headers; /* struct http_header*, in order */
	GString *body;
	/* The authenticated user's name, or NULL: the access log's user,
	 * and what makes the answer private to caches (headers.c). */
	char *user;
};

void request_init(struct request *req);
void request_clear(struct request *req);
/* Adds a decoded parameter (copied). */
void request_add_param(struct request *req, const char *name,
		       const char *value);
/* Last value of parameter `name` (Django's QueryDict.get), or NULL. */
const char *request_param(const struct request *req, const char *name);

void response_init(struct response *res);
void response_clear(struct response *res);
void response_header(struct response *res, const char *name, const char *value);
/* Value of header `name` (case-insensitive), or NULL. */
const char *response_get_header(const struct response *res, const char *name);

/* Django's HTML 404 page (status, Content-Type and body), which
 * Patchwork answers for any URL or object it cannot find. */
void http_not_found(struct response *res);
/* Django's HTML 400 page, its answer to a Host that is not allowed
 * (DisallowedHost) or not a host at all. */
void http_bad_request(struct response *res);

/*
 * The path of a patch or cover page, "project/<linkname>/<kind>/<M>/"
 * (no leading '/'), where M is the msgid without its <>, each '/' as
 * "%2F", then percent-encoded keeping "-._~!$&'()*+,;=:@/" (so "%2F"
 * reads "%252F"; rest-api.md §1.2). Newly allocated.
 */
char *http_submission_path(const char *linkname, const char *kind,
			   const char *msgid);

/* The absolute URL of the request's path with `suffix` appended and
 * `params` (struct http_param*) as its form-encoded query. Caller frees. */
char *http_request_url(const struct request *req, const char *suffix,
		       const GPtrArray *params);

/*
 * The answer to a store failure, the one place that maps db_status to
 * HTTP: 503 with Retry-After when the database was busy past the busy
 * timeout or cannot be reached (PostgreSQL restarting, down, out of
 * connections; the connection is opened again by the next request),
 * else 500. The body is plain text saying which (HTTP_BODY_UNAVAILABLE
 * for a 503); the store's message goes to the log (stderr), not to the
 * client.
 */
#define HTTP_BODY_UNAVAILABLE                                                 \
	"The database is unavailable (restarting, unreachable or busy); "   \
	"try again in a few seconds."
void http_store_failed(struct response *res, enum db_status st,
		       const GError *error);

/* The reason phrase of a status code ("OK", "Not Found"...). */
const char *http_reason(int status);

/* Percent-encodes s for a URL path segment or query value with the given
 * set of bytes left as they are (besides ASCII letters and digits). */
char *http_quote(const char *s, const char *safe);
/* application/x-www-form-urlencoded value: space as '+'. */
char *http_quote_plus(const char *s);

#endif
