/*
 * The answers of write requests that do not get as far as their write
 * (see input.h): a body DRF cannot read, and a write core/ refused.
 */
#include "api/api.h"
#include "api/input.h"

gboolean api_read_body(struct api *a, struct body *b)
{
	g_autofree char *detail = NULL;
	switch (body_parse(a->req, b, &detail)) {
	case BODY_OK:
		b->partial = strcmp(a->req->method, "PATCH") == 0;
		return TRUE;
	case BODY_UNSUPPORTED:
		api_error(a, 415, detail);
		break;
	case BODY_NOT_OBJECT:
		g_string_truncate(a->res->body, 0);
		json_init(&a->json, a->res->body, a->html);
		a->res->status = 400;
		json_object_begin(&a->json);
		json_key(&a->json, "detail");
		json_array_begin(&a->json);
		json_string(&a->json, detail);
		json_array_end(&a->json);
		json_object_end(&a->json);
		break;
	case BODY_MALFORMED:
		api_error(a, 400, detail);
		break;
	}
	body_clear(b);
	return FALSE;
}

/* Writes the errors as DRF does: {"field": ["msg", ...], ...}, and
 * {"a": {"b": [...]}} for a field "a.b" (a nested serializer). */
static void write_errors(struct json *j, const GPtrArray *errors)
{
	g_autoptr(GPtrArray) seen = g_ptr_array_new();
	json_object_begin(j);
	for (guint i = 0; errors && i < errors->len; i++) {
		const struct field_error *e = errors->pdata[i];
		const char *dot = strchr(e->field, '.');
		gsize head = dot ? (gsize)(dot - e->field) : strlen(e->field);
		gboolean done = FALSE;
		for (guint k = 0; k < seen->len && !done; k++)
			done = !strncmp(seen->pdata[k], e->field, head) &&
			       ((const char *)seen->pdata[k])[head] ==
				       (dot ? '.' : '\0');
		if (done)
			continue;
		g_ptr_array_add(seen, e->field);
		g_autofree char *key = g_strndup(e->field, head);
		json_key(j, key);
		if (dot)
			json_object_begin(j);
		/* every error of this key (or of its nested fields) */
		const char *sub = NULL;
		for (guint m = i; m < errors->len; m++) {
			const struct field_error *f = errors->pdata[m];
			if (strncmp(f->field, e->field, head) != 0 ||
			    (f->field[head] != '.' && f->field[head] != '\0'))
				continue;
			const char *fsub = dot ? f->field + head + 1 : NULL;
			if (!sub || (fsub && strcmp(sub, fsub) != 0)) {
				if (sub)
					json_array_end(j);
				if (fsub)
					json_key(j, fsub);
				json_array_begin(j);
				sub = fsub ? fsub : "";
			}
			json_string(j, f->message);
		}
		json_array_end(j);
		if (dot)
			json_object_end(j);
	}
	json_object_end(j);
}

void api_write_refused(struct api *a, enum write_status st,
		       const struct write_report *report, const GError *error)
{
	switch (st) {
	case WRITE_OK:
		return;
	case WRITE_NOT_FOUND:
		api_error(a, 404, "Not found.");
		return;
	case WRITE_FORBIDDEN_ANON:
		api_error(a, 403, WRITE_MSG_NOT_AUTHENTICATED);
		return;
	case WRITE_FORBIDDEN:
		api_error(a, 403,
			  report->detail ? report->detail
					 : WRITE_MSG_NO_PERMISSION);
		return;
	case WRITE_CONFLICT:
		api_error(a, 409, report->detail);
		return;
	case WRITE_INVALID:
		g_string_truncate(a->res->body, 0);
		json_init(&a->json, a->res->body, a->html);
		a->res->status = 400;
		write_errors(&a->json, report->errors);
		return;
	case WRITE_ERROR:
		break;
	}
	api_store_failed(a, error ? (enum db_status)error->code : DB_ERROR,
			 error);
}

gboolean api_write_start(struct api *a, int n, gint64 *ids, struct body *b)
{
	for (int i = 0; i < n; i++)
		if (!api_arg_id(a, i, &ids[i])) {
			api_error(a, 404, "Not found.");
			return FALSE;
		}
	return !b || api_read_body(a, b);
}
