/*
 * libFuzzer target for the mail layer: any bytes through everything darn
 * derives from a mail without a database (mail_info_extract: headers,
 * subject, dates, addresses, MIME body, diff, hash, pull URL), with and
 * without universal newlines, and through the mbox splitter, within the
 * [ingest] limits of the configuration (defaults, or DARN_INGEST_* from
 * the environment: e.g. DARN_INGEST_MAX_MIME_PARTS=50 makes the limit
 * paths easy to reach).
 *
 * Build and run: make fuzz (see tests/fuzz/README.md).
 */
#include <stdint.h>

#include "archive/archive.h"
#include "cmd/cmd.h"
#include "mail/mailinfo.h"
#include "mail/subject.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The configured limits, read once (libFuzzer gives no context). */
static gpointer load_limits(gpointer unused)
{
	struct config cfg;
	struct mail_limits *limits = g_new(struct mail_limits, 1);

	g_assert(config_load(&cfg, NULL, NULL));
	cmd_mail_limits(&cfg, limits);
	config_clear(&cfg);
	return limits;
}

static const struct mail_limits *limits(void)
{
	static GOnce once = G_ONCE_INIT;
	return g_once(&once, load_limits, NULL);
}

static void one(const char *data, gsize len, gboolean reply_marker)
{
	struct mail_info info;
	if (mail_info_extract(data, len, limits(), &info, NULL)) {
		/* What ingest derives from the subject with a project. */
		if (info.subject) {
			char *name = NULL;
			GPtrArray *prefixes = NULL;
			gint64 x, n;
			subject_clean(info.subject, "fuzz", &name, &prefixes);
			subject_marker(prefixes, &x, &n);
			subject_version(name, prefixes);
			g_free(name);
			g_ptr_array_unref(prefixes);
		}
	}
	mail_info_clear(&info);
	(void)reply_marker;
}

static void split_cb(const char *msg, gsize len, gpointer user)
{
	guint *count = user;
	if ((*count)++ < 4)
		one(msg, len, FALSE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GBytes *raw = g_bytes_new(data, size);
	GBytes *text = mail_universal_newlines(raw);
	gsize len;
	const char *p = g_bytes_get_data(text, &len);

	one((const char *)data, size, FALSE);
	one(p ? p : "", len, FALSE);
	guint count = 0;
	mbox_split((const char *)data, size, split_cb, &count);

	g_bytes_unref(text);
	g_bytes_unref(raw);
	return 0;
}
