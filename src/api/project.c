/*
 * /api/projects/ and /api/projects/<id or linkname>/ (rest-api.md §6.2),
 * and the embedded project every patch, cover and series carries.
 */
#include "api/api.h"
#include "api/input.h"
#include "core/account-update.h"

void api_write_project(struct api *a, const struct db_project *p, gboolean full)
{
	struct json *j = &a->json;
	g_autofree char *url = api_id_url(a, API_URL, "projects", p->id, NULL);

	json_object_begin(j);
	json_kv_int(j, "id", p->id);
	json_kv_string(j, "url", url);
	json_kv_string(j, "name", p->name);
	json_kv_string(j, "link_name", p->linkname);
	json_kv_string(j, "list_id", p->listid);
	json_kv_string(j, "list_email", p->listemail);
	json_kv_string(j, "web_url", p->web_url);
	json_kv_string(j, "scm_url", p->scm_url);
	json_kv_string(j, "webscm_url", p->webscm_url);
	if (full) {
		g_autoptr(GPtrArray) maintainers = NULL;
		json_key(j, "maintainers");
		json_array_begin(j);
		if (db_project_maintainers(a->req->db, p->id, &maintainers,
					   NULL) == DB_OK) {
			/* quirk: id and url are the user profile's */
			for (guint i = 0; i < maintainers->len; i++) {
				const struct db_user *u = maintainers->pdata[i];
				struct db_user m = *u;
				m.id = u->profile_id;
				api_write_user(a, &m);
			}
		}
		json_array_end(j);
		if (api_at_least(a, 1))
			json_kv_string(j, "subject_match", p->subject_match);
	}
	if (api_at_least(a, 2)) {
		json_kv_string(j, "list_archive_url", p->list_archive_url);
		json_kv_string(j, "list_archive_url_format",
			       p->list_archive_url_format);
		json_kv_string(j, "commit_url_format", p->commit_url_format);
	}
	if (full && api_at_least(a, 4))
		json_kv_bool(j, "show_dependencies", p->show_dependencies);
	json_object_end(j);
}

/* ?order= for projects: id and name (Patchwork's link_name and list_id
 * fail there with a server error; darn orders by them instead). */
static gint compare_projects(gconstpointer pa, gconstpointer pb, gpointer order)
{
	const struct db_project *x = *(const struct db_project *const *)pa;
	const struct db_project *y = *(const struct db_project *const *)pb;
	const char *o = order;
	gboolean desc = *o == '-';
	const char *field = desc ? o + 1 : o;
	int c;
	if (strcmp(field, "name") == 0)
		c = strcmp(x->name, y->name);
	else if (strcmp(field, "link_name") == 0)
		c = strcmp(x->linkname, y->linkname);
	else if (strcmp(field, "list_id") == 0)
		c = strcmp(x->listid, y->listid);
	else
		c = x->id < y->id ? -1 : x->id > y->id;
	return desc ? -c : c;
}

static const char *project_order(struct api *a)
{
	static const char *const allowed[] = {
		"id",	     "-id",	   "name",    "-name",
		"link_name", "-link_name", "list_id", "-list_id"};
	const char *order = request_param(a->req, "order");
	if (!order)
		return "id";
	/* The first known field decides (a list of fields orders by the
	 * first one here: project fields are unique). */
	g_auto(GStrv) fields = g_strsplit(order, ",", -1);
	for (char **f = fields; *f; f++)
		for (gsize i = 0; i < G_N_ELEMENTS(allowed); i++)
			if (strcmp(g_strstrip(*f), allowed[i]) == 0)
				return allowed[i];
	return "id";
}

void api_projects_list(struct api *a)
{
	g_autoptr(GPtrArray) projects = NULL;
	gint64 offset, limit;

	g_autoptr(GError) error = NULL;
	enum db_status st = db_project_list(a->req->db, &projects, &error);
	if (st != DB_OK) {
		api_store_failed(a, st, error);
		return;
	}
	g_ptr_array_sort_with_data(projects, compare_projects,
				   (gpointer)project_order(a));
	if (!api_paginate(a, projects->len, &offset, &limit))
		return;
	json_array_begin(&a->json);
	for (gint64 i = offset; i < (gint64)projects->len && i < offset + limit;
	     i++)
		api_write_project(a, projects->pdata[i], TRUE);
	json_array_end(&a->json);
}

enum db_status api_project_by_key(struct api *a, struct db_project *p,
				  GError **error)
{
	const char *key = a->args[0];
	enum db_status st = DB_NOT_FOUND;
	char *end;

	gint64 id = g_ascii_strtoll(key, &end, 10);
	if (*key && !*end && id > 0)
		st = db_project_by_id(a->req->db, id, p, error);
	if (st == DB_NOT_FOUND) {
		g_clear_error(error);
		st = db_project_by_linkname(a->req->db, key, p, error);
	}
	return st;
}

/* api_project_by_key, FALSE after writing the 404 or the store
 * failure. */
static gboolean project_of_key(struct api *a, struct db_project *p)
{
	g_autoptr(GError) error = NULL;
	enum db_status st = api_project_by_key(a, p, &error);
	if (st == DB_NOT_FOUND) {
		api_error(a, 404, "Not found.");
		return FALSE;
	}
	if (st != DB_OK) {
		api_store_failed(a, st, error);
		return FALSE;
	}
	return TRUE;
}

void api_project_detail(struct api *a)
{
	struct db_project p = {0};
	if (project_of_key(a, &p))
		api_write_project(a, &p, TRUE);
	db_project_clear(&p);
}

/* PUT and PATCH of /api/projects/<id or linkname>/ (§6.2): the same,
 * since no writable field is required. */
void api_project_write(struct api *a)
{
	struct db_project p = {0};
	struct body b;
	g_auto(write_report) report = {0};
	g_autoptr(GError) error = NULL;

	if (!project_of_key(a, &p))
		return;
	gint64 id = p.id;
	db_project_clear(&p);
	if (!api_read_body(a, &b))
		return;
	struct project_update in = {0};
	api_input_text(&b, "web_url", &in.web_url);
	api_input_text(&b, "scm_url", &in.scm_url);
	api_input_text(&b, "webscm_url", &in.webscm_url);
	api_input_text(&b, "list_archive_url", &in.list_archive_url);
	api_input_text(&b, "list_archive_url_format",
		       &in.list_archive_url_format);
	api_input_text(&b, "commit_url_format", &in.commit_url_format);
	api_input_bool(&b, "show_dependencies", &in.show_dependencies);
	enum write_status st = project_update(a->req->db, id, api_viewer_id(a),
					      &in, &report, &error);
	body_clear(&b);
	if (st != WRITE_OK) {
		api_write_refused(a, st, &report, error);
		return;
	}
	if (project_of_key(a, &p))
		api_write_project(a, &p, TRUE);
	db_project_clear(&p);
}
