/*
 * Outgoing mail through a sendmail-compatible command (see sendmail.h).
 */
#include "mail/sendmail.h"

#include "util/random.h"

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Errors of this file: one domain, one code. */
#define SENDMAIL_ERROR g_quark_from_static_string("darn-sendmail")

static gboolean one_line(const char *what, const char *v, GError **error)
{
	for (const char *p = v; *p; p++) {
		if (*p == '\r' || *p == '\n' || (unsigned char)*p < 0x20) {
			g_set_error(error, SENDMAIL_ERROR, 1,
				    "mail %s holds a control character", what);
			return FALSE;
		}
	}
	if (strlen(v) > 900) {
		g_set_error(error, SENDMAIL_ERROR, 1, "mail %s is too long",
			    what);
		return FALSE;
	}
	return TRUE;
}

/* RFC 2047 for a Subject that is not ASCII (base64, one word). */
static void append_subject(GString *out, const char *subject)
{
	for (const char *p = subject; *p; p++) {
		if ((unsigned char)*p >= 0x80) {
			g_autofree char *b64 = g_base64_encode(
				(const guchar *)subject, strlen(subject));
			g_string_append_printf(out, "=?utf-8?b?%s?=", b64);
			return;
		}
	}
	g_string_append(out, subject);
}

char *sendmail_default_from(const char *base_url)
{
	const char *host = base_url ? base_url : "";
	const char *p = strstr(host, "://");
	host = p ? p + 3 : host;
	g_autofree char *name = g_strndup(host, strcspn(host, ":/"));
	return g_strdup_printf("Patchwork <darn@%s>",
			       *name ? name : "localhost");
}

/* A "Name: value" field: a name of printable ASCII up to ':', then one
 * line. */
static gboolean header_field(const char *field, GError **error)
{
	const char *colon = strchr(field, ':');
	gboolean named = colon && colon != field;
	for (const char *p = field; named && p < colon; p++)
		named = *p > 0x20 && *p < 0x7f;
	if (!named) {
		g_set_error(error, SENDMAIL_ERROR, 1,
			    "mail header '%s' has no name", field);
		return FALSE;
	}
	return one_line("header", field, error);
}

char *sendmail_message(const struct outgoing_mail *m, GError **error)
{
	if (!one_line("From", m->from, error) ||
	    !one_line("To", m->to, error) ||
	    !one_line("Subject", m->subject, error))
		return NULL;
	for (const char *const *h = m->headers; h && *h; h++)
		if (!header_field(*h, error))
			return NULL;
	g_autoptr(GString) s = g_string_new(NULL);
	g_autoptr(GDateTime) now = g_date_time_new_now_utc();
	g_autofree char *date =
		g_date_time_format(now, "%a, %d %b %Y %H:%M:%S +0000");
	g_autofree char *id = random_token_new();
	const char *at = strrchr(m->from, '@');
	g_autofree char *domain =
		g_strndup(at ? at + 1 : "localhost",
			  at ? strcspn(at + 1, ">") : strlen("localhost"));

	g_string_append_printf(s, "From: %s\nTo: %s\nSubject: ", m->from,
			       m->to);
	append_subject(s, m->subject);
	g_string_append_printf(s,
			       "\nDate: %s\nMessage-ID: <%s@%s>\n"
			       "MIME-Version: 1.0\n"
			       "Content-Type: text/plain; charset=utf-8\n"
			       "Content-Transfer-Encoding: 8bit\n",
			       date, id, domain);
	for (const char *const *h = m->headers; h && *h; h++)
		g_string_append_printf(s, "%s\n", *h);
	g_string_append_c(s, '\n');
	for (const char *p = m->body; *p; p++)
		if (*p != '\r')
			g_string_append_c(s, *p);
	if (s->len && s->str[s->len - 1] != '\n')
		g_string_append_c(s, '\n');
	if (s->len > SENDMAIL_MAX_BYTES) {
		g_set_error(error, SENDMAIL_ERROR, 1,
			    "mail larger than %d bytes", SENDMAIL_MAX_BYTES);
		return NULL;
	}
	return g_string_free(g_steal_pointer(&s), FALSE);
}

/* Writes all of data to fd; a socket, so a reader that went away gives
 * EPIPE and no SIGPIPE (MSG_NOSIGNAL), which would stop the server. */
static gboolean send_all(int fd, const char *data, gsize len)
{
	while (len) {
		ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return FALSE;
		data += n;
		len -= (gsize)n;
	}
	return TRUE;
}

/* Waits for the child up to the timeout, then kills it. */
static int wait_child(pid_t pid, gboolean *timed_out)
{
	int status = 0;
	gint64 end =
		g_get_monotonic_time() + SENDMAIL_TIMEOUT_S * G_USEC_PER_SEC;
	*timed_out = FALSE;
	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid || (r < 0 && errno != EINTR))
			return status;
		if (g_get_monotonic_time() > end) {
			*timed_out = TRUE;
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return status;
		}
		g_usleep(5000);
	}
}

gboolean sendmail_send(const char *command, const struct outgoing_mail *m,
		       GError **error)
{
	g_autofree char *msg = sendmail_message(m, error);
	g_auto(GStrv) argv = NULL;
	if (!msg || !g_shell_parse_argv(command, NULL, &argv, error))
		return FALSE;

	int fds[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
		g_set_error(error, SENDMAIL_ERROR, 1, "socketpair: %s",
			    g_strerror(errno));
		return FALSE;
	}
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, fds[1], STDIN_FILENO);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &actions, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		g_set_error(error, SENDMAIL_ERROR, 1, "cannot run %s: %s",
			    argv[0], g_strerror(rc));
		return FALSE;
	}
	gboolean sent = send_all(fds[0], msg, strlen(msg));
	close(fds[0]);
	gboolean timed_out;
	int status = wait_child(pid, &timed_out);
	if (timed_out || !sent || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		g_set_error(error, SENDMAIL_ERROR, 1, "%s %s", argv[0],
			    timed_out ? "took too long and was stopped"
			    : !sent   ? "did not read the mail"
				      : "failed");
		return FALSE;
	}
	return TRUE;
}
