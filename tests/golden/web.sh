#!/bin/sh
# Replays the web pages Patchwork 3.1.3 served (../shared/golden/web: 55
# pages on the data the shared writes scenario leaves behind) against a
# darn server on a fresh database, with the steering repository's tools:
# first the writes scenario (to get the same data), then the pages. Prints
# the tool's last lines; the full differences go to
# build/golden/web/differences.txt. Pages that differ only where darn
# deliberately does not copy a Patchwork bug (web-expected-differences.tsv,
# each in docs/compatibility.md) count as explained; fails when identical
# plus explained pages are below DARN_WEB_MIN percent (raise it as pages
# arrive).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=${DARN_SHARED:-$top/../shared}
darn=${DARN:-$top/darn}
min=${DARN_WEB_MIN:-70}
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
python3 "$top/tests/golden/web-explained.py" --min "$min" \
	"$work/differences.txt" "$top/tests/golden/web-expected-differences.tsv"
