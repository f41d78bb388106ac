/*
 * Throttling of failed HTTP Basic logins. Each Basic check costs a PBKDF2
 * of 600,000 iterations (0.13 s of CPU), so a few clients sending wrong
 * passwords kept every worker thread busy and delayed everyone's
 * requests by seconds. After `limit` failures from one client address,
 * or against one username, within a window, further Basic attempts of
 * that address or username are refused at once, without a PBKDF2, until
 * the window (counted from the first failure) has passed. The caller
 * answers a refused attempt exactly as a wrong password.
 *
 * The server owns one table (thread-safe); it holds at most `capacity`
 * addresses and as many usernames, forgetting the least recently failed
 * ones first, so that a flood of distinct addresses or names cannot grow
 * memory.
 */
#ifndef DARN_HTTP_THROTTLE_H
#define DARN_HTTP_THROTTLE_H

#include <glib.h>

struct http_throttle;

/*
 * A table with the given limits (0: no limit of that kind) and window in
 * seconds, holding at most `capacity` entries of each kind. Free with
 * http_throttle_free().
 */
struct http_throttle *http_throttle_new(int per_address, int per_account,
					int window_s, guint capacity);
void http_throttle_free(struct http_throttle *t);
typedef struct http_throttle http_throttle;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(http_throttle, http_throttle_free)

/*
 * Called before checking a Basic password of `account` (NULL when the
 * credentials name none) sent from `address` (the client's address as
 * text, or NULL when unknown); now_us is g_get_monotonic_time(). FALSE:
 * refuse the attempt without checking. TRUE: check it; the attempt
 * already counts as a failure (so that concurrent attempts cannot pass
 * the limit) unless http_throttle_cancel() takes it back. A NULL table
 * never refuses.
 */
gboolean http_throttle_begin(struct http_throttle *t, const char *address,
			     const char *account, gint64 now_us);

/* The attempt begun with the same arguments did not fail (right
 * password, or the database failed): it does not count. */
void http_throttle_cancel(struct http_throttle *t, const char *address,
			  const char *account);

/* Entries held (tests). */
guint http_throttle_size(struct http_throttle *t);

/* The key an address is counted under: IPv6 addresses by their /64 (one
 * host has a whole /64 to choose from), IPv4-mapped ones as IPv4, others
 * as they are. Caller frees. */
char *http_throttle_address_key(const char *address);

#endif
