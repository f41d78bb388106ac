/*
 * OpenSSL's libcrypto, loaded when the first password is hashed, the
 * first token generated, or parsearchive fingerprints an archive (its
 * SHA-256 uses the CPU's SHA instructions: GLib's took 0.9 s of CPU for
 * the 250 MB linux-cifs archive, libcrypto's a fraction of that).
 *
 * Linking libcrypto costs every process about 2 ms at start (measured
 * with `perf stat -r 50 ./darn --help`: 6.7 ms without, 8.9 ms with, on
 * the 2-core CI machine), and parsemail, which runs once per mail, never
 * needs it. So darn does not link it: the few functions it needs go
 * through a table filled by dlopen() on first use, as for GMime
 * (mail/gmime-dl.h). The table never changes afterwards.
 */
#ifndef DARN_UTIL_CRYPTO_DL_H
#define DARN_UTIL_CRYPTO_DL_H

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#define CRYPTO_FUNCTIONS(X)  \
	X(PKCS5_PBKDF2_HMAC) \
	X(EVP_sha256)        \
	X(EVP_sha1)          \
	X(EVP_Digest)        \
	X(RAND_bytes)        \
	X(CRYPTO_memcmp)     \
	X(OPENSSL_thread_stop)

struct crypto_api {
#define CRYPTO_POINTER(f) __typeof__(&f) f;
	CRYPTO_FUNCTIONS(CRYPTO_POINTER)
#undef CRYPTO_POINTER
};

/* The loaded table. Thread-safe; loads once per process; aborts with a
 * message when libcrypto is not installed, which is a broken
 * installation, not bad input. */
const struct crypto_api *crypto_api(void);

#endif
