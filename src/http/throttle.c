/*
 * The failed-login table (see throttle.h): per kind (addresses,
 * usernames) a hash table of counters and a queue of them from the least
 * to the most recently counted, which says whom to forget when full.
 */
#include "http/throttle.h"

#include <arpa/inet.h>

/* Usernames longer than this are kept as their SHA-256, so that an entry
 * costs little whatever a client sends (Django's limit is 150). */
#define ACCOUNT_KEY_MAX 64

struct counter {
	char *key;
	int failures;	   /* in the window ending at window_end */
	gint64 window_end; /* monotonic microseconds */
	GList link;	   /* in the table's queue; data is this counter */
};

struct table {
	GHashTable *by_key; /* key -> struct counter* (owned) */
	GQueue queue;	    /* least recently counted first */
	int limit;	    /* 0: no limit, nothing kept */
};

struct http_throttle {
	GMutex lock; /* guards everything below */
	struct table addresses, accounts;
	gint64 window_us;
	guint capacity;
};

static void counter_free(gpointer p)
{
	struct counter *c = p;
	g_free(c->key);
	g_free(c);
}

static void table_init(struct table *t, int limit)
{
	t->by_key = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
					  counter_free);
	g_queue_init(&t->queue);
	t->limit = limit;
}

struct http_throttle *http_throttle_new(int per_address, int per_account,
					int window_s, guint capacity)
{
	struct http_throttle *t = g_new0(struct http_throttle, 1);
	g_mutex_init(&t->lock);
	table_init(&t->addresses, per_address);
	table_init(&t->accounts, per_account);
	t->window_us = (gint64)window_s * G_USEC_PER_SEC;
	t->capacity = MAX(capacity, 1);
	return t;
}

void http_throttle_free(struct http_throttle *t)
{
	if (!t)
		return;
	g_hash_table_unref(t->addresses.by_key);
	g_hash_table_unref(t->accounts.by_key);
	g_mutex_clear(&t->lock);
	g_free(t);
}

char *http_throttle_address_key(const char *address)
{
	struct in6_addr a6;
	char text[INET6_ADDRSTRLEN];

	if (inet_pton(AF_INET6, address, &a6) != 1)
		return g_strdup(address);
	if (IN6_IS_ADDR_V4MAPPED(&a6) &&
	    inet_ntop(AF_INET, &a6.s6_addr[12], text, sizeof(text)))
		return g_strdup(text);
	memset(&a6.s6_addr[8], 0, 8);
	if (!inet_ntop(AF_INET6, &a6, text, sizeof(text)))
		return g_strdup(address);
	return g_strconcat(text, "/64", NULL);
}

static char *account_key(const char *account)
{
	if (strlen(account) <= ACCOUNT_KEY_MAX)
		return g_strdup(account);
	g_autofree char *sum =
		g_compute_checksum_for_string(G_CHECKSUM_SHA256, account, -1);
	return g_strconcat("sha256:", sum, NULL);
}

static gboolean refused(const struct table *t, const char *key, gint64 now)
{
	if (!key || !t->limit)
		return FALSE;
	const struct counter *c = g_hash_table_lookup(t->by_key, key);
	return c && now < c->window_end && c->failures >= t->limit;
}

/* Counts a failure of `key` (taken), forgetting the least recently
 * counted entry when the table is full. */
static void count(struct table *t, char *key, gint64 now, gint64 window_us,
		  guint capacity)
{
	if (!key || !t->limit) {
		g_free(key);
		return;
	}
	struct counter *c = g_hash_table_lookup(t->by_key, key);
	if (c) {
		g_free(key);
		g_queue_unlink(&t->queue, &c->link);
	} else {
		if (g_hash_table_size(t->by_key) >= capacity) {
			GList *oldest = g_queue_pop_head_link(&t->queue);
			struct counter *o = oldest->data;
			g_hash_table_remove(t->by_key, o->key);
		}
		c = g_new0(struct counter, 1);
		c->key = key;
		c->link.data = c;
		g_hash_table_insert(t->by_key, c->key, c);
	}
	if (now >= c->window_end) {
		c->failures = 0;
		c->window_end = now + window_us;
	}
	c->failures++;
	g_queue_push_tail_link(&t->queue, &c->link);
}

static void uncount(struct table *t, const char *key)
{
	struct counter *c = key ? g_hash_table_lookup(t->by_key, key) : NULL;
	if (c && c->failures > 0)
		c->failures--;
}

gboolean http_throttle_begin(struct http_throttle *t, const char *address,
			     const char *account, gint64 now_us)
{
	if (!t)
		return TRUE;
	char *address_key = address ? http_throttle_address_key(address) : NULL;
	char *acct_key = account ? account_key(account) : NULL;

	g_mutex_lock(&t->lock);
	gboolean ok = !refused(&t->addresses, address_key, now_us) &&
		      !refused(&t->accounts, acct_key, now_us);
	if (ok) {
		count(&t->addresses, g_steal_pointer(&address_key), now_us,
		      t->window_us, t->capacity);
		count(&t->accounts, g_steal_pointer(&acct_key), now_us,
		      t->window_us, t->capacity);
	}
	g_mutex_unlock(&t->lock);
	g_free(address_key);
	g_free(acct_key);
	return ok;
}

void http_throttle_cancel(struct http_throttle *t, const char *address,
			  const char *account)
{
	if (!t)
		return;
	g_autofree char *address_key =
		address ? http_throttle_address_key(address) : NULL;
	g_autofree char *acct_key = account ? account_key(account) : NULL;

	g_mutex_lock(&t->lock);
	uncount(&t->addresses, address_key);
	uncount(&t->accounts, acct_key);
	g_mutex_unlock(&t->lock);
}

guint http_throttle_size(struct http_throttle *t)
{
	g_mutex_lock(&t->lock);
	guint n = g_hash_table_size(t->addresses.by_key) +
		  g_hash_table_size(t->accounts.by_key);
	g_mutex_unlock(&t->lock);
	return n;
}
