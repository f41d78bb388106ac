/*
 * The request-time watchdog of darn serve (see watchdog.h): a list of
 * connections with deadlines, scanned four times a second.
 */
#include "http/watchdog.h"

#include <stdatomic.h>
#include <sys/socket.h>

#define SCAN_INTERVAL_US (G_USEC_PER_SEC / 4)

struct watched {
	struct watched *prev, *next; /* in watchdog.list, under its lock */
	int fd;
	/* Monotonic time (us) the request must be in by, 0 when none is
	 * awaited. Set by the connection's thread without the lock. */
	_Atomic gint64 deadline;
};

struct watchdog {
	gint64 timeout_us;
	GMutex lock; /* list, stopping */
	GCond wake;
	struct watched *list;
	gboolean stopping;
	GThread *thread;
};

static void cut_late(struct watchdog *w, gint64 now)
{
	for (struct watched *c = w->list; c; c = c->next) {
		gint64 deadline = atomic_load(&c->deadline);
		if (deadline && deadline <= now) {
			/* The descriptor is still open: the server removes
			 * a connection (under this lock) before closing it. */
			shutdown(c->fd, SHUT_RDWR);
			atomic_store(&c->deadline, 0);
		}
	}
}

static gpointer run(gpointer data)
{
	struct watchdog *w = data;

	g_mutex_lock(&w->lock);
	while (!w->stopping) {
		g_cond_wait_until(&w->wake, &w->lock,
				  g_get_monotonic_time() + SCAN_INTERVAL_US);
		cut_late(w, g_get_monotonic_time());
	}
	g_mutex_unlock(&w->lock);
	return NULL;
}

struct watchdog *watchdog_new(int timeout_s)
{
	struct watchdog *w = g_new0(struct watchdog, 1);
	w->timeout_us = (gint64)timeout_s * G_USEC_PER_SEC;
	g_mutex_init(&w->lock);
	g_cond_init(&w->wake);
	w->thread = g_thread_new("darn-watchdog", run, w);
	return w;
}

void watchdog_free(struct watchdog *w)
{
	if (!w)
		return;
	g_mutex_lock(&w->lock);
	w->stopping = TRUE;
	g_cond_signal(&w->wake);
	g_mutex_unlock(&w->lock);
	g_thread_join(w->thread);
	g_warn_if_fail(w->list == NULL);
	g_cond_clear(&w->wake);
	g_mutex_clear(&w->lock);
	g_free(w);
}

struct watched *watchdog_add(struct watchdog *w, int fd)
{
	struct watched *c = g_new0(struct watched, 1);
	c->fd = fd;
	watchdog_arm(w, c);
	g_mutex_lock(&w->lock);
	c->next = w->list;
	if (w->list)
		w->list->prev = c;
	w->list = c;
	g_mutex_unlock(&w->lock);
	return c;
}

void watchdog_remove(struct watchdog *w, struct watched *c)
{
	g_mutex_lock(&w->lock);
	if (c->prev)
		c->prev->next = c->next;
	else
		w->list = c->next;
	if (c->next)
		c->next->prev = c->prev;
	g_mutex_unlock(&w->lock);
	g_free(c);
}

void watchdog_arm(struct watchdog *w, struct watched *c)
{
	atomic_store(&c->deadline, g_get_monotonic_time() + w->timeout_us);
}

void watchdog_disarm(struct watched *c)
{
	atomic_store(&c->deadline, 0);
}
