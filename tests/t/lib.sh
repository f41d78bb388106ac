# Black-box test library, in the spirit of git's t/test-lib.sh: each
# t*.sh script sources this, runs the real darn binary ($DARN) against a
# real database in a private temporary directory, and prints TAP for prove.

set -u
: "${DARN:=$(cd "$(dirname "$0")/../.." && pwd)/darn}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$TOP/tests/data
TMP=$(mktemp -d "${TMPDIR:-/tmp}/darn-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
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

# start_server [PORT_BASE]: runs `darn serve` in the background on a port
# derived from the script's pid (from PORT_BASE, default 20000), waits
# until it answers, sets $base and $server_pid, and stops it on exit. Its
# log is serve.log.
start_server() {
	port=$(( ${1:-20000} + $$ % 20000 ))
	"$DARN" serve --listen 127.0.0.1:$port 2>serve.log &
	server_pid=$!
	trap 'kill $server_pid 2>/dev/null; rm -rf "$TMP"' EXIT
	for i in $(seq 50); do
		curl -s -o /dev/null "http://127.0.0.1:$port/api/" && break
		sleep 0.1
	done
	base=http://127.0.0.1:$port
}

# get CURL-ARGS...: a request; the response lands in ./headers and ./body.
get() {
	curl -s -D headers -o body "$@"
}
