#!/bin/sh
# Accounts and REST API authentication: darn user add/edit/password/token/
# list, HTTP Basic and Token credentials with Patchwork's exact 403 bodies,
# and /api/people/ and /api/users/, which need a logged-in user.
. "$(dirname "$0")/lib.sh"

setup_project
for who in "Alice Smith <Alice@Example.com>" "Bob <bob@example.com>" \
	"carol@example.com" "Dave Jones <dave@example.org>"; do
	n=$((${n:-0} + 1))
	mail "$who" "[PATCH] change $n" "<m$n@example.com>" <<-EOF | darn parsemail
	text
	$(diff_for file$n)
	EOF
done

test_expect_success 'user add links the person with the same email' '
	echo "s3cret pass" | darn user add alice --email alice@example.COM \
		--first-name Alice --last-name Smith --password-stdin >out &&
	grep -q "added user .alice. (id 1)" out &&
	grep -q "linked to the person" out &&
	expect_eq 1 "$(sql "SELECT user_id FROM person WHERE email = '\''Alice@Example.com'\''")" &&
	sql "SELECT password FROM users WHERE username = '\''alice'\''" |
		grep -q "^pbkdf2_sha256\\\$600000\\\$[A-Za-z0-9]\{22\}\\\$.\{44\}$" &&
	darn user add bob --email bob@example.com >/dev/null &&
	darn user add zed --email zed@nowhere.example >out &&
	! grep -q linked out
'

# Basic checks below use a hash as Patchwork would have stored it, with few
# iterations: under ASan each of the 600,000 default ones costs.
test_expect_success 'a password hash imported from Patchwork' '
	sql "UPDATE users SET password = '\''pbkdf2_sha256\$1000\$importedsalt\$DH6+U9fEYBsLdo3BXiUPmnw78wRNKB6raHpqz5FZwSE='\'' WHERE username = '\''alice'\''" &&
	expect_eq "pbkdf2_sha256\$1000\$importedsalt\$DH6+U9fEYBsLdo3BXiUPmnw78wRNKB6raHpqz5FZwSE=" \
		"$(sql "SELECT password FROM users WHERE id = 1")"
'

test_expect_success 'user add refuses bad names, duplicates and empty passwords' '
	expect_exit 65 darn user add "a/b" --email x@example.com &&
	expect_exit 65 darn user add alice --email other@example.com &&
	echo | expect_exit 65 darn user add eve --email e@example.com \
		--password-stdin &&
	expect_exit 64 darn user add eve &&
	expect_exit 65 darn user token nobody
'

test_expect_success 'user list, edit and token' '
	darn user list >out &&
	grep -q "^1	alice	alice@example.COM	Alice Smith	yes$" out &&
	grep -q "^2	bob	bob@example.com		yes$" out &&
	darn user edit bob --first-name Bob --last-name Builder \
		--active no &&
	darn user list | grep -q "^2	bob	bob@example.com	Bob Builder	no$" &&
	expect_exit 64 darn user edit bob --active maybe &&
	darn user token alice >t1 && darn user token alice >t2 &&
	cmp t1 t2 && grep -q "^[0-9a-f]\{40\}$" t1 &&
	darn user token alice --regenerate >t3 && ! cmp -s t1 t3
'

start_server
token=$(cat t3)
old_token=$(cat t1)
bob_token=$(darn user token bob)

# expect_403 DETAIL: the last response was Patchwork's 403 with DETAIL.
expect_403() {
	grep -q "^HTTP/1.1 403" headers &&
	expect_eq "{\"detail\":\"$1\"}" "$(cat body)" &&
	! grep -qi "^WWW-Authenticate" headers
}

test_expect_success 'anonymous: people and users need a login (403, never 401)' '
	for path in people/ people/1/ users/ users/1/ 1.0/people/; do
		get "$base/api/$path" &&
		expect_403 "Authentication credentials were not provided." &&
		grep -q "^Allow: GET, " headers &&
		grep -q "^Vary: Accept, Cookie" headers || return 1
	done &&
	get -X OPTIONS "$base/api/people/" &&
	expect_403 "Authentication credentials were not provided." &&
	get -X POST "$base/api/users/" &&
	expect_403 "Authentication credentials were not provided." &&
	get "$base/api/projects/" && grep -q "^HTTP/1.1 200" headers
'

test_expect_success 'Basic: the right password, a wrong one, an unknown user' '
	get -u "alice:s3cret pass" "$base/api/people/" &&
	grep -q "^HTTP/1.1 200" headers &&
	get -u "alice:wrong" "$base/api/people/" &&
	expect_403 "Invalid username/password." &&
	get -u "alice" "$base/api/people/" &&
	expect_403 "Invalid username/password." &&
	get -u "Alice:s3cret pass" "$base/api/people/" &&
	expect_403 "Invalid username/password." &&
	get -H "Authorization: basic YWxpY2U6czNjcmV0IHBhc3M=" "$base/api/users/" &&
	grep -q "^HTTP/1.1 200" headers
'

test_expect_success 'Basic: malformed headers' '
	get -H "Authorization: Basic" "$base/api/people/" &&
	expect_403 "Invalid basic header. No credentials provided." &&
	get -H "Authorization: Basic a b" "$base/api/people/" &&
	expect_403 "Invalid basic header. Credentials string should not contain spaces." &&
	get -H "Authorization: Basic YWxpY2" "$base/api/people/" &&
	expect_403 "Invalid basic header. Credentials not correctly base64 encoded." &&
	get -H "Authorization: Basic !!" "$base/api/people/" &&
	expect_403 "Invalid username/password." &&
	get -H "Authorization: Basic $(printf "alice\0:x" | base64)" \
		"$base/api/people/" &&
	expect_403 "Invalid username/password."
'

test_expect_success 'Token: good, unknown, replaced, malformed' '
	get -H "Authorization: Token $token" "$base/api/people/" &&
	grep -q "^HTTP/1.1 200" headers &&
	get -H "Authorization: token $token" "$base/api/people/" &&
	grep -q "^HTTP/1.1 200" headers &&
	get -H "Authorization: Token $old_token" "$base/api/people/" &&
	expect_403 "Invalid token." &&
	get -H "Authorization: Token 0000000000000000000000000000000000000000" \
		"$base/api/people/" &&
	expect_403 "Invalid token." &&
	get -H "Authorization: Token" "$base/api/people/" &&
	expect_403 "Invalid token header. No credentials provided." &&
	get -H "Authorization: Token $token x" "$base/api/people/" &&
	expect_403 "Invalid token header. Token string should not contain spaces." &&
	get -H "$(printf "Authorization: Token \377\376")" "$base/api/people/" &&
	expect_403 "Invalid token header. Token string should not contain invalid characters."
'

test_expect_success 'bad credentials fail public endpoints too; other schemes are anonymous' '
	get -H "Authorization: Token nope" "$base/api/projects/" &&
	expect_403 "Invalid token." &&
	get -u "alice:wrong" "$base/api/" &&
	expect_403 "Invalid username/password." &&
	get -H "Authorization: Bearer abc" "$base/api/projects/" &&
	grep -q "^HTTP/1.1 200" headers &&
	get -H "Authorization: Bearer abc" "$base/api/people/" &&
	expect_403 "Authentication credentials were not provided."
'

test_expect_success 'an inactive user: Token says so, Basic does not' '
	get -H "Authorization: Token $bob_token" "$base/api/people/" &&
	expect_403 "User inactive or deleted." &&
	echo zedpw | darn user password zed &&
	sql "SELECT password FROM users WHERE username = '\''zed'\''" |
		grep -q "^pbkdf2_sha256\\\$600000\\\$" &&
	sql "UPDATE users SET password = '\''pbkdf2_sha256\$1000\$bobsalt\$vk9WByF+E7+jrkwGDOInZdbW/CdG0QbKTLPBpdi6ZB0='\'' WHERE username = '\''bob'\''" &&
	get -u "bob:bobpw" "$base/api/people/" &&
	expect_403 "Invalid username/password." &&
	darn user edit bob --active yes &&
	get -u "bob:bobpw" "$base/api/people/" &&
	grep -q "^HTTP/1.1 200" headers &&
	get -H "Authorization: Token $bob_token" "$base/api/people/" &&
	grep -q "^HTTP/1.1 200" headers
'

auth="Authorization: Token $token"

test_expect_success 'people: fields, the linked user, detail and 404' '
	get -H "$auth" "$base/api/people/1/" &&
	expect_eq "{\"id\":1,\"url\":\"$base/api/people/1/\",\"name\":\"Alice Smith\",\"email\":\"Alice@Example.com\",\"user\":{\"id\":1,\"url\":\"$base/api/users/1/\",\"username\":\"alice\",\"first_name\":\"Alice\",\"last_name\":\"Smith\",\"email\":\"alice@example.COM\"}}" "$(cat body)" &&
	get -H "$auth" "$base/api/1.1/people/3/" &&
	expect_eq "{\"id\":3,\"url\":\"$base/api/1.1/people/3/\",\"name\":null,\"email\":\"carol@example.com\",\"user\":null}" "$(cat body)" &&
	get -H "$auth" "$base/api/people/99/" &&
	grep -q "^HTTP/1.1 404" headers &&
	expect_eq "{\"detail\":\"Not found.\"}" "$(cat body)" &&
	get -H "$auth" -X DELETE "$base/api/people/1/" &&
	grep -q "^HTTP/1.1 405" headers &&
	get -H "$auth" -X OPTIONS "$base/api/people/" &&
	grep -q "{\"name\":\"Person List\",\"description\":\"List users.\"" body
'

test_expect_success 'people: pagination, search, ordering' '
	get -H "$auth" "$base/api/people/?per_page=3&page=2" &&
	grep -q "<$base/api/people/?per_page=3>; rel=\"prev\"" headers &&
	grep -q "^\[{\"id\":4," body &&
	get -H "$auth" "$base/api/people/?q=EXAMPLE.COM" &&
	expect_eq 3 "$(grep -o "\"id\":[0-9]*,\"url\":\"[^\"]*people" body | wc -l)" &&
	get -H "$auth" "$base/api/people/?q=jones,dave" &&
	grep -q "^\[{\"id\":4,[^]]*}\]$" body &&
	get -H "$auth" "$base/api/people/?q=%22Alice%20Smith%22" &&
	grep -q "^\[{\"id\":1," body &&
	get -H "$auth" "$base/api/people/?q=nobody" && expect_eq "[]" "$(cat body)" &&
	get -H "$auth" "$base/api/people/?q=_" && expect_eq "[]" "$(cat body)" &&
	get -H "$auth" "$base/api/people/?order=-email" &&
	grep -q "^\[{\"id\":4," body &&
	get -H "$auth" "$base/api/people/?order=name,bogus" &&
	grep -q "^\[{\"id\":3," body &&
	get -H "$auth" "$base/api/people/?order=bogus" &&
	grep -q "^\[{\"id\":1," body &&
	get -H "$auth" "$base/api/people/?page=3&per_page=2" &&
	expect_eq "{\"detail\":\"Invalid page.\"}" "$(cat body)"
'

test_expect_success 'users: list fields, search, ordering' '
	get -H "$auth" "$base/api/users/" &&
	grep -q "^Allow: GET, HEAD, OPTIONS" headers &&
	expect_eq "[{\"id\":1,\"url\":\"$base/api/users/1/\",\"username\":\"alice\",\"first_name\":\"Alice\",\"last_name\":\"Smith\",\"email\":\"alice@example.COM\"},{\"id\":2,\"url\":\"$base/api/users/2/\",\"username\":\"bob\",\"first_name\":\"Bob\",\"last_name\":\"Builder\",\"email\":\"bob@example.com\"},{\"id\":3,\"url\":\"$base/api/users/3/\",\"username\":\"zed\",\"first_name\":\"\",\"last_name\":\"\",\"email\":\"zed@nowhere.example\"}]" "$(cat body)" &&
	get -H "$auth" "$base/api/users/?q=builder" &&
	grep -q "^\[{\"id\":2,[^]]*}\]$" body &&
	get -H "$auth" "$base/api/users/?order=-username&per_page=1" &&
	grep -q "^\[{\"id\":3," body &&
	grep -q "rel=\"next\"" headers
'

test_expect_success 'users: settings only for oneself, from v1.2' '
	get -H "$auth" "$base/api/1.2/users/1/" &&
	grep -q "^Allow: GET, PUT, PATCH, HEAD, OPTIONS" headers &&
	grep -q ",\"email\":\"alice@example.COM\",\"settings\":{\"send_email\":false,\"items_per_page\":100,\"show_ids\":false}}$" body &&
	get -H "$auth" "$base/api/1.1/users/1/" &&
	! grep -q settings body && grep -q "\"username\":\"alice\"" body &&
	get -H "$auth" "$base/api/users/2/" &&
	! grep -q settings body && grep -q "\"username\":\"bob\"" body &&
	get -u "bob:bobpw" "$base/api/users/2/" && grep -q settings body &&
	get -H "$auth" "$base/api/users/9/" && grep -q "^HTTP/1.1 404" headers
'

test_expect_success 'writes to another user: 403; DELETE: 405' '
	get -H "$auth" -X PATCH "$base/api/users/2/" &&
	grep -q "^HTTP/1.1 403" headers &&
	get -H "$auth" -X DELETE "$base/api/users/1/" &&
	grep -q "^HTTP/1.1 405" headers &&
	grep -q "Method \\\\\"DELETE\\\\\" not allowed." body
'

kill -TERM $server_pid
wait $server_pid

test_expect_success 'no password or token shows in the log' '
	! grep -q "s3cret" serve.log && ! grep -q "$token" serve.log
'

test_done
