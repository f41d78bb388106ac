#!/bin/sh
# What the mbox downloads are for: git am applies a series mbox (and a
# patch with its ?series=* dependencies) in a fresh repository, with the
# submitter as author, even when the list rewrote From (DMARC).
. "$(dirname "$0")/lib.sh"

if ! command -v git >/dev/null; then
	echo "1..0 # SKIP git is not installed"
	exit 0
fi

setup_project
refs='In-Reply-To: <am0@example.com>
References: <am0@example.com>'
printf 'Two files grow.\n' |
	mail 'Jane Doe <jane@example.com>' '[PATCH 0/3] Grow files' \
		'<am0@example.com>' >m0
for n in 1 2 3; do
	{
		printf 'Grow file %s.\n\nSigned-off-by: Jane Doe <jane@example.com>\n' $n
		diff_for f$n.txt "grown $n"
	} >body$n
done
mail 'Jane Doe <jane@example.com>' '[PATCH 1/3] grow f1' '<am1@example.com>' \
	"$refs" <body1 >m1
# the list rewrote From; the author comes back from Reply-To
mail 'Jane Doe via Test <list@test.darn.example>' '[PATCH 2/3] grow f2' \
	'<am2@example.com>' "$refs
Reply-To: Jane Doe <jane@example.com>" <body2 >m2
mail 'Jane Doe <jane@example.com>' '[PATCH 3/3] grow f3' '<am3@example.com>' \
	"$refs" <body3 >m3
printf 'Reviewed-by: Rev Person <rev@example.com>\n' |
	mail 'Rev Person <rev@example.com>' 'Re: [PATCH 1/3] grow f1' \
		'<am4@example.com>' 'In-Reply-To: <am1@example.com>' >m4
for m in m0 m1 m2 m3 m4; do
	darn parsemail <$m || echo "parsemail $m failed"
done
sid=$(sql "SELECT series_id FROM patch WHERE msgid = '<am1@example.com>'")

start_server

# fresh_repo DIR: a repository whose files the diffs apply to.
fresh_repo() {
	git init -q "$1" &&
	for n in 1 2 3; do echo line >"$1/f$n.txt"; done &&
	git -C "$1" add . &&
	git -C "$1" -c user.name=T -c user.email=t@example.com \
		commit -q -m base
}

am() {
	git -C "$1" -c user.name=T -c user.email=t@example.com am -q "$2"
}

test_expect_success 'git am applies the series mbox' '
	curl -s -o series.mbox "$base/series/$sid/mbox/" &&
	fresh_repo repo &&
	am repo "$TMP/series.mbox" &&
	git -C repo log --format="%s|%an <%ae>" -3 >log &&
	printf "%s\n" "grow f3|Jane Doe <jane@example.com>" \
		"grow f2|Jane Doe <jane@example.com>" \
		"grow f1|Jane Doe <jane@example.com>" >want &&
	cmp want log &&
	printf "line\ngrown 2\n" >want && cmp want repo/f2.txt
'

test_expect_success 'reply tags reach the commit message' '
	git -C repo log --format=%B -1 HEAD~2 >msg &&
	printf "grow f1\n\nGrow file 1.\n\nSigned-off-by: Jane Doe <jane@example.com>\nReviewed-by: Rev Person <rev@example.com>\n\n" >want &&
	cmp want msg
'

test_expect_success 'a patch with ?series=* brings its dependencies' '
	curl -s -o deps.mbox \
		"$base/project/test/patch/am3@example.com/mbox/?series=*" &&
	fresh_repo repo2 &&
	am repo2 "$TMP/deps.mbox" &&
	expect_eq 3 "$(git -C repo2 rev-list --count HEAD~1)" &&
	printf "line\ngrown 3\n" >want && cmp want repo2/f3.txt
'

test_expect_success 'the raw diff applies with git apply' '
	curl -s -o one.diff "$base/project/test/patch/am1@example.com/raw/" &&
	fresh_repo repo3 &&
	git -C repo3 apply "$TMP/one.diff" &&
	printf "line\ngrown 1\n" >want && cmp want repo3/f1.txt
'

stop_server

test_done
