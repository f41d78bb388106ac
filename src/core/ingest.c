/*
 * parse_mail(): the order of Patchwork's decisions for one mail (ingest.md
 * §3), project lookup (§4) and comment attachment (§17). The steps live in
 * author.c, delegate.c, series.c, depends.c and tags.c.
 */
#include "core/ingest-private.h"
#include "mail/pystr.h"
#include "mail/subject.h"

static void regex_unref0(gpointer p)
{
	if (p)
		g_regex_unref(p);
}

static void ptr_array_unref(gpointer p)
{
	g_ptr_array_unref(p);
}

struct ingest *ingest_new(struct db *db)
{
	struct ingest *in = g_new0(struct ingest, 1);
	in->db = db;
	in->projects_by_listid = g_hash_table_new_full(g_str_hash, g_str_equal,
						       g_free, ptr_array_unref);
	in->regexes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					    regex_unref0);
	in->delegation_rules = g_hash_table_new_full(
		g_int64_hash, g_int64_equal, g_free, ptr_array_unref);
	in->people = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					   ingest_person_free);
	return in;
}

void ingest_free(struct ingest *in)
{
	if (!in)
		return;
	g_hash_table_destroy(in->projects_by_listid);
	g_hash_table_destroy(in->regexes);
	g_hash_table_destroy(in->delegation_rules);
	g_hash_table_destroy(in->people);
	if (in->tags)
		g_ptr_array_unref(in->tags);
	g_free(in);
}

GRegex *ingest_regex(struct ingest *in, const char *pattern)
{
	gpointer re;
	if (g_hash_table_lookup_extended(in->regexes, pattern, NULL, &re))
		return re;
	/* Python re flags MULTILINE|IGNORECASE; '\n' is the only line end
	 * in Python, so it is here too. */
	re = g_regex_new(pattern,
			 G_REGEX_MULTILINE | G_REGEX_CASELESS |
				 G_REGEX_NEWLINE_LF | G_REGEX_OPTIMIZE,
			 0, NULL);
	g_hash_table_insert(in->regexes, g_strdup(pattern), re);
	return re;
}

const char *ingest_outcome_name(enum ingest_outcome o)
{
	switch (o) {
	case INGEST_PATCH:
		return "patch";
	case INGEST_COVER:
		return "cover";
	case INGEST_PATCH_COMMENT:
		return "patch-comment";
	case INGEST_COVER_COMMENT:
		return "cover-comment";
	case INGEST_DROPPED:
		return "dropped";
	case INGEST_DUPLICATE:
		return "duplicate";
	case INGEST_REJECTED:
		return "error";
	}
	return "?";
}

void ingest_result_clear(struct ingest_result *r)
{
	g_free(r->detail);
	memset(r, 0, sizeof(*r));
}

void ingest_reject(struct ingest_result *r, const char *detail)
{
	g_free(r->detail);
	r->outcome = INGEST_REJECTED;
	r->detail = g_strdup(detail);
}

static void drop(struct ingest_result *r, const char *why)
{
	g_free(r->detail);
	r->outcome = INGEST_DROPPED;
	r->detail = g_strdup(why);
}

static void stored(struct ingest_result *r, enum ingest_outcome o, gint64 id)
{
	r->outcome = o;
	r->id = id;
}

/* §4 match_project: the first project of the list (by linkname) whose
 * subject_match searches the subject, else the one without a pattern. */
static enum db_status match_project(struct ingest *in, const char *listid,
				    const char *subject,
				    const struct db_project **out,
				    GError **error)
{
	GPtrArray *projects =
		g_hash_table_lookup(in->projects_by_listid, listid);
	if (!projects) {
		enum db_status st = db_project_list_by_listid(in->db, listid,
							      &projects, error);
		if (st != DB_OK)
			return st;
		g_hash_table_insert(in->projects_by_listid, g_strdup(listid),
				    projects);
	}
	const struct db_project *fallback = NULL;
	for (guint i = 0; i < projects->len; i++) {
		const struct db_project *p = projects->pdata[i];
		if (!*p->subject_match) {
			fallback = p;
			continue;
		}
		GRegex *re = ingest_regex(in, p->subject_match);
		if (re && g_regex_match(re, subject, 0, NULL)) {
			*out = p;
			return DB_OK;
		}
	}
	*out = fallback;
	return DB_OK;
}

static enum db_status
find_project(struct ingest *in, const struct mail_info *info,
	     const char *list_id, const struct db_project **out, GError **error)
{
	const char *subject = info->subject ? info->subject : "";
	enum db_status st;

	*out = NULL;
	if (list_id)
		return match_project(in, list_id, subject, out, error);
	for (guint i = 0; i < info->list_ids->len && !*out; i++) {
		st = match_project(in, info->list_ids->pdata[i], subject, out,
				   error);
		if (st != DB_OK)
			return st;
	}
	return DB_OK;
}

/* §17.1/§17.2: the first ref (truncated to 255) that is a patch of the
 * project, or a comment on one; else the first that is a cover, or a
 * comment on one (*cover TRUE). Refs are looked up DB_REFS_PER_LOOKUP at
 * a time, and the lookups stop at the first patch. */
static enum db_status find_parent(struct ingest *in, gint64 project_id,
				  GPtrArray *refs, gint64 *parent,
				  gboolean *cover, GError **error)
{
	gint64 first_cover = 0;
	*parent = 0;
	*cover = FALSE;
	for (guint at = 0; at < refs->len; at += DB_REFS_PER_LOOKUP) {
		guint n = MIN(refs->len - at, DB_REFS_PER_LOOKUP);
		char *chunk[DB_REFS_PER_LOOKUP];
		struct db_ref_parent found[DB_REFS_PER_LOOKUP];
		for (guint i = 0; i < n; i++)
			chunk[i] = py_truncate(refs->pdata[at + i], 255);
		enum db_status st = db_ref_parents(in->db, project_id,
						   (const char *const *)chunk,
						   n, found, error);
		for (guint i = 0; i < n; i++)
			g_free(chunk[i]);
		if (st != DB_OK)
			return st;
		for (guint i = 0; i < n; i++) {
			if (found[i].patch) {
				*parent = found[i].patch;
				return DB_OK;
			}
			if (!first_cover)
				first_cover = found[i].cover;
		}
	}
	*parent = first_cover;
	*cover = first_cover != 0;
	return DB_OK;
}

/* What every stored object of the mail shares. */
struct ingest_mail {
	const struct mail_info *info;
	const struct db_project *project;
	struct ingest_subject subj;
	gint64 date, now, mail_id;
	GBytes *raw;
	gsize raw_size;
};

static enum db_status store_raw(struct ingest *in, struct ingest_mail *m,
				GError **error)
{
	if (!m->raw || m->mail_id)
		return DB_OK;
	return db_mail_insert(in->db, m->raw, m->raw_size, m->now, &m->mail_id,
			      error);
}

/* §3.3 */
static enum db_status ingest_comment(struct ingest *in, struct ingest_mail *m,
				     struct ingest_result *r, GError **error)
{
	const struct mail_info *info = m->info;
	gint64 parent, author, id;
	gboolean cover;
	enum db_status st;

	st = find_parent(in, m->project->id, info->refs, &parent, &cover,
			 error);
	if (st != DB_OK)
		return st;
	if (!parent) {
		drop(r, "no patch or cover letter found for the comment");
		return DB_OK;
	}
	st = ingest_author(in, info, m->project, &author, r, error);
	if (st != DB_OK || r->outcome == INGEST_REJECTED)
		return st;

	st = cover ? db_cover_comment_exists(in->db, parent, info->msgid, error)
		   : db_patch_comment_exists(in->db, parent, info->msgid,
					     error);
	if (st == DB_OK) {
		r->outcome = INGEST_DUPLICATE;
		return DB_OK;
	}
	if (st != DB_NOT_FOUND)
		return st;
	st = store_raw(in, m, error);
	if (st != DB_OK)
		return st;

	struct db_comment_new c = {
		.parent_id = parent,
		.msgid = info->msgid,
		.date = m->date,
		.headers = info->headers,
		.submitter_id = author,
		.content = info->body.message,
		/* quirk: only patch comments get "action required" from
		 * the header; cover comments are always NULL. */
		.addressed = !cover && info->action_required ? 0 : -1,
		.mail_id = m->mail_id,
	};
	struct db_event_new e = {
		.project_id = m->project->id,
		.date = m->now,
	};
	if (cover) {
		st = db_cover_comment_insert(in->db, &c, &id, error);
		e.category = "cover-comment-created";
		e.cover_id = parent;
		e.cover_comment_id = id;
	} else {
		st = db_patch_comment_insert(in->db, &c, &id, error);
		if (st == DB_OK)
			st = ingest_tags_add(in, m->project, parent,
					     info->body.message, error);
		e.category = "patch-comment-created";
		e.patch_id = parent;
		e.patch_comment_id = id;
	}
	if (st == DB_OK)
		st = db_event_insert(in->db, &e, error);
	if (st == DB_OK)
		stored(r, cover ? INGEST_COVER_COMMENT : INGEST_PATCH_COMMENT,
		       id);
	return st;
}

/* §3.1 */
static enum db_status ingest_patch(struct ingest *in, struct ingest_mail *m,
				   struct ingest_result *r, GError **error)
{
	const struct mail_info *info = m->info;
	gint64 author, delegate, state, id, series;
	enum db_status st;

	st = ingest_author(in, info, m->project, &author, r, error);
	if (st != DB_OK || r->outcome == INGEST_REJECTED)
		return st;
	st = ingest_delegate(in, info, m->project, &delegate, error);
	if (st != DB_OK)
		return st;
	st = db_patch_exists(in->db, m->project->id, info->msgid, error);
	if (st == DB_OK) {
		r->outcome = INGEST_DUPLICATE;
		return DB_OK;
	}
	if (st != DB_NOT_FOUND)
		return st;

	/* §14.3 */
	st = DB_NOT_FOUND;
	if (info->state_name && *info->state_name)
		st = db_state_by_name(in->db, info->state_name, &state, error);
	if (st == DB_NOT_FOUND && in->initial_state) {
		state = in->initial_state;
		st = DB_OK;
	} else if (st == DB_NOT_FOUND) {
		st = db_state_initial(in->db, &state, error);
		if (st == DB_OK)
			in->initial_state = state;
	}
	if (st == DB_NOT_FOUND) {
		ingest_reject(r, "no initial state (ordering 0) exists");
		return DB_OK;
	}
	if (st != DB_OK)
		return st;
	st = store_raw(in, m, error);
	if (st != DB_OK)
		return st;

	g_autofree char *name = py_truncate(m->subj.name, 255);
	struct db_submission_new s = {
		.project_id = m->project->id,
		.msgid = info->msgid,
		.name = name,
		.date = m->date,
		.headers = info->headers,
		.submitter_id = author,
		.content = info->body.message,
		.mail_id = m->mail_id,
		.diff = info->body.diff,
		.pull_url = info->pull_url,
		.hash = info->hash,
		.delegate_id = delegate,
		.state_id = state,
	};
	st = db_patch_insert(in->db, &s, &id, error);
	if (st == DB_OK)
		st = ingest_tags_add(in, m->project, id, info->body.message,
				     error);
	if (st == DB_OK)
		st = ingest_event(in, "patch-created", m->project->id, m->now,
				  id, 0, 0, error);
	if (st == DB_OK)
		st = ingest_patch_series(in, info, m->project, id, name,
					 &m->subj, author, m->date, m->now,
					 &series, error);
	if (st == DB_OK && series)
		st = ingest_dependencies(in, m->project, series,
					 info->body.message, error);
	if (st == DB_OK)
		stored(r, INGEST_PATCH, id);
	return st;
}

/* §3.2; *handled is FALSE when the mail is not a cover letter after all. */
static enum db_status ingest_cover(struct ingest *in, struct ingest_mail *m,
				   gboolean *handled, struct ingest_result *r,
				   GError **error)
{
	const struct mail_info *info = m->info;
	gint64 author, series, id;
	enum db_status st;

	*handled = FALSE;
	if (info->is_reply)
		return DB_OK;
	if (info->refs->len) {
		/* quirk: a cover of the same name in any project makes a
		 * threaded 0/N a comment instead. */
		st = db_cover_name_exists(in->db, m->subj.name, error);
		if (st == DB_OK)
			return DB_OK;
		if (st != DB_NOT_FOUND)
			return st;
	}
	*handled = TRUE;

	st = ingest_author(in, info, m->project, &author, r, error);
	if (st != DB_OK || r->outcome == INGEST_REJECTED)
		return st;
	st = ingest_cover_series(in, m->project, info->msgid, m->subj.version,
				 m->subj.n, author, m->date, m->now, &series,
				 error);
	if (st != DB_OK)
		return st;
	st = db_cover_exists(in->db, m->project->id, info->msgid, error);
	if (st == DB_OK) {
		r->outcome = INGEST_DUPLICATE;
		return DB_OK;
	}
	if (st != DB_NOT_FOUND)
		return st;
	st = store_raw(in, m, error);
	if (st != DB_OK)
		return st;

	g_autofree char *name = py_truncate(m->subj.name, 255);
	struct db_submission_new s = {
		.project_id = m->project->id,
		.msgid = info->msgid,
		.name = name,
		.date = m->date,
		.headers = info->headers,
		.submitter_id = author,
		.content = info->body.message,
		.mail_id = m->mail_id,
	};
	st = db_cover_insert(in->db, &s, &id, error);
	if (st == DB_OK)
		st = ingest_event(in, "cover-created", m->project->id, m->now,
				  0, 0, id, error);
	if (st == DB_OK)
		st = ingest_series_add_cover(in, series, id, name, error);
	if (st == DB_OK)
		st = ingest_dependencies(in, m->project, series,
					 info->body.message, error);
	if (st == DB_OK)
		stored(r, INGEST_COVER, id);
	return st;
}

enum db_status ingest_mail(struct ingest *in, const struct mail_info *info,
			   const char *list_id, GBytes *raw, gsize raw_size,
			   gint64 now, struct ingest_result *result,
			   GError **error)
{
	struct ingest_mail m = {
		.info = info,
		.now = now,
		.raw = raw,
		.raw_size = raw_size,
	};
	enum db_status st;

	memset(result, 0, sizeof(*result));
	if (!info->has_from) {
		ingest_reject(result, "Missing 'From' header");
		return DB_OK;
	}
	if (!info->has_subject) {
		ingest_reject(result, "Missing 'Subject' header");
		return DB_OK;
	}
	if (!info->has_msgid) {
		ingest_reject(result, "Missing 'Message-Id' header");
		return DB_OK;
	}
	if (info->hint && g_ascii_strcasecmp(info->hint, "ignore") == 0) {
		drop(result, "X-Patchwork-Hint: ignore");
		return DB_OK;
	}
	st = find_project(in, info, list_id, &m.project, error);
	if (st != DB_OK)
		return st;
	if (!m.project) {
		drop(result, "no project found for the mail's list id");
		result->no_project = TRUE;
		return DB_OK;
	}
	if (!info->msgid) {
		ingest_reject(result, "Broken 'Message-Id' header");
		return DB_OK;
	}
	if (!info->subject) {
		ingest_reject(result, "Invalid 'Subject' header");
		return DB_OK;
	}
	if (info->header_error) {
		ingest_reject(result, info->header_error);
		return DB_OK;
	}

	subject_clean(info->subject, m.project->linkname, &m.subj.name,
		      &m.subj.prefixes);
	m.subj.marked = subject_marker(m.subj.prefixes, &m.subj.x, &m.subj.n);
	m.subj.version = subject_version(m.subj.name, m.subj.prefixes);
	/* Mail dates have whole seconds; "now" keeps its microseconds. */
	m.date = info->has_date ? info->date : now;

	if (info->body_error) {
		ingest_reject(result, info->body_error);
		st = DB_OK;
		goto out;
	}
	const char *diff = info->body.diff;
	const char *message = info->body.message;
	if ((!diff || !*diff) && !*message) {
		drop(result, "no content");
		st = DB_OK;
		goto out;
	}

	if (!info->is_reply && ((diff && *diff) || info->pull_url)) {
		st = ingest_patch(in, &m, result, error);
		goto out;
	}
	if (m.subj.marked && m.subj.x == 0) {
		gboolean handled;
		st = ingest_cover(in, &m, &handled, result, error);
		if (st != DB_OK || handled)
			goto out;
	}
	st = ingest_comment(in, &m, result, error);
out:
	g_free(m.subj.name);
	if (m.subj.prefixes)
		g_ptr_array_unref(m.subj.prefixes);
	return st;
}
