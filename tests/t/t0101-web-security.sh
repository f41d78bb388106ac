#!/bin/sh
# The web pages' defences (issue 10): a mail whose subject, names,
# headers and body carry markup and script shows as text on every page;
# every page has the security headers and no inline script or style; the
# site's stylesheet and script carry validators and answer 304.
. "$(dirname "$0")/lib.sh"

setup_project
evil='<script>alert(1)</script>'
{ printf 'Body %s <img src=x onerror=alert(2)> & "quotes"\n\n' "$evil"
  printf 'Acked-by: <b>Ack</b> <ack@example.com>\n'
  diff_for 'x.c' "$evil"; } |
	mail "\"Eve > & Co \\\"x\\\"\" <eve@example.com>" \
		"[PATCH] $evil fix \"it\" & <b>more</b>" "<evil@ex.com>" \
		"X-Evil: $evil" | darn parsemail
printf 'Reply %s\n' "$evil" |
	mail "Mal <mal@example.com>" \
		"Re: [PATCH] $evil" "<evilreply@ex.com>" \
	"In-Reply-To: <evil@ex.com>
References: <evil@ex.com>" | darn parsemail
darn project add --linkname other --name "Other $evil" \
	--listid other.darn.example --listemail list@other.darn.example \
	>/dev/null
# names with markup come from users (a name in From: with "<" is not a
# mail Patchwork accepts): the maintainer names itself so and is the
# patch's delegate, shown on the patch page and the project page
setup_writers
start_server
maint=$(curl -s -H "Authorization: Token $token" "$base/api/users/?q=maint" \
	>body && json "j[0][\"id\"]")
evil_id=$(curl -s "$base/api/patches/?msgid=evil@ex.com" >body &&
	json "j[0][\"id\"]")
api PATCH /api/users/$maint/ "$token" application/json \
	'{"first_name": "<script>alert(3)</script>"}' >/dev/null
api PATCH /api/patches/$evil_id/ "$token" application/json \
	'{"delegate": '"$maint"'}' >/dev/null
facts="python3 $TOP/tests/tools/web-facts.py"
person=$(curl -s -H "Authorization: Token $token" "$base/api/people/?q=eve" >body && json "j[0][\"id\"]")
series=$(curl -s "$base/api/patches/?msgid=evil@ex.com" >body &&
	json "j[0][\"series\"][0][\"id\"]")

pages="/ /project/test/ /project/other/ /project/test/list/
/project/test/list/?submitter=$person /project/test/list/?series=$series
/project/test/list/?q=%3Cscript%3E /project/test/list/?submitter=%3Cscript%3E
/project/test/patch/evil@ex.com/ /about/ /project/test/patch/%3Cscript%3E/
/nowhere/%3Cscript%3E/"

# header NAME: its value in the last response, without the CR
header() {
	sed -n "s/^$1: \(.*\)\r$/\1/p" headers
}

test_expect_success 'markup in a mail shows as text on every page' '
	for u in $pages; do
		get "$base$u" || return 1
		if grep -q -i "<script>\|<b>more\|<img src=x\|<b>Ack" body
		then echo "markup from the mail in $u"; return 1; fi
	done &&
	get "$base/project/test/patch/evil@ex.com/" &&
	$facts body text >text &&
	grep -q "<script>alert(1)</script> fix \"it\" & <b>more</b>" text &&
	grep -q "Eve > & Co" text &&
	grep -q "Delegated to: <script>alert(3)</script>" text &&
	grep -q "X-Evil: <script>" text &&
	grep -q "onerror=alert(2)> & \"quotes\"" text &&
	grep -q "+<script>alert(1)</script>" text &&
	get "$base/project/test/list/" &&
	$facts body column Patch | grep -q "<script>alert(1)</script> fix" &&
	get "$base/project/test/" && $facts body text |
	grep -q "Maintainer <script>alert(3)</script> <maint@example.com>"
'

test_expect_success 'the security headers on every page, no inline script or style' '
	for u in $pages; do
		get "$base$u" || return 1
		expect_eq nosniff "$(header X-Content-Type-Options)" &&
		expect_eq DENY "$(header X-Frame-Options)" &&
		header Content-Security-Policy >csp &&
		grep -q "frame-ancestors '"'"'none'"'"'" csp &&
		grep -q "script-src '"'"'self'"'"'" csp &&
		! grep -q "unsafe" csp &&
		$facts body check || { echo "in $u"; return 1; }
	done
'

test_expect_success 'pages read the site'"'"'s own stylesheet and script only' '
	get "$base/project/test/list/" &&
	grep -q "<link rel=\"stylesheet\" href=\"/static/darn.css\">" body &&
	grep -q "<script src=\"/static/darn.js\" defer></script>" body &&
	! grep -q "https\?://[^\"]*\.\(css\|js\)\"" body
'

test_expect_success 'the stylesheet and script: validators and 304' '
	for f in darn.css darn.js; do
		get "$base/static/$f" && grep -q "^HTTP/1.1 200" headers &&
		etag=$(header ETag) && date=$(header Last-Modified) &&
		test -n "$etag" && test -n "$date" && test -s body &&
		rm -f body && get -H "If-None-Match: $etag" "$base/static/$f" &&
		grep -q "^HTTP/1.1 304" headers && test ! -s body &&
		get -H "If-Modified-Since: $date" "$base/static/$f" &&
		grep -q "^HTTP/1.1 304" headers &&
		get -H "If-None-Match: \"other\"" -H "If-Modified-Since: $date" \
			"$base/static/$f" &&
		grep -q "^HTTP/1.1 200" headers || return 1
	done &&
	get "$base/static/darn.css" &&
	grep -q "^Content-Type: text/css" headers &&
	get "$base/static/darn.js" &&
	grep -q "^Content-Type: text/javascript" headers &&
	get "$base/static/nope.css" && grep -q "^HTTP/1.1 404" headers
'

# The script as served parses (a merge once left it unbalanced, and then
# none of it ran); without Node.js the browser tests check it.
if command -v node >/dev/null 2>&1; then
	test_expect_success 'the script parses' '
		get "$base/static/darn.js" && cp body "$TMP/darn.js" &&
		node --check "$TMP/darn.js"
	'
fi

test_expect_success 'the icon: a link on every page, /favicon.ico too' '
	get "$base/" &&
	grep -q "<link rel=\"icon\" href=\"/static/darn.svg\"" body &&
	for f in /static/darn.svg /favicon.ico; do
		get "$base$f" && grep -q "^HTTP/1.1 200" headers &&
		grep -q "^Content-Type: image/svg+xml" headers &&
		grep -q "^<svg" body && test -n "$(header ETag)" || return 1
	done
'

test_expect_success 'pages answer only safe methods before login exists' '
	expect_eq 403 "$(curl -s -o /dev/null -w "%{http_code}" -X POST \
		"$base/project/test/list/")"
'

test_done
