#!/usr/bin/env python3
"""Runs one command and reports its exit code, wall-clock time and peak
resident memory, killing it past a time or memory ceiling.

    measure.py [--timeout S] [--max-rss-mb M] [--stdin FILE] REPORT -- CMD...

REPORT receives one line: "exit=N seconds=S rss_mb=M" (exit=timeout when
the command was killed for taking longer than S seconds). The command's
stdout and stderr are this script's. The memory ceiling keeps a broken
build from taking the machine down: for an AddressSanitizer build it is
ASan's hard_rss_limit_mb (ASan reserves terabytes of address space, so
an address-space limit cannot be used), for others RLIMIT_AS at twice M.

Peak memory is the child's ru_maxrss (getrusage(RUSAGE_CHILDREN) of this
process, which runs nothing else): no need for GNU time.
"""

import argparse
import os
import resource
import subprocess
import sys
import time


def is_asan(path):
    try:
        with open(path, "rb") as f:
            return b"__asan_init" in f.read()
    except OSError:
        return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--max-rss-mb", type=int, default=0)
    ap.add_argument("--stdin")
    ap.add_argument("report")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    if not cmd:
        ap.error("no command")

    env = dict(os.environ)
    preexec = None
    if a.max_rss_mb:
        binary = cmd[0] if os.path.sep in cmd[0] else None
        if binary and is_asan(binary):
            opts = env.get("ASAN_OPTIONS", "")
            env["ASAN_OPTIONS"] = (opts + ":" if opts else "") + \
                "hard_rss_limit_mb=%d" % a.max_rss_mb
        else:
            limit = a.max_rss_mb * 2 * 1024 * 1024

            def preexec():
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    stdin = open(a.stdin, "rb") if a.stdin else None
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdin=stdin, env=env, preexec_fn=preexec)
    try:
        rc = p.wait(timeout=a.timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        rc = "timeout"
    secs = time.monotonic() - start
    rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(a.report, "w") as f:
        f.write("exit=%s seconds=%.2f rss_mb=%.1f\n" %
                (rc, secs, rss_kb / 1024.0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
