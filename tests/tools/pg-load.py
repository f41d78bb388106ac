#!/usr/bin/env python3
"""A small load on darn servers while their database restarts (t0095).

usage: pg-load.py STOPFILE TOKEN PATCH_IDS MBOX_PATHS BASE_URL...

Runs two threads per BASE_URL until the file STOPFILE exists, each on
one keep-alive connection, cycling through reads (a patch list, a patch,
its comments and checks, the events, a patch's mbox, XML-RPC patch_get)
and writes with the API token (PATCH a patch's state, POST a check).
PATCH_IDS and MBOX_PATHS are comma-separated. Then prints, one a line,
"status CODE COUNT" for every status answered and "error KIND COUNT" for
every request that got no answer (a connection reset or refused, a
timeout: what a server must never do), and "bad503 COUNT" for 503s
whose body does not say the database is unavailable.
"""
import collections
import http.client
import os
import sys
import threading
import time
import urllib.parse

stopfile, token = sys.argv[1], sys.argv[2]
patches = sys.argv[3].split(",")
mboxes = sys.argv[4].split(",")
bases = sys.argv[5:]
counts = collections.Counter()
lock = threading.Lock()

XMLRPC = ("<?xml version='1.0'?><methodCall><methodName>patch_get"
          "</methodName><params><param><value><int>%s</int></value>"
          "</param></params></methodCall>")


def requests(n):
    """The n-th request: method, path, headers, body."""
    pid = patches[n % len(patches)]
    auth = {"Authorization": "Token " + token,
            "Content-Type": "application/json"}
    states = ("new", "under-review", "accepted", "changes-requested")
    k = n % 9
    if k == 0:
        return ("PATCH", "/api/patches/%s/" % pid, auth,
                '{"state": "%s"}' % states[n % len(states)])
    if k == 1:
        return ("POST", "/api/patches/%s/checks/" % pid, auth,
                '{"state": "success", "context": "restart"}')
    if k == 2:
        return ("POST", "/xmlrpc/", {"Content-Type": "text/xml"},
                XMLRPC % pid)
    paths = ["/api/patches/", "/api/patches/%s/" % pid,
             "/api/patches/%s/comments/" % pid,
             "/api/patches/%s/checks/" % pid, "/api/events/",
             mboxes[n % len(mboxes)]]
    return ("GET", paths[k - 3], {}, None)


def worker(base, seed):
    url = urllib.parse.urlsplit(base)
    conn = None
    n = seed
    while not os.path.exists(stopfile):
        method, path, headers, body = requests(n)
        n += 1
        try:
            if conn is None:
                conn = http.client.HTTPConnection(url.hostname, url.port,
                                                  timeout=30)
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            data = r.read()
            key = "status %d" % r.status
            if r.status == 503 and b"database is unavailable" not in data:
                key = "bad503 %s %s" % (method, path)
            if r.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as e:
            key = "error %s" % type(e).__name__
            if conn:
                conn.close()
            conn = None
            time.sleep(0.05)
        with lock:
            counts[key] += 1


threads = [threading.Thread(target=worker, args=(b, i * 4))
           for b in bases for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for key, c in sorted(counts.items()):
    print(key, c)
