#!/bin/sh
# darn serve's downloads (web-and-mbox.md §1): patch, cover, series and
# bundle mboxes byte for byte, raw diffs, ?series= dependencies, the
# legacy id redirects, and Patchwork's 404s.
. "$(dirname "$0")/lib.sh"

setup_project
refs='In-Reply-To: <cover@example.com>
References: <cover@example.com>'
printf 'This series adds things.\n' |
	mail 'Jane Doe <jane@example.com>' '[PATCH 0/2] Add things' \
		'<cover@example.com>' >m0
{
	printf 'Commit message one.\n\nSigned-off-by: Jane Doe <jane@example.com>\n'
	diff_for a.txt
} | mail 'Jane Doe <jane@example.com>' '[PATCH 1/2] first: add a' \
	'<one@example.com>' "$refs" >m1
# a msgid with a slash: URLs carry it as %2F, quoted again as %252F
{
	printf 'Commit message two.\n\nSigned-off-by: Jane Doe <jane@example.com>\n'
	diff_for b.txt
} | mail 'Jane Doe <jane@example.com>' '[PATCH 2/2] second: add b' \
	'<two/slash@example.com>' "$refs" >m2
# a reply with tags; the quoted one is not at the start of its line
printf '> Signed-off-by: quoted\nReviewed-by: Rev Person <rev@example.com>\nacked-BY: x\n' |
	mail 'Rev Person <rev@example.com>' 'Re: [PATCH 1/2] first: add a' \
		'<r1@example.com>' 'In-Reply-To: <one@example.com>' >m3
printf 'Tested-by: Cover Fan <fan@example.com>\n' |
	mail 'Cover Fan <fan@example.com>' 'Re: [PATCH 0/2] Add things' \
		'<r2@example.com>' 'In-Reply-To: <cover@example.com>' >m4
# DMARC: the list rewrote From; the submitter comes from Reply-To
{
	printf 'Munged.\n'
	diff_for c.txt
} | mail '=?utf-8?q?J=C3=B6rg?= via Test <list@test.darn.example>' \
	'[PATCH] third: add c' \
	'<three@example.com>' 'Reply-To: =?utf-8?q?J=C3=B6rg?= <jorg@example.com>' >m5
# no --- line, a non-ASCII body, and a later reply's tags
printf 'Caf\303\251 fix\n\ndiff --git a/d b/d\n--- a/d\n+++ b/d\n@@ -1 +1 @@\n-x\n+y\n' |
	mail '"Doe, John" <john@example.com>' '[PATCH] fourth' '<four@example.com>' >m6
for m in m0 m1 m2 m3 m4 m5 m6; do
	darn parsemail <$m || echo "parsemail $m failed"
done
darn user add del --email del@example.com >/dev/null
uid=$(sql "SELECT id FROM users WHERE username = 'del'")

start_server

# header NAME: its value in the last response, without the CR
header() {
	sed -n "s/^$1: \(.*\)\r$/\1/p" headers
}
status() {
	sed -n '1s/^HTTP\/1.1 \([0-9]*\).*/\1/p' headers
}

id1=$(sql "SELECT id FROM patch WHERE msgid = '<one@example.com>'")
id2=$(sql "SELECT id FROM patch WHERE msgid = '<two/slash@example.com>'")
sid=$(sql "SELECT series_id FROM patch WHERE id = $id1")
cid=$(sql "SELECT id FROM cover")

test_expect_success 'patch mbox: the whole message, byte for byte' '
	cat >expect <<-EOF &&
	From patchwork Mon Mar  2 10:00:00 2026
	Content-Type: text/plain; charset="utf-8"
	MIME-Version: 1.0
	Content-Transfer-Encoding: 7bit
	X-Patchwork-Submitter: Jane Doe <jane@example.com>
	X-Patchwork-Id: $id1
	From: Jane Doe <jane@example.com>
	To: list@test.darn.example
	Subject: [PATCH 1/2] first: add a
	Date: Mon, 02 Mar 2026 10:00:00 +0000
	Message-Id: <one@example.com>
	List-Id: Test <test.darn.example>
	In-Reply-To: <cover@example.com>
	References: <cover@example.com>

	Commit message one.

	Signed-off-by: Jane Doe <jane@example.com>
	Reviewed-by: Rev Person <rev@example.com>
	acked-BY: x
	---
	 a.txt | 1 +

	diff --git a/a.txt b/a.txt
	index 1111111..2222222 100644
	--- a/a.txt
	+++ b/a.txt
	@@ -1 +1,2 @@
	 line
	+added
	EOF
	get "$base/project/test/patch/one@example.com/mbox/" &&
	expect_eq 200 "$(status)" &&
	expect_eq "text/plain; charset=utf-8" "$(header Content-Type)" &&
	expect_eq "attachment; filename=1-2-first-add-a.patch" \
		"$(header Content-Disposition)" &&
	cmp expect body
'

test_expect_success 'raw diff: the diff alone, as text/x-patch' '
	get "$base/project/test/patch/one@example.com/raw/" &&
	expect_eq 200 "$(status)" &&
	expect_eq text/x-patch "$(header Content-Type)" &&
	expect_eq "attachment; filename=1-2-first-add-a.diff" \
		"$(header Content-Disposition)" &&
	sql "SELECT diff FROM patch WHERE id = $id1" >want &&
	printf "\n" >>body && cmp want body
'

test_expect_success 'a msgid with a slash: %2F in the URL' '
	get "$base/project/test/patch/two%252Fslash@example.com/mbox/" &&
	expect_eq 200 "$(status)" &&
	grep -q "^Message-Id: <two/slash@example.com>$" body &&
	get "$base/project/test/patch/two%2Fslash@example.com/mbox/" &&
	expect_eq 404 "$(status)"
'

test_expect_success '?series=* and ?series=ID: dependencies first' '
	get "$base/project/test/patch/two%252Fslash@example.com/mbox/?series=*" &&
	expect_eq 2 "$(grep -c "^From patchwork " body)" &&
	grep "^Subject:" body >subjects &&
	printf "Subject: [PATCH 1/2] first: add a\nSubject: [PATCH 2/2] second: add b\n" >want &&
	cmp want subjects &&
	expect_eq "attachment; filename=2-2-second-add-b.patch" \
		"$(header Content-Disposition)" &&
	cp body star &&
	get "$base/project/test/patch/two%252Fslash@example.com/mbox/?series=$sid" &&
	cmp star body &&
	get "$base/project/test/patch/one@example.com/mbox/?series=*" &&
	expect_eq 1 "$(grep -c "^From patchwork " body)" &&
	get "$base/project/test/patch/one@example.com/mbox/?series=" &&
	expect_eq 200 "$(status)" &&
	get "$base/project/test/patch/one@example.com/mbox/?series=99" &&
	expect_eq 404 "$(status)" &&
	get "$base/project/test/patch/one@example.com/mbox/?series=x" &&
	expect_eq 404 "$(status)" &&
	sql "UPDATE patch SET series_id = NULL, number = NULL
		WHERE msgid = '"'"'<four@example.com>'"'"'" &&
	get "$base/project/test/patch/four@example.com/mbox/?series=*" &&
	expect_eq 404 "$(status)"
'

test_expect_success 'series mbox: its patches by number, joined by a blank line' '
	get "$base/series/$sid/mbox/" &&
	expect_eq 200 "$(status)" &&
	expect_eq text/plain "$(header Content-Type)" &&
	expect_eq "attachment; filename=Add-things.patch" \
		"$(header Content-Disposition)" &&
	cmp star body &&
	grep -q "^+added$" body && ! grep -q "^Subject: \[PATCH 0/2\]" body &&
	get "$base/series/999/mbox/" && expect_eq 404 "$(status)"
'

test_expect_success 'cover mbox: content and reply tags, no diff' '
	get "$base/project/test/cover/cover@example.com/mbox/" &&
	expect_eq 200 "$(status)" &&
	expect_eq text/plain "$(header Content-Type)" &&
	expect_eq "attachment; filename=0-2-Add-things.mbox" \
		"$(header Content-Disposition)" &&
	sed -n "/^\$/,\$p" body >tail &&
	printf "\nThis series adds things.\nTested-by: Cover Fan <fan@example.com>\n" >want &&
	cmp want tail
'

test_expect_success 'DMARC: From is the submitter, the list From is kept aside' '
	get "$base/project/test/patch/three@example.com/mbox/" &&
	grep -q "^X-Patchwork-Submitter: =?utf-8?b?SsO2cmc=?= <jorg@example.com>$" body &&
	# the longer header name makes the stored From fold
	grep -A1 "^X-Patchwork-Original-From:" body >original &&
	printf "X-Patchwork-Original-From: =?utf-8?b?SsO2cmc=?= via Test\n <list@test.darn.example>\n" >want &&
	cmp want original &&
	grep -q "^From: =?utf-8?b?SsO2cmc=?= <jorg@example.com>$" body &&
	expect_eq 1 "$(grep -c "^From: " body)"
'

test_expect_success 'no --- line, 8bit body, quoted submitter name' '
	get "$base/project/test/patch/four@example.com/mbox/" &&
	grep -q "^Content-Transfer-Encoding: 8bit$" body &&
	grep -q "^X-Patchwork-Submitter: \"Doe, John\" <john@example.com>$" body &&
	sed -n "/^\$/,\$p" body >tail &&
	printf "\nCaf\303\251 fix\n\ndiff --git a/d b/d\n--- a/d\n+++ b/d\n@@ -1 +1 @@\n-x\n+y\n" >want &&
	cmp want tail
'

test_expect_success 'a delegate, a missing Date, and CR line ends' '
	sql "UPDATE patch SET delegate_id = $uid,
		headers = '"'"'Subject: x'"'"',
		content = '"'"'a'"'"' || $(sql_chr 13) || '"'"'b'"'"' || $(sql_chr 13) || $(sql_chr 10) || '"'"'c'"'"',
		date = 1473632523000000 WHERE id = $id1" &&
	get "$base/project/test/patch/one@example.com/mbox/" &&
	grep -q "^X-Patchwork-Delegate: del@example.com$" body &&
	grep -q "^Date: Sun, 11 Sep 2016 22:22:03 -0000$" body &&
	head -n 1 body | grep -q "^From patchwork Sun Sep 11 22:22:03 2016$" &&
	! grep -q "$(printf "\r")" body &&
	grep -q "^a$" body && grep -q "^b$" body && grep -q "^c$" body
'

test_expect_success 'bundle mbox: bundle order when public, 404 when private' '
	sql "INSERT INTO bundle (owner_id, project_id, name, public)
		VALUES ($uid, 1, '"'"'mine'"'"', 1)" &&
	bid=$(sql "SELECT id FROM bundle") &&
	sql "INSERT INTO bundle_patch (bundle_id, patch_id, ordering)
		VALUES ($bid, $id2, 1), ($bid, $id1, 2)" &&
	get "$base/bundle/del/mine/mbox/" &&
	expect_eq 200 "$(status)" &&
	expect_eq "attachment; filename=bundle-$bid-mine.mbox" \
		"$(header Content-Disposition)" &&
	grep "^X-Patchwork-Id:" body >ids &&
	printf "X-Patchwork-Id: $id2\nX-Patchwork-Id: $id1\n" >want &&
	cmp want ids &&
	sql "UPDATE bundle SET public = 0" &&
	get "$base/bundle/del/mine/mbox/" &&
	expect_eq 404 "$(status)" && test ! -s body &&
	get "$base/bundle/del/other/mbox/" &&
	expect_eq 404 "$(status)" && grep -q "<title>404: File not found" body
'

test_expect_success 'legacy id URLs redirect to the msgid URLs' '
	get "$base/patch/$id2/" && expect_eq 302 "$(status)" &&
	expect_eq "/project/test/patch/two%252Fslash@example.com/" \
		"$(header Location)" &&
	get "$base/patch/$id2/mbox/" &&
	expect_eq "/project/test/patch/two%252Fslash@example.com/mbox/" \
		"$(header Location)" &&
	get "$base/patch/$id2/raw/" &&
	expect_eq "/project/test/patch/two%252Fslash@example.com/raw/" \
		"$(header Location)" &&
	get "$base/cover/$cid/" && expect_eq 302 "$(status)" &&
	expect_eq "/project/test/cover/cover@example.com/" "$(header Location)" &&
	get "$base/cover/$cid/mbox/" &&
	expect_eq "/project/test/cover/cover@example.com/mbox/" \
		"$(header Location)" &&
	curl -s -L -o followed "$base/patch/$id2/mbox/" &&
	grep -q "^Subject: \[PATCH 2/2\] second: add b$" followed
'

test_expect_success 'comment URLs redirect to the page, anchored' '
	pc=$(sql "SELECT id FROM patch_comment") &&
	cc=$(sql "SELECT id FROM cover_comment") &&
	get "$base/comment/$pc/" && expect_eq 302 "$(status)" &&
	expect_eq "/project/test/patch/one@example.com/#$pc" \
		"$(header Location)" &&
	sql "UPDATE event SET cover_comment_id = NULL" &&
	sql "UPDATE cover_comment SET id = 77" &&
	get "$base/comment/77/" &&
	expect_eq "/project/test/cover/cover@example.com/#77" \
		"$(header Location)"
'

test_expect_success 'unknown objects and URLs: the HTML 404' '
	for path in /patch/999/ /patch/999/mbox/ /cover/999/ /comment/999/ \
		/patch/99999999999999999999999/ /patch/x/ \
		/project/nope/patch/one@example.com/mbox/ \
		/project/test/patch/nope@example.com/raw/ \
		/project/test/cover/one@example.com/mbox/ /nothing/here/; do
		get "$base$path" &&
		expect_eq 404 "$(status)" "status of $path" &&
		expect_eq "text/html; charset=utf-8" "$(header Content-Type)" &&
		grep -q "<title>404: File not found" body || return 1
	done
'

test_expect_success 'POST is refused; HEAD has the headers only' '
	get -X POST "$base/series/$sid/mbox/" && expect_eq 403 "$(status)" &&
	curl -s -I "$base/series/$sid/mbox/" >headers &&
	expect_eq 200 "$(status)" &&
	expect_eq "attachment; filename=Add-things.patch" \
		"$(header Content-Disposition)"
'

stop_server

test_done
