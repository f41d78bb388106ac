#!/usr/bin/env python3
"""A browser without a browser, for the black-box tests of the web pages.

    web-client.py JAR get URL
    web-client.py JAR post URL [NAME=VALUE...] [--form-from URL]
                  [--csrf TOKEN | --no-csrf] [--origin ORIGIN]
    web-client.py JAR api METHOD URL [JSON] [--csrf-header [TOKEN]]
    web-client.py JAR cookie NAME

JAR is a JSON file of the cookies the server set (created when missing),
sent back with every request as a browser does. `post` first GETs the
page of the form (URL, or --form-from) and sends its csrfmiddlewaretoken
back, unless told otherwise. Prints the status; the response head goes
to ./headers (one "Name: value" a line) and the body to ./body.
Redirects are not followed.
"""
import http.client
import json
import os
import re
import sys
import urllib.parse


def load(jar):
    if os.path.exists(jar):
        with open(jar) as f:
            return json.load(f)
    return {}


def save(jar, cookies):
    with open(jar, 'w') as f:
        json.dump(cookies, f)


def request(jar, method, url, body=None, headers=None):
    cookies = load(jar)
    u = urllib.parse.urlsplit(url)
    h = dict(headers or {})
    if cookies:
        h['Cookie'] = '; '.join('%s=%s' % kv for kv in cookies.items())
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=300)
    path = u.path + ('?' + u.query if u.query else '')
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    data = r.read()
    c.close()
    with open('headers', 'w') as f:
        for k, v in r.getheaders():
            f.write('%s: %s\n' % (k, v))
    with open('body', 'wb') as f:
        f.write(data)
    for k, v in r.getheaders():
        if k.lower() != 'set-cookie':
            continue
        name, _, rest = v.partition('=')
        value = rest.split(';')[0]
        if re.search(r'(?i)max-age=0\b', v):
            cookies.pop(name.strip(), None)
        else:
            cookies[name.strip()] = value
    save(jar, cookies)
    return r.status, data


def form_token(html):
    m = re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', html)
    return m.group(1) if m else None


def main(argv):
    jar, verb, rest = argv[1], argv[2], argv[3:]
    if verb == 'get':
        status, _ = request(jar, 'GET', rest[0])
        print(status)
    elif verb == 'cookie':
        print(load(jar).get(rest[0], ''))
    elif verb == 'post':
        url, fields, token, origin, form_from = rest[0], [], None, None, None
        no_csrf = False
        args = iter(rest[1:])
        for a in args:
            if a == '--csrf':
                token = next(args)
            elif a == '--no-csrf':
                no_csrf = True
            elif a == '--origin':
                origin = next(args)
            elif a == '--form-from':
                form_from = next(args)
            else:
                fields.append(tuple(a.split('=', 1)))
        if token is None and not no_csrf:
            _, page = request(jar, 'GET', form_from or url)
            token = form_token(page.decode('utf-8', 'replace'))
        if token is not None:
            fields.insert(0, ('csrfmiddlewaretoken', token))
        headers = {'Content-Type': 'application/x-www-form-urlencoded'}
        if origin:
            headers['Origin'] = origin
        status, _ = request(jar, 'POST', url,
                            urllib.parse.urlencode(fields), headers)
        print(status)
    elif verb == 'api':
        method, url = rest[0], rest[1]
        body, headers = None, {}
        args = iter(rest[2:])
        for a in args:
            if a == '--csrf-header':
                headers['X-CSRFToken'] = load(jar).get('csrftoken', '')
            elif a.startswith('--csrf-header='):
                headers['X-CSRFToken'] = a.split('=', 1)[1]
            else:
                body = a
                headers['Content-Type'] = 'application/json'
        status, _ = request(jar, method, url, body, headers)
        print(status)
    else:
        sys.exit('unknown verb ' + verb)


if __name__ == '__main__':
    main(sys.argv)
