/*
 * The filter form's autocomplete, /submitter/ and /delegate/
 * (web-and-mbox.md §5.11): JSON arrays of the people or users matching
 * ?q= (3 characters at least, else an empty body), at most ?l= of them.
 * Patchwork returns every match without l; darn stops at
 * WEB_AUTOCOMPLETE_MAX so one request cannot list a whole table.
 */
#include "web/web.h"

#include "mail/pystr.h"
#include "util/json.h"

#define WEB_AUTOCOMPLETE_MAX 1000

static void autocomplete(struct web *w, gboolean users)
{
	const char *q = request_param(w->req, "q");
	const char *l = request_param(w->req, "l");
	gint64 limit = WEB_AUTOCOMPLETE_MAX;
	g_autoptr(GPtrArray) found = NULL;
	g_autoptr(GError) error = NULL;

	w->res->content_type = g_strdup("application/json");
	if (!q || g_utf8_strlen(q, -1) < 3)
		return;
	if (l && py_parse_int(l, &limit) && limit > 0)
		limit = MIN(limit, WEB_AUTOCOMPLETE_MAX);
	else
		limit = WEB_AUTOCOMPLETE_MAX;
	enum db_status st =
		db_autocomplete(w->req->db, users, q, limit, &found, &error);
	if (st != DB_OK) {
		web_fail(w, st == DB_NOT_FOUND ? DB_ERROR : st, error);
		return;
	}
	struct json j;
	json_init(&j, w->res->body, FALSE);
	json_array_begin(&j);
	for (guint i = 0; i < found->len; i++) {
		json_object_begin(&j);
		if (users) {
			const struct db_user *u = found->pdata[i];
			/* str(user): Django's User is its username */
			json_kv_int(&j, "pk", u->id);
			json_kv_string(&j, "name", u->username);
		} else {
			const struct db_person *p = found->pdata[i];
			json_kv_int(&j, "pk", p->id);
			json_kv_string(&j, "name", p->name);
			json_kv_string(&j, "email", p->email);
		}
		json_object_end(&j);
	}
	json_array_end(&j);
}

void web_submitter_autocomplete(struct web *w)
{
	autocomplete(w, FALSE);
}

void web_delegate_autocomplete(struct web *w)
{
	autocomplete(w, TRUE);
}
