/*
 * darn serve's memory budget (see budget.h).
 */
#include "http/budget.h"

#define MIB (G_GINT64_CONSTANT(1024) * 1024)
/* Measured: `darn serve` idles at 8.5 MB RSS; a worker thread building
 * the largest API page (per_page=100 patches) touches well under 1 MiB. */
#define PROCESS_BASE (16 * MIB)
#define PROCESS_PER_THREAD (1 * MIB)
/* The least a thread's database connection works well with. */
#define SQLITE_MIN_PER_THREAD (2 * MIB)
#define RESPONSES_MIN (4 * MIB)

gboolean memory_budget_split(gint64 total_mb, int max_connections, int threads,
			     struct memory_budget *out, GError **error)
{
	struct memory_budget b = {.total = total_mb * MIB};

	b.connections = (gint64)max_connections * HTTP_CONNECTION_COST;
	b.process = PROCESS_BASE + threads * PROCESS_PER_THREAD;
	gint64 rest = b.total - b.connections - b.process;
	gint64 least = threads * SQLITE_MIN_PER_THREAD + RESPONSES_MIN;
	if (rest < least) {
		gint64 need = b.connections + b.process + least;
		g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
			    "memory_limit_mb %" G_GINT64_FORMAT
			    " is too small for %d connections and %d threads:"
			    " it needs at least %" G_GINT64_FORMAT,
			    total_mb, max_connections, threads,
			    (need + MIB - 1) / MIB);
		return FALSE;
	}
	/* A quarter for answers being sent, the rest for the database. */
	b.responses = MAX(rest / 4, RESPONSES_MIN);
	b.sqlite = rest - b.responses;
	b.page_cache = b.sqlite / threads / 2;
	*out = b;
	return TRUE;
}
