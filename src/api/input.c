/*
 * Write requests' fields (see input.h): DRF's CharField, BooleanField,
 * IntegerField, PrimaryKeyRelatedField and their many=True list, each
 * reading JSON values with its own type rules and form values as text.
 * The one file of api/ that reads jansson's values (so it does not
 * include util/json.h, whose writer shares jansson's names).
 */
#include "api/input.h"

#include <jansson.h>
#include <stdlib.h>

#include "mail/pystr.h"

/* The value of `name`: for form data its last value (NULL when absent). */
static json_t *field(const struct body *b, const char *name)
{
	json_t *v = json_object_get(b->data, name);
	if (v && b->form)
		return json_array_get(v, json_array_size(v) - 1);
	return v;
}

/* Python's type(v).__name__ of a JSON value, for DRF's messages. */
static const char *py_type(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "dict";
	case JSON_ARRAY:
		return "list";
	case JSON_STRING:
		return "str";
	case JSON_INTEGER:
		return "int";
	case JSON_REAL:
		return "float";
	case JSON_TRUE:
	case JSON_FALSE:
		return "bool";
	default:
		return "NoneType";
	}
}

/* Python's str() of a float: the shortest text that reads back, with
 * ".0" on integral values. */
static char *py_float_str(double d)
{
	char buf[64];
	for (int prec = 1; prec <= 17; prec++) {
		g_snprintf(buf, sizeof(buf), "%.*g", prec, d);
		if (g_ascii_strtod(buf, NULL) == d)
			break;
	}
	if (!strpbrk(buf, ".eEn"))
		g_strlcat(buf, ".0", sizeof(buf));
	return g_strdup(buf);
}

/* Text kept as long as the body: stored back into it under a name no
 * request can send (JSON keys are NUL-free). */
static const char *keep_text(const struct body *b, char *text)
{
	json_t *kept = json_object_get(b->data, "\x01kept");
	json_t *s = json_stringn(text, strlen(text));
	g_free(text);
	if (!json_is_array(kept)) {
		kept = json_array();
		json_object_set_new(b->data, "\x01kept", kept);
	}
	json_array_append_new(kept, s);
	return json_string_value(s);
}

/* The value of a plain field, NULL when absent or null (which *present
 * and *null tell). */
static json_t *value_of(const struct body *b, const char *name,
			gboolean *present, gboolean *null)
{
	json_t *v = field(b, name);
	*present = v != NULL;
	*null = v && json_is_null(v);
	return *null ? NULL : v;
}

void api_input_text(const struct body *b, const char *name,
		    struct write_text *out)
{
	memset(out, 0, sizeof(*out));
	json_t *v = value_of(b, name, &out->present, &out->null);
	if (!v)
		return;
	if (json_is_string(v))
		out->value = json_string_value(v);
	else if (json_is_integer(v))
		out->value =
			keep_text(b, g_strdup_printf("%" JSON_INTEGER_FORMAT,
						     json_integer_value(v)));
	else if (json_is_real(v))
		out->value = keep_text(b, py_float_str(json_real_value(v)));
	else
		out->type_error = "Not a valid string.";
}

void api_input_bool(const struct body *b, const char *name,
		    struct write_bool *out)
{
	json_t *v = field(b, name);
	int word = -2;
	memset(out, 0, sizeof(*out));
	if (!v) {
		/* DRF's default_empty_html */
		out->present = b->form && !b->partial;
		return;
	}
	out->present = TRUE;
	if (json_is_boolean(v))
		word = json_is_true(v);
	else if (json_is_null(v))
		word = -1;
	else if (json_is_string(v))
		word = write_bool_parse(json_string_value(v));
	else if (json_is_integer(v) && json_integer_value(v) >= 0 &&
		 json_integer_value(v) <= 1)
		word = (int)json_integer_value(v);
	else if (json_is_real(v) &&
		 (json_real_value(v) == 0.0 || json_real_value(v) == 1.0))
		word = json_real_value(v) == 1.0;
	if (word == -1)
		out->null = TRUE;
	else if (word < 0)
		out->type_error = "Must be a valid boolean.";
	else
		out->value = word;
}

/* int(text) as DRF's IntegerField and Django's pk lookups read it. */
static gboolean text_int(const char *text, gint64 *out)
{
	return py_parse_int(text, out);
}

void api_input_int(const struct body *b, const char *name,
		   struct write_int *out)
{
	memset(out, 0, sizeof(*out));
	json_t *v = value_of(b, name, &out->present, &out->null);
	if (!v)
		return;
	if (json_is_integer(v))
		out->value = json_integer_value(v);
	else if (json_is_real(v) &&
		 json_real_value(v) == (double)(gint64)json_real_value(v))
		out->value = (gint64)json_real_value(v);
	else if (!json_is_string(v) ||
		 !text_int(json_string_value(v), &out->value))
		out->type_error = "A valid integer is required.";
}

/* One primary key of a related field, from a JSON value. */
static void pk_value(json_t *v, gboolean form, struct write_id *out)
{
	out->present = TRUE;
	if (json_is_null(v) ||
	    (form && json_is_string(v) && !*json_string_value(v))) {
		out->null = TRUE;
		return;
	}
	if (json_is_integer(v)) {
		out->value = json_integer_value(v);
		return;
	}
	if (json_is_string(v) && text_int(json_string_value(v), &out->value))
		return;
	/* DRF's message names the Python type it got */
	const char *type = py_type(v);
	out->type_error =
		!strcmp(type, "str")	 ? "Incorrect type. Expected pk value, "
					   "received str."
		: !strcmp(type, "bool")	 ? "Incorrect type. Expected pk value, "
					   "received bool."
		: !strcmp(type, "float") ? "Incorrect type. Expected pk value, "
					   "received float."
		: !strcmp(type, "list")	 ? "Incorrect type. Expected pk value, "
					   "received list."
					 : "Incorrect type. Expected pk value, "
					   "received dict.";
}

void api_input_id(const struct body *b, const char *name, struct write_id *out)
{
	json_t *v = field(b, name);
	memset(out, 0, sizeof(*out));
	if (v)
		pk_value(v, b->form, out);
}

void api_input_ids(const struct body *b, const char *name,
		   struct write_ids *out, GArray **ids)
{
	json_t *v = json_object_get(b->data, name);
	memset(out, 0, sizeof(*out));
	*ids = g_array_new(FALSE, FALSE, sizeof(gint64));
	if (!v)
		return;
	out->present = TRUE;
	out->values = *ids;
	if (json_is_null(v)) {
		out->null = TRUE;
		return;
	}
	if (!json_is_array(v)) {
		out->type_error =
			json_is_string(v)
				? "Expected a list of items but got type "
				  "\"str\"."
			: json_is_integer(v)
				? "Expected a list of items but got type "
				  "\"int\"."
				: "Expected a list of items but got type "
				  "\"dict\".";
		return;
	}
	gsize i;
	json_t *item;
	json_array_foreach(v, i, item)
	{
		struct write_id id = {0};
		pk_value(item, b->form, &id);
		if (id.type_error) {
			out->type_error = id.type_error;
			return;
		}
		if (!id.null)
			g_array_append_val(*ids, id.value);
	}
}

void api_input_choice(const struct body *b, const char *name,
		      struct write_text *out)
{
	json_t *v = json_object_get(b->data, name);
	if (v && !b->form && json_is_boolean(v)) {
		*out = (struct write_text){.present = TRUE,
					   .value = json_is_true(v) ? "True"
								    : "False"};
		return;
	}
	api_input_text(b, name, out);
}

void api_input_object(const struct body *b, const char *name, struct body *sub,
		      struct write_object *out)
{
	memset(out, 0, sizeof(*out));
	*sub = (struct body){.form = b->form, .partial = b->partial};
	if (b->form) {
		/* DRF's parse_html_dict: "name.key" fields, none: absent */
		g_autofree char *prefix = g_strconcat(name, ".", NULL);
		gsize n = strlen(prefix);
		const char *key;
		json_t *v;
		json_t *fields = json_object();
		json_object_foreach(b->data, key, v)
		{
			if (!strncmp(key, prefix, n) && key[n])
				json_object_set(fields, key + n, v);
		}
		sub->data = fields;
		out->present = json_object_size(fields) > 0;
		return;
	}
	json_t *v = json_object_get(b->data, name);
	sub->data = json_is_object(v) ? json_incref(v) : json_object();
	if (!v)
		return;
	out->present = TRUE;
	out->null = json_is_null(v);
	if (out->null || json_is_object(v))
		return;
	out->type_error = keep_text(
		b, g_strdup_printf("Invalid data. Expected a dictionary, but "
				   "got %s.",
				   py_type(v)));
}
