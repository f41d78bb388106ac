#!/usr/bin/env python3
"""Writes every answer a darn server gives under its public URL, byte for
byte, so that two servers can be compared with cmp.

usage: rest-snapshot.py SERVER PUBLIC_URL [TOKEN] > snapshot

Starts at PUBLIC_URL/api/ and follows every URL below PUBLIC_URL found in
an answer's body (JSON strings, mbox and HTML links) and in its Link
header: lists with their pages, every object, comments, checks, mbox and
raw downloads. SERVER is where the server listens
(http://127.0.0.1:PORT); start the servers compared with the same
--base-url PUBLIC_URL so that their answers carry the same links. With
TOKEN every request carries it (users, people, private bundles). For each
URL, in the order found: the URL, the status, Content-Type, Link and the
body, exactly as received. At most 20,000 URLs, or
$REST_SNAPSHOT_MAX_URLS.
"""
import http.client
import os
import re
import sys
import urllib.parse

MAX_URLS = int(os.environ.get("REST_SNAPSHOT_MAX_URLS", "20000"))


def main():
    server = urllib.parse.urlsplit(sys.argv[1])
    public = sys.argv[2].rstrip("/")
    token = sys.argv[3] if len(sys.argv) > 3 else ""
    link = re.compile(re.escape(public).encode() + rb'/[^"\s<>\\]*')
    conn = http.client.HTTPConnection(server.hostname, server.port,
                                      timeout=60)
    seen = {public + "/api/"}
    queue = [public + "/api/"]
    out = sys.stdout.buffer
    while queue:
        url = queue.pop(0)
        headers = {"Authorization": "Token " + token} if token else {}
        conn.request("GET", url[len(public):], headers=headers)
        r = conn.getresponse()
        body = r.read()
        head = "%s\n%d\n%s\n%s\n%d\n" % (
            url, r.status, r.getheader("Content-Type", ""),
            r.getheader("Link", ""), len(body))
        out.write(head.encode() + body + b"\n")
        found = [m.group(0).decode("utf-8", "replace")
                 for m in link.finditer(body)]
        found += re.findall(r"<([^>]*)>", r.getheader("Link", ""))
        for u in found:
            u = u.split("#")[0]
            if u.startswith(public + "/") and u not in seen:
                if len(seen) >= MAX_URLS:
                    sys.exit("rest-snapshot: more than %d URLs" % MAX_URLS)
                seen.add(u)
                queue.append(u)


main()
