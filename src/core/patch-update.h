/*
 * Updating a patch through the API (rest-api.md §6.5.3-§6.5.5, events
 * §10.1): PUT and PATCH of /api/patches/<id>/ with Patchwork's
 * validation messages, relation rules and events. The contract of
 * core/write.h applies (the caller's write transaction, statuses).
 */
#ifndef DARN_CORE_PATCH_UPDATE_H
#define DARN_CORE_PATCH_UPDATE_H

#include "core/write.h"

/* What the request sent; a field not `present` is left as it is. */
struct patch_update {
	/* PUT: state and delegate are required ("This field is
	 * required."), and a missing `related` means [] (it removes the
	 * patch from its relation: Patchwork's serializer default) */
	gboolean put;
	struct write_text state;  /* a state name or slug */
	struct write_id delegate; /* a user id, or null */
	struct write_bool archived;
	struct write_text commit_ref; /* ≤ 255, null allowed */
	struct write_text pull_url;   /* ≤ 255, null allowed */
	struct write_ids related;     /* patch ids */
};

/*
 * Applies `in` to patch `patch_id` on behalf of `user_id` (0: anonymous),
 * in Patchwork's order: the patch (WRITE_NOT_FOUND), the permission
 * (WRITE_FORBIDDEN_ANON / WRITE_FORBIDDEN), every field's validation
 * (WRITE_INVALID, errors in the serializer's field order: commit_ref,
 * pull_url, state, archived, delegate, related), then the relation's
 * rules (WRITE_FORBIDDEN with report->detail "At least one patch is part
 * of a project you are not maintaining.", WRITE_CONFLICT with the 409
 * detail). On WRITE_OK the patch is saved and its events are stored:
 * patch-relation-changed for the other patches (null actor) and for this
 * one, then patch-state-changed and patch-delegated (actor: the user);
 * when the patch leaves a relation of more than two, its
 * patch-relation-changed comes last. A state change also records the
 * patch's pending notification (core/notification.h). The caller then reads the patch
 * back for the response.
 */
enum write_status patch_update(struct db *db, gint64 patch_id, gint64 user_id,
			       const struct patch_update *in,
			       struct write_report *report, GError **error);

/* XML-RPC's patch_set(patch_id, params) (web-and-mbox.md §2): only
 * these keys count, taken as sent (no trimming, no length rule). The
 * web's patch forms (§5.2, §5.3) set the delegate too, a user their
 * form offered (its choices are the validation). */
struct patch_set {
	gboolean has_state, has_commit_ref, has_archived, has_delegate;
	gint64 state_id;	/* a state *id* */
	const char *commit_ref; /* NULL stores NULL */
	gboolean archived;
	gint64 delegate_id; /* 0: none */
};

/*
 * Applies patch_set for `user_id`, as Patchwork's XML-RPC view: the patch
 * (WRITE_NOT_FOUND), Patch.is_editable() (WRITE_FORBIDDEN_ANON /
 * WRITE_FORBIDDEN: the fault "No permissions to edit this patch"), the
 * state id (WRITE_INVALID, field "state": State.DoesNotExist), then one
 * save with the events of a REST update (actor: the user).
 */
enum write_status patch_set(struct db *db, gint64 patch_id, gint64 user_id,
			    const struct patch_set *in,
			    struct write_report *report, GError **error);

/*
 * Django's slugify() of the lower-cased text, as Patchwork's StateField
 * reads a state: NFKD with non-ASCII dropped, characters other than
 * word characters, white space and '-' removed, runs of white space and
 * '-' made one '-', '-' and '_' stripped at both ends. New string.
 */
char *patch_state_slugify(const char *text);

#endif
