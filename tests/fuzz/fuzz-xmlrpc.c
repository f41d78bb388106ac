/*
 * libFuzzer target for XML-RPC: the input is the body of a POST to
 * /xmlrpc/, parsed by libxml2 (xmlrpc-parse.c) and, when it is a call,
 * run by the dispatcher against the fuzzers' in-memory database
 * (fuzz-db.h): every read method, the argument checks and the faults.
 * No Authorization header is sent, so the writes stop at their login
 * check (a password check per run would make fuzzing crawl).
 */
#include <stdint.h>

#include "api/xmlrpc-private.h"
#include "fuzz-db.h"
#include "http/server.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xmlrpc_call call;
	char *fault = NULL;
	struct request req;
	struct response res;

	/* the parser alone: a call or a fault, never both */
	if (xmlrpc_parse((const char *)data, size, &call, &fault)) {
		g_assert_null(fault);
		g_assert_nonnull(call.method);
		xmlrpc_call_clear(&call);
	} else {
		g_assert_nonnull(fault);
		g_free(fault);
	}

	request_init(&req);
	response_init(&res);
	req.method = g_strdup("POST");
	req.path = g_strdup("/xmlrpc/");
	req.base_url = g_strdup("http://fuzz");
	req.db = fuzz_database();
	req.xmlrpc_enabled = TRUE;
	req.body = g_bytes_new(data, size);
	http_dispatch(&req, &res);
	g_assert(res.status == 200 || res.status == 503);
	request_clear(&req);
	response_clear(&res);
	return 0;
}
