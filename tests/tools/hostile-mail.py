#!/usr/bin/env python3
"""Writes one hostile mail of the given SHAPE and size N to stdout.

Each shape is a mail that costs a parser far more than its size suggests
when some step is quadratic or allocates per element (issue 7, item 2):
the black-box test t0040-mail-limits.sh and the mutation run in
bench/ feed them to darn and assert time and peak memory.

    hostile-mail.py SHAPE N [--list-id ID]

Deterministic: the same arguments give the same bytes.
"""

import sys

SHAPES = {}
CURRENT = [""]  # the shape being written, for its Message-Id


def shape(fn):
    SHAPES[fn.__name__.replace("_", "-")] = fn
    return fn


def head(list_id, subject="[PATCH] hostile", extra=""):
    msgid = "<hostile-%s@example.com>" % CURRENT[0]
    return (
        "From: Ann <ann@example.com>\n"
        "To: list@%s\n"
        "Subject: %s\n"
        "Date: Mon, 02 Mar 2026 10:00:00 +0000\n"
        "Message-Id: %s\n"
        "List-Id: Test <%s>\n"
        "%s" % (list_id, subject, msgid, list_id, extra)
    )


def small_diff(name="a.c"):
    return (
        "---\n %s | 1 +\n\ndiff --git a/%s b/%s\n"
        "index 1111111..2222222 100644\n--- a/%s\n+++ b/%s\n"
        "@@ -1 +1,2 @@\n line\n+added\n" % (name, name, name, name, name)
    )


@shape
def mime_parts(out, n, lid):
    """n empty parts in one multipart body (2,000,000 is the issue's mail)."""
    out.write(head(lid, extra="MIME-Version: 1.0\n"
                   "Content-Type: multipart/mixed; boundary=b\n\n"))
    out.write("--b\n\n" * n)
    out.write("--b--\n")


@shape
def mime_parts_nested(out, n, lid):
    """n empty parts spread over 100 nested multiparts of distinct
    boundaries, declared inside the parts (GMime finds them, not the
    top-level header)."""
    out.write(head(lid, extra="MIME-Version: 1.0\n"
                   "Content-Type: multipart/mixed; boundary=b0\n\n"))
    per = max(1, n // 100)
    for i in range(100):
        out.write("--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n"
                  % (i, i + 1))
        out.write(("--b%d\n\n" % (i + 1)) * per)
    out.write("--b100--\n")


@shape
def mime_depth(out, n, lid):
    """multiparts nested n deep."""
    out.write(head(lid, extra="MIME-Version: 1.0\n"
                   "Content-Type: multipart/mixed; boundary=d0\n\n"))
    for i in range(n):
        out.write("--d%d\nContent-Type: multipart/mixed; boundary=d%d\n\n"
                  % (i, i + 1))
    out.write("--d%d\nContent-Type: text/plain\n\nleaf\n" % n)
    for i in range(n, -1, -1):
        out.write("--d%d--\n" % i)


@shape
def message_depth(out, n, lid):
    """message/partial parts (GMime leaves them to darn, which parses
    their bodies again) nested n deep, each a multipart, around a 4 MiB
    text part: memory must not grow with n times the size."""
    out.write(head(lid, extra="MIME-Version: 1.0\n"
                   "Content-Type: multipart/mixed; boundary=m0\n\n"))
    for i in range(n):
        out.write("--m%d\nContent-Type: message/partial\n\n"
                  "Content-Type: multipart/mixed; boundary=m%d\n\n"
                  % (i, i + 1))
    out.write("--m%d\nContent-Type: text/plain\n\n" % n)
    out.write(("x" * 63 + "\n") * (4 * 1024 * 1024 // 64))
    for i in range(n, -1, -1):
        out.write("--m%d--\n" % i)


@shape
def part_headers(out, n, lid):
    """a multipart whose one part has n header fields (GMime reads
    them, not darn)."""
    out.write(head(lid, extra="MIME-Version: 1.0\n"
                   "Content-Type: multipart/mixed; boundary=b\n\n"))
    out.write("--b\nContent-Type: text/plain\n")
    out.write("".join("X-H%d: v\n" % i for i in range(n)))
    out.write("\nhello\n--b--\n")


@shape
def references(out, n, lid):
    """one References header of n distinct ids, then n/10 repeated."""
    ids = "".join(" <r%d@example.com>\n" % i for i in range(n))
    ids += "".join(" <r%d@example.com>\n" % i for i in range(0, n, 10))
    out.write(head(lid, subject="Re: [PATCH] hostile",
                   extra="In-Reply-To: <r0@example.com>\n"
                   "References:" + ids + "\n"))
    out.write("a reply\n")


@shape
def in_reply_to(out, n, lid):
    """n In-Reply-To headers, then a References header."""
    extra = "".join("In-Reply-To: <i%d@example.com>\n" % i for i in range(n))
    extra += "References: <i0@example.com> <x@example.com>\n"
    out.write(head(lid, subject="Re: [PATCH] hostile", extra=extra + "\n"))
    out.write("a reply\n")


@shape
def list_id_brackets(out, n, lid):
    """an X-Mailing-List header of n '<' and no '>'."""
    out.write(head(lid, extra="X-Mailing-List: " + "<" * n + "\n\n"))
    out.write(small_diff())


@shape
def header_count(out, n, lid):
    """n Received headers (a real patch mail has a few dozen)."""
    extra = "".join("Received: from h%d.example.com by mx.example.com\n" % i
                    for i in range(n))
    out.write(head(lid, extra=extra + "\n"))
    out.write(small_diff())


@shape
def cc_addresses(out, n, lid):
    """one Cc header of n addresses, and n/10 Cc headers of 10."""
    one = ",\n ".join("User %d <u%d@example.com>" % (i, i) for i in range(n))
    extra = "Cc: " + one + "\n"
    extra += "".join("Cc: " + ", ".join("v%d@example.com" % (i * 10 + k)
                                        for k in range(10)) + "\n"
                     for i in range(n // 10))
    extra += "Reply-To: " + ", ".join("r%d@example.com" % i
                                      for i in range(n // 10)) + "\n"
    out.write(head(lid, extra=extra + "\n"))
    out.write(small_diff())


@shape
def subject_prefixes(out, n, lid):
    """a subject of n [prefixes], folded."""
    subject = "\n ".join("[P%d]" % i for i in range(n)) + " [PATCH 1/2] x"
    out.write(head(lid, subject=subject, extra="\n"))
    out.write(small_diff())


@shape
def encoded_words(out, n, lid):
    """a subject of n RFC 2047 encoded words."""
    subject = "[PATCH] " + "\n ".join("=?utf-8?q?w=C3=A9%d?=" % i
                                       for i in range(n))
    out.write(head(lid, subject=subject, extra="\n"))
    out.write(small_diff())


@shape
def long_header(out, n, lid):
    """one unfolded header line of n bytes, and a From of n bytes."""
    out.write(head(lid, extra="X-Long: " + "x" * n + "\n"
                   "Sender: " + "a" * n + " <s@example.com>\n\n"))
    out.write(small_diff())


@shape
def body_lines(out, n, lid):
    """a plain body of n short lines."""
    out.write(head(lid, extra="\n"))
    out.write("line\n" * n)


@shape
def long_body_line(out, n, lid):
    """a body of one n-byte line, no line break."""
    out.write(head(lid, extra="\n"))
    out.write("y" * n)


@shape
def diff_files(out, n, lid):
    """a diff touching n files."""
    out.write(head(lid, extra="\n"))
    out.write("---\n")
    for i in range(n):
        f = "dir/f%d.c" % i
        out.write("diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n"
                  "@@ -1 +1,2 @@\n line\n+added\n" % (f, f, f, f))


@shape
def diff_hunk(out, n, lid):
    """one diff hunk of n added lines."""
    out.write(head(lid, extra="\n"))
    out.write("---\ndiff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n"
              "@@ -1 +1,%d @@\n line\n" % (n + 1))
    out.write("+x\n" * n)


@shape
def tags(out, n, lid):
    """n Acked-by lines in a patch's comment."""
    out.write(head(lid, extra="\n"))
    out.write("".join("Acked-by: U%d <u%d@example.com>\n" % (i, i)
                      for i in range(n)))
    out.write(small_diff())


@shape
def dash_lines(out, n, lid):
    """a multipart patch mail whose diff has n lines starting with "--"
    (removed lines that began with "-"): not MIME parts."""
    out.write(head(lid, extra="MIME-Version: 1.0\n"
                   "Content-Type: multipart/mixed; boundary=b\n\n"))
    out.write("--b\nContent-Type: text/plain\n\n")
    out.write("---\ndiff --git a/l.txt b/l.txt\n--- a/l.txt\n+++ b/l.txt\n"
              "@@ -1,%d +1 @@\n line\n" % (n + 1))
    out.write("-- item\n" * n)
    out.write("--b--\n")


def main():
    args = sys.argv[1:]
    lid = "test.darn.example"
    if "--list-id" in args:
        i = args.index("--list-id")
        lid = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2 or args[0] not in SHAPES:
        sys.stderr.write("usage: hostile-mail.py SHAPE N [--list-id ID]\n"
                         "shapes: %s\n" % " ".join(sorted(SHAPES)))
        sys.exit(2)
    out = sys.stdout
    CURRENT[0] = args[0]
    SHAPES[args[0]](out, int(args[1]), lid)
    out.flush()


if __name__ == "__main__":
    main()
