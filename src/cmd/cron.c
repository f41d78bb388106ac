/*
 * darn cron: Patchwork's `manage.py cron`, run every few minutes from a
 * crontab or a systemd timer (docs/notifications.md). It mails each
 * submitter whose patches changed state in a project with
 * send_notifications, once their changes have rested [notifications]
 * delay_minutes, and deletes what it sent; then it expires mailed
 * confirmations and the accounts nobody confirmed.
 *
 * Mails go out between transactions, never inside one: a slow sendmail
 * must not hold the write lock darn serve and parsemail wait for. A
 * notification is deleted after its mail went, and only if no state
 * change touched it meanwhile (that change is mailed next time).
 */
#include "cmd/cmd.h"

#include "core/notification.h"
#include "http/http.h"
#include "mail/sendmail.h"

/* What the run does with one submitter's due notifications. */
enum action { ACTION_SEND, ACTION_OPTED_OUT, ACTION_INVALID };

/* One submitter's notifications: rows [first, first + n) of the list. */
struct group {
	guint first, n;
	enum action action;
};

/* Where the mails' links point, and the domain they name. */
struct site {
	char *base;   /* no trailing '/' */
	char *domain; /* [web] site_domain, else the base URL's host */
};

static void site_init(struct site *s, const struct config *cfg)
{
	if (cfg->base_url && *cfg->base_url)
		s->base = g_strdup(cfg->base_url);
	else if (cfg->site_domain && *cfg->site_domain)
		s->base = g_strconcat("http://", cfg->site_domain, NULL);
	else
		s->base = g_strconcat("http://", cfg->listen, NULL);
	gsize n = strlen(s->base);
	while (n && s->base[n - 1] == '/')
		s->base[--n] = '\0';
	if (cfg->site_domain && *cfg->site_domain) {
		s->domain = g_strdup(cfg->site_domain);
	} else {
		const char *host = strstr(s->base, "://");
		host = host ? host + 3 : s->base;
		s->domain = g_strndup(host, strcspn(host, "/"));
	}
}

static void site_clear(struct site *s)
{
	g_free(s->base);
	g_free(s->domain);
}

/* Patchwork's EmailOptout.is_optout(): the lower-cased, stripped address
 * is on the list. */
static enum db_status opted_out(struct db *db, const char *email, gboolean *out,
				GError **error)
{
	g_autofree char *lower = g_utf8_strdown(email, -1);
	return db_optout_has(db, g_strstrip(lower), out, error);
}

/*
 * Reads every pending notification and decides, per submitter, what to
 * do with those that are due (limit: µs). *rows receives the list,
 * *groups the due submitters.
 */
static enum db_status read_due(struct db *db, gint64 limit, GArray **rows,
			       GArray **groups, GError **error)
{
	enum db_status st = db_begin_read(db, error);
	if (st != DB_OK)
		return st;
	st = db_notification_list(db, rows, error);
	g_autoptr(GArray) due = g_array_new(FALSE, FALSE, sizeof(struct group));
	g_autoptr(GArray) times = g_array_new(FALSE, FALSE, sizeof(gint64));
	for (guint i = 0; st == DB_OK && i < (*rows)->len;) {
		const struct db_notification *r =
			&g_array_index(*rows, struct db_notification, i);
		struct group g = {.first = i};
		g_array_set_size(times, 0);
		for (; i < (*rows)->len; i++) {
			const struct db_notification *o = &g_array_index(
				*rows, struct db_notification, i);
			if (o->submitter_id != r->submitter_id)
				break;
			g_array_append_val(times, o->last_modified);
		}
		g.n = i - g.first;
		if (!notification_due((const gint64 *)(void *)times->data,
				      times->len, limit))
			continue;
		gboolean out = FALSE;
		if (!notification_recipient_valid(r->email))
			g.action = ACTION_INVALID;
		else if ((st = opted_out(db, r->email, &out, error)) == DB_OK)
			g.action = out ? ACTION_OPTED_OUT : ACTION_SEND;
		g_array_append_val(due, g);
	}
	db_rollback(db);
	if (st == DB_OK)
		*groups = g_steal_pointer(&due);
	return st;
}

/* Deletes rows [first, first + n), each if it is as it was read. */
static enum db_status delete_rows(struct db *db, const GArray *rows,
				  guint first, guint n, GError **error)
{
	enum db_status st = db_begin_write(db, error);
	for (guint i = first; st == DB_OK && i < first + n; i++) {
		const struct db_notification *r =
			&g_array_index(rows, struct db_notification, i);
		st = db_notification_delete(db, r->patch_id, r->last_modified,
					    error);
	}
	if (st == DB_OK)
		return db_commit(db, error);
	db_rollback(db);
	return st;
}

/* The mails of one submitter: as many as its list needs to stay within
 * sendmail's size bound. Counts the sent ones; FALSE when one failed
 * (the rest stay pending) or the store did. */
static gboolean send_group(struct app *app, const struct site *site,
			   const GArray *rows, const struct group *g,
			   guint *mails, enum db_status *st, GError **error)
{
	const struct db_notification *first =
		&g_array_index(rows, struct db_notification, g->first);
	g_autofree struct notification_item *items =
		g_new0(struct notification_item, g->n);
	g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < g->n; i++) {
		const struct db_notification *r = &g_array_index(
			rows, struct db_notification, g->first + i);
		g_autofree char *path =
			http_submission_path(r->linkname, "patch", r->msgid);
		char *url = g_strconcat(site->base, "/", path, NULL);
		g_ptr_array_add(urls, url);
		items[i] = (struct notification_item){
			r->linkname, r->project_name, r->name,
			url,	     r->orig_state,   r->state};
	}
	g_autofree char *settings = g_strconcat(site->base, "/mail/", NULL);
	g_autofree char *from = app->cfg.mail_from && *app->cfg.mail_from
					? g_strdup(app->cfg.mail_from)
					: sendmail_default_from(site->base);
	/* Precedence is Patchwork's; Auto-Submitted (RFC 3834) keeps
	 * vacation replies away, and the hint keeps a Patchwork or darn
	 * that receives a copy from storing it */
	static const char *const headers[] = {"Precedence: bulk",
					      "Auto-Submitted: auto-generated",
					      "X-Patchwork-Hint: ignore", NULL};
	for (guint done = 0; done < g->n;) {
		gsize n = notification_mail_fit(items + done, g->n - done,
						SENDMAIL_MAX_BYTES / 2);
		g_autofree char *subject =
			notification_mail_subject(items + done, n);
		g_autofree char *body = notification_mail_body(
			items + done, n, site->domain, settings);
		struct outgoing_mail m = {from, first->email, subject, body,
					  headers};
		g_autoptr(GError) why = NULL;
		if (!sendmail_send(app->cfg.mail_sendmail, &m, &why)) {
			cmd_error("cannot mail %s: %s", first->email,
				  why->message);
			return FALSE;
		}
		*st = delete_rows(app->db, rows, g->first + done, (guint)n,
				  error);
		if (*st != DB_OK)
			return FALSE;
		(*mails)++;
		done += (guint)n;
	}
	return TRUE;
}

/* Sends the due notifications; *failed counts the submitters whose mail
 * did not go. */
static enum db_status send_notifications(struct app *app, gint64 now,
					 guint *failed, GError **error)
{
	gint64 limit = now - (gint64)app->cfg.notification_delay_minutes * 60 *
				     G_USEC_PER_SEC;
	g_autoptr(GArray) rows = NULL, groups = NULL;
	enum db_status st = read_due(app->db, limit, &rows, &groups, error);
	if (st != DB_OK)
		return st;
	struct site site;
	site_init(&site, &app->cfg);
	guint mails = 0, dropped = 0;
	for (guint i = 0; st == DB_OK && i < groups->len; i++) {
		const struct group *g = &g_array_index(groups, struct group, i);
		const struct db_notification *r =
			&g_array_index(rows, struct db_notification, g->first);
		if (g->action == ACTION_SEND) {
			if (!send_group(app, &site, rows, g, &mails, &st,
					error))
				(*failed)++;
			continue;
		}
		/* Patchwork drops them: nobody is to be mailed */
		if (g->action == ACTION_INVALID)
			cmd_error("not mailing '%s': not an address", r->email);
		st = delete_rows(app->db, rows, g->first, g->n, error);
		dropped += g->n;
	}
	site_clear(&site);
	if (app->verbose)
		fprintf(stderr,
			"darn cron: %u notification mails sent, %u "
			"submitters not mailed (sendmail failed), %u "
			"notifications dropped (opted out or no address), of "
			"%u pending\n",
			mails, *failed, dropped, rows->len);
	return st;
}

static enum db_status expire(struct app *app, gint64 now, GError **error)
{
	gint64 before = now - (gint64)app->cfg.accounts_confirmation_days *
				      86400 * G_USEC_PER_SEC;
	gint64 users = 0, confirmations = 0;
	enum db_status st = db_begin_write(app->db, error);
	if (st == DB_OK)
		st = db_confirmation_expire(app->db, before, &users,
					    &confirmations, error);
	if (st == DB_OK)
		st = db_commit(app->db, error);
	else
		db_rollback(app->db);
	if (st == DB_OK && app->verbose)
		fprintf(stderr,
			"darn cron: %" G_GINT64_FORMAT
			" unconfirmed accounts and %" G_GINT64_FORMAT
			" confirmations expired\n",
			users, confirmations);
	return st;
}

int cmd_cron(struct app *app, int argc, char **argv)
{
	if (!cmd_parse_options(
		    "",
		    "Send the pending patch-change notifications, then expire "
		    "mailed confirmations and the accounts nobody confirmed. "
		    "Run it every few minutes (docs/notifications.md). Exit "
		    "75 when a mail could not be sent: its notifications stay "
		    "for the next run.",
		    NULL, &argc, &argv))
		return EX_USAGE;
	if (argc != 1) {
		cmd_error("unexpected argument '%s'", argv[1]);
		return EX_USAGE;
	}
	gint64 now = g_get_real_time();
	g_autoptr(GError) error = NULL;
	guint failed = 0;
	enum db_status st = send_notifications(app, now, &failed, &error);
	/* expiry does not wait for the mail system */
	if (st == DB_OK)
		st = expire(app, now, &error);
	if (st != DB_OK) {
		cmd_error("%s", error ? error->message : "database failure");
		return cmd_db_exit(st);
	}
	return failed ? EX_TEMPFAIL : 0;
}
