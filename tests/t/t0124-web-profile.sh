#!/bin/sh
# The profile page (issue 10, web-and-mbox.md §5.7): settings, linked
# addresses with their opt-out state, unlinking only one's own, the API
# token made and remade by POST.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/t/web-lib.sh"

setup_project
add_user alice alice-pass
add_user bob bob-pass
darn project edit test --add-maintainer alice >/dev/null
alice=$(sql "SELECT id FROM users WHERE username = 'alice'")
bob=$(sql "SELECT id FROM users WHERE username = 'bob'")
sql "INSERT INTO person (email, email_key, name, user_id) VALUES
	('alice@work.example', 'alice@work.example', 'Alice', $alice),
	('bob@work.example', 'bob@work.example', 'Bob', $bob)"
sql "INSERT INTO email_optout (email) VALUES ('alice@work.example')"
start_web_server

test_expect_success 'the profile needs a login' '
	test "$(web x get $base/user/)" = 302 &&
	test "$(header Location)" = "/user/login/?next=/user/"
'

test_expect_success 'the profile shows projects, addresses, settings and no token yet' '
	web a post $base/user/login/ username=alice password=alice-pass >/dev/null &&
	test "$(web a get $base/user/)" = 200 &&
	grep -q "<title>alice - Patchwork</title>" body &&
	grep -q "Maintainer of" body &&
	grep -q "href=\"/project/test/list/\"" body &&
	grep -q "alice@work.example" body &&
	grep -q "action=\"/mail/optin/\"" body &&
	grep -q "action=\"/user/unlink/" body &&
	grep -q "name=\"items_per_page\" value=\"100\"" body &&
	grep -q "value=\"Generate token\"" body
'

test_expect_success 'settings are saved by the form' '
	test "$(web a post $base/user/ items_per_page=20 show_ids=on)" = 200 &&
	grep -q "name=\"items_per_page\" value=\"20\"" body &&
	test "$(sql "SELECT items_per_page, show_ids FROM user_profile WHERE user_id = $alice")" = "20|1" &&
	test "$(web a post $base/user/ items_per_page=20 --no-csrf)" = 403
'

test_expect_success 'a token is made and remade by POST only' '
	test "$(web a get $base/user/generate-token/)" = 302 &&
	test -z "$(sql "SELECT key FROM token WHERE user_id = $alice")" &&
	test "$(web a post $base/user/generate-token/ --form-from $base/user/)" = 302 &&
	first=$(sql "SELECT key FROM token WHERE user_id = $alice") &&
	test -n "$first" &&
	web a get $base/user/ >/dev/null && grep -q "value=\"$first\"" body &&
	grep -q "hidden data-copy=\"$first\">Copy" body &&
	test "$(web a post $base/user/generate-token/ --form-from $base/user/)" = 302 &&
	test "$(sql "SELECT key FROM token WHERE user_id = $alice")" != "$first" &&
	test "$(api GET /api/users/$alice/ "$(sql "SELECT key FROM token WHERE user_id = $alice")")" = 200
'

test_expect_success 'unlinking takes one of one'"'"'s own addresses only' '
	pb=$(sql "SELECT id FROM person WHERE email_key = '"'"'bob@work.example'"'"'") &&
	pa=$(sql "SELECT id FROM person WHERE email_key = '"'"'alice@work.example'"'"'") &&
	test "$(web a post $base/user/unlink/$pb/ --form-from $base/user/)" = 302 &&
	test "$(sql "SELECT user_id FROM person WHERE id = $pb")" = "$bob" &&
	test "$(web a post $base/user/unlink/$pa/ --form-from $base/user/)" = 302 &&
	test "$(sql "SELECT user_id FROM person WHERE id = $pa")" = ""
'

test_done
