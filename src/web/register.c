/*
 * Registration with e-mail confirmation and linking another address to
 * an account (web-and-mbox.md §5.9).
 *
 * Neither page tells whether an address has an account: registering
 * with an address in use answers as a registration does, and the mail
 * goes to that address, which alone learns that it has an account
 * (Patchwork's form says so to anybody, naming the account).
 */
#include "web/accounts.h"

#include "core/password.h"
#include "http/csrf.h"
#include "web/auth.h"
#include "web/form-page.h"

struct registration {
	const char *first_name, *last_name, *email, *username, *password;
	/* per field, NULL when fine */
	const char *first_name_error, *last_name_error, *email_error,
		*username_error, *password_error;
};

static const char required[] = "This field is required.";

static void register_page(struct web *w, const struct registration *r)
{
	struct form_page p;
	form_page_begin(&p, w, 200, "Registration");
	html_markup(p.out, "<p>By creating a Patchwork account, you can:</p>\n"
			   "<ul>\n<li>create \"bundles\" of patches</li>\n"
			   "<li>update the state of your own patches</li>\n"
			   "</ul>\n");
	form_page_form_begin(&p, NULL, "register");
	form_page_field(&p,
			&(struct form_field){"First name", "first_name", "text",
					     r->first_name, ACCOUNT_NAME_MAX,
					     FALSE, r->first_name_error});
	form_page_field(&p,
			&(struct form_field){"Last name", "last_name", "text",
					     r->last_name, ACCOUNT_NAME_MAX,
					     FALSE, r->last_name_error});
	form_page_field(&p, &(struct form_field){
				    "Email address", "email", "email", r->email,
				    ACCOUNT_EMAIL_MAX, TRUE, r->email_error});
	form_page_field(&p, &(struct form_field){"Username", "username", "text",
						 r->username, ACCOUNT_NAME_MAX,
						 TRUE, r->username_error});
	form_page_field(&p,
			&(struct form_field){"Password", "password", "password",
					     NULL, 0, TRUE, r->password_error});
	form_page_form_end(&p, "Register");
	form_page_end(&p);
}

static gboolean name_ok(const char *name)
{
	return !name || (g_utf8_validate(name, -1, NULL) &&
			 g_utf8_strlen(name, -1) <= ACCOUNT_NAME_MAX);
}

/* Fills r from the form; FALSE when a field is wrong. */
static gboolean read_form(struct web *w, struct registration *r)
{
	r->first_name = web_form(w, "first_name");
	r->last_name = web_form(w, "last_name");
	r->email = web_form(w, "email");
	r->username = web_form(w, "username");
	r->password = web_form(w, "password");
	if (!name_ok(r->first_name))
		r->first_name_error =
			"Ensure this value has at most 30 characters.";
	if (!name_ok(r->last_name))
		r->last_name_error =
			"Ensure this value has at most 30 characters.";
	if (!r->email || !*r->email)
		r->email_error = required;
	else if (!account_email_valid(r->email, ACCOUNT_EMAIL_MAX))
		r->email_error = "Enter a valid email address.";
	if (!r->username || !*r->username)
		r->username_error = required;
	else if (!account_username_valid(r->username))
		r->username_error = "Enter a valid username (letters, digits "
				    "and _, at most 30).";
	if (!r->password || !*r->password)
		r->password_error = required;
	else if (strlen(r->password) > ACCOUNT_PASSWORD_MAX)
		r->password_error = "This password is too long.";
	return !r->first_name_error && !r->last_name_error && !r->email_error &&
	       !r->username_error && !r->password_error;
}

/* A new registration confirmation for the user, mailed. */
static enum db_status mail_activation(struct web *w, const char *email,
				      gint64 user_id, gboolean *sent,
				      GError **error)
{
	return account_confirm_by_mail(
		w, CONFIRM_REGISTRATION, email, user_id,
		"Patchwork account confirmation",
		"Hi,\n\nThis email is to confirm your account on the patchwork "
		"patch-tracking\nsystem. You can activate your account by "
		"visiting the url:\n\n ",
		"\n\nIf you didn't request a new account, you can ignore this "
		"mail.\n\nHappy patchworking.\n",
		sent, error);
}

/* The mail to an address that has an account already: its user may have
 * forgotten, or somebody else typed it. An account never activated gets
 * a new activation link. */
static enum db_status mail_existing(struct web *w, gint64 user_id,
				    gboolean *sent, GError **error)
{
	g_autoptr(db_user) u = NULL;
	enum db_status st = db_user_get(w->req->db, user_id, &u, error);
	if (st != DB_OK)
		return st;
	if (!u->is_active)
		return mail_activation(w, u->email, u->id, sent, error);
	g_autofree char *url = account_url(w, "/user/password-reset/");
	g_autofree char *body = g_strdup_printf(
		"Hi,\n\nSomebody asked to register a new patchwork account "
		"with this address,\nwhich has an account already: its "
		"username is %s.\n\nIf you forgot its password, you can set a "
		"new one at\n\n %s\n\nIf you did not ask, you can ignore this "
		"mail.\n",
		u->username, url);
	*sent = account_mail(w, u->email, "Patchwork account confirmation",
			     body);
	return DB_OK;
}

/* Creates the inactive user and mails its activation link. */
static enum db_status create_user(struct web *w, const struct registration *r,
				  gboolean *sent, GError **error)
{
	gint64 id = 0;
	g_autoptr(db_user) u = NULL;
	enum db_status st =
		db_user_insert(w->req->db, r->username, r->email, &id, error);
	if (st == DB_OK)
		st = db_user_get(w->req->db, id, &u, error);
	if (st != DB_OK)
		return st;
	g_free(u->first_name);
	u->first_name =
		g_strstrip(g_strdup(r->first_name ? r->first_name : ""));
	g_free(u->last_name);
	u->last_name = g_strstrip(g_strdup(r->last_name ? r->last_name : ""));
	u->is_active = FALSE;
	st = db_user_update(w->req->db, u, error);
	g_autofree char *encoded = password_hash(r->password);
	if (st == DB_OK)
		st = db_user_set_password(w->req->db, id, encoded, error);
	if (st == DB_OK)
		st = mail_activation(w, r->email, id, sent, error);
	return st;
}

void web_register(struct web *w)
{
	const struct http_accounts *a = w->req->accounts;
	if (a && !a->registration) {
		web_not_found(w);
		return;
	}
	struct registration r = {0};
	if (csrf_safe_method(w->req->method)) {
		register_page(w, &r);
		return;
	}
	if (!read_form(w, &r)) {
		register_page(w, &r);
		return;
	}
	g_autoptr(GError) error = NULL;
	enum db_status st = db_username_taken(w->req->db, r.username, &error);
	if (st == DB_OK) {
		r.username_error = "This username is already taken. Please "
				   "choose another.";
		register_page(w, &r);
		return;
	}
	gint64 existing = 0;
	gboolean sent = FALSE;
	if (st == DB_NOT_FOUND)
		st = db_user_by_email(w->req->db, r.email, &existing, &error);
	if (st == DB_OK)
		st = mail_existing(w, existing, &sent, &error);
	else if (st == DB_NOT_FOUND)
		st = create_user(w, &r, &sent, &error);
	if (st != DB_OK) {
		web_fail(w, st == DB_NOT_FOUND ? DB_ERROR : st, error);
		return;
	}
	account_sent_page(
		w, "Registration", r.email, sent,
		"You'll need to visit the link provided in that email to "
		"activate your patchwork account.");
}

static void link_page(struct web *w, const char *email, const char *error)
{
	struct form_page p;
	form_page_begin(&p, w, 200, "Link email address");
	form_page_text(&p, "Add another email address to your account: "
			   "patches sent from it become yours. A "
			   "confirmation mail goes to that address.");
	form_page_form_begin(&p, "/user/link/", "link email");
	form_page_field(&p, &(struct form_field){"Email", "email", "email",
						 email, 200, TRUE, error});
	form_page_form_end(&p, "Add this email");
	form_page_end(&p);
}

void web_user_link(struct web *w)
{
	if (!web_require_login(w))
		return;
	if (csrf_safe_method(w->req->method)) {
		link_page(w, NULL, NULL);
		return;
	}
	const char *email = web_form(w, "email");
	if (!email || !*email || !account_email_valid(email, 200)) {
		link_page(w, email,
			  email && *email ? "Enter a valid email address."
					  : required);
		return;
	}
	g_autoptr(GError) error = NULL;
	g_autofree char *head = g_strdup_printf(
		"Hi,\n\nThis email is to confirm that you own this address "
		"and want to link it\nto your patchwork account %s. Visit "
		"the url:\n\n ",
		w->username);
	gboolean sent = FALSE;
	enum db_status st = account_confirm_by_mail(
		w, CONFIRM_USERPERSON, email, w->user_id,
		"Patchwork email address confirmation", head,
		"\n\nIf you didn't ask for it, you can ignore this mail.\n\n"
		"Happy patchworking.\n",
		&sent, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	account_sent_page(
		w, "Link email address", email, sent,
		"Click the link in that email to link the address to your "
		"account.");
}
