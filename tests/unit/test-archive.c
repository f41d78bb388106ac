/*
 * Tests of the archive readers: mbox splitting (vectors checked against
 * Python 3.11's mailbox.mbox), maildir order, and public-inbox
 * repositories (v2 epochs, directories of epochs, v1 inboxes) that the
 * tests build themselves with libgit2 in temporary directories.
 */
#include "archive/archive-private.h"

#include <git2.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

/* ---- helpers ------------------------------------------------------------ */

/* Removes a directory tree the tests created. */
static void rm_rf(const char *path)
{
	if (g_file_test(path, G_FILE_TEST_IS_DIR) &&
	    !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
		g_autoptr(GDir) d = g_dir_open(path, 0, NULL);
		const char *name;
		while (d && (name = g_dir_read_name(d)) != NULL) {
			g_autofree char *full =
				g_build_filename(path, name, NULL);
			rm_rf(full);
		}
		g_rmdir(path);
	} else {
		g_unlink(path);
	}
}

/* g_strv_builder_take() is newer than GLib 2.74 */
static void builder_take(GStrvBuilder *b, char *s)
{
	g_strv_builder_add(b, s);
	g_free(s);
}

static char *make_tmpdir(void)
{
	g_autoptr(GError) error = NULL;
	char *dir = g_dir_make_tmp("darn-archive-XXXXXX", &error);
	g_assert_no_error(error);
	return dir;
}

static void write_file(const char *dir, const char *name, const char *text)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *path = g_build_filename(dir, name, NULL);
	g_file_set_contents(path, text, -1, &error);
	g_assert_no_error(error);
}

/* Reads every mail of the archive at path into a NULL-terminated vector
 * (nul bytes would end a string early; the test mails have none). */
static GStrv read_all(const char *path, const char *kind)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(archive) a = archive_open(path, &error);
	g_autoptr(GStrvBuilder) out = g_strv_builder_new();
	GBytes *mail;
	guint64 done, total;

	g_assert_no_error(error);
	g_assert_nonnull(a);
	g_assert_cmpstr(archive_kind(a), ==, kind);
	while (archive_next(a, &mail, &error)) {
		gsize len;
		const char *data = g_bytes_get_data(mail, &len);
		builder_take(out, g_strndup(data, len));
		g_bytes_unref(mail);
	}
	g_assert_no_error(error);
	g_assert_null(mail);
	/* at the end, every item has been counted */
	archive_progress(a, &done, &total);
	g_assert_cmpuint(done, ==, total);
	return g_strv_builder_end(out);
}

static void assert_strv(GStrv got, const char *const *want)
{
	guint n = g_strv_length(got);
	for (guint i = 0; want[i]; i++) {
		g_assert_cmpuint(i, <, n);
		g_assert_cmpstr(got[i], ==, want[i]);
	}
	g_assert_cmpuint(n, ==, g_strv_length((GStrv)want));
}

/* ---- mbox --------------------------------------------------------------- */

struct split_vector {
	const char *name;
	const char *mbox;
	const char *mails[4];
};

/* Expected outputs are what Python 3.11's mailbox.mbox gives for the same
 * bytes (message bytes without the "From " line). */
static const struct split_vector split_vectors[] = {
	{"empty", "", {NULL}},
	{"no From line", "junk line\n\nmore junk\n", {NULL}},
	{"leading junk and blank line before From",
	 "junk\nFrom a@b Mon\nSubject: x\n\nbody\n\n"
	 "From c@d Tue\nSubject: y\n\nbody2\n",
	 {"Subject: x\n\nbody\n", "Subject: y\n\nbody2\n", NULL}},
	{">From kept, From without blank line splits, last blank dropped",
	 "From a\nA: 1\n\nb\n>From quoted\nFrom  not blank before\nB: 2\n\n\n",
	 {"A: 1\n\nb\n>From quoted\n", "B: 2\n\n", NULL}},
	{"CRLF blank line is not blank",
	 "From a\r\nA: 1\r\n\r\nbody\r\n\r\nFrom b\r\nB: 2\r\n",
	 {"A: 1\r\n\r\nbody\r\n\r\n", "B: 2\r\n", NULL}},
	{"empty messages, no final newline",
	 "From a\n\nFrom b\nFrom c",
	 {"", "", "", NULL}},
	{"only one blank line dropped",
	 "From a\nx\n\n\nFrom b\ny",
	 {"x\n\n", "y", NULL}},
	{"only \"From \" starts a message",
	 "From x\nFromage\n from\nFrom\n",
	 {"Fromage\n from\nFrom\n", NULL}},
};

static void collect_split(const char *msg, gsize len, gpointer user)
{
	builder_take(user, g_strndup(msg, len));
}

static void test_mbox_split(void)
{
	for (gsize i = 0; i < G_N_ELEMENTS(split_vectors); i++) {
		const struct split_vector *v = &split_vectors[i];
		g_autoptr(GStrvBuilder) b = g_strv_builder_new();
		g_test_message("vector: %s", v->name);
		mbox_split(v->mbox, strlen(v->mbox), collect_split, b);
		g_auto(GStrv) got = g_strv_builder_end(b);
		assert_strv(got, v->mails);
	}
}

/* The reader gives the same mails as mbox_split, from a file. */
static void test_mbox_file(void)
{
	g_autofree char *dir = make_tmpdir();
	const struct split_vector *v = &split_vectors[2];

	write_file(dir, "list.mbox", v->mbox);
	g_autofree char *path = g_build_filename(dir, "list.mbox", NULL);
	g_auto(GStrv) got = read_all(path, "mbox");
	assert_strv(got, v->mails);

	write_file(dir, "empty.mbox", "");
	g_autofree char *empty = g_build_filename(dir, "empty.mbox", NULL);
	g_auto(GStrv) none = read_all(empty, "mbox");
	g_assert_cmpuint(g_strv_length(none), ==, 0);
	rm_rf(dir);
}

/* ---- maildir ------------------------------------------------------------ */

static void test_maildir_order(void)
{
	g_autofree char *dir = make_tmpdir();
	static const char *const subdirs[] = {"new", "cur", "tmp", "new/sub"};
	for (gsize i = 0; i < G_N_ELEMENTS(subdirs); i++) {
		g_autofree char *p = g_build_filename(dir, subdirs[i], NULL);
		g_assert_cmpint(g_mkdir(p, 0700), ==, 0);
	}
	write_file(dir, "cur/200.b:2,S", "cur 2\n");
	write_file(dir, "cur/100.a:2,S", "cur 1\n");
	write_file(dir, "new/2", "new 2\n");
	write_file(dir, "new/10", "new 10\n"); /* name order, not numeric */
	write_file(dir, "new/.hidden", "skipped\n");
	write_file(dir, "new/sub/x", "not a mail of new/\n");
	write_file(dir, "tmp/1", "not delivered yet\n");

	g_assert_false(pinbox_detect(dir));
	g_auto(GStrv) got = read_all(dir, "maildir");
	static const char *const want[] = {"new 10\n", "new 2\n", "cur 1\n",
					   "cur 2\n", NULL};
	assert_strv(got, want);
	rm_rf(dir);
}

/* ---- public-inbox ------------------------------------------------------- */

#define GIT_OK(expr) g_assert_cmpint((expr), ==, 0)

/* How many git_libgit2_init() calls are not yet balanced. */
static int libgit2_refs(void)
{
	int n = git_libgit2_init();
	git_libgit2_shutdown();
	return n - 1;
}

static char *mail_text(int n)
{
	return g_strdup_printf("Message-Id: <%d@test>\nSubject: mail %d\n\n"
			       "body %d\n",
			       n, n, n);
}

static git_repository *new_repo(const char *path)
{
	git_repository *repo;
	GIT_OK(git_repository_init(&repo, path, 1));
	/* what public-inbox writes, whatever init.defaultBranch says */
	GIT_OK(git_repository_set_head(repo, "refs/heads/master"));
	return repo;
}

/*
 * Commits on top of ref (created when missing). With content, path is
 * written with it; without, path is removed. keep: start from the parent's
 * tree (v1) instead of an empty one (v2: each tree holds one file).
 * Commit times go backwards so that only the parent links give the order.
 */
static void add_commit(git_repository *repo, const char *ref, gboolean keep,
		       const char *path, const char *content)
{
	static const git_time_t start = 2000000000;
	git_commit *parent = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_signature *sig;
	git_oid oid, tree_id;
	git_tree_update up = {.path = path};

	if (git_reference_name_to_id(&oid, repo, ref) == 0) {
		GIT_OK(git_commit_lookup(&parent, repo, &oid));
		if (keep)
			GIT_OK(git_commit_tree(&base, parent));
	}
	if (content) {
		up.action = GIT_TREE_UPDATE_UPSERT;
		up.filemode = GIT_FILEMODE_BLOB;
		GIT_OK(git_blob_create_from_buffer(&up.id, repo, content,
						   strlen(content)));
	} else {
		up.action = GIT_TREE_UPDATE_REMOVE;
	}
	GIT_OK(git_tree_create_updated(&tree_id, repo, base, 1, &up));
	GIT_OK(git_tree_lookup(&tree, repo, &tree_id));
	GIT_OK(git_signature_new(&sig, "Tester", "t@example.com",
				 parent ? git_commit_time(parent) - 60 : start,
				 0));
	const git_commit *parents[] = {parent};
	GIT_OK(git_commit_create(&oid, repo, ref, sig, sig, NULL, path, tree,
				 parent ? 1 : 0, parents));
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
}

/* A v2 epoch with mails first..last, and a deletion commit (tree "d")
 * after mail del (0: none). */
static void make_epoch(const char *path, int first, int last, int del)
{
	git_repository *repo = new_repo(path);
	for (int n = first; n <= last; n++) {
		g_autofree char *text = mail_text(n);
		add_commit(repo, "HEAD", FALSE, "m", text);
		if (n == del)
			add_commit(repo, "HEAD", FALSE, "d", text);
	}
	git_repository_free(repo);
}

static void want_mails(GStrv got, int first, int last)
{
	g_autoptr(GStrvBuilder) b = g_strv_builder_new();
	for (int n = first; n <= last; n++)
		builder_take(b, mail_text(n));
	g_auto(GStrv) want = g_strv_builder_end(b);
	assert_strv(got, (const char *const *)want);
}

static void test_pinbox_epoch(void)
{
	g_autofree char *dir = make_tmpdir();
	g_autofree char *epoch = g_build_filename(dir, "0.git", NULL);
	g_autoptr(GError) error = NULL;
	GBytes *mail;
	guint64 done, total;

	make_epoch(epoch, 1, 5, 3);
	g_assert_true(pinbox_detect(epoch));

	g_auto(GStrv) got = read_all(epoch, "public-inbox");
	want_mails(got, 1, 5);

	/* progress counts commits, the deletion included */
	struct archive *a = pinbox_open(epoch, &error);
	g_assert_no_error(error);
	g_assert_cmpint(libgit2_refs(), ==, 2);
	archive_progress(a, &done, &total);
	g_assert_cmpuint(done, ==, 0);
	g_assert_cmpuint(total, ==, 6);
	g_assert_true(archive_next(a, &mail, &error));
	g_bytes_unref(mail);
	archive_progress(a, &done, &total);
	g_assert_cmpuint(done, ==, 1);
	archive_close(a);
	g_assert_cmpint(libgit2_refs(), ==, 1);
	rm_rf(dir);
}

/* A directory directly holding the epochs, read in numeric order. */
static void test_pinbox_epoch_dir(void)
{
	g_autofree char *dir = make_tmpdir();
	g_autofree char *e0 = g_build_filename(dir, "0.git", NULL);
	g_autofree char *e1 = g_build_filename(dir, "1.git", NULL);

	make_epoch(e1, 4, 6, 0);
	make_epoch(e0, 1, 3, 2);
	g_assert_true(pinbox_detect(dir));
	g_auto(GStrv) got = read_all(dir, "public-inbox");
	want_mails(got, 1, 6);
	rm_rf(dir);
}

/* A v2 top directory: epochs under git/, 10.git after 2.git; all.git and
 * other names are not epochs. */
static void test_pinbox_v2_top(void)
{
	g_autofree char *dir = make_tmpdir();
	g_autofree char *git = g_build_filename(dir, "git", NULL);
	static const struct {
		const char *name;
		int first, last;
	} epochs[] = {{"10.git", 8, 9},
		      {"2.git", 6, 7},
		      {"0.git", 1, 3},
		      {"1.git", 4, 5}};

	g_assert_cmpint(g_mkdir(git, 0700), ==, 0);
	for (gsize i = 0; i < G_N_ELEMENTS(epochs); i++) {
		g_autofree char *p =
			g_build_filename(git, epochs[i].name, NULL);
		make_epoch(p, epochs[i].first, epochs[i].last, 0);
	}
	g_autofree char *all = g_build_filename(git, "all.git", NULL);
	make_epoch(all, 100, 100, 0);
	g_autofree char *junk = g_build_filename(git, "3.git", NULL);
	g_assert_cmpint(g_mkdir(junk, 0700), ==, 0); /* not a repository */
	write_file(dir, "msgmap.sqlite3", "");

	g_assert_true(pinbox_detect(dir));
	g_assert_true(pinbox_detect(git));
	g_auto(GStrv) got = read_all(dir, "public-inbox");
	want_mails(got, 1, 9);
	rm_rf(dir);
}

/* Where public-inbox v1 keeps mail n: the SHA-1 of its Message-ID, split
 * 2/38. */
static char *v1_path(int n)
{
	g_autofree char *msgid = g_strdup_printf("<%d@test>", n);
	g_autofree char *sha =
		g_compute_checksum_for_string(G_CHECKSUM_SHA1, msgid, -1);
	return g_strdup_printf("%.2s/%s", sha, sha + 2);
}

/* public-inbox v1: one bare repository, one mail added per commit. */
static void test_pinbox_v1(void)
{
	g_autofree char *dir = make_tmpdir();
	g_autofree char *path = g_build_filename(dir, "inbox.git", NULL);
	git_repository *repo = new_repo(path);

	for (int n = 1; n <= 3; n++) {
		g_autofree char *text = mail_text(n);
		g_autofree char *where = v1_path(n);
		add_commit(repo, "HEAD", TRUE, where, text);
	}
	/* not a mail path: ignored */
	add_commit(repo, "HEAD", TRUE, "README", "hello\n");
	add_commit(repo, "HEAD", TRUE, "ab/cd", "short\n");
	{
		g_autofree char *where = v1_path(9);
		g_autofree char *longer = g_strconcat(where, "0", NULL);
		add_commit(repo, "HEAD", TRUE, longer, "long\n");
	}
	/* a removal carries no mail */
	{
		g_autofree char *where = v1_path(2);
		add_commit(repo, "HEAD", TRUE, where, NULL);
	}
	/* a mail replaced in place is read again, as its new version */
	{
		g_autofree char *where = v1_path(3);
		g_autofree char *text = mail_text(4);
		add_commit(repo, "HEAD", TRUE, where, text);
	}
	git_repository_free(repo);

	g_assert_true(pinbox_detect(path));
	g_auto(GStrv) got = read_all(path, "public-inbox");
	want_mails(got, 1, 4);
	rm_rf(dir);
}

/* HEAD names a branch that does not exist: fall back to master; a fresh
 * repository has no mails and is no error. */
static void test_pinbox_head(void)
{
	g_autofree char *dir = make_tmpdir();
	g_autofree char *path = g_build_filename(dir, "0.git", NULL);
	g_autofree char *empty = g_build_filename(dir, "1.git", NULL);

	make_epoch(path, 1, 2, 0);
	git_repository *repo;
	GIT_OK(git_repository_open(&repo, path));
	GIT_OK(git_repository_set_head(repo, "refs/heads/elsewhere"));
	git_repository_free(repo);
	g_auto(GStrv) got = read_all(path, "public-inbox");
	want_mails(got, 1, 2);

	repo = new_repo(empty);
	git_repository_free(repo);
	g_auto(GStrv) none = read_all(empty, "public-inbox");
	g_assert_cmpuint(g_strv_length(none), ==, 0);

	/* both together */
	g_auto(GStrv) both = read_all(dir, "public-inbox");
	want_mails(both, 1, 2);
	rm_rf(dir);
}

static void test_pinbox_errors(void)
{
	g_autofree char *dir = make_tmpdir();
	g_autoptr(GError) error = NULL;

	g_assert_false(pinbox_detect(dir));
	g_assert_null(pinbox_open(dir, &error));
	g_assert_error(error, ARCHIVE_ERROR, ARCHIVE_ERROR_NOT_SUPPORTED);
	g_assert_nonnull(strstr(error->message, dir));
	g_clear_error(&error);
	g_assert_cmpint(libgit2_refs(), ==, 1);

	/* looks like a repository, is not one */
	g_autofree char *fake = g_build_filename(dir, "0.git", NULL);
	g_autofree char *objects = g_build_filename(fake, "objects", NULL);
	g_autofree char *refs = g_build_filename(fake, "refs", NULL);
	g_assert_cmpint(g_mkdir(fake, 0700), ==, 0);
	g_assert_cmpint(g_mkdir(objects, 0700), ==, 0);
	g_assert_cmpint(g_mkdir(refs, 0700), ==, 0);
	write_file(fake, "HEAD", "garbage\n");
	g_assert_true(pinbox_detect(dir));
	g_assert_null(pinbox_open(dir, &error));
	g_assert_error(error, ARCHIVE_ERROR, ARCHIVE_ERROR_FAILED);
	g_assert_nonnull(strstr(error->message, fake));
	g_test_message("%s", error->message);
	g_clear_error(&error);
	g_assert_cmpint(libgit2_refs(), ==, 1);
	rm_rf(dir);
}

/* A mail blob missing from the object store: an error naming the
 * repository, and the next call goes on with the next commit. */
static void test_pinbox_missing_blob(void)
{
	g_autofree char *dir = make_tmpdir();
	g_autofree char *path = g_build_filename(dir, "0.git", NULL);
	g_autoptr(GError) error = NULL;
	git_repository *repo;
	git_oid blob;
	char hex[GIT_OID_HEXSZ + 1];
	GBytes *mail;

	make_epoch(path, 1, 3, 0);
	GIT_OK(git_repository_open(&repo, path));
	{
		g_autofree char *text = mail_text(2);
		GIT_OK(git_blob_create_from_buffer(&blob, repo, text,
						   strlen(text)));
	}
	git_repository_free(repo);
	git_oid_tostr(hex, sizeof(hex), &blob);
	g_autofree char *loose =
		g_strdup_printf("%s/objects/%.2s/%s", path, hex, hex + 2);
	g_assert_cmpint(g_unlink(loose), ==, 0);

	g_autoptr(archive) a = pinbox_open(path, &error);
	g_assert_no_error(error);
	g_assert_true(archive_next(a, &mail, &error));
	g_bytes_unref(mail);
	g_assert_false(archive_next(a, &mail, &error));
	g_assert_error(error, ARCHIVE_ERROR, ARCHIVE_ERROR_MAIL);
	g_assert_nonnull(strstr(error->message, path));
	g_clear_error(&error);
	g_assert_true(archive_next(a, &mail, &error));
	g_autofree char *three = mail_text(3);
	g_assert_cmpmem(g_bytes_get_data(mail, NULL), g_bytes_get_size(mail),
			three, strlen(three));
	g_bytes_unref(mail);
	g_assert_false(archive_next(a, &mail, &error));
	g_assert_no_error(error);
	rm_rf(dir);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	/* the tests' own use of libgit2, to build repositories */
	git_libgit2_init();

	g_test_add_func("/archive/mbox/split", test_mbox_split);
	g_test_add_func("/archive/mbox/file", test_mbox_file);
	g_test_add_func("/archive/maildir/order", test_maildir_order);
	g_test_add_func("/archive/pinbox/epoch", test_pinbox_epoch);
	g_test_add_func("/archive/pinbox/epoch-dir", test_pinbox_epoch_dir);
	g_test_add_func("/archive/pinbox/v2-top", test_pinbox_v2_top);
	g_test_add_func("/archive/pinbox/v1", test_pinbox_v1);
	g_test_add_func("/archive/pinbox/head", test_pinbox_head);
	g_test_add_func("/archive/pinbox/errors", test_pinbox_errors);
	g_test_add_func("/archive/pinbox/missing-blob",
			test_pinbox_missing_blob);

	int rc = g_test_run();
	git_libgit2_shutdown();
	return rc;
}
