# Shared by the HTTP benchmarks (sourced): bench/http.sh, bench/scale-http.sh.

# wrk_fields OUTPUT: req/s, p50, p99 and the non-2xx/3xx count of a wrk run.
wrk_fields() {
	printf '%s\n' "$1" | awk '
		/^Requests\/sec:/ { rps = $2 }
		$1 == "50%" { p50 = $2 }
		$1 == "99%" { p99 = $2 }
		/Non-2xx or 3xx responses:/ { bad = $NF }
		END { printf "%s %s %s %s", rps, p50, p99, bad ? bad : 0 }'
}

# bench_serve NAME DARN DATABASE PORT [SERVE-ARGS...]: `darn serve` on
# 127.0.0.1:PORT with 4 threads, its log $work/NAME.log; adds its pid to
# $pids, sets port_NAME and pid_NAME, and returns once it answers.
bench_serve() {
	name=$1 bin=$2 db=$3 port=$4
	shift 4
	"$bin" --database "$db" serve --listen 127.0.0.1:$port --threads 4 \
		"$@" >/dev/null 2>"$work/$name.log" &
	pids="$pids $!"
	eval "port_$name=$port pid_$name=$!"
	for i in $(seq 50); do
		curl -s -o /dev/null "http://127.0.0.1:$port/api/" && return
		sleep 0.1
	done
	echo "server $name did not start" >&2
	exit 1
}
