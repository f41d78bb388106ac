/*
 * Patchwork's patch hash (hash_diff, ingest.md §12) and the list of files
 * a diff touches (find_filenames, §13). The hash is what `pwclient` and
 * `git pw` match local commits against, so it must agree with Patchwork's
 * bit for bit.
 *
 * Both take the stored diff (UTF-8, NUL-terminated) and are thread-safe.
 */
#ifndef DARN_MAIL_HASH_H
#define DARN_MAIL_HASH_H

#include <glib.h>

/* 40 lowercase hex digits of the SHA-1; newly allocated (g_free). */
char *diff_hash(const char *diff);

/*
 * The file names the diff's `--- `/`+++ ` lines name, without their first
 * path component, /dev/null skipped: distinct, sorted by code point.
 * Returns a new array owning its strings (g_ptr_array_unref frees all).
 */
GPtrArray *diff_filenames(const char *diff);

#endif
