#!/bin/sh
# Benchmark: darn parsearchive of the linux-cifs archive (23,337 mails)
# into a fresh SQLite database, then one darn parsemail process per mail
# into that full database. Prints mails/s, peak memory, and ms per
# parsemail. Needs ../shared (the archive); not a timed test.
set -eu
. "$(dirname "$0")/lib.sh"
db=$work/bench.db

fresh_db() {
	rm -f "$db" "$db-wal" "$db-shm"
	"$darn" --database "$db" init >/dev/null
	"$darn" --database "$db" project add --linkname linux-cifs-client \
		--name "Linux CIFS Client" --listid linux-cifs.vger.kernel.org \
		--listemail linux-cifs@vger.kernel.org >/dev/null
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "archive: $(grep -c '^From mboxrd@z' "$mbox") mails, $(du -m "$mbox" | cut -f1) MB"
for run in 1 2 3; do
	fresh_db
	/usr/bin/time -f "%e %M" -o "$work/time" \
		"$darn" --database "$db" parsearchive --list-id linux-cifs.vger.kernel.org "$mbox" >/dev/null
	read -r secs kb < "$work/time"
	mails=$(grep -c '^From mboxrd@z' "$mbox")
	echo "parsearchive run $run: $secs s, $(echo "$mails / $secs" | bc) mails/s, peak RSS $((kb / 1024)) MB"
done

# parsemail: one process per mail, 500 mails from the end of the archive
# (already stored: they are duplicates, the common case for the lookup
# path) and the same mails into a copy where they are new.
sample=$work/parsemail-sample
rm -rf "$sample"; mkdir -p "$sample"
python3 - "$mbox" "$sample" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
parts = data.split(b'\nFrom mboxrd@z Thu Jan  1 00:00:00 1970\n')
for i, p in enumerate(parts[-500:]):
    open('%s/%04d' % (sys.argv[2], i), 'wb').write(p)
PY
cp "$db" "$work/full.db"
start=$(date +%s%N)
for f in "$sample"/*; do
	"$darn" --database "$work/full.db" parsemail --list-id linux-cifs.vger.kernel.org "$f" 2>/dev/null || true
done
end=$(date +%s%N)
echo "parsemail (duplicates, full database): $(( (end - start) / 500 / 1000 )) us per mail"

# New mails: a full database minus the last 500.
head_count=$(( $(grep -c '^From mboxrd@z' "$mbox") - 500 ))
python3 - "$mbox" "$work/head.mbox" "$head_count" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
sep = b'From mboxrd@z Thu Jan  1 00:00:00 1970\n'
parts = data.split(b'\n' + sep)
n = int(sys.argv[3])
open(sys.argv[2], 'wb').write((b'\n' + sep).join(parts[:n]) + b'\n')
PY
fresh_db
"$darn" --database "$db" parsearchive --list-id linux-cifs.vger.kernel.org "$work/head.mbox" >/dev/null
start=$(date +%s%N)
for f in "$sample"/*; do
	"$darn" --database "$db" parsemail --list-id linux-cifs.vger.kernel.org "$f" 2>/dev/null || true
done
end=$(date +%s%N)
echo "parsemail (new mails, full database): $(( (end - start) / 500 / 1000 )) us per mail"
