#!/bin/sh
# Benchmark: what synchronous=FULL costs parsemail. Runs one `darn
# parsemail` process per mail for the last N mails of linux-cifs (new
# mails, into a database holding the rest of the archive), alternating
# two builds in rounds of 50 mails so that both see the same machine
# load. Prints ms per mail for each. Not a timed test; needs ../shared.
#
# usage: bench/durability.sh OLD_DARN [NEW_DARN] [N]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${DARN_SHARED:-$top/../shared}
old=$1
new=${2:-$top/darn}
n=${3:-500}
work=${DARN_WORK:-$top/build/bench}
mkdir -p "$work"

archive=$shared/corpus/linux-cifs.mbox.xz
[ -f "$archive" ] || { echo "bench: $archive absent"; exit 1; }
mbox=$work/linux-cifs.mbox
[ -s "$mbox" ] || xz -dc "$archive" > "$mbox"

sample=$work/durability-sample
rm -rf "$sample"; mkdir -p "$sample"
python3 - "$mbox" "$sample" "$work/head.mbox" "$n" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
sep = b'From mboxrd@z Thu Jan  1 00:00:00 1970\n'
parts = data.split(b'\n' + sep)
n = int(sys.argv[4])
for i, p in enumerate(parts[-n:]):
    open('%s/%04d' % (sys.argv[2], i), 'wb').write(p)
open(sys.argv[3], 'wb').write((b'\n' + sep).join(parts[:-n]) + b'\n')
PY

for which in old new; do
	eval darn=\$$which
	db=$work/durability-$which.db
	rm -f "$db" "$db-wal" "$db-shm"
	"$darn" --database "$db" init >/dev/null
	"$darn" --database "$db" project add --linkname linux-cifs-client \
		--name "Linux CIFS Client" --listid linux-cifs.vger.kernel.org \
		--listemail linux-cifs@vger.kernel.org >/dev/null
	"$darn" --database "$db" parsearchive "$work/head.mbox" >/dev/null
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(df -T "$work" | awk 'NR==2 {print $2}') on $(df "$work" | awk 'NR==2 {print $1}')"
old_ns=0; new_ns=0
set -- "$sample"/*
while [ $# -gt 0 ]; do
	batch=""
	i=0
	while [ $# -gt 0 ] && [ $i -lt 50 ]; do
		batch="$batch $1"; shift; i=$((i + 1))
	done
	for which in old new; do
		eval darn=\$$which
		start=$(date +%s%N)
		for f in $batch; do
			"$darn" --database "$work/durability-$which.db" parsemail \
				--list-id linux-cifs.vger.kernel.org "$f" 2>/dev/null || true
		done
		end=$(date +%s%N)
		eval ${which}_ns=\$\(\( ${which}_ns + end - start \)\)
	done
done
echo "parsemail, new mail, full database, $n mails:"
echo "  $old: $(echo "scale=2; $old_ns / $n / 1000000" | bc) ms per mail"
echo "  $new: $(echo "scale=2; $new_ns / $n / 1000000" | bc) ms per mail"
