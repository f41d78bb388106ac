#!/bin/sh
# Round trips to PostgreSQL per request (issue 9, item 5): a page of 250
# patches takes a bounded number of them, not one or more per row, and a
# patch's detail view one (its BEGIN goes with its statement; the
# ROLLBACK after it is sent without waiting). Counted as darn sees them:
# strace attached to `darn serve` counts the sends on its connection to
# the server (a Unix socket in the test cluster); each round trip is one
# send followed by waiting for the answer. PostgreSQL only; skipped
# without strace or where tracing is not allowed.
. "$(dirname "$0")/lib.sh"

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

# sends_of PATH: the sends to PostgreSQL while darn serves one GET of
# PATH (its status must be 200), after a first GET of it that prepared
# its statements.
sends_of() {
	curl -s -o /dev/null "$base$1" &&
	before=$(grep -c 'UNIX' trace) &&
	code=$(curl -s -o body -w '%{http_code}' "$base$1") &&
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

test_expect_success 'a patch: one round trip and the ROLLBACK' '
	n=$(sends_of "/api/patches/7/") &&
	echo "sends: $n" &&
	expect_eq 7 "$(json "j[\"id\"]")" &&
	[ "$n" -le 2 ]
'

test_expect_success 'a cover letter: one round trip and the ROLLBACK' '
	n=$(sends_of "/api/covers/1/") &&
	echo "sends: $n" &&
	[ "$n" -le 2 ]
'

test_expect_success 'pages of 250 events, series and covers: at most 12' '
	for path in events series covers; do
		n=$(sends_of "/api/$path/?per_page=250") &&
		echo "$path sends: $n" &&
		[ "$n" -le 12 ] || return 1
	done
'

test_done
