#!/bin/sh
# Builds a database of generated patches in the shapes of linux-cifs
# (bench/gen-scale.py: series, covers, replies, pull requests) over 50
# projects, then the maintainers' and CI's writes (bench/scale-writes:
# states, delegates, archiving, checks, and their events). Prints the
# time of each step, the database's size and its row counts.
#
#   bench/scale.sh                    # 1,000,000 patches in build/scale/scale.db
#   bench/scale.sh 2000 /tmp/x.db     # 2,000 patches into /tmp/x.db
#   bench/scale.sh 2000 postgresql:///scale  # into an empty PostgreSQL
#                                            # database (one with tables is
#                                            # refused, never dropped)
#
# Environment: DARN (the darn binary, default ./darn), DARN_SCALE_WRITES
# (default build/opt/bench/scale-writes), DARN_SCALE_PROJECTS (50),
# DARN_SCALE_CHECK_PROJECTS (projects with CI checks, 10),
# DARN_SCALE_PART (patches per generated mbox, 25000), DARN_SCALE_SEED (1),
# DARN_SCALE_FROM (resume an interrupted run at this part, 0-based, into
# the existing database). `make scale` builds what it needs and runs it.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
darn=${DARN:-$top/darn}
writes=${DARN_SCALE_WRITES:-$top/build/opt/bench/scale-writes}
patches=${1:-1000000}
db=${2:-$top/build/scale/scale.db}
projects=${DARN_SCALE_PROJECTS:-50}
check_projects=${DARN_SCALE_CHECK_PROJECTS:-10}
per_part=${DARN_SCALE_PART:-25000}
seed=${DARN_SCALE_SEED:-1}
# A PostgreSQL URI has no directory for the generated parts.
case $db in
postgres://* | postgresql://*) pg=1 work=$top/build/scale/scale-work.$$ ;;
*) pg= work=$(dirname "$db")/scale-work.$$ ;;
esac
gen() { python3 "$work/gen-scale.py" --projects "$projects" --seed "$seed" "$@"; }

for f in "$darn" "$writes"; do
	[ -x "$f" ] || { echo "scale.sh: no $f (make darn build/opt/bench/scale-writes)"; exit 1; }
done
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM
# Copies: a rebuild or checkout while this runs must not change the
# programs midway.
cp "$darn" "$work/darn"
cp "$writes" "$work/scale-writes"
cp "$top/bench/gen-scale.py" "$work/gen-scale.py"
darn=$work/darn
writes=$work/scale-writes
from=${DARN_SCALE_FROM:-0}

now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc | xargs printf '%.1f'; }

echo "scale: $patches patches over $projects projects into $db"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(now)
if [ "$from" = 0 ]; then
	# PostgreSQL: the database must be empty (CREATE DATABASE); a site's
	# database is never dropped from here, so one holding rows is
	# refused rather than added to.
	if [ -n "$pg" ]; then
		psql=$(command -v psql || echo "$("$top/tests/tools/pg-cluster" available)/psql")
		tables=$("$psql" -X -A -t "$db" -c "SELECT COUNT(*) FROM
			pg_tables WHERE schemaname = current_schema()") || exit 1
		if [ "$tables" != 0 ]; then
			echo "scale.sh: $db is not empty ($tables tables): give it an empty database (DROP DATABASE, CREATE DATABASE)" >&2
			exit 1
		fi
	else
		rm -f "$db" "$db-wal" "$db-shm"
	fi
	"$darn" --database "$db" init > /dev/null
	gen --list-projects | while IFS="	" read -r link name listid email; do
		"$darn" --database "$db" project add --linkname "$link" \
			--name "$name" --listid "$listid" --listemail "$email" > /dev/null
	done
fi

# One mbox per part; the next part is generated while darn stores this
# one (the generator takes about a tenth of darn's time).
parts=$(( (patches + per_part - 1) / per_part ))
t=$(now)
gen --patches "$patches" --part "$from/$parts" > "$work/$from.mbox"
gen_first=$(since "$t")
t=$(now)
mails=0
i=$from
while [ $i -lt $parts ]; do
	next=$((i + 1))
	if [ $next -lt $parts ]; then
		gen --patches "$patches" --part "$next/$parts" > "$work/$next.mbox" &
		gen_pid=$!
	fi
	n=$(grep -c '^From mboxrd@z' "$work/$i.mbox")
	mails=$((mails + n))
	"$darn" --database "$db" parsearchive "$work/$i.mbox" > "$work/out" 2>&1 ||
		{ cat "$work/out"; exit 1; }
	rm -f "$work/$i.mbox"
	[ $next -lt $parts ] && wait "$gen_pid"
	i=$next
	printf '\r  part %d/%d: %d mails, %s s' "$i" "$parts" "$mails" "$(since "$t")"
done
echo
ingest=$(since "$t")
echo "parsearchive: $mails mails in $ingest s ($(echo "$mails / $ingest" | bc) mails/s; first part generated in $gen_first s before)"

t=$(now)
"$writes" "$db" "$check_projects"
echo "scale-writes: $(since "$t") s"
echo "total: $(since "$t0") s, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$darn" --database "$db" migrate > /dev/null
counts="SELECT 'patches', COUNT(*) FROM patch
UNION ALL SELECT 'covers', COUNT(*) FROM cover
UNION ALL SELECT 'series', COUNT(*) FROM series
UNION ALL SELECT 'patch comments', COUNT(*) FROM patch_comment
UNION ALL SELECT 'cover comments', COUNT(*) FROM cover_comment
UNION ALL SELECT 'checks', COUNT(*) FROM patch_check
UNION ALL SELECT 'events', COUNT(*) FROM event
UNION ALL SELECT 'people', COUNT(*) FROM person"
if [ -n "$pg" ]; then
	psql=$(command -v psql || echo "$("$top/tests/tools/pg-cluster" available)/psql")
	echo "database: $("$psql" -X -A -t "$db" -c "SELECT
		pg_database_size(current_database()) / 1048576") MB"
	"$psql" -X -A -t -F ' ' "$db" -c "$counts" 2>/dev/null || true
else
	echo "database: $(du -m "$db" | cut -f1) MB"
	sqlite3 -batch "$db" "$counts" 2>/dev/null | tr '|' ' ' || true
fi
