/*
 * Login, logout, password change and password reset (web-and-mbox.md
 * §4; docs/web.md "Accounts").
 *
 * Failed logins are counted in the database per client address and per
 * username ([http] login_failures_*): past a limit, logins are refused
 * without a password check until the window ends. Every darn serve
 * sharing the database sees the same counts.
 */
#include "web/accounts.h"

#include "core/password.h"
#include "http/cookie.h"
#include "http/csrf.h"
#include "http/session.h"
#include "http/throttle.h"
#include "web/auth.h"
#include "web/form-page.h"

/* Rows of login_failure kept at most (the oldest go first). */
#define LOGIN_FAILURE_ROWS 100000
/* A password reset link is valid this long at most. */
#define RESET_MAX_AGE_S 86400

static const char bad_login[] =
	"Please enter a correct username and password. Note that both "
	"fields may be case-sensitive.";
static const char throttled[] =
	"Too many failed login attempts. Please try again later.";
static const char required[] = "This field is required.";

static void login_page(struct web *w, int status, const char *error,
		       const char *username)
{
	struct form_page p;
	form_page_begin(&p, w, status, "Sign in to Patchwork");
	form_page_error(&p, error);
	form_page_form_begin(&p, NULL, "login");
	form_page_field(&p, &(struct form_field){"Username", "username", "text",
						 username, 150, TRUE, NULL});
	form_page_field(&p,
			&(struct form_field){"Password", "password", "password",
					     NULL, 0, TRUE, NULL});
	form_page_form_end(&p, "Login");
	html_markup(p.out, "<p><a href=\"/user/password-reset/\">"
			   "Forgot password?</a></p>\n");
	form_page_end(&p);
}

/* The two subjects a login is counted under. */
static void subjects(struct web *w, const char *username, char **address,
		     char **account)
{
	g_autofree char *key = http_throttle_address_key(
		w->req->remote_addr ? w->req->remote_addr : "");
	*address = g_strconcat("a:", key, NULL);
	*account = g_strconcat("u:", username, NULL);
}

static gint64 window_start(struct web *w)
{
	const struct http_accounts *a = w->req->accounts;
	gint64 window = a ? a->login_failure_window_s : 300;
	return g_get_real_time() - window * G_USEC_PER_SEC;
}

/* TRUE when the address or the account reached its limit. */
static enum db_status is_throttled(struct web *w, const char *address,
				   const char *account, gboolean *out,
				   GError **error)
{
	const struct http_accounts *a = w->req->accounts;
	int limits[2] = {a ? a->login_failures_per_address : 10,
			 a ? a->login_failures_per_account : 20};
	const char *subject[2] = {address, account};
	gint64 since = window_start(w);
	*out = FALSE;
	for (int i = 0; i < 2; i++) {
		gint64 n = 0;
		enum db_status st = db_login_failures(w->req->db, subject[i],
						      since, &n, error);
		if (st != DB_OK)
			return st;
		if (limits[i] && n >= limits[i])
			*out = TRUE;
	}
	return DB_OK;
}

static enum db_status count_failure(struct web *w, const char *address,
				    const char *account, GError **error)
{
	gint64 now = g_get_real_time(), since = window_start(w);
	enum db_status st = db_login_failure_prune(w->req->db, since,
						   LOGIN_FAILURE_ROWS, error);
	if (st == DB_OK)
		st = db_login_failure_add(w->req->db, address, now, since,
					  error);
	if (st == DB_OK)
		st = db_login_failure_add(w->req->db, account, now, since,
					  error);
	return st;
}

/* The user whose password this is, or NULL; a wrong username costs a
 * hash check too. */
static enum db_status check_password(struct web *w, const char *username,
				     const char *password, struct db_user **out,
				     GError **error)
{
	g_autoptr(db_user) u = NULL;
	g_autofree char *encoded = NULL;
	*out = NULL;
	enum db_status st =
		db_user_get_by_username(w->req->db, username, &u, error);
	if (st == DB_NOT_FOUND) {
		password_check_decoy(password);
		return DB_OK;
	}
	if (st == DB_OK)
		st = db_user_password(w->req->db, u->id, &encoded, error);
	if (st != DB_OK)
		return st;
	if (password_check(password, encoded) && u->is_active)
		*out = g_steal_pointer(&u);
	return DB_OK;
}

void web_login(struct web *w)
{
	if (csrf_safe_method(w->req->method)) {
		login_page(w, 200, NULL, NULL);
		return;
	}
	const char *username = web_form(w, "username");
	const char *password = web_form(w, "password");
	if (!username || !*username || !password || !*password ||
	    strlen(username) > 150 || strlen(password) > ACCOUNT_PASSWORD_MAX) {
		login_page(w, 200, bad_login, username);
		return;
	}
	g_autoptr(GError) error = NULL;
	g_autofree char *address = NULL, *account = NULL;
	subjects(w, username, &address, &account);
	gboolean refused;
	enum db_status st = is_throttled(w, address, account, &refused, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	if (refused) {
		login_page(w, 429, throttled, username);
		return;
	}
	g_autoptr(db_user) u = NULL;
	st = check_password(w, username, password, &u, &error);
	if (st == DB_OK && !u)
		st = count_failure(w, address, account, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	if (!u) {
		login_page(w, 200, bad_login, username);
		return;
	}
	/* Django logs in with a new session: any old one ends. */
	g_autofree char *csrf = NULL;
	st = db_login_failure_clear(w->req->db, account, &error);
	if (st == DB_OK)
		st = http_session_end(w->req, NULL, &error);
	if (st == DB_OK)
		st = db_user_set_last_login(w->req->db, u->id,
					    g_get_real_time(), &error);
	if (st == DB_OK)
		st = http_session_start(w->req, w->res, u->id, &csrf, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	/* Patchwork's LOGIN_REDIRECT_URL is the profile. */
	const char *next = request_param(w->req, "next");
	if (!next)
		next = web_form(w, "next");
	web_redirect(w, next && *next ? web_local_path(next) : "/user/");
}

void web_logout(struct web *w)
{
	if (csrf_safe_method(w->req->method)) {
		struct form_page p;
		/* Logging out changes state: the header's link leads here,
		 * and this button posts. */
		form_page_begin(&p, w, 200, "Logout");
		form_page_text(&p, w->user_id ? "Log out of Patchwork?"
					      : "You are not logged in.");
		form_page_form_begin(&p, NULL, NULL);
		form_page_form_end(&p, "Logout");
		form_page_end(&p);
		return;
	}
	g_autoptr(GError) error = NULL;
	enum db_status st = http_session_end(w->req, w->res, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	/* The CSRF secret was the session's: the next visitor gets another. */
	http_cookie_set(w->req, w->res, CSRF_COOKIE, "", 0, 0);
	web_redirect(w, "/");
}

/* The two new-password fields: the password, or NULL with *error. */
static const char *new_password(struct web *w, const char **error)
{
	const char *p1 = web_form(w, "new_password1");
	const char *p2 = web_form(w, "new_password2");
	*error = NULL;
	if (!p1 || !*p1 || !p2 || !*p2)
		*error = required;
	else if (strlen(p1) > ACCOUNT_PASSWORD_MAX)
		*error = "This password is too long.";
	else if (strcmp(p1, p2) != 0)
		*error = "The two password fields didn't match.";
	return *error ? NULL : p1;
}

static void new_password_fields(struct form_page *p, const char *error)
{
	form_page_field(p,
			&(struct form_field){"New password", "new_password1",
					     "password", NULL, 0, TRUE, NULL});
	form_page_field(p, &(struct form_field){"New password confirmation",
						"new_password2", "password",
						NULL, 0, TRUE, error});
}

/* Stores the user's new password and ends all their sessions. */
static enum db_status set_password(struct web *w, gint64 user_id,
				   const char *password, GError **error)
{
	g_autofree char *encoded = password_hash(password);
	enum db_status st =
		db_user_set_password(w->req->db, user_id, encoded, error);
	if (st == DB_OK)
		st = db_session_delete_user(w->req->db, user_id, error);
	return st;
}

static void password_change_page(struct web *w, const char *old_error,
				 const char *new_error)
{
	struct form_page p;
	form_page_begin(&p, w, 200, "Change password");
	form_page_form_begin(&p, NULL, "change password");
	form_page_field(&p, &(struct form_field){"Old password", "old_password",
						 "password", NULL, 0, TRUE,
						 old_error});
	new_password_fields(&p, new_error);
	form_page_form_end(&p, "Change password");
	form_page_end(&p);
}

void web_password_change(struct web *w)
{
	if (!web_require_login(w))
		return;
	if (csrf_safe_method(w->req->method)) {
		password_change_page(w, NULL, NULL);
		return;
	}
	const char *old = web_form(w, "old_password");
	const char *new_error;
	const char *password = new_password(w, &new_error);
	g_autoptr(GError) error = NULL;
	g_autofree char *encoded = NULL;
	enum db_status st =
		db_user_password(w->req->db, w->user_id, &encoded, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	gboolean old_ok = old && strlen(old) <= ACCOUNT_PASSWORD_MAX &&
			  password_check(old, encoded);
	if (!old_ok || !password) {
		password_change_page(
			w,
			old_ok ? NULL
			       : "Your old password was entered incorrectly. "
				 "Please enter it again.",
			new_error);
		return;
	}
	/* Other sessions end; this one goes on in a new session. */
	g_autofree char *csrf = NULL;
	gint64 user_id = w->user_id;
	st = set_password(w, user_id, password, &error);
	if (st == DB_OK)
		st = http_session_start(w->req, w->res, user_id, &csrf, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	web_redirect(w, "/user/password-change/done/");
}

void web_password_change_done(struct web *w)
{
	if (!web_require_login(w))
		return;
	struct form_page p;
	form_page_begin(&p, w, 200, "Password change complete");
	form_page_text(&p, "Your password has been changed.");
	form_page_end(&p);
}

static void password_reset_page(struct web *w, const char *email_error)
{
	struct form_page p;
	form_page_begin(&p, w, 200, "Reset password");
	form_page_text(&p, "Forgotten your password? Enter your email "
			   "address below, and we'll email instructions for "
			   "setting a new one.");
	form_page_form_begin(&p, NULL, "reset password");
	form_page_field(&p, &(struct form_field){"Email", "email", "email",
						 NULL, 254, TRUE, email_error});
	form_page_form_end(&p, "Reset my password");
	form_page_end(&p);
}

/* Django's uidb64: the user's id in URL-safe base64, unpadded. */
static char *uidb64(gint64 id)
{
	g_autofree char *uid = g_strdup_printf("%" G_GINT64_FORMAT, id);
	char *b64 = g_base64_encode((const guchar *)uid, strlen(uid));
	g_strdelimit(b64, "+", '-');
	g_strdelimit(b64, "/", '_');
	g_strdelimit(b64, "=", '\0');
	return b64;
}

/* Mails a reset link to the active user of `email`, if there is one. */
static enum db_status mail_reset_link(struct web *w, const char *email,
				      GError **error)
{
	gint64 id = 0;
	g_autoptr(db_user) u = NULL;
	enum db_status st = db_user_by_email(w->req->db, email, &id, error);
	if (st == DB_OK)
		st = db_user_get(w->req->db, id, &u, error);
	if (st == DB_NOT_FOUND || (st == DB_OK && !u->is_active))
		return DB_OK;
	g_autofree char *key = NULL;
	if (st == DB_OK)
		st = account_confirmation_new(w, CONFIRM_PASSWORD_RESET,
					      u->email, u->id, &key, error);
	if (st != DB_OK)
		return st;
	g_autofree char *uid = uidb64(u->id);
	g_autofree char *path =
		g_strdup_printf("/user/password-reset/%s/%s/", uid, key);
	g_autofree char *url = account_url(w, path);
	g_autofree char *body = g_strdup_printf(
		"You're receiving this email because you requested a password "
		"reset for your user account at Patchwork.\n\n"
		"Please go to the following page and choose a new password:\n\n"
		"%s\n\nYour username, in case you've forgotten: %s\n\n"
		"The link is valid for one day. If you did not ask for it, "
		"you can ignore this mail.\n",
		url, u->username);
	/* A failed mail looks like no mail: the page must not tell. */
	account_mail(w, u->email, "Password reset on Patchwork", body);
	return DB_OK;
}

void web_password_reset(struct web *w)
{
	if (csrf_safe_method(w->req->method)) {
		password_reset_page(w, NULL);
		return;
	}
	const char *email = web_form(w, "email");
	if (!email || !*email) {
		password_reset_page(w, required);
		return;
	}
	if (!account_email_valid(email, 254)) {
		password_reset_page(w, "Enter a valid email address.");
		return;
	}
	g_autoptr(GError) error = NULL;
	enum db_status st = mail_reset_link(w, email, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	web_redirect(w, "/user/password-reset/mail-sent/");
}

void web_password_reset_sent(struct web *w)
{
	struct form_page p;
	form_page_begin(&p, w, 200, "Password reset sent");
	form_page_text(&p, "We've emailed you instructions for setting your "
			   "password, if an account exists with the email "
			   "you entered. You should receive them shortly.");
	form_page_text(&p, "If you don't receive an email, please make sure "
			   "you've entered the address you registered with, "
			   "and check your spam folder.");
	form_page_end(&p);
}

/* The reset confirmation of the link's uidb64 and key, when valid. */
static enum db_status find_reset(struct web *w, struct db_confirmation *c,
				 GError **error)
{
	enum db_status st = account_confirmation_find(w, w->args[1], c, error);
	if (st != DB_OK)
		return st;
	g_autofree char *uid = uidb64(c->user_id);
	gint64 age = MIN(account_confirmation_age_s(w), RESET_MAX_AGE_S);
	if (strcmp(c->type, CONFIRM_PASSWORD_RESET) != 0 || !c->active ||
	    strcmp(uid, w->args[0]) != 0 ||
	    g_get_real_time() - c->date > age * G_USEC_PER_SEC)
		return DB_NOT_FOUND;
	return DB_OK;
}

static void reset_form(struct web *w, const char *error)
{
	struct form_page p;
	form_page_begin(&p, w, 200, "Enter new password");
	form_page_text(&p, "Please enter your new password twice so we can "
			   "verify you typed it in correctly.");
	form_page_form_begin(&p, NULL, "set password");
	new_password_fields(&p, error);
	form_page_form_end(&p, "Change my password");
	form_page_end(&p);
}

void web_password_reset_confirm(struct web *w)
{
	g_auto(db_confirmation) c = {0};
	g_autoptr(GError) error = NULL;
	enum db_status st = find_reset(w, &c, &error);
	if (st == DB_NOT_FOUND) {
		struct form_page p;
		form_page_begin(&p, w, 200, "Password reset unsuccessful");
		form_page_text(&p, "The password reset link was invalid, "
				   "possibly because it has already been "
				   "used. Please request a new password "
				   "reset.");
		form_page_end(&p);
		return;
	}
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	if (csrf_safe_method(w->req->method)) {
		reset_form(w, NULL);
		return;
	}
	const char *password_error;
	const char *password = new_password(w, &password_error);
	if (!password) {
		reset_form(w, password_error);
		return;
	}
	st = db_confirmation_use(w->req->db, c.id, &error);
	if (st == DB_OK)
		st = set_password(w, c.user_id, password, &error);
	if (st != DB_OK) {
		web_fail(w, st == DB_NOT_FOUND ? DB_ERROR : st, error);
		return;
	}
	web_redirect(w, "/user/login/");
}
