# Shared by bench/pg-restart.sh and bench/db-copy-pg.sh (sourced after
# `set -eu` with $top set): starts a durable private PostgreSQL cluster
# (tests/tools/pg-cluster start --durable), $uri its URI, $psql its
# client; on exit kills the processes in $pids and removes the cluster.
cluster=$top/tests/tools/pg-cluster
uri=$("$cluster" start --durable)
pids=
trap 'for p in $pids; do kill $p 2>/dev/null || true; done;
	"$cluster" stop "$uri"' EXIT
psql=$("$cluster" available)/psql

# pg_database NAME: creates database NAME in the cluster, prints its URI.
pg_database() {
	"$psql" -X -q "$uri" -c "CREATE DATABASE $1"
	printf '%s\n' "$uri" | sed "s,/postgres?,/$1?,"
}

# free_port: a TCP port of 127.0.0.1 free now.
free_port() {
	python3 -c 'import socket; s = socket.socket();
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
