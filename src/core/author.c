/*
 * The submitter of a mail: get_or_create_author() and the DMARC
 * "original sender" recovery of ingest.md §7.2-7.3.
 */
#include "core/ingest-private.h"
#include "mail/address.h"
#include "mail/pystr.h"

/* split_from_header + strip + [:255] on both parts. */
static void split_clean(const char *text, char **name, char **email)
{
	g_autofree char *n = NULL, *e = NULL;
	address_split(text, &n, &e);
	*name = NULL;
	*email = NULL;
	if (n) {
		g_autofree char *s = py_strip(n);
		*name = py_truncate(s, 255);
	}
	if (e) {
		g_autofree char *s = py_strip(e);
		*email = py_truncate(s, 255);
	}
}

/* name[:name.rfind(sep)].strip().strip("'") */
static char *before_last(const char *name, const char *sep)
{
	const char *hit = g_strrstr(name, sep);
	g_autofree char *head = g_strndup(name, hit - name);
	g_autofree char *s = py_strip(head);
	gsize len = strlen(s);
	const char *start = s;
	while (*start == '\'')
		start++, len--;
	while (len > 0 && start[len - 1] == '\'')
		len--;
	return g_strndup(start, len);
}

/*
 * §7.3. Mailing lists rewrite From to the list's address for DMARC; the
 * original sender is in X-Original-From (Google Groups) or is the
 * Reply-To/Cc entry whose name matches (Mailman). Returns FALSE when
 * Patchwork fails on the mail (it raises on a nameless list From).
 */
static gboolean original_sender(const struct mail_info *info, char **name,
				char **email)
{
	g_autofree char *stripped = NULL;

	if (*name && strstr(*name, " via "))
		stripped = before_last(*name, " via ");
	else if (!*name)
		return FALSE; /* quirk: name.endswith() on None raises */
	else if (g_str_has_suffix(*name, " via"))
		stripped = before_last(*name, " via");

	if (info->original_from && *info->original_from) {
		g_autofree char *n = NULL, *e = NULL;
		split_clean(info->original_from, &n, &e);
		if (!e)
			return FALSE; /* quirk: .strip() on None raises */
		g_free(*name);
		g_free(*email);
		*name = g_steal_pointer(&stripped);
		*email = g_steal_pointer(&e);
		return TRUE;
	}

	for (guint i = 0; i < info->reply_to_cc->len; i++) {
		g_auto(GStrv) addrs =
			g_strsplit(info->reply_to_cc->pdata[i], ",", -1);
		for (char **a = addrs; *a; a++) {
			g_autofree char *n = NULL, *e = NULL;
			split_clean(*a, &n, &e);
			/* None == None matches too (quirk): a nameless
			 * entry answers a From name without " via ". */
			if (g_strcmp0(n, stripped) == 0) {
				g_free(*name);
				g_free(*email);
				*name = g_steal_pointer(&stripped);
				*email = g_steal_pointer(&e);
				return TRUE;
			}
		}
	}
	return TRUE;
}

enum db_status ingest_author(struct ingest *in, const struct mail_info *info,
			     const struct db_project *project,
			     gint64 *person_id, struct ingest_result *result,
			     GError **error)
{
	g_autofree char *name = NULL, *email = NULL;
	enum db_status st;

	if (!info->from || !*info->from) {
		ingest_reject(result, "Invalid 'From' header");
		return DB_OK;
	}
	split_clean(info->from, &name, &email);
	if (!email || !*email) {
		ingest_reject(result, "Invalid 'From' header");
		return DB_OK;
	}
	if (project && g_ascii_strcasecmp(email, project->listemail) == 0 &&
	    !original_sender(info, &name, &email)) {
		ingest_reject(result, "Invalid 'From' header");
		return DB_OK;
	}
	if (!email) {
		ingest_reject(result, "Invalid 'From' header");
		return DB_OK;
	}

	g_autofree char *stored_name = NULL;
	st = db_person_by_email(in->db, email, person_id, &stored_name, error);
	if (st == DB_NOT_FOUND)
		return db_person_insert(in->db, email, name, person_id, error);
	if (st != DB_OK)
		return st;
	/* "Latest name wins": a non-empty new name replaces the stored one. */
	if (name && *name && g_strcmp0(name, stored_name) != 0)
		return db_person_set_name(in->db, *person_id, name, error);
	return DB_OK;
}
