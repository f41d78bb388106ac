/*
 * Tag counting (Acked-by, Reviewed-by, Tested-by, ...; ingest.md §15).
 *
 * Patchwork recounts a patch's tags over its content and all its comments
 * on every save. Ingest only ever adds text (the patch, then comments one
 * by one), so adding each new text's counts gives the same totals without
 * re-reading every comment of a long thread.
 */
#include "core/ingest-private.h"

/* Non-overlapping matches of re in text (Python's len(re.findall())). */
static gint64 count_matches(GRegex *re, const char *text)
{
	g_autoptr(GMatchInfo) m = NULL;
	gint64 n = 0;

	if (!g_regex_match(re, text, 0, &m))
		return 0;
	do {
		n++;
	} while (g_match_info_next(m, NULL));
	return n;
}

enum db_status ingest_tags_add(struct ingest *in,
			       const struct db_project *project,
			       gint64 patch_id, const char *text,
			       GError **error)
{
	enum db_status st;

	/* A project without tags counts nothing and leaves rows alone. */
	if (!project->use_tags || !text || !*text)
		return DB_OK;
	if (!in->tags) {
		st = db_tag_list(in->db, &in->tags, error);
		if (st != DB_OK)
			return st;
	}
	for (guint i = 0; i < in->tags->len; i++) {
		const struct db_tag *tag = in->tags->pdata[i];
		GRegex *re = ingest_regex(in, tag->pattern);
		if (!re)
			continue;
		gint64 n = count_matches(re, text);
		if (n == 0)
			continue;
		st = db_patch_tag_add(in->db, patch_id, tag->id, n, error);
		if (st != DB_OK)
			return st;
	}
	return DB_OK;
}
