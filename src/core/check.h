/*
 * Check rules (rest-api.md §9): which of a patch's checks count, and the
 * one state a patch shows for them.
 */
#ifndef DARN_CORE_CHECK_H
#define DARN_CORE_CHECK_H

#include "store/db.h"

enum check_state {
	CHECK_PENDING = 0,
	CHECK_SUCCESS = 1,
	CHECK_WARNING = 2,
	CHECK_FAIL = 3,
};

/*
 * The combined state of a patch's checks (a GArray of struct db_check in
 * id order, as db_patch_checks gives them): per (user, context) only the
 * latest-dated check counts (on equal dates the later one); then fail
 * beats warning beats pending beats success; no checks at all is pending.
 */
enum check_state check_combined_state(const GArray *checks);

/* TRUE when a later check of the same user and context supersedes check
 * i of `checks` (as above): Patchwork's Patch.checks leaves it out. */
gboolean check_superseded(const GArray *checks, guint i);

/* Adds to counts[state] the checks of patch `patch_id` among `checks`
 * (several patches' checks, each patch's in id order, as
 * db_patch_checks_many gives them) that are not superseded: the S/W/F
 * counts of the lists. */
void check_count_states(const GArray *checks, gint64 patch_id,
			gint64 counts[4]);

#endif
