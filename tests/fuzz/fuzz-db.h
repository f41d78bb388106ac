/*
 * The in-memory database the HTTP-side fuzzers run against: a project,
 * a cover letter, a patch and a reply ingested as mail, users, checks,
 * bundles. Built once per process.
 */
#ifndef DARN_FUZZ_DB_H
#define DARN_FUZZ_DB_H

#include "core/ingest.h"
#include "mail/mailinfo.h"
#include "store/query.h"

static struct db *fuzz_database(void)
{
	static struct db *db;
	if (db)
		return db;
	g_assert(db_open(":memory:", 1000, DB_OPEN_CREATE, &db, NULL) == DB_OK);
	g_assert(db_migrate(db, NULL, NULL) == DB_OK);
	struct db_project p = {.linkname = (char *)"fuzz",
			       .name = (char *)"Fuzz",
			       .listid = (char *)"fuzz.example",
			       .listemail = (char *)"f@x.org",
			       .subject_match = (char *)"",
			       .web_url = (char *)"",
			       .scm_url = (char *)"",
			       .webscm_url = (char *)"",
			       .list_archive_url = (char *)"",
			       .list_archive_url_format =
				       (char *)"https://lore/{}",
			       .commit_url_format = (char *)"",
			       .use_tags = TRUE};
	g_assert(db_project_insert(db, &p, NULL) == DB_OK);
	static const char *const mails[] = {
		"From: A <a@x.org>\nSubject: [PATCH 0/1] c\nMessage-Id: <c@x>\n"
		"Date: Mon, 2 Mar 2026 10:00:00 +0000\n\ncover\n",
		"From: A <a@x.org>\nSubject: [PATCH 1/1] p\nMessage-Id: <p@x>\n"
		"In-Reply-To: <c@x>\nDate: Mon, 2 Mar 2026 10:00:01 +0000\n\n"
		"text\n---\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n"
		"-a\n+b\n",
		"From: B <b@x.org>\nSubject: Re: [PATCH 1/1] p\nMessage-Id: "
		"<r@x>\n"
		"In-Reply-To: <p@x>\n\nAcked-by: B <b@x.org>\n",
	};
	gint64 user_id;
	g_assert(db_user_insert(db, "fuzz", "a@x.org", &user_id, NULL) ==
		 DB_OK);
	g_assert(db_token_set(db, user_id,
			      "0123456789abcdef0123456789abcdef01234567",
			      NULL) == DB_OK);
	struct ingest *in = ingest_new(db);
	for (gsize i = 0; i < G_N_ELEMENTS(mails); i++) {
		struct mail_info info;
		struct ingest_result r;
		g_assert(mail_info_extract(mails[i], strlen(mails[i]),
					   &mail_limits_none, &info, NULL));
		db_begin_write(db, NULL);
		ingest_mail(in, &info, "fuzz.example", NULL, 0, 0, &r, NULL);
		db_commit(db, NULL);
		ingest_result_clear(&r);
		mail_info_clear(&info);
	}
	ingest_free(in);
	g_assert(db_person_link_user(db, "a@x.org", user_id, NULL, NULL) ==
		 DB_OK);
	/* what no mail creates: users, checks, a public and a private
	 * bundle, a series dependency (test code may use store/query.h) */
	g_assert(
		db_exec_script(
			db,
			"INSERT INTO users (username, email) VALUES "
			"('ci', 'ci@x.org'), ('m', 'm@x.org');"
			"INSERT INTO patch_check (patch_id, user_id, date, "
			"state,"
			" context) VALUES (1, 1, 1, 3, 'b'), (1, 1, 2, 1, 'b');"
			"INSERT INTO bundle (owner_id, project_id, name, "
			"public) "
			"VALUES (2, 1, 'pub', 1), (1, 1, 'priv', 0);"
			"INSERT INTO bundle_patch (bundle_id, patch_id, "
			"ordering)"
			" VALUES (1, 1, 1);"
			"UPDATE project SET show_dependencies = 1;"
			/* m maintains the project and has a token: writes
			 * go all the way through */
			"INSERT INTO project_maintainer (project_id, user_id) "
			"VALUES (1, 2);"
			"INSERT INTO token (key, user_id, created) VALUES "
			"('fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz', 2, 0);",
			NULL) == DB_OK);
	return db;
}

#endif
