/*
 * Loads libxml2 with dlopen() on first use (see xml-dl.h for why it is
 * not linked).
 */
#include "api/xml-dl.h"

#include <dlfcn.h>

#ifndef DARN_LIBXML2_SONAME
#define DARN_LIBXML2_SONAME "libxml2.so"
#endif

struct xml_state {
	struct xml_api api;
	char *error; /* why loading failed, or NULL */
};

static gpointer load(gpointer unused)
{
	struct xml_state *s = g_new0(struct xml_state, 1);
	void *lib = dlopen(DARN_LIBXML2_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		s->error = g_strdup_printf("cannot load %s: %s",
					   DARN_LIBXML2_SONAME, dlerror());
		return s;
	}
#define XML_RESOLVE(f)                                                         \
	*(void **)&s->api.f = dlsym(lib, #f);                                  \
	if (!s->api.f && !s->error)                                            \
		s->error = g_strdup_printf("%s lacks %s", DARN_LIBXML2_SONAME, \
					   #f);
	XML_FUNCTIONS(XML_RESOLVE)
#undef XML_RESOLVE
	/* libxml2's global state must be set up once, before threads
	 * parse concurrently. */
	if (!s->error)
		s->api.xmlInitParser();
	return s;
}

const struct xml_api *xml_api(const char **error)
{
	static GOnce once = G_ONCE_INIT;
	struct xml_state *s = g_once(&once, load, NULL);
	if (s->error) {
		*error = s->error;
		return NULL;
	}
	return &s->api;
}
