#!/bin/sh
# darn serve's --listen (and [server] listen): ADDR:PORT, [IPv6]:PORT,
# NAME:PORT and a bare PORT (loopback); a busy port names the address it
# could not take; `make demo` takes its port from PORT.
. "$(dirname "$0")/lib.sh"
backend_independent

setup_project

# A port nothing listens on (the kernel picks it; race-free enough here).
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# serve_on LISTEN URL: starts darn serve --listen LISTEN, fetches URL,
# stops the server; the answer's status line in ./status.
serve_on() {
	"$DARN" serve --listen "$1" 2>serve.log &
	pid=$!
	for i in $(seq 50); do
		curl -s -o /dev/null "$2" && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.1
	done
	curl -s -o /dev/null -w "%{http_code}\n" "$2" >status
	kill -TERM $pid 2>/dev/null
	wait $pid
	cat serve.log
	expect_eq 200 "$(cat status)" "status of $2"
}

test_expect_success 'ADDR:PORT' '
	p=$(free_port) && serve_on "127.0.0.1:$p" "http://127.0.0.1:$p/api/"
'

test_expect_success 'a bare port listens on 127.0.0.1' '
	p=$(free_port) && serve_on "$p" "http://127.0.0.1:$p/api/" &&
	grep -q "on http://127.0.0.1:$p/" serve.log
'

test_expect_success 'localhost:PORT' '
	p=$(free_port) && serve_on "localhost:$p" "http://127.0.0.1:$p/api/"
'

if python3 -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' 2>/dev/null; then
	test_expect_success '[::1]:PORT' '
		p=$(free_port) && serve_on "[::1]:$p" "http://[::1]:$p/api/" &&
		grep -q "on http://\[::1\]:$p/" serve.log &&
		grep "GET /api/" serve.log | grep -q " 200 "
	'
else
	echo "# skipped [::1]: this machine has no IPv6 loopback"
fi

test_expect_success 'a busy port says which address it could not take' '
	python3 -c "
import socket, sys, time
s = socket.socket(); s.bind((\"127.0.0.1\", 0)); s.listen()
print(s.getsockname()[1], flush=True)
time.sleep(30)" >busy &
	holder=$!
	for i in $(seq 50); do test -s busy && break; sleep 0.1; done
	p=$(cat busy) &&
	expect_exit 69 "$DARN" serve --listen "127.0.0.1:$p" 2>err
	rc=$?
	kill $holder
	cat err &&
	test $rc = 0 &&
	expect_eq "darn: cannot listen on '"'"'127.0.0.1:$p'"'"': Address already in use" "$(cat err)"
'

test_expect_success 'malformed listen values: 64 and what is expected' '
	for bad in "" "127.0.0.1" "127.0.0.1:" "127.0.0.1:99999" "[::1" "::1:8000" \
		"host:port" "1.2.3.4.5:80" "[::1]x:80"; do
		expect_exit 64 "$DARN" serve --listen "$bad" 2>err || return 1
		grep -q "cannot listen on" err || return 1
	done
'

test_expect_success 'a name that does not resolve: 69 with the reason' '
	expect_exit 69 "$DARN" serve --listen "no-such-host.invalid:8000" 2>err &&
	cat err && grep -q "cannot listen on '"'"'no-such-host.invalid:8000'"'"'" err
'

test_expect_success 'make demo takes the port from PORT (default 8000)' '
	make -s -n -C "$TOP" demo PORT=8123 >demo &&
	grep -q "serve --listen 127.0.0.1:8123" demo &&
	grep -q "http://127.0.0.1:8123/" demo &&
	make -s -n -C "$TOP" demo >demo &&
	grep -q "serve --listen 127.0.0.1:8000" demo
'

test_done
