#!/bin/sh
# darn init/migrate and project administration.
. "$(dirname "$0")/lib.sh"

test_expect_success 'darn --help lists the commands' '
	darn --help >help &&
	grep -q "parsemail" help && grep -q "parsearchive" help &&
	grep -q "project" help
'

if [ "$BACKEND" = sqlite ]; then
test_expect_success 'a command on a missing database fails clearly' '
	rm -f darn.db &&
	expect_exit 66 darn project list 2>err &&
	grep -q "does not exist (run .darn init.)" err &&
	test ! -e darn.db
'

test_expect_success 'a command on an uninitialised database fails clearly' '
	: >darn.db &&
	expect_exit 78 darn project list 2>err &&
	grep -q "not initialised" err
'
else
# PostgreSQL: darn never creates the database itself (docs/postgresql.md).
test_expect_success 'a command on a missing database fails clearly' '
	expect_exit 75 darn --database "$(db_location nope)" project list 2>err &&
	grep -q "cannot connect to database .*does not exist" err
'

test_expect_success 'a command on an uninitialised database fails clearly' '
	expect_exit 78 darn project list 2>err &&
	grep -q "not initialised" err
'
fi

test_expect_success 'init creates the schema with default states and tags' '
	darn init &&
	expect_eq 10 "$(sql "SELECT COUNT(*) FROM state")" states &&
	expect_eq new "$(sql "SELECT slug FROM state WHERE ordering = 0")" &&
	expect_eq "A R T" "$(echo $(sql "SELECT abbrev FROM tag ORDER BY abbrev"))"
'

test_expect_success 'init and migrate are idempotent' '
	darn init >out && grep -q "already initialised" out &&
	darn migrate >out && grep -q "up to date" out
'

test_expect_success 'project add, list and show' '
	darn project add --linkname foo --name "Foo" --listid foo.example.com \
		--listemail foo@example.com --web-url https://foo.example.com &&
	darn project list >list && grep -q "foo.example.com" list &&
	darn project show foo >show &&
	grep -q "^web_url: https://foo.example.com$" show &&
	grep -q "^patches: 0$" show
'

test_expect_success 'project add refuses duplicates and bad input' '
	expect_exit 65 darn project add --linkname foo --name "Foo2" \
		--listid bar.example.com --listemail bar@example.com &&
	expect_exit 64 darn project add --linkname bar --name "Bar" &&
	expect_exit 64 darn project add --linkname "b ar" --name "Bar" \
		--listid bar.example.com --listemail bar@example.com &&
	expect_exit 64 darn project add --linkname bar --name "Bar" \
		--listid bar.example.com --listemail bar@example.com \
		--subject-match "[unclosed"
'

test_expect_success 'project edit changes given fields only' '
	darn project edit foo --scm-url git://foo.example.com/foo.git \
		--show-dependencies yes >/dev/null &&
	darn project show foo >show &&
	grep -q "^scm_url: git://foo.example.com/foo.git$" show &&
	grep -q "^web_url: https://foo.example.com$" show &&
	grep -q "^show_dependencies: yes$" show
'

test_expect_success 'the database can come from --database and DARN_DATABASE' '
	db_fresh other && other=$(db_location other) &&
	"$DARN" --database "$other" init >/dev/null &&
	DARN_DATABASE=$other darn project list >list &&
	test ! -s list
'

test_expect_success 'config --defaults prints every key' '
	darn config --defaults >conf &&
	grep -q "^#busy_timeout_ms = 10000$" conf &&
	grep -q "^\[server\]$" conf
'

test_done
