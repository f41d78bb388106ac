#!/usr/bin/env python3
"""Compare what darn stored with what Patchwork stored for the same mails.

Reads a darn SQLite database and a directory (or file prefix) of golden
TSVs in the format of shared/golden/README.md (submissions.tsv, series.tsv,
outcomes.tsv), prints the agreement of every column, and as its last line
`agreement: NN.NN%`: the lowest agreement of any compared column.

Usage: compare.py DARN_DB GOLDEN_PREFIX [DARN_OUTCOMES_TSV] [--show N]
  GOLDEN_PREFIX is e.g. golden/linux-cifs/ (files submissions.tsv, ...)
  or golden/patchwork-tests/parsearchive/mail/0001-x.mbox. (files
  0001-x.mbox.submissions.tsv, ...).
"""
import hashlib
import json
import os
import sys
from collections import defaultdict
from datetime import datetime, timezone

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tools"))
import darndb  # noqa: E402  (SQLite or PostgreSQL)

SUB_COLS = ["kind", "msgid", "name", "date", "submitter_email",
            "submitter_name", "state", "hash", "pull_url", "series_key",
            "number", "series_version", "series_total", "series_name",
            "archived", "delegate", "tags_A/R/T", "content_sha1",
            "diff_sha1", "parent_msgid"]
SERIES_COLS = ["series_key", "name", "version", "total", "received_total",
               "cover_msgid", "patch_msgids_json"]


def esc(v):
    if v is None:
        return ""
    v = str(v)
    return (v.replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"))


def iso(us):
    d = datetime.fromtimestamp(us // 1000000, tz=timezone.utc).replace(
        tzinfo=None, microsecond=us % 1000000)
    return d.isoformat()


def sha1(s):
    if s is None:
        return ""
    return hashlib.sha1(s.encode("utf-8", "surrogatepass")).hexdigest()


def read_tsv(path):
    with open(path, encoding="utf-8", newline="\n") as f:
        lines = f.read().split("\n")
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        if line == "":
            continue
        rows.append(dict(zip(header, line.split("\t"))))
    return rows


def series_keys(db):
    """series id -> key, as golden/README.md defines it."""
    keys = {}
    for sid, cover in db.execute(
            "SELECT s.id, c.msgid FROM series s "
            "LEFT JOIN cover c ON c.id = s.cover_letter_id"):
        if cover is not None:
            keys[sid] = cover
    for sid, msgid in db.execute(
            "SELECT series_id, msgid FROM patch WHERE series_id IS NOT NULL "
            "ORDER BY series_id, number, id"):
        keys.setdefault(sid, msgid)
    # A series with neither: the mail that created it added its own msgid
    # as the last reference.
    for sid, msgid in db.execute(
            "SELECT series_id, msgid FROM series_reference "
            "ORDER BY series_id, id"):
        if sid not in keys or keys[sid].startswith("orphan:"):
            keys[sid] = "orphan:" + msgid
    return keys


def dump_submissions(db, keys):
    series = {r[0]: r for r in db.execute(
        "SELECT id, name, version, total FROM series")}
    tags = defaultdict(dict)
    for pid, abbrev, count in db.execute(
            "SELECT pt.patch_id, t.abbrev, pt.count FROM patch_tag pt "
            "JOIN tag t ON t.id = pt.tag_id"):
        tags[pid][abbrev] = count
    rows = []
    for (pid, msgid, name, date, email, pname, state, hsh, pull, sid, num,
         archived, delegate, content, diff) in db.execute(
            "SELECT p.id, p.msgid, p.name, p.date, pe.email, pe.name, "
            "st.slug, p.hash, p.pull_url, p.series_id, p.number, p.archived, "
            "u.username, p.content, p.diff FROM patch p "
            "JOIN person pe ON pe.id = p.submitter_id "
            "JOIN state st ON st.id = p.state_id "
            "LEFT JOIN users u ON u.id = p.delegate_id"):
        s = series.get(sid)
        t = tags[pid]
        rows.append({
            "kind": "patch", "msgid": msgid, "name": name,
            "date": iso(date), "submitter_email": email,
            "submitter_name": pname, "state": state, "hash": hsh,
            "pull_url": pull, "series_key": keys.get(sid) if s else None,
            "number": num, "series_version": s[2] if s else None,
            "series_total": s[3] if s else None,
            "series_name": s[1] if s else None, "archived": archived,
            "delegate": delegate,
            "tags_A/R/T": "%d/%d/%d" % (t.get("A", 0), t.get("R", 0),
                                        t.get("T", 0)),
            "content_sha1": sha1(content), "diff_sha1": sha1(diff),
            "parent_msgid": None})
    for (cid, msgid, name, date, email, pname, content, sid) in db.execute(
            "SELECT c.id, c.msgid, c.name, c.date, pe.email, pe.name, "
            "c.content, s.id FROM cover c "
            "JOIN person pe ON pe.id = c.submitter_id "
            "LEFT JOIN series s ON s.cover_letter_id = c.id"):
        s = series.get(sid)
        rows.append({
            "kind": "cover", "msgid": msgid, "name": name,
            "date": iso(date), "submitter_email": email,
            "submitter_name": pname,
            "series_key": keys.get(sid) if s else None,
            "series_version": s[2] if s else None,
            "series_total": s[3] if s else None,
            "series_name": s[1] if s else None,
            "content_sha1": sha1(content)})
    for kind, table, parent, fk in (
            ("patch-comment", "patch_comment", "patch", "patch_id"),
            ("cover-comment", "cover_comment", "cover", "cover_id")):
        for (msgid, date, email, pname, content, pmsgid) in db.execute(
                "SELECT c.msgid, c.date, pe.email, pe.name, c.content, "
                "p.msgid FROM %s c JOIN person pe ON pe.id = c.submitter_id "
                "JOIN %s p ON p.id = c.%s" % (table, parent, fk)):
            rows.append({
                "kind": kind, "msgid": msgid, "date": iso(date),
                "submitter_email": email, "submitter_name": pname,
                "content_sha1": sha1(content), "parent_msgid": pmsgid})
    return [{c: esc(r.get(c)) for c in SUB_COLS} for r in rows]


def dump_series(db, keys):
    patches = defaultdict(list)
    for sid, msgid in db.execute(
            "SELECT series_id, msgid FROM patch WHERE series_id IS NOT NULL "
            "ORDER BY series_id, number, id"):
        patches[sid].append(msgid)
    rows = []
    for sid, name, version, total, cover in db.execute(
            "SELECT s.id, s.name, s.version, s.total, c.msgid FROM series s "
            "LEFT JOIN cover c ON c.id = s.cover_letter_id"):
        rows.append({
            "series_key": keys.get(sid, "orphan:?"), "name": name,
            "version": version, "total": total,
            "received_total": len(patches[sid]), "cover_msgid": cover,
            "patch_msgids_json": json.dumps(patches[sid],
                                            ensure_ascii=False)})
    return [{c: esc(r.get(c)) for c in SERIES_COLS} for r in rows]


def compare(title, golden, darn, key, cols, show, ignore=()):
    """Prints per-column agreement; returns {column: fraction}."""
    gmap = defaultdict(list)
    for r in golden:
        gmap[key(r)].append(r)
    dmap = defaultdict(list)
    for r in darn:
        dmap[key(r)].append(r)
    keys = sorted(set(gmap) | set(dmap))
    agree = {c: 0 for c in cols}
    examples = defaultdict(list)
    for k in keys:
        g = gmap.get(k, [])
        d = dmap.get(k, [])
        for i in range(max(len(g), len(d))):
            gr = g[i] if i < len(g) else None
            dr = d[i] if i < len(d) else None
            for c in cols:
                if gr is not None and dr is not None and gr[c] == dr[c]:
                    agree[c] += 1
                elif len(examples[c]) < show:
                    examples[c].append((k, gr and gr[c], dr and dr[c]))
    total = sum(max(len(gmap.get(k, [])), len(dmap.get(k, [])))
                for k in keys)
    print("%s: %d golden rows, %d darn rows" % (title, len(golden), len(darn)))
    result = {}
    for c in cols:
        frac = agree[c] / total if total else 1.0
        mark = " (not compared)" if c in ignore else ""
        print("  %-18s %8.2f%%  (%d/%d)%s" % (c, 100 * frac, agree[c],
                                             total, mark))
        for ex in examples[c]:
            print("      %r: golden=%r darn=%r" % ex)
        if c not in ignore:
            result[c] = frac
    return result


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = 0
    if "--show" in sys.argv:
        show = int(sys.argv[sys.argv.index("--show") + 1])
        args.remove(str(show))
    dbpath, prefix = args[0], args[1]
    outcomes = args[2] if len(args) > 2 else None
    db = darndb.connect(dbpath)
    keys = series_keys(db)
    fracs = {}
    sub = compare("submissions", read_tsv(prefix + "submissions.tsv"),
                  dump_submissions(db, keys),
                  lambda r: (r["kind"], r["msgid"], r["parent_msgid"]),
                  SUB_COLS, show)
    fracs.update({"submissions." + c: v for c, v in sub.items()})
    ser = compare("series", read_tsv(prefix + "series.tsv"),
                  dump_series(db, keys), lambda r: r["series_key"],
                  SERIES_COLS, show)
    fracs.update({"series." + c: v for c, v in ser.items()})
    if outcomes:
        gold = read_tsv(prefix + "outcomes.tsv")
        # The reference prints None for a mail whose msgid it never read.
        for r in gold:
            if r["msgid"] == "None":
                r["msgid"] = ""
        mine = read_tsv(outcomes)
        out = compare("outcomes", gold, mine, lambda r: r["index"],
                      ["msgid", "outcome"], show)
        fracs.update({"outcomes." + c: v for c, v in out.items()})
    worst = min(fracs.items(), key=lambda kv: kv[1])
    print("lowest column: %s" % worst[0])
    print("agreement: %.2f%%" % (100 * worst[1]))


if __name__ == "__main__":
    main()
