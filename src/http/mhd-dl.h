/*
 * libmicrohttpd, loaded when `darn serve` starts.
 *
 * Linking it costs every darn process its dependencies (GnuTLS, p11-kit,
 * nettle, libidn2...) and their start-up: `darn --help` took 7.4 ms with
 * it and parsemail, which runs once per mail and never serves HTTP, went
 * from 6.5 to 13.9 ms per mail (bench/parsearchive.sh). So darn does not
 * link it: server.c, the only file that knows libmicrohttpd, calls it
 * through this table, filled by dlopen() once; the table never changes
 * afterwards.
 */
#ifndef DARN_HTTP_MHD_DL_H
#define DARN_HTTP_MHD_DL_H

#include <glib.h>
#include <microhttpd.h>

#define MHD_FUNCTIONS(X)                                          \
	X(MHD_start_daemon)                                       \
	X(MHD_stop_daemon)                                        \
	X(MHD_lookup_connection_value)                            \
	X(MHD_get_connection_values)                              \
	X(MHD_get_connection_info)                                \
	X(MHD_get_connection_values_n)                            \
	X(MHD_create_response_from_buffer_with_free_callback_cls) \
	X(MHD_add_response_header)                                \
	X(MHD_queue_response)                                     \
	X(MHD_destroy_response)

struct mhd_api {
#define MHD_POINTER(f) __typeof__(&f) f;
	MHD_FUNCTIONS(MHD_POINTER)
#undef MHD_POINTER
};

/* The loaded table, or NULL with *error set (say why, e.g. the library
 * is not installed). Thread-safe; loads once per process. */
const struct mhd_api *mhd_api(const char **error);

#endif
