-- darn schema, version 7: a project's patches from one submitter, and
-- since a date, at a million patches on PostgreSQL (issue 9).
--
-- darn keeps PostgreSQL's plans generic (docs/postgresql.md): a
-- statement is planned once for any value bound. Two of the API's
-- filters had no index whose order served them there, measured with
-- EXPLAIN ANALYZE in the generated million-patch database:
--
-- `?project=P&submitter=S` found the submitter's patches through
-- patch_submitter (submitter_id, id) and tested each one's project in
-- its row; planned for an average submitter (72 patches), it read all
-- 2,262 of a prolific one and sorted them: 18 ms for a page of 30. With
-- the project beside the submitter, a page reads 30 index entries in id
-- order (0.39 ms) and its count the submitter's entries in the project.
-- patch_submitter stays for a submitter's patches in every project.
CREATE INDEX patch_submitter_project ON patch (submitter_id, project_id, id);
-- `?project=P&since=D` (what CI robots and git-pw poll with) walked
-- every entry of the project in patch_project_date, whose date comes
-- after archived and state (81 ms for the 300 patches since D; SQLite
-- skips through those columns, PostgreSQL 15 cannot). Here the patches
-- since D are one range (0.75 ms to count them). The columns the web
-- list filters on follow, as in patch_list_date: SQLite takes this index
-- for the web list of every patch, archived or not, by date, and must
-- not read a row for the ones it skips (tests/unit/test-list-plans.c).
CREATE INDEX patch_project_since ON patch (project_id, date, id, archived,
                                           state_id, delegate_id,
                                           submitter_id, series_id);
