/*
 * Updating a user (PUT/PATCH /api/users/<id>/, rest-api.md §6.4) and a
 * project (PUT/PATCH /api/projects/<id>/, §6.2). The contract of
 * core/write.h applies. Neither emits an event (§10.1 has none).
 */
#ifndef DARN_CORE_ACCOUNT_UPDATE_H
#define DARN_CORE_ACCOUNT_UPDATE_H

#include "core/write.h"

struct user_update {
	/* PUT: `settings` is required ("This field is required."), on
	 * every API version: the serializer validates it even where it
	 * does not show it */
	gboolean put;
	/* API 1.2+: validated settings are saved only then */
	gboolean apply_settings;
	struct write_text first_name, last_name; /* ≤ 150, may be "" */
	struct {
		gboolean present, null;
		/* "Invalid data. Expected a dictionary, but got str.":
		 * reported under "settings.non_field_errors" */
		const char *type_error;
		struct write_bool send_email, show_ids;
		struct write_int items_per_page; /* 0 .. 2^31-1 */
	} settings;
};

/*
 * Updates user `target_id` for `user_id`: WRITE_FORBIDDEN_ANON for
 * anonymous (before the lookup: the view requires authentication),
 * WRITE_NOT_FOUND, WRITE_FORBIDDEN (not oneself), WRITE_INVALID (fields
 * first_name, last_name, settings.<name>). Username and email are
 * read-only and not part of the input.
 */
enum write_status user_update(struct db *db, gint64 target_id, gint64 user_id,
			      const struct user_update *in,
			      struct write_report *report, GError **error);

/* The writable fields of a project (strings ≤ 2000, may be ""); the
 * API ignores the read-only ones (name, link_name, list_id, list_email,
 * maintainers, subject_match). Maintainers are set with `darn project
 * edit --add-maintainer/--remove-maintainer`. PUT requires nothing. */
struct project_update {
	struct write_text web_url, scm_url, webscm_url;
	struct write_text list_archive_url, list_archive_url_format;
	struct write_text commit_url_format;
	struct write_bool show_dependencies;
};

/*
 * Updates project `project_id` (the API resolves an id or a linkname):
 * WRITE_NOT_FOUND, WRITE_FORBIDDEN_ANON / WRITE_FORBIDDEN (only its
 * maintainers), WRITE_INVALID in the serializer's field order.
 */
enum write_status project_update(struct db *db, gint64 project_id,
				 gint64 user_id,
				 const struct project_update *in,
				 struct write_report *report, GError **error);

#endif
