/*
 * XML-RPC: the request parser (every value type, malformed and hostile
 * documents: a clean fault, never a crash), the response writer's
 * escaping and layout, and the dispatcher's faults through a fake
 * request on a fixture database.
 */
#include "api/xmlrpc-private.h"
#include "api/xmlrpc.h"
#include "fixture.h"
#include "http/server.h"

#define CALL(params)                                                        \
	"<?xml version='1.0'?>\n<methodCall>\n<methodName>m</methodName>\n" \
	"<params>\n" params "</params>\n</methodCall>\n"

/* Parses `doc` and returns its first param (the call is kept in *c). */
static const struct xv *first(struct xmlrpc_call *c, const char *doc)
{
	char *fault = NULL;
	if (!xmlrpc_parse(doc, strlen(doc), c, &fault))
		g_error("unexpected fault: %s", fault);
	g_assert_cmpstr(c->method, ==, "m");
	g_assert_cmpuint(c->params->len, >=, 1);
	return g_ptr_array_index(c->params, 0);
}

/* The fault a document gets (caller frees). */
static char *fault_of(const char *doc, gsize len)
{
	struct xmlrpc_call c;
	char *fault = NULL;
	g_assert_false(xmlrpc_parse(doc, len, &c, &fault));
	g_assert_nonnull(fault);
	g_assert_null(c.params);
	return fault;
}

static void test_types(void)
{
	struct xmlrpc_call c;
	const struct xv *v;

	v = first(&c, CALL("<param><value><int> -42 </int></value></param>"
			   "<param><value><i4>7</i4></value></param>"
			   "<param><value><i8>9223372036854775807</i8></value>"
			   "</param>"));
	g_assert_cmpint(v->type, ==, XV_INT);
	g_assert_cmpint(v->i, ==, -42);
	v = g_ptr_array_index(c.params, 1);
	g_assert_cmpint(v->i, ==, 7);
	v = g_ptr_array_index(c.params, 2);
	g_assert_cmpint(v->i, ==, G_MAXINT64);
	xmlrpc_call_clear(&c);

	v = first(&c,
		  CALL("<param><value><boolean>1</boolean></value></param>"
		       "<param><value><boolean>0</boolean></value></param>"));
	g_assert_cmpint(v->type, ==, XV_BOOL);
	g_assert_cmpint(v->i, ==, 1);
	g_assert_cmpint(((struct xv *)c.params->pdata[1])->i, ==, 0);
	xmlrpc_call_clear(&c);

	/* a bare value is a string, its white space kept; entities and
	 * character references are decoded by the parser */
	v = first(&c, CALL("<param><value> a &amp; &lt;b&gt; &#233; </value>"
			   "</param><param><value><string/></value></param>"
			   "<param><value><string><![CDATA[<x>]]></string>"
			   "</value></param>"));
	g_assert_cmpint(v->type, ==, XV_STRING);
	g_assert_cmpstr(v->s, ==, " a & <b> \xc3\xa9 ");
	g_assert_cmpstr(((struct xv *)c.params->pdata[1])->s, ==, "");
	g_assert_cmpstr(((struct xv *)c.params->pdata[2])->s, ==, "<x>");
	xmlrpc_call_clear(&c);

	v = first(&c, CALL("<param><value><double>-1.5e3</double></value>"
			   "</param><param><value><base64>aGVs\nbG8A"
			   "eA==</base64></value></param><param><value>"
			   "<dateTime.iso8601>20230105T10:00:00"
			   "</dateTime.iso8601></value></param><param><value>"
			   "<nil/></value></param>"));
	g_assert_cmpint(v->type, ==, XV_DOUBLE);
	g_assert_cmpfloat(v->d, ==, -1500.0);
	v = g_ptr_array_index(c.params, 1);
	g_assert_cmpint(v->type, ==, XV_BASE64);
	g_assert_cmpuint(v->len, ==, 7);
	g_assert_cmpmem(v->s, v->len, "hello\0x", 7);
	v = g_ptr_array_index(c.params, 2);
	g_assert_cmpint(v->type, ==, XV_DATETIME);
	g_assert_cmpstr(v->s, ==, "20230105T10:00:00");
	g_assert_cmpint(((struct xv *)c.params->pdata[3])->type, ==, XV_NIL);
	xmlrpc_call_clear(&c);

	v = first(&c, CALL("<param><value><struct>\n<member><name>a</name>"
			   "<value><array><data><value><int>1</int></value>"
			   "<value>x</value></data></array></value></member>"
			   "<member><name>b</name><value><int>1</int></value>"
			   "</member><member><name>b</name><value><int>2</int>"
			   "</value></member></struct></value></param>"));
	g_assert_cmpint(v->type, ==, XV_STRUCT);
	const struct xv *a = xv_member(v, "a");
	g_assert_cmpint(a->type, ==, XV_ARRAY);
	g_assert_cmpuint(a->items->len, ==, 2);
	g_assert_cmpstr(((struct xv *)a->items->pdata[1])->s, ==, "x");
	g_assert_cmpint(xv_member(v, "b")->i, ==, 2); /* the last wins */
	g_assert_null(xv_member(v, "c"));
	xmlrpc_call_clear(&c);

	/* no <params> at all: no arguments */
	const char *bare = "<methodCall><methodName>m</methodName>"
			   "</methodCall>";
	char *fault = NULL;
	g_assert_true(xmlrpc_parse(bare, strlen(bare), &c, &fault));
	g_assert_cmpuint(c.params->len, ==, 0);
	xmlrpc_call_clear(&c);
}

static void assert_fault(const char *doc, const char *prefix)
{
	g_autofree char *fault = fault_of(doc, strlen(doc));
	if (!g_str_has_prefix(fault, prefix))
		g_error("fault '%s' lacks '%s'", fault, prefix);
}

static void test_malformed(void)
{
	const char *expat = "<class 'xml.parsers.expat.ExpatError'>:";
	g_autofree char *empty = fault_of("", 0);
	g_assert_cmpstr(empty, ==,
			"<class 'xml.parsers.expat.ExpatError'>:no element "
			"found: line 1, column 0");
	/* what Patchwork answers to the truncated call of the scenario */
	g_autofree char *cut =
		fault_of("<methodCall><methodName>pw_rpc_version", 38);
	g_assert_cmpstr(cut, ==,
			"<class 'xml.parsers.expat.ExpatError'>:no element "
			"found: line 1, column 38");
	assert_fault("<methodCall><methodName>m</methodNam></methodCall>",
		     expat);
	assert_fault("<methodCall></methodCall><x/>", expat);
	assert_fault("<methodCall>\x01</methodCall>", expat);
	assert_fault("\xff\xfe<", expat);
	/* well-formed but not a call */
	assert_fault("<methodResponse/>", "<class 'xmlrpc.client.");
	assert_fault(CALL("<param><value><int>1</int><int>2</int></value>"
			  "</param>"),
		     "<class 'xmlrpc.client.");
	assert_fault(CALL("<param><value><float>1</float></value></param>"),
		     "<class 'xmlrpc.client.");
	assert_fault(CALL("<param><value><boolean>2</boolean></value>"
			  "</param>"),
		     "<class 'TypeError'>:bad boolean value");
	assert_fault(CALL("<param><value><struct><member><value>1</value>"
			  "</member></struct></value></param>"),
		     "<class 'xmlrpc.client.");
	assert_fault(CALL("<param><value><base64>abc</base64></value>"
			  "</param>"),
		     "<class 'binascii.Error'>");
	assert_fault(CALL("<param><value><double>nan</double></value>"
			  "</param>"),
		     "<class 'ValueError'>");
	/* a NUL inside the body */
	static const char nul[] = "<methodCall><methodName>m\0</methodName>"
				  "</methodCall>";
	g_autofree char *f = fault_of(nul, sizeof(nul) - 1);
	g_assert_true(g_str_has_prefix(f, expat));
}

static void test_numbers(void)
{
	assert_fault(CALL("<param><value><int>9223372036854775808</int>"
			  "</value></param>"),
		     "<class 'OverflowError'>");
	assert_fault(CALL("<param><value><int>-99999999999999999999999999"
			  "</int></value></param>"),
		     "<class 'OverflowError'>");
	assert_fault(CALL("<param><value><int>12x</int></value></param>"),
		     "<class 'ValueError'>:invalid literal for int()");
	assert_fault(CALL("<param><value><int></int></value></param>"),
		     "<class 'ValueError'>");
	assert_fault(CALL("<param><value><double>1e999</double></value>"
			  "</param>"),
		     "<class 'ValueError'>");
	struct xmlrpc_call c;
	const struct xv *v = first(
		&c, CALL("<param><value><int>+1_000</int></value></param>"));
	g_assert_cmpint(v->i, ==, 1000);
	xmlrpc_call_clear(&c);
}

/* n nested arrays around an int. */
static char *nested(int n)
{
	GString *s = g_string_new("<methodCall><methodName>m</methodName>"
				  "<params><param>");
	for (int i = 0; i < n; i++)
		g_string_append(s, "<value><array><data>");
	g_string_append(s, "<value><int>1</int></value>");
	for (int i = 0; i < n; i++)
		g_string_append(s, "</data></array></value>");
	g_string_append(s, "</param></params></methodCall>");
	return g_string_free(s, FALSE);
}

static void test_bounds(void)
{
	struct xmlrpc_call c;
	g_autofree char *ok = nested(XMLRPC_MAX_DEPTH);
	first(&c, ok);
	xmlrpc_call_clear(&c);
	g_autofree char *deep = nested(XMLRPC_MAX_DEPTH + 1);
	assert_fault(deep, "<class 'ValueError'>:values nested deeper");
	/* far past libxml2's own depth limit: its error, not a stack
	 * overflow */
	g_autofree char *deeper = nested(100000);
	g_autofree char *f = fault_of(deeper, strlen(deeper));
	g_assert_nonnull(f);

	GString *many = g_string_new("<methodCall><methodName>m</methodName>"
				     "<params>");
	for (int i = 0; i <= XMLRPC_MAX_PARAMS; i++)
		g_string_append(many, "<param><value>x</value></param>");
	g_string_append(many, "</params></methodCall>");
	assert_fault(many->str, "<class 'ValueError'>:more than");
	g_string_free(many, TRUE);

	GString *values = g_string_new(
		"<methodCall><methodName>m</methodName><params><param>"
		"<value><array><data>");
	for (int i = 0; i <= XMLRPC_MAX_VALUES; i++)
		g_string_append(values, "<value/>");
	g_string_append(
		values,
		"</data></array></value></param></params></methodCall>");
	assert_fault(values->str, "<class 'ValueError'>:more than");
	g_string_free(values, TRUE);

	GString *big = g_string_new("<methodCall><methodName>m</methodName>"
				    "<params><param><value>");
	for (int i = 0; i <= XMLRPC_MAX_TEXT / 64; i++)
		g_string_append(big, "0123456789abcdef0123456789abcdef"
				     "0123456789abcdef0123456789abcdef");
	g_string_append(big, "</value></param></params></methodCall>");
	assert_fault(big->str, "<class 'ValueError'>:value longer");
	g_string_free(big, TRUE);
}

static void test_entities(void)
{
	const char *laughs =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
		"<!ENTITY lol \"lol\">\n"
		"<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		"<!ENTITY lol2 "
		"\"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
		"<!ENTITY lol3 "
		"\"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
		"<!ENTITY lol4 "
		"\"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
		"<!ENTITY lol5 "
		"\"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
		"<!ENTITY lol6 "
		"\"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
		"<!ENTITY lol7 "
		"\"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
		"<!ENTITY lol8 "
		"\"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
		"<!ENTITY lol9 "
		"\"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
		"]>\n<methodCall><methodName>&lol9;</methodName></methodCall>";
	gint64 start = g_get_monotonic_time();
	g_autofree char *f = fault_of(laughs, strlen(laughs));
	g_assert_cmpint(g_get_monotonic_time() - start, <, 5 * G_USEC_PER_SEC);
	g_assert_nonnull(f);

	const char *xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [\n"
			  "<!ENTITY f SYSTEM \"file:///etc/passwd\">]>\n"
			  "<methodCall><methodName>m</methodName><params>"
			  "<param><value>&f;</value></param></params>"
			  "</methodCall>";
	g_autofree char *f2 = fault_of(xxe, strlen(xxe));
	g_assert_null(strstr(f2, "root:"));
	const char *net = "<?xml version=\"1.0\"?>\n<!DOCTYPE methodCall "
			  "SYSTEM \"http://127.0.0.1:9/x.dtd\">\n"
			  "<methodCall><methodName>m</methodName>"
			  "</methodCall>";
	assert_fault(net, "<class 'ValueError'>:DTDs are not accepted");
	/* an undeclared entity is not well-formed */
	assert_fault(CALL("<param><value>&x;</value></param>"),
		     "<class 'xml.parsers.expat.ExpatError'>");
}

static void test_writer(void)
{
	g_autoptr(GString) out = g_string_new(NULL);
	struct xw w;
	xw_init(&w, out);
	xw_struct_begin(&w);
	xw_member_string(&w, "a<&>", "x < y && z > \"q\" 'r'");
	xw_member_int(&w, "n", -3);
	xw_member(&w, "b");
	xw_bool(&w, TRUE);
	xw_member_end(&w);
	xw_member_time(&w, "t", G_GINT64_CONSTANT(1668977997000000));
	xw_member_time(&w, "u", G_GINT64_CONSTANT(1668977997000001));
	xw_struct_end(&w);
	xw_finish(out, &w);
	g_assert_cmpstr(
		out->str, ==,
		"<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n"
		"<value><struct>\n<member>\n<name>a&lt;&amp;&gt;</name>\n"
		"<value><string>x &lt; y &amp;&amp; z &gt; \"q\" 'r'</string>"
		"</value>\n</member>\n<member>\n<name>n</name>\n<value><int>-3"
		"</int></value>\n</member>\n<member>\n<name>b</name>\n<value>"
		"<boolean>1</boolean></value>\n</member>\n<member>\n<name>t"
		"</name>\n<value><base64>\nMjAyMi0xMS0yMCAyMDo1OTo1Nw==\n"
		"</base64></value>\n</member>\n<member>\n<name>u</name>\n"
		"<value><base64>\nMjAyMi0xMS0yMCAyMDo1OTo1Ny4wMDAwMDE=\n"
		"</base64></value>\n</member>\n</struct></value>\n</param>\n"
		"</params>\n</methodResponse>\n");

	/* base64 in lines of 76 */
	g_string_truncate(out, 0);
	xw_init(&w, out);
	char text[100];
	memset(text, 'a', sizeof(text) - 1);
	text[99] = '\0';
	xw_base64(&w, text);
	g_auto(GStrv) lines = g_strsplit(out->str, "\n", -1);
	g_assert_cmpstr(lines[0], ==, "<value><base64>");
	g_assert_cmpuint(strlen(lines[1]), ==, 76);
	g_assert_cmpuint(strlen(lines[2]), ==, 56);
	g_assert_cmpstr(lines[3], ==, "</base64></value>");

	/* a None anywhere: Python's TypeError fault */
	g_string_truncate(out, 0);
	xw_init(&w, out);
	xw_array_begin(&w);
	xw_string(&w, NULL);
	xw_array_end(&w);
	xw_finish(out, &w);
	g_assert_nonnull(strstr(out->str, "<fault>"));
	g_assert_nonnull(strstr(out->str, "cannot marshal None unless "
					  "allow_none is enabled"));
	g_assert_null(strstr(out->str, "<array>"));

	xw_fault(out, 1, "<class 'Exception'>:method \"x\" & y");
	g_assert_cmpstr(
		out->str, ==,
		"<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value>"
		"<struct>\n<member>\n<name>faultCode</name>\n<value><int>1"
		"</int></value>\n</member>\n<member>\n<name>faultString</name>"
		"\n<value><string>&lt;class 'Exception'&gt;:method \"x\" &amp; "
		"y</string></value>\n</member>\n</struct></value>\n</fault>\n"
		"</methodResponse>\n");
}

/* POSTs `body` to /xmlrpc/ on the fixture's database; the response
 * body is returned (caller frees) and *status set. */
static char *post_to(struct db *db, const char *method, const char *body,
		     const char *authorization, gboolean enabled, int *status)
{
	struct request req;
	struct response res;
	request_init(&req);
	response_init(&res);
	req.method = g_strdup(method);
	req.path = g_strdup("/xmlrpc/");
	req.base_url = g_strdup("http://x");
	req.db = db;
	req.xmlrpc_enabled = enabled;
	req.authorization = g_strdup(authorization);
	req.body = g_bytes_new(body, strlen(body));
	http_dispatch(&req, &res);
	*status = res.status;
	if (res.status == 200)
		g_assert_cmpstr(res.content_type, ==,
				"text/html; charset=utf-8");
	char *out = g_strdup(res.body->str);
	request_clear(&req);
	response_clear(&res);
	return out;
}

#define post(f, ...) post_to((f)->db, __VA_ARGS__)

#define METHOD(name, params)                                     \
	"<?xml version='1.0'?>\n<methodCall>\n<methodName>" name \
	"</methodName>\n<params>\n" params "</params>\n</methodCall>\n"

static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		g_error("'%s' not in:\n%s", needle, hay);
}

static void test_dispatch(void)
{
	struct fixture f;
	int status;
	GError *error = NULL;
	fixture_open(&f);
	gint64 patch = fixture_patch(&f, f.project, f.alice_person,
				     G_GINT64_CONSTANT(1668977997000000));
	fixture_ok(db_commit(f.db, &error), error);

	g_autofree char *v = post(&f, "POST", METHOD("pw_rpc_version", ""),
				  NULL, TRUE, &status);
	g_assert_cmpint(status, ==, 200);
	assert_contains(v, "<value><array><data>\n<value><int>1</int></value>"
			   "\n<value><int>3</int></value>\n<value><int>0</int>"
			   "</value>\n</data></array></value>");

	g_autofree char *off = post(&f, "POST", METHOD("pw_rpc_version", ""),
				    NULL, FALSE, &status);
	g_assert_cmpint(status, ==, 404);

	g_autofree char *doc = post(&f, "GET", "", NULL, TRUE, &status);
	g_assert_cmpint(status, ==, 200);
	assert_contains(doc, "Patchwork XML-RPC API v1 Documentation");
	assert_contains(doc, "patch_set");
	g_autofree char *put = post(&f, "PUT", "", NULL, TRUE, &status);
	g_assert_cmpint(status, ==, 302);

	g_autofree char *unknown =
		post(&f, "POST", METHOD("xyzzy", ""), NULL, TRUE, &status);
	assert_contains(unknown, "&lt;class 'Exception'&gt;:method "
				 "\"xyzzy\" is not supported");
	g_autofree char *missing =
		post(&f, "POST", METHOD("patch_get", ""), NULL, TRUE, &status);
	assert_contains(missing, "patch_get() missing 1 required positional "
				 "argument: 'patch_id'");
	g_autofree char *extra =
		post(&f, "POST",
		     METHOD("state_list", "<param><value>a</value></param>"
					  "<param><value>a</value></param>"
					  "<param><value>a</value></param>"),
		     NULL, TRUE, &status);
	assert_contains(extra, "state_list() takes from 0 to 2 positional "
			       "arguments but 3 were given");
	g_autofree char *missing2 = post(&f, "POST", METHOD("check_create", ""),
					 "Basic bTpw", TRUE, &status);
	assert_contains(missing2, "Invalid username/password");

	g_autofree char *id = g_strdup_printf(
		"<param><value><int>%" G_GINT64_FORMAT "</int></value></param>",
		patch);
	g_autofree char *get_body =
		g_strdup_printf(METHOD("patch_get", "%s"), id);
	g_autofree char *got = post(&f, "POST", get_body, NULL, TRUE, &status);
	assert_contains(got, "<name>filename</name>\n<value><string>PATCH-"
			     "fixture</string></value>");
	assert_contains(got, "<name>date</name>\n<value><base64>\n"
			     "MjAyMi0xMS0yMCAyMDo1OTo1Nw==\n</base64>");
	assert_contains(got, "<name>delegate_id</name>\n<value><int>0</int>");

	/* the writes: credentials first, in Patchwork's words */
	g_autofree char *set_body = g_strdup_printf(
		METHOD("patch_set", "%s<param><value><struct><member><name>"
				    "state</name><value><int>3</int></value>"
				    "</member></struct></value></param>"),
		id);
	const struct {
		const char *authorization, *fault;
	} auth[] = {
		{NULL, "No authentication credentials given"},
		{"", "No authentication credentials given"},
		{"Token 0123", "Authentication scheme not supported"},
		{"basic bTpw", "Authentication scheme not supported"},
		{"Basic !!!!", "Invalid authentication credentials"},
		{"Basic bm9jb2xvbg==", "Invalid authentication credentials"},
		{"Basic w6k6cA==", "Invalid authentication credentials"},
		{"Basic bWFpbnQ6d3Jvbmc=", "Invalid username/password"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(auth); i++) {
		g_autofree char *r = post(&f, "POST", set_body,
					  auth[i].authorization, TRUE, &status);
		g_assert_cmpint(status, ==, 200);
		assert_contains(r, auth[i].fault);
	}
	g_auto(db_submission) s = {0};
	fixture_ok(db_patch_get(f.db, patch, 0, &s, &error), error);
	g_assert_cmpstr(s.state, ==, "new"); /* nothing written */

	/* hostile bodies through the whole dispatcher: a fault, 200 */
	g_autofree char *bad =
		post(&f, "POST", "<methodCall><", NULL, TRUE, &status);
	g_assert_cmpint(status, ==, 200);
	assert_contains(bad, "ExpatError");
	fixture_close(&f);
}

/* A write that cannot get the write lock: 503, nothing half-done; the
 * same call succeeds once the lock is free. */
static void test_busy(void)
{
	struct fixture f;
	GError *error = NULL;
	g_autoptr(db) other = NULL;
	int status;
	fixture_open(&f);
	gint64 patch = fixture_patch(&f, f.project, f.alice_person,
				     G_GINT64_CONSTANT(1668977997000000));
	fixture_ok(db_user_set_password(
			   f.db, f.maint,
			   "pbkdf2_sha256$1000$unitsalt$kPoW/0EFpWuKXtn3xOXBus"
			   "fAvDuGDAVrW7iibbMaDS0=",
			   &error),
		   error);
	fixture_ok(db_commit(f.db, &error), error);
	g_autofree char *path = g_build_filename(f.dir, "darn.db", NULL);
	fixture_ok(db_open(path, 50, DB_OPEN_EXISTING, &other, &error), error);

	g_autofree char *body = g_strdup_printf(
		METHOD("check_create",
		       "<param><value><int>%" G_GINT64_FORMAT
		       "</int></value></param><param><value>ci</value>"
		       "</param><param><value>success</value></param>"),
		patch);
	fixture_ok(db_begin_write(f.db, &error), error); /* the lock */
	g_autofree char *busy = post_to(other, "POST", body,
					"Basic bWFpbnQ6cHc=", TRUE, &status);
	g_assert_cmpint(status, ==, 503);
	db_rollback(f.db);
	g_autoptr(GArray) checks = NULL;
	fixture_ok(db_patch_checks(f.db, patch, &checks, &error), error);
	g_assert_cmpuint(checks->len, ==, 0);

	g_autofree char *ok = post_to(other, "POST", body,
				      "Basic bWFpbnQ6cHc=", TRUE, &status);
	g_assert_cmpint(status, ==, 200);
	assert_contains(ok, "<value><boolean>1</boolean></value>");
	g_clear_pointer(&checks, db_checks_free);
	fixture_ok(db_patch_checks(f.db, patch, &checks, &error), error);
	g_assert_cmpuint(checks->len, ==, 1);
	g_clear_pointer(&checks, db_checks_free);
	g_clear_pointer(&other, db_close);
	fixture_ok(db_begin_write(f.db, &error), error); /* for close */
	fixture_close(&f);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/xmlrpc/types", test_types);
	g_test_add_func("/xmlrpc/malformed", test_malformed);
	g_test_add_func("/xmlrpc/numbers", test_numbers);
	g_test_add_func("/xmlrpc/bounds", test_bounds);
	g_test_add_func("/xmlrpc/entities", test_entities);
	g_test_add_func("/xmlrpc/writer", test_writer);
	g_test_add_func("/xmlrpc/dispatch", test_dispatch);
	g_test_add_func("/xmlrpc/busy", test_busy);
	return g_test_run();
}
