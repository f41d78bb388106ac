/*
 * User and project writes (rest-api.md §6.4 and §6.2), as Patchwork
 * 3.1's UserDetail (IsAuthenticated, IsOwnerOrReadOnly, the nested
 * settings serializer) and ProjectDetail (PatchworkPermission: the
 * project's maintainers). See core/account-update.h.
 */
#include "core/account-update.h"

#include "core/permission.h"
#include "core/validate.h"

/* Replaces *field with the validated value of `in` when it was sent. */
static void text_field(struct write_report *r, const char *name,
		       const struct write_text *in, gsize max_length,
		       char **field)
{
	if (!in->present)
		return;
	const struct char_rules rules = {.max_length = max_length,
					 .allow_blank = TRUE};
	char *value = NULL;
	if (validate_char(r, name, in, &rules, &value)) {
		g_free(*field);
		*field = value;
	}
}

static void bool_field(struct write_report *r, const char *name,
		       const struct write_bool *in, gboolean *field)
{
	if (in->present && validate_bool(r, name, in))
		*field = in->value;
}

/* The nested UserProfileSerializer: PositiveIntegerField's bounds. */
static void settings_fields(const struct user_update *in,
			    struct write_report *r, struct db_user_settings *s)
{
	bool_field(r, "settings.send_email", &in->settings.send_email,
		   &s->send_email);
	const struct write_int *n = &in->settings.items_per_page;
	if (n->present) {
		if (n->type_error || n->null)
			write_report_add(r, "settings.items_per_page", "%s",
					 n->type_error ? n->type_error
						       : VALIDATE_MSG_NULL);
		else if (n->value < 0)
			write_report_add(r, "settings.items_per_page",
					 "Ensure this value is greater than "
					 "or equal to 0.");
		else if (n->value > G_MAXINT32)
			write_report_add(r, "settings.items_per_page",
					 "Ensure this value is less than or "
					 "equal to 2147483647.");
		else
			s->items_per_page = n->value;
	}
	bool_field(r, "settings.show_ids", &in->settings.show_ids,
		   &s->show_ids);
}

/* Whether the settings were sent with at least one field: Patchwork
 * saves them only then. */
static gboolean settings_sent(const struct user_update *in)
{
	return in->settings.send_email.present ||
	       in->settings.items_per_page.present ||
	       in->settings.show_ids.present;
}

enum write_status user_update(struct db *db, gint64 target_id, gint64 user_id,
			      const struct user_update *in,
			      struct write_report *report, GError **error)
{
	g_autoptr(db_user) u = NULL;
	enum write_status ws =
		permission_user_load(db, target_id, user_id, &u, error);
	if (ws != WRITE_OK)
		return ws;

	text_field(report, "first_name", &in->first_name, 150, &u->first_name);
	text_field(report, "last_name", &in->last_name, 150, &u->last_name);
	struct db_user_settings s;
	if (db_user_settings(db, target_id, &s, error) != DB_OK)
		return WRITE_ERROR;
	if (!in->settings.present) {
		if (in->put)
			write_report_add(report, "settings",
					 VALIDATE_MSG_REQUIRED);
	} else if (in->settings.null) {
		write_report_add(report, "settings", VALIDATE_MSG_NULL);
	} else if (in->settings.type_error) {
		write_report_add(report, "settings.non_field_errors", "%s",
				 in->settings.type_error);
	} else {
		settings_fields(in, report, &s);
	}
	if (report->errors)
		return WRITE_INVALID;
	if (db_user_update(db, u, error) != DB_OK)
		return WRITE_ERROR;
	if (in->apply_settings && in->settings.present && settings_sent(in) &&
	    db_user_settings_set(db, target_id, &s, error) != DB_OK)
		return WRITE_ERROR;
	return WRITE_OK;
}

enum write_status project_update(struct db *db, gint64 project_id,
				 gint64 user_id,
				 const struct project_update *in,
				 struct write_report *report, GError **error)
{
	struct db_project p = {0};
	enum db_status st = db_project_by_id(db, project_id, &p, error);
	if (st == DB_NOT_FOUND)
		return WRITE_NOT_FOUND;
	if (st != DB_OK)
		return WRITE_ERROR;
	enum write_status ws =
		permission_project(db, project_id, user_id, error);
	if (ws == WRITE_OK) {
		text_field(report, "web_url", &in->web_url, 2000, &p.web_url);
		text_field(report, "scm_url", &in->scm_url, 2000, &p.scm_url);
		text_field(report, "webscm_url", &in->webscm_url, 2000,
			   &p.webscm_url);
		text_field(report, "list_archive_url", &in->list_archive_url,
			   2000, &p.list_archive_url);
		text_field(report, "list_archive_url_format",
			   &in->list_archive_url_format, 2000,
			   &p.list_archive_url_format);
		text_field(report, "commit_url_format", &in->commit_url_format,
			   2000, &p.commit_url_format);
		bool_field(report, "show_dependencies", &in->show_dependencies,
			   &p.show_dependencies);
		if (report->errors)
			ws = WRITE_INVALID;
		else if (db_project_update(db, &p, error) != DB_OK)
			ws = WRITE_ERROR;
	}
	db_project_clear(&p);
	return ws;
}
