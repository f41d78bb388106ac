/*
 * A real SQLite database in a temporary directory for the unit tests of
 * core/ rules that read and write the store: migrated, with two
 * projects, people, users and patches made through store functions.
 * Each test opens its own (fixture_open) and closes it (fixture_close),
 * which removes the files.
 */
#ifndef DARN_TESTS_FIXTURE_H
#define DARN_TESTS_FIXTURE_H

#include "store/db.h"
#include "store/query.h"

#include <glib/gstdio.h>

struct fixture {
	char *dir;
	struct db *db;
	gint64 project, other_project; /* "Project One", "Project Two" */
	gint64 maint, alice, bob;      /* users; maint maintains project */
	gint64 alice_person, stranger_person;
};

static inline void fixture_ok(enum db_status st, GError *error)
{
	if (st != DB_OK)
		g_error("store: %d %s", st, error ? error->message : "");
}

/* The database's plan of sql (db_plan_text: SQLite's EXPLAIN QUERY
 * PLAN detail lines, PostgreSQL's EXPLAIN of the generic plan), joined
 * by "\n". Owned by the caller. */
static inline char *fixture_plan(struct db *db, const char *sql,
				 enum db_plan_flags flags)
{
	GError *error = NULL;
	char *plan = db_plan_text(db, sql, flags, &error);
	if (!plan)
		g_error("%s: %s", sql, error->message);
	return plan;
}

static inline gint64 fixture_project(struct fixture *f, const char *linkname,
				     const char *name)
{
	struct db_project p = {.linkname = (char *)linkname,
			       .name = (char *)name,
			       .listid = (char *)linkname,
			       .listemail = (char *)linkname,
			       .use_tags = TRUE};
	GError *error = NULL;
	fixture_ok(db_project_insert(f->db, &p, &error), error);
	return p.id;
}

static inline gint64 fixture_user(struct fixture *f, const char *username)
{
	g_autofree char *email = g_strdup_printf("%s@example.com", username);
	gint64 id;
	GError *error = NULL;
	fixture_ok(db_user_insert(f->db, username, email, &id, &error), error);
	return id;
}

static inline gint64 fixture_person(struct fixture *f, const char *email,
				    gint64 user)
{
	gint64 id;
	GError *error = NULL;
	fixture_ok(db_person_insert(f->db, email, NULL, &id, &error), error);
	if (user)
		fixture_ok(
			db_person_link_user(f->db, email, user, NULL, &error),
			error);
	return id;
}

/* A patch of `project` sent by `person`, dated `date` (µs). */
static inline gint64 fixture_patch(struct fixture *f, gint64 project,
				   gint64 person, gint64 date)
{
	gint64 state, id;
	GError *error = NULL;
	fixture_ok(db_state_initial(f->db, &state, &error), error);
	g_autofree char *msgid =
		g_strdup_printf("<%" G_GINT64_FORMAT "@fixture>", date);
	struct db_submission_new s = {.project_id = project,
				      .msgid = msgid,
				      .name = "[PATCH] fixture",
				      .date = date,
				      .headers = "",
				      .submitter_id = person,
				      .content = "",
				      .diff = "",
				      .state_id = state};
	fixture_ok(db_patch_insert(f->db, &s, &id, &error), error);
	return id;
}

static inline void fixture_open(struct fixture *f)
{
	*f = (struct fixture){0};
	GError *error = NULL;
	f->dir = g_dir_make_tmp("darn-unit-XXXXXX", &error);
	g_assert_nonnull(f->dir);
	g_autofree char *path = g_build_filename(f->dir, "darn.db", NULL);
	fixture_ok(db_open(path, 5000, DB_OPEN_CREATE, &f->db, &error), error);
	fixture_ok(db_migrate(f->db, NULL, &error), error);
	fixture_ok(db_begin_write(f->db, &error), error);
	f->project = fixture_project(f, "one", "Project One");
	f->other_project = fixture_project(f, "two", "Project Two");
	f->maint = fixture_user(f, "maint");
	f->alice = fixture_user(f, "alice");
	f->bob = fixture_user(f, "bob");
	fixture_ok(
		db_project_maintainer_add(f->db, f->project, f->maint, &error),
		error);
	f->alice_person = fixture_person(f, "alice@example.com", f->alice);
	f->stranger_person = fixture_person(f, "stranger@example.com", 0);
}

static inline void fixture_close(struct fixture *f)
{
	db_rollback(f->db);
	db_close(f->db);
	g_autofree char *path = g_build_filename(f->dir, "darn.db", NULL);
	const char *suffixes[] = {"", "-wal", "-shm"};
	for (gsize i = 0; i < G_N_ELEMENTS(suffixes); i++) {
		g_autofree char *p = g_strconcat(path, suffixes[i], NULL);
		g_unlink(p);
	}
	g_rmdir(f->dir);
	g_free(f->dir);
}

/* Events of a category (NULL: all), oldest first, as "patch:actor"
 * pairs joined by spaces, or (`categories`) as their categories. Owned
 * by the caller. */
static inline char *fixture_event_list(struct fixture *f, const char *category,
				       gboolean categories)
{
	struct db_list l = {.resource = DB_LIST_EVENTS};
	l.order[l.n_order++] = "date";
	GError *error = NULL;
	GArray *ids = NULL;
	fixture_ok(db_list_ids(f->db, &l, 0, 1000, &ids, &error), error);
	GString *out = g_string_new(NULL);
	for (guint i = 0; i < ids->len; i++) {
		struct db_event e = {0};
		fixture_ok(db_event_get(f->db, g_array_index(ids, gint64, i),
					&e, &error),
			   error);
		if (categories)
			g_string_append_printf(out, "%s%s", out->len ? " " : "",
					       e.category);
		else if (!category || g_str_equal(e.category, category))
			g_string_append_printf(
				out, "%s%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
				out->len ? " " : "",
				e.patch_id ? e.patch_id : e.cover_id,
				e.actor_id);
		db_event_clear(&e);
	}
	g_array_free(ids, TRUE);
	return g_string_free(out, FALSE);
}

static inline char *fixture_events(struct fixture *f, const char *category)
{
	return fixture_event_list(f, category, FALSE);
}

#endif
