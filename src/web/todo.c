/*
 * The todo lists (web-and-mbox.md §5.8): /user/todo/, the projects where
 * the user has patches to review with their counts, and
 * /user/todo/<p>/, those patches in the list of list.c with the
 * delegate filter fixed to the user. A todo patch is delegated to the
 * user, not archived, and in a state with action_required: the list's
 * default state and archive filters, which the visitor may change as on
 * Patchwork's page.
 */
#include "web/web.h"

#include "web/auth.h"
#include "web/list.h"

void web_todo_lists(struct web *w)
{
	if (!web_require_login(w))
		return;
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) lists = NULL;
	enum db_status st =
		db_web_todo_lists(w->req->db, w->user_id, &lists, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	if (lists->len == 1) {
		const struct db_web_todo *t =
			&g_array_index(lists, struct db_web_todo, 0);
		g_autofree char *l = http_quote(t->linkname, "");
		g_autofree char *path = g_strdup_printf("/user/todo/%s/", l);
		web_redirect(w, path);
		return;
	}
	g_autofree char *title =
		g_strdup_printf("%s's todo lists", w->username);
	struct page p;
	page_begin(&p, w, 200, title, NULL, PAGE_TAB_NONE);
	html_markup(p.out, "<h1>TODO</h1>\n");
	if (!lists->len) {
		html_markup(p.out, "<p>No todo lists</p>\n");
		page_end(&p);
		return;
	}
	html_markup(p.out, "<p>You have multiple TODO lists. Each TODO list "
			   "contains patches for a single project.</p>\n"
			   "<table class=\"vertical\">\n<tr><th>project</th>"
			   "<th>patches</th></tr>\n");
	for (guint i = 0; i < lists->len; i++) {
		const struct db_web_todo *t =
			&g_array_index(lists, struct db_web_todo, i);
		html_markup(p.out, "<tr><td><a href=\"/user/todo/");
		html_url_arg(p.out, t->linkname);
		html_markup(p.out, "/\">");
		html_text(p.out, t->name);
		html_markup(p.out, "</a></td><td class=\"number\">");
		html_int(p.out, t->patches);
		html_markup(p.out, "</td></tr>\n");
	}
	html_markup(p.out, "</table>\n");
	page_end(&p);
}

/* The heading and what a todo list holds, with the names of the states
 * that need action (GPtrArray of struct db_state*). */
static void head(struct page *p, void *data)
{
	const GPtrArray *states = data;
	html_markup(p->out, "<h1>TODO</h1>\n<p>A Patchwork todo-list contains "
			    "patches that are assigned to you, are in an "
			    "\"action required\" state (");
	gboolean first = TRUE;
	for (guint i = 0; i < states->len; i++) {
		const struct db_state *s = states->pdata[i];
		if (!s->action_required)
			continue;
		if (!first)
			html_text(p->out, ", ");
		first = FALSE;
		html_text(p->out, s->name);
	}
	html_markup(p->out, "), and are not archived.</p>\n");
}

void web_todo(struct web *w)
{
	if (!web_require_login(w))
		return;
	g_autoptr(db_project) project = web_path_project(w);
	g_autoptr(GPtrArray) states = NULL;
	g_autoptr(GError) error = NULL;
	if (!project)
		return;
	enum db_status st = web_states(w, &states, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	g_autofree char *l = http_quote(project->linkname, "");
	g_autofree char *path = g_strdup_printf("/user/todo/%s/", l);
	g_autofree char *title = g_strdup_printf("%s's todo list", w->username);
	struct list_source src = {
		.path = path,
		.title = title,
		.tab = PAGE_TAB_LIST,
		.delegate_id = w->user_id,
		.delegate_name = w->username,
		.head = head,
		.data = states,
	};
	web_list_page(w, project, &src);
}
