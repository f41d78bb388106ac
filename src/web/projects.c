/*
 * The site's front pages: the project list (/), a project's page
 * (/project/<p>/, web-and-mbox.md §5.1), /about/ (§5.12) with its old
 * /help/ addresses, and the pwclientrc download (§3).
 */
#include "web/page.h"

#include "http/http.h"

/* darn's version, as the about page shows it */
#define DARN_ABOUT_VERSION "0.1"

/* An external link whose text is its address. */
static void url_link(struct page *p, const char *url)
{
	html_markup(p->out, "<a href=\"");
	html_attr(p->out, url);
	html_markup(p->out, "\">");
	html_text(p->out, url);
	html_markup(p->out, "</a>");
}

static void project_card(struct page *p, const struct db_project *project)
{
	html_markup(p->out, "<section>\n<h3>");
	html_text(p->out, project->name);
	html_markup(p->out, "</h3>\n<p><a href=\"/project/");
	html_url_arg(p->out, project->linkname);
	html_markup(p->out, "/list/\">View patches</a></p>\n");
	if (project->web_url && *project->web_url) {
		html_markup(p->out, "<p>");
		url_link(p, project->web_url);
		html_markup(p->out, "</p>\n");
	}
	if (project->webscm_url && *project->webscm_url) {
		html_markup(p->out, "<p>");
		url_link(p, project->webscm_url);
		html_markup(p->out, "</p>\n");
	}
	html_markup(p->out, "</section>\n");
}

void web_project_list(struct web *w)
{
	g_autoptr(GPtrArray) projects = NULL;
	g_autoptr(GError) error = NULL;
	enum db_status st = db_project_list(w->req->db, &projects, &error);
	if (st != DB_OK) {
		web_fail(w, st == DB_NOT_FOUND ? DB_ERROR : st, error);
		return;
	}
	/* one project: its patch list is the home page */
	if (projects->len == 1) {
		const struct db_project *only = projects->pdata[0];
		g_autofree char *q = http_quote(only->linkname, "");
		g_autofree char *to = g_strdup_printf("/project/%s/list/", q);
		web_redirect(w, to);
		return;
	}
	struct page p;
	page_begin(&p, w, 200, "Project List", NULL, PAGE_TAB_NONE);
	if (!projects->len)
		html_markup(p.out, "<p>There are no projects yet.</p>\n");
	html_markup(p.out, "<div class=\"projects\">\n");
	for (guint i = 0; i < projects->len; i++)
		project_card(&p, projects->pdata[i]);
	html_markup(p.out, "</div>\n");
	page_end(&p);
}

/* A row of the project's table, whose value is text. */
static void info_row(struct page *p, const char *label, const char *value)
{
	html_markup(p->out, "<tr><th>");
	html_text(p->out, label);
	html_markup(p->out, "</th><td>");
	html_text(p->out, value);
	html_markup(p->out, "</td></tr>\n");
}

/* A row whose value is a link to itself, when the value is set. */
static void link_row(struct page *p, const char *label, const char *url)
{
	if (!url || !*url)
		return;
	html_markup(p->out, "<tr><th>");
	html_text(p->out, label);
	html_markup(p->out, "</th><td>");
	url_link(p, url);
	html_markup(p->out, "</td></tr>\n");
}

/* The maintainers, "name <mailto:email>" each, by profile id. */
static void maintainers_row(struct page *p, const GPtrArray *maintainers)
{
	html_markup(p->out, "<tr><th>");
	html_text(p->out, maintainers->len == 1 ? "Maintainer" : "Maintainers");
	html_markup(p->out, "</th><td>");
	for (guint i = 0; i < maintainers->len; i++) {
		const struct db_user *u = maintainers->pdata[i];
		g_autofree char *name = g_strstrip(
			g_strdup_printf("%s %s", u->first_name, u->last_name));
		html_text(p->out, *name ? name : u->username);
		html_markup(p->out, " &lt;<a href=\"mailto:");
		html_attr(p->out, u->email);
		html_markup(p->out, "\">");
		html_text(p->out, u->email);
		html_markup(p->out, "</a>&gt;<br>\n");
	}
	html_markup(p->out, "</td></tr>\n");
}

void web_project(struct web *w)
{
	g_autoptr(db_project) project = g_new0(struct db_project, 1);
	g_autoptr(GPtrArray) maintainers = NULL;
	g_autoptr(GError) error = NULL;
	gint64 active = 0, archived = 0;
	enum db_status st =
		db_project_by_linkname(w->req->db, w->args[0], project, &error);
	if (st == DB_OK)
		st = db_project_maintainers(w->req->db, project->id,
					    &maintainers, &error);
	if (st == DB_OK)
		st = db_project_patch_counts(w->req->db, project->id, &active,
					     &archived, &error);
	if (st != DB_OK) {
		web_fail(w, st, error);
		return;
	}
	struct page p;
	page_begin(&p, w, 200, project->name, project, PAGE_TAB_PROJECT);
	html_markup(p.out, "<h1>About ");
	html_text(p.out, project->name);
	html_markup(p.out,
		    "</h1>\n<div class=\"scroll\"><table class=\"info\">\n");
	info_row(&p, "Name", project->name);
	info_row(&p, "List address", project->listemail);
	link_row(&p, "List archive", project->list_archive_url);
	maintainers_row(&p, maintainers);
	g_autofree char *counts = g_strdup_printf(
		"%" G_GINT64_FORMAT " (+ %" G_GINT64_FORMAT " archived)",
		active, archived);
	info_row(&p, "Patches", counts);
	link_row(&p, "Website", project->web_url);
	link_row(&p, "Source Code Web Interface", project->webscm_url);
	link_row(&p, "Source Code Manager URL", project->scm_url);
	html_markup(p.out, "</table></div>\n");
	if (w->req->xmlrpc_enabled) {
		html_markup(
			p.out,
			"<h2>pwclient</h2>\n<p><code>pwclient</code> is the "
			"command-line client for Patchwork sites such as "
			"this one: it lists, downloads and applies "
			"patches.</p>\n<p>To use pwclient, you will "
			"need:</p>\n<ul>\n<li>The <a href=\"https://"
			"github.com/getpatchwork/pwclient\">pwclient</a> "
			"program.</li>\n<li>(Optional) A <code><a "
			"href=\"/project/");
		html_url_arg(p.out, project->linkname);
		html_markup(p.out,
			    "/pwclientrc/\">.pwclientrc</a></code> file for "
			    "this project, which should be stored in your home "
			    "directory.</li>\n</ul>\n");
	}
	page_end(&p);
}

void web_about(struct web *w)
{
	struct page p;
	page_begin(&p, w, 200, "About", NULL, PAGE_TAB_NONE);
	html_markup(
		p.out,
		"<h1>About Patchwork</h1>\n"
		"<p>This site runs darn, a patch tracker compatible with <a "
		"href=\"http://jk.ozlabs.org/projects/patchwork/\">Patchwork"
		"</a>: its web pages, REST API, XML-RPC API and downloads "
		"answer at Patchwork's addresses, so links and tools keep "
		"working. Patchwork's documentation is on <a "
		"href=\"http://patchwork.readthedocs.io/\">Read the "
		"Docs</a>; Patchwork itself is built on <a "
		"href=\"https://djangoproject.com/\">Django</a> and <a "
		"href=\"https://getbootstrap.com/\">Bootstrap</a>, darn in C "
		"with its own pages.</p>\n<h3>darn version</h3>\n<ul>\n<li>");
	html_text(p.out, DARN_ABOUT_VERSION);
	html_markup(p.out, "</li>\n</ul>\n<h3>API Status</h3>\n<ul>\n"
			   "<li>REST enabled</li>\n<li>XML-RPC ");
	html_text(p.out, w->req->xmlrpc_enabled ? "enabled" : "disabled");
	html_markup(p.out, "</li>\n</ul>\n");
	page_end(&p);
}

void web_help_redirect(struct web *w)
{
	web_redirect(w, "/about/");
	w->res->status = 301;
}

/* The site's domain: the configured one, else the base URL's host. */
static char *site_domain(const struct web *w)
{
	if (w->req->site_domain && *w->req->site_domain)
		return g_strdup(w->req->site_domain);
	const char *b = w->req->base_url ? w->req->base_url : "";
	const char *host = strstr(b, "://");
	return g_strdup(host ? host + 3 : b);
}

void web_pwclientrc(struct web *w)
{
	g_autoptr(db_project) project = web_path_project(w);
	if (!project)
		return;
	g_autofree char *domain = site_domain(w);
	const char *b = w->req->base_url ? w->req->base_url : "";
	const char *scheme = g_str_has_prefix(b, "https:") ? "https" : "http";
	GString *o = w->res->body;
	g_string_append_printf(
		o,
		"# Sample .pwclientrc file for the %s project,\n"
		"# running on %s.\n#\n"
		"# Just append this file to your existing ~/.pwclientrc\n"
		"# If you do not already have a ~/.pwclientrc, then copy this "
		"file to\n"
		"# ~/.pwclientrc, and uncomment the following two lines:\n"
		"# [options]\n# default=%s\n\n[%s]\n",
		project->linkname, domain, project->linkname,
		project->linkname);
	/* Patchwork 3.1 points pwclient at XML-RPC; without it, at the REST
	 * API (pwclient 2's rest backend, as Patchwork 3.2 does) */
	if (w->req->xmlrpc_enabled)
		g_string_append_printf(o, "url = %s://%s/xmlrpc/\n", scheme,
				       domain);
	else
		g_string_append_printf(o,
				       "backend = rest\nurl = %s://%s/api/\n",
				       scheme, domain);
	if (w->username)
		g_string_append_printf(o,
				       "username = %s\npassword = <add your "
				       "patchwork password here>\n",
				       w->username);
	g_string_append_c(o, '\n');
	w->res->content_type = g_strdup("text/plain");
	response_header(w->res, "Content-Disposition",
			"attachment; filename=.pwclientrc");
}
