/*
 * The patch forms of the web pages (web-and-mbox.md §5.2 "Bulk actions",
 * §5.3 the edit and bundle forms), as Patchwork 3.1.3 shows them: what
 * each form offers, how a posted one reads (Django's fields and their
 * messages), and its markup. bulk.c acts on what they post.
 */
#ifndef DARN_WEB_PATCH_FORMS_H
#define DARN_WEB_PATCH_FORMS_H

#include "web/page.h"

/* What the forms of a page offer: states (struct db_state*), the
 * delegate choices (struct db_user*, by id) and the user's bundles
 * (struct db_form_item, by id; NULL for nobody). Owned. */
struct form_choices {
	GPtrArray *states;
	GPtrArray *delegates;
	GArray *bundles;
};
void form_choices_clear(struct form_choices *c);
typedef struct form_choices form_choices;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(form_choices, form_choices_clear)

/* Sends the reads of form_choices_read but the states
 * (web_states_prefetch) ahead (db_query_prefetch), with whatever else
 * the page reads at that point: one round trip on PostgreSQL for them
 * all. Call it once, before form_choices_read (a statement sent again
 * forgets the first sending). */
void form_choices_prefetch(struct web *w, gint64 project_id);
/* Reads the choices: the states, the maintainers of `project_id` plus
 * user `delegate_id` when not 0 (a patch's delegate: Patchwork's
 * PatchForm offers them), and the bundles of the logged-in user. */
enum db_status form_choices_read(struct web *w, gint64 project_id,
				 gint64 delegate_id, struct form_choices *c,
				 GError **error);

/*
 * The properties form of a list (Patchwork's MultiplePatchForm) or of a
 * patch page (its PatchForm), cleaned: each field's change and the
 * first error of each field (Django's message, static), if any.
 */
struct properties_form {
	gboolean set_state, set_delegate, set_archived;
	gint64 state_id, delegate_id; /* delegate_id 0: none */
	gboolean archived;
	const char *state_error, *delegate_error, *archived_error;
};
/* The list's form as posted: `*` is no change for each field, delegate
 * "" is none. */
void properties_form_read_list(struct web *w, const struct form_choices *c,
			       struct properties_form *f);
/* The patch page's form as posted: every field is set. */
void properties_form_read_patch(struct web *w, const struct form_choices *c,
				struct properties_form *f);
/* The text of one of the errors above for the value posted (owned by
 * the caller). */
char *properties_form_message(const char *error, const char *value);
/* Whether the form has no error. */
gboolean properties_form_valid(const struct properties_form *f);

/* "patch_id:<id>" fields of the posted form ("on", or any non-empty
 * value) and its "series_id" fields (darn's "whole series"), as
 * GArrays of gint64 (owned by the caller); values that are not ids are
 * left out. */
void form_selection(struct web *w, GArray **patch_ids, GArray **series_ids);

/* Whether the request posts the list's form (form=patchlistform). */
gboolean list_form_posted(struct web *w);

/* The list settings of the logged-in user's profile (/user/): its
 * items_per_page replaces *per_page when above 0, and show_ids; nobody
 * logged in leaves both. */
enum db_status patch_forms_settings(struct web *w, gint64 *per_page,
				    gboolean *show_ids, GError **error);

/* The id of the list's <form>, which the "whole series" boxes name. */
#define LIST_FORM_ID "patchlistform"

/*
 * The list's forms under its table, inside the list's <form> (the
 * "patchforms": properties and bundling, §5.2), for a logged-in user
 * when the page has rows: as the posted form when there was one
 * (Django's bound form), else "no change". `removed_bundle_id`: the
 * bundle whose own list this is (its "Remove from bundle" row), 0 for
 * none.
 */
enum db_status patch_forms_list(struct page *p, gint64 project_id,
				gint64 removed_bundle_id, GError **error);
/*
 * darn's "select the whole series" (docs/web.md): after the list's
 * form, a box per series of the page's rows (`rows`: GArray of struct
 * db_web_row), whose series_id field belongs to the list's form by its
 * form attribute; the POST adds every patch of a ticked series to the
 * selection. Outside the <form> element, so that the form's fields stay
 * Patchwork's.
 */
void patch_forms_series(struct page *p, const GArray *rows);

/* The patch page's forms (§5.3): "Patch Properties" for a user who may
 * edit patch `patch_id`, "Bundling" for any logged-in user. */
enum db_status patch_forms_patch(struct page *p, gint64 patch_id,
				 GError **error);

#endif
