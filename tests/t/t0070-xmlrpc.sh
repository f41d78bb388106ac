#!/bin/sh
# Patchwork's XML-RPC API at /xmlrpc/, called exactly as pwclient's
# XML-RPC backend calls it: Python's xmlrpc.client.ServerProxy with the
# credentials in the URL (HTTP Basic). Then Patchwork's post-receive hook
# flow: a push to a bare git repository whose hook finds each pushed
# patch by its hash (patch_get_by_project_hash) and sets it Accepted with
# the commit id. And [xmlrpc] enabled = false.
. "$(dirname "$0")/lib.sh"

setup_project

# deliver FROM SUBJECT MSGID FILE < text: a patch adding a line to FILE.
deliver() {
	{ cat; diff_for "$4"; } | mail "$1" "$2" "$3" | darn parsemail
}

# A Django password hash with few iterations (ASan makes 600,000 slow).
password_hash() {
	python3 -c '
import base64, hashlib, sys
d = hashlib.pbkdf2_hmac("sha256", sys.argv[1].encode(), b"xmlrpcsalt", 1000)
print("pbkdf2_sha256$1000$xmlrpcsalt$" + base64.b64encode(d).decode())' "$1"
}

start_server

# rpc USER 'PYTHON': runs PYTHON with `rpc` a ServerProxy as pwclient
# makes it (USER "-" for none), xmlrpc.client imported as `x`, and
# check(got, want) that fails loudly.
rpc() {
	who=$1
	shift
	python3 - "$base" "$who" "$1" <<-'PY'
	import sys, xmlrpc.client as x
	base, who, code = sys.argv[1:]
	host = base.split("//", 1)[1]
	url = "http://%s/xmlrpc/" % (host if who == "-" else "%s:pw-%s@%s" % (who, who, host))
	rpc = x.ServerProxy(url)
	def check(got, want, what=""):
	    if got != want:
	        sys.exit("%s: expected %r, got %r" % (what, want, got))
	def fault(call, text):
	    try:
	        call()
	    except x.Fault as f:
	        check(f.faultCode, 1, "faultCode")
	        if text not in f.faultString:
	            sys.exit("fault %r lacks %r" % (f.faultString, text))
	        return
	    sys.exit("no fault, expected %r" % text)
	exec(code)
	PY
}

# The server must read request bodies for anything below.
if ! rpc - 'check(rpc.pw_rpc_version(), [1, 3, 0])' >/dev/null 2>&1; then
	echo "1..0 # SKIP darn serve does not read request bodies yet" \
		"(src/http/server.c); this test needs them"
	exit 0
fi

test_expect_success 'setup: patches, a maintainer, a submitter, a stranger' '
	echo "First." | deliver "Alice <alice@example.com>" \
		"[PATCH 1/2] widget: add a" "<p1@example.com>" src/a.c &&
	echo "Second." | deliver "Alice <alice@example.com>" \
		"[PATCH 2/2] widget: add b" "<p2@example.com>" src/b.c &&
	echo "Third." | deliver "Carl <carl@example.org>" \
		"[PATCH] gadget: add c" "<p3@example.com>" src/c.c &&
	for u in maint alice bob gone; do
		darn user add $u --email $u@example.com >/dev/null || return 1
		sql "UPDATE users SET password = '\''$(password_hash "pw-$u")'\'' WHERE username = '\''$u'\''" || return 1
	done &&
	darn project edit test --add-maintainer maint >/dev/null &&
	darn user edit gone --active no &&
	expect_eq 3 "$(sql "SELECT COUNT(*) FROM patch WHERE hash IS NOT NULL")"
'

test_expect_success 'version, projects, states, people (no login)' '
	rpc - "
check(rpc.pw_rpc_version(), [1, 3, 0])
check(rpc.project_list(\"\", 0), [{\"id\": 1, \"linkname\": \"test\", \"name\": \"Test project\"}])
check(rpc.project_list(\"nothing\", 0), [])
check(rpc.project_get(1)[\"linkname\"], \"test\")
check(rpc.project_get(99), {})
states = rpc.state_list(\"\", 0)
check([s[\"name\"] for s in states][:3], [\"New\", \"Under Review\", \"Accepted\"])
check([s[\"name\"] for s in rpc.state_list(\"accept\", 0)], [\"Accepted\"])
check(len(rpc.state_list(\"\", 2)), 2)
check(rpc.state_list(\"\", -1), states[-1:])
people = rpc.person_list(\"alice\", 0)
check(len(people), 1)
check(people[0][\"email\"], \"alice@example.com\")
check(people[0][\"name\"], \"Alice\")
check(people[0][\"user\"].data, b\"alice\")
check(rpc.person_get(people[0][\"id\"])[\"email\"], \"alice@example.com\")
check(rpc.person_list(\"example\", 1)[0][\"email\"], \"alice@example.com\")
"
'

test_expect_success 'patch_list with its filters, patch_get_by_hash' '
	h1=$(sql "SELECT hash FROM patch WHERE msgid = '\''<p1@example.com>'\''") &&
	rpc - "
h1 = \"$h1\"
all = rpc.patch_list({})
check([p[\"name\"] for p in all], [\"[1/2] widget: add a\", \"[2/2] widget: add b\", \"gadget: add c\"])
p = all[0]
check(p[\"msgid\"], \"<p1@example.com>\")
check(p[\"filename\"], \"1-2-widget-add-a\")
check(p[\"state\"].data, b\"New\")
check(p[\"project\"].data, b\"Test project\")
check(p[\"submitter\"].data, b\"Alice <alice@example.com>\")
check(p[\"delegate\"].data, b\"None\")
check((p[\"delegate_id\"], p[\"commit_ref\"], p[\"archived\"]), (0, \"\", False))
check(p[\"date\"].data, b\"2026-03-02 10:00:00\")
check(p[\"hash\"], h1)
check(len(rpc.patch_list({\"project_id\": 1, \"max_count\": 2})), 2)
check([q[\"id\"] for q in rpc.patch_list({\"max_count\": -1})], [all[2][\"id\"]])
check(len(rpc.patch_list({\"submitter_id\": p[\"submitter_id\"]})), 2)
check(len(rpc.patch_list({\"state_id\": 1})), 3)
check(rpc.patch_list({\"state_id\": 3}), [])
check(len(rpc.patch_list({\"archived\": False})), 3)
check([q[\"id\"] for q in rpc.patch_list({\"name__icontains\": \"GADGET\"})], [all[2][\"id\"]])
check([q[\"id\"] for q in rpc.patch_list({\"msgid\": \"<p2@example.com>\"})], [all[1][\"id\"]])
check([q[\"id\"] for q in rpc.patch_list({\"hash\": h1})], [p[\"id\"]])
check(len(rpc.patch_list({\"id__in\": [all[0][\"id\"], all[2][\"id\"]]})), 2)
check(len(rpc.patch_list({\"date__gt\": \"2026-03-01 00:00:00\"})), 3)
check(rpc.patch_list({\"bogus\": 1}), [])
check(rpc.patch_list({\"project_id\": 99}), [])
check(rpc.patch_get_by_hash(h1)[\"id\"], p[\"id\"])
check(rpc.patch_get_by_hash(\"0\" * 40), {})
check(rpc.patch_get_by_project_hash(\"test\", h1)[\"id\"], p[\"id\"])
check(rpc.patch_get_by_project_hash(\"other\", h1), {})
check(rpc.patch_get(p[\"id\"])[\"name\"], p[\"name\"])
check(rpc.patch_get(9999), {})
diff = rpc.patch_get_diff(p[\"id\"])
check(diff.startswith(\"diff --git a/src/a.c b/src/a.c\"), True, \"diff\")
mbox = rpc.patch_get_mbox(p[\"id\"])
check(mbox.startswith(\"From patchwork \"), True, \"mbox\")
check(\"widget: add a\" in mbox and \"+added\" in mbox, True, \"mbox body\")
fault(lambda: rpc.patch_get(), \"missing 1 required positional argument\")
fault(lambda: rpc.no_such_method(), \"is not supported\")
"
'

test_expect_success 'patch_set: credentials and permissions as Patchwork' '
	id=$(sql "SELECT id FROM patch WHERE msgid = '\''<p1@example.com>'\''") &&
	rpc - "fault(lambda: rpc.patch_set($id, {\"state\": 3}), \"No authentication credentials given\")" &&
	rpc bob "fault(lambda: rpc.patch_set($id, {\"state\": 3}), \"No permissions to edit this patch\")" &&
	rpc gone "fault(lambda: rpc.patch_set($id, {\"state\": 3}), \"Invalid username/password\")" &&
	python3 -c "
import xmlrpc.client as x, sys
rpc = x.ServerProxy(\"$base/xmlrpc/\".replace(\"//\", \"//maint:wrong@\"))
try:
    rpc.patch_set($id, {\"state\": 3})
    sys.exit(\"no fault\")
except x.Fault as f:
    assert \"Invalid username/password\" in f.faultString, f.faultString
" &&
	rpc maint "fault(lambda: rpc.patch_set($id, {\"state\": 99}), \"State matching query does not exist.\")" &&
	rpc maint "fault(lambda: rpc.patch_set(9999, {\"state\": 3}), \"Patch matching query does not exist.\")" &&
	expect_eq "1||0" "$(sql "SELECT state_id || '\''|'\'' || COALESCE(commit_ref, '\'''\'') || '\''|'\'' || archived FROM patch WHERE id = $id")" &&
	expect_eq 0 "$(sql "SELECT COUNT(*) FROM event WHERE category = '\''patch-state-changed'\''")"
'

test_expect_success 'patch_set by the maintainer and by the submitter' '
	id=$(sql "SELECT id FROM patch WHERE msgid = '\''<p1@example.com>'\''") &&
	rpc maint "
check(rpc.patch_set($id, {\"state\": 3, \"commit_ref\": \"cafe01\", \"archived\": True, \"name\": \"ignored\"}), True)
p = rpc.patch_get($id)
check((p[\"state\"].data, p[\"state_id\"], p[\"commit_ref\"], p[\"archived\"]), (b\"Accepted\", 3, \"cafe01\", True))
check(p[\"name\"], \"[1/2] widget: add a\")
" &&
	expect_eq "patch-state-changed|1" "$(sql "SELECT category || '\''|'\'' || actor_id FROM event WHERE category = '\''patch-state-changed'\''")" &&
	darn user edit alice --active yes &&
	rpc alice "check(rpc.patch_set($id, {\"state\": 1, \"archived\": False}), True)" &&
	expect_eq "1|0" "$(sql "SELECT state_id || '\''|'\'' || archived FROM patch WHERE id = $id")"
'

test_expect_success 'check_create, check_list, check_get, patch_check_get' '
	id=$(sql "SELECT id FROM patch WHERE msgid = '\''<p2@example.com>'\''") &&
	rpc - "fault(lambda: rpc.check_create($id, \"ci\", \"success\"), \"No authentication credentials given\")" &&
	rpc bob "fault(lambda: rpc.check_create($id, \"ci\", \"success\"), \"No permissions to edit this patch\")" &&
	rpc maint "
fault(lambda: rpc.check_create($id, \"ci\", \"passed\"), \"Invalid check state: passed\")
check(rpc.check_create($id, \"ci/build\", \"success\", \"https://ci.example/1\", \"built\"), True)
check(rpc.check_create($id, \"ci/test\", \"warning\"), True)
checks = rpc.check_list({\"patch_id\": $id})
check([(c[\"context\"], c[\"state\"], c[\"target_url\"], c[\"description\"]) for c in checks],
      [(\"ci/build\", \"success\", \"https://ci.example/1\", \"built\"), (\"ci/test\", \"warning\", \"\", \"\")])
check(checks[0][\"user\"].data, b\"maint\")
check(checks[0][\"patch\"].data, b\"[2/2] widget: add b\")
check(rpc.check_get(checks[1][\"id\"])[\"context\"], \"ci/test\")
check(rpc.check_get(9999), {})
check([c[\"context\"] for c in rpc.check_list({\"max_count\": -1})], [\"ci/test\"])
check(len(rpc.check_list({\"project_id\": 1})), 2)
pc = rpc.patch_check_get($id)
check((pc[\"state\"], pc[\"total\"], len(pc[\"checks\"])), (\"warning\", 2, 2))
" &&
	expect_eq 2 "$(sql "SELECT COUNT(*) FROM event WHERE category = '\''check-created'\''")"
'

test_expect_success 'hostile bodies: a fault, nothing written' '
	before=$(sql "SELECT COUNT(*) FROM patch_check") &&
	for body in "<methodCall><methodName>pw_rpc_version" \
		"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><methodCall><methodName>&b;</methodName></methodCall>" \
		"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY f SYSTEM \"file:///etc/passwd\">]><methodCall><methodName>check_create</methodName><params><param><value>&f;</value></param></params></methodCall>" \
		"<methodCall><methodName>check_create</methodName><params><param><value><int>99999999999999999999</int></value></param></params></methodCall>"; do
		curl -s -u maint:pw-maint -H "Content-Type: text/xml" \
			--data-binary "$body" -D headers -o body "$base/xmlrpc/" &&
		grep -q "^HTTP/1.1 200" headers &&
		grep -qi "^content-type: text/html; charset=utf-8" headers &&
		grep -q "<fault>" body && ! grep -q "root:" body || return 1
	done &&
	expect_eq "$before" "$(sql "SELECT COUNT(*) FROM patch_check")"
'

test_expect_success 'GET: the documentation page; PUT: a redirect' '
	get "$base/xmlrpc/" &&
	grep -q "^HTTP/1.1 200" headers &&
	grep -q "Patchwork XML-RPC API v1 Documentation" body &&
	grep -q "patch_get_by_project_hash" body &&
	get -X PUT "$base/xmlrpc/" &&
	grep -q "^HTTP/1.1 302" headers &&
	grep -qi "^location: /" headers
'

# The hash of a diff as Patchwork's hash_diff() (pwclient hash) computes it.
cat >hashdiff.py <<'PY'
import hashlib, re, sys
def hash_diff(diff):
    hunk_re = re.compile(r'^\@\@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? \@\@')
    filename_re = re.compile(r'^(---|\+\+\+) (\S+)')
    diff = diff.replace('\r', '').strip() + '\n'
    h = hashlib.sha1()
    for line in diff.split('\n'):
        if not line:
            continue
        hm, fm = hunk_re.match(line), filename_re.match(line)
        if fm:
            name = ('a/' if fm.group(1) == '---' else 'b/') + '/'.join(fm.group(2).split('/')[1:])
            line = fm.group(1) + ' ' + name
        elif hm:
            line = '@@ -%d +%d @@' % tuple(int(g) if g else 1 for g in hm.groups())
        elif line[0] not in '-+ ':
            continue
        h.update((line + '\n').encode())
    return h.hexdigest()
PY

test_expect_success 'post-receive hook: pushed patches become Accepted' '
	git init -q --bare repo.git &&
	cat >repo.git/hooks/post-receive <<-HOOK &&
	#!/usr/bin/env python3
	# Patchwork-style post-receive hook: each new commit is looked up by
	# the hash of its diff and marked Accepted with its commit id.
	import subprocess, sys, xmlrpc.client
	sys.path.insert(0, "$TMP")
	from hashdiff import hash_diff
	rpc = xmlrpc.client.ServerProxy("${base%%//*}//maint:pw-maint@${base#*//}/xmlrpc/")
	accepted = [s["id"] for s in rpc.state_list("Accepted", 0)][0]
	for line in sys.stdin:
	    old, new, ref = line.split()
	    span = new if set(old) == {"0"} else old + ".." + new
	    for rev in subprocess.check_output(["git", "rev-list", "--reverse", span], text=True).split():
	        diff = subprocess.check_output(["git", "show", "--format=", "--no-renames", rev], text=True)
	        patch = rpc.patch_get_by_project_hash("test", hash_diff(diff))
	        if patch:
	            rpc.patch_set(patch["id"], {"state": accepted, "commit_ref": rev})
	            print("accepted %s as %s" % (patch["name"], rev))
	HOOK
	chmod +x repo.git/hooks/post-receive &&
	git clone -q repo.git work 2>/dev/null &&
	(
		cd work &&
		git config user.name Tester && git config user.email t@example.com &&
		mkdir src && echo line >src/a.c && echo line >src/c.c &&
		git add src && git commit -q -m base &&
		git push -q origin HEAD:main 2>../push0.err &&
		echo added >>src/a.c && git commit -q -am "widget: add a" &&
		echo added >>src/c.c && git commit -q -am "gadget: add c" &&
		git push origin HEAD:main 2>../push.err
	) &&
	grep -q "accepted \[1/2\] widget: add a as" push.err &&
	grep -q "accepted gadget: add c as" push.err &&
	a=$(git -C repo.git rev-parse main~1) && c=$(git -C repo.git rev-parse main) &&
	expect_eq "3|$a" "$(sql "SELECT state_id || '\''|'\'' || commit_ref FROM patch WHERE msgid = '\''<p1@example.com>'\''")" &&
	expect_eq "3|$c" "$(sql "SELECT state_id || '\''|'\'' || commit_ref FROM patch WHERE msgid = '\''<p3@example.com>'\''")" &&
	expect_eq "1|" "$(sql "SELECT state_id || '\''|'\'' || COALESCE(commit_ref, '\'''\'') FROM patch WHERE msgid = '\''<p2@example.com>'\''")"
'

test_expect_success '[xmlrpc] enabled = false: /xmlrpc/ is 404' '
	{ stop_server || :; } &&
	DARN_XMLRPC_ENABLED=false start_server &&
	get -X POST --data-binary "<methodCall><methodName>pw_rpc_version</methodName></methodCall>" "$base/xmlrpc/" &&
	grep -q "^HTTP/1.1 404" headers &&
	get "$base/xmlrpc/" && grep -q "^HTTP/1.1 404" headers &&
	get "$base/api/" && grep -q "^HTTP/1.1 200" headers &&
	{ stop_server || :; } &&
	! DARN_XMLRPC_ENABLED=maybe darn serve --listen 127.0.0.1:1 2>err &&
	grep -q "must be true or false, not .maybe." err
'

test_done
