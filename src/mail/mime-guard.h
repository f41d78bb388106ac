/*
 * Bounds what GMime builds while it splits a multipart body, before darn
 * can count anything: GMime's parser makes its whole tree of parts in one
 * call, about 1.3 KB per part, so two million empty parts in a 14 MB
 * mail cost 2.6 GB and 26 s before darn's walk saw the first (issue 7).
 *
 * How: a part only ever starts at a delimiter line "--BOUNDARY" of a
 * boundary declared in a Content-Type header GMime has parsed. A cheap
 * pre-scan counts the lines that start with "--"; when they fit the
 * room left for parts, GMime cannot make more parts than that and
 * nothing else is done. Otherwise the pre-scan keeps a sorted hash of
 * each such line, and a header callback of GMime's parser adds, for each
 * boundary as GMime derives it from a Content-Type header, the number of
 * lines that could be its delimiters. It also counts every header field
 * GMime reads. The first time either total passes its room, the guard
 * ends the stream GMime reads: GMime then only finishes the few KB it
 * has buffered. The part count is an upper bound (a boundary string
 * reused by two multiparts counts its lines once per string, not per
 * multipart), exact for real mail.
 */
#ifndef DARN_MAIL_MIME_GUARD_H
#define DARN_MAIL_MIME_GUARD_H

#include <gmime/gmime.h>

#include "mail/limits.h"

struct mime_guard;

/*
 * Arms a guard on `parser`, which reads `stream`, a GMimeStreamMem over
 * buf[0..len) (both borrowed; they must outlive the guard). part_room
 * and header_room are how many MIME parts and header fields the mail may
 * still have. The synthetic header at offset 0 of buf (content.c) is not
 * counted. Free with mime_guard_free() after the parse.
 */
struct mime_guard *mime_guard_new(GMimeParser *parser, GMimeStream *stream,
				  const char *buf, gsize len, guint64 part_room,
				  guint64 header_room);

/* TRUE when the guard stopped the parse; *which tells the limit. */
gboolean mime_guard_tripped(const struct mime_guard *g, enum mail_limit *which);

/* Header fields GMime read (the synthetic header excepted). */
guint64 mime_guard_headers(const struct mime_guard *g);

void mime_guard_free(struct mime_guard *g);

#endif
