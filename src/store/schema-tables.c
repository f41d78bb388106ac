/*
 * The table list of schema-tables.h for schema version 5 (migrations
 * 0001-0005). Update it in the commit that adds a migration changing a
 * table: the unit test compares it with the migrated schema.
 */
#include "store/schema-tables.h"

#define INT(name)                \
	{                        \
		name, SCHEMA_INT \
	}
#define TEXT(name)                \
	{                         \
		name, SCHEMA_TEXT \
	}
#define BLOB(name)                \
	{                         \
		name, SCHEMA_BLOB \
	}

/* A table whose key is its generated id column "id". */
#define ID_TABLE(table, cols)                                   \
	{                                                       \
		table, cols, G_N_ELEMENTS(cols), 1, "id", FALSE \
	}
/* A table keyed by its first n columns, none generated. */
#define KEY_TABLE(table, cols, n)                               \
	{                                                       \
		table, cols, G_N_ELEMENTS(cols), n, NULL, FALSE \
	}

static const struct schema_column users[] = {
	INT("id"),	     TEXT("username"),	 TEXT("email"),
	TEXT("email_key"),   TEXT("first_name"), TEXT("last_name"),
	TEXT("password"),    INT("is_active"),	 INT("is_staff"),
	INT("is_superuser"), INT("date_joined"), INT("last_login"),
};
static const struct schema_column user_profile[] = {
	INT("user_id"),
	INT("send_email"),
	INT("items_per_page"),
	INT("show_ids"),
};
static const struct schema_column project[] = {
	INT("id"),
	TEXT("linkname"),
	TEXT("name"),
	TEXT("listid"),
	TEXT("listemail"),
	TEXT("subject_match"),
	TEXT("web_url"),
	TEXT("scm_url"),
	TEXT("webscm_url"),
	TEXT("list_archive_url"),
	TEXT("list_archive_url_format"),
	TEXT("commit_url_format"),
	INT("send_notifications"),
	INT("show_dependencies"),
	INT("use_tags"),
};
static const struct schema_column project_maintainer[] = {
	INT("project_id"),
	INT("user_id"),
};
static const struct schema_column person[] = {
	INT("id"),    TEXT("email"),  TEXT("email_key"),
	TEXT("name"), INT("user_id"),
};
static const struct schema_column state[] = {
	INT("id"),	 TEXT("name"),		 TEXT("slug"),
	INT("ordering"), INT("action_required"),
};
static const struct schema_column tag[] = {
	INT("id"),	TEXT("name"),	    TEXT("pattern"),
	TEXT("abbrev"), INT("show_column"),
};
static const struct schema_column mail[] = {
	INT("id"),
	INT("received"),
	INT("size"),
	BLOB("raw"),
};
static const struct schema_column patch_relation[] = {
	INT("id"),
};
static const struct schema_column cover[] = {
	INT("id"),	     INT("project_id"), TEXT("msgid"),
	TEXT("name"),	     INT("date"),	TEXT("headers"),
	INT("submitter_id"), TEXT("content"),	INT("mail_id"),
};
static const struct schema_column series[] = {
	INT("id"),   INT("project_id"),	  INT("cover_letter_id"), TEXT("name"),
	INT("date"), INT("submitter_id"), INT("version"),	  INT("total"),
};
static const struct schema_column series_reference[] = {
	INT("id"),
	INT("project_id"),
	INT("series_id"),
	TEXT("msgid"),
};
static const struct schema_column series_dependency[] = {
	INT("id"),
	INT("series_id"),
	INT("depends_on_id"),
};
static const struct schema_column patch[] = {
	INT("id"),	     INT("project_id"), TEXT("msgid"),
	TEXT("name"),	     INT("date"),	TEXT("headers"),
	INT("submitter_id"), TEXT("content"),	TEXT("diff"),
	TEXT("commit_ref"),  TEXT("pull_url"),	INT("delegate_id"),
	INT("state_id"),     INT("archived"),	TEXT("hash"),
	INT("series_id"),    INT("number"),	INT("related_id"),
	INT("mail_id"),
};
static const struct schema_column patch_comment[] = {
	INT("id"),	 INT("patch_id"),  TEXT("msgid"),
	INT("date"),	 TEXT("headers"),  INT("submitter_id"),
	TEXT("content"), INT("addressed"), INT("mail_id"),
};
static const struct schema_column cover_comment[] = {
	INT("id"),	 INT("cover_id"),  TEXT("msgid"),
	INT("date"),	 TEXT("headers"),  INT("submitter_id"),
	TEXT("content"), INT("addressed"), INT("mail_id"),
};
static const struct schema_column patch_tag[] = {
	INT("patch_id"),
	INT("tag_id"),
	INT("count"),
};
static const struct schema_column patch_check[] = {
	INT("id"),    INT("patch_id"),	  INT("user_id"),      INT("date"),
	INT("state"), TEXT("target_url"), TEXT("description"), TEXT("context"),
};
static const struct schema_column bundle[] = {
	INT("id"),    INT("owner_id"), INT("project_id"),
	TEXT("name"), INT("public"),
};
static const struct schema_column bundle_patch[] = {
	INT("id"),
	INT("bundle_id"),
	INT("patch_id"),
	INT("ordering"),
};
static const struct schema_column event[] = {
	INT("id"),
	TEXT("category"),
	INT("project_id"),
	INT("date"),
	INT("actor_id"),
	INT("patch_id"),
	INT("series_id"),
	INT("cover_id"),
	INT("previous_state_id"),
	INT("current_state_id"),
	INT("previous_delegate_id"),
	INT("current_delegate_id"),
	INT("created_check_id"),
	INT("previous_relation_id"),
	INT("current_relation_id"),
	INT("cover_comment_id"),
	INT("patch_comment_id"),
};
static const struct schema_column delegation_rule[] = {
	INT("id"),    INT("project_id"), INT("user_id"),
	TEXT("path"), INT("priority"),
};
static const struct schema_column token[] = {
	TEXT("key"),
	INT("user_id"),
	INT("created"),
};
static const struct schema_column web_session[] = {
	TEXT("key"),
	INT("user_id"),
	TEXT("csrf"),
	INT("expires"),
};
static const struct schema_column email_confirmation[] = {
	INT("id"),   TEXT("type"), TEXT("email"), INT("user_id"),
	TEXT("key"), INT("date"),  INT("active"),
};
static const struct schema_column email_optout[] = {
	TEXT("email"),
};
static const struct schema_column patch_change_notification[] = {
	INT("patch_id"),
	INT("last_modified"),
	INT("orig_state_id"),
};
static const struct schema_column archive_progress[] = {
	TEXT("path"),
	INT("mails"),
	BLOB("digest"),
	INT("updated"),
};

/* The order of 0001_initial.sql, which creates parents first. */
/* The kept list counts of migration 0004 (store/count.c): copied as
 * they are, so the copy's Link headers are the original's. */
static const struct schema_column patch_count[] = {
	INT("project_id"),  INT("state_id"), INT("archived"),
	INT("delegate_id"), INT("n"),
};
static const struct schema_column event_count[] = {
	INT("project_id"),
	TEXT("category"),
	INT("actor_id"),
	INT("n"),
};
/* Failed web logins (0005): copied too, so a copy keeps throttling. */
static const struct schema_column login_failure[] = {
	TEXT("subject"),
	INT("failures"),
	INT("first"),
};
static const struct schema_column project_total[] = {
	INT("project_id"),
	INT("n"),
};

const struct schema_table schema_tables[] = {
	ID_TABLE("users", users),
	KEY_TABLE("user_profile", user_profile, 1),
	ID_TABLE("project", project),
	KEY_TABLE("project_maintainer", project_maintainer, 2),
	ID_TABLE("person", person),
	{"state", state, G_N_ELEMENTS(state), 1, "id", TRUE},
	{"tag", tag, G_N_ELEMENTS(tag), 1, "id", TRUE},
	ID_TABLE("mail", mail),
	ID_TABLE("patch_relation", patch_relation),
	ID_TABLE("cover", cover),
	ID_TABLE("series", series),
	ID_TABLE("series_reference", series_reference),
	ID_TABLE("series_dependency", series_dependency),
	ID_TABLE("patch", patch),
	ID_TABLE("patch_comment", patch_comment),
	ID_TABLE("cover_comment", cover_comment),
	KEY_TABLE("patch_tag", patch_tag, 2),
	ID_TABLE("patch_check", patch_check),
	ID_TABLE("bundle", bundle),
	ID_TABLE("bundle_patch", bundle_patch),
	ID_TABLE("event", event),
	ID_TABLE("delegation_rule", delegation_rule),
	KEY_TABLE("token", token, 1),
	KEY_TABLE("web_session", web_session, 1),
	ID_TABLE("email_confirmation", email_confirmation),
	KEY_TABLE("email_optout", email_optout, 1),
	KEY_TABLE("patch_change_notification", patch_change_notification, 1),
	KEY_TABLE("archive_progress", archive_progress, 1),
	KEY_TABLE("patch_count", patch_count, 4),
	KEY_TABLE("patch_total", project_total, 1),
	KEY_TABLE("event_count", event_count, 3),
	KEY_TABLE("event_total", project_total, 1),
	KEY_TABLE("series_total", project_total, 1),
	KEY_TABLE("cover_total", project_total, 1),
	KEY_TABLE("login_failure", login_failure, 1),
};
const gsize schema_tables_count = G_N_ELEMENTS(schema_tables);
