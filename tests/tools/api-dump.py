#!/usr/bin/env python3
"""Prints everything a darn server shows through its REST API, one JSON
document per line, in a stable order: projects, people, patches with
their comments and checks, covers with their comments, series, events.

usage: api-dump.py SERVER PUBLIC_URL > dump.jsonl

SERVER is where the server listens (http://127.0.0.1:PORT), PUBLIC_URL
its --base-url: start every server compared with the same --base-url, so
that the URLs in their answers match. Two databases hold the same rows
when their dumps are equal. Event dates are when darn stored the mail,
not data from the mail: they are blanked. (People need a login; they
appear embedded in patches and comments.)
"""
import json
import sys
import urllib.request


def local(url):
    return SERVER + url[len(PUBLIC):] if url.startswith(PUBLIC) else url


def get(url):
    url = local(url)
    with urllib.request.urlopen(url, timeout=60) as r:
        return json.load(r)


def pages(url):
    url += ("&" if "?" in url else "?") + "per_page=250"
    while url:
        with urllib.request.urlopen(local(url), timeout=60) as r:
            body = json.load(r)
            link = r.headers.get("Link", "")
        yield from body
        url = None
        for part in link.split(","):
            if 'rel="next"' in part:
                url = part[part.index("<") + 1:part.index(">")]


SERVER = sys.argv[1].rstrip("/")
PUBLIC = sys.argv[2].rstrip("/")


def main():
    base = SERVER + "/api/1.4"
    out = sys.stdout
    for kind in ("projects", "patches", "covers", "series", "events"):
        for item in pages("%s/%s/?order=id" % (base, kind)
                          if kind != "events" else "%s/events/" % base):
            if kind == "events":
                item["date"] = None
            out.write(json.dumps(item, sort_keys=True) + "\n")
            if kind in ("patches", "covers"):
                for c in pages(item["comments"]):
                    out.write(json.dumps(c, sort_keys=True) + "\n")
            if kind == "patches":
                for c in get(item["checks"]):
                    out.write(json.dumps(c, sort_keys=True) + "\n")


main()
