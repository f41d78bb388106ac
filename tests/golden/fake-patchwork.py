#!/usr/bin/env python3
"""A server that answers with Patchwork's recorded responses, to test
api.py and openapi.py themselves (tests/golden/selftest.sh).

Serves every request of GOLDEN/api/*/*.headers (HTTP Basic auth selects
the *-auth sample) and the downloads of GOLDEN/mbox/index.tsv on a free
loopback port, prints `port N` and serves until killed.

--mutate makes a few answers differ the ways api.py must notice (and the
ways it must not: things it normalises):
  patch-s05 (every version)  two keys of the body swapped     -> differs
  patch-s06 unversioned      Link header added                 -> differs
  events-page1 v1.1          the events' dates changed         -> identical
  patch-s07 mbox             X-Patchwork-Id changed            -> identical
  patch-s08 mbox             one body byte changed             -> differs
"""
import argparse
import json
import os
import re
import socket
import sys
from collections import OrderedDict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import replay  # noqa: E402


def load(golden, mutate):
    routes = {}
    for rec in replay.recorded_requests(os.path.join(golden, "api")):
        headers = OrderedDict(rec.headers)
        body = rec.body
        if mutate and rec.slug == "patch-s05":
            obj = json.loads(body, object_pairs_hook=OrderedDict)
            keys = list(obj.items())
            keys[1], keys[2] = keys[2], keys[1]
            body = json.dumps(OrderedDict(keys), ensure_ascii=False,
                              separators=(",", ":")).encode()
        if mutate and rec.slug == "patch-s06" and rec.version == "unversioned":
            headers["Link"] = "<http://127.0.0.1:8000/api/>; rel=\"first\""
        if mutate and rec.slug == "events-page1" and rec.version == "v1.1":
            body = re.sub(rb'"category":("[^"]+"),"project":(\{[^{}]*\}),'
                          rb'"date":"[^"]+"',
                          rb'"category":\1,"project":\2,'
                          rb'"date":"2030-01-01T00:00:00.000001"', body)
        routes[(rec.path, rec.auth)] = (rec.status, headers, body)
    mdir = os.path.join(golden, "mbox")
    for row in replay.read_tsv(os.path.join(mdir, "index.tsv")):
        with open(os.path.join(mdir, row["file"]), "rb") as f:
            body = f.read()
        if mutate and row["sample"] == "patch-s07":
            body = re.sub(rb"X-Patchwork-Id: \d+", b"X-Patchwork-Id: 99999", body)
        if mutate and row["sample"] == "patch-s08":
            body = body[:-2] + (b"X" if body[-2:-1] != b"X" else b"Y") + body[-1:]
        final = (int(row["final_status"]), OrderedDict(
            [("Content-Type", row["content_type"]),
             ("Content-Disposition", row["content_disposition"])]), body)
        if row["location"]:
            routes[(row["url"], False)] = (
                int(row["status"]), OrderedDict([("Location", row["location"])]),
                b"")
        routes[(row["final_url"], False)] = final
    return routes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--golden", required=True)
    ap.add_argument("--mutate", action="store_true")
    args = ap.parse_args()
    routes = load(args.golden, args.mutate)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            super().setup()
            # Headers and body are two writes: without this, Nagle and the
            # client's delayed ACK cost 40 ms per request.
            self.connection.setsockopt(socket.IPPROTO_TCP,
                                       socket.TCP_NODELAY, 1)

        def do_GET(self):
            auth = self.headers.get("Authorization") is not None
            hit = routes.get((self.path, auth))
            if hit is None:
                hit = (404, OrderedDict([("Content-Type", "text/plain")]),
                       b"not recorded\n")
            status, headers, body = hit
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"port {srv.server_address[1]}", flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
