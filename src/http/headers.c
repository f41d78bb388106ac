/*
 * Security headers and Cache-Control of every answer (see headers.h).
 */
#include "http/headers.h"

/* The media type of a Content-Type value, without its parameters. */
static gboolean media_type_is(const char *content_type, const char *type)
{
	gsize n = strlen(type);
	return content_type &&
	       g_ascii_strncasecmp(content_type, type, n) == 0 &&
	       (content_type[n] == '\0' || content_type[n] == ';' ||
		content_type[n] == ' ');
}

static const char *content_security_policy(const struct response *res)
{
	const char *disposition =
		response_get_header(res, "Content-Disposition");
	if (disposition && g_str_has_prefix(disposition, "attachment"))
		return HTTP_CSP_DOWNLOAD;
	if (media_type_is(res->content_type, "text/html"))
		return HTTP_CSP_HTML;
	return HTTP_CSP_NONE;
}

static const char *cache_control(const struct response *res)
{
	if (res->status >= 400)
		return "no-store";
	return res->user ? "private, no-cache" : "no-cache";
}

void http_security_headers(struct response *res)
{
	response_header(res, "X-Content-Type-Options", "nosniff");
	response_header(res, "X-Frame-Options", "DENY");
	response_header(res, "Referrer-Policy", "same-origin");
	if (!response_get_header(res, "Content-Security-Policy"))
		response_header(res, "Content-Security-Policy",
				content_security_policy(res));
	if (!response_get_header(res, "Cache-Control"))
		response_header(res, "Cache-Control", cache_control(res));
}
