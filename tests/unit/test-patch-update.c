/*
 * Patch updates (rest-api.md §6.5.3-§6.5.5, §10.1) against a real SQLite
 * database: permissions, Patchwork's validation messages, relations with
 * their 403 and 409, and the events with their actors and order. Also
 * the CPython set order those events follow (core/pyset.c), checked
 * against Python 3.11's own answers.
 */
#include "core/patch-update.h"
#include "core/pyset.h"

#include "fixture.h"

static GArray *ids(int n, ...)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(gint64));
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		gint64 v = va_arg(ap, gint64);
		g_array_append_val(a, v);
	}
	va_end(ap);
	return a;
}

static char *set_order(GArray *first, GArray *then)
{
	struct pyset s;
	pyset_init(&s);
	for (guint i = 0; i < first->len; i++)
		pyset_add(&s, g_array_index(first, gint64, i));
	if (then) {
		struct pyset u;
		pyset_init(&u);
		pyset_copy(&u, &s);
		for (guint i = 0; i < then->len; i++)
			pyset_add(&u, g_array_index(then, gint64, i));
		pyset_clear(&s);
		s = u;
	}
	g_autoptr(GArray) items = pyset_items(&s);
	pyset_clear(&s);
	GString *out = g_string_new(NULL);
	for (guint i = 0; i < items->len; i++)
		g_string_append_printf(out, "%s%" G_GINT64_FORMAT, i ? " " : "",
				       g_array_index(items, gint64, i));
	g_array_free(first, TRUE);
	if (then)
		g_array_free(then, TRUE);
	return g_string_free(out, FALSE);
}

static void test_pyset(void)
{
	/* expected: list(set(...)) printed by Python 3.11.7 */
	struct {
		char *got;
		const char *want;
	} cases[] = {
		{set_order(ids(2, (gint64)45, (gint64)48), NULL), "48 45"},
		{set_order(ids(2, (gint64)48, (gint64)45),
			   ids(3, (gint64)46, (gint64)47, (gint64)49)),
		 "45 46 47 48 49"},
		{set_order(ids(5, (gint64)3, (gint64)11, (gint64)19, (gint64)27,
			       (gint64)35),
			   NULL),
		 "3 35 11 19 27"},
		{set_order(ids(4, (gint64)1000, (gint64)8, (gint64)16,
			       (gint64)24),
			   ids(6, (gint64)5, (gint64)13, (gint64)21, (gint64)29,
			       (gint64)37, (gint64)45)),
		 "5 37 1000 8 13 45 16 21 24 29"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_assert_cmpstr(cases[i].got, ==, cases[i].want);
		g_free(cases[i].got);
	}
	GArray *range = g_array_new(FALSE, FALSE, sizeof(gint64));
	for (gint64 v = 100; v < 140; v += 3)
		g_array_append_val(range, v);
	g_autofree char *r = set_order(range, NULL);
	g_assert_cmpstr(r, ==,
			"130 100 133 103 136 106 139 109 112 115 118 121 124 "
			"127");
}

static void test_slugify(void)
{
	const char *cases[][2] = {
		{"Not Applicable", "not-applicable"},
		{"not_applicable", "not_applicable"},
		{"  Under \t Review ", "under-review"},
		{"Ünder-–Review", "under-review"},
		{"-_accepted_-", "accepted"},
		{"RFC!", "rfc"},
		{"", ""},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *s = patch_state_slugify(cases[i][0]);
		g_assert_cmpstr(s, ==, cases[i][1]);
	}
}

static struct write_text text(const char *s)
{
	return (struct write_text){.present = TRUE, .value = s};
}

static enum write_status run(struct fixture *f, gint64 patch, gint64 user,
			     const struct patch_update *in,
			     struct write_report *r)
{
	GError *error = NULL;
	enum write_status st = patch_update(f->db, patch, user, in, r, &error);
	if (st == WRITE_ERROR)
		g_error("patch_update: %s", error->message);
	return st;
}

static gint64 state_of(struct fixture *f, gint64 patch)
{
	g_auto(db_patch_edit) p = {0};
	fixture_ok(db_patch_edit_get(f->db, patch, &p, NULL), NULL);
	return p.state_id;
}

static void test_permissions(void)
{
	struct fixture f;
	fixture_open(&f);
	gint64 own = fixture_patch(&f, f.project, f.alice_person, 1);
	gint64 other = fixture_patch(&f, f.project, f.stranger_person, 2);
	struct patch_update in = {.state = text("accepted")};
	g_auto(write_report) r = {0};
	g_assert_cmpint(run(&f, 999, f.maint, &in, &r), ==, WRITE_NOT_FOUND);
	g_assert_cmpint(run(&f, own, 0, &in, &r), ==, WRITE_FORBIDDEN_ANON);
	g_assert_cmpint(run(&f, own, f.bob, &in, &r), ==, WRITE_FORBIDDEN);
	g_assert_cmpint(run(&f, other, f.alice, &in, &r), ==, WRITE_FORBIDDEN);
	/* the submitter's user, then a maintainer */
	g_assert_cmpint(run(&f, own, f.alice, &in, &r), ==, WRITE_OK);
	g_assert_cmpint(run(&f, other, f.maint, &in, &r), ==, WRITE_OK);
	/* the delegate may, once delegated (bob maintains project two
	 * only: delegate him there) */
	gint64 two = fixture_patch(&f, f.other_project, f.stranger_person, 3);
	fixture_ok(
		db_project_maintainer_add(f.db, f.other_project, f.bob, NULL),
		NULL);
	g_assert_cmpint(run(&f, two, f.maint, &in, &r), ==, WRITE_FORBIDDEN);
	struct patch_update delegate = {
		.delegate = {.present = TRUE, .value = f.bob}};
	g_assert_cmpint(run(&f, two, f.bob, &delegate, &r), ==, WRITE_OK);
	fixture_ok(db_project_maintainer_remove(f.db, f.other_project, f.bob,
						NULL),
		   NULL);
	g_assert_cmpint(run(&f, two, f.bob, &in, &r), ==, WRITE_OK);
	g_assert_null(r.errors);
	fixture_close(&f);
}

static void test_validation(void)
{
	struct fixture f;
	fixture_open(&f);
	gint64 p = fixture_patch(&f, f.project, f.stranger_person, 1);
	gint64 before = state_of(&f, p);
	g_auto(write_report) r = {0};

	struct patch_update bad = {.state = text("not_applicable")};
	g_assert_cmpint(run(&f, p, f.maint, &bad, &r), ==, WRITE_INVALID);
	g_autofree char *m1 = write_report_field(&r, "state");
	g_assert_cmpstr(m1, ==,
			"Invalid state not_applicable. Expected one of: new, "
			"under-review, accepted, rejected, rfc, "
			"not-applicable, changes-requested, "
			"awaiting-upstream, superseded, deferred.");
	write_report_clear(&r);

	struct patch_update empty = {.state = text("")};
	g_assert_cmpint(run(&f, p, f.maint, &empty, &r), ==, WRITE_INVALID);
	g_autofree char *m2 = write_report_field(&r, "state");
	g_assert_cmpstr(m2, ==, "This field may not be null.");
	write_report_clear(&r);

	/* PUT {}: both required, state first */
	struct patch_update put = {.put = TRUE};
	g_assert_cmpint(run(&f, p, f.maint, &put, &r), ==, WRITE_INVALID);
	g_assert_cmpuint(r.errors->len, ==, 2);
	const struct field_error *e0 = r.errors->pdata[0];
	const struct field_error *e1 = r.errors->pdata[1];
	g_assert_cmpstr(e0->field, ==, "state");
	g_assert_cmpstr(e0->message, ==, "This field is required.");
	g_assert_cmpstr(e1->field, ==, "delegate");
	write_report_clear(&r);

	struct patch_update deleg = {
		.delegate = {.present = TRUE, .value = f.bob}};
	g_assert_cmpint(run(&f, p, f.maint, &deleg, &r), ==, WRITE_INVALID);
	g_autofree char *m3 = write_report_field(&r, "delegate");
	g_assert_cmpstr(m3, ==,
			"User 'bob' is not a maintainer for project "
			"'Project One'");
	write_report_clear(&r);
	deleg.delegate.value = 999999;
	g_assert_cmpint(run(&f, p, f.maint, &deleg, &r), ==, WRITE_INVALID);
	g_autofree char *m4 = write_report_field(&r, "delegate");
	g_assert_cmpstr(m4, ==,
			"Invalid pk \"999999\" - object does not exist.");
	write_report_clear(&r);

	/* errors in field order, and nothing saved */
	g_autofree char *longref = g_strnfill(256, 'c');
	struct patch_update two = {.state = text("bogus"),
				   .commit_ref = text(longref)};
	g_assert_cmpint(run(&f, p, f.maint, &two, &r), ==, WRITE_INVALID);
	e0 = r.errors->pdata[0];
	g_assert_cmpstr(e0->field, ==, "commit_ref");
	g_assert_cmpstr(e0->message, ==,
			"Ensure this field has no more than 255 characters.");
	write_report_clear(&r);
	g_assert_cmpint(state_of(&f, p), ==, before);
	g_autofree char *none = fixture_events(&f, NULL);
	g_assert_cmpstr(none, ==, "");
	fixture_close(&f);
}

static void test_events(void)
{
	struct fixture f;
	fixture_open(&f);
	gint64 p = fixture_patch(&f, f.project, f.stranger_person, 1);
	g_auto(write_report) r = {0};
	struct patch_update in = {
		.state = text("Under Review"),
		.delegate = {.present = TRUE, .value = f.maint},
		.archived = {.present = TRUE, .value = TRUE},
		.commit_ref = text("  abc123 "),
	};
	g_assert_cmpint(run(&f, p, f.maint, &in, &r), ==, WRITE_OK);
	g_auto(db_patch_edit) row = {0};
	fixture_ok(db_patch_edit_get(f.db, p, &row, NULL), NULL);
	g_assert_cmpstr(row.commit_ref, ==, "abc123");
	g_assert_true(row.archived);
	g_assert_cmpint(row.delegate_id, ==, f.maint);
	/* state then delegate, both by the editor */
	g_autofree char *all = fixture_events(&f, NULL);
	g_autofree char *want =
		g_strdup_printf("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
				" %" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
				p, f.maint, p, f.maint);
	g_assert_cmpstr(all, ==, want);
	g_autofree char *order = fixture_event_list(&f, NULL, TRUE);
	g_assert_cmpstr(order, ==, "patch-state-changed patch-delegated");
	/* the same again changes nothing: no event */
	g_assert_cmpint(run(&f, p, f.maint, &in, &r), ==, WRITE_OK);
	g_autofree char *again = fixture_events(&f, NULL);
	g_assert_cmpstr(again, ==, want);
	fixture_close(&f);
}

static gint64 related_of(struct fixture *f, gint64 patch)
{
	g_auto(db_patch_edit) p = {0};
	fixture_ok(db_patch_edit_get(f->db, patch, &p, NULL), NULL);
	return p.related_id;
}

static enum write_status relate(struct fixture *f, gint64 patch, gint64 user,
				GArray *with, struct write_report *r)
{
	struct patch_update in = {.related = {.present = TRUE, .values = with}};
	enum write_status st = run(f, patch, user, &in, r);
	g_array_free(with, TRUE);
	return st;
}

static void test_relations(void)
{
	struct fixture f;
	fixture_open(&f);
	gint64 p[6];
	for (int i = 0; i < 6; i++)
		p[i] = fixture_patch(&f, f.project, f.alice_person, i + 1);
	gint64 cross = fixture_patch(&f, f.other_project, f.alice_person, 9);
	g_auto(write_report) r = {0};
	const char *cat = "patch-relation-changed";

	/* the other patch's event first, with a null actor */
	g_assert_cmpint(relate(&f, p[0], f.maint, ids(1, p[1]), &r), ==,
			WRITE_OK);
	g_autofree char *e1 = fixture_events(&f, cat);
	g_autofree char *w1 = g_strdup_printf(
		"%" G_GINT64_FORMAT ":0 %" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
		p[1], p[0], f.maint);
	g_assert_cmpstr(e1, ==, w1);
	g_assert_cmpint(related_of(&f, p[0]), ==, related_of(&f, p[1]));

	/* additive: p[2] joins; only it changes */
	g_assert_cmpint(relate(&f, p[0], f.maint, ids(1, p[2]), &r), ==,
			WRITE_OK);
	g_assert_cmpint(related_of(&f, p[2]), ==, related_of(&f, p[0]));

	/* another relation: 409, and the submitter may not relate at all */
	g_assert_cmpint(relate(&f, p[3], f.maint, ids(1, p[4]), &r), ==,
			WRITE_OK);
	g_assert_cmpint(relate(&f, p[0], f.maint, ids(1, p[4]), &r), ==,
			WRITE_CONFLICT);
	g_assert_nonnull(strstr(r.detail, "already part of another"));
	r.detail = NULL;
	g_assert_cmpint(relate(&f, p[5], f.alice, ids(1, p[0]), &r), ==,
			WRITE_FORBIDDEN);
	g_assert_cmpstr(r.detail, ==,
			"At least one patch is part of a project you are not "
			"maintaining.");
	r.detail = NULL;
	g_assert_cmpint(relate(&f, p[5], f.maint, ids(1, cross), &r), ==,
			WRITE_FORBIDDEN);
	r.detail = NULL;
	/* a PUT by the submitter implies related=[]: refused likewise */
	struct patch_update put = {.put = TRUE,
				   .state = text("new"),
				   .delegate = {.present = TRUE, .null = TRUE}};
	g_assert_cmpint(run(&f, p[5], f.alice, &put, &r), ==, WRITE_FORBIDDEN);
	r.detail = NULL;

	/* leaving a relation of three: an event for it, by the editor */
	g_autofree char *before = fixture_events(&f, cat);
	g_autoptr(GArray) no_ids = ids(0);
	struct patch_update out = {
		.state = text("rfc"),
		.related = {.present = TRUE, .values = no_ids}};
	g_assert_cmpint(run(&f, p[2], f.maint, &out, &r), ==, WRITE_OK);
	g_autofree char *cats = fixture_event_list(&f, NULL, TRUE);
	g_assert_true(g_str_has_suffix(
		cats, "patch-state-changed patch-relation-changed"));
	g_assert_cmpint(related_of(&f, p[2]), ==, 0);
	g_autofree char *after = fixture_events(&f, cat);
	g_autofree char *w2 =
		g_strdup_printf("%s %" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
				before, p[2], f.maint);
	g_assert_cmpstr(after, ==, w2);
	/* with a state change: the relation's event comes last */
	g_autofree char *cats_before = fixture_event_list(&f, NULL, TRUE);
	struct patch_update leave = {
		.state = text("rfc"),
		.related = {.present = TRUE, .values = NULL}};
	g_autoptr(GArray) none = ids(0);
	leave.related.values = none;
	g_assert_cmpint(related_of(&f, p[3]), !=, 0);
	g_assert_cmpint(run(&f, p[3], f.maint, &leave, &r), ==, WRITE_OK);
	g_autofree char *cats_after = fixture_event_list(&f, NULL, TRUE);
	g_autofree char *cats_want =
		g_strdup_printf("%s patch-state-changed", cats_before);
	/* p[3] was in a pair with p[4]: dissolved, so no relation event */
	g_assert_cmpstr(cats_after, ==, cats_want);
	/* leaving a pair dissolves it without any event */
	g_assert_cmpint(relate(&f, p[1], f.maint, ids(0), &r), ==, WRITE_OK);
	g_assert_cmpint(related_of(&f, p[0]), ==, 0);
	g_assert_cmpint(related_of(&f, p[1]), ==, 0);
	g_autofree char *last = fixture_events(&f, cat);
	g_assert_cmpstr(last, ==, after);
	/* unknown patch */
	g_assert_cmpint(relate(&f, p[0], f.maint, ids(1, (gint64)999999), &r),
			==, WRITE_INVALID);
	g_autofree char *m = write_report_field(&r, "related");
	g_assert_cmpstr(m, ==,
			"Invalid pk \"999999\" - object does not exist.");
	fixture_close(&f);
}

static void test_xmlrpc_patch_set(void)
{
	struct fixture f;
	fixture_open(&f);
	gint64 p = fixture_patch(&f, f.project, f.stranger_person, 1);
	GError *error = NULL;
	g_auto(write_report) r = {0};
	gint64 accepted;
	fixture_ok(db_state_by_slug(f.db, "accepted", &accepted, NULL), NULL);
	struct patch_set in = {.has_state = TRUE,
			       .state_id = accepted,
			       .has_commit_ref = TRUE,
			       .commit_ref = " 0123abc ",
			       .has_archived = TRUE,
			       .archived = TRUE};
	g_assert_cmpint(patch_set(f.db, p, f.bob, &in, &r, &error), ==,
			WRITE_FORBIDDEN);
	g_assert_cmpint(patch_set(f.db, p, 0, &in, &r, &error), ==,
			WRITE_FORBIDDEN_ANON);
	g_assert_cmpint(patch_set(f.db, 999, f.maint, &in, &r, &error), ==,
			WRITE_NOT_FOUND);
	g_assert_cmpint(patch_set(f.db, p, f.maint, &in, &r, &error), ==,
			WRITE_OK);
	g_auto(db_patch_edit) row = {0};
	fixture_ok(db_patch_edit_get(f.db, p, &row, NULL), NULL);
	g_assert_cmpint(row.state_id, ==, accepted);
	g_assert_cmpstr(row.commit_ref, ==, " 0123abc ");
	g_assert_true(row.archived);
	g_autofree char *ev = fixture_events(&f, "patch-state-changed");
	g_autofree char *want = g_strdup_printf(
		"%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, p, f.maint);
	g_assert_cmpstr(ev, ==, want);
	in.state_id = 999;
	g_assert_cmpint(patch_set(f.db, p, f.maint, &in, &r, &error), ==,
			WRITE_INVALID);
	fixture_close(&f);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/patch-update/pyset", test_pyset);
	g_test_add_func("/patch-update/slugify", test_slugify);
	g_test_add_func("/patch-update/permissions", test_permissions);
	g_test_add_func("/patch-update/validation", test_validation);
	g_test_add_func("/patch-update/events", test_events);
	g_test_add_func("/patch-update/relations", test_relations);
	g_test_add_func("/patch-update/xmlrpc", test_xmlrpc_patch_set);
	return g_test_run();
}
