#!/bin/sh
# The web pages anyone can read (issue 10): the project list and page,
# the patch list with every filter, its orders and pagination, patch and
# cover pages, /about/, the pwclientrc download, the site's 404 page and
# the redirects around them, on mails of our own.
. "$(dirname "$0")/lib.sh"

setup_project
darn project add --linkname other --name "Other project" \
	--listid other.darn.example --listemail list@other.darn.example \
	>/dev/null
setup_writers
write_series s1 3 "Ann Author <ann@example.com>" "widgets"
for f in s1/*; do darn parsemail <"$f" || exit 1; done
diff_for lone.c | mail "Bob Builder <bob@example.com>" "lone fix" \
	"<lone@ex.com>" | darn parsemail
diff_for old.c | mail "Bob Builder <bob@example.com>" "old fix" \
	"<old@ex.com>" | darn parsemail
printf 'Looks good.\n\nAcked-by: Rev Iewer <rev@example.com>\n' |
	mail "Rev Iewer <rev@example.com>" "Re: [01/3] thing 1" \
	"<ack@ex.com>" "In-Reply-To: <s1-01@ex.com>
References: <s1-01@ex.com>" | darn parsemail
start_server --base-url http://127.0.0.1:1
facts="python3 $TOP/tests/tools/web-facts.py"
list=/project/test/list/

# stop_servers: stops every server of this script (a new one then
# takes a port none of them holds)
stop_servers() {
	for pid in $(cat "$TMP/servers"); do
		kill "$pid" 2>/dev/null
		while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
	done
	: >"$TMP/servers"
}

# id MSGID: the id of the patch with that message id
id() {
	curl -s "$base/api/patches/?msgid=$1" >body && json "j[0][\"id\"]"
}
p1=$(id s1-01@ex.com) p2=$(id s1-02@ex.com) p3=$(id s1-03@ex.com)
lone=$(id lone@ex.com) old=$(id old@ex.com)
series=$(curl -s "$base/api/patches/$p1/" >body && json "j[\"series\"][0][\"id\"]")
ann=$(curl -s "$base/api/patches/$p1/" >body && json "j[\"submitter\"][\"id\"]")
maint=$(curl -s "$base/api/users/?q=maint" -H "Authorization: Token $token" \
	>body && json "j[0][\"id\"]")
api PATCH /api/patches/$p2/ "$token" application/json \
	'{"state": "accepted", "delegate": '"$maint"'}' >/dev/null
api PATCH /api/patches/$old/ "$token" application/json \
	'{"archived": true}' >/dev/null
api POST /api/patches/$p1/checks/ "$token" application/json \
	'{"state": "success", "context": "build", "description": "built",
	"target_url": "https://ci.example.org/1"}' >/dev/null
api POST /api/patches/$p1/checks/ "$token" application/json \
	'{"state": "fail", "context": "lint"}' >/dev/null

test_expect_success 'two projects: / lists both with links to their lists' '
	get "$base/" && grep -q "^HTTP/1.1 200" headers &&
	expect_eq "Project List - Patchwork" "$($facts body title)" &&
	$facts body links >links &&
	grep -qx /project/test/list/ links && grep -qx /project/other/list/ links
'

test_expect_success 'the project page: list address, maintainer, counts' '
	get "$base/project/test/" && grep -q "^HTTP/1.1 200" headers &&
	$facts body text >text &&
	grep -q "List address list@test.darn.example" text &&
	grep -q "Maintainer maint <maint@example.com>" text &&
	grep -q "Patches 4 (+ 1 archived)" text &&
	$facts body links | grep -qx /project/test/pwclientrc/
'

test_expect_success 'the default list: action-required, not archived' '
	get "$base$list" && grep -q "^HTTP/1.1 200" headers &&
	expect_eq "Show patches with: State = Action Required | Archived = No | 3 patches" \
		"$($facts body summary)" &&
	$facts body column Patch >names &&
	expect_eq "lone fix
[03/3] thing 3
[01/3] thing 1" "$(cat names)" ||
	{ cat names; false; }
'

test_expect_success 'the list shows tag and check counts, submitter links' '
	get "$base$list?q=thing+1" &&
	expect_eq "1 - -" "$($facts body column A/R/T)" &&
	expect_eq "1 - 1" "$($facts body column S/W/F)" &&
	expect_eq "Ann Author" "$($facts body column Submitter)" &&
	$facts body links | grep -qx "$list?submitter=$ann"
'

test_expect_success 'filters: state=*, a state id, archive, q' '
	get "$base$list?state=*" &&
	expect_eq 4 "$($facts body column Patch | wc -l)" &&
	get "$base$list?state=*&archive=both" &&
	expect_eq 5 "$($facts body column Patch | wc -l)" &&
	get "$base$list?state=*&archive=true" &&
	expect_eq "old fix" "$($facts body column Patch)" &&
	get "$base$list?q=LONE" &&
	expect_eq "lone fix" "$($facts body column Patch)" &&
	expect_eq "Show patches with: State = Action Required | Search = LONE | Archived = No | 1 patch" \
		"$($facts body summary)"
'

test_expect_success 'filters: series and submitter (id or part of a name)' '
	get "$base$list?series=$series&state=*" &&
	expect_eq 3 "$($facts body column Patch | wc -l)" &&
	$facts body summary | grep -q "Series = widgets" &&
	get "$base$list?submitter=$ann&state=*" &&
	expect_eq 3 "$($facts body column Patch | wc -l)" &&
	get "$base$list?submitter=builder&archive=both" &&
	expect_eq 2 "$($facts body column Patch | wc -l)" &&
	get "$base$list?submitter=nobody-has-this" &&
	expect_eq "Show patches with: State = Action Required | Archived = No | 3 patches" \
		"$($facts body summary)"
'

test_expect_success 'filters: delegate by id, Nobody, part of a username' '
	get "$base$list?delegate=$maint&state=*" &&
	expect_eq "[02/3] thing 2" "$($facts body column Patch)" &&
	get "$base$list?delegate=aint&state=*" &&
	expect_eq "[02/3] thing 2" "$($facts body column Patch)" &&
	get "$base$list?delegate=Nobody&state=*" &&
	expect_eq 3 "$($facts body column Patch | wc -l)"
'

test_expect_success 'a filter summary links to the list without that filter' '
	get "$base$list?q=lone&archive=both" &&
	$facts body links >links &&
	grep -qx "?" links &&
	grep -qx "$list?q=lone&archive=both&state=%2A" links ||
	grep -qx "$list?state=%2A&q=lone&archive=both" links
'

test_expect_success 'orders: name, -name, state; the sort links' '
	get "$base$list?order=name&state=*" &&
	expect_eq "[01/3] thing 1" "$($facts body column Patch | head -1)" &&
	get "$base$list?order=-name&state=*" &&
	expect_eq "lone fix" "$($facts body column Patch | head -1)" &&
	$facts body links | grep -qx "$list?state=%2A&order=name" &&
	get "$base$list?order=state&state=*" &&
	expect_eq "Accepted" "$($facts body column State | tail -1)"
'

# The sort arrow, as Patchwork's chevron (docs/compatibility.md): up on a
# descending order (the default, newest first), down on an ascending one.
test_expect_success 'the sort arrow points up on a descending order' '
	get "$base$list" &&
	grep -q ">Date</a>" body &&
	grep -q "href=\"$list?order=date\" class=\"sorted up\">Date<" body &&
	get "$base$list?order=name&state=*" &&
	grep -q "class=\"sorted\">Patch<" body &&
	get "$base$list?order=-name&state=*" &&
	grep -q "class=\"sorted up\">Patch<" body
'

test_expect_success 'the patch page: details, series, checks, comments, diff' '
	get "$base/project/test/patch/s1-01@ex.com/" &&
	grep -q "^HTTP/1.1 200" headers &&
	expect_eq "[01/3] thing 1
Checks
Commit Message
Comments
Patch" "$($facts body headings)" &&
	$facts body text >text &&
	grep -q "Message ID s1-01@ex.com" text &&
	grep -q "State New" text &&
	grep -q "maint/build success built" text &&
	grep -q "Acked-by: Rev Iewer" text &&
	grep -q "+added" text &&
	$facts body links >links &&
	grep -qx "/project/test/cover/s1-00@ex.com/" links &&
	grep -qx "/project/test/patch/s1-02@ex.com/" links &&
	grep -qx "/project/test/patch/s1-01@ex.com/mbox/" links &&
	grep -qx "/project/test/patch/s1-01@ex.com/raw/" links &&
	grep -qx "/series/$series/mbox/" links &&
	grep -q "^/comment/[0-9]*/$" links &&
	grep -qx "https://ci.example.org/1" links
'

test_expect_success 'a delegated, accepted patch shows both' '
	get "$base/project/test/patch/s1-02@ex.com/" &&
	$facts body text >text &&
	grep -q "State Accepted" text && grep -q "Delegated to: maint" text
'

test_expect_success 'the cover page: message, series, no diff' '
	get "$base/project/test/cover/s1-00@ex.com/" &&
	grep -q "^HTTP/1.1 200" headers &&
	expect_eq "[00/3] widgets
Message" "$($facts body headings)" &&
	$facts body links | grep -qx "/project/test/cover/s1-00@ex.com/mbox/"
'

test_expect_success 'a patch URL naming a cover redirects, and back' '
	get "$base/project/test/patch/s1-00@ex.com/" &&
	grep -q "^HTTP/1.1 302" headers &&
	grep -q "^Location: /project/test/cover/s1-00@ex.com/" headers &&
	get "$base/project/test/cover/s1-01@ex.com/" &&
	grep -q "^Location: /project/test/patch/s1-01@ex.com/" headers
'

test_expect_success '404s in the site look: msgid, project, any URL' '
	for u in /project/test/patch/nope@ex.com/ /project/nope/list/ \
		/project/nope/ /nowhere/ /project/test/cover/nope@ex.com/; do
		get "$base$u" && grep -q "^HTTP/1.1 404" headers &&
		expect_eq "404: File not found - Patchwork" \
			"$($facts body title)" || return 1
	done
'

test_expect_success 'legacy id redirects keep working' '
	get "$base/patch/$p1/" && grep -q "^HTTP/1.1 302" headers &&
	grep -q "^Location: /project/test/patch/s1-01@ex.com/" headers &&
	get "$base/help/" && grep -q "^HTTP/1.1 301" headers &&
	grep -q "^Location: /about/" headers
'

test_expect_success '/about/ and the pwclientrc download' '
	get "$base/about/" && expect_eq "About - Patchwork" "$($facts body title)" &&
	get "$base/project/test/pwclientrc/" &&
	grep -q "^Content-Disposition: attachment; filename=.pwclientrc" headers &&
	grep -qx "\[test\]" body &&
	grep -qx "url = http://127.0.0.1:1/xmlrpc/" body &&
	get "$base/project/nope/pwclientrc/" && grep -q "^HTTP/1.1 404" headers
'

test_expect_success 'the autocomplete of submitters and delegates' '
	get "$base/submitter/?q=AUTHOR" &&
	grep -q "^Content-Type: application/json" headers &&
	expect_eq "[[$ann, \"Ann Author\", \"ann@example.com\"]]" \
		"$(json "[[x[\"pk\"], x[\"name\"], x[\"email\"]] for x in j]")" &&
	get "$base/submitter/?q=example.com&l=2" &&
	expect_eq 2 "$(json "len(j)")" &&
	rm -f body && get "$base/submitter/?q=an" && test ! -s body &&
	grep -q "^Content-Type: application/json" headers &&
	get "$base/delegate/?q=mai" &&
	expect_eq "[\"maint\"]" "$(json "[x[\"name\"] for x in j]")"
'

test_expect_success 'pagination: pages of 1, a page past the end, a bad page' '
	stop_servers && export DARN_WEB_ITEMS_PER_PAGE=1 && launch_server &&
	get "$base$list?state=*&archive=both&page=3" &&
	expect_eq "[03/3] thing 3" "$($facts body column Patch)" &&
	$facts body paginator >pg &&
	expect_eq "« 1 2 3 4 5 »" "$(head -1 pg)" &&
	grep -qx "$list?state=%2A&archive=both&page=4" pg &&
	get "$base$list?state=*&archive=both&page=99" &&
	expect_eq "« 1 2 3 4 5 »" "$($facts body paginator | head -1)" &&
	grep -q "<span class=\"next-na\">»</span>" body &&
	get "$base$list?state=*&archive=both&page=x" &&
	expect_eq "« 1 2 3 4 5 »" "$($facts body paginator | head -1)" &&
	grep -q "<span class=\"prev-na\">«</span>" body
'

test_expect_success 'one project: / opens its list; the site name is set' '
	stop_servers && db_fresh one && DARN_DATABASE=$(db_location one) &&
	export DARN_DATABASE && darn init >/dev/null &&
	darn project add --linkname solo --name Solo --listid solo.example \
		--listemail solo@example.org >/dev/null &&
	export DARN_WEB_SITE_NAME="Our Site" && launch_server &&
	get "$base/" && grep -q "^HTTP/1.1 302" headers &&
	grep -q "^Location: /project/solo/list/" headers &&
	get "$base/project/solo/" &&
	expect_eq "Solo - Our Site" "$($facts body title)"
'

test_done
