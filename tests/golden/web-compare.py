#!/usr/bin/env python3
"""Runs ../shared/tools/web_golden_compare.py with one documented rule:
links to darn's own pages, which Patchwork 3.1.3 does not have, are left
out of the compared links (docs/compatibility.md "Web pages"). Today
these are the series pages, /project/<p>/series/ and
/project/<p>/series/<id>/, linked from every project's tabs and from a
patch's series row. Every other fact is compared as the tool compares it.

usage: web-compare.py TOOLS-DIR ARGS-OF-web_golden_compare.py...
"""
import re
import sys

sys.path.insert(0, sys.argv[1])
import web_extract  # noqa: E402

DARN_ONLY = re.compile(r'^/project/[^/?#]+/series/')
links = web_extract.links


def links_without_darn_pages(root, ctx):
    return [u for u in links(root, ctx) if not DARN_ONLY.match(u)]


web_extract.links = links_without_darn_pages
import web_golden_compare  # noqa: E402

if __name__ == '__main__':
    sys.exit(web_golden_compare.main(sys.argv[2:]))
