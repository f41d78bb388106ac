/*
 * ?q= and ?order= of list endpoints: DRF's search_smart_split (over
 * Django's smart_split) and OrderingFilter. The expected terms were
 * computed with those functions' Python code.
 */
#include "api/api.h"

static char **terms_of(const char *q)
{
	struct request req;
	request_init(&req);
	request_add_param(&req, "q", "ignored: the last value counts");
	request_add_param(&req, "q", q);
	struct api a = {.req = &req};
	char **terms = api_search_terms(&a);
	request_clear(&req);
	return terms;
}

/* got joined with '|' equals want; both NULL when no list is expected. */
static void assert_joined(char **got, const char *want)
{
	if (!want) {
		g_assert_null(got);
		return;
	}
	g_assert_nonnull(got);
	g_autofree char *joined = g_strjoinv("|", got);
	g_assert_cmpstr(joined, ==, want);
}

static void test_search_terms(void)
{
	static const struct {
		const char *q;
		const char *terms; /* joined with '|'; NULL: no terms */
	} v[] = {
		{"steve french", "steve|french"},
		{"\"Steve French\" x", "Steve French|x"},
		{"a,b,,c", "a|b|c"},
		{",\"a b\",", "a b"},
		{"a\"b c\"d e", "a\"b c\"d|e"},
		{"a\"b c", "a\"b|c"},
		{"\"", ""},
		{"'it\\'s' \"a\\\\b\"", "it's|a\\b"},
		{"\"a\\\\\"b\"", "\"a\\\\\"b|"},
		{"x\xc2\xa0y", "x|y"},
		{"  ", NULL},
		{"", NULL},
		{"\xc3\xa9,\"\xc3\xbc \xc3\xb6\"",
		 "\xc3\xa9|\"\xc3\xbc \xc3\xb6\""},
		{"\"a\"b\"c", "\"a\"b|\"c"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(v); i++) {
		g_auto(GStrv) terms = terms_of(v[i].q);
		assert_joined(terms, v[i].terms);
	}
}

static void test_order_fields(void)
{
	static const char *const allowed[] = {"id", "name", "email", NULL};
	static const struct {
		const char *order, *fields; /* NULL: default ordering */
	} v[] = {
		{"name", "name"},	    {"-email, id ,bogus", "-email|id"},
		{"--id,date", NULL},	    {"", NULL},
		{"name,name", "name|name"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(v); i++) {
		struct request req;
		request_init(&req);
		request_add_param(&req, "order", v[i].order);
		struct api a = {.req = &req};
		g_auto(GStrv) fields = api_order_fields(&a, allowed);
		request_clear(&req);
		assert_joined(fields, v[i].fields);
	}
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/listing/search-terms", test_search_terms);
	g_test_add_func("/listing/order-fields", test_order_fields);
	return g_test_run();
}
