/*
 * The embedded representations of rest-api.md §4 (the short forms of
 * patches, covers, series, checks, comments, people and users that other
 * objects and event payloads carry), and the URL and header helpers every
 * resource shares.
 */
#include "api/api.h"

#include "http/http.h"

const struct db_project *api_project(struct api *a, gint64 id)
{
	enum db_status st;
	const struct db_project *p = api_object(a, API_PROJECT, id, &st);
	if (!p)
		api_store_failed(a, st, NULL);
	return p;
}

gint64 api_viewer_id(const struct api *a)
{
	return a->user ? a->user->id : 0;
}

gboolean api_arg_id(const struct api *a, int i, gint64 *id)
{
	char *end;
	errno = 0;
	*id = g_ascii_strtoll(a->args[i], &end, 10);
	return a->args[i][0] && !*end && !errno;
}

void api_detail(struct api *a, api_row_writer write_one)
{
	gint64 id;
	if (!api_arg_id(a, 0, &id)) {
		api_error(a, 404, "Not found.");
		return;
	}
	write_one(a, id);
}

void api_lookup_failed(struct api *a, enum db_status st)
{
	if (st == DB_NOT_FOUND)
		api_error(a, 404, "Not found.");
	else
		api_store_failed(a, st, NULL);
}

char *api_list_archive_url(const struct db_project *p, const char *msgid)
{
	const char *f = p->list_archive_url_format;
	if (!f || !*f)
		return NULL;
	gsize len = strlen(msgid);
	g_autofree char *bare =
		len >= 2 && msgid[0] == '<' && msgid[len - 1] == '>'
			? g_strndup(msgid + 1, len - 2)
			: g_strdup(msgid);
	/* Python str.format with one positional argument: "{}" and "{0}"
	 * take it, "{{" and "}}" are braces; anything else makes the
	 * reference fail, here the URL is left out. */
	GString *out = g_string_new(NULL);
	for (const char *c = f; *c; c++) {
		if (c[0] == '{' && c[1] == '{') {
			g_string_append_c(out, '{');
			c++;
		} else if (c[0] == '}' && c[1] == '}') {
			g_string_append_c(out, '}');
			c++;
		} else if (c[0] == '{' && c[1] == '}') {
			g_string_append(out, bare);
			c++;
		} else if (g_str_has_prefix(c, "{0}")) {
			g_string_append(out, bare);
			c += 2;
		} else if (*c == '{' || *c == '}') {
			g_string_free(out, TRUE);
			return NULL;
		} else {
			g_string_append_c(out, *c);
		}
	}
	return g_string_free(out, FALSE);
}

/* ---- people and users --------------------------------------------------- */

void api_person_members(struct api *a, const struct db_person_ref *p)
{
	struct json *j = &a->json;
	g_autofree char *url = api_id_url(a, API_URL, "people", p->id, NULL);
	json_kv_int(j, "id", p->id);
	json_kv_string(j, "url", url);
	json_kv_string(j, "name", p->name);
	json_kv_string(j, "email", p->email);
}

void api_embed_person(struct api *a, const struct db_person_ref *p)
{
	json_object_begin(&a->json);
	api_person_members(a, p);
	json_object_end(&a->json);
}

void api_user_members(struct api *a, const struct db_user_ref *u)
{
	struct json *j = &a->json;
	g_autofree char *url = api_id_url(a, API_URL, "users", u->id, NULL);
	json_kv_int(j, "id", u->id);
	json_kv_string(j, "url", url);
	json_kv_string(j, "username", u->username);
	json_kv_string(j, "first_name", u->first_name);
	json_kv_string(j, "last_name", u->last_name);
	json_kv_string(j, "email", u->email);
}

void api_embed_user(struct api *a, const struct db_user_ref *u)
{
	if (!u->id) {
		json_null(&a->json);
		return;
	}
	json_object_begin(&a->json);
	api_user_members(a, u);
	json_object_end(&a->json);
}

/* ---- submissions, series, checks, comments ----------------------------- */

char *api_series_web_url(const struct api *a, const struct db_project *p,
			 gint64 id)
{
	char digits[24];
	g_autofree char *l = http_quote(p->linkname, "!$&'()*+,;=:@/");
	return g_strconcat(a->req->base_url, "/project/", l,
			   "/list/?series=", api_format_id(digits, id), NULL);
}

/* The fields a patch and a cover share in their embedded form, up to the
 * name; `kind` is "patch" or "cover". */
void api_write_submission_head(struct api *a, const char *kind,
			       const struct db_project *p,
			       const struct db_submission *s,
			       gboolean with_project)
{
	struct json *j = &a->json;
	g_autofree char *url = api_id_url(
		a, API_URL, strcmp(kind, "patch") == 0 ? "patches" : "covers",
		s->id, NULL);
	json_kv_int(j, "id", s->id);
	json_kv_string(j, "url", url);
	if (api_at_least(a, 1)) {
		g_autofree char *web =
			http_submission_path(p->linkname, kind, s->msgid);
		g_autofree char *web_url = api_web_url(a, web);
		json_kv_string(j, "web_url", web_url);
	}
	if (with_project) {
		json_key(j, "project");
		api_write_project(a, p, FALSE);
	}
	json_kv_string(j, "msgid", s->msgid);
	if (api_at_least(a, 2)) {
		g_autofree char *archive = api_list_archive_url(p, s->msgid);
		json_kv_string(j, "list_archive_url", archive);
	}
	json_kv_time(j, "date", s->date);
	json_kv_string(j, "name", s->name);
}

void api_kv_mbox(struct api *a, const char *kind, const struct db_project *p,
		 const char *msgid)
{
	g_autofree char *web = http_submission_path(p->linkname, kind, msgid);
	g_autofree char *mbox = g_strconcat(web, "mbox/", NULL);
	g_autofree char *url = api_web_url(a, mbox);
	json_kv_string(&a->json, "mbox", url);
}

const struct db_submission *api_submission(struct api *a, gboolean cover,
					   gint64 id, gboolean detail,
					   struct db_submission *full)
{
	enum db_status st;
	const struct db_submission *s = NULL;
	if (detail) {
		/* with its project: a detail view is one statement */
		st = (cover ? db_cover_get : db_patch_get)(
			a->req->db, id, DB_WITH_BODY | DB_WITH_PROJECT, full,
			NULL);
		s = st == DB_OK ? full : NULL;
		if (s)
			api_page_add_project(a,
					     g_steal_pointer(&full->project));
	} else {
		s = api_object(a, cover ? API_COVER : API_PATCH, id, &st);
	}
	if (!s)
		api_lookup_failed(a, st);
	return s;
}

static gboolean embed_submission(struct api *a, const char *kind, gint64 id)
{
	gboolean patch = strcmp(kind, "patch") == 0;
	enum db_status st;
	const struct db_submission *s = api_object(
		a, patch ? API_PATCH_BRIEF : API_COVER_BRIEF, id, &st);
	if (!s) {
		api_lookup_failed(a, st);
		return FALSE;
	}
	const struct db_project *p = api_project(a, s->project_id);
	if (!p)
		return FALSE;
	json_object_begin(&a->json);
	api_write_submission_head(a, kind, p, s, FALSE);
	if (patch || api_at_least(a, 1))
		api_kv_mbox(a, kind, p, s->msgid);
	json_object_end(&a->json);
	return TRUE;
}

gboolean api_embed_patch(struct api *a, gint64 id)
{
	return embed_submission(a, "patch", id);
}

gboolean api_embed_cover(struct api *a, gint64 id)
{
	return embed_submission(a, "cover", id);
}

void api_embed_series_ref(struct api *a, const struct db_project *p,
			  const struct db_series_ref *s)
{
	struct json *j = &a->json;
	g_autofree char *url = api_id_url(a, API_URL, "series", s->id, NULL);
	json_object_begin(j);
	json_kv_int(j, "id", s->id);
	json_kv_string(j, "url", url);
	if (api_at_least(a, 1)) {
		g_autofree char *web_url = api_series_web_url(a, p, s->id);
		json_kv_string(j, "web_url", web_url);
	}
	json_kv_time(j, "date", s->date);
	json_kv_string(j, "name", s->name);
	json_kv_int(j, "version", s->version);
	g_autofree char *mbox =
		api_id_url(a, API_URL_WEB, "series", s->id, "mbox/");
	json_kv_string(j, "mbox", mbox);
	json_object_end(j);
}

gboolean api_embed_series(struct api *a, gint64 id)
{
	enum db_status st;
	const struct db_series_full *s = api_object(a, API_SERIES, id, &st);
	if (!s) {
		api_lookup_failed(a, st);
		return FALSE;
	}
	const struct db_project *p = api_project(a, s->project_id);
	if (p) {
		struct db_series_ref ref = {.id = s->id,
					    .date = s->date,
					    .version = s->version,
					    .name = s->name};
		api_embed_series_ref(a, p, &ref);
	}
	return p != NULL;
}

const char *const api_check_states[4] = {"pending", "success", "warning",
					 "fail"};

/* ---- headers (§8.5) ------------------------------------------------------ */

struct header_field {
	const char *name;
	gsize name_len;
	GString *value;
};

static void header_field_clear(gpointer p)
{
	g_string_free(((struct header_field *)p)->value, TRUE);
}

/* Length of the line at s including its end ("\n", "\r\n" or "\r"). */
static gsize line_length(const char *s, gsize *content)
{
	gsize n = strcspn(s, "\r\n");
	*content = n;
	if (s[n] == '\r' && s[n + 1] == '\n')
		return n + 2;
	return s[n] ? n + 1 : n;
}

/* Splits header text as Python's email parser with the compat32 policy:
 * a header line is a name of printable characters but ':' followed by
 * ':', a line starting with space or tab continues the previous one (its
 * line break and indentation kept), anything else ends the block. */
static GArray *parse_headers(const char *text)
{
	GArray *fields = g_array_new(FALSE, TRUE, sizeof(struct header_field));
	g_array_set_clear_func(fields, header_field_clear);
	const char *s = text;

	while (*s) {
		gsize content, len = line_length(s, &content);
		if ((*s == ' ' || *s == '\t') && fields->len) {
			struct header_field *f = &g_array_index(
				fields, struct header_field, fields->len - 1);
			g_string_append_len(f->value, s, len);
		} else {
			gsize n = 0;
			while (n < content && s[n] >= 0x21 && s[n] <= 0x7e &&
			       s[n] != ':')
				n++;
			if (n == content || s[n] != ':')
				break;
			const char *v = s + n + 1;
			while (*v == ' ' || *v == '\t')
				v++;
			struct header_field f = {s, n, g_string_new(NULL)};
			g_string_append_len(f.value, v, s + len - v);
			g_array_append_val(fields, f);
		}
		s += len;
	}
	for (guint i = 0; i < fields->len; i++) {
		GString *v =
			g_array_index(fields, struct header_field, i).value;
		while (v->len && (v->str[v->len - 1] == '\n' ||
				  v->str[v->len - 1] == '\r'))
			g_string_truncate(v, v->len - 1);
	}
	return fields;
}

char *api_header_value(const char *headers, const char *name)
{
	g_autoptr(GArray) fields = parse_headers(headers ? headers : "");
	gsize len = strlen(name);
	for (guint i = 0; i < fields->len; i++) {
		const struct header_field *f =
			&g_array_index(fields, struct header_field, i);
		if (f->name_len == len &&
		    g_ascii_strncasecmp(f->name, name, len) == 0)
			return g_strndup(f->value->str, f->value->len);
	}
	return NULL;
}

void api_write_headers(struct json *j, const char *headers)
{
	g_autoptr(GArray) fields = parse_headers(headers ? headers : "");

	json_object_begin(j);
	for (guint i = 0; i < fields->len; i++) {
		const struct header_field *f =
			&g_array_index(fields, struct header_field, i);
		gboolean seen = FALSE;
		guint matches = 0;
		/* One key per spelling, at its first occurrence (a Python
		 * dict keyed by the exact name). */
		for (guint k = 0; k < i && !seen; k++) {
			const struct header_field *e =
				&g_array_index(fields, struct header_field, k);
			seen = e->name_len == f->name_len &&
			       memcmp(e->name, f->name, f->name_len) == 0;
		}
		if (seen)
			continue;
		/* Python's get_all(): every header of the name, in any
		 * case, earlier ones included. */
		for (guint k = 0; k < fields->len; k++) {
			const struct header_field *e =
				&g_array_index(fields, struct header_field, k);
			if (e->name_len == f->name_len &&
			    g_ascii_strncasecmp(e->name, f->name,
						f->name_len) == 0)
				matches++;
		}
		g_autofree char *key = g_strndup(f->name, f->name_len);
		json_key(j, key);
		if (matches > 1)
			json_array_begin(j);
		for (guint k = 0; k < fields->len; k++) {
			const struct header_field *e =
				&g_array_index(fields, struct header_field, k);
			if (e->name_len == f->name_len &&
			    g_ascii_strncasecmp(e->name, f->name,
						f->name_len) == 0)
				json_string_len(j, e->value->str,
						e->value->len);
		}
		if (matches > 1)
			json_array_end(j);
	}
	json_object_end(j);
}
