#!/bin/sh
# Stores the real linux-cifs archive (23,337 mails) with darn and compares
# the result with what Patchwork 3.1.3 stored (shared/golden/linux-cifs).
# Prints per-column agreement; the last line is `agreement: NN.NN%`.
# Skips (exit 0) when ../shared is absent.
set -eu
. "$(dirname "$0")/lib.sh"

if [ ! -f "$shared/corpus/linux-cifs.mbox.xz" ]; then
	echo "linux-cifs: $shared absent, skipped"
	exit 0
fi
mkdir -p "$work"
mbox=$work/linux-cifs.mbox
if [ ! -s "$mbox" ] || [ "$shared/corpus/linux-cifs.mbox.xz" -nt "$mbox" ]; then
	xz -dc "$shared/corpus/linux-cifs.mbox.xz" > "$mbox.tmp"
	mv "$mbox.tmp" "$mbox"
fi
golden_fresh_db
"$darn" --database "$db" init >/dev/null
"$darn" --database "$db" project add --linkname linux-cifs-client \
	--name "Linux CIFS Client" --listid linux-cifs.vger.kernel.org \
	--listemail linux-cifs@vger.kernel.org >/dev/null
start=$(date +%s.%N)
"$darn" --database "$db" parsearchive --list-id=linux-cifs.vger.kernel.org \
	--outcomes "$work/linux-cifs.outcomes.tsv" "$mbox" > "$work/linux-cifs.summary"
end=$(date +%s.%N)
cat "$work/linux-cifs.summary"
echo "parsearchive: $(echo "$end - $start" | bc) s"
python3 "$top/tests/golden/compare.py" "$db" "$shared/golden/linux-cifs/" \
	"$work/linux-cifs.outcomes.tsv" ${SHOW:+--show "$SHOW"}
