/*
 * How an API response is rendered (rest-api.md §2.1): content negotiation
 * between JSON and the browsable API the way Django REST Framework does
 * it and the browsable API's HTML page (OPTIONS: options.c).
 */
#include "api/api.h"
#include "util/html.h"

/* Does the client media range `range` (e.g. "text/" + "*") accept `type`? */
static gboolean range_matches(const char *range, const char *type)
{
	if (strcmp(range, "*/*") == 0)
		return TRUE;
	const char *slash = strchr(range, '/');
	if (slash && strcmp(slash, "/*") == 0)
		return strncmp(range, type, slash - range + 1) == 0;
	return g_ascii_strcasecmp(range, type) == 0;
}

/* DRF's precedence: 2 for a full type, 1 for a subtype wildcard, 0 for
 * the full wildcard. */
static int precedence(const char *range)
{
	if (strcmp(range, "*/*") == 0)
		return 0;
	return g_str_has_suffix(range, "/*") ? 1 : 2;
}

/*
 * The JSON renderer's media type for the client's range `given` (with its
 * parameters) as DRF forms it: the client's own text for a full type, else
 * "application/json" with the range's parameters joined by ';'. Reads
 * `indent` (clamped to 0..8, 0 meaning compact) into a->indent.
 */
static void accept_json(struct api *a, const char *given, int level)
{
	g_auto(GStrv) parts = g_strsplit(given, ";", 16);
	GString *type = g_string_new("application/json");
	for (char **p = parts + 1; *p; p++) {
		char *param = g_strstrip(*p);
		char *eq = strchr(param, '=');
		if (!eq)
			continue;
		g_string_append_printf(type, ";%s", param);
		*eq = '\0';
		char *end;
		gint64 n = g_ascii_strtoll(eq + 1, &end, 10);
		if (strcmp(g_strstrip(param), "indent") == 0 &&
		    !*g_strstrip(end) && end != eq + 1)
			a->indent = (int)CLAMP(n, 0, 8);
	}
	if (parts[1]) {
		g_free(a->res->content_type);
		a->res->content_type = level == 2 ? g_strstrip(g_strdup(given))
						  : g_strdup(type->str);
	}
	g_string_free(type, TRUE);
}

gboolean api_negotiate(struct api *a)
{
	static const char *const renderers[] = {"application/json",
						"text/html"};
	if (a->format) {
		a->html = strcmp(a->format, "api") == 0;
		return TRUE;
	}
	const char *accept = a->req->accept;
	if (!accept || !*accept) {
		a->html = FALSE;
		return TRUE;
	}
	g_auto(GStrv) ranges = g_strsplit(accept, ",", 64);
	g_auto(GStrv) given = g_strdupv(ranges);
	for (char **r = ranges; *r; r++) {
		char *semi = strchr(*r, ';');
		if (semi)
			*semi = '\0';
		g_strstrip(*r);
	}
	for (int level = 2; level >= 0; level--) {
		for (gsize k = 0; k < G_N_ELEMENTS(renderers); k++) {
			for (char **r = ranges; *r; r++) {
				if (**r && precedence(*r) == level &&
				    range_matches(*r, renderers[k])) {
					a->html = k == 1;
					if (!a->html)
						accept_json(a,
							    given[r - ranges],
							    level);
					return TRUE;
				}
			}
		}
	}
	api_error(a, 406, "Could not satisfy the request Accept header.");
	return FALSE;
}

/* The pretty JSON with every string that is an absolute URL turned into
 * a link, as the browsable API shows it. */
static void json_as_html(GString *out, const GString *json)
{
	const char *p = json->str, *end = json->str + json->len;
	while (p < end) {
		const char *q = strstr(p, "\"http");
		if (!q) {
			html_text_len(out, p, end - p);
			break;
		}
		html_text_len(out, p, q + 1 - p);
		const char *close = q + 1;
		while (close < end && *close != '"' && *close != '\\')
			close++;
		g_autofree char *url = g_strndup(q + 1, close - q - 1);
		if (g_str_has_prefix(url, "http://") ||
		    g_str_has_prefix(url, "https://")) {
			html_raw_trusted_markup(out, "<a href=\"");
			html_attr(out, url);
			html_raw_trusted_markup(out, "\" rel=\"nofollow\">");
			html_text(out, url);
			html_raw_trusted_markup(out, "</a>");
		} else {
			html_text(out, url);
		}
		p = close;
	}
}

/* A <select> of the filter form, options from the database. */
static void filter_select(struct api *a, GString *out, const char *name,
			  GPtrArray *options)
{
	html_raw_trusted_markup(out, "<label for=\"id_");
	html_attr(out, name);
	html_raw_trusted_markup(out, "\">");
	html_text(out, name);
	html_raw_trusted_markup(out, "</label>\n<select name=\"");
	html_attr(out, name);
	html_raw_trusted_markup(out, "\" class=\"form-control\" id=\"id_");
	html_attr(out, name);
	html_raw_trusted_markup(out, "\">\n  <option value=\"\" selected>"
				     "---------</option>\n");
	const char *current = request_param(a->req, name);
	for (guint i = 0; options && i + 1 < options->len; i += 2) {
		const char *value = options->pdata[i];
		html_raw_trusted_markup(out, "  <option value=\"");
		html_attr(out, value);
		html_raw_trusted_markup(out, "\"");
		if (current && strcmp(current, value) == 0)
			html_raw_trusted_markup(out, " selected");
		html_raw_trusted_markup(out, ">");
		html_text(out, options->pdata[i + 1]);
		html_raw_trusted_markup(out, "</option>\n");
	}
	html_raw_trusted_markup(out, "</select>\n");
}

/* The filter form of list endpoints that filter by project and
 * submitter (the VS Code extension reads id_project and id_submitter). */
static void filter_form(struct api *a, GString *out)
{
	const char *pattern = a->route->pattern;
	gboolean submitter = !strcmp(pattern, "patches/") ||
			     !strcmp(pattern, "covers/") ||
			     !strcmp(pattern, "series/");
	gboolean project = submitter || !strcmp(pattern, "bundles/") ||
			   !strcmp(pattern, "events/");
	if (!project)
		return;
	html_raw_trusted_markup(out,
				"<form class=\"filters\" method=\"get\">\n");
	g_autoptr(GPtrArray) options = NULL;
	if (db_filter_options(a->req->db, "project", &options, NULL) == DB_OK)
		filter_select(a, out, "project", options);
	g_clear_pointer(&options, g_ptr_array_unref);
	if (submitter &&
	    db_filter_options(a->req->db, "submitter", &options, NULL) == DB_OK)
		filter_select(a, out, "submitter", options);
	html_raw_trusted_markup(out, "<button type=\"submit\">Apply</button>\n"
				     "</form>\n");
}

void api_render_html(struct api *a)
{
	struct response *res = a->res;
	GString *out = g_string_sized_new(res->body->len * 2 + 2048);
	const char *name = a->route ? a->route->name : "Error";

	html_raw_trusted_markup(out, "<!DOCTYPE html>\n<html>\n<head>\n"
				     "<meta charset=\"utf-8\">\n<title>");
	html_text(out, name);
	html_raw_trusted_markup(out, " – darn</title>\n</head>\n<body>\n"
				     "<div class=\"page-header\"><h1>");
	html_text(out, name);
	html_raw_trusted_markup(out,
				"</h1></div>\n<div class=\"description\">");
	if (a->route && *a->route->description) {
		g_auto(GStrv) paras =
			g_strsplit(a->route->description, "\n\n", -1);
		for (char **p = paras; *p; p++) {
			html_raw_trusted_markup(out, "<p>");
			html_text(out, *p);
			html_raw_trusted_markup(out, "</p>\n");
		}
	}
	html_raw_trusted_markup(out, "</div>\n");
	if (a->route && res->status == 200)
		filter_form(a, out);

	html_raw_trusted_markup(out, "<div class=\"request-info\"><pre "
				     "class=\"prettyprint\"><b>");
	html_text(out, a->req->method);
	html_raw_trusted_markup(out, "</b> ");
	g_autofree char *path = http_quote(a->req->path, "/:@!$&'()*+,;=");
	html_text(out, path);
	for (guint i = 0; i < a->req->params->len; i++) {
		const struct http_param *p = a->req->params->pdata[i];
		g_autofree char *n = http_quote_plus(p->name);
		g_autofree char *v = http_quote_plus(p->value);
		html_textf(out, "%c%s=%s", i ? '&' : '?', n, v);
	}
	html_raw_trusted_markup(out,
				"</pre></div>\n<div class=\"response-info\">"
				"<pre class=\"prettyprint\"><span "
				"class=\"meta nocode\"><b>");
	html_textf(out, "HTTP %d %s", res->status, http_reason(res->status));
	html_raw_trusted_markup(out, "</b>\n");
	static const char *const shown[] = {"Allow", "Content-Type", "Link",
					    "Location", "Vary"};
	for (gsize i = 0; i < G_N_ELEMENTS(shown); i++) {
		const char *v = strcmp(shown[i], "Content-Type") == 0
					? "application/json"
					: response_get_header(res, shown[i]);
		if (!v)
			continue;
		html_raw_trusted_markup(out, "<b>");
		html_text(out, shown[i]);
		html_raw_trusted_markup(out, ":</b> <span class=\"lit\">");
		html_text(out, v);
		html_raw_trusted_markup(out, "</span>\n");
	}
	html_raw_trusted_markup(out, "\n</span>");
	json_as_html(out, res->body);
	html_raw_trusted_markup(out, "</pre></div>\n</body>\n</html>\n");

	g_string_free(res->body, TRUE);
	res->body = out;
	g_free(res->content_type);
	res->content_type = g_strdup("text/html; charset=utf-8");
}
