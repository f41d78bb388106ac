"""Read-only access to a darn database for the test tools, on either
backend: a path is SQLite (Python's sqlite3), a postgresql:// URI is
PostgreSQL through psql (the stdlib has no PostgreSQL driver).

    db = darndb.connect(location)
    for a, b in db.execute("SELECT a, b FROM t WHERE c = ?", (x,)): ...
    row = db.execute(...).fetchone()

Values come back typed as sqlite3 gives them (int, str, None): psql
returns each row as JSON (row_to_json), which keeps numbers, strings,
NULL and duplicate column names apart. `?` parameters are pasted in as
SQL literals: the values come from the tools' own golden files, never
from a client.
"""
import json
import re
import shutil
import sqlite3
import subprocess


def is_postgresql(location):
    return location.startswith(("postgresql://", "postgres://"))


def connect(location, readonly=True):
    if is_postgresql(location):
        return PgConnection(location)
    if readonly:
        import os
        import urllib.parse
        uri = ("file:" + urllib.parse.quote(os.path.abspath(location)) +
               "?mode=ro")
        return sqlite3.connect(uri, uri=True)
    return sqlite3.connect(location)


def _literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, int):
        return str(v)
    return "'" + str(v).replace("'", "''") + "'"


def _paste(sql, params):
    """sql with each ? outside string literals replaced by a literal."""
    it = iter(params)
    out, i = [], 0
    for m in re.finditer(r"'(?:[^']|'')*'|\?", sql):
        out.append(sql[i:m.start()])
        out.append(m.group(0) if m.group(0) != "?" else _literal(next(it)))
        i = m.end()
    out.append(sql[i:])
    return "".join(out)


class _Rows(list):
    def fetchone(self):
        return self[0] if self else None

    def fetchall(self):
        return list(self)


class PgConnection:
    def __init__(self, uri):
        self.uri = uri
        self.psql = shutil.which("psql") or "psql"

    def execute(self, sql, params=()):
        query = "SELECT row_to_json(darndb_row) FROM (%s) darndb_row" % \
            _paste(sql, params)
        out = subprocess.run([self.psql, "-X", "-q", "-A", "-t",
                              "-v", "ON_ERROR_STOP=1", self.uri,
                              "-c", query], capture_output=True,
                             text=True, check=True).stdout
        return _Rows(json.loads(line, object_pairs_hook=lambda kv: tuple(
            v for _, v in kv)) for line in out.splitlines() if line)

    def close(self):
        pass
