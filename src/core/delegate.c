/*
 * Who a new patch is delegated to: the X-Patchwork-Delegate header, else
 * the project's delegation rules matched against the files the diff
 * touches (ingest.md §14.1-14.2).
 */
#include <fnmatch.h>

#include "core/ingest-private.h"

/* §14.1: every file must resolve to the same user through the first rule
 * (priority descending, path ascending) whose pattern matches it. */
static gint64 delegate_by_filenames(GPtrArray *rules, GPtrArray *filenames)
{
	gint64 common = 0;

	if (filenames->len == 0)
		return 0;
	for (guint i = 0; i < filenames->len; i++) {
		const char *file = filenames->pdata[i];
		gint64 user = 0;
		for (guint r = 0; r < rules->len; r++) {
			const struct db_delegation_rule *rule = rules->pdata[r];
			/* Python's fnmatch: '*' crosses '/', no special
			 * leading '.', case-sensitive on POSIX. */
			if (fnmatch(rule->path, file, 0) == 0) {
				user = rule->user_id;
				break;
			}
		}
		if (!user)
			return 0;
		if (common && user != common)
			return 0;
		common = user;
	}
	return common;
}

enum db_status ingest_delegate(struct ingest *in, const struct mail_info *info,
			       const struct db_project *project,
			       gint64 *user_id, GError **error)
{
	enum db_status st;

	*user_id = 0;
	if (info->delegate_email && *info->delegate_email) {
		st = db_user_by_email(in->db, info->delegate_email, user_id,
				      error);
		if (st == DB_OK)
			return DB_OK;
		if (st != DB_NOT_FOUND)
			return st;
		*user_id = 0;
	}
	if (!info->body.diff || !*info->body.diff)
		return DB_OK;

	GPtrArray *rules =
		g_hash_table_lookup(in->delegation_rules, &project->id);
	if (!rules) {
		st = db_delegation_rules(in->db, project->id, &rules, error);
		if (st != DB_OK)
			return st;
		g_hash_table_insert(in->delegation_rules,
				    g_memdup2(&project->id, sizeof(gint64)),
				    rules);
	}
	if (rules->len)
		*user_id = delegate_by_filenames(rules, info->filenames);
	return DB_OK;
}
