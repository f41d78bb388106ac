#!/bin/sh
# PostgreSQL only, with PgBouncer installed: darn through the pooler in
# session mode, as docs/postgresql.md configures it for the mail hosts
# (tests/tools/pg-bouncer; a parsemail then costs no new server backend).
# Server connections are reused by later clients, so what one darn
# prepared must not be there for the next (server_reset_query = DISCARD
# ALL): consecutive parsearchive runs, which prepare their statements,
# work on reused connections; 16 parallel parsemail through a pool of 2
# still give complete series.
if [ "${DARN_TEST_BACKEND:-sqlite}" != pg ]; then
	echo "1..0 # SKIP PostgreSQL only (DARN_TEST_BACKEND=pg, make blackbox-pg)"
	exit 0
fi
if ! command -v pgbouncer >/dev/null 2>&1; then
	echo "1..0 # SKIP pgbouncer is not installed (Debian: pgbouncer)"
	exit 0
fi
. "$(dirname "$0")/lib.sh"

setup_project
direct=$DARN_DATABASE
dbname=$(printf '%s\n' "$direct" | sed 's,.*/\([^?]*\)?.*,\1,')
# a pool of 2 server connections: reused by every client after the first
bouncer=$("$TOP/tests/tools/pg-bouncer" start "$DARN_TEST_PG_URI" 2) || {
	echo "1..0 # SKIP pgbouncer does not start"
	exit 0
}
stop_bouncer() {
	"$TOP/tests/tools/pg-bouncer" stop "$bouncer"
	test_cleanup
}
trap stop_bouncer EXIT
DARN_DATABASE="postgresql://darn@/$dbname?host=$bouncer&port=6432"
export DARN_DATABASE

mkdir mails
for i in 1 2 3 4; do
	diff_for "src/f$i.c" | mail "Ann <ann@example.com>" \
		"[PATCH] change $i" "<p$i@example.com>" >mails/p$i
	echo "Looks good." | mail "Bob <bob@example.com>" "Re: [PATCH] change $i" \
		"<r$i@example.com>" "In-Reply-To: <p$i@example.com>" >mails/r$i
done

test_expect_success 'parsemail through pgbouncer stores, on a reused server connection' '
	pid1=$(sql "SELECT pg_backend_pid()") &&
	darn parsemail mails/p1 &&
	darn parsemail mails/r1 &&
	pid2=$(sql "SELECT pg_backend_pid()") &&
	expect_eq "$pid1" "$pid2" "server backend" &&
	expect_eq 2 "$(DARN_DATABASE=$direct sql "SELECT (SELECT COUNT(*) FROM patch) +
		(SELECT COUNT(*) FROM patch_comment)")"
'

test_expect_success 'consecutive parsearchive runs prepare their statements again' '
	for m in p2 r2 p3 r3 p4 r4; do
		echo "From mboxrd@z Thu Jan  1 00:00:00 1970" && cat mails/$m && echo
	done >all.mbox &&
	darn parsearchive all.mbox >out1 &&
	grep -q "Total: 6 new entries" out1 &&
	darn parsearchive all.mbox >out2 &&
	grep -q "Total: 0 new entries" out2 &&
	expect_eq 8 "$(DARN_DATABASE=$direct sql "SELECT (SELECT COUNT(*) FROM patch) +
		(SELECT COUNT(*) FROM patch_comment)")"
'

test_expect_success 'two series, 16 parsemail at a time through a pool of 2: both complete' '
	write_series one 20 "Bea <bea@example.com>" "twenty things" &&
	write_series two 12 "Cy <cy@example.com>" "twelve things" &&
	{ ls one | sed "s,^,one/,"; ls two | sed "s,^,two/,"; } | shuf >order &&
	xargs -P 16 -I{} sh -c "\"$DARN\" parsemail {} || echo fail {} >>failures" <order &&
	test ! -e failures &&
	DARN_DATABASE=$direct sql "SELECT s.name, s.total, COUNT(DISTINCT p.number),
		COUNT(p.id) FROM series s JOIN patch p ON p.series_id = s.id
		WHERE s.name LIKE '\''t%things'\'' GROUP BY s.id, s.name, s.total
		ORDER BY s.name" >series &&
	printf "twelve things|12|12|12\ntwenty things|20|20|20\n" >expected &&
	diff -u expected series
'

test_done
