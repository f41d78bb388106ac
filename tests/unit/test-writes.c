/*
 * The API writes other than patch updates, against a real SQLite
 * database: checks (rest-api.md §6.9, §9), comments' `addressed` (§6.8),
 * bundles (§6.10), users (§6.4) and projects (§6.2), with Patchwork's
 * permissions, messages and events.
 */
#include "core/account-update.h"
#include "core/bundle-write.h"
#include "core/check-create.h"
#include "core/comment-update.h"

#include "fixture.h"

static struct write_text text(const char *s)
{
	return (struct write_text){.present = TRUE, .value = s};
}

static void no_error(enum write_status st, GError *error)
{
	if (st == WRITE_ERROR)
		g_error("write: %s", error->message);
}

/* The only message of the report, or its messages joined. */
static char *messages(const struct write_report *r, const char *field)
{
	return write_report_field(r, field);
}

static void test_check(void)
{
	struct fixture f;
	fixture_open(&f);
	gint64 p = fixture_patch(&f, f.project, f.alice_person, 1);
	GError *error = NULL;
	g_auto(write_report) r = {0};
	gint64 id = 0;
	struct check_create in = {.state = text("success"),
				  .context = text("ci-build"),
				  .target_url =
					  text("https://ci.example.com/1")};
	enum write_status st;

	st = check_create(f.db, 999, f.maint, &in, &id, &r, &error);
	g_assert_cmpint(st, ==, WRITE_NOT_FOUND);
	/* anonymous too gets the plain 403 (the view raises it) */
	st = check_create(f.db, p, 0, &in, &id, &r, &error);
	g_assert_cmpint(st, ==, WRITE_FORBIDDEN);
	st = check_create(f.db, p, f.bob, &in, &id, &r, &error);
	g_assert_cmpint(st, ==, WRITE_FORBIDDEN);

	st = check_create(f.db, p, f.alice, &in, &id, &r, &error);
	no_error(st, error);
	g_assert_cmpint(st, ==, WRITE_OK);
	g_auto(db_check) c = {0};
	fixture_ok(db_check_get(f.db, id, &c, NULL), NULL);
	g_assert_cmpint(c.state, ==, 1);
	g_assert_cmpint(c.user.id, ==, f.alice);
	g_assert_cmpstr(c.context, ==, "ci-build");
	g_assert_null(c.description);
	g_autofree char *ev = fixture_events(&f, "check-created");
	g_autofree char *want = g_strdup_printf(
		"%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, p, f.alice);
	g_assert_cmpstr(ev, ==, want);

	/* code as text, default context, user from the body */
	struct check_create code = {.state = text("3"),
				    .user = {.present = TRUE, .value = f.bob}};
	st = check_create(f.db, p, f.maint, &code, &id, &r, &error);
	g_assert_cmpint(st, ==, WRITE_OK);
	g_auto(db_check) c2 = {0};
	fixture_ok(db_check_get(f.db, id, &c2, NULL), NULL);
	g_assert_cmpint(c2.state, ==, 3);
	g_assert_cmpint(c2.user.id, ==, f.bob);
	g_assert_cmpstr(c2.context, ==, "default");

	/* a missing state alone, whatever else is wrong */
	struct check_create none = {.context = text("has space")};
	st = check_create(f.db, p, f.maint, &none, &id, &r, &error);
	g_assert_cmpint(st, ==, WRITE_INVALID);
	g_assert_cmpuint(r.errors->len, ==, 1);
	g_autofree char *m0 = messages(&r, "state");
	g_assert_cmpstr(m0, ==, "A check must have a state.");
	write_report_clear(&r);

	g_autofree char *longctx = g_strnfill(256, 'c');
	g_autofree char *longurl =
		g_strconcat("https://x.example/", longctx, NULL);
	struct check_create bad = {.state = text("SUCCESS"),
				   .target_url = text(longurl),
				   .context = text("ünïcode")};
	st = check_create(f.db, p, f.maint, &bad, &id, &r, &error);
	g_assert_cmpint(st, ==, WRITE_INVALID);
	g_autofree char *m1 = messages(&r, "state");
	g_assert_cmpstr(m1, ==, "\"SUCCESS\" is not a valid choice.");
	g_autofree char *m2 = messages(&r, "target_url");
	g_assert_cmpstr(m2, ==,
			"Ensure this field has no more than 200 characters.");
	g_autofree char *m3 = messages(&r, "context");
	g_assert_cmpstr(m3, ==,
			"Enter a valid \"slug\" consisting of letters, "
			"numbers, underscores or hyphens.");
	const struct field_error *first = r.errors->pdata[0];
	g_assert_cmpstr(first->field, ==, "state");
	write_report_clear(&r);
	bad = (struct check_create){.state = text("success"),
				    .target_url = text("not a url"),
				    .context = text(longctx)};
	st = check_create(f.db, p, f.maint, &bad, &id, &r, &error);
	g_autofree char *m4 = messages(&r, "target_url");
	g_assert_cmpstr(m4, ==, "Enter a valid URL.");
	g_autofree char *m5 = messages(&r, "context");
	g_assert_cmpstr(m5, ==,
			"Ensure this field has no more than 255 characters.");
	write_report_clear(&r);

	/* XML-RPC: names only, no field rules */
	st = check_create_xmlrpc(f.db, p, f.maint, "has space", "1",
				 "not a url", NULL, &id, &r, &error);
	g_assert_cmpint(st, ==, WRITE_INVALID);
	g_autofree char *m6 = messages(&r, "state");
	g_assert_cmpstr(m6, ==, "Invalid check state: 1");
	st = check_create_xmlrpc(f.db, p, f.bob, "ctx", "fail", "", "", &id, &r,
				 &error);
	g_assert_cmpint(st, ==, WRITE_FORBIDDEN);
	st = check_create_xmlrpc(f.db, p, f.maint, "has space", "warning",
				 "not a url", NULL, &id, &r, &error);
	g_assert_cmpint(st, ==, WRITE_OK);
	g_auto(db_check) c3 = {0};
	fixture_ok(db_check_get(f.db, id, &c3, NULL), NULL);
	g_assert_cmpint(c3.state, ==, 2);
	g_assert_cmpstr(c3.context, ==, "has space");
	g_autofree char *all = fixture_events(&f, "check-created");
	g_assert_cmpuint(strlen(all), >, strlen(ev));
	fixture_close(&f);
}

static gint64 comment(struct fixture *f, gboolean cover, gint64 parent,
		      gint64 person)
{
	static int n;
	g_autofree char *msgid = g_strdup_printf("<c%d@fixture>", ++n);
	struct db_comment_new c = {.parent_id = parent,
				   .msgid = msgid,
				   .date = n,
				   .headers = "",
				   .submitter_id = person,
				   .content = "",
				   .addressed = -1};
	gint64 id;
	GError *error = NULL;
	fixture_ok(cover ? db_cover_comment_insert(f->db, &c, &id, &error)
			 : db_patch_comment_insert(f->db, &c, &id, &error),
		   error);
	return id;
}

static void test_comment(void)
{
	struct fixture f;
	fixture_open(&f);
	gint64 patch = fixture_patch(&f, f.project, f.stranger_person, 1);
	gint64 other = fixture_patch(&f, f.project, f.stranger_person, 2);
	gint64 by_alice = comment(&f, FALSE, patch, f.alice_person);
	gint64 by_stranger = comment(&f, FALSE, patch, f.stranger_person);
	GError *error = NULL;
	g_auto(write_report) r = {0};
	struct comment_update yes = {
		.addressed = {.present = TRUE, .value = TRUE}};
	enum write_status st;

	st = comment_update(f.db, FALSE, other, by_alice, f.maint, &yes, &r,
			    &error);
	g_assert_cmpint(st, ==, WRITE_NOT_FOUND);
	st = comment_update(f.db, FALSE, patch, by_stranger, 0, &yes, &r,
			    &error);
	g_assert_cmpint(st, ==, WRITE_FORBIDDEN_ANON);
	st = comment_update(f.db, FALSE, patch, by_stranger, f.alice, &yes, &r,
			    &error);
	g_assert_cmpint(st, ==, WRITE_FORBIDDEN);
	/* its author, then a maintainer of the patch's project */
	st = comment_update(f.db, FALSE, patch, by_alice, f.alice, &yes, &r,
			    &error);
	g_assert_cmpint(st, ==, WRITE_OK);
	g_auto(db_comment) c = {0};
	fixture_ok(db_comment_get(f.db, FALSE, by_alice, &c, NULL), NULL);
	g_assert_cmpint(c.addressed, ==, 1);
	/* null, and an empty update: each save is a new event */
	struct comment_update null = {
		.addressed = {.present = TRUE, .null = TRUE}};
	struct comment_update empty = {0};
	no_error(comment_update(f.db, FALSE, patch, by_stranger, f.maint, &null,
				&r, &error),
		 error);
	no_error(comment_update(f.db, FALSE, patch, by_stranger, f.maint,
				&empty, &r, &error),
		 error);
	g_autofree char *ev = fixture_events(&f, "patch-comment-created");
	g_autofree char *want =
		g_strdup_printf("%" G_GINT64_FORMAT ":0 %" G_GINT64_FORMAT
				":0 %" G_GINT64_FORMAT ":0",
				patch, patch, patch);
	g_assert_cmpstr(ev, ==, want);
	struct comment_update bad = {
		.addressed = {.present = TRUE,
			      .type_error = "Must be a valid boolean."}};
	st = comment_update(f.db, FALSE, patch, by_alice, f.maint, &bad, &r,
			    &error);
	g_assert_cmpint(st, ==, WRITE_INVALID);

	/* cover comments: the cover's submitter may, a plain user not */
	struct db_submission_new s = {.project_id = f.project,
				      .msgid = "<cover@fixture>",
				      .name = "[PATCH 0/1] cover",
				      .date = 5,
				      .headers = "",
				      .submitter_id = f.alice_person};
	gint64 cover;
	fixture_ok(db_cover_insert(f.db, &s, &cover, NULL), NULL);
	gint64 cc = comment(&f, TRUE, cover, f.stranger_person);
	st = comment_update(f.db, TRUE, cover, cc, f.bob, &yes, &r, &error);
	g_assert_cmpint(st, ==, WRITE_FORBIDDEN);
	st = comment_update(f.db, TRUE, cover, cc, 0, &yes, &r, &error);
	g_assert_cmpint(st, ==, WRITE_FORBIDDEN_ANON);
	st = comment_update(f.db, TRUE, cover, cc, f.alice, &yes, &r, &error);
	g_assert_cmpint(st, ==, WRITE_OK);
	st = comment_update(f.db, TRUE, cover, cc, f.maint, &yes, &r, &error);
	g_assert_cmpint(st, ==, WRITE_OK);
	g_autofree char *cev = fixture_events(&f, "cover-comment-created");
	g_autofree char *cwant = g_strdup_printf(
		"%" G_GINT64_FORMAT ":0 %" G_GINT64_FORMAT ":0", cover, cover);
	g_assert_cmpstr(cev, ==, cwant);
	fixture_close(&f);
}

static GArray *ids2(gint64 a, gint64 b)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(gint64));
	g_array_append_val(out, a);
	if (b)
		g_array_append_val(out, b);
	return out;
}

static void test_bundle(void)
{
	struct fixture f;
	fixture_open(&f);
	gint64 p1 = fixture_patch(&f, f.project, f.stranger_person, 2);
	gint64 p2 = fixture_patch(&f, f.project, f.stranger_person, 1);
	gint64 x = fixture_patch(&f, f.other_project, f.stranger_person, 3);
	GError *error = NULL;
	g_auto(write_report) r = {0};
	g_autoptr(GArray) two = ids2(p1, p2);
	g_autoptr(GArray) cross = ids2(p1, x);
	g_autoptr(GArray) empty = g_array_new(FALSE, FALSE, sizeof(gint64));
	g_autoptr(GArray) other = ids2(x, 0);
	struct bundle_write in = {.name = text(" folios "),
				  .public = {.present = TRUE, .value = TRUE},
				  .patches = {.present = TRUE, .values = two}};
	gint64 id = 0, priv = 0;
	enum write_status st;

	st = bundle_create(f.db, 0, &in, &id, &r, &error);
	g_assert_cmpint(st, ==, WRITE_FORBIDDEN_ANON);
	st = bundle_create(f.db, f.alice, &in, &id, &r, &error);
	no_error(st, error);
	g_assert_cmpint(st, ==, WRITE_OK);
	g_auto(db_bundle) b = {0};
	fixture_ok(db_bundle_get(f.db, id, 0, &b, NULL), NULL);
	g_assert_cmpstr(b.name, ==, "folios");
	g_assert_cmpint(b.project_id, ==, f.project);
	/* the order given, not the patches' dates */
	GPtrArray *mb = NULL;
	fixture_ok(db_mbox_bundle_patches(f.db, id, &mb, NULL), NULL);
	g_assert_cmpint(((struct db_mbox *)mb->pdata[0])->id, ==, p1);
	g_ptr_array_free(mb, TRUE);

	/* the same name again for the same owner */
	st = bundle_create(f.db, f.alice, &in, &id, &r, &error);
	g_assert_cmpint(st, ==, WRITE_INVALID);
	g_autofree char *dup = write_report_field(&r, "non_field_errors");
	g_assert_cmpstr(dup, ==, BUNDLE_MSG_NAME_TAKEN);
	write_report_clear(&r);
	struct bundle_write bad = {
		.name = text("x"),
		.patches = {.present = TRUE, .values = cross}};
	st = bundle_create(f.db, f.bob, &bad, &priv, &r, &error);
	g_autofree char *m1 = write_report_field(&r, "patches");
	g_assert_cmpstr(m1, ==,
			"Bundle patches must belong to the same project");
	write_report_clear(&r);
	bad.patches.values = empty;
	st = bundle_create(f.db, f.bob, &bad, &priv, &r, &error);
	g_autofree char *m2 = write_report_field(&r, "patches");
	g_assert_cmpstr(m2, ==, "Bundles cannot be empty");
	write_report_clear(&r);
	struct bundle_write nothing = {0};
	st = bundle_create(f.db, f.bob, &nothing, &priv, &r, &error);
	g_assert_cmpuint(r.errors->len, ==, 2);
	write_report_clear(&r);

	/* bob's private bundle: 404 for alice; alice's public: 403 for bob */
	struct bundle_write mine = {
		.name = text("mine"),
		.patches = {.present = TRUE, .values = other}};
	st = bundle_create(f.db, f.bob, &mine, &priv, &r, &error);
	g_assert_cmpint(st, ==, WRITE_OK);
	struct bundle_write rename = {.name = text("stolen")};
	st = bundle_update(f.db, priv, f.alice, &rename, &r, &error);
	g_assert_cmpint(st, ==, WRITE_NOT_FOUND);
	st = bundle_update(f.db, id, f.bob, &rename, &r, &error);
	g_assert_cmpint(st, ==, WRITE_FORBIDDEN);
	st = bundle_update(f.db, id, 0, &rename, &r, &error);
	g_assert_cmpint(st, ==, WRITE_FORBIDDEN_ANON);
	st = bundle_delete(f.db, priv, f.alice, &error);
	g_assert_cmpint(st, ==, WRITE_NOT_FOUND);

	/* the owner: patches of another project move the bundle there */
	struct bundle_write move = {
		.patches = {.present = TRUE, .values = other}};
	st = bundle_update(f.db, id, f.alice, &move, &r, &error);
	g_assert_cmpint(st, ==, WRITE_OK);
	g_auto(db_bundle) moved = {0};
	fixture_ok(db_bundle_get(f.db, id, 0, &moved, NULL), NULL);
	g_assert_cmpint(moved.project_id, ==, f.other_project);
	g_assert_cmpstr(moved.name, ==, "folios");
	struct bundle_write put = {.put = TRUE, .name = text("put")};
	st = bundle_update(f.db, id, f.alice, &put, &r, &error);
	g_autofree char *m3 = write_report_field(&r, "patches");
	g_assert_cmpstr(m3, ==, "This field is required.");
	write_report_clear(&r);
	st = bundle_delete(f.db, id, f.alice, &error);
	g_assert_cmpint(st, ==, WRITE_OK);
	g_auto(db_bundle) gone = {0};
	g_assert_cmpint(db_bundle_get(f.db, id, f.alice, &gone, NULL), ==,
			DB_NOT_FOUND);
	fixture_close(&f);
}

static void test_user(void)
{
	struct fixture f;
	fixture_open(&f);
	GError *error = NULL;
	g_auto(write_report) r = {0};
	struct user_update in = {.first_name = text("Bobby"),
				 .last_name = text("Tables")};
	enum write_status st;
	st = user_update(f.db, 999, 0, &in, &r, &error);
	g_assert_cmpint(st, ==, WRITE_FORBIDDEN_ANON);
	st = user_update(f.db, 999, f.bob, &in, &r, &error);
	g_assert_cmpint(st, ==, WRITE_NOT_FOUND);
	st = user_update(f.db, f.alice, f.bob, &in, &r, &error);
	g_assert_cmpint(st, ==, WRITE_FORBIDDEN);
	st = user_update(f.db, f.bob, f.bob, &in, &r, &error);
	g_assert_cmpint(st, ==, WRITE_OK);
	g_autoptr(db_user) u = NULL;
	fixture_ok(db_user_get(f.db, f.bob, &u, NULL), NULL);
	g_assert_cmpstr(u->first_name, ==, "Bobby");

	/* PUT without settings; settings ignored below API 1.2 */
	struct user_update put = {.put = TRUE};
	st = user_update(f.db, f.bob, f.bob, &put, &r, &error);
	g_autofree char *m1 = write_report_field(&r, "settings");
	g_assert_cmpstr(m1, ==, "This field is required.");
	write_report_clear(&r);
	struct user_update settings = {0};
	settings.settings.present = TRUE;
	settings.settings.items_per_page =
		(struct write_int){.present = TRUE, .value = 50};
	settings.settings.show_ids =
		(struct write_bool){.present = TRUE, .value = TRUE};
	st = user_update(f.db, f.bob, f.bob, &settings, &r, &error);
	g_assert_cmpint(st, ==, WRITE_OK);
	struct db_user_settings s;
	fixture_ok(db_user_settings(f.db, f.bob, &s, NULL), NULL);
	g_assert_cmpint(s.items_per_page, ==, 100);
	settings.apply_settings = TRUE;
	st = user_update(f.db, f.bob, f.bob, &settings, &r, &error);
	fixture_ok(db_user_settings(f.db, f.bob, &s, NULL), NULL);
	g_assert_cmpint(s.items_per_page, ==, 50);
	g_assert_true(s.show_ids);
	g_assert_false(s.send_email);
	settings.settings.items_per_page.value = -1;
	st = user_update(f.db, f.bob, f.bob, &settings, &r, &error);
	g_assert_cmpint(st, ==, WRITE_INVALID);
	g_autofree char *m2 = write_report_field(&r, "settings.items_per_page");
	g_assert_cmpstr(m2, ==,
			"Ensure this value is greater than or equal to 0.");
	write_report_clear(&r);
	g_autofree char *longname = g_strnfill(151, 'f');
	struct user_update too_long = {.first_name = text(longname)};
	st = user_update(f.db, f.bob, f.bob, &too_long, &r, &error);
	g_autofree char *m3 = write_report_field(&r, "first_name");
	g_assert_cmpstr(m3, ==,
			"Ensure this field has no more than 150 characters.");
	fixture_close(&f);
}

static void test_project(void)
{
	struct fixture f;
	fixture_open(&f);
	GError *error = NULL;
	g_auto(write_report) r = {0};
	struct project_update in = {
		.web_url = text("https://web.example/"),
		.show_dependencies = {.present = TRUE, .value = TRUE}};
	enum write_status st;
	st = project_update(f.db, 999, f.maint, &in, &r, &error);
	g_assert_cmpint(st, ==, WRITE_NOT_FOUND);
	st = project_update(f.db, f.project, 0, &in, &r, &error);
	g_assert_cmpint(st, ==, WRITE_FORBIDDEN_ANON);
	st = project_update(f.db, f.project, f.bob, &in, &r, &error);
	g_assert_cmpint(st, ==, WRITE_FORBIDDEN);
	st = project_update(f.db, f.other_project, f.maint, &in, &r, &error);
	g_assert_cmpint(st, ==, WRITE_FORBIDDEN);
	st = project_update(f.db, f.project, f.maint, &in, &r, &error);
	g_assert_cmpint(st, ==, WRITE_OK);
	struct db_project p = {0};
	fixture_ok(db_project_by_id(f.db, f.project, &p, NULL), NULL);
	g_assert_cmpstr(p.web_url, ==, "https://web.example/");
	g_assert_true(p.show_dependencies);
	db_project_clear(&p);
	g_autofree char *longurl = g_strnfill(2001, 'w');
	struct project_update bad = {.scm_url = text(longurl)};
	st = project_update(f.db, f.project, f.maint, &bad, &r, &error);
	g_assert_cmpint(st, ==, WRITE_INVALID);
	g_autofree char *m = write_report_field(&r, "scm_url");
	g_assert_cmpstr(m, ==,
			"Ensure this field has no more than 2000 characters.");
	fixture_close(&f);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/writes/check", test_check);
	g_test_add_func("/writes/comment", test_comment);
	g_test_add_func("/writes/bundle", test_bundle);
	g_test_add_func("/writes/user", test_user);
	g_test_add_func("/writes/project", test_project);
	return g_test_run();
}
