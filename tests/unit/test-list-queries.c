/*
 * List pages read their rows with a bounded number of statements (issue
 * 9, item 5): a page of 250 patches, covers, series, events, comments,
 * checks, bundles, people or users must not run one statement (or more)
 * per row. The test links with --wrap=db_query,--wrap=db_query_text
 * (Makefile), so every statement the store runs for a request goes
 * through a counter here, whichever backend is behind query.h.
 */
#include "fixture.h"
#include "http/server.h"
#include "query-wrap.h"

/* ---- the counter ----------------------------------------------------------
 */

static int statements;

struct db_query *__wrap_db_query(struct db *db, const char *sql, GError **error)
{
	statements++;
	return __real_db_query(db, sql, error);
}

struct db_query *__wrap_db_query_text(struct db *db, const char *sql,
				      GError **error)
{
	statements++;
	return __real_db_query_text(db, sql, error);
}

/* A statement sent ahead is counted once, when its reader runs it (on
 * SQLite only the reader runs it). */
void __real_db_query_prefetch(struct db_query *q);
void __wrap_db_query_prefetch(struct db_query *q);
void __wrap_db_query_prefetch(struct db_query *q)
{
	statements--;
	__real_db_query_prefetch(q);
}

/* ---- a database with a few hundred of everything ------------------------ */

#define PATCHES 300
#define TOKEN "0123456789abcdef0123456789abcdef01234567"

static void event(struct fixture *f, const char *category, gint64 patch,
		  gint64 series, gint64 cover, gint64 check, gint64 actor,
		  gint64 comment, gboolean cover_comment)
{
	GError *error = NULL;
	struct db_event_new e = {
		.category = category,
		.project_id = f->project,
		.date = 1700000000000000 + patch,
		.actor_id = actor,
		.patch_id = patch,
		.series_id = series,
		.cover_id = cover,
		.created_check_id = check,
		.current_delegate_id = actor,
		.patch_comment_id = cover_comment ? 0 : comment,
		.cover_comment_id = cover_comment ? comment : 0};
	fixture_ok(db_event_insert(f->db, &e, &error), error);
}

static void populate(struct fixture *f)
{
	GError *error = NULL;
	gint64 bundle, relation = 0, series = 0, cover = 0;
	fixture_ok(db_token_set(f->db, f->alice, TOKEN, &error), error);
	fixture_ok(db_bundle_insert(f->db, f->alice, f->project, "b", TRUE,
				    &bundle, &error),
		   error);
	g_autoptr(GArray) bundled = g_array_new(FALSE, FALSE, sizeof(gint64));
	for (int i = 0; i < PATCHES; i++) {
		gint64 date = 1600000000000000 + (gint64)i * 1000000;
		gint64 person = i % 2 ? f->alice_person : f->stranger_person;
		gint64 patch = fixture_patch(f, f->project, person, date);
		if (i % 5 == 0) {
			g_autofree char *msgid =
				g_strdup_printf("<cover%d@fixture>", i);
			struct db_submission_new c = {
				.project_id = f->project,
				.msgid = msgid,
				.name = "[PATCH 0/5] cover",
				.date = date,
				.headers = "Subject: cover\n",
				.submitter_id = person,
				.content = "cover"};
			fixture_ok(db_cover_insert(f->db, &c, &cover, &error),
				   error);
			struct db_series s = {.project_id = f->project,
					      .cover_letter_id = cover,
					      .date = date,
					      .submitter_id = person,
					      .version = 1,
					      .total = 5};
			fixture_ok(db_series_insert(f->db, &s, &series, &error),
				   error);
			event(f, "series-created", 0, series, 0, 0, 0, 0,
			      FALSE);
			event(f, "cover-created", 0, 0, cover, 0, 0, 0, FALSE);
			g_autofree char *cmsgid =
				g_strdup_printf("<cc%d@fixture>", i);
			struct db_comment_new cc = {
				.parent_id = cover,
				.msgid = cmsgid,
				.date = date,
				.headers = "Subject: Re: cover\n",
				.submitter_id = f->alice_person,
				.content = "ok",
				.addressed = -1};
			gint64 ccid;
			fixture_ok(db_cover_comment_insert(f->db, &cc, &ccid,
							   &error),
				   error);
			event(f, "cover-comment-created", 0, 0, cover, 0, 0,
			      ccid, TRUE);
		}
		fixture_ok(db_patch_set_series(f->db, patch, series, i % 5 + 1,
					       &error),
			   error);
		struct db_check_new k = {.patch_id = patch,
					 .user_id = f->maint,
					 .date = date,
					 .state = i % 4,
					 .context = "ci"};
		gint64 check;
		fixture_ok(db_check_insert(f->db, &k, &check, &error), error);
		g_autofree char *pmsgid = g_strdup_printf("<pc%d@fixture>", i);
		struct db_comment_new pc = {.parent_id = patch,
					    .msgid = pmsgid,
					    .date = date,
					    .headers = "Subject: Re: x\n",
					    .submitter_id = f->alice_person,
					    .content = "Reviewed-by: x",
					    .addressed = -1};
		gint64 comment;
		fixture_ok(
			db_patch_comment_insert(f->db, &pc, &comment, &error),
			error);
		/* a relation per three patches, a delegate on every other */
		g_auto(db_patch_edit) edit = {0};
		fixture_ok(db_patch_edit_get(f->db, patch, &edit, &error),
			   error);
		if (i % 3 == 0)
			fixture_ok(db_relation_insert(f->db, &relation, &error),
				   error);
		edit.related_id = relation;
		edit.delegate_id = i % 2 ? f->maint : 0;
		fixture_ok(db_patch_edit_save(f->db, &edit, &error), error);
		event(f, "patch-created", patch, 0, 0, 0, 0, 0, FALSE);
		event(f, "patch-completed", patch, series, 0, 0, 0, 0, FALSE);
		event(f, "check-created", patch, 0, 0, check, f->maint, 0,
		      FALSE);
		event(f, "patch-delegated", patch, 0, 0, 0, f->maint, 0, FALSE);
		event(f, "patch-comment-created", patch, 0, 0, 0, 0, comment,
		      FALSE);
		g_array_append_val(bundled, patch);
	}
	fixture_ok(db_bundle_set_patches(f->db, bundle, bundled, &error),
		   error);
	for (int i = 0; i < PATCHES; i++) {
		g_autofree char *email = g_strdup_printf("p%d@example.com", i);
		gint64 id;
		fixture_ok(db_person_insert(f->db, email, "P", &id, &error),
			   error);
		g_autofree char *name = g_strdup_printf("user%d", i);
		fixture_user(f, name);
	}
	fixture_ok(db_commit(f->db, &error), error);
}

/* GETs path (with its query) and returns how many statements it ran;
 * *items receives the number of objects in the JSON array answered. */
static int statements_of(struct db *db, const char *path, const char *query,
			 int *items)
{
	struct request req;
	struct response res;
	request_init(&req);
	response_init(&res);
	req.method = g_strdup("GET");
	req.path = g_strdup(path);
	req.base_url = g_strdup("http://x");
	req.db = db;
	req.authorization = g_strdup("Token " TOKEN);
	g_auto(GStrv) params = g_strsplit(query, "&", -1);
	for (char **p = params; *p && **p; p++) {
		char *eq = strchr(*p, '=');
		*eq = '\0';
		request_add_param(&req, *p, eq + 1);
	}
	statements = 0;
	http_dispatch(&req, &res);
	int n = statements;
	if (res.status != 200)
		g_error("%s?%s: %d %s", path, query, res.status, res.body->str);
	/* top-level objects: count "{" at depth 1 of the array */
	int depth = 0;
	gboolean in_string = FALSE;
	*items = 0;
	for (const char *c = res.body->str; *c; c++) {
		if (in_string) {
			if (*c == '\\')
				c++;
			else if (*c == '"')
				in_string = FALSE;
			continue;
		}
		if (*c == '"')
			in_string = TRUE;
		else if (*c == '[' || *c == '{') {
			if (*c == '{' && depth == 1)
				(*items)++;
			depth++;
		} else if (*c == ']' || *c == '}')
			depth--;
	}
	request_clear(&req);
	response_clear(&res);
	return n;
}

/* The statements of a page of `rows` at most (per_page=250) must stay
 * within `bound` and not grow with the page: the same request with
 * per_page=2 runs at least as many minus the kinds its two rows lack. */
static void check_page(struct db *db, const char *path, const char *query,
		       int rows, int bound)
{
	int items, small_items;
	g_autofree char *big =
		g_strdup_printf("%s%sper_page=250", query, *query ? "&" : "");
	g_autofree char *small =
		g_strdup_printf("%s%sper_page=2", query, *query ? "&" : "");
	int n = statements_of(db, path, big, &items);
	int n_small = statements_of(db, path, small, &small_items);
	printf("# %s?%s: %d rows, %d statements (2 rows: %d)\n", path, big,
	       items, n, n_small);
	g_assert_cmpint(items, ==, rows);
	g_assert_cmpint(small_items, ==, MIN(rows, 2));
	g_assert_cmpint(n, <=, bound);
}

static void test_statements(void)
{
	struct fixture f;
	fixture_open(&f);
	populate(&f);
	g_autofree char *patch_comments = g_strdup("/api/patches/1/comments/");
	g_autofree char *checks = g_strdup("/api/patches/1/checks/");

	/* a page of 250 patches: ~10 statements (issue 9) */
	check_page(f.db, "/api/patches/", "", 250, 10);
	check_page(f.db, "/api/1.1/patches/", "", 250, 10);
	check_page(f.db, "/api/patches/", "project=one&state=new&order=-date",
		   250, 12);
	check_page(f.db, "/api/covers/", "", PATCHES / 5, 10);
	check_page(f.db, "/api/series/", "", PATCHES / 5, 12);
	check_page(f.db, "/api/events/", "", 250, 14);
	check_page(f.db, "/api/1.2/events/", "", 250, 14);
	check_page(f.db, patch_comments, "", 1, 10);
	check_page(f.db, checks, "", 1, 10);
	check_page(f.db, "/api/bundles/", "", 1, 10);
	check_page(f.db, "/api/people/", "", 250, 10);
	check_page(f.db, "/api/users/", "", 250, 10);
	fixture_close(&f);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/list/statements", test_statements);
	return g_test_run();
}
