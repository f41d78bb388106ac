/*
 * POST of a check (rest-api.md §6.9, §9.1, §10.1), as Patchwork 3.1's
 * CheckListCreate.create() and CheckSerializer: the patch, the patch's
 * permission, the serializer's run_validation() (a missing state first
 * and alone), its fields in Meta order, then the save and its
 * check-created event. See core/check-create.h.
 */
#include "core/check-create.h"

#include "core/event.h"
#include "core/permission.h"
#include "core/validate.h"

#include <string.h>

/* Check.STATE_CHOICES: the stored code is the index. */
static const char *const state_names[] = {"pending", "success", "warning",
					  "fail"};

static gboolean check_state(const struct write_text *in, struct write_report *r,
			    int *state)
{
	if (in->type_error) {
		write_report_add(r, "state", "%s", in->type_error);
		return FALSE;
	}
	if (in->null || !in->value) {
		write_report_add(r, "state", VALIDATE_MSG_NULL);
		return FALSE;
	}
	for (int i = 0; i < (int)G_N_ELEMENTS(state_names); i++) {
		char code[2] = {(char)('0' + i), 0};
		/* the label, swapped for its code by run_validation(), or
		 * the code itself as ChoiceField reads str(value) */
		if (strcmp(in->value, state_names[i]) == 0 ||
		    strcmp(in->value, code) == 0) {
			*state = i;
			return TRUE;
		}
	}
	write_report_add(r, "state", "\"%s\" is not a valid choice.",
			 in->value);
	return FALSE;
}

static enum db_status check_user(struct db *db, const struct write_id *in,
				 struct write_report *r, gint64 *user_id,
				 GError **error)
{
	if (in->type_error) {
		write_report_add(r, "user", "%s", in->type_error);
		return DB_OK;
	}
	if (in->null) {
		write_report_add(r, "user", VALIDATE_MSG_NULL);
		return DB_OK;
	}
	g_autoptr(db_user) user = NULL;
	enum db_status st = db_user_get(db, in->value, &user, error);
	if (st == DB_NOT_FOUND) {
		write_report_add(r, "user",
				 "Invalid pk \"%" G_GINT64_FORMAT
				 "\" - object does not exist.",
				 in->value);
		return DB_OK;
	}
	if (st == DB_OK)
		*user_id = user->id;
	return st;
}

/* A CharField whose validators all run (DRF collects every message):
 * max length first, then the field's own rule. */
static gboolean check_text(struct write_report *r, const char *field,
			   const struct write_text *in,
			   const struct char_rules *rules, gsize max_length,
			   gboolean (*valid)(const char *), const char *message,
			   char **out)
{
	if (!validate_char(r, field, in, rules, out))
		return FALSE;
	if (!*out || !**out)
		return TRUE; /* null and "" skip the validators */
	gboolean ok = TRUE;
	if ((gsize)g_utf8_strlen(*out, -1) > max_length) {
		write_report_add(r, field,
				 "Ensure this field has no more than %zu "
				 "characters.",
				 max_length);
		ok = FALSE;
	}
	if (!valid(*out)) {
		write_report_add(r, field, "%s", message);
		ok = FALSE;
	}
	return ok;
}

/* Stores the check, dated now (UTC), and its check-created event. */
static enum write_status store(struct db *db, gint64 project_id,
			       struct db_check_new *c, gint64 *check_id,
			       GError **error)
{
	c->date = g_get_real_time();
	if (db_check_insert(db, c, check_id, error) != DB_OK ||
	    event_check_created(db, project_id, c->patch_id, *check_id,
				c->user_id, error) != DB_OK)
		return WRITE_ERROR;
	return WRITE_OK;
}

enum write_status check_create(struct db *db, gint64 patch_id, gint64 user_id,
			       const struct check_create *in, gint64 *check_id,
			       struct write_report *report, GError **error)
{
	g_auto(db_patch_edit) p = {0};
	enum write_status ws =
		permission_patch_load(db, patch_id, user_id, &p, error);
	/* the view raises PermissionDenied itself: no anonymous variant */
	if (ws == WRITE_FORBIDDEN_ANON)
		return WRITE_FORBIDDEN;
	if (ws != WRITE_OK)
		return ws;

	if (!in->state.present || (!in->state.null && !in->state.type_error &&
				   in->state.value && !*in->state.value)) {
		write_report_add(report, "state", "A check must have a state.");
		return WRITE_INVALID;
	}
	struct db_check_new c = {.patch_id = patch_id, .user_id = user_id};
	if (in->user.present &&
	    check_user(db, &in->user, report, &c.user_id, error) != DB_OK)
		return WRITE_ERROR;
	check_state(&in->state, report, &c.state);
	static const struct char_rules url_rules = {.allow_null = TRUE,
						    .allow_blank = TRUE};
	static const struct char_rules slug_rules = {0};
	static const struct char_rules text_rules = {.allow_null = TRUE,
						     .allow_blank = TRUE};
	g_autofree char *url = NULL, *context = NULL, *description = NULL;
	if (in->target_url.present)
		check_text(report, "target_url", &in->target_url, &url_rules,
			   200, validate_is_url, VALIDATE_MSG_URL, &url);
	if (in->context.present)
		check_text(report, "context", &in->context, &slug_rules, 255,
			   validate_is_slug, VALIDATE_MSG_SLUG, &context);
	if (in->description.present)
		validate_char(report, "description", &in->description,
			      &text_rules, &description);
	if (report->errors)
		return WRITE_INVALID;

	c.target_url = url;
	c.context = context ? context : "default";
	c.description = description;
	return store(db, p.project_id, &c, check_id, error);
}

enum write_status check_create_xmlrpc(struct db *db, gint64 patch_id,
				      gint64 user_id, const char *context,
				      const char *state, const char *target_url,
				      const char *description, gint64 *check_id,
				      struct write_report *report,
				      GError **error)
{
	g_auto(db_patch_edit) p = {0};
	enum write_status ws =
		permission_patch_load(db, patch_id, user_id, &p, error);
	if (ws != WRITE_OK)
		return ws;
	struct db_check_new c = {.patch_id = patch_id,
				 .user_id = user_id,
				 .state = -1,
				 .context = context,
				 .target_url = target_url,
				 .description = description};
	for (int i = 0; i < (int)G_N_ELEMENTS(state_names); i++)
		if (g_strcmp0(state, state_names[i]) == 0)
			c.state = i;
	if (c.state < 0) {
		write_report_add(report, "state", "Invalid check state: %s",
				 state ? state : "None");
		return WRITE_INVALID;
	}
	return store(db, p.project_id, &c, check_id, error);
}
