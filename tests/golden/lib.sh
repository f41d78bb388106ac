# Shared by tests/golden/api.sh, openapi.sh, writes.sh, web.sh and bench/http.sh
# (sourced, not run): where things are, the linux-cifs database, and a
# `darn serve` on a free loopback port that the sourcing script stops.
#
# A script outside tests/golden sets $top before sourcing.
# After sourcing: $top (repository), $shared (../shared or $DARN_SHARED),
# $darn (optimised ./darn or $DARN), $work (build/golden or $DARN_WORK),
# $db ($work/linux-cifs.db, or with DARN_GOLDEN_PG_URI, the URI of a
# PostgreSQL cluster's postgres database as tests/tools/pg-cluster prints
# it, the database darn_golden on that cluster: `make golden-pg`).

top=${top:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck disable=SC2034 # used by the scripts that source this
shared=${DARN_SHARED:-$top/../shared}
darn=${DARN:-$top/darn}
work=${DARN_WORK:-$top/build/golden}
if [ -n "${DARN_GOLDEN_PG_URI:-}" ]; then
	db=$(printf '%s\n' "$DARN_GOLDEN_PG_URI" | sed 's,/postgres?,/darn_golden?,')
else
	db=$work/linux-cifs.db
fi
serve_pid=

# golden_fresh_db: $db, empty and not initialised.
golden_fresh_db() {
	if [ -n "${DARN_GOLDEN_PG_URI:-}" ]; then
		PGOPTIONS="-c client_min_messages=warning" psql -X -q \
			"$DARN_GOLDEN_PG_URI" \
			-c "DROP DATABASE IF EXISTS darn_golden WITH (FORCE)" \
			-c "CREATE DATABASE darn_golden"
	else
		rm -f "$db" "$db-wal" "$db-shm"
	fi
}

# golden_db_exists: $db holds a darn database.
golden_db_exists() {
	if [ -n "${DARN_GOLDEN_PG_URI:-}" ]; then
		"$darn" --database "$db" project list >/dev/null 2>&1
	else
		[ -s "$db" ]
	fi
}
serve_url=

# golden_db: makes sure $db holds the linux-cifs archive. An existing
# database is reused (building it takes about a minute) unless
# DARN_GOLDEN_REIMPORT=1; tests/golden/linux-cifs.sh (run first by
# run-all.sh) always rebuilds it.
golden_db() {
	if [ ! -x "$darn" ]; then
		echo "no $darn: build it with make" >&2
		return 1
	fi
	if golden_db_exists && [ "${DARN_GOLDEN_REIMPORT:-0}" != 1 ]; then
		# a database from an older darn gets the newer schema
		"$darn" --database "$db" migrate >/dev/null
		return
	fi
	echo "building $db (tests/golden/linux-cifs.sh, log in $work/linux-cifs.log)" >&2
	mkdir -p "$work"
	if ! "$top/tests/golden/linux-cifs.sh" > "$work/linux-cifs.log" 2>&1; then
		echo "linux-cifs.sh failed, see $work/linux-cifs.log" >&2
		return 1
	fi
}

# golden_user: the plain user the *-auth samples log in as (HTTP Basic;
# people/ needs authentication). Failing to create it (a darn without
# --password-stdin) only makes those requests fail.
golden_user() {
	if ! printf '%s\n' golden-tester-password | "$darn" --database "$db" \
		user add tester --email tester@example.com --password-stdin \
		> "$work/golden-user.log" 2>&1; then
		grep -q "exists" "$work/golden-user.log" ||
			echo "could not create user tester ($(head -n 1 "$work/golden-user.log")); requests with authentication will fail" >&2
	fi
}

# free_port: a loopback TCP port nobody listens on right now.
free_port() {
	python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# serve_start DATABASE LOG [serve options...]: starts `darn serve` on a
# free port and waits until /api/ answers; sets serve_pid and serve_url.
# Retries with another port if the chosen one was taken meanwhile. With
# serve_base_url=1 the server's --base-url is serve_url.
serve_start() {
	_db=$1
	_log=$2
	shift 2
	for _try in 1 2 3; do
		_port=$(free_port)
		serve_url=http://127.0.0.1:$_port
		if [ "${serve_base_url:-0}" = 1 ]; then
			set -- "$@" --base-url "$serve_url"
		fi
		"$darn" --database "$_db" serve --listen "127.0.0.1:$_port" "$@" \
			> "$_log" 2>&1 &
		serve_pid=$!
		_i=0
		while [ $_i -lt 100 ]; do
			if ! kill -0 "$serve_pid" 2>/dev/null; then
				break
			fi
			if curl -s -o /dev/null "$serve_url/api/"; then
				return 0
			fi
			sleep 0.1
			_i=$((_i + 1))
		done
		serve_stop
	done
	echo "darn serve did not start, see $_log" >&2
	return 1
}

# serve_stop: stops the server serve_start started (only that process).
serve_stop() {
	if [ -n "$serve_pid" ]; then
		kill "$serve_pid" 2>/dev/null || true
		wait "$serve_pid" 2>/dev/null || true
		serve_pid=
	fi
}

# writes_scenario_server NAME: a fresh database $work/w.db (with
# DARN_GOLDEN_PG_URI, $db on PostgreSQL) in a new
# directory $work = build/golden/NAME, served (serve_base_url=1, stopped
# on exit), that the shared writes scenario
# (../shared/golden/writes) fills: its mails imported and every write
# replayed, the replay's report in $work/writes.txt (options after NAME
# go to the replay tool).
writes_scenario_server() {
	work=$top/build/golden/$1
	shift
	rm -rf "$work"
	mkdir -p "$work"
	if [ -n "${DARN_GOLDEN_PG_URI:-}" ]; then
		golden_fresh_db
	else
		db=$work/w.db
	fi
	"$darn" --database "$db" init >/dev/null
	serve_base_url=1 serve_start "$db" "$work/serve.log"
	trap serve_stop EXIT
	python3 "$shared/tools/writes_golden_compare.py" \
		"$shared/golden/writes" "$serve_url" --darn "$darn" --db "$db" \
		--ingest "$@" >"$work/writes.txt" 2>&1 || true
}
