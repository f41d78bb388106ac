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
