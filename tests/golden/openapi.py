#!/usr/bin/env python3
"""Validate darn's REST responses against Patchwork's OpenAPI schemas.

Sends every request recorded in GOLDEN/api/<version>/ (ids mapped by msgid
as api.py does) plus extra requests (lists with filters, each version's
index including 1.4, cover lists, events with filters) to a running darn,
finds the operation in the OpenAPI document of the request's version
(spec/openapi/v1.N.yaml; unversioned = v1.4.yaml) by path template and
method, takes the JSON schema documented for the response's status, inlines
its $refs and validates the body with jsonschema (Draft 2020-12, as
OpenAPI 3.1 uses).

A request is expected to answer 200 when Patchwork answered 200 (extra
requests: always); a different status is a failure. Responses with another
expected status are validated when the schema documents that status (e.g.
403 with the Error schema), and skipped otherwise (Patchwork's HTML 404 for
routes a version lacks).

The schemas list no `required` properties, so a missing key passes
(api.sh catches those against Patchwork's own responses); nor do they
forbid extra ones.

Prints per-version counts and each failure; last line `valid: N of M`.
With --golden-bodies the recorded Patchwork responses are validated instead
of darn's (no server needed): a check of the schemas and of this tool.
"""
import argparse
import json
import os
import re
import sys
from collections import OrderedDict, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import replay  # noqa: E402

try:
    import jsonschema
    import yaml
except ImportError as e:  # pragma: no cover - reported by openapi.sh
    sys.exit(f"openapi: python3 module missing ({e.name}); "
             "apt-get install python3-jsonschema python3-yaml")

# Where rest-api.md (what Patchwork emits, and so darn's target) and the
# schemas disagree, the schemas are adjusted before validating; Patchwork
# 3.1.3's own responses fail without these (--golden-bodies --no-adjust).
ADJUSTMENTS = [
    "headers: values are a string or a list of strings in one object "
    "(rest-api.md §8.5); the schemas demand all one or all the other",
    "series cover_letter may be null (§6.7); the schemas allow only an object",
    "person name may be null (§6.3); the schemas allow only a string",
]
HEADERS_SCHEMA = {"title": "Headers", "type": "object", "readOnly": True,
                  "additionalProperties": {"anyOf": [
                      {"type": "string"},
                      {"type": "array", "items": {"type": "string"}}]}}


def nullable(schema):
    return {"anyOf": [{"type": "null"}, schema]}


def adjust(doc):
    """Applies ADJUSTMENTS to the component schemas of one document."""
    def walk(node, person):
        if isinstance(node, list):
            for v in node:
                walk(v, person)
            return
        if not isinstance(node, dict):
            return
        props = node.get("properties")
        if isinstance(props, dict):
            if "headers" in props:
                props["headers"] = HEADERS_SCHEMA
            if "cover_letter" in props:
                props["cover_letter"] = nullable(props["cover_letter"])
            if person and "name" in props:
                props["name"] = nullable(props["name"])
        for k, v in node.items():
            if k != "properties":
                walk(v, person)

    for name, schema in doc["components"]["schemas"].items():
        walk(schema, name.startswith("Person"))


SCHEMA_VERSIONS = ["1.0", "1.1", "1.2", "1.3", "1.4"]
LATEST = "1.4"


def dir_version(d):
    return LATEST if d == "unversioned" else d[1:]


def path_version(path):
    m = re.match(r"/api/(\d\.\d)/", path)
    return m.group(1) if m else LATEST


class Schemas:
    def __init__(self, spec_dir, adjusted):
        self.docs = {}
        for v in SCHEMA_VERSIONS:
            with open(os.path.join(spec_dir, f"v{v}.yaml"), encoding="utf-8") as f:
                doc = yaml.safe_load(f)
            if adjusted:
                adjust(doc)
            routes = []
            for template, ops in doc["paths"].items():
                rx = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
                routes.append((re.compile(rx + "/?$"), template, ops))
            self.docs[v] = (doc, routes)
        self.cache = {}

    def operation(self, version, path, method="get"):
        """(template, operation) of the version's document, or (None, None)."""
        doc, routes = self.docs[version]
        bare = path.split("?", 1)[0]
        bare = re.sub(r"^/api/(\d\.\d/)?", f"/api/{version}/", bare)
        for rx, template, ops in routes:
            if rx.match(bare) and method in ops:
                return template, ops[method]
        return None, None

    def response_schema(self, version, template, op, status):
        key = (version, template, status)
        if key not in self.cache:
            resp = op.get("responses", {}).get(str(status))
            schema = None
            if resp:
                resp = self.resolve(version, resp)
                body = (resp.get("content") or {}).get("application/json")
                if body and "schema" in body:
                    schema = self.resolve(version, body["schema"])
            self.cache[key] = schema
        return self.cache[key]

    def resolve(self, version, node, seen=()):
        """A copy of node with every local $ref inlined."""
        doc = self.docs[version][0]
        if isinstance(node, list):
            return [self.resolve(version, v, seen) for v in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/") or ref in seen:
                raise ValueError(f"unsupported or recursive $ref {ref}")
            target = doc
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            merged = dict(target)
            merged.update({k: v for k, v in node.items() if k != "$ref"})
            return self.resolve(version, merged, seen + (ref,))
        return {k: self.resolve(version, v, seen) for k, v in node.items()}


def extra_requests(idmap):
    """(path, auth) pairs beyond the recorded ones, for every version."""
    patch = idmap.map["patch"].get(711, 711)
    series = idmap.map["series"].get(731, 731)
    cover = idmap.map["cover"].get(97, 97)
    person = idmap.map["person"].get(5, 5)
    rel = [
        ("", False),
        ("covers/", False),
        ("covers/?per_page=5&order=-date", False),
        ("covers/?project=linux-cifs-client&q=cifs&per_page=3", False),
        (f"covers/?submitter={person}&per_page=3", False),
        ("patches/?project=linux-cifs-client&state=new&per_page=5", False),
        ("patches/?archived=false&order=-date&per_page=4", False),
        (f"patches/?submitter={person}&since=2024-01-01&per_page=3", False),
        ("patches/?q=smb&before=2022-01-01T00:00:00&per_page=3", False),
        (f"patches/?series={series}", False),
        ("patches/?msgid=20190724014349.6479-1-lsahlber@redhat.com", False),
        ("patches/?page=2&per_page=2", False),
        ("series/?project=linux-cifs-client&order=-id&per_page=3", False),
        (f"series/?submitter={person}&per_page=3", False),
        ("events/?per_page=5", False),
        ("events/?category=patch-created&per_page=3", False),
        ("events/?category=series-completed&order=date&per_page=3", False),
        (f"events/?patch={patch}", False),
        (f"events/?series={series}", False),
        (f"events/?cover={cover}", False),
        ("events/?project=linux-cifs-client&since=2025-01-01&per_page=3", False),
        (f"patches/{patch}/checks/", False),
        (f"covers/{cover}/", False),
        (f"series/{series}/", False),
        ("projects/linux-cifs-client/", False),
        ("bundles/", False),
        ("people/?q=french&per_page=3", True),
        (f"people/{person}/", True),
        ("users/", True),
    ]
    out = []
    for v in ["unversioned"] + [f"v{v}" for v in SCHEMA_VERSIONS]:
        prefix = "/api/" if v == "unversioned" else f"/api/{v[1:]}/"
        for r, auth in rel:
            out.append((v, prefix + r, auth))
    return out


class Tally:
    def __init__(self):
        self.valid = defaultdict(int)
        self.total = defaultdict(int)
        self.skipped = defaultdict(int)
        self.failures = []

    def check(self, schemas, label, version, path, want_status, status,
              ctype, body):
        """One response; want_status None = whatever status it has."""
        template, op = schemas.operation(version, path)
        schema = None
        if template:
            schema = schemas.response_schema(version, template, op, status)
        must = want_status == 200
        is_json = (ctype or "").startswith("application/json")
        if not must and (schema is None or not is_json):
            self.skipped[version] += 1
            return
        self.total[version] += 1
        problem = None
        if template is None:
            problem = f"no GET operation for {path} in v{version}.yaml"
        elif status != (want_status or status):
            problem = f"status {status}, expected {want_status}"
        elif schema is None:
            problem = f"v{version}.yaml documents no JSON body for {status}"
        elif not is_json:
            problem = f"Content-Type {ctype!r}, not application/json"
        else:
            try:
                instance = json.loads(body, object_pairs_hook=OrderedDict)
            except ValueError:
                problem = "body is not JSON"
            else:
                v = jsonschema.Draft202012Validator(schema)
                errors = sorted(v.iter_errors(instance),
                                key=lambda e: list(e.absolute_path))
                if errors:
                    problem = "; ".join(
                        f"at {'/'.join(str(p) for p in e.absolute_path) or '(root)'}"
                        f": {short(e.message)}" for e in errors[:3])
                    if len(errors) > 3:
                        problem += f"; … {len(errors) - 3} more errors"
        if problem:
            self.failures.append(f"{label} GET {path}: {problem}")
        else:
            self.valid[version] += 1


def short(msg, n=160):
    return msg if len(msg) <= n else msg[:n] + "…"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", help="darn's address, e.g. http://127.0.0.1:8123")
    ap.add_argument("--golden", required=True,
                    help="shared/golden/linux-cifs (holds api/)")
    ap.add_argument("--spec", required=True, help="shared/spec/openapi")
    ap.add_argument("--db", help="darn's database, to map ids by msgid")
    ap.add_argument("--golden-bodies", action="store_true",
                    help="validate Patchwork's recorded responses instead")
    ap.add_argument("--no-adjust", action="store_true",
                    help="validate against the schemas as published")
    ap.add_argument("--show", type=int, default=20,
                    help="failures to print (all go to --out)")
    ap.add_argument("--out", help="file for the full list of failures")
    args = ap.parse_args()
    if not args.url and not args.golden_bodies:
        ap.error("--url or --golden-bodies")

    api_dir = os.path.join(args.golden, "api")
    schemas = Schemas(args.spec, not args.no_adjust)
    if not args.no_adjust:
        print("schema adjustments (rest-api.md wins over the schemas):")
        for a in ADJUSTMENTS:
            print(f"  {a}")
    tally = Tally()
    recorded = replay.recorded_requests(api_dir)
    if args.golden_bodies:
        for rec in recorded:
            v = dir_version(rec.version)
            if rec.version == "unversioned":
                v = "1.3"  # what Patchwork 3.1.3 serves unversioned
            tally.check(schemas, rec.name, v, rec.path, rec.status, rec.status,
                        rec.headers.get("Content-Type"), rec.body)
    else:
        idmap = replay.IdMap(args.db, api_dir)
        client = replay.Client(args.url)
        for rec in recorded:
            path = idmap.path(rec.path)
            r = client.get(path, auth=rec.auth)
            tally.check(schemas, rec.name, dir_version(rec.version), path,
                        rec.status, r.status, r.header("Content-Type"), r.body)
        for vdir, path, auth in extra_requests(idmap):
            r = client.get(path, auth=auth)
            tally.check(schemas, f"extra/{vdir}", path_version(path), path,
                        200, r.status, r.header("Content-Type"), r.body)

    print("OpenAPI validation per schema version (valid / checked, skipped):")
    for v in SCHEMA_VERSIONS:
        print(f"  v{v}.yaml  {tally.valid[v]:5d} / {tally.total[v]:<5d} "
              f"skipped {tally.skipped[v]}")
    if tally.failures:
        kinds = defaultdict(int)
        for f in tally.failures:
            path, problem = f.split(" ", 2)[2].split(": ", 1)
            path = re.sub(r"/api/\d\.\d/", "/api/V/", path)
            path = re.sub(r"/\d+/", "/N/", path)
            kinds[f"{path}: {problem}"[:150]] += 1
        print("failures by request and problem (V = a version, N = an id):")
        for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
            print(f"  {n:5d}  {k}")
        print(f"failures ({len(tally.failures)}):")
        for f in tally.failures[:args.show]:
            print(f"  {f}")
        if len(tally.failures) > args.show:
            print(f"  … {len(tally.failures) - args.show} more"
                  + (f" in {args.out}" if args.out else ""))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write("".join(x + "\n" for x in tally.failures))
    valid = sum(tally.valid.values())
    total = sum(tally.total.values())
    print(f"valid: {valid} of {total}")
    return 0 if valid == total else 1


if __name__ == "__main__":
    sys.exit(main())
