#!/bin/sh
# Benchmark and check (issue 9): darn db copy of a SQLite database to
# PostgreSQL and from there to a new SQLite file. Prints the time and
# peak RSS of both copies, then serves the three databases and compares
# every answer below the base URL (tests/tools/rest-snapshot.py: every
# list page, object, comment, check, event page, mbox and raw download)
# byte for byte. Exits 1 when they differ.
#
# SOURCE_DB: the SQLite database (default build/golden/linux-cifs.db of
# `make golden`; never written: it is copied first). PostgreSQL is a
# durable private cluster (tests/tools/pg-cluster start --durable).
# DARN (default ./darn), DARN_WORK (default build/bench-copy-pg).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
darn=${DARN:-$top/darn}
work=${DARN_WORK:-$top/build/bench-copy-pg}
source=${SOURCE_DB:-$top/build/golden/linux-cifs.db}
public=http://darn.test
[ -s "$source" ] || { echo "db-copy-pg: $source absent (SOURCE_DB)"; exit 1; }
rm -rf "$work"
mkdir -p "$work"
cp "$source" "$work/orig.db"

. "$top/bench/pg-lib.sh"
pg=$(pg_database copy)
"$darn" --database "$pg" init >/dev/null
"$darn" --database "$work/back.db" init >/dev/null

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
# copy NAME FROM TO
copy() {
	/usr/bin/time -f "%e %U %S %M" -o "$work/time" \
		"$darn" db copy "$2" "$3" >"$work/copy.out"
	read -r secs user sys kb <"$work/time"
	rows=$(sed -n 's/^copied \([0-9]*\) rows.*/\1/p' "$work/copy.out")
	echo "$1: $rows rows, $secs s (user $user s, sys $sys s)," \
		"peak RSS $((kb / 1024)) MB, load $(cut -d' ' -f1 /proc/loadavg)"
}
copy "SQLite -> PostgreSQL" "$work/orig.db" "$pg"
copy "PostgreSQL -> SQLite" "$pg" "$work/back.db"

# serve NAME DB: a server on DB with the public base URL; $base is
# where it listens.
serve() {
	port=$(free_port)
	"$darn" --database "$2" serve --listen "127.0.0.1:$port" \
		--base-url "$public" --threads 2 2>"$work/$1.log" &
	pids="$pids $!"
	for i in $(seq 100); do
		curl -s -o /dev/null "http://127.0.0.1:$port/api/" && break
		sleep 0.1
	done
	base=http://127.0.0.1:$port
}
start=$(date +%s)
for name in orig pg back; do
	case $name in
	pg) db=$pg ;;
	*) db=$work/$name.db ;;
	esac
	serve "$name" "$db"
	REST_SNAPSHOT_MAX_URLS=${MAX_URLS:-200000} python3 \
		"$top/tests/tools/rest-snapshot.py" "$base" "$public" \
		>"$work/$name.snap" &
	eval crawl_$name=\$!
done
wait $crawl_orig $crawl_pg $crawl_back
answers=$(grep -c "^$public/" "$work/orig.snap" || true)
echo "crawled $answers answers ($(du -m "$work/orig.snap" | cut -f1) MB) of each server in $(( $(date +%s) - start )) s"
status=0
for name in pg back; do
	if cmp "$work/orig.snap" "$work/$name.snap"; then
		echo "$name: every answer byte-identical to the original's"
	else
		status=1
		diff "$work/orig.snap" "$work/$name.snap" | head -20
	fi
done
exit $status
