/*
 * Projects, people, users, states, tags and delegation rules: the rows
 * that ingest looks up (and administration creates) around each mail.
 */
#include "store/rows.h"

void db_project_clear(struct db_project *p)
{
	g_free(p->linkname);
	g_free(p->name);
	g_free(p->listid);
	g_free(p->listemail);
	g_free(p->subject_match);
	g_free(p->web_url);
	g_free(p->scm_url);
	g_free(p->webscm_url);
	g_free(p->list_archive_url);
	g_free(p->list_archive_url_format);
	g_free(p->commit_url_format);
	memset(p, 0, sizeof(*p));
}

void db_project_free(struct db_project *p)
{
	if (!p)
		return;
	db_project_clear(p);
	g_free(p);
}

void db_project_fill_at(struct db_query *q, int i, struct db_project *p)
{
	p->id = db_col_int(q, i);
	p->linkname = db_col_dup(q, i + 1);
	p->name = db_col_dup(q, i + 2);
	p->listid = db_col_dup(q, i + 3);
	p->listemail = db_col_dup(q, i + 4);
	p->subject_match = db_col_dup(q, i + 5);
	p->web_url = db_col_dup(q, i + 6);
	p->scm_url = db_col_dup(q, i + 7);
	p->webscm_url = db_col_dup(q, i + 8);
	p->list_archive_url = db_col_dup(q, i + 9);
	p->list_archive_url_format = db_col_dup(q, i + 10);
	p->commit_url_format = db_col_dup(q, i + 11);
	p->send_notifications = db_col_int(q, i + 12) != 0;
	p->show_dependencies = db_col_int(q, i + 13) != 0;
	p->use_tags = db_col_int(q, i + 14) != 0;
}

void db_project_fill(struct db_query *q, void *out)
{
	db_project_fill_at(q, 0, out);
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* Binds every column but id, in PROJECT_COLS order, from index 1. */
static void bind_project(struct db_query *q, const struct db_project *p)
{
	db_bind_text(q, 1, nz(p->linkname));
	db_bind_text(q, 2, nz(p->name));
	db_bind_text(q, 3, nz(p->listid));
	db_bind_text(q, 4, nz(p->listemail));
	db_bind_text(q, 5, nz(p->subject_match));
	db_bind_text(q, 6, nz(p->web_url));
	db_bind_text(q, 7, nz(p->scm_url));
	db_bind_text(q, 8, nz(p->webscm_url));
	db_bind_text(q, 9, nz(p->list_archive_url));
	db_bind_text(q, 10, nz(p->list_archive_url_format));
	db_bind_text(q, 11, nz(p->commit_url_format));
	db_bind_int(q, 12, p->send_notifications);
	db_bind_int(q, 13, p->show_dependencies);
	db_bind_int(q, 14, p->use_tags);
}

enum db_status db_project_insert(struct db *db, struct db_project *p,
				 GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO project (linkname, name, listid, listemail, "
		"subject_match, web_url, scm_url, webscm_url, "
		"list_archive_url, "
		"list_archive_url_format, commit_url_format, "
		"send_notifications, "
		"show_dependencies, use_tags) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "
		"id",
		error);
	if (!q)
		return DB_ERROR;
	bind_project(q, p);
	return db_query_insert(q, &p->id, error);
}

enum db_status db_project_update(struct db *db, const struct db_project *p,
				 GError **error)
{
	struct db_query *q = db_query(
		db,
		"UPDATE project SET linkname = ?, name = ?, listid = ?, "
		"listemail = ?, subject_match = ?, web_url = ?, scm_url = ?, "
		"webscm_url = ?, list_archive_url = ?, "
		"list_archive_url_format = ?, commit_url_format = ?, "
		"send_notifications = ?, show_dependencies = ?, use_tags = ? "
		"WHERE id = ?",
		error);
	if (!q)
		return DB_ERROR;
	bind_project(q, p);
	db_bind_int(q, 15, p->id);
	return db_query_run(q, error);
}

static enum db_status project_one(struct db_query *q, struct db_project *out,
				  GError **error)
{
	return db_collect_one(q, db_project_fill, out, error);
}

#define PROJECT_BY_LINKNAME_SQL \
	"SELECT " PROJECT_COLS " FROM project WHERE linkname = ?"

void db_project_by_linkname_prefetch(struct db *db, const char *linkname)
{
	struct db_query *q = db_query(db, PROJECT_BY_LINKNAME_SQL, NULL);
	if (q) {
		db_bind_text(q, 1, linkname);
		db_query_prefetch(q);
	}
}

enum db_status db_project_by_linkname(struct db *db, const char *linkname,
				      struct db_project *out, GError **error)
{
	struct db_query *q = db_query(db, PROJECT_BY_LINKNAME_SQL, error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, linkname);
	return project_one(q, out, error);
}

enum db_status db_project_by_id(struct db *db, gint64 id,
				struct db_project *out, GError **error)
{
	struct db_query *q = db_query(
		db, "SELECT " PROJECT_COLS " FROM project WHERE id = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, id);
	return project_one(q, out, error);
}

static gpointer project_row(struct db_query *q)
{
	struct db_project *p = g_new0(struct db_project, 1);
	db_project_fill(q, p);
	return p;
}

static enum db_status project_many(struct db_query *q, GPtrArray **out,
				   GError **error)
{
	return db_collect_ptrs(q, project_row, (GDestroyNotify)db_project_free,
			       out, error);
}

enum db_status db_project_list(struct db *db, GPtrArray **out, GError **error)
{
	struct db_query *q = db_query(
		db, "SELECT " PROJECT_COLS " FROM project ORDER BY linkname",
		error);
	return q ? project_many(q, out, error) : DB_ERROR;
}

enum db_status db_project_list_by_listid(struct db *db, const char *listid,
					 GPtrArray **out, GError **error)
{
	struct db_query *q = db_query(db,
				      "SELECT " PROJECT_COLS
				      " FROM project WHERE listid = ? "
				      "ORDER BY linkname",
				      error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, listid);
	return project_many(q, out, error);
}

/* Django's iexact on SQLite (the reference's database) folds ASCII only. */
static char *email_key(const char *email)
{
	return g_ascii_strdown(email, -1);
}

enum db_status db_person_by_email(struct db *db, const char *email, gint64 *id,
				  char **name, GError **error)
{
	struct db_query *q = db_query(
		db, "SELECT id, name FROM person WHERE email_key = ?", error);
	if (!q)
		return DB_ERROR;
	g_autofree char *key = email_key(email);
	db_bind_text(q, 1, key);
	enum db_status st = db_step(q, error);
	if (st == DB_OK) {
		*id = db_col_int(q, 0);
		if (name)
			*name = db_col_dup(q, 1);
	}
	db_query_done(q);
	return st;
}

enum db_status db_person_insert(struct db *db, const char *email,
				const char *name, gint64 *id, GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO person (email, email_key, name) VALUES (?, ?, ?) "
		"RETURNING id",
		error);
	if (!q)
		return DB_ERROR;
	g_autofree char *key = email_key(email);
	db_bind_text(q, 1, email);
	db_bind_text(q, 2, key);
	db_bind_text(q, 3, name);
	return db_query_insert(q, id, error);
}

enum db_status db_person_set_name(struct db *db, gint64 id, const char *name,
				  GError **error)
{
	struct db_query *q =
		db_query(db, "UPDATE person SET name = ? WHERE id = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, name);
	db_bind_int(q, 2, id);
	return db_query_run(q, error);
}

static enum db_status one_id(struct db_query *q, gint64 *id, GError **error)
{
	enum db_status st = db_step(q, error);
	if (st == DB_OK)
		*id = db_col_int(q, 0);
	db_query_done(q);
	return st;
}

enum db_status db_user_by_email(struct db *db, const char *email, gint64 *id,
				GError **error)
{
	struct db_query *q = db_query(
		db,
		"SELECT id FROM users WHERE email_key = ? ORDER BY id LIMIT 1",
		error);
	if (!q)
		return DB_ERROR;
	g_autofree char *key = email_key(email);
	db_bind_text(q, 1, key);
	return one_id(q, id, error);
}

enum db_status db_user_by_username(struct db *db, const char *username,
				   gint64 *id, GError **error)
{
	struct db_query *q =
		db_query(db, "SELECT id FROM users WHERE username = ?", error);
	if (!q)
		return DB_ERROR;
	db_bind_text(q, 1, username);
	return one_id(q, id, error);
}

enum db_status db_user_insert(struct db *db, const char *username,
			      const char *email, gint64 *id, GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO users (username, email, email_key, date_joined) "
		"VALUES (?, ?, ?, ?) RETURNING id",
		error);
	if (!q)
		return DB_ERROR;
	g_autofree char *key = email_key(email);
	db_bind_text(q, 1, username);
	db_bind_text(q, 2, email);
	db_bind_text(q, 3, key);
	db_bind_int(q, 4, g_get_real_time());
	enum db_status st = db_query_insert(q, id, error);
	if (st != DB_OK)
		return st;
	q = db_query(db, "INSERT INTO user_profile (user_id) VALUES (?)",
		     error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, *id);
	return db_query_run(q, error);
}

void db_user_free(struct db_user *u)
{
	if (!u)
		return;
	g_free(u->username);
	g_free(u->first_name);
	g_free(u->last_name);
	g_free(u->email);
	g_free(u);
}

/* Patchwork lists maintainers through their user profiles: the
 * profile's id is what the API shows (rest-api.md §4). */
static const char MAINTAINERS_SQL[] =
	"SELECT u.id, p.user_id, u.username, u.first_name, u.last_name, "
	"u.email FROM project_maintainer m JOIN users u ON u.id = m.user_id "
	"JOIN user_profile p ON p.user_id = u.id WHERE m.project_id = ? "
	"ORDER BY p.user_id";

void db_project_maintainers_prefetch(struct db *db, gint64 project_id)
{
	db_prefetch_id(db, MAINTAINERS_SQL, project_id);
}

static gpointer maintainer_row(struct db_query *q)
{
	struct db_user *u = g_new0(struct db_user, 1);
	u->id = db_col_int(q, 0);
	u->profile_id = db_col_int(q, 1);
	u->username = db_col_dup(q, 2);
	u->first_name = db_col_dup(q, 3);
	u->last_name = db_col_dup(q, 4);
	u->email = db_col_dup(q, 5);
	return u;
}

enum db_status db_project_maintainers(struct db *db, gint64 project_id,
				      GPtrArray **out, GError **error)
{
	struct db_query *q = db_query(db, MAINTAINERS_SQL, error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, project_id);
	return db_collect_ptrs(q, maintainer_row, (GDestroyNotify)db_user_free,
			       out, error);
}

enum db_status db_project_maintainer_add(struct db *db, gint64 project_id,
					 gint64 user_id, GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO project_maintainer (project_id, user_id) "
		"VALUES (?, ?) ON CONFLICT (project_id, user_id) DO NOTHING",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, project_id);
	db_bind_int(q, 2, user_id);
	return db_query_run(q, error);
}

enum db_status db_state_by_name(struct db *db, const char *name, gint64 *id,
				GError **error)
{
	/* Django's iexact; states are few, so compare casefolded names here
	 * rather than rely on the database's (ASCII-only) case folding. */
	struct db_query *q =
		db_query(db, "SELECT id, name FROM state ORDER BY id", error);
	if (!q)
		return DB_ERROR;
	g_autofree char *want = g_utf8_casefold(name, -1);
	enum db_status st;
	while ((st = db_step(q, error)) == DB_OK) {
		g_autofree char *have = g_utf8_casefold(db_col_text(q, 1), -1);
		if (strcmp(have, want) == 0) {
			*id = db_col_int(q, 0);
			break;
		}
	}
	db_query_done(q);
	return st;
}

enum db_status db_state_initial(struct db *db, gint64 *id, GError **error)
{
	struct db_query *q =
		db_query(db, "SELECT id FROM state WHERE ordering = 0", error);
	return q ? one_id(q, id, error) : DB_ERROR;
}

static void tag_free(struct db_tag *t)
{
	g_free(t->name);
	g_free(t->pattern);
	g_free(t->abbrev);
	g_free(t);
}

static const char TAG_LIST_SQL[] = "SELECT id, name, pattern, abbrev, "
				   "show_column FROM tag ORDER BY abbrev";

void db_tag_list_prefetch(struct db *db)
{
	db_prefetch_sql(db, TAG_LIST_SQL);
}

static gpointer tag_row(struct db_query *q)
{
	struct db_tag *t = g_new0(struct db_tag, 1);
	t->id = db_col_int(q, 0);
	t->name = db_col_dup(q, 1);
	t->pattern = db_col_dup(q, 2);
	t->abbrev = db_col_dup(q, 3);
	t->show_column = db_col_int(q, 4) != 0;
	return t;
}

enum db_status db_tag_list(struct db *db, GPtrArray **out, GError **error)
{
	struct db_query *q = db_query(db, TAG_LIST_SQL, error);
	return q ? db_collect_ptrs(q, tag_row, (GDestroyNotify)tag_free, out,
				   error)
		 : DB_ERROR;
}

enum db_status db_patch_tag_add(struct db *db, gint64 patch_id, gint64 tag_id,
				gint64 delta, GError **error)
{
	struct db_query *q = db_query(
		db,
		"INSERT INTO patch_tag (patch_id, tag_id, count) VALUES (?, ?, "
		"?) "
		"ON CONFLICT (patch_id, tag_id) "
		"DO UPDATE SET count = patch_tag.count + excluded.count",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, patch_id);
	db_bind_int(q, 2, tag_id);
	db_bind_int(q, 3, delta);
	return db_query_run(q, error);
}

static void rule_free(struct db_delegation_rule *r)
{
	g_free(r->path);
	g_free(r);
}

static gpointer rule_row(struct db_query *q)
{
	struct db_delegation_rule *r = g_new0(struct db_delegation_rule, 1);
	r->user_id = db_col_int(q, 0);
	r->path = db_col_dup(q, 1);
	r->priority = db_col_int(q, 2);
	return r;
}

enum db_status db_delegation_rules(struct db *db, gint64 project_id,
				   GPtrArray **out, GError **error)
{
	struct db_query *q = db_query(
		db,
		"SELECT user_id, path, priority FROM delegation_rule "
		"WHERE project_id = ? ORDER BY priority DESC, path ASC",
		error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, project_id);
	return db_collect_ptrs(q, rule_row, (GDestroyNotify)rule_free, out,
			       error);
}

enum db_status db_delegation_rule_insert(struct db *db, gint64 project_id,
					 gint64 user_id, const char *path,
					 gint64 priority, GError **error)
{
	struct db_query *q = db_query(db,
				      "INSERT INTO delegation_rule "
				      "(project_id, user_id, path, priority) "
				      "VALUES (?, ?, ?, ?)",
				      error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, project_id);
	db_bind_int(q, 2, user_id);
	db_bind_text(q, 3, path);
	db_bind_int(q, 4, priority);
	return db_query_run(q, error);
}

enum db_status db_filter_options(struct db *db, const char *kind,
				 GPtrArray **out, GError **error)
{
	gboolean people = strcmp(kind, "submitter") == 0;
	struct db_query *q = db_query(
		db,
		people ? "SELECT id, CASE WHEN name IS NULL OR name = '' THEN "
			 "email "
			 "ELSE name || ' <' || email || '>' END FROM person "
			 "ORDER BY id"
		       : "SELECT id, name FROM project ORDER BY linkname",
		error);
	if (!q)
		return DB_ERROR;
	g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func(g_free);
	enum db_status st;
	while ((st = db_step(q, error)) == DB_OK) {
		g_ptr_array_add(list, g_strdup_printf("%" G_GINT64_FORMAT,
						      db_col_int(q, 0)));
		g_ptr_array_add(list, db_col_dup(q, 1));
	}
	db_query_done(q);
	if (st != DB_NOT_FOUND)
		return st;
	*out = g_steal_pointer(&list);
	return DB_OK;
}

void db_state_free(struct db_state *s)
{
	if (!s)
		return;
	g_free(s->name);
	g_free(s->slug);
	g_free(s);
}

static const char STATE_LIST_SQL[] =
	"SELECT id, name, slug, ordering, action_required FROM state "
	"ORDER BY ordering";

void db_state_list_prefetch(struct db *db)
{
	db_prefetch_sql(db, STATE_LIST_SQL);
}

static gpointer state_row(struct db_query *q)
{
	struct db_state *s = g_new0(struct db_state, 1);
	s->id = db_col_int(q, 0);
	s->name = db_col_dup(q, 1);
	s->slug = db_col_dup(q, 2);
	s->ordering = db_col_int(q, 3);
	s->action_required = db_col_int(q, 4) != 0;
	return s;
}

enum db_status db_state_list(struct db *db, GPtrArray **out, GError **error)
{
	struct db_query *q = db_query(db, STATE_LIST_SQL, error);
	return q ? db_collect_ptrs(q, state_row, (GDestroyNotify)db_state_free,
				   out, error)
		 : DB_ERROR;
}
