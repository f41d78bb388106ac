/*
 * List endpoints (rest-api.md §2.5, §2.6, §5): the filter parameters each
 * resource accepts, how their values resolve (an unknown value empties the
 * list rather than failing), search terms, ordering, and the run of a
 * list through pagination.
 */
#include "api/api.h"

#include "mail/pystr.h"

#include <stdlib.h>

enum filter_kind {
	FK_PROJECT,	/* multi: id or linkname */
	FK_PERSON,	/* multi: id or email */
	FK_USER,	/* multi: id or username */
	FK_STATE,	/* multi: id or name */
	FK_SERIES,	/* multi: series id */
	FK_PATCH,	/* multi: patch id */
	FK_COVER,	/* multi: cover id */
	FK_USER_ID,	/* multi: user id only */
	FK_BOOL,	/* true/false/1/0, else ignored */
	FK_TEXT,	/* exact text */
	FK_MSGID,	/* exact msgid given without <> */
	FK_CHOICE,	/* one of the resource's choices, else empty */
	FK_CHECK_STATE, /* 0..3 */
	FK_SINCE,
	FK_BEFORE,
};

struct filter {
	const char *param;
	enum filter_kind kind;
	int min_minor; /* ignored below this version */
};

#define DATE_FILTERS                   \
	{"since", FK_SINCE, 0},        \
	{                              \
		"before", FK_BEFORE, 0 \
	}

static const struct filter patch_filters[] = {
	{"project", FK_PROJECT, 0},
	{"series", FK_SERIES, 0},
	{"submitter", FK_PERSON, 0},
	{"delegate", FK_USER, 0},
	{"state", FK_STATE, 0},
	{"archived", FK_BOOL, 0},
	{"hash", FK_TEXT, 2},
	{"msgid", FK_MSGID, 2},
	DATE_FILTERS,
	{NULL},
};
static const struct filter cover_filters[] = {
	{"project", FK_PROJECT, 0},
	{"series", FK_SERIES, 0},
	{"submitter", FK_PERSON, 0},
	{"msgid", FK_MSGID, 0},
	DATE_FILTERS,
	{NULL},
};
static const struct filter series_filters[] = {
	{"project", FK_PROJECT, 0},
	{"submitter", FK_PERSON, 0},
	DATE_FILTERS,
	{NULL},
};
static const struct filter no_filters[] = {{NULL}};
static const struct filter check_filters[] = {
	{"user", FK_USER, 0},
	{"state", FK_CHECK_STATE, 0},
	{"context", FK_TEXT, 0},
	DATE_FILTERS,
	{NULL},
};
static const struct filter event_filters[] = {
	{"project", FK_PROJECT, 0},
	{"category", FK_CHOICE, 0},
	{"series", FK_SERIES, 0},
	{"patch", FK_PATCH, 0},
	{"cover", FK_COVER, 0},
	{"actor", FK_USER_ID, 2},
	DATE_FILTERS,
	{NULL},
};
static const struct filter bundle_filters[] = {
	{"project", FK_PROJECT, 0},
	{"owner", FK_USER, 0},
	{"public", FK_BOOL, 0},
	{NULL},
};

static const struct filter *const filters_of[] = {
	[DB_LIST_PATCHES] = patch_filters,
	[DB_LIST_COVERS] = cover_filters,
	[DB_LIST_SERIES] = series_filters,
	[DB_LIST_PATCH_COMMENTS] = no_filters,
	[DB_LIST_COVER_COMMENTS] = no_filters,
	[DB_LIST_CHECKS] = check_filters,
	[DB_LIST_EVENTS] = event_filters,
	[DB_LIST_BUNDLES] = bundle_filters,
	[DB_LIST_PEOPLE] = no_filters,
	[DB_LIST_USERS] = no_filters,
};
G_STATIC_ASSERT(G_N_ELEMENTS(filters_of) == DB_LIST_USERS + 1);

static const char *const event_categories[] = {
	"cover-created",	 "patch-created",
	"patch-completed",	 "patch-state-changed",
	"patch-delegated",	 "patch-relation-changed",
	"check-created",	 "series-created",
	"series-completed",	 "cover-comment-created",
	"patch-comment-created", NULL,
};

/*
 * since/before (django-filter's IsoDateTimeField): ISO 8601 date and
 * time with 'T' or ' ', optional seconds and fraction; a date alone is
 * midnight. A zone designator is converted to UTC (the reference fails
 * there on SQLite, §13.5).
 */
static gboolean parse_datetime(const char *s, gint64 *us)
{
	g_autofree char *text = g_strstrip(g_strdup(s));
	gsize len = strlen(text);
	if (len < 10 || len > 64)
		return FALSE;
	if (len == 10) {
		char *t = g_strconcat(text, "T00:00:00", NULL);
		g_free(text);
		text = t;
	} else if (text[10] == ' ') {
		text[10] = 'T';
	}
	g_autoptr(GTimeZone) utc = g_time_zone_new_utc();
	g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601(text, utc);
	if (!dt)
		return FALSE;
	*us = g_date_time_to_unix(dt) * G_USEC_PER_SEC +
	      g_date_time_get_microsecond(dt);
	return TRUE;
}

static const char *resolve_kind(enum filter_kind k)
{
	switch (k) {
	case FK_PROJECT:
		return "project";
	case FK_PERSON:
		return "person";
	case FK_USER:
		return "user";
	case FK_STATE:
		return "state";
	case FK_SERIES:
		return "series";
	case FK_PATCH:
		return "patch";
	case FK_COVER:
		return "cover";
	default:
		return NULL;
	}
}

/* The values of parameter `name`: all of them from 1.1 (multi-valued
 * filters), the last one on 1.0 (Django's QueryDict.get). */
static GPtrArray *param_values(struct api *a, const char *name)
{
	GPtrArray *values = g_ptr_array_new();
	for (guint i = 0; i < a->req->params->len; i++) {
		const struct http_param *p = a->req->params->pdata[i];
		if (strcmp(p->name, name) != 0)
			continue;
		if (!api_at_least(a, 1))
			g_ptr_array_set_size(values, 0);
		g_ptr_array_add(values, p->value);
	}
	return values;
}

/* One filter's parameter into a condition of l. */
static void add_filter(struct api *a, struct db_list *l, const struct filter *f,
		       GPtrArray *values)
{
	const char *last = values->pdata[values->len - 1];
	gint64 v = 0;

	if (f->kind == FK_BOOL) {
		/* anything else: the filter is ignored */
		if (!g_ascii_strcasecmp(last, "true") || !strcmp(last, "1"))
			v = 1;
		else if (!g_ascii_strcasecmp(last, "false") ||
			 !strcmp(last, "0"))
			v = 0;
		else
			return;
	}
	struct db_cond *c = db_list_add(l, f->param);
	if (!c) {
		l->empty = TRUE;
		return;
	}
	switch (f->kind) {
	case FK_BOOL:
		c->value = v;
		return;
	case FK_TEXT:
		c->text = last;
		return;
	case FK_MSGID:
		c->text = api_keep(a, g_strdup_printf("<%s>", last));
		return;
	case FK_CHOICE:
		c->text = last;
		for (const char *const *k = event_categories; *k; k++)
			if (strcmp(*k, last) == 0)
				return;
		l->empty = TRUE;
		return;
	case FK_CHECK_STATE:
		/* the stored code, not the name (§9.1) */
		if (!py_parse_int(last, &c->value) || c->value < 0 ||
		    c->value > 3)
			l->empty = TRUE;
		return;
	case FK_SINCE:
	case FK_BEFORE:
		c->field = f->kind == FK_SINCE ? "since" : "before";
		if (!parse_datetime(last, &c->value))
			l->empty = TRUE;
		return;
	case FK_USER_ID:
		for (guint i = 0; i < values->len; i++) {
			if (c->n_ids >= DB_LIST_MAX_IDS ||
			    !py_parse_int(values->pdata[i], &v)) {
				l->empty = TRUE;
				return;
			}
			c->ids[c->n_ids++] = v;
		}
		return;
	default:
		break;
	}
	/* multi-valued: every value must name an existing object */
	for (guint i = 0; i < values->len; i++) {
		gint64 id;
		enum db_status st =
			c->n_ids < DB_LIST_MAX_IDS
				? db_resolve(a->req->db, resolve_kind(f->kind),
					     values->pdata[i], &id, NULL)
				: DB_NOT_FOUND;
		if (st != DB_OK) {
			l->empty = TRUE;
			return;
		}
		c->ids[c->n_ids++] = id;
	}
}

void api_list_from_params(struct api *a, struct db_list *l)
{
	const struct filter *filters = filters_of[l->resource];

	for (const struct filter *f = filters; f->param; f++) {
		if (!api_at_least(a, f->min_minor))
			continue;
		g_autoptr(GPtrArray) values = param_values(a, f->param);
		if (values->len)
			add_filter(a, l, f, values);
	}
	l->terms = api_search_terms(a);
	if (l->terms)
		api_keep_strv(a, l->terms);
	/* unknown names are the store's to drop */
	char **fields = api_order_fields(a, NULL);
	if (fields)
		api_keep_strv(a, fields);
	for (char **f = fields; f && *f && l->n_order < DB_LIST_MAX_ORDER; f++)
		l->order[l->n_order++] = *f;
}

void api_list_run(struct api *a, struct db_list *l, api_page_reader prefetch,
		  api_row_writer write_one)
{
	gint64 total, offset, limit;
	g_autoptr(GArray) ids = NULL;

	g_autoptr(GError) error = NULL;
	/* the page asked for goes with the count (one round trip on
	 * PostgreSQL); the count decides whether it is there */
	if (api_page_asked(a, &offset, &limit))
		db_list_ids_prefetch(a->req->db, l, offset, limit);
	enum db_status st = db_list_count(a->req->db, l, &total, &error);
	if (st != DB_OK) {
		api_store_failed(a, st, error);
		return;
	}
	if (!api_paginate(a, total, &offset, &limit))
		return;
	st = db_list_ids(a->req->db, l, offset, limit, &ids, &error);
	if (st != DB_OK) {
		api_store_failed(a, st, error);
		return;
	}
	if (prefetch && !prefetch(a, ids))
		return;
	json_array_begin(&a->json);
	for (guint i = 0; i < ids->len; i++)
		if (!write_one(a, g_array_index(ids, gint64, i)))
			return;
	json_array_end(&a->json);
}
