-- darn schema, version 1: the whole data model of Patchwork that ingest
-- and the REST API touch (shared/spec/ingest.md §0, rest-api.md), including
-- tables that later features fill (checks, bundles, tokens, sessions).
--
-- Portable SQL: @ID@ is the driver's auto-increment primary key, @BLOB@ its
-- binary type. Times are integer microseconds since the epoch, UTC.
-- Booleans are integers 0/1.

CREATE TABLE users (
	id @ID@,
	username TEXT NOT NULL UNIQUE,
	email TEXT NOT NULL DEFAULT '',
	email_key TEXT NOT NULL DEFAULT '',
	first_name TEXT NOT NULL DEFAULT '',
	last_name TEXT NOT NULL DEFAULT '',
	password TEXT NOT NULL DEFAULT '',
	is_active INTEGER NOT NULL DEFAULT 1,
	is_staff INTEGER NOT NULL DEFAULT 0,
	is_superuser INTEGER NOT NULL DEFAULT 0,
	date_joined INTEGER NOT NULL DEFAULT 0,
	last_login INTEGER
);
CREATE INDEX users_email_key ON users (email_key);

CREATE TABLE user_profile (
	user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
	send_email INTEGER NOT NULL DEFAULT 0,
	items_per_page INTEGER NOT NULL DEFAULT 100,
	show_ids INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE project (
	id @ID@,
	linkname TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL UNIQUE,
	listid TEXT NOT NULL,
	listemail TEXT NOT NULL,
	subject_match TEXT NOT NULL DEFAULT '',
	web_url TEXT NOT NULL DEFAULT '',
	scm_url TEXT NOT NULL DEFAULT '',
	webscm_url TEXT NOT NULL DEFAULT '',
	list_archive_url TEXT NOT NULL DEFAULT '',
	list_archive_url_format TEXT NOT NULL DEFAULT '',
	commit_url_format TEXT NOT NULL DEFAULT '',
	send_notifications INTEGER NOT NULL DEFAULT 0,
	show_dependencies INTEGER NOT NULL DEFAULT 0,
	use_tags INTEGER NOT NULL DEFAULT 1,
	UNIQUE (listid, subject_match)
);

CREATE TABLE project_maintainer (
	project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	PRIMARY KEY (project_id, user_id)
);

-- email_key is the ASCII-lower-cased email: Patchwork looks people up with
-- Django's iexact, which on its reference SQLite database folds ASCII only.
CREATE TABLE person (
	id @ID@,
	email TEXT NOT NULL,
	email_key TEXT NOT NULL UNIQUE,
	name TEXT,
	user_id INTEGER REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE state (
	id @ID@,
	name TEXT NOT NULL UNIQUE,
	slug TEXT NOT NULL UNIQUE,
	ordering INTEGER NOT NULL UNIQUE,
	action_required INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE tag (
	id @ID@,
	name TEXT NOT NULL,
	pattern TEXT NOT NULL,
	abbrev TEXT NOT NULL UNIQUE,
	show_column INTEGER NOT NULL DEFAULT 1
);

-- The raw bytes of every stored mail, zlib-compressed, so a later parser
-- can re-read history.
CREATE TABLE mail (
	id @ID@,
	received INTEGER NOT NULL,
	size INTEGER NOT NULL,
	raw @BLOB@ NOT NULL
);

CREATE TABLE patch_relation (
	id @ID@
);

CREATE TABLE cover (
	id @ID@,
	project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
	msgid TEXT NOT NULL,
	name TEXT NOT NULL,
	date INTEGER NOT NULL,
	headers TEXT NOT NULL,
	submitter_id INTEGER NOT NULL REFERENCES person (id),
	content TEXT,
	mail_id INTEGER REFERENCES mail (id) ON DELETE SET NULL,
	UNIQUE (project_id, msgid)
);
CREATE INDEX cover_msgid ON cover (msgid);
CREATE INDEX cover_name ON cover (name);
CREATE INDEX cover_project_date ON cover (project_id, date);

CREATE TABLE series (
	id @ID@,
	project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
	cover_letter_id INTEGER UNIQUE REFERENCES cover (id) ON DELETE SET NULL,
	name TEXT,
	date INTEGER NOT NULL,
	submitter_id INTEGER NOT NULL REFERENCES person (id),
	version INTEGER NOT NULL DEFAULT 1,
	total INTEGER NOT NULL
);
CREATE INDEX series_markers ON series (project_id, submitter_id, version, total, date);

CREATE TABLE series_reference (
	id @ID@,
	project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
	series_id INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
	msgid TEXT NOT NULL,
	UNIQUE (project_id, msgid)
);
CREATE INDEX series_reference_series ON series_reference (series_id);

-- Insertion order (id) is the order the API lists dependencies in.
CREATE TABLE series_dependency (
	id @ID@,
	series_id INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
	depends_on_id INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
	UNIQUE (series_id, depends_on_id)
);
CREATE INDEX series_dependency_reverse ON series_dependency (depends_on_id);

CREATE TABLE patch (
	id @ID@,
	project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
	msgid TEXT NOT NULL,
	name TEXT NOT NULL,
	date INTEGER NOT NULL,
	headers TEXT NOT NULL,
	submitter_id INTEGER NOT NULL REFERENCES person (id),
	content TEXT,
	diff TEXT,
	commit_ref TEXT,
	pull_url TEXT,
	delegate_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
	state_id INTEGER NOT NULL REFERENCES state (id),
	archived INTEGER NOT NULL DEFAULT 0,
	hash TEXT,
	series_id INTEGER REFERENCES series (id) ON DELETE SET NULL,
	number INTEGER,
	related_id INTEGER REFERENCES patch_relation (id) ON DELETE SET NULL,
	mail_id INTEGER REFERENCES mail (id) ON DELETE SET NULL,
	UNIQUE (project_id, msgid),
	UNIQUE (series_id, number)
);
CREATE INDEX patch_msgid ON patch (msgid);
CREATE INDEX patch_project_date ON patch (project_id, archived, state_id, date);
CREATE INDEX patch_date ON patch (date);
CREATE INDEX patch_submitter ON patch (submitter_id);
CREATE INDEX patch_delegate ON patch (delegate_id);
CREATE INDEX patch_hash ON patch (hash);
CREATE INDEX patch_related ON patch (related_id);

CREATE TABLE patch_comment (
	id @ID@,
	patch_id INTEGER NOT NULL REFERENCES patch (id) ON DELETE CASCADE,
	msgid TEXT NOT NULL,
	date INTEGER NOT NULL,
	headers TEXT NOT NULL,
	submitter_id INTEGER NOT NULL REFERENCES person (id),
	content TEXT,
	addressed INTEGER,
	mail_id INTEGER REFERENCES mail (id) ON DELETE SET NULL,
	UNIQUE (patch_id, msgid)
);
CREATE INDEX patch_comment_msgid ON patch_comment (msgid);
CREATE INDEX patch_comment_patch_date ON patch_comment (patch_id, date);

CREATE TABLE cover_comment (
	id @ID@,
	cover_id INTEGER NOT NULL REFERENCES cover (id) ON DELETE CASCADE,
	msgid TEXT NOT NULL,
	date INTEGER NOT NULL,
	headers TEXT NOT NULL,
	submitter_id INTEGER NOT NULL REFERENCES person (id),
	content TEXT,
	addressed INTEGER,
	mail_id INTEGER REFERENCES mail (id) ON DELETE SET NULL,
	UNIQUE (cover_id, msgid)
);
CREATE INDEX cover_comment_msgid ON cover_comment (msgid);
CREATE INDEX cover_comment_cover_date ON cover_comment (cover_id, date);

CREATE TABLE patch_tag (
	patch_id INTEGER NOT NULL REFERENCES patch (id) ON DELETE CASCADE,
	tag_id INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
	count INTEGER NOT NULL,
	PRIMARY KEY (patch_id, tag_id)
);

-- "check" is an SQL keyword, hence patch_check. state: 0 pending,
-- 1 success, 2 warning, 3 fail (rest-api.md §9.1).
CREATE TABLE patch_check (
	id @ID@,
	patch_id INTEGER NOT NULL REFERENCES patch (id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	date INTEGER NOT NULL,
	state INTEGER NOT NULL DEFAULT 0,
	target_url TEXT,
	description TEXT,
	context TEXT NOT NULL DEFAULT 'default'
);
CREATE INDEX patch_check_patch ON patch_check (patch_id);

CREATE TABLE bundle (
	id @ID@,
	owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	public INTEGER NOT NULL DEFAULT 0,
	UNIQUE (owner_id, name)
);

CREATE TABLE bundle_patch (
	id @ID@,
	bundle_id INTEGER NOT NULL REFERENCES bundle (id) ON DELETE CASCADE,
	patch_id INTEGER NOT NULL REFERENCES patch (id) ON DELETE CASCADE,
	ordering INTEGER NOT NULL,
	UNIQUE (bundle_id, patch_id)
);

CREATE TABLE event (
	id @ID@,
	category TEXT NOT NULL,
	project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
	date INTEGER NOT NULL,
	actor_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
	patch_id INTEGER REFERENCES patch (id) ON DELETE CASCADE,
	series_id INTEGER REFERENCES series (id) ON DELETE CASCADE,
	cover_id INTEGER REFERENCES cover (id) ON DELETE CASCADE,
	previous_state_id INTEGER REFERENCES state (id) ON DELETE CASCADE,
	current_state_id INTEGER REFERENCES state (id) ON DELETE CASCADE,
	previous_delegate_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
	current_delegate_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
	created_check_id INTEGER REFERENCES patch_check (id) ON DELETE CASCADE,
	previous_relation_id INTEGER REFERENCES patch_relation (id) ON DELETE SET NULL,
	current_relation_id INTEGER REFERENCES patch_relation (id) ON DELETE SET NULL,
	cover_comment_id INTEGER REFERENCES cover_comment (id) ON DELETE CASCADE,
	patch_comment_id INTEGER REFERENCES patch_comment (id) ON DELETE CASCADE
);
CREATE INDEX event_project_date ON event (project_id, date);
CREATE INDEX event_patch ON event (patch_id);
CREATE INDEX event_series ON event (series_id);
CREATE INDEX event_cover ON event (cover_id);

CREATE TABLE delegation_rule (
	id @ID@,
	project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	path TEXT NOT NULL,
	priority INTEGER NOT NULL DEFAULT 0,
	UNIQUE (path, project_id)
);

-- REST API tokens (DRF's authtoken: one 40-hex key per user).
CREATE TABLE token (
	key TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
	created INTEGER NOT NULL
);

CREATE TABLE web_session (
	key TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	csrf TEXT NOT NULL,
	expires INTEGER NOT NULL
);

CREATE TABLE email_confirmation (
	id @ID@,
	type TEXT NOT NULL,
	email TEXT NOT NULL,
	user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
	key TEXT NOT NULL UNIQUE,
	date INTEGER NOT NULL,
	active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE email_optout (
	email TEXT PRIMARY KEY
);

CREATE TABLE patch_change_notification (
	patch_id INTEGER PRIMARY KEY REFERENCES patch (id) ON DELETE CASCADE,
	last_modified INTEGER NOT NULL,
	orig_state_id INTEGER NOT NULL REFERENCES state (id)
);

-- Patchwork's default fixture: states (ordering 0 is the initial state)
-- and tags.
INSERT INTO state (name, slug, ordering, action_required) VALUES
	('New', 'new', 0, 1),
	('Under Review', 'under-review', 1, 1),
	('Accepted', 'accepted', 2, 0),
	('Rejected', 'rejected', 3, 0),
	('RFC', 'rfc', 4, 0),
	('Not Applicable', 'not-applicable', 5, 0),
	('Changes Requested', 'changes-requested', 6, 0),
	('Awaiting Upstream', 'awaiting-upstream', 7, 0),
	('Superseded', 'superseded', 8, 0),
	('Deferred', 'deferred', 9, 0);

INSERT INTO tag (name, pattern, abbrev, show_column) VALUES
	('Acked-by', '^Acked-by:', 'A', 1),
	('Reviewed-by', '^Reviewed-by:', 'R', 1),
	('Tested-by', '^Tested-by:', 'T', 1);
