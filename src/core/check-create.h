/*
 * Creating a check: POST /api/patches/<id>/checks/ (rest-api.md §6.9,
 * §9.1; event §10.1). The contract of core/write.h applies.
 */
#ifndef DARN_CORE_CHECK_CREATE_H
#define DARN_CORE_CHECK_CREATE_H

#include "core/write.h"

struct check_create {
	/* The state as Python's str() shows the sent value: "success",
	 * "1" (JSON 1 or form "1"), "True" (JSON true), "1.0": DRF's
	 * ChoiceField compares that text with the codes. Not present, or
	 * "", is "A check must have a state.". */
	struct write_text state;
	/* The check's user; not present: the requester (Patchwork's
	 * serializer also takes a user id from the body: a quirk kept). */
	struct write_id user;
	struct write_text target_url;  /* URL ≤ 200, null allowed */
	struct write_text context;     /* slug ≤ 255; default "default" */
	struct write_text description; /* null allowed */
};

/*
 * Creates the check on patch `patch_id` for `user_id`: WRITE_NOT_FOUND
 * (no such patch), WRITE_FORBIDDEN (not allowed to update the patch,
 * anonymous included), WRITE_INVALID (errors in order user, state,
 * target_url, context, description; a missing state is reported alone).
 * On WRITE_OK *check_id is the new check, dated now (UTC), and a
 * check-created event (actor: the check's user) is stored.
 */
enum write_status check_create(struct db *db, gint64 patch_id, gint64 user_id,
			       const struct check_create *in, gint64 *check_id,
			       struct write_report *report, GError **error);

/*
 * XML-RPC's check_create(patch_id, context, state, target_url,
 * description) (web-and-mbox.md §2): the patch (WRITE_NOT_FOUND), its
 * permission (WRITE_FORBIDDEN_ANON / WRITE_FORBIDDEN: the fault "No
 * permissions to edit this patch"), the state by name only (WRITE_INVALID
 * with field "state" and the fault's text "Invalid check state: <x>"),
 * then the check as given: Patchwork's objects.create() runs no field
 * validator. The event is as for the REST create.
 */
enum write_status check_create_xmlrpc(struct db *db, gint64 patch_id,
				      gint64 user_id, const char *context,
				      const char *state, const char *target_url,
				      const char *description, gint64 *check_id,
				      struct write_report *report,
				      GError **error);

#endif
