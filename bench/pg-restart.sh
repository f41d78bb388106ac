#!/bin/sh
# Benchmark and check (issue 9): PostgreSQL stopped and restarted under
# load. Two `darn serve` processes on one database of a durable private
# cluster (tests/tools/pg-cluster start --durable), one wrk on each with
# bench/pg-restart.lua: reads of lists, details, comments, checks, events
# and mboxes, and token writes (PATCH a patch's state, POST a check).
# While the load runs the server is stopped (`pg-cluster pause`: pg_ctl
# stop -m fast) and started again, then restarted with pg_ctl restart -m
# fast and -m immediate (a crash: recovery from the WAL). Prints the
# status counts of every second and checks:
#   - only 200, 201 and 503 answers: no 500, no other status;
#   - no connection error (reset, refused, timeout) in either wrk;
#   - both darn serve processes alive at the end (never restarted);
#   - within RECOVER seconds after the server is back every answer is
#     2xx again, until the next outage.
# Exits 1 when a check fails.
#
# The data: SOURCE_DB, a SQLite darn database copied in with `darn db
# copy` (a copy of build/golden/linux-cifs.db, say), or by default 300
# generated series (tests/tools/make-thread-mbox.py). DARN (default
# ./darn), DARN_WORK (default build/bench-pg-restart), THREADS per server
# (4), CONNECTIONS per wrk (8), RECOVER (5).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
darn=${DARN:-$top/darn}
work=${DARN_WORK:-$top/build/bench-pg-restart}
threads=${THREADS:-4}
connections=${CONNECTIONS:-8}
recover=${RECOVER:-5}
command -v wrk >/dev/null || { echo "pg-restart: wrk is not installed"; exit 1; }
rm -rf "$work"
mkdir -p "$work"
. "$top/bench/pg-lib.sh"
db=$(pg_database site)
export DARN_DATABASE="$db"

"$darn" init >/dev/null
if [ -n "${SOURCE_DB:-}" ]; then
	"$darn" db copy "$SOURCE_DB" "$db" >/dev/null
else
	"$darn" project add --linkname test --name Test \
		--listid test.darn.example --listemail list@test.darn.example \
		>/dev/null
	python3 "$top/tests/tools/make-thread-mbox.py" 300 1 >"$work/site.mbox"
	"$darn" parsearchive "$work/site.mbox" >/dev/null
fi
"$psql" -X -q "$db" -c "VACUUM ANALYZE"
# the project with the most patches, and a maintainer of it
project=$("$psql" -X -A -t "$db" -c "SELECT p.linkname FROM project p
	JOIN patch s ON s.project_id = p.id GROUP BY p.linkname
	ORDER BY COUNT(*) DESC LIMIT 1")
"$darn" user add pgrestart --email pgrestart@example.com >/dev/null
"$darn" project edit "$project" --add-maintainer pgrestart >/dev/null
token=$("$darn" user token pgrestart | tail -1)

# serve PORTFILE LOG: a darn serve on a free port; its pid joins $pids.
serve() {
	port=$(free_port)
	"$darn" serve --listen "127.0.0.1:$port" --threads "$threads" \
		2>"$work/$2" &
	pids="$pids $!"
	echo "$! $port" >"$work/$1"
	for i in $(seq 50); do
		curl -s -o /dev/null "http://127.0.0.1:$port/api/" && return
		sleep 0.1
	done
	echo "pg-restart: darn serve did not start"; cat "$work/$2"; exit 1
}
serve one serve1.log
serve two serve2.log
read -r pid1 port1 <"$work/one"
read -r pid2 port2 <"$work/two"

# 100 patches of the project: their ids and mbox paths
curl -s "http://127.0.0.1:$port1/api/patches/?project=$project&per_page=100" |
	python3 -c '
import json, sys, urllib.parse
p = json.load(sys.stdin)
print(",".join(str(x["id"]) for x in p))
print(" ".join(urllib.parse.urlsplit(x["mbox"]).path for x in p))' >"$work/patches"
PGR_PATCHES=$(sed -n 1p "$work/patches")
PGR_MBOXES=$(sed -n 2p "$work/patches")
export PGR_TOKEN="$token" PGR_PROJECT="$project" PGR_PATCHES PGR_MBOXES

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "data: $("$psql" -X -A -t "$db" -c "SELECT COUNT(*) FROM patch") patches; project $project; 2 servers x $threads threads; 2 wrk x $connections connections"

# event NAME: the wall-clock second an event happened at, for the checks.
event() {
	echo "$(date +%s) $1" >>"$work/events"
	echo "$(date +%T) $1"
}

# wrk runs until interrupted (SIGINT: it prints its summary then)
for n in 1 2; do
	eval port=\$port$n
	wrk -t2 -c"$connections" -d600s --timeout 10s \
		-s "$top/bench/pg-restart.lua" "http://127.0.0.1:$port" \
		>"$work/wrk$n.out" 2>&1 &
	eval wrk$n=\$!
done
event start
sleep 6
event down
"$cluster" pause "$uri"
sleep 5
"$cluster" resume "$uri"
event up
sleep 10
event down
"$cluster" restart "$uri" fast
event up
sleep 10
event down
"$cluster" restart "$uri" immediate
event up
sleep 10
event end
kill -INT $wrk1 $wrk2
wait $wrk1 $wrk2 || true
alive=
for p in $pid1 $pid2; do
	kill -0 "$p" 2>/dev/null && alive="$alive $p"
done

python3 - "$work" "$recover" "$pid1 $pid2" "$alive" <<'PY'
import collections, re, sys
work, recover = sys.argv[1], int(sys.argv[2])
pids, alive = sys.argv[3].split(), sys.argv[4].split()
counts = collections.defaultdict(collections.Counter)
errors = []
for n in (1, 2):
    text = open("%s/wrk%d.out" % (work, n)).read()
    for sec, status, c in re.findall(r"^count (\d+) (\d+) (\d+)$", text, re.M):
        counts[int(sec)][int(status)] += int(c)
    m = re.search(r"^errors connect (\d+) read (\d+) write (\d+) status \d+ timeout (\d+)$",
                  text, re.M)
    if not m:
        errors.append("wrk %d printed no counts:\n%s" % (n, text))
    elif any(int(x) for x in m.groups()):
        errors.append("wrk %d: socket errors connect %s read %s write %s timeout %s"
                      % ((n,) + m.groups()))
events = [(int(t), name) for t, name in
          (l.split() for l in open(work + "/events"))]
t0 = events[0][0]
statuses = sorted({s for c in counts.values() for s in c})
print("second " + " ".join("%6d" % s for s in statuses) + "  event")
marks = collections.defaultdict(list)
for t, name in events:
    marks[t].append(name)
for sec in range(t0, max(counts) + 1):
    print("%6d " % (sec - t0) +
          " ".join("%6d" % counts[sec][s] for s in statuses) +
          "  " + " ".join(marks.get(sec, [])))
bad = [s for s in statuses if s not in (200, 201, 503)]
if bad:
    errors.append("statuses other than 200, 201, 503: %s" %
                  ", ".join("%d (%d times)" % (s, sum(c[s] for c in counts.values()))
                            for s in bad))
if sorted(alive) != sorted(pids):
    errors.append("darn serve died: alive %s of %s" % (alive, pids))
# after each "up", every answer 2xx from up+recover until the next "down"
ends = [t for t, name in events if name in ("down", "end")]
for t, name in events:
    if name != "up":
        continue
    until = min(e for e in ends if e > t)
    late = [(sec - t0, counts[sec][503]) for sec in range(t + recover, until)
            if counts[sec][503] or any(s >= 300 and s != 503 for s in counts[sec])]
    served = sum(counts[sec][200] + counts[sec][201]
                 for sec in range(t + recover, until))
    if late:
        errors.append("server back at second %d, still 503 at %s" % (t - t0, late))
    if not served and until > t + recover:
        errors.append("server back at second %d, nothing served after it" % (t - t0))
total = collections.Counter()
for c in counts.values():
    total.update(c)
print("total: " + ", ".join("%d: %d" % kv for kv in sorted(total.items())))
for e in errors:
    print("FAIL: " + e)
if not errors:
    print("ok: only 200/201/503, no socket error, both servers alive, "
          "full service within %d s after each restart" % recover)
sys.exit(1 if errors else 0)
PY
