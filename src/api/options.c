/*
 * OPTIONS answers (rest-api.md §2.1) as Django REST Framework's
 * SimpleMetadata gives them for Patchwork's views: the view's name,
 * description, renderers and parsers, and for a write view the "actions"
 * member describing its form, the fields of the view's serializer, when
 * the requester would be allowed to send it.
 *
 * What SimpleMetadata does, and darn with it:
 * - a detail view that accepts PUT describes "PUT", a list-create view
 *   "POST" (no Patchwork view has both);
 * - before describing a form it runs the view's permission checks with
 *   the method replaced: check_permissions, and for PUT get_object(),
 *   which looks the object up and runs check_object_permissions. Any
 *   refusal (403, 404, a 405 from BundlePermission below API 1.2) only
 *   leaves "actions" out: the answer stays 200. A store failure is a 500,
 *   as Django's would be;
 * - the fields are the serializer's, in its order, whatever the requested
 *   API version: Patchwork drops its versioned fields in
 *   to_representation() only, which OPTIONS never calls. So a
 *   maintainer's OPTIONS of /api/1.0/patches/1/ lists `related` too;
 * - a HiddenField (a check's or a comment's parent) is not shown.
 *
 * Each field is described from its serializer field class and the model
 * field behind it (DRF's ModelSerializer): "type" from the class, then
 * "required", "read_only", "label", "help_text", "max_length",
 * "min_value", "max_value" when set, "children" of a nested serializer,
 * and "choices" of a writable ChoiceField. Embedded objects (project,
 * submitter, delegate, ...) are Patchwork's SerializedRelatedField, a
 * related field: type "field", no children, no choices. A read-only
 * model field loses its max_length (ModelSerializer drops it), a
 * declared one (link_name) keeps it.
 *
 * The tables follow the serializers of current Patchwork, which
 * rest-api.md specifies (comments carry `url`, projects
 * `show_dependencies`); the patch's table matches a Patchwork 3.1.3
 * recording (golden writes, step s247).
 */
#include "api/api.h"
#include "api/input.h"
#include "core/permission.h"

/* A value of a writable ChoiceField: {"value", "display_name"}. */
struct api_choice {
	gint64 value;
	const char *display_name; /* NULL ends a list */
};

/* A serializer field as SimpleMetadata.get_field_info() describes it. */
struct api_field {
	const char *name; /* NULL ends a table */
	const char *type; /* SimpleMetadata's label_lookup of its class */
	const char *label;
	gboolean required, read_only;
	const char *help_text; /* NULL: none */
	int max_length;	       /* 0: none */
	gboolean bounded;      /* min_value and max_value are given */
	gint64 min_value, max_value;
	const struct api_choice *choices; /* writable ChoiceField */
	const struct api_field *children; /* a nested serializer's fields */
};

struct api_form {
	const char *method; /* "PUT" or "POST" */
	const struct api_field *fields;
	/* The view's permission checks for that method: WRITE_OK shows the
	 * form, WRITE_ERROR (with *error) is a store failure, anything else
	 * leaves it out. */
	enum write_status (*permitted)(struct api *a, GError **error);
};

/* Fields every table starts with: the model's AutoField and the
 * hyperlinked identity. */
#define FIELD_ID                                         \
	{                                                \
		"id", "integer", "ID", .read_only = TRUE \
	}
#define FIELD_URL                                        \
	{                                                \
		"url", "field", "Url", .read_only = TRUE \
	}
/* A SerializerMethodField, a read-only embedded object or property. */
#define FIELD_SHOWN(name, label)                        \
	{                                               \
		name, "field", label, .read_only = TRUE \
	}

/* ---- the serializers --------------------------------------------------- */

/* PatchDetailSerializer (§6.5): state is Patchwork's StateField and
 * delegate an embedded user, both related fields, required on PUT. */
static const struct api_field patch_fields[] = {
	FIELD_ID,
	FIELD_URL,
	FIELD_SHOWN("web_url", "Web url"),
	FIELD_SHOWN("project", "Project"),
	{"msgid", "string", "Msgid", .read_only = TRUE},
	FIELD_SHOWN("list_archive_url", "List archive url"),
	{"date", "datetime", "Date", .read_only = TRUE},
	{"name", "string", "Name", .read_only = TRUE},
	{"commit_ref", "string", "Commit ref", .max_length = 255},
	{"pull_url", "string", "Pull url", .max_length = 255},
	{"state", "field", "State", .required = TRUE},
	{"archived", "boolean", "Archived", .required = FALSE},
	{"hash", "string", "Hash", .read_only = TRUE},
	FIELD_SHOWN("submitter", "Submitter"),
	{"delegate", "field", "Delegate", .required = TRUE},
	FIELD_SHOWN("mbox", "Mbox"),
	FIELD_SHOWN("series", "Series"),
	FIELD_SHOWN("comments", "Comments"),
	FIELD_SHOWN("check", "Check"),
	FIELD_SHOWN("checks", "Checks"),
	FIELD_SHOWN("tags", "Tags"),
	{"related", "field", "Related", .required = FALSE},
	FIELD_SHOWN("headers", "Headers"),
	{"content", "string", "Content", .read_only = TRUE},
	{"diff", "string", "Diff", .read_only = TRUE},
	FIELD_SHOWN("prefixes", "Prefixes"),
	{NULL},
};

/* ProjectSerializer (§6.2). The URL fields are the model's
 * CharField(max_length=2000, blank=True). */
static const struct api_field project_fields[] = {
	FIELD_ID,
	FIELD_URL,
	{"name", "string", "Name", .read_only = TRUE},
	{"link_name", "string", "Link name", .read_only = TRUE,
	 .max_length = 255},
	{"list_id", "string", "List id", .read_only = TRUE, .max_length = 255},
	{"list_email", "string", "List email", .read_only = TRUE,
	 .max_length = 200},
	{"web_url", "string", "Web url", .max_length = 2000},
	{"scm_url", "string", "Scm url", .max_length = 2000},
	{"webscm_url", "string", "Webscm url", .max_length = 2000},
	FIELD_SHOWN("maintainers", "Maintainers"),
	{"subject_match", "string", "Subject match", .read_only = TRUE,
	 .help_text = "Regex to match the subject against if only part of "
		      "emails sent to the list belongs to this project. Will "
		      "be used with IGNORECASE and MULTILINE flags. If rules "
		      "for more projects match the first one returned from DB "
		      "is chosen; empty field serves as a default for every "
		      "email which has no other match."},
	{"list_archive_url", "string", "List archive url", .max_length = 2000},
	{"list_archive_url_format", "string", "List archive url format",
	 .help_text = "URL format for the list archive's Message-ID "
		      "redirector. {} will be replaced by the Message-ID.",
	 .max_length = 2000},
	{"commit_url_format", "string", "Commit url format",
	 .help_text = "URL format for a particular commit. {} will be "
		      "replaced by the commit SHA.",
	 .max_length = 2000},
	{"show_dependencies", "boolean", "Show dependencies",
	 .help_text = "Enable dependency tracking for patches and cover "
		      "letters."},
	{NULL},
};

/* PatchCommentSerializer and CoverCommentSerializer (§6.8): the same
 * fields; list_archive_url is a model property (a ReadOnlyField),
 * addressed a nullable BooleanField. */
static const struct api_field comment_fields[] = {
	FIELD_ID,
	FIELD_URL,
	FIELD_SHOWN("web_url", "Web url"),
	{"msgid", "string", "Msgid", .read_only = TRUE},
	FIELD_SHOWN("list_archive_url", "List archive url"),
	{"date", "datetime", "Date", .read_only = TRUE},
	FIELD_SHOWN("subject", "Subject"),
	FIELD_SHOWN("submitter", "Submitter"),
	{"content", "string", "Content", .read_only = TRUE},
	FIELD_SHOWN("headers", "Headers"),
	{"addressed", "boolean", "Addressed", .required = FALSE},
	{NULL},
};

/* Check.STATE_CHOICES (§9.1). */
static const struct api_choice check_states[] = {
	{0, "pending"}, {1, "success"}, {2, "warning"}, {3, "fail"}, {0, NULL},
};

/* CheckSerializer (§6.9): user defaults to the requester; state is the
 * model's SmallIntegerField with choices, hence a ChoiceField;
 * target_url a URLField of Django's default length 200. */
static const struct api_field check_fields[] = {
	FIELD_ID,
	FIELD_URL,
	{"user", "field", "User", .required = FALSE},
	{"date", "datetime", "Date", .read_only = TRUE},
	{"state", "choice", "State", .help_text = "The state of the check.",
	 .choices = check_states},
	{"target_url", "url", "Target url",
	 .help_text = "The target URL to associate with this check. This "
		      "should be specific to the patch.",
	 .max_length = 200},
	{"context", "slug", "Context",
	 .help_text = "A label to discern check from checks of other testing "
		      "systems.",
	 .max_length = 255},
	{"description", "string", "Description",
	 .help_text = "A brief description of the check."},
	{NULL},
};

/* BundleSerializer (§6.10): patches is a many related field, required. */
static const struct api_field bundle_fields[] = {
	FIELD_ID,
	FIELD_URL,
	FIELD_SHOWN("web_url", "Web url"),
	FIELD_SHOWN("project", "Project"),
	{"name", "string", "Name", .required = TRUE, .max_length = 50},
	FIELD_SHOWN("owner", "Owner"),
	{"patches", "field", "Patches", .required = TRUE},
	{"public", "boolean", "Public", .required = FALSE},
	FIELD_SHOWN("mbox", "Mbox"),
	{NULL},
};

/* The nested UserProfileSerializer of a user's settings. items_per_page
 * is a PositiveIntegerField: its bounds are the validators darn applies
 * (core/account-update.c), as Django gives them on PostgreSQL. */
static const struct api_field settings_fields[] = {
	{"send_email", "boolean", "Send email",
	 .help_text = "Selecting this option allows patchwork to send email "
		      "on your behalf"},
	{"items_per_page", "integer", "Items per page",
	 .help_text = "Number of items to display per page", .bounded = TRUE,
	 .min_value = 0, .max_value = G_MAXINT32},
	{"show_ids", "boolean", "Show ids",
	 .help_text = "Show click-to-copy patch IDs in the list view"},
	{NULL},
};

/* UserDetailSerializer (§6.4): Django's User model gives the labels and
 * the username's help text; settings is required on PUT. */
static const struct api_field user_fields[] = {
	FIELD_ID,
	FIELD_URL,
	{"username", "string", "Username", .read_only = TRUE,
	 .help_text = "Required. 150 characters or fewer. Letters, digits and "
		      "@/./+/-/_ only."},
	{"first_name", "string", "First name", .max_length = 150},
	{"last_name", "string", "Last name", .max_length = 150},
	{"email", "email", "Email address", .read_only = TRUE},
	{"settings", "nested object", "Settings", .required = TRUE,
	 .children = settings_fields},
	{NULL},
};

/* ---- the views' permission checks -------------------------------------- */

/* The id in the route's i-th "#" segment; 0, which no object has, past
 * gint64. */
static gint64 arg_id(const struct api *a, int i)
{
	gint64 id;
	return api_arg_id(a, i, &id) ? id : 0;
}

/* PatchDetail: PatchworkPermission, Patch.is_editable. */
static enum write_status may_put_patch(struct api *a, GError **error)
{
	g_auto(db_patch_edit) p = {0};
	return permission_patch_load(a->req->db, arg_id(a, 0), api_viewer_id(a),
				     &p, error);
}

/* ProjectDetail: PatchworkPermission, Project.is_editable. */
static enum write_status may_put_project(struct api *a, GError **error)
{
	struct db_project p = {0};
	enum db_status st = api_project_by_key(a, &p, error);
	gint64 id = p.id;
	db_project_clear(&p);
	if (st == DB_NOT_FOUND)
		return WRITE_NOT_FOUND;
	if (st != DB_OK)
		return WRITE_ERROR;
	return permission_project(a->req->db, id, api_viewer_id(a), error);
}

/* The comment detail views: the parent, the comment within it, then
 * the comment's is_editable(). */
static enum write_status may_put_comment(struct api *a, gboolean cover,
					 GError **error)
{
	gint64 project_id = 0;
	g_auto(db_comment) c = {0};
	return permission_comment_load(a->req->db, cover, arg_id(a, 0),
				       arg_id(a, 1), api_viewer_id(a), &c,
				       &project_id, error);
}

static enum write_status may_put_patch_comment(struct api *a, GError **error)
{
	return may_put_comment(a, FALSE, error);
}

static enum write_status may_put_cover_comment(struct api *a, GError **error)
{
	return may_put_comment(a, TRUE, error);
}

/* CheckListCreate has no permission classes: DRF's default AllowAny.
 * Its own test (the patch's is_editable) runs in create(), which
 * OPTIONS never reaches: everyone sees the form, even for a patch that
 * does not exist. */
static enum write_status may_post_check(struct api *a, GError **error)
{
	(void)a;
	(void)error;
	return WRITE_OK;
}

/* BundleList: BundlePermission wants an authenticated user for POST
 * (its API 1.2 test is the route's min_minor). */
static enum write_status may_post_bundle(struct api *a, GError **error)
{
	(void)error;
	return a->user ? WRITE_OK : WRITE_FORBIDDEN_ANON;
}

/* BundleDetail: the bundles the requester sees, then its owner only. */
static enum write_status may_put_bundle(struct api *a, GError **error)
{
	g_auto(db_bundle) b = {0};
	return permission_bundle_load(a->req->db, arg_id(a, 0),
				      api_viewer_id(a), &b, error);
}

/* UserDetail: IsAuthenticated, then IsOwnerOrReadOnly. */
static enum write_status may_put_user(struct api *a, GError **error)
{
	g_autoptr(db_user) u = NULL;
	return permission_user_load(a->req->db, arg_id(a, 0), api_viewer_id(a),
				    &u, error);
}

const struct api_form api_form_patch = {"PUT", patch_fields, may_put_patch};
const struct api_form api_form_project = {"PUT", project_fields,
					  may_put_project};
const struct api_form api_form_patch_comment = {"PUT", comment_fields,
						may_put_patch_comment};
const struct api_form api_form_cover_comment = {"PUT", comment_fields,
						may_put_cover_comment};
const struct api_form api_form_check = {"POST", check_fields, may_post_check};
const struct api_form api_form_bundles = {"POST", bundle_fields,
					  may_post_bundle};
const struct api_form api_form_bundle = {"PUT", bundle_fields, may_put_bundle};
const struct api_form api_form_user = {"PUT", user_fields, may_put_user};

/* ---- the writer -------------------------------------------------------- */

static void write_fields(struct json *j, const struct api_field *fields);

/* One field, its members in get_field_info()'s order. */
static void write_field(struct json *j, const struct api_field *f)
{
	json_object_begin(j);
	json_kv_string(j, "type", f->type);
	json_kv_bool(j, "required", f->required);
	json_kv_bool(j, "read_only", f->read_only);
	json_kv_string(j, "label", f->label);
	if (f->help_text)
		json_kv_string(j, "help_text", f->help_text);
	if (f->max_length)
		json_kv_int(j, "max_length", f->max_length);
	if (f->bounded) {
		json_kv_int(j, "min_value", f->min_value);
		json_kv_int(j, "max_value", f->max_value);
	}
	if (f->children) {
		json_key(j, "children");
		write_fields(j, f->children);
	}
	if (f->choices) {
		json_key(j, "choices");
		json_array_begin(j);
		for (const struct api_choice *c = f->choices; c->display_name;
		     c++) {
			json_object_begin(j);
			json_kv_int(j, "value", c->value);
			json_kv_string(j, "display_name", c->display_name);
			json_object_end(j);
		}
		json_array_end(j);
	}
	json_object_end(j);
}

/* A serializer's fields, in its order. */
static void write_fields(struct json *j, const struct api_field *fields)
{
	json_object_begin(j);
	for (const struct api_field *f = fields; f->name; f++) {
		json_key(j, f->name);
		write_field(j, f);
	}
	json_object_end(j);
}

void api_options(struct api *a)
{
	const struct api_writes *w = a->route->writes;
	const struct api_form *form =
		w && a->minor >= w->min_minor ? w->form : NULL;
	enum write_status st = WRITE_NOT_FOUND;
	g_autoptr(GError) error = NULL;
	if (form)
		st = form->permitted(a, &error);
	if (st == WRITE_ERROR) {
		api_write_refused(a, st, NULL, error);
		return;
	}

	struct json *j = &a->json;
	json_object_begin(j);
	json_kv_string(j, "name", a->route->name);
	json_kv_string(j, "description", a->route->description);
	json_key(j, "renders");
	json_array_begin(j);
	json_string(j, "application/json");
	json_string(j, "text/html");
	json_array_end(j);
	json_key(j, "parses");
	json_array_begin(j);
	json_string(j, "application/json");
	json_string(j, "application/x-www-form-urlencoded");
	json_string(j, "multipart/form-data");
	json_array_end(j);
	if (st == WRITE_OK) {
		json_key(j, "actions");
		json_object_begin(j);
		json_key(j, form->method);
		write_fields(j, form->fields);
		json_object_end(j);
	}
	json_object_end(j);
}
