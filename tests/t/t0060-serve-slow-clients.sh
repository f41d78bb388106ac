#!/bin/sh
# darn serve against slow clients (slowloris): connections that trickle a
# byte now and then must not lock other clients out. Each client address
# holds at most [http] max_connections_per_ip connections, the server at
# most [http] max_connections, and a request head and body must arrive
# within [http] request_timeout_s however steadily they trickle.
. "$(dirname "$0")/lib.sh"
backend_independent

probe() {
	python3 "$TOP/tests/tools/http-probe.py" "$@"
}
port_of() {
	echo "${base##*:}"
}

setup_project
start_server

# More slow connections than the whole server held before the limits
# (1,024): then every client waited for a free slot. Now each of the
# timed requests is answered within 100 ms (one may take up to 1 s: a
# loaded machine can pause any process that long once).
test_expect_success 'slow connections from one address leave the server free for others' '
	probe slowloris $(port_of) --conns 1100 --seconds 7 \
		--pid $server_pid >slow &&
	cat slow &&
	held=$(sed -n "s/^held //p" slow) &&
	test "$held" -le 32 &&
	test $(sed -n "s/^accepted //p" slow) -le 40 &&
	test $(grep -c "^probe" slow) -ge 8 &&
	! grep "^probe" slow | grep -v " 200$" &&
	! grep "^probe" slow | awk "\$2 >= 1000 { print }" | grep . &&
	test $(grep "^probe" slow | awk "\$2 >= 100 { print }" | wc -l) -le 1
'
stop_server

export DARN_HTTP_MAX_CONNECTIONS_PER_IP=0 DARN_HTTP_MAX_CONNECTIONS=64
start_server
unset DARN_HTTP_MAX_CONNECTIONS_PER_IP DARN_HTTP_MAX_CONNECTIONS

# Connections over the limit wait in the kernel's listen queue: count
# the sockets the server accepted.
test_expect_success 'max_connections bounds the whole server' '
	probe slowloris $(port_of) --conns 100 --seconds 4 --no-probe \
		--pid $server_pid >slow &&
	cat slow &&
	accepted=$(sed -n "s/^accepted //p" slow) &&
	test "$accepted" -le 64 && test "$accepted" -ge 32
'
stop_server

export DARN_HTTP_REQUEST_TIMEOUT_S=3
start_server
unset DARN_HTTP_REQUEST_TIMEOUT_S

test_expect_success 'a request head that trickles is cut after request_timeout_s' '
	t=$(probe trickle $(port_of)) &&
	echo "cut after $t s" &&
	test "$t" != open &&
	awk -v t="$t" "BEGIN { exit !(t >= 2.5 && t <= 8) }"
'

test_expect_success 'so is a request body that trickles' '
	t=$(probe trickle $(port_of) --body) &&
	echo "cut after $t s" &&
	test "$t" != open &&
	awk -v t="$t" "BEGIN { exit !(t >= 2.5 && t <= 8) }"
'

test_expect_success 'the server still answers after cutting them' '
	get "$base/api/" && grep -q "^HTTP/1.1 200" headers
'
stop_server

test_done
