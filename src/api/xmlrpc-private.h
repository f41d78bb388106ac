/*
 * What the XML-RPC files share: the values of a request (parsed by
 * xmlrpc-parse.c with libxml2), the one response writer (xmlrpc-write.c,
 * all escaping in one place), the method table (xmlrpc-methods.c) and
 * what the method files (xmlrpc-methods.c, -structs.c, -filter.c,
 * -changes.c) share.
 */
#ifndef DARN_API_XMLRPC_PRIVATE_H
#define DARN_API_XMLRPC_PRIVATE_H

#include "http/http.h"

/* Bounds on a request, besides http.max_body_bytes: arrays and structs
 * nest at most this deep, a request holds at most this many values and
 * params, and one string or base64 value at most this many bytes. */
#define XMLRPC_MAX_DEPTH 16
#define XMLRPC_MAX_VALUES 20000
#define XMLRPC_MAX_PARAMS 32
#define XMLRPC_MAX_TEXT (4 << 20)

/* ---- values ------------------------------------------------------------ */

enum xv_type {
	XV_NIL,
	XV_INT, /* <int>, <i4>, <i8> */
	XV_BOOL,
	XV_DOUBLE,
	XV_STRING,   /* <string> or a bare value */
	XV_BASE64,   /* decoded bytes in s/len */
	XV_DATETIME, /* the text as sent */
	XV_ARRAY,
	XV_STRUCT,
};

struct xv {
	enum xv_type type;
	gint64 i; /* int; bool 0/1 */
	double d;
	char *s;   /* string, base64 bytes, datetime; NUL-terminated */
	gsize len; /* of s */
	/* array: struct xv*; struct: struct xv* whose `name` is set, in
	 * document order (a repeated name: the last one counts, as in a
	 * Python dict, see xv_member) */
	GPtrArray *items;
	char *name; /* a struct member's name */
};
void xv_free(struct xv *v);
typedef struct xv xv;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xv, xv_free)

/* The member called `name` of a struct (the last of that name), or NULL. */
const struct xv *xv_member(const struct xv *st, const char *name);

struct xmlrpc_call {
	char *method;
	GPtrArray *params; /* struct xv*, owned */
};
void xmlrpc_call_clear(struct xmlrpc_call *c);

/*
 * Parses a methodCall. On failure returns FALSE with *fault set to the
 * faultString Patchwork would answer (Python's loads() raising), e.g.
 * "<class 'xml.parsers.expat.ExpatError'>:...". Refuses DTDs (so no
 * entity is ever declared or expanded) and anything past the bounds
 * above.
 */
gboolean xmlrpc_parse(const char *body, gsize len, struct xmlrpc_call *out,
		      char **fault);

/* ---- the writer -------------------------------------------------------- */

/*
 * Writes a methodResponse as Python's xmlrpc.client.dumps() does
 * (allow_none false): the text escaped in one place (&, <, >), base64
 * in lines of 76. A None written with xw_none() turns the whole answer
 * into Python's TypeError fault (xw_finish).
 */
struct xw {
	GString *out;
	gboolean none; /* a None was written */
};
void xw_init(struct xw *w, GString *out);
void xw_int(struct xw *w, gint64 v);
void xw_bool(struct xw *w, gboolean v);
void xw_string(struct xw *w, const char *s); /* NULL: None */
void xw_base64(struct xw *w, const char *s); /* UTF-8 text as bytes */
void xw_none(struct xw *w);
void xw_array_begin(struct xw *w);
void xw_array_end(struct xw *w);
void xw_struct_begin(struct xw *w);
void xw_struct_end(struct xw *w);
/* A member's name; its value is written next, then xw_member_end. */
void xw_member(struct xw *w, const char *name);
void xw_member_end(struct xw *w);
void xw_member_int(struct xw *w, const char *name, gint64 v);
void xw_member_string(struct xw *w, const char *name, const char *s);
void xw_member_base64(struct xw *w, const char *name, const char *s);
/* A time (µs since the epoch, UTC) as Python's str(datetime), base64. */
void xw_member_time(struct xw *w, const char *name, gint64 us);

/* Wraps the one value written into `out` in the response document, or
 * replaces it with the None fault. */
void xw_finish(GString *out, const struct xw *value);
/* A fault document (faultCode, faultString) into `out` (emptied). */
void xw_fault(GString *out, int code, const char *text);

/* ---- methods ----------------------------------------------------------- */

struct xmlrpc_ctx {
	struct request *req;
	gint64 user_id;	     /* the authenticated user for auth methods */
	char *username;	     /* and their name (owned) */
	char *fault;	     /* set: the answer is fault 1 with this text */
	gboolean busy;	     /* the store was busy or failed: no XML answer */
	GError *store_error; /* its first error, for http_store_failed */
};

struct xmlrpc_method {
	const char *name;
	gboolean auth;	/* needs HTTP Basic; the user comes first */
	gboolean write; /* runs in a write transaction */
	/* Python's parameter names (after the user), and how many are
	 * required: for TypeError's messages */
	const char *params[5];
	int required;
	void (*fn)(struct xmlrpc_ctx *ctx, const GPtrArray *args, struct xw *w);
};

/* The method called `name`, or NULL. */
const struct xmlrpc_method *xmlrpc_method(const char *name);
/* Every method, for the documentation page (NULL-terminated). */
extern const struct xmlrpc_method xmlrpc_methods[];

/* Sets ctx->fault (printf format; the first one wins). */
void xmlrpc_fail(struct xmlrpc_ctx *ctx, const char *fmt, ...)
	G_GNUC_PRINTF(2, 3);

/* Shared by the methods (xmlrpc-methods.c) and the list filters
 * (xmlrpc-filter.c). */

/* The optional argument i, or NULL. */
const struct xv *xmlrpc_arg(const GPtrArray *args, guint i);
/* An id argument: an int, or a string of digits (Django takes "11"). */
gboolean xmlrpc_arg_id(const struct xv *v, gint64 *id);
/* max_count over n results (§2.3): [*from, *to); FALSE with the fault
 * Django raises when a negative count reaches past the start. */
gboolean xmlrpc_slice(struct xmlrpc_ctx *ctx, gint64 n, const struct xv *max,
		      gint64 *from, gint64 *to);
/* The store failed: ctx->busy, and the answer is http_store_failed's
 * (503 when it was busy, else 500; logged). */
void xmlrpc_store_failed(struct xmlrpc_ctx *ctx, const GError *error);

/*
 * A lookup of a getter or a filter: TRUE when st is DB_OK. Patchwork's
 * getters answer {} (or "") whatever fails, and darn keeps that for a
 * missing row and a failed query; but a database that cannot be reached
 * (PostgreSQL restarting) or stays locked fails the call
 * (xmlrpc_store_failed: 503), so that the client retries rather than
 * take {} for the truth. *error (may hold NULL) is the lookup's.
 */
gboolean xmlrpc_found(struct xmlrpc_ctx *ctx, enum db_status st,
		      GError **error);

/* str(Person): "Name <email>", or the email alone. New string. */
char *xmlrpc_person_text(const char *name, const char *email);

/* Projects, persons and states as structs (§2.2, xmlrpc-structs.c); the
 * gconstpointer ones are a struct db_project and a struct db_state. */
void xmlrpc_write_project(struct xw *w, gconstpointer item);
void xmlrpc_write_person(struct xw *w, const struct db_person *p);
void xmlrpc_write_state(struct xw *w, gconstpointer item);

/* Patches and checks as structs (§2.2). */
struct xmlrpc_patches; /* caches the states and projects it looks up */
struct xmlrpc_patches *xmlrpc_patches_new(struct xmlrpc_ctx *ctx);
void xmlrpc_patches_free(struct xmlrpc_patches *pw);
typedef struct xmlrpc_patches xmlrpc_patches;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlrpc_patches, xmlrpc_patches_free)
/* The state id of a slug (0 when unknown). */
gint64 xmlrpc_state_id(const struct xmlrpc_patches *pw, const char *slug);
/* FALSE (ctx->busy) when the store failed. */
gboolean xmlrpc_write_patch(struct xmlrpc_patches *pw, struct xw *w,
			    const struct db_submission *s);
gboolean xmlrpc_write_check(struct xmlrpc_ctx *ctx, struct xw *w,
			    gint64 check_id);
/* A check state's name in the structs, by enum check_state. */
extern const char *const xmlrpc_check_states[];

void xmlrpc_patch_list(struct xmlrpc_ctx *ctx, const GPtrArray *args,
		       struct xw *w);
void xmlrpc_check_list(struct xmlrpc_ctx *ctx, const GPtrArray *args,
		       struct xw *w);

/* The write methods (xmlrpc-changes.c). */
void xmlrpc_patch_set(struct xmlrpc_ctx *ctx, const GPtrArray *args,
		      struct xw *w);
void xmlrpc_check_create(struct xmlrpc_ctx *ctx, const GPtrArray *args,
			 struct xw *w);

#endif
