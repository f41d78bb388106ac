/*
 * darn user add: accounts that patches can be delegated to (and, later,
 * that log in). Passwords and tokens come with the web and API issues.
 */
#include "cmd/cmd.h"

static int user_add(struct app *app, int argc, char **argv)
{
	char *email = NULL;
	const GOptionEntry entries[] = {
		{"email", 0, 0, G_OPTION_ARG_STRING, &email, "the user's email",
		 "EMAIL"},
		{NULL},
	};
	g_autoptr(GError) error = NULL;
	gint64 id = 0;
	int rc = EX_USAGE;

	if (!cmd_parse_options("USERNAME --email EMAIL", "Add a user.", entries,
			       &argc, &argv))
		goto out;
	if (argc != 2 || !email || strlen(argv[1]) > 150 ||
	    strlen(email) > 254) {
		cmd_error("usage: darn user add USERNAME --email EMAIL");
		goto out;
	}
	enum db_status st = db_begin_write(app->db, &error);
	if (st == DB_OK)
		st = db_user_insert(app->db, argv[1], email, &id, &error);
	if (st == DB_OK)
		st = db_commit(app->db, &error);
	if (st != DB_OK) {
		db_rollback(app->db);
		if (st == DB_CONSTRAINT)
			cmd_error("user '%s' exists already", argv[1]);
		else
			cmd_error("%s", error->message);
		rc = st == DB_CONSTRAINT ? EX_DATAERR : cmd_db_exit(st);
		goto out;
	}
	printf("added user '%s' (id %" G_GINT64_FORMAT ")\n", argv[1], id);
	rc = 0;
out:
	g_free(email);
	return rc;
}

int cmd_user(struct app *app, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "add"))
		return user_add(app, argc - 1, argv + 1);
	if (argc >= 2 &&
	    (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		puts("usage: darn user add USERNAME --email EMAIL");
		return 0;
	}
	cmd_error("usage: darn user add USERNAME --email EMAIL");
	return EX_USAGE;
}
