/*
 * A write request's fields as Django REST Framework's fields read them
 * (rest-api.md §6): the body is parsed once (http/body.h) and each field
 * is taken into the typed forms of core/write.h, with DRF's message for
 * a value of the wrong type. Form data gives text only: a plain field
 * takes a name's last value, a list field all of them (Django's
 * QueryDict); JSON keeps its types.
 */
#ifndef DARN_API_INPUT_H
#define DARN_API_INPUT_H

#include "core/write.h"
#include "http/body.h"

struct api;

/*
 * Parses the request's body into *b. FALSE after writing DRF's answer to
 * a body it cannot read (400 or 415); then *b holds nothing.
 */
gboolean api_read_body(struct api *a, struct body *b);

/*
 * The start of most writes: ids[i] from a->args[i] for the n "#"
 * segments (404 past gint64), then the body unless b is NULL. FALSE
 * after writing the answer.
 */
gboolean api_write_start(struct api *a, int n, gint64 *ids, struct body *b);

/* Each fills *out from field `name` of the body; the strings it points
 * to live as long as the body. */
void api_input_text(const struct body *b, const char *name,
		    struct write_text *out);
void api_input_bool(const struct body *b, const char *name,
		    struct write_bool *out);
void api_input_int(const struct body *b, const char *name,
		   struct write_int *out);
void api_input_id(const struct body *b, const char *name, struct write_id *out);
/* A ChoiceField's value as Python's str() shows it (JSON true is
 * "True"), for the codes a check state may be given as. */
void api_input_choice(const struct body *b, const char *name,
		      struct write_text *out);
/* *ids (created here, owned by the caller) holds the values *out points
 * to. */
void api_input_ids(const struct body *b, const char *name,
		   struct write_ids *out, GArray **ids);

/* A nested serializer's value (DRF's Serializer used as a field, e.g. a
 * user's `settings`): *sub holds its fields, read with the functions
 * above (clear it with body_clear). In form data its fields are the
 * names "name.key" (DRF's parse_html_dict), absent when there are none.
 * A JSON value that is no object gets DRF's "Invalid data. Expected a
 * dictionary, but got <type>." */
struct write_object {
	gboolean present, null;
	const char *type_error;
};
void api_input_object(const struct body *b, const char *name, struct body *sub,
		      struct write_object *out);

/*
 * Writes the answer of a refused write (core/write.h's statuses): 404,
 * 403, 400 with the field errors as DRF lays them out, 409; a store
 * failure goes through http_store_failed.
 */
void api_write_refused(struct api *a, enum write_status st,
		       const struct write_report *report, const GError *error);

#endif
