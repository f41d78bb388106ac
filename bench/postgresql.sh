#!/bin/sh
# Benchmark: darn's ingest on PostgreSQL beside SQLite, on this machine.
#
# 1. parsearchive of a generated mbox (tests/tools/make-thread-mbox.py:
#    SERIES series of a cover, three patches and three replies) into a
#    fresh database on each backend: mails/s;
# 2. parsemail, one process per mail, of the last 200 mails of it into a
#    database holding all the others (new mails: the whole store path):
#    ms per mail on each backend, and through PgBouncer when installed.
#
# With ../shared (or DARN_SHARED), also parsearchive of the linux-cifs
# archive (23,337 mails) on each backend.
#
# PostgreSQL is a private cluster (tests/tools/pg-cluster start --durable:
# fsync on, as a real server) on a Unix socket, stopped at the end. Not a
# timed test; run it on a quiet machine. DARN (default ./darn), SERIES
# (default 2000: 14,000 mails), DARN_WORK (default build/bench-pg).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
darn=${DARN:-$top/darn}
series=${SERIES:-2000}
work=${DARN_WORK:-$top/build/bench-pg}
rm -rf "$work"
mkdir -p "$work/sample"

uri=$("$top/tests/tools/pg-cluster" start --durable)
trap '"$top/tests/tools/pg-cluster" stop "$uri"; rm -rf "$work"' EXIT
psql=$(command -v psql || echo "$("$top/tests/tools/pg-cluster" available)/psql")

python3 "$top/tests/tools/make-thread-mbox.py" "$series" 1 > "$work/all.mbox"
# all.mbox without its last 200 mails, and those 200 one a file
python3 - "$work" <<'PY'
import re, sys
work = sys.argv[1]
data = open(work + "/all.mbox", "rb").read()
parts = re.split(rb"\n(?=From \S+ Mon Mar  2 10:00:00 2026\n)", data)
open(work + "/head.mbox", "wb").write(b"\n".join(parts[:-200]) + b"\n")
for i, p in enumerate(parts[-200:]):
    open("%s/sample/%03d" % (work, i), "wb").write(p.split(b"\n", 1)[1])
PY
mails=$(grep -c '^From ' "$work/all.mbox")

# location BACKEND NAME
location() {
	case $1 in
	sqlite) echo "$work/$2.db" ;;
	pg) printf '%s\n' "$uri" | sed "s,/postgres?,/$2?," ;;
	esac
}

# fresh BACKEND NAME: an initialised database with the test project.
fresh() {
	case $1 in
	sqlite) rm -f "$work/$2.db" "$work/$2.db-wal" "$work/$2.db-shm" ;;
	pg) "$psql" -X -q "$uri" -c "DROP DATABASE IF EXISTS $2" \
		-c "CREATE DATABASE $2" ;;
	esac
	"$darn" --database "$(location "$1" "$2")" init >/dev/null
	"$darn" --database "$(location "$1" "$2")" project add --linkname test \
		--name Test --listid test.darn.example \
		--listemail list@test.darn.example >/dev/null
	"$darn" --database "$(location "$1" "$2")" project add \
		--linkname linux-cifs-client --name "Linux CIFS Client" \
		--listid linux-cifs.vger.kernel.org \
		--listemail linux-cifs@vger.kernel.org >/dev/null
}

ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "archive: $mails mails ($series series)"
for backend in sqlite pg; do
	for run in 1 2; do
		fresh $backend archive
		start=$(ms)
		"$darn" --database "$(location $backend archive)" parsearchive \
			"$work/all.mbox" >/dev/null
		t=$(( $(ms) - start ))
		echo "$backend parsearchive run $run: $t ms, $(( mails * 1000 / t )) mails/s"
	done
	fresh $backend head
	"$darn" --database "$(location $backend head)" parsearchive \
		"$work/head.mbox" >/dev/null
	start=$(ms)
	for f in "$work"/sample/*; do
		"$darn" --database "$(location $backend head)" parsemail "$f" \
			2>/dev/null || true
	done
	t=$(( $(ms) - start ))
	echo "$backend parsemail, new mail, per process: $(echo "scale=1; $t / 200" | bc) ms"
done

# parsemail through PgBouncer on the same machine (session mode,
# tests/tools/pg-bouncer), when it is installed: no server backend to
# start per mail.
if bouncer=$("$top/tests/tools/pg-bouncer" start "$uri" 2>/dev/null); then
	fresh pg head
	"$darn" --database "$(location pg head)" parsearchive \
		"$work/head.mbox" >/dev/null
	start=$(ms)
	for f in "$work"/sample/*; do
		"$darn" --database "postgresql://darn@/head?host=$bouncer&port=6432" \
			parsemail "$f" 2>/dev/null || true
	done
	t=$(( $(ms) - start ))
	"$top/tests/tools/pg-bouncer" stop "$bouncer"
	echo "pg parsemail through pgbouncer, new mail, per process: $(echo "scale=1; $t / 200" | bc) ms"
fi

shared=${DARN_SHARED:-$top/../shared}
[ -f "$shared/corpus/linux-cifs.mbox.xz" ] || exit 0
xz -dc "$shared/corpus/linux-cifs.mbox.xz" > "$work/linux-cifs.mbox"
cifs=$(grep -c '^From mboxrd@z' "$work/linux-cifs.mbox")
for backend in sqlite pg; do
	for run in 1 2; do
		fresh $backend cifs
		start=$(ms)
		"$darn" --database "$(location $backend cifs)" parsearchive \
			--list-id linux-cifs.vger.kernel.org \
			"$work/linux-cifs.mbox" >/dev/null
		t=$(( $(ms) - start ))
		echo "$backend parsearchive linux-cifs run $run: $t ms, $(( cifs * 1000 / t )) mails/s"
	done
done
