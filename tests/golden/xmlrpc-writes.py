#!/usr/bin/env python3
"""Replays the writes golden scenario (../shared/golden/writes) against a
fresh darn and reports the XML-RPC steps only, with the shared tool's
comparison (tools/writes_golden_compare.py: setup, resolution of the
placeholders, normalisation). The REST steps run too, since the XML-RPC
steps read what they wrote; their answers are not reported here.

    make && tests/golden/xmlrpc-writes.py [--show N]

DARN, DARN_SHARED and DARN_WORK as for the other golden tools. Exits 0
without ../shared. Last line: `identical: NN.NN% (I of N)`.
"""
import argparse, importlib.util, os, socket, subprocess, sys, time

top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
shared = os.environ.get('DARN_SHARED', os.path.join(top, '..', 'shared'))
darn = os.environ.get('DARN', os.path.join(top, 'darn'))
work = os.environ.get('DARN_WORK', os.path.join(top, 'build', 'golden'))
gold = os.path.join(shared, 'golden', 'writes')
tool = os.path.join(shared, 'tools', 'writes_golden_compare.py')

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument('--show', type=int, default=20)
args = ap.parse_args()
if not os.path.exists(tool) or not os.path.isdir(gold):
    print('xmlrpc-writes: %s absent, skipped' % shared)
    sys.exit(0)

spec = importlib.util.spec_from_file_location('writes_golden_compare', tool)
w = importlib.util.module_from_spec(spec)
spec.loader.exec_module(w)

os.makedirs(work, exist_ok=True)
db = os.path.join(work, 'xmlrpc-writes.db')
for suffix in ('', '-wal', '-shm'):
    if os.path.exists(db + suffix):
        os.unlink(db + suffix)
subprocess.run([darn, '--database', db, 'init'], check=True, stdout=subprocess.DEVNULL)
with socket.socket() as s:
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
base = 'http://127.0.0.1:%d' % port
log = open(os.path.join(work, 'xmlrpc-writes-serve.log'), 'w')
server = subprocess.Popen([darn, '--database', db, 'serve', '--listen', '127.0.0.1:%d' % port,
                           '--base-url', base], stdout=log, stderr=log)
try:
    for _ in range(100):
        try:
            socket.create_connection(('127.0.0.1', port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)

    class Options:
        pass
    ns = Options()
    ns.darn, ns.db, ns.ingest, ns.gold = darn, db, True, gold
    ns.no_setup, ns.patchwork_manage = False, None
    setup = w.load_json(os.path.join(gold, 'setup.json'))
    scenario = w.load_json(os.path.join(gold, 'scenario.json'))
    recorded = {r['id']: r for r in w.load_json(os.path.join(gold, 'recording.json'))['steps']}
    acc = w.Accounts(setup)
    acc.tokens, _ = w.setup_darn(ns, setup, gold)
    res = w.Resolver(base, acc, setup.get('lookup_user', 'maint'))
    results = []
    for step in scenario['steps']:
        if 'action' in step:
            w.run_action(ns, step['action'])
            continue
        got = w.run_step(base, step, res, acc)
        if step.get('path', '').startswith('/xmlrpc'):
            results.append((step['id'], w.compare(recorded[step['id']], got, 'http://x', base)))
    w.report(results, args.show)
finally:
    server.terminate()
    server.wait()
