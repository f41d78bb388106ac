#!/bin/sh
# Replays the web pages Patchwork 3.1.3 served (../shared/golden/web: 55
# pages on the data the shared writes scenario leaves behind) against a
# darn server on a fresh database, with the steering repository's tools:
# first the writes scenario (to get the same data), then the pages. Prints
# the tool's last lines; the full differences go to
# build/golden/web/differences.txt. Fails when the share of identical
# pages is below DARN_WEB_MIN (default 67: 38 of 55 on 2026-12-07 with
# the patch forms and the bulk action; the bundle and todo pages are
# still missing, and the differences docs/compatibility.md lists stay;
# raise it as pages arrive).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=${DARN_SHARED:-$top/../shared}
darn=${DARN:-$top/darn}
min=${DARN_WEB_MIN:-67}
work=$top/build/golden/web
rm -rf "$work"
mkdir -p "$work"
db=$work/w.db
# the reference's site domain (Django's default Site), which its
# pwclientrc download names
export DARN_WEB_SITE_DOMAIN=example.com
"$darn" --database "$db" init >/dev/null
port=$(( 30000 + ($$ + 7) % 20000 ))
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
	>"$work/writes.txt" 2>&1 || true
python3 "$shared/tools/web_golden_compare.py" "$shared/golden/web" \
	"http://127.0.0.1:$port" ${DARN_WEB_ONLY:+--only "$DARN_WEB_ONLY"} \
	--show 100 >"$work/differences.txt" 2>&1 || true
tail -n 1 "$work/differences.txt"
echo "differences: $work/differences.txt"
pct=$(sed -n 's/^identical: \([0-9.]*\)%.*/\1/p' "$work/differences.txt")
[ -n "$pct" ] || { echo "web: the replay tool printed no result"; exit 1; }
if [ "$(echo "$pct < $min" | bc)" = 1 ]; then
	echo "web: $pct% identical is below DARN_WEB_MIN=$min%"
	exit 1
fi
