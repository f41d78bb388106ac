/*
 * The outcome of an API write (core/write.h): field errors in Django REST
 * Framework's order, and DRF's reading of boolean text.
 */
#include "core/write.h"

#include <string.h>

static void field_error_free(struct field_error *e)
{
	g_free(e->field);
	g_free(e->message);
	g_free(e);
}

void write_report_clear(struct write_report *r)
{
	if (r->errors)
		g_ptr_array_free(r->errors, TRUE);
	*r = (struct write_report){0};
}

void write_report_add(struct write_report *r, const char *field,
		      const char *fmt, ...)
{
	if (!r->errors)
		r->errors = g_ptr_array_new_with_free_func(
			(GDestroyNotify)field_error_free);
	struct field_error *e = g_new0(struct field_error, 1);
	e->field = g_strdup(field);
	va_list ap;
	va_start(ap, fmt);
	e->message = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_ptr_array_add(r->errors, e);
}

char *write_report_field(const struct write_report *r, const char *field)
{
	GString *out = NULL;
	for (guint i = 0; r->errors && i < r->errors->len; i++) {
		const struct field_error *e = r->errors->pdata[i];
		if (strcmp(e->field, field) != 0)
			continue;
		if (out)
			g_string_append_c(out, '\n');
		else
			out = g_string_new(NULL);
		g_string_append(out, e->message);
	}
	return out ? g_string_free(out, FALSE) : NULL;
}

int write_bool_parse(const char *text)
{
	/* DRF 3.14's BooleanField.TRUE_VALUES, FALSE_VALUES and NULL_VALUES
	 * (their string members: form data is text). */
	static const char *const yes[] = {"t",	 "T",	"y",	"Y",	"yes",
					  "Yes", "YES", "true", "True", "TRUE",
					  "on",	 "On",	"ON",	"1",	NULL};
	static const char *const no[] = {
		"f",	 "F",	  "n",	 "N",	"no",  "No", "NO", "false",
		"False", "FALSE", "off", "Off", "OFF", "0",  NULL};
	static const char *const none[] = {"", "null", "Null", "NULL", NULL};
	if (g_strv_contains(yes, text))
		return 1;
	if (g_strv_contains(no, text))
		return 0;
	if (g_strv_contains(none, text))
		return -1;
	return -2;
}
