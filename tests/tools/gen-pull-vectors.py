#!/usr/bin/env python3
"""Writes tests/data/pull-vectors.tsv for test-pull.c: message texts and
the pull URL Patchwork's parse_pull_request() finds in them (ingest.md
§11), None (`\\N`) when there is none.

Run from the top of the tree with Python 3.11:
    python3 tests/tools/gen-pull-vectors.py

The messages are synthetic, shaped like `git request-pull` output.
"""

import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vectors  # noqa: E402

GIT_RE = re.compile(
    r'^The following changes since commit.*'
    r'^are available in the git repository at:\s*\n'
    r'^\s*([\w+-]+(?:://|@)[\w/.@:~-]+[\s\\]*[\w/._-]*)\s*$',
    re.DOTALL | re.MULTILINE | re.IGNORECASE,
)


def parse_pull_request(content):
    m = GIT_RE.search(content)
    if m:
        return re.sub(r'\s+', ' ', m.group(1)).strip()
    return None


SINCE = ('The following changes since commit '
         '29dcea88779c856c7dc92040a0c01233263101d4:\n\n'
         '  Linux 4.8 (2016-10-02 16:24:33 -0700)\n\n')
AFTER = ('\nfor you to fetch changes up to '
         '5e06d19694a463a012c2589e29078196eb209448:\n\n'
         '  example: do the thing (2020-01-13 17:36:26 +0530)\n\n'
         '----------------------------------------------------------------\n'
         'Jane Doe (2):\n      one\n      two\n')
AT = 'are available in the git repository at:\n\n'


def msg(url_block, since=SINCE, at=AT, after=AFTER, intro='Hi,\n\nPlease pull.\n\n'):
    return intro + since + at + url_block + after


FIXED = [
    msg('  git://git.example.org/pub/scm/linux/kernel/git/benh/powerpc.git next\n'),
    msg('  git+ssh://git.example.org/pub/scm/powerpc.git next\n'),
    msg('  ssh://git.example.org/pub/scm/powerpc.git next\n'),
    msg('  http://git.example.org/pub/scm/powerpc.git next\n'),
    msg('  https://git.example.org/pub/scm/davem/net \n'),
    msg('  git://git.example.org/pub/scm/davem/net.git \n', at='are available in the Git repository at:\n\n'),
    msg('  https://git.example.org/pub/scm/matthias.bgg/linux.git/\ntags/v5.4-next-soc\n'),
    msg('  git://git.example.org/pub/scm/nsekhar/linux-davinci.git tags/davinci-for-v5.6/soc\n' + ' ' * 40 + '\n',
        at='are available in the Git repository at:' + ' ' * 40 + '\n' + ' ' * 40 + '\n'),
    msg('  git@example.org:foo/bar.git master\n'),
    msg('  user@host.example.org:/srv/git/bar.git master\n'),
    msg('  git://example.org/a.git \\\n    master\n'),
    msg('  git://example.org/a.git \\\\ master\n'),
    msg('  git://example.org/a.git master extra\n'),
    msg('  git://example.org/a.git master\\\n'),
    msg('  git://example.org/a.git\\\n'),
    msg('  git://example.org/a.git\n  master\n  next\n'),
    msg('  git://example.org/a.git\n\n  master\n'),
    msg('  git://example.org/a.git \n \n'),
    msg('  git://example.org/a.git master'),
    msg('  git://example.org/a.git \\', after=''),
    msg('  git://example.org/a.git \\ ', after=''),
    msg('  git://example.org/a.git \\\n', after=''),
    msg('  git://example.org/a.git  \\  \\', after=''),
    msg('  git://example.org/a.git \\ x y\n'),
    msg('  git://example.org/a.git \n x y\n'),
    msg('  git://example.org/a.git \\\n x y\n'),
    msg('  git://example.org/a.git \n\\ x\n'),
    msg('  git://example.org/a.git x@y\n'),
    msg('  git://example.org/a.git x:y\n'),
    msg('  git://example.org/~user/a.git tags/for-linus~1\n'),
    msg('  git://example.org/a.git tags/v1.0-rc1_final\n'),
    msg('  git://ex\u00e4mple.org/caf\u00e9.git br\u00e4nch\n'),
    msg('  git://example.org/a.git\u00a0next\n'),
    msg('  git://example.org/a.git\u3000next\u3000\n'),
    msg('  git://example.org/a.git next\u2028more\n'),
    msg('  git://example.org/a.git next\x1c\n'),
    msg('  git://example.org/a.git next\r\n'),
    msg('  git:/example.org/a.git next\n'),
    msg('  git//example.org/a.git next\n'),
    msg('  ://example.org/a.git next\n'),
    msg('  @example.org next\n'),
    msg('  git:// next\n'),
    msg('  git:/// next\n'),
    msg('  -+_://x\n'),
    msg('  <git://example.org/a.git> next\n'),
    msg('  "git://example.org/a.git" next\n'),
    msg('  git://example.org/a.git, next\n'),
    msg('  git://example.org/a.git (next)\n'),
    msg('git://example.org/a.git next\n'),
    msg('\tgit://example.org/a.git next\n'),
    msg('  git://example.org/a.git next\n', at='are available in the git repository at:  git://x.org/y\n'),
    msg('  git://example.org/a.git next\n', at='are available in the git repository at:\n'),
    msg('  git://example.org/a.git next\n', at='are available in the git repository at:\r\n\r\n'),
    msg('  git://example.org/a.git next\n', at='are available in the git repository at: \t\n'),
    msg('  git://example.org/a.git next\n', at='ARE AVAILABLE IN THE GIT REPOSITORY AT:\n\n'),
    msg('  git://example.org/a.git next\n', at='are available in the git repository:\n\n'),
    msg('  git://example.org/a.git next\n', at='  are available in the git repository at:\n\n'),
    msg('  git://example.org/a.git next\n', at='are available in the git repository at :\n\n'),
    msg('  git://example.org/a.git next\n', at='are avaılable ın the gıt repoſitory at:\n\n'),
    msg('  git://example.org/a.git next\n', at='are available in the g\u0130t repository at:\n\n'),
    msg('  git://example.org/a.git next\n', at='are available in the git repo\u017fitory at:\n\n'),
    msg('  git://example.org/a.git next\n', at='are available in the git repository at:\n\n', since='the following changes since commit x\n'),
    msg('  git://example.org/a.git next\n', since='THE FOLLOWING CHANGES SINCE COMMIT x\n'),
    msg('  git://example.org/a.git next\n', since='The followıng changes ſince commit x\n'),
    msg('  git://example.org/a.git next\n', since='The following changes since commit'),
    msg('  git://example.org/a.git next\n', since='The following changes since commit\n'),
    msg('  git://example.org/a.git next\n', since='> The following changes since commit x\n'),
    msg('  git://example.org/a.git next\n', since=' The following changes since commit x\n'),
    msg('  git://example.org/a.git next\n', since='The following changes since commits x\n'),
    msg('  git://example.org/a.git next\n', since='The following  changes since commit x\n'),
    msg('  git://example.org/a.git next\n', since='The following changes since\ncommit x\n'),
    msg('  git://example.org/a.git next\n', since=''),
    msg('  git://example.org/a.git next\n', since='The following changes since commit x\n', at='> ' + AT),
    # the "since" line after the "at" line
    AT + '  git://example.org/a.git next\n\n' + SINCE,
    # two "at" sections: the greedy .* prefers the last that matches
    msg('  git://example.org/first.git one\n') + AT + '  git://example.org/second.git two\n',
    msg('  git://example.org/first.git one\n') + AT + '  not a url\n',
    msg('  git://example.org/first.git one\n') + AT + '  git://example.org/third.git\n' + AT + '\n',
    msg('  not a url\n') + AT + '  git://example.org/second.git two\n',
    SINCE + SINCE + AT + '  git://example.org/a.git\n',
    # a pull request inside a longer discussion
    'On Monday someone wrote:\n> ' + msg('  git://example.org/q.git x\n').replace('\n', '\n> ') + '\nThanks, pulled.\n',
    '', 'The following changes since commit', 'hello\n' * 20,
    'The following changes since commit abc\nare available in the git repository at:\n  git://a.b/c\n',
    'The following changes since commit abc\nare available in the git repository at:\n\n  git://a.b/c',
    'The following changes since commit abc\nare available in the git repository at:\n\n  git://a.b/c \\\n  \\\n  d\n',
    'The following changes since commit abc\nare available in the git repository at:\n\n  git://a.b/c\n\n\n',
    'The following changes since commit abc\nare available in the git repository at:\n\n  git://a.b/c \n \\ \n',
    'The following changes since commit abc\nare available in the git repository at:\n\n  git://a.b/c\\\\\\\nd\n',
]

LINES = [SINCE, AT, '  git://example.org/a.git next\n', '  https://x.org/y.git\n',
         'tags/v1\n', '\n', '   \n', ' \\\n', 'random text here\n', AFTER,
         '  git@x.org:y.git', '\u00a0\n', 'x\n']


def fuzz(n):
    rng = random.Random(11)
    out = []
    for _ in range(n):
        parts = [rng.choice(LINES) for _ in range(rng.randrange(2, 9))]
        if rng.random() < 0.7:
            parts.insert(0, SINCE)
        if rng.random() < 0.7:
            parts.insert(rng.randrange(1, len(parts) + 1), AT)
        out.append(''.join(parts))
    return out


def main():
    vectors.check_python()
    rows = []
    seen = set()
    for m in FIXED + fuzz(400):
        if m in seen:
            continue
        seen.add(m)
        rows.append((m, parse_pull_request(m)))
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, '..', 'data', 'pull-vectors.tsv')
    vectors.write_tsv(path, ['message', 'pull url'], rows)
    found = sum(1 for r in rows if r[1] is not None)
    print('%s: %d vectors, %d with a URL' % (os.path.normpath(path), len(rows), found))


if __name__ == '__main__':
    main()
