#!/usr/bin/env python3
"""Counts the web pages that agree with Patchwork 3.1.3 or differ only
where darn deliberately does not copy a Patchwork bug.

Reads the output of ../shared/tools/web_golden_compare.py (run with a
--show large enough to list every difference of a page) and
web-expected-differences.tsv, prints one line per explained page with its
reasons, then "identical or explained: P% (N of M)". Exit status 1 when P
is below --min. A row that explains no page is named (it may be stale, or
its page may differ in more than the row allows).
"""
import argparse
import fnmatch
import re
import sys

PAGE = re.compile(r'^--- (\S+) .*: (\d+) differences?$')
DIFF = re.compile(r'^    (facts\S*|status|body\S*|location|content\S*): ')
TOTAL = re.compile(r'^identical: [0-9.]+% \((\d+) of (\d+)\)')


def load_rows(path):
    rows = []
    for line in open(path, encoding='utf-8'):
        if not line.strip() or line.startswith('#'):
            continue
        page, fact, reason = line.rstrip('\n').split('\t')
        rows.append({'page': page, 'fact': re.compile(fact),
                     'reason': reason, 'used': 0})
    return rows


def read_report(path):
    """{page id: [difference paths]}, identical count, total."""
    pages, current, total, identical = {}, None, None, None
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        m = PAGE.match(line)
        if m:
            current = pages.setdefault(m.group(1), [])
            continue
        m = TOTAL.match(line)
        if m:
            identical, total = int(m.group(1)), int(m.group(2))
            continue
        if line.startswith('    ... '):
            # a truncated list cannot be explained
            current.append('(more differences than shown)')
            continue
        m = DIFF.match(line)
        if m and current is not None:
            current.append(m.group(1))
    return pages, identical, total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('report')
    ap.add_argument('table')
    ap.add_argument('--min', type=float, default=0)
    a = ap.parse_args()
    rows = load_rows(a.table)
    pages, identical, total = read_report(a.report)
    if total is None:
        print('web-explained: no result line in ' + a.report)
        return 1
    explained = 0
    for page, paths in pages.items():
        mine = [r for r in rows if fnmatch.fnmatchcase(page, r['page'])]
        used = set()
        ok = bool(paths)
        for p in paths:
            hit = [r for r in mine if r['fact'].fullmatch(p)]
            if not hit:
                ok = False
                break
            used.update(id(r) for r in hit)
        if ok:
            explained += 1
            reasons = sorted({r['reason'] for r in mine if id(r) in used})
            for r in mine:
                if id(r) in used:
                    r['used'] += 1
            print('explained: %s: %s' % (page, '; '.join(reasons)))
    stale = [r for r in rows if not r['used']]
    pct = 100.0 * (identical + explained) / total
    print('identical or explained: %.2f%% (%d identical + %d explained of %d)'
          % (pct, identical, explained, total))
    for r in stale:
        print('web-explained: row explains no page: %s %s'
              % (r['page'], r['fact'].pattern))
    if pct < a.min:
        print('web: %.2f%% is below the minimum %.2f%%' % (pct, a.min))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
