#!/bin/sh
# darn project edit --add-maintainer/--remove-maintainer and the
# maintainers: line of darn project show (issue 8: the accounts of the
# write scenario are set up with exactly these commands).
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a project and three users' '
	darn init >/dev/null &&
	darn project add --linkname foo --name Foo --listid foo.example.com \
		--listemail foo@example.com >/dev/null &&
	darn user add maint --email maint@example.com >/dev/null &&
	darn user add maint2 --email maint2@example.com >/dev/null &&
	darn user add carol --email carol@example.com >/dev/null
'

test_expect_success 'a new project has no maintainers' '
	darn project show foo >show &&
	grep -qx "maintainers:" show
'

test_expect_success 'add-maintainer repeats, in one transaction' '
	darn project edit foo --add-maintainer maint \
		--add-maintainer carol >out &&
	grep -qx "maintainers: maint, carol" out &&
	darn project show foo >show &&
	grep -qx "maintainers: maint, carol" show &&
	grep -qx "patches: 0" show
'

test_expect_success 'adding a maintainer twice is harmless' '
	darn project edit foo --add-maintainer maint >/dev/null &&
	darn project show foo >show &&
	grep -qx "maintainers: maint, carol" show
'

test_expect_success 'remove-maintainer, and removing a non-maintainer' '
	darn project edit foo --remove-maintainer carol \
		--remove-maintainer maint2 >/dev/null &&
	darn project show foo >show &&
	grep -qx "maintainers: maint" show
'

test_expect_success 'an unknown user fails and changes nothing' '
	expect_exit 65 darn project edit foo --add-maintainer maint2 \
		--add-maintainer nobody --web-url https://x.example/ 2>err &&
	grep -q "no user .nobody." err &&
	darn project show foo >show &&
	grep -qx "maintainers: maint" show &&
	grep -qx "web_url: " show
'

test_expect_success 'add and remove together' '
	darn project edit foo --add-maintainer maint2 \
		--remove-maintainer maint >/dev/null &&
	darn project show foo >show &&
	grep -qx "maintainers: maint2" show
'

test_done
