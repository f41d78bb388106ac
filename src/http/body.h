/*
 * Request bodies as Django REST Framework's parsers read them (rest-api.md
 * §2.1): JSON (application/json), form data
 * (application/x-www-form-urlencoded, multipart/form-data). The result
 * is one JSON object either way, so the API reads fields in one manner:
 * a JSON body is the object it holds; form data is an object mapping
 * each name to the array of its values, in request order (Django's
 * QueryDict, where a plain field takes the last value and a list field
 * all of them).
 */
#ifndef DARN_HTTP_BODY_H
#define DARN_HTTP_BODY_H

#include <glib.h>

#include "http/http.h"

enum body_status {
	BODY_OK,
	BODY_MALFORMED,	  /* 400 {"detail": detail} */
	BODY_NOT_OBJECT,  /* 400 {"detail": [detail]} (DRF's quirk) */
	BODY_UNSUPPORTED, /* 415 {"detail": detail} */
};

struct body {
	/* a jansson json_t object; owned. Opaque here: darn's JSON writer
	 * (util/json.h) uses the same function names as jansson, so only
	 * the files that read bodies include jansson.h, and they call
	 * json_stringn(), never json_string(): the linker would bind that
	 * name to darn's writer. */
	void *data;
	gboolean form; /* values are arrays of strings */
	/* Set by the API for a partial update (PATCH). In form data of any
	 * other write an absent boolean is false: DRF's BooleanField reads
	 * a form as an HTML form, whose unchecked boxes send nothing. */
	gboolean partial;
};

/*
 * Parses the request's body by its Content-Type into *out (cleared with
 * body_clear). An empty body is an empty object whatever the type, as in
 * DRF. On failure *detail is DRF's message (newly allocated).
 */
enum body_status body_parse(const struct request *req, struct body *out,
			    char **detail);
void body_clear(struct body *b);

/* Python json's message for a document jansson refused, given jansson's
 * message text and position ("JSON parse error - Expecting value: line 1
 * column 11 (char 10)"); exposed for unit tests. Newly allocated. */
char *body_json_error(const char *data, gsize len, const char *text,
		      int position);

#endif
