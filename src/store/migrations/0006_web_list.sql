-- darn schema, version 6: the web's patch list without reading the rows
-- it does not show (issue 10).
--
-- The web list's default (and most requested) view is a project's
-- patches that are not archived, in states that need action, newest
-- first. This index gives them in that order with the columns the other
-- filters and orders test beside each entry (state, delegate of the todo
-- lists, submitter, series), so a page of 100 walks about 100 index
-- entries and reads 100 rows, and any other filter or order of the web
-- list walks the project's entries, never its rows. With the indexes of
-- 0004 it read every patch of the project (state_id is stored after the
-- mail's text, so reading it reads the whole row) and sorted them.
CREATE INDEX patch_list_date ON patch (project_id, archived, date, id,
                                       state_id, delegate_id, submitter_id,
                                       series_id);
-- The people of a user, which a submitter filter lists (every address of
-- the user the chosen person is linked to).
CREATE INDEX person_user ON person (user_id) WHERE user_id IS NOT NULL;
