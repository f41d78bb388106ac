#!/bin/sh
# Registration with e-mail confirmation (issue 10, web-and-mbox.md
# §5.9): the mailed link activates the account and logs it in, once;
# usernames are checked; an address that has an account is never
# revealed; registration can be turned off; values show as text.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/t/web-lib.sh"

setup_project
add_user alice alice-pass
start_web_server

test_expect_success 'the registration form' '
	test "$(web r get $base/register/)" = 200 &&
	grep -q "<title>Registration - Patchwork</title>" body &&
	for f in first_name last_name email username password; do
		grep -q "name=\"$f\"" body || return 1
	done
'

test_expect_success 'registering without the CSRF token creates nothing' '
	test "$(web r post $base/register/ username=carol email=carol@example.com password=pw --no-csrf)" = 403 &&
	test "$(sql "SELECT count(*) FROM users")" = 1 &&
	test "$(mails)" = 0
'

test_expect_success 'a taken username (any case) or a bad address is refused' '
	test "$(web r post $base/register/ username=ALICE email=new@example.com password=pw)" = 200 &&
	grep -q "This username is already taken" body &&
	test "$(web r post $base/register/ username=new email=not-an-address password=pw)" = 200 &&
	grep -q "Enter a valid email address." body &&
	test "$(web r post $base/register/ "username=a b" email=new@example.com password=pw)" = 200 &&
	grep -q "Enter a valid username" body &&
	test "$(sql "SELECT count(*) FROM users")" = 1 &&
	test "$(mails)" = 0
'

test_expect_success 'registering creates an inactive user and mails the link' '
	test "$(web r post $base/register/ first_name=Carol "last_name=<b>Kent</b>" username=carol email=Carol@Example.com password=carol-pass)" = 200 &&
	grep -q "A confirmation email has been sent to Carol@Example.com" body &&
	test "$(sql "SELECT is_active FROM users WHERE username = '"'"'carol'"'"'")" = 0 &&
	test "$(mails)" = 1 &&
	grep -q "^To: Carol@Example.com$" "$TMP/mails/1" &&
	grep -q "^From: Patchwork <pw@test.example>$" "$TMP/mails/1" &&
	grep -q "^Subject: Patchwork account confirmation$" "$TMP/mails/1" &&
	test "$(cat "$TMP/mails/1.args")" = "-t -i" &&
	link=$(mail_link 1 /confirm/) && test -n "$link" &&
	key=${link#/confirm/} && key=${key%/} &&
	test "$(sql "SELECT count(*) FROM email_confirmation WHERE key = '"'"'$key'"'"'")" = 0
'

test_expect_success 'an inactive account cannot log in' '
	test "$(web c post $base/user/login/ username=carol password=carol-pass)" = 200 &&
	test -z "$(web c cookie sessionid)"
'

test_expect_success 'the link shows a button; posting it activates and logs in' '
	link=$(mail_link 1 /confirm/) &&
	test "$(web c get $base$link)" = 200 &&
	test "$(sql "SELECT is_active FROM users WHERE username = '"'"'carol'"'"'")" = 0 &&
	test "$(web c post $base$link)" = 200 &&
	grep -q "Registration confirmed" body &&
	grep -q "<strong>carol</strong>" body && ! grep -q "/user/login/" body &&
	test "$(sql "SELECT is_active FROM users WHERE username = '"'"'carol'"'"'")" = 1 &&
	test -n "$(web c cookie sessionid)" &&
	test "$(web c api GET $base/api/users/?q=carol)" = 200 &&
	grep -q "\"first_name\":\"Carol\"" body
'

test_expect_success 'the person of the address is linked to the account' '
	test "$(sql "SELECT p.name FROM person p JOIN users u ON u.id = p.user_id WHERE u.username = '"'"'carol'"'"' AND p.email_key = '"'"'carol@example.com'"'"'")" = "Carol <b>Kent</b>"
'

test_expect_success 'names show as text on the pages' '
	test "$(web c get $base/user/link/)" = 200 &&
	! grep -q "<b>Kent" body &&
	web x post $base/register/ "first_name=<script>alert(1)</script>" username=x "email=\"><script>@x.example" password=pw >/dev/null &&
	! grep -q "<script>" body &&
	grep -q "&lt;script&gt;" body
'

test_expect_success 'a link works once' '
	link=$(mail_link 1 /confirm/) &&
	rm -f d && test "$(web d get $base$link)" = 200 &&
	grep -q "already been used" body &&
	test "$(web d post $base$link --form-from $base/mail/)" = 200 &&
	grep -q "already been used" body &&
	test -z "$(web d cookie sessionid)"
'

test_expect_success 'an unknown or malformed key is 404' '
	test "$(web d get $base/confirm/0123456789abcdef0123456789abcdef01234567/)" = 404 &&
	test "$(web d get $base/confirm/zz/)" = 404
'

test_expect_success 'an address with an account is not revealed' '
	rm -f e && test "$(web e post $base/register/ username=eve email=ALICE@example.com password=eve-pass)" = 200 &&
	grep -q "A confirmation email has been sent to ALICE@example.com" body &&
	! grep -q alice body &&
	test "$(sql "SELECT count(*) FROM users WHERE username = '"'"'eve'"'"'")" = 0 &&
	test "$(mails)" = 2 &&
	grep -q "^To: alice@example.com$" "$TMP/mails/2" &&
	grep -q "its username is alice" "$TMP/mails/2"
'

test_expect_success 'a link expires' '
	test "$(web f post $base/register/ username=frank email=frank@example.com password=pw)" = 200 &&
	link=$(mail_link 3 /confirm/) &&
	sql "UPDATE email_confirmation SET date = 1 WHERE type = '"'"'registration'"'"' AND email = '"'"'frank@example.com'"'"'" &&
	test "$(web f post $base$link --form-from $base/mail/)" = 200 &&
	grep -q "This confirmation has expired." body &&
	test "$(sql "SELECT is_active FROM users WHERE username = '"'"'frank'"'"'")" = 0
'

test_expect_success 'a failed mail undoes the registration' '
	launch_other_server &&
	DARN_MAIL_SENDMAIL=/bin/false launch_other_server &&
	test "$(web g post $base/register/ username=gina email=gina@example.com password=pw)" = 503 &&
	grep -q "could not be sent" body &&
	test "$(sql "SELECT count(*) FROM users WHERE username = '"'"'gina'"'"'")" = 0
'

test_expect_success 'registration can be turned off' '
	DARN_ACCOUNTS_REGISTRATION=false launch_other_server &&
	test "$(web h get $base/register/)" = 404 &&
	test "$(web h post $base/register/ username=hal email=hal@example.com password=pw --form-from $base/mail/)" = 404 &&
	test "$(sql "SELECT count(*) FROM users WHERE username = '"'"'hal'"'"'")" = 0
'

test_done
