/*
 * Field validation as Django REST Framework 3.14 and Django 3.2 run it for
 * Patchwork's serializers (core/validate.h; rest-api.md §2.4 for the
 * messages, §6.9 for slugs and URLs).
 *
 * The URL rule is Django's URLValidator regular expression, compiled
 * with GRegex: porting a regular expression is safer with a regular
 * expression engine than by hand. (*UCP) makes \d and \s Unicode-aware,
 * as Python's `re` is on str patterns.
 */
#include "core/validate.h"

#include "mail/pystr.h"

#include <arpa/inet.h>
#include <string.h>

gboolean validate_char(struct write_report *r, const char *field,
		       const struct write_text *in,
		       const struct char_rules *rules, char **out)
{
	*out = NULL;
	if (in->type_error) {
		write_report_add(r, field, "%s", in->type_error);
		return FALSE;
	}
	if (in->null || !in->value) {
		if (rules->allow_null)
			return TRUE;
		write_report_add(r, field, VALIDATE_MSG_NULL);
		return FALSE;
	}
	/* trim_whitespace: Python's str.strip() */
	g_autofree char *value = py_strip(in->value);
	if (!*value) {
		if (rules->allow_blank) {
			*out = g_steal_pointer(&value);
			return TRUE;
		}
		write_report_add(r, field, "This field may not be blank.");
		return FALSE;
	}
	if (rules->max_length &&
	    (gsize)g_utf8_strlen(value, -1) > rules->max_length) {
		write_report_add(r, field,
				 "Ensure this field has no more than %zu "
				 "characters.",
				 rules->max_length);
		return FALSE;
	}
	*out = g_steal_pointer(&value);
	return TRUE;
}

gboolean validate_bool(struct write_report *r, const char *field,
		       const struct write_bool *in)
{
	if (in->type_error) {
		write_report_add(r, field, "%s", in->type_error);
		return FALSE;
	}
	if (in->null) {
		write_report_add(r, field, VALIDATE_MSG_NULL);
		return FALSE;
	}
	return TRUE;
}

enum db_status validate_patch_ids(struct db *db, struct write_report *r,
				  const char *field, const struct write_ids *in,
				  GArray **projects, GError **error)
{
	*projects = NULL;
	if (in->type_error || in->null || !in->values) {
		write_report_add(r, field, "%s",
				 in->type_error ? in->type_error
						: VALIDATE_MSG_NULL);
		return DB_OK;
	}
	gint64 missing = 0;
	enum db_status st =
		db_patch_projects(db, in->values, projects, &missing, error);
	if (st != DB_NOT_FOUND)
		return st;
	write_report_add(r, field,
			 "Invalid pk \"%" G_GINT64_FORMAT
			 "\" - object does not exist.",
			 missing);
	return DB_OK;
}

gboolean validate_is_slug(const char *s)
{
	/* DRF's SlugField: ^[-a-zA-Z0-9_]+$. Python's `$` also matches
	 * before a final newline, but the value was stripped already. */
	if (!*s)
		return FALSE;
	for (; *s; s++)
		if (!g_ascii_isalnum(*s) && *s != '_' && *s != '-')
			return FALSE;
	return TRUE;
}

/* Django 3.2's URLValidator.regex, with Python's \Z as PCRE's \z. */
#define UL "\\x{00a1}-\\x{ffff}"
#define IPV4_RE                                               \
	"(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)(?:\\.(?:25[0-5]" \
	"|2[0-4]\\d|[0-1]?\\d?\\d)){3}"
#define IPV6_RE "\\[[0-9a-f:.]+\\]"
#define HOSTNAME_RE "[a-z" UL "0-9](?:[a-z" UL "0-9-]{0,61}[a-z" UL "0-9])?"
#define DOMAIN_RE "(?:\\.(?!-)[a-z" UL "0-9-]{1,63}(?<!-))*"
#define TLD_RE "\\.(?!-)(?:[a-z" UL "-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?"
#define HOST_RE "(" HOSTNAME_RE DOMAIN_RE TLD_RE "|localhost)"
#define URL_RE                                                       \
	"(*UCP)^(?:[a-z0-9.+-]*)://(?:[^\\s:@/]+(?::[^\\s:@/]*)?@)?" \
	"(?:" IPV4_RE "|" IPV6_RE "|" HOST_RE ")(?::\\d{2,5})?"      \
	"(?:[/?#][^\\s]*)?\\z"

/*
 * The compiled pattern, made once per process: compiling it costs 2 ms
 * (its Unicode classes), matching 2 µs, and every check POST with a
 * target_url needs it. Immutable once made (a GRegex is safe to match
 * from several threads), so this is a constant, not shared state.
 */
static GRegex *url_regex(void)
{
	static GRegex *re;
	if (g_once_init_enter(&re)) {
		GRegex *made = g_regex_new(URL_RE, G_REGEX_CASELESS, 0, NULL);
		if (!made)
			g_error("the URL pattern does not compile");
		g_once_init_leave(&re, made);
	}
	return re;
}

/* urlsplit(value).netloc: what follows "//" up to the first of "/?#". */
static char *netloc_of(const char *url)
{
	const char *p = strstr(url, "//");
	if (!p)
		return g_strdup("");
	p += 2;
	return g_strndup(p, strcspn(p, "/?#"));
}

/* urlsplit(value).hostname: the netloc without user info and port,
 * without IPv6 brackets, lower-cased. */
static char *hostname_of(const char *netloc)
{
	const char *at = strrchr(netloc, '@');
	const char *h = at ? at + 1 : netloc;
	gsize len;
	if (*h == '[') {
		const char *end = strchr(h, ']');
		h++;
		len = end ? (gsize)(end - h) : strlen(h);
	} else {
		const char *colon = strchr(h, ':');
		len = colon ? (gsize)(colon - h) : strlen(h);
	}
	g_autofree char *host = g_strndup(h, len);
	return g_utf8_strdown(host, -1);
}

gboolean validate_is_url(const char *s)
{
	/* Django 3.2.x refuses \t, \r and \n before anything else (its
	 * fix for Python's urlsplit stripping them). */
	if (strpbrk(s, "\t\r\n"))
		return FALSE;
	const char *sep = strstr(s, "://");
	g_autofree char *scheme =
		g_ascii_strdown(s, sep ? (gssize)(sep - s) : -1);
	static const char *const schemes[] = {"http", "https", "ftp", "ftps",
					      NULL};
	if (!g_strv_contains(schemes, scheme))
		return FALSE;
	GRegex *re = url_regex();
	/* Django retries a failed match with the host converted to
	 * punycode; the pattern already takes every code point below
	 * U+10000, so only hosts with characters beyond it differ (they
	 * are refused here). */
	if (!g_regex_match(re, s, 0, NULL))
		return FALSE;
	g_autofree char *netloc = netloc_of(s);
	g_autofree char *host = hostname_of(netloc);
	/* Django checks a bracketed host as an IPv6 address (only when
	 * the netloc starts with it) */
	if (netloc[0] == '[') {
		struct in6_addr a;
		if (inet_pton(AF_INET6, host, &a) != 1)
			return FALSE;
	}
	/* RFC 1034's 253 characters for a whole host name */
	return g_utf8_strlen(host, -1) <= 253;
}
