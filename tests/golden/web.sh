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
. "$(dirname "$0")/lib.sh"
min=${DARN_WEB_MIN:-95}
# the reference's site domain (Django's default Site), which its
# pwclientrc download names
export DARN_WEB_SITE_DOMAIN=example.com
writes_scenario_server web
# web-compare.py: the tool, with links to darn's own pages (the series
# pages, which Patchwork has not) left out of the compared links
python3 "$top/tests/golden/web-compare.py" "$shared/tools" "$shared/golden/web" \
	"$serve_url" ${DARN_WEB_ONLY:+--only "$DARN_WEB_ONLY"} \
	--show 100 >"$work/differences.txt" 2>&1 || true
tail -n 1 "$work/differences.txt"
echo "differences: $work/differences.txt"
python3 "$top/tests/golden/web-explained.py" --min "$min" \
	"$work/differences.txt" "$top/tests/golden/web-expected-differences.tsv"
