/*
 * Bundle writes: POST /api/bundles/, PUT/PATCH/DELETE /api/bundles/<id>/
 * (rest-api.md §6.10, API 1.2+: below it the API answers 405 before
 * calling these). The contract of core/write.h applies.
 */
#ifndef DARN_CORE_BUNDLE_WRITE_H
#define DARN_CORE_BUNDLE_WRITE_H

#include "core/write.h"

struct bundle_write {
	/* POST and PUT: name and patches are required */
	gboolean put;
	struct write_text name; /* ≤ 50, not blank */
	struct write_bool public;
	struct write_ids patches; /* non-empty, one project, in order */
};

/* The message of a name the owner already uses: Patchwork 3.1.3 answers
 * 500 (an IntegrityError: its serializer has no unique-together
 * validator because `owner` is read-only). darn answers the 400 DRF
 * gives when such a validator exists (docs/compatibility.md). */
#define BUNDLE_MSG_NAME_TAKEN "The fields owner, name must make a unique set."

/*
 * Creates a bundle owned by `user_id` (anonymous: WRITE_FORBIDDEN_ANON):
 * WRITE_INVALID with errors in order name, patches, public, or the
 * "non_field_errors" BUNDLE_MSG_NAME_TAKEN. Its project is the first
 * patch's. *bundle_id receives the new id (the API answers 201 with a
 * Location).
 */
enum write_status bundle_create(struct db *db, gint64 user_id,
				const struct bundle_write *in,
				gint64 *bundle_id, struct write_report *report,
				GError **error);

/*
 * Updates bundle `bundle_id`: WRITE_NOT_FOUND when it does not exist or
 * is someone else's private bundle; WRITE_FORBIDDEN(_ANON) for someone
 * else's public bundle; WRITE_INVALID as above. Patches, when sent,
 * replace the content in the order given, and the project follows them.
 */
enum write_status bundle_update(struct db *db, gint64 bundle_id, gint64 user_id,
				const struct bundle_write *in,
				struct write_report *report, GError **error);

/* Deletes bundle `bundle_id` (statuses as bundle_update; the API answers
 * 204 with no body). */
enum write_status bundle_delete(struct db *db, gint64 bundle_id, gint64 user_id,
				GError **error);

/*
 * The bundle page's writes (web-and-mbox.md §5.6), with the visibility
 * and ownership rules of bundle_update (statuses as it answers):
 *
 * bundle_reorder: Patchwork's reorder form, the patches `order` (GArray
 * of gint64, in their new order) numbered on from the order of patch
 * `start`; WRITE_NOT_FOUND too when one of them is not in the bundle
 * (roll back: earlier ones are written).
 */
enum write_status bundle_reorder(struct db *db, gint64 bundle_id,
				 gint64 user_id, gint64 start,
				 const GArray *order, GError **error);

#endif
