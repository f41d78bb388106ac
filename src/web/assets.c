/*
 * The site's own stylesheet, script and icon, built into the binary and
 * served at fixed paths (/static/darn.css, /static/darn.js,
 * /static/darn.svg, which /favicon.ico answers too) with validators: an
 * ETag from their content and a Last-Modified from the binary's own
 * time, answered with 304 when the client already has them. Nothing is
 * fetched from another site, and every page works without the script:
 * it only adds conveniences (copying an id, ticking every row, dragging
 * a bundle's rows).
 */
#include "web/bundle-reorder.h"
#include "web/keys.h"
#include "web/web.h"

#include <sys/stat.h>

static const char stylesheet[] =
	":root{--fg:#1d1f21;--muted:#5c6166;--bg:#fff;--line:#d8dce0;"
	"--head:#24292f;--link:#0b5cad;--add:#116329;--del:#a40e26;"
	"--warn:#9a6700;--ok:#116329;--fail:#a40e26}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',"
	"sans-serif;color:var(--fg);background:var(--bg)}\n"
	"a{color:var(--link)}\n"
	"header.site{background:var(--head);color:#fff}\n"
	"header.site nav{display:flex;flex-wrap:wrap;align-items:center;"
	"gap:.3em 1.2em;padding:.5em 1em}\n"
	"header.site a{color:#fff;text-decoration:none}\n"
	"header.site a:hover{text-decoration:underline}\n"
	".brand{font-weight:700;font-size:1.15em}\n"
	".project{color:#c9d1d9}\n"
	"header.site ul{list-style:none;margin:0;padding:0;display:flex;"
	"flex-wrap:wrap;gap:.2em 1em}\n"
	"header.site ul.user{margin-left:auto}\n"
	"header.site li.active a{border-bottom:2px solid #fff}\n"
	"header.site form{display:inline;margin:0}\n"
	"header.site button{background:none;border:0;color:#fff;font:inherit;"
	"cursor:pointer;padding:0}\n"
	"main{padding:1em;max-width:110em}\n"
	"footer{padding:1em;color:var(--muted);border-top:1px solid "
	"var(--line);font-size:.9em}\n"
	"h1{font-size:1.5em;margin:.3em 0 .6em;overflow-wrap:anywhere}\n"
	"h2{font-size:1.2em;margin:1.4em 0 .5em}\n"
	"table{border-collapse:collapse}\n"
	"th,td{text-align:left;vertical-align:top;padding:.3em .6em}\n"
	"table.info th{white-space:nowrap;color:var(--muted);font-weight:600}\n"
	".scroll{overflow-x:auto}\n"
	"table.patches{width:100%}\n"
	"table.patches tr{border-bottom:1px solid var(--line)}\n"
	"table.patches tbody tr:hover{background:#f6f8fa}\n"
	"table.patches td.nowrap{white-space:nowrap}\n"
	"table.patches th a{color:inherit}\n"
	".sorted::after{content:' \\25BE'}\n"
	".sorted.up::after{content:' \\25B4'}\n"
	"#filtersummary{margin:.3em 0}\n"
	".filter-action{text-decoration:none;margin-left:.3em}\n"
	".filter-action::after{content:'\\2296';color:var(--del)}\n"
	"details.filters form{display:grid;grid-template-columns:max-content "
	"minmax(0,28em);gap:.4em .8em;margin:.6em 0;align-items:center}\n"
	"details summary{cursor:pointer;color:var(--link)}\n"
	".paginator{margin:.6em 0;display:flex;flex-wrap:wrap;gap:.4em}\n"
	".paginator .curr{font-weight:700}\n"
	".projects{display:grid;grid-template-columns:repeat(auto-fill,"
	"minmax(16em,1fr));gap:1em}\n"
	".projects section{border:1px solid var(--line);border-radius:6px;"
	"padding:.2em 1em}\n"
	".projects h3{margin:.5em 0}\n"
	"pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:.3em 0;"
	"font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}\n"
	"#patch pre{white-space:pre;overflow-x:auto}\n"
	".submission-message{border:1px solid var(--line);border-radius:6px;"
	"margin:.8em 0}\n"
	".submission-message .meta{background:#f6f8fa;padding:.3em .8em;"
	"border-bottom:1px solid var(--line)}\n"
	".submission-message pre.content{padding:.5em .8em}\n"
	".message-date{color:var(--muted);margin-left:.6em}\n"
	".hidden{display:none}\n"
	".comment-status-bar-addressed{color:var(--ok)}\n"
	".comment-status-bar-unaddressed{color:var(--warn)}\n"
	".downloads{float:right;display:flex;gap:.4em;margin:.3em 0 .3em 1em}\n"
	".downloads a,.downloads button{border:1px solid var(--line);"
	"border-radius:4px;padding:.15em .6em;text-decoration:none;"
	"background:#f6f8fa;font:inherit;color:var(--fg)}\n"
	".signed-off-by,.acked-by,.reviewed-by,.tested-by{color:var(--add)}\n"
	".nacked-by{color:var(--del)}\n.quote{color:var(--muted)}\n"
	".p_header{font-weight:700}\n.p_add{color:var(--add)}\n"
	".p_del{color:var(--del)}\n.p_chunk{color:#8250df}\n"
	".state.success{color:var(--ok)}\n.state.warning{color:var(--warn)}\n"
	".state.fail{color:var(--fail)}\n"
	".c-success{color:var(--ok);font-weight:700}\n"
	".c-warning{color:var(--warn);font-weight:700}\n"
	".c-fail{color:var(--fail);font-weight:700}\n"
	/* the bundle and todo pages (bundle.c, todo.c) */
	"table.bundlelist{margin:.6em 0}\n"
	"table.bundlelist tr{border-bottom:1px solid var(--line)}\n"
	"td.center{text-align:center}\ntd.number{text-align:right}\n"
	".icon-yes::before{content:'\\2713';color:var(--ok)}\n"
	".icon-download{text-decoration:none}\n"
	".icon-download::before{content:'\\2B73'}\n"
	".icon-delete{background:none;border:0;padding:0;cursor:pointer;"
	"color:var(--del);font:inherit}\n"
	".icon-delete::before{content:'\\2715'}\n"
	"td form{display:inline;margin:0}\n"
	"button.move{padding:0 .3em;margin-left:.2em;font:inherit;"
	"cursor:pointer}\n"
	".bundle-settings table{margin:.6em 0}\n"
	".messages{padding:.5em 1em;list-style:none;background:#f6f8fa;"
	"border:1px solid var(--line);border-radius:6px}\n"
	".errorlist{color:var(--del);list-style:none;padding:0;margin:0}\n"
	/* the patch forms (patch-forms.c) and the page's messages */
	".patchforms{display:flex;flex-wrap:wrap;gap:.5em 2em;margin:1em 0}\n"
	".patchform h3{font-size:1em;margin:.3em 0}\n"
	"ul.messages{list-style:none;padding:.4em 1em;margin:0 0 .6em;"
	"border:1px solid var(--line);border-radius:6px}\n"
	"ul.messages .success{color:var(--ok)}\n"
	"ul.messages .warning{color:var(--warn)}\n"
	"ul.messages .error,#errors,.errorlist{color:var(--fail)}\n"
	"details.whole-series label{display:block}\n"
	"@media (max-width:40em){main{padding:.5em}"
	"table.patches .wide{display:none}.downloads{float:none}}\n";

static const char script[] =
	"'use strict';\n"
	"// darn's only script: conveniences; every page works without it.\n"
	"document.addEventListener('DOMContentLoaded', function () {\n"
	"  // buttons with data-copy put their value on the clipboard\n"
	"  document.querySelectorAll('[data-copy]').forEach(function (b) {\n"
	"    b.hidden = false;\n"
	"    b.addEventListener('click', function () {\n"
	"      if (navigator.clipboard)\n"
	"        navigator.clipboard.writeText(b.dataset.copy);\n"
	"    });\n"
	"  });\n"
	"  // a checkbox with data-check-all ticks every row of its table\n"
	"  document.querySelectorAll('[data-check-all]').forEach(function (c) "
	"{\n"
	"    c.hidden = false;\n"
	"    c.addEventListener('change', function () {\n"
	"      c.closest('table').querySelectorAll('tbody "
	"input[type=checkbox]')\n"
	"        .forEach(function (x) { x.checked = c.checked; });\n"
	"    });\n"
	"  });\n"
	"  // buttons with data-confirm ask before their form goes\n"
	"  document.querySelectorAll('[data-confirm]').forEach(function (b) "
	"{\n"
	"    b.addEventListener('click', function (e) {\n"
	"      if (!window.confirm(b.dataset.confirm)) e.preventDefault();\n"
	"    });\n"
	"  });\n"
	"  // a whole-series box (patch-forms.c) ticks that series' rows\n"
	"  document.querySelectorAll('input[data-series]').forEach(function "
	"(s) {\n"
	"    s.addEventListener('change', function () {\n"
	"      var end = '?series=' + s.dataset.series;\n"
	"      document.querySelectorAll('table.patches tbody tr')\n"
	"        .forEach(function (tr) {\n"
	"          var a = tr.querySelector('a[href$=\"' + end + '\"]');\n"
	"          var box = tr.querySelector('input[type=checkbox]');\n"
	"          if (a && box) box.checked = s.checked;\n"
	"        });\n"
	"    });\n"
	"  });\n"
	"});\n";

/* A "d" on the header's colour; browsers ask for an icon on every site. */
static const char icon[] =
	"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\">"
	"<rect width=\"16\" height=\"16\" rx=\"3\" fill=\"#24292f\"/>"
	"<path d=\"M10 3h2v10h-2v-1a3.5 3.5 0 1 1 0-5z M8.5 8.2a2 2 0 1 0 "
	".01 0z\" fill=\"#fff\" fill-rule=\"evenodd\"/></svg>\n";

/* The binary's modification time as an HTTP date: the assets change
 * only with the binary. */
static char *last_modified(void)
{
	struct stat st;
	if (stat("/proc/self/exe", &st) != 0)
		return NULL;
	g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc(st.st_mtime);
	return t ? g_date_time_format(t, "%a, %d %b %Y %H:%M:%S GMT") : NULL;
}

void web_asset(struct web *w)
{
	const char *path = w->req->path, *type = "image/svg+xml";
	g_autofree char *body = NULL;
	/* the shortcuts' part (keys.c) and the bundle's reordering
	 * (bundle-reorder.c) follow the stylesheet and the script */
	if (g_str_has_suffix(path, ".css")) {
		body = g_strconcat(stylesheet, web_keys_style,
				   web_bundle_reorder_style, NULL);
		type = "text/css; charset=utf-8";
	} else if (g_str_has_suffix(path, ".js")) {
		body = g_strconcat(script, web_keys_script,
				   web_bundle_reorder_script, NULL);
		type = "text/javascript; charset=utf-8";
	} else {
		body = g_strdup(icon);
	}
	g_autofree char *sum =
		g_compute_checksum_for_string(G_CHECKSUM_SHA256, body, -1);
	g_autofree char *etag = g_strdup_printf("\"%.32s\"", sum);
	g_autofree char *date = last_modified();
	const char *inm = w->req->if_none_match;
	const char *ims = w->req->if_modified_since;

	response_header(w->res, "ETag", etag);
	if (date)
		response_header(w->res, "Last-Modified", date);
	/* revalidated after an hour; unchanged files cost a 304 */
	response_header(w->res, "Cache-Control", "public, max-age=3600");
	/* If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2); a
	 * date is compared as the exact text this server sent */
	if (inm ? (strstr(inm, etag) != NULL || strcmp(inm, "*") == 0)
		: (ims && date && strcmp(ims, date) == 0)) {
		w->res->status = 304;
		return;
	}
	w->res->content_type = g_strdup(type);
	g_string_append(w->res->body, body);
}
