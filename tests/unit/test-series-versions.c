/*
 * The names that make series versions of one another
 * (core/series-versions.c): covers, first patches and single patches of
 * v1 and v2 agree; names that are only prefixes have no versions.
 */
#include "core/series-versions.h"

#include <glib.h>

static void is_base(const char *name, const char *want)
{
	g_autofree char *got = series_base_name(name);
	g_assert_cmpstr(got, ==, want);
}

static void test_base_names(void)
{
	/* a cover's series name: its first group already gone */
	is_base("cifs: fix the reconnect", "cifs: fix the reconnect");
	/* a first patch's stored name, v1 and v2, RFC */
	is_base("[1/3] cifs: fix the reconnect", "cifs: fix the reconnect");
	is_base("[v2,1/3] cifs: fix the reconnect", "cifs: fix the reconnect");
	is_base("[RFC,v3,01/10] cifs: x", "cifs: x");
	/* single patches */
	is_base("[v2] smb3: y ", "smb3: y");
	/* several groups, white space around them */
	is_base("  [v2] [net-next]  z", "z");
	/* a bracket that is not a prefix stays */
	is_base("cifs: [trivial] w", "cifs: [trivial] w");
	/* an unclosed group is text */
	is_base("[v2 w", "[v2 w");
	/* nothing left: no versions */
	is_base("[v2,0/3]", NULL);
	is_base("", NULL);
	is_base(NULL, NULL);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/series-versions/base-names", test_base_names);
	return g_test_run();
}
