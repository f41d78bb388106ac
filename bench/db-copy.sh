#!/bin/sh
# Benchmark: darn db copy of databases of growing size into fresh SQLite
# databases: a small one (200 generated series), the linux-cifs archive
# (23,337 mails), and that archive stored 2 and 4 times (into 2 and 4
# projects). Prints the time and the peak RSS of each copy: the RSS must
# not grow with the database. Needs ../shared (the archive); not a timed
# test.
set -eu
. "$(dirname "$0")/lib.sh"

# project DB N: adds project N (cifsN.example) and stores the archive in it.
project() {
	"$darn" --database "$1" project add --linkname "cifs$2" \
		--name "CIFS $2" --listid "cifs$2.example" \
		--listemail "cifs$2@example.org" >/dev/null
	"$darn" --database "$1" parsearchive --list-id "cifs$2.example" \
		"$mbox" >/dev/null
}

fresh() {
	rm -f "$1" "$1-wal" "$1-shm"
	"$darn" --database "$1" init >/dev/null
}

small=$work/copy-small.db
if [ ! -s "$small" ]; then
	fresh "$small"
	"$darn" --database "$small" project add --linkname test --name Test \
		--listid test.darn.example --listemail list@test.darn.example \
		>/dev/null
	python3 "$top/tests/tools/make-thread-mbox.py" 200 1 >"$work/small.mbox"
	"$darn" --database "$small" parsearchive "$work/small.mbox" >/dev/null
fi
for n in 1 2 4; do
	db=$work/copy-cifs$n.db
	[ -s "$db" ] && continue
	fresh "$db"
	for p in $(seq $n); do project "$db" "$p"; done
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
for name in small cifs1 cifs2 cifs4; do
	src=$work/copy-$name.db
	for run in 1 2; do
		dst=$work/copy-dest.db
		fresh "$dst"
		/usr/bin/time -f "%e %U %S %M" -o "$work/time" \
			"$darn" db copy "$src" "$dst" >"$work/copy.out"
		read -r secs user sys kb <"$work/time"
		rows=$(sed -n 's/^copied \([0-9]*\) rows.*/\1/p' "$work/copy.out")
		echo "$name ($(du -m "$src" | cut -f1) MB, $rows rows) run $run:" \
			"$secs s (user $user s, sys $sys s), peak RSS $((kb / 1024)) MB"
	done
done
