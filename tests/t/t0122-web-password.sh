#!/bin/sh
# Passwords on the web (issue 10): change (the old one is checked, other
# sessions end), reset by a mailed link that works once and never tells
# whether an address has an account.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/t/web-lib.sh"

setup_project
add_user alice alice-pass
add_user bob bob-pass
start_web_server

test_expect_success 'password change needs a login' '
	test "$(web x get $base/user/password-change/)" = 302 &&
	test "$(header Location)" = "/user/login/?next=/user/password-change/"
'

test_expect_success 'a wrong old password or two new ones that differ change nothing' '
	web a post $base/user/login/ username=alice password=alice-pass >/dev/null &&
	web a2 post $base/user/login/ username=alice password=alice-pass >/dev/null &&
	old=$(sql "SELECT password FROM users WHERE username = '"'"'alice'"'"'") &&
	test "$(web a post $base/user/password-change/ old_password=nope new_password1=n1 new_password2=n1)" = 200 &&
	grep -q "Your old password was entered incorrectly" body &&
	test "$(web a post $base/user/password-change/ old_password=alice-pass new_password1=n1 new_password2=n2)" = 200 &&
	grep -q "The two password fields didn" body &&
	test "$(web a post $base/user/password-change/ old_password=alice-pass new_password1=n1 new_password2=n1 --no-csrf)" = 403 &&
	test "$(sql "SELECT password FROM users WHERE username = '"'"'alice'"'"'")" = "$old"
'

test_expect_success 'a password change ends the other sessions, not this one' '
	test "$(web a post $base/user/password-change/ old_password=alice-pass new_password1=alice-new new_password2=alice-new)" = 302 &&
	test "$(header Location)" = /user/password-change/done/ &&
	test "$(web a get $base/user/password-change/done/)" = 200 &&
	test "$(web a2 get $base/user/password-change/)" = 302 &&
	test "$(sql "SELECT count(*) FROM web_session")" = 1 &&
	sql "SELECT password FROM users WHERE username = '"'"'alice'"'"'" | grep -q "^pbkdf2_sha256\\\$600000\\\$"
'

test_expect_success 'a reset for an unknown address answers as for a known one, and mails nothing' '
	test "$(web r post $base/user/password-reset/ email=nobody@example.com)" = 302 &&
	test "$(header Location)" = /user/password-reset/mail-sent/ &&
	cp body unknown.body &&
	test "$(mails)" = 0 &&
	test "$(web r post $base/user/password-reset/ email=BOB@example.com)" = 302 &&
	test "$(header Location)" = /user/password-reset/mail-sent/ &&
	cmp body unknown.body &&
	test "$(mails)" = 1 &&
	grep -q "^To: bob@example.com$" "$TMP/mails/1" &&
	test "$(web r get $base/user/password-reset/mail-sent/)" = 200
'

test_expect_success 'the reset link sets a new password once and ends the sessions' '
	web b post $base/user/login/ username=bob password=bob-pass >/dev/null &&
	link=$(mail_link 1 /user/password-reset/) && test -n "$link" &&
	test "$(web r get $base$link)" = 200 &&
	grep -q "name=\"new_password1\"" body &&
	test "$(web r post $base$link new_password1=x1 new_password2=x2)" = 200 &&
	grep -q "match" body &&
	test "$(web r post $base$link new_password1=bob-new new_password2=bob-new)" = 302 &&
	test "$(header Location)" = /user/login/ &&
	test "$(web b get $base/user/password-change/)" = 302 &&
	test "$(web r get $base$link)" = 200 &&
	grep -q "Password reset unsuccessful" body &&
	test "$(web n post $base/user/login/ username=bob password=bob-new)" = 302
'

test_expect_success 'a reset link of another user or a forged key is refused' '
	test "$(web r post $base/user/password-reset/ email=alice@example.com)" = 302 &&
	link=$(mail_link 2 /user/password-reset/) &&
	key=${link%/} && key=${key##*/} &&
	test "$(web r get $base/user/password-reset/Mg/$key/)" = 200 &&
	grep -q "Password reset unsuccessful" body &&
	test "$(web r get $base/user/password-reset/MQ/0000000000000000000000000000000000000000/)" = 200 &&
	grep -q "Password reset unsuccessful" body
'

test_expect_success 'a reset link expires after a day' '
	link=$(mail_link 2 /user/password-reset/) &&
	sql "UPDATE email_confirmation SET date = date - 86400000001 WHERE type = '"'"'password_reset'"'"'" &&
	test "$(web r get $base$link)" = 200 &&
	grep -q "Password reset unsuccessful" body
'

test_done
