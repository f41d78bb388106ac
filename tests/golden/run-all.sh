#!/bin/sh
# The golden comparisons CI runs when ../shared exists: Patchwork's test
# mails and the linux-cifs archive (storage), then the REST API and mbox
# downloads and the OpenAPI schemas on the same archive. Fails when the
# storage agreement drops below the floor the issue set (99.5% per column
# for linux-cifs), or when the API tools themselves are broken.
#
# The REST API and downloads must agree with Patchwork on at least
# DARN_API_MIN% of the golden responses (identical, or different only
# where docs/compatibility.md explains it), and every response must
# validate against its OpenAPI schema (DARN_OPENAPI_FATAL=0 relaxes it).
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

"$here/selftest.sh"
rc=0
out=$(DARN_API_MIN=${DARN_API_MIN:-99} "$here/api.sh") || rc=$?
printf '%s\n' "$out" | tail -n 5
if [ $rc -ne 0 ]; then
	echo "golden: API agreement below DARN_API_MIN=${DARN_API_MIN:-99}% (or api.sh failed)"
	exit 1
fi
out=$(DARN_OPENAPI_FATAL=${DARN_OPENAPI_FATAL:-1} "$here/openapi.sh") || rc=$?
printf '%s\n' "$out" | grep -E '^(Patchwork|  v1\.[0-9]\.yaml|valid:)'
if [ $rc -ne 0 ]; then
	echo "golden: OpenAPI validation failed (DARN_OPENAPI_FATAL=1)"
	exit 1
fi
out=$("$here/writes.sh") || rc=$?
printf '%s\n' "$out"
if [ $rc -ne 0 ]; then
	echo "golden: write scenario below its floor (DARN_WRITES_MIN)"
	exit 1
fi
out=$("$here/web.sh") || rc=$?
printf '%s\n' "$out"
if [ $rc -ne 0 ]; then
	echo "golden: web pages below their floor (DARN_WEB_MIN)"
	exit 1
fi
