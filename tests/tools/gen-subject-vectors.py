#!/usr/bin/env python3
"""Writes tests/data/subject-vectors.tsv for test-subject.c: subjects and
what ingest.md §6 (and format_name, §16.6) make of them.

Run from the top of the tree with Python 3.11:
    python3 tests/tools/gen-subject-vectors.py

The rules below are written from the spec with Python's `re`, so the
vectors pin down Python's Unicode semantics (`\\s`, `\\d`, IGNORECASE,
unbounded int() with its 4300-digit limit) that darn's hand-written
scanners must reproduce.

Columns: cleaned subject, project linkname to drop, name, prefixes joined
by `,` (no token contains a comma), marker x, marker n (`-` for none, `E`
where int() raises), version (`E` where int() raises), is-reply (0/1),
format_name(name). Numbers above 2**63-1 are written as 2**63-1, the value
darn clamps to.
"""

import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vectors  # noqa: E402

INT64_MAX = 2**63 - 1


def normalise_space(s):
    return re.sub(r'\s+', ' ', s).strip()


def split_prefixes(text):  # §6.1
    tokens = []
    m = re.match(r'^PATCH (\d+ of \d+)(.*)$', text)
    if m:
        tokens += ['PATCH', m.group(1)]
        text = m.group(2)
    tokens += [t for t in re.split(r'[,\s]+', text) if t != '']
    return tokens


def clean_subject(s, drop):  # §6.2 from step 2
    drop = [d.lower() for d in drop] + ['patch']
    s = re.sub(r'^(re|fwd?)[:\s]\s*', ' ', s, flags=re.I)
    s = normalise_space(s)
    prefixes = []
    m = re.match(r'^\[([^\]]*)\]\s*(.*)$', s)
    while m:
        prefixes += [p for p in split_prefixes(m.group(1))
                     if p.lower() not in drop]
        s = m.group(2)
        m = re.match(r'^\[([^\]]*)\]\s*(.*)$', s)
    s = normalise_space(s)
    if prefixes:
        s = '[%s] %s' % (','.join(prefixes), s)
    return s, prefixes


def number(text):
    try:
        return str(min(int(text), INT64_MAX))
    except ValueError:
        return 'E'


def marker(prefixes):  # §6.3
    for p in prefixes:
        m = re.match(r'.*?([0-9]+)(?:/| of )([0-9]+)$', p)
        if m:
            x, n = number(m.group(1)), number(m.group(2))
            if 'E' in (x, n):
                return 'E', 'E'
            return x, n
    return '-', '-'


def version(name, prefixes):  # §6.4
    for p in prefixes:
        m = re.match(r'^[vV](\d+)$', p)
        if m:
            return number(m.group(1))
    m = re.search(r'\([vV](\d+)\)', name)
    if m:
        return number(m.group(1))
    return '1'


def is_reply(h):  # §6.5
    if not h:
        return '0'
    return '1' if re.match(r'^(re)[:\s]\s*', h, re.I) else '0'


def format_name(name):  # §16.6
    m = re.match(r'^\[([^\]]*)\]\s*(.*)$', name)
    if m:
        return m.group(2)
    return name.strip()


FIXED = [
    # ingest.md §6.2's table
    ('meep', ''), ('Re: meep', ''), ('[PATCH] meep \n meep', ''),
    ('[PATCH RFC] meep', ''), ('[PATCH,RFC] meep', ''),
    ('[PATCH RFC 1/2] meep', ''), ('[PATCH] [RFC] [1/2] meep', ''),
    ('[PATCH] rewrite [a-z] regexes', ''), ('[foo] [bar] meep', 'foo'),
    ('[FOO] [bar] meep', 'foo'), ('[PATCH v2 3/7] foo', ''),
    ('[PATCH RESEND] foo', ''), ('[PATCH] Re: foo', ''),
    ('Fwd: Re: [PATCH] foo', ''), ('[PATCH 1/2]foo', ''),
    ('[PATCHv2 1/3] foo', ''), ('[PATCH 1 of 3] foo', ''),
    ('[PATCH, v2] foo', ''), ('[ PATCH ] foo', ''), ('[] foo', ''),
    ('[Patch]: Fix ld', ''), ('[Patch 2/2]: powerpc/...', ''),
    ('[Buildroot] [PATCH 01/11] pkg: x', ''), ('', ''),
    # §6.3 and §6.4's examples, as bracket groups
    ('[bar, 1/2] x', ''), ('[bar, 0/12] x', ''), ('[bar 1 of 2] x', ''),
    ('[PATCH1/8] x', ''), ('[PATCH100/123] x', ''), ('[v2PATCH1/4] x', ''),
    ('[v2.3PATCH1/4] x', ''), ('[01/10] x', ''), ('[1/2, 3/4] x', ''),
    ('[PATCH] foo (v3)', ''), ('[PATCH v2] foo (v3)', ''),
    ('[net-next,v3,0/4] net: dsa: Multi-CPU ground work (v3)', 'netdev'),
    ('[PATCHv2 1/3] foo', ''), ('[PATCH V4 2/5] foo', ''),
    # reply and forward markers
    ('RE: x', ''), ('re x', ''), ('Re work the thing', ''), ('Re:x', ''),
    ('Re:  [PATCH] x', ''), ('Re:Re: x', ''), ('Re: Re: [PATCH 1/2] x', ''),
    ('Fwd: [PATCH] forwarded', ''), ('FW: [PATCH] x', ''), ('fw x', ''),
    ('Fwd x', ''), ('Fwdx', ''), ('Fw:', ''), ('Re:', ''), ('Re', ''),
    ('Reply: x', ''), ('Aw: x', ''), ('re\u3000x', ''), ('Re\u00a0[PATCH] x', ''),
    ('re\x1cx', ''), ('Re\u180ex', ''), ('R\u0435: x', ''), ('\u0280e: x', ''),
    ('[PATCH] RE: x', ''), ('Fwd: Fwd: x', ''), ('fWd:[PATCH v2] x', ''),
    # brackets
    ('[PATCH RFC]', ''), ('[PATCH]', ''), ('[', ''), (']', ''), ('[[PATCH]] x', ''),
    ('[PATCH [v2]] x', ''), ('[PATCH] [', ''), ('[PATCH] [v2', ''),
    ('[PATCH]]] x', ''), ('x [PATCH] y', ''), ('  [PATCH]   x  ', ''),
    ('[PATCH][v2][1/2]x', ''), ('[PATCH],[v2] x', ''), ('[,,, ,] x', ''),
    ('[PATCH 1 of 3x] foo', ''), ('[PATCH 1 of 3,v2] foo', ''),
    ('[PATCH  1 of 3] foo', ''), ('[patch 1 of 3] foo', ''),
    ('[PATCH 1 of] foo', ''), ('[PATCH \u0661 of \u0663] foo', ''),
    ('[PATCH 1 OF 3] foo', ''), ('[1 of 3] foo', ''), ('[PATCH 01 of 003] foo', ''),
    # drop list
    ('[linux-kernel] [PATCH] x', 'linux-kernel'), ('[Linux-Kernel] x', 'linux-kernel'),
    ('[linux-kernel] x', 'Linux-Kernel'), ('[PATCH linux-kernel] x', 'linux-kernel'),
    ('[\u0130] x', '\u0130'), ('[i\u0307] x', '\u0130'), ('[\u03a3] x', '\u03c3'),
    ('[\u039f\u03a3] x', '\u03bf\u03c2'), ('[\u2160] x', '\u2170'),
    ('[\u24b6] x', '\u24d0'), ('[\u212a] x', 'k'), ('[PATC\u0397] x', ''),
    ('[pAtCh] x', ''), ('[PATCH] x', 'patch'),
    # versions
    ('[PATCH v0] x', ''), ('[PATCH v01] x', ''), ('[PATCH v] x', ''),
    ('[PATCH v2 v3] x', ''), ('[PATCH vv2] x', ''), ('[PATCH v2a] x', ''),
    ('[PATCH v\u0663] x', ''), ('[PATCH v\uff14] x', ''), ('[PATCH v\u00b2] x', ''),
    ('x (v\u0665)', ''), ('x (V7) (v8)', ''), ('x (v)', ''), ('x (v 2)', ''),
    ('x ((v2))', ''), ('x (v2', ''), ('x(v2)y', ''), ('[v3] x (v4)', ''),
    ('[PATCH] x (v99999999999999999999)', ''),
    ('[PATCH v99999999999999999999] x', ''),
    # markers
    ('[PATCH 0/0] x', ''), ('[PATCH 00000000000000000000000/3] x', ''),
    ('[PATCH 99999999999999999999/3] x', ''),
    ('[PATCH 3/99999999999999999999] x', ''),
    ('[PATCH 9223372036854775807/9223372036854775808] x', ''),
    ('[PATCH 1/2/3] x', ''), ('[PATCH 1//2] x', ''), ('[PATCH /2] x', ''),
    ('[PATCH 1/] x', ''), ('[PATCH a1/2] x', ''), ('[PATCH 1/2a] x', ''),
    ('[PATCH 1/2 RFC] x', ''), ('[PATCH RFC 1/2 3/4] x', ''),
    ('[PATCH \u0661/\u0662] x', ''), ('[PATCH \uff11/\uff12] x', ''),
    ('[PATCH 1 of 2 of 3] x', ''), ('[PATCH x1 of 2] x', ''),
    ('[PATCH 1/2] [PATCH 3/4] x', ''), ('[RFC] [PATCH 2/3] x', ''),
    # long numbers: Python's int() refuses more than 4300 digits
    ('[PATCH %s/3] x' % ('1' * 4300), ''), ('[PATCH %s/3] x' % ('1' * 4301), ''),
    ('[PATCH 1/%s] x' % ('0' * 4301), ''), ('[PATCH %s/3] x' % ('0' * 4301), ''),
    ('[PATCH 1/2, %s/3] x' % ('1' * 4301), ''),
    ('[PATCH v%s] x' % ('2' * 4300), ''), ('[PATCH v%s] x' % ('2' * 4301), ''),
    ('x (v%s)' % ('3' * 4301), ''), ('x (v%s)' % ('\u0663' * 4300), ''),
    ('[PATCH v%s] x (v%s)' % ('1', '3' * 4301), ''),
    # white space of every kind
    ('[PATCH\u00a0RFC]\u2003x', ''), ('[PATCH\u3000v2\u20281/2]\tx', ''),
    ('[PATCH\x1cv2\x1f1/2] x', ''), ('[PATCH\u0085v2] x', ''),
    ('[PATCH\u200bv2] x', ''), ('[PATCH\u180ev2] x', ''), ('[PATCH\u00a01/2] x', ''),
    ('\u3000Re: x', ''), ('x\u3000\u3000y', ''), ('[PATCH]\u3000\u3000', ''),
]

PIECES = ['PATCH', 'patch', 'Patch', 'RFC', 'v2', 'V3', 'v10', 'PATCHv2',
          '1/2', '2/2', '01/10', '0/3', '00/03', '1 of 3', 'RESEND', 'net-next',
          'foo', 'FOO', 'linux-kernel', 'v\u0663', '\u0661/\u0663',
          '99999999999999999999/3', '3/18446744073709551616', 'x1/2', '1/2x',
          '(v2)', 'RFC/v2', '', ' ', ',', '\u00e9t\u00e9', 'v2.1', 'vv2']
SEPS = [' ', ',', ', ', ',,', '  ', '\u00a0', '\u3000', '\t', '\u2028', '']
REPLIES = ['', '', '', 'Re: ', 'RE:', 're ', 'Fwd: ', 'FW: ', 'fwd ', 'Re: Fwd: ',
           'Fwd: Re: ', 'Aw: ', 'Re:Re: ', 'Re\u00a0']
TITLES = ['meep', 'foo: bar', 'rewrite [a-z] regexes', '(v3) thing',
          'fix it (V12)', '', 'Re: x', 'x [PATCH] y', 'net: dsa: work (v2) (v3)',
          '\u00e9l\u00e8ve \u0661\u0662', 'a  b', '[tail', 'x]']
LINKNAMES = ['', '', 'foo', 'FOO', 'linux-kernel', 'netdev', 'patch', 'rfc',
             '\u00e9t\u00e9']


def fuzz(n):
    rng = random.Random(4300)
    out = []
    for _ in range(n):
        s = rng.choice(REPLIES)
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
            group = rng.choice(SEPS).join(
                rng.choice(PIECES) for _ in range(rng.randrange(0, 4)))
            if rng.random() < 0.1:
                group = 'PATCH ' + group
            s += '[' + group + ']' + rng.choice(['', ' ', '  ', ': ', '\u00a0'])
        s += rng.choice(TITLES)
        out.append((s, rng.choice(LINKNAMES)))
    return out


def main():
    vectors.check_python()
    rows = []
    seen = set()
    for i, (raw, link) in enumerate(FIXED + fuzz(500)):
        # clean_header() collapses white space; every fifth vector keeps
        # the raw text to check that darn behaves the same on it too.
        for text in (normalise_space(raw), raw) if i % 5 == 0 else (normalise_space(raw),):
            if (text, link) in seen:
                continue
            seen.add((text, link))
            name, prefixes = clean_subject(text, [link])
            x, n = marker(prefixes)
            rows.append((text, link, name, ','.join(prefixes), x, n,
                         version(name, prefixes), is_reply(text),
                         format_name(name)))
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, '..', 'data', 'subject-vectors.tsv')
    vectors.write_tsv(path, ['subject (cleaned)', 'linkname', 'name', 'prefixes',
                             'x', 'n', 'version', 'reply', 'format_name'], rows)
    print('%s: %d vectors' % (os.path.normpath(path), len(rows)))


if __name__ == '__main__':
    main()
