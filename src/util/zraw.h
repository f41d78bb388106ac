/*
 * Compression of stored raw mails (zstd frames), so
 * keeping every mail costs a fraction of its size. Thread-safe; callers own
 * the returned GBytes.
 */
#ifndef DARN_UTIL_ZRAW_H
#define DARN_UTIL_ZRAW_H

#include <glib.h>

#define ZRAW_ERROR (zraw_error_quark())
GQuark zraw_error_quark(void);

/* A zstd frame of data[0..len). Never fails for in-memory data. */
GBytes *zraw_compress(const void *data, gsize len);
/* The original bytes, or NULL with *error set for a damaged stream.
 * max_len bounds the output (the recorded size of the mail). */
GBytes *zraw_decompress(const void *data, gsize len, gsize max_len,
			GError **error);

#endif
