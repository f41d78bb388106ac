#!/bin/sh
# Robustness run (issue 7): 2,000 mails mutated from real ones (the
# linux-cifs archive and Patchwork's test mails in ../shared), generated
# deterministically from a seed by tests/tools/mutate-mails.py, each fed
# to one `darn parsemail` process into one database. Prints the exit
# codes, crashes, the largest peak RSS, the slowest mail and PRAGMA
# integrity_check; exits 1 on a crash, a timeout or a failed check.
# Skips (exit 0) without ../shared.
#
#   make && bench/mutated-mails.sh [COUNT [SEED]]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${DARN_SHARED:-$top/../shared}
darn=${DARN:-$top/darn}
work=${DARN_WORK:-$top/build/bench}
count=${1:-2000}
seed=${2:-7}

archive=$shared/corpus/linux-cifs.mbox.xz
if [ ! -f "$archive" ]; then
	echo "mutated-mails: $archive absent, skipped"
	exit 0
fi
mkdir -p "$work"
mbox=$work/linux-cifs.mbox
[ -s "$mbox" ] || xz -dc "$archive" >"$mbox"
mails=$work/mutated-$seed
db=$work/mutated.db

rm -rf "$mails" "$db" "$db-wal" "$db-shm"
python3 "$top/tests/tools/mutate-mails.py" generate --seed "$seed" \
	--count "$count" --out "$mails" "$mbox" \
	"$shared"/corpus/patchwork-tests/*/*.mbox
"$darn" --database "$db" init >/dev/null
"$darn" --database "$db" project add --linkname bench --name Bench \
	--listid bench.darn.example --listemail bench@darn.example >/dev/null
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), darn $darn"
python3 "$top/tests/tools/mutate-mails.py" run --darn "$darn" --db "$db" \
	--list-id bench.darn.example "$mails"
