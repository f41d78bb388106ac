#!/bin/sh
# Memory of `darn serve` under load, on the linux-cifs database
# (build/golden/linux-cifs.db, built by tests/golden/linux-cifs.sh if
# missing). Prints the server's RSS (VmRSS) and peak RSS (VmHWM) after:
#
#   1. start;
#   2. wrk -t2 -c32 for S seconds over requests that touch the whole
#      database: random patch details (1..8579), patch lists sorted by
#      name at random pages (per_page=100: a sort each), random event
#      pages, random series mboxes;
#   3. 200 clients (from 127.0.0.2..127.0.0.8) that ask for the largest
#      series mbox (1.4 MB) and then do not read: each answer waits in
#      the server until its client reads it or leaves.
#
#   bench/serve-memory.sh                 # 30 s of wrk, --threads 8
#   bench/serve-memory.sh 10
#   DARN=/path/to/other/darn bench/serve-memory.sh   # another build
#
# Needs ./darn (make), wrk, python3 and sqlite3.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/golden/lib.sh"

secs=${1:-30}
threads=${DARN_BENCH_THREADS:-8}
command -v wrk > /dev/null || { echo "serve-memory.sh: needs wrk (apt-get install wrk)"; exit 1; }
golden_db

mem() {
	awk '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 }
		END { printf "RSS %.1f MB, peak %.1f MB", r / 1024, h / 1024 }' \
		"/proc/$serve_pid/status"
}

lua=$work/serve-memory.lua
cat > "$lua" <<'EOF'
math.randomseed(os.time())
request = function()
	local k = math.random(4)
	local path
	if k == 1 then
		path = "/api/patches/" .. math.random(8579) .. "/"
	elseif k == 2 then
		path = "/api/patches/?per_page=100&order=name&page=" .. math.random(85)
	elseif k == 3 then
		path = "/api/events/?page=" .. math.random(1000)
	else
		path = "/series/" .. math.random(2927) .. "/mbox/"
	end
	return wrk.format(nil, path)
end
EOF

trap 'serve_stop' EXIT INT TERM
# 0: the slow readers come from a few addresses only.
export DARN_HTTP_MAX_CONNECTIONS_PER_IP=0
serve_start "$db" "$work/serve-memory.log" --threads "$threads"
echo "darn serve --threads $threads ($darn), $(date -u +%Y-%m-%d), $(nproc) cores"
echo "after start:                   $(mem)"
out=$(wrk -t2 -c32 -d"${secs}s" -s "$lua" "$serve_url")
rps=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ { print $2 }')
echo "after wrk ${secs}s ($rps req/s):  $(mem)"
python3 - "${serve_url##*:}" "$serve_pid" <<'EOF'
import socket, sys, time
port, pid = int(sys.argv[1]), sys.argv[2]
conns, statuses = [], {}
for i in range(200):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.bind(("127.0.0.%d" % (2 + i % 7), 0))
    s.connect(("127.0.0.1", port))
    s.sendall(b"GET /series/2747/mbox/ HTTP/1.1\r\nHost: x\r\n\r\n")
    conns.append(s)
time.sleep(5)
status = dict(l.split(":", 1) for l in open("/proc/%s/status" % pid))
kb = lambda k: int(status[k].split()[0]) / 1024
print("with 200 slow readers:         RSS %.1f MB, peak %.1f MB" %
      (kb("VmRSS"), kb("VmHWM")))
for s in conns:
    s.settimeout(1)
    try:
        head = s.recv(64)
        code = head.split(b" ")[1].decode() if head.startswith(b"HTTP/") else "?"
    except OSError:
        code = "none"
    statuses[code] = statuses.get(code, 0) + 1
print("slow readers' answers:", ", ".join("%s x %d" % kv for kv in sorted(statuses.items())))
EOF
