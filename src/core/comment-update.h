/*
 * Updating a comment's `addressed`: PUT/PATCH of
 * /api/patches/<id>/comments/<cid>/ and /api/covers/<id>/comments/<cid>/
 * (rest-api.md §6.8, API 1.3+; events §10.1). The contract of
 * core/write.h applies.
 */
#ifndef DARN_CORE_COMMENT_UPDATE_H
#define DARN_CORE_COMMENT_UPDATE_H

#include "core/write.h"

/* `addressed`: true, false or null; not present leaves it. PUT and PATCH
 * are the same (Patchwork 3.1.3 answers a PUT with 500: its serializer's
 * hidden parent field has no default there; docs/compatibility.md). */
struct comment_update {
	struct write_bool addressed; /* .null: set it to null */
};

/*
 * Updates comment `comment_id` of the patch (or, `cover`, the cover)
 * `parent_id` for `user_id`: WRITE_NOT_FOUND when the parent does not
 * exist or the comment is not its; WRITE_FORBIDDEN_ANON /
 * WRITE_FORBIDDEN (§6.8's rules); WRITE_INVALID for a type error. On
 * WRITE_OK the comment is saved and, as Patchwork does on every save, a
 * new patch-comment-created or cover-comment-created event (null actor)
 * is stored, even when nothing changed.
 */
enum write_status comment_update(struct db *db, gboolean cover,
				 gint64 parent_id, gint64 comment_id,
				 gint64 user_id,
				 const struct comment_update *in,
				 struct write_report *report, GError **error);

#endif
