"""Replaying Patchwork's recorded requests against darn (shared by api.py
and openapi.py).

The golden directory (shared/golden/linux-cifs/api/) holds, per version
directory (v1.0 … v1.3, unversioned), <slug>.headers files: the request
line, `status: NNN Reason`, then the response headers Patchwork sent
(Content-Type, Link, Allow, Location, Vary), and <slug>.json, the raw body.

Object ids in the recorded requests are Patchwork's. darn's ids are
expected to be the same on this archive, but they are looked up by msgid
(samples.tsv) in darn's database anyway, so that a different id is
reported and the request still goes to the same object.
"""
import base64
import http.client
import os
import re
import sys
import urllib.parse
from collections import OrderedDict

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tools"))
import darndb  # noqa: E402  (SQLite or PostgreSQL)

VERSIONS = ["v1.0", "v1.1", "v1.2", "v1.3", "unversioned"]
GOLDEN_BASE = "http://127.0.0.1:8000"
AUTH_USER = "tester"
AUTH_PASSWORD = "golden-tester-password"


def read_tsv(path):
    with open(path, encoding="utf-8", newline="\n") as f:
        lines = f.read().split("\n")
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:] if line]


class Recorded:
    """One recorded API request and Patchwork's response."""

    def __init__(self, version, slug, headers_path):
        self.version = version
        self.slug = slug
        with open(headers_path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        self.method, self.path = lines[0].split(" ", 1)
        self.status = int(lines[1].split()[1])
        self.headers = OrderedDict()
        for line in lines[2:]:
            if ": " in line:
                name, value = line.split(": ", 1)
                self.headers[name] = value
        body_path = headers_path[: -len(".headers")] + ".json"
        with open(body_path, "rb") as f:
            self.body = f.read()
        self.auth = slug.endswith("-auth")

    @property
    def name(self):
        return f"{self.version}/{self.slug}"

    @property
    def kind(self):
        """The endpoint kind: the slug without its sample number."""
        return re.sub(r"-s\d+", "", self.slug)


def recorded_requests(api_dir):
    out = []
    for version in VERSIONS:
        d = os.path.join(api_dir, version)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if f.endswith(".headers"):
                out.append(Recorded(version, f[: -len(".headers")],
                                    os.path.join(d, f)))
    return out


class IdMap:
    """Patchwork id -> darn id per object kind, found by msgid."""

    KINDS = ("patch", "cover", "series", "patch-comment", "cover-comment",
             "person")

    def __init__(self, db_path, api_dir):
        self.api_dir = api_dir
        self.map = {k: {} for k in self.KINDS}
        self.problems = []  # human-readable lines
        self.checked = 0
        if not db_path or (not darndb.is_postgresql(db_path) and
                           not os.path.exists(db_path)):
            self.problems.append(f"no darn database at {db_path}: "
                                 "requests use Patchwork's ids unchecked")
            return
        con = darndb.connect(db_path)
        rows = read_tsv(os.path.join(api_dir, "samples.tsv"))
        for r in rows:
            kind, pw, key = r["kind"], int(r["pw_id"]), r["msgid_or_series_key"]
            darn = self._lookup(con, kind, key, r.get("parent_pw_id", ""))
            self._record(r["sample"], kind, pw, darn, key)
            if kind == "patch" and darn is not None:
                # The submitter's person id, for patch-sNN-submitter-auth.
                pw_person = self._recorded_submitter(r["sample"])
                got = con.execute("SELECT submitter_id FROM patch WHERE id = ?",
                                  (darn,)).fetchone()
                if pw_person is not None and got:
                    self._record(r["sample"] + " submitter", "person",
                                 pw_person, got[0], key)
        con.close()

    def _recorded_submitter(self, sample):
        """The person id Patchwork's submitter-auth sample asked for."""
        p = os.path.join(self.api_dir, "unversioned",
                         sample + "-submitter-auth.headers")
        if not os.path.exists(p):
            return None
        with open(p, encoding="utf-8") as f:
            m = re.search(r"/people/(\d+)/", f.readline())
        return int(m.group(1)) if m else None

    def _lookup(self, con, kind, key, parent_pw):
        q = None
        if kind == "patch":
            q = con.execute("SELECT id FROM patch WHERE msgid = ?", (key,))
        elif kind == "cover":
            q = con.execute("SELECT id FROM cover WHERE msgid = ?", (key,))
        elif kind == "series":
            if key.startswith("orphan:"):
                return None
            q = con.execute(
                "SELECT s.id FROM series s JOIN cover c "
                "ON s.cover_letter_id = c.id WHERE c.msgid = ?", (key,))
            row = q.fetchone()
            if row:
                return row[0]
            q = con.execute("SELECT series_id FROM patch WHERE msgid = ? "
                            "AND series_id IS NOT NULL", (key,))
        elif kind in ("patch-comment", "cover-comment"):
            parent_kind = kind.split("-")[0]
            parent = self.map[parent_kind].get(int(parent_pw)) if parent_pw else None
            table, col = (("patch_comment", "patch_id") if parent_kind == "patch"
                          else ("cover_comment", "cover_id"))
            if parent is not None:
                q = con.execute(f"SELECT id FROM {table} WHERE msgid = ? "
                                f"AND {col} = ? ORDER BY id", (key, parent))
            else:
                q = con.execute(f"SELECT id FROM {table} WHERE msgid = ? "
                                "ORDER BY id", (key,))
        row = q.fetchone() if q else None
        return row[0] if row else None

    def _record(self, sample, kind, pw, darn, key):
        self.checked += 1
        if darn is None:
            self.problems.append(f"{sample}: {kind} {key} not found in darn's "
                                 f"database (Patchwork id {pw})")
            return
        self.map[kind][pw] = darn
        if darn != pw:
            self.problems.append(f"{sample}: {kind} {key}: Patchwork id {pw}, "
                                 f"darn id {darn}")

    def path(self, path):
        """Rewrites the Patchwork ids of a request path to darn's ids."""
        def sub(kind, m):
            pw = int(m.group(2))
            return m.group(1) + str(self.map[kind].get(pw, pw))

        parent = None
        if re.search(r"/patches/\d+/comments/", path):
            parent = "patch-comment"
        elif re.search(r"/covers/\d+/comments/", path):
            parent = "cover-comment"
        end = r"(?=/|\?|$)"  # a whole segment, not a msgid's leading digits
        path = re.sub(r"(/patches/|/patch/)(\d+)" + end,
                      lambda m: sub("patch", m), path)
        path = re.sub(r"(/covers/|/cover/)(\d+)" + end,
                      lambda m: sub("cover", m), path)
        path = re.sub(r"(/series/)(\d+)" + end, lambda m: sub("series", m), path)
        path = re.sub(r"(/people/)(\d+)" + end, lambda m: sub("person", m), path)
        if parent:
            path = re.sub(r"(/comments/)(\d+)" + end,
                          lambda m: sub(parent, m), path)
        return path


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # name (as sent) -> value, first occurrence
        self.body = body

    def header(self, name):
        for k, v in self.headers.items():
            if k.lower() == name.lower():
                return v
        return None


class Client:
    """Keep-alive HTTP/1.1 client for one server; never follows redirects."""

    def __init__(self, url, timeout=30):
        u = urllib.parse.urlsplit(url)
        self.host, self.port = u.hostname, u.port or 80
        self.timeout = timeout
        self.conn = None

    def get(self, path, auth=False):
        headers = {"Accept": "*/*", "User-Agent": "darn-golden"}
        if auth:
            cred = f"{AUTH_USER}:{AUTH_PASSWORD}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(cred).decode()
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port,
                                                       timeout=self.timeout)
            try:
                self.conn.request("GET", path, headers=headers)
                r = self.conn.getresponse()
                body = r.read()
            except (http.client.HTTPException, OSError) as e:
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    return Response(0, {}, f"request failed: {e}".encode())
                continue
            hdrs = OrderedDict()
            for k, v in r.getheaders():
                hdrs.setdefault(k, v)
            if r.will_close:
                self.conn.close()
                self.conn = None
            return Response(r.status, hdrs, body)
        raise AssertionError("unreachable")
