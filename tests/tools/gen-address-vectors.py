#!/usr/bin/env python3
"""Writes tests/data/address-vectors.tsv for test-address.c: From-style
values and what Patchwork's split_from_header() (ingest.md §7.1) and the
" via " name stripping of get_original_sender() (§7.3) make of them.

Run from the top of the tree with Python 3.11:
    python3 tests/tools/gen-address-vectors.py

The regular expressions are the spec's, run by Python's `re`, so the
vectors pin down its Unicode and backtracking behaviour. Columns: value,
name, email, via-stripped name; None is written as `\\N`.
"""

import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vectors  # noqa: E402

FROM_RES = [
    (re.compile(r'"?(.*?)"?\s*<([^>]+)>'), lambda g: (g[0], g[1])),
    (re.compile(r'(.*?)\sat\s(.*?)\s*\(([^\)]+)\)'),
     lambda g: (g[2], '@'.join(g[0:2]))),
    (re.compile(r'"?(.*?)"?\s*\(([^\)]+)\)'), lambda g: (g[1], g[0])),
    (re.compile(r'(.*)'), lambda g: (None, g[0])),
]
EMAIL_RE = (r'^[\w!#$%&"*+/=?^`{|}~-]+(?:\.[\w!#$%&"*+/=?^`{|}~-]+)*'
            r'@(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+'
            r'[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$')


def split_from_header(s):  # §7.1
    for regex, fn in FROM_RES:
        m = regex.match(s)
        if m:
            name, email = fn(m.groups())
            break
    if not re.match(EMAIL_RE, email):
        email = None
    return name, email


def via_stripped(name):  # §7.3 step 1, for a name that is not None
    if name and ' via ' in name:
        return name[: name.rfind(' via ')].strip().strip("'")
    elif name.endswith(' via'):
        return name[: name.rfind(' via')].strip().strip("'")
    return None


FIXED = [
    '"Doe, John" <john@example.com>', 'john at example.com (John Doe)',
    'john@example.com (John Doe)', 'john@example.com', '<john@example.com>',
    'John "Q" Doe <j@example.com>', "'John' <j@example.com>",
    'john@localhost', 'John <john@localhost>', '', ' ', '<>', '<<>>', '< >',
    '"" <a@example.com>', '""<a@example.com>', '"<a@example.com>',
    '"a" "b" <a@example.com>', 'a <b> <c@example.com>', 'a <> <c@example.com>',
    'a <<c@example.com>>', 'a <c@example.com', 'a c@example.com>',
    'a\n<c@example.com>', 'a\nb <c@example.com>', 'a <c@exam\nple.com>',
    'a <c@example.com\n>', 'a <c@example.com>\n', 'c@example.com\n',
    'c@example.com\n\n', '\nc@example.com', 'a\u00a0<c@example.com>',
    'a\u3000\u3000<c@example.com>', '"a"\u2003<c@example.com>',
    '\u00e9xample user <user@example.com>', 'user@ex\u00e4mple.com',
    '\u00fcser@example.com', '\u0661@example.com', 'us_er@example.com',
    'us.er@example.com', '.user@example.com', 'user.@example.com',
    'us..er@example.com', 'user@example..com', 'user@.example.com',
    'user@example.com.', 'user@-example.com', 'user@example-.com',
    'user@ex-ample.c-m', 'user@a.b', 'user@1.2.3.4', 'user@[1.2.3.4]',
    "o'neil@example.com", '"quoted"@example.com', 'a+b=c?d^e`f{g|h}i~j-k@example.com',
    '!#$%&*/@example.com', 'user@@example.com', 'user@exa@mple.com',
    'user@example.com (', 'user@example.com ()', 'user@example.com ( )',
    'user@example.com (a) (b)', 'user@example.com (a (b) c)',
    'user@example.com (a', 'user@example.com a)', '(a) user@example.com',
    'john at example dot com (John)', 'john at example.com', 'john at example.com ()',
    'john at example.com (John) <jd@example.com>', 'a at b at c.com (x)',
    'a at b at c.com (x', 'x at  y.com (z)', 'x\tat\ty.com\t(z)', 'x\nat y.com (z)',
    'x at y.com\n(z)', 'x at y\n.com (z)', 'xat y.com (z)', 'x aty.com (z)',
    'x At y.com (z)', 'x\u00a0at\u3000y.com (z)', 'x\u180eat y.com (z)',
    'x at y.com (z)x', 'x at y.com (z) (w)', 'x at (y.com) (z)',
    ' at y.com (z)', 'x at  (z)', 'x at (z)', 'at at at.com (z)',
    'Existing Sender via List <list@example.com>',
    "'Existing Sender' via List <list@example.com>",
    "'Existing Sender' via <list@example.com>",
    "'Existing Sender' <list@example.com>", 'Sender via <list@example.com>',
    'via via via List <l@example.com>', "' a ' via b via c <l@example.com>",
    '"Sender via" <l@example.com>', 'Sendervia <l@example.com>',
    ' via <l@example.com>', "'' via L <l@example.com>", "\u3000'x'\u3000 via L <l@example.com>",
    '"Doe, John" <john@example.com>, other@example.com',
    'a@b.com, c@d.com', 'A <a@b.com>, B <b@c.com>',
]

PARTS = ['"', "'", '<', '>', '(', ')', ' ', '  ', '\n', 'at', ' at ', 'via',
         ' via ', '@', '.', 'john', 'Doe', 'example.com', 'a@b.co', ',',
         '\u00a0', '\u00e9', '-', '_', 'x.y']


def fuzz(n):
    rng = random.Random(7)
    return [''.join(rng.choice(PARTS) for _ in range(rng.randrange(1, 12)))
            for _ in range(n)]


def main():
    vectors.check_python()
    rows = []
    seen = set()
    for s in FIXED + fuzz(600):
        if s in seen:
            continue
        seen.add(s)
        name, email = split_from_header(s)
        via = via_stripped(name) if name is not None else None
        rows.append((s, name, email, via))
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, '..', 'data', 'address-vectors.tsv')
    vectors.write_tsv(path, ['value', 'name', 'email', 'via-stripped name'], rows)
    print('%s: %d vectors' % (os.path.normpath(path), len(rows)))


if __name__ == '__main__':
    main()
