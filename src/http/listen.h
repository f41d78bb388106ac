/*
 * darn serve's listening socket, opened by darn rather than by
 * libmicrohttpd so that an error names the address it could not take
 * (libmicrohttpd says "Failed to bind to port 0" whatever the port).
 *
 * The forms of --listen and [server] listen:
 *   127.0.0.1:8000   an IPv4 address and a port
 *   [::1]:8000       an IPv6 address in brackets and a port
 *   localhost:8000   a name: its first IPv4 address, else its first IPv6 one
 *   8000             a port alone: 127.0.0.1 (loopback, never every interface)
 *   :8000            every IPv4 interface (0.0.0.0); [::]:8000 every
 *                    interface, IPv6 and IPv4
 */
#ifndef DARN_HTTP_LISTEN_H
#define DARN_HTTP_LISTEN_H

#include <glib.h>
#include <sys/socket.h>

#define LISTEN_ERROR (listen_error_quark())
GQuark listen_error_quark(void);
enum listen_error {
	LISTEN_ERROR_SYNTAX, /* not one of the forms above */
	LISTEN_ERROR_SYSTEM, /* no such name, address in use, ... */
};

struct listen_addr {
	struct sockaddr_storage sa;
	socklen_t len;
	int family;    /* AF_INET or AF_INET6 */
	char text[64]; /* "127.0.0.1:8000", "[::1]:8000": for URLs */
};

/*
 * Parses `spec` (one of the forms above) and resolves a name. FALSE with
 * *error (LISTEN_ERROR_SYNTAX or _SYSTEM, the message "cannot listen on
 * 'SPEC': why") on failure.
 */
gboolean listen_resolve(const char *spec, struct listen_addr *out,
			GError **error);

/*
 * A TCP socket bound to `addr` and listening (close-on-exec, address
 * reuse as servers set it). Returns the descriptor, owned by the caller,
 * or -1 with *error set (LISTEN_ERROR_SYSTEM, "cannot listen on 'SPEC':
 * Address already in use"); `spec` is what the message quotes.
 */
int listen_open(const struct listen_addr *addr, const char *spec,
		GError **error);

#endif
