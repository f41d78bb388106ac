#!/bin/sh
# darn serve parses requests strictly, as a proxy in front of it needs
# against request smuggling: every head that two HTTP implementations
# could frame differently answers 400 and closes the connection, and a
# NUL in the path is a 400 rather than a cut path.
. "$(dirname "$0")/lib.sh"
backend_independent

setup_project
start_server

# Lines "STATUS closed|open REQUEST" on stdin: each request on its own
# connection, answered with that status within 2 s, the connection
# closed or kept (see tests/tools/http-probe.py).
expect_answers() {
	python3 "$TOP/tests/tools/http-probe.py" expect "${base##*:}"
}

test_expect_success 'a plain request is answered and the connection kept' '
	expect_answers <<-\EOF
	200 open GET /api/ HTTP/1.1\r\nHost: localhost\r\n\r\n
	EOF
'

test_expect_success 'two Content-Length headers, conflicting or not: 400' '
	expect_answers <<-\EOF
	400 closed POST /api/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabcde
	400 closed POST /api/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3, 5\r\n\r\nabcde
	400 closed POST /api/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n
	400 closed POST /api/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: +3\r\n\r\nabc
	EOF
'

test_expect_success 'Content-Length with Transfer-Encoding: chunked: 400' '
	expect_answers <<-\EOF
	400 closed POST /api/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n
	EOF
'

test_expect_success 'transfer codings other than chunked alone: 400' '
	expect_answers <<-\EOF
	400 closed POST /api/ HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n
	400 closed POST /api/ HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n
	400 closed POST /api/ HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n
	400 closed POST /api/ HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n
	EOF
'

test_expect_success 'chunked alone is accepted' '
	expect_answers <<-\EOF
	405 open POST /api/ HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: Chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n
	EOF
'

test_expect_success 'a space or a tab before a header colon: 400' '
	expect_answers <<-\EOF
	400 closed GET /api/ HTTP/1.1\r\nHost: localhost\r\nContent-Length : 0\r\n\r\n
	400 closed GET /api/ HTTP/1.1\r\nHost: localhost\r\nAccept\t: */*\r\n\r\n
	400 closed GET /api/ HTTP/1.1\r\nHost: localhost\r\nX(y): 1\r\n\r\n
	EOF
'

test_expect_success 'HTTP/1.1 without Host, or with two: 400; HTTP/1.0 needs none' '
	expect_answers <<-\EOF
	400 closed GET /api/ HTTP/1.1\r\n\r\n
	400 closed GET /api/ HTTP/1.1\r\nHost: localhost\r\nHost: y\r\n\r\n
	200 closed GET /api/ HTTP/1.0\r\n\r\n
	EOF
'

# (A NUL in a header value cannot be seen: libmicrohttpd cuts the value
# there before darn reads it.)
test_expect_success 'a CR or another control character in a header value: 400' '
	expect_answers <<-\EOF
	400 closed GET /api/ HTTP/1.1\r\nHost: localhost\r\nAccept: a\rb\r\n\r\n
	400 closed GET /api/ HTTP/1.1\r\nHost: localhost\r\nAccept: a\x1bb\r\n\r\n
	EOF
'

test_expect_success 'a NUL in the path, raw or %00: 400, not a cut path' '
	expect_answers <<-\EOF
	400 closed GET /api/%00x HTTP/1.1\r\nHost: localhost\r\n\r\n
	400 closed GET /api/\x00x HTTP/1.1\r\nHost: localhost\r\n\r\n
	400 closed GET /api/\x00 HTTP/1.1\r\nHost: localhost\r\n\r\n
	400 closed GET /api/?q=\x00 HTTP/1.1\r\nHost: localhost\r\n\r\n
	EOF
'

test_expect_success 'the refusals are in the access log' '
	grep "GET /api/" serve.log | grep -q " 400 " &&
	grep "POST /api/" serve.log | grep -q " 400 "
'

stop_server
test_done
