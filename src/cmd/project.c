/*
 * darn project add|list|show|edit|delegate: project administration, with
 * the fields of Patchwork's Project model and its maintainers (who may
 * update its patches and the project itself through the API).
 */
#include "cmd/cmd.h"

/* Option values; NULL = not given (edit keeps the stored value). */
struct project_opts {
	char *linkname, *name, *listid, *listemail, *subject_match;
	char *web_url, *scm_url, *webscm_url;
	char *list_archive_url, *list_archive_url_format, *commit_url_format;
	char *show_dependencies, *use_tags, *send_notifications;
	/* usernames; --add-maintainer and --remove-maintainer repeat */
	char **add_maintainers, **remove_maintainers;
};

static void opts_clear(struct project_opts *o)
{
	char **fields[] = {&o->linkname,
			   &o->name,
			   &o->listid,
			   &o->listemail,
			   &o->subject_match,
			   &o->web_url,
			   &o->scm_url,
			   &o->webscm_url,
			   &o->list_archive_url,
			   &o->list_archive_url_format,
			   &o->commit_url_format,
			   &o->show_dependencies,
			   &o->use_tags,
			   &o->send_notifications};
	for (gsize i = 0; i < G_N_ELEMENTS(fields); i++)
		g_clear_pointer(fields[i], g_free);
	g_clear_pointer(&o->add_maintainers, g_strfreev);
	g_clear_pointer(&o->remove_maintainers, g_strfreev);
}

#define OPT(long_name, field, help)                                            \
	{                                                                      \
		long_name, 0, 0, G_OPTION_ARG_STRING, &o->field, help, "VALUE" \
	}

static gboolean parse_project_opts(struct project_opts *o, gboolean add,
				   int *argc, char ***argv)
{
	const GOptionEntry entries[] = {
		OPT("linkname", linkname, "short name used in URLs"),
		OPT("name", name, "display name"),
		OPT("listid", listid,
		    "the list's List-Id (e.g. foo.vger.kernel.org)"),
		OPT("listemail", listemail, "the list's posting address"),
		OPT("subject-match", subject_match,
		    "regex a subject must match (several projects per list)"),
		OPT("web-url", web_url, "project web site"),
		OPT("scm-url", scm_url, "repository URL"),
		OPT("webscm-url", webscm_url, "repository web URL"),
		OPT("list-archive-url", list_archive_url, "list archive URL"),
		OPT("list-archive-url-format", list_archive_url_format,
		    "archive URL of a mail, {} for the msgid"),
		OPT("commit-url-format", commit_url_format,
		    "URL of a commit, {} for the hash"),
		OPT("show-dependencies", show_dependencies, "yes or no"),
		OPT("use-tags", use_tags, "count Acked-by etc.: yes or no"),
		OPT("send-notifications", send_notifications, "yes or no"),
		{"add-maintainer", 0, 0, G_OPTION_ARG_STRING_ARRAY,
		 &o->add_maintainers, "make the user a maintainer (repeatable)",
		 "USER"},
		{"remove-maintainer", 0, 0, G_OPTION_ARG_STRING_ARRAY,
		 &o->remove_maintainers,
		 "make the user no longer a maintainer (repeatable)", "USER"},
		{NULL},
	};
	return cmd_parse_options(
		add ? "--linkname L --name N --listid ID --listemail E [...]"
		    : "LINKNAME [OPTION...]",
		add ? "Add a project." : "Change a project's fields.", entries,
		argc, argv);
}

static void set_str(char **dst, const char *v)
{
	if (v) {
		g_free(*dst);
		*dst = g_strdup(v);
	}
}

/* Applies given options to p and checks Patchwork's field limits. */
static gboolean apply_opts(struct db_project *p, const struct project_opts *o)
{
	set_str(&p->linkname, o->linkname);
	set_str(&p->name, o->name);
	set_str(&p->listid, o->listid);
	set_str(&p->listemail, o->listemail);
	set_str(&p->subject_match, o->subject_match);
	set_str(&p->web_url, o->web_url);
	set_str(&p->scm_url, o->scm_url);
	set_str(&p->webscm_url, o->webscm_url);
	set_str(&p->list_archive_url, o->list_archive_url);
	set_str(&p->list_archive_url_format, o->list_archive_url_format);
	set_str(&p->commit_url_format, o->commit_url_format);
	/* A new project's unset fields are "" as in Patchwork's model. */
	char **all[] = {&p->linkname,	      &p->name,
			&p->listid,	      &p->listemail,
			&p->subject_match,    &p->web_url,
			&p->scm_url,	      &p->webscm_url,
			&p->list_archive_url, &p->list_archive_url_format,
			&p->commit_url_format};
	for (gsize i = 0; i < G_N_ELEMENTS(all); i++)
		if (!*all[i])
			*all[i] = g_strdup("");
	struct {
		const char *v, *name;
		gboolean *dst;
	} bools[] = {
		{o->show_dependencies, "show-dependencies",
		 &p->show_dependencies},
		{o->use_tags, "use-tags", &p->use_tags},
		{o->send_notifications, "send-notifications",
		 &p->send_notifications},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(bools); i++) {
		if (bools[i].v && !cmd_parse_bool(bools[i].v, bools[i].dst)) {
			cmd_error("--%s takes yes or no, not '%s'",
				  bools[i].name, bools[i].v);
			return FALSE;
		}
	}

	struct {
		const char *v, *name;
		glong max;
	} limits[] = {
		{p->linkname, "linkname", 255},
		{p->name, "name", 255},
		{p->listid, "listid", 255},
		{p->listemail, "listemail", 200},
		{p->subject_match, "subject-match", 64},
		{p->web_url, "web-url", 2000},
		{p->scm_url, "scm-url", 2000},
		{p->webscm_url, "webscm-url", 2000},
		{p->list_archive_url, "list-archive-url", 2000},
		{p->list_archive_url_format, "list-archive-url-format", 2000},
		{p->commit_url_format, "commit-url-format", 2000},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(limits); i++) {
		const char *v = limits[i].v ? limits[i].v : "";
		if (!g_utf8_validate(v, -1, NULL) ||
		    g_utf8_strlen(v, -1) > limits[i].max) {
			cmd_error("--%s must be valid UTF-8 of at most %ld "
				  "characters",
				  limits[i].name, limits[i].max);
			return FALSE;
		}
	}
	for (gsize i = 0; i < 4; i++) {
		if (!limits[i].v || !*limits[i].v) {
			cmd_error("--%s is required", limits[i].name);
			return FALSE;
		}
	}
	/* The linkname appears in URLs: Django's Unicode slug. */
	for (const char *c = p->linkname; *c; c = g_utf8_next_char(c)) {
		gunichar u = g_utf8_get_char(c);
		if (!g_unichar_isalnum(u) && u != '-' && u != '_') {
			cmd_error("--linkname may hold only letters, digits, "
				  "'-' and '_': '%s'",
				  p->linkname);
			return FALSE;
		}
	}
	if (*p->subject_match) {
		g_autoptr(GError) error = NULL;
		g_autoptr(GRegex) re =
			g_regex_new(p->subject_match, 0, 0, &error);
		if (!re) {
			cmd_error("--subject-match is not a valid regex: %s",
				  error->message);
			return FALSE;
		}
	}
	return TRUE;
}

static void print_project(const struct db_project *p)
{
	printf("id: %" G_GINT64_FORMAT "\n"
	       "linkname: %s\nname: %s\nlistid: %s\nlistemail: %s\n"
	       "subject_match: %s\nweb_url: %s\nscm_url: %s\nwebscm_url: %s\n"
	       "list_archive_url: %s\nlist_archive_url_format: %s\n"
	       "commit_url_format: %s\nshow_dependencies: %s\nuse_tags: %s\n"
	       "send_notifications: %s\n",
	       p->id, p->linkname, p->name, p->listid, p->listemail,
	       p->subject_match, p->web_url, p->scm_url, p->webscm_url,
	       p->list_archive_url, p->list_archive_url_format,
	       p->commit_url_format, p->show_dependencies ? "yes" : "no",
	       p->use_tags ? "yes" : "no",
	       p->send_notifications ? "yes" : "no");
}

/* The "maintainers:" line: usernames by user id, comma-separated. */
static int print_maintainers(struct app *app, gint64 project_id)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) list = NULL;
	enum db_status st =
		db_project_maintainers(app->db, project_id, &list, &error);
	if (st != DB_OK) {
		cmd_error("%s", error->message);
		return cmd_db_exit(st);
	}
	printf("maintainers:");
	for (guint i = 0; i < list->len; i++) {
		const struct db_user *u = list->pdata[i];
		printf("%s%s", i ? ", " : " ", u->username);
	}
	printf("\n");
	return 0;
}

/* Adds (`add`) or removes the maintainers named in `users`. A missing
 * user is DB_NOT_FOUND with *missing naming it. */
static enum db_status set_maintainers(struct app *app, gint64 project_id,
				      char **users, gboolean add,
				      const char **missing, GError **error)
{
	for (char **u = users; u && *u; u++) {
		gint64 user_id;
		enum db_status st =
			db_user_by_username(app->db, *u, &user_id, error);
		if (st == DB_NOT_FOUND)
			*missing = *u;
		if (st == DB_OK)
			st = add ? db_project_maintainer_add(
					   app->db, project_id, user_id, error)
				 : db_project_maintainer_remove(
					   app->db, project_id, user_id, error);
		if (st != DB_OK)
			return st;
	}
	return DB_OK;
}

static int write_project(struct app *app, struct db_project *p, gboolean add,
			 const struct project_opts *o)
{
	g_autoptr(GError) error = NULL;
	const char *missing = NULL;
	enum db_status st = db_begin_write(app->db, &error);
	if (st == DB_OK)
		st = add ? db_project_insert(app->db, p, &error)
			 : db_project_update(app->db, p, &error);
	if (st == DB_OK)
		st = set_maintainers(app, p->id, o->add_maintainers, TRUE,
				     &missing, &error);
	if (st == DB_OK)
		st = set_maintainers(app, p->id, o->remove_maintainers, FALSE,
				     &missing, &error);
	if (st == DB_OK)
		st = db_commit(app->db, &error);
	if (st != DB_OK) {
		db_rollback(app->db);
		if (missing) {
			cmd_error("no user '%s'", missing);
			return EX_DATAERR;
		}
		if (st == DB_CONSTRAINT)
			cmd_error("a project with this linkname, name or "
				  "list id and subject match exists already");
		else
			cmd_error("cannot save project '%s': %s", p->linkname,
				  error->message);
		return st == DB_CONSTRAINT ? EX_DATAERR : cmd_db_exit(st);
	}
	return 0;
}

static int project_add(struct app *app, int argc, char **argv)
{
	struct project_opts o = {0};
	struct db_project p = {.use_tags = TRUE};
	int rc = EX_USAGE;

	if (parse_project_opts(&o, TRUE, &argc, &argv) && argc == 1 &&
	    apply_opts(&p, &o)) {
		rc = write_project(app, &p, TRUE, &o);
		if (rc == 0)
			printf("added project '%s' (id %" G_GINT64_FORMAT ")\n",
			       p.linkname, p.id);
	} else if (argc > 1) {
		cmd_error("unexpected argument '%s'", argv[1]);
	}
	opts_clear(&o);
	db_project_clear(&p);
	return rc;
}

static int project_edit(struct app *app, int argc, char **argv)
{
	struct project_opts o = {0};
	struct db_project p = {0};
	g_autoptr(GError) error = NULL;
	int rc = EX_USAGE;

	if (!parse_project_opts(&o, FALSE, &argc, &argv))
		goto out;
	if (argc != 2) {
		cmd_error("usage: darn project edit LINKNAME [OPTION...]");
		goto out;
	}
	enum db_status st =
		db_project_by_linkname(app->db, argv[1], &p, &error);
	if (st == DB_NOT_FOUND) {
		cmd_error("no project '%s'", argv[1]);
		rc = EX_DATAERR;
		goto out;
	}
	if (st != DB_OK) {
		cmd_error("%s", error->message);
		rc = cmd_db_exit(st);
		goto out;
	}
	if (apply_opts(&p, &o))
		rc = write_project(app, &p, FALSE, &o);
	if (rc == 0) {
		print_project(&p);
		rc = print_maintainers(app, p.id);
	}
out:
	opts_clear(&o);
	db_project_clear(&p);
	return rc;
}

static int project_show(struct app *app, int argc, char **argv)
{
	struct db_project p = {0};
	g_autoptr(GError) error = NULL;

	if (!cmd_parse_options("LINKNAME", "Show a project and its counts.",
			       NULL, &argc, &argv))
		return EX_USAGE;
	if (argc != 2) {
		cmd_error("usage: darn project show LINKNAME");
		return EX_USAGE;
	}
	enum db_status st =
		db_project_by_linkname(app->db, argv[1], &p, &error);
	if (st == DB_NOT_FOUND) {
		cmd_error("no project '%s'", argv[1]);
		return EX_DATAERR;
	}
	struct db_counts c = {0};
	if (st == DB_OK)
		st = db_counts(app->db, p.id, &c, &error);
	if (st != DB_OK) {
		cmd_error("%s", error->message);
		db_project_clear(&p);
		return cmd_db_exit(st);
	}
	print_project(&p);
	int rc = print_maintainers(app, p.id);
	printf("patches: %" G_GINT64_FORMAT "\ncover_letters: %" G_GINT64_FORMAT
	       "\npatch_comments: %" G_GINT64_FORMAT
	       "\ncover_comments: %" G_GINT64_FORMAT
	       "\nseries: %" G_GINT64_FORMAT "\n",
	       c.patches, c.covers, c.patch_comments, c.cover_comments,
	       c.series);
	db_project_clear(&p);
	return rc;
}

static int project_list(struct app *app, int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) list = NULL;

	if (!cmd_parse_options("", "List projects.", NULL, &argc, &argv))
		return EX_USAGE;
	enum db_status st = db_project_list(app->db, &list, &error);
	if (st != DB_OK) {
		cmd_error("%s", error->message);
		return cmd_db_exit(st);
	}
	for (guint i = 0; i < list->len; i++) {
		const struct db_project *p = list->pdata[i];
		printf("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", p->id, p->linkname,
		       p->listid, p->name);
	}
	return 0;
}

static int project_delegate(struct app *app, int argc, char **argv)
{
	char *path = NULL, *user = NULL;
	int priority = 0;
	const GOptionEntry entries[] = {
		{"path", 0, 0, G_OPTION_ARG_STRING, &path,
		 "fnmatch pattern of file paths", "PATTERN"},
		{"user", 0, 0, G_OPTION_ARG_STRING, &user,
		 "delegate's username", "USER"},
		{"priority", 0, 0, G_OPTION_ARG_INT, &priority,
		 "higher is tried first (default 0)", "N"},
		{NULL},
	};
	g_autoptr(GError) error = NULL;
	struct db_project p = {0};
	gint64 user_id = 0;
	int rc = EX_USAGE;

	if (!cmd_parse_options("LINKNAME --path P --user U [--priority N]",
			       "Add a delegation rule to a project.", entries,
			       &argc, &argv))
		goto out;
	if (argc != 2 || !path || !user || strlen(path) > 255) {
		cmd_error("usage: darn project delegate LINKNAME --path P "
			  "--user U [--priority N]");
		goto out;
	}
	enum db_status st = db_begin_write(app->db, &error);
	if (st == DB_OK)
		st = db_project_by_linkname(app->db, argv[1], &p, &error);
	if (st == DB_OK)
		st = db_user_by_username(app->db, user, &user_id, &error);
	if (st == DB_OK)
		st = db_delegation_rule_insert(app->db, p.id, user_id, path,
					       priority, &error);
	if (st == DB_OK)
		st = db_commit(app->db, &error);
	if (st != DB_OK) {
		db_rollback(app->db);
		if (st == DB_NOT_FOUND)
			cmd_error("no project '%s' or user '%s'", argv[1],
				  user);
		else if (st == DB_CONSTRAINT)
			cmd_error("project '%s' has a rule for '%s' already",
				  argv[1], path);
		else
			cmd_error("%s", error->message);
		rc = st == DB_NOT_FOUND || st == DB_CONSTRAINT
			     ? EX_DATAERR
			     : cmd_db_exit(st);
		goto out;
	}
	rc = 0;
out:
	g_free(path);
	g_free(user);
	db_project_clear(&p);
	return rc;
}

int cmd_project(struct app *app, int argc, char **argv)
{
	static const struct cmd_sub subs[] = {
		{"add", project_add},		{"list", project_list},
		{"show", project_show},		{"edit", project_edit},
		{"delegate", project_delegate},
	};
	return cmd_run_sub(app, "project", subs, G_N_ELEMENTS(subs), argc,
			   argv);
}
