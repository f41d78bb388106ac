#!/bin/sh
# The golden comparisons CI runs when ../shared exists: Patchwork's test
# mails and the linux-cifs archive. Fails when agreement drops below the
# floor the issue set (99.5% per column for linux-cifs).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
"$here/patchwork-tests.sh" | tail -n 2
out=$("$here/linux-cifs.sh")
printf '%s\n' "$out" | tail -n 3
pct=$(printf '%s\n' "$out" | tail -n 1 | sed 's/agreement: \(.*\)%/\1/')
floor=${DARN_AGREEMENT_FLOOR:-99.50}
if [ "$(echo "$pct < $floor" | bc)" = 1 ]; then
	echo "golden: linux-cifs agreement $pct% is below $floor%"
	exit 1
fi
