#!/bin/sh
# Benchmark: the REST API's reads on PostgreSQL beside SQLite, on the
# linux-cifs database (issue 9: patch list >= 3,000 req/s, detail >=
# 10,000 req/s, p99 <= 20 ms).
#
#   bench/postgresql-reads.sh SQLITE-DB [SECS]
#   bench/postgresql-reads.sh build/golden/linux-cifs.db 5
#
# SQLITE-DB (a linux-cifs database, e.g. build/golden/linux-cifs.db; it
# is copied, never changed) is copied with `darn db copy` into a private
# durable PostgreSQL cluster (tests/tools/pg-cluster start --durable) set
# as docs/postgresql.md recommends for serving (PG_SETTINGS, default
# random_page_cost=1.1), then VACUUM ANALYZE. One `darn serve --threads
# 4` per backend, and with DARN_BASE (another darn binary, say the one
# before a change) one more per backend; each request then runs `wrk
# -t2 -c8 --latency` for SECS seconds (default 5) against each server in
# turn, ROUNDS times (default 2), so that a change of the machine's load
# touches every server alike. Prints req/s, p50, p99 and the CPU time
# darn and the PostgreSQL backends spent per request (/proc), which
# depends less on the load than req/s does.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/wrk.sh"
src=${1:?usage: postgresql-reads.sh SQLITE-DB [SECS]}
secs=${2:-5}
rounds=${ROUNDS:-2}
settings=${PG_SETTINGS:-random_page_cost=1.1}
work=$(mktemp -d "${TMPDIR:-/tmp}/darn-pg-reads.XXXXXX")
cp "${DARN:-$top/darn}" "$work/darn"
[ -n "${DARN_BASE:-}" ] && cp "$DARN_BASE" "$work/darn-base"
pids=
uri=
stop_all() {
	for pid in $pids; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	[ -n "$uri" ] && "$top/tests/tools/pg-cluster" stop "$uri"
	rm -rf "$work"
}
trap stop_all EXIT
trap 'exit 1' INT TERM

psql=$(command -v psql || echo "$("$top/tests/tools/pg-cluster" available)/psql")
uri=$("$top/tests/tools/pg-cluster" start --durable)
cluster=$(printf '%s\n' "$uri" | sed 's/.*host=//')
pg=$(printf '%s\n' "$uri" | sed 's,/postgres?,/cifs?,')
"$psql" -X -q "$uri" -c "CREATE DATABASE cifs"
for s in $settings; do
	"$psql" -X -q "$uri" -c "ALTER SYSTEM SET $s" >/dev/null
done
"$psql" -X -q "$uri" -c "SELECT pg_reload_conf()" >/dev/null
cp "$src" "$work/cifs.db"
"$work/darn" --database "$pg" init >/dev/null
"$work/darn" db copy "$work/cifs.db" "$pg" >/dev/null
"$psql" -X -q "$pg" -c "VACUUM ANALYZE"
postmaster=$(head -n 1 "$cluster/data/postmaster.pid")

# serve NAME BINARY DATABASE: a server (bench_serve), its port in
# port_NAME.
n=0
serve() {
	n=$((n + 1))
	bench_serve "$1" "$2" "$3" $((18700 + n))
}
servers="sqlite pg"
serve sqlite "$work/darn" "$work/cifs.db"
serve pg "$work/darn" "$pg"
if [ -n "${DARN_BASE:-}" ]; then
	servers="sqlite base_sqlite pg base_pg"
	serve base_sqlite "$work/darn-base" "$work/cifs.db"
	serve base_pg "$work/darn-base" "$pg"
fi

# ticks PID...: CPU time (user + system, clock ticks) of these processes.
ticks() {
	cat "$@" 2>/dev/null | awk '{ t += $14 + $15 } END { print t }'
}
backends() {
	for p in $postmaster $(pgrep -P "$postmaster"); do
		echo "/proc/$p/stat"
	done
}

echo "darn reads on PostgreSQL, $(date -u +%Y-%m-%d), $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1))"
echo "PostgreSQL settings: $settings; wrk -t2 -c8 -d${secs}s --latency; darn serve --threads 4"
hz=$(getconf CLK_TCK)
for round in $(seq "$rounds"); do
	for path in "/api/patches/?project=linux-cifs-client&per_page=30" \
		"/api/patches/?project=linux-cifs-client&per_page=250" \
		"/api/patches/4000/"; do
		for s in $servers; do
			eval "port=\$port_$s pid=\$pid_$s"
			url=http://127.0.0.1:$port$path
			wrk -t2 -c2 -d1s "$url" >/dev/null # warm the connections
			d0=$(ticks /proc/$pid/stat)
			p0=$(ticks $(backends))
			out=$(wrk -t2 -c8 -d"${secs}s" --latency "$url")
			d1=$(ticks /proc/$pid/stat)
			p1=$(ticks $(backends))
			set -- $(wrk_fields "$out")
			reqs=$(echo "$1 * $secs" | bc)
			printf '%-12s %-58s %9s req/s p50 %-8s p99 %-8s non-2xx %s CPU/req: darn %s us, postgres %s us, load %s\n' \
				"$s" "$path" "$1" "$2" "$3" "$4" \
				"$(echo "($d1 - $d0) * 1000000 / $hz / $reqs" | bc)" \
				"$(echo "($p1 - $p0) * 1000000 / $hz / $reqs" | bc)" \
				"$(cut -d' ' -f1 /proc/loadavg)"
		done
	done
done
