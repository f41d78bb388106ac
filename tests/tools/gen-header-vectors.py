#!/usr/bin/env python3
"""Generate tests/data/header-vectors.tsv for tests/unit/test-header.c.

Each vector is a raw header value (as the compat32 parser hands it over:
folds kept, 8-bit bytes possible) with what Patchwork derives from it using
Python's email package:

  * clean:  Patchwork's clean_header() result (ingest.md A.3), or None;
  * line:   the "Name: value" line Patchwork puts in the stored `headers`
            field (ingest.md §9, A.4), or None when the header is dropped.

The reference behaviour below is a re-statement of what Patchwork's
parser.py does (sanitise_header / clean_header / find_headers), written
against the Python 3.11 email package, which must be the interpreter used.

Usage:
  gen-header-vectors.py                 write tests/data/header-vectors.tsv
  gen-header-vectors.py --mbox FILE     vectors for every header of every
                                        mail in FILE (differential runs)
  gen-header-vectors.py --random N SEED N random values (differential runs)

TSV columns: name, value, clean, line.  Escapes: \\\\ \\t \\n \\r \\xHH
(every other byte < 0x20, 0x7f, and every byte >= 0x80 of the value
column); output columns keep UTF-8 text as is.  \\N stands for None.
"""

import email.policy
import mailbox
import os
import random
import re
import sys
from email.errors import HeaderParseError
from email.header import decode_header, make_header

assert sys.version_info[:2] == (3, 11), 'the reference is Python 3.11'

NONE = '\\N'
# Python raised an exception that Patchwork does not catch (the whole mail
# then fails to parse): e.g. an encoded word with an empty charset name.
RAISES = '\\E'


# ---- the reference ---------------------------------------------------------

def compat32_value(name, raw):
    """What msg.get(name) returns for raw value bytes under compat32."""
    return email.policy.compat32.header_fetch_parse(
        name, raw.decode('ascii', 'surrogateescape'))


def sanitise(value, header_name=None):
    try:
        parts = decode_header(value)
    except HeaderParseError:
        return None
    try:
        hdr = make_header(parts, header_name=header_name,
                          continuation_ws='\t')
    except (UnicodeDecodeError, LookupError, ValueError):
        hdr = make_header([(p, 'unknown-8bit') for p, _ in parts],
                          header_name=header_name, continuation_ws='\t')
    try:
        hdr.encode()
    except (HeaderParseError, IndexError):
        return None
    return hdr


def ref_clean(name, raw):
    hdr = sanitise(compat32_value(name, raw))
    if hdr is None:
        return None
    return re.sub(r'\s+', ' ', str(hdr).replace('\x00', '')).strip()


def ref_line(name, raw):
    hdr = sanitise(compat32_value(name, raw), header_name=name)
    if hdr is None:
        return None
    return ('%s: %s' % (name, hdr.encode())).replace('\x00', '')


# ---- TSV -------------------------------------------------------------------

def esc_bytes(b, keep_utf8):
    out = []
    for c in b:
        if c == 0x5c:
            out.append('\\\\')
        elif c == 0x09:
            out.append('\\t')
        elif c == 0x0a:
            out.append('\\n')
        elif c == 0x0d:
            out.append('\\r')
        elif c < 0x20 or c == 0x7f or (c >= 0x80 and not keep_utf8):
            out.append('\\x%02x' % c)
        else:
            out.append(chr(c))
    s = ''.join(out)
    if keep_utf8:
        s = s.encode('latin-1').decode('utf-8')
    return s


def esc_text(s):
    if s is None:
        return NONE
    if s is RAISES:
        return RAISES
    return esc_bytes(s.encode('utf-8', 'surrogatepass'), True)


def catch(fn, name, raw):
    try:
        return fn(name, raw)
    except Exception:
        return RAISES


def row(name, raw):
    return '\t'.join([name, esc_bytes(raw, False),
                      esc_text(catch(ref_clean, name, raw)),
                      esc_text(catch(ref_line, name, raw))])


# ---- synthetic vectors -----------------------------------------------------

def ew(text, charset='utf-8', enc='q'):
    """An RFC 2047 encoded word (ASCII str)."""
    data = text.encode(charset) if isinstance(text, str) else text
    if enc.lower() == 'b':
        import base64
        payload = base64.b64encode(data).decode('ascii')
    else:
        payload = ''.join(
            chr(c) if (chr(c).isalnum() and c < 0x80) else
            '_' if c == 0x20 else '=%02X' % c for c in data)
    return '=?%s?%s?%s?=' % (charset, enc, payload)


LONG_NAMES = ['Zbigniew Brzęczyszczykiewicz', 'Jérôme Glisse',
              'Philippe Mathieu-Daudé', 'Alex Bennée', 'Łukasz Stelmach',
              'Björn Töpel', 'Gustavo A. R. Silva', '田中 太郎',
              'Александр Сергеевич Пушкин', 'Paulo Alcantara']


def fixed_values():
    v = []
    a = v.append
    # plain ASCII
    for s in ['', ' ', '  ', '\t', 'hello', 'hello world', '  leading',
              'trailing  ', 'trailing ', 'a  b\tc', 'a \t b',
              '[PATCH v2 1/3] cifs: fix a thing', 'Re: [PATCH] smb: x',
              '<20240101.1234@example.com>', 'Sun, 11 Sep 2016 23:22:03 +0100',
              'John Doe <john@example.com>', '"Doe, John" <john@example.com>',
              'john at example.com (John Doe)', 'x (comment) y',
              'back\\slash', 'a;b,c d', ';;;', ',,,', 'x=?', '=?', '?=',
              '=?utf-8?q?', '=?utf-8?x?abc?=', '=?utf-8?q?abc', 'a=?b?=c',
              'ctl\x01\x02\x7f chars', 'ff\x0cvt\x0bfs\x1cgs\x1drs\x1eus\x1f.',
              'nul\x00byte', '\x00', 'a\x00 \x00b', ' \x00 ']:
        a(s)
    # long lines that need folding
    a('[PATCH v3 2/7] drivers: some subsystem: make the thing do the other'
      ' thing properly now please')
    a('x' * 200)
    a('word ' * 40)
    a('w\t' * 50)
    a('a,' * 60)
    a('text/plain; charset="utf-8"; format=flowed; delsp=yes; '
      'name="a-very-long-attachment-file-name-for-testing.patch"')
    a('one;two;three;four;five;six;seven;eight;nine;ten;eleven;twelve;'
      'thirteen;fourteen;fifteen;sixteen')
    a(', '.join('user%d@example.com' % i for i in range(12)))
    a(', '.join('User Number %d <user%d@example.com>' % (i, i)
                for i in range(8)))
    a('<linux-cifs+bounces-10694-incoming=patchwork.ozlabs.org@vger.kernel'
      '.org>')
    a('<af3d81da716943128dc98b5aefd44d1aa52c1094.1775571957.git.metze@samba'
      '.org>')
    a('<a@b> <' + 'c' * 90 + '@d> <e@f>')
    a('short ' + 'y' * 100 + ' tail')
    a('x' * 75)
    a('x' * 76)
    a('x' * 77)
    a('x' * 78 + ' y')
    a('a ' + 'x' * 70 + ' b')
    # already folded values
    for s in ['foo\n bar', 'foo\r\n\tbar', 'foo\n  bar', 'foo\n\tbar\n baz',
              'foo\n \n bar', 'foo\n\t\n\tbar', 'foo\n ', 'foo\n\t',
              '\n foo', '\r\n foo', 'foo \n bar', 'a;\n b', 'a,\n\tb',
              'foo\r bar', 'foo\r\n\r\n bar',
              '[PATCH 1/2] a quite long subject that was folded by the'
              '\n sender at some point because it was long',
              'from mail.example.com (mail.example.com [192.0.2.1])\n\tby '
              'mx.example.org (Postfix) with ESMTPS id 4ABCDEF123\n\tfor '
              '<linux-cifs@vger.kernel.org>; Mon,  1 Jan 2024 10:00:00 +0000 '
              '(UTC)',
              'by 2002:a05:6a10:8c0d:0:0:0:0 with SMTP id '
              'go13csp2231194pxb;\n        Wed, 10 Feb 2021 06:55:16 -0800 '
              '(PST)',
              'from smtp.example.com ([2001:db8::1]:54321 helo=smtp.example'
              '.com) by mx.example.net with esmtpsa (TLS1.3) tls '
              'TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from '
              '<someone@example.com>) id 1abcde-000123-Xy; Mon, 01 Jan 2024'
              ' 10:00:00 +0000',
              'foo\n' + 'bar ' * 30, 'a\n ' + 'b' * 100]:
        a(s)
    # "\n<word>:" after re-folding: Python raises, the header is dropped
    for s in ['foo\x0bBar: baz', 'a\x0cb:c', 'a\x1cb: c', 'a\x1db:', 'a\x1eb:',
              'a\nb: c', 'a\rb: c', 'a\r\nb:', 'x\x0b:y', 'x\x0bab c:',
              'x\x0b\x1fab:', 'x\x0b \x1fab:', 'x\x0b\x0bab:', 'a\x0bb c',
              '=?utf-8?q?a?=\nb:c', '=?utf-8?q?a?=\x0bb:c',
              'x ' * 40 + '\x0bkey:val']:
        a(s)
    # RFC 2047 words
    for cs in ['utf-8', 'iso-8859-1', 'windows-1252', 'koi8-r', 'iso-8859-2',
               'iso-8859-15', 'cp1251', 'utf8', 'UTF-8', 'latin1', 'latin_1',
               'LATIN-1', 'ascii', 'us-ascii', 'ISO-8859-1']:
        txt = {'koi8-r': 'Привет мир', 'cp1251': 'Привет',
               'iso-8859-2': 'Łódź żółć', 'ascii': 'plain text',
               'us-ascii': 'plain text'}.get(cs.lower(), 'café crème €'
                                              if cs.lower() in ('utf-8',
                                                                'utf8',
                                                                'windows-1252',
                                                                'iso-8859-15')
                                              else 'café crème')
        for e in 'qQbB':
            a(ew(txt, cs, e))
            a('Re: ' + ew(txt, cs, e) + ' [PATCH]')
    for cs in ['gb2312', 'big5', 'shift_jis', 'euc-jp', 'iso-2022-jp',
               'euc-kr', 'gbk', 'gb18030', 'utf-16', 'utf-16-le', 'utf-7',
               'cp932', 'koi8-u', 'iso-8859-7', 'cp850', 'mac_roman',
               'utf-8-sig', 'charmap', 'tis-620', 'cp1250']:
        txt = {'gb2312': '中文测试', 'gbk': '中文测试', 'gb18030': '中文测试',
               'big5': '中文測試', 'shift_jis': '日本語テキスト',
               'euc-jp': '日本語テキスト', 'iso-2022-jp': '日本語テキスト',
               'cp932': '日本語', 'euc-kr': '한국어', 'koi8-u': 'Привіт',
               'iso-8859-7': 'Ελληνικά', 'tis-620': 'ภาษาไทย',
               'cp1250': 'Łódź', 'charmap': 'café'}.get(cs, 'café ü')
        a(ew(txt, cs, 'b'))
        a('x ' + ew(txt, cs, 'q') + ' y')
    # unknown and odd charsets, RFC 2231 language tags
    for lab in ['x-unknown', 'utf8mb4', 'utf-8*en', '', 'base64', 'undefined',
                'unknown-8bit', 'UNKNOWN-8BIT', 'unknown_8bit', 'utf\x00-8',
                'iso-8859-1.', '-utf-8-', 'utf 8', 'cp65001', '646',
                'ks_c_5601-1987', 'x-mac-roman', 'windows-874', 'euc_kr']:
        a('=?%s?q?caf=C3=A9?=' % lab)
        a('pre =?%s?b?Y2Fmw6k=?= post' % lab)
    a('=?x-unknown?q?a?= plain =?utf-8?q?b=C3=A9?=')
    # adjacent encoded words
    a(ew('a') + ew('b'))
    a(ew('a') + ' ' + ew('b'))
    a(ew('a') + '  \t ' + ew('b'))
    a(ew('a') + '\n ' + ew('b'))
    a(ew('a') + '\r\n\t' + ew('b'))
    a(ew('a') + ' x ' + ew('b'))
    a(ew('a') + ' ' + ew(' ') + ' ' + ew('b'))
    a(ew('a', 'iso-8859-1') + ' ' + ew('é', 'utf-8'))
    a(ew('é', 'latin_1') + ' ' + ew('è', 'iso-8859-1'))
    a(ew('é', 'iso-8859-1', 'b') + ew('è', 'iso-8859-1', 'q'))
    a('foo' + ew('é') + 'bar')
    a('foo ' + ew('é') + ' bar')
    a('(' + ew('é') + ')')
    a(ew('é') + '(x)')
    a(ew('é') + '\\x')
    a('x\\' + ew('é'))
    a('"' + ew('Doe, Jöhn') + '" <john@example.com>')
    a(ew('a', 'us-ascii') + ' ' + ew('é'))
    a('plain ' + ew('a', 'us-ascii') + ' text')
    a(ew('é') + ' ' + ew('a', 'us-ascii') + ' ' + ew('ü'))
    a(ew('a\u00a0b') + ' c')
    a(ew('\u00a0x') + 'y')
    a('y' + ew('x\u00a0'))
    # decoded line breaks and Unicode line separators
    a(ew('line1\nline2'))
    a(ew('line1\r\n  line2: x'))
    a(ew('a\u2028b'))
    a(ew('a\x85b', 'iso-8859-1'))
    a(ew('a\x0bb:'))
    a(ew('\n'))
    a(ew('x\n'))
    a(ew('a\nb') + ' tail\n more')
    # the whole-value search sees words that the per-line split does not
    for s in ['=?utf-8?q?a\rb?=', '=?utf\n -8?q?a?=', '=?utf-8?q?a\x0bb?=',
              'x =?utf-8?q?a?= \r\n y', '=?utf-8?q?a?=\r', 'a\r\n =?utf-8?q?b?=',
              '=?utf-8?q?a?=\n =?utf-8?q?b\n c?=', ' =?utf-8?q?a?=',
              '\t=?utf-8?q?a?=\x1f=?utf-8?q?b?=']:
        a(s)
    # Q and B edge cases
    for s in ['=?utf-8?q?=ZZ=4=?=', '=?utf-8?q?a_b=5Fc?=', '=?utf-8?q?=e9?=',
              '=?utf-8?q?=c3=a9?=', '=?utf-8?q?==41?=', '=?utf-8?q?=00x?=',
              '=?utf-8?q??=', '=?utf-8?b??=', '=?utf-8?b?w6k?=',
              '=?utf-8?b?w6k=?=', '=?utf-8?b?w6k==?=', '=?utf-8?b?w?=',
              '=?utf-8?b?QQ=a=?=', '=?utf-8?b?Q=Q=?=', '=?utf-8?b?QU=JD?=',
              '=?utf-8?b?!!QUJD?=', '=?utf-8?b?QUJD RA==?=',
              '=?utf-8?b?QUJDRA?=', '=?utf-8?b?QUJDR?=', '=?utf-8?b?=?=',
              '=?utf-8?b?w6k=w6k=?=', 'x =?utf-8?b?####?= y',
              '=?utf-8?q?a?b?=', '=?utf-8?q?a?==?utf-8?q?b?=',
              '=?utf-8?Q?a=?=', '=?=?utf-8?q?x?=', '=??q?x?=',
              '=?utf-8?q?caf=C3?=', '=?utf-8?q?=FF?=', '=?utf-8?q?=ED=A0=80?=',
              '=?utf-8?q?=F4=90=80=80?=', '=?utf-8?q?=C0=AF?=',
              '=?us-ascii?q?caf=E9?=', 'pre =?us-ascii?q?caf=E9?= post',
              '=?windows-1252?q?=81?=', '=?iso-8859-3?q?=A5?=',
              '=?utf-8?b?AA==?=', 'a =?utf-8?q?x=00y?= b']:
        a(s)
    # spec §7.2 examples
    a('=?utf-8?q?=C3=A9xample=20user?= <user@example.com>')
    a('=?utf-8?q?=C3=A9xample?= user <user@example.com>')
    a('=?utf-8?B?w6l4YW1wbGUgdXNlcg==?= <user@example.com>')
    a('testH=?UTF-8?B?w6E=?=user=?UTF-8?B?w6E=?=')
    a('=?utf-8?b?UmFmYcWCIE1pxYJlY2tp?= <zajec5@gmail.com>')
    # long encoded names and subjects
    for n in LONG_NAMES:
        a(ew(n, 'utf-8', 'q') + ' <someone@example.com>')
        a(ew(n, 'utf-8', 'b') + ' <someone@example.com>')
    a(ew('Ä' * 80, 'utf-8', 'b'))
    a(ew('Ä' * 80, 'iso-8859-1', 'q'))
    a(ew('x' * 120, 'utf-8', 'q'))
    a(ew('日本語のとても長い件名' * 6, 'utf-8', 'b'))
    a(ew('日本語のとても長い件名' * 4, 'iso-2022-jp', 'b'))
    a(ew('😀' * 30, 'utf-8', 'b'))
    a('[PATCH v2 03/17] ' + ew('smb: client: fix the thing that Jérôme '
                               'reported in the long thread about it'))
    a(ew('Très long sujet avec des accents é è à ù ç et encore plus de '
         'texte pour dépasser la limite', 'iso-8859-1', 'q'))
    a('=?' + 'x' * 80 + '?q?abc?=')
    a('=?utf-8?q?' + 'a' * 200 + '?=')
    # a long Cc list with non-ASCII names (REST sample shape)
    a(ew('Philippe Mathieu-Daudé') + ' <philmd@linaro.org>, '
      + ew('Alex Bennée') + ' <alex.bennee@linaro.org>, Paolo Bonzini '
      '<pbonzini@redhat.com>, qemu-devel@nongnu.org')
    a(',\n '.join(ew(n) + ' <p%d@example.com>' % i
                  for i, n in enumerate(LONG_NAMES)))
    a(', '.join(ew(n, 'utf-8', 'b') + ' <p%d@example.com>' % i
                for i, n in enumerate(LONG_NAMES)))
    return v


def fixed_raw():
    """Values with raw 8-bit bytes (compat32 makes them unknown-8bit)."""
    v = []
    a = v.append
    a('[PATCH] café bar'.encode('utf-8'))
    a('Jörg Müller <jm@example.com>'.encode('utf-8'))
    a('Jörg Müller <jm@example.com>'.encode('latin-1'))
    a(b'\xff\xfe\x80')
    a(b'caf\xe9 =?utf-8?q?=C3=A9?= x')
    a('a long subject with ümlauts that must be folded because it is way '
      'longer than the line length'.encode('utf-8'))
    a('folded ü\n continuation'.encode('utf-8'))
    a('folded ü\r\n\tcontinuation'.encode('utf-8'))
    a(b'nul\x00and\xe9')
    a(b'\x80')
    a(b' \xa0 ')
    a(b'\xc2\x85x')
    a(b'\xe9\x0bfoo: bar')
    a(b'x\xe9\n foo: bar')
    a('Ünïcödé '.encode('utf-8') * 20)
    a(b'(\xe9)')
    a('Re: [PATCH] 日本語の件名'.encode('utf-8'))
    a('Re: [PATCH] 日本語の件名'.encode('shift_jis'))
    return v


# random combinations, deterministic
FRAG_TEXT = ['café', 'Привет', '中文', 'naïve façade', 'x', 'Ω≈ç√',
             'emoji 😀', 'a b', 'tab\there', 'ĳ', 'ÿ', '€uro', 'smb:',
             '(paren)', 'back\\slash', 'wide\u3000space', 'nb\u00a0sp']
CHARSETS = ['utf-8', 'utf-8', 'utf-8', 'iso-8859-1', 'windows-1252',
            'koi8-r', 'iso-8859-2', 'gb2312', 'shift_jis', 'iso-2022-jp',
            'x-bogus', 'us-ascii', 'UTF-8', 'utf8', 'latin1']


def random_value(rnd):
    out = []
    for _ in range(rnd.randint(1, 9)):
        k = rnd.random()
        if k < 0.30:
            w = ''.join(rnd.choice('abcdefghijklmnopqrstuvwxyzABC0123._-@<>"')
                        for _ in range(rnd.randint(1, 14)))
            out.append(w)
        elif k < 0.60:
            t = rnd.choice(FRAG_TEXT)
            cs = rnd.choice(CHARSETS)
            enc = rnd.choice('qbQB')
            try:
                data = t.encode(cs)
            except (UnicodeEncodeError, LookupError):
                data = t.encode('utf-8')
            if rnd.random() < 0.05:
                out.append('=?%s?b?%s!?=' % (cs, 'QUJ'))
            else:
                out.append(ew(data, cs, enc))
        elif k < 0.75:
            out.append(rnd.choice([' ', '  ', '\t', ' \t', '\n ', '\r\n\t',
                                   '\n  ']))
        elif k < 0.85:
            out.append(rnd.choice([';', ',', ', ', '; ', ':', '(', ')', '"']))
        elif k < 0.92:
            out.append('x' * rnd.randint(30, 90))
        elif k < 0.96:
            out.append(rnd.choice(['\x00', '\x1f', '\x0b', '\x0c']))
        else:
            out.append(rnd.choice(['\udce9', '\udcc3\udca9', '\udcff']))
        if rnd.random() < 0.4:
            out.append(' ')
    s = ''.join(out).lstrip(' \t')
    return s.encode('ascii', 'surrogateescape')


def random_plain(rnd):
    """ASCII without encoded words: folds, blank lines, trailing blanks and
    line lengths around the 78 column limit."""
    out = []
    for _ in range(rnd.randint(1, 14)):
        k = rnd.random()
        if k < 0.55:
            out.append('w' * rnd.randint(1, 12) + rnd.choice(['', ';', ',']))
        elif k < 0.75:
            out.append(rnd.choice([' ', '  ', '\t', ' \t']))
        elif k < 0.9:
            out.append(rnd.choice(['\n ', '\n\t', '\r\n ', '\n  ', '\n \n ',
                                   ' \n ', '\n\t\n\t', '\n\x1f']))
        else:
            out.append('y' * rnd.randint(60, 80))
    return ''.join(out).encode('ascii')


NAMES = ['Subject', 'From', 'Cc', 'To', 'Received', 'Message-ID',
         'X-A-Rather-Long-Header-Name-For-Folding-Tests', 'X']


def synthetic():
    rows = []
    vals = fixed_values()
    for i, s in enumerate(vals):
        raw = s.encode('ascii', 'surrogateescape')
        rows.append(row(NAMES[i % 3], raw))
        rows.append(row(NAMES[3 + i % 5], raw))
    for i, raw in enumerate(fixed_raw()):
        rows.append(row('Subject', raw))
        rows.append(row(NAMES[3 + i % 5], raw))
    rnd = random.Random(20240607)
    for i in range(400):
        rows.append(row(NAMES[i % len(NAMES)], random_value(rnd)))
    for i in range(200):
        rows.append(row(NAMES[i % len(NAMES)], random_plain(rnd)))
    return rows


def random_rows(count, seed):
    rnd = random.Random(seed)
    rows = []
    for i in range(count):
        gen = random_plain if i % 3 == 0 else random_value
        rows.append(row(NAMES[i % len(NAMES)], gen(rnd)))
    return rows


def from_mbox(path):
    rows = []
    for msg in mailbox.mbox(path, create=False):
        for name, value in msg._headers:
            raw = value.encode('ascii', 'surrogateescape')
            rows.append(row(name, raw))
    return rows


HEAD = '''\
# Header decoding vectors for tests/unit/test-header.c, generated by
# tests/tools/gen-header-vectors.py with Python %s; do not edit by hand.
# name<TAB>raw value<TAB>clean_header()<TAB>stored "Name: value" line
# (\\N = None, \\E = Python raised; escapes \\\\ \\t \\n \\r \\xHH)
''' % sys.version.split()[0]


def main():
    if len(sys.argv) == 3 and sys.argv[1] == '--mbox':
        sys.stdout.write(HEAD)
        for r in from_mbox(sys.argv[2]):
            sys.stdout.write(r + '\n')
        return
    if len(sys.argv) == 4 and sys.argv[1] == '--random':
        sys.stdout.write(HEAD)
        for r in random_rows(int(sys.argv[2]), int(sys.argv[3])):
            sys.stdout.write(r + '\n')
        return
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, '..', 'data', 'header-vectors.tsv')
    with open(out, 'w', encoding='utf-8', newline='\n') as f:
        f.write(HEAD)
        for r in synthetic():
            f.write(r + '\n')


if __name__ == '__main__':
    main()
