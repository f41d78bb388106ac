/*
 * darn serve's access log: one line per request on stderr in the
 * Combined Log Format (Apache's, nginx's default "combined"), which log
 * tools read (GoAccess, AWStats, fail2ban...), with the time taken in
 * milliseconds appended as a last field:
 *
 *   127.0.0.1 - alice [07/Dec/2026:05:40:29 +0000] "GET /api/patches/?q=x
 *   HTTP/1.1" 200 1234 "http://referer/" "git-pw/2.6" 3.1
 *
 * Everything a client sends is written so that it cannot forge a line
 * or reach a terminal: the path and query percent-encoded, and in the
 * other fields control characters, DEL, C1 controls, '"', '\' and bytes
 * that are not UTF-8 as \xHH, as nginx escapes them.
 */
#ifndef DARN_HTTP_ACCESSLOG_H
#define DARN_HTTP_ACCESSLOG_H

#include <glib.h>

struct http_log_entry {
	const char *address;	 /* client address, or NULL */
	const char *user;	 /* authenticated username, or NULL */
	gint64 time_us;		 /* g_get_real_time() at the request */
	const char *method;	 /* as received */
	const char *path;	 /* decoded path bytes, as received */
	const GPtrArray *params; /* struct http_param*, decoded; or NULL */
	const char *version;	 /* "HTTP/1.1" */
	int status;
	gsize bytes;		/* body bytes sent */
	const char *referer;	/* header value, or NULL */
	const char *user_agent; /* header value, or NULL */
	double duration_ms;
};

/* The log line of `e`, ending in '\n'. Caller frees. */
char *http_access_log_line(const struct http_log_entry *e);

/* Appends s to out with the escapes above (NULL or "" as "-"). */
void http_log_escape(GString *out, const char *s);

/* Writes the line of `e` to stderr in one write, so that the lines of
 * concurrent requests do not mix. */
void http_access_log(const struct http_log_entry *e);

#endif
