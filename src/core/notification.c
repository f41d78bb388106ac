/*
 * Patch-change notifications (see notification.h): the rule a state
 * change follows, and the text of the mail, which follows Patchwork's
 * patch-change-notification templates line for line.
 */
#include "core/notification.h"

#include <string.h>

enum notification_change notification_change(gboolean project_sends,
					     gint64 pending_orig,
					     gint64 state_before,
					     gint64 state_after)
{
	if (!project_sends || state_before == state_after)
		return NOTIFICATION_NONE;
	if (!pending_orig)
		return NOTIFICATION_CREATE;
	/* Patchwork deletes rather than notifying "was: X, now: X" */
	if (pending_orig == state_after)
		return NOTIFICATION_DELETE;
	return NOTIFICATION_TOUCH;
}

enum db_status notification_record(struct db *db, gint64 project_id,
				   gint64 patch_id, gint64 state_before,
				   gint64 state_after, GError **error)
{
	if (state_before == state_after)
		return DB_OK;
	gboolean sends = FALSE;
	gint64 pending = 0;
	enum db_status st = db_notification_pending(db, project_id, patch_id,
						    &sends, &pending, error);
	if (st != DB_OK)
		return st;
	switch (notification_change(sends, pending, state_before,
				    state_after)) {
	case NOTIFICATION_NONE:
		return DB_OK;
	case NOTIFICATION_CREATE:
		return db_notification_put(db, patch_id, state_before,
					   g_get_real_time(), error);
	case NOTIFICATION_TOUCH:
		return db_notification_put(db, patch_id, pending,
					   g_get_real_time(), error);
	case NOTIFICATION_DELETE:
		return db_notification_delete(db, patch_id, 0, error);
	}
	return DB_OK;
}

gboolean notification_due(const gint64 *last_modified, gsize n, gint64 limit)
{
	for (gsize i = 0; i < n; i++)
		if (last_modified[i] >= limit)
			return FALSE;
	return n > 0;
}

gboolean notification_recipient_valid(const char *email)
{
	gsize len = strlen(email);
	const char *at = strrchr(email, '@');
	if (!len || len > 254 || !at || at == email || !at[1])
		return FALSE;
	for (const char *p = email; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f ||
		    strchr(",;<>()[]\"\\", *p))
			return FALSE;
	return g_utf8_validate(email, -1, NULL);
}

/* text, cut to NOTIFICATION_FIELD_MAX bytes at a character boundary. */
static void append_field(GString *out, const char *text)
{
	const char *t = text ? text : "";
	gsize len = strlen(t);
	if (len > NOTIFICATION_FIELD_MAX) {
		const char *end = g_utf8_find_prev_char(
			t, t + NOTIFICATION_FIELD_MAX + 1);
		len = end ? (gsize)(end - t) : 0;
	}
	g_string_append_len(out, t, (gssize)len);
}

/* One item as the template's loop body writes it, with the empty line
 * before it. */
static void append_item(GString *out, const struct notification_item *it)
{
	const struct {
		const char *before, *value;
	} parts[] = {
		{"\n * ", it->linkname},
		{": ", it->name},
		{"\n     - ", it->url},
		{"\n     - for: ", it->project_name},
		{"\n    was: ", it->orig_state},
		{"\n    now: ", it->state},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(parts); i++) {
		g_string_append(out, parts[i].before);
		append_field(out, parts[i].value);
	}
	g_string_append_c(out, '\n');
}

gsize notification_mail_fit(const struct notification_item *items, gsize n,
			    gsize max_bytes)
{
	g_autoptr(GString) s = g_string_new(NULL);
	gsize fit = 0;
	for (; fit < n; fit++) {
		append_item(s, &items[fit]);
		if (s->len > max_bytes && fit > 0)
			break;
	}
	return fit;
}

static int compare_strings(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *notification_mail_subject(const struct notification_item *items, gsize n)
{
	/* Patchwork joins a Python set, in no particular order: sorted
	 * here, so that the same changes give the same subject */
	g_autoptr(GPtrArray) names = g_ptr_array_new();
	for (gsize i = 0; i < n; i++)
		g_ptr_array_add(names, (gpointer)items[i].linkname);
	g_ptr_array_sort(names, compare_strings);
	g_autoptr(GString) s = g_string_new("[");
	for (guint i = 0; i < names->len; i++) {
		if (i && strcmp(names->pdata[i], names->pdata[i - 1]) == 0)
			continue;
		/* a subject is one header line (sendmail.c's bound) */
		if (s->len > 600) {
			g_string_append(s, ",...");
			break;
		}
		if (s->len > 1)
			g_string_append_c(s, ',');
		append_field(s, names->pdata[i]);
	}
	g_string_append_printf(s, "] Patch notification: %zu patch%s updated",
			       n, n == 1 ? "" : "es");
	return g_string_free(g_steal_pointer(&s), FALSE);
}

char *notification_mail_body(const struct notification_item *items, gsize n,
			     const char *domain, const char *settings_url)
{
	g_autoptr(GString) s = g_string_new(NULL);
	g_string_append_printf(s,
			       "Hello,\n\nThe following patch%s (submitted by "
			       "you) %s been updated in Patchwork:\n",
			       n == 1 ? "" : "es", n == 1 ? "has" : "have");
	for (gsize i = 0; i < n; i++)
		append_item(s, &items[i]);
	g_string_append_printf(
		s,
		"\nThis email is a notification only - you do not need to "
		"respond.\n\nHappy patchworking.\n\n--\n\nThis is an "
		"automated mail sent by the Patchwork system at\n%s. To stop "
		"receiving these notifications, edit\nyour mail settings "
		"at:\n  %s\n",
		domain, settings_url);
	return g_string_free(g_steal_pointer(&s), FALSE);
}
