-- darn schema, version 5: accounts on the web (issue 10).
--
-- web_session (0001) now holds login sessions: `key` is the SHA-256 (hex)
-- of the session cookie's value, never the value itself, so a copy of
-- the database opens no session; `csrf` is the session's CSRF secret;
-- `expires` µs since the epoch. Sessions live in the database only:
-- several darn serve processes may share it.
-- email_confirmation (0001) holds the keys mailed for registration,
-- extra addresses, opt-out/opt-in and password resets, likewise as the
-- SHA-256 (hex) of the mailed key.
DELETE FROM web_session;
CREATE INDEX web_session_expires ON web_session (expires);
CREATE INDEX web_session_user ON web_session (user_id);
CREATE INDEX email_confirmation_date ON email_confirmation (date);

-- Failed web logins counted per client address ("a:<address>") and per
-- username ("u:<username>") within a window that starts at the first
-- failure (`first`, µs since the epoch); the store prunes rows whose
-- window ended and keeps the table bounded (store/session.c).
CREATE TABLE login_failure (
	subject TEXT PRIMARY KEY,
	failures INTEGER NOT NULL,
	first INTEGER NOT NULL
);
CREATE INDEX login_failure_first ON login_failure (first);
