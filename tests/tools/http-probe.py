#!/usr/bin/env python3
"""Raw-socket HTTP probes for the black-box tests of `darn serve`: requests
no HTTP library would send, and clients that are slow on purpose.

  http-probe.py raw PORT 'BYTES'
      Sends BYTES (Python escapes: \\r\\n, \\x00...) on one connection and
      prints "STATUS closed|open SECONDS BODY-BYTES": the status of the
      first answer (0 when none came), whether the server closed the
      connection within 2 s of answering, and the time to the answer.

  http-probe.py expect PORT < LINES
      Each line "STATUS closed|open BYTES" sends BYTES (escapes as above)
      on a new connection and checks the answer: that status, within
      2 s, with a body, and the connection closed or kept as said.
      Prints each answer; exits 1 when one differs.

  http-probe.py slowloris PORT --conns N [--from ADDR] [--seconds S]
                          [--pid PID] [--no-probe]
      Opens N connections from ADDR (default 127.0.0.2), each sending a
      request head one byte a second, and meanwhile times a request from
      127.0.0.1 every 0.3 s. After the first 3 s prints "held H", how
      many slow connections are still open (accepted by the server or
      waiting in its listen queue), and with --pid "accepted A", how many
      more sockets the server process PID has open than before (its
      accepted connections, and any it is closing); then
      "probe MS STATUS" per timed request (none with --no-probe).

  http-probe.py trickle PORT [--from ADDR] [--body] [--max S]
      One connection sending a request head (with --body: a complete head,
      then its body) one byte a second; prints the seconds until the
      server closed it, or "open" after S seconds (default 20).
"""

import argparse
import codecs
import os
import select
import socket
import sys
import time


def connect(port, source, timeout=5):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    return s


def read_answer(s, deadline):
    """Reads until the server closes or `deadline`; returns (bytes, closed,
    seconds to the first byte)."""
    data, first = b"", None
    start = time.monotonic()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return data, False, first
        s.settimeout(left)
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            return data, False, first
        except ConnectionResetError:
            return data, True, first
        if not chunk:
            return data, True, first
        if first is None:
            first = time.monotonic() - start
        data += chunk
        head, sep, body = data.partition(b"\r\n\r\n")
        if sep and first is not None:
            # After a complete answer, wait at most 2 s for the close.
            length = None
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if length is not None and len(body) >= length:
                deadline = min(deadline, start + first + 2)


def exchange(port, escaped, wait):
    """(status, "closed"|"open", seconds to the answer, body bytes)"""
    payload = codecs.escape_decode(escaped.encode())[0]
    s = connect(port, "127.0.0.1")
    start = time.monotonic()
    s.sendall(payload)
    data, closed, first = read_answer(s, start + wait)
    s.close()
    status = 0
    if data.startswith(b"HTTP/1."):
        status = int(data.split(b" ", 2)[1])
    body = data.partition(b"\r\n\r\n")[2]
    return (status, "closed" if closed else "open",
            first if first is not None else wait, len(body))


def cmd_raw(args):
    status, conn, seconds, body = exchange(args.port, args.bytes, args.max)
    print(status, conn, "%.2f" % seconds, body)


def cmd_expect(args):
    failed = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        want_status, want_conn, request = line.rstrip("\n").split(" ", 2)
        status, conn, seconds, body = exchange(args.port, request, 5)
        ok = (str(status) == want_status and conn == want_conn and
              seconds < 2 and body > 0)
        failed += not ok
        print("%s: %d %s %.2fs %d bytes for %s" % (
            "ok" if ok else "WRONG", status, conn, seconds, body, request))
    return 1 if failed else 0


def probe(port):
    start = time.monotonic()
    try:
        s = connect(port, "127.0.0.1", timeout=10)
        s.sendall(b"GET /api/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  b"Connection: close\r\n\r\n")
        data, _, _ = read_answer(s, start + 10)
        s.close()
    except OSError:
        data = b""
    ms = (time.monotonic() - start) * 1000
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return ms, status


def sockets_of(pid):
    n = 0
    for fd in os.listdir("/proc/%d/fd" % pid):
        try:
            n += os.readlink("/proc/%d/fd/%s" % (pid, fd)).startswith(
                "socket:")
        except OSError:
            pass
    return n


def cmd_slowloris(args):
    baseline = sockets_of(args.pid) if args.pid else 0
    head = b"GET /api/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + \
        b"a" * 1000
    slow = []
    for _ in range(args.conns):
        try:
            s = connect(args.port, args.source)
            s.setblocking(False)
            slow.append(s)
        except OSError:
            pass
    sent = 0
    start = time.monotonic()
    next_byte = start
    reported = False
    while time.monotonic() - start < args.seconds:
        now = time.monotonic()
        if now >= next_byte:
            for s in list(slow):
                try:
                    s.send(head[sent:sent + 1])
                except OSError:
                    slow.remove(s)
                    s.close()
            sent += 1
            next_byte += 1
        # Drop the connections the server closed.
        poller = select.poll()
        for s in slow:
            poller.register(s, select.POLLIN)
        readable = {fd for fd, _ in poller.poll(0)}
        for s in [s for s in slow if s.fileno() in readable]:
            try:
                if not s.recv(4096):
                    raise OSError
            except BlockingIOError:
                continue
            except OSError:
                pass
            slow.remove(s)
            s.close()
        if not reported and now - start >= 3:
            print("held", len(slow), flush=True)
            if args.pid:
                print("accepted", sockets_of(args.pid) - baseline,
                      flush=True)
            reported = True
        if reported and not args.no_probe:
            ms, status = probe(args.port)
            print("probe %.1f %d" % (ms, status), flush=True)
        time.sleep(0.3)
    for s in slow:
        s.close()


def cmd_trickle(args):
    if args.body:
        head = b"POST /api/ HTTP/1.1\r\nHost: 127.0.0.1\r\n" \
            b"Content-Length: 100\r\n\r\n"
        s = connect(args.port, args.source)
        s.sendall(head)
        payload = b"x" * 100
    else:
        s = connect(args.port, args.source)
        payload = b"GET /api/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + \
            b"a" * 1000
    start = time.monotonic()
    for i in range(len(payload)):
        if time.monotonic() - start > args.max:
            break
        try:
            s.send(payload[i:i + 1])
        except OSError:
            print("%.1f" % (time.monotonic() - start))
            return
        r = select.select([s], [], [], 1.0)[0]
        if r:
            try:
                if not s.recv(4096):
                    print("%.1f" % (time.monotonic() - start))
                    return
            except OSError:
                print("%.1f" % (time.monotonic() - start))
                return
    print("open")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("raw")
    r.add_argument("port", type=int)
    r.add_argument("bytes")
    r.add_argument("--max", type=float, default=5)
    r.set_defaults(func=cmd_raw)
    e = sub.add_parser("expect")
    e.add_argument("port", type=int)
    e.set_defaults(func=cmd_expect)
    sl = sub.add_parser("slowloris")
    sl.add_argument("port", type=int)
    sl.add_argument("--conns", type=int, required=True)
    sl.add_argument("--from", dest="source", default="127.0.0.2")
    sl.add_argument("--seconds", type=float, default=6)
    sl.add_argument("--pid", type=int)
    sl.add_argument("--no-probe", action="store_true")
    sl.set_defaults(func=cmd_slowloris)
    t = sub.add_parser("trickle")
    t.add_argument("port", type=int)
    t.add_argument("--from", dest="source", default="127.0.0.2")
    t.add_argument("--body", action="store_true")
    t.add_argument("--max", type=float, default=20)
    t.set_defaults(func=cmd_trickle)
    args = p.parse_args()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
