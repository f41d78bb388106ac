/*
 * patch_list and check_list (web-and-mbox.md §2.3): a filter struct of
 * Django lookups ("name__icontains", "date__gt"...). What the store's
 * list query can select (project, submitter, state, archived, hash,
 * msgid; a check's patch, project and user) it selects; every lookup is
 * then checked here on each row with Django's semantics on SQLite (LIKE
 * folds ASCII case), so a row the store let through in excess drops out.
 */
#include "api/xmlrpc-private.h"

static const char *const lookups[] = {
	"iexact", "contains",	"icontains",   "gt",	   "gte",	"lt",
	"in",	  "startswith", "istartswith", "endswith", "iendswith", "range",
	"year",	  "month",	"day",	       "isnull",   NULL};

/* One "FIELD[__LOOKUP]" key with its value. */
struct lookup {
	char *field;
	const char *op; /* "exact" when none */
	const struct xv *value;
};

static void lookup_clear(gpointer p)
{
	g_free(((struct lookup *)p)->field);
}

/* Splits the filter's keys; FALSE when one names a field outside `ok`
 * or an unknown lookup (Patchwork then answers []). */
static gboolean split_filter(const struct xv *filt, const char *const *ok,
			     GArray *out)
{
	for (guint i = 0; filt && i < filt->items->len; i++) {
		const struct xv *m = g_ptr_array_index(filt->items, i);
		if (xv_member(filt, m->name) != m)
			continue; /* a repeated key: the last one counts */
		g_auto(GStrv) parts = g_strsplit(m->name, "__", 3);
		if (!parts[0] || !g_strv_contains(ok, parts[0]))
			return FALSE;
		if (parts[1] && !g_strv_contains(lookups, parts[1]))
			return FALSE;
		struct lookup l = {
			g_strdup(parts[0]),
			parts[1] ? g_intern_string(parts[1]) : "exact", m};
		g_array_append_val(out, l);
	}
	return TRUE;
}

/*
 * The filter argument of patch_list and check_list split into *keys:
 * None or absent is {}. FALSE with a fault for a filter that is not a
 * struct; *known FALSE when a key names another field or lookup.
 */
static gboolean filter_arg(struct xmlrpc_ctx *ctx, const GPtrArray *args,
			   const char *const *ok, GArray **keys,
			   gboolean *known)
{
	const struct xv *filt = args->len ? g_ptr_array_index(args, 0) : NULL;
	*keys = g_array_new(FALSE, TRUE, sizeof(struct lookup));
	g_array_set_clear_func(*keys, lookup_clear);
	if (filt && filt->type == XV_NIL)
		filt = NULL;
	if (filt && filt->type != XV_STRUCT) {
		xmlrpc_fail(ctx,
			    "<class 'AttributeError'>:'%s' object has no "
			    "attribute 'keys'",
			    filt->type == XV_INT ? "int" : "str");
		return FALSE;
	}
	*known = split_filter(filt, ok, *keys);
	return TRUE;
}

/* ---- one row's field against one lookup ---------------------------------- */

enum kind { K_INT, K_TEXT, K_TIME };

struct cell {
	enum kind kind;
	gboolean null;
	gint64 i;	  /* K_INT, K_TIME (µs) */
	const char *text; /* K_TEXT */
};

/* A time value as Django parses it: "YYYY-MM-DD[( |T)HH:MM[:SS[.f]]]". */
static gboolean parse_time(const struct xv *v, gint64 *us)
{
	if (v->type != XV_STRING && v->type != XV_DATETIME)
		return FALSE;
	int y, mo, d, h = 0, mi = 0, n = 0;
	double s = 0;
	if (sscanf(v->s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) < 3 &&
	    sscanf(v->s, "%4d%2d%2d%n", &y, &mo, &d, &n) < 3)
		return FALSE;
	const char *rest = v->s + n;
	if (*rest == ' ' || *rest == 'T') {
		int m = 0;
		if (sscanf(rest + 1, "%2d:%2d%n", &h, &mi, &m) < 2)
			return FALSE;
		rest += 1 + m;
		if (*rest == ':') {
			char *end;
			s = g_ascii_strtod(rest + 1, &end);
			rest = end;
		}
	}
	if (*rest)
		return FALSE;
	g_autoptr(GDateTime) t =
		g_date_time_new_utc(y, mo, d, h, mi, CLAMP(s, 0, 59.999999));
	if (!t)
		return FALSE;
	*us = g_date_time_to_unix(t) * G_USEC_PER_SEC +
	      g_date_time_get_microsecond(t);
	return TRUE;
}

/* The value as text, as Django's str() of it for a text column. */
static char *value_text(const struct xv *v)
{
	switch (v->type) {
	case XV_INT:
		return g_strdup_printf("%" G_GINT64_FORMAT, v->i);
	case XV_BOOL:
		return g_strdup(v->i ? "True" : "False");
	case XV_NIL:
		return g_strdup("None");
	default:
		return g_strdup(v->s ? v->s : "");
	}
}

/* Compares the cell with one value: <0, 0, >0; FALSE with a fault when
 * the value cannot be read as the field's type. */
static gboolean compare(struct xmlrpc_ctx *ctx, const char *field,
			const struct cell *c, const struct xv *v, int *cmp)
{
	gint64 x;
	if (c->kind == K_TEXT) {
		g_autofree char *t = value_text(v);
		*cmp = strcmp(c->text ? c->text : "", t);
		return TRUE;
	}
	if (c->kind == K_TIME ? !parse_time(v, &x) : !xmlrpc_arg_id(v, &x)) {
		g_autofree char *t = value_text(v);
		xmlrpc_fail(
			ctx,
			c->kind == K_TIME
				? "<class "
				  "'django.core.exceptions.ValidationError'>"
				  ":['“%.80s” value has an invalid format.']"
				: "<class 'ValueError'>:Field '%s' expected a "
				  "number but got '%.80s'.",
			c->kind == K_TIME ? t : field,
			c->kind == K_TIME ? "" : t);
		return FALSE;
	}
	*cmp = c->i < x ? -1 : c->i > x;
	return TRUE;
}

/* LIKE without wildcards: equality ignoring ASCII case, at `where`
 * (0 whole, 1 prefix, 2 suffix, 3 anywhere). */
static gboolean like(const char *hay, const char *needle, int where)
{
	g_autofree char *h = g_ascii_strdown(hay, -1);
	g_autofree char *n = g_ascii_strdown(needle, -1);
	gsize hl = strlen(h), nl = strlen(n);
	switch (where) {
	case 0:
		return strcmp(h, n) == 0;
	case 1:
		return g_str_has_prefix(h, n);
	case 2:
		return hl >= nl && strcmp(h + hl - nl, n) == 0;
	default:
		return strstr(h, n) != NULL;
	}
}

static gboolean matches(struct xmlrpc_ctx *ctx, const char *field,
			const struct cell *c, const struct lookup *l,
			gboolean *out)
{
	const char *op = l->op;
	const struct xv *v = l->value;
	int cmp;

	*out = FALSE;
	if (strcmp(op, "isnull") == 0) {
		gboolean want = v->type == XV_STRING ? v->len > 0 : v->i != 0;
		*out = c->null == want;
		return TRUE;
	}
	if (!strcmp(op, "year") || !strcmp(op, "month") || !strcmp(op, "day")) {
		gint64 want;
		if (c->kind != K_TIME) {
			xmlrpc_fail(ctx,
				    "<class "
				    "'django.core.exceptions.FieldError'>:"
				    "Unsupported lookup '%s' for field "
				    "'%s'",
				    op, field);
			return FALSE;
		}
		if (!xmlrpc_arg_id(v, &want))
			return TRUE;
		g_autoptr(GDateTime) t =
			g_date_time_new_from_unix_utc(c->i / G_USEC_PER_SEC);
		int part = !strcmp(op, "year") ? g_date_time_get_year(t)
			   : !strcmp(op, "month")
				   ? g_date_time_get_month(t)
				   : g_date_time_get_day_of_month(t);
		*out = part == want;
		return TRUE;
	}
	if (c->null)
		return TRUE; /* NULL matches no comparison */
	if (!strcmp(op, "in") || !strcmp(op, "range")) {
		if (v->type != XV_ARRAY)
			return TRUE;
		if (!strcmp(op, "range")) {
			int lo, hi;
			if (v->items->len != 2)
				return TRUE;
			if (!compare(ctx, field, c,
				     g_ptr_array_index(v->items, 0), &lo) ||
			    !compare(ctx, field, c,
				     g_ptr_array_index(v->items, 1), &hi))
				return FALSE;
			*out = lo >= 0 && hi <= 0;
			return TRUE;
		}
		for (guint i = 0; i < v->items->len && !*out; i++) {
			if (!compare(ctx, field, c,
				     g_ptr_array_index(v->items, i), &cmp))
				return FALSE;
			*out = cmp == 0;
		}
		return TRUE;
	}
	static const char *const likes[] = {
		"iexact",     "istartswith", "iendswith", "icontains",
		"startswith", "endswith",    "contains"};
	for (int k = 0; k < (int)G_N_ELEMENTS(likes); k++) {
		if (strcmp(op, likes[k]) != 0)
			continue;
		g_autofree char *cell =
			c->kind == K_TEXT
				? g_strdup(c->text)
				: g_strdup_printf("%" G_GINT64_FORMAT, c->i);
		g_autofree char *t = value_text(v);
		*out = like(cell, t, k < 4 ? k : k - 3);
		return TRUE;
	}
	if (!compare(ctx, field, c, v, &cmp))
		return FALSE;
	*out = !strcmp(op, "exact") ? cmp == 0
	       : !strcmp(op, "gt")  ? cmp > 0
	       : !strcmp(op, "gte") ? cmp >= 0
				    : cmp < 0; /* lt */
	return TRUE;
}

/* ---- patch_list ------------------------------------------------------------
 */

static const char *const patch_fields[] = {
	"id",	    "name",	 "project_id", "submitter_id", "delegate_id",
	"archived", "state_id",	 "date",       "commit_ref",   "hash",
	"msgid",    "max_count", NULL};

static struct cell patch_cell(const struct db_submission *s, const char *field)
{
	struct cell c = {K_TEXT, FALSE, 0, NULL};
	if (!strcmp(field, "id")) {
		c.kind = K_INT;
		c.i = s->id;
	} else if (!strcmp(field, "archived")) {
		c.kind = K_INT;
		c.i = s->archived;
	} else if (!strcmp(field, "date")) {
		c.kind = K_TIME;
		c.i = s->date;
	} else {
		c.text = !strcmp(field, "name")	   ? s->name
			 : !strcmp(field, "msgid") ? s->msgid
			 : !strcmp(field, "hash")  ? s->hash
						   : s->commit_ref;
		c.null = !c.text;
	}
	return c;
}

/* Patches are read this many at a time: a statement for each chunk,
 * not one per patch, and memory bounded however long the list. */
#define PATCH_CHUNK 500

static gint by_position(gconstpointer a, gconstpointer b, gpointer positions)
{
	guint pa = GPOINTER_TO_UINT(g_hash_table_lookup(
		positions, &((const struct db_submission *)a)->id));
	guint pb = GPOINTER_TO_UINT(g_hash_table_lookup(
		positions, &((const struct db_submission *)b)->id));
	return pa < pb ? -1 : pa > pb;
}

/* The patches (list form) of ids[from, to) into *out (a GArray of struct
 * db_submission, the caller's), in the order of ids; a failure is
 * answered. */
static enum db_status read_patches(struct xmlrpc_ctx *ctx, const GArray *ids,
				   guint from, guint to, GArray **out)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) want = g_array_new(FALSE, FALSE, sizeof(gint64));
	g_array_append_vals(want, &g_array_index(ids, gint64, from), to - from);
	enum db_status st =
		db_get_many(ctx->req->db, DB_OBJ_PATCH, want, out, &error);
	if (st != DB_OK) {
		xmlrpc_store_failed(ctx, error);
		return st;
	}
	g_autoptr(GHashTable) positions =
		g_hash_table_new(g_int64_hash, g_int64_equal);
	for (guint i = 0; i < want->len; i++)
		g_hash_table_insert(positions, &g_array_index(want, gint64, i),
				    GUINT_TO_POINTER(i));
	g_array_sort_with_data(*out, by_position, positions);
	return DB_OK;
}

/* The condition of a resolved relation (project_id, submitter_id,
 * state_id: Project.objects.filter(id=v)[0], any lookup ignored); FALSE
 * when there is no such object (patch_list then answers []). */
static gboolean resolve(struct xmlrpc_ctx *ctx, struct db_list *l,
			const char *kind, const char *cond, const struct xv *v)
{
	gint64 id;
	if (!xmlrpc_arg_id(v, &id))
		return FALSE;
	g_autofree char *text = g_strdup_printf("%" G_GINT64_FORMAT, id);
	g_autoptr(GError) error = NULL;
	if (!xmlrpc_found(ctx,
			  db_resolve(ctx->req->db, kind, text, &id, &error),
			  &error))
		return FALSE;
	struct db_cond *c = db_list_add(l, cond);
	if (c)
		c->ids[c->n_ids++] = id;
	return TRUE;
}

void xmlrpc_patch_list(struct xmlrpc_ctx *ctx, const GPtrArray *args,
		       struct xw *w)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) keys = NULL;
	const struct xv *max = NULL;
	struct db_list l = {
		.resource = DB_LIST_PATCHES, .order = {"date"}, .n_order = 1};
	g_autoptr(GPtrArray) checked = g_ptr_array_new(); /* struct lookup* */
	gboolean known;

	if (!filter_arg(ctx, args, patch_fields, &keys, &known))
		return;
	for (guint i = 0; known && i < keys->len; i++) {
		struct lookup *k = &g_array_index(keys, struct lookup, i);
		if (!strcmp(k->field, "project_id"))
			known = resolve(ctx, &l, "project", "project",
					k->value);
		else if (!strcmp(k->field, "submitter_id"))
			known = resolve(ctx, &l, "person", "submitter",
					k->value);
		else if (!strcmp(k->field, "state_id"))
			known = resolve(ctx, &l, "state", "state", k->value);
		else if (!strcmp(k->field, "delegate_id")) {
			/* Patchwork resolves a Person, then Django refuses
			 * it for the User column: a fault (§2.3) */
			g_autoptr(db_person) p = NULL;
			gint64 id;
			known = xmlrpc_arg_id(k->value, &id) &&
				xmlrpc_found(ctx,
					     db_person_get(ctx->req->db, id, &p,
							   &error),
					     &error);
			if (known) {
				g_autofree char *who =
					xmlrpc_person_text(p->name, p->email);
				xmlrpc_fail(
					ctx,
					"<class 'ValueError'>:Cannot query "
					"\"%s\": Must be \"User\" instance.",
					who);
				return;
			}
		} else if (!strcmp(k->field, "max_count"))
			max = k->value;
		else
			g_ptr_array_add(checked, k);
	}
	if (!known) {
		xw_array_begin(w);
		xw_array_end(w);
		return;
	}
	/* narrow what the store selects by the lookups it knows: a
	 * superset of the matches at worst, which the checks below trim */
	g_autoptr(GPtrArray) terms = g_ptr_array_new();
	for (guint i = 0; i < checked->len; i++) {
		const struct lookup *k = g_ptr_array_index(checked, i);
		const struct xv *v = k->value;
		gint64 us;
		struct db_cond *c = NULL;
		gboolean text = v->type == XV_STRING && strlen(v->s) == v->len;
		if (!strcmp(k->field, "name") && text &&
		    (!strcmp(k->op, "contains") || !strcmp(k->op, "icontains")))
			g_ptr_array_add(terms, v->s); /* LIKE on the name */
		else if (!strcmp(k->field, "date") && parse_time(v, &us) &&
			 (!strcmp(k->op, "gt") || !strcmp(k->op, "gte")) &&
			 (c = db_list_add(&l, "since")))
			c->value = us;
		else if (!strcmp(k->field, "date") && parse_time(v, &us) &&
			 !strcmp(k->op, "lt") &&
			 (c = db_list_add(&l, "before")))
			c->value = us;
		if (strcmp(k->op, "exact") != 0 || v->type == XV_ARRAY)
			continue;
		if (!strcmp(k->field, "archived") &&
		    (k->value->type == XV_BOOL || k->value->type == XV_INT) &&
		    (c = db_list_add(&l, "archived")))
			c->value = k->value->i != 0;
		else if ((!strcmp(k->field, "hash") ||
			  !strcmp(k->field, "msgid")) &&
			 k->value->type == XV_STRING &&
			 (c = db_list_add(&l, k->field)))
			c->text = k->value->s;
	}
	if (terms->len) {
		g_ptr_array_add(terms, NULL);
		l.terms = (char **)terms->pdata;
	}
	gint64 n, from, to;
	g_autoptr(GArray) ids = NULL;
	if (db_list_count(ctx->req->db, &l, &n, &error) != DB_OK ||
	    db_list_ids(ctx->req->db, &l, 0, checked->len ? n : 0, &ids,
			&error) != DB_OK) {
		xmlrpc_store_failed(ctx, error);
		return;
	}
	g_autoptr(GArray) hits =
		checked->len ? g_array_new(FALSE, FALSE, sizeof(gint64)) : NULL;
	for (guint start = 0; hits && start < ids->len; start += PATCH_CHUNK) {
		g_autoptr(GArray) chunk = NULL;
		if (read_patches(ctx, ids, start,
				 MIN(ids->len, start + PATCH_CHUNK),
				 &chunk) != DB_OK)
			return;
		for (guint i = 0; i < chunk->len; i++) {
			const struct db_submission *s =
				&g_array_index(chunk, struct db_submission, i);
			gboolean all = TRUE;
			for (guint k = 0; k < checked->len && all; k++) {
				const struct lookup *lk =
					g_ptr_array_index(checked, k);
				struct cell c = patch_cell(s, lk->field);
				if (!matches(ctx, lk->field, &c, lk, &all))
					return;
			}
			if (all)
				g_array_append_val(hits, s->id);
		}
	}
	if (!xmlrpc_slice(ctx, hits ? hits->len : n, max, &from, &to))
		return;
	if (!hits) {
		g_clear_pointer(&ids, g_array_unref);
		if (db_list_ids(ctx->req->db, &l, from, to - from, &ids,
				&error) != DB_OK) {
			xmlrpc_store_failed(ctx, error);
			return;
		}
		from = 0;
		to = ids->len;
	}
	const GArray *page = hits ? hits : ids;
	g_autoptr(xmlrpc_patches) pw = xmlrpc_patches_new(ctx);
	if (!pw)
		return;
	xw_array_begin(w);
	for (gint64 start = from; start < to; start += PATCH_CHUNK) {
		g_autoptr(GArray) chunk = NULL;
		if (read_patches(ctx, page, (guint)start,
				 (guint)MIN(to, start + PATCH_CHUNK),
				 &chunk) != DB_OK)
			return;
		for (guint i = 0; i < chunk->len; i++)
			if (!xmlrpc_write_patch(
				    pw, w,
				    &g_array_index(chunk, struct db_submission,
						   i)))
				return;
	}
	xw_array_end(w);
}

/* ---- check_list ------------------------------------------------------------
 */

static const char *const check_fields[] = {
	"id", "user", "project_id", "patch_id", "max_count", NULL};

void xmlrpc_check_list(struct xmlrpc_ctx *ctx, const GPtrArray *args,
		       struct xw *w)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) keys = NULL;
	const struct xv *max = NULL;
	struct db_list l = {
		.resource = DB_LIST_ALL_CHECKS, .order = {"id"}, .n_order = 1};
	g_autoptr(GPtrArray) checked = g_ptr_array_new();
	gboolean known;

	if (!filter_arg(ctx, args, check_fields, &keys, &known))
		return;
	if (!known) {
		xw_array_begin(w);
		xw_array_end(w);
		return;
	}
	for (guint i = 0; i < keys->len; i++) {
		struct lookup *k = &g_array_index(keys, struct lookup, i);
		gboolean project = !strcmp(k->field, "project_id");
		if (project || !strcmp(k->field, "patch_id")) {
			/* X.objects.filter(id=v)[0]: IndexError when none */
			gint64 id;
			g_autofree char *text = NULL;
			gboolean found = xmlrpc_arg_id(k->value, &id);
			if (found) {
				text = g_strdup_printf("%" G_GINT64_FORMAT, id);
				g_autoptr(GError) error = NULL;
				found = xmlrpc_found(
					ctx,
					db_resolve(ctx->req->db,
						   project ? "project"
							   : "patch",
						   text, &id, &error),
					&error);
			}
			if (!found) {
				xmlrpc_fail(ctx, "<class 'IndexError'>:list "
						 "index out of range");
				return;
			}
			struct db_cond *c =
				db_list_add(&l, project ? "project" : "patch");
			if (c)
				c->ids[c->n_ids++] = id;
		} else if (!strcmp(k->field, "max_count")) {
			max = k->value;
		} else {
			g_ptr_array_add(checked, k);
		}
	}
	gint64 n, from, to;
	g_autoptr(GArray) ids = NULL;
	if (db_list_count(ctx->req->db, &l, &n, &error) != DB_OK ||
	    db_list_ids(ctx->req->db, &l, 0, n, &ids, &error) != DB_OK) {
		xmlrpc_store_failed(ctx, error);
		return;
	}
	g_autoptr(GArray) hits = g_array_new(FALSE, FALSE, sizeof(gint64));
	for (guint i = 0; i < ids->len; i++) {
		g_auto(db_check) chk = {0};
		gint64 id = g_array_index(ids, gint64, i);
		gboolean all = TRUE;
		if (checked->len &&
		    db_check_get(ctx->req->db, id, &chk, &error) != DB_OK) {
			xmlrpc_store_failed(ctx, error);
			return;
		}
		for (guint k = 0; k < checked->len && all; k++) {
			const struct lookup *lk = g_ptr_array_index(checked, k);
			struct cell c = {K_INT, FALSE,
					 !strcmp(lk->field, "id") ? chk.id
								  : chk.user.id,
					 NULL};
			if (!matches(ctx, lk->field, &c, lk, &all))
				return;
		}
		if (all)
			g_array_append_val(hits, id);
	}
	if (!xmlrpc_slice(ctx, hits->len, max, &from, &to))
		return;
	xw_array_begin(w);
	for (gint64 i = from; i < to && !ctx->busy; i++)
		xmlrpc_write_check(ctx, w, g_array_index(hits, gint64, i));
	xw_array_end(w);
}
