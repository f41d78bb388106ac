/*
 * An LD_PRELOAD shim for benchmarks: makes fsync() and fdatasync() take
 * DARN_SLOW_SYNC_US microseconds more, as on the slow virtual disks darn
 * often runs on (2 ms and more a sync), so that a benchmark on a fast
 * disk can show what durability costs elsewhere.
 *
 *   cc -shared -fPIC -o build/slow-sync.so bench/slow-sync.c -ldl
 *   LD_PRELOAD=build/slow-sync.so DARN_SLOW_SYNC_US=2000 darn serve ...
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>

static void pause_for_sync(void)
{
	const char *us = getenv("DARN_SLOW_SYNC_US");
	long n = us ? strtol(us, NULL, 10) : 0;
	if (n <= 0)
		return;
	struct timespec t = {n / 1000000, (n % 1000000) * 1000};
	nanosleep(&t, NULL);
}

int fsync(int fd)
{
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	pause_for_sync();
	return real(fd);
}

int fdatasync(int fd)
{
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
	pause_for_sync();
	return real(fd);
}
