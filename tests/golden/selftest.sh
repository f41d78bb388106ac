#!/bin/sh
# Tests the API comparison tool itself: api.py against a server answering
# with Patchwork's own recorded responses (tests/golden/fake-patchwork.py)
# must find 100% identical; against the same server with --mutate it must
# find exactly the mutations that matter and none of the ones it
# normalises (see fake-patchwork.py). Skips when ../shared is absent.
set -eu
. "$(dirname "$0")/lib.sh"

golden=$shared/golden/linux-cifs
if [ ! -f "$golden/api/samples.tsv" ]; then
	echo "selftest: $shared absent, skipped"
	exit 0
fi
mkdir -p "$work"
fake_pid=
trap '[ -z "$fake_pid" ] || kill "$fake_pid" 2>/dev/null || true' EXIT INT TERM

# compare [--mutate]: prints api.py's last line; differences in $out.
compare() {
	python3 "$top/tests/golden/fake-patchwork.py" --golden "$golden" "$@" \
		> "$work/selftest-fake.out" &
	fake_pid=$!
	i=0
	until grep -q '^port ' "$work/selftest-fake.out" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 100 ] || { echo "selftest: fake server did not start"; exit 1; }
		sleep 0.1
	done
	port=$(sed -n 's/^port //p' "$work/selftest-fake.out")
	out=$work/selftest-differences.txt
	python3 "$top/tests/golden/api.py" --url "http://127.0.0.1:$port" \
		--golden "$golden" --out "$out" | tail -n 1
	kill "$fake_pid"
	wait "$fake_pid" 2>/dev/null || true
	fake_pid=
}

got=$(compare)
if [ "$got" != "identical: 100.00%" ]; then
	echo "selftest: Patchwork's own responses compare as '$got', not 100%"
	exit 1
fi
compare --mutate > /dev/null
want="mbox/patch-20210112091340.7500-1-dong.menglong@zte.com.cn.mbox
unversioned/patch-s05
unversioned/patch-s06
v1.0/patch-s05
v1.1/patch-s05
v1.2/patch-s05
v1.3/patch-s05"
found=$(sed -n 's/^== \([^ ]*\) .*/\1/p' "$out" | sort)
if [ "$found" != "$want" ]; then
	echo "selftest: the mutated responses found differing are:"
	echo "$found"
	echo "expected:"
	echo "$want"
	exit 1
fi
echo "selftest: api.py finds Patchwork identical to itself and exactly the 7 mutations that matter"
