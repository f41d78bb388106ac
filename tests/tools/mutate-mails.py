#!/usr/bin/env python3
"""Mutated mails from real ones, deterministically from a seed, and a
driver that runs each through `darn parsemail` into one database.

    mutate-mails.py generate --seed S --count N --out DIR SOURCE...
    mutate-mails.py run --darn DARN --db DB [--timeout S] [--max-rss-mb M] DIR

SOURCE: mbox files (.xz too) or single mails. `generate` picks source
mails with random.Random(S) and writes DIR/mut-NNNNN.eml, each mutated
one to four times: byte flips, truncation, duplicated MIME parts, deep
nesting of multiparts or message/rfc822, header floods, a long header
line, reference floods, boundary games, charset and transfer-encoding
changes, NULs and CRs, splices of two mails.

`run` feeds each mail to DARN parsemail (a fresh process per mail, as an
MTA delivers) and prints one summary: exit codes, crashes (a signal or an
exit code other than 0, 65 and 75), the largest peak RSS and the slowest
mail, then `PRAGMA integrity_check` of DB. It exits 1 when a mail
crashed, timed out or peaked over M MB, or the check is not "ok". DB must exist (darn init,
a project).
"""

import argparse
import lzma
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time


def read_sources(paths, rng, want):
    """Up to `want` mails, sampled from the sources (bytes each)."""
    mails = []
    for path in paths:
        opener = lzma.open if path.endswith(".xz") else open
        with opener(path, "rb") as f:
            data = f.read()
        if data.startswith(b"From "):
            parts = re.split(rb"\n(?=From [^\n]*\n)", data)
            mails.extend(p.split(b"\n", 1)[1] if b"\n" in p else p
                         for p in parts)
        else:
            mails.append(data)
    mails = [m for m in mails if m.strip()]
    if len(mails) > want:
        mails = rng.sample(mails, want)
    return mails


def split_head(mail):
    i = mail.find(b"\n\n")
    if i < 0:
        return mail, b""
    return mail[:i + 1], mail[i + 2:]


def boundary_of(head):
    m = re.search(rb'boundary="?([^";\n]+)"?', head, re.I)
    return m.group(1) if m else None


def flip_bytes(rng, mail, pool):
    b = bytearray(mail)
    for _ in range(rng.randint(1, 20)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def truncate(rng, mail, pool):
    return mail[:rng.randrange(len(mail) + 1)]


def duplicate_parts(rng, mail, pool):
    head, body = split_head(mail)
    b = boundary_of(head)
    times = rng.choice([2, 10, 1000, 20000])
    if not b:
        # make it a multipart of the body, repeated
        head = re.sub(rb"(?im)^content-type:.*\n(\s.*\n)*", b"", head)
        part = b"--mut\nContent-Type: text/plain\n\n" + body + b"\n"
        return (head + b"Content-Type: multipart/mixed; boundary=mut\n\n"
                + part * min(times, 50) + b"--mut--\n")
    pieces = body.split(b"--" + b)
    if len(pieces) < 3:
        return mail
    k = rng.randrange(1, len(pieces) - 1)
    unit = b"--" + b + pieces[k]
    if len(unit) * times > 4 << 20:
        times = max(2, (4 << 20) // max(1, len(unit)))
    return head + b"\n" + body.replace(unit, unit * times, 1)


def nest(rng, mail, pool):
    head, body = split_head(mail)
    depth = rng.choice([5, 40, 300])
    rfc822 = rng.random() < 0.5
    out = [head.rstrip(b"\n")]
    out.append(b"\nContent-Type: multipart/mixed; boundary=n0\n\n")
    for i in range(depth):
        if rfc822:
            out.append(b"--n%d\nContent-Type: message/rfc822\n\n"
                       b"Subject: level %d\nContent-Type: multipart/mixed;"
                       b" boundary=n%d\n\n" % (i, i, i + 1))
        else:
            out.append(b"--n%d\nContent-Type: multipart/mixed;"
                       b" boundary=n%d\n\n" % (i, i + 1))
    out.append(b"--n%d\nContent-Type: text/plain\n\n" % depth + body)
    for i in range(depth, -1, -1):
        out.append(b"\n--n%d--\n" % i)
    return b"".join(out)


def header_flood(rng, mail, pool):
    head, body = split_head(mail)
    n = rng.choice([50, 2000, 20000])
    name = rng.choice([b"Received", b"Cc", b"X-Flood", b"References"])
    flood = b"".join(b"%s: v%d <f%d@example.com>\n" % (name, i, i)
                     for i in range(n))
    return head + flood + b"\n" + body


def long_header(rng, mail, pool):
    head, body = split_head(mail)
    n = rng.choice([1000, 100000, 2000000])
    c = rng.choice([b"x", b"<", b" ", b"=?utf-8?q?a?= ", b"[PATCH] "])
    name = rng.choice([b"Subject", b"From", b"X-Mailing-List", b"To"])
    return head + name + b": " + c * (n // len(c)) + b"\n\n" + body


def reference_flood(rng, mail, pool):
    head, body = split_head(mail)
    n = rng.choice([100, 5000, 40000])
    refs = b"References:" + b"".join(b" <r%d@example.com>\n" % rng.randrange(n)
                                     for _ in range(n))
    return head + refs + b"\n" + body


def boundary_games(rng, mail, pool):
    head, body = split_head(mail)
    b = boundary_of(head) or b"b"
    lines = body.split(b"\n")
    for _ in range(rng.randint(1, 30)):
        i = rng.randrange(len(lines) + 1)
        lines.insert(i, rng.choice([b"--" + b, b"--" + b + b"--",
                                    b"--" + b + b" \r", b"--", b"-- "]))
    if rng.random() < 0.3:
        lines = [l for l in lines if l != b"--" + b + b"--"]
    return head + b"\n" + b"\n".join(lines)


def recode(rng, mail, pool):
    head, body = split_head(mail)
    ct = rng.choice([b"text/plain; charset=utf-16", b"text/plain; charset=base64",
                     b"text/x-patch; charset=iso-2022-jp", b"message/partial",
                     b"text/plain; charset=\"unknown-8bit\"",
                     b"multipart/digest; boundary=\"\"", b"text/plain; charset*=x''y"])
    cte = rng.choice([b"base64", b"quoted-printable", b"x-uuencode", b"8bit", b"bogus"])
    head = re.sub(rb"(?im)^content-(type|transfer-encoding):.*\n(\s.*\n)*", b"", head)
    return head + b"Content-Type: " + ct + b"\nContent-Transfer-Encoding: " + cte + b"\n\n" + body


def nul_cr(rng, mail, pool):
    b = bytearray(mail)
    for _ in range(rng.randint(1, 50)):
        if b:
            b.insert(rng.randrange(len(b)), rng.choice([0, 13, 13, 10]))
    return bytes(b)


def splice(rng, mail, pool):
    other = rng.choice(pool)
    return mail[:rng.randrange(len(mail) + 1)] + other[rng.randrange(len(other) + 1):]


MUTATIONS = [flip_bytes, truncate, duplicate_parts, nest, header_flood,
             long_header, reference_flood, boundary_games, recode, nul_cr,
             splice]


def generate(a):
    rng = random.Random(a.seed)
    pool = read_sources(a.sources, rng, max(a.count, 50))
    if not pool:
        sys.exit("mutate-mails: no mails in the sources")
    os.makedirs(a.out, exist_ok=True)
    for i in range(a.count):
        mail = rng.choice(pool)
        for _ in range(rng.randint(1, 4)):
            mail = rng.choice(MUTATIONS)(rng, mail, pool)
        with open(os.path.join(a.out, "mut-%05d.eml" % i), "wb") as f:
            f.write(mail)
    print("mutate-mails: %d mails from %d sources (seed %s) in %s" %
          (a.count, len(pool), a.seed, a.out))


def run_one(cmd, path, timeout):
    """Runs cmd < path; returns (exit code or "timeout" or -signal,
    seconds, peak RSS in KB, the end of stderr)."""
    with open(path, "rb") as f, open(os.devnull, "wb") as null:
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdin=f, stdout=null,
                             stderr=subprocess.PIPE)
        # wait4() gives this child's own peak RSS; poll for the timeout
        # and drain stderr so a chatty child cannot block
        err = b""
        os.set_blocking(p.stderr.fileno(), False)
        timed_out = False
        while True:
            chunk = p.stderr.read()
            if chunk:
                err = (err + chunk)[-2000:]
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - t0 > timeout:
                p.kill()
                pid, status, ru = os.wait4(p.pid, 0)
                timed_out = True
                break
            time.sleep(0.002)
        secs = time.monotonic() - t0
        rest = p.stderr.read()
        err += rest or b""
        p.stderr.close()
        rc = os.waitstatus_to_exitcode(status)
        p.returncode = rc
    return ("timeout" if timed_out else rc), secs, ru.ru_maxrss, err


COUNTS = ("SELECT (SELECT COUNT(*) FROM patch), (SELECT COUNT(*) FROM cover),"
          " (SELECT COUNT(*) FROM patch_comment)"
          " + (SELECT COUNT(*) FROM cover_comment)")


def db_summary(location):
    """The database's own check ("ok" when it passes) and the counts of
    patches, covers and comments. PostgreSQL checks its pages as it reads
    them: a query that succeeds is its "ok"."""
    if location.startswith(("postgresql://", "postgres://")):
        out = subprocess.run(["psql", "-X", "-A", "-t", "-F", " ",
                              location, "-c", COUNTS],
                             capture_output=True, text=True)
        if out.returncode != 0:
            return out.stderr.strip(), (0, 0, 0)
        return "ok", tuple(int(x) for x in out.stdout.split())
    db = sqlite3.connect(location)
    check = db.execute("PRAGMA integrity_check").fetchone()[0]
    rows = db.execute(COUNTS).fetchone()
    db.close()
    return check, rows


def run(a):
    files = sorted(f for f in os.listdir(a.dir) if f.endswith(".eml"))
    cmd = [a.darn, "--database", a.db, "parsemail", "--list-id", a.list_id]
    codes, crashes = {}, []
    max_rss = (0, None)
    slowest = (0.0, None)
    start = time.monotonic()
    for name in files:
        rc, secs, rss, err = run_one(cmd, os.path.join(a.dir, name),
                                     a.timeout)
        codes[rc] = codes.get(rc, 0) + 1
        if rc not in (0, 65, 75):
            crashes.append((name, "exit %s: %s" % (rc, err.decode(
                "utf-8", "replace").strip()[-300:])))
        if secs > slowest[0]:
            slowest = (secs, name)
        if rss > max_rss[0]:
            max_rss = (rss, name)
        if a.max_rss_mb and rss > a.max_rss_mb * 1024:
            crashes.append((name, "peak RSS %.1f MB over %d MB" %
                            (rss / 1024.0, a.max_rss_mb)))
    total = time.monotonic() - start
    check, rows = db_summary(a.db)
    print("mails: %d in %.1f s" % (len(files), total))
    print("exit codes: %s" % ", ".join("%s: %d" % (k, v) for k, v in
                                         sorted(codes.items(), key=str)))
    print("stored: %d patches, %d covers, %d comments" % rows)
    print("max RSS: %.1f MB (%s)" % (max_rss[0] / 1024.0, max_rss[1]))
    print("slowest: %.2f s (%s)" % slowest)
    print("integrity_check: %s" % check)
    for name, why in crashes:
        print("CRASH %s: %s" % (name, why))
    return 1 if crashes or check != "ok" else 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--seed", default="7")
    g.add_argument("--count", type=int, default=2000)
    g.add_argument("--out", required=True)
    g.add_argument("sources", nargs="+")
    r = sub.add_parser("run")
    r.add_argument("--darn", required=True)
    r.add_argument("--db", required=True)
    r.add_argument("--list-id", default="test.darn.example")
    r.add_argument("--timeout", type=float, default=60)
    r.add_argument("--max-rss-mb", type=int, default=0)
    r.add_argument("dir")
    a = ap.parse_args()
    if a.cmd == "generate":
        generate(a)
        return 0
    return run(a)


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
