#!/bin/sh
# darn serve bounds the whole request target (path and query), not only
# the path: a target longer than 8 KiB answers 414 and one with 256
# parameters or more answers 400, at once and with a body. Before, a
# 30 KB query closed the connection without an answer, a 60 KB one gave
# 500, and 5,000 parameters waited 30 s.
. "$(dirname "$0")/lib.sh"
backend_independent

setup_project
start_server
port=${base##*:}

# answer TARGET: "STATUS closed|open SECONDS BODY-BYTES" for GET TARGET.
answer() {
	python3 "$TOP/tests/tools/http-probe.py" raw "$port" \
		"GET $1 HTTP/1.1\r\nHost: localhost\r\n\r\n" --max 10
}
# expect_quick STATUS ANSWER: that status, at once (< 1 s), with a body.
expect_quick() {
	echo "$2" &&
	set -- "$1" $2 &&
	expect_eq "$1" "$2" status &&
	awk -v t="$4" "BEGIN { exit !(t < 1) }" &&
	test "$5" -gt 0
}
# q N: a q parameter of N letters
q() {
	printf "q=%0${1}d" 0 | tr 0 a
}
# params N: N parameters
params() {
	seq -f "a%g=1" "$1" | paste -sd "&" -
}

test_expect_success 'a query of 30 KB: 414 with a body' '
	expect_quick 414 "$(answer "/api/patches/?$(q 30000)")"
'

test_expect_success 'a query of 60 KB: 414' '
	expect_quick 414 "$(answer "/api/patches/?$(q 60000)")"
'

test_expect_success 'a target of 100 KB (more than a connection may hold): 414' '
	expect_quick 414 "$(answer "/api/patches/?$(q 100000)")"
'

test_expect_success 'a target just over 8 KiB: 414; just under: answered' '
	expect_quick 414 "$(answer "/api/patches/?$(q 8180)")" &&
	expect_quick 200 "$(answer "/api/patches/?$(q 8100)")"
'

test_expect_success '5,000 parameters: refused at once (414: over 8 KiB)' '
	expect_quick 414 "$(answer "/api/patches/?$(params 5000)")"
'

test_expect_success '3,000 short parameters (6 KB): 400 at once' '
	expect_quick 400 "$(answer "/api/patches/?$(seq 3000 | sed s/.*/a/ | paste -sd "&" -)")"
'

test_expect_success '256 parameters: 400; 255: answered' '
	expect_quick 400 "$(answer "/api/patches/?$(params 256)")" &&
	expect_quick 200 "$(answer "/api/patches/?$(params 255)")"
'

test_expect_success 'the server is still there' '
	get "$base/api/" && grep -q "^HTTP/1.1 200" headers
'

stop_server
test_done
