/*
 * Mailed confirmation links (web-and-mbox.md §5.9) and what the account
 * pages share: addresses, links, mail, people.
 *
 * A link only shows a page with a button; the change happens when that
 * button posts the form (with its CSRF token). Mail scanners and link
 * previews open links by themselves, and a GET that confirmed would
 * confirm for them (Patchwork confirms on the GET).
 */
#include "web/accounts.h"

#include "util/random.h"
#include "http/csrf.h"
#include "http/session.h"
#include "mail/sendmail.h"
#include "web/auth.h"
#include "web/form-page.h"

#define CONFIRM_KEY_MAX 64

gboolean account_email_valid(const char *email, gsize max)
{
	static const char local_chars[] = "!#$%&'*+/=?^_`{|}~-.";
	gsize len = email ? strlen(email) : 0;
	const char *at = email ? strrchr(email, '@') : NULL;
	if (!len || len > max || !at || at == email || at - email > 64)
		return FALSE;
	for (const char *p = email; p < at; p++)
		if (!g_ascii_isalnum(*p) && !strchr(local_chars, *p))
			return FALSE;
	if (email[0] == '.' || at[-1] == '.' || strstr(email, "..") ||
	    strchr(email, '@') != at)
		return FALSE;
	/* the domain: dot-separated labels of letters, digits and '-' */
	int labels = 0;
	for (const char *p = at + 1; *p;) {
		gsize n = 0;
		while (g_ascii_isalnum(p[n]) || p[n] == '-')
			n++;
		if (!n || n > 63 || p[0] == '-' || p[n - 1] == '-' ||
		    (p[n] && p[n] != '.') || (p[n] == '.' && !p[n + 1]))
			return FALSE;
		labels++;
		p += n + (p[n] == '.');
	}
	return labels >= 2;
}

gboolean account_username_valid(const char *username)
{
	if (!username || !*username || !g_utf8_validate(username, -1, NULL) ||
	    g_utf8_strlen(username, -1) > ACCOUNT_NAME_MAX)
		return FALSE;
	for (const char *p = username; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c != '_' && !g_unichar_isalnum(c))
			return FALSE;
	}
	return TRUE;
}

char *account_url(struct web *w, const char *path)
{
	return g_strconcat(w->req->base_url ? w->req->base_url : "", path,
			   NULL);
}

static char *key_hash(const char *key)
{
	return g_compute_checksum_for_string(G_CHECKSUM_SHA256, key, -1);
}

enum db_status account_confirmation_new(struct web *w, const char *type,
					const char *email, gint64 user_id,
					char **key, GError **error)
{
	g_autofree char *k = random_token_new();
	g_autofree char *hash = key_hash(k);
	enum db_status st =
		db_confirmation_insert(w->req->db, type, email, user_id, hash,
				       g_get_real_time(), error);
	if (st == DB_OK)
		*key = g_steal_pointer(&k);
	return st;
}

enum db_status account_confirm_by_mail(struct web *w, const char *type,
				       const char *email, gint64 user_id,
				       const char *subject, const char *head,
				       const char *tail, gboolean *sent,
				       GError **error)
{
	g_autofree char *key = NULL;
	enum db_status st =
		account_confirmation_new(w, type, email, user_id, &key, error);
	if (st != DB_OK)
		return st;
	g_autofree char *path = g_strdup_printf("/confirm/%s/", key);
	g_autofree char *url = account_url(w, path);
	g_autofree char *body = g_strconcat(head, url, tail, NULL);
	*sent = account_mail(w, email, subject, body);
	return DB_OK;
}

gint64 account_confirmation_age_s(struct web *w)
{
	const struct http_accounts *a = w->req->accounts;
	return (gint64)(a && a->confirmation_days ? a->confirmation_days : 7) *
	       86400;
}

static gboolean key_valid(const char *key)
{
	gsize n = strlen(key);
	if (!n || n > CONFIRM_KEY_MAX)
		return FALSE;
	for (const char *p = key; *p; p++)
		if (!g_ascii_isxdigit(*p))
			return FALSE;
	return TRUE;
}

enum db_status account_confirmation_find(struct web *w, const char *key,
					 struct db_confirmation *out,
					 GError **error)
{
	if (!key_valid(key))
		return DB_NOT_FOUND;
	g_autofree char *hash = key_hash(key);
	return db_confirmation_get(w->req->db, hash, out, error);
}

gboolean account_mail(struct web *w, const char *to, const char *subject,
		      const char *body)
{
	const struct http_accounts *a = w->req->accounts;
	g_autofree char *from = NULL;
	if (a && a->mail_from && *a->mail_from) {
		from = g_strdup(a->mail_from);
	} else {
		from = sendmail_default_from(w->req->base_url);
	}
	const char *command =
		a && a->sendmail ? a->sendmail : "/usr/sbin/sendmail -t -i";
	struct outgoing_mail m = {from, to, subject, body, NULL};
	g_autoptr(GError) error = NULL;
	if (sendmail_send(command, &m, &error))
		return TRUE;
	g_printerr("darn: %s: mail to %s not sent: %s\n", w->req->path, to,
		   error->message);
	return FALSE;
}

enum db_status account_link_person(struct web *w, const struct db_user *u,
				   const char *email, GError **error)
{
	g_autofree char *name = g_strstrip(
		g_strdup_printf("%s %s", u->first_name, u->last_name));
	const char *shown = *name ? name : u->username;
	gint64 id = 0;
	g_autofree char *old = NULL;
	enum db_status st =
		db_person_by_email(w->req->db, email, &id, &old, error);
	if (st == DB_NOT_FOUND)
		st = db_person_insert(w->req->db, email, shown, &id, error);
	else if (st == DB_OK)
		st = db_person_set_name(w->req->db, id, shown, error);
	if (st != DB_OK)
		return st;
	return db_person_link_user(w->req->db, email, u->id, NULL, error);
}

/* The page that says a mail went out (or could not). */
void account_sent_page(struct web *w, const char *title, const char *email,
		       gboolean sent, const char *what)
{
	struct form_page p;
	/* 503 also undoes what the request wrote (dispatch.c). */
	form_page_begin(&p, w, sent ? 200 : 503, title);
	if (!sent) {
		form_page_error(&p, "The confirmation mail could not be sent. "
				    "Please try again later.");
	} else {
		g_autofree char *text = g_strdup_printf(
			"A confirmation email has been sent to %s. %s", email,
			what);
		form_page_text(&p, text);
	}
	form_page_end(&p);
}

/* The page of a link that cannot be used. */
static void confirm_error(struct web *w, const char *why)
{
	struct form_page p;
	form_page_begin(&p, w, 200, "Confirmation");
	form_page_error(&p, why);
	form_page_end(&p);
}

/* Activates a registration: the user, their person, and a session. */
static enum db_status confirm_registration(struct web *w,
					   const struct db_confirmation *c,
					   GError **error)
{
	g_autoptr(db_user) u = NULL;
	enum db_status st = db_user_get(w->req->db, c->user_id, &u, error);
	if (st != DB_OK)
		return st;
	u->is_active = TRUE;
	st = db_user_update(w->req->db, u, error);
	if (st == DB_OK)
		st = account_link_person(w, u, c->email, error);
	char *csrf = NULL;
	if (st == DB_OK)
		st = http_session_start(w->req, w->res, u->id, &csrf, error);
	if (st == DB_OK) /* Patchwork's page shows the user logged in */
		web_auth_started(w, u->id, u->username, csrf);
	else
		g_free(csrf);
	return st;
}

/* Does what the confirmation confirms; *message says it. */
static enum db_status apply(struct web *w, const struct db_confirmation *c,
			    char **message, GError **error)
{
	enum db_status st = DB_OK;
	g_autofree char *email = g_ascii_strdown(c->email, -1);
	g_strstrip(email);
	if (strcmp(c->type, CONFIRM_REGISTRATION) == 0) {
		st = confirm_registration(w, c, error);
		*message = g_strdup("Registration confirmed! Your patchwork "
				    "registration is complete. Head over to "
				    "your profile to start using patchwork's "
				    "extra features.");
	} else if (strcmp(c->type, CONFIRM_USERPERSON) == 0) {
		g_autoptr(db_user) u = NULL;
		st = db_user_get(w->req->db, w->user_id, &u, error);
		if (st == DB_OK)
			st = account_link_person(w, u, c->email, error);
		*message = g_strdup_printf(
			"You have successfully linked the email address %s to "
			"your patchwork account.",
			c->email);
	} else if (strcmp(c->type, CONFIRM_OPTOUT) == 0) {
		st = db_optout_add(w->req->db, email, error);
		*message = g_strdup_printf(
			"%s has been added to patchwork's opt-out list.",
			email);
	} else {
		st = db_optout_remove(w->req->db, email, error);
		*message = g_strdup_printf(
			"%s has been removed from patchwork's opt-out list.",
			email);
	}
	return st;
}

void web_confirm(struct web *w)
{
	g_auto(db_confirmation) c = {0};
	g_autoptr(GError) error = NULL;
	enum db_status st =
		account_confirmation_find(w, w->args[0], &c, &error);
	if (st == DB_OK && strcmp(c.type, CONFIRM_PASSWORD_RESET) == 0)
		st = DB_NOT_FOUND; /* those have their own link */
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	if (!c.active) {
		confirm_error(w, "This confirmation has already been used.");
		return;
	}
	if (g_get_real_time() - c.date >
	    account_confirmation_age_s(w) * G_USEC_PER_SEC) {
		confirm_error(w, "This confirmation has expired.");
		return;
	}
	/* Patchwork links the address to whoever is logged in. */
	if (strcmp(c.type, CONFIRM_USERPERSON) == 0 && !web_require_login(w))
		return;
	struct form_page p;
	if (csrf_safe_method(w->req->method)) {
		form_page_begin(&p, w, 200, "Confirmation");
		form_page_text(&p, strcmp(c.type, CONFIRM_REGISTRATION) == 0
					   ? "Activate your account:"
					   : "Confirm the change for your "
					     "address:");
		form_page_form_begin(&p, NULL, NULL);
		form_page_form_end(&p, "Confirm");
		form_page_end(&p);
		return;
	}
	st = db_confirmation_use(w->req->db, c.id, &error);
	if (st == DB_NOT_FOUND) {
		confirm_error(w, "This confirmation has already been used.");
		return;
	}
	g_autofree char *message = NULL;
	if (st == DB_OK)
		st = apply(w, &c, &message, &error);
	if (st != DB_OK) {
		web_fail(w, st == DB_NOT_FOUND ? DB_ERROR : st, error);
		return;
	}
	form_page_begin(&p, w, 200, "Confirmation");
	form_page_text(&p, message);
	form_page_end(&p);
}
