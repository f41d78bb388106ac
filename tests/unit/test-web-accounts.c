/*
 * The rules of accounts on the web: Django's CSRF tokens (masking,
 * unmasking, the check with its origin rules, http/csrf.c), cookies
 * (http/cookie.c), posted forms, local next= paths and the CSRF check of
 * pages (web/auth.c), addresses and usernames (web/confirm.c), and the
 * mail darn sends (mail/sendmail.c).
 */
#include "http/cookie.h"
#include "http/csrf.h"
#include "mail/sendmail.h"
#include "web/accounts.h"
#include "web/auth.h"

static void test_mask(void)
{
	g_autofree char *secret = csrf_secret_new();
	g_assert_true(csrf_secret_valid(secret));
	g_autofree char *a = csrf_mask(secret);
	g_autofree char *b = csrf_mask(secret);
	g_assert_cmpuint(strlen(a), ==, CSRF_TOKEN_LEN);
	/* a fresh mask each time, the same secret inside */
	g_assert_cmpstr(a, !=, b);
	g_autofree char *ua = csrf_unmask(a);
	g_autofree char *ub = csrf_unmask(b);
	g_assert_cmpstr(ua, ==, secret);
	g_assert_cmpstr(ub, ==, secret);
	/* the secret itself passes as Django's unmasked form */
	g_autofree char *plain = csrf_unmask(secret);
	g_assert_cmpstr(plain, ==, secret);
	/* Django's own vector: mask "a"*32 over secret "b"*32 */
	g_autofree char *django =
		csrf_unmask("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaacccccccccccccccccc"
			    "cccccccccccccc");
	g_assert_cmpstr(django, ==, "cccccccccccccccccccccccccccccccc");
	g_autofree char *d2 = csrf_unmask("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbcccc"
					  "cccccccccccccccccccccccccccc");
	g_assert_cmpstr(d2, ==, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
}

static void test_malformed(void)
{
	static const char *const bad[] = {
		"",
		"short",
		"abc!efghijklmnopqrstuvwxyz012345",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaacccccccccccccccccccccccccccccc"
		"c-",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaacccccccccccccccccccccccccccccc"
		"ccc",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autofree char *s = csrf_unmask(bad[i]);
		g_assert_null(s);
		g_assert_false(csrf_secret_valid(bad[i]));
	}
	g_assert_null(csrf_unmask(NULL));
}

static void request_with(struct request *req, const char *method,
			 const char *base, const char *origin,
			 const char *referer)
{
	request_init(req);
	req->method = g_strdup(method);
	req->path = g_strdup("/user/login/");
	req->base_url = g_strdup(base);
	req->origin = g_strdup(origin);
	req->referer = g_strdup(referer);
}

static void test_check(void)
{
	const char *secret = "abcdefghijklmnopqrstuvwxyz012345";
	g_autofree char *token = csrf_mask(secret);
	static const struct {
		const char *base, *origin, *referer;
		const char *token;  /* "T": the good token */
		const char *reason; /* NULL: passes; else its prefix */
	} v[] = {
		{"http://x.example", NULL, NULL, "T", NULL},
		{"http://x.example", "http://x.example", NULL, "T", NULL},
		{"http://x.example", "http://X.EXAMPLE", NULL, "T", NULL},
		{"http://x.example", "http://evil.example", NULL, "T",
		 "Origin checking failed"},
		{"http://x.example", "null", NULL, "T",
		 "Origin checking failed"},
		{"http://x.example", NULL, NULL, NULL, "CSRF token missing."},
		{"http://x.example", NULL, NULL, "", "CSRF token missing."},
		{"http://x.example", NULL, NULL,
		 "abcdefghijklmnopqrstuvwxyz012346", "CSRF token incorrect."},
		{"http://x.example", NULL, NULL,
		 "abcdefghijklmnopqrstuvwxyz012345", NULL},
		{"http://x.example", NULL, NULL, "garbage",
		 "CSRF token incorrect."},
		/* under https a Referer of the site is needed without Origin */
		{"https://x.example", NULL, NULL, "T",
		 "Referer checking failed"},
		{"https://x.example", NULL, "https://x.example/user/login/",
		 "T", NULL},
		{"https://x.example", NULL, "https://x.example.evil/", "T",
		 "Referer checking failed"},
		{"https://x.example", NULL, "http://x.example/", "T",
		 "Referer checking failed"},
		{"https://x.example", "https://x.example", NULL, "T", NULL},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(v); i++) {
		struct request req;
		request_with(&req, "POST", v[i].base, v[i].origin,
			     v[i].referer);
		const char *t = v[i].token && strcmp(v[i].token, "T") == 0
					? token
					: v[i].token;
		g_autofree char *reason = csrf_check(&req, secret, t);
		if (v[i].reason) {
			g_assert_nonnull(reason);
			g_assert_true(g_str_has_prefix(reason, v[i].reason));
		} else {
			g_assert_null(reason);
		}
		request_clear(&req);
	}
	/* no secret: nothing passes */
	struct request req;
	request_with(&req, "POST", "http://x.example", NULL, NULL);
	g_autofree char *reason = csrf_check(&req, NULL, token);
	g_assert_cmpstr(reason, ==, "CSRF cookie not set.");
	request_clear(&req);
}

static void test_safe_methods(void)
{
	static const char *const safe[] = {"GET", "HEAD", "OPTIONS", "TRACE"};
	static const char *const unsafe[] = {"POST",   "PUT", "PATCH",
					     "DELETE", "get", "PROPFIND"};
	for (gsize i = 0; i < G_N_ELEMENTS(safe); i++)
		g_assert_true(csrf_safe_method(safe[i]));
	for (gsize i = 0; i < G_N_ELEMENTS(unsafe); i++)
		g_assert_false(csrf_safe_method(unsafe[i]));
}

static void test_cookie(void)
{
	static const struct {
		const char *header, *name, *value;
	} v[] = {
		{"sessionid=abc", "sessionid", "abc"},
		{"a=1; sessionid=abc; b=2", "sessionid", "abc"},
		{"a=1;sessionid=\"abc\"", "sessionid", "abc"},
		{"xsessionid=abc", "sessionid", NULL},
		{"sessionidx=abc", "sessionid", NULL},
		{"csrftoken=; sessionid=", "sessionid", ""},
		{"", "sessionid", NULL},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(v); i++) {
		g_autofree char *value =
			http_cookie_get(v[i].header, v[i].name);
		g_assert_cmpstr(value, ==, v[i].value);
	}
	g_autofree char *longer = g_strnfill(HTTP_COOKIE_MAX + 1, 'a');
	g_autofree char *header = g_strconcat("sessionid=", longer, NULL);
	g_autofree char *value = http_cookie_get(header, "sessionid");
	g_assert_null(value);
}

static void test_set_cookie(void)
{
	static const struct {
		const char *base;
		unsigned flags;
		const char *want;
	} v[] = {
		{"http://x.example", HTTP_COOKIE_HTTPONLY,
		 "sessionid=k; Path=/; Max-Age=60; HttpOnly; SameSite=Lax"},
		{"https://x.example", HTTP_COOKIE_HTTPONLY,
		 "sessionid=k; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; "
		 "Secure"},
		{"HTTPS://x.example", 0,
		 "sessionid=k; Path=/; Max-Age=60; SameSite=Lax; Secure"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(v); i++) {
		struct request req;
		struct response res;
		request_with(&req, "GET", v[i].base, NULL, NULL);
		response_init(&res);
		http_cookie_set(&req, &res, "sessionid", "k", 60, v[i].flags);
		g_assert_cmpstr(response_get_header(&res, "Set-Cookie"), ==,
				v[i].want);
		g_assert_cmpstr(response_get_header(&res, "Cache-Control"), ==,
				"no-store");
		response_clear(&res);
		request_clear(&req);
	}
}

static void test_local_path(void)
{
	static const struct {
		const char *next, *want;
	} v[] = {
		{"/user/", "/user/"},
		{"/project/x/list/?state=*", "/project/x/list/?state=*"},
		{"//evil.example/", "/"},
		{"/\\evil.example", "/"},
		{"http://evil.example/", "/"},
		{"javascript:alert(1)", "/"},
		{"/user/\r\nSet-Cookie: x=1", "/"},
		{"", "/"},
		{NULL, "/"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(v); i++)
		g_assert_cmpstr(web_local_path(v[i].next), ==, v[i].want);
}

/* A posted form as web/auth.c reads it, with its CSRF check. */
static void test_form(void)
{
	const char *secret = "abcdefghijklmnopqrstuvwxyz012345";
	g_autofree char *token = csrf_mask(secret);
	g_autofree char *body = g_strdup_printf(
		"csrfmiddlewaretoken=%s&username=J%%C3%%A9+R&empty=&bare&"
		"username=last&bad=%%zz%%4",
		token);
	struct request req;
	struct response res;
	request_with(&req, "POST", "http://x.example", NULL, NULL);
	req.content_type = g_strdup("application/x-www-form-urlencoded");
	req.body = g_bytes_new(body, strlen(body));
	req.cookie = g_strdup("csrftoken=abcdefghijklmnopqrstuvwxyz012345");
	response_init(&res);
	struct web w = {.req = &req, .res = &res};
	w.session = g_new0(struct web_session, 1);
	g_assert_cmpstr(web_form(&w, "username"), ==, "last");
	g_assert_cmpstr(web_form(&w, "empty"), ==, "");
	g_assert_cmpstr(web_form(&w, "bare"), ==, "");
	g_assert_cmpstr(web_form(&w, "bad"), ==, "%zz%4");
	g_assert_null(web_form(&w, "missing"));
	g_assert_true(web_csrf_passes(&w));
	web_auth_end(&w);

	/* another cookie's secret: refused with Django's 403 */
	g_free(req.cookie);
	req.cookie = g_strdup("csrftoken=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
	w.session = g_new0(struct web_session, 1);
	g_assert_false(web_csrf_passes(&w));
	g_assert_cmpint(res.status, ==, 403);
	web_auth_end(&w);
	response_clear(&res);
	request_clear(&req);
}

static void test_email(void)
{
	static const struct {
		const char *email;
		gboolean ok;
	} v[] = {
		{"jane@example.com", TRUE},
		{"Jane.Doe+patches@mail.example.co.uk", TRUE},
		{"o'brien@example.com", TRUE},
		{"jane@localhost", FALSE},
		{"jane@@example.com", FALSE},
		{"jane@exa mple.com", FALSE},
		{"jane doe@example.com", FALSE},
		{"jane@example.com\r\nBcc: all@example.com", FALSE},
		{"jane@example.com, other@example.com", FALSE},
		{"<jane@example.com>", FALSE},
		{".jane@example.com", FALSE},
		{"jane.@example.com", FALSE},
		{"ja..ne@example.com", FALSE},
		{"jane@-example.com", FALSE},
		{"jane@example.com.", FALSE},
		{"@example.com", FALSE},
		{"jane@", FALSE},
		{"", FALSE},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(v); i++)
		g_assert_cmpint(account_email_valid(v[i].email, 100), ==,
				v[i].ok);
	g_assert_false(account_email_valid("a@example.com", 5));
}

static void test_username(void)
{
	g_assert_true(account_username_valid("jane_doe2"));
	g_assert_true(account_username_valid("J\xc3\xa9r\xc3\xb4me"));
	g_assert_false(account_username_valid("jane doe"));
	g_assert_false(account_username_valid("jane-doe"));
	g_assert_false(account_username_valid(""));
	g_assert_false(account_username_valid("<b>"));
	g_assert_true(account_username_valid("a23456789012345678901234567890"));
	g_assert_false(
		account_username_valid("a234567890123456789012345678901"));
}

static void test_message(void)
{
	struct outgoing_mail m = {
		"Patchwork <pw@x.example>", "jane@example.com",
		"Patchwork account confirmation", "Hi,\r\n\r\nlink\n", NULL};
	g_autofree char *msg = sendmail_message(&m, NULL);
	g_assert_nonnull(msg);
	g_assert_true(g_str_has_prefix(msg, "From: Patchwork <pw@x.example>\n"
					    "To: jane@example.com\n"
					    "Subject: Patchwork account "
					    "confirmation\n"));
	g_assert_true(g_str_has_suffix(msg, "\n\nHi,\n\nlink\n"));
	g_assert_nonnull(strstr(msg, "@x.example>\nMIME-Version: 1.0\n"));

	/* a header value with a line break would add a header */
	m.to = "jane@example.com\nBcc: all@example.com";
	g_autoptr(GError) error = NULL;
	g_assert_null(sendmail_message(&m, &error));
	g_assert_nonnull(error);

	/* non-ASCII subjects are encoded */
	m.to = "jane@example.com";
	m.subject = "J\xc3\xa9r\xc3\xb4me";
	g_autofree char *enc = sendmail_message(&m, NULL);
	g_assert_nonnull(strstr(enc, "\nSubject: =?utf-8?b?SsOpcsO0bWU=?=\n"));

	/* bounded */
	g_autofree char *big = g_strnfill(SENDMAIL_MAX_BYTES, 'x');
	m.body = big;
	g_clear_error(&error);
	g_assert_null(sendmail_message(&m, &error));
}

static void test_send(void)
{
	struct outgoing_mail m = {"pw@x.example", "jane@example.com", "S",
				  "body\n", NULL};
	g_autoptr(GError) error = NULL;
	/* commands that read the whole mail, as a sendmail does: one that
	 * exits first may leave it unread (EPIPE), and that is a failure
	 * (xargs -0 reads it all and hands it to true as one argument) */
	g_assert_true(
		sendmail_send("/usr/bin/xargs -0 /bin/true -t -i", &m, &error));
	g_assert_false(sendmail_send("/bin/false", &m, &error));
	g_clear_error(&error);
	g_assert_false(sendmail_send("/nonexistent/sendmail -t", &m, &error));
	g_clear_error(&error);
	/* no shell: the ; is an argument of true, not a second command */
	g_autofree char *marker =
		g_build_filename(g_get_tmp_dir(), "darn-sendmail-marker", NULL);
	g_autofree char *cmd = g_strdup_printf(
		"/usr/bin/xargs -0 /bin/true ; touch %s", marker);
	g_assert_true(sendmail_send(cmd, &m, NULL));
	g_assert_false(g_file_test(marker, G_FILE_TEST_EXISTS));
	/* a command that exits without reading: EPIPE (or not, as the
	 * race goes), never a SIGPIPE that would stop the process */
	g_autofree char *big = g_strnfill(SENDMAIL_MAX_BYTES - 1000, 'x');
	m.body = big;
	(void)sendmail_send("/bin/true", &m, NULL);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/web-accounts/csrf-mask", test_mask);
	g_test_add_func("/web-accounts/csrf-malformed", test_malformed);
	g_test_add_func("/web-accounts/csrf-check", test_check);
	g_test_add_func("/web-accounts/safe-methods", test_safe_methods);
	g_test_add_func("/web-accounts/cookie", test_cookie);
	g_test_add_func("/web-accounts/set-cookie", test_set_cookie);
	g_test_add_func("/web-accounts/local-path", test_local_path);
	g_test_add_func("/web-accounts/form", test_form);
	g_test_add_func("/web-accounts/email", test_email);
	g_test_add_func("/web-accounts/username", test_username);
	g_test_add_func("/web-accounts/message", test_message);
	g_test_add_func("/web-accounts/send", test_send);
	return g_test_run();
}
