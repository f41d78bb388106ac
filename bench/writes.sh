#!/bin/sh
# Benchmark of the REST writes (issue 8): wrk with a Lua script against
# `darn serve`, a maintainer's token, on a database of 700 generated
# series (tests/tools/make-thread-mbox.py). Prints req/s and latency for
#   - PATCH /api/patches/N/ {"state": ...}, alternating two states over
#     100 patches (every request changes a state and stores an event);
#   - POST /api/patches/N/checks/ over the same patches.
# Every write is durable before its answer (synchronous=FULL); the
# server groups concurrent writes into one commit (src/http/writer.h).
# DARN_SLOW_SYNC_US=2000 adds 2 ms to every fsync (bench/slow-sync.c),
# as on a slow virtual disk.
#
#   bench/writes.sh [SECONDS] [SERVER_THREADS]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-10}
threads=${2:-4}
darn=${DARN:-$top/darn}
work=$top/build/bench-writes
rm -rf "$work"
mkdir -p "$work"
db=$work/w.db
command -v wrk >/dev/null || { echo "writes.sh: needs wrk"; exit 1; }

"$darn" --database "$db" init >/dev/null
"$darn" --database "$db" project add --linkname test --name Test \
	--listid test.darn.example --listemail list@test.darn.example >/dev/null
python3 "$top/tests/tools/make-thread-mbox.py" 700 1 >"$work/t.mbox"
"$darn" --database "$db" parsearchive "$work/t.mbox" >/dev/null
echo pass | "$darn" --database "$db" user add maint --email m@x.org \
	--password-stdin >/dev/null
"$darn" --database "$db" project edit test --add-maintainer maint >/dev/null
token=$("$darn" --database "$db" user token maint | tail -1)

preload=
if [ -n "${DARN_SLOW_SYNC_US:-}" ]; then
	cc -O2 -shared -fPIC -o "$work/slow-sync.so" "$top/bench/slow-sync.c" -ldl
	preload=$work/slow-sync.so
fi
port=$(( 30000 + $$ % 20000 ))
LD_PRELOAD=$preload "$darn" --database "$db" serve --listen 127.0.0.1:$port --threads "$threads" \
	--base-url http://127.0.0.1:$port 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for i in $(seq 50); do
	curl -s -o /dev/null "http://127.0.0.1:$port/api/" && break
	sleep 0.1
done

cat >"$work/state.lua" <<LUA
local n = 0
request = function()
  n = n + 1
  local id = 1 + n % 100
  local state = (math.floor(n / 100) % 2 == 0) and "accepted" or "rejected"
  return wrk.format("PATCH", "/api/patches/" .. id .. "/",
    {["Authorization"] = "Token $token",
     ["Content-Type"] = "application/json"},
    '{"state": "' .. state .. '"}')
end
LUA
cat >"$work/check.lua" <<LUA
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/api/patches/" .. (1 + n % 100) .. "/checks/",
    {["Authorization"] = "Token $token",
     ["Content-Type"] = "application/json"},
    '{"state": "success", "context": "bench"}')
end
LUA

echo "machine: $(nproc) cores; darn serve --threads $threads; $(date +%F)" \
	"${DARN_SLOW_SYNC_US:+; fsync +${DARN_SLOW_SYNC_US} us}"
[ -n "${DARN_BENCH_STRACE:-}" ] && { strace -c -f -o "$work/strace.out" -p $pid 2>/dev/null & perfpid=$!; sleep 1; }
[ -n "${DARN_BENCH_PERF:-}" ] && { perf record -g -o "$work/perf.data" -p $pid 2>/dev/null & perfpid=$!; }
for script in state check; do
	wrk -t2 -c8 -d"${secs}s" --latency -s "$work/$script.lua" \
		"http://127.0.0.1:$port" >"$work/$script.out" 2>&1
	rps=$(awk '/Requests\/sec/ {print $2}' "$work/$script.out")
	p50=$(awk '$1 == "50%" {print $2}' "$work/$script.out")
	p99=$(awk '$1 == "99%" {print $2}' "$work/$script.out")
	non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/$script.out")
	echo "$script: $rps req/s, p50 $p50, p99 $p99, non-2xx ${non2xx:-0}"
done
