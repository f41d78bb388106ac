#!/bin/sh
# Benchmark: the web pages people load most, on the linux-cifs database,
# on SQLite and PostgreSQL, anonymous and logged in (issue 10: the
# project's patch list of 100 rows >= 2,000 req/s with p99 <= 10 ms, a
# patch page >= 5,000 req/s; Patchwork 3.1.3 on this machine: 19 req/s,
# p99 482 ms for the list).
#
#   bench/web-pages.sh SQLITE-DB [SECS]
#   bench/web-pages.sh build/golden/linux-cifs.db 5
#
# SQLITE-DB (a linux-cifs database; copied, never changed) is served as
# it is and, copied with `darn db copy`, from a private durable
# PostgreSQL cluster (bench/pg-lib.sh; PG_SETTINGS, default
# random_page_cost=1.1, then VACUUM ANALYZE); BACKENDS=sqlite skips
# PostgreSQL. A user `bench` (100 items per page, Patchwork's default)
# logs in through the login form for the logged-in runs, whose requests
# carry its session cookie. Each page runs `wrk -t2 -c8 --latency` for
# SECS seconds (default 5) per server, ROUNDS times (default 2). Prints
# req/s, p50, p99, non-2xx answers, the CPU time darn spent per request
# (/proc; less sensitive to the machine's load than req/s) and the load.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/wrk.sh"
src=${1:?usage: web-pages.sh SQLITE-DB [SECS]}
secs=${2:-5}
rounds=${ROUNDS:-2}
backends=${BACKENDS:-sqlite pg}
work=$(mktemp -d "${TMPDIR:-/tmp}/darn-web-pages.XXXXXX")
darn=$work/darn
cp "${DARN:-$top/darn}" "$darn"
cp "$src" "$work/cifs.db"
"$darn" --database "$work/cifs.db" migrate >/dev/null
case " $backends " in
*" pg "*)
	. "$top/bench/pg-lib.sh"
	trap 'for p in $pids; do kill $p 2>/dev/null || true; done;
		"$cluster" stop "$uri"; rm -rf "$work"' EXIT
	settings=${PG_SETTINGS:-random_page_cost=1.1}
	for s in $settings; do
		"$psql" -X -q "$uri" -c "ALTER SYSTEM SET $s" >/dev/null
	done
	"$psql" -X -q "$uri" -c "SELECT pg_reload_conf()" >/dev/null
	pg=$(pg_database cifs)
	"$darn" --database "$pg" init >/dev/null
	"$darn" db copy "$work/cifs.db" "$pg" >/dev/null
	"$psql" -X -q "$pg" -c "VACUUM ANALYZE"
	db_pg=$pg
	;;
*)
	pids=
	trap 'for p in $pids; do kill $p 2>/dev/null || true; done;
		rm -rf "$work"' EXIT
	;;
esac
trap 'exit 1' INT TERM
db_sqlite=$work/cifs.db

echo benchpw | "$darn" --database "$work/cifs.db" user add bench \
	--email bench@example.com --password-stdin >/dev/null
if [ -n "${db_pg:-}" ]; then
	echo benchpw | "$darn" --database "$db_pg" user add bench \
		--email bench@example.com --password-stdin >/dev/null
fi

# serve BACKEND: a server on that backend's database; its port in
# port_BACKEND, its pid in pid_BACKEND, a session cookie of `bench` in
# cookie_BACKEND.
serve() {
	eval "db=\$db_$1"
	port=$(python3 -c 'import socket; s = socket.socket();
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	bench_serve "$1" "$darn" "$db" "$port" \
		--base-url "http://127.0.0.1:$port"
	jar=$work/$1.jar
	(cd "$work" && python3 "$top/tests/tools/web-client.py" "$jar" post \
		"http://127.0.0.1:$port/user/login/" username=bench \
		password=benchpw >/dev/null)
	eval "cookie_$1=\"sessionid=\$(python3 '$top/tests/tools/web-client.py' '$jar' cookie sessionid)\""
}
for b in $backends; do
	serve "$b"
done

# the patch the API benchmarks read (4000), by its page (from the first
# backend's server: BACKENDS may leave one out)
first=${backends%% *}
eval "first_port=\$port_$first"
msgid=$(curl -s "http://127.0.0.1:$first_port/api/patches/4000/" |
	python3 -c 'import json, sys, urllib.parse
m = json.load(sys.stdin)["msgid"][1:-1]
print(urllib.parse.quote(m.replace("/", "%2F"), safe="@%+"))')
list=/project/linux-cifs-client/list/
patch=/project/linux-cifs-client/patch/$msgid/

ticks() {
	awk '{ print $14 + $15 }' "/proc/$1/stat"
}

echo "darn web pages, $(date -u +%Y-%m-%d), $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1))"
echo "wrk -t2 -c8 -d${secs}s --latency; darn serve --threads 4"
hz=$(getconf CLK_TCK)
for round in $(seq "$rounds"); do
	for path in "$list" "$patch"; do
		for who in anonymous bench; do
			for b in $backends; do
				eval "port=\$port_$b pid=\$pid_$b cookie=\$cookie_$b"
				set -- -t2 -c8 -d"${secs}s" --latency
				[ "$who" = bench ] && set -- "$@" -H "Cookie: $cookie"
				url=http://127.0.0.1:$port$path
				wrk -t2 -c2 -d1s "$url" >/dev/null
				t0=$(ticks "$pid")
				out=$(wrk "$@" "$url")
				t1=$(ticks "$pid")
				set -- $(wrk_fields "$out")
				reqs=$(echo "$1 * $secs" | bc)
				printf '%-6s %-9s %-5s %9s req/s p50 %-8s p99 %-8s non-2xx %s CPU/req %s us, load %s\n' \
					"$b" "$who" \
					"$([ "$path" = "$list" ] && echo list ||
						echo patch)" \
					"$1" "$2" "$3" "$4" \
					"$(echo "($t1 - $t0) * 1000000 / $hz / $reqs" | bc)" \
					"$(cut -d' ' -f1 /proc/loadavg)"
			done
		done
	done
done
