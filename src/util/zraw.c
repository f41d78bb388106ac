/*
 * Compression of stored raw mails (see zraw.h). zstd rather than zlib:
 * on the linux-cifs archive zstd level 1 compresses mail several times
 * faster than zlib level 1, and smaller (bench/README.md), and
 * parsearchive compresses every mail it stores.
 */
#include "util/zraw.h"

#include <zstd.h>

#define ZRAW_LEVEL 1

static void free_cctx(gpointer cctx)
{
	ZSTD_freeCCtx(cctx);
}

/* Creating a compression context costs more than compressing a typical
 * mail, so each thread keeps one (freed when the thread exits). */
static GPrivate thread_cctx = G_PRIVATE_INIT(free_cctx);

static ZSTD_CCtx *cctx_for_thread(void)
{
	ZSTD_CCtx *cctx = g_private_get(&thread_cctx);
	if (!cctx) {
		cctx = ZSTD_createCCtx();
		g_assert(cctx != NULL);
		g_private_set(&thread_cctx, cctx);
	}
	return cctx;
}

GQuark zraw_error_quark(void)
{
	return g_quark_from_static_string("darn-zraw-error-quark");
}

GBytes *zraw_compress(const void *data, gsize len)
{
	gsize cap = ZSTD_compressBound(len);
	void *out = g_malloc(cap);
	gsize n = ZSTD_compressCCtx(cctx_for_thread(), out, cap, data, len,
				    ZRAW_LEVEL);
	/* Compressing into a buffer of ZSTD_compressBound() bytes cannot
	 * fail but for memory exhaustion, which g_malloc already aborts on. */
	g_assert(!ZSTD_isError(n));
	return g_bytes_new_take(g_realloc(out, n ? n : 1), n);
}

GBytes *zraw_decompress(const void *data, gsize len, gsize max_len,
			GError **error)
{
	unsigned long long size = ZSTD_getFrameContentSize(data, len);
	if (size == ZSTD_CONTENTSIZE_ERROR ||
	    size == ZSTD_CONTENTSIZE_UNKNOWN || size > max_len) {
		g_set_error(error, ZRAW_ERROR, 1,
			    "stored mail is damaged or larger than recorded");
		return NULL;
	}
	void *out = g_malloc(size ? size : 1);
	gsize n = ZSTD_decompress(out, size, data, len);
	if (ZSTD_isError(n) || n != size) {
		g_free(out);
		g_set_error(error, ZRAW_ERROR, 1, "stored mail is damaged: %s",
			    ZSTD_isError(n) ? ZSTD_getErrorName(n)
					    : "short output");
		return NULL;
	}
	return g_bytes_new_take(out, n);
}
