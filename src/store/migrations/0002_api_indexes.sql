-- darn schema, version 2: indexes for the REST API's lists. In SQLite an
-- index ends with the rowid, so (project_id) alone yields a project's rows
-- in id order: a filtered list's first page needs no sort. Events are
-- listed newest first.

CREATE INDEX patch_project ON patch (project_id);
CREATE INDEX cover_project ON cover (project_id);
CREATE INDEX series_project ON series (project_id);
CREATE INDEX event_date ON event (date);
