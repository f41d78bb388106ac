-- darn schema, version 3: how far parsearchive got in each archive, so
-- that a run interrupted by kill -9, a power loss or a full disk resumes
-- where its last commit ended instead of reading the archive again
-- (which would store the replies it rightly dropped the first time,
-- when their parent came later in the archive). Written in the same
-- transaction as the mails it counts; removed when the run completes.

CREATE TABLE archive_progress (
	path TEXT PRIMARY KEY,      -- the archive's canonical path
	mails INTEGER NOT NULL,     -- mails read and committed, in order
	digest @BLOB@ NOT NULL,     -- chained SHA-256 of those mails
	updated INTEGER NOT NULL    -- µs since the epoch
);
