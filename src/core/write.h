/*
 * What every API write in core/ shares (rest-api.md §2.3, §2.4): the
 * outcome of a write, the field errors it reports in Django REST
 * Framework's order, and the input forms of the values a request sends.
 *
 * Contract of every write function in core/ (patch-update.h, check-write.h,
 * comment-write.h, bundle-write.h, account-write.h):
 * - it runs inside a write transaction the caller opened
 *   (db_begin_write); it never begins, commits or rolls back. On anything
 *   but WRITE_OK the caller rolls back: a refused write may have written
 *   rows before it found the reason (Patchwork refuses some relation
 *   changes only after saving other patches);
 * - `user_id` is the authenticated requester, 0 for anonymous. An
 *   inactive user never gets here: authentication refuses them ("User
 *   inactive or deleted.", "Invalid username/password.", http/auth.c);
 * - the caller maps the status to HTTP as the comments below say, and
 *   reads the messages from the report it passed in.
 */
#ifndef DARN_CORE_WRITE_H
#define DARN_CORE_WRITE_H

#include "store/db.h"

enum write_status {
	WRITE_OK = 0,
	/* 404 {"detail":"Not found."} */
	WRITE_NOT_FOUND,
	/* 403 {"detail": WRITE_MSG_NOT_AUTHENTICATED}: DRF says so for any
	 * permission refused to a request without credentials */
	WRITE_FORBIDDEN_ANON,
	/* 403 {"detail": report->detail}: WRITE_MSG_NO_PERMISSION unless a
	 * rule gives its own text (relations) */
	WRITE_FORBIDDEN,
	/* 400 with report->errors, serialised as DRF does: one key per
	 * field in order of first appearance, a list of its messages; a
	 * field "a.b" is key "b" of an object under key "a" */
	WRITE_INVALID,
	/* 409 {"detail": report->detail} */
	WRITE_CONFLICT,
	/* the store failed: *error is set (DB_ERROR_DOMAIN, its code the
	 * db_status, DB_BUSY when another writer held the lock) */
	WRITE_ERROR,
};

#define WRITE_MSG_NOT_AUTHENTICATED \
	"Authentication credentials were not provided."
#define WRITE_MSG_NO_PERMISSION \
	"You do not have permission to perform this action."

struct field_error {
	char *field;   /* "state", or "settings.items_per_page" */
	char *message; /* the exact text Patchwork answers */
};

/* Filled by a write function; clear with write_report_clear. */
struct write_report {
	GPtrArray *errors;  /* struct field_error*, owned; NULL when none */
	const char *detail; /* static text for 403 and 409 */
};
void write_report_clear(struct write_report *r);
typedef struct write_report write_report;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(write_report, write_report_clear)

/* Appends a field error (printf format). */
void write_report_add(struct write_report *r, const char *field,
		      const char *fmt, ...) G_GNUC_PRINTF(3, 4);
/* The messages of `field`, in order, joined by "\n" (tests). NULL when
 * none; owned by the caller. */
char *write_report_field(const struct write_report *r, const char *field);

/*
 * A value as the request sent it, after the API parsed the body. The
 * API decides types (it knows JSON from form data); core/ applies the
 * rules of the field. `type_error`, when set, is DRF's message for a
 * value of the wrong type ("Not a valid string.", "Must be a valid
 * boolean.", "Incorrect type. Expected pk value, received str.",
 * "Expected a list of items but got type \"str\".", "A valid integer is
 * required."): core/ reports it in the field's place and looks no
 * further at the field.
 */
/* A JSON number is sent as the text Python's str() gives it ("5",
 * "1.5"): DRF's CharField takes numbers so; true/false/objects/lists
 * are "Not a valid string.". */
struct write_text {
	gboolean present, null;
	const char *value; /* UTF-8 without NUL, borrowed */
	const char *type_error;
};
struct write_bool {
	gboolean present, null;
	gboolean value;
	const char *type_error;
};
struct write_int {
	gboolean present, null;
	gint64 value;
	const char *type_error;
};
/* A primary key (user, patch). "" in form data is null (DRF's related
 * fields treat it so). */
struct write_id {
	gboolean present, null;
	gint64 value;
	const char *type_error;
};
/* A list of primary keys (related, patches). */
struct write_ids {
	gboolean present, null;
	const GArray *values; /* gint64, borrowed */
	const char *type_error;
};

/*
 * DRF's BooleanField reading of a text value (form data, or a JSON
 * string): 1 true ("true", "True", "1", "yes", "on", ...), 0 false,
 * -1 one of DRF's null words ("", "null", "Null", "NULL": null when the
 * field allows it, else "Must be a valid boolean."), -2 anything else.
 */
int write_bool_parse(const char *text);

#endif
