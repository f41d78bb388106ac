/*
 * Which series are versions of one another, for the series page's
 * "other versions" (docs/web.md "Series"). Patchwork links no versions;
 * darn calls two series of one project versions of the same series when
 * they come from the same submitter (the same person: one address) and
 * their names agree once the leading bracket groups are stripped.
 */
#ifndef DARN_CORE_SERIES_VERSIONS_H
#define DARN_CORE_SERIES_VERSIONS_H

#include <glib.h>

/*
 * A series' name without its version and numbering: the leading
 * "[...]" groups and the white space around them removed. A series is
 * named after its cover letter's subject without its first bracket
 * group ("[PATCH v2 0/3] cifs: foo" gives "cifs: foo") or, without a
 * cover, after its first patch's stored name, which keeps the prefixes
 * Patchwork keeps ("[v2,1/3] cifs: foo"); either gives "cifs: foo", as
 * does a single patch's "[v2] cifs: foo". NULL for NULL or a name that
 * is nothing but prefixes (such a series has no other versions). Newly
 * allocated.
 */
char *series_base_name(const char *name);

#endif
