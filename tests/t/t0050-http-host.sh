#!/bin/sh
# The Host header (issue 7): without a base URL, only allowed hosts
# ([http] allowed_hosts, Django's ALLOWED_HOSTS) make the links and
# redirects; any other Host, or one that is not a host at all, gets
# Django's 400 page instead of landing in Location and every link.
. "$(dirname "$0")/lib.sh"
backend_independent

setup_project
start_server

# host HOST PATH: GET PATH with that Host header.
host() {
	get -H "Host: $1" "$base$2"
}

test_expect_success 'an injected Host is refused, not echoed (400)' '
	host "evil.example\"><script>" /api/projects &&
	grep -q "^HTTP/1.1 400" headers &&
	! grep -qi "^Location" headers &&
	! grep -q "evil" headers body &&
	grep -q "<title>Bad Request (400)</title>" body &&
	grep -q "^Content-Type: text/html; charset=utf-8" headers
'

test_expect_success 'a host that is not allowed: 400 on the API and the web side' '
	host evil.example /api/projects/ &&
	grep -q "^HTTP/1.1 400" headers && ! grep -q evil body &&
	host evil.example:$port /patch/1/ &&
	grep -q "^HTTP/1.1 400" headers &&
	host 127.0.0.1.evil.example /api/ &&
	grep -q "^HTTP/1.1 400" headers
'

test_expect_success 'invalid Host syntax: 400' '
	for h in "a b" "a_b.example" "127.0.0.1:80x" "127.0.0.1:" "[::1" \
		"[zz::1]" "localhost/x" "localhost@x"; do
		host "$h" /api/ && grep -q "^HTTP/1.1 400" headers ||
		{ echo "Host: $h"; return 1; }
	done
'

test_expect_success 'the default list: the listen host and localhost, any port' '
	host 127.0.0.1:$port /api/ && grep -q "^HTTP/1.1 200" headers &&
	grep -q "\"projects\":\"http://127.0.0.1:$port/api/projects/\"" body &&
	host localhost:1234 /api/ && grep -q "^HTTP/1.1 200" headers &&
	grep -q "\"projects\":\"http://localhost:1234/api/projects/\"" body &&
	host LocalHost /api/ && grep -q "^HTTP/1.1 200" headers &&
	host "[::1]:8000" /api/ && grep -q "^HTTP/1.1 200" headers &&
	grep -q "\"projects\":\"http://\[::1\]:8000/api/projects/\"" body &&
	host localhost. /api/ && grep -q "^HTTP/1.1 200" headers
'

test_expect_success 'redirects use the allowed host' '
	host localhost:9 /api/projects &&
	grep -q "^HTTP/1.1 301" headers &&
	grep -q "^Location: http://localhost:9/api/projects/" headers
'

test_expect_success 'HTTP/1.0 without Host: links name the listen address' '
	get -0 -H "Host:" "$base/api/" &&
	grep -q "^HTTP/1.[01] 200" headers &&
	grep -q "\"projects\":\"http://127.0.0.1:$port/api/projects/\"" body
'

stop_server

export DARN_HTTP_ALLOWED_HOSTS=".example.org, patches.example.com"
start_server
test_expect_success 'allowed_hosts: names and .domain patterns, port ignored' '
	host patches.example.com:8443 /api/ && grep -q "^HTTP/1.1 200" headers &&
	grep -q "\"projects\":\"http://patches.example.com:8443/api/projects/\"" body &&
	host example.org /api/ && grep -q "^HTTP/1.1 200" headers &&
	host a.b.Example.ORG /api/ && grep -q "^HTTP/1.1 200" headers &&
	host badexample.org /api/ && grep -q "^HTTP/1.1 400" headers &&
	host example.com /api/ && grep -q "^HTTP/1.1 400" headers &&
	host 127.0.0.1:$port /api/ && grep -q "^HTTP/1.1 400" headers
'
stop_server

export DARN_HTTP_ALLOWED_HOSTS="*"
start_server
test_expect_success 'allowed_hosts = *: any valid host, still not a broken one' '
	host anything.example /api/ && grep -q "^HTTP/1.1 200" headers &&
	host "x\"><script>" /api/ && grep -q "^HTTP/1.1 400" headers
'
stop_server

unset DARN_HTTP_ALLOWED_HOSTS
start_server --base-url https://patches.example.net/
test_expect_success 'with a base URL the Host header is not used' '
	host evil.example /api/ && grep -q "^HTTP/1.1 200" headers &&
	grep -q "\"projects\":\"https://patches.example.net/api/projects/\"" body &&
	! grep -q evil body &&
	host "evil.example\"><script>" /api/ && grep -q "^HTTP/1.1 400" headers
'
stop_server

export DARN_HTTP_ALLOWED_HOSTS=patches.example.net
start_server --base-url https://patches.example.net
test_expect_success 'a base URL and an explicit allowed_hosts: Host checked too' '
	host evil.example /api/ && grep -q "^HTTP/1.1 400" headers &&
	host patches.example.net /api/ && grep -q "^HTTP/1.1 200" headers
'
stop_server

test_done
