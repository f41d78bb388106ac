/*
 * Shared between the files of core/ that make up ingest: the per-run state
 * and the steps each file implements. Not for use outside core/.
 */
#ifndef DARN_CORE_INGEST_PRIVATE_H
#define DARN_CORE_INGEST_PRIVATE_H

#include "core/ingest.h"

struct ingest {
	struct db *db;
	/* listid -> GPtrArray of struct db_project* (by linkname) */
	GHashTable *projects_by_listid;
	/* pattern text -> GRegex* (subject_match and tag patterns); a
	 * pattern that does not compile maps to NULL-valued entry */
	GHashTable *regexes;
	GPtrArray *tags; /* struct db_tag*, loaded on first use */
	/* The rest of the site's configuration ingest reads, also once a
	 * run (a round trip less per mail on PostgreSQL): the initial
	 * state's id (0: not read yet), and the delegation rules of each
	 * project (gint64* project id -> GPtrArray from
	 * db_delegation_rules). */
	gint64 initial_state;
	GHashTable *delegation_rules;
	/* The people author.c read or stored in the current write
	 * transaction (db_write_generation `people_generation`): lowercased
	 * email -> struct ingest_person. A sender's next mail in a batch
	 * needs no lookup. */
	GHashTable *people;
	guint64 people_generation;
};

/* A compiled pattern (Python re flags MULTILINE|IGNORECASE, optionally
 * DOTALL), cached for the run; NULL when it does not compile. */
GRegex *ingest_regex(struct ingest *in, const char *pattern);

/* An "error" outcome: Patchwork raised ValueError(detail). */
void ingest_reject(struct ingest_result *r, const char *detail);

/* author.c: get_or_create_author (ingest.md §7.2). DB_OK with *person_id
 * set, DB_OK with result->outcome == INGEST_REJECTED, or a db failure. */
enum db_status ingest_author(struct ingest *in, const struct mail_info *info,
			     const struct db_project *project,
			     gint64 *person_id, struct ingest_result *result,
			     GError **error);

/* A person as author.c last read or wrote it (struct ingest's people). */
struct ingest_person {
	gint64 id;
	char *name;
};
void ingest_person_free(gpointer person);

/* delegate.c: §14.2 then §14.1; *user_id 0 for none. */
enum db_status ingest_delegate(struct ingest *in, const struct mail_info *info,
			       const struct db_project *project,
			       gint64 *user_id, GError **error);

/* tags.c: adds the tag counts of `text` to the patch (§15). */
enum db_status ingest_tags_add(struct ingest *in,
			       const struct db_project *project,
			       gint64 patch_id, const char *text,
			       GError **error);

/* What the subject says once the project is known (§6). */
struct ingest_subject {
	char *name;	     /* clean_subject() name, untruncated */
	GPtrArray *prefixes; /* its prefixes */
	gboolean marked;     /* an x/n marker was found */
	gint64 x, n;	     /* the marker (0 when not marked) */
	gint64 version;
};

/* series.c: §16.3-16.5 for a stored patch named stored_name. */
enum db_status ingest_patch_series(struct ingest *in,
				   const struct mail_info *info,
				   const struct db_project *project,
				   gint64 patch_id, const char *stored_name,
				   const struct ingest_subject *subj,
				   gint64 author_id, gint64 date, gint64 now,
				   gint64 *series_id, GError **error);
/* series.c: §3.2 steps 4-5 (the cover's series, created when needed). */
enum db_status ingest_cover_series(struct ingest *in,
				   const struct db_project *project,
				   const char *msgid, gint64 version,
				   gint64 total, gint64 author_id, gint64 date,
				   gint64 now, gint64 *series_id,
				   GError **error);
/* series.c: §16.6 add_cover_letter. */
enum db_status ingest_series_add_cover(struct ingest *in, gint64 series_id,
				       gint64 cover_id, const char *cover_name,
				       GError **error);

/* depends.c: §16.7, the Depends-on: lines of `message`. */
enum db_status ingest_dependencies(struct ingest *in,
				   const struct db_project *project,
				   gint64 series_id, const char *message,
				   GError **error);

/* Inserts an event with only the given references set. */
enum db_status ingest_event(struct ingest *in, const char *category,
			    gint64 project_id, gint64 now, gint64 patch_id,
			    gint64 series_id, gint64 cover_id, GError **error);

#endif
