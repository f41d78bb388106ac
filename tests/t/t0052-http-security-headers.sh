#!/bin/sh
# Security headers on every answer (issue 7): nosniff, frames denied,
# same-origin referrers, a Content-Security-Policy for what the answer is
# (JSON and text, HTML pages, downloads) and a Cache-Control for it.
. "$(dirname "$0")/lib.sh"

setup_project
printf 'Commit message.\n\n%s\n' "$(diff_for a.txt)" |
	mail 'Jane Doe <jane@example.com>' '[PATCH] add a' '<one@example.com>' |
	darn parsemail
echo pw | darn user add alice --email alice@example.com --password-stdin \
	>/dev/null
token=$(darn user token alice)
start_server

# header NAME: its value in the last response, without the CR
header() {
	sed -n "s/^$1: \(.*\)\r$/\1/p" headers
}

api_csp="default-src 'none'; frame-ancestors 'none'"
html_csp="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
download_csp="default-src 'none'; sandbox"

# common: the headers every answer carries.
common() {
	expect_eq nosniff "$(header X-Content-Type-Options)" nosniff &&
	expect_eq DENY "$(header X-Frame-Options)" X-Frame-Options &&
	expect_eq same-origin "$(header Referrer-Policy)" Referrer-Policy &&
	expect_eq 1 "$(grep -c -i "^Content-Security-Policy:" headers)" "one CSP" &&
	expect_eq 1 "$(grep -c -i "^Cache-Control:" headers)" "one Cache-Control"
}

test_expect_success 'API JSON: the API policy, no-cache' '
	get "$base/api/projects/" && common &&
	expect_eq "$api_csp" "$(header Content-Security-Policy)" &&
	expect_eq no-cache "$(header Cache-Control)"
'

test_expect_success 'an authenticated answer is private' '
	get -H "Authorization: Token $token" "$base/api/users/" && common &&
	grep -q "^HTTP/1.1 200" headers &&
	expect_eq "private, no-cache" "$(header Cache-Control)"
'

test_expect_success 'errors are not stored: 403, 404 (JSON and HTML), 405' '
	get -u alice:wrong "$base/api/users/" && common &&
	grep -q "^HTTP/1.1 403" headers &&
	expect_eq no-store "$(header Cache-Control)" &&
	expect_eq "$api_csp" "$(header Content-Security-Policy)" &&
	get "$base/api/projects/99/" && common &&
	expect_eq no-store "$(header Cache-Control)" &&
	get "$base/nowhere/" && common &&
	grep -q "^Content-Type: text/html" headers &&
	expect_eq no-store "$(header Cache-Control)" &&
	expect_eq "$html_csp" "$(header Content-Security-Policy)" &&
	get -X DELETE "$base/api/projects/" && common &&
	expect_eq no-store "$(header Cache-Control)"
'

test_expect_success 'the browsable API page: a policy that lets it render' '
	get "$base/api/projects/?format=api" && common &&
	grep -q "^Content-Type: text/html" headers &&
	expect_eq "$html_csp" "$(header Content-Security-Policy)" &&
	expect_eq no-cache "$(header Cache-Control)" &&
	! grep -q "<script\|style=\|<style" body
'

test_expect_success 'downloads: sandboxed, no-cache' '
	get "$base/project/test/patch/one@example.com/mbox/" && common &&
	grep -q "^Content-Disposition: attachment" headers &&
	expect_eq "$download_csp" "$(header Content-Security-Policy)" &&
	expect_eq no-cache "$(header Cache-Control)" &&
	get "$base/project/test/patch/one@example.com/raw/" && common &&
	expect_eq "$download_csp" "$(header Content-Security-Policy)"
'

test_expect_success 'redirects carry them too' '
	get "$base/api/projects" && common &&
	grep -q "^HTTP/1.1 301" headers &&
	expect_eq no-cache "$(header Cache-Control)" &&
	get "$base/patch/1/" && common && grep -q "^HTTP/1.1 302" headers
'

test_expect_success 'answers the server makes itself: 414, 400 for a Host' '
	get "$base/api/$(head -c 9000 /dev/zero | tr "\0" a)/" && common &&
	grep -q "^HTTP/1.1 414" headers &&
	expect_eq no-store "$(header Cache-Control)" &&
	expect_eq "$api_csp" "$(header Content-Security-Policy)" &&
	get -H "Host: evil.example" "$base/api/" && common &&
	grep -q "^HTTP/1.1 400" headers &&
	expect_eq no-store "$(header Cache-Control)"
'

test_done
