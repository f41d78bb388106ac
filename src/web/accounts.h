/*
 * Accounts on the web (web-and-mbox.md §5.9, docs/web.md "Accounts"):
 * login and logout, password change and reset (login.c), registration
 * and extra addresses (register.c), mail settings (mail-settings.c) and
 * the mailed confirmation links they share (confirm.c), the profile
 * (profile.c).
 */
#ifndef DARN_WEB_ACCOUNTS_H
#define DARN_WEB_ACCOUNTS_H

#include "web/web.h"

/* Patchwork's field sizes. */
#define ACCOUNT_NAME_MAX 30
#define ACCOUNT_EMAIL_MAX 100
/* A password longer than this is refused: its hash costs as much as any
 * other, but darn reads no unbounded field. */
#define ACCOUNT_PASSWORD_MAX 4096

/* Confirmation types (email_confirmation.type). */
#define CONFIRM_REGISTRATION "registration"
#define CONFIRM_USERPERSON "userperson"
#define CONFIRM_OPTOUT "optout"
#define CONFIRM_OPTIN "optin"
#define CONFIRM_PASSWORD_RESET "password_reset"

/* TRUE for an address darn mails: local@domain of ordinary characters,
 * at most `max` bytes, nothing a mail header could misread. */
gboolean account_email_valid(const char *email, gsize max);
/* The username rule of Patchwork's registration: ^\w+$, at most 30. */
gboolean account_username_valid(const char *username);

/* "<base URL><path>". Newly allocated. */
char *account_url(struct web *w, const char *path);

/* Stores a new confirmation and returns its key (40 hex digits) for the
 * mailed link. */
enum db_status account_confirmation_new(struct web *w, const char *type,
					const char *email, gint64 user_id,
					char **key, GError **error);
/* Stores a new confirmation and mails its link, "<base>/confirm/<key>/",
 * between `head` and `tail`; *sent says whether the mail went out. */
enum db_status account_confirm_by_mail(struct web *w, const char *type,
				       const char *email, gint64 user_id,
				       const char *subject, const char *head,
				       const char *tail, gboolean *sent,
				       GError **error);
/* The confirmation of a mailed key when it is active, of that type and
 * younger than max_age_s; DB_NOT_FOUND otherwise. */
enum db_status account_confirmation_find(struct web *w, const char *key,
					 struct db_confirmation *out,
					 GError **error);
/* How long a confirmation link stays valid, in seconds. */
gint64 account_confirmation_age_s(struct web *w);

/* Sends a mail through [mail] sendmail; FALSE (logged) when it failed. */
gboolean account_mail(struct web *w, const char *to, const char *subject,
		      const char *body);

/* The page that says a confirmation mail went to `email` (then `what`),
 * or, with status 503 that undoes the request's writes, that it could
 * not be sent. */
void account_sent_page(struct web *w, const char *title, const char *email,
		       gboolean sent, const char *what);

/* Links the person of `email` to the user (creating the person), named
 * after the user's profile name as Patchwork does. */
enum db_status account_link_person(struct web *w, const struct db_user *u,
				   const char *email, GError **error);

/* The handlers, by file. */
void web_login(struct web *w);			/* login.c: /user/login/ */
void web_logout(struct web *w);			/* /user/logout/ */
void web_password_change(struct web *w);	/* /user/password-change/ */
void web_password_change_done(struct web *w);	/* .../done/ */
void web_password_reset(struct web *w);		/* /user/password-reset/ */
void web_password_reset_sent(struct web *w);	/* .../mail-sent/ */
void web_password_reset_confirm(struct web *w); /* .../<uidb64>/<key>/ */
void web_register(struct web *w);		/* register.c: /register/ */
void web_user_link(struct web *w);		/* /user/link/ */
void web_confirm(struct web *w);		/* confirm.c: /confirm/<key>/ */
void web_mail_settings(struct web *w);		/* mail-settings.c: /mail/ */
void web_mail_optout(struct web *w);		/* /mail/optout/ */
void web_mail_optin(struct web *w);		/* /mail/optin/ */
void web_profile(struct web *w);		/* profile.c: /user/ */
void web_generate_token(struct web *w);		/* /user/generate-token/ */
void web_unlink(struct web *w);			/* /user/unlink/<id>/ */

#endif
