-- darn schema, version 8: the series list by name on PostgreSQL (issue 9).
--
-- A series without a cover letter may have no name, and a list ordered
-- by a nullable column says where NULL goes (store/list.c): first when
-- ascending, last when descending, as SQLite always sorts. SQLite's
-- series_name (name, id) gives both orders; PostgreSQL's index keeps
-- NULL last ascending (first when walked backwards), so /api/series/
-- ?order=name sorted every series of the table
-- (tests/unit/test-list-plans.c on a PostgreSQL database). @NULLS_FIRST@
-- is NULLS FIRST on PostgreSQL and nothing on SQLite, which accepts no
-- such clause in an index and needs none: there this is the index it
-- replaces.
DROP INDEX series_name;
CREATE INDEX series_name ON series (name @NULLS_FIRST@, id);
