/*
 * Parses and opens darn serve's listening address (see listen.h).
 */
#include "http/listen.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <unistd.h>

G_DEFINE_QUARK(darn - listen - error - quark, listen_error)

#define LISTEN_FORMS "expected ADDR:PORT, [IPV6-ADDR]:PORT, NAME:PORT or PORT"

static gboolean syntax_error(const char *spec, GError **error)
{
	g_set_error(error, LISTEN_ERROR, LISTEN_ERROR_SYNTAX,
		    "cannot listen on '%s': %s", spec, LISTEN_FORMS);
	return FALSE;
}

/* A decimal port from 1 to 65535, nothing else. */
static gboolean parse_port(const char *s, guint16 *port)
{
	guint64 v;
	if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 5)
		return FALSE;
	v = g_ascii_strtoull(s, NULL, 10);
	if (v < 1 || v > 65535)
		return FALSE;
	*port = (guint16)v;
	return TRUE;
}

/* `a` is a struct in_addr (AF_INET) or in6_addr (AF_INET6). */
static void set_addr(struct listen_addr *out, int family, const void *a,
		     guint16 port)
{
	char host[INET6_ADDRSTRLEN];

	memset(out, 0, sizeof(*out));
	out->family = family;
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&out->sa;
		sin->sin_family = AF_INET;
		sin->sin_addr = *(const struct in_addr *)a;
		sin->sin_port = htons(port);
		out->len = sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&out->sa;
		sin6->sin6_family = AF_INET6;
		sin6->sin6_addr = *(const struct in6_addr *)a;
		sin6->sin6_port = htons(port);
		out->len = sizeof(*sin6);
	}
	inet_ntop(family, a, host, sizeof(host));
	g_snprintf(out->text, sizeof(out->text),
		   family == AF_INET6 ? "[%s]:%u" : "%s:%u", host, port);
}

/* A host name's first IPv4 address, else its first IPv6 one: names such
 * as localhost often have both, and one socket listens on one. */
static gboolean resolve_name(const char *spec, const char *host, guint16 port,
			     struct listen_addr *out, GError **error)
{
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM};
	struct addrinfo *res = NULL;
	int rc = getaddrinfo(host, NULL, &hints, &res);
	if (rc != 0) {
		g_set_error(error, LISTEN_ERROR, LISTEN_ERROR_SYSTEM,
			    "cannot listen on '%s': %s", spec,
			    rc == EAI_SYSTEM ? g_strerror(errno)
					     : gai_strerror(rc));
		return FALSE;
	}
	const struct addrinfo *v4 = NULL, *v6 = NULL;
	for (const struct addrinfo *ai = res; ai; ai = ai->ai_next) {
		if (ai->ai_family == AF_INET && !v4)
			v4 = ai;
		if (ai->ai_family == AF_INET6 && !v6)
			v6 = ai;
	}
	if (v4)
		set_addr(out, AF_INET,
			 &((struct sockaddr_in *)v4->ai_addr)->sin_addr, port);
	else if (v6)
		set_addr(out, AF_INET6,
			 &((struct sockaddr_in6 *)v6->ai_addr)->sin6_addr,
			 port);
	freeaddrinfo(res);
	if (!v4 && !v6) {
		g_set_error(error, LISTEN_ERROR, LISTEN_ERROR_SYSTEM,
			    "cannot listen on '%s': no IPv4 or IPv6 address",
			    spec);
		return FALSE;
	}
	return TRUE;
}

gboolean listen_resolve(const char *spec, struct listen_addr *out,
			GError **error)
{
	guint16 port;

	/* A port alone: loopback, the safe default (as the default config). */
	if (parse_port(spec, &port)) {
		struct in_addr loopback = {htonl(INADDR_LOOPBACK)};
		set_addr(out, AF_INET, &loopback, port);
		return TRUE;
	}
	if (spec[0] == '[') {
		const char *close = strchr(spec, ']');
		struct in6_addr a6;
		if (!close || close[1] != ':' || !parse_port(close + 2, &port))
			return syntax_error(spec, error);
		g_autofree char *host = g_strndup(spec + 1, close - spec - 1);
		if (inet_pton(AF_INET6, host, &a6) != 1)
			return syntax_error(spec, error);
		set_addr(out, AF_INET6, &a6, port);
		return TRUE;
	}

	const char *colon = strrchr(spec, ':');
	if (!colon || memchr(spec, ':', colon - spec) ||
	    !parse_port(colon + 1, &port))
		return syntax_error(spec, error);
	g_autofree char *host = g_strndup(spec, colon - spec);
	struct in_addr a4;
	if (!*host) {
		struct in_addr any = {htonl(INADDR_ANY)};
		set_addr(out, AF_INET, &any, port);
		return TRUE;
	}
	if (inet_pton(AF_INET, host, &a4) == 1) {
		set_addr(out, AF_INET, &a4, port);
		return TRUE;
	}
	/* Digits and dots that are no IPv4 address are a typo, not a name;
	 * a name is letters, digits, '-' and '.' (RFC 1123). */
	if (strspn(host, "0123456789.") == strlen(host) ||
	    strspn(host,
		   "abcdefghijklmnopqrstuvwxyz"
		   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.") != strlen(host))
		return syntax_error(spec, error);
	return resolve_name(spec, host, port, out, error);
}

int listen_open(const struct listen_addr *addr, const char *spec,
		GError **error)
{
	int one = 1;
	int fd = socket(addr->family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		goto fail;
	/* Restarting must not wait for the old connections' TIME_WAIT;
	 * a port another process listens on stays refused. */
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0)
		goto fail;
	if (addr->family == AF_INET6) {
		/* [::] takes IPv4 too; a specific IPv6 address only itself. */
		const struct sockaddr_in6 *sin6 =
			(const struct sockaddr_in6 *)&addr->sa;
		int v6only = !IN6_IS_ADDR_UNSPECIFIED(&sin6->sin6_addr);
		if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only,
			       sizeof(v6only)) < 0)
			goto fail;
	}
	if (bind(fd, (const struct sockaddr *)&addr->sa, addr->len) < 0 ||
	    listen(fd, SOMAXCONN) < 0)
		goto fail;
	return fd;
fail:;
	int saved = errno;
	if (fd >= 0)
		close(fd);
	g_set_error(error, LISTEN_ERROR, LISTEN_ERROR_SYSTEM,
		    "cannot listen on '%s': %s", spec, g_strerror(saved));
	return -1;
}
