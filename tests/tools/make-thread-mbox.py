#!/usr/bin/env python3
"""Writes an mbox of patch series with replies, for parsearchive tests.

usage: make-thread-mbox.py SERIES SEED > out.mbox

Each series is a cover letter and three patches; each patch gets a
review reply. One reply in five is written before the mail it answers,
as archives often have them: Patchwork drops such a reply (its parent is
not known yet), so a run that reads the archive twice stores more than
one that reads it once. The output is a function of SERIES and SEED.
"""
import random
import sys


def mail(frm, subject, msgid, date, extra, body):
    head = [
        "From %s Mon Mar  2 10:00:00 2026" % frm,
        "From: Dev %s <%s>" % (frm.split("@")[0], frm),
        "To: list@test.darn.example",
        "Subject: %s" % subject,
        "Date: %s" % date,
        "Message-Id: <%s>" % msgid,
        "List-Id: Test <test.darn.example>",
    ] + extra
    return "\n".join(head) + "\n\n" + body + "\n"


def diff(path, n):
    return (
        "---\n %s | 1 +\n\n"
        "diff --git a/%s b/%s\n"
        "index 1111111..2222222 100644\n"
        "--- a/%s\n+++ b/%s\n"
        "@@ -1 +1,2 @@\n line\n+change %d\n" % (path, path, path, path, path, n)
    )


def main():
    series, seed = int(sys.argv[1]), int(sys.argv[2])
    rnd = random.Random(seed)
    out = []
    for s in range(series):
        frm = "dev%d@example.org" % (s % 17)
        day = 1 + s % 28
        date = "Mon, %02d Mar 2026 %02d:%02d:00 +0000" % (day, s % 24, s % 60)
        cover = "s%d-0@example.org" % s
        mails = [
            mail(frm, "[PATCH 0/3] series %d" % s, cover, date, [],
                 "Cover letter of series %d." % s)
        ]
        for p in range(1, 4):
            msgid = "s%d-%d@example.org" % (s, p)
            patch = mail(
                frm, "[PATCH %d/3] series %d part %d" % (p, s, p), msgid,
                date, ["In-Reply-To: <%s>" % cover, "References: <%s>" % cover],
                "Part %d.\n\nSigned-off-by: Dev <%s>\n%s"
                % (p, frm, diff("f%d/p%d.c" % (s, p), s)))
            reply = mail(
                "rev%d@example.org" % (s % 5),
                "Re: [PATCH %d/3] series %d part %d" % (p, s, p),
                "r%d-%d@example.org" % (s, p), date,
                ["In-Reply-To: <%s>" % msgid, "References: <%s>" % msgid],
                "Looks good.\n\nReviewed-by: Rev <rev@example.org>")
            if rnd.random() < 0.2:
                mails += [reply, patch]
            else:
                mails += [patch, reply]
        out += mails
    sys.stdout.write("\n".join(out))


main()
