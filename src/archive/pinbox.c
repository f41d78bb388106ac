/*
 * public-inbox archives read with libgit2: one v2 epoch (a bare repository
 * whose commits each hold one mail as blob "m"), a v1 inbox (mails at
 * "ab/cdef..." paths, one added per commit), or a directory of v2 epochs,
 * mail by mail in commit order, oldest first.
 */
#include "archive/archive-private.h"

#include "archive/git2-dl.h"

/* One bare repository to read. The tip is resolved once, on open, so the
 * count behind the progress total and the later walk see the same history
 * even while public-inbox keeps appending to a live inbox. */
struct epoch {
	char *path;
	guint64 number; /* N of N.git; 0 for a lone repository */
	git_oid tip;
	gboolean has_tip; /* FALSE: no commits yet (unborn HEAD) */
	guint64 commits;
};

struct pinbox_state {
	GArray *epochs;	      /* struct epoch, in numeric order */
	guint cur;	      /* epoch being read, or next to open */
	git_repository *repo; /* of epochs[cur] while walking it */
	git_revwalk *walk;
	GArray *pending;   /* git_oid of v1 mail blobs of the last commit */
	git_tree *v1_tree; /* tree of the last v1 commit read, v1_commit */
	git_oid v1_commit;
	guint pending_pos;
	guint64 done_before; /* commits of the epochs before cur */
	guint64 done, total;
};

/* How many digits an epoch number may have: public-inbox counts epochs
 * from 0 one by one, so this is never reached, but it bounds the parse. */
#define EPOCH_MAX_DIGITS 9

/* ---- detection (plain file tests: no libgit2 needed) ------------------ */

/* Git's own test for a repository directory: HEAD, objects/ and refs/.
 * A work tree (path/.git) is deliberately not accepted: a maildir that
 * happens to be kept in git must stay a maildir. */
static gboolean is_bare_repo(const char *dir)
{
	g_autofree char *head = g_build_filename(dir, "HEAD", NULL);
	g_autofree char *objects = g_build_filename(dir, "objects", NULL);
	g_autofree char *refs = g_build_filename(dir, "refs", NULL);
	return g_file_test(head, G_FILE_TEST_IS_REGULAR) &&
	       g_file_test(objects, G_FILE_TEST_IS_DIR) &&
	       g_file_test(refs, G_FILE_TEST_IS_DIR);
}

/* TRUE when name is "N.git" with N decimal; *number = N. Other names in a
 * v2 git/ directory (all.git, whose alternates join the epochs) are not
 * epochs. */
static gboolean parse_epoch_name(const char *name, guint64 *number)
{
	guint64 n = 0;
	gsize i = 0;

	for (; g_ascii_isdigit(name[i]); i++) {
		if (i >= EPOCH_MAX_DIGITS)
			return FALSE;
		n = n * 10 + (guint64)(name[i] - '0');
	}
	if (i == 0 || strcmp(name + i, ".git") != 0)
		return FALSE;
	*number = n;
	return TRUE;
}

static gint compare_epochs(gconstpointer pa, gconstpointer pb)
{
	const struct epoch *a = pa, *b = pb;
	if (a->number != b->number)
		return a->number < b->number ? -1 : 1;
	/* "1.git" and "01.git" both exist: any fixed order will do */
	return strcmp(a->path, b->path);
}

/* Adds the N.git repositories directly inside dir to out (when out is not
 * NULL; it must be empty), sorted by N, and returns how many there are. */
static guint collect_epochs(const char *dir, GArray *out)
{
	g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
	const char *name;
	guint found = 0;

	if (!d)
		return 0;
	while ((name = g_dir_read_name(d)) != NULL) {
		guint64 number;
		if (!parse_epoch_name(name, &number))
			continue;
		g_autofree char *full = g_build_filename(dir, name, NULL);
		if (!is_bare_repo(full))
			continue;
		found++;
		if (out) {
			struct epoch e = {.path = g_steal_pointer(&full),
					  .number = number};
			g_array_append_val(out, e);
		}
	}
	if (out)
		g_array_sort(out, compare_epochs);
	return found;
}

gboolean pinbox_detect(const char *path)
{
	if (is_bare_repo(path))
		return TRUE;
	g_autofree char *git_dir = g_build_filename(path, "git", NULL);
	return collect_epochs(git_dir, NULL) > 0 ||
	       collect_epochs(path, NULL) > 0;
}

/* ---- libgit2 helpers ------------------------------------------------- */

static const char *git_message(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "unknown libgit2 error";
}

static int open_repo(git_repository **repo, const char *path)
{
	/* NO_SEARCH: never climb to a parent repository; BARE: skip the work
	 * tree probing public-inbox repositories have no use for. */
	return git_repository_open_ext(repo, path,
				       GIT_REPOSITORY_OPEN_NO_SEARCH |
					       GIT_REPOSITORY_OPEN_BARE |
					       GIT_REPOSITORY_OPEN_NO_DOTGIT,
				       NULL);
}

/* The commit to start from: HEAD, or when HEAD names a branch that does not
 * exist, refs/heads/master (what public-inbox writes) or refs/heads/main.
 * Returns 1 with *tip set, 0 when the repository has no commits, or a
 * libgit2 error code. */
static int resolve_tip(git_repository *repo, git_oid *tip)
{
	static const char *const names[] = {"HEAD", "refs/heads/master",
					    "refs/heads/main"};

	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		int rc = git_reference_name_to_id(tip, repo, names[i]);
		if (rc == 0)
			return 1;
		if (rc != GIT_ENOTFOUND && rc != GIT_EUNBORNBRANCH)
			return rc;
	}
	return 0;
}

/* Counts the commits reachable from the tip. Unsorted, so libgit2 streams
 * the history instead of building the whole graph first. */
static int count_commits(git_repository *repo, const git_oid *tip,
			 guint64 *count)
{
	git_revwalk *walk = NULL;
	git_oid oid;
	int rc;

	*count = 0;
	rc = git_revwalk_new(&walk, repo);
	if (rc == 0)
		rc = git_revwalk_sorting(walk, GIT_SORT_NONE);
	if (rc == 0)
		rc = git_revwalk_push(walk, tip);
	while (rc == 0 && (rc = git_revwalk_next(&oid, walk)) == 0)
		(*count)++;
	git_revwalk_free(walk);
	return rc == GIT_ITEROVER ? 0 : rc;
}

/* Resolves the tip of e and counts its commits. */
static gboolean scan_epoch(struct epoch *e, GError **error)
{
	git_repository *repo = NULL;
	int rc = open_repo(&repo, e->path);

	if (rc == 0) {
		rc = resolve_tip(repo, &e->tip);
		e->has_tip = rc == 1;
		if (rc == 1)
			rc = count_commits(repo, &e->tip, &e->commits);
	}
	if (rc < 0)
		g_set_error(error, ARCHIVE_ERROR, ARCHIVE_ERROR_FAILED,
			    "cannot read public-inbox '%s': %s", e->path,
			    git_message());
	git_repository_free(repo);
	return rc >= 0;
}

/* ---- reading ----------------------------------------------------------- */

/* TRUE when name is len lower- or upper-case hex digits. */
static gboolean is_hex_name(const char *name, gsize len)
{
	for (gsize i = 0; i < len; i++)
		if (!g_ascii_isxdigit(name[i]))
			return FALSE;
	return name[len] == '\0';
}

static void epoch_done(struct pinbox_state *s)
{
	git_tree_free(s->v1_tree);
	s->v1_tree = NULL;
	git_revwalk_free(s->walk);
	git_repository_free(s->repo);
	s->walk = NULL;
	s->repo = NULL;
	if (s->cur < s->epochs->len) {
		s->done_before +=
			g_array_index(s->epochs, struct epoch, s->cur).commits;
		s->done = s->done_before;
		s->cur++;
	}
}

/* Opens the next epoch that has commits. Returns 1 when s->walk is ready,
 * 0 when no epoch is left, -1 with *error set (that epoch is then
 * skipped, so a later call moves on). */
static int start_epoch(struct pinbox_state *s, GError **error)
{
	while (s->cur < s->epochs->len) {
		struct epoch *e =
			&g_array_index(s->epochs, struct epoch, s->cur);
		if (!e->has_tip) {
			epoch_done(s);
			continue;
		}
		int rc = open_repo(&s->repo, e->path);
		if (rc == 0)
			rc = git_revwalk_new(&s->walk, s->repo);
		if (rc == 0)
			rc = git_revwalk_sorting(s->walk,
						 GIT_SORT_TOPOLOGICAL |
							 GIT_SORT_REVERSE);
		if (rc == 0)
			rc = git_revwalk_push(s->walk, &e->tip);
		if (rc == 0)
			return 1;
		g_set_error(error, ARCHIVE_ERROR, ARCHIVE_ERROR_FAILED,
			    "cannot read public-inbox '%s': %s", e->path,
			    git_message());
		epoch_done(s);
		return -1;
	}
	return 0;
}

/*
 * public-inbox v1 stores a mail at the SHA-1 of its Message-ID split 2/38
 * ("ab/cdef..."). Queues the mail blobs that tree has and old (the
 * parent's tree, or NULL) has not, at that level (depth 0: the "ab"
 * directories, 1: the mails inside one); files at other paths are not
 * mails, and a removal carries no mail.
 *
 * Both trees are walked side by side in git's entry order, so a commit
 * costs one pass over the directory it touched, and none over the 255
 * others whose ids did not change. (libgit2's tree diff gives the same
 * answer but took about 10 ms per commit on a 23,000-mail inbox.)
 */
static int queue_v1_mails(struct pinbox_state *s, git_tree *old, git_tree *tree,
			  int depth)
{
	size_t n = git_tree_entrycount(tree);
	size_t m = old ? git_tree_entrycount(old) : 0;
	size_t j = 0;
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < n; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const git_tree_entry *o = NULL;
		const char *name = git_tree_entry_name(e);

		while (j < m && git_tree_entry_cmp(
					git_tree_entry_byindex(old, j), e) < 0)
			j++;
		if (j < m &&
		    git_tree_entry_cmp(git_tree_entry_byindex(old, j), e) == 0)
			o = git_tree_entry_byindex(old, j);
		if (o &&
		    git_tree_entry_filemode(o) == git_tree_entry_filemode(e) &&
		    git_oid_equal(git_tree_entry_id(o), git_tree_entry_id(e)))
			continue; /* unchanged */

		if (depth == 0) {
			if (git_tree_entry_type(e) != GIT_OBJECT_TREE ||
			    !is_hex_name(name, 2))
				continue;
			git_tree *sub = NULL, *old_sub = NULL;
			rc = git_tree_lookup(&sub, s->repo,
					     git_tree_entry_id(e));
			if (rc == 0 && o &&
			    git_tree_entry_type(o) == GIT_OBJECT_TREE)
				rc = git_tree_lookup(&old_sub, s->repo,
						     git_tree_entry_id(o));
			if (rc == 0)
				rc = queue_v1_mails(s, old_sub, sub, 1);
			git_tree_free(old_sub);
			git_tree_free(sub);
		} else if (git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
			   is_hex_name(name, 38)) {
			g_array_append_val(s->pending, *git_tree_entry_id(e));
		}
	}
	return rc;
}

/*
 * Queues the mails a v1 commit added or changed, against its first parent
 * (public-inbox v1 history is linear). Takes tree; it is kept as
 * s->v1_tree because the next commit's parent is usually this one, which
 * spares reading its root tree (256 entries) a second time.
 */
static int read_v1_commit(struct pinbox_state *s, const git_oid *oid,
			  git_commit *commit, git_tree *tree)
{
	git_commit *parent = NULL;
	git_tree *parent_tree = NULL;
	int rc = 0;

	if (git_commit_parentcount(commit) > 0) {
		const git_oid *parent_id = git_commit_parent_id(commit, 0);
		if (s->v1_tree && git_oid_equal(parent_id, &s->v1_commit)) {
			parent_tree = s->v1_tree;
			s->v1_tree = NULL;
		} else {
			rc = git_commit_parent(&parent, commit, 0);
			if (rc == 0)
				rc = git_commit_tree(&parent_tree, parent);
		}
	}
	if (rc == 0)
		rc = queue_v1_mails(s, parent_tree, tree, 0);
	git_tree_free(parent_tree);
	git_commit_free(parent);
	git_tree_free(s->v1_tree);
	s->v1_tree = tree;
	git_oid_cpy(&s->v1_commit, oid);
	return rc;
}

/*
 * Looks at one commit: a v2 mail ("m") goes to *mail_id (returns 1), a v2
 * deletion ("d") is skipped (returns 0), anything else is read as v1 and
 * its mails are queued in s->pending (returns 0). A libgit2 error code
 * otherwise.
 */
static int read_commit(struct pinbox_state *s, const git_oid *oid,
		       git_oid *mail_id)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	int rc = git_commit_lookup(&commit, s->repo, oid);

	if (rc == 0)
		rc = git_commit_tree(&tree, commit);
	if (rc == 0) {
		const git_tree_entry *m = git_tree_entry_byname(tree, "m");
		if (m && git_tree_entry_type(m) == GIT_OBJECT_BLOB) {
			git_oid_cpy(mail_id, git_tree_entry_id(m));
			rc = 1;
		} else if (!git_tree_entry_byname(tree, "d")) {
			rc = read_v1_commit(s, oid, commit, tree);
			tree = NULL;
		}
	}
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}

static gboolean read_blob(struct pinbox_state *s, const git_oid *id,
			  GBytes **mail, GError **error)
{
	const struct epoch *e = &g_array_index(s->epochs, struct epoch, s->cur);
	git_blob *blob = NULL;
	char hex[GIT_OID_HEXSZ + 1];

	/* Partial clones of lore archives lack blobs: that mail is lost,
	 * not the rest of the archive. */
	if (git_blob_lookup(&blob, s->repo, id) < 0) {
		g_set_error(error, ARCHIVE_ERROR, ARCHIVE_ERROR_MAIL,
			    "cannot read mail %s in public-inbox '%s': %s",
			    git_oid_tostr(hex, sizeof(hex), id), e->path,
			    git_message());
		return FALSE;
	}
	git_object_size_t size = git_blob_rawsize(blob);
	if (size > G_MAXSIZE) {
		g_set_error(error, ARCHIVE_ERROR, ARCHIVE_ERROR_MAIL,
			    "mail %s in public-inbox '%s' is too large",
			    git_oid_tostr(hex, sizeof(hex), id), e->path);
		git_blob_free(blob);
		return FALSE;
	}
	/* A copy: the blob's buffer belongs to libgit2's object store. */
	*mail = g_bytes_new(git_blob_rawcontent(blob), (gsize)size);
	git_blob_free(blob);
	return TRUE;
}

static gboolean pinbox_next(struct archive *a, GBytes **mail, GError **error)
{
	struct pinbox_state *s = a->state;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid oid, mail_id;

	for (;;) {
		if (s->pending_pos < s->pending->len) {
			git_oid id = g_array_index(s->pending, git_oid,
						   s->pending_pos++);
			return read_blob(s, &id, mail, error);
		}
		g_array_set_size(s->pending, 0);
		s->pending_pos = 0;

		if (!s->walk) {
			int rc = start_epoch(s, error);
			if (rc <= 0)
				return FALSE;
		}
		int rc = git_revwalk_next(&oid, s->walk);
		if (rc == GIT_ITEROVER) {
			epoch_done(s);
			continue;
		}
		const struct epoch *e =
			&g_array_index(s->epochs, struct epoch, s->cur);
		if (rc < 0) {
			g_set_error(error, ARCHIVE_ERROR, ARCHIVE_ERROR_FAILED,
				    "cannot walk public-inbox '%s': %s",
				    e->path, git_message());
			epoch_done(s);
			return FALSE;
		}
		/* Never past the count: a history that grew since open is
		 * still read up to the tip resolved then. */
		if (s->done < s->done_before + e->commits)
			s->done++;
		rc = read_commit(s, &oid, &mail_id);
		if (rc == 1)
			return read_blob(s, &mail_id, mail, error);
		if (rc < 0) {
			g_set_error(error, ARCHIVE_ERROR, ARCHIVE_ERROR_FAILED,
				    "cannot read commit %s in public-inbox "
				    "'%s': %s",
				    git_oid_tostr(hex, sizeof(hex), &oid),
				    e->path, git_message());
			g_array_set_size(s->pending, 0);
			return FALSE;
		}
	}
}

static void pinbox_progress(const struct archive *a, guint64 *done,
			    guint64 *total)
{
	const struct pinbox_state *s = a->state;
	*done = s->done;
	*total = s->total;
}

static void pinbox_free(struct pinbox_state *s)
{
	git_tree_free(s->v1_tree);
	git_revwalk_free(s->walk);
	git_repository_free(s->repo);
	g_array_unref(s->pending);
	g_array_unref(s->epochs);
	g_free(s);
	git_libgit2_shutdown();
}

static void pinbox_close(struct archive *a)
{
	pinbox_free(a->state);
}

static const struct archive_ops pinbox_ops = {
	.kind = "public-inbox",
	.next = pinbox_next,
	.progress = pinbox_progress,
	.close = pinbox_close,
};

static void clear_epoch(gpointer p)
{
	struct epoch *e = p;
	g_free(e->path);
}

struct archive *pinbox_open(const char *path, GError **error)
{
	if (!git2_load(error)) {
		g_prefix_error(error, "cannot read public-inbox '%s': ", path);
		return NULL;
	}
	if (git_libgit2_init() < 0) {
		g_set_error(error, ARCHIVE_ERROR, ARCHIVE_ERROR_FAILED,
			    "cannot read public-inbox '%s': %s", path,
			    git_message());
		return NULL;
	}

	struct pinbox_state *s = g_new0(struct pinbox_state, 1);
	s->epochs = g_array_new(FALSE, TRUE, sizeof(struct epoch));
	g_array_set_clear_func(s->epochs, clear_epoch);
	s->pending = g_array_new(FALSE, FALSE, sizeof(git_oid));

	/* A repository itself (a v2 epoch or a v1 inbox), else the epochs of
	 * a v2 inbox (its git/ directory), else a directory of epochs. */
	if (is_bare_repo(path)) {
		struct epoch e = {.path = g_strdup(path)};
		g_array_append_val(s->epochs, e);
	} else {
		g_autofree char *git_dir = g_build_filename(path, "git", NULL);
		if (collect_epochs(git_dir, s->epochs) == 0)
			collect_epochs(path, s->epochs);
	}
	if (s->epochs->len == 0) {
		g_set_error(error, ARCHIVE_ERROR, ARCHIVE_ERROR_NOT_SUPPORTED,
			    "'%s' is not a public-inbox repository", path);
		pinbox_free(s);
		return NULL;
	}
	for (guint i = 0; i < s->epochs->len; i++) {
		struct epoch *e = &g_array_index(s->epochs, struct epoch, i);
		if (!scan_epoch(e, error)) {
			pinbox_free(s);
			return NULL;
		}
		s->total += e->commits;
	}

	struct archive *a = g_new0(struct archive, 1);
	a->ops = &pinbox_ops;
	a->state = s;
	return a;
}
