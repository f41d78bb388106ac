/*
 * zlib compression of raw mails for the mail table (see zraw.h).
 */
#include "util/zraw.h"

#include <gio/gio.h>

/* Runs a whole in-memory buffer through a GConverter. */
static GBytes *convert_all(GConverter *conv, const void *data, gsize len,
			   gsize max_len, GError **error)
{
	GByteArray *out = g_byte_array_sized_new(len / 2 + 64);
	const guint8 *in = data;
	gsize in_left = len;

	for (;;) {
		guint8 buf[65536];
		gsize read = 0, written = 0;
		GConverterResult r = g_converter_convert(
			conv, in, in_left, buf, sizeof(buf),
			G_CONVERTER_INPUT_AT_END, &read, &written, error);
		if (r == G_CONVERTER_ERROR) {
			g_byte_array_unref(out);
			return NULL;
		}
		in += read;
		in_left -= read;
		g_byte_array_append(out, buf, written);
		if (out->len > max_len) {
			g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "stored mail is larger than recorded");
			g_byte_array_unref(out);
			return NULL;
		}
		if (r == G_CONVERTER_FINISHED)
			break;
	}
	return g_byte_array_free_to_bytes(out);
}

GBytes *zraw_compress(const void *data, gsize len)
{
	/* Level 1: mail compresses about 3:1 even at the fastest level, and
	 * parsearchive compresses every mail it stores. */
	g_autoptr(GZlibCompressor) z =
		g_zlib_compressor_new(G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 1);
	GBytes *b = convert_all(G_CONVERTER(z), data, len, G_MAXSIZE, NULL);
	g_assert(b != NULL);
	return b;
}

GBytes *zraw_decompress(const void *data, gsize len, gsize max_len,
			GError **error)
{
	g_autoptr(GZlibDecompressor) z =
		g_zlib_decompressor_new(G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
	return convert_all(G_CONVERTER(z), data, len, max_len, error);
}
