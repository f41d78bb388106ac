/*
 * Series dependencies from "Depends-on:" lines in a cover letter or patch
 * (ingest.md §16.7): a web URL of a series (patch list filtered by
 * series) or of a patch, or a message id.
 */
#include "core/ingest-private.h"

#include <stdlib.h>

/* Parses the URL's path the way Django's resolve() would for
 * /project/<linkname>/list/ (with ?series=N) and
 * /project/<linkname>/patch/<msgid>/; adds the series found. */
static enum db_status series_of_url(struct ingest *in, const char *url,
				    GArray *found, GError **error)
{
	g_autoptr(GUri) uri = g_uri_parse(url, G_URI_FLAGS_ENCODED, NULL);
	if (!uri)
		return DB_OK;
	const char *path = g_uri_get_path(uri);
	g_auto(GStrv) seg = g_strsplit(path, "/", -1);
	guint n = g_strv_length(seg);
	gint64 series = 0;
	enum db_status st;

	/* "", "project", <p>, "list"|"patch", [msgid], "" */
	if (n == 5 && !*seg[0] && strcmp(seg[1], "project") == 0 && *seg[2] &&
	    strcmp(seg[3], "list") == 0 && !*seg[4]) {
		const char *query = g_uri_get_query(uri);
		if (!query)
			return DB_OK;
		g_autoptr(GHashTable) params = g_uri_parse_params(
			query, -1, "&", G_URI_PARAMS_NONE, NULL);
		const char *v =
			params ? g_hash_table_lookup(params, "series") : NULL;
		char *end;
		if (!v || !*v)
			return DB_OK;
		gint64 id = g_ascii_strtoll(v, &end, 10);
		if (*end || id <= 0)
			return DB_OK;
		struct db_series s = {0};
		st = db_series_get(in->db, id, &s, error);
		db_series_clear(&s);
		if (st == DB_NOT_FOUND)
			return DB_OK;
		if (st != DB_OK)
			return st;
		series = id;
	} else if (n == 6 && !*seg[0] && strcmp(seg[1], "project") == 0 &&
		   *seg[2] && strcmp(seg[3], "patch") == 0 && *seg[4] &&
		   !*seg[5]) {
		g_autofree char *raw = g_uri_unescape_string(seg[4], NULL);
		if (!raw)
			return DB_OK;
		g_autofree char *msgid = g_strdup_printf("<%s>", raw);
		st = db_series_of_patch_msgid(in->db, msgid, &series, error);
		if (st == DB_NOT_FOUND)
			return DB_OK;
		if (st != DB_OK)
			return st;
	} else {
		return DB_OK;
	}
	g_array_append_val(found, series);
	return DB_OK;
}

static enum db_status series_of_msgid(struct ingest *in, const char *msgid,
				      GArray *found, GError **error)
{
	gint64 series = 0;
	enum db_status st =
		db_series_of_patch_msgid(in->db, msgid, &series, error);
	if (st == DB_NOT_FOUND)
		st = db_series_of_cover_msgid(in->db, msgid, &series, error);
	if (st == DB_NOT_FOUND)
		return DB_OK;
	if (st == DB_OK)
		g_array_append_val(found, series);
	return st;
}

static GRegex *depends_regex(struct ingest *in, gboolean url)
{
	return ingest_regex(
		in, url ? "^Depends-on: "
			  "(http[s]?:\\/\\/[\\w\\d\\-.\\/=&@:%?_\\+()]+)\\s*$"
			: "^Depends-on: (<[^>]+>)\\s*$");
}

enum db_status ingest_dependencies(struct ingest *in,
				   const struct db_project *project,
				   gint64 series_id, const char *message,
				   GError **error)
{
	g_autoptr(GArray) found = g_array_new(FALSE, FALSE, sizeof(gint64));
	enum db_status st = DB_OK;

	/* Cheap test first: almost no mail has the trailer. */
	if (!message || !strcasestr(message, "depends-on:"))
		return DB_OK;

	/* URL-derived series first, then msgid-derived ones. */
	for (int pass = 0; pass < 2 && st == DB_OK; pass++) {
		GRegex *re = depends_regex(in, pass == 0);
		g_autoptr(GMatchInfo) m = NULL;
		if (!re)
			continue;
		g_regex_match(re, message, 0, &m);
		while (st == DB_OK && g_match_info_matches(m)) {
			g_autofree char *v = g_match_info_fetch(m, 1);
			st = pass == 0 ? series_of_url(in, v, found, error)
				       : series_of_msgid(in, v, found, error);
			g_match_info_next(m, NULL);
		}
	}
	if (st != DB_OK)
		return st;

	for (guint i = 0; i < found->len; i++) {
		gint64 dep = g_array_index(found, gint64, i);
		struct db_series s = {0};
		if (dep == series_id)
			continue;
		st = db_series_get(in->db, dep, &s, error);
		gint64 dep_project = s.project_id;
		db_series_clear(&s);
		if (st != DB_OK)
			return st;
		/* Series of other projects are not dependencies. */
		if (dep_project != project->id)
			continue;
		st = db_series_dependency_add(in->db, series_id, dep, error);
		if (st != DB_OK)
			return st;
	}
	return DB_OK;
}
