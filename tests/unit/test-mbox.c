/*
 * Tests for core/mbox.c: the verified examples of web-and-mbox.md §1.1
 * (a complete message, the DMARC From, the body rules) and the edge cases
 * of the body assembly and header folding.
 */
#include "core/mbox.h"

#include <string.h>

/* A patch as the store would return it; comments NULL-terminated. */
static struct db_mbox *patch(const char *headers, const char *content,
			     const char *diff, const char *const *comments)
{
	struct db_mbox *m = g_new0(struct db_mbox, 1);

	m->id = 1;
	m->is_patch = TRUE;
	/* 2016-09-11 22:22:03 UTC */
	m->date = G_GINT64_CONSTANT(1473632523) * G_USEC_PER_SEC;
	m->msgid = g_strdup("<a@example.com>");
	m->name = g_strdup("[1/2] test: Add some lorem ipsum");
	m->headers = g_strdup(headers);
	m->content = g_strdup(content);
	m->diff = g_strdup(diff);
	m->submitter_name = g_strdup("Stephen Finucane");
	m->submitter_email = g_strdup("stephenfinucane@gmail.com");
	m->listemail = g_strdup("list@example.com");
	m->comments = g_ptr_array_new_with_free_func(g_free);
	for (; comments && *comments; comments++)
		g_ptr_array_add(m->comments, g_strdup(*comments));
	return m;
}

static char *render(const struct db_mbox *m)
{
	GString *out = g_string_new(NULL);
	mbox_append(out, m);
	return g_string_free(out, FALSE);
}

/* The body: everything after the first empty line. */
static const char *body_of(const char *mbox)
{
	const char *p = strstr(mbox, "\n\n");
	g_assert_nonnull(p);
	return p + 2;
}

static void test_spec_example(void)
{
	static const char *const replies[] = {
		"> quoted\nAcked-by: Reviewer Person <reviewer@example.com>\n"
		"Reviewed-by: X <x@example.com>\n",
		NULL};
	g_autoptr(db_mbox) m = patch(
		"Return-Path: <stephenfinucane@gmail.com>\n"
		"From: Stephen Finucane <stephenfinucane@gmail.com>\n"
		"To: stephenfinucane@hotmail.com\n"
		"Subject: [PATCH 1/2] test: Add some lorem ipsum\n"
		"Date: Sun, 11 Sep 2016 23:22:03 +0100\n"
		"Message-ID: "
		"<1473632524-8585-2-git-send-email-stephenfinucane@gmail.com>\n"
		"X-Mailer: git-send-email 2.7.4\n"
		"Content-Type: text/plain\n"
		"MIME-Version: 1.0\n"
		"Content-Length: 670\n"
		"Lines: 22",
		"From: Stephen Finucane <stephenfinucane@hotmail.com>\n---\n"
		" test.txt | 7 +++++++\n 1 file changed, 7 insertions(+)\n",
		"diff --git a/test.txt b/test.txt\n+x\n", replies);
	g_autofree char *got = render(m);

	g_assert_cmpstr(
		got, ==,
		"From patchwork Sun Sep 11 22:22:03 2016\n"
		"Content-Type: text/plain; charset=\"utf-8\"\n"
		"MIME-Version: 1.0\n"
		"Content-Transfer-Encoding: 7bit\n"
		"X-Patchwork-Submitter: Stephen Finucane "
		"<stephenfinucane@gmail.com>\n"
		"X-Patchwork-Id: 1\n"
		"Return-Path: <stephenfinucane@gmail.com>\n"
		"From: Stephen Finucane <stephenfinucane@gmail.com>\n"
		"To: stephenfinucane@hotmail.com\n"
		"Subject: [PATCH 1/2] test: Add some lorem ipsum\n"
		"Date: Sun, 11 Sep 2016 23:22:03 +0100\n"
		"Message-ID: "
		"<1473632524-8585-2-git-send-email-stephenfinucane@gmail.com>\n"
		"X-Mailer: git-send-email 2.7.4\n"
		"MIME-Version: 1.0\n"
		"Content-Length: 670\n"
		"Lines: 22\n"
		"\n"
		"From: Stephen Finucane <stephenfinucane@hotmail.com>\n"
		"Acked-by: Reviewer Person <reviewer@example.com>\n"
		"Reviewed-by: X <x@example.com>\n"
		"---\n"
		" test.txt | 7 +++++++\n"
		" 1 file changed, 7 insertions(+)\n"
		"\n"
		"diff --git a/test.txt b/test.txt\n+x\n");
}

static void test_dmarc(void)
{
	g_autoptr(db_mbox) m =
		patch("From: Person via List <list@example.com>\nSubject: x",
		      "text", NULL, NULL);
	g_free(m->submitter_name);
	m->submitter_name = g_strdup("P\xc3\xa9rson \xc3\x87"
				     "a");
	g_free(m->submitter_email);
	m->submitter_email = g_strdup("person@example.com");
	m->id = 3;
	g_autofree char *got = render(m);

	g_assert_nonnull(strstr(
		got, "X-Patchwork-Submitter: =?utf-8?b?UMOpcnNvbiDDh2E=?= "
		     "<person@example.com>\n"
		     "X-Patchwork-Id: 3\n"
		     "X-Patchwork-Original-From: Person via List "
		     "<list@example.com>\n"
		     "From: =?utf-8?b?UMOpcnNvbiDDh2E=?= <person@example.com>\n"
		     "Subject: x\n"
		     "Date: Sun, 11 Sep 2016 22:22:03 -0000\n\ntext\n"));
}

/* §1.1's body examples. */
static void test_spec_bodies(void)
{
	static const char *const ack2[] = {"comment 2 text\nAcked-by: 2\n",
					   NULL};
	static const char *const plain_ack[] = {"Acked-by: 2", NULL};
	struct {
		const char *content;
		const char *const *replies;
		const char *body;
	} cases[] = {
		{"comment 1 text\nAcked-by: 1\n---\nupdate\n", ack2,
		 "comment 1 text\nAcked-by: 1\nAcked-by: 2\n---\nupdate\n"},
		{"---\n manual/string.texi | 2 +-\n 1 file changed, 1 "
		 "insertion(+), 1 deletion(-)\n",
		 plain_ack,
		 "\nAcked-by: 2\n---\n manual/string.texi | 2 +-\n 1 file "
		 "changed, 1 insertion(+), 1 deletion(-)\n"},
		{"some comment\n---\n some/file | 1 +\n", NULL,
		 "some comment\n---\n some/file | 1 +\n"},
		/* only the first separator splits; "----" is none; the
		 * text is stripped on both sides */
		{"\n  a\n----\nb\n-- \nsig\n---\nc  \n\n", NULL,
		 "a\n----\nb\n---\nsig\n---\nc\n"},
		/* a separator as the last line leaves no postscript */
		{"text\n--", NULL, "text\n"},
		{"", NULL, ""},
		/* CR line ends become LF, as the email generator writes */
		{"a\rb\r\nc", NULL, "a\nb\nc\n"},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(db_mbox) m = patch("Subject: x", cases[i].content,
					     NULL, cases[i].replies);
		g_autofree char *got = render(m);
		g_assert_cmpstr(body_of(got), ==, cases[i].body);
	}
}

/* Python's re.IGNORECASE: Unicode case folding that reaches ASCII. */
static void test_tag_case(void)
{
	static const char *const replies[] = {
		"ACKED-BY: upper\n"
		"Ac\xe2\x84\xaa"
		"ed-by: kelvin\n"
		"\xc5\xbfigned-off-by: long s\n"
		"Rev\xc4\xb1"
		"ewed-by: dotless i\n"
		"Rev\xc4\xb0"
		"ewed-by: dotted I\n"
		" Acked-by: indented\n"
		"Acked-by : space\n"
		"Tested-by:\r\n" /* CR LF: one line end */
		"Nacked-by: last",
		NULL};
	g_autoptr(db_mbox) m = patch("Subject: x", "c", NULL, replies);
	g_autofree char *got = render(m);

	g_assert_cmpstr(body_of(got), ==,
			"c\nACKED-BY: upper\n"
			"Ac\xe2\x84\xaa"
			"ed-by: kelvin\n"
			"\xc5\xbfigned-off-by: long s\n"
			"Rev\xc4\xb1"
			"ewed-by: dotless i\n"
			"Rev\xc4\xb0"
			"ewed-by: dotted I\n"
			"Tested-by:\n"
			"Nacked-by: last\n");
	g_assert_nonnull(strstr(got, "Content-Transfer-Encoding: 8bit\n"));
}

static void test_headers(void)
{
	g_autoptr(db_mbox) m =
		patch("Content-type: kept\nContent-Type: dropped\n"
		      "Content-Transfer-Encoding: dropped\ndate: lower\n"
		      "Received: from a\n\tby b\n"
		      "X-Long: aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd "
		      "eeeeeeeeee ffffffffff gggggggggg",
		      "c", NULL, NULL);
	m->delegate_email = g_strdup("del@example.com");
	g_free(m->submitter_name);
	m->submitter_name = g_strdup("Doe, \"J\"");
	g_autofree char *got = render(m);

	g_assert_cmpstr(strstr(got, "X-Patchwork-Submitter"), ==,
			"X-Patchwork-Submitter: \"Doe, \\\"J\\\"\" "
			"<stephenfinucane@gmail.com>\n"
			"X-Patchwork-Id: 1\n"
			"X-Patchwork-Delegate: del@example.com\n"
			"Content-type: kept\ndate: lower\n"
			"Received: from a\n\tby b\n"
			"X-Long: aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd "
			"eeeeeeeeee "
			"ffffffffff\n gggggggggg\n\nc\n");
}

static void test_join_and_filename(void)
{
	g_autoptr(GPtrArray) list =
		g_ptr_array_new_with_free_func((GDestroyNotify)db_mbox_free);
	g_autoptr(GString) out = g_string_new(NULL);
	g_autoptr(GString) name = g_string_new("x");

	mbox_append_all(out, list);
	g_assert_cmpuint(out->len, ==, 0);
	g_ptr_array_add(list, patch("Subject: a", "1", NULL, NULL));
	g_ptr_array_add(list, patch("Subject: b", "2", NULL, NULL));
	mbox_append_all(out, list);
	g_assert_nonnull(strstr(out->str, "\n\n1\n\nFrom patchwork "));

	mbox_filename(name, "[1/2] test: Add some lorem ipsum");
	g_assert_cmpstr(name->str, ==, "x1-2-test-Add-some-lorem-ipsum");
	g_string_truncate(name, 0);
	mbox_filename(name, "--caf\xc3\xa9 v1.2_ok!--");
	g_assert_cmpstr(name->str, ==, "caf-v1.2_ok");
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/mbox/spec-example", test_spec_example);
	g_test_add_func("/mbox/dmarc", test_dmarc);
	g_test_add_func("/mbox/spec-bodies", test_spec_bodies);
	g_test_add_func("/mbox/tag-case", test_tag_case);
	g_test_add_func("/mbox/headers", test_headers);
	g_test_add_func("/mbox/join-and-filename", test_join_and_filename);
	return g_test_run();
}
