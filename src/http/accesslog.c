/*
 * The access log line (see accesslog.h): formatting is a pure function
 * of the request's facts, so its escaping is unit-tested without a
 * server.
 */
#include "http/accesslog.h"

#include "http/http.h"

#include <errno.h>
#include <unistd.h>

void http_log_escape(GString *out, const char *s)
{
	if (!s || !*s) {
		g_string_append_c(out, '-');
		return;
	}
	const char *end = s + strlen(s);
	for (const char *p = s; p < end;) {
		guchar c = (guchar)*p;
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			g_string_append_c(out, c);
			p++;
			continue;
		}
		/* UTF-8 is kept, but not the C1 controls U+0080..U+009F,
		 * which some terminals obey as ESC sequences. */
		gunichar u = c >= 0x80 ? g_utf8_get_char_validated(p, end - p)
				       : (gunichar)-1;
		if (u < 0x110000 && u >= 0xa0) {
			const char *next = g_utf8_next_char(p);
			g_string_append_len(out, p, next - p);
			p = next;
			continue;
		}
		g_string_append_printf(out, "\\x%02X", c);
		p++;
	}
}

/* The request target, percent-encoded: the path and the query as darn
 * decoded them (libmicrohttpd hands them over decoded). */
static void append_target(GString *out, const struct http_log_entry *e)
{
	g_autofree char *path =
		http_quote(e->path ? e->path : "", "/:@!$&'()*+,;=");
	g_string_append(out, path);
	for (guint i = 0; e->params && i < e->params->len; i++) {
		const struct http_param *p = e->params->pdata[i];
		g_autofree char *name = http_quote(p->name, "/:@!$'()*,;");
		g_autofree char *value = http_quote(p->value, "/:@!$'()*,;");
		g_string_append_printf(out, "%c%s=%s", i ? '&' : '?', name,
				       value);
	}
}

char *http_access_log_line(const struct http_log_entry *e)
{
	static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr",
					   "May", "Jun", "Jul", "Aug",
					   "Sep", "Oct", "Nov", "Dec"};
	GString *out = g_string_sized_new(256);
	time_t seconds = (time_t)(e->time_us / G_USEC_PER_SEC);
	struct tm tm;
	g_autoptr(GString) target = g_string_new(NULL);

	gmtime_r(&seconds, &tm);
	http_log_escape(out, e->address);
	g_string_append(out, " - ");
	http_log_escape(out, e->user);
	g_string_append_printf(out, " [%02d/%s/%04d:%02d:%02d:%02d +0000] \"",
			       tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900,
			       tm.tm_hour, tm.tm_min, tm.tm_sec);
	http_log_escape(out, e->method);
	g_string_append_c(out, ' ');
	append_target(target, e);
	http_log_escape(out, target->str);
	g_string_append_c(out, ' ');
	http_log_escape(out, e->version);
	g_string_append_printf(out, "\" %d %" G_GSIZE_FORMAT " \"", e->status,
			       e->bytes);
	http_log_escape(out, e->referer);
	g_string_append(out, "\" \"");
	http_log_escape(out, e->user_agent);
	g_string_append_printf(out, "\" %.1f\n", e->duration_ms);
	return g_string_free(out, FALSE);
}

void http_access_log(const struct http_log_entry *e)
{
	g_autofree char *line = http_access_log_line(e);
	gsize len = strlen(line);

	/* One write(2): stdio and g_printerr could split a long line. */
	for (gsize done = 0; done < len;) {
		ssize_t n = write(STDERR_FILENO, line + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (gsize)n;
	}
}
