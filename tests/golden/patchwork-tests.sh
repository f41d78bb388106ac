#!/bin/sh
# Feeds each of Patchwork's own test mails (shared/corpus/patchwork-tests)
# to darn, alone in a fresh database as the golden run did, and compares
# with shared/golden/patchwork-tests. Prints one line per file and mode,
# and last `agreement: NN.NN%` = files identical in every column.
# Skips (exit 0) when ../shared is absent.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=${DARN_SHARED:-$top/../shared}
darn=${DARN:-$top/darn}
work=${DARN_WORK:-$top/build/golden}/pwtests

if [ ! -d "$shared/corpus/patchwork-tests" ]; then
	echo "patchwork-tests: $shared absent, skipped"
	exit 0
fi
mkdir -p "$work"
total=0
same=0
explained=0
expected=$top/tests/golden/expected-differences.tsv
for mode in parsearchive parsemail; do
	for golden in "$shared"/golden/patchwork-tests/$mode/*/*.submissions.tsv; do
		rel=${golden#"$shared"/golden/patchwork-tests/$mode/}
		rel=${rel%.submissions.tsv}
		input=$shared/corpus/patchwork-tests/$rel
		[ -f "$input" ] || continue
		db=$work/db
		rm -f "$db" "$db-wal" "$db-shm"
		"$darn" --database "$db" init >/dev/null
		"$darn" --database "$db" project add --linkname patchwork-tests \
			--name "Patchwork tests" --listid test.example.com \
			--listemail test@example.com >/dev/null
		outcomes=
		if [ $mode = parsearchive ]; then
			"$darn" --database "$db" parsearchive --list-id=test.example.com \
				--outcomes "$work/outcomes.tsv" "$input" >/dev/null 2>&1
			outcomes=$work/outcomes.tsv
		else
			"$darn" --database "$db" parsemail --list-id=test.example.com \
				"$input" >/dev/null 2>&1
		fi
		prefix=$shared/golden/patchwork-tests/$mode/$rel.
		result=$(python3 "$top/tests/golden/compare.py" "$db" "$prefix" \
			$outcomes ${SHOW:+--show "$SHOW"})
		last=$(printf '%s\n' "$result" | tail -n 1)
		total=$((total + 1))
		if [ "$last" = "agreement: 100.00%" ]; then
			same=$((same + 1))
			echo "ok   $mode $rel"
		elif why=$(awk -F '\t' -v m="$mode" -v f="$rel" \
			'($1 == m || $1 == "*") && $2 == f { print $3; found = 1 }
			 END { exit !found }' "$expected"); then
			explained=$((explained + 1))
			echo "spec $mode $rel: $why"
		else
			echo "DIFF $mode $rel ($(printf '%s\n' "$result" | tail -n 2 | head -n 1))"
			[ -n "${VERBOSE:-}" ] && printf '%s\n' "$result"
		fi
	done
done
echo "identical: $same of $total; explained differences (spec over 3.1.3): $explained"
echo "agreement: $(echo "scale=2; 100 * ($same + $explained) / $total" | bc)%"
