/*
 * Reading the patch list's filters from the query string (list-filter.h),
 * in the order and with the rules of Patchwork's filters.py: a value
 * that names nothing leaves its filter unapplied, state and archive are
 * applied by default ("Action Required", "not archived").
 */
#include "web/list-filter.h"

#include "mail/pystr.h"

const char *const list_filter_param[LF_COUNT] = {
	"series", "submitter", "state", "q", "archive", "delegate",
};

static char *stripped(const char *s)
{
	return g_strstrip(g_strdup(s ? s : ""));
}

static enum db_status parse_series(struct list_filters *f, struct web *w,
				   GError **error)
{
	g_autofree char *key = stripped(request_param(w->req, "series"));
	gint64 id;
	if (!*key || !py_parse_int(key, &id))
		return DB_OK;
	g_autofree char *name = NULL;
	enum db_status st = db_series_name(w->req->db, id, &name, error);
	if (st == DB_NOT_FOUND)
		return DB_OK;
	if (st != DB_OK)
		return st;
	f->db.series_id = id;
	f->applied[LF_SERIES] = TRUE;
	f->key[LF_SERIES] = g_strdup_printf("%" G_GINT64_FORMAT, id);
	f->condition[LF_SERIES] =
		name ? g_strdup(name)
		     : g_strdup_printf("Untitled series #%" G_GINT64_FORMAT,
				       id);
	return DB_OK;
}

static enum db_status parse_submitter(struct list_filters *f, struct web *w,
				      GError **error)
{
	g_autofree char *key = stripped(request_param(w->req, "submitter"));
	gint64 id;
	if (!*key)
		return DB_OK;
	if (py_parse_int(key, &id)) {
		g_autoptr(db_person) person = NULL;
		enum db_status st =
			db_person_get(w->req->db, id, &person, error);
		if (st != DB_OK && st != DB_NOT_FOUND)
			return st;
		if (st == DB_OK) {
			f->db.submitter_id = id;
			f->applied[LF_SUBMITTER] = TRUE;
			f->key[LF_SUBMITTER] =
				g_strdup_printf("%" G_GINT64_FORMAT, id);
			f->condition[LF_SUBMITTER] = g_strdup(
				person->name && *person->name ? person->name
							      : person->email);
			return DB_OK;
		}
	}
	enum db_status st = db_person_name_matches(w->req->db, key, error);
	if (st == DB_NOT_FOUND)
		return DB_OK;
	if (st != DB_OK)
		return st;
	f->submitter_match = g_strdup(key);
	f->db.submitter_match = f->submitter_match;
	f->applied[LF_SUBMITTER] = TRUE;
	f->key[LF_SUBMITTER] = g_strdup(key);
	f->condition[LF_SUBMITTER] = g_strdup(key);
	return DB_OK;
}

static void parse_state(struct list_filters *f, struct web *w)
{
	const char *key = request_param(w->req, "state");
	gint64 id;
	f->applied[LF_STATE] = TRUE;
	f->condition[LF_STATE] = g_strdup("Action Required");
	if (key && strcmp(key, "*") == 0) {
		f->applied[LF_STATE] = FALSE;
		f->db.any_state = TRUE;
		f->key[LF_STATE] = g_strdup("*");
		return;
	}
	if (!key || !py_parse_int(key, &id))
		return;
	for (guint i = 0; i < f->states->len; i++) {
		const struct db_state *s = f->states->pdata[i];
		if (s->id != id)
			continue;
		f->db.state_id = id;
		f->key[LF_STATE] = g_strdup_printf("%" G_GINT64_FORMAT, id);
		g_free(f->condition[LF_STATE]);
		f->condition[LF_STATE] = g_strdup(s->name);
	}
}

static void parse_search(struct list_filters *f, struct web *w)
{
	g_autofree char *key = stripped(request_param(w->req, "q"));
	if (!*key)
		return;
	f->search = g_strdup(key);
	f->db.search = f->search;
	f->applied[LF_SEARCH] = TRUE;
	f->key[LF_SEARCH] = g_strdup(key);
	f->condition[LF_SEARCH] = g_strdup(key);
}

static void parse_archive(struct list_filters *f, struct web *w)
{
	const char *key = request_param(w->req, "archive");
	f->applied[LF_ARCHIVE] = TRUE;
	f->db.archived = 0;
	if (key && strcmp(key, "true") == 0) {
		f->db.archived = 1;
		f->key[LF_ARCHIVE] = g_strdup("true");
	} else if (key && strcmp(key, "both") == 0) {
		f->db.archived = -1;
		f->applied[LF_ARCHIVE] = FALSE;
		f->key[LF_ARCHIVE] = g_strdup("both");
	}
	static const char *const shown[] = {"No", "Yes"};
	f->condition[LF_ARCHIVE] =
		g_strdup(f->db.archived < 0 ? "Both" : shown[f->db.archived]);
}

static enum db_status parse_delegate(struct list_filters *f, struct web *w,
				     GError **error)
{
	g_autofree char *key = stripped(request_param(w->req, "delegate"));
	gint64 id;
	if (!*key)
		return DB_OK;
	if (strcmp(key, "Nobody") == 0) {
		f->db.no_delegate = TRUE;
	} else if (py_parse_int(key, &id)) {
		g_autoptr(db_user) user = NULL;
		enum db_status st = db_user_get(w->req->db, id, &user, error);
		if (st != DB_OK && st != DB_NOT_FOUND)
			return st;
		if (st == DB_OK) {
			f->db.delegate_id = id;
			f->applied[LF_DELEGATE] = TRUE;
			f->key[LF_DELEGATE] =
				g_strdup_printf("%" G_GINT64_FORMAT, id);
			f->condition[LF_DELEGATE] = g_strdup(user->username);
			return DB_OK;
		}
	}
	if (!f->db.no_delegate) {
		enum db_status st = db_username_matches(w->req->db, key, error);
		if (st == DB_NOT_FOUND)
			return DB_OK;
		if (st != DB_OK)
			return st;
		f->delegate_match = g_strdup(key);
		f->db.delegate_match = f->delegate_match;
	}
	f->applied[LF_DELEGATE] = TRUE;
	f->key[LF_DELEGATE] = g_strdup(key);
	f->condition[LF_DELEGATE] = g_strdup(key);
	return DB_OK;
}

enum db_status list_filters_parse(struct list_filters *f, struct web *w,
				  gint64 project_id, GError **error)
{
	memset(f, 0, sizeof(*f));
	f->db.project_id = project_id;
	enum db_status st = web_states(w, &f->states, error);
	if (st == DB_OK)
		st = parse_series(f, w, error);
	if (st == DB_OK)
		st = parse_submitter(f, w, error);
	if (st != DB_OK)
		return st;
	parse_state(f, w);
	parse_search(f, w);
	parse_archive(f, w);
	return parse_delegate(f, w, error);
}

void list_filters_clear(struct list_filters *f)
{
	for (int i = 0; i < LF_COUNT; i++) {
		g_free(f->condition[i]);
		g_free(f->key[i]);
	}
	if (f->states)
		g_ptr_array_unref(f->states);
	g_free(f->submitter_match);
	g_free(f->search);
	g_free(f->delegate_match);
	memset(f, 0, sizeof(*f));
}

void list_filters_fix_delegate(struct list_filters *f, gint64 user_id,
			       const char *username)
{
	g_clear_pointer(&f->delegate_match, g_free);
	g_clear_pointer(&f->key[LF_DELEGATE], g_free);
	g_clear_pointer(&f->condition[LF_DELEGATE], g_free);
	f->db.delegate_match = NULL;
	f->db.no_delegate = FALSE;
	f->db.delegate_id = user_id;
	f->delegate_fixed = TRUE;
	f->applied[LF_DELEGATE] = f->forced[LF_DELEGATE] = user_id != 0;
	if (user_id) {
		f->key[LF_DELEGATE] =
			g_strdup_printf("%" G_GINT64_FORMAT, user_id);
		f->condition[LF_DELEGATE] = g_strdup(username);
	}
}

static void append_param(GString *qs, const char *name, const char *value)
{
	g_autofree char *n = http_quote(name, "/");
	g_autofree char *v = http_quote(value, "/");
	g_string_append_printf(qs, "%c%s=%s", qs->len ? '&' : '?', n, v);
}

static gboolean is_filter_param(const char *name)
{
	for (int i = 0; i < LF_COUNT; i++)
		if (strcmp(name, list_filter_param[i]) == 0)
			return TRUE;
	return FALSE;
}

char *list_querystring(const struct list_filters *f, const struct web *w,
		       gboolean others, enum list_filter_kind without,
		       const char *set_name, const char *set_value)
{
	GString *qs = g_string_new(NULL);
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
	gboolean set_done = FALSE;

	for (int i = 0; i < LF_COUNT; i++) {
		const char *name = list_filter_param[i];
		g_hash_table_add(seen, (gpointer)name);
		if (i == (int)without || (f->forced[i] && !others))
			continue;
		if (set_name && strcmp(set_name, name) == 0) {
			append_param(qs, name, set_value);
			set_done = TRUE;
		} else if (f->key[i]) {
			append_param(qs, name, f->key[i]);
		}
	}
	/* the request's other parameters, each once (its last value) */
	for (guint i = 0; i < w->req->params->len; i++) {
		const struct http_param *p = w->req->params->pdata[i];
		if (g_hash_table_contains(seen, p->name) ||
		    is_filter_param(p->name))
			continue;
		g_hash_table_add(seen, p->name);
		if (!others && strcmp(p->name, "order") != 0 &&
		    strcmp(p->name, "page") != 0)
			continue;
		if (set_name && strcmp(set_name, p->name) == 0) {
			append_param(qs, p->name, set_value);
			set_done = TRUE;
			continue;
		}
		const char *v = request_param(w->req, p->name);
		if (*v || others)
			append_param(qs, p->name, v);
	}
	if (set_name && !set_done)
		append_param(qs, set_name, set_value);
	return g_string_free(qs, FALSE);
}
