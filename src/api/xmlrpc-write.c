/*
 * The XML-RPC response writer (xmlrpc-private.h): byte for byte what
 * Python's xmlrpc.client.Marshaller writes, which is what Patchwork
 * answers. Every piece of text goes through escape(), the one place
 * that escapes.
 */
#include "api/xmlrpc-private.h"

/* Python's xmlrpc.client.escape: &, < and > only. */
static void escape(GString *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			g_string_append(out, "&amp;");
			break;
		case '<':
			g_string_append(out, "&lt;");
			break;
		case '>':
			g_string_append(out, "&gt;");
			break;
		default:
			g_string_append_c(out, *s);
		}
	}
}

void xw_init(struct xw *w, GString *out)
{
	w->out = out;
	w->none = FALSE;
}

void xw_int(struct xw *w, gint64 v)
{
	g_string_append_printf(
		w->out, "<value><int>%" G_GINT64_FORMAT "</int></value>\n", v);
}

void xw_bool(struct xw *w, gboolean v)
{
	g_string_append_printf(w->out, "<value><boolean>%d</boolean></value>\n",
			       v ? 1 : 0);
}

void xw_string(struct xw *w, const char *s)
{
	if (!s) {
		xw_none(w);
		return;
	}
	g_string_append(w->out, "<value><string>");
	escape(w->out, s);
	g_string_append(w->out, "</string></value>\n");
}

/* base64.encodebytes(): lines of 76 characters, each ending in "\n". */
void xw_base64(struct xw *w, const char *s)
{
	if (!s) {
		xw_none(w);
		return;
	}
	g_autofree char *b64 = g_base64_encode((const guchar *)s, strlen(s));
	gsize n = strlen(b64);
	g_string_append(w->out, "<value><base64>\n");
	for (gsize at = 0; at < n; at += 76) {
		g_string_append_len(w->out, b64 + at, MIN(76, n - at));
		g_string_append_c(w->out, '\n');
	}
	g_string_append(w->out, "</base64></value>\n");
}

void xw_none(struct xw *w)
{
	w->none = TRUE;
}

void xw_array_begin(struct xw *w)
{
	g_string_append(w->out, "<value><array><data>\n");
}

void xw_array_end(struct xw *w)
{
	g_string_append(w->out, "</data></array></value>\n");
}

void xw_struct_begin(struct xw *w)
{
	g_string_append(w->out, "<value><struct>\n");
}

void xw_struct_end(struct xw *w)
{
	g_string_append(w->out, "</struct></value>\n");
}

void xw_member(struct xw *w, const char *name)
{
	g_string_append(w->out, "<member>\n<name>");
	escape(w->out, name);
	g_string_append(w->out, "</name>\n");
}

void xw_member_end(struct xw *w)
{
	g_string_append(w->out, "</member>\n");
}

void xw_member_int(struct xw *w, const char *name, gint64 v)
{
	xw_member(w, name);
	xw_int(w, v);
	xw_member_end(w);
}

void xw_member_string(struct xw *w, const char *name, const char *s)
{
	xw_member(w, name);
	xw_string(w, s);
	xw_member_end(w);
}

void xw_member_base64(struct xw *w, const char *name, const char *s)
{
	xw_member(w, name);
	xw_base64(w, s);
	xw_member_end(w);
}

void xw_member_time(struct xw *w, const char *name, gint64 us)
{
	gint64 secs = us / G_USEC_PER_SEC, frac = us % G_USEC_PER_SEC;
	if (frac < 0) {
		secs--;
		frac += G_USEC_PER_SEC;
	}
	g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc(secs);
	g_autofree char *text =
		t ? g_date_time_format(t, "%Y-%m-%d %H:%M:%S") : g_strdup("");
	g_autofree char *full =
		frac ? g_strdup_printf("%s.%06" G_GINT64_FORMAT, text, frac)
		     : g_strdup(text);
	xw_member_base64(w, name, full);
}

static const char head[] = "<?xml version='1.0'?>\n<methodResponse>\n";

void xw_finish(GString *out, const struct xw *value)
{
	if (value->none) {
		xw_fault(out, 1,
			 "<class 'TypeError'>:cannot marshal None unless "
			 "allow_none is enabled");
		return;
	}
	g_string_prepend(out, "<params>\n<param>\n");
	g_string_prepend(out, head);
	g_string_append(out, "</param>\n</params>\n</methodResponse>\n");
}

void xw_fault(GString *out, int code, const char *text)
{
	struct xw w;
	g_string_truncate(out, 0);
	xw_init(&w, out);
	g_string_append(out, head);
	g_string_append(out, "<fault>\n");
	xw_struct_begin(&w);
	xw_member_int(&w, "faultCode", code);
	xw_member_string(&w, "faultString", text);
	xw_struct_end(&w);
	g_string_append(out, "</fault>\n</methodResponse>\n");
}
