#!/usr/bin/env python3
"""What the web tests read from a page (stdlib only): prints one fact of
an HTML file, whitespace-normalised.

usage: web-facts.py FILE WHAT
  title        the <title> text
  headings     <h1>/<h2> texts, one a line
  summary      the text of #filtersummary
  paginator    the text of the first .paginator, then its links, one a line
  rows         per row of the patch list (the table whose header has Patch
               and State): its cells' texts joined with ' | '
  column NAME  the cells of column NAME of the patch list, one a line
  links        every <a href>, one a line, in order
  text         the whole text of <body>
  table ID     per row of the table with id ID: its cells' texts joined
               with ' | ' (the header row too)
  id ID        the text of the element with id ID
  check        exit 1 when the page has inline script or style (a <script>
               without src, a style attribute or element, an on* handler)
"""
import html.parser
import sys


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.title, self.headings, self.links = [], '', [], []
        self.summary = self.paginator = None
        self.pag_links = []
        self.tables, self.body = [], []
        self.table_ids, self.by_id = [], {}
        self.inline = []
        self.cur_heading = None
        self.pag_done = False

    def in_pag(self):
        return not self.pag_done and self.in_(
            lambda t, x: 'paginator' in (x.get('class') or '').split())

    def in_(self, pred):
        return any(pred(t, a) for t, a in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'script' and 'src' not in a:
            self.inline.append('inline script')
        if tag == 'style' or 'style' in a:
            self.inline.append('inline style')
        if any(k.startswith('on') for k in a):
            self.inline.append('event handler')
        if tag in ('br', 'input', 'meta', 'link', 'img', 'hr'):
            if tag == 'br':
                self.text(' ')
            return
        self.stack.append((tag, a))
        if a.get('id') == 'filtersummary':
            self.summary = []
        if 'paginator' in (a.get('class') or '').split() and self.paginator is None:
            self.paginator = []
        if tag == 'a' and 'href' in a:
            self.links.append(a['href'])
            if self.in_pag():
                self.pag_links.append(a['href'])
        if tag == 'table':
            self.tables.append([])
            self.table_ids.append(a.get('id'))
        if tag == 'tr' and self.tables:
            self.tables[-1].append([])
        if tag in ('td', 'th') and self.tables and self.tables[-1]:
            self.tables[-1][-1].append('')
        if tag in ('h1', 'h2'):
            self.cur_heading = ''
        if tag in ('p', 'div', 'li', 'td', 'th', 'tr', 'pre'):
            self.text(' ')

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                if self.paginator is not None and any(
                        'paginator' in (a.get('class') or '').split()
                        for _, a in self.stack[i:]):
                    self.pag_done = True
                del self.stack[i:]
                break
        if tag in ('h1', 'h2') and self.cur_heading is not None:
            self.headings.append(' '.join(self.cur_heading.split()))
            self.cur_heading = None
        if tag in ('p', 'div', 'li', 'td', 'th', 'tr', 'pre'):
            self.text(' ')

    def text(self, data):
        if self.in_(lambda t, a: t == 'title'):
            self.title += data
            return
        if self.in_(lambda t, a: t in ('script', 'style', 'head')):
            return
        self.body.append(data)
        for _, a in self.stack:
            if a.get('id'):
                self.by_id[a['id']] = self.by_id.get(a['id'], '') + data
        if self.cur_heading is not None:
            self.cur_heading += data
        if self.summary is not None and self.in_(lambda t, a: a.get('id') == 'filtersummary'):
            self.summary.append(data)
        if self.paginator is not None and self.in_pag():
            self.paginator.append(data)
        if self.in_(lambda t, a: t in ('td', 'th')) and self.tables and self.tables[-1] \
                and self.tables[-1][-1]:
            self.tables[-1][-1][-1] += data

    handle_data = text


def ws(s):
    return ' '.join(s.split())


def patch_table(p):
    for t in p.tables:
        if t and 'Patch' in [ws(c) for c in t[0]] and 'State' in [ws(c) for c in t[0]]:
            return t
    return None


def main():
    p = Page()
    p.feed(open(sys.argv[1], encoding='utf-8').read())
    what = sys.argv[2]
    if what == 'title':
        print(ws(p.title))
    elif what == 'headings':
        print('\n'.join(p.headings))
    elif what == 'summary':
        print(ws(''.join(p.summary or [])))
    elif what == 'paginator':
        print(ws(''.join(p.paginator or [])))
        print('\n'.join(p.pag_links))
    elif what in ('rows', 'column'):
        t = patch_table(p) or []
        head = [ws(c) for c in t[0]] if t else []
        for r in t[1:]:
            cells = [ws(c) for c in r]
            if what == 'rows':
                print(' | '.join(cells))
            elif sys.argv[3] in head and len(cells) == len(head):
                print(cells[head.index(sys.argv[3])])
    elif what == 'links':
        print('\n'.join(p.links))
    elif what == 'table':
        for t, i in zip(p.tables, p.table_ids):
            if i == sys.argv[3]:
                for r in t:
                    print(' | '.join(ws(c) for c in r))
    elif what == 'id':
        print(ws(p.by_id.get(sys.argv[3], '')))
    elif what == 'text':
        print(ws(''.join(p.body)))
    elif what == 'check':
        if p.inline:
            print(', '.join(sorted(set(p.inline))))
            return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
