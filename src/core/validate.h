/*
 * Django and Django REST Framework field validation, as Patchwork's
 * serializers run it (rest-api.md §2.4 lists the messages): character
 * fields (trimmed, blank, null, max_length), slugs, URLs. Used by the
 * write rules in core/; every function appends its messages to a
 * write_report in DRF's order.
 */
#ifndef DARN_CORE_VALIDATE_H
#define DARN_CORE_VALIDATE_H

#include "core/write.h"

/* Options of a DRF CharField built from a model field. */
struct char_rules {
	gsize max_length; /* in code points; 0: none */
	gboolean allow_null, allow_blank;
};

/*
 * DRF's CharField.run_validation: a type error is reported as given; null
 * is "This field may not be null." unless allowed; the value is stripped
 * as Python's str.strip() (trim_whitespace); "" is "This field may not be
 * blank." unless allowed; then "Ensure this field has no more than N
 * characters.". Returns TRUE when valid, with *out the value to store
 * (newly allocated, NULL for null; owned by the caller). The field must
 * be present.
 */
gboolean validate_char(struct write_report *r, const char *field,
		       const struct write_text *in,
		       const struct char_rules *rules, char **out);

/* A non-null boolean: type error or "This field may not be null.". */
gboolean validate_bool(struct write_report *r, const char *field,
		       const struct write_bool *in);

/*
 * A list of patch ids (DRF's many=True PrimaryKeyRelatedField): its type
 * error, "This field may not be null.", or `Invalid pk "<id>" - object
 * does not exist.` for the first unknown id. When valid, *projects (a
 * new GArray of gint64, owned by the caller) holds each patch's project
 * in order; otherwise it stays NULL. Returns the store's status.
 */
enum db_status validate_patch_ids(struct db *db, struct write_report *r,
				  const char *field, const struct write_ids *in,
				  GArray **projects, GError **error);

/* DRF's SlugField (ASCII): letters, digits, '_' and '-', one or more. */
gboolean validate_is_slug(const char *s);

/* Django 3.2's URLValidator with schemes http, https, ftp, ftps. */
gboolean validate_is_url(const char *s);

#define VALIDATE_MSG_SLUG                                                     \
	"Enter a valid \"slug\" consisting of letters, numbers, underscores " \
	"or hyphens."
#define VALIDATE_MSG_URL "Enter a valid URL."
#define VALIDATE_MSG_NULL "This field may not be null."
#define VALIDATE_MSG_REQUIRED "This field is required."

#endif
