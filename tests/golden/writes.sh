#!/bin/sh
# Replays Patchwork's write scenario (../shared/golden/writes: 332 REST
# and XML-RPC writes recorded from Patchwork 3.1.3, every role) against a
# darn server on a fresh database, with the steering repository's tool,
# and prints its last lines. Fails when the share of identical answers
# (leaving out the 5 steps where Patchwork answered 500) is below
# DARN_WRITES_MIN (default 97, what issue 8 asks; 98.17 reached).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=${DARN_SHARED:-$top/../shared}
darn=${DARN:-$top/darn}
min=${DARN_WRITES_MIN:-97}
work=$top/build/golden/writes
rm -rf "$work"
mkdir -p "$work"
db=$work/w.db
"$darn" --database "$db" init >/dev/null
port=$(( 30000 + $$ % 20000 ))
"$darn" --database "$db" serve --listen 127.0.0.1:$port \
	--base-url http://127.0.0.1:$port 2>"$work/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for i in $(seq 50); do
	curl -s -o /dev/null "http://127.0.0.1:$port/api/" && break
	sleep 0.1
done
python3 "$shared/tools/writes_golden_compare.py" "$shared/golden/writes" \
	"http://127.0.0.1:$port" --darn "$darn" --db "$db" --ingest \
	--show 400 >"$work/differences.txt" 2>&1 || true
tail -n 2 "$work/differences.txt"
echo "differences: $work/differences.txt"
pct=$(sed -n 's/^without the 5 steps where the reference answered 500: \([0-9.]*\)%.*/\1/p' \
	"$work/differences.txt")
[ -n "$pct" ] || { echo "writes: the replay tool printed no result"; exit 1; }
if [ "$(echo "$pct < $min" | bc)" = 1 ]; then
	echo "writes: $pct% identical is below DARN_WRITES_MIN=$min%"
	exit 1
fi
