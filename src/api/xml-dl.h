/*
 * libxml2, loaded when the first XML-RPC request arrives.
 *
 * Only `darn serve` parses XML, and only for /xmlrpc/: linking libxml2
 * (with ICU or liblzma behind it) would cost every process, parsemail
 * above all, its start-up. So darn does not link it (as for
 * libmicrohttpd, http/mhd-dl.h): xmlrpc-parse.c calls it through this
 * table, filled by dlopen() once; the table never changes afterwards.
 * The headers give the types and struct layouts only.
 */
#ifndef DARN_API_XML_DL_H
#define DARN_API_XML_DL_H

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#define XML_FUNCTIONS(X)          \
	X(xmlInitParser)          \
	X(xmlNewParserCtxt)       \
	X(xmlCtxtReadMemory)      \
	X(xmlFreeParserCtxt)      \
	X(xmlFreeDoc)             \
	X(xmlSetGenericErrorFunc) \
	X(xmlSetStructuredErrorFunc)

struct xml_api {
#define XML_POINTER(f) __typeof__(&f) f;
	XML_FUNCTIONS(XML_POINTER)
#undef XML_POINTER
};

/* The loaded (and initialised) table, or NULL with *error set (say why,
 * e.g. the library is not installed). Thread-safe; loads once per
 * process. */
const struct xml_api *xml_api(const char **error);

#endif
