/*
 * Bounds the time a client has to send a whole request, head and body.
 *
 * libmicrohttpd's connection timeout counts idle time only: a client
 * sending one byte a second keeps a connection forever, and ~1,000 of
 * them took every connection the server had (slowloris). The watchdog
 * gives each connection a deadline while it waits for a request (from
 * the connection's start, or the end of the previous answer) and a
 * thread of its own shuts down the sockets whose deadline passed;
 * libmicrohttpd then sees the connection end and closes it.
 *
 * Thread-safe: connections are added and removed by the server's
 * threads while the watchdog's thread scans them.
 */
#ifndef DARN_HTTP_WATCHDOG_H
#define DARN_HTTP_WATCHDOG_H

#include <glib.h>

struct watchdog;
struct watched; /* one connection */

/* Starts the watchdog's thread; deadlines are `timeout_s` from arming.
 * Free it (which stops the thread) after every connection is removed. */
struct watchdog *watchdog_new(int timeout_s);
void watchdog_free(struct watchdog *w);

/* Watches the connection on socket `fd`, armed: it must send a request
 * within the timeout. Returns a handle, valid until watchdog_remove(),
 * which must come before `fd` is closed. */
struct watched *watchdog_add(struct watchdog *w, int fd);
void watchdog_remove(struct watchdog *w, struct watched *c);

/* Waiting for a request again (the previous answer is sent). */
void watchdog_arm(struct watchdog *w, struct watched *c);
/* The whole request arrived: no deadline while it is answered. */
void watchdog_disarm(struct watched *c);

#endif
