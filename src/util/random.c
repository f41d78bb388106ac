/*
 * Random bytes and tokens (see random.h).
 */
#include "util/random.h"

#include "util/crypto-dl.h"

void random_bytes(unsigned char *buf, int len)
{
	/* RAND_bytes fails only when the system has no entropy source at
	 * all: nothing can be made safe then. */
	if (crypto_api()->RAND_bytes(buf, len) != 1)
		g_error("darn: the random number generator failed");
}

char *random_token_new(void)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char raw[20];
	random_bytes(raw, sizeof(raw));
	char *hex = g_malloc(2 * sizeof(raw) + 1);
	for (gsize i = 0; i < sizeof(raw); i++) {
		hex[2 * i] = digits[raw[i] >> 4];
		hex[2 * i + 1] = digits[raw[i] & 0xf];
	}
	hex[2 * sizeof(raw)] = '\0';
	return hex;
}
