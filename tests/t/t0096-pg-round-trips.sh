#!/bin/sh
# Round trips to PostgreSQL per request (issue 9, item 5): a page of 250
# patches takes a bounded number of them, not one or more per row, and a
# patch's detail view one (its one statement, outside a transaction;
# elsewhere a request's BEGIN goes with its first statement, and the
# ROLLBACK after it is sent without waiting). Counted as darn sees them:
# strace attached to `darn serve` counts the sends on its connection to
# the server (a Unix socket in the test cluster); each round trip is one
# send followed by waiting for the answer. PostgreSQL only; skipped
# without strace or where tracing is not allowed.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/t/web-lib.sh"

if [ "$BACKEND" != pg ]; then
	echo "1..0 # SKIP round trips to a database server: backend $BACKEND"
	exit 0
fi
if ! command -v strace >/dev/null 2>&1 ||
	! strace -f -qq -o /dev/null true 2>/dev/null; then
	echo "1..0 # SKIP strace is absent or cannot trace here"
	exit 0
fi

setup_project
python3 "$TOP/tests/tools/make-thread-mbox.py" 90 1 >all.mbox
darn parsearchive all.mbox >/dev/null 2>&1
start_server --threads 1
tracer=

# sends_of PATH [COOKIE]: the sends to PostgreSQL while darn serves one
# GET of PATH (its status must be 200), after a first GET of it that
# prepared its statements; with the cookie COOKIE (NAME=VALUE) if given.
sends_of() {
	curl -s -o /dev/null -b "${2:-}" "$base$1" &&
	before=$(grep -c 'UNIX' trace) &&
	code=$(curl -s -o body -b "${2:-}" -w '%{http_code}' "$base$1") &&
	[ "$code" = 200 ] &&
	sleep 0.3 &&
	echo $(( $(grep -c 'UNIX' trace) - before ))
}

test_expect_success 'strace follows darn serve' '
	strace -f -yy -qq -e trace=sendto,sendmsg,write -o trace \
		-p $server_pid 2>strace.err &
	echo $! >tracer &&
	for i in $(seq 100); do
		curl -s -o /dev/null "$base/api/patches/1/" &&
		grep -q UNIX trace 2>/dev/null && break
		sleep 0.1
	done &&
	grep -q UNIX trace
'
tracer=$(cat tracer 2>/dev/null || true)
trap '[ -n "$tracer" ] && kill $tracer 2>/dev/null; kill $server_pid 2>/dev/null; test_cleanup' EXIT

test_expect_success 'a page of 250 patches: at most 8 round trips' '
	n=$(sends_of "/api/patches/?per_page=250") &&
	echo "sends: $n" &&
	expect_eq 250 "$(json "len(j)")" &&
	[ "$n" -ge 2 ] && [ "$n" -le 8 ]
'

test_expect_success 'the same page filtered by project and state: at most 9' '
	n=$(sends_of "/api/patches/?project=test&state=new&order=-date&per_page=250") &&
	echo "sends: $n" &&
	expect_eq 250 "$(json "len(j)")" &&
	[ "$n" -le 9 ]
'

test_expect_success 'a page of 2 patches takes as many as one of 250' '
	small=$(sends_of "/api/patches/?per_page=2") &&
	big=$(sends_of "/api/patches/?per_page=250") &&
	echo "sends: $small, $big" &&
	expect_eq "$small" "$big"
'

# A detail view is one statement: sent alone, outside a transaction
# (db_begin_read_once), nothing to roll back after it.
test_expect_success 'a patch: one round trip, no transaction' '
	n=$(sends_of "/api/patches/7/") &&
	echo "sends: $n" &&
	expect_eq 7 "$(json "j[\"id\"]")" &&
	[ "$n" -le 1 ]
'

test_expect_success 'a cover letter: one round trip' '
	n=$(sends_of "/api/covers/1/") &&
	echo "sends: $n" &&
	[ "$n" -le 1 ]
'

# A patch with related patches needs more statements: its first try is
# refused at the second, and the request runs again in a transaction.
test_expect_success 'a patch with related patches: again, in a transaction' '
	sql "INSERT INTO patch_relation (id) VALUES (1)" &&
	sql "UPDATE patch SET related_id = 1 WHERE id IN (7, 8)" &&
	n=$(sends_of "/api/patches/7/") &&
	echo "sends: $n" &&
	expect_eq "[8]" "$(json "[r[\"id\"] for r in j[\"related\"]]")" &&
	[ "$n" -ge 2 ] && [ "$n" -le 5 ] &&
	curl -s "$base/api/patches/8/" >body &&
	expect_eq "[7]" "$(json "[r[\"id\"] for r in j[\"related\"]]")" &&
	sql "UPDATE patch SET related_id = NULL WHERE id IN (7, 8)"
'

test_expect_success 'pages of 250 events, series and covers: at most 12' '
	for path in events series covers; do
		n=$(sends_of "/api/$path/?per_page=250") &&
		echo "$path sends: $n" &&
		[ "$n" -le 12 ] || return 1
	done
'

# The web pages send what they will read together (db_query_prefetch):
# the project, then its states, tags, delegates and the user's settings,
# then the count with the page, then the page's checks, and the
# ROLLBACK.
test_expect_success 'the web patch list: 5 round trips, any page' '
	for q in "" "?page=2" "?state=*&order=name"; do
		n=$(sends_of "/project/test/list/$q") &&
		echo "sends: $n" &&
		[ "$n" -le 5 ] || return 1
	done
'

# The page sent ahead is not the one shown: the last is read afresh.
test_expect_success 'a page past the last costs one more, no more' '
	n=$(sends_of "/project/test/list/?page=99") &&
	echo "sends: $n" &&
	[ "$n" -le 6 ] &&
	grep "<tr><td>" body >rows.past &&
	curl -s "$base/project/test/list/?page=3" | grep "<tr><td>" >rows.last &&
	cmp rows.last rows.past &&
	[ "$(wc -l <rows.past)" -gt 10 ]
'

# The project, the patch by its msgid, then at once its states, series,
# the series' cover and patches, neighbours, checks and comments, and
# the ROLLBACK.
test_expect_success 'a patch page of a series: at most 4 round trips' '
	curl -s "$base/api/patches/7/" >patch.json &&
	path=$(python3 -c "import json, sys, urllib.parse
u = json.load(open(\"patch.json\"))[\"web_url\"]
print(urllib.parse.urlsplit(u).path)") &&
	n=$(sends_of "$path") &&
	echo "sends: $n" &&
	grep -q "series-next" body &&
	[ "$n" -le 4 ]
'

# Logged in, a maintainer's page also reads the session, who may edit
# the patch and the forms' choices: the session goes with the project
# (its linkname is in the path), the rest with the patch page's reads,
# so the page costs what it costs anonymous.
test_expect_success 'the same page for a maintainer: as many as anonymous' '
	add_user maint maint-pass &&
	darn project edit test --add-maintainer maint >/dev/null &&
	web m post "$base/user/login/" username=maint password=maint-pass \
		>/dev/null &&
	path=$(python3 -c "import json, urllib.parse
u = json.load(open(\"patch.json\"))[\"web_url\"]
print(urllib.parse.urlsplit(u).path)") &&
	anonymous=$(sends_of "$path") &&
	n=$(sends_of "$path" "sessionid=$(web m cookie sessionid)") &&
	echo "sends: $n, anonymous $anonymous" &&
	grep -q "Patch Properties" body &&
	[ "$n" -le "$anonymous" ]
'

test_expect_success 'the web patch list for a maintainer: 5 round trips' '
	n=$(sends_of /project/test/list/ "sessionid=$(web m cookie sessionid)") &&
	echo "sends: $n" &&
	grep -q "patch_id:" body &&
	[ "$n" -le 5 ]
'

test_done
