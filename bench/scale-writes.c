/*
 * The maintainers' and CI robots' side of a generated database
 * (bench/scale.sh): after `darn parsearchive` stored the mails of
 * bench/gen-scale.py, this gives every project maintainers, moves its
 * patches through the states a reviewed list's patches end in, delegates
 * and archives some, and posts CI checks on the patches of some projects.
 * Each change goes through the same core functions as the REST API's
 * PATCH of a patch and POST of a check (core/patch-update.h,
 * core/check-create.h), so the rows and events are those the API writes;
 * only the HTTP round trip and a durable commit per request are left out
 * (1,000 patches per transaction), which made the API path take an hour
 * at a million patches.
 *
 *   scale-writes DATABASE [CHECK_PROJECTS]
 *
 * CHECK_PROJECTS (default 10): how many projects (the first by
 * linkname) have a CI posting two checks per patch. Choices are drawn
 * from the patch id, so a run is repeatable.
 */
#include "core/check-create.h"
#include "core/patch-update.h"
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>

#define MAINTAINERS 3
#define BATCH 1000

/* linux-cifs's golden import leaves every patch New (Patchwork sets no
 * state on import); these are the states the patches of a maintained
 * list end in, as percentages (an assumption, written down in
 * bench/README.md). */
static const struct {
	const char *slug;
	int percent;
} final_states[] = {
	{"new", 12},
	{"under-review", 3},
	{"accepted", 35},
	{"rejected", 4},
	{"rfc", 2},
	{"not-applicable", 4},
	{"changes-requested", 15},
	{"awaiting-upstream", 2},
	{"superseded", 20},
	{"deferred", 3},
};

/* A well-mixed hash of the patch id and a salt: the patch's draws. */
static guint64 draw(gint64 id, guint64 salt)
{
	guint64 x = (guint64)id * 0x9e3779b97f4a7c15ULL + salt;
	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 29;
	return x;
}

static void die(const char *what, GError *error)
{
	fprintf(stderr, "scale-writes: %s: %s\n", what,
		error ? error->message : "failed");
	exit(1);
}

static void ok(enum db_status st, const char *what, GError *error)
{
	if (st != DB_OK)
		die(what, error);
}

/* The user called `name`, created when missing. */
static gint64 user(struct db *db, const char *name)
{
	gint64 id;
	GError *error = NULL;
	if (db_user_by_username(db, name, &id, &error) == DB_OK)
		return id;
	g_autofree char *email = g_strdup_printf("%s@example.org", name);
	ok(db_user_insert(db, name, email, &id, &error), name, error);
	return id;
}

struct project_users {
	gint64 project_id;
	gint64 maintainers[MAINTAINERS];
	gboolean ci;
};

static void change_patch(struct db *db, const struct project_users *pu,
			 gint64 ci_user, gint64 id, gint64 *changes)
{
	GError *error = NULL;
	g_auto(write_report) report = {0};
	guint64 r = draw(id, 1);
	int pick = (int)(r % 100), k = 0;
	while (pick >= final_states[k].percent)
		pick -= final_states[k++].percent;
	gboolean open = k < 2; /* new, under-review */
	gint64 maintainer = pu->maintainers[(r >> 8) % MAINTAINERS];
	struct patch_update in = {0};
	if (k) {
		in.state = (struct write_text){.present = TRUE,
					       .value = final_states[k].slug};
	}
	/* 40% are delegated to one of the maintainers */
	if ((r >> 16) % 100 < 40)
		in.delegate =
			(struct write_id){.present = TRUE, .value = maintainer};
	/* most of those decided are archived */
	if (!open && (r >> 24) % 100 < 70)
		in.archived =
			(struct write_bool){.present = TRUE, .value = TRUE};
	if (in.state.present || in.delegate.present || in.archived.present) {
		if (patch_update(db, id, maintainer, &in, &report, &error) !=
		    WRITE_OK)
			die("patch update", error);
		(*changes)++;
	}
	if (!pu->ci)
		return;
	static const char *const contexts[] = {"build", "checkpatch"};
	static const char *const states[] = {"success", "success", "success",
					     "warning", "fail"};
	for (gsize c = 0; c < G_N_ELEMENTS(contexts); c++) {
		g_auto(write_report) rep = {0};
		g_autofree char *url = g_strdup_printf(
			"https://ci.example.org/%" G_GINT64_FORMAT "/%s", id,
			contexts[c]);
		struct check_create cc = {
			.state = {.present = TRUE,
				  .value = states[draw(id, 2 + c) % 5]},
			.target_url = {.present = TRUE, .value = url},
			.context = {.present = TRUE, .value = contexts[c]},
			.description = {.present = TRUE,
					.value = "scale-writes"},
		};
		gint64 check_id;
		if (check_create(db, id, ci_user, &cc, &check_id, &rep,
				 &error) != WRITE_OK)
			die("check create", error);
		(*changes)++;
	}
}

int main(int argc, char **argv)
{
	GError *error = NULL;
	g_autoptr(db) db = NULL;
	g_autoptr(GPtrArray) projects = NULL;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: scale-writes DATABASE "
				"[CHECK_PROJECTS]\n");
		return 2;
	}
	int check_projects = argc == 3 ? atoi(argv[2]) : 10;
	ok(db_open(argv[1], 60000, DB_OPEN_EXISTING, &db, &error), argv[1],
	   error);
	db_set_bulk(db, TRUE);

	ok(db_begin_write(db, &error), "begin", error);
	ok(db_project_list(db, &projects, &error), "projects", error);
	gint64 ci_user = user(db, "ci-bot");
	g_autofree struct project_users *pus =
		g_new0(struct project_users, projects->len);
	for (guint i = 0; i < projects->len; i++) {
		const struct db_project *p = projects->pdata[i];
		pus[i].project_id = p->id;
		pus[i].ci = (int)i < check_projects;
		for (int m = 0; m < MAINTAINERS; m++) {
			g_autofree char *name =
				g_strdup_printf("%s-m%d", p->linkname, m);
			pus[i].maintainers[m] = user(db, name);
			if (db_is_maintainer(db, p->id, pus[i].maintainers[m],
					     &error) == DB_NOT_FOUND)
				ok(db_project_maintainer_add(
					   db, p->id, pus[i].maintainers[m],
					   &error),
				   "maintainer", error);
		}
		if (pus[i].ci && db_is_maintainer(db, p->id, ci_user, &error) ==
					 DB_NOT_FOUND)
			ok(db_project_maintainer_add(db, p->id, ci_user,
						     &error),
			   "maintainer", error);
	}
	ok(db_commit(db, &error), "commit", error);

	gint64 patches = 0, changes = 0;
	gint64 start = g_get_monotonic_time();
	for (guint i = 0; i < projects->len; i++) {
		/* a project's patches in id order, a batch per transaction */
		for (gint64 offset = 0;; offset += BATCH) {
			struct db_list l = {.resource = DB_LIST_PATCHES};
			struct db_cond *c = db_list_add(&l, "project");
			c->ids[c->n_ids++] = pus[i].project_id;
			g_autoptr(GArray) ids = NULL;
			ok(db_begin_write(db, &error), "begin", error);
			ok(db_list_ids(db, &l, offset, BATCH, &ids, &error),
			   "patch ids", error);
			for (guint k = 0; k < ids->len; k++)
				change_patch(db, &pus[i], ci_user,
					     g_array_index(ids, gint64, k),
					     &changes);
			ok(db_commit(db, &error), "commit", error);
			patches += ids->len;
			if (ids->len < BATCH)
				break;
		}
	}
	db_set_bulk(db, FALSE);
	double secs = (double)(g_get_monotonic_time() - start) / 1e6;
	printf("scale-writes: %" G_GINT64_FORMAT " patches, %" G_GINT64_FORMAT
	       " changes and checks in %.1f s (%.0f/s)\n",
	       patches, changes, secs, (double)changes / (secs ? secs : 1));
	return 0;
}
