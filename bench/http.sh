#!/bin/sh
# HTTP benchmark: wrk (2 threads, 8 connections, --latency) against
# `darn serve --threads N` on the linux-cifs database (build/golden/
# linux-cifs.db, built by tests/golden/linux-cifs.sh if missing), for the
# requests Patchwork's figures exist for. Prints, per server thread count
# and request: the status the request answers, req/s, p50 and p99 latency,
# and the server's RSS (VmRSS) before and after the run.
#
#   bench/http.sh                  # 20 s per request, --threads 2 and 4
#   bench/http.sh 5                # 5 s per request
#   DARN_BENCH_THREADS=4 bench/http.sh
#   DARN_BENCH_PATHS='/api/events/' bench/http.sh    # other requests
#
# Needs ./darn (make), the linux-cifs archive of ../shared (or an existing
# build/golden/linux-cifs.db), wrk (apt-get install wrk: installed here when
# run as root), python3 and sqlite3.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/golden/lib.sh"
. "$top/bench/wrk.sh"

secs=${1:-20}
threads_list=${DARN_BENCH_THREADS:-2 4}

if ! command -v wrk > /dev/null; then
	if [ "$(id -u)" = 0 ]; then
		apt-get install -y -q wrk > /dev/null ||
			{ apt-get update -q > /dev/null && apt-get install -y -q wrk > /dev/null; }
	fi
	command -v wrk > /dev/null || { echo "http.sh: needs wrk (apt-get install wrk)"; exit 1; }
fi
if [ ! -s "$db" ] && [ ! -f "$shared/corpus/linux-cifs.mbox.xz" ]; then
	echo "http.sh: no $db and no $shared/corpus/linux-cifs.mbox.xz"
	exit 1
fi
golden_db

# The msgid-based mbox URL of patch 711 (rest-api.md §1.2 quoting).
msgid=$(sqlite3 -batch -noheader "$db" "SELECT msgid FROM patch WHERE id = 711")
[ -n "$msgid" ] || { echo "http.sh: no patch 711 in $db"; exit 1; }
seg=$(python3 -c 'import sys, urllib.parse
m = sys.argv[1][1:-1].replace("/", "%2F")
print(urllib.parse.quote(m, safe="-._~!$&'"'"'()*+,;=:@/"))' "$msgid")

# The last two are the endpoints that existed first: a reference for the
# server's own overhead.
requests=${DARN_BENCH_PATHS:-"/api/patches/?per_page=30
/api/patches/?per_page=30&project=linux-cifs-client
/api/patches/711/
/api/series/
/project/linux-cifs-client/patch/$seg/mbox/
/api/
/api/projects/"}

rss() {
	awk '/^VmRSS:/ { printf "%.1f MB", $2 / 1024 }' "/proc/$serve_pid/status"
}


echo "darn HTTP benchmark, $(date -u +%Y-%m-%d), $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1))"
echo "wrk -t2 -c8 -d${secs}s --latency; database $db"
trap 'serve_stop' EXIT INT TERM
for threads in $threads_list; do
	serve_start "$db" "$work/bench-serve.log" --threads "$threads"
	echo
	echo "darn serve --threads $threads"
	printf '%-62s %6s %10s %9s %9s  %s\n' request status req/s p50 p99 "RSS before -> after"
	printf '%s\n' "$requests" | while IFS= read -r path; do
		url=$serve_url$path
		status=$(curl -s -o /dev/null -w '%{http_code}' "$url")
		before=$(rss)
		out=$(wrk -t2 -c8 -d"${secs}s" --latency "$url")
		after=$(rss)
		# shellcheck disable=SC2046 # four words: rps p50 p99 non-2xx
		set -- $(wrk_fields "$out")
		label=$(printf '%s' "$path" | awk -v s="$seg" '{
			i = index($0, s)
			if (i) $0 = substr($0, 1, i - 1) "<msgid of 711>" substr($0, i + length(s))
			print substr($0, 1, 62) }')
		printf '%-62s %6s %10s %9s %9s  %s -> %s' \
			"$label" "$status" "$1" "$2" "$3" "$before" "$after"
		[ "$4" = 0 ] || printf '  (%s non-2xx/3xx)' "$4"
		echo
	done
	serve_stop
done
