/*
 * db-people.h: projects, people, users and accounts, states, tags, delegation
 * rules. Part of db.h, the only door to darn's database: its conventions hold.
 */
#ifndef DARN_STORE_DB_PEOPLE_H
#define DARN_STORE_DB_PEOPLE_H

#include "store/db-conn.h"

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
/* Its statement sent ahead (db_query_prefetch). */
void db_project_by_linkname_prefetch(struct db *db, const char *linkname);
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
void db_project_maintainers_prefetch(struct db *db, gint64 project_id);
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
/*
 * The *_prefetch functions of the store are hints: each sends ahead the
 * statement its reader runs (query.h's db_query_prefetch), so that the
 * reads a page needs go to PostgreSQL in one round trip; a reader called
 * later in the same read transaction with the same arguments takes the
 * rows. Nothing happens on SQLite or outside a read transaction.
 */
void db_state_list_prefetch(struct db *db);

/* The initial state: ordering 0. */
enum db_status db_state_initial(struct db *db, gint64 *id, GError **error);

struct db_tag {
	gint64 id;
	char *name, *pattern, *abbrev;
	gboolean show_column;
};
/* All tags ordered by abbrev; GPtrArray of struct db_tag* (freed with it). */
enum db_status db_tag_list(struct db *db, GPtrArray **out, GError **error);
void db_tag_list_prefetch(struct db *db);
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
void db_user_settings_prefetch(struct db *db, gint64 user_id);

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

#endif
