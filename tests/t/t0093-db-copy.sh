#!/bin/sh
# darn db copy (issue 9): a database made by parsearchive and by every
# kind of write (users, passwords, tokens, maintainers, states, delegates,
# relations, checks, comments, bundles, settings) is copied, and copied
# back; every REST answer and download of the copies is byte-identical to
# the original's, and new rows continue after the copied ids. A
# destination that is not empty, missing or busy, a missing source and
# bad usage are refused with their exit codes and nothing written.
. "$(dirname "$0")/lib.sh"

PUBLIC=http://darn.test
# The original is the run's backend; its copy and the copy of the copy
# are SQLite files on a SQLite run, and on a PostgreSQL run a SQLite file,
# PostgreSQL again and a SQLite file again: both directions of a site's
# move, each way round.
orig=$DARN_DATABASE
copy=$TMP/copy.db
back=$(db_location back)
db_fresh back

# serve DB: a server on DB (launch_server: usable inside a test).
serve() {
	DARN_DATABASE=$1
	launch_server --base-url $PUBLIC
	DARN_DATABASE=$orig
}

# snapshot DB OUT: every answer of a server on DB as maint, bob's
# bundles, and the users list with maint's password.
snapshot() {
	serve "$1" &&
	python3 "$TOP/tests/tools/rest-snapshot.py" "$base" $PUBLIC "$token" \
		>"$2" &&
	curl -s -H "Authorization: Token $bobtoken" "$base/api/bundles/" \
		>>"$2" &&
	curl -s -u maint:maint-pass "$base/api/users/" >>"$2"
	rc=$?
	stop_server
	return $rc
}

setup_project
darn project add --linkname other --name "Other project" \
	--listid other.darn.example --listemail list@other.darn.example >/dev/null
python3 "$TOP/tests/tools/make-thread-mbox.py" 20 9 >thread.mbox
darn parsearchive thread.mbox >/dev/null
{ printf "Other.\n\n"; diff_for o.c; } |
	mail "Ann <ann@example.com>" "[PATCH] other" "<o1@example.com>" \
		"List-Id: <other.darn.example>" | darn parsemail
setup_writers
darn project edit other --add-maintainer bob >/dev/null

test_expect_success 'writes of every kind through the REST API' '
	serve "$orig" &&
	maint=$(curl -s -H "Authorization: Token $token" "$base/api/users/" |
		python3 -c "import json,sys; print([u[\"id\"] for u in json.load(sys.stdin) if u[\"username\"]==\"maint\"][0])") &&
	expect_eq 200 "$(api PATCH /api/patches/1/ "$token" application/json \
		"{\"state\": \"under-review\", \"delegate\": $maint}")" &&
	expect_eq 200 "$(api PATCH /api/patches/2/ "$token" application/json \
		"{\"state\": \"accepted\", \"archived\": true, \"commit_ref\": \"abc123\"}")" &&
	expect_eq 200 "$(api PATCH /api/patches/3/ "$token" application/json \
		"{\"related\": [4, 5]}")" &&
	expect_eq 201 "$(api POST /api/patches/1/checks/ "$token" \
		application/json "{\"state\": \"fail\", \"context\": \"ci\"}")" &&
	expect_eq 201 "$(api POST /api/patches/3/checks/ "$token" \
		application/json "{\"state\": \"success\", \"context\": \"ci\",
		\"target_url\": \"https://ci.example.org/3\", \"description\": \"ok\"}")" &&
	expect_eq 200 "$(api PATCH /api/patches/1/comments/1/ "$token" \
		application/json "{\"addressed\": true}")" &&
	expect_eq 201 "$(api POST /api/bundles/ "$token" application/json \
		"{\"name\": \"pub\", \"public\": true, \"patches\": [3, 1, 2]}")" &&
	expect_eq 201 "$(api POST /api/bundles/ "$bobtoken" application/json \
		"{\"name\": \"mine\", \"public\": false, \"patches\": [5]}")" &&
	expect_eq 200 "$(api PATCH /api/users/$maint/ "$token" application/json \
		"{\"first_name\": \"Mai\", \"settings\": {\"items_per_page\": 50}}")" &&
	expect_eq 200 "$(api PATCH /api/projects/test/ "$token" application/json \
		"{\"web_url\": \"https://example.org/\"}")" &&
	stop_server
'

test_expect_success 'copy into an initialised database: counts agree, stderr quiet' '
	darn --database "$copy" init >/dev/null &&
	darn db copy "$orig" "$copy" >out 2>err &&
	grep -q "row counts agree" out &&
	test ! -s err
'

test_expect_success 'every REST answer of the copy is the original'"'"'s, byte for byte' '
	snapshot "$orig" original.snap &&
	snapshot "$copy" copy.snap &&
	test $(grep -c "^$PUBLIC/" original.snap) -gt 500 &&
	grep -q "\"username\":\"maint\"" original.snap &&
	grep -q "\"name\":\"mine\"" original.snap &&
	cmp original.snap copy.snap
'

test_expect_success 'and copied back: the same again' '
	darn --database "$back" init >/dev/null &&
	darn db copy "$copy" "$back" >/dev/null &&
	snapshot "$back" back.snap &&
	cmp original.snap back.snap
'

# On PostgreSQL the copy back is in PostgreSQL again: copied once more,
# to a new SQLite file, it makes the moves of a site both ways, SQLite
# (the copy) to PostgreSQL (back) to SQLite.
if [ "$BACKEND" = pg ]; then
	test_expect_success 'SQLite to PostgreSQL to SQLite: the same again' '
		darn --database again.db init >/dev/null &&
		darn db copy "$back" again.db >/dev/null &&
		snapshot again.db again.snap &&
		cmp original.snap again.snap
	'
fi

# Dates are blanked: the check and the events are dated when made.
test_expect_success 'new rows continue after the copied ids, as in the original' '
	for db in orig copy; do
		eval "location=\$$db"
		{ printf "New.\n\n"; diff_for new.c; } |
			mail "Ann <ann@example.com>" "[PATCH] new" "<new@example.com>" |
			darn --database "$location" parsemail || return 1
		serve "$location"
		expect_eq 201 "$(api POST /api/patches/1/checks/ "$token" \
			application/json "{\"state\": \"pending\"}")" || return 1
		for u in "/api/patches/?order=-id&per_page=1" /api/patches/1/checks/ \
			"/api/events/?per_page=5"; do
			curl -s "$base$u"
		done | sed "s/\"date\":\"[^\"]*\"/\"date\":\"(now)\"/g" >new-$db.out
		stop_server
	done &&
	grep -q "\"msgid\":\"<new@example.com>\"" new-copy.out &&
	cmp new-orig.out new-copy.out
'

test_expect_success 'a destination that is not empty: 73, nothing written' '
	expect_exit 73 darn db copy "$orig" "$back" 2>err &&
	grep -q "not empty (table .users. has rows)" err &&
	snapshot "$back" after.snap &&
	cmp original.snap after.snap
'

test_expect_success 'a missing source or destination: 66, no file made' '
	darn --database empty.db init >/dev/null &&
	expect_exit 66 darn db copy nosuch.db empty.db 2>err &&
	grep -q "source database .nosuch.db. does not exist" err &&
	test ! -e nosuch.db &&
	expect_exit 66 darn db copy "$orig" nosuch.db 2>err &&
	grep -q "darn --database DESTINATION init" err &&
	test ! -e nosuch.db
'

test_expect_success 'bad usage: 64' '
	expect_exit 64 darn db copy "$orig" 2>err &&
	expect_exit 64 darn db copy "$orig" empty.db extra 2>err &&
	expect_exit 64 darn db copy "$orig" "$orig" 2>err &&
	grep -q "same database" err &&
	expect_exit 64 darn db 2>err &&
	expect_exit 64 darn db move a b 2>err
'

test_expect_success 'a destination not initialised: 78' '
	: >blank.db &&
	expect_exit 78 darn db copy "$orig" blank.db 2>err &&
	grep -q "not initialised; run .darn init." err
'

test_expect_success 'a busy destination: 75, then the copy succeeds' '
	python3 -c "
import sqlite3, sys, time
c = sqlite3.connect(\"empty.db\", isolation_level=None)
c.execute(\"BEGIN IMMEDIATE\")
print(\"locked\", flush=True)
time.sleep(30)
" >lock.out &
	locker=$!
	for i in $(seq 100); do grep -q locked lock.out && break; sleep 0.1; done &&
	DARN_DATABASE_BUSY_TIMEOUT_MS=200 expect_exit 75 \
		darn db copy "$orig" empty.db 2>err
	rc=$?
	kill $locker; wait $locker 2>/dev/null
	test $rc -eq 0 && grep -q "locked" err &&
	darn db copy "$orig" empty.db >/dev/null
'

test_expect_success 'a progress bar on a terminal' '
	if ! command -v script >/dev/null 2>&1; then exit 0; fi
	darn --database tty.db init >/dev/null &&
	script -qec "\"$DARN\" db copy \"$orig\" tty.db" /dev/null >tty.out &&
	tr "\r" "\n" <tty.out | grep -q "^patch  *\[#*\] 100%  62/62$"
'

test_done
