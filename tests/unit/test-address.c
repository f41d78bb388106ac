/*
 * Tests for mail/address.c: ingest.md §7.1's vectors, the §7.3 reference
 * cases, and several hundred From values checked against Python's `re`
 * running Patchwork's expressions (tests/data/address-vectors.tsv, written
 * by tests/tools/gen-address-vectors.py), which must all agree.
 */
#include <glib.h>
#include <string.h>

#include "mail/address.h"
#include "tsv.h"

static void check_split(const char *from, const char *want_name,
			const char *want_email)
{
	g_autofree char *name = NULL, *email = NULL;

	address_split(from, &name, &email);
	g_assert_cmpstr(name, ==, want_name);
	g_assert_cmpstr(email, ==, want_email);
}

static void test_spec_vectors(void)
{
	check_split("\"Doe, John\" <john@example.com>", "Doe, John",
		    "john@example.com");
	check_split("john at example.com (John Doe)", "John Doe",
		    "john@example.com");
	check_split("john@example.com (John Doe)", "John Doe",
		    "john@example.com");
	check_split("john@example.com", NULL, "john@example.com");
	check_split("<john@example.com>", "", "john@example.com");
	check_split("John \"Q\" Doe <j@example.com>", "John \"Q\" Doe",
		    "j@example.com");
	check_split("'John' <j@example.com>", "'John'", "j@example.com");
	check_split("john@localhost", NULL, NULL);
	check_split("", NULL, NULL);
	check_split("\xc3\xa9xample user <user@example.com>",
		    "\xc3\xa9xample user", "user@example.com");
}

static void test_trimmed(void)
{
	g_autofree char *name = NULL, *email = NULL;
	g_autofree char *long_name = g_strnfill(300, 'n');
	g_autofree char *from = g_strdup_printf(
		"\xe3\x80\x80%s\xc2\xa0 <a@example.com>", long_name);

	address_split_trimmed("\"  Jane \" <a@example.com>", &name, &email);
	g_assert_cmpstr(name, ==, "Jane");
	g_assert_cmpstr(email, ==, "a@example.com");
	g_clear_pointer(&name, g_free);
	g_clear_pointer(&email, g_free);

	/* stripped of Unicode white space, then cut to 255 characters */
	address_split_trimmed(from, &name, &email);
	g_assert_cmpuint(strlen(name), ==, 255);
	g_assert_cmpstr(email, ==, "a@example.com");
}

static void test_email_valid(void)
{
	g_assert_true(address_email_valid("a.b-c+d@ex-ample.co.uk"));
	g_assert_true(address_email_valid("\xc3\xbc@example.com"));
	g_assert_true(address_email_valid("a@example.com\n"));
	g_assert_false(address_email_valid("a@example.com\n\n"));
	g_assert_false(address_email_valid("john@localhost"));
	g_assert_false(address_email_valid("a..b@example.com"));
	g_assert_false(address_email_valid("a@-example.com"));
	g_assert_false(address_email_valid("a@ex\xc3\xa4mple.com"));
	g_assert_false(address_email_valid("o'neil@example.com"));
	g_assert_false(address_email_valid(""));
	g_assert_false(address_email_valid("\xff@example.com"));
}

static void test_via(void)
{
	static const char *const v[][2] = {
		{"Existing Sender via List", "Existing Sender"},
		{"'Existing Sender' via List", "Existing Sender"},
		{"'Existing Sender' via", "Existing Sender"},
		{"'Existing Sender'", NULL},
		{"a via b via c", "a via b"},
		{"' a ' via b", " a "},
		{"Sender via", "Sender"},
		{"Sendervia", NULL},
		{"", NULL},
		{" via ", ""},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(v); i++) {
		g_autofree char *got = address_via_stripped_name(v[i][0]);
		g_assert_cmpstr(got, ==, v[i][1]);
	}
	g_assert_null(address_via_stripped_name(NULL));
}

struct sender_case {
	const char *name, *email, *original_from;
	const char *headers[4]; /* Reply-To then Cc values; "\x01" = NULL */
	gboolean ok;
	const char *want_name, *want_email;
};

static void check_sender(const struct sender_case *c)
{
	g_autoptr(GPtrArray) hdrs = g_ptr_array_new();
	g_autofree char *name = NULL, *email = NULL;
	gboolean ok;

	for (gsize i = 0; i < G_N_ELEMENTS(c->headers) && c->headers[i]; i++)
		g_ptr_array_add(hdrs, strcmp(c->headers[i], "\x01") == 0
					      ? NULL
					      : (gpointer)c->headers[i]);
	ok = address_original_sender(c->name, c->email, c->original_from, hdrs,
				     &name, &email);
	g_assert_cmpint(ok, ==, c->ok);
	if (!ok)
		return;
	g_assert_cmpstr(name, ==, c->want_name);
	g_assert_cmpstr(email, ==, c->want_email);
}

static void test_original_sender(void)
{
	static const struct sender_case cases[] = {
		/* Mailman: Reply-To, or Cc, or among several of them */
		{"Existing Sender via List",
		 "list@example.com",
		 NULL,
		 {"Existing Sender <existing@example.com>"},
		 TRUE,
		 "Existing Sender",
		 "existing@example.com"},
		{"Existing Sender via List",
		 "list@example.com",
		 NULL,
		 {"Other <o@example.com>, Existing Sender "
		  "<existing@example.com>"},
		 TRUE,
		 "Existing Sender",
		 "existing@example.com"},
		{"Existing Sender via List",
		 "list@example.com",
		 NULL,
		 {"Other <o@example.com>", "x@example.com",
		  "Existing Sender <existing@example.com>"},
		 TRUE,
		 "Existing Sender",
		 "existing@example.com"},
		/* nothing matches: unchanged */
		{"Existing Sender via List",
		 "list@example.com",
		 NULL,
		 {"Other <o@example.com>"},
		 TRUE,
		 "Existing Sender via List",
		 "list@example.com"},
		/* Google Groups: X-Original-From wins */
		{"'Existing Sender' via List",
		 "list@example.com",
		 "Existing Sender <existing@example.com>",
		 {"Other <o@example.com>"},
		 TRUE,
		 "Existing Sender",
		 "existing@example.com"},
		{"'Existing Sender' via",
		 "list@example.com",
		 "Existing Sender <existing@example.com>",
		 {NULL},
		 TRUE,
		 "Existing Sender",
		 "existing@example.com"},
		{"'Existing Sender'",
		 "list@example.com",
		 "Existing Sender <existing@example.com>",
		 {NULL},
		 TRUE,
		 NULL,
		 "existing@example.com"},
		{"'Existing Sender' via List",
		 "list@example.com",
		 "",
		 {NULL},
		 TRUE,
		 "'Existing Sender' via List",
		 "list@example.com"},
		/* quirks where the reference raises */
		{NULL, "list@example.com", NULL, {NULL}, FALSE, NULL, NULL},
		{"X via L",
		 "list@example.com",
		 "not an address",
		 {NULL},
		 FALSE,
		 NULL,
		 NULL},
		{"X via L",
		 "list@example.com",
		 NULL,
		 {"\x01"},
		 FALSE,
		 NULL,
		 NULL},
		/* no " via ": stripped is None, which equals a piece's None
		 * name; the leading space of " b@example.com" makes its
		 * email None too, so the reference fails later */
		{"",
		 "list@example.com",
		 NULL,
		 {"a@example.com"},
		 TRUE,
		 NULL,
		 "a@example.com"},
		{"",
		 "list@example.com",
		 NULL,
		 {"A <a@example.com>, b@example.com"},
		 TRUE,
		 NULL,
		 NULL},
		/* a match stops the search before an undecodable header */
		{"X via L",
		 "list@example.com",
		 NULL,
		 {"X <x@example.com>", "\x01"},
		 TRUE,
		 "X",
		 "x@example.com"},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++)
		check_sender(&cases[i]);
}

static void test_python_vectors(void)
{
	g_autoptr(GPtrArray) rows = tsv_load("address-vectors.tsv", 4);
	guint bad = 0;

	g_assert_cmpuint(rows->len, >=, 300);
	for (guint i = 0; i < rows->len; i++) {
		char **r = ((struct tsv_row *)rows->pdata[i])->f;
		g_autofree char *name = NULL, *email = NULL, *via = NULL;

		address_split(r[0], &name, &email);
		if (name)
			via = address_via_stripped_name(name);
		if (g_strcmp0(name, r[1]) != 0 || g_strcmp0(email, r[2]) != 0 ||
		    g_strcmp0(via, r[3]) != 0) {
			if (bad++ < 20)
				g_printerr("from '%s': got (%s, %s, %s), "
					   "Python (%s, %s, %s)\n",
					   r[0], name, email, via, r[1], r[2],
					   r[3]);
		}
	}
	g_assert_cmpuint(bad, ==, 0);
}

/* Long hostile values stay fast (each scanner is linear). */
static void test_long_values(void)
{
	GString *s = g_string_new(NULL);
	g_autofree char *name = NULL, *email = NULL;

	for (int i = 0; i < 20000; i++)
		g_string_append(s, "x at y ");
	g_string_append(s, "(z");
	address_split(s->str, &name, &email);
	g_assert_null(name);
	g_assert_null(email);
	g_clear_pointer(&name, g_free);

	g_string_truncate(s, 0);
	for (int i = 0; i < 20000; i++)
		g_string_append(s, "\"   <");
	address_split(s->str, &name, &email);
	g_assert_null(name);
	g_string_free(s, TRUE);
}

/* Arbitrary bytes (not even UTF-8) never crash the scanners. */
static void test_any_bytes(void)
{
	static const char alphabet[] = "\"'<>() at@.,via\n\xc2\xa0\xff\xe3";
	char buf[40];

	for (int round = 0; round < 20000; round++) {
		gsize len = g_test_rand_int_range(0, sizeof(buf));
		g_autofree char *name = NULL, *email = NULL, *via = NULL;

		for (gsize i = 0; i < len; i++)
			buf[i] = alphabet[g_test_rand_int_range(
				0, sizeof(alphabet) - 1)];
		buf[len] = '\0';
		address_split_trimmed(buf, &name, &email);
		via = address_via_stripped_name(buf);
	}
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/address/spec-vectors", test_spec_vectors);
	g_test_add_func("/address/trimmed", test_trimmed);
	g_test_add_func("/address/email-valid", test_email_valid);
	g_test_add_func("/address/via", test_via);
	g_test_add_func("/address/original-sender", test_original_sender);
	g_test_add_func("/address/python-vectors", test_python_vectors);
	g_test_add_func("/address/long-values", test_long_values);
	g_test_add_func("/address/any-bytes", test_any_bytes);
	return g_test_run();
}
