/*
 * libgit2, loaded only when a public-inbox archive is read.
 *
 * libgit2 drags in TLS, SSH and Kerberos libraries whose loading costs
 * about 3 ms at every process start; `darn parsemail`, run once per mail,
 * never needs them. So darn does not link libgit2: pinbox.c includes this
 * header after <git2.h>, and each libgit2 call below goes through a table
 * filled by dlopen() on first use. The table is written once and never
 * changes afterwards.
 */
#ifndef DARN_ARCHIVE_GIT2_DL_H
#define DARN_ARCHIVE_GIT2_DL_H

#include <git2.h>
#include <glib.h>

/* Every libgit2 function darn calls. */
#define GIT2_FUNCTIONS(X)           \
	X(git_libgit2_init)         \
	X(git_libgit2_shutdown)     \
	X(git_error_last)           \
	X(git_repository_open_ext)  \
	X(git_repository_free)      \
	X(git_reference_name_to_id) \
	X(git_revwalk_new)          \
	X(git_revwalk_free)         \
	X(git_revwalk_sorting)      \
	X(git_revwalk_push)         \
	X(git_revwalk_next)         \
	X(git_commit_lookup)        \
	X(git_commit_free)          \
	X(git_commit_tree)          \
	X(git_commit_parent)        \
	X(git_commit_parentcount)   \
	X(git_commit_parent_id)     \
	X(git_tree_lookup)          \
	X(git_tree_free)            \
	X(git_tree_entrycount)      \
	X(git_tree_entry_byindex)   \
	X(git_tree_entry_byname)    \
	X(git_tree_entry_id)        \
	X(git_tree_entry_name)      \
	X(git_tree_entry_type)      \
	X(git_tree_entry_filemode)  \
	X(git_tree_entry_cmp)       \
	X(git_blob_lookup)          \
	X(git_blob_free)            \
	X(git_blob_rawsize)         \
	X(git_blob_rawcontent)      \
	X(git_oid_tostr)            \
	X(git_oid_cpy)              \
	X(git_oid_equal)

struct git2_api {
#define GIT2_POINTER(f) __typeof__(&f) f;
	GIT2_FUNCTIONS(GIT2_POINTER)
#undef GIT2_POINTER
};

/* The loaded table, or NULL with *error set when libgit2 cannot be
 * loaded. Thread-safe; loads once per process. */
const struct git2_api *git2_load(GError **error);

/* The table after a successful git2_load(); callers only use libgit2
 * after opening a repository, which loads it. */
const struct git2_api *git2_api(void);

#ifndef GIT2_DL_IMPLEMENTATION
/* From here on, git_foo(...) in the including file calls the table. */
#define GIT2_REDIRECT(f) (git2_api()->f)
#define git_libgit2_init GIT2_REDIRECT(git_libgit2_init)
#define git_libgit2_shutdown GIT2_REDIRECT(git_libgit2_shutdown)
#define git_error_last GIT2_REDIRECT(git_error_last)
#define git_repository_open_ext GIT2_REDIRECT(git_repository_open_ext)
#define git_repository_free GIT2_REDIRECT(git_repository_free)
#define git_reference_name_to_id GIT2_REDIRECT(git_reference_name_to_id)
#define git_revwalk_new GIT2_REDIRECT(git_revwalk_new)
#define git_revwalk_free GIT2_REDIRECT(git_revwalk_free)
#define git_revwalk_sorting GIT2_REDIRECT(git_revwalk_sorting)
#define git_revwalk_push GIT2_REDIRECT(git_revwalk_push)
#define git_revwalk_next GIT2_REDIRECT(git_revwalk_next)
#define git_commit_lookup GIT2_REDIRECT(git_commit_lookup)
#define git_commit_free GIT2_REDIRECT(git_commit_free)
#define git_commit_tree GIT2_REDIRECT(git_commit_tree)
#define git_commit_parent GIT2_REDIRECT(git_commit_parent)
#define git_commit_parentcount GIT2_REDIRECT(git_commit_parentcount)
#define git_commit_parent_id GIT2_REDIRECT(git_commit_parent_id)
#define git_tree_lookup GIT2_REDIRECT(git_tree_lookup)
#define git_tree_free GIT2_REDIRECT(git_tree_free)
#define git_tree_entrycount GIT2_REDIRECT(git_tree_entrycount)
#define git_tree_entry_byindex GIT2_REDIRECT(git_tree_entry_byindex)
#define git_tree_entry_byname GIT2_REDIRECT(git_tree_entry_byname)
#define git_tree_entry_id GIT2_REDIRECT(git_tree_entry_id)
#define git_tree_entry_name GIT2_REDIRECT(git_tree_entry_name)
#define git_tree_entry_type GIT2_REDIRECT(git_tree_entry_type)
#define git_tree_entry_filemode GIT2_REDIRECT(git_tree_entry_filemode)
#define git_tree_entry_cmp GIT2_REDIRECT(git_tree_entry_cmp)
#define git_blob_lookup GIT2_REDIRECT(git_blob_lookup)
#define git_blob_free GIT2_REDIRECT(git_blob_free)
#define git_blob_rawsize GIT2_REDIRECT(git_blob_rawsize)
#define git_blob_rawcontent GIT2_REDIRECT(git_blob_rawcontent)
#define git_oid_tostr GIT2_REDIRECT(git_oid_tostr)
#define git_oid_cpy GIT2_REDIRECT(git_oid_cpy)
#define git_oid_equal GIT2_REDIRECT(git_oid_equal)
#endif

#endif
