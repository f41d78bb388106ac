/*
 * What the REST API reads of patches, covers, their comments and checks
 * (db.h "API reads"): one row each, with the embedded submitter, delegate
 * and series joined in, so an object costs one statement.
 */
#include "store/rows.h"

static void person_clear(struct db_person_ref *p)
{
	g_free(p->name);
	g_free(p->email);
}

void db_user_ref_clear(struct db_user_ref *u)
{
	g_free(u->username);
	g_free(u->first_name);
	g_free(u->last_name);
	g_free(u->email);
	memset(u, 0, sizeof(*u));
}

void db_submission_clear(struct db_submission *s)
{
	g_free(s->msgid);
	g_free(s->name);
	person_clear(&s->submitter);
	g_free(s->series.name);
	g_free(s->commit_ref);
	g_free(s->pull_url);
	g_free(s->state);
	g_free(s->hash);
	db_user_ref_clear(&s->delegate);
	g_free(s->headers);
	g_free(s->content);
	g_free(s->diff);
	db_project_free(s->project);
	memset(s, 0, sizeof(*s));
}

void db_comment_clear(struct db_comment *c)
{
	g_free(c->msgid);
	g_free(c->headers);
	g_free(c->content);
	person_clear(&c->submitter);
	memset(c, 0, sizeof(*c));
}

void db_check_clear(struct db_check *c)
{
	g_free(c->target_url);
	g_free(c->context);
	g_free(c->description);
	db_user_ref_clear(&c->user);
	memset(c, 0, sizeof(*c));
}

/* Reads person id, name, email from columns i, i+1, i+2. */
static void person_from_row(struct db_query *q, int i, struct db_person_ref *p)
{
	p->id = db_col_int(q, i);
	p->name = db_col_dup(q, i + 1);
	p->email = db_col_dup(q, i + 2);
}

/* Reads user id, username, first and last name, email from column i on;
 * a NULL id leaves the user empty. */
static void user_from_row(struct db_query *q, int i, struct db_user_ref *u)
{
	if (db_col_null(q, i))
		return;
	u->id = db_col_int(q, i);
	u->username = db_col_dup(q, i + 1);
	u->first_name = db_col_dup(q, i + 2);
	u->last_name = db_col_dup(q, i + 3);
	u->email = db_col_dup(q, i + 4);
}

/* Reads series id, date, version, name from column i on. */
static void series_from_row(struct db_query *q, int i, struct db_series_ref *s)
{
	if (db_col_null(q, i))
		return;
	s->id = db_col_int(q, i);
	s->date = db_col_int(q, i + 1);
	s->version = db_col_int(q, i + 2);
	s->name = db_col_dup(q, i + 3);
}

/* Runs a one-row statement bound to `id` or, when msgid is not NULL, to
 * `id` (a project's) and msgid; fill reads the row. */
static enum db_status get_row_of(struct db *db, const char *sql, gint64 id,
				 const char *msgid,
				 void (*fill)(struct db_query *, void *),
				 void *out, GError **error)
{
	struct db_query *q = db_query(db, sql, error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, id);
	if (msgid)
		db_bind_text(q, 2, msgid);
	enum db_status st = db_step(q, error);
	if (st == DB_OK)
		fill(q, out);
	db_query_done(q);
	return st;
}

static enum db_status get_row(struct db *db, const char *sql, gint64 id,
			      void (*fill)(struct db_query *, void *),
			      void *out, GError **error)
{
	return get_row_of(db, sql, id, NULL, fill, out, error);
}

#define SUBMITTER_JOIN DB_SUBMITTER_JOIN
#define BY_MSGID " WHERE x.project_id = ? AND x.msgid = ?"

static void patch_from_row(struct db_query *q, void *out)
{
	struct db_submission *s = out;
	s->id = db_col_int(q, 0);
	s->project_id = db_col_int(q, 1);
	s->msgid = db_col_dup(q, 2);
	s->name = db_col_dup(q, 3);
	s->date = db_col_int(q, 4);
	s->commit_ref = db_col_dup(q, 5);
	s->pull_url = db_col_dup(q, 6);
	s->state = db_col_dup(q, 7);
	s->archived = db_col_int(q, 8) != 0;
	s->hash = db_col_dup(q, 9);
	s->number = db_col_int(q, 10);
	s->related_id = db_col_int(q, 11);
	person_from_row(q, 12, &s->submitter);
	user_from_row(q, 15, &s->delegate);
	series_from_row(q, 20, &s->series);
	if (!db_col_null(q, 24)) {
		s->headers = db_col_dup(q, 24);
		s->content = db_col_dup(q, 25);
		s->diff = db_col_dup(q, 26);
	}
	s->check_state = (int)db_col_int(q, 27);
}

/*
 * The combined state of a patch's checks, Patchwork's
 * combined_check_state, computed by the database from k, the patch's
 * checks, rather than from all of them sent to darn: core/check.c says
 * the same in C (tests/unit/test-check.c holds the two to the same
 * answers). Of the latest check of each user and context (on equal
 * dates, the later id) the worst state counts, in the order fail (3),
 * warning (2), pending (0), anything else (success): CHECK_WORST ranks
 * them 3, 2, 1, 0 and CHECK_STATE turns the rank back into a state.
 */
#define CHECK_LATEST                                                      \
	"NOT EXISTS (SELECT 1 FROM patch_check o WHERE o.patch_id = "     \
	"k.patch_id AND o.user_id = k.user_id AND o.context = k.context " \
	"AND (o.date > k.date OR (o.date = k.date AND o.id > k.id)))"
#define CHECK_WORST                                                          \
	"MAX(CASE k.state WHEN 3 THEN 3 WHEN 2 THEN 2 WHEN 0 THEN 1 ELSE 0 " \
	"END)"
#define CHECK_STATE                                                          \
	"CASE " CHECK_WORST " WHEN 1 THEN 0 WHEN 0 THEN 1 ELSE " CHECK_WORST \
	" END"
/* A one-row read's check state: a subquery (no check: pending). In a
 * list's rows the subquery would cost more than one statement for the
 * page (DB_PATCH_CHECK_STATES), and they say -1. */
#define PATCH_CHECK_STATE                                            \
	"COALESCE((SELECT " CHECK_STATE " FROM patch_check k WHERE " \
	"k.patch_id = x.id AND " CHECK_LATEST "), 0)"

#define PATCH_SELECT                                                         \
	"SELECT x.id, x.project_id, x.msgid, x.name, x.date, x.commit_ref, " \
	"x.pull_url, st.slug, x.archived, x.hash, x.number, x.related_id, "  \
	"sp.id, sp.name, sp.email, "                                         \
	"d.id, d.username, d.first_name, d.last_name, d.email, "             \
	"se.id, se.date, se.version, se.name, "
#define PATCH_JOINS                                                        \
	" FROM patch x JOIN state st ON st.id = x.state_id" SUBMITTER_JOIN \
	" LEFT JOIN users d ON d.id = x.delegate_id"                       \
	" LEFT JOIN series se ON se.id = x.series_id"
#define PATCH_FROM PATCH_JOINS " WHERE x.id = ?"
/* DB_WITH_PROJECT: the project's columns after the row's own, so that a
 * detail view is one statement (one round trip on PostgreSQL). */
#define WITH_PROJECT(select, body, joins)             \
	select body ", " PROJECT_COLS_OF("pr.") joins \
		" JOIN project pr ON pr.id = x.project_id WHERE x.id = ?"

/* Reads the project after column i into a new s->project. */
static void project_from_row(struct db_query *q, int i, struct db_submission *s)
{
	s->project = g_new0(struct db_project, 1);
	db_project_fill_at(q, i, s->project);
}

static void patch_project_from_row(struct db_query *q, void *out)
{
	patch_from_row(q, out);
	project_from_row(q, 28, out);
}

enum db_status db_patch_get(struct db *db, gint64 id, int flags,
			    struct db_submission *out, GError **error)
{
#define NO_BODY "NULL, NULL, NULL, " PATCH_CHECK_STATE
#define BODY "x.headers, x.content, x.diff, " PATCH_CHECK_STATE
	static const char *const sql[] = {
		PATCH_SELECT NO_BODY PATCH_FROM,
		PATCH_SELECT BODY PATCH_FROM,
		WITH_PROJECT(PATCH_SELECT, NO_BODY, PATCH_JOINS),
		WITH_PROJECT(PATCH_SELECT, BODY, PATCH_JOINS),
	};
#undef NO_BODY
#undef BODY
	G_STATIC_ASSERT(DB_WITH_BODY == 1 && DB_WITH_PROJECT == 2);
	memset(out, 0, sizeof(*out));
	return get_row(db, sql[flags & 3], id,
		       (flags & DB_WITH_PROJECT) ? patch_project_from_row
						 : patch_from_row,
		       out, error);
}

enum db_status db_patch_get_by_msgid(struct db *db, gint64 project_id,
				     const char *msgid, int flags,
				     struct db_submission *out, GError **error)
{
	/* the caller has the project: DB_WITH_PROJECT is not offered */
	static const char *const sql[] = {
		PATCH_SELECT
		"NULL, NULL, NULL, " PATCH_CHECK_STATE PATCH_JOINS BY_MSGID,
		PATCH_SELECT
		"x.headers, x.content, x.diff, " PATCH_CHECK_STATE PATCH_JOINS
			BY_MSGID,
	};
	g_return_val_if_fail(!(flags & DB_WITH_PROJECT), DB_ERROR);
	memset(out, 0, sizeof(*out));
	return get_row_of(db, sql[flags & DB_WITH_BODY], project_id, msgid,
			  patch_from_row, out, error);
}

static void cover_from_row(struct db_query *q, void *out)
{
	struct db_submission *s = out;
	s->id = db_col_int(q, 0);
	s->project_id = db_col_int(q, 1);
	s->msgid = db_col_dup(q, 2);
	s->name = db_col_dup(q, 3);
	s->date = db_col_int(q, 4);
	person_from_row(q, 5, &s->submitter);
	series_from_row(q, 8, &s->series);
	if (db_col_null(q, 12))
		return;
	s->headers = db_col_dup(q, 12);
	s->content = db_col_dup(q, 13);
}

static void cover_project_from_row(struct db_query *q, void *out)
{
	cover_from_row(q, out);
	project_from_row(q, 14, out);
}

#define COVER_SELECT                                                  \
	"SELECT x.id, x.project_id, x.msgid, x.name, x.date, sp.id, " \
	"sp.name, sp.email, se.id, se.date, se.version, se.name, "
#define COVER_JOINS                    \
	" FROM cover x" SUBMITTER_JOIN \
	" LEFT JOIN series se ON se.cover_letter_id = x.id"
#define COVER_FROM COVER_JOINS " WHERE x.id = ?"

enum db_status db_cover_get(struct db *db, gint64 id, int flags,
			    struct db_submission *out, GError **error)
{
	static const char *const sql[] = {
		COVER_SELECT "NULL, NULL" COVER_FROM,
		COVER_SELECT "x.headers, x.content" COVER_FROM,
		WITH_PROJECT(COVER_SELECT, "NULL, NULL", COVER_JOINS),
		WITH_PROJECT(COVER_SELECT, "x.headers, x.content", COVER_JOINS),
	};
	memset(out, 0, sizeof(*out));
	return get_row(db, sql[flags & 3], id,
		       (flags & DB_WITH_PROJECT) ? cover_project_from_row
						 : cover_from_row,
		       out, error);
}

enum db_status db_cover_get_by_msgid(struct db *db, gint64 project_id,
				     const char *msgid, int flags,
				     struct db_submission *out, GError **error)
{
	static const char *const sql[] = {
		COVER_SELECT "NULL, NULL" COVER_JOINS BY_MSGID,
		COVER_SELECT "x.headers, x.content" COVER_JOINS BY_MSGID,
	};
	g_return_val_if_fail(!(flags & DB_WITH_PROJECT), DB_ERROR);
	memset(out, 0, sizeof(*out));
	return get_row_of(db, sql[flags & DB_WITH_BODY], project_id, msgid,
			  cover_from_row, out, error);
}

void db_brief_fill(struct db_query *q, void *out)
{
	struct db_submission *s = out;
	s->id = db_col_int(q, 0);
	s->project_id = db_col_int(q, 1);
	s->msgid = db_col_dup(q, 2);
	s->name = db_col_dup(q, 3);
	s->date = db_col_int(q, 4);
}

#define BRIEF_SELECT DB_BRIEF_SELECT

static const char COVER_BRIEF_SQL[] =
	BRIEF_SELECT "FROM cover x WHERE x.id = ?";
static const char PATCH_BRIEF_SQL[] =
	BRIEF_SELECT "FROM patch x WHERE x.id = ?";

enum db_status db_submission_brief(struct db *db, gboolean cover, gint64 id,
				   struct db_submission *out, GError **error)
{
	memset(out, 0, sizeof(*out));
	return get_row(db, cover ? COVER_BRIEF_SQL : PATCH_BRIEF_SQL, id,
		       db_brief_fill, out, error);
}

void db_comment_fill(struct db_query *q, void *out)
{
	struct db_comment *c = out;
	c->id = db_col_int(q, 0);
	c->parent_id = db_col_int(q, 1);
	c->msgid = db_col_dup(q, 2);
	c->date = db_col_int(q, 3);
	c->headers = db_col_dup(q, 4);
	c->content = db_col_dup(q, 5);
	c->addressed = db_col_null(q, 6) ? -1 : db_col_int(q, 6) != 0;
	person_from_row(q, 7, &c->submitter);
}

#define COVER_COMMENT_SELECT DB_COVER_COMMENT_SELECT
#define PATCH_COMMENT_SELECT DB_PATCH_COMMENT_SELECT

static void comment_brief_from_row(struct db_query *q, void *out)
{
	struct db_comment *c = out;
	c->id = db_col_int(q, 0);
	c->parent_id = db_col_int(q, 1);
	c->msgid = db_col_dup(q, 2);
	c->date = db_col_int(q, 3);
}

enum db_status db_comment_get(struct db *db, gboolean cover, gint64 id,
			      struct db_comment *out, GError **error)
{
	memset(out, 0, sizeof(*out));
	return get_row(db,
		       cover ? COVER_COMMENT_SELECT " WHERE x.id = ?"
			     : PATCH_COMMENT_SELECT " WHERE x.id = ?",
		       id, db_comment_fill, out, error);
}

static void check_from_row(struct db_query *q, void *out)
{
	struct db_check *c = out;
	c->id = db_col_int(q, 0);
	c->patch_id = db_col_int(q, 1);
	c->date = db_col_int(q, 2);
	c->state = (int)db_col_int(q, 3);
	c->target_url = db_col_dup(q, 4);
	c->context = db_col_dup(q, 5);
	c->description = db_col_dup(q, 6);
	user_from_row(q, 7, &c->user);
}

#define CHECK_SELECT                                                      \
	"SELECT k.id, k.patch_id, k.date, k.state, k.target_url, "        \
	"k.context, k.description, u.id, u.username, u.first_name, "      \
	"u.last_name, u.email FROM patch_check k JOIN users u ON u.id = " \
	"k.user_id"

enum db_status db_check_get(struct db *db, gint64 id, struct db_check *out,
			    GError **error)
{
	memset(out, 0, sizeof(*out));
	return get_row(db, CHECK_SELECT " WHERE k.id = ?", id, check_from_row,
		       out, error);
}

static void user_ref_fill(struct db_query *q, void *out)
{
	user_from_row(q, 0, out);
}

#define USER_REF_SELECT                                                     \
	"SELECT u.id, u.username, u.first_name, u.last_name, u.email FROM " \
	"users u"

enum db_status db_user_ref_get(struct db *db, gint64 id,
			       struct db_user_ref *out, GError **error)
{
	memset(out, 0, sizeof(*out));
	return get_row(db, USER_REF_SELECT " WHERE u.id = ?", id, user_ref_fill,
		       out, error);
}

void db_checks_free(GArray *checks)
{
	if (!checks)
		return;
	for (guint i = 0; i < checks->len; i++)
		g_free(g_array_index(checks, struct db_check, i).context);
	g_array_free(checks, TRUE);
}

static const char PATCH_CHECKS_SQL[] =
	"SELECT id, date, state, user_id, context FROM patch_check "
	"WHERE patch_id = ? ORDER BY id";

void db_patch_checks_prefetch(struct db *db, gint64 patch_id)
{
	db_prefetch_id(db, PATCH_CHECKS_SQL, patch_id);
}

enum db_status db_patch_checks(struct db *db, gint64 patch_id, GArray **out,
			       GError **error)
{
	struct db_query *q = db_query(db, PATCH_CHECKS_SQL, error);
	if (!q)
		return DB_ERROR;
	db_bind_int(q, 1, patch_id);
	GArray *checks = g_array_new(FALSE, TRUE, sizeof(struct db_check));
	enum db_status st;
	while ((st = db_step(q, error)) == DB_OK) {
		struct db_check c = {0};
		c.id = db_col_int(q, 0);
		c.patch_id = patch_id;
		c.date = db_col_int(q, 1);
		c.state = (int)db_col_int(q, 2);
		c.user.id = db_col_int(q, 3);
		c.context = db_col_dup(q, 4);
		g_array_append_val(checks, c);
	}
	db_query_done(q);
	if (st != DB_NOT_FOUND) {
		db_checks_free(checks);
		return st;
	}
	*out = checks;
	return DB_OK;
}

/* ---- series, events, bundles -------------------------------------------- */

void db_series_full_clear(struct db_series_full *s)
{
	g_free(s->name);
	person_clear(&s->submitter);
	memset(s, 0, sizeof(*s));
}

static void series_full_from_row(struct db_query *q, void *out)
{
	struct db_series_full *s = out;
	s->id = db_col_int(q, 0);
	s->project_id = db_col_int(q, 1);
	s->name = db_col_dup(q, 2);
	s->date = db_col_int(q, 3);
	s->version = db_col_int(q, 4);
	s->total = db_col_int(q, 5);
	s->cover_id = db_col_int(q, 6);
	s->received_total = db_col_int(q, 7);
	person_from_row(q, 8, &s->submitter);
}

#define SERIES_SELECT                                                       \
	"SELECT x.id, x.project_id, x.name, x.date, x.version, x.total, "   \
	"x.cover_letter_id, (SELECT COUNT(*) FROM patch WHERE series_id = " \
	"x.id), sp.id, sp.name, sp.email FROM series x" SUBMITTER_JOIN

static const char SERIES_FULL_SQL[] = SERIES_SELECT " WHERE x.id = ?";

void db_series_full_prefetch(struct db *db, gint64 id)
{
	db_prefetch_id(db, SERIES_FULL_SQL, id);
}

enum db_status db_series_full_get(struct db *db, gint64 id,
				  struct db_series_full *out, GError **error)
{
	memset(out, 0, sizeof(*out));
	return get_row(db, SERIES_FULL_SQL, id, series_full_from_row, out,
		       error);
}

void db_event_clear(struct db_event *e)
{
	g_free(e->category);
	g_free(e->previous_state);
	g_free(e->current_state);
	memset(e, 0, sizeof(*e));
}

static void event_from_row(struct db_query *q, void *out)
{
	struct db_event *e = out;
	e->id = db_col_int(q, 0);
	e->category = db_col_dup(q, 1);
	e->project_id = db_col_int(q, 2);
	e->date = db_col_int(q, 3);
	e->actor_id = db_col_int(q, 4);
	e->patch_id = db_col_int(q, 5);
	e->series_id = db_col_int(q, 6);
	e->cover_id = db_col_int(q, 7);
	e->created_check_id = db_col_int(q, 8);
	e->patch_comment_id = db_col_int(q, 9);
	e->cover_comment_id = db_col_int(q, 10);
	e->previous_state = db_col_dup(q, 11);
	e->current_state = db_col_dup(q, 12);
	e->previous_delegate_id = db_col_int(q, 13);
	e->current_delegate_id = db_col_int(q, 14);
}

#define EVENT_SELECT                                                  \
	"SELECT e.id, e.category, e.project_id, e.date, e.actor_id, " \
	"e.patch_id, e.series_id, e.cover_id, e.created_check_id, "   \
	"e.patch_comment_id, e.cover_comment_id, ps.slug, cs.slug, "  \
	"e.previous_delegate_id, e.current_delegate_id FROM event e " \
	"LEFT JOIN state ps ON ps.id = e.previous_state_id "          \
	"LEFT JOIN state cs ON cs.id = e.current_state_id"

enum db_status db_event_get(struct db *db, gint64 id, struct db_event *out,
			    GError **error)
{
	memset(out, 0, sizeof(*out));
	return get_row(db, EVENT_SELECT " WHERE e.id = ?", id, event_from_row,
		       out, error);
}

void db_bundle_clear(struct db_bundle *b)
{
	g_free(b->name);
	db_user_ref_clear(&b->owner);
	memset(b, 0, sizeof(*b));
}

static void bundle_from_row(struct db_query *q, void *out)
{
	struct db_bundle *b = out;
	b->id = db_col_int(q, 0);
	b->project_id = db_col_int(q, 1);
	b->name = db_col_dup(q, 2);
	b->public = db_col_int(q, 3) != 0;
	user_from_row(q, 4, &b->owner);
}

#define BUNDLE_SELECT                                                     \
	"SELECT b.id, b.project_id, b.name, b.public, u.id, u.username, " \
	"u.first_name, u.last_name, u.email FROM bundle b "               \
	"JOIN users u ON u.id = b.owner_id"

enum db_status db_bundle_get(struct db *db, gint64 id, gint64 viewer_id,
			     struct db_bundle *out, GError **error)
{
	memset(out, 0, sizeof(*out));
	enum db_status st = get_row(db, BUNDLE_SELECT " WHERE b.id = ?", id,
				    bundle_from_row, out, error);
	if (st == DB_OK && !out->public && out->owner.id != viewer_id) {
		db_bundle_clear(out);
		return DB_NOT_FOUND;
	}
	return st;
}

/* ---- a list page's rows at once (db.h) ---------------------------------- */

/* How each kind of object is read: the single getter's SELECT (ending
 * where the IN list goes), its struct's size, and the functions filling
 * one from a row and clearing it. */
static const struct {
	const char *select;
	gsize size;
	void (*fill)(struct db_query *, void *);
	GDestroyNotify clear;
} objects[] = {
	[DB_OBJ_PATCH] = {PATCH_SELECT "NULL, NULL, NULL, -1" PATCH_JOINS
				       " WHERE x.id IN ",
			  sizeof(struct db_submission), patch_from_row,
			  (GDestroyNotify)db_submission_clear},
	[DB_OBJ_COVER] = {COVER_SELECT "NULL, NULL" COVER_JOINS
				       " WHERE x.id IN ",
			  sizeof(struct db_submission), cover_from_row,
			  (GDestroyNotify)db_submission_clear},
	[DB_OBJ_PATCH_BRIEF] = {BRIEF_SELECT "FROM patch x WHERE x.id IN ",
				sizeof(struct db_submission), db_brief_fill,
				(GDestroyNotify)db_submission_clear},
	[DB_OBJ_COVER_BRIEF] = {BRIEF_SELECT "FROM cover x WHERE x.id IN ",
				sizeof(struct db_submission), db_brief_fill,
				(GDestroyNotify)db_submission_clear},
	[DB_OBJ_SERIES] = {SERIES_SELECT " WHERE x.id IN ",
			   sizeof(struct db_series_full), series_full_from_row,
			   (GDestroyNotify)db_series_full_clear},
	[DB_OBJ_EVENT] = {EVENT_SELECT " WHERE e.id IN ",
			  sizeof(struct db_event), event_from_row,
			  (GDestroyNotify)db_event_clear},
	[DB_OBJ_CHECK] = {CHECK_SELECT " WHERE k.id IN ",
			  sizeof(struct db_check), check_from_row,
			  (GDestroyNotify)db_check_clear},
	[DB_OBJ_PATCH_COMMENT] = {PATCH_COMMENT_SELECT " WHERE x.id IN ",
				  sizeof(struct db_comment), db_comment_fill,
				  (GDestroyNotify)db_comment_clear},
	[DB_OBJ_COVER_COMMENT] = {COVER_COMMENT_SELECT " WHERE x.id IN ",
				  sizeof(struct db_comment), db_comment_fill,
				  (GDestroyNotify)db_comment_clear},
	[DB_OBJ_USER] = {USER_REF_SELECT " WHERE u.id IN ",
			 sizeof(struct db_user_ref), user_ref_fill,
			 (GDestroyNotify)db_user_ref_clear},
	[DB_OBJ_PERSON] = {DB_PERSON_SELECT " WHERE p.id IN ",
			   sizeof(struct db_person), db_person_fill,
			   (GDestroyNotify)db_person_clear},
	[DB_OBJ_BUNDLE] = {BUNDLE_SELECT " WHERE b.id IN ",
			   sizeof(struct db_bundle), bundle_from_row,
			   (GDestroyNotify)db_bundle_clear},
	[DB_OBJ_PROJECT] = {DB_PROJECT_SELECT " WHERE id IN ",
			    sizeof(struct db_project), db_project_fill,
			    (GDestroyNotify)db_project_clear},
	/* an event embeds a comment without its headers and content */
	[DB_OBJ_PATCH_COMMENT_BRIEF] = {"SELECT x.id, x.patch_id, x.msgid, "
					"x.date FROM patch_comment x "
					"WHERE x.id IN ",
					sizeof(struct db_comment),
					comment_brief_from_row,
					(GDestroyNotify)db_comment_clear},
	[DB_OBJ_COVER_COMMENT_BRIEF] = {"SELECT x.id, x.cover_id, x.msgid, "
					"x.date FROM cover_comment x "
					"WHERE x.id IN ",
					sizeof(struct db_comment),
					comment_brief_from_row,
					(GDestroyNotify)db_comment_clear},
};
G_STATIC_ASSERT(G_N_ELEMENTS(objects) == DB_OBJ_COVER_COMMENT_BRIEF + 1);

struct many {
	GArray *out;
	void (*fill)(struct db_query *, void *);
};

static void many_row(struct db_query *q, void *ctx)
{
	struct many *m = ctx;
	g_array_set_size(m->out, m->out->len + 1);
	m->fill(q, m->out->data + (gsize)(m->out->len - 1) *
					  g_array_get_element_size(m->out));
}

void db_get_many_prefetch(struct db *db, enum db_object kind, const GArray *ids)
{
	db_rows_in_prefetch(db, objects[kind].select, "", ids);
}

enum db_status db_get_many(struct db *db, enum db_object kind,
			   const GArray *ids, GArray **out, GError **error)
{
	struct many m = {
		g_array_sized_new(FALSE, TRUE, objects[kind].size, ids->len),
		objects[kind].fill};
	g_array_set_clear_func(m.out, objects[kind].clear);
	enum db_status st = db_rows_in(db, objects[kind].select, "", ids,
				       many_row, &m, error);
	if (st != DB_OK) {
		g_array_unref(m.out);
		return st;
	}
	*out = m.out;
	return DB_OK;
}

static void pair_row(struct db_query *q, void *ctx)
{
	gint64 pair[2] = {db_col_int(q, 0), db_col_int(q, 1)};
	g_array_append_vals(ctx, pair, 2);
}

/* db_members_many's statements, each ordered as its single-object
 * function orders them */
static const struct {
	const char *select, *tail;
} members_sql[] = {
	[DB_SERIES_PATCHES] = {"SELECT series_id, id FROM patch "
			       "WHERE series_id IN ",
			       " ORDER BY series_id, date, id"},
	[DB_RELATION_PATCHES] = {"SELECT related_id, id FROM patch "
				 "WHERE related_id IN ",
				 " ORDER BY related_id, date, id"},
	[DB_BUNDLE_PATCHES] = {"SELECT bp.bundle_id, p.id FROM "
			       "bundle_patch bp JOIN patch p ON p.id = "
			       "bp.patch_id WHERE bp.bundle_id IN ",
			       " ORDER BY bp.bundle_id, p.date, p.id"},
	[DB_SERIES_DEPENDENCIES] = {"SELECT series_id, depends_on_id "
				    "FROM series_dependency WHERE "
				    "series_id IN ",
				    " ORDER BY series_id, id"},
	[DB_SERIES_DEPENDENTS] = {"SELECT depends_on_id, series_id "
				  "FROM series_dependency WHERE "
				  "depends_on_id IN ",
				  " ORDER BY depends_on_id, series_id"},
	[DB_PATCH_CHECK_STATES] = {"SELECT k.patch_id, " CHECK_STATE
				   " FROM patch_check k WHERE " CHECK_LATEST
				   " AND k.patch_id IN ",
				   " GROUP BY k.patch_id"},
};

void db_members_many_prefetch(struct db *db, enum db_members kind,
			      const GArray *keys)
{
	db_rows_in_prefetch(db, members_sql[kind].select,
			    members_sql[kind].tail, keys);
}

enum db_status db_members_many(struct db *db, enum db_members kind,
			       const GArray *keys, GArray **out, GError **error)
{
	g_autoptr(GArray) pairs = g_array_new(FALSE, FALSE, sizeof(gint64));
	enum db_status st =
		db_rows_in(db, members_sql[kind].select, members_sql[kind].tail,
			   keys, pair_row, pairs, error);
	if (st == DB_OK)
		*out = g_steal_pointer(&pairs);
	return st;
}

static void patch_check_row(struct db_query *q, void *ctx)
{
	struct db_check c = {0};
	c.patch_id = db_col_int(q, 0);
	c.id = db_col_int(q, 1);
	c.date = db_col_int(q, 2);
	c.state = (int)db_col_int(q, 3);
	c.user.id = db_col_int(q, 4);
	c.context = db_col_dup(q, 5);
	g_array_append_val((GArray *)ctx, c);
}

enum db_status db_patch_checks_many(struct db *db, const GArray *patch_ids,
				    GArray **out, GError **error)
{
	GArray *checks = g_array_new(FALSE, TRUE, sizeof(struct db_check));
	enum db_status st = db_rows_in(
		db,
		"SELECT patch_id, id, date, state, user_id, context FROM "
		"patch_check WHERE patch_id IN ",
		" ORDER BY patch_id, id", patch_ids, patch_check_row, checks,
		error);
	if (st != DB_OK) {
		db_checks_free(checks);
		return st;
	}
	*out = checks;
	return DB_OK;
}
