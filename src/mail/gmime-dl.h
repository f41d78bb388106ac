/*
 * GMime, loaded when the first multipart body is split.
 *
 * Linking GMime brings in GIO, GObject, GPGME and a dozen more libraries
 * whose loading costs about 3 ms at every process start, while most mails
 * (plain-text patches) never need it. So darn does not link GMime:
 * content.c includes this header after <gmime/gmime.h> and every GMime
 * (and GObject) call it makes goes through a table filled by dlopen() on
 * first use; the table never changes afterwards. content.c defines
 * G_DISABLE_CAST_CHECKS so GObject's cast macros are plain C casts.
 */
#ifndef DARN_MAIL_GMIME_DL_H
#define DARN_MAIL_GMIME_DL_H

#include <gmime/gmime.h>

#define GMIME_FUNCTIONS(X)                       \
	X(g_mime_init)                           \
	X(g_mime_multipart_get_type)             \
	X(g_mime_multipart_get_count)            \
	X(g_mime_multipart_get_part)             \
	X(g_mime_part_get_type)                  \
	X(g_mime_part_get_content)               \
	X(g_mime_message_part_get_type)          \
	X(g_mime_message_part_get_message)       \
	X(g_mime_message_get_mime_part)          \
	X(g_mime_object_get_header_list)         \
	X(g_mime_header_list_get_header)         \
	X(g_mime_header_get_raw_value)           \
	X(g_mime_data_wrapper_get_stream)        \
	X(g_mime_stream_mem_new_with_byte_array) \
	X(g_mime_parser_new_with_stream)         \
	X(g_mime_parser_construct_part)          \
	X(g_mime_parser_set_header_regex)        \
	X(g_mime_utils_header_unfold)            \
	X(g_mime_utils_header_decode_text)       \
	X(g_mime_content_type_parse)             \
	X(g_mime_content_type_get_parameter)     \
	X(g_object_unref)                        \
	X(g_type_check_instance_is_a)

struct gmime_api {
#define GMIME_POINTER(f) __typeof__(&f) f;
	GMIME_FUNCTIONS(GMIME_POINTER)
#undef GMIME_POINTER
};

/* The loaded and initialised (g_mime_init) table. Thread-safe; loads once
 * per process; aborts with a message when GMime is not installed, which
 * is a broken installation, not bad input. */
const struct gmime_api *gmime_api(void);

#ifndef GMIME_DL_IMPLEMENTATION
#define GMIME_REDIRECT(f) (gmime_api()->f)
#define g_mime_multipart_get_type GMIME_REDIRECT(g_mime_multipart_get_type)
#define g_mime_multipart_get_count GMIME_REDIRECT(g_mime_multipart_get_count)
#define g_mime_multipart_get_part GMIME_REDIRECT(g_mime_multipart_get_part)
#define g_mime_part_get_type GMIME_REDIRECT(g_mime_part_get_type)
#define g_mime_part_get_content GMIME_REDIRECT(g_mime_part_get_content)
#define g_mime_message_part_get_type \
	GMIME_REDIRECT(g_mime_message_part_get_type)
#define g_mime_message_part_get_message \
	GMIME_REDIRECT(g_mime_message_part_get_message)
#define g_mime_message_get_mime_part \
	GMIME_REDIRECT(g_mime_message_get_mime_part)
#define g_mime_object_get_header_list \
	GMIME_REDIRECT(g_mime_object_get_header_list)
#define g_mime_header_list_get_header \
	GMIME_REDIRECT(g_mime_header_list_get_header)
#define g_mime_header_get_raw_value GMIME_REDIRECT(g_mime_header_get_raw_value)
#define g_mime_data_wrapper_get_stream \
	GMIME_REDIRECT(g_mime_data_wrapper_get_stream)
#define g_mime_stream_mem_new_with_byte_array \
	GMIME_REDIRECT(g_mime_stream_mem_new_with_byte_array)
#define g_mime_parser_new_with_stream \
	GMIME_REDIRECT(g_mime_parser_new_with_stream)
#define g_mime_parser_construct_part \
	GMIME_REDIRECT(g_mime_parser_construct_part)
#define g_mime_parser_set_header_regex \
	GMIME_REDIRECT(g_mime_parser_set_header_regex)
#define g_mime_utils_header_unfold GMIME_REDIRECT(g_mime_utils_header_unfold)
#define g_mime_utils_header_decode_text \
	GMIME_REDIRECT(g_mime_utils_header_decode_text)
#define g_mime_content_type_parse GMIME_REDIRECT(g_mime_content_type_parse)
#define g_mime_content_type_get_parameter \
	GMIME_REDIRECT(g_mime_content_type_get_parameter)
#define g_object_unref GMIME_REDIRECT(g_object_unref)
#define g_type_check_instance_is_a GMIME_REDIRECT(g_type_check_instance_is_a)
#endif

#endif
