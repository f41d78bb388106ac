/*
 * The per-mail limits (limits.h, issue 7): each is exact at its value
 * and fails one past it with the MAIL_LIMIT_ERROR that names its key, in
 * the header block darn splits (message.c), in the MIME walk and in what
 * GMime parses (content.c, mime-guard.c); the linear rewrites of
 * find_references and the list id parser keep Patchwork's results
 * (vectors from Python 3.11's re on the same inputs).
 */
#include <gmime/gmime.h>

#include "mail/content.h"
#include "mail/mailinfo.h"
#include "mail/message.h"
#include "mail/mime-guard.h"

static struct mail_limits limits_of(guint64 parts, guint depth, guint64 headers,
				    guint64 bytes)
{
	struct mail_limits l = {
		.max_mime_parts = parts,
		.max_mime_depth = depth,
		.max_header_count = headers,
		.max_header_bytes = bytes,
	};
	return l;
}

/* The mail's body under limits l: TRUE, or FALSE with *which set. */
static gboolean body_ok(const char *mail, const struct mail_limits *l,
			enum mail_limit *which)
{
	struct mail m;
	struct mail_body body;
	g_autoptr(GError) error = NULL;
	gboolean ok;

	mail_init(&m, mail, strlen(mail));
	ok = mail_body_extract_parsed(&m, FALSE, l, &body, &error);
	mail_clear(&m);
	if (ok) {
		mail_body_clear(&body);
		return TRUE;
	}
	g_assert_nonnull(error);
	g_assert_true(error->domain == MAIL_LIMIT_ERROR);
	*which = error->code;
	return FALSE;
}

static void assert_read(const char *mail, const struct mail_limits *l)
{
	enum mail_limit which;
	g_assert_true(body_ok(mail, l, &which));
}

static void assert_over(const char *mail, const struct mail_limits *l,
			enum mail_limit want)
{
	enum mail_limit which = want + 1;
	g_assert_false(body_ok(mail, l, &which));
	g_assert_cmpint(which, ==, want);
}

/* A multipart mail of n empty parts of boundary b, each holding
 * `dashes` lines that start with "--" but delimit nothing. */
static char *parts_mail(int n, int dashes)
{
	GString *s = g_string_new(
		"Subject: x\nContent-Type: multipart/mixed; boundary=b\n\n");
	for (int i = 0; i < n; i++) {
		g_string_append(s, "--b\nContent-Type: text/plain\n\nx\n");
		for (int k = 0; k < dashes; k++)
			g_string_append(s, "-- not a boundary\n");
	}
	g_string_append(s, "--b--\n");
	return g_string_free(s, FALSE);
}

static void test_header_count(void)
{
	static const char mail[] =
		"From: a\nTo: b\nCc: c\n continued\n\nbody\n";
	struct mail_limits l = mail_limits_none;
	struct mail m;
	g_autoptr(GError) error = NULL;

	l.max_header_count = 3;
	g_assert_true(mail_init_bounded(&m, mail, strlen(mail), &l, 0, NULL));
	g_assert_cmpuint(m.headers->len, ==, 3);
	mail_clear(&m);
	/* fields counted elsewhere in the mail leave less room */
	g_assert_false(
		mail_init_bounded(&m, mail, strlen(mail), &l, 1, &error));
	mail_clear(&m);
	g_assert_error(error, MAIL_LIMIT_ERROR, MAIL_LIMIT_HEADER_COUNT);
	g_assert_cmpstr(error->message, ==,
			"more than 3 header fields (ingest.max_header_count)");
}

static void test_header_bytes(void)
{
	/* 32 bytes of header block (the blank line is not in it) */
	static const char mail[] = "From: a\nSubject: 0123456789abcd\n\nbody\n";
	struct mail_limits l = mail_limits_none;
	struct mail m;
	g_autoptr(GError) error = NULL;

	l.max_header_bytes = 32;
	g_assert_true(mail_init_bounded(&m, mail, strlen(mail), &l, 0, NULL));
	g_assert_cmpuint(m.body_offset, ==, 33);
	mail_clear(&m);
	l.max_header_bytes = 31;
	g_assert_false(
		mail_init_bounded(&m, mail, strlen(mail), &l, 0, &error));
	mail_clear(&m);
	g_assert_error(error, MAIL_LIMIT_ERROR, MAIL_LIMIT_HEADER_BYTES);
	g_assert_cmpstr(error->message, ==,
			"a header block larger than 31 bytes "
			"(ingest.max_header_bytes)");
}

static void test_mime_parts(void)
{
	g_autofree char *mail = parts_mail(10, 0);
	struct mail_limits l = limits_of(10, 32, 1000, 1 << 20);

	assert_read(mail, &l);
	l.max_mime_parts = 9;
	assert_over(mail, &l, MAIL_LIMIT_MIME_PARTS);
}

static void test_dash_lines_are_not_parts(void)
{
	/* 2 parts and 2,000 lines starting with "--": the guard counts
	 * only the lines of declared boundaries */
	g_autofree char *mail = parts_mail(2, 1000);
	struct mail_limits l = limits_of(2, 32, 1000, 1 << 20);

	assert_read(mail, &l);
}

static void test_guard_nested_boundaries(void)
{
	/* 3 parts at the top, each a multipart of 400 parts of its own
	 * boundary: GMime's parse is stopped (the walk never sees them) */
	GString *s = g_string_new(
		"Subject: x\nContent-Type: multipart/mixed; boundary=top\n\n");
	struct mail_limits l = limits_of(1000, 32, 100000, 1 << 20);

	for (int i = 0; i < 3; i++) {
		g_string_append_printf(s,
				       "--top\nContent-Type: multipart/mixed;"
				       " boundary=\"in%d\"\n\n",
				       i);
		for (int k = 0; k < 400; k++)
			g_string_append_printf(s, "--in%d\n\n", i);
		g_string_append_printf(s, "--in%d--\n", i);
	}
	g_string_append(s, "--top--\n");
	assert_over(s->str, &l, MAIL_LIMIT_MIME_PARTS);
	l.max_mime_parts = 3 + 3 * 400;
	assert_read(s->str, &l);
	g_string_free(s, TRUE);
}

/* GMime's parse of buf under a guard; TRUE when it tripped (*which
 * says why), else *parts is the number of parts GMime made. */
static gboolean guard_trips(const char *buf, guint64 part_room,
			    guint64 header_room, enum mail_limit *which,
			    guint64 *parts, guint64 *headers)
{
	GByteArray *a = g_byte_array_new();
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeObject *obj;
	struct mime_guard *g;
	gboolean tripped;

	g_byte_array_append(a, (const guint8 *)buf, strlen(buf));
	stream = g_mime_stream_mem_new_with_byte_array(a);
	parser = g_mime_parser_new_with_stream(stream);
	g = mime_guard_new(parser, stream, (const char *)a->data, a->len,
			   part_room, header_room);
	obj = g_mime_parser_construct_part(parser, NULL);
	tripped = mime_guard_tripped(g, which);
	*headers = mime_guard_headers(g);
	*parts = 0;
	if (obj) {
		GMimePartIter *it = g_mime_part_iter_new(obj);
		if (g_mime_part_iter_is_valid(it))
			do {
				(*parts)++;
			} while (g_mime_part_iter_next(it));
		g_mime_part_iter_free(it);
		g_object_unref(obj);
	}
	mime_guard_free(g);
	g_object_unref(parser);
	g_object_unref(stream);
	return tripped;
}

static void test_guard(void)
{
	/* each way of declaring the boundary "inner" GMime understands:
	 * the guard trips, or GMime made no more parts than allowed */
	static const char *const decls[] = {
		"Content-Type: multipart/mixed; boundary=inner\n",
		"Content-Type: multipart/mixed; boundary=\"inner\"\n",
		"Content-Type: multipart/mixed;\n boundary=\"inner\"\n",
		"Content-Type : multipart/mixed; boundary=inner\n",
		"content-type: multipart/mixed; boundary=\"inner \"\n",
		"Content-Type: multipart/mixed; boundary*0=in; "
		"boundary*1=ner\n",
		"Content-Type: multipart/mixed; boundary*=us-ascii''in%6eer\n",
		"Content-Type: multipart/mixed; "
		"boundary=\"=?us-ascii?q?inner?=\"\n",
		"Content-Type: multipart/mixed; boundary=\"x\"\n"
		"Content-Type: multipart/mixed; boundary=\"inner\"\n",
		"Content-Type: multipart/mixed; boundary=inner\n"
		"Content-Type: text/plain\n",
	};
	enum mail_limit which;
	guint64 parts, headers;

	for (gsize i = 0; i < G_N_ELEMENTS(decls); i++) {
		GString *s = g_string_new(
			"Content-Type: multipart/mixed; boundary=top\n\n"
			"--top\n");
		g_string_append(s, decls[i]);
		g_string_append_c(s, '\n');
		for (int k = 0; k < 500; k++)
			g_string_append(s, k % 2 ? "--inner\n\n"
						 : "--inner \t\r\n\n");
		g_string_append(s, "--inner--\n--top--\n");
		if (guard_trips(s->str, 100, 1000, &which, &parts, &headers))
			g_assert_cmpint(which, ==, MAIL_LIMIT_MIME_PARTS);
		else
			g_assert_cmpuint(parts, <=, 100);
		g_test_message("declaration %zu: %" G_GUINT64_FORMAT " parts",
			       i, parts);
		g_string_free(s, TRUE);
	}

	/* the top-level boundary (the synthetic header's) counts */
	g_autofree char *top = parts_mail(150, 0);
	const char *body = strstr(top, "\n\n") + 2;
	g_autofree char *synthetic =
		g_strconcat("Content-Type: multipart/mixed; boundary=\"b\"\n\n",
			    body, NULL);
	g_assert_true(
		guard_trips(synthetic, 100, 1000, &which, &parts, &headers));
	g_assert_cmpint(which, ==, MAIL_LIMIT_MIME_PARTS);
	/* lines starting "--" that delimit nothing do not */
	g_autofree char *dashes = parts_mail(2, 500);
	body = strstr(dashes, "\n\n") + 2;
	g_free(synthetic);
	synthetic =
		g_strconcat("Content-Type: multipart/mixed; boundary=\"b\"\n\n",
			    body, NULL);
	g_assert_false(
		guard_trips(synthetic, 100, 1000, &which, &parts, &headers));
	/* header fields: the parts' count, the synthetic one does not */
	g_assert_cmpuint(headers, ==, 2);
	g_assert_true(guard_trips(synthetic, 100, 1, &which, &parts, &headers));
	g_assert_cmpint(which, ==, MAIL_LIMIT_HEADER_COUNT);
}

static void test_part_headers(void)
{
	GString *s = g_string_new(
		"Subject: x\nContent-Type: multipart/mixed; boundary=b\n\n"
		"--b\nContent-Type: text/plain\n");
	struct mail_limits l = limits_of(100, 32, 0, 1 << 20);

	for (int k = 0; k < 99; k++)
		g_string_append_printf(s, "X-%d: v\n", k);
	g_string_append(s, "\nhello\n--b--\n");
	/* the mail's 2 fields, the part's 100 */
	l.max_header_count = 102;
	assert_read(s->str, &l);
	l.max_header_count = 101;
	assert_over(s->str, &l, MAIL_LIMIT_HEADER_COUNT);
	g_string_free(s, TRUE);
}

static void test_depth(void)
{
	GString *s = g_string_new(
		"Subject: x\nContent-Type: multipart/mixed; boundary=d0\n\n");
	struct mail_limits l = limits_of(100, 10, 1000, 1 << 20);

	/* parts at depths 1 to 10 */
	for (int i = 0; i < 9; i++)
		g_string_append_printf(s,
				       "--d%d\nContent-Type: multipart/mixed;"
				       " boundary=d%d\n\n",
				       i, i + 1);
	g_string_append(s, "--d9\n\nleaf\n");
	assert_read(s->str, &l);
	l.max_mime_depth = 9;
	assert_over(s->str, &l, MAIL_LIMIT_MIME_DEPTH);
	g_string_free(s, TRUE);
}

static void test_message_depth(void)
{
	/* message/partial bodies are parsed again by darn: their header
	 * blocks and nesting count like the others */
	static const char mail[] =
		"Subject: x\nContent-Type: multipart/mixed; boundary=b\n\n"
		"--b\nContent-Type: message/partial\n\n"
		"Content-Type: multipart/mixed; boundary=c\nX-A: 1\n\n"
		"--c\n\nleaf\n--c--\n--b--\n";
	struct mail_limits l = limits_of(100, 3, 1000, 1 << 20);

	assert_read(mail, &l);
	l.max_mime_depth = 2;
	assert_over(mail, &l, MAIL_LIMIT_MIME_DEPTH);
	l = limits_of(100, 3, 4, 1 << 20);
	assert_over(mail, &l, MAIL_LIMIT_HEADER_COUNT);
}

static void test_extract_fails_whole(void)
{
	g_autofree char *mail = parts_mail(3, 0);
	struct mail_limits l = limits_of(2, 32, 1000, 1 << 20);
	struct mail_info info;
	g_autoptr(GError) error = NULL;

	g_assert_false(
		mail_info_extract(mail, strlen(mail), &l, &info, &error));
	g_assert_error(error, MAIL_LIMIT_ERROR, MAIL_LIMIT_MIME_PARTS);
	g_assert_cmpstr(error->message, ==,
			"more than 2 MIME parts (ingest.max_mime_parts)");
	mail_info_clear(&info);
}

static void test_list_id(void)
{
	/* re.match(r'.*<([^>]+)>.*', s, re.S), else r'^([\S]+)$' */
	static const struct {
		const char *in, *out;
	} v[] = {
		{"a <b> <c>", "c"},    {"<>", "<>"},	 {"<<x>", "x"},
		{"<a><>", "a"},	       {"<a>>", "a"},	 {"x<y", "x<y"},
		{"no brackets", NULL}, {"<a<b>", "b"},	 {">", ">"},
		{"<<<", "<<<"},	       {" <a> ", "a"},	 {"<a> b <>", "a"},
		{"a<b>c<d", "b"},      {"<x\n>", "x\n"}, {"", NULL},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(v); i++) {
		g_autofree char *got = mail_list_id_parse(v[i].in);
		g_assert_cmpstr(got, ==, v[i].out);
	}
}

static void test_list_id_linear(void)
{
	/* 4 MB of '<' without '>': quadratic code took minutes */
	gsize n = 4 << 20;
	g_autofree char *s = g_malloc(n + 1);
	gint64 start = g_get_monotonic_time();

	memset(s, '<', n);
	s[n] = '\0';
	g_autofree char *got = mail_list_id_parse(s);
	g_assert_nonnull(got);
	g_assert_cmpint(g_get_monotonic_time() - start, <, 10 * G_USEC_PER_SEC);
}

static void test_references(void)
{
	/* In-Reply-To ids are all kept; a References id only when not in
	 * the list yet; References are read most recent first */
	static const char mail[] =
		"From: a\nMessage-Id: <m>\nIn-Reply-To: <p>\n"
		"In-Reply-To: x <p> y\nReferences: <a> <b> <p>\n <a> <c>\n"
		"References: <d> <c>\n\nbody\n";
	static const char *const want[] = {"<p>", "<p>", "<c>",
					   "<a>", "<b>", "<d>"};
	struct mail_info info;

	g_assert_true(mail_info_extract(mail, strlen(mail), &mail_limits_none,
					&info, NULL));
	g_assert_cmpuint(info.refs->len, ==, G_N_ELEMENTS(want));
	for (gsize i = 0; i < G_N_ELEMENTS(want); i++)
		g_assert_cmpstr(info.refs->pdata[i], ==, want[i]);
	mail_info_clear(&info);
}

static void test_references_linear(void)
{
	/* 200,000 ids: the quadratic search took minutes */
	GString *s = g_string_new("From: a\nMessage-Id: <m>\nReferences:");
	struct mail_info info;
	gint64 start;

	for (int i = 0; i < 200000; i++)
		g_string_append_printf(s, " <%d@x>\n", i % 150000);
	g_string_append(s, "\nbody\n");
	start = g_get_monotonic_time();
	g_assert_true(mail_info_extract(s->str, s->len, &mail_limits_none,
					&info, NULL));
	g_assert_cmpint(g_get_monotonic_time() - start, <, 20 * G_USEC_PER_SEC);
	g_assert_cmpuint(info.refs->len, ==, 150000);
	/* most recent first: the last distinct id written comes first */
	g_assert_cmpstr(info.refs->pdata[0], ==, "<49999@x>");
	mail_info_clear(&info);
	g_string_free(s, TRUE);
}

int main(int argc, char **argv)
{
	g_mime_init();
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/limits/header-count", test_header_count);
	g_test_add_func("/limits/header-bytes", test_header_bytes);
	g_test_add_func("/limits/mime-parts", test_mime_parts);
	g_test_add_func("/limits/dash-lines-are-not-parts",
			test_dash_lines_are_not_parts);
	g_test_add_func("/limits/guard-nested-boundaries",
			test_guard_nested_boundaries);
	g_test_add_func("/limits/guard", test_guard);
	g_test_add_func("/limits/part-headers", test_part_headers);
	g_test_add_func("/limits/depth", test_depth);
	g_test_add_func("/limits/message-depth", test_message_depth);
	g_test_add_func("/limits/extract-fails-whole",
			test_extract_fails_whole);
	g_test_add_func("/limits/list-id", test_list_id);
	g_test_add_func("/limits/list-id-linear", test_list_id_linear);
	g_test_add_func("/limits/references", test_references);
	g_test_add_func("/limits/references-linear", test_references_linear);
	return g_test_run();
}
