/*
 * Loads libpq with dlopen() when the first PostgreSQL database is opened
 * (see pg-dl.h for why it is not linked).
 */
#include "store/pg-dl.h"

#include <dlfcn.h>

#ifndef DARN_LIBPQ_SONAME
#define DARN_LIBPQ_SONAME "libpq.so"
#endif

struct pg_state {
	struct pg_api api;
	char *error; /* why loading failed, or NULL */
};

static gpointer load(gpointer unused)
{
	struct pg_state *s = g_new0(struct pg_state, 1);
	void *lib = dlopen(DARN_LIBPQ_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		s->error = g_strdup_printf("cannot load %s: %s",
					   DARN_LIBPQ_SONAME, dlerror());
		return s;
	}
#define PG_RESOLVE(f)                                                      \
	if (!s->error) {                                                   \
		*(void **)&s->api.f = dlsym(lib, #f);                      \
		if (!s->api.f)                                             \
			s->error = g_strdup_printf("%s lacks %s",          \
						   DARN_LIBPQ_SONAME, #f); \
	}
	PG_FUNCTIONS(PG_RESOLVE)
#undef PG_RESOLVE
	/* The library stays loaded for the life of the process. */
	return s;
}

const struct pg_api *pg_api(const char **error)
{
	static GOnce once = G_ONCE_INIT;
	struct pg_state *s = g_once(&once, load, NULL);
	if (s->error) {
		*error = s->error;
		return NULL;
	}
	return &s->api;
}
