/*
 * Request bodies as DRF's parsers read them (http/body.c): the fields of
 * multipart form data, with files left out and malformed bodies read as
 * far as they go, and the media types that are refused.
 */
#include <jansson.h>

#include "http/body.h"

/* Parses `data` (len bytes) sent with `type`; *detail is freed here. */
static enum body_status parse(const char *type, const char *data, gsize len,
			      struct body *b)
{
	struct request req;
	g_autofree char *detail = NULL;
	request_init(&req);
	req.content_type = g_strdup(type);
	req.body = g_bytes_new(data, len);
	enum body_status st = body_parse(&req, b, &detail);
	g_assert_true((st == BODY_OK) == (detail == NULL));
	request_clear(&req);
	return st;
}

/* The values of field `name` joined by ",", or NULL when absent. */
static char *values(const struct body *b, const char *name)
{
	json_t *v = json_object_get(b->data, name);
	if (!v)
		return NULL;
	GString *out = g_string_new(NULL);
	gsize i;
	json_t *item;
	json_array_foreach(v, i, item)
	{
		if (i)
			g_string_append_c(out, ',');
		g_string_append(out, json_string_value(item));
	}
	return g_string_free(out, FALSE);
}

#define MP "multipart/form-data; boundary=XyZ"

static void test_multipart(void)
{
	struct body b;
	static const char two[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"state\"\r\n"
		"\r\nrfc\r\n--XyZ\r\nContent-Disposition: form-data; "
		"name=\"patches\"\r\n\r\n1\r\n--XyZ\r\nContent-Disposition: "
		"form-data; name=\"patches\"\r\n\r\n2\r\n--XyZ--\r\n";
	g_assert_cmpint(parse(MP, two, strlen(two), &b), ==, BODY_OK);
	g_assert_true(b.form);
	g_autofree char *state = values(&b, "state");
	g_autofree char *patches = values(&b, "patches");
	g_assert_cmpstr(state, ==, "rfc");
	g_assert_cmpstr(patches, ==, "1,2");
	body_clear(&b);

	/* a file (with a NUL) is no field, the field after it is */
	static const char file[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
		"filename=\"a.bin\"\r\n\r\na\0b\r\n--XyZ\r\nContent-"
		"Disposition: form-data; name=\"name\"\r\n\r\nx y\r\n--XyZ--";
	g_assert_cmpint(parse(MP, file, sizeof(file) - 1, &b), ==, BODY_OK);
	g_autofree char *name = values(&b, "name");
	g_assert_cmpstr(name, ==, "x y");
	g_assert_null(json_object_get(b.data, "f"));
	body_clear(&b);

	/* truncated: what arrived is read, nothing more */
	static const char cut[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1"
		"\r\n--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n";
	g_assert_cmpint(parse(MP, cut, strlen(cut), &b), ==, BODY_OK);
	g_autofree char *a = values(&b, "a");
	g_assert_cmpstr(a, ==, "1");
	g_assert_null(json_object_get(b.data, "b"));
	body_clear(&b);

	/* a quoted boundary; no boundary at all is DRF's 400 */
	g_assert_cmpint(parse("multipart/form-data; boundary=\"XyZ\"", two,
			      strlen(two), &b),
			==, BODY_OK);
	g_assert_cmpuint(json_object_size(b.data), ==, 2);
	body_clear(&b);
	g_assert_cmpint(parse("multipart/form-data", two, strlen(two), &b), ==,
			BODY_MALFORMED);
	body_clear(&b);
	/* junk without any boundary line: no fields */
	g_assert_cmpint(parse(MP, "junk", 4, &b), ==, BODY_OK);
	g_assert_cmpuint(json_object_size(b.data), ==, 0);
	body_clear(&b);
}

static void test_types(void)
{
	struct body b;
	g_assert_cmpint(parse("text/plain", "a=1", 3, &b), ==,
			BODY_UNSUPPORTED);
	body_clear(&b);
	g_assert_cmpint(
		parse("application/x-www-form-urlencoded", "a=1&a=2", 7, &b),
		==, BODY_OK);
	g_autofree char *a = values(&b, "a");
	g_assert_cmpstr(a, ==, "1,2");
	body_clear(&b);
	g_assert_cmpint(parse("application/json", "[1]", 3, &b), ==,
			BODY_NOT_OBJECT);
	body_clear(&b);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/http/body-multipart", test_multipart);
	g_test_add_func("/http/body-types", test_types);
	return g_test_run();
}
