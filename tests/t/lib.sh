# Black-box test library, in the spirit of git's t/test-lib.sh: each
# t*.sh script sources this, runs the real darn binary ($DARN) against a
# real database in a private temporary directory, and prints TAP for prove.

#
# The database backend comes from DARN_TEST_BACKEND: sqlite (default), a
# file in $TMP; or pg, a fresh PostgreSQL database per test script, made
# on the cluster whose URI DARN_TEST_PG_URI gives (`make blackbox-pg`
# starts one for the whole suite), else on a private cluster this script
# starts and stops (tests/tools/pg-cluster).

set -u
: "${DARN:=$(cd "$(dirname "$0")/../.." && pwd)/darn}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$TOP/tests/data
TMP=$(mktemp -d "${TMPDIR:-/tmp}/darn-test.XXXXXX")
BACKEND=${DARN_TEST_BACKEND:-sqlite}
pg_cluster=     # the private cluster's URI, when this script started one

# test_cleanup: what the EXIT trap undoes (start_server's trap too).
test_cleanup() {
	kill $(cat "$TMP/servers" 2>/dev/null) 2>/dev/null
	if [ "$BACKEND" = pg ] && [ -n "${pg_prefix:-}" ]; then
		# Every database this script made (in subshells too).
		for name in $("$PSQL" -X -A -t "$DARN_TEST_PG_URI" -c "SELECT
			datname FROM pg_database WHERE datname LIKE
			'${pg_prefix}\_%'" 2>/dev/null); do
			pg_admin "DROP DATABASE IF EXISTS $name WITH (FORCE)"
		done
	fi
	[ -n "$pg_cluster" ] && "$TOP/tests/tools/pg-cluster" stop "$pg_cluster"
	rm -rf "$TMP"
}
trap test_cleanup EXIT
cd "$TMP" || exit 1

case $BACKEND in
sqlite) ;;
pg)
	if [ -z "${DARN_TEST_PG_URI:-}" ]; then
		pg_cluster=$("$TOP/tests/tools/pg-cluster" start) || {
			echo "1..0 # SKIP cannot start a PostgreSQL cluster"
			exit 0
		}
		DARN_TEST_PG_URI=$pg_cluster
	fi
	PSQL=psql
	command -v psql >/dev/null ||
		PSQL=$("$TOP/tests/tools/pg-cluster" available)/psql
	# Database names unique across the scripts sharing a cluster.
	pg_prefix=darn_t$$_$(basename "$0" .sh | tr -c 'a-z0-9\n' _ | cut -c1-20)
	;;
*)
	echo "Bail out! DARN_TEST_BACKEND must be sqlite or pg, not '$BACKEND'"
	exit 1
	;;
esac

# pg_admin 'SQL': a statement on the cluster's maintenance database.
pg_admin() {
	PGOPTIONS="-c client_min_messages=warning" \
		"$PSQL" -X -q -v ON_ERROR_STOP=1 "$DARN_TEST_PG_URI" -c "$1" >/dev/null
}

# db_location NAME: where database NAME of this test lives (a SQLite
# file, or a PostgreSQL URI on the test cluster).
db_location() {
	case $BACKEND in
	sqlite) echo "$TMP/$1.db" ;;
	pg) printf '%s\n' "$DARN_TEST_PG_URI" |
		sed "s,/postgres?,/${pg_prefix}_$1?," ;;
	esac
}

# db_fresh NAME: database NAME, empty (not initialised).
db_fresh() {
	[ -n "$1" ] || return 1
	case $BACKEND in
	sqlite) rm -f "$TMP/$1.db" "$TMP/$1.db-wal" "$TMP/$1.db-shm" ;;
	pg)
		pg_admin "DROP DATABASE IF EXISTS ${pg_prefix}_$1 WITH (FORCE)" &&
		pg_admin "CREATE DATABASE ${pg_prefix}_$1"
		;;
	esac
}

# db_rename FROM TO: keeps database FROM under the name TO.
db_rename() {
	case $BACKEND in
	sqlite) mv "$TMP/$1.db" "$TMP/$2.db" ;;
	pg)
		pg_admin "DROP DATABASE IF EXISTS ${pg_prefix}_$2 WITH (FORCE)" &&
		pg_admin "ALTER DATABASE ${pg_prefix}_$1 RENAME TO ${pg_prefix}_$2"
		;;
	esac
}

# skip_unless_sqlite WHY: ends a test script that only makes sense on a
# SQLite file (say why).
skip_unless_sqlite() {
	if [ "$BACKEND" != sqlite ]; then
		echo "1..0 # SKIP on $BACKEND: $1"
		exit 0
	fi
}

DARN_DATABASE=$(db_location darn)
export DARN_DATABASE
db_fresh darn || { echo "Bail out! cannot create the test database"; exit 1; }

test_count=0
test_failed=0

# backend_independent: the script tests the HTTP layer (parsing, limits,
# slow clients, headers, the access log), which no database changes; on
# PostgreSQL it is skipped, as the SQLite run covers it (make check's
# time goes to the tests that do depend on the backend).
backend_independent() {
	if [ "$BACKEND" != sqlite ]; then
		echo "1..0 # SKIP the HTTP layer, not the database: see the sqlite run"
		exit 0
	fi
}

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

# sql 'SELECT ...': one statement against the test database, in the SQL
# both backends read (single-quoted strings); rows one a line, columns
# separated by |, NULL as nothing.
sql() {
	case $BACKEND in
	sqlite) sqlite3 -batch -noheader "$DARN_DATABASE" "$1" ;;
	pg) "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 "$DARN_DATABASE" -c "$1" ;;
	esac
}

# integrity_ok: the database's own consistency check passes (SQLite's
# integrity_check; PostgreSQL checks its pages as it reads them).
integrity_ok() {
	case $BACKEND in
	sqlite) expect_eq ok "$(sql "PRAGMA integrity_check")" ;;
	pg) sql "SELECT COUNT(*) FROM patch" >/dev/null ;;
	esac
}

# sql_chr N: an SQL expression for the character with code N.
sql_chr() {
	case $BACKEND in
	sqlite) echo "char($1)" ;;
	pg) echo "chr($1)" ;;
	esac
}

# sql_zeroblob N: an SQL expression for N zero bytes.
sql_zeroblob() {
	case $BACKEND in
	sqlite) echo "zeroblob($1)" ;;
	pg) echo "decode(repeat('00', $1), 'hex')" ;;
	esac
}

# hold_write_lock SECONDS: in the background, takes the database's write
# lock as a darn writer would and holds it that long; sets $lock_pid.
# Returns once the lock is held.
hold_write_lock() {
	rm -f "$TMP/lock.held"
	case $BACKEND in
	sqlite)
		( echo "BEGIN IMMEDIATE;"; echo ".shell touch $TMP/lock.held"
		  sleep "$1"; echo "COMMIT;" ) | sqlite3 "$DARN_DATABASE" & ;;
	pg)
		# 1684107886: the advisory lock of src/store/pg.c
		( echo "BEGIN; SELECT pg_advisory_xact_lock(1684107886);"
		  echo "\\! touch $TMP/lock.held"
		  sleep "$1"; echo "COMMIT;" ) |
			"$PSQL" -X -q "$DARN_DATABASE" >/dev/null & ;;
	esac
	lock_pid=$!
	i=0
	while [ ! -e "$TMP/lock.held" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
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
	case $BACKEND in
	sqlite) rm -f "$DARN_DATABASE" "$DARN_DATABASE-wal" "$DARN_DATABASE-shm" ;;
	pg) db_fresh "$(printf '%s\n' "$DARN_DATABASE" |
		sed -n "s,.*/${pg_prefix}_\([^?]*\)?.*,\1,p")" ;;
	esac &&
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

# django_hash PASSWORD SALT ITERATIONS: Django's pbkdf2_sha256 hash.
django_hash() {
	python3 -c '
import base64, hashlib, sys
pw, salt, n = sys.argv[1].encode(), sys.argv[2], int(sys.argv[3])
dk = hashlib.pbkdf2_hmac("sha256", pw, salt.encode(), n)
print("pbkdf2_sha256$%d$%s$%s" % (n, salt, base64.b64encode(dk).decode()))
' "$@"
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

# write_series DIR N FROM TITLE: a cover letter "[PATCH 00/N] TITLE" in
# DIR/00 and N patches answering it in DIR/01..., from FROM, message ids
# <DIR-00@ex.com>, <DIR-01@ex.com>...
write_series() {
	mkdir "$1" &&
	echo "This series does $4." |
	mail "$3" "[PATCH 00/$2] $4" "<$1-00@ex.com>" >"$1/00" &&
	for i in $(seq 1 "$2"); do
		n=$(printf %02d "$i")
		diff_for "src/$1/f$i.c" | mail "$3" "[PATCH $n/$2] thing $i" \
			"<$1-$n@ex.com>" "In-Reply-To: <$1-00@ex.com>
References: <$1-00@ex.com>" >"$1/$n" || return 1
	done
}

# launch_server [ARGS...]: runs `darn serve` on a free port in the
# background with the test database; sets $base and $server_pid. Usable
# inside a test (a subshell): the pid goes to $TMP/servers, whose servers
# the exit trap stops.
launch_server() {
	# a port free now (two servers of one script must not meet)
	port=$(python3 -c 'import socket; s = socket.socket();
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null) ||
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
	trap 'kill $server_pid 2>/dev/null; test_cleanup' EXIT
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
