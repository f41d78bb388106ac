#!/bin/sh
# darn parsearchive on mbox files, maildirs and public-inbox repositories.
. "$(dirname "$0")/lib.sh"

setup_project
sed "s/sample.darn.example/test.darn.example/" "$TOP/sample/sample.mbox" >sample.mbox

test_expect_success 'an mbox gives Patchwork'"'"'s summary' '
	darn parsearchive sample.mbox >out &&
	cat >expect <<-\EOT &&
	Processed 8 messages -->
	     1 cover letters
	     4 patches
	     2 comments
	     0 duplicates
	     1 dropped
	     0 errors
	Total: 7 new entries
	EOT
	diff -u expect out
'

test_expect_success 'the series is complete and named after the cover' '
	expect_eq "frob: make the frobnicator configurable|2|2|2" \
		"$(sql "SELECT s.name || '\''|'\'' || s.version || '\''|'\'' || s.total || '\''|'\'' || (SELECT COUNT(*) FROM patch WHERE series_id = s.id) FROM series s WHERE cover_letter_id IS NOT NULL")"
'

test_expect_success 'comments attach to the patch and to the cover' '
	expect_eq 1 "$(sql "SELECT COUNT(*) FROM patch_comment")" &&
	expect_eq 1 "$(sql "SELECT COUNT(*) FROM cover_comment")" &&
	expect_eq 1 "$(sql "SELECT count FROM patch_tag JOIN tag ON tag.id = tag_id JOIN patch ON patch.id = patch_id WHERE abbrev = '\''R'\'' AND msgid = '\''<patch.1.alice@darn.example>'\''")"
'

test_expect_success 'encoded names and 8-bit bodies are decoded' '
	expect_eq "Carol Müller" "$(sql "SELECT name FROM person WHERE email = '\''carol@darn.example'\''")" &&
	expect_eq 1 "$(sql "SELECT COUNT(*) FROM patch WHERE content LIKE '\''%Grüße.%'\''")" &&
	expect_eq "$(date -u -d "2026-03-03 08:00:00" +%s)000000" "$(sql "SELECT date FROM patch WHERE msgid = '\''<single.1.carol@darn.example>'\''")"
'

test_expect_success 'events are recorded in Patchwork'"'"'s order' '
	sql "SELECT category FROM event ORDER BY id" | head -n 7 >events &&
	cat >expect <<-\EOT &&
	series-created
	cover-created
	patch-created
	patch-completed
	patch-created
	patch-completed
	series-completed
	EOT
	diff -u expect events
'

test_expect_success 'a second run stores nothing twice' '
	darn parsearchive sample.mbox >out &&
	grep -q "^     7 duplicates$" out &&
	grep -q "^Total: 0 new entries$" out &&
	expect_eq 4 "$(sql "SELECT COUNT(*) FROM patch")"
'

test_expect_success 'a maildir is read in file-name order' '
	setup_project &&
	mkdir -p md/cur md/new md/tmp &&
	i=0 &&
	for n in 1 2; do
		diff_for src/m$n.c | mail "Ann <ann@example.com>" \
			"[PATCH $n/2] m$n" "<m$n@example.com>" >md/cur/100$n.x:2,S
	done &&
	darn parsearchive md >out &&
	grep -q "^     2 patches$" out &&
	expect_eq 1 "$(sql "SELECT COUNT(DISTINCT series_id) FROM patch")"
'

test_expect_success 'a public-inbox epoch and a directory of epochs' '
	setup_project &&
	"$TOP/tests/tools/make-pinbox.sh" sample.mbox pi/git/0.git >/dev/null &&
	darn parsearchive pi/git/0.git >out &&
	grep -q "^     4 patches$" out &&
	setup_project &&
	darn parsearchive pi >out &&
	grep -q "^     4 patches$" out
'

test_expect_success 'a public-inbox mail whose blob is missing is one error' '
	setup_project &&
	"$TOP/tests/tools/make-pinbox.sh" sample.mbox lore.git >/dev/null &&
	third=$(git -C lore.git rev-list --reverse master | sed -n 3p) &&
	blob=$(git -C lore.git rev-parse "$third:m") &&
	rm "lore.git/objects/$(echo $blob | cut -c1-2)/$(echo $blob | cut -c3-)" &&
	darn parsearchive lore.git >out 2>err &&
	cat out err &&
	grep -q "^Processed 8 messages" out &&
	grep -q "^     1 errors$" out
'

test_expect_success 'an archive no project matches says so' '
	setup_project &&
	sed "s/test.darn.example/other.darn.example/" sample.mbox >other.mbox &&
	darn parsearchive other.mbox >out 2>err &&
	grep -q "^     8 dropped$" out &&
	grep "no mail matched a project" err &&
	grep "other.darn.example" err
'

test_expect_success 'one archive is read by one run at a time' '
	setup_project &&
	expect_exit 75 flock sample.mbox "$DARN" parsearchive sample.mbox \
		>out 2>err &&
	grep "another darn parsearchive is reading" err &&
	expect_eq 0 "$(sql "SELECT COUNT(*) FROM patch")"
'

test_expect_success 'a missing archive is an error' '
	expect_exit 66 darn parsearchive does-not-exist 2>err &&
	grep -q "does not exist" err
'

test_done
