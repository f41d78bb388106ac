/*
 * db.h: the only door to darn's database.
 *
 * Everything above store/ (core/, cmd/, later api/ and web/) reads and
 * writes through these functions; no SQL exists outside store/. The
 * backend is SQLite (a file path) today; PostgreSQL (a postgresql:// URL)
 * comes next behind the same functions.
 *
 * Conventions:
 * - Functions return an enum db_status; on anything but DB_OK/DB_NOT_FOUND
 *   they also set *error (may be NULL) with a message fit for a user.
 * - Strings returned through out-parameters are newly allocated and owned by
 *   the caller (g_free); structs have a *_clear function.
 * - Times are microseconds since the epoch, UTC. Ids are gint64; 0 means
 *   "none" wherever an id is optional.
 * - Write functions must run inside db_begin_write() ... db_commit().
 */
#ifndef DARN_STORE_DB_H
#define DARN_STORE_DB_H

#include <glib.h>

struct db;

enum db_status {
	DB_OK = 0,
	DB_NOT_FOUND,  /* a lookup found nothing; not an error */
	DB_BUSY,       /* locked by another writer past the busy timeout */
	DB_CONSTRAINT, /* a uniqueness or reference constraint refused it */
	DB_ERROR,      /* anything else: corrupt file, I/O, bad schema */
};

#define DB_ERROR_DOMAIN (db_error_quark())
GQuark db_error_quark(void);

/* ---- connection ------------------------------------------------------- */

/* How db_open treats a database that does not exist yet. */
enum db_open_mode {
	DB_OPEN_EXISTING, /* fail: only `darn init` creates a database */
	DB_OPEN_CREATE,	  /* create an empty file */
};

/*
 * Opens the database at `location`: a file path for SQLite. A missing file
 * is DB_NOT_FOUND with DB_OPEN_EXISTING (a typo in --database must not leave
 * an empty file behind). busy_timeout_ms is how long a writer waits for
 * another writer's lock before giving up with DB_BUSY. Every commit is
 * durable (synchronous=FULL) unless db_set_bulk() says otherwise. On
 * success *out is owned by the caller (db_close).
 */
enum db_status db_open(const char *location, int busy_timeout_ms,
		       enum db_open_mode mode, struct db **out, GError **error);
void db_close(struct db *db);
/* `location` as messages and logs may show it: the password of a
 * PostgreSQL URI replaced by ***. Newly allocated. */
char *db_location_shown(const char *location);
/* For g_autoptr(db): the typedef names the struct for GLib's macros. */
typedef struct db db;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(db, db_close)

/*
 * Transactions. db_begin_write takes the write lock at once (SQLite's BEGIN
 * IMMEDIATE), so a whole mail's ingest runs serialised against concurrent
 * deliveries: the decisions it makes from what it reads stay true until it
 * commits. db_rollback never fails visibly (it is the error path).
 */
enum db_status db_begin_write(struct db *db, GError **error);
enum db_status db_begin_read(struct db *db, GError **error);
enum db_status db_commit(struct db *db, GError **error);
void db_rollback(struct db *db);
/* TRUE while a transaction is open: SQLite ends one by itself on some
 * errors (a full disk), and writes after that would each commit alone. */
gboolean db_in_transaction(struct db *db);
/* TRUE when the connection to a database server was lost (PostgreSQL
 * restarted, stopped or cut it): what it ran in its transaction is gone,
 * and the next db_begin_write or db_begin_read connects again. SQLite:
 * never. */
gboolean db_connection_lost(struct db *db);

/*
 * Savepoints nest one unit's writes inside a longer transaction
 * (parsearchive groups many mails into one commit, the server many
 * requests' writes): db_release keeps the unit's writes,
 * db_rollback_savepoint undoes exactly them.
 */
enum db_status db_savepoint(struct db *db, GError **error);
enum db_status db_release(struct db *db, GError **error);
void db_rollback_savepoint(struct db *db);

/* Changes at every begin, commit and rollback (of a savepoint too): what
 * a caller read in a write transaction and keeps in memory holds while
 * this stays the same (writers are serialised), no longer after. */
guint64 db_write_generation(struct db *db);

/*
 * Bulk mode for parsearchive: commits are atomic and never corrupt the
 * database, but the last ones before a power loss may be undone
 * (synchronous=NORMAL in WAL mode); leaving bulk mode makes the next
 * commit durable together with everything before it.
 */
void db_set_bulk(struct db *db, gboolean bulk);

/*
 * Bounds this connection's memory for darn serve, which holds one per
 * thread: a page cache of `cache_bytes` (db_open gives 64 MiB, which
 * parsemail and parsearchive keep), and sorts larger than it spill to a
 * temporary file instead of memory (SQLite sizes a sort's memory by the
 * cache). Best effort: a failing PRAGMA leaves the defaults.
 */
void db_limit_memory(struct db *db, gint64 cache_bytes);

/* ---- schema ------------------------------------------------------------ */

/* The schema version applied (0 for an empty database). */
enum db_status db_schema_version(struct db *db, int *version, GError **error);
/* Applies every pending migration, each in its own transaction. *applied
 * (may be NULL) receives how many ran. */
enum db_status db_migrate(struct db *db, int *applied, GError **error);
/* The newest version this binary knows. */
int db_schema_latest(void);

/* ---- projects ---------------------------------------------------------- */

struct db_project {
	gint64 id;
	char *linkname, *name, *listid, *listemail, *subject_match;
	char *web_url, *scm_url, *webscm_url;
	char *list_archive_url, *list_archive_url_format, *commit_url_format;
	gboolean send_notifications, show_dependencies, use_tags;
};
void db_project_clear(struct db_project *p);
void db_project_free(struct db_project *p);
typedef struct db_project db_project;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(db_project, db_project_free)

/* Inserts p (p->id ignored, set on success). DB_CONSTRAINT when the
 * linkname, the name or (listid, subject_match) is taken. */
enum db_status db_project_insert(struct db *db, struct db_project *p,
				 GError **error);
/* Rewrites every column of the project with id p->id. */
enum db_status db_project_update(struct db *db, const struct db_project *p,
				 GError **error);
enum db_status db_project_by_linkname(struct db *db, const char *linkname,
				      struct db_project *out, GError **error);
enum db_status db_project_by_id(struct db *db, gint64 id,
				struct db_project *out, GError **error);
/* All projects ordered by linkname; *out is a GPtrArray of struct
 * db_project* that frees its elements. */
enum db_status db_project_list(struct db *db, GPtrArray **out, GError **error);
/* Projects whose listid equals `listid` exactly, ordered by linkname. */
enum db_status db_project_list_by_listid(struct db *db, const char *listid,
					 GPtrArray **out, GError **error);

/*
 * Choices of the browsable API's filter form: `kind` "project" (id, name;
 * by linkname) or "submitter" (id, "Name <email>" or email; by id). *out is
 * a GPtrArray of strings, value then label, alternating.
 */
enum db_status db_filter_options(struct db *db, const char *kind,
				 GPtrArray **out, GError **error);

/* ---- people, users, states, tags, delegation rules -------------------- */

/* The person whose email equals `email` ignoring ASCII case. *name may be
 * NULL (the person has no name). */
enum db_status db_person_by_email(struct db *db, const char *email, gint64 *id,
				  char **name, GError **error);
enum db_status db_person_insert(struct db *db, const char *email,
				const char *name, gint64 *id, GError **error);
enum db_status db_person_set_name(struct db *db, gint64 id, const char *name,
				  GError **error);

/* The user whose own email equals `email` ignoring ASCII case. */
enum db_status db_user_by_email(struct db *db, const char *email, gint64 *id,
				GError **error);
/* Creates a user (for administration and tests). */
enum db_status db_user_insert(struct db *db, const char *username,
			      const char *email, gint64 *id, GError **error);
enum db_status db_user_by_username(struct db *db, const char *username,
				   gint64 *id, GError **error);

struct db_user {
	gint64 id, profile_id;
	char *username, *first_name, *last_name, *email;
	gboolean is_active; /* filled by the accounts functions below */
};
void db_user_free(struct db_user *u);
/* The maintainers of a project, by user-profile id; GPtrArray of struct
 * db_user* (freed with it). */
enum db_status db_project_maintainers(struct db *db, gint64 project_id,
				      GPtrArray **out, GError **error);
/* Adds a maintainer (administration and tests). */
enum db_status db_project_maintainer_add(struct db *db, gint64 project_id,
					 gint64 user_id, GError **error);

/* The state whose name equals `name` ignoring case (Unicode-aware). */
enum db_status db_state_by_name(struct db *db, const char *name, gint64 *id,
				GError **error);
struct db_state {
	gint64 id, ordering;
	char *name, *slug;
	gboolean action_required;
};
void db_state_free(struct db_state *s);
/* All states by ordering; GPtrArray of struct db_state* (freed with it). */
enum db_status db_state_list(struct db *db, GPtrArray **out, GError **error);

/* The initial state: ordering 0. */
enum db_status db_state_initial(struct db *db, gint64 *id, GError **error);

struct db_tag {
	gint64 id;
	char *name, *pattern, *abbrev;
	gboolean show_column;
};
/* All tags ordered by abbrev; GPtrArray of struct db_tag* (freed with it). */
enum db_status db_tag_list(struct db *db, GPtrArray **out, GError **error);
/* Adds `delta` to the patch's count for the tag, creating the row. */
enum db_status db_patch_tag_add(struct db *db, gint64 patch_id, gint64 tag_id,
				gint64 delta, GError **error);

struct db_delegation_rule {
	gint64 user_id;
	char *path;
	gint64 priority;
};
/* Rules of a project, priority descending then path ascending. */
enum db_status db_delegation_rules(struct db *db, gint64 project_id,
				   GPtrArray **out, GError **error);
enum db_status db_delegation_rule_insert(struct db *db, gint64 project_id,
					 gint64 user_id, const char *path,
					 gint64 priority, GError **error);

/* ---- accounts: users, passwords, tokens; people and users for the API -- */

typedef struct db_user db_user;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(db_user, db_user_free)

/* The user with this id, or with exactly this username (case-sensitive,
 * as Django's login). *out is owned by the caller (db_user_free). */
enum db_status db_user_get(struct db *db, gint64 id, struct db_user **out,
			   GError **error);
enum db_status db_user_get_by_username(struct db *db, const char *username,
				       struct db_user **out, GError **error);
/* Rewrites email, first_name, last_name and is_active of user u->id. */
enum db_status db_user_update(struct db *db, const struct db_user *u,
			      GError **error);
/* The stored password hash (Django's encoding, "" when the user has no
 * password). *encoded owned by the caller. */
enum db_status db_user_password(struct db *db, gint64 id, char **encoded,
				GError **error);
enum db_status db_user_set_password(struct db *db, gint64 id,
				    const char *encoded, GError **error);

/* The user of API token `key` (exact match). */
enum db_status db_user_by_token(struct db *db, const char *key,
				struct db_user **out, GError **error);
/* The user's token; DB_NOT_FOUND when it has none. */
enum db_status db_token_get(struct db *db, gint64 user_id, char **key,
			    GError **error);
/* Gives the user the token `key`, replacing any previous one. */
enum db_status db_token_set(struct db *db, gint64 user_id, const char *key,
			    GError **error);

/* Links the person whose email equals `email` ignoring ASCII case (if
 * any) to the user, as Patchwork does when a user confirms an address.
 * *linked (may be NULL) receives the number of people linked (0 or 1). */
enum db_status db_person_link_user(struct db *db, const char *email,
				   gint64 user_id, gint64 *linked,
				   GError **error);

struct db_user_settings {
	gboolean send_email, show_ids;
	gint64 items_per_page;
};
/* The user's profile settings (Patchwork's defaults when the profile row
 * is missing). */
enum db_status db_user_settings(struct db *db, gint64 user_id,
				struct db_user_settings *out, GError **error);

struct db_person {
	gint64 id;
	char *name; /* NULL when the person has no name */
	char *email;
	struct db_user *user; /* the linked account, or NULL */
};
void db_person_free(struct db_person *p);
typedef struct db_person db_person;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(db_person, db_person_free)
enum db_status db_person_get(struct db *db, gint64 id, struct db_person **out,
			     GError **error);

/* Every user by id; *out is a GPtrArray of struct db_user* (freed with
 * it). */
enum db_status db_user_list_all(struct db *db, GPtrArray **out, GError **error);

/* ---- end of accounts ---------------------------------------------------- */

/* ---- raw mail ---------------------------------------------------------- */

/* Stores a raw mail, already compressed with zraw_compress() (callers
 * compress outside the write transaction); size is its original length. */
enum db_status db_mail_insert(struct db *db, GBytes *compressed, gsize size,
			      gint64 received, gint64 *id, GError **error);
/* The raw bytes of stored mail `id`; *out owned by the caller. */
enum db_status db_mail_get(struct db *db, gint64 id, GBytes **out,
			   GError **error);

/* ---- submissions -------------------------------------------------------- */

/* What ingest stores for a patch or a cover (cover ignores the patch-only
 * fields). All strings are borrowed for the duration of the call. */
struct db_submission_new {
	gint64 project_id;
	const char *msgid, *name;
	gint64 date;
	const char *headers;
	gint64 submitter_id;
	const char *content; /* NULL stores NULL */
	gint64 mail_id;
	/* patches only */
	const char *diff, *pull_url, *hash;
	gint64 delegate_id, state_id;
};

enum db_status db_patch_exists(struct db *db, gint64 project_id,
			       const char *msgid, GError **error);
enum db_status db_patch_insert(struct db *db, const struct db_submission_new *s,
			       gint64 *id, GError **error);
enum db_status db_patch_set_series(struct db *db, gint64 patch_id,
				   gint64 series_id, gint64 number,
				   GError **error);
/* The patch with this msgid in the project (the web's patch page). */
enum db_status db_patch_by_msgid(struct db *db, gint64 project_id,
				 const char *msgid, gint64 *id, GError **error);
/* What one ref (a msgid) of a comment names in a project: the patch
 * with that msgid, else the patch of the latest-dated comment with it
 * (ingest.md §17.1); the same for covers (§17.2). 0: none. */
struct db_ref_parent {
	gint64 patch, cover;
};
#define DB_REFS_PER_LOOKUP 8
/* out[i] for refs[i], i < n, 1 <= n <= DB_REFS_PER_LOOKUP: one statement. */
enum db_status db_ref_parents(struct db *db, gint64 project_id,
			      const char *const *refs, guint n,
			      struct db_ref_parent *out, GError **error);
/* The series of the first patch (by id) with this msgid in any project. */
enum db_status db_series_of_patch_msgid(struct db *db, const char *msgid,
					gint64 *series_id, GError **error);

enum db_status db_cover_exists(struct db *db, gint64 project_id,
			       const char *msgid, GError **error);
enum db_status db_cover_insert(struct db *db, const struct db_submission_new *s,
			       gint64 *id, GError **error);
/* DB_OK when a cover with exactly this name exists in any project. */
enum db_status db_cover_name_exists(struct db *db, const char *name,
				    GError **error);
enum db_status db_cover_by_msgid(struct db *db, gint64 project_id,
				 const char *msgid, gint64 *id, GError **error);
enum db_status db_series_of_cover_msgid(struct db *db, const char *msgid,
					gint64 *series_id, GError **error);

struct db_comment_new {
	gint64 parent_id; /* the patch or the cover */
	const char *msgid;
	gint64 date;
	const char *headers;
	gint64 submitter_id;
	const char *content;
	int addressed; /* -1 NULL, 0 false, 1 true */
	gint64 mail_id;
};
enum db_status db_patch_comment_exists(struct db *db, gint64 patch_id,
				       const char *msgid, GError **error);
enum db_status db_patch_comment_insert(struct db *db,
				       const struct db_comment_new *c,
				       gint64 *id, GError **error);
enum db_status db_cover_comment_exists(struct db *db, gint64 cover_id,
				       const char *msgid, GError **error);
enum db_status db_cover_comment_insert(struct db *db,
				       const struct db_comment_new *c,
				       gint64 *id, GError **error);

/* ---- series -------------------------------------------------------------- */

struct db_series {
	gint64 id, project_id, cover_letter_id, submitter_id;
	char *name; /* NULL when unnamed */
	gint64 date, version, total;
};
void db_series_clear(struct db_series *s);

enum db_status db_series_get(struct db *db, gint64 id, struct db_series *out,
			     GError **error);
enum db_status db_series_insert(struct db *db, const struct db_series *s,
				gint64 *id, GError **error);
enum db_status db_series_set_name(struct db *db, gint64 id, const char *name,
				  GError **error);
enum db_status db_series_set_cover(struct db *db, gint64 id, gint64 cover_id,
				   GError **error);
/* The series a SeriesReference (project, msgid) points to. */
enum db_status db_series_by_reference(struct db *db, gint64 project_id,
				      const char *msgid, gint64 *series_id,
				      GError **error);
/* out[i]: the series refs[i] points to (0: none), i < n, 1 <= n <=
 * DB_REFS_PER_LOOKUP: one statement. */
enum db_status db_series_by_references(struct db *db, gint64 project_id,
				       const char *const *refs, guint n,
				       gint64 *out, GError **error);
/* Adds the reference unless (project, msgid) already has one. */
enum db_status db_series_reference_add(struct db *db, gint64 project_id,
				       gint64 series_id, const char *msgid,
				       GError **error);
/* Series of the same submitter, version and total in the project whose
 * date lies in [date_lo, date_hi], ordered by date descending then id
 * descending; *out is a GArray of gint64. */
enum db_status db_series_by_markers(struct db *db, gint64 project_id,
				    gint64 submitter_id, gint64 version,
				    gint64 total, gint64 date_lo,
				    gint64 date_hi, GArray **out,
				    GError **error);
/* The numbers of the patches in the series, ascending (GArray of gint64). */
enum db_status db_series_numbers(struct db *db, gint64 series_id, GArray **out,
				 GError **error);
/* Name of the series' patch with this number. */
enum db_status db_series_patch_name(struct db *db, gint64 series_id,
				    gint64 number, char **name, GError **error);
/* Patch ids of the series with number > after, ascending by number, each
 * with its number (GArray of gint64 pairs: id, number, id, number...). */
enum db_status db_series_patches_after(struct db *db, gint64 series_id,
				       gint64 after, GArray **out,
				       GError **error);
enum db_status db_series_dependency_add(struct db *db, gint64 series_id,
					gint64 depends_on_id, GError **error);

/* ---- events -------------------------------------------------------------- */

struct db_event_new {
	const char *category;
	gint64 project_id, date, actor_id;
	gint64 patch_id, series_id, cover_id;
	gint64 previous_state_id, current_state_id;
	gint64 previous_delegate_id, current_delegate_id;
	gint64 created_check_id;
	gint64 cover_comment_id, patch_comment_id;
};
enum db_status db_event_insert(struct db *db, const struct db_event_new *e,
			       GError **error);

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
/* Patch ids of the series by date then id. */
enum db_status db_series_patch_ids(struct db *db, gint64 series_id,
				   GArray **out, GError **error);
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

/* The members of each key, in the order of the single function named:
 * *out is a GArray of gint64 pairs (key, member, key, member, ...),
 * grouped by key; keys without members are absent. */
enum db_members {
	DB_SERIES_PATCHES,	/* series -> patches (db_series_patch_ids) */
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
/* The checks of each patch as db_patch_checks gives them, grouped by
 * patch (patch_id set), in one GArray (db_checks_free): the web list's
 * check columns count them. */
enum db_status db_patch_checks_many(struct db *db, const GArray *patch_ids,
				    GArray **out, GError **error);

/* ---- web downloads: mbox, raw diff, id redirects (store/download.c) ---- */

/*
 * A patch or a cover letter with what its mbox message needs
 * (web-and-mbox.md §1.1). Strings are owned (db_mbox_free).
 */
struct db_mbox {
	gint64 id, date;
	gboolean is_patch;
	char *msgid, *name, *headers;
	char *content, *diff; /* NULL when NULL; diff NULL for covers */
	char *submitter_name; /* NULL when the person has no name */
	char *submitter_email;
	char *delegate_email;	  /* NULL without a delegate */
	char *listemail;	  /* the project's list address */
	gint64 series_id, number; /* 0 when none */
	/* char*: contents of its comments by date then id (NULL contents
	 * left out), for the tags they add to the message */
	GPtrArray *comments;
};
void db_mbox_free(struct db_mbox *m);
typedef struct db_mbox db_mbox;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(db_mbox, db_mbox_free)

/* The patch (or cover) with exactly this msgid (with <>) in the project
 * with this linkname; DB_NOT_FOUND when either is missing. *out is owned
 * by the caller. */
enum db_status db_mbox_patch(struct db *db, const char *linkname,
			     const char *msgid, struct db_mbox **out,
			     GError **error);
enum db_status db_mbox_cover(struct db *db, const char *linkname,
			     const char *msgid, struct db_mbox **out,
			     GError **error);
/* The patches of a series by number (then id); with before > 0 only those
 * numbered below it. *out: GPtrArray of struct db_mbox* freeing them. */
enum db_status db_mbox_series_patches(struct db *db, gint64 series_id,
				      gint64 before, GPtrArray **out,
				      GError **error);
/* The patches of a bundle in bundle order (GPtrArray as above). */
enum db_status db_mbox_bundle_patches(struct db *db, gint64 bundle_id,
				      GPtrArray **out, GError **error);
/* The bundle called `name` owned by the user called `owner`. */
enum db_status db_mbox_bundle(struct db *db, const char *owner,
			      const char *name, gint64 *id, gint64 *owner_id,
			      gboolean *public, GError **error);

/* The name and diff (NULL when none) of the patch with this msgid in the
 * project with this linkname, for /raw/. */
enum db_status db_patch_raw(struct db *db, const char *linkname,
			    const char *msgid, char **name, char **diff,
			    GError **error);

/* Where a patch, cover or comment lives on the web: its project's linkname
 * and the msgid of the patch or cover (with <>). For a comment *is_patch
 * says whether that is a patch (patch comments win over cover comments
 * with the same id, as in Patchwork). */
enum db_status db_patch_location(struct db *db, gint64 id, char **linkname,
				 char **msgid, GError **error);
enum db_status db_cover_location(struct db *db, gint64 id, char **linkname,
				 char **msgid, GError **error);
enum db_status db_comment_location(struct db *db, gint64 id, gboolean *is_patch,
				   char **linkname, char **msgid,
				   GError **error);

/* ---- end of web downloads ---- */

/* ---- web pages: what the HTML pages read (store/web.c) ---------------- */

/* The project's patches not archived and archived. */
enum db_status db_project_patch_counts(struct db *db, gint64 project_id,
				       gint64 *active, gint64 *archived,
				       GError **error);

/*
 * The patch list's filters and order (web-and-mbox.md §5.2), resolved:
 * ids are checked to exist by the caller; text matches are substrings,
 * ASCII case ignored.
 */
struct db_web_filter {
	gint64 project_id;
	gint64 series_id;	     /* 0: any series */
	gint64 submitter_id;	     /* 0: any; else that person, or every
				      * person of the user it is linked to */
	const char *submitter_match; /* NULL, or a submitter name part */
	gint64 state_id;	     /* 0: see any_state */
	gboolean any_state;	     /* with state_id 0: FALSE lists only
				      * states with action_required */
	const char *search;	     /* NULL, or a part of the name */
	int archived;		     /* 0 not archived, 1 archived, -1 both */
	gint64 delegate_id;	     /* 0: any delegate */
	gboolean no_delegate;	     /* only patches without a delegate */
	const char *delegate_match;  /* NULL, or a delegate username part */
	/* "date", "name", "state", "submitter" or "delegate" */
	const char *order;
	gboolean descending;
};

#define DB_WEB_MAX_TAGS 8

/* A row of the patch list. Strings owned (db_web_row_clear). */
struct db_web_row {
	gint64 id, date, series_id, submitter_id;
	char *msgid, *name;
	char *series_name; /* NULL when the series is unnamed or absent */
	char *submitter_name, *submitter_email; /* name NULL: none */
	char *delegate;				/* username, NULL: none */
	char *state;				/* the state's name */
	gint64 tags[DB_WEB_MAX_TAGS]; /* counts, in the order of tag_ids */
};
void db_web_row_clear(struct db_web_row *r);

enum db_status db_web_patch_count(struct db *db, const struct db_web_filter *f,
				  gint64 *count, GError **error);
/* Rows [offset, offset + limit) in the filter's order, with the counts of
 * the tags `tag_ids` (GArray of gint64, at most DB_WEB_MAX_TAGS). *out: a
 * GArray of struct db_web_row that clears its elements. */
enum db_status db_web_patch_page(struct db *db, const struct db_web_filter *f,
				 const GArray *tag_ids, gint64 offset,
				 gint64 limit, GArray **out, GError **error);

/* DB_OK when some person's name contains `part` (ASCII case ignored). */
enum db_status db_person_name_matches(struct db *db, const char *part,
				      GError **error);
/* DB_OK when some user's username contains `part`. */
enum db_status db_username_matches(struct db *db, const char *part,
				   GError **error);
/* The delegate choices of the list's filter: users who maintain a
 * project, once per project they maintain (as Patchwork's query, which
 * repeats them), by user id. *out: GPtrArray of struct db_user*. */
enum db_status db_delegate_choices(struct db *db, GPtrArray **out,
				   GError **error);
/* The name of series `id` (NULL when unnamed); DB_NOT_FOUND when none. */
enum db_status db_series_name(struct db *db, gint64 id, char **name,
			      GError **error);

/* The autocomplete of the filter form (web-and-mbox.md §5.11): people
 * whose name or email contains `part`, or (`users`) users whose
 * username, first or last name does, ASCII case ignored, by id, at most
 * `limit`. *out: GPtrArray of struct db_person* (only id, name, email
 * set) or of struct db_user* (id, username, first and last name). */
enum db_status db_autocomplete(struct db *db, gboolean users, const char *part,
			       gint64 limit, GPtrArray **out, GError **error);

/* ---- end of web pages ---- */

/* ---- archive progress (parsearchive's resume points, store/progress.c) -- */

/*
 * How far an import of one archive got: the first `mails` mails of it
 * were read and committed; digest is SHA-256 chained over them (each link
 * hashes the previous digest and the mail's own SHA-256), so a re-run can
 * tell the same archive from one that changed.
 */
struct db_archive_progress {
	guint64 mails;
	guint8 digest[32];
};

/* DB_NOT_FOUND when no run of `path` is pending. */
enum db_status db_archive_progress_get(struct db *db, const char *path,
				       struct db_archive_progress *out,
				       GError **error);
/* Inside the write transaction of the mails it counts. */
enum db_status db_archive_progress_set(struct db *db, const char *path,
				       const struct db_archive_progress *p,
				       gint64 now, GError **error);
enum db_status db_archive_progress_delete(struct db *db, const char *path,
					  GError **error);

/* ---- API writes (store/edit.c, store/bundle.c) ------------------------ */

/*
 * What a patch update reads and rewrites (rest-api.md §6.5.4): the
 * patch's own editable columns and what its permission rules look at.
 * Strings are owned (db_patch_edit_clear).
 */
struct db_patch_edit {
	gint64 id, project_id;
	gint64 submitter_user_id; /* the user linked to the submitter, 0: none
				   */
	gint64 delegate_id;	  /* 0: none */
	gint64 state_id, related_id; /* related_id 0: no relation */
	gboolean archived;
	char *commit_ref, *pull_url; /* NULL when NULL */
};
void db_patch_edit_clear(struct db_patch_edit *p);
typedef struct db_patch_edit db_patch_edit;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(db_patch_edit, db_patch_edit_clear)

/* DB_NOT_FOUND when no patch has this id. */
enum db_status db_patch_edit_get(struct db *db, gint64 id,
				 struct db_patch_edit *out, GError **error);
/* Rewrites state, delegate, archived, commit_ref, pull_url and related of
 * patch p->id (its other fields are ignored). */
enum db_status db_patch_edit_save(struct db *db, const struct db_patch_edit *p,
				  GError **error);

/* A new, empty patch relation; *id receives its id. */
enum db_status db_relation_insert(struct db *db, gint64 *id, GError **error);
/* Deletes the relation; its patches are left without one (no event: as
 * Patchwork's on_delete=SET_NULL, which bypasses save()). */
enum db_status db_relation_delete(struct db *db, gint64 id, GError **error);
/* How many patches hold the relation. */
enum db_status db_relation_count(struct db *db, gint64 id, gint64 *count,
				 GError **error);

/* DB_OK when the user maintains the project, DB_NOT_FOUND when not. */
enum db_status db_is_maintainer(struct db *db, gint64 project_id,
				gint64 user_id, GError **error);
/* Removes a maintainer; removing one who is not is not an error. */
enum db_status db_project_maintainer_remove(struct db *db, gint64 project_id,
					    gint64 user_id, GError **error);

/* The id of the state whose slug is exactly `slug`. */
enum db_status db_state_by_slug(struct db *db, const char *slug, gint64 *id,
				GError **error);

/* A new check; strings borrowed for the call, NULL stores NULL. */
struct db_check_new {
	gint64 patch_id, user_id, date;
	int state;
	const char *target_url, *context, *description;
};
enum db_status db_check_insert(struct db *db, const struct db_check_new *c,
			       gint64 *id, GError **error);

/* Sets `addressed` (-1 NULL, 0, 1) of a patch or (`cover`) cover
 * comment. */
enum db_status db_comment_set_addressed(struct db *db, gboolean cover,
					gint64 id, int addressed,
					GError **error);
/* The user linked to the submitter of a patch or cover (`cover`), or of
 * a patch or cover comment (`comment`); *user_id 0 when none. */
enum db_status db_submitter_user(struct db *db, gboolean cover,
				 gboolean comment, gint64 id, gint64 *user_id,
				 GError **error);

/* Rewrites the user's profile settings (creating the profile row). */
enum db_status db_user_settings_set(struct db *db, gint64 user_id,
				    const struct db_user_settings *s,
				    GError **error);

/* Bundles (store/bundle.c). */
enum db_status db_bundle_insert(struct db *db, gint64 owner_id,
				gint64 project_id, const char *name,
				gboolean public, gint64 *id, GError **error);
/* Rewrites name, public and project of bundle `id`. */
enum db_status db_bundle_save(struct db *db, gint64 id, gint64 project_id,
			      const char *name, gboolean public,
			      GError **error);
/* Replaces the bundle's patches with `patch_ids` (GArray of gint64) in
 * that order; a repeated id keeps its first place, as Patchwork's
 * append_patch skips a patch already in the bundle. */
enum db_status db_bundle_set_patches(struct db *db, gint64 id,
				     const GArray *patch_ids, GError **error);
enum db_status db_bundle_delete(struct db *db, gint64 id, GError **error);
/* DB_OK when the owner has a bundle called `name` other than `except`
 * (0: none), DB_NOT_FOUND when not. */
enum db_status db_bundle_name_taken(struct db *db, gint64 owner_id,
				    const char *name, gint64 except,
				    GError **error);
/* The project of each patch, in the order of `patch_ids`; DB_NOT_FOUND
 * names the first unknown patch in *missing. *out: GArray of gint64. */
enum db_status db_patch_projects(struct db *db, const GArray *patch_ids,
				 GArray **out, gint64 *missing, GError **error);

/* ---- end of API writes ----------------------------------------------------
 */

/* ---- copying a whole database (store/copy.c, darn db copy) ------------- */

enum db_copy_status {
	DB_COPY_OK = 0,
	DB_COPY_SCHEMA,	   /* a database is not at db_schema_latest() */
	DB_COPY_NOT_EMPTY, /* the destination holds rows; nothing written */
	DB_COPY_BUSY,	   /* locked past the busy timeout; nothing written */
	DB_COPY_ERROR,	   /* failed before writing anything */
	DB_COPY_PARTIAL,   /* failed after a commit: a partial copy remains */
	DB_COPY_MISMATCH,  /* copied, but a table's row counts differ */
};

/* Told after every batch: the table, its rows copied so far and its rows
 * in the source. `table` is static storage. */
typedef void (*db_copy_progress_fn)(const char *table, gint64 done,
				    gint64 total, gpointer data);

/*
 * Copies every row of every table from src to dst with its id, so that
 * every URL of the copy is the original's. Both must be at
 * db_schema_latest(), and dst must be empty: no rows but the states and
 * tags `darn init` writes, which the source's replace. src is read in one
 * read transaction (a consistent snapshot: writes made during the copy
 * are not in it); dst is written in batches, each its own transaction,
 * and then the ids it generates next are made to follow the copied ones.
 * Memory does not grow with the database: rows are read in pages bounded
 * by count and bytes. At the end each table's rows are counted in both
 * (DB_COPY_MISMATCH when they differ). progress may be NULL. *rows
 * (may be NULL) receives the number of rows copied. The messages in
 * *error say "the source" and "the destination"; the caller names them.
 */
enum db_copy_status db_copy(struct db *src, struct db *dst,
			    db_copy_progress_fn progress, gpointer data,
			    gint64 *rows, GError **error);

/* ---- statistics (parsearchive, tests) ----------------------------------- */

struct db_counts {
	gint64 patches, covers, patch_comments, cover_comments, series, people;
};
enum db_status db_counts(struct db *db, gint64 project_id,
			 struct db_counts *out, GError **error);

/* Accounts on the web: sessions, failed logins, confirmations. */
#include "store/db-web-accounts.h"

#endif
