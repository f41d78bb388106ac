#!/bin/sh
# 16 clients write to the same and to different patches while parsemail
# delivers mail (issue 8): no 500, no lost write, one event per write
# that changed a state, and a database that passes integrity_check.
. "$(dirname "$0")/lib.sh"

setup_project
for i in $(seq 1 24); do
	diff_for "src/f$i.c" "change $i" |
		mail "Ann <ann@example.com>" "[PATCH] change $i" "<p$i@example.com>" |
		darn parsemail || exit 1
done
echo "maint-pass" | darn user add maint --email maint@example.com \
	--password-stdin >/dev/null
darn project edit test --add-maintainer maint >/dev/null
token=$(darn user token maint | tail -1)
start_server --threads 8

cat >writers.py <<'PY'
import json, sys, threading, urllib.request, urllib.error
base, token = sys.argv[1], sys.argv[2]
results, lock = [], threading.Lock()

def patch(pid, state):
    req = urllib.request.Request(
        "%s/api/patches/%d/" % (base, pid), method="PATCH",
        data=json.dumps({"state": state}).encode(),
        headers={"Authorization": "Token " + token,
                 "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code

def writer(n):
    own = 5 + n  # patches 5..20: one per writer
    for k in range(20):
        state = ("accepted", "rejected")[k % 2]
        st = patch(own, state)
        shared = patch(1 + k % 4, ("rfc", "new")[(n + k) % 2])
        with lock:
            results.append((own, state, st, shared))

threads = [threading.Thread(target=writer, args=(n,)) for n in range(16)]
for t in threads: t.start()
for t in threads: t.join()
bad = [r for r in results if r[2] != 200 or r[3] != 200]
print("writes", len(results) * 2, "failed", len(bad))
for r in bad[:5]: print(r)
sys.exit(1 if bad else 0)
PY

test_expect_success '16 writers and parsemail at once: every write answered 200' '
	( for i in $(seq 101 130); do
		diff_for "src/g$i.c" "more $i" |
			mail "Bo <bo@example.com>" "[PATCH] more $i" "<q$i@example.com>" |
			"$DARN" parsemail || echo "parsemail $i failed"
	  done >deliveries 2>&1 ) &
	mailer=$! &&
	python3 writers.py "$base" "$token" >writes &&
	wait $mailer &&
	cat writes deliveries &&
	grep -q "writes 640 failed 0" writes &&
	! grep -q failed deliveries
'

test_expect_success 'every delivered mail is stored' '
	expect_eq 54 "$(sql "SELECT COUNT(*) FROM patch")"
'

test_expect_success 'no write is lost: each own patch ends rejected, 20 events each' '
	expect_eq 16 "$(sql "SELECT COUNT(*) FROM patch p JOIN state s ON s.id = p.state_id WHERE p.id BETWEEN 5 AND 20 AND s.slug = '\''rejected'\''")" &&
	for id in $(seq 5 20); do
		get "$base/api/events/?patch=$id&category=patch-state-changed&per_page=100" &&
		expect_eq 20 "$(json "len(j)")" "events of patch $id" || exit 1
	done
'

test_expect_success 'the database passes integrity_check' '
	integrity_ok
'

test_done
