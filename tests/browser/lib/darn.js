// A darn server for the browser tests, started and stopped by the test:
// a fresh database (SQLite in a temporary directory, or with
// DARN_TEST_BACKEND=pg a fresh database on DARN_TEST_PG_URI's cluster, or
// on a private cluster started for the test), the test project, mails
// written here and piped to `darn parsemail`, users and maintainers made
// with darn's commands, and a sendmail script that keeps every mail darn
// sends so that a test can follow the links in them. The same facts as
// tests/t/lib.sh and tests/t/web-lib.sh, for Node.
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOP = path.resolve(path.dirname(fileURLToPath(import.meta.url)),
	'../../..');
export const DARN = process.env.DARN || path.join(TOP, 'darn');
const BACKEND = process.env.DARN_TEST_BACKEND || 'sqlite';

// A port the system says is free now.
async function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The sendmail of tests/t/web-lib.sh: each mail in DIR/mails/N (N from
// 1), its arguments in DIR/mails/N.args.
const SENDMAIL = `#!/bin/sh
dir=\${0%/*}/mails
mkdir -p "$dir"
n=$(( $(ls "$dir" | grep -c -v args) + 1 ))
cat >"$dir/$n.tmp" && mv "$dir/$n.tmp" "$dir/$n"
echo "$@" >"$dir/$n.args"
`;

// The PostgreSQL database of a server: DARN_TEST_PG_URI's cluster, else a
// private one (stopped by stop()).
function pgDatabase(dir) {
	let uri = process.env.DARN_TEST_PG_URI;
	let cluster = null;
	if (!uri) {
		uri = cluster = execFileSync(path.join(TOP, 'tests/tools/pg-cluster'),
			['start'], { encoding: 'utf8' }).trim();
	}
	const name = `darn_browser_${process.pid}_${path.basename(dir).replace(/\W/g, '_').toLowerCase()}`;
	const psql = (sql) => execFileSync('psql', ['-X', '-q', '-v',
		'ON_ERROR_STOP=1', uri, '-c', sql], {
		env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' },
	});
	psql(`CREATE DATABASE ${name}`);
	return {
		location: uri.replace(/\/postgres\?/, `/${name}?`),
		drop() {
			psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			if (cluster)
				execFileSync(path.join(TOP, 'tests/tools/pg-cluster'),
					['stop', cluster]);
		},
	};
}

// Django's pbkdf2_sha256 hash of PASSWORD with few rounds: logging in
// then costs the (sanitizer-built) server nothing, where darn's own
// 600,000 rounds take seconds on a loaded machine.
function cheapHash(password) {
	const rounds = 1000;
	const salt = 'salt';
	const dk = crypto.pbkdf2Sync(password, salt, rounds, 32, 'sha256');
	return `pbkdf2_sha256$${rounds}$${salt}$${dk.toString('base64')}`;
}

// A mail to the test project's list, as tests/t/lib.sh's mail().
export function mailText({ from, subject, msgid, date, headers = [], body }) {
	return [
		`From: ${from}`,
		'To: list@test.darn.example',
		`Subject: ${subject}`,
		`Date: ${date || 'Mon, 02 Mar 2026 10:00:00 +0000'}`,
		`Message-Id: ${msgid}`,
		'List-Id: Test <test.darn.example>',
		...headers,
		'',
		body,
	].join('\n');
}

// A small valid diff touching FILE, as tests/t/lib.sh's diff_for().
export function diffFor(file, added = 'added') {
	return `---\n ${file} | 1 +\n\ndiff --git a/${file} b/${file}\n` +
		'index 1111111..2222222 100644\n' +
		`--- a/${file}\n+++ b/${file}\n@@ -1 +1,2 @@\n line\n+${added}\n`;
}

// newServer(): an initialised database with the project `test` and a
// darn serve on a free 127.0.0.1 port. Returns the server's handle:
// base, darn(args, input), sql(), deliver(mail), addUser(),
// addMaintainer(), token(), api(), capturedMails(), mailLink(), stop().
export async function newServer({ env = {} } = {}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'darn-browser.'));
	fs.writeFileSync(path.join(dir, 'sendmail'), SENDMAIL, { mode: 0o755 });
	const pg = BACKEND === 'pg' ? pgDatabase(dir) : null;
	const database = pg ? pg.location : path.join(dir, 'darn.db');
	const serverEnv = {
		...process.env,
		DARN_DATABASE: database,
		DARN_MAIL_SENDMAIL: `${dir}/sendmail -t -i`,
		DARN_MAIL_FROM: 'Patchwork <pw@test.example>',
		...env,
	};
	const darn = (args, input) => execFileSync(DARN, args, {
		env: serverEnv, input, encoding: 'utf8',
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	darn(['init']);
	darn(['project', 'add', '--linkname', 'test', '--name', 'Test project',
		'--listid', 'test.darn.example', '--listemail',
		'list@test.darn.example']);

	let child = null;
	let base = null;
	const log = fs.openSync(path.join(dir, 'serve.log'), 'a');
	for (let attempt = 0; attempt < 5 && !base; attempt++) {
		const port = await freePort();
		child = spawn(DARN, ['serve', '--listen', `127.0.0.1:${port}`], {
			env: serverEnv, stdio: ['ignore', 'ignore', log],
		});
		let exited = false;
		child.on('exit', () => { exited = true; });
		for (let i = 0; i < 100 && !exited; i++) {
			try {
				const r = await fetch(`http://127.0.0.1:${port}/api/`);
				await r.arrayBuffer();
				base = `http://127.0.0.1:${port}`;
				break;
			} catch {
				await sleep(100);
			}
		}
		if (!base)
			child.kill();
	}
	if (!base)
		throw new Error(`darn serve did not start: ${fs.readFileSync(path.join(dir, 'serve.log'), 'utf8')}`);

	const mailDir = path.join(dir, 'mails');
	const server = {
		base, dir, database, darn,
		url: (p) => base + p,
		// deliver(fields): one mail (mailText's fields) through parsemail
		deliver(fields) {
			darn(['parsemail'], mailText(fields));
		},
		// deliverAll([fields...]): mails in order, as one mbox through
		// parsearchive (one darn run instead of one a mail)
		deliverAll(list) {
			const mbox = path.join(dir, 'mails.mbox');
			fs.writeFileSync(mbox, list.map((f) =>
				`From mboxrd@z Thu Jan  1 00:00:00 1970\n${mailText(f)
					.replace(/^(>*From )/gm, '>$1')}\n`).join('\n'));
			darn(['parsearchive', mbox]);
		},
		// sql(statement): one statement on the database (SQL both
		// backends read); its output as text
		sql(statement) {
			return pg
				? execFileSync('psql', ['-X', '-q', '-A', '-t', '-v',
					'ON_ERROR_STOP=1', database, '-c', statement],
				{ encoding: 'utf8' })
				: execFileSync('sqlite3', ['-batch', '-noheader', database,
					statement], { encoding: 'utf8' });
		},
		// addUser(name, password): an active user name@example.com
		addUser(name, password) {
			darn(['user', 'add', name, '--email', `${name}@example.com`]);
			server.sql(`UPDATE users SET password = '${cheapHash(password)}'
				WHERE username = '${name}'`);
			return { username: name, password, email: `${name}@example.com` };
		},
		// token(name): the user's REST API token
		token(name) {
			return darn(['user', 'token', name]).trim().split('\n').pop();
		},
		// api(path, token): GET of a REST API path (/api/...), its JSON
		async api(p, token) {
			const r = await fetch(base + p, { headers: token
				? { Authorization: `Token ${token}` } : {} });
			if (!r.ok)
				throw new Error(`GET ${p}: ${r.status}`);
			return r.json();
		},
		addMaintainer(name, project = 'test') {
			darn(['project', 'edit', project, '--add-maintainer', name]);
		},
		// capturedMails(): every mail darn sent, in order, as text
		capturedMails() {
			if (!fs.existsSync(mailDir))
				return [];
			return fs.readdirSync(mailDir)
				.filter((f) => /^\d+$/.test(f))
				.sort((a, b) => a - b)
				.map((f) => fs.readFileSync(path.join(mailDir, f), 'utf8'));
		},
		// mailLink(mail, prefix): the path of the first URL in the mail
		// whose path starts with prefix
		mailLink(mail, prefix) {
			for (const line of mail.split('\n')) {
				const m = line.trim().match(/^https?:\/\/[^/]+(\/\S*)$/);
				if (m && m[1].startsWith(prefix))
					return m[1];
			}
			return null;
		},
		serveLog: () => fs.readFileSync(path.join(dir, 'serve.log'), 'utf8'),
		async stop() {
			if (child && child.exitCode === null) {
				const done = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await done;
			}
			fs.closeSync(log);
			if (pg)
				pg.drop();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
	return server;
}

// standardData(server): what most scenarios read: a series of a cover
// letter and two patches from Ann, one patch from Bob with a review tag
// in a reply, the maintainer `maint` of the project and the user `bob`.
export function standardData(server) {
	const ann = 'Ann Example <ann@example.com>';
	const mails = [{ from: ann, subject: '[PATCH 0/2] Add widgets',
		msgid: '<c0@example.com>', body: 'Two widgets.' }];
	for (const i of [1, 2]) {
		mails.push({ from: ann,
			subject: `[PATCH ${i}/2] widget: add ${'ab'[i - 1]}`,
			msgid: `<p${i}@example.com>`,
			date: `Mon, 02 Mar 2026 10:0${i}:00 +0000`,
			headers: ['In-Reply-To: <c0@example.com>',
				'References: <c0@example.com>'],
			body: `Add widget ${'ab'[i - 1]}.\n\nSigned-off-by: ${ann}\n` +
				diffFor(`src/${'ab'[i - 1]}.c`, `widget ${i}`) });
	}
	mails.push({ from: 'Bob Builder <bob@example.com>',
		subject: '[PATCH] docs: fix a typo', msgid: '<b1@example.com>',
		date: 'Tue, 03 Mar 2026 09:00:00 +0000',
		body: 'Fix it.\n\nSigned-off-by: Bob Builder <bob@example.com>\n' +
			diffFor('README', 'typo') });
	mails.push({ from: 'Rita Reviewer <rita@example.com>',
		subject: 'Re: [PATCH] docs: fix a typo', msgid: '<r1@example.com>',
		date: 'Tue, 03 Mar 2026 10:00:00 +0000',
		headers: ['In-Reply-To: <b1@example.com>'],
		body: 'Looks right.\n\nReviewed-by: Rita Reviewer <rita@example.com>' });
	server.deliverAll(mails);
	const maint = server.addUser('maint', 'maint-pass');
	server.addMaintainer('maint');
	const bob = server.addUser('bob', 'bob-pass');
	return { maint, bob };
}

// deliverV2(server): a v2 of standardData's "Add widgets" (a cover
// letter and two patches), a day later
export function deliverV2(server) {
	const ann = 'Ann Example <ann@example.com>';
	const date = (m) => `Wed, 04 Mar 2026 10:0${m}:00 +0000`;
	const mails = [{ from: ann, subject: '[PATCH v2 0/2] Add widgets',
		msgid: '<c0v2@example.com>', date: date(0), body: 'Two widgets, again.' }];
	for (const i of [1, 2]) {
		mails.push({ from: ann, subject: `[PATCH v2 ${i}/2] widget: add ${'ab'[i - 1]}`,
			msgid: `<p${i}v2@example.com>`, date: date(i),
			headers: ['In-Reply-To: <c0v2@example.com>', 'References: <c0v2@example.com>'],
			body: `Add widget ${'ab'[i - 1]}.\n---\n src/x.c | 1 +\n\n` +
				'diff --git a/src/x.c b/src/x.c\n--- a/src/x.c\n+++ b/src/x.c\n' +
				`@@ -1 +1,2 @@\n line\n+v2 ${i}\n` });
	}
	server.deliverAll(mails);
}
