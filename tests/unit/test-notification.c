/*
 * Patch-change notifications (core/notification.c): Patchwork's
 * patch_change_callback() rule, the "all due" wait of
 * send_notifications(), the recipient check, and the mail's subject,
 * body and split; the extra header fields of mail/sendmail.c.
 */
#include "core/notification.h"
#include "mail/sendmail.h"

#include <string.h>

enum { NEW = 1, REVIEW = 2, ACCEPTED = 3 };

static void test_change_rule(void)
{
	/* a project without notifications, or no change: nothing */
	g_assert_cmpint(notification_change(FALSE, 0, NEW, ACCEPTED), ==,
			NOTIFICATION_NONE);
	g_assert_cmpint(notification_change(TRUE, 0, NEW, NEW), ==,
			NOTIFICATION_NONE);
	g_assert_cmpint(notification_change(TRUE, NEW, REVIEW, REVIEW), ==,
			NOTIFICATION_NONE);
	/* none pending: a new one */
	g_assert_cmpint(notification_change(TRUE, 0, NEW, REVIEW), ==,
			NOTIFICATION_CREATE);
	/* pending from New, now Accepted: touched, New kept */
	g_assert_cmpint(notification_change(TRUE, NEW, REVIEW, ACCEPTED), ==,
			NOTIFICATION_TOUCH);
	/* back at New: deleted */
	g_assert_cmpint(notification_change(TRUE, NEW, REVIEW, NEW), ==,
			NOTIFICATION_DELETE);
}

static void test_due(void)
{
	const gint64 times[] = {100, 200, 300};
	g_assert_true(notification_due(times, 3, 301));
	/* one younger than the limit holds back all of them */
	g_assert_false(notification_due(times, 3, 300));
	g_assert_false(notification_due(times, 0, 1000));
}

static void test_recipient(void)
{
	g_assert_true(notification_recipient_valid("ann@example.com"));
	g_assert_true(notification_recipient_valid("j.r+x@d\xc3\xa9.example"));
	const char *bad[] = {
		"",
		"<>",
		"ann",
		"@example.com",
		"ann@",
		"a b@x.org",
		"a@x.org, b@y.org",
		"<a@x.org>",
		"a@x.org\nBcc: b@y.org",
		"\"a\"@x.org",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++)
		if (notification_recipient_valid(bad[i]))
			g_error("accepted '%s'", bad[i]);
}

static const struct notification_item items[] = {
	{"net", "Networking", "[v2] fix a",
	 "https://pw.example/project/net/"
	 "patch/a@x/",
	 "New", "Accepted"},
	{"fs", "File systems", "fix b",
	 "https://pw.example/project/fs/patch/b@x/", "Under Review",
	 "Rejected"},
	{"net", "Networking", "fix c",
	 "https://pw.example/project/net/patch/c@x/", "New", "RFC"},
};

static void test_subject(void)
{
	g_autofree char *one = notification_mail_subject(items, 1);
	g_assert_cmpstr(one, ==, "[net] Patch notification: 1 patch updated");
	/* linknames sorted, each once */
	g_autofree char *three = notification_mail_subject(items, 3);
	g_assert_cmpstr(three, ==,
			"[fs,net] Patch notification: 3 patches updated");
}

static void test_body(void)
{
	g_autofree char *body = notification_mail_body(
		items, 2, "pw.example", "https://pw.example/mail/");
	g_assert_cmpstr(
		body, ==,
		"Hello,\n\nThe following patches (submitted by you) have been "
		"updated in Patchwork:\n\n"
		" * net: [v2] fix a\n"
		"     - https://pw.example/project/net/patch/a@x/\n"
		"     - for: Networking\n"
		"    was: New\n"
		"    now: Accepted\n\n"
		" * fs: fix b\n"
		"     - https://pw.example/project/fs/patch/b@x/\n"
		"     - for: File systems\n"
		"    was: Under Review\n"
		"    now: Rejected\n\n"
		"This email is a notification only - you do not need to "
		"respond.\n\nHappy patchworking.\n\n--\n\n"
		"This is an automated mail sent by the Patchwork system at\n"
		"pw.example. To stop receiving these notifications, edit\n"
		"your mail settings at:\n  https://pw.example/mail/\n");
	g_autofree char *one = notification_mail_body(items, 1, "d", "u");
	g_assert_true(g_str_has_prefix(one, "Hello,\n\nThe following patch "
					    "(submitted by you) has been"));
}

static void test_fit(void)
{
	g_assert_cmpuint(notification_mail_fit(items, 3, 100000), ==, 3);
	g_assert_cmpuint(notification_mail_fit(items, 3, 200), ==, 1);
	/* at least one, however small the room */
	g_assert_cmpuint(notification_mail_fit(items, 3, 1), ==, 1);
	g_assert_cmpuint(notification_mail_fit(items, 0, 1), ==, 0);

	/* a huge name is cut at a character boundary, so one item always
	 * fits in a mail */
	g_autoptr(GString) name = g_string_new(NULL);
	while (name->len < 5 * NOTIFICATION_FIELD_MAX)
		g_string_append(name, "\xc3\xa9");
	struct notification_item big = items[0];
	big.name = name->str;
	g_autofree char *body = notification_mail_body(&big, 1, "d", "u");
	g_assert_true(g_utf8_validate(body, -1, NULL));
	g_assert_cmpuint(strlen(body), <, 2 * NOTIFICATION_FIELD_MAX);
}

static void test_sendmail_headers(void)
{
	const char *const headers[] = {"Precedence: bulk",
				       "X-Patchwork-Hint: ignore", NULL};
	struct outgoing_mail m = {"pw@x.example", "ann@example.com", "S",
				  "body\n", headers};
	g_autofree char *msg = sendmail_message(&m, NULL);
	g_assert_nonnull(strstr(msg, "\nPrecedence: bulk\n"
				     "X-Patchwork-Hint: ignore\n\nbody\n"));
	/* a field is one line and has a name */
	const char *const broken[] = {"Precedence: bulk\nBcc: x@y", NULL};
	m.headers = broken;
	g_autoptr(GError) error = NULL;
	g_assert_null(sendmail_message(&m, &error));
	const char *const nameless[] = {": bulk", NULL};
	m.headers = nameless;
	g_clear_error(&error);
	g_assert_null(sendmail_message(&m, &error));

	g_autofree char *from =
		sendmail_default_from("https://pw.example:8000/x");
	g_assert_cmpstr(from, ==, "Patchwork <darn@pw.example>");
	g_autofree char *local = sendmail_default_from(NULL);
	g_assert_cmpstr(local, ==, "Patchwork <darn@localhost>");
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/notification/change", test_change_rule);
	g_test_add_func("/notification/due", test_due);
	g_test_add_func("/notification/recipient", test_recipient);
	g_test_add_func("/notification/subject", test_subject);
	g_test_add_func("/notification/body", test_body);
	g_test_add_func("/notification/fit", test_fit);
	g_test_add_func("/notification/sendmail-headers",
			test_sendmail_headers);
	return g_test_run();
}
