/*
 * libFuzzer target for the HTTP side: arbitrary paths, methods, Accept
 * headers and query parameters through the dispatcher (routing, version
 * parsing, negotiation, pagination, every resource handler) against an
 * in-memory database with a project and a few stored mails.
 *
 * Input format: lines "method", "path", "accept", then "name=value"
 * parameters; any bytes are allowed in each. A parameter line starting
 * with "Authorization: " is the Authorization header instead. The
 * database has a user with the token "0123...cdef" (see fuzz-db.h).
 * The same lines go through the strict checks of the connection level
 * (strict.h): the path as a request target, the other lines as header
 * fields split at their first ':'.
 */
#include <stdint.h>

#include "fuzz-db.h"
#include "http/server.h"
#include "http/strict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_strictly(char **lines)
{
	g_autoptr(GArray) fields =
		g_array_new(FALSE, FALSE, sizeof(struct http_field));
	const char *why;

	http_check_target(lines[1], strlen(lines[1]), &why);
	for (char **l = lines + 2; *l; l++) {
		const char *colon = strchr(*l, ':');
		struct http_field f = {*l, colon ? colon + 1 : "",
				       colon ? (gsize)(colon - *l) : strlen(*l),
				       colon ? strlen(colon + 1) : 0};
		g_array_append_val(fields, f);
	}
	http_check_head(lines[0], (struct http_field *)fields->data,
			fields->len, &why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree char *text = g_utf8_make_valid((const char *)data, size);
	g_auto(GStrv) lines = g_strsplit(text, "\n", HTTP_MAX_PARAMS);
	struct request req;
	struct response res;

	if (g_strv_length(lines) < 3)
		return 0;
	check_strictly(lines);
	request_init(&req);
	response_init(&res);
	req.method = g_strdup(*lines[0] ? lines[0] : "GET");
	req.path = g_strconcat("/", lines[1], NULL);
	req.accept = g_strdup(lines[2]);
	req.base_url = g_strdup("http://fuzz");
	req.db = fuzz_database();
	for (char **l = lines + 3; *l; l++) {
		/* "Content-Type: T" and "Body: B" (one line) give a body */
		if (g_str_has_prefix(*l, "Content-Type: ")) {
			g_free(req.content_type);
			req.content_type =
				g_strdup(*l + strlen("Content-Type: "));
			continue;
		}
		if (g_str_has_prefix(*l, "Body: ")) {
			if (req.body)
				g_bytes_unref(req.body);
			req.body = g_bytes_new(*l + strlen("Body: "),
					       strlen(*l + strlen("Body: ")));
			continue;
		}
		if (g_str_has_prefix(*l, "Authorization: ")) {
			g_free(req.authorization);
			req.authorization =
				g_strdup(*l + strlen("Authorization: "));
			continue;
		}
		char *eq = strchr(*l, '=');
		if (eq)
			*eq = '\0';
		request_add_param(&req, *l, eq ? eq + 1 : "");
	}
	http_dispatch(&req, &res);
	request_clear(&req);
	response_clear(&res);
	return 0;
}
