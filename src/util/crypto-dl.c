/*
 * Loads libcrypto with dlopen() on first use (see crypto-dl.h for why it
 * is not linked).
 */
#include "util/crypto-dl.h"

#include <dlfcn.h>
#include <glib.h>

#ifndef DARN_LIBCRYPTO_SONAME
#define DARN_LIBCRYPTO_SONAME "libcrypto.so"
#endif

static gpointer load(gpointer unused)
{
	struct crypto_api *api = g_new0(struct crypto_api, 1);
	void *lib = dlopen(DARN_LIBCRYPTO_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		g_error("darn: cannot load %s: %s (is OpenSSL installed?)",
			DARN_LIBCRYPTO_SONAME, dlerror());
#define CRYPTO_RESOLVE(f)                   \
	*(void **)&api->f = dlsym(lib, #f); \
	if (!api->f)                        \
		g_error("darn: %s lacks %s", DARN_LIBCRYPTO_SONAME, #f);
	CRYPTO_FUNCTIONS(CRYPTO_RESOLVE)
#undef CRYPTO_RESOLVE
	return api;
}

const struct crypto_api *crypto_api(void)
{
	static GOnce once = G_ONCE_INIT;
	return g_once(&once, load, NULL);
}
