/*
 * The combined check state (check.h), as Patchwork's
 * Patch.combined_check_state.
 */
#include "core/check.h"

gboolean check_superseded(const GArray *checks, guint i)
{
	const struct db_check *c = &g_array_index(checks, struct db_check, i);
	for (guint k = 0; k < checks->len; k++) {
		const struct db_check *o =
			&g_array_index(checks, struct db_check, k);
		if (k == i || o->user.id != c->user.id ||
		    g_strcmp0(o->context, c->context) != 0)
			continue;
		/* the latest date wins; on a tie the later-iterated one */
		if (o->date > c->date || (o->date == c->date && k > i))
			return TRUE;
	}
	return FALSE;
}

enum check_state check_combined_state(const GArray *checks)
{
	gboolean any = FALSE, fail = FALSE, warning = FALSE, pending = FALSE;

	for (guint i = 0; checks && i < checks->len; i++) {
		if (check_superseded(checks, i))
			continue;
		any = TRUE;
		switch (g_array_index(checks, struct db_check, i).state) {
		case CHECK_FAIL:
			fail = TRUE;
			break;
		case CHECK_WARNING:
			warning = TRUE;
			break;
		case CHECK_PENDING:
			pending = TRUE;
			break;
		default:
			break;
		}
	}
	if (!any || (!fail && !warning && pending))
		return CHECK_PENDING;
	return fail ? CHECK_FAIL : warning ? CHECK_WARNING : CHECK_SUCCESS;
}

void check_count_states(const GArray *checks, gint64 patch_id, gint64 counts[4])
{
	g_autoptr(GArray) mine =
		g_array_new(FALSE, TRUE, sizeof(struct db_check));
	for (guint i = 0; checks && i < checks->len; i++) {
		const struct db_check *c =
			&g_array_index(checks, struct db_check, i);
		if (c->patch_id == patch_id)
			g_array_append_vals(mine, c, 1);
	}
	for (guint i = 0; i < mine->len; i++) {
		if (check_superseded(mine, i))
			continue;
		int s = g_array_index(mine, struct db_check, i).state;
		if (s >= 0 && s < 4)
			counts[s]++;
	}
}
