#!/bin/sh
# PostgreSQL only: what a server that refuses writes, goes away or
# restarts does to darn. parsemail exits 75 (the MTA delivers again
# later) and the redelivery stores each mail once; darn serve answers 503
# during an outage and, once the server is back, serves reads and writes
# again without being restarted. And 16 concurrent deliveries of one
# series give one complete series, as on SQLite (t0004).
if [ "${DARN_TEST_BACKEND:-sqlite}" != pg ]; then
	echo "1..0 # SKIP PostgreSQL only (DARN_TEST_BACKEND=pg, make blackbox-pg)"
	exit 0
fi
# This script stops and starts its server: a cluster of its own.
unset DARN_TEST_PG_URI
. "$(dirname "$0")/lib.sh"

setup_project
mkdir mails
for i in 1 2 3 4; do
	diff_for "src/f$i.c" | mail "Ann <ann@example.com>" \
		"[PATCH] change $i" "<p$i@example.com>" >mails/p$i
done
dbname=$(printf '%s\n' "$DARN_DATABASE" | sed 's,.*/\([^?]*\)?.*,\1,')

test_expect_success 'parsemail stores into PostgreSQL' '
	darn parsemail mails/p1 &&
	expect_eq 1 "$(sql "SELECT COUNT(*) FROM patch")"
'

test_expect_success 'a role with the grants of docs/postgresql.md delivers and reads' '
	sql "CREATE ROLE darn_app LOGIN;
		GRANT CONNECT ON DATABASE $dbname TO darn_app;
		GRANT USAGE ON SCHEMA public TO darn_app;
		GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO darn_app;
		GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO darn_app" &&
	app=$(printf "%s\n" "$DARN_DATABASE" | sed "s,//darn@,//darn_app@,") &&
	DARN_DATABASE=$app darn parsemail mails/p4 &&
	DARN_DATABASE=$app darn project list >list &&
	grep -q "^1	test	" list &&
	expect_eq 1 "$(sql "SELECT COUNT(*) FROM patch WHERE msgid = '\''<p4@example.com>'\''")"
'

test_expect_success 'a read-only database: exit 75, nothing stored, then stored once' '
	pg_admin "ALTER DATABASE $dbname SET default_transaction_read_only = on" &&
	expect_exit 75 darn parsemail mails/p2 2>err &&
	grep -q "retry later" err &&
	pg_admin "ALTER DATABASE $dbname RESET default_transaction_read_only" &&
	darn parsemail mails/p2 &&
	darn parsemail mails/p2 &&
	expect_eq 1 "$(sql "SELECT COUNT(*) FROM patch WHERE msgid = '\''<p2@example.com>'\''")"
'

test_expect_success 'the server stopped: exit 75 for each mail, then stored once' '
	"$TOP/tests/tools/pg-cluster" pause "$pg_cluster" &&
	failed= &&
	for m in p1 p2 p3; do
		expect_exit 75 darn parsemail mails/$m 2>err &&
		grep -q "cannot connect to database" err &&
		grep -q "retry later" err || { failed=$m; break; }
	done
	"$TOP/tests/tools/pg-cluster" resume "$pg_cluster" &&
	test -z "$failed" &&
	for m in p1 p2 p3; do darn parsemail mails/$m 2>/dev/null || return 1; done &&
	expect_eq 4 "$(sql "SELECT COUNT(*) FROM patch")"
'

setup_writers
start_server --threads 4

# requests N PATH: N GETs, their statuses one a line.
requests() {
	for i in $(seq "$1"); do
		curl -s -o /dev/null -w "%{http_code}\n" "$base$2"
	done
}

test_expect_success 'darn serve: 503 while the server is down' '
	expect_eq 200 "$(curl -s -o /dev/null -w "%{http_code}" "$base/api/patches/")" &&
	"$TOP/tests/tools/pg-cluster" pause "$pg_cluster" &&
	requests 12 /api/patches/ | sort -u >codes &&
	expect_eq 503 "$(cat codes)" &&
	expect_eq 503 "$(api PATCH /api/patches/1/ "$token" application/json \
		"{\"state\": \"accepted\"}")"
'
"$TOP/tests/tools/pg-cluster" resume "$pg_cluster"

test_expect_success 'then every worker serves reads and writes again, same process' '
	kill -0 $server_pid &&
	requests 16 /api/patches/ | sort -u >codes &&
	expect_eq 200 "$(cat codes)" &&
	expect_eq 200 "$(api PATCH /api/patches/1/ "$token" application/json \
		"{\"state\": \"accepted\"}")" &&
	get "$base/api/patches/1/" &&
	expect_eq accepted "$(json "j[\"state\"]")" &&
	grep -q "database" serve.log
'

test_expect_success '16 parallel parsemail processes make exactly one series' '
	write_series series 30 "Bea <bea@example.com>" "thirty things" &&
	ls series | shuf >order &&
	xargs -P 16 -I{} sh -c "\"$DARN\" parsemail series/{} || echo fail {} >>failures" <order &&
	test ! -e failures &&
	expect_eq "1|thirty things|30|30" "$(sql "SELECT COUNT(*) || '\''|'\'' ||
		MIN(s.name) || '\''|'\'' || MIN(s.total) || '\''|'\'' ||
		(SELECT COUNT(DISTINCT number) FROM patch p JOIN person r
			ON r.id = p.submitter_id WHERE r.email = '\''bea@example.com'\'')
		FROM series s JOIN person r ON r.id = s.submitter_id
		WHERE r.email = '\''bea@example.com'\''")"
'

test_done
