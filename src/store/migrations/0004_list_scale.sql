-- darn schema, version 4: list endpoints at a million patches (issue 9).
--
-- 1. Every filter and ordering of the REST API's lists has an index that
--    gives its rows in the list's order, so a page reads only its rows
--    (tests/unit/test-list-plans.c checks the plans). Indexes end with
--    the id explicitly: SQLite appends the rowid by itself, PostgreSQL
--    needs it written to return ties in id order without a sort.
-- 2. Row counts per (project, state, archived, delegate) of patches, per
--    (project, category, actor) of events, and per project of each,
--    series and covers, kept by the store in the transaction that writes
--    the rows (store/count.c), so a list's Link header (its last page)
--    sums a few counts instead of counting a million rows: an unfiltered
--    list sums one row per project, a filtered one the keys it selects.
--    0 stands for "none" in the delegate and actor columns (NULL is
--    never equal in a key).

-- A project's patches in id order, with the columns the API's other
-- filters test, so a project's list filtered by state, archived or
-- delegate never reads a patch row: those columns are stored after the
-- mail's text, and reading them from the row reads the whole row.
DROP INDEX patch_project;
CREATE INDEX patch_project ON patch (project_id, id, state_id, archived,
                                     delegate_id);
-- Every list in id order, unfiltered: walking this index reads a few
-- bytes per patch where SQLite's walk of the table reads each row
-- (PostgreSQL's primary key index is the same; there it is a spare).
CREATE INDEX patch_id ON patch (id);
DROP INDEX patch_date;
CREATE INDEX patch_date ON patch (date, id);
DROP INDEX patch_submitter;
CREATE INDEX patch_submitter ON patch (submitter_id, id);
-- Partial where most rows hold NULL: a filter's value is never NULL, and
-- rows that cannot match cost no index entry (ingest writes none).
DROP INDEX patch_delegate;
CREATE INDEX patch_delegate ON patch (delegate_id, id)
	WHERE delegate_id IS NOT NULL;
CREATE INDEX patch_state ON patch (state_id, id);
CREATE INDEX patch_archived ON patch (archived, id);
CREATE INDEX patch_name ON patch (name, id);

DROP INDEX cover_project;
CREATE INDEX cover_project ON cover (project_id, id);
CREATE INDEX cover_submitter ON cover (submitter_id, id);
CREATE INDEX cover_date ON cover (date, id);
CREATE INDEX cover_id ON cover (id);

DROP INDEX series_project;
CREATE INDEX series_project ON series (project_id, id);
CREATE INDEX series_submitter ON series (submitter_id, id);
CREATE INDEX series_date ON series (date, id);
CREATE INDEX series_name ON series (name, id);
CREATE INDEX series_id ON series (id);

DROP INDEX event_project_date;
CREATE INDEX event_project_date ON event (project_id, date, id);
DROP INDEX event_date;
CREATE INDEX event_date ON event (date, id);
CREATE INDEX event_category ON event (category, date, id);
CREATE INDEX event_actor ON event (actor_id, date, id)
	WHERE actor_id IS NOT NULL;
DROP INDEX event_patch;
CREATE INDEX event_patch ON event (patch_id) WHERE patch_id IS NOT NULL;
DROP INDEX event_series;
CREATE INDEX event_series ON event (series_id) WHERE series_id IS NOT NULL;
DROP INDEX event_cover;
CREATE INDEX event_cover ON event (cover_id) WHERE cover_id IS NOT NULL;

CREATE TABLE patch_count (
	project_id INTEGER NOT NULL,
	state_id INTEGER NOT NULL,
	archived INTEGER NOT NULL,
	delegate_id INTEGER NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (project_id, state_id, archived, delegate_id)
);
INSERT INTO patch_count (project_id, state_id, archived, delegate_id, n)
	SELECT project_id, state_id, archived, COALESCE(delegate_id, 0),
	       COUNT(*)
	FROM patch GROUP BY project_id, state_id, archived,
	                    COALESCE(delegate_id, 0);
CREATE INDEX patch_count_state ON patch_count (state_id);
CREATE INDEX patch_count_delegate ON patch_count (delegate_id);
CREATE TABLE patch_total (
	project_id INTEGER PRIMARY KEY,
	n INTEGER NOT NULL
);
INSERT INTO patch_total (project_id, n)
	SELECT project_id, COUNT(*) FROM patch GROUP BY project_id;

CREATE TABLE event_count (
	project_id INTEGER NOT NULL,
	category TEXT NOT NULL,
	actor_id INTEGER NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (project_id, category, actor_id)
);
INSERT INTO event_count (project_id, category, actor_id, n)
	SELECT project_id, category, COALESCE(actor_id, 0), COUNT(*)
	FROM event GROUP BY project_id, category, COALESCE(actor_id, 0);
CREATE INDEX event_count_category ON event_count (category);
CREATE TABLE event_total (
	project_id INTEGER PRIMARY KEY,
	n INTEGER NOT NULL
);
INSERT INTO event_total (project_id, n)
	SELECT project_id, COUNT(*) FROM event GROUP BY project_id;

CREATE TABLE series_total (
	project_id INTEGER PRIMARY KEY,
	n INTEGER NOT NULL
);
INSERT INTO series_total (project_id, n)
	SELECT project_id, COUNT(*) FROM series GROUP BY project_id;

CREATE TABLE cover_total (
	project_id INTEGER PRIMARY KEY,
	n INTEGER NOT NULL
);
INSERT INTO cover_total (project_id, n)
	SELECT project_id, COUNT(*) FROM cover GROUP BY project_id;
