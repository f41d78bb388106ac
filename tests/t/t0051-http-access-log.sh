#!/bin/sh
# The access log (issue 7): one line per request in the Combined Log
# Format with the duration appended; what a client sends (path, query,
# User-Agent, Referer) cannot forge lines or reach a terminal as escape
# sequences.
. "$(dirname "$0")/lib.sh"
backend_independent

setup_project
echo pw | darn user add alice --email alice@example.com --password-stdin \
	>/dev/null
token=$(darn user token alice)
start_server

# raw BYTES: sends the request BYTES (Python bytes literal syntax, without
# the b'') to the server as they are and prints the status line.
raw() {
	python3 - "$port" "$1" <<-'EOF'
	import ast, socket, sys
	request = ast.literal_eval("b'" + sys.argv[2] + "'")
	s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
	s.sendall(request)
	answer = b""
	while True:
	    chunk = s.recv(65536)
	    if not chunk:
	        break
	    answer += chunk
	print(answer.split(b"\r\n")[0].decode())
	EOF
}

# The line of the request whose target contains MARK.
log_line() {
	grep -a "$1" serve.log
}

test_expect_success 'a plain request: the Combined Log Format and the time' '
	curl -s -o /dev/null -A "curl/test" -e "http://ref.example/x" \
		"$base/api/projects/?per_page=1&q=a%20b" &&
	line=$(log_line "per_page=1") &&
	echo "$line" | grep -E -q "^127\.0\.0\.1 - - \[[0-3][0-9]/[A-Z][a-z][a-z]/20[0-9][0-9]:[0-2][0-9]:[0-5][0-9]:[0-6][0-9] \+0000\] \"GET /api/projects/\?per_page=1&q=a%20b HTTP/1\.1\" 200 [0-9]+ \"http://ref\.example/x\" \"curl/test\" [0-9]+\.[0-9]+$" ||
	{ echo "$line"; false; }
'

test_expect_success 'the authenticated user; - when anonymous or unknown' '
	curl -s -o /dev/null -H "Authorization: Token $token" \
		"$base/api/users/?mark=tok" &&
	log_line "mark=tok" | grep -q "^127\.0\.0\.1 - alice \[" &&
	curl -s -o /dev/null -u "alice:wrong" "$base/api/users/?mark=bad" &&
	log_line "mark=bad" | grep -q "^127\.0\.0\.1 - - \[.*\" 403 "
'

test_expect_success 'HEAD: no body bytes' '
	curl -s -I -o /dev/null "$base/api/projects/?mark=head" &&
	log_line "mark=head" | grep -q "\"HEAD /api/projects/?mark=head HTTP/1.1\" 200 0 "
'

test_expect_success 'control characters, quotes and ESC in path, query and headers' '
	raw "GET /api/x%0Aforged%20line%1B[2J/?mark=ctl&q=a%0D%0Ab%1B%5B31m%22%5C%7F HTTP/1.1\r\nHost: 127.0.0.1:$port\r\nUser-Agent: ua\x1b[31mred\x1b[0m \"quoted\" back\\\\slash \x7f\xff\xfe \xc3\xa9\r\nReferer: http://x/\"y\x1b]0;title\x07\r\nConnection: close\r\n\r\n" >status &&
	grep -q "^HTTP/1.1 400" status &&
	line=$(log_line "mark=ctl") &&
	expect_eq 1 "$(log_line "mark=ctl" | wc -l)" lines &&
	! grep -q "^forged" serve.log &&
	! grep -q "$(printf "\033")" serve.log &&
	! grep -q "$(printf "\177")" serve.log &&
	! grep -q "$(printf "\r")" serve.log &&
	echo "$line" | grep -F -q "\"GET /api/x%0Aforged%20line%1B%5B2J/?mark=ctl&q=a%0D%0Ab%1B%5B31m%22%5C%7F HTTP/1.1\" 400 " &&
	echo "$line" | grep -F -q "\"ua\\x1B[31mred\\x1B[0m \\x22quoted\\x22 back\\x5Cslash \\x7F\\xFF\\xFE é\"" &&
	echo "$line" | grep -F -q "\"http://x/\\x22y\\x1B]0;title\\x07\" \"ua" ||
	{ echo "$line"; false; }
'

stop_server

test_expect_success 'no password or token in the log' '
	! grep -q "$token" serve.log && ! grep -q wrong serve.log
'

test_done
