/*
 * Mail settings (web-and-mbox.md §5.9): whether an address is on the
 * opt-out list, and opting out or back in by a mailed confirmation.
 */
#include "web/accounts.h"

#include "http/csrf.h"
#include "web/auth.h"
#include "web/form-page.h"

static const char intro[] =
	"You can configure Patchwork to send you mail on certain events, or "
	"block automated mail altogether. Enter your email address to view "
	"or change your email settings.";

static void settings_form(struct web *w, const char *email, const char *error)
{
	struct form_page p;
	form_page_begin(&p, w, 200, "Mail settings");
	form_page_text(&p, intro);
	form_page_form_begin(&p, NULL, NULL);
	form_page_field(&p, &(struct form_field){"Email", "email", "email",
						 email, 200, TRUE, error});
	form_page_form_end(&p, "Access mail settings");
	form_page_end(&p);
}

/* The form's address, lower-cased and stripped, or NULL after showing
 * the form with its error. */
static char *form_email(struct web *w)
{
	const char *email = web_form(w, "email");
	g_autofree char *key =
		g_strstrip(g_ascii_strdown(email ? email : "", -1));
	if (!*key || !account_email_valid(key, 200)) {
		settings_form(w, email,
			      *key ? "Enter a valid email address."
				   : "This field is required.");
		return NULL;
	}
	return g_steal_pointer(&key);
}

void web_mail_settings(struct web *w)
{
	if (csrf_safe_method(w->req->method)) {
		settings_form(w, NULL, NULL);
		return;
	}
	g_autofree char *email = form_email(w);
	if (!email)
		return;
	gboolean out = FALSE;
	g_autoptr(GError) error = NULL;
	enum db_status st = db_optout_has(w->req->db, email, &out, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	struct form_page p;
	form_page_begin(&p, w, 200, "Mail settings");
	g_autofree char *text = g_strdup_printf(
		out ? "%s is currently opted out: patchwork sends it no "
		      "automated mail."
		    : "%s may receive notifications from patchwork.",
		email);
	form_page_text(&p, text);
	form_page_form_begin(&p, out ? "/mail/optin/" : "/mail/optout/", NULL);
	form_page_field(&p, &(struct form_field){"Email", "email", "hidden",
						 email, 0, FALSE, NULL});
	form_page_form_end(&p, out ? "Opt-in" : "Opt-out");
	form_page_end(&p);
}

/* /mail/optout/ and /mail/optin/: POST only (GET goes to /mail/). */
static void request_change(struct web *w, gboolean optout)
{
	if (csrf_safe_method(w->req->method)) {
		web_redirect(w, "/mail/");
		return;
	}
	g_autofree char *email = form_email(w);
	if (!email)
		return;
	g_autoptr(GError) error = NULL;
	gboolean out = FALSE;
	enum db_status st = db_optout_has(w->req->db, email, &out, &error);
	if (st == DB_OK && !optout && !out) {
		struct form_page p;
		form_page_begin(&p, w, 200, "Mail settings");
		g_autofree char *text = g_strdup_printf(
			"The email address %s is not on the patchwork opt-out "
			"list, so you don't need to opt back in",
			email);
		form_page_text(&p, text);
		form_page_end(&p);
		return;
	}
	g_autofree char *head = g_strdup_printf(
		"Hi,\n\nThis email is to confirm that you want %s\n"
		"automated mail from patchwork for %s. Visit the url:\n\n ",
		optout ? "no more" : "to receive", email);
	gboolean sent = FALSE;
	if (st == DB_OK)
		st = account_confirm_by_mail(
			w, optout ? CONFIRM_OPTOUT : CONFIRM_OPTIN, email, 0,
			optout ? "Patchwork opt-out request"
			       : "Patchwork opt-in request",
			head,
			"\n\nIf you didn't ask for it, you can ignore this "
			"mail.\n",
			&sent, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	account_sent_page(
		w, optout ? "Opt-out confirmation" : "Opt-in confirmation",
		email, sent, "Click the link in that email to confirm.");
}

void web_mail_optout(struct web *w)
{
	request_change(w, TRUE);
}

void web_mail_optin(struct web *w)
{
	request_change(w, FALSE);
}
