/*
 * The per-mail limits' errors (see limits.h): one place words them, so
 * parsemail, parsearchive's outcome lines and the tests agree.
 */
#include "mail/limits.h"

const struct mail_limits mail_limits_none = {
	.max_mime_parts = G_MAXUINT64,
	.max_mime_depth = G_MAXUINT,
	.max_header_count = G_MAXUINT64,
	.max_header_bytes = G_MAXUINT64,
};

GQuark mail_limit_error_quark(void)
{
	return g_quark_from_static_string("darn-mail-limit-error-quark");
}

void mail_limit_set_error(GError **error, const struct mail_limits *limits,
			  enum mail_limit which)
{
	if (!error || *error)
		return;
	switch (which) {
	case MAIL_LIMIT_MIME_PARTS:
		g_set_error(error, MAIL_LIMIT_ERROR, which,
			    "more than %" G_GUINT64_FORMAT
			    " MIME parts (ingest.max_mime_parts)",
			    limits->max_mime_parts);
		break;
	case MAIL_LIMIT_MIME_DEPTH:
		g_set_error(error, MAIL_LIMIT_ERROR, which,
			    "MIME parts nested more than %u deep "
			    "(ingest.max_mime_depth)",
			    limits->max_mime_depth);
		break;
	case MAIL_LIMIT_HEADER_COUNT:
		g_set_error(error, MAIL_LIMIT_ERROR, which,
			    "more than %" G_GUINT64_FORMAT
			    " header fields (ingest.max_header_count)",
			    limits->max_header_count);
		break;
	case MAIL_LIMIT_HEADER_BYTES:
		g_set_error(error, MAIL_LIMIT_ERROR, which,
			    "a header block larger than %" G_GUINT64_FORMAT
			    " bytes (ingest.max_header_bytes)",
			    limits->max_header_bytes);
		break;
	}
}
