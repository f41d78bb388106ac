/*
 * Which Host header values darn serve accepts, and the base URL of the
 * links and redirects it writes: Django's ALLOWED_HOSTS. Without a
 * configured base URL the links are built from the Host header, so a
 * client's Host would otherwise land in Location and in every link
 * ("Host poisoning"); only hosts on the list are used, any other is
 * answered 400 as Django answers it.
 */
#ifndef DARN_HTTP_HOST_H
#define DARN_HTTP_HOST_H

#include <glib.h>

struct http_hosts;

/*
 * The allowed hosts of `allowed` ([http] allowed_hosts: names separated
 * by commas or white space; ".example.com" for the domain and its
 * subdomains, "*" for any; compared without case). NULL or "": the host
 * of `listen` ("127.0.0.1:8000", "[::1]:8000", "localhost:8000", "8000"),
 * localhost, 127.0.0.1 and [::1]. `base_url` ("" or NULL: none) is the
 * configured prefix of links; with one, the Host header is checked
 * against the list only when `allowed` is set. Free with
 * http_hosts_free().
 */
struct http_hosts *http_hosts_new(const char *allowed, const char *listen,
				  const char *base_url);
void http_hosts_free(struct http_hosts *h);
typedef struct http_hosts http_hosts;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(http_hosts, http_hosts_free)

/*
 * The base URL ("http://host:port", no trailing '/') of a request whose
 * Host header is `host` (NULL when it sent none: the listen address
 * then). NULL when the Host is not a host (always checked) or not
 * allowed: answer 400.
 * Caller frees.
 */
char *http_hosts_base_url(const struct http_hosts *h, const char *host);

/*
 * Django's split_domain_port() and host validation: the domain of a Host
 * value, lower-cased, without its port and a trailing dot ("[::1]" keeps
 * its brackets). NULL when the value is not a host[:port]. Caller frees.
 */
char *http_host_domain(const char *host);

#endif
