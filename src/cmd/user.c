/*
 * darn user add|edit|password|token|list: accounts. Users are delegates
 * of patches and maintainers of projects, and log in to the REST API
 * with their password (HTTP Basic) or their API token.
 */
#include <termios.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/password.h"
#include "util/random.h"

#define MAX_USERNAME 150 /* Django's User model */
#define MAX_NAME 150
#define MAX_EMAIL 254
#define MAX_PASSWORD 4096

/* Django's username rule: letters, digits and @ . + - _. */
static gboolean valid_username(const char *s)
{
	if (!*s || strlen(s) > MAX_USERNAME || !g_utf8_validate(s, -1, NULL))
		return FALSE;
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (!g_unichar_isalnum(c) && !strchr("@.+-_", (int)c))
			return FALSE;
	}
	return TRUE;
}

/* Reads one line from stdin; with a terminal, prompts without echo. */
static char *read_line(const char *prompt)
{
	struct termios saved, quiet;
	gboolean tty =
		isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
	char buf[MAX_PASSWORD + 2];

	if (tty) {
		fputs(prompt, stderr);
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	char *line = fgets(buf, sizeof(buf), stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
		fputc('\n', stderr);
	}
	if (!line)
		return g_strdup("");
	gsize len = strlen(line);
	if (len && line[len - 1] == '\n')
		line[--len] = '\0';
	if (len && line[len - 1] == '\r')
		line[--len] = '\0';
	return g_strdup(line);
}

/* The new password from stdin, hashed; NULL (reported) when it is empty,
 * longer than 4096 bytes or not UTF-8. */
static char *read_password_hash(void)
{
	g_autofree char *password = read_line("new password: ");
	if (!*password) {
		cmd_error("the password is empty");
		return NULL;
	}
	if (strlen(password) > MAX_PASSWORD ||
	    !g_utf8_validate(password, -1, NULL)) {
		cmd_error("the password is not UTF-8 text of at most %d bytes",
			  MAX_PASSWORD);
		return NULL;
	}
	return password_hash(password);
}

/* Commits, or rolls back and reports why; the exit code. */
static int finish(struct app *app, enum db_status st, GError **error,
		  const char *username)
{
	if (st == DB_OK)
		st = db_commit(app->db, error);
	if (st == DB_OK)
		return 0;
	db_rollback(app->db);
	if (st == DB_NOT_FOUND)
		cmd_error("no user '%s'", username);
	else if (st == DB_CONSTRAINT)
		cmd_error("user '%s' exists already", username);
	else
		cmd_error("%s", (*error)->message);
	return st == DB_NOT_FOUND || st == DB_CONSTRAINT ? EX_DATAERR
							 : cmd_db_exit(st);
}

static gboolean check_lengths(const char *email, const char *first,
			      const char *last)
{
	if ((email && strlen(email) > MAX_EMAIL) ||
	    (first && strlen(first) > MAX_NAME) ||
	    (last && strlen(last) > MAX_NAME)) {
		cmd_error("email is at most %d bytes, names at most %d",
			  MAX_EMAIL, MAX_NAME);
		return FALSE;
	}
	return TRUE;
}

/* Parses the options of a subcommand that takes one USERNAME; usage is
 * what follows it. FALSE (reported) on a bad command line. */
static gboolean parse_user_command(const char *usage, const char *summary,
				   const GOptionEntry *entries, int *argc,
				   char ***argv)
{
	g_autofree char *line = g_strconcat("USERNAME", usage, NULL);
	if (!cmd_parse_options(line, summary, entries, argc, argv))
		return FALSE;
	if (*argc != 2) {
		cmd_error("usage: darn user %s %s", (*argv)[0], line);
		return FALSE;
	}
	return TRUE;
}

/* Takes the write lock and reads the user named `username`. */
static enum db_status begin_with_user(struct app *app, const char *username,
				      struct db_user **u, GError **error)
{
	enum db_status st = db_begin_write(app->db, error);
	return st == DB_OK
		       ? db_user_get_by_username(app->db, username, u, error)
		       : st;
}

static int user_add(struct app *app, int argc, char **argv)
{
	g_autofree char *email = NULL, *first = NULL, *last = NULL;
	gboolean password_stdin = FALSE;
	const GOptionEntry entries[] = {
		{"email", 0, 0, G_OPTION_ARG_STRING, &email, "the user's email",
		 "EMAIL"},
		{"first-name", 0, 0, G_OPTION_ARG_STRING, &first, "first name",
		 "NAME"},
		{"last-name", 0, 0, G_OPTION_ARG_STRING, &last, "last name",
		 "NAME"},
		{"password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
		 "read the password from stdin (first line)", NULL},
		{NULL},
	};
	g_autoptr(GError) error = NULL;
	g_autofree char *encoded = NULL;
	gint64 id = 0, linked = 0;

	if (!cmd_parse_options("USERNAME --email EMAIL [OPTION...]",
			       "Add a user, linked to the person who sends "
			       "mail from the same address.",
			       entries, &argc, &argv))
		return EX_USAGE;
	if (argc != 2 || !email) {
		cmd_error("usage: darn user add USERNAME --email EMAIL "
			  "[--first-name F] [--last-name L] "
			  "[--password-stdin]");
		return EX_USAGE;
	}
	if (!valid_username(argv[1])) {
		cmd_error("invalid username '%s': letters, digits and @.+-_ "
			  "only, at most %d",
			  argv[1], MAX_USERNAME);
		return EX_DATAERR;
	}
	if (!check_lengths(email, first, last))
		return EX_DATAERR;
	/* Hashing takes a tenth of a second: not inside the transaction. */
	if (password_stdin && !(encoded = read_password_hash()))
		return EX_DATAERR;

	enum db_status st = db_begin_write(app->db, &error);
	if (st == DB_OK)
		st = db_user_insert(app->db, argv[1], email, &id, &error);
	if (st == DB_OK && (first || last)) {
		struct db_user u = {.id = id,
				    .email = email,
				    .first_name = first ? first : (char *)"",
				    .last_name = last ? last : (char *)"",
				    .is_active = TRUE};
		st = db_user_update(app->db, &u, &error);
	}
	if (st == DB_OK && encoded)
		st = db_user_set_password(app->db, id, encoded, &error);
	/* Patchwork links the person with the address a user confirms;
	 * an administrator's user has the address confirmed. */
	if (st == DB_OK)
		st = db_person_link_user(app->db, email, id, &linked, &error);
	int rc = finish(app, st, &error, argv[1]);
	if (rc)
		return rc;
	printf("added user '%s' (id %" G_GINT64_FORMAT ")\n", argv[1], id);
	if (linked)
		printf("linked to the person with email '%s'\n", email);
	return 0;
}

static int user_edit(struct app *app, int argc, char **argv)
{
	g_autofree char *email = NULL, *first = NULL, *last = NULL;
	g_autofree char *active = NULL;
	const GOptionEntry entries[] = {
		{"email", 0, 0, G_OPTION_ARG_STRING, &email, "the user's email",
		 "EMAIL"},
		{"first-name", 0, 0, G_OPTION_ARG_STRING, &first, "first name",
		 "NAME"},
		{"last-name", 0, 0, G_OPTION_ARG_STRING, &last, "last name",
		 "NAME"},
		{"active", 0, 0, G_OPTION_ARG_STRING, &active,
		 "yes or no: an inactive user cannot log in", "YES|NO"},
		{NULL},
	};
	g_autoptr(GError) error = NULL;
	g_autoptr(db_user) u = NULL;
	gboolean is_active = TRUE;

	if (!parse_user_command(" [--email E] [--first-name F] [--last-name "
				"L] [--active yes|no]",
				"Change a user's fields.", entries, &argc,
				&argv))
		return EX_USAGE;
	if (active && !cmd_parse_bool(active, &is_active)) {
		cmd_error("--active takes yes or no, not '%s'", active);
		return EX_USAGE;
	}
	if (!check_lengths(email, first, last))
		return EX_DATAERR;
	enum db_status st = begin_with_user(app, argv[1], &u, &error);
	if (st == DB_OK) {
		/* Swap in what was given; the struct frees what it holds. */
		char **fields[] = {&u->email, &u->first_name, &u->last_name};
		char **given[] = {&email, &first, &last};
		for (gsize i = 0; i < G_N_ELEMENTS(fields); i++)
			if (*given[i]) {
				g_free(*fields[i]);
				*fields[i] = g_steal_pointer(given[i]);
			}
		if (active)
			u->is_active = is_active;
		st = db_user_update(app->db, u, &error);
	}
	return finish(app, st, &error, argv[1]);
}

static int user_password(struct app *app, int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(db_user) u = NULL;
	g_autofree char *encoded = NULL;

	if (!parse_user_command(" < PASSWORD",
				"Set a user's password, read from stdin (the "
				"first line).",
				NULL, &argc, &argv))
		return EX_USAGE;
	if (!(encoded = read_password_hash()))
		return EX_DATAERR;
	enum db_status st = begin_with_user(app, argv[1], &u, &error);
	if (st == DB_OK)
		st = db_user_set_password(app->db, u->id, encoded, &error);
	return finish(app, st, &error, argv[1]);
}

static int user_token(struct app *app, int argc, char **argv)
{
	gboolean regenerate = FALSE;
	const GOptionEntry entries[] = {
		{"regenerate", 0, 0, G_OPTION_ARG_NONE, &regenerate,
		 "replace the token with a new one", NULL},
		{NULL},
	};
	g_autoptr(GError) error = NULL;
	g_autoptr(db_user) u = NULL;
	g_autofree char *key = NULL;

	if (!parse_user_command(" [--regenerate]",
				"Print a user's REST API token, creating it "
				"if needed.",
				entries, &argc, &argv))
		return EX_USAGE;
	enum db_status st = begin_with_user(app, argv[1], &u, &error);
	if (st == DB_OK && !regenerate)
		st = db_token_get(app->db, u->id, &key, &error);
	if ((st == DB_OK && !key) || (st == DB_NOT_FOUND && u)) {
		key = random_token_new();
		st = db_token_set(app->db, u->id, key, &error);
	}
	int rc = finish(app, st, &error, argv[1]);
	if (rc == 0)
		printf("%s\n", key);
	return rc;
}

static int user_list(struct app *app, int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) users = NULL;

	if (!cmd_parse_options("",
			       "List users: id, username, email, name, "
			       "active.",
			       NULL, &argc, &argv))
		return EX_USAGE;
	enum db_status st = db_user_list_all(app->db, &users, &error);
	if (st != DB_OK) {
		cmd_error("%s", error->message);
		return cmd_db_exit(st);
	}
	for (guint i = 0; i < users->len; i++) {
		const struct db_user *u = users->pdata[i];
		g_autofree char *name = g_strstrip(
			g_strdup_printf("%s %s", u->first_name, u->last_name));
		printf("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n", u->id,
		       u->username, u->email, name,
		       u->is_active ? "yes" : "no");
	}
	return 0;
}

int cmd_user(struct app *app, int argc, char **argv)
{
	static const struct cmd_sub subs[] = {
		{"add", user_add},	     {"edit", user_edit},
		{"password", user_password}, {"token", user_token},
		{"list", user_list},
	};
	return cmd_run_sub(app, "user", subs, G_N_ELEMENTS(subs), argc, argv);
}
