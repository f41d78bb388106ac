#!/bin/sh
# The reads issue 9 measures at a million patches, and a parsemail of a
# new mail, on several databases side by side (the generated one of
# bench/scale.sh and linux-cifs's, after bench/scale-writes gave it the
# same maintainers' states, delegates and checks). One `darn serve
# --threads 2` per database, all started first; then for each request
# wrk -t2 -c8 --latency runs against each database in turn, SECS seconds
# each, ROUNDS times (DARN_BENCH_ROUNDS, default 1), so a change in the
# machine's load touches every database alike (the VM is shared).
#
#   bench/scale-http.sh SECS DATABASE[:LIST-ID] ...
#   bench/scale-http.sh 10 build/scale/scale.db build/scale/cifs.db
#
# The parameters of each request come from each database: its first
# project, a submitter and a delegate of the patches in the middle of
# the list (the submitter most frequent among 250 patches there), the
# date of its 300th newest patch (`since` matches 300
# patches in both), its 1,000th page (or its last, when it has fewer), a
# patch in the middle. "series, pages 1-90" asks for each of the first
# 90 pages in turn (a wrk script): the first page's size depends on
# which series happen to be first. LIST-ID (default: the first
# project's) is where the parsemail mails go: 30 new mails of
# bench/gen-scale.py (seeded by the time), one darn process each,
# alternating between the databases. DARN picks the darn binary (copied
# first, so that a rebuild does not disturb the run).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/golden/lib.sh"
. "$top/bench/wrk.sh"
secs=${1:?usage: scale-http.sh SECS DATABASE[:LIST-ID] ...}
shift
rounds=${DARN_BENCH_ROUNDS:-1}
bench=$(mktemp -d "${TMPDIR:-/tmp}/darn-scale-http.XXXXXX")
cp "$darn" "$bench/darn"
darn=$bench/darn
pids=
stop_all() {
	for pid in $pids; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
}
trap 'stop_all; rm -rf "$bench"' EXIT
trap 'exit 1' INT TERM


# json URL EXPR: EXPR evaluated with j, the JSON body of URL.
json() {
	curl -s "$1" | python3 -c '
import json, sys
j = json.load(sys.stdin)
print(eval(sys.argv[1]))' "$2"
}

# last_page URL: the last page number of a list (Link header).
last_page() {
	curl -s -D - -o /dev/null "$1" | tr -d '\r' |
		sed -n 's/.*[?&]page=\([0-9]*\)[^>]*>; rel="last".*/\1/p'
}

cat > "$bench/pages.lua" <<'EOF'
counter = 0
request = function()
	counter = counter + 1
	return wrk.format("GET", "/api/series/?page=" .. (counter % 90 + 1))
end
EOF

python3 "$top/bench/gen-scale.py" --projects 1 --patches 16 \
	--seed "$(date +%s)" | python3 -c '
import sys
mails = sys.stdin.read().split("From mboxrd@z Thu Jan  1 00:00:00 1970\n")[1:]
for i, m in enumerate(mails[:30]):
    open("%s/mail%02d" % (sys.argv[1], i), "w").write(m)' "$bench"

echo "darn scale benchmark, $(date -u +%Y-%m-%d), $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1))"
echo "wrk -t2 -c8 -d${secs}s --latency, darn serve --threads 2, $rounds round(s)"

# Per database n: its server (url_n) and request parameters (req_n_k).
n=0
for arg in "$@"; do
	n=$((n + 1))
	# DATABASE:LIST-ID; a list id has no '/', a URI's last ':' does
	db=$arg listid=
	case ${arg##*:} in
	*/* | "$arg") ;;
	*) listid=${arg##*:} db=${arg%:*} ;;
	esac
	serve_start "$db" "$bench/serve$n.log" --threads 2
	pids="$pids $serve_pid"
	serve_pid=
	api=$serve_url/api
	[ -n "$listid" ] || listid=$(json "$api/projects/" 'j[0]["list_id"]')
	pages=$(last_page "$api/patches/")
	middle="$api/patches/?page=$((pages / 10))&per_page=250"
	submitter=$(json "$middle" '__import__("collections").Counter(
		p["submitter"]["id"] for p in j).most_common(1)[0][0]')
	delegate=$(json "$middle" \
		'[p["delegate"]["username"] for p in j if p["delegate"]][0]')
	since=$(json "$api/patches/?order=-date&per_page=1&page=300" \
		'j[0]["date"]')
	project=$(json "$api/projects/" 'j[0]["link_name"]')
	eval "db_$n=\$db url_$n=\$serve_url listid_$n=\$listid"
	eval "req_${n}_1=/api/patches/"
	eval "req_${n}_2=/api/patches/?page=$((pages < 1000 ? pages : 1000))"
	eval "req_${n}_3=/api/patches/?state=new"
	eval "req_${n}_4=/api/patches/?submitter=$submitter"
	eval "req_${n}_5=/api/patches/?delegate=$delegate"
	eval "req_${n}_6=/api/patches/?since=$since"
	eval "req_${n}_7='/api/patches/?project=$project&state=new&state=under-review&archived=false&order=-date'"
	eval "req_${n}_8=/api/patches/$(json "$middle" 'j[0]["id"]')/"
	eval "req_${n}_9=/api/series/"
	eval "req_${n}_10='series, pages 1-90'"
	eval "req_${n}_11=/api/events/"
	eval "req_${n}_12=/api/events/?category=patch-created"
	echo "$n: $db: $(last_page "$api/patches/?per_page=1") patches, $(last_page "$api/events/?per_page=1") events"
done

round=0
while [ $round -lt "$rounds" ]; do
	round=$((round + 1))
	echo
	echo "round $round, load $(cut -d' ' -f1-3 /proc/loadavg)"
	printf '%-3s %-52s %6s %9s %9s %9s\n' db request status req/s p50 p99
	k=0
	while [ $k -lt 12 ]; do
		k=$((k + 1))
		i=0
		while [ $i -lt $n ]; do
			i=$((i + 1))
			eval "url=\$url_$i path=\$req_${i}_$k"
			script=
			target=$url$path
			if [ "$k" = 10 ]; then
				script="-s $bench/pages.lua"
				target=$url/api/series/
			fi
			status=$(curl -s -o /dev/null -w '%{http_code}' "$target")
			# shellcheck disable=SC2086 # $script: nothing or two words
			out=$(wrk -t2 -c8 -d"${secs}s" --latency $script "$target")
			# shellcheck disable=SC2046 # four words: rps p50 p99 non-2xx
			set -- $(wrk_fields "$out")
			printf '%-3s %-52s %6s %9s %9s %9s' "$i" \
				"$(printf '%s' "$path" | cut -c1-52)" "$status" \
				"$1" "$2" "$3"
			[ "$4" = 0 ] || printf '  (%s non-2xx/3xx)' "$4"
			echo
		done
	done
done

# The same requests one at a time on a kept-alive connection, the
# databases taking turns every 20 requests: the median time of a request
# is what it costs the server, nearly free of the load of other programs
# (wrk's figures above are what two cores shared with them give).
echo
echo "one request at a time, 400 each, alternating (median, p90)"
k=0
while [ $k -lt 12 ]; do
	k=$((k + 1))
	[ "$k" = 10 ] && continue
	args=
	i=0
	while [ $i -lt $n ]; do
		i=$((i + 1))
		eval "args=\"\$args \$url_$i\$req_${i}_$k\""
	done
	# shellcheck disable=SC2086 # one URL per database
	python3 - $args <<'PY'
import http.client, statistics, sys, time, urllib.parse
urls = [urllib.parse.urlsplit(u) for u in sys.argv[1:]]
conns = [http.client.HTTPConnection(u.hostname, u.port) for u in urls]
times = [[] for _ in urls]
for rnd in range(20):
    for i, u in enumerate(urls):
        path = u.path + ("?" + u.query if u.query else "")
        for _ in range(20):
            t = time.perf_counter()
            conns[i].request("GET", path)
            conns[i].getresponse().read()
            times[i].append((time.perf_counter() - t) * 1000)
for i, u in enumerate(urls):
    t = sorted(times[i])
    print("%-3d %-52s %7.2f ms %7.2f ms" % (i + 1, (u.path + "?" + u.query
          if u.query else u.path)[:52], statistics.median(t),
          t[int(len(t) * 0.9)]))
PY
done
stop_all
pids=

# parsemail: the same 30 new mails into each database, alternating.
i=0
while [ $i -lt $n ]; do
	i=$((i + 1))
	eval "t_$i=0"
done
for m in "$bench"/mail*; do
	i=0
	while [ $i -lt $n ]; do
		i=$((i + 1))
		eval "db=\$db_$i listid=\$listid_$i t=\$t_$i"
		start=$(date +%s%N)
		"$darn" --database "$db" parsemail --list-id "$listid" "$m" \
			2>/dev/null || true
		end=$(date +%s%N)
		eval "t_$i=$((t + end - start))"
	done
done
i=0
while [ $i -lt $n ]; do
	i=$((i + 1))
	eval "echo \"parsemail, new mail, one process each, db $i: \$(( t_$i / 30 / 1000 )) us per mail (30 mails)\""
done
