#!/usr/bin/env python3
"""Differential check of darn's mbox downloads against Python's email package.

For every patch and cover letter of a darn database (or the first N), this
rebuilds the mbox message from the stored rows the way web-and-mbox.md §1.1
describes it, letting Python 3.11's email package (compat32, the one
Patchwork runs on) do the header folding, encodings and line endings, and
compares it byte for byte with what a running `darn serve` returns for the
same object. It checks darn's mbox writer on real data beyond the golden
samples; the ingest that filled the rows is compared elsewhere.

Usage:
  mbox-oracle.py DB BASE_URL [--limit N] [--show K]

Prints one line per difference (up to K with a unified diff) and a summary
`mbox oracle: N of M identical`; exits 1 when any differs.
"""

import argparse
import datetime
import difflib
import email.utils
import importlib
import os
import re
import sqlite3
import sys
import urllib.parse
import urllib.request
from email.encoders import encode_7or8bit
from email.mime.nonmultipart import MIMENonMultipart
from email.parser import HeaderParser

RESPONSE_RE = re.compile(
    r'^(Tested|Reviewed|Acked|Signed-off|Nacked|Reported)-by:.*$',
    re.M | re.I)
SEPARATOR_RE = re.compile(r'^-{2,3} ?$', re.M)
# split_from_header() (ingest.md §7.1), as the address vectors use it
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
split_from_header = importlib.import_module(
    'gen-address-vectors').split_from_header
def utc(us):
    return (datetime.datetime(1970, 1, 1) +
            datetime.timedelta(microseconds=us))


def message(row, comments, listemail):
    """One message per web-and-mbox.md §1.1."""
    body = ''
    if row['content']:
        body = row['content'].strip() + '\n'
    parts = SEPARATOR_RE.split(body, 1)
    if len(parts) == 2:
        body, postscript = parts
        body = body.strip() + '\n'
        postscript = postscript.rstrip()
    else:
        postscript = ''
    for c in comments:
        body += ''.join(m.group(0) + '\n' for m in RESPONSE_RE.finditer(c))
    if postscript:
        body += '---' + postscript + '\n'
    if row['is_patch'] and row['diff']:
        body += '\n' + row['diff']

    mail = MIMENonMultipart('text', 'plain', charset='utf-8')
    mail.set_payload(body.encode('utf-8'))
    encode_7or8bit(mail)
    submitter = email.utils.formataddr((row['sname'] or '', row['semail']))
    mail['X-Patchwork-Submitter'] = submitter
    mail['X-Patchwork-Id'] = str(row['id'])
    if row['is_patch'] and row['delegate'] is not None:
        mail['X-Patchwork-Delegate'] = row['delegate']
    date = utc(row['date'])
    mail.set_unixfrom('From patchwork ' + date.ctime())
    for key, val in HeaderParser().parsestr(row['headers']).items():
        if key in ('Content-Type', 'Content-Transfer-Encoding'):
            continue
        if key == 'From':
            _, addr = split_from_header(val)
            if addr == listemail:
                mail['X-Patchwork-Original-From'] = val
                val = submitter
        mail[key] = val
    if 'Date' not in mail:
        mail['Date'] = email.utils.formatdate(row['date'] // 1000000)
    return mail.as_bytes(True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('db')
    ap.add_argument('base')
    ap.add_argument('--limit', type=int, default=0)
    ap.add_argument('--show', type=int, default=3)
    args = ap.parse_args()

    db = sqlite3.connect(args.db)
    db.row_factory = sqlite3.Row
    queries = [
        ('patch', 'SELECT p.id, p.msgid, p.date, p.headers, p.content, '
         'p.diff, 1 AS is_patch, s.name AS sname, s.email AS semail, '
         'u.email AS delegate, pr.linkname, pr.listemail FROM patch p '
         'JOIN project pr ON pr.id = p.project_id '
         'JOIN person s ON s.id = p.submitter_id '
         'LEFT JOIN users u ON u.id = p.delegate_id ORDER BY p.id',
         'SELECT content FROM patch_comment WHERE patch_id = ? AND '
         'content IS NOT NULL ORDER BY date, id'),
        ('cover', 'SELECT c.id, c.msgid, c.date, c.headers, c.content, '
         'NULL AS diff, 0 AS is_patch, s.name AS sname, s.email AS semail, '
         'NULL AS delegate, pr.linkname, pr.listemail FROM cover c '
         'JOIN project pr ON pr.id = c.project_id '
         'JOIN person s ON s.id = c.submitter_id ORDER BY c.id',
         'SELECT content FROM cover_comment WHERE cover_id = ? AND '
         'content IS NOT NULL ORDER BY date, id'),
    ]
    total = same = shown = 0
    for kind, sql, comment_sql in queries:
        for n, row in enumerate(db.execute(sql)):
            if args.limit and n >= args.limit:
                break
            comments = [r[0] for r in db.execute(comment_sql, (row['id'],))]
            want = message(row, comments, row['listemail'])
            segment = urllib.parse.quote(
                row['msgid'][1:-1].replace('/', '%2F'),
                safe="!$&'()*+,;=:@/")
            url = '%s/project/%s/%s/%s/mbox/' % (
                args.base, row['linkname'], kind, segment)
            with urllib.request.urlopen(url) as r:
                got = r.read()
            total += 1
            if got == want:
                same += 1
                continue
            print('%s %d %s differs' % (kind, row['id'], row['msgid']))
            if shown < args.show:
                shown += 1
                sys.stdout.writelines(difflib.unified_diff(
                    want.decode('utf-8', 'replace').splitlines(True),
                    got.decode('utf-8', 'replace').splitlines(True),
                    'python', 'darn', n=1))
    print('mbox oracle: %d of %d identical' % (same, total))
    return 0 if same == total else 1


if __name__ == '__main__':
    sys.exit(main())
