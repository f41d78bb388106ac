/*
 * Series linking (ingest.md §16): which series a new patch or cover letter
 * belongs to, creating series and their references, numbering, naming,
 * and the patch-completed / series-completed events.
 *
 * Every step runs inside the mail's write transaction, so concurrent
 * deliveries of one series see each other's series in full and the result
 * equals a serial delivery (Patchwork's retry loop is not needed).
 */
#include "core/ingest-private.h"
#include "mail/pystr.h"
#include "mail/subject.h"

/* SERIES_DELAY_INTERVAL: mails of one unthreaded series arrive within 20
 * minutes of each other. */
#define SERIES_WINDOW_US (G_GINT64_CONSTANT(20) * 60 * G_USEC_PER_SEC)

static gboolean numbers_have(GArray *numbers, gint64 x)
{
	for (guint i = 0; i < numbers->len; i++)
		if (g_array_index(numbers, gint64, i) == x)
			return TRUE;
	return FALSE;
}

/* §16.2: by reference (own msgid, then refs in order), else by markers. */
static enum db_status
find_series(struct ingest *in, const struct mail_info *info,
	    const struct db_project *project, gint64 author_id, gint64 version,
	    gint64 total, gint64 date, GArray **out, GError **error)
{
	g_autoptr(GPtrArray) cands = g_ptr_array_new();
	enum db_status st;

	g_ptr_array_add(cands, info->msgid);
	for (guint i = 0; i < info->refs->len; i++)
		g_ptr_array_add(cands, info->refs->pdata[i]);

	/* DB_REFS_PER_LOOKUP candidates a statement */
	for (guint at = 0; at < cands->len; at += DB_REFS_PER_LOOKUP) {
		guint n = MIN(cands->len - at, DB_REFS_PER_LOOKUP);
		char *chunk[DB_REFS_PER_LOOKUP];
		gint64 found[DB_REFS_PER_LOOKUP];
		for (guint i = 0; i < n; i++)
			chunk[i] = py_truncate(cands->pdata[at + i], 255);
		st = db_series_by_references(in->db, project->id,
					     (const char *const *)chunk, n,
					     found, error);
		for (guint i = 0; i < n; i++)
			g_free(chunk[i]);
		if (st != DB_OK)
			return st;
		for (guint i = 0; i < n; i++) {
			if (!found[i])
				continue;
			/* Patchwork's "different version must be within 20
			 * minutes" test can never be true, so the first
			 * referenced series wins whatever its version. */
			*out = g_array_new(FALSE, FALSE, sizeof(gint64));
			g_array_append_val(*out, found[i]);
			return DB_OK;
		}
	}
	return db_series_by_markers(in->db, project->id, author_id, version,
				    total, date - SERIES_WINDOW_US,
				    date + SERIES_WINDOW_US, out, error);
}

enum db_status ingest_event(struct ingest *in, const char *category,
			    gint64 project_id, gint64 now, gint64 patch_id,
			    gint64 series_id, gint64 cover_id, GError **error)
{
	struct db_event_new e = {
		.category = category,
		.project_id = project_id,
		.date = now,
		.patch_id = patch_id,
		.series_id = series_id,
		.cover_id = cover_id,
	};
	return db_event_insert(in->db, &e, error);
}

static enum db_status create_series(struct ingest *in,
				    const struct db_project *project,
				    gint64 author_id, gint64 version,
				    gint64 total, gint64 date, gint64 now,
				    gint64 *series_id, GError **error)
{
	struct db_series s = {
		.project_id = project->id,
		.submitter_id = author_id,
		.date = date,
		.version = version,
		.total = total,
	};
	enum db_status st = db_series_insert(in->db, &s, series_id, error);
	if (st != DB_OK)
		return st;
	return ingest_event(in, "series-created", project->id, now, 0,
			    *series_id, 0, error);
}

/*
 * §16.5 add_patch, with the events Patchwork's pre_save signals fire when
 * a patch first gets a series (rest-api.md §10.1). `numbers`: those of the
 * series' patches, as ingest_patch_series read them.
 */
static enum db_status add_patch(struct ingest *in,
				const struct db_project *project,
				gint64 series_id, const GArray *numbers,
				gint64 patch_id, const char *patch_name,
				gint64 number, gint64 now, GError **error)
{
	struct db_series series = {0};
	g_autoptr(GArray) after = NULL;
	enum db_status st;

	st = db_series_get(in->db, series_id, &series, error);
	if (st != DB_OK)
		return st;
	if (!series.name && number == 1)
		st = db_series_set_name(in->db, series_id, patch_name, error);
	gint64 total = series.total;
	db_series_clear(&series);
	if (st != DB_OK)
		return st;

	/* Both signals look at the series before this patch joins it. */
	guint lower = 0;
	for (guint i = 0; i < numbers->len; i++)
		if (g_array_index(numbers, gint64, i) < number)
			lower++;
	gboolean completes_patch = (gint64)lower == number - 1;
	gboolean completes_series = (gint64)numbers->len + 1 >= total;

	st = db_patch_set_series(in->db, patch_id, series_id, number, error);
	if (st != DB_OK)
		return st;

	if (completes_patch) {
		st = ingest_event(in, "patch-completed", project->id, now,
				  patch_id, series_id, 0, error);
		if (st == DB_OK)
			st = db_series_patches_after(in->db, series_id, number,
						     &after, error);
		if (st != DB_OK)
			return st;
		/* Successors waiting for this patch complete too, while
		 * their numbers are contiguous. */
		gint64 expect = number + 1;
		for (guint i = 0; i + 1 < after->len; i += 2) {
			if (g_array_index(after, gint64, i + 1) != expect)
				break;
			st = ingest_event(in, "patch-completed", project->id,
					  now, g_array_index(after, gint64, i),
					  series_id, 0, error);
			if (st != DB_OK)
				return st;
			expect++;
		}
	}
	if (completes_series)
		st = ingest_event(in, "series-completed", project->id, now, 0,
				  series_id, 0, error);
	return st;
}

enum db_status ingest_patch_series(struct ingest *in,
				   const struct mail_info *info,
				   const struct db_project *project,
				   gint64 patch_id, const char *stored_name,
				   const struct ingest_subject *subj,
				   gint64 author_id, gint64 date, gint64 now,
				   gint64 *series_id, GError **error)
{
	gint64 x = subj->x, n = subj->n, series = 0;
	gint64 version = subj->version;
	g_autoptr(GArray) numbers = NULL; /* of `series`' patches */
	enum db_status st;

	*series_id = 0;
	if (subj->marked && n != 0) {
		g_autoptr(GArray) cands = NULL;
		st = find_series(in, info, project, author_id, version, n, date,
				 &cands, error);
		if (st != DB_OK)
			return st;
		if (cands->len == 1) {
			series = g_array_index(cands, gint64, 0);
		} else {
			/* Several by markers: the newest without this
			 * number (they come ordered by date descending). */
			for (guint i = 0; i < cands->len && !series; i++) {
				gint64 id = g_array_index(cands, gint64, i);
				g_clear_pointer(&numbers, g_array_unref);
				st = db_series_numbers(in->db, id, &numbers,
						       error);
				if (st != DB_OK)
					return st;
				if (!numbers_have(numbers, x))
					series = id;
			}
		}
	} else {
		x = n = 1;
	}

	if (series && !numbers) {
		st = db_series_numbers(in->db, series, &numbers, error);
		if (st != DB_OK)
			return st;
	}
	if (!series || numbers_have(numbers, x)) {
		/* a new series: no numbers yet */
		g_clear_pointer(&numbers, g_array_unref);
		numbers = g_array_new(FALSE, FALSE, sizeof(gint64));
		st = create_series(in, project, author_id, version, n, date,
				   now, &series, error);
		if (st != DB_OK)
			return st;
		/* References make later mails of the thread find this
		 * series even when they arrive first; a msgid that already
		 * leads to a series keeps leading there. */
		for (guint i = 0; i <= info->refs->len; i++) {
			const char *ref = i < info->refs->len
						  ? info->refs->pdata[i]
						  : info->msgid;
			g_autofree char *r = py_truncate(ref, 255);
			st = db_series_reference_add(in->db, project->id,
						     series, r, error);
			if (st != DB_OK)
				return st;
		}
	}
	*series_id = series;

	/* A "0/N" mail with a diff gets a series but no place in it. */
	if (x == 0)
		return DB_OK;
	return add_patch(in, project, series, numbers, patch_id, stored_name, x,
			 now, error);
}

enum db_status ingest_cover_series(struct ingest *in,
				   const struct db_project *project,
				   const char *msgid, gint64 version,
				   gint64 total, gint64 author_id, gint64 date,
				   gint64 now, gint64 *series_id,
				   GError **error)
{
	/* Only the cover's own msgid is consulted: its references can only
	 * lead to another series (§3.2 step 4). */
	enum db_status st = db_series_by_reference(in->db, project->id, msgid,
						   series_id, error);
	if (st != DB_NOT_FOUND)
		return st;
	st = create_series(in, project, author_id, version, total, date, now,
			   series_id, error);
	if (st != DB_OK)
		return st;
	g_autofree char *r = py_truncate(msgid, 255);
	return db_series_reference_add(in->db, project->id, *series_id, r,
				       error);
}

enum db_status ingest_series_add_cover(struct ingest *in, gint64 series_id,
				       gint64 cover_id, const char *cover_name,
				       GError **error)
{
	struct db_series series = {0};
	enum db_status st = db_series_get(in->db, series_id, &series, error);
	if (st != DB_OK)
		return st;
	if (series.cover_letter_id) {
		/* A second cover stays unattached. */
		db_series_clear(&series);
		return DB_OK;
	}
	st = db_series_set_cover(in->db, series_id, cover_id, error);

	/* A name taken from patch 1 is upgraded to the cover's; a custom
	 * or earlier cover name is kept. */
	gboolean rename = !series.name;
	if (st == DB_OK && series.name) {
		g_autofree char *first = NULL;
		enum db_status s2 = db_series_patch_name(in->db, series_id, 1,
							 &first, error);
		if (s2 == DB_OK)
			rename = g_strcmp0(first, series.name) == 0;
		else if (s2 != DB_NOT_FOUND)
			st = s2;
	}
	if (st == DB_OK && rename) {
		g_autofree char *name = subject_cover_series_name(cover_name);
		st = db_series_set_name(in->db, series_id, name, error);
	}
	db_series_clear(&series);
	return st;
}
