/*
 * Loads libgit2 with dlopen() the first time a public-inbox archive is
 * opened (see git2-dl.h for why it is not linked).
 */
#define GIT2_DL_IMPLEMENTATION
#include "archive/git2-dl.h"

#include <dlfcn.h>

#include "archive/archive.h"

#ifndef DARN_LIBGIT2_SONAME
#define DARN_LIBGIT2_SONAME "libgit2.so"
#endif

struct git2_state {
	struct git2_api api;
	char *error; /* why loading failed, or NULL */
};

static gpointer load(gpointer unused)
{
	struct git2_state *s = g_new0(struct git2_state, 1);
	void *lib = dlopen(DARN_LIBGIT2_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		s->error = g_strdup_printf("cannot load %s: %s",
					   DARN_LIBGIT2_SONAME, dlerror());
		return s;
	}
#define GIT2_RESOLVE(f)                                                      \
	if (!s->error) {                                                     \
		*(void **)&s->api.f = dlsym(lib, #f);                        \
		if (!s->api.f)                                               \
			s->error = g_strdup_printf("%s lacks %s",            \
						   DARN_LIBGIT2_SONAME, #f); \
	}
	GIT2_FUNCTIONS(GIT2_RESOLVE)
#undef GIT2_RESOLVE
	/* The library stays loaded for the life of the process. */
	return s;
}

static const struct git2_state *state(void)
{
	static GOnce once = G_ONCE_INIT;
	return g_once(&once, load, NULL);
}

const struct git2_api *git2_load(GError **error)
{
	const struct git2_state *s = state();
	if (s->error) {
		g_set_error(error, ARCHIVE_ERROR, ARCHIVE_ERROR_NOT_SUPPORTED,
			    "%s", s->error);
		return NULL;
	}
	return &s->api;
}

const struct git2_api *git2_api(void)
{
	const struct git2_state *s = state();
	g_assert(s->error == NULL);
	return &s->api;
}
