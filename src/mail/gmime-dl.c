/*
 * Loads GMime with dlopen() on first use (see gmime-dl.h for why it is not
 * linked) and initialises it once.
 */
#define GMIME_DL_IMPLEMENTATION
#include "mail/gmime-dl.h"

#include <dlfcn.h>
#include <stdlib.h>

#ifndef DARN_GMIME_SONAME
#define DARN_GMIME_SONAME "libgmime-3.0.so"
#endif

static gpointer load(gpointer unused)
{
	struct gmime_api *api = g_new0(struct gmime_api, 1);
	/* dlsym on the handle also finds the GObject functions GMime
	 * depends on. */
	void *lib = dlopen(DARN_GMIME_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		g_error("darn: cannot load %s: %s (is GMime installed?)",
			DARN_GMIME_SONAME, dlerror());
#define GMIME_RESOLVE(f)                    \
	*(void **)&api->f = dlsym(lib, #f); \
	if (!api->f)                        \
		g_error("darn: %s lacks %s", DARN_GMIME_SONAME, #f);
	GMIME_FUNCTIONS(GMIME_RESOLVE)
#undef GMIME_RESOLVE
	api->g_mime_init();
	return api;
}

const struct gmime_api *gmime_api(void)
{
	static GOnce once = G_ONCE_INIT;
	return g_once(&once, load, NULL);
}
