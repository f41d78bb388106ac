# Black-box test library, in the spirit of git's t/test-lib.sh: each
# t*.sh script sources this, runs the real darn binary ($DARN) against a
# real database in a private temporary directory, and prints TAP for prove.

set -u
: "${DARN:=$(cd "$(dirname "$0")/../.." && pwd)/darn}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$TOP/tests/data
TMP=$(mktemp -d "${TMPDIR:-/tmp}/darn-test.XXXXXX")
trap 'kill $(cat "$TMP/servers" 2>/dev/null) 2>/dev/null; rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
export DARN_DATABASE=$TMP/darn.db

test_count=0
test_failed=0

# test_expect_success DESCRIPTION 'SHELL COMMANDS'
test_expect_success() {
	test_count=$((test_count + 1))
	if (eval "$2") >"$TMP/out.$test_count" 2>&1; then
		echo "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		sed 's/^/# /' "$TMP/out.$test_count"
	fi
}

test_done() {
	echo "1..$test_count"
	[ "$test_failed" -eq 0 ]
}

# darn with the test database.
darn() {
	"$DARN" "$@"
}

# sql 'SELECT ...': one query against the test database.
sql() {
	sqlite3 -batch -noheader "$DARN_DATABASE" "$1"
}

# expect_eq EXPECTED ACTUAL [WHAT]
expect_eq() {
	if [ "$1" != "$2" ]; then
		echo "expected ${3:-value}: '$1'"
		echo "got: '$2'"
		return 1
	fi
}

# expect_exit CODE COMMAND...: runs COMMAND, checks its exit status.
expect_exit() {
	want=$1
	shift
	"$@"
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "expected exit $want, got $got from: $*"
		return 1
	fi
}

# A database with the standard test project (listid test.darn.example).
setup_project() {
	rm -f "$DARN_DATABASE" "$DARN_DATABASE-wal" "$DARN_DATABASE-shm"
	darn init >/dev/null &&
	darn project add --linkname test --name "Test project" \
		--listid test.darn.example --listemail list@test.darn.example \
		>/dev/null
}

# setup_writers: users maint (maintainer of test, password maint-pass)
# and bob (bob-pass), their API tokens in $token and $bobtoken.
setup_writers() {
	echo "maint-pass" | darn user add maint --email maint@example.com \
		--password-stdin >/dev/null
	echo "bob-pass" | darn user add bob --email bob@example.com \
		--password-stdin >/dev/null
	darn project edit test --add-maintainer maint >/dev/null
	token=$(darn user token maint | tail -1)
	bobtoken=$(darn user token bob | tail -1)
}

# api METHOD PATH TOKEN [CONTENT-TYPE BODY]: a request to the server
# with an optional API token; prints the status, the body is in ./body.
api() {
	curl -s -o body -w '%{http_code}' -X "$1" \
		${3:+-H "Authorization: Token $3"} \
		${4:+-H "Content-Type: $4"} --data-binary "${5:-}" "$base$2"
}

# mail FROM SUBJECT MSGID [EXTRA-HEADER-LINES] < body: writes a mail.
mail() {
	printf 'From: %s\nTo: list@test.darn.example\nSubject: %s\n' "$1" "$2"
	printf 'Date: Mon, 02 Mar 2026 10:00:00 +0000\nMessage-Id: %s\n' "$3"
	printf 'List-Id: Test <test.darn.example>\n'
	[ -n "${4:-}" ] && printf '%s\n' "$4"
	printf '\n'
	cat
}

# A small valid diff touching FILE.
diff_for() {
	printf -- '---\n %s | 1 +\n\ndiff --git a/%s b/%s\n' "$1" "$1" "$1"
	printf 'index 1111111..2222222 100644\n--- a/%s\n+++ b/%s\n' "$1" "$1"
	printf '@@ -1 +1,2 @@\n line\n+%s\n' "${2:-added}"
}

# launch_server [ARGS...]: runs `darn serve` on a free port in the
# background with the test database; sets $base and $server_pid. Usable
# inside a test (a subshell): the pid goes to $TMP/servers, whose servers
# the exit trap stops.
launch_server() {
	port=$(( 20000 + ($$ + ${RANDOM:-0}) % 20000 ))
	for try in 1 2 3 4 5; do
		"$DARN" serve --listen 127.0.0.1:$port "$@" 2>>serve.log &
		server_pid=$!
		echo $server_pid >>"$TMP/servers"
		for i in $(seq 50); do
			curl -s -o /dev/null "http://127.0.0.1:$port/api/" &&
				break
			kill -0 $server_pid 2>/dev/null || break
			sleep 0.1
		done
		kill -0 $server_pid 2>/dev/null && break
		port=$((port + 1))
	done
	base=http://127.0.0.1:$port
}

# start_server [ARGS...]: launch_server at the top level of a test script,
# and stop the server when the script exits.
start_server() {
	launch_server "$@"
	trap 'kill $server_pid 2>/dev/null; rm -rf "$TMP"' EXIT
}

# get [CURL-ARGS...] URL: the response's head in ./headers, body in ./body.
get() {
	curl -s -D headers -o body "$@"
}

# json 'PYTHON-EXPR': evaluates the expression with `j` bound to the
# parsed ./body and prints the result (str() of it: True, None...; JSON
# for lists and objects).
json() {
	python3 -c '
import json, sys
j = json.load(open("body"))
r = eval(sys.argv[1])
print(json.dumps(r) if isinstance(r, (list, dict)) else r)
' "$1"
}

# stop_server: SIGTERM, then the server's exit status.
stop_server() {
	kill -TERM $server_pid
	wait $server_pid
}
