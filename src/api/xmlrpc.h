/*
 * Patchwork's XML-RPC API at /xmlrpc/ (web-and-mbox.md §2): what
 * pwclient's XML-RPC backend and post-receive hooks call. docs/xmlrpc.md
 * describes it for users.
 */
#ifndef DARN_API_XMLRPC_H
#define DARN_API_XMLRPC_H

#include "http/http.h"

/* Handles a request for "/xmlrpc/": POST a methodCall, GET the
 * documentation page, anything else (HEAD too) a redirect to "/"; 404 when
 * req->xmlrpc_enabled is FALSE. Runs inside http_dispatch's read
 * transaction, which it replaces with a write one for patch_set and
 * check_create. */
void xmlrpc_handle(struct request *req, struct response *res);

#endif
