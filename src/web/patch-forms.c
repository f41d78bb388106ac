/*
 * The patch forms (see patch-forms.h): the list's bulk forms and the
 * patch page's edit and bundle forms, read as Django reads Patchwork's
 * MultiplePatchForm and PatchForm, and written with their fields, names
 * and values (the golden pages compare forms field by field); the
 * markup around them is darn's.
 */
#include "web/patch-forms.h"

#include "core/permission.h"
#include "http/csrf.h"
#include "mail/pystr.h"
#include "web/auth.h"

/* Django's messages of a choice field. */
#define MSG_REQUIRED "This field is required."
#define MSG_INVALID_CHOICE                                      \
	"Select a valid choice. That choice is not one of the " \
	"available choices."
#define MSG_INVALID_ARCHIVED                                     \
	"Select a valid choice. %s is not one of the available " \
	"choices."

void form_choices_clear(struct form_choices *c)
{
	g_clear_pointer(&c->states, g_ptr_array_unref);
	g_clear_pointer(&c->delegates, g_ptr_array_unref);
	g_clear_pointer(&c->bundles, g_array_unref);
}

static gint by_user_id(gconstpointer a, gconstpointer b)
{
	const struct db_user *x = *(struct db_user *const *)a;
	const struct db_user *y = *(struct db_user *const *)b;
	return x->id < y->id ? -1 : x->id > y->id;
}

void form_choices_prefetch(struct web *w, gint64 project_id)
{
	/* the states go with the caller's own reads (web_states_prefetch):
	 * sent twice, the first sending would be wasted */
	struct db *db = w->req->db;
	db_project_maintainers_prefetch(db, project_id);
	if (w->user_id)
		db_form_bundles_prefetch(db, w->user_id);
}

enum db_status form_choices_read(struct web *w, gint64 project_id,
				 gint64 delegate_id, struct form_choices *c,
				 GError **error)
{
	struct db *db = w->req->db;
	enum db_status st = web_states(w, &c->states, error);
	if (st == DB_OK)
		st = db_project_maintainers(db, project_id, &c->delegates,
					    error);
	if (st != DB_OK)
		return st;
	gboolean listed = !delegate_id;
	for (guint i = 0; i < c->delegates->len; i++)
		listed |= ((struct db_user *)c->delegates->pdata[i])->id ==
			  delegate_id;
	if (!listed) {
		/* a delegate who no longer maintains the project stays a
		 * choice (PatchForm's "| Q(username=instance.delegate)") */
		struct db_user *u = NULL;
		st = db_user_get(db, delegate_id, &u, error);
		if (st == DB_OK)
			g_ptr_array_add(c->delegates, u);
		else if (st != DB_NOT_FOUND)
			return st;
	}
	g_ptr_array_sort(c->delegates, by_user_id);
	if (w->user_id)
		return db_form_bundles(db, w->user_id, &c->bundles, error);
	return DB_OK;
}

/* The id of `value` among the states (state) or the delegates, as
 * Django's ModelChoiceField looks a pk up (Python's int()); 0 when it
 * is none of them. */
static gint64 choice(const struct form_choices *c, gboolean state,
		     const char *value)
{
	gint64 id;
	if (!py_parse_int(value, &id))
		return 0;
	const GPtrArray *a = state ? c->states : c->delegates;
	for (guint i = 0; i < a->len; i++) {
		gint64 k = state ? ((struct db_state *)a->pdata[i])->id
				 : ((struct db_user *)a->pdata[i])->id;
		if (k == id)
			return id;
	}
	return 0;
}

/* A required state: "" is Django's empty value. */
static void read_state(const struct form_choices *c, const char *v,
		       struct properties_form *f)
{
	if (!v || !*v) {
		f->state_error = MSG_REQUIRED;
		return;
	}
	f->state_id = choice(c, TRUE, v);
	f->set_state = f->state_id != 0;
	if (!f->set_state)
		f->state_error = MSG_INVALID_CHOICE;
}

/* An optional delegate: "" (or no field) is none. */
static void read_delegate(const struct form_choices *c, const char *v,
			  struct properties_form *f)
{
	f->set_delegate = TRUE;
	if (!v || !*v)
		return;
	f->delegate_id = choice(c, FALSE, v);
	if (!f->delegate_id) {
		f->set_delegate = FALSE;
		f->delegate_error = MSG_INVALID_CHOICE;
	}
}

void properties_form_read_list(struct web *w, const struct form_choices *c,
			       struct properties_form *f)
{
	memset(f, 0, sizeof(*f));
	/* OptionalModelChoiceField and OptionalBooleanField: "*" is "no
	 * change" and is checked before anything else */
	const char *state = web_form(w, "state");
	if (!state || strcmp(state, "*") != 0)
		read_state(c, state, f);
	const char *delegate = web_form(w, "delegate");
	if (!delegate || strcmp(delegate, "*") != 0)
		read_delegate(c, delegate, f);
	const char *archived = web_form(w, "archived");
	if (!archived || !*archived) {
		f->archived_error = MSG_REQUIRED;
	} else if (strcmp(archived, "True") == 0 ||
		   strcmp(archived, "False") == 0) {
		f->set_archived = TRUE;
		f->archived = archived[0] == 'T';
	} else if (strcmp(archived, "*") != 0) {
		f->archived_error = MSG_INVALID_ARCHIVED;
	}
}

void properties_form_read_patch(struct web *w, const struct form_choices *c,
				struct properties_form *f)
{
	memset(f, 0, sizeof(*f));
	read_state(c, web_form(w, "state"), f);
	read_delegate(c, web_form(w, "delegate"), f);
	/* Django's CheckboxInput: absent is False; "true"/"false" in any
	 * case; any other value is Python's bool() of the text */
	const char *archived = web_form(w, "archived");
	f->set_archived = TRUE;
	f->archived = archived && *archived &&
		      g_ascii_strcasecmp(archived, "false") != 0;
}

char *properties_form_message(const char *error, const char *value)
{
	/* the one message with the value in it */
	if (strcmp(error, MSG_INVALID_ARCHIVED) == 0)
		return g_strdup_printf(MSG_INVALID_ARCHIVED,
				       value ? value : "");
	return g_strdup(error);
}

gboolean properties_form_valid(const struct properties_form *f)
{
	return !f->state_error && !f->delegate_error && !f->archived_error;
}

/* A positive id as Python's int() reads it, else 0. */
static gint64 form_id(const char *value)
{
	gint64 id;
	return value && py_parse_int(value, &id) && id > 0 ? id : 0;
}

void form_selection(struct web *w, GArray **patch_ids, GArray **series_ids)
{
	*patch_ids = g_array_new(FALSE, FALSE, sizeof(gint64));
	*series_ids = g_array_new(FALSE, FALSE, sizeof(gint64));
	const GPtrArray *form = web_form_fields(w);
	for (guint i = 0; i < form->len; i++) {
		const struct http_param *p = form->pdata[i];
		/* Patchwork's get_patch_ids(): "patch_id:<id>" with a
		 * non-empty value, one ':' only */
		if (g_str_has_prefix(p->name, "patch_id:") && *p->value &&
		    !strchr(p->name + 9, ':')) {
			gint64 id = form_id(p->name + 9);
			if (id)
				g_array_append_val(*patch_ids, id);
		} else if (strcmp(p->name, "series_id") == 0) {
			gint64 id = form_id(p->value);
			if (id)
				g_array_append_val(*series_ids, id);
		}
	}
}

gboolean list_form_posted(struct web *w)
{
	const char *form = NULL;
	if (!csrf_safe_method(w->req->method))
		form = web_form(w, "form");
	return form && strcmp(form, "patchlistform") == 0;
}

static void option_id(struct page *p, gint64 id, const char *label,
		      const char *selected)
{
	g_autofree char *value = g_strdup_printf("%" G_GINT64_FORMAT, id);
	page_option(p, value, label, selected && strcmp(selected, value) == 0);
}

/* A form row with a <select>: its options follow, then select_row_end. */
static void select_row(struct page *p, const char *label, const char *name)
{
	page_form_row(p, label, name);
	html_markup(p->out, "<select");
	page_field_names(p, name);
	html_markup(p->out, ">");
}

/* Closes a select_row, with the field's error as Django's errorlist. */
static void select_row_end(struct page *p, const char *error)
{
	html_markup(p->out, "</select>");
	page_form_row_end(p, error);
}

/* The states then (list) "no change", or (patch) "---------" first. */
static void state_options(struct page *p, const struct form_choices *c,
			  gboolean list, const char *selected)
{
	if (!list)
		page_option(p, "", "---------", selected && !*selected);
	for (guint i = 0; i < c->states->len; i++) {
		const struct db_state *s = c->states->pdata[i];
		option_id(p, s->id, s->name, selected);
	}
	if (list)
		page_option(p, "*", "no change",
			    selected && strcmp(selected, "*") == 0);
}

static void delegate_options(struct page *p, const struct form_choices *c,
			     gboolean list, const char *selected)
{
	page_option(p, "", "---------", selected && !*selected);
	for (guint i = 0; i < c->delegates->len; i++) {
		const struct db_user *u = c->delegates->pdata[i];
		option_id(p, u->id, u->username, selected);
	}
	if (list)
		page_option(p, "*", "no change",
			    selected && strcmp(selected, "*") == 0);
}

static void list_properties(struct page *p, const struct form_choices *c)
{
	struct web *w = p->w;
	/* unbound: the initial "*" of the Optional fields; archived has
	 * no initial, so no option is selected */
	const char *state = "*", *delegate = "*", *archived = NULL;
	struct properties_form f = {0};
	if (list_form_posted(w)) {
		state = web_form(w, "state");
		delegate = web_form(w, "delegate");
		archived = web_form(w, "archived");
		properties_form_read_list(w, c, &f);
	}
	html_markup(p->out, "<div class=\"patchform patchform-properties\">"
			    "<h3>Properties</h3>\n<table class=\"form\">\n");
	select_row(p, "Change state:", "state");
	state_options(p, c, TRUE, state);
	select_row_end(p, f.state_error);
	select_row(p, "Delegate to:", "delegate");
	delegate_options(p, c, TRUE, delegate);
	select_row_end(p, f.delegate_error);
	select_row(p, "Archive:", "archived");
	static const char *const values[][2] = {{"*", "no change"},
						{"True", "Archived"},
						{"False", "Unarchived"}};
	for (gsize i = 0; i < G_N_ELEMENTS(values); i++)
		page_option(p, values[i][0], values[i][1],
			    archived && strcmp(archived, values[i][0]) == 0);
	g_autofree char *archived_error =
		f.archived_error
			? properties_form_message(f.archived_error, archived)
			: NULL;
	select_row_end(p, archived_error);
	html_markup(p->out, "<tr><td></td><td><input type=\"submit\" "
			    "name=\"action\" value=\"update\"></td></tr>\n"
			    "</table></div>\n");
}

static void bundle_select(struct page *p, const struct form_choices *c)
{
	html_markup(p->out, "<select name=\"bundle_id\" "
			    "aria-label=\"bundle\">");
	for (guint i = 0; i < c->bundles->len; i++) {
		const struct db_form_item *b =
			&g_array_index(c->bundles, struct db_form_item, i);
		option_id(p, b->id, b->name, NULL);
	}
	html_markup(p->out, "</select>");
}

static void list_bundling(struct page *p, const struct form_choices *c,
			  gint64 removed_bundle_id)
{
	html_markup(p->out,
		    "<div class=\"patchform patchform-bundle\"><h3>Bundling"
		    "</h3>\n<table class=\"form\">\n<tr><td>Create bundle:"
		    "</td><td><input type=\"text\" name=\"bundle_name\" "
		    "aria-label=\"bundle name\"> <input name=\"action\" "
		    "value=\"Create\" type=\"submit\"></td></tr>\n");
	if (c->bundles->len) {
		html_markup(p->out, "<tr><td>Add to bundle:</td><td>");
		bundle_select(p, c);
		html_markup(p->out, " <input name=\"action\" value=\"Add\" "
				    "type=\"submit\"></td></tr>\n");
	}
	if (removed_bundle_id) {
		html_markup(p->out,
			    "<tr><td>Remove from bundle:</td><td><input "
			    "type=\"hidden\" name=\"removed_bundle_id\" "
			    "value=\"");
		html_int(p->out, removed_bundle_id);
		html_markup(p->out,
			    "\"><input name=\"action\" value=\"Remove\" "
			    "type=\"submit\"></td></tr>\n");
	}
	html_markup(p->out, "</table></div>\n");
}

enum db_status patch_forms_settings(struct web *w, gint64 *per_page,
				    gboolean *show_ids, GError **error)
{
	if (!w->user_id)
		return DB_OK;
	struct db_user_settings s;
	enum db_status st = db_user_settings(w->req->db, w->user_id, &s, error);
	if (st != DB_OK)
		return st;
	/* Patchwork divides by 0 there (a 500); darn keeps the default */
	if (s.items_per_page > 0)
		*per_page = s.items_per_page;
	*show_ids = s.show_ids;
	return DB_OK;
}

enum db_status patch_forms_list(struct page *p, gint64 project_id,
				gint64 removed_bundle_id, GError **error)
{
	if (!p->w->user_id)
		return DB_OK;
	g_auto(form_choices) c = {0};
	enum db_status st = form_choices_read(p->w, project_id, 0, &c, error);
	if (st != DB_OK)
		return st;
	/* a bundle's own page offers the user's other bundles to add to
	 * (Patchwork's bundle form excludes the bundle shown) */
	for (guint i = c.bundles->len; i-- > 0;)
		if (g_array_index(c.bundles, struct db_form_item, i).id ==
		    removed_bundle_id)
			g_array_remove_index(c.bundles, i);
	html_markup(p->out, "<div class=\"patchforms\" id=\"patchforms\">\n");
	list_properties(p, &c);
	list_bundling(p, &c, removed_bundle_id);
	html_markup(p->out, "</div>\n");
	return DB_OK;
}

void patch_forms_series(struct page *p, const GArray *rows)
{
	if (!p->w->user_id)
		return;
	g_autoptr(GHashTable) seen =
		g_hash_table_new(g_int64_hash, g_int64_equal);
	gboolean any = FALSE;
	for (guint i = 0; i < rows->len; i++) {
		const struct db_web_row *r =
			&g_array_index(rows, struct db_web_row, i);
		if (!r->series_id ||
		    !g_hash_table_add(seen, (gpointer)&r->series_id))
			continue;
		if (!any)
			html_markup(p->out,
				    "<details class=\"whole-series\"><summary>"
				    "Select whole series</summary>\n<p>Every "
				    "patch of a ticked series is acted on, on "
				    "this page or not.</p>\n");
		any = TRUE;
		html_markup(p->out, "<div><label><input type=\"checkbox\" "
				    "name=\"series_id\" form=\"" LIST_FORM_ID
				    "\" value=\"");
		html_int(p->out, r->series_id);
		html_markup(p->out, "\" data-series=\"");
		html_int(p->out, r->series_id);
		html_markup(p->out, "\"> ");
		page_series_name(p, r->series_id, r->series_name);
		html_markup(p->out, "</label></div>\n");
	}
	if (any)
		html_markup(p->out, "</details>\n");
}

static void patch_properties(struct page *p, const struct form_choices *c,
			     const struct db_patch_edit *e)
{
	g_autofree char *state =
		g_strdup_printf("%" G_GINT64_FORMAT, e->state_id);
	g_autofree char *delegate =
		e->delegate_id
			? g_strdup_printf("%" G_GINT64_FORMAT, e->delegate_id)
			: g_strdup("");
	html_markup(p->out,
		    "<div class=\"patchform patchform-properties\">"
		    "<h3>Patch Properties</h3>\n<form method=\"post\">");
	page_csrf_field(p);
	html_markup(p->out, "\n<table class=\"form\">\n");
	select_row(p, "Change state:", "state");
	state_options(p, c, FALSE, state);
	select_row_end(p, NULL);
	select_row(p, "Delegate to:", "delegate");
	delegate_options(p, c, FALSE, delegate);
	select_row_end(p, NULL);
	page_checkbox_row(p, "Archived:", "archived", e->archived, NULL);
	html_markup(p->out, "<tr><td></td><td><input "
			    "type=\"submit\" value=\"Update\"></td></tr>\n"
			    "</table></form></div>\n");
}

static void patch_bundling(struct page *p, const struct form_choices *c)
{
	html_markup(p->out, "<div class=\"patchform patchform-bundle\"><h3>"
			    "Bundling</h3>\n<table class=\"form\">\n<tr><td>"
			    "Create bundle:</td><td><form method=\"post\">");
	page_csrf_field(p);
	html_markup(p->out, "<input type=\"hidden\" name=\"action\" "
			    "value=\"createbundle\"><input type=\"text\" "
			    "name=\"name\" maxlength=\"50\" required "
			    "aria-label=\"bundle name\"> <input "
			    "value=\"Create\" type=\"submit\"></form></td>"
			    "</tr>\n");
	if (c->bundles->len) {
		html_markup(p->out, "<tr><td>Add to bundle:</td><td><form "
				    "method=\"post\">");
		page_csrf_field(p);
		html_markup(p->out, "<input type=\"hidden\" name=\"action\" "
				    "value=\"addtobundle\">");
		bundle_select(p, c);
		html_markup(p->out, " <input value=\"Add\" type=\"submit\">"
				    "</form></td></tr>\n");
	}
	html_markup(p->out, "</table></div>\n");
}

enum db_status patch_forms_patch(struct page *p, gint64 patch_id,
				 GError **error)
{
	struct web *w = p->w;
	if (!w->user_id)
		return DB_OK;
	g_auto(db_patch_edit) e = {0};
	enum write_status ws = permission_patch_load(w->req->db, patch_id,
						     w->user_id, &e, error);
	if (ws == WRITE_ERROR || ws == WRITE_NOT_FOUND)
		return ws == WRITE_ERROR ? DB_ERROR : DB_NOT_FOUND;
	g_auto(form_choices) c = {0};
	enum db_status st =
		form_choices_read(w, e.project_id, e.delegate_id, &c, error);
	if (st != DB_OK)
		return st;
	html_markup(p->out, "<div class=\"patchforms\">\n");
	if (ws == WRITE_OK)
		patch_properties(p, &c, &e);
	patch_bundling(p, &c);
	html_markup(p->out, "</div>\n");
	return DB_OK;
}
