/*
 * mbox messages of patches and cover letters, byte for byte as Patchwork
 * writes them (web-and-mbox.md §1.1, §1.2): what git am, git-pw, pwclient
 * and b4 download. Pure functions of what the store returns; thread-safe.
 *
 * In core/ because both sides of the dispatcher write them: the web's
 * downloads (web/download.c) and XML-RPC's patch_get_mbox and struct
 * file names (api/xmlrpc-*.c). api/ and web/ are siblings, so what both
 * need lives below them; util/ cannot hold it, since it formats a store
 * row (store/db.h) with mail/'s header folding, and core/ is the layer
 * above both.
 */
#ifndef DARN_CORE_MBOX_H
#define DARN_CORE_MBOX_H

#include <glib.h>

#include "store/db.h"

/* Appends the message of one patch or cover (§1.1): the "From patchwork"
 * line, the headers, a blank line and the body. */
void mbox_append(GString *out, const struct db_mbox *m);

/* Appends the messages of a GPtrArray of struct db_mbox*, joined with
 * "\n" (§1.2); nothing for an empty list. */
void mbox_append_all(GString *out, const GPtrArray *list);

/* The attachment file name Patchwork derives from a name (§1.3): runs of
 * characters outside [-_A-Za-z0-9.] become '-', then leading and
 * trailing '-' go. Appends to out. */
void mbox_filename(GString *out, const char *name);

/* One RFC 2047 word for the UTF-8 text, Q unless B is strictly shorter
 * (email.charset.Charset('utf-8').header_encode(), which Python's
 * formataddr() and Django's header encoding use). Appends to out. */
void mbox_encoded_word(GString *out, const char *text);

#endif
