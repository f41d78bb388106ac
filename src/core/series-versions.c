/*
 * The rule that makes two series versions of one another
 * (series-versions.h): the name without its leading bracket groups.
 */
#include "core/series-versions.h"

#include <string.h>

char *series_base_name(const char *name)
{
	if (!name)
		return NULL;
	const char *s = name;
	for (;;) {
		while (g_ascii_isspace(*s))
			s++;
		const char *close = *s == '[' ? strchr(s, ']') : NULL;
		if (!close)
			break;
		s = close + 1;
	}
	g_autofree char *base = g_strchomp(g_strdup(s));
	return *base ? g_steal_pointer(&base) : NULL;
}
