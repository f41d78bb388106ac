/*
 * Loads libmicrohttpd with dlopen() when the server starts (see mhd-dl.h
 * for why it is not linked).
 */
#include "http/mhd-dl.h"

#include <dlfcn.h>

#ifndef DARN_MHD_SONAME
#define DARN_MHD_SONAME "libmicrohttpd.so"
#endif

struct mhd_state {
	struct mhd_api api;
	char *error; /* why loading failed, or NULL */
};

static gpointer load(gpointer unused)
{
	struct mhd_state *s = g_new0(struct mhd_state, 1);
	void *lib = dlopen(DARN_MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		s->error = g_strdup_printf("cannot load %s: %s",
					   DARN_MHD_SONAME, dlerror());
		return s;
	}
#define MHD_RESOLVE(f)                        \
	*(void **)&s->api.f = dlsym(lib, #f); \
	if (!s->api.f && !s->error)           \
		s->error = g_strdup_printf("%s lacks %s", DARN_MHD_SONAME, #f);
	MHD_FUNCTIONS(MHD_RESOLVE)
#undef MHD_RESOLVE
	return s;
}

const struct mhd_api *mhd_api(const char **error)
{
	static GOnce once = G_ONCE_INIT;
	struct mhd_state *s = g_once(&once, load, NULL);
	if (s->error) {
		*error = s->error;
		return NULL;
	}
	return &s->api;
}
