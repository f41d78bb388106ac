#!/bin/sh
# The series pages (issue 10, beyond Patchwork): a project's series list
# (newest first, paginated, by submitter, searched) and a series' page
# (its cover letter, patches in order with their states and checks, the
# mbox, the patch list on it, its other versions); previous / next patch
# of a series on the patch page; the keyboard shortcuts of the script.
# On mails of our own: a series in a v1 and a v2 (cover letters, a name
# with markup), another submitter's series of the same name, a single
# patch, and a series of another project.
. "$(dirname "$0")/lib.sh"

setup_project
darn project add --linkname other --name "Other project" \
	--listid other.darn.example --listemail list@other.darn.example \
	>/dev/null
setup_writers
title='cifs: fix <b>reconnect</b> & "x"'
ann="Ann Author <ann@example.com>"

# series PREFIX FROM VERSION-WORD TOTAL NUMBERS...: a cover letter and
# the patches NUMBERS of a series, message ids <PREFIX-N@ex.com>
series() {
	pre=$1 from=$2 v=$3 total=$4
	shift 4
	echo "The cover." | mail "$from" "[PATCH $v 0/$total] $title" \
		"<$pre-0@ex.com>" | darn parsemail || return 1
	for i in "$@"; do
		diff_for "src/$pre$i.c" | mail "$from" \
			"[PATCH $v $i/$total] cifs: step $i <i>of</i> $total" \
			"<$pre-$i@ex.com>" "In-Reply-To: <$pre-0@ex.com>
References: <$pre-0@ex.com>" | darn parsemail || return 1
	done
}
series v1 "$ann" "" 2 1 2
# v2 has three patches, of which 1 and 3 arrived
series v2 "$ann" v2 3 1 3
series bob "Bob Builder <bob@example.com>" "" 1 1
diff_for lone.c | mail "$ann" "[PATCH] lone fix" "<lone@ex.com>" |
	darn parsemail
diff_for o.c | mail "$ann" "[PATCH] elsewhere" "<o@ex.com>" \
	"List-Id: Other <other.darn.example>" |
	sed '/^List-Id: Test/d' | darn parsemail

DARN_WEB_ITEMS_PER_PAGE=3 start_server --base-url http://127.0.0.1:1
facts="python3 $TOP/tests/tools/web-facts.py"
list=/project/test/series/

# sid MSGID: the series of the patch with that message id
sid() {
	curl -s "$base/api/patches/?msgid=$1" >body &&
		json "j[0][\"series\"][0][\"id\"]"
}
pid() {
	curl -s "$base/api/patches/?msgid=$1" >body && json "j[0][\"id\"]"
}
v1=$(sid v1-1@ex.com) v2=$(sid v2-1@ex.com) bob=$(sid bob-1@ex.com)
lone=$(sid lone@ex.com) other=$(sid o@ex.com)
annid=$(curl -s "$base/api/patches/?msgid=v1-1@ex.com" >body &&
	json "j[0][\"submitter\"][\"id\"]")
bobid=$(curl -s "$base/api/patches/?msgid=bob-1@ex.com" >body &&
	json "j[0][\"submitter\"][\"id\"]")
api POST /api/patches/$(pid v2-1@ex.com)/checks/ "$token" application/json \
	'{"state": "success", "context": "build"}' >/dev/null
api POST /api/patches/$(pid v2-3@ex.com)/checks/ "$token" application/json \
	'{"state": "fail", "context": "build"}' >/dev/null
api PATCH /api/patches/$(pid v2-3@ex.com)/ "$token" application/json \
	'{"state": "accepted"}' >/dev/null

test_expect_success 'the series list: newest first, a page of 3, escaped' '
	get "$base$list" && grep -q "^HTTP/1.1 200" headers &&
	expect_eq "Series - Test project - Patchwork" "$($facts body title)" &&
	$facts body table series-list >rows &&
	cat >want <<-EOF &&
	Series | Version | Submitter | Date | Patches | States | S/W/F
	lone fix | v1 | Ann Author | 2026-03-02 | 1/1 | 1 New | - - -
	$title | v1 | Bob Builder | 2026-03-02 | 1/1 | 1 New | - - -
	$title | v2 | Ann Author | 2026-03-02 | 2/3 | 1 New, 1 Accepted | 1 - 1
	EOF
	diff -u want rows &&
	grep -q "cifs: fix &lt;b&gt;reconnect&lt;/b&gt; &amp; &quot;x&quot;" body &&
	! grep -q "<b>reconnect" body &&
	$facts body links >links &&
	grep -qx "$list$v2/" links && grep -qx "$list?submitter=$annid" links &&
	expect_eq "Show series with: none | 4 series" \
		"$($facts body id series-filters)"
'

test_expect_success 'the series list: the paginator, page 2' '
	get "$base$list" && $facts body paginator >pag &&
	grep -qx "$list?page=2" pag &&
	get "$base$list?page=2" && $facts body table series-list >rows &&
	expect_eq "$title | v1 | Ann Author | 2026-03-02 | 2/2 | 2 New | - - -" \
		"$(sed -n 2p rows)" &&
	get "$base$list?page=x" && $facts body table series-list | grep -q "lone fix"
'

test_expect_success 'the series list: by submitter, by search, a tab' '
	get "$base$list?submitter=$bobid" && $facts body table series-list >rows &&
	expect_eq 2 "$(wc -l <rows)" && grep -q "Bob Builder" rows &&
	expect_eq "Show series with: Submitter = Bob Builder | 1 series" \
		"$($facts body id series-filters)" &&
	$facts body links | grep -qx "$list" &&
	get "$base$list?q=LONE" && $facts body table series-list >rows &&
	expect_eq "lone fix | v1 | Ann Author | 2026-03-02 | 1/1 | 1 New | - - -" \
		"$(sed -n 2p rows)" &&
	get "$base$list?q=%25" && $facts body table series-list >rows &&
	grep -q "No series to display" rows &&
	get "$base$list?submitter=$annid&q=reconnect&page=1" &&
	expect_eq 3 "$($facts body table series-list | wc -l)" &&
	get "$base/project/test/list/" && $facts body links | grep -qx "$list"
'

test_expect_success 'a series page: details, cover, patches in order' '
	get "$base$list$v2/" && grep -q "^HTTP/1.1 200" headers &&
	expect_eq "$title" "$($facts body headings | sed -n 1p)" &&
	$facts body table series-info >info &&
	grep -qx "Version | 2" info &&
	grep -qx "Submitter | Ann Author" info &&
	grep -q "^Patches | 2 of 3 received" info &&
	grep -qx "Cover letter | \[v2,0/3\] $title" info &&
	$facts body table series-patches >rows &&
	cat >want <<-EOF &&
	# | Patch | A/R/T | S/W/F | Delegate | State
	1 | [v2,1/3] cifs: step 1 <i>of</i> 3 | - - - | 1 - - |  | New
	3 | [v2,3/3] cifs: step 3 <i>of</i> 3 | - - - | - - 1 |  | Accepted
	EOF
	diff -u want rows &&
	$facts body links >links &&
	grep -qx "/series/$v2/mbox/" links &&
	grep -qx "/project/test/list/?series=$v2" links &&
	grep -qx "/project/test/cover/v2-0@ex.com/" links &&
	grep -qx "/project/test/patch/v2-3@ex.com/" links
'

test_expect_success 'versions: v1 and v2 linked, not the other submitter' '
	get "$base$list$v2/" && $facts body id series-versions >vers &&
	expect_eq "v1: $title, 2026-03-02 v2: $title (this series), 2026-03-02" \
		"$(cat vers)" &&
	$facts body links >links &&
	grep -qx "$list$v1/" links && ! grep -qx "$list$bob/" links &&
	get "$base$list$v1/" && $facts body links | grep -qx "$list$v2/" &&
	get "$base$list$bob/" && expect_eq "" "$($facts body id series-versions)" &&
	! $facts body links | grep -qx "$list$v1/"
'

test_expect_success 'unknown series, series of another project: 404 page' '
	for u in "$list$other/" "${list}999999/" /project/nope/series/ \
		"/project/nope/series/$v1/" "${list}x/" \
		"${list}99999999999999999999/"; do
		get "$base$u" && grep -q "^HTTP/1.1 404" headers &&
		expect_eq "404: File not found - Patchwork" \
			"$($facts body title)" || { echo "$u"; return 1; }
	done &&
	get "$base/project/other/series/$other/" && grep -q "^HTTP/1.1 200" headers
'

test_expect_success 'the patch page: previous / next patch in the series' '
	get "$base/project/test/patch/v2-1@ex.com/" &&
	$facts body links >links &&
	grep -qx "$list$v2/" links &&
	grep -q "id=\"series-next\"[^>]*href=\"/project/test/patch/v2-3@ex.com/\"" body &&
	! grep -q "series-prev" body &&
	get "$base/project/test/patch/v2-3@ex.com/" &&
	grep -q "id=\"series-prev\"[^>]*href=\"/project/test/patch/v2-1@ex.com/\"" body &&
	! grep -q "series-next" body &&
	get "$base/project/test/patch/v1-1@ex.com/" &&
	grep -q "series-next[^>]*v1-2@ex.com" body &&
	get "$base/project/test/cover/v2-0@ex.com/" &&
	! grep -q "series-next\|series-prev" body
'

test_expect_success 'pages carry no inline script; the script has the keys' '
	for u in "$list" "$list$v2/" /project/test/list/ \
		/project/test/patch/v2-1@ex.com/; do
		get "$base$u" && $facts body check || { echo "$u"; return 1; }
	done &&
	grep -q "class=\"keys-hint\" hidden" body &&
	get "$base/static/darn.js" && grep -q "^HTTP/1.1 200" headers &&
	for k in "'"'j'"'" "'"'k'"'" "'"'o'"'" "'"'x'"'" "'"'n'"'" "'"'p'"'" \
		"'"'u'"'" "'"'?'"'" kb-help kb-current series-next series-prev \
		INPUT\|SELECT\|TEXTAREA; do
		grep -qF -- "$k" body || { echo "$k"; return 1; }
	done &&
	get "$base/static/darn.css" && grep -q "kb-current" body
'

test_done
