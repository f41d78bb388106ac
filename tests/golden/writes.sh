#!/bin/sh
# Replays Patchwork's write scenario (../shared/golden/writes: 332 REST
# and XML-RPC writes recorded from Patchwork 3.1.3, every role) against a
# darn server on a fresh database, with the steering repository's tool,
# and prints its last lines. Fails when the share of identical answers
# (leaving out the 5 steps where Patchwork answered 500) is below
# DARN_WRITES_MIN (default 97, what issue 8 asks; 98.17 reached).
set -eu
. "$(dirname "$0")/lib.sh"
min=${DARN_WRITES_MIN:-97}
writes_scenario_server writes --show 400
mv "$work/writes.txt" "$work/differences.txt"
tail -n 2 "$work/differences.txt"
echo "differences: $work/differences.txt"
pct=$(sed -n 's/^without the 5 steps where the reference answered 500: \([0-9.]*\)%.*/\1/p' \
	"$work/differences.txt")
[ -n "$pct" ] || { echo "writes: the replay tool printed no result"; exit 1; }
if [ "$(echo "$pct < $min" | bc)" = 1 ]; then
	echo "writes: $pct% identical is below DARN_WRITES_MIN=$min%"
	exit 1
fi
