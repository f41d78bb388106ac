/*
 * db-read.h: the API's reads: filtered, ordered, paginated lists and their
 * rows. Part of db.h, the only door to darn's database: its conventions hold.
 */
#ifndef DARN_STORE_DB_READ_H
#define DARN_STORE_DB_READ_H

#include "store/db-conn.h"

/* ---- API reads: filtered, ordered, paginated lists ------------------- */

/*
 * A list endpoint's query (rest-api.md §2.6, §5): conditions on the
 * resource's filter fields with values already resolved (names to ids),
 * search terms, and an ordering. store/list.c turns it into SQL from fixed
 * fragments per resource; every value is bound, never pasted.
 */
enum db_list_resource {
	DB_LIST_PATCHES,
	DB_LIST_COVERS,
	DB_LIST_SERIES,
	DB_LIST_PATCH_COMMENTS, /* parent_id: the patch */
	DB_LIST_COVER_COMMENTS, /* parent_id: the cover */
	DB_LIST_CHECKS,		/* parent_id: the patch */
	DB_LIST_EVENTS,
	DB_LIST_BUNDLES,
	DB_LIST_PEOPLE,
	DB_LIST_ALL_CHECKS, /* every check (XML-RPC): user, patch, project */
	DB_LIST_USERS,
};

#define DB_LIST_MAX_CONDS 16
#define DB_LIST_MAX_ORDER 8
#define DB_LIST_MAX_IDS 64 /* values of one multi-valued filter */

struct db_cond {
	const char *field; /* the API's filter name: "project", "since"... */
	gint64 ids[DB_LIST_MAX_IDS]; /* id filters: OR-ed */
	int n_ids;
	gint64 value;	  /* integer filters, times (since/before) */
	const char *text; /* text filters (hash, msgid, context, category) */
};

struct db_list {
	enum db_list_resource resource;
	gint64 parent_id;
	struct db_cond conds[DB_LIST_MAX_CONDS];
	int n_conds;
	char **terms; /* q: every term in some search field; NULL: none */
	/* ordering fields as the API names them, "-" for descending;
	 * unknown names are ignored by the store */
	const char *order[DB_LIST_MAX_ORDER];
	int n_order;
	/* bundles: the user whose private bundles are visible (0: none) */
	gint64 viewer_id;
	/* events: leave out the comment-created categories (API < 1.3) */
	gboolean no_comment_events;
	/* a filter value resolved to nothing: the list is empty */
	gboolean empty;
};

/* Adds a condition (NULL when DB_LIST_MAX_CONDS are used). */
struct db_cond *db_list_add(struct db_list *l, const char *field);

/* Number of rows the list selects. */
enum db_status db_list_count(struct db *db, const struct db_list *l,
			     gint64 *count, GError **error);
/* Ids of the rows [offset, offset + limit) in order (GArray of gint64). */
enum db_status db_list_ids(struct db *db, const struct db_list *l,
			   gint64 offset, gint64 limit, GArray **out,
			   GError **error);
/* Sent ahead, a hint (db-people.h's db_state_list_prefetch). */
void db_list_ids_prefetch(struct db *db, const struct db_list *l, gint64 offset,
			  gint64 limit);
/* The SQL text db_list_count (`count`) or db_list_ids runs for the list,
 * its parameters unbound (tests look at the database's plan of it).
 * Caller frees. */
char *db_list_sql(const struct db_list *l, gboolean count);

/* Filter values to ids (§2.6): `kind` is "project" (id or linkname),
 * "person" (id or email), "user" (id or username), "state" (id or name
 * with '-' as ' '), all case-insensitive. DB_NOT_FOUND when nothing
 * matches. */
enum db_status db_resolve(struct db *db, const char *kind, const char *value,
			  gint64 *id, GError **error);

/* ---- API reads: submissions (patches, covers, comments, checks) ---- */

/* An embedded Person (§4). */
struct db_person_ref {
	gint64 id;
	char *name; /* NULL when the person has no name */
	char *email;
};
/* An embedded User (§4); id 0 when absent (no delegate). */
struct db_user_ref {
	gint64 id;
	char *username, *first_name, *last_name, *email;
};
/* An embedded Series (§4); id 0 when the submission has none. */
struct db_series_ref {
	gint64 id, date, version;
	char *name; /* NULL when unnamed */
};

/* What the API shows of a patch or a cover (covers leave the patch-only
 * fields zero). headers, content and diff are loaded on request. */
struct db_submission {
	gint64 id, project_id, date;
	char *msgid, *name;
	struct db_person_ref submitter;
	struct db_series_ref series;
	/* patches only */
	char *commit_ref, *pull_url, *state, *hash; /* state: the slug */
	gboolean archived;
	struct db_user_ref delegate;
	gint64 number, related_id;
	/* the combined state of its checks (Patchwork's `check`), as a
	 * stored check state: 0 pending, 1 success, 2 warning, 3 fail; -1
	 * in the rows of db_get_many (DB_PATCH_CHECK_STATES has them) */
	int check_state;
	/* with DB_WITH_BODY */
	char *headers, *content, *diff;
	/* with DB_WITH_PROJECT: its project, owned (db_submission_clear) */
	struct db_project *project;
};
void db_submission_clear(struct db_submission *s);
typedef struct db_submission db_submission;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(db_submission, db_submission_clear)

#define DB_WITH_BODY 1
#define DB_WITH_PROJECT 2

enum db_status db_patch_get(struct db *db, gint64 id, int flags,
			    struct db_submission *out, GError **error);
enum db_status db_cover_get(struct db *db, gint64 id, int flags,
			    struct db_submission *out, GError **error);
/* The same, the patch or cover found by its project and Message-Id (the
 * web pages' URLs): one statement, not a lookup of the id first. */
enum db_status db_patch_get_by_msgid(struct db *db, gint64 project_id,
				     const char *msgid, int flags,
				     struct db_submission *out, GError **error);
enum db_status db_cover_get_by_msgid(struct db *db, gint64 project_id,
				     const char *msgid, int flags,
				     struct db_submission *out, GError **error);

/* Only id, project_id, msgid, name and date of a patch or (`cover`) a
 * cover: what the embedded forms show, without the joins. */
enum db_status db_submission_brief(struct db *db, gboolean cover, gint64 id,
				   struct db_submission *out, GError **error);

/* A patch or cover comment. */
struct db_comment {
	gint64 id, parent_id, date;
	char *msgid, *headers, *content;
	struct db_person_ref submitter;
	int addressed; /* -1 NULL, 0, 1 */
};
void db_comment_clear(struct db_comment *c);
typedef struct db_comment db_comment;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(db_comment, db_comment_clear)
/* `cover` selects cover comments. */
enum db_status db_comment_get(struct db *db, gboolean cover, gint64 id,
			      struct db_comment *out, GError **error);

struct db_check {
	gint64 id, patch_id, date;
	int state; /* 0 pending, 1 success, 2 warning, 3 fail */
	char *target_url, *context, *description;
	struct db_user_ref user;
};
void db_check_clear(struct db_check *c);
typedef struct db_check db_check;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(db_check, db_check_clear)
enum db_status db_check_get(struct db *db, gint64 id, struct db_check *out,
			    GError **error);
/* The patch's checks in id order, without user details (GArray of struct
 * db_check with only id, date, state, user.id and context set; context is
 * owned by the array, freed with db_checks_free). */
enum db_status db_patch_checks(struct db *db, gint64 patch_id, GArray **out,
			       GError **error);
void db_patch_checks_prefetch(struct db *db, gint64 patch_id);
void db_checks_free(GArray *checks);

/* Ids of the patches sharing the relation, but `except`, by date then id. */
enum db_status db_relation_patches(struct db *db, gint64 relation_id,
				   gint64 except, GArray **out, GError **error);

/* ---- API reads: series, events, bundles ---- */

struct db_series_full {
	gint64 id, project_id, date, version, total, received_total;
	char *name;
	struct db_person_ref submitter;
	gint64 cover_id; /* 0: none */
};
void db_series_full_clear(struct db_series_full *s);
typedef struct db_series_full db_series_full;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(db_series_full, db_series_full_clear)
enum db_status db_series_full_get(struct db *db, gint64 id,
				  struct db_series_full *out, GError **error);
void db_series_full_prefetch(struct db *db, gint64 id);
/* Series ids this one depends on (`reverse`: that depend on it), in
 * insertion order (reverse: by id). */
enum db_status db_series_dependency_ids(struct db *db, gint64 series_id,
					gboolean reverse, GArray **out,
					GError **error);

struct db_event {
	gint64 id, project_id, date;
	char *category;
	gint64 actor_id, patch_id, series_id, cover_id;
	gint64 created_check_id, patch_comment_id, cover_comment_id;
	char *previous_state, *current_state; /* slugs or NULL */
	gint64 previous_delegate_id, current_delegate_id;
};
void db_event_clear(struct db_event *e);
typedef struct db_event db_event;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(db_event, db_event_clear)
enum db_status db_event_get(struct db *db, gint64 id, struct db_event *out,
			    GError **error);

/* The user with this id (embedded form). */
enum db_status db_user_ref_get(struct db *db, gint64 id,
			       struct db_user_ref *out, GError **error);
void db_user_ref_clear(struct db_user_ref *u);

struct db_bundle {
	gint64 id, project_id;
	char *name;
	gboolean public;
	struct db_user_ref owner;
};
void db_bundle_clear(struct db_bundle *b);
typedef struct db_bundle db_bundle;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(db_bundle, db_bundle_clear)
/* viewer_id: the requesting user (0: anonymous); a private bundle of
 * someone else is DB_NOT_FOUND. */
enum db_status db_bundle_get(struct db *db, gint64 id, gint64 viewer_id,
			     struct db_bundle *out, GError **error);
/* Patch ids of the bundle by patch date then id. */
enum db_status db_bundle_patch_ids(struct db *db, gint64 bundle_id,
				   GArray **out, GError **error);

/* ---- API reads: a list page's rows at once ---------------------------- */

/* The kinds of objects db_get_many reads, each as its single getter. */
enum db_object {
	DB_OBJ_PATCH,	      /* struct db_submission, without DB_WITH_BODY */
	DB_OBJ_COVER,	      /* struct db_submission, without DB_WITH_BODY */
	DB_OBJ_PATCH_BRIEF,   /* struct db_submission (db_submission_brief) */
	DB_OBJ_COVER_BRIEF,   /* struct db_submission (db_submission_brief) */
	DB_OBJ_SERIES,	      /* struct db_series_full */
	DB_OBJ_EVENT,	      /* struct db_event */
	DB_OBJ_CHECK,	      /* struct db_check */
	DB_OBJ_PATCH_COMMENT, /* struct db_comment */
	DB_OBJ_COVER_COMMENT, /* struct db_comment */
	DB_OBJ_USER,	      /* struct db_user_ref */
	DB_OBJ_PERSON,	      /* struct db_person */
	DB_OBJ_BUNDLE,	      /* struct db_bundle, private ones included */
	DB_OBJ_PROJECT,	      /* struct db_project */
	/* struct db_comment: id, parent_id, msgid and date only (what the
	 * embedded form shows) */
	DB_OBJ_PATCH_COMMENT_BRIEF,
	DB_OBJ_COVER_COMMENT_BRIEF,
};
/*
 * The objects of `kind` with these ids (GArray of gint64, any number,
 * repeats allowed), with a few statements for a whole page instead of
 * some per row. *out is a GArray of the kind's struct, in no particular
 * order (an id with no row is left out), that clears its elements when
 * freed; the elements do not move while it lives.
 */
enum db_status db_get_many(struct db *db, enum db_object kind,
			   const GArray *ids, GArray **out, GError **error);
void db_get_many_prefetch(struct db *db, enum db_object kind,
			  const GArray *ids);

/*
 * The rows of one parent, in the order the pages show them, in one
 * statement (instead of its ids, then db_get_many of them): what a patch
 * or cover page shows of its series and its comments. *out is a GArray
 * of the struct named, with a clear function; the caller frees it.
 */
enum db_children {
	/* struct db_submission (brief): a series' patches by date, id */
	DB_CHILDREN_SERIES_PATCHES,
	/* struct db_submission (brief): a series' cover letter, if any */
	DB_CHILDREN_SERIES_COVER,
	/* struct db_comment: a patch's or a cover's comments by date, id */
	DB_CHILDREN_PATCH_COMMENTS,
	DB_CHILDREN_COVER_COMMENTS,
};
enum db_status db_children(struct db *db, enum db_children which,
			   gint64 parent_id, GArray **out, GError **error);
/* The same statement sent ahead, a hint (db_query_prefetch). */
void db_children_prefetch(struct db *db, enum db_children which,
			  gint64 parent_id);

/* The members of each key, in the order of the single function named:
 * *out is a GArray of gint64 pairs (key, member, key, member, ...),
 * grouped by key; keys without members are absent. */
enum db_members {
	DB_SERIES_PATCHES,	/* series -> patches, by date then id */
	DB_RELATION_PATCHES,	/* relation -> its patches, all of them
				 * (db_relation_patches without `except`) */
	DB_BUNDLE_PATCHES,	/* bundle -> patches (db_bundle_patch_ids) */
	DB_SERIES_DEPENDENCIES, /* series -> what it depends on */
	DB_SERIES_DEPENDENTS,	/* series -> what depends on it */
	/* patch -> the combined state of its checks (struct
	 * db_submission's check_state); a patch without checks is left out
	 * (pending) */
	DB_PATCH_CHECK_STATES,
};
enum db_status db_members_many(struct db *db, enum db_members kind,
			       const GArray *keys, GArray **out,
			       GError **error);
void db_members_many_prefetch(struct db *db, enum db_members kind,
			      const GArray *keys);
/* The checks of each patch as db_patch_checks gives them, grouped by
 * patch (patch_id set), in one GArray (db_checks_free): the web list's
 * check columns count them. */
enum db_status db_patch_checks_many(struct db *db, const GArray *patch_ids,
				    GArray **out, GError **error);

#endif
