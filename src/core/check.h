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

#endif
