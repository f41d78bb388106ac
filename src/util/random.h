/*
 * Random bytes and tokens from libcrypto's generator (util/crypto-dl.h):
 * API tokens, session keys, confirmation keys, Message-Ids. Kept apart
 * from the password hashing so that the layers needing a token do not
 * depend on core/.
 */
#ifndef DARN_UTIL_RANDOM_H
#define DARN_UTIL_RANDOM_H

#include <glib.h>

/* Fills buf with len bytes from the system's random source; aborts if
 * there is none (nothing could be made safe then). */
void random_bytes(unsigned char *buf, int len);

/* A new token: 40 lower-case hex digits from 20 random bytes (DRF's
 * Token.generate_key). Caller frees. */
char *random_token_new(void);

#endif
