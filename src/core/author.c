/*
 * The submitter of a mail: get_or_create_author() of ingest.md §7.2, with
 * the DMARC "original sender" recovery of §7.3 (mail/address.c).
 */
#include "core/ingest-private.h"
#include "mail/address.h"
#include "mail/pystr.h"

/* a.lower() == b.lower() in Python's terms. */
static gboolean py_lower_equal(const char *a, const char *b)
{
	g_autofree char *la = py_lower(a);
	g_autofree char *lb = py_lower(b);
	return strcmp(la, lb) == 0;
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
	address_split_trimmed(info->from, &name, &email);
	if (!email || !*email) {
		ingest_reject(result, "Invalid 'From' header");
		return DB_OK;
	}
	/* DMARC: lists rewrite From to their own address; §7.3 recovers
	 * the sender from X-Original-From or a matching Reply-To/Cc. */
	if (project && py_lower_equal(email, project->listemail)) {
		char *orig_name = NULL, *orig_email = NULL;
		if (!address_original_sender(name, email, info->original_from,
					     info->reply_to_cc, &orig_name,
					     &orig_email)) {
			ingest_reject(result, "Invalid 'From' header");
			return DB_OK;
		}
		g_free(name);
		g_free(email);
		name = orig_name;
		email = orig_email;
	}
	if (!email) {
		ingest_reject(result, "Invalid 'From' header");
		return DB_OK;
	}

	/* What the last mails of this transaction read or wrote of the
	 * sender, else the database's. The key folds as the store's
	 * email_key does (ASCII). */
	guint64 generation = db_write_generation(in->db);
	if (in->people_generation != generation) {
		g_hash_table_remove_all(in->people);
		in->people_generation = generation;
	}
	g_autofree char *key = g_ascii_strdown(email, -1);
	struct ingest_person *known = g_hash_table_lookup(in->people, key);
	if (!known) {
		g_autofree char *stored_name = NULL;
		st = db_person_by_email(in->db, email, person_id, &stored_name,
					error);
		if (st == DB_NOT_FOUND) {
			st = db_person_insert(in->db, email, name, person_id,
					      error);
			stored_name = g_steal_pointer(&name); /* as stored */
		}
		if (st != DB_OK)
			return st;
		known = g_new0(struct ingest_person, 1);
		known->id = *person_id;
		known->name = g_steal_pointer(&stored_name);
		g_hash_table_insert(in->people, g_steal_pointer(&key), known);
	}
	*person_id = known->id;
	/* "Latest name wins": a non-empty new name replaces the stored one. */
	if (name && *name && g_strcmp0(name, known->name) != 0) {
		g_free(known->name);
		known->name = g_strdup(name);
		return db_person_set_name(in->db, known->id, name, error);
	}
	return DB_OK;
}

void ingest_person_free(gpointer data)
{
	struct ingest_person *person = data;
	g_free(person->name);
	g_free(person);
}
