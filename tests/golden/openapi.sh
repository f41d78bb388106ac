#!/bin/sh
# Validates darn's REST responses against Patchwork's OpenAPI schemas
# (shared/spec/openapi/v1.N.yaml; unversioned requests against v1.4.yaml):
# every request api.sh replays plus extra ones (lists with filters, each
# version's index, covers, events with filters); tests/golden/openapi.py
# says how. First validates Patchwork 3.1.3's own recorded responses, as a
# check of the schemas and of the validator.
#
#   tests/golden/openapi.sh                       # build/golden/linux-cifs.db
#   DARN_OPENAPI_FATAL=0 tests/golden/openapi.sh  # report, never fail
#
# Prints per-version counts and the failures (all of them in
# build/golden/openapi-failures.txt); last line `valid: N of M`. Exits
# non-zero when a response is invalid, unless DARN_OPENAPI_FATAL=0.
# Skips (exit 0) when ../shared is absent. Needs python3 with the jsonschema
# and yaml modules (Debian: python3-jsonschema python3-yaml, installed by
# scripts/install-deps).
set -eu
. "$(dirname "$0")/lib.sh"

if [ ! -d "$shared/golden/linux-cifs/api" ] || [ ! -d "$shared/spec/openapi" ]; then
	echo "openapi: $shared absent, skipped"
	exit 0
fi
# pyenv's python3 may lack the modules Debian's has, or the reverse.
py=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import jsonschema, yaml' 2>/dev/null; then
		py=$p
		break
	fi
done
if [ -z "$py" ]; then
	echo "openapi: python3 without jsonschema/yaml (apt-get install python3-jsonschema python3-yaml), skipped"
	exit 0
fi
golden_db
golden_user

check() {
	"$py" "$top/tests/golden/openapi.py" --golden "$shared/golden/linux-cifs" \
		--spec "$shared/spec/openapi" "$@"
}
echo "Patchwork 3.1.3's own responses: $(check --golden-bodies | tail -n 1)"

trap 'serve_stop' EXIT INT TERM
serve_start "$db" "$work/openapi-serve.log" --base-url http://127.0.0.1:8000
rc=0
check --url "$serve_url" --db "$db" --out "$work/openapi-failures.txt" || rc=$?
if [ "$rc" -ne 0 ] && [ "${DARN_OPENAPI_FATAL:-1}" = 0 ]; then
	rc=0
fi
exit $rc
