/*
 * db.h: the only door to darn's database.
 *
 * Everything above store/ (core/, cmd/, api/, web/) reads and writes
 * through these functions; no SQL exists outside store/. The database is
 * SQLite (a file path) or PostgreSQL (a postgresql:// URI) behind the same
 * functions (store/backend.h); nothing above store/ knows which.
 *
 * The declarations live in one header per area, all included here:
 * db-conn.h (connections, transactions, schema), db-people.h (projects,
 * people, accounts), db-ingest.h (what ingest stores), db-read.h (the
 * API's lists and rows), db-download.h (mbox and raw downloads),
 * db-edit.h (the API's writes), db-copy.h (darn db copy, statistics),
 * db-web.h (what the HTML pages read), db-web-accounts.h (sessions,
 * failed logins, confirmations), db-web-series.h (the series pages),
 * db-web-bundle.h (the bundle and todo pages), db-web-forms.h (the patch
 * forms), db-notification.h (pending patch-change notifications).
 *
 * Conventions:
 * - Functions return an enum db_status; on anything but DB_OK/DB_NOT_FOUND
 *   they also set *error (may be NULL) with a message fit for a user.
 * - Strings returned through out-parameters are newly allocated and owned by
 *   the caller (g_free); structs have a *_clear function.
 * - Times are microseconds since the epoch, UTC. Ids are gint64; 0 means
 *   "none" wherever an id is optional.
 * - Write functions must run inside db_begin_write() ... db_commit().
 */
#ifndef DARN_STORE_DB_H
#define DARN_STORE_DB_H

#include "store/db-conn.h"
#include "store/db-copy.h"
#include "store/db-download.h"
#include "store/db-edit.h"
#include "store/db-ingest.h"
#include "store/db-notification.h"
#include "store/db-people.h"
#include "store/db-read.h"
#include "store/db-web-accounts.h"
#include "store/db-web-series.h"
#include "store/db-web-bundle.h"
#include "store/db-web-forms.h"
#include "store/db-web.h"

#endif
