#!/bin/sh
# darn parsemail: classification and exit codes, one mail at a time.
. "$(dirname "$0")/lib.sh"

setup_project

test_expect_success 'a patch is stored with its name, diff and hash' '
	diff_for src/a.c | mail "Ann <ann@example.com>" "[PATCH] a: fix it" \
		"<p1@example.com>" >p1 &&
	darn parsemail <p1 &&
	expect_eq "a: fix it" "$(sql "SELECT name FROM patch")" &&
	expect_eq 1 "$(sql "SELECT COUNT(*) FROM patch WHERE diff LIKE '\''diff --git a/src/a.c%'\'' AND length(hash) = 40")" &&
	expect_eq "Ann|ann@example.com" "$(sql "SELECT name || '\''|'\'' || email FROM person")"
'

test_expect_success 'the same mail again is a duplicate, exit 0, nothing new' '
	darn parsemail <p1 2>err &&
	grep -q "already stored" err &&
	expect_eq 1 "$(sql "SELECT COUNT(*) FROM patch")"
'

test_expect_success 'a reply becomes a comment and counts its tags' '
	printf "Looks good.\n\nAcked-by: Bob <bob@example.com>\n" |
	mail "Bob <bob@example.com>" "Re: [PATCH] a: fix it" "<r1@example.com>" \
		"In-Reply-To: <p1@example.com>" >r1 &&
	darn parsemail <r1 &&
	expect_eq 1 "$(sql "SELECT COUNT(*) FROM patch_comment")" &&
	expect_eq 1 "$(sql "SELECT count FROM patch_tag JOIN tag ON tag.id = tag_id WHERE abbrev = '\''A'\''")"
'

test_expect_success 'a mail without a known list is ignored with a reason' '
	echo hello | mail "Ann <ann@example.com>" "[PATCH] x" "<p2@example.com>" |
		sed "s/test.darn.example>/other.example>/" >p2 &&
	darn parsemail <p2 2>err &&
	grep -q "ignored" err &&
	expect_eq 1 "$(sql "SELECT COUNT(*) FROM patch")"
'

test_expect_success '--list-id overrides the headers' '
	diff_for src/b.c | mail "Ann <ann@example.com>" "[PATCH] b" "<p3@example.com>" |
		sed "s/test.darn.example>/other.example>/" >p3 &&
	darn parsemail --list-id test.darn.example p3 &&
	expect_eq 2 "$(sql "SELECT COUNT(*) FROM patch")"
'

test_expect_success 'X-Patchwork-Hint: ignore stores nothing' '
	diff_for src/c.c | mail "Ann <ann@example.com>" "[PATCH] c" "<p4@example.com>" \
		"X-Patchwork-Hint: IGNORE" >p4 &&
	darn parsemail <p4 2>err && grep -q ignore err &&
	expect_eq 2 "$(sql "SELECT COUNT(*) FROM patch")"
'

test_expect_success 'a mail without Message-Id is rejected with exit 65' '
	diff_for src/d.c | mail "Ann <ann@example.com>" "[PATCH] d" "<p5@example.com>" |
		grep -v "^Message-Id" >p5 &&
	expect_exit 65 darn parsemail <p5 2>err &&
	grep -q "Missing .Message-Id. header" err
'

test_expect_success 'input that is not a mail exits 65' '
	expect_exit 65 darn parsemail </dev/null &&
	printf "\n\njust text\n" >junk && expect_exit 65 darn parsemail junk
'

test_expect_success 'an oversized mail exits 65 and stores nothing' '
	(diff_for src/e.c; seq 1 1000 | sed "s/^/+/") |
		mail "Ann <ann@example.com>" "[PATCH] e" "<p6@example.com>" >p6 &&
	(DARN_INGEST_MAX_MAIL_BYTES=1024 "$DARN" parsemail <p6 2>err; test $? = 65) &&
	grep -q "larger than" err &&
	expect_eq 2 "$(sql "SELECT COUNT(*) FROM patch")"
'

test_expect_success 'X-Patchwork-State and X-Patchwork-Delegate set state and delegate' '
	darn user add maint --email Maint@Example.com >/dev/null &&
	diff_for src/f.c | mail "Ann <ann@example.com>" "[PATCH] f" "<p7@example.com>" \
		"X-Patchwork-State: under review
X-Patchwork-Delegate: maint@example.com" >p7 &&
	darn parsemail <p7 &&
	expect_eq "under-review|maint" "$(sql "SELECT s.slug || '\''|'\'' || u.username FROM patch p JOIN state s ON s.id = p.state_id JOIN users u ON u.id = p.delegate_id WHERE msgid = '\''<p7@example.com>'\''")"
'

test_expect_success 'delegation rules delegate by the files a diff touches' '
	darn project delegate test --path "docs/*" --user maint &&
	diff_for docs/x.txt | mail "Ann <ann@example.com>" "[PATCH] docs" "<p8@example.com>" >p8 &&
	darn parsemail <p8 &&
	expect_eq maint "$(sql "SELECT u.username FROM patch p JOIN users u ON u.id = p.delegate_id WHERE msgid = '\''<p8@example.com>'\''")" &&
	diff_for src/y.c | mail "Ann <ann@example.com>" "[PATCH] src" "<p9@example.com>" >p9 &&
	darn parsemail <p9 &&
	expect_eq "" "$(sql "SELECT delegate_id FROM patch WHERE msgid = '\''<p9@example.com>'\''")"
'

test_expect_success 'a pull request without a diff is a patch with a pull URL' '
	printf "The following changes since commit abc:\n\n  x\n\nare available in the git repository at:\n\n  git://git.example.com/x.git for-next\n\nfor you to fetch\n" |
	mail "Dee <dee@example.com>" "[GIT PULL] x" "<pull@example.com>" >pull &&
	darn parsemail <pull &&
	expect_eq "git://git.example.com/x.git for-next" "$(sql "SELECT pull_url FROM patch WHERE msgid = '\''<pull@example.com>'\''")" &&
	expect_eq "" "$(sql "SELECT diff FROM patch WHERE msgid = '\''<pull@example.com>'\''")"
'

test_expect_success 'the raw mail is kept' '
	expect_eq "$(wc -c <p1 | tr -d " ")" "$(sql "SELECT m.size FROM patch p JOIN mail m ON m.id = p.mail_id WHERE p.msgid = '\''<p1@example.com>'\''")"
'

test_expect_success 'a DMARC-rewritten From is mapped back to the sender' '
	diff_for src/g.c | mail "Eve Example via Test <list@test.darn.example>" \
		"[PATCH] g" "<p10@example.com>" \
		"Reply-To: Eve Example <eve@example.com>" >p10 &&
	darn parsemail <p10 &&
	expect_eq "eve@example.com" "$(sql "SELECT pe.email FROM patch p JOIN person pe ON pe.id = p.submitter_id WHERE msgid = '\''<p10@example.com>'\''")"
'

test_done
