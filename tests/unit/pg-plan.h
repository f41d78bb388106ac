/*
 * Reading PostgreSQL's plans (db_plan_text: EXPLAIN (COSTS OFF), text
 * format, each index followed by its key columns) for the plan tests:
 * which nodes read a table from end to end, and which sort. A node's
 * line is the first line or one beginning with "->"; the lines after it
 * up to the next node are its details ("Index Cond: ...", "Filter:
 * ...").
 *
 *   Seq Scan on patch p                     every row of the table
 *   Index [Only] Scan [Backward] using x (keys) on patch p
 *   Bitmap Index Scan on x (keys)           with an Index Cond on the
 *                                           first key: a search; without
 *                                           (none, or only on later keys,
 *                                           which PostgreSQL 15 tests on
 *                                           every entry): a walk of the
 *                                           whole index
 *   Bitmap Heap Scan on patch p             the rows its Bitmap Index
 *                                           Scans found: every row when
 *                                           it has no Recheck Cond
 *                                           (enable_seqscan off leaves
 *                                           this for a table no index
 *                                           can search) or one of them
 *                                           walks a whole index
 *   Sort                                    sorts every row below it
 *   Incremental Sort                        sorts the groups of equal
 *                                           leading keys an index gives
 */
#ifndef DARN_TESTS_PG_PLAN_H
#define DARN_TESTS_PG_PLAN_H

#include <glib.h>
#include <string.h>

/* The node a line of the plan names (without the "->  " and indent),
 * or NULL when the line is a detail. */
static inline const char *pg_plan_node(char **lines, char **line)
{
	const char *s = *line;
	while (*s == ' ')
		s++;
	if (g_str_has_prefix(s, "->"))
		return s + 2 + strspn(s + 2, " ");
	return line == lines ? s : NULL;
}

/* The text of the detail `what` ("Index Cond:") of the node at `line`,
 * or NULL. */
static inline const char *pg_plan_detail(char **line, const char *what)
{
	for (char **d = line + 1; *d; d++) {
		const char *s = *d + strspn(*d, " ");
		if (g_str_has_prefix(s, "->"))
			return NULL;
		if (g_str_has_prefix(s, what))
			return s + strlen(what);
	}
	return NULL;
}

/* Whether a node below the one at `line` (more indented) names `what`. */
static inline gboolean pg_plan_below(char **line, const char *what)
{
	gsize indent = strspn(*line, " ");
	for (char **d = line + 1; *d && strspn(*d, " ") > indent; d++)
		if (strstr(*d, what))
			return TRUE;
	return FALSE;
}

/* The alias (last word) of a scan node "... on table alias". */
static inline gboolean pg_plan_on(const char *node, const char *alias)
{
	const char *on = strstr(node, " on ");
	const char *last = strrchr(node, ' ');
	return on && last && last > on + 3 && strcmp(last + 1, alias) == 0;
}

static inline gboolean pg_plan_word_char(char c)
{
	return g_ascii_isalnum(c) || c == '_';
}

/* Whether the index node at `line` walks its whole index: no Index
 * Cond, or none on the index's first key (the first word in the
 * parentheses after its name). */
static inline gboolean pg_plan_walks_index(const char *node, char **line)
{
	const char *cond = pg_plan_detail(line, "Index Cond:");
	if (!cond)
		return TRUE;
	const char *keys = strstr(node, " (");
	if (!keys)
		return FALSE; /* keys unknown: take the condition as a search */
	keys += 2;
	g_autofree char *first = g_strndup(keys, strcspn(keys, " ,)"));
	gsize n = strlen(first);
	for (const char *p = cond; (p = strstr(p, first)); p += n)
		if ((p == cond || !pg_plan_word_char(p[-1])) &&
		    !pg_plan_word_char(p[n]))
			return FALSE;
	return TRUE;
}

/*
 * The first node of plan reading one of `aliases` (NULL-terminated)
 * from end to end, copied to found (size n), or FALSE: a Seq Scan or a
 * Bitmap Heap Scan with no condition (*through_index FALSE), or an index
 * scan walking its whole index, directly or under a Bitmap Heap Scan
 * (TRUE).
 */
static inline gboolean pg_plan_full_scan(const char *plan,
					 const char *const *aliases,
					 gboolean *through_index, char *found,
					 gsize n)
{
	g_auto(GStrv) lines = g_strsplit(plan, "\n", -1);
	for (char **line = lines; *line; line++) {
		const char *node = pg_plan_node(lines, line);
		if (!node)
			continue;
		gboolean seq = g_str_has_prefix(node, "Seq Scan on ");
		char **walk = NULL; /* the line of the index walked */
		if ((g_str_has_prefix(node, "Index Scan ") ||
		     g_str_has_prefix(node, "Index Only Scan ")) &&
		    pg_plan_walks_index(node, line))
			walk = line;
		if (g_str_has_prefix(node, "Bitmap Heap Scan on ")) {
			seq = !pg_plan_detail(line, "Recheck Cond:");
			gsize indent = strspn(*line, " ");
			for (char **d = line + 1;
			     *d && strspn(*d, " ") > indent; d++) {
				const char *below = pg_plan_node(lines, d);
				if (below &&
				    g_str_has_prefix(below,
						     "Bitmap Index Scan ") &&
				    pg_plan_walks_index(below, d))
					walk = d;
			}
		}
		if (!seq && !walk)
			continue;
		for (const char *const *a = aliases; *a; a++) {
			if (!pg_plan_on(node, *a))
				continue;
			*through_index = !seq;
			/* the node, and the index walked with its condition */
			const char *cond =
				walk ? pg_plan_detail(walk, "Index Cond:")
				     : NULL;
			g_autofree char *line_text = g_strdup_printf(
				"%s%s%s%s%s", node,
				walk && walk != line ? " <- " : "",
				walk && walk != line ? pg_plan_node(lines, walk)
						     : "",
				cond ? ", Index Cond:" : "", cond ? cond : "");
			g_strlcpy(found, line_text, n);
			return TRUE;
		}
	}
	return FALSE;
}

/* The number of Sort nodes of plan (an Incremental Sort sorts only the
 * groups an index walk gives in order: not counted). */
static inline int pg_plan_sorts(const char *plan)
{
	g_auto(GStrv) lines = g_strsplit(plan, "\n", -1);
	int sorts = 0;
	for (char **line = lines; *line; line++) {
		const char *node = pg_plan_node(lines, line);
		sorts += node && strcmp(node, "Sort") == 0;
	}
	return sorts;
}

/* TRUE when `location` (DARN_PLAN_DB) is a PostgreSQL database. */
static inline gboolean plan_db_is_pg(const char *location)
{
	return location && (g_str_has_prefix(location, "postgresql://") ||
			    g_str_has_prefix(location, "postgres://"));
}

#endif
