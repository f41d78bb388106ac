/*
 * Pull request detection (ingest.md §11): the repository URL (and branch
 * or tag) of a `git request-pull` message.
 */
#ifndef DARN_MAIL_PULL_H
#define DARN_MAIL_PULL_H

#include <glib.h>

/*
 * The pull URL in `message` (the mail's comment text, UTF-8), with runs
 * of white space turned into one space and stripped, e.g.
 * "git://git.kernel.org/pub/scm/linux/kernel/git/davem/net.git master";
 * NULL when there is none (also for NULL). Newly allocated (g_free); not
 * truncated (Patch.pull_url keeps 255 characters). Thread-safe.
 *
 * Cost: one pass over the text looking for "the following changes since
 * commit", which ordinary mails do not contain.
 */
char *pull_url_find(const char *message);

#endif
