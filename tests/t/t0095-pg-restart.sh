#!/bin/sh
# PostgreSQL only: the server stopped and restarted (pg_ctl restart -m
# fast, then -m immediate: a crash) while two darn serve processes on one
# database answer a load of reads and writes (tests/tools/pg-load.py:
# lists, details, events, mboxes, XML-RPC, PATCH of a state, POST of a
# check). Every answer is 200, 201 or 503 (no 500, no connection reset);
# a 503 says the database is unavailable and carries Retry-After; both
# processes live through it and serve reads and writes again within a
# few seconds, without being restarted. bench/pg-restart.sh does the
# same with wrk and real data.
if [ "${DARN_TEST_BACKEND:-sqlite}" != pg ]; then
	echo "1..0 # SKIP PostgreSQL only (DARN_TEST_BACKEND=pg, make blackbox-pg)"
	exit 0
fi
# This script stops and starts its server: a cluster of its own.
unset DARN_TEST_PG_URI
. "$(dirname "$0")/lib.sh"

cluster=$TOP/tests/tools/pg-cluster
setup_project
python3 "$TOP/tests/tools/make-thread-mbox.py" 10 3 >thread.mbox
darn parsearchive thread.mbox >/dev/null
setup_writers
patches=$(sql "SELECT id FROM patch ORDER BY id LIMIT 8" | paste -sd, -)

launch_server --threads 3
base1=$base pid1=$server_pid
launch_server --threads 3
base2=$base pid2=$server_pid
trap 'test_cleanup' EXIT
mboxes=$(curl -s "$base1/api/patches/" | python3 -c '
import json, sys, urllib.parse
print(",".join(urllib.parse.urlsplit(p["mbox"]).path for p in json.load(sys.stdin)[:8]))')

# all_served BASE: 12 requests of every kind, all answered 2xx.
all_served() {
	for path in /api/patches/ "/api/patches/${patches%%,*}/" /api/events/ \
		"${mboxes%%,*}"; do
		for i in 1 2; do
			code=$(curl -s -o /dev/null -w "%{http_code}" "$1$path")
			[ "$code" = 200 ] || return 1
		done
	done
	code=$(curl -s -o /dev/null -w "%{http_code}" -X PATCH \
		-H "Authorization: Token $token" -H "Content-Type: application/json" \
		--data-binary '{"state": "accepted"}' "$1/api/patches/${patches%%,*}/") &&
	[ "$code" = 200 ] &&
	code=$(curl -s -o /dev/null -w "%{http_code}" -X POST \
		-H "Authorization: Token $token" -H "Content-Type: application/json" \
		--data-binary '{"state": "success", "context": "t0095"}' \
		"$1/api/patches/${patches%%,*}/checks/") &&
	[ "$code" = 201 ]
}

# served_again: both servers serve everything within 15 s.
served_again() {
	i=0
	until all_served "$base1" && all_served "$base2"; do
		i=$((i + 1))
		[ $i -lt 30 ] || { echo "not served again after 15 s"; return 1; }
		sleep 0.5
	done
}

test_expect_success 'both servers serve reads and writes' '
	all_served "$base1" && all_served "$base2"
'

test_expect_success 'the server stopped: 503 that says why, with Retry-After' '
	"$cluster" pause "$pg_cluster" &&
	get "$base1/api/patches/" &&
	grep -q "^HTTP/1.1 503" headers &&
	grep -qi "^Retry-After: 1" headers &&
	grep -qi "^Content-Type: application/json" headers &&
	expect_eq "The database is unavailable (restarting, unreachable or busy); try again in a few seconds." \
		"$(json "j[\"detail\"]")" &&
	get "$base2${mboxes%%,*}" &&
	grep -q "^HTTP/1.1 503" headers &&
	grep -q "database is unavailable" body &&
	expect_eq 503 "$(api PATCH "/api/patches/${patches%%,*}/" "$token" \
		application/json "{\"state\": \"new\"}")" &&
	grep -q "database is unavailable" body
'
"$cluster" resume "$pg_cluster"

test_expect_success 'served again once it is back' '
	served_again
'

test_expect_success 'stopped, restarted fast and crashed under load: 200, 201, 503 only' '
	python3 "$TOP/tests/tools/pg-load.py" stop "$token" "$patches" \
		"$mboxes" "$base1" "$base2" >load &
	load_pid=$!
	sleep 2 &&
	"$cluster" pause "$pg_cluster" && sleep 2 &&
	"$cluster" resume "$pg_cluster" && sleep 2 &&
	"$cluster" restart "$pg_cluster" fast && sleep 2 &&
	"$cluster" restart "$pg_cluster" immediate && sleep 2
	rc=$?
	touch stop
	wait $load_pid
	cat load &&
	test $rc = 0 &&
	test -z "$(grep -v "^status 20[01] \|^status 503 " load)" &&
	grep -q "^status 200 " load &&
	grep -q "^status 201 " load &&
	grep -q "^status 503 " load
'

test_expect_success 'both processes alive, serving again, no server error logged' '
	kill -0 $pid1 && kill -0 $pid2 &&
	served_again &&
	! grep -q "\" 500 " serve.log
'

test_done
