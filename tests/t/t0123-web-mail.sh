#!/bin/sh
# Mail settings and extra addresses (issue 10, web-and-mbox.md §5.9):
# opting out and back in by a mailed confirmation; linking another
# address to an account by a mailed link, for the logged-in user.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/t/web-lib.sh"

setup_project
add_user alice alice-pass
start_web_server

test_expect_success 'the mail settings form' '
	test "$(web m get $base/mail/)" = 200 &&
	grep -q "<title>Mail settings - Patchwork</title>" body &&
	grep -q "value=\"Access mail settings\"" body
'

test_expect_success 'an address not opted out offers to opt out' '
	test "$(web m post $base/mail/ email=Jane@Example.com)" = 200 &&
	grep -q "jane@example.com may receive notifications" body &&
	grep -q "action=\"/mail/optout/\"" body
'

test_expect_success 'opt-out and opt-in take a POST; a GET goes back to /mail/' '
	test "$(web m get $base/mail/optout/)" = 302 &&
	test "$(header Location)" = /mail/ &&
	test "$(web m post $base/mail/optout/ email=jane@example.com --form-from $base/mail/ --no-csrf)" = 403 &&
	test "$(mails)" = 0
'

test_expect_success 'opting out is confirmed by the mailed link' '
	test "$(web m post $base/mail/optout/ email=jane@example.com --form-from $base/mail/)" = 200 &&
	grep -q "A confirmation email has been sent to jane@example.com" body &&
	grep -q "^Subject: Patchwork opt-out request$" "$TMP/mails/1" &&
	test "$(sql "SELECT count(*) FROM email_optout")" = 0 &&
	link=$(mail_link 1 /confirm/) &&
	test "$(web m post $base$link)" = 200 &&
	grep -q "jane@example.com has been added to patchwork" body &&
	test "$(sql "SELECT email FROM email_optout")" = jane@example.com
'

test_expect_success 'an opted-out address offers to opt in' '
	test "$(web m post $base/mail/ email=JANE@example.com)" = 200 &&
	grep -q "is currently opted out" body &&
	grep -q "action=\"/mail/optin/\"" body
'

test_expect_success 'opting in an address that is not opted out needs nothing' '
	test "$(web m post $base/mail/optin/ email=other@example.com --form-from $base/mail/)" = 200 &&
	grep -q "is not on the patchwork opt-out list" body &&
	test "$(mails)" = 1
'

test_expect_success 'opting in is confirmed by the mailed link' '
	test "$(web m post $base/mail/optin/ email=jane@example.com --form-from $base/mail/)" = 200 &&
	grep -q "^Subject: Patchwork opt-in request$" "$TMP/mails/2" &&
	link=$(mail_link 2 /confirm/) &&
	test "$(web m post $base$link)" = 200 &&
	test "$(sql "SELECT count(*) FROM email_optout")" = 0
'

test_expect_success 'linking an address needs a login' '
	test "$(web x get $base/user/link/)" = 302 &&
	test "$(header Location)" = "/user/login/?next=/user/link/"
'

test_expect_success 'linking an address mails a link to that address' '
	web a post $base/user/login/ username=alice password=alice-pass >/dev/null &&
	test "$(web a post $base/user/link/ email=alice@work.example)" = 200 &&
	grep -q "A confirmation email has been sent to alice@work.example" body &&
	grep -q "^To: alice@work.example$" "$TMP/mails/3" &&
	test "$(sql "SELECT count(*) FROM person WHERE email_key = '"'"'alice@work.example'"'"'")" = 0
'

test_expect_success 'the link asks for a login, then links the address' '
	link=$(mail_link 3 /confirm/) &&
	test "$(web x get $base$link)" = 302 &&
	test "$(header Location)" = "/user/login/?next=$link" &&
	test "$(web a post $base$link)" = 200 &&
	grep -q "successfully linked the email address alice@work.example" body &&
	test "$(sql "SELECT u.username FROM person p JOIN users u ON u.id = p.user_id WHERE p.email_key = '"'"'alice@work.example'"'"'")" = alice
'

test_done
