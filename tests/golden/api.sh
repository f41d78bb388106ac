#!/bin/sh
# Replays every REST request and mbox download Patchwork 3.1.3 answered
# for the linux-cifs archive (shared/golden/linux-cifs/api and mbox)
# against `darn serve` on the same archive, and compares the responses
# (tests/golden/api.py says exactly what is compared and normalised).
#
#   tests/golden/api.sh            # uses build/golden/linux-cifs.db
#   DARN_GOLDEN_REIMPORT=1 tests/golden/api.sh   # rebuild the database first
#   DARN_API_MIN=99 tests/golden/api.sh          # fail below 99% agreement
#   DARN_API_ONLY=api|mbox tests/golden/api.sh   # one half only
#
# Prints agreement per endpoint kind and version, writes each differing
# response with a short diff to build/golden/api-differences.txt, and as
# its last line `identical: NN.NN%`. Exits non-zero only when identical +
# explained (tests/golden/api-expected-differences.tsv) is below
# DARN_API_MIN percent (default 99). Skips (exit 0) when ../shared is
# absent. Needs the optimised ./darn (make) and python3 (stdlib only).
set -eu
. "$(dirname "$0")/lib.sh"

if [ ! -d "$shared/golden/linux-cifs/api" ]; then
	echo "api: $shared absent, skipped"
	exit 0
fi
golden_db

golden_user

trap 'serve_stop' EXIT INT TERM
serve_start "$db" "$work/api-serve.log" --base-url http://127.0.0.1:8000
python3 "$top/tests/golden/api.py" --url "$serve_url" \
	--golden "$shared/golden/linux-cifs" --db "$db" \
	--expected "$top/tests/golden/api-expected-differences.tsv" \
	--out "$work/api-differences.txt" --min "${DARN_API_MIN:-99}" \
	${DARN_API_ONLY:+--only "$DARN_API_ONLY"}
