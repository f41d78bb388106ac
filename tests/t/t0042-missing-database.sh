#!/bin/sh
# Commands other than `darn init` never create a database: a typo in
# --database (or an unmounted volume) must not leave an empty file that
# later looks like a database. And each command's --help names it whole.
. "$(dirname "$0")/lib.sh"

mail "Dev <dev@example.org>" "[PATCH] x" "<x@example.org>" </dev/null >x.eml

test_expect_success 'parsemail: 75 (the MTA retries), no file' '
	expect_exit 75 darn --database nope.db parsemail x.eml 2>err &&
	grep "database .nope.db. does not exist" err &&
	test ! -e nope.db && test ! -e nope.db-wal
'

test_expect_success 'serve: 66, no file' '
	expect_exit 66 darn --database nope.db serve --listen 127.0.0.1:0 \
		2>err &&
	grep "does not exist (run .darn init.)" err &&
	test ! -e nope.db
'

test_expect_success 'project, user and parsearchive: 66, no file' '
	expect_exit 66 darn --database nope.db project list 2>err &&
	expect_exit 66 darn --database nope.db user list 2>err &&
	expect_exit 66 darn --database nope.db parsearchive x.eml 2>err &&
	test ! -e nope.db
'

test_expect_success 'init creates it' '
	darn --database nope.db init >/dev/null &&
	test -s nope.db
'

test_expect_success 'a subcommand'"'"'s --help names the whole command' '
	darn parsemail --help >out && grep "^  darn parsemail " out &&
	darn --database nope.db project edit --help >out &&
	grep "^  darn project edit " out &&
	darn --database nope.db user token --help >out &&
	grep "^  darn user token " out &&
	darn --database nope.db project --help >out &&
	grep "^usage: darn project add|list|show|edit|delegate" out
'

test_done
