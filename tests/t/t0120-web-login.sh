#!/bin/sh
# Logging in on the web (issue 10): the login form with its CSRF token,
# wrong passwords, the session cookie's flags, sessions kept hashed in
# the database (shared by every server on it), local-only next=, logout
# by POST, CSRF on every form and on the REST API under a session, and
# failed logins throttled per account and per address in the database.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/t/web-lib.sh"

setup_project
for u in alice bob carol dave; do
	add_user $u $u-pass
done
token=$(darn user token alice | tail -1)
alice=$(sql "SELECT id FROM users WHERE username = 'alice'")
DARN_HTTP_LOGIN_FAILURES_PER_ACCOUNT=3
DARN_HTTP_LOGIN_FAILURES_PER_ADDRESS=6
export DARN_HTTP_LOGIN_FAILURES_PER_ACCOUNT DARN_HTTP_LOGIN_FAILURES_PER_ADDRESS
start_web_server

test_expect_success 'the login form carries a CSRF token and sets its cookie' '
	test "$(web a get $base/user/login/)" = 200 &&
	grep -q "<title>Sign in to Patchwork - Patchwork</title>" body &&
	grep -q "name=\"csrfmiddlewaretoken\" value=\"[A-Za-z0-9]\{64\}\"" body &&
	header Set-Cookie | grep -q "^csrftoken=[A-Za-z0-9]\{32\}; Path=/; .*SameSite=Lax" &&
	header Cache-Control | grep -q no-store
'

test_expect_success 'a wrong password is refused and counted' '
	test "$(web a post $base/user/login/ username=alice password=nope)" = 200 &&
	grep -q "Please enter a correct username and password" body &&
	test -z "$(web a cookie sessionid)" &&
	test "$(sql "SELECT failures FROM login_failure WHERE subject = '"'"'u:alice'"'"'")" = 1 &&
	test "$(sql "SELECT count(*) FROM web_session")" = 0
'

test_expect_success 'a login sets an HttpOnly, SameSite=Lax session cookie, not Secure over http' '
	test "$(web a post "$base/user/login/?next=/project/test/list/" username=alice password=alice-pass)" = 302 &&
	test "$(header Location)" = /project/test/list/ &&
	header Set-Cookie | grep "^sessionid=" >cookie &&
	grep -q "; HttpOnly" cookie && grep -q "; SameSite=Lax" cookie &&
	! grep -q Secure cookie &&
	test "$(sql "SELECT failures FROM login_failure WHERE subject = '"'"'u:alice'"'"'")" = "" &&
	test "$(sql "SELECT count(*) FROM users WHERE id = $alice AND last_login IS NOT NULL")" = 1
'

test_expect_success 'the session is stored as the hash of the cookie, never the cookie' '
	key=$(web a cookie sessionid) && test -n "$key" &&
	hash=$(printf %s "$key" | sha256sum | cut -d" " -f1) &&
	test "$(sql "SELECT key FROM web_session")" = "$hash" &&
	test "$(sql "SELECT count(*) FROM web_session WHERE key = '"'"'$key'"'"'")" = 0
'

test_expect_success 'the session opens the pages and the REST API' '
	test "$(web a get $base/user/password-change/)" = 200 &&
	grep -q ">alice<" body &&
	test "$(web a api GET $base/api/users/$alice/)" = 200 &&
	grep -q "\"email\":\"alice@example.com\"" body &&
	test "$(web anon get $base/user/password-change/)" = 302 &&
	test "$(header Location)" = "/user/login/?next=/user/password-change/"
'

test_expect_success 'a session on the REST API needs X-CSRFToken for writes' '
	test "$(web a api PATCH $base/api/users/$alice/ "{\"first_name\": \"Mallory\"}")" = 403 &&
	grep -q "CSRF Failed: CSRF token missing." body &&
	test "$(web a api PATCH $base/api/users/$alice/ "{\"first_name\": \"Mallory\"}" --csrf-header=abcdefghijklmnopqrstuvwxyz012345)" = 403 &&
	grep -q "CSRF Failed: CSRF token incorrect." body &&
	test "$(sql "SELECT first_name FROM users WHERE id = $alice")" = "" &&
	test "$(web a api PATCH $base/api/users/$alice/ "{\"first_name\": \"Alice\"}" --csrf-header)" = 200 &&
	test "$(sql "SELECT first_name FROM users WHERE id = $alice")" = Alice
'

test_expect_success 'token authentication needs no CSRF token' '
	test "$(api PATCH /api/users/$alice/ $token application/json "{\"last_name\": \"Liddell\"}")" = 200 &&
	test "$(sql "SELECT last_name FROM users WHERE id = $alice")" = Liddell
'

test_expect_success 'a form without or with a wrong CSRF token changes nothing' '
	test "$(web b post $base/user/login/ username=bob password=bob-pass --no-csrf)" = 403 &&
	grep -q "CSRF verification failed" body &&
	test "$(web b post $base/user/login/ username=bob password=bob-pass --csrf abcdefghijklmnopqrstuvwxyz012345)" = 403 &&
	test "$(web a post $base/user/logout/ --no-csrf)" = 403 &&
	test "$(sql "SELECT count(*) FROM web_session")" = 1 &&
	test -z "$(web b cookie sessionid)"
'

test_expect_success 'a token of another browser does not pass' '
	web b get $base/user/login/ >/dev/null &&
	other=$(sed -n "s/.*csrfmiddlewaretoken\" value=\"\([^\"]*\)\".*/\1/p" body) &&
	test "$(web c post $base/user/login/ username=bob password=bob-pass --form-from $base/mail/ --csrf "$other")" = 403
'

test_expect_success 'a form posted from another origin is refused' '
	test "$(web b post $base/user/login/ username=bob password=bob-pass --origin http://evil.example)" = 403 &&
	test "$(sql "SELECT count(*) FROM web_session")" = 1
'

test_expect_success 'next= only leads to a path of this site' '
	for next in //evil.example/ http://evil.example/ "/\\evil.example"; do
		rm -f n &&
		web n post "$base/user/login/?next=$(python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))" "$next")" \
			username=bob password=bob-pass >status &&
		test "$(cat status)" = 302 &&
		test "$(header Location)" = / || return 1
	done
'

test_expect_success 'logout is a POST: it ends the session and its cookie' '
	key=$(web a cookie sessionid) &&
	test "$(web a get $base/user/logout/)" = 200 &&
	test "$(web a api GET $base/api/users/$alice/)" = 200 &&
	grep -q alice@example.com body &&
	test "$(web a post $base/user/logout/)" = 302 &&
	test "$(header Location)" = / &&
	header Set-Cookie | grep -q "^sessionid=; Path=/; Max-Age=0" &&
	test -z "$(web a cookie sessionid)" &&
	hash=$(printf %s "$key" | sha256sum | cut -d" " -f1) &&
	test "$(sql "SELECT count(*) FROM web_session WHERE key = '"'"'$hash'"'"'")" = 0 &&
	curl -s -o body -H "Cookie: sessionid=$key" $base/api/users/$alice/ &&
	! grep -q alice@example.com body
'

test_expect_success 'an expired session is no session' '
	rm -f e && web e post $base/user/login/ username=carol password=carol-pass >/dev/null &&
	test "$(web e get $base/user/password-change/)" = 200 &&
	sql "UPDATE web_session SET expires = 1" &&
	test "$(web e get $base/user/password-change/)" = 302
'

test_expect_success 'failed logins are throttled per account' '
	for i in 1 2 3; do
		test "$(web t post $base/user/login/ username=bob password=wrong)" = 200 || return 1
	done &&
	test "$(web t post $base/user/login/ username=bob password=bob-pass)" = 429 &&
	grep -q "Too many failed login attempts" body &&
	test -z "$(web t cookie sessionid)"
'

test_expect_success 'another server on the same database knows the counts and sessions' '
	first=$base && launch_other_server &&
	test "$base" != "$first" &&
	test "$(web t post $base/user/login/ username=bob password=bob-pass)" = 429 &&
	rm -f s && test "$(web s post $first/user/login/ username=carol password=carol-pass)" = 302 &&
	test "$(web s get $base/user/password-change/)" = 200 &&
	grep -q ">carol<" body &&
	base=$first
'

test_expect_success 'failed logins are throttled per address' '
	# 3 for bob above and 1 for alice; the limit is 6
	test "$(web t post $base/user/login/ username=carol password=wrong)" = 200 &&
	test "$(web t post $base/user/login/ username=dave password=wrong)" = 200 &&
	test "$(web t post $base/user/login/ username=dave password=dave-pass)" = 429 &&
	test "$(sql "SELECT failures FROM login_failure WHERE subject LIKE '"'"'a:%'"'"'")" = 6
'

test_expect_success 'the window ends: the counts start again' '
	sql "UPDATE login_failure SET first = 1" &&
	test "$(web t post $base/user/login/ username=dave password=dave-pass)" = 302
'

test_expect_success 'the session cookie is Secure when the base URL is https' '
	launch_other_server --base-url https://darn.example &&
	rm -f h && web h get $base/user/login/ >/dev/null &&
	header Set-Cookie | grep -q "^csrftoken=.*; Secure" &&
	test "$(web h post $base/user/login/ username=dave password=dave-pass)" = 403 &&
	test "$(web h post $base/user/login/ username=dave password=dave-pass --origin https://darn.example)" = 302 &&
	header Set-Cookie | grep "^sessionid=" | grep -q "; HttpOnly; SameSite=Lax; Secure"
'

test_done
