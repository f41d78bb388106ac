#!/usr/bin/env python3
"""Compare darn's REST API and mbox downloads with Patchwork 3.1.3's.

Replays every request recorded in GOLDEN/api/<version>/*.headers and every
download of GOLDEN/mbox/index.tsv against a running darn, and compares
status, the headers Content-Type, Link, Allow, Location and Vary (mbox:
Location, Content-Type, Content-Disposition) and the body:

* JSON bodies are compared as JSON with key order significant, after
  normalising what is not derived from the mails: the top-level `date` of
  events (time of import) and the `Untitled series #ID` fallback name.
  darn's raw body must also be in the compact form Patchwork emits (`,` and
  `:` without spaces, non-ASCII raw, U+2028/U+2029 escaped).
* HTML bodies (the 404 page of routes that don't exist in a version) are
  not compared: only status and headers are.
* mbox bodies are compared byte for byte after normalising the number of
  `X-Patchwork-Id:` lines.
* Location headers are compared as paths when they are absolute URLs on
  the server's base URL (Patchwork sends relative ones for mbox
  redirects; both mean the same to a client).

A response that differs only in ways listed in the expected-differences
file (see api-expected-differences.tsv) counts as "explained".

Prints agreement per endpoint kind and version, writes every differing
response with a short diff to OUT/api-differences.txt, and as its last line
`identical: NN.NN%` (identical responses among all, API and mbox).
Exit status 1 when identical + explained is below --min percent.
"""
import argparse
import difflib
import fnmatch
import json
import os
import re
import sys
from collections import OrderedDict, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import replay  # noqa: E402

# Only these headers are compared. darn's security headers
# (X-Content-Type-Options, Content-Security-Policy, Referrer-Policy,
# Cache-Control; docs/web.md) are darn's additions, deliberately left out
# (docs/compatibility.md); X-Frame-Options: DENY, which Patchwork's
# XFrameOptionsMiddleware sends too, was not recorded in the golden files.
API_HEADERS = ["Content-Type", "Link", "Allow", "Location", "Vary"]
DIFF_LINES = 40
CLIP = 200


# ---- normalisation ------------------------------------------------------

UNTITLED = re.compile(r"Untitled series #\d+")
UNTITLED_FILE = re.compile(r"Untitled-series-\d+")
PATCHWORK_ID = re.compile(rb"^X-Patchwork-Id: \d+$", re.M)


def map_strings(obj, fn):
    if isinstance(obj, str):
        return fn(obj)
    if isinstance(obj, list):
        return [map_strings(v, fn) for v in obj]
    if isinstance(obj, dict):
        return OrderedDict((k, map_strings(v, fn)) for k, v in obj.items())
    return obj


def normalise_json(obj, kind, darn_base):
    def fix(s):
        if darn_base != replay.GOLDEN_BASE:
            s = s.replace(darn_base, replay.GOLDEN_BASE)
        return UNTITLED.sub("Untitled series #ID", s)

    obj = map_strings(obj, fix)
    if kind.startswith("events") and isinstance(obj, list):
        for e in obj:
            if isinstance(e, dict) and "date" in e:
                e["date"] = "(import time)"
    return obj


def normalise_location(value, darn_base):
    if value is None:
        return None
    for base in (darn_base, replay.GOLDEN_BASE):
        if value.startswith(base + "/"):
            return value[len(base):]
    return value


def normalise_header(name, value, darn_base):
    if value is None:
        return None
    if name == "Location":
        return normalise_location(value, darn_base)
    if darn_base != replay.GOLDEN_BASE:
        value = value.replace(darn_base, replay.GOLDEN_BASE)
    return UNTITLED_FILE.sub("Untitled-series-ID", value)


def dumps(obj):
    """Patchwork's (DRF's) compact JSON."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return s.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def pretty(obj):
    return json.dumps(obj, ensure_ascii=False, indent=1).split("\n")


# ---- expected differences ------------------------------------------------

class Expected:
    """Rows of the expected-differences file: where (version directory or
    `mbox`, glob), sample (glob on the slug or mbox file), action, argument,
    reason. Actions: ignore-key PATH (a dotted key path, `[]` for every
    element of an array, removed from both bodies), ignore-header NAME,
    ignore-body, ignore-status."""

    def __init__(self, path):
        self.rows = []
        if not path or not os.path.exists(path):
            return
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                cols = line.split("\t")
                if len(cols) != 5 or cols[2] not in (
                        "ignore-key", "ignore-header", "ignore-body",
                        "ignore-status"):
                    sys.exit(f"{path}:{n}: expected 5 columns: where, sample, "
                             "ignore-key|ignore-header|ignore-body|"
                             "ignore-status, argument, reason")
                self.rows.append({"where": cols[0], "sample": cols[1],
                                  "action": cols[2], "arg": cols[3],
                                  "reason": cols[4], "used": 0, "line": n})

    def matching(self, where, sample):
        return [r for r in self.rows
                if fnmatch.fnmatchcase(where, r["where"])
                and fnmatch.fnmatchcase(sample, r["sample"])]


def drop_key(obj, path):
    """Removes the key at a dotted path (`[]` = every array element)."""
    if not path:
        return
    head, _, rest = path.partition(".")
    if head == "[]":
        if isinstance(obj, list):
            for v in obj:
                drop_key(v, rest)
        return
    if head.endswith("[]"):
        head, rest = head[:-2], "[]" + ("." + rest if rest else "")
    if isinstance(obj, dict) and head in obj:
        if rest:
            drop_key(obj[head], rest)
        else:
            del obj[head]


# ---- one comparison -------------------------------------------------------

class Outcome:
    def __init__(self, group, version, name, request):
        self.group, self.version = group, version
        self.name, self.request = name, request
        self.problems = []  # short lines
        self.diff = []      # diff lines
        self.verdict = None
        self.reasons = []

    def differs(self):
        return bool(self.problems)


def clip_pair(a, b):
    """Both diff lines clipped around their first difference (the
    leading -/+ kept)."""
    if max(len(a), len(b)) <= CLIP:
        return a, b
    ma, a, mb, b = a[0], a[1:], b[0], b[1:]
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    start = max(0, p - CLIP // 3)

    def cut(s):
        piece = s[start:start + CLIP]
        return (("…" if start else "") + piece
                + ("…" if start + CLIP < len(s) else ""))
    return ma + cut(a), mb + cut(b)


def short_diff(golden_lines, darn_lines, label):
    out = []
    lines = list(difflib.unified_diff(golden_lines, darn_lines,
                                      f"Patchwork {label}", f"darn {label}",
                                      n=2, lineterm=""))
    i = 0
    while i < len(lines) and len(out) < DIFF_LINES:
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if (line.startswith("-") and nxt.startswith("+")
                and not line.startswith("---")):
            a, b = clip_pair(line, nxt)
            out += [a, b]
            i += 2
            continue
        out.append(line if len(line) <= CLIP else line[:CLIP] + "…")
        i += 1
    if len(lines) > len(out):
        out.append(f"… ({len(lines) - len(out)} more diff lines)")
    return out


def compare_api(rec, resp, darn_base, expected_rows):
    """Fills an Outcome; expected_rows are applied (None = strict)."""
    o = Outcome(rec.kind, rec.version, rec.name, f"{rec.method} {rec.path}")
    rows = expected_rows or []
    actions = defaultdict(list)
    for r in rows:
        actions[r["action"]].append(r["arg"])

    if resp.status == 0:
        o.problems.append(resp.body.decode())
        return o
    if rec.status != resp.status and not actions["ignore-status"]:
        o.problems.append(f"status: Patchwork {rec.status}, darn {resp.status}")
    ignored = {h.lower() for h in actions["ignore-header"]}
    for h in API_HEADERS:
        if h.lower() in ignored:
            continue
        g = normalise_header(h, rec.headers.get(h), darn_base)
        d = normalise_header(h, resp.header(h), darn_base)
        if g != d:
            o.problems.append(f"{h}: Patchwork {g!r}\n{' ' * (len(h) + 2)}"
                              f"darn      {d!r}")
    if actions["ignore-body"]:
        return o
    g_ct = (rec.headers.get("Content-Type") or "").split(";")[0]
    d_ct = (resp.header("Content-Type") or "").split(";")[0]
    if g_ct != "application/json":
        if d_ct == "application/json":
            o.problems.append("body: Patchwork sent HTML, darn JSON")
        return o  # HTML pages are not compared (see the module docstring)
    try:
        d_obj = json.loads(resp.body, object_pairs_hook=OrderedDict)
    except ValueError:
        o.problems.append(f"body: darn's is not JSON ({d_ct or 'no type'}, "
                          f"{len(resp.body)} bytes)")
        return o
    g_obj = json.loads(rec.body, object_pairs_hook=OrderedDict)
    if dumps(d_obj).encode() != resp.body:
        o.problems.append("body: darn's JSON is not in Patchwork's compact "
                          "form (separators, escaping)")
    g_obj = normalise_json(g_obj, rec.kind, darn_base)
    d_obj = normalise_json(d_obj, rec.kind, darn_base)
    for path in actions["ignore-key"]:
        drop_key(g_obj, path)
        drop_key(d_obj, path)
    if dumps(g_obj) != dumps(d_obj):
        o.problems.append("body: JSON differs")
        o.diff = short_diff(pretty(g_obj), pretty(d_obj), rec.name)
    return o


def compare_mbox(row, first, final, golden_body, darn_base, expected_rows):
    o = Outcome(row["kind"] + "-mbox", "mbox", "mbox/" + row["file"],
                f"GET {row['url']}")
    actions = defaultdict(list)
    for r in expected_rows or []:
        actions[r["action"]].append(r["arg"])
    ignored = {h.lower() for h in actions["ignore-header"]}
    if first.status == 0:
        o.problems.append(first.body.decode())
        return o
    checks = [("status", row["status"], str(first.status))]
    if "location" not in ignored:
        checks.append(("Location", row["location"] or None,
                       normalise_location(first.header("Location"), darn_base)))
    if final is not first:
        checks.append(("final status", row["final_status"], str(final.status)))
    for h, col in (("Content-Type", "content_type"),
                   ("Content-Disposition", "content_disposition")):
        if h.lower() not in ignored:
            checks.append((h, normalise_header(h, row[col] or None, darn_base),
                           normalise_header(h, final.header(h), darn_base)))
    for what, g, d in checks:
        if what.endswith("status") and actions["ignore-status"]:
            continue
        if g != d and what.endswith("status"):
            o.problems.append(f"{what}: Patchwork {g}, darn {d}")
        elif g != d:
            o.problems.append(f"{what}: Patchwork {g!r}, darn {d!r}")
    if actions["ignore-body"]:
        return o
    if final.status != int(row["final_status"]):
        return o  # an error page: the status says it all
    g = PATCHWORK_ID.sub(b"X-Patchwork-Id: ID", golden_body)
    d = PATCHWORK_ID.sub(b"X-Patchwork-Id: ID", final.body)
    if g != d:
        o.problems.append(f"body differs ({len(golden_body)} bytes, darn "
                          f"{len(final.body)} bytes)")
        o.diff = short_diff(g.decode("utf-8", "replace").split("\n"),
                            d.decode("utf-8", "replace").split("\n"),
                            row["file"])
    return o


def judge(strict, relaxed_fn, rows):
    """identical / explained / differs, using the expected rows if needed."""
    if not strict.differs():
        strict.verdict = "identical"
        return strict
    if rows:
        relaxed = relaxed_fn(rows)
        if not relaxed.differs():
            for r in rows:
                r["used"] += 1
            strict.verdict = "explained"
            strict.reasons = sorted({r["reason"] for r in rows})
            return strict
        relaxed.verdict = "differs"
        relaxed.reasons = ["(expected-difference rows applied: "
                           + "; ".join(sorted({r["reason"] for r in rows}))
                           + ")"]
        return relaxed
    strict.verdict = "differs"
    return strict


# ---- driver ---------------------------------------------------------------

def run_api(args, client, idmap, expected):
    out = []
    for rec in replay.recorded_requests(os.path.join(args.golden, "api")):
        path = idmap.path(rec.path)
        resp = client.get(path, auth=rec.auth)
        rows = expected.matching(rec.version, rec.slug)
        strict = compare_api(rec, resp, args.base_url, None)
        if path != rec.path:
            strict.request += f" (darn: {path})"
        out.append(judge(strict, lambda r: compare_api(rec, resp, args.base_url, r),
                         rows))
    return out


def run_mbox(args, client, idmap, expected):
    out = []
    mdir = os.path.join(args.golden, "mbox")
    index = os.path.join(mdir, "index.tsv")
    if not os.path.exists(index):
        return out
    for row in replay.read_tsv(index):
        first = client.get(idmap.path(row["url"]))
        final = first
        loc = first.header("Location")
        if first.status in (301, 302, 303, 307, 308) and loc:
            final = client.get(normalise_location(loc, args.base_url)
                               if loc.startswith(args.base_url) else loc)
        with open(os.path.join(mdir, row["file"]), "rb") as f:
            golden_body = f.read()
        rows = expected.matching("mbox", row["file"])
        strict = compare_mbox(row, first, final, golden_body, args.base_url, None)
        out.append(judge(strict, lambda r: compare_mbox(
            row, first, final, golden_body, args.base_url, r), rows))
    return out


def pct(n, total):
    return 100.0 * n / total if total else 0.0


def report(outcomes, idmap, expected, out_path, complete, stream=sys.stdout):
    """Prints the summary; complete = both halves ran (unused rows count)."""
    columns = replay.VERSIONS + ["mbox"]
    cells = defaultdict(lambda: [0, 0, 0])  # (group, col) -> ident, expl, total
    groups = []
    for o in outcomes:
        if o.group not in groups:
            groups.append(o.group)
        c = cells[(o.group, o.version)]
        c[2] += 1
        if o.verdict == "identical":
            c[0] += 1
        elif o.verdict == "explained":
            c[1] += 1
    used_cols = [c for c in columns if any((g, c) in cells for g in groups)]
    w = max(len(g) for g in groups) if groups else 10
    print("agreement per endpoint kind (identical+explained / responses):",
          file=stream)
    print(f"  {'kind':<{w}}" + "".join(f" {c:>12}" for c in used_cols),
          file=stream)
    for g in sorted(groups):
        line = f"  {g:<{w}}"
        for col in used_cols:
            if (g, col) not in cells:
                line += f" {'':>12}"
                continue
            i, e, t = cells[(g, col)]
            line += f" {f'{i + e}/{t}' + ('*' if e else ' '):>12}"
        print(line, file=stream)
    print("  (* includes explained differences)", file=stream)
    common = defaultdict(int)
    for o in outcomes:
        if o.verdict == "differs":
            for p in o.problems:
                p = re.sub(r"\s+", " ", p)
                if p.startswith(("Link", "Location", "Content-Disposition")):
                    p = p.split(":")[0] + " differs"
                common[p[:120]] += 1
    if common:
        print("most common differences (responses):", file=stream)
        for p, n in sorted(common.items(), key=lambda kv: -kv[1])[:10]:
            print(f"  {n:5d}  {p}", file=stream)

    with open(out_path, "w", encoding="utf-8") as f:
        f.write("# Responses where darn differs from Patchwork 3.1.3 "
                "(tests/golden/api.sh).\n")
        f.write("# Diffs: '-' Patchwork, '+' darn; JSON pretty-printed in "
                "the order the server sent its keys.\n\n")
        for o in outcomes:
            if o.verdict != "differs":
                continue
            f.write(f"== {o.name}  {o.request}\n")
            for p in o.problems:
                f.write(f"  {p}\n")
            for r in o.reasons:
                f.write(f"  {r}\n")
            for line in o.diff:
                f.write(f"    {line}\n")
            f.write("\n")
        f.write("# Explained differences (api-expected-differences.tsv)\n")
        for o in outcomes:
            if o.verdict == "explained":
                f.write(f"{o.name}: {'; '.join(o.reasons)}\n")

    if idmap.problems and not idmap.checked:
        print(f"id mapping: {idmap.problems[0]}", file=stream)
    elif idmap.problems:
        print(f"id mapping: {len(idmap.problems)} of {idmap.checked} sampled "
              "objects do not have Patchwork's id in darn:", file=stream)
        for p in idmap.problems[:10]:
            print(f"  {p}", file=stream)
        if len(idmap.problems) > 10:
            print(f"  … {len(idmap.problems) - 10} more", file=stream)
    else:
        print(f"id mapping: all {idmap.checked} sampled objects have "
              "Patchwork's id in darn", file=stream)
    for r in expected.rows if complete else []:
        if not r["used"]:
            print(f"unused expected difference (line {r['line']}): "
                  f"{r['where']} {r['sample']} {r['action']} {r['arg']}",
                  file=stream)

    totals = defaultdict(lambda: [0, 0, 0])
    for o in outcomes:
        part = "mbox" if o.version == "mbox" else "api"
        t = totals[part]
        t[2] += 1
        t[0] += o.verdict == "identical"
        t[1] += o.verdict == "explained"
    for part in ("api", "mbox"):
        i, e, t = totals[part]
        print(f"{part}: {t} responses: {i} identical, {e} explained, "
              f"{t - i - e} differ", file=stream)
    n = len(outcomes)
    ident = sum(o.verdict == "identical" for o in outcomes)
    expl = sum(o.verdict == "explained" for o in outcomes)
    print(f"differences: {out_path}", file=stream)
    print(f"agreement: {pct(ident + expl, n):.2f}% (identical + explained)",
          file=stream)
    print(f"identical: {pct(ident, n):.2f}%", file=stream)
    return pct(ident + expl, n)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", required=True, help="darn's address, e.g. "
                    "http://127.0.0.1:8123")
    ap.add_argument("--base-url", default=replay.GOLDEN_BASE,
                    help="the base URL darn writes into links (its "
                    "--base-url); default Patchwork's http://127.0.0.1:8000")
    ap.add_argument("--golden", required=True,
                    help="shared/golden/linux-cifs (holds api/ and mbox/)")
    ap.add_argument("--db", help="darn's database, to map ids by msgid")
    ap.add_argument("--expected", help="expected-differences TSV")
    ap.add_argument("--out", required=True, help="file for the differences")
    ap.add_argument("--min", type=float, default=0.0,
                    help="fail below this agreement (identical + explained, %%)")
    ap.add_argument("--only", choices=["api", "mbox"])
    args = ap.parse_args()
    args.base_url = args.base_url.rstrip("/")

    api_dir = os.path.join(args.golden, "api")
    idmap = replay.IdMap(args.db, api_dir)
    expected = Expected(args.expected)
    client = replay.Client(args.url)
    outcomes = []
    if args.only != "mbox":
        outcomes += run_api(args, client, idmap, expected)
    if args.only != "api":
        outcomes += run_mbox(args, client, idmap, expected)
    agreement = report(outcomes, idmap, expected, args.out, args.only is None)
    if agreement < args.min:
        print(f"api: agreement {agreement:.2f}% is below {args.min:.2f}%",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
