#!/usr/bin/env python3
"""Synthetic mailing-list traffic in the shapes of the linux-cifs archive.

Writes an mbox on stdout: series of patches (with or without a cover
letter), their versions, pull requests and the replies to patches and
covers, for PROJECTS projects, each with its own List-Id, sent by a pool
of people shared between the projects (each project draws its own
submitters and reviewers from its window of the pool, most mail from a
few). `darn parsearchive` of the output gives a database whose counts
per kind are those of linux-cifs scaled to --patches.

    gen-scale.py --projects 50 --patches 1000000 --part 3/40 > part3.mbox
    gen-scale.py --projects 50 --list-projects   # linkname name listid email

--part I/K writes the I-th of K independent slices (0-based): series of
every project dated in the I-th K-th of the time span, ~patches/K
patches, so the slices of a large run can be generated and stored one
after the other. Output is deterministic for a given --seed.

The shapes below were measured on ../shared/golden/linux-cifs (Patchwork
3.1.3's import of the archive: 8,579 patches, 495 covers, 2,927 series,
7,237 patch comments, 987 cover comments, 24 pull requests, 640 people):
bench/README.md says how. Mails Patchwork drops (26% of the archive:
discussion outside any patch thread) are not generated: they cost ingest
time but leave nothing in the database.
"""

import argparse
import bisect
import itertools
import random
import sys
import time

# Patches per series (series.tsv, patches linked to the series): count of
# series with that many. 0: a cover letter whose patches never came.
PATCHES_PER_SERIES = {
    0: 16, 1: 2213, 2: 190, 3: 94, 4: 79, 5: 41, 6: 29, 7: 38, 8: 11, 9: 25,
    10: 13, 11: 24, 12: 17, 13: 13, 14: 11, 15: 11, 16: 13, 17: 9, 18: 5,
    19: 3, 20: 8, 22: 5, 23: 7, 24: 4, 25: 2, 26: 1, 27: 1, 28: 4, 29: 2,
    30: 2, 31: 5, 32: 2, 33: 4, 34: 1, 35: 1, 37: 1, 38: 1, 39: 1, 40: 1,
    41: 1, 47: 1, 51: 2, 53: 1, 58: 1, 59: 1, 60: 1, 61: 2, 64: 1, 65: 2,
    66: 1, 75: 1, 110: 1, 127: 1, 142: 1, 145: 1,
}
# Share of series with a cover letter, by patches in the series (the key
# is the bucket's lowest size): 495 covers in all.
COVER_SHARE = [(0, 0.94), (1, 0.013), (2, 0.39), (3, 0.44), (4, 0.64),
               (7, 0.88), (16, 0.94)]
# Series versions (v1 2,302, v2 331, ...).
VERSIONS = {1: 2302, 2: 331, 3: 124, 4: 68, 5: 38, 6: 21, 7: 16, 8: 10,
            9: 6, 10: 5}
# Replies stored as comments, per patch and per cover letter.
REPLIES_PER_PATCH = {
    0: 5706, 1: 1318, 2: 718, 3: 304, 4: 178, 5: 109, 6: 67, 7: 50, 8: 28,
    9: 14, 10: 26, 11: 15, 12: 7, 13: 7, 14: 10, 15: 5, 16: 2, 17: 2,
    18: 2, 19: 2, 25: 5, 40: 2, 66: 1,
}
REPLIES_PER_COVER = {
    0: 249, 1: 96, 2: 60, 3: 21, 4: 15, 5: 8, 6: 10, 7: 7, 8: 5, 9: 3,
    10: 3, 11: 1, 12: 3, 13: 1, 14: 2, 15: 1, 16: 2, 17: 1, 20: 1, 22: 1,
}
# 24 of 2,927 series are a single `git request-pull` mail.
PULL_SHARE = 24 / 2927
# 180 of 2,927 series have fewer patches than their total says.
INCOMPLETE_SHARE = 180 / 2927
# Tags in replies: 964 Reviewed-by, 549 Acked-by, 67 Tested-by over
# 7,237 patch comments.
TAG_SHARE = [("Reviewed-by", 0.133), ("Acked-by", 0.076),
             ("Tested-by", 0.009)]
PEOPLE_PER_PROJECT = 1000  # linux-cifs: 640 people for 17,298 mails
POOL = 20000               # people in all, shared between projects

SPAN_START = 1556668800    # 2019-05-01, as the archive
SPAN = 215 * 86400 * 365 // 30  # ~6.8 years

FIRST = ["Steve", "Paulo", "Ronnie", "David", "Jeff", "Namjae", "Enzo",
         "Shyam", "Bharath", "Pavel", "Aurélien", "Stefan", "Volker",
         "Christoph", "Al", "Tom", "Linus", "Jan", "Kees", "Dan", "Zhang",
         "Wei", "Hyunchul", "Sergey", "Ralph", "Jérémy", "Björn", "Miklós"]
LAST = ["French", "Alcantara", "Sahlberg", "Howells", "Layton", "Jeon",
        "Matos", "Prasad", "Bhat", "Shilovsky", "Aptel", "Metzmacher",
        "Lendecke", "Hellwig", "Viro", "Talpey", "Torvalds", "Kara", "Cook",
        "Carpenter", "Xiaoxu", "Yongjun", "Lee", "Senozhatsky", "Böhme",
        "Allison", "Müller", "Szeredi"]
DOMAINS = ["gmail.com", "redhat.com", "suse.com", "samba.org",
           "microsoft.com", "kernel.org", "huawei.com", "linaro.org",
           "oracle.com", "intel.com", "example.org"]
FILES = ["fs/smb/client/cifsfs.c", "fs/smb/client/connect.c",
         "fs/smb/client/smb2ops.c", "fs/smb/client/smb2pdu.c",
         "fs/smb/client/file.c", "fs/smb/client/inode.c",
         "fs/smb/client/dir.c", "fs/smb/client/misc.c",
         "fs/smb/server/smb2pdu.c", "fs/smb/server/vfs.c",
         "fs/smb/server/connection.c", "fs/smb/common/smb2pdu.h",
         "fs/netfs/io.c", "fs/netfs/buffered_write.c", "include/linux/fs.h",
         "fs/smb/client/cifsglob.h", "fs/smb/client/transport.c"]
WORDS = ["fix", "credits", "leak", "oplock", "break", "lease", "handle",
         "reconnect", "session", "tcon", "channel", "multichannel", "dfs",
         "referral", "cache", "folio", "readdir", "xattr", "acl", "mount",
         "option", "sparse", "warning", "refcount", "lock", "race",
         "use-after-free", "null", "deref", "compound", "query", "info",
         "close", "deferred", "timeout", "signing", "encryption", "krb5"]
VERBS = ["fix", "add", "remove", "clean up", "use", "avoid", "handle",
         "convert", "simplify", "document", "rename", "move"]


class Dist:
    """Draws keys of a {key: weight} table in proportion to the weights."""

    def __init__(self, table):
        self.keys = list(table)
        self.cum = list(itertools.accumulate(table.values()))

    def draw(self, rng):
        return self.keys[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


def rfc2822(t):
    return time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(t))


def encoded_name(name):
    """An RFC 2047 word for a non-ASCII name, as mailers send them."""
    try:
        name.encode("ascii")
        return name
    except UnicodeEncodeError:
        q = "".join(c if c.isalnum() and c.isascii() else
                    "".join("=%02X" % b for b in c.encode("utf-8"))
                    for c in name)
        return "=?utf-8?q?%s?=" % q.replace("=20", "_")


def person(i):
    """Name and address of person i of the shared pool."""
    name = "%s %s" % (FIRST[i % len(FIRST)],
                      LAST[(i // len(FIRST)) % len(LAST)])
    email = "%s.%s%d@%s" % (FIRST[i % len(FIRST)].lower().encode(
        "ascii", "ignore").decode(), LAST[(i // len(FIRST)) % len(LAST)]
        .lower().encode("ascii", "ignore").decode(), i,
        DOMAINS[i % len(DOMAINS)])
    return "%s <%s>" % (encoded_name(name), email), name, email


def project(p):
    link = "scale-%02d" % p
    return (link, "Scale project %02d" % p, "scale%02d.lists.example.org" % p,
            "scale%02d@lists.example.org" % p)


class Project:
    def __init__(self, p, rng):
        self.listid = project(p)[2]
        self.listemail = project(p)[3]
        # A window of the pool, most mail from its first people (Zipf).
        base = (p * 397) % POOL
        self.people = [(base + k) % POOL for k in range(PEOPLE_PER_PROJECT)]
        rng.shuffle(self.people)
        self.cum = list(itertools.accumulate(
            1.0 / (k + 1) for k in range(PEOPLE_PER_PROJECT)))

    def someone(self, rng):
        k = bisect.bisect(self.cum, rng.random() * self.cum[-1])
        return self.people[min(k, PEOPLE_PER_PROJECT - 1)]


class Writer:
    def __init__(self, out, tag, rng):
        self.out = out
        self.tag = tag
        self.rng = rng
        self.n = 0
        self.patches = 0

    def msgid(self, who_email, t):
        self.n += 1
        return "<%d.%s.%d-%s>" % (t, self.tag, self.n, who_email)

    def mail(self, proj, frm, subject, t, msgid, parent, refs, body):
        head = ["From mboxrd@z Thu Jan  1 00:00:00 1970",
                "From: " + frm,
                "To: " + proj.listemail,
                "Subject: " + subject,
                "Date: " + rfc2822(t),
                "Message-Id: " + msgid]
        if parent:
            head.append("In-Reply-To: " + parent)
            head.append("References: " + " ".join(refs))
        head += ["List-Id: <%s>" % proj.listid,
                 "MIME-Version: 1.0",
                 "Content-Type: text/plain; charset=\"utf-8\"",
                 "Content-Transfer-Encoding: 8bit", "", body, ""]
        self.out.write("\n".join(head))

    def words(self, k):
        return " ".join(self.rng.choice(WORDS) for _ in range(k))

    def text(self, lines):
        return "\n".join(self.words(self.rng.randint(6, 11))
                         for _ in range(lines))

    def diff(self, uniq):
        rng = self.rng
        files = rng.sample(FILES, rng.choice((1, 1, 1, 2, 2, 3)))
        stat, hunks = [], []
        for f in files:
            n = rng.randint(1, 6)
            stat.append(" %-40s | %d %s" % (f, 2 * n, "+" * n + "-" * n))
            line = rng.randint(20, 3000)
            old = ["-\t%s(%s, %d);" % (self.rng.choice(WORDS).replace(
                "-", "_"), uniq, k) for k in range(n)]
            new = ["+\t%s_%s(%s, %d);" % (self.rng.choice(WORDS).replace(
                "-", "_"), "v2", uniq, k) for k in range(n)]
            hunks.append("\n".join(
                ["diff --git a/%s b/%s" % (f, f),
                 "index %07x..%07x 100644" % (rng.getrandbits(28),
                                              rng.getrandbits(28)),
                 "--- a/%s" % f, "+++ b/%s" % f,
                 "@@ -%d,%d +%d,%d @@ static int %s(struct %s *ses)" % (
                     line, n + 6, line, n + 6, rng.choice(WORDS).replace(
                         "-", "_"), rng.choice(WORDS).replace("-", "_")),
                 "\tint rc = 0;", "", "\tspin_lock(&ses->lock);"]
                + old + new +
                ["\tspin_unlock(&ses->lock);", "", "\treturn rc;"]))
        stat.append(" %d file%s changed" % (len(files),
                                            "s" if len(files) > 1 else ""))
        return "\n".join(stat) + "\n\n" + "\n".join(hunks) + "\n-- \n2.43.0\n"

    def replies(self, proj, parent_subject, parent, refs, t, count):
        rng = self.rng
        for _ in range(count):
            who, name, email = person(proj.someone(rng))
            t += rng.randint(600, 3 * 86400)
            msgid = self.msgid(email, t)
            body = ["On %s, someone wrote:" % rfc2822(t - 3600),
                    "> " + self.words(9), "> " + self.words(8), "",
                    self.text(rng.randint(1, 5))]
            for tag, share in TAG_SHARE:
                if rng.random() < share:
                    body += ["", "%s: %s <%s>" % (tag, name, email)]
            self.mail(proj, who, "Re: " + parent_subject, t, msgid, parent,
                      refs + [parent], "\n".join(body))

    def series(self, proj, t, dists):
        rng = self.rng
        who, name, email = person(proj.someone(rng))
        topic = "%s: %s %s" % (rng.choice(("cifs", "smb", "ksmbd",
                                            "smb3", "netfs")),
                               rng.choice(VERBS), self.words(4))
        if rng.random() < PULL_SHARE:
            msgid = self.msgid(email, t)
            body = ("Please pull the following changes.\n\n"
                    "The following changes since commit %040x:\n\n"
                    "  Linux 6.%d (2024-01-01 00:00:00 +0000)\n\n"
                    "are available in the Git repository at:\n\n"
                    "  git://git.example.org/%s/linux.git tags/%d-rc-fixes\n\n"
                    "for you to fetch changes up to %040x:\n\n"
                    "  %s\n" % (rng.getrandbits(160), rng.randint(1, 12),
                                email.split("@")[0], t, rng.getrandbits(160),
                                topic))
            subject = "[GIT PULL] %s fixes %d" % (topic, self.n)
            self.mail(proj, who, subject, t, msgid, None, [], body)
            self.patches += 1
            self.replies(proj, subject, msgid, [], t,
                         dists["patch_replies"].draw(rng))
            return
        n = dists["size"].draw(rng)
        version = dists["version"].draw(rng)
        cover_share = [s for lo, s in COVER_SHARE if n >= lo][-1]
        has_cover = rng.random() < cover_share
        total = max(n, 1)
        sent = range(1, n + 1)
        if n > 1 and rng.random() < INCOMPLETE_SHARE / 0.24:
            # the 180 incomplete series are among the 714 of 2+ patches
            sent = [k for k in sent if rng.random() > 0.15] or [1]
        v = " v%d" % version if version > 1 else ""
        thread_root, refs = None, []
        if has_cover:
            msgid = self.msgid(email, t)
            subject = "[PATCH%s 0/%d] %s" % (v, total, topic)
            self.mail(proj, who, subject, t, msgid, None, [],
                      self.text(rng.randint(3, 12)) + "\n\n" +
                      "%s (%d):\n" % (name, total) +
                      "\n".join("  %s" % self.words(5) for _ in range(n)))
            self.replies(proj, subject, msgid, [], t,
                         dists["cover_replies"].draw(rng))
            thread_root, refs = msgid, [msgid]
        for k in sent:
            tk = t + k
            msgid = self.msgid(email, tk)
            if total > 1:
                subject = "[PATCH%s %d/%d] %s" % (v, k, total, topic)
            else:
                subject = "[PATCH%s] %s" % (v, topic)
            body = (self.text(rng.randint(2, 8)) + "\n\nSigned-off-by: " +
                    "%s <%s>\n---\n" % (name, email) + self.diff(msgid[1:-1]))
            self.mail(proj, who, subject, tk, msgid, thread_root, refs, body)
            self.patches += 1
            self.replies(proj, subject, msgid, refs, tk,
                         dists["patch_replies"].draw(rng))
            if thread_root is None:
                thread_root, refs = msgid, [msgid]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--projects", type=int, default=50)
    ap.add_argument("--patches", type=int, default=2000,
                    help="patches in all (every part together)")
    ap.add_argument("--part", default="0/1", help="I/K: the I-th of K slices")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--list-projects", action="store_true",
                    help="print linkname, name, listid, listemail per line")
    args = ap.parse_args()

    if args.list_projects:
        for p in range(args.projects):
            print("\t".join(project(p)))
        return
    i, k = (int(x) for x in args.part.split("/"))
    if not (0 <= i < k) or args.projects < 1:
        ap.error("bad --part or --projects")
    rng = random.Random(args.seed * 1000003 + i)
    projects = [Project(p, random.Random(args.seed * 7919 + p))
                for p in range(args.projects)]
    dists = {"size": Dist(PATCHES_PER_SERIES), "version": Dist(VERSIONS),
             "patch_replies": Dist(REPLIES_PER_PATCH),
             "cover_replies": Dist(REPLIES_PER_COVER)}
    out = open(sys.stdout.fileno(), "w", encoding="utf-8", buffering=1 << 20,
               closefd=False)
    w = Writer(out, "s%dp%d" % (args.seed, i), rng)

    # Series start times spread over this part's window, all projects
    # interleaved as one list server would archive them; each series'
    # mails follow its start (replies dated later, sent with it).
    target = args.patches * (i + 1) // k - args.patches * i // k
    window = SPAN // k
    lo = SPAN_START + i * window
    patches_per_series = args.patches and 8579 / 2927
    starts = sorted(rng.randrange(lo, lo + window)
                    for _ in range(int(target / patches_per_series * 1.05)
                                   + 1))
    for t in starts:
        if w.patches >= target:
            break
        w.series(projects[rng.randrange(args.projects)], t, dists)
    while w.patches < target:
        w.series(projects[rng.randrange(args.projects)], lo + window - 1,
                 dists)
    out.flush()


if __name__ == "__main__":
    main()
