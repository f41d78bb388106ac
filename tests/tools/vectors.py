"""Shared helpers for the vector generators in tests/tools/.

The TSV files they write are read by tests/unit/test-*.c. A field is UTF-8
text in which a backslash starts an escape: `\\\\` is a backslash and
`\\u{HEX}` is the code point HEX; a field that is just `\\N` stands
for Python's None. Tabs, newlines, other control characters
and every white-space character except the plain space are escaped, so
each vector stays on one line and invisible characters stay visible.
"""

import sys


def check_python():
    # The vectors record what Patchwork's Python (3.11) does.
    if sys.version_info[:2] != (3, 11):
        sys.exit('%s: needs Python 3.11 (the reference), not %s'
                 % (sys.argv[0], sys.version.split()[0]))


def escape(s):
    out = []
    for ch in s:
        if ch == '\\':
            out.append('\\\\')
        elif ch != ' ' and (ch.isspace() or ord(ch) < 0x20 or
                            0x7f <= ord(ch) < 0xa0 or
                            not ch.isprintable()):
            out.append('\\u{%x}' % ord(ch))
        else:
            out.append(ch)
    return ''.join(out)


def write_tsv(path, header, rows):
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write('# ' + '\t'.join(header) + '\n')
        for row in rows:
            f.write('\t'.join('\\N' if c is None else escape(str(c))
                               for c in row) + '\n')
