// An API token made on /user/ in the browser, then used by git-pw
// (Patchwork's command-line client, Debian's git-pw) to list the patches;
// regenerating it makes the old one stop working.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { landed, login, openTab, setUp } from './lib/browser.js';

const hasGitPw = spawnSync('git-pw', ['--help'], { stdio: 'ignore' }).status === 0;

const it = setUp();

// git pw patch list with TOKEN, through git-pw's environment variables.
function gitPw(token, ...args) {
	return spawnSync('git-pw', args, {
		cwd: it.server.dir, encoding: 'utf8',
		env: { ...process.env, PW_SERVER: `${it.server.base}/api/1.1`,
			PW_PROJECT: 'test', PW_TOKEN: token },
	});
}

// The token the profile shows.
const shownToken = (page) => page.locator('input#token').inputValue();

test('generate a token on /user/ and list the patches with git-pw',
	{ skip: !hasGitPw && 'git-pw is not installed (scripts/install-deps installs it)' },
	async () => {
		execFileSync('git', ['init', '-q', it.server.dir]);
		const tab = await openTab(it.browser, it.server);
		const { page } = tab;
		await login(tab, it.users.maint);
		assert.equal(await page.locator('input#token').count(), 0, 'no token yet');
		await landed(page, '**/user/', () =>
			page.getByRole('button', { name: 'Generate token' }).click());
		const token = await shownToken(page);
		assert.match(token, /^[0-9a-f]{40}$/);

		const r = gitPw(token, 'patch', 'list');
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /widget: add a/);
		assert.match(r.stdout, /docs: fix a typo/);

		// a new token replaces it; the old one is refused
		await landed(page, '**/user/', () =>
			page.getByRole('button', { name: 'Regenerate token' }).click());
		const second = await shownToken(page);
		assert.notEqual(second, token);
		assert.notEqual(gitPw(token, 'patch', 'list').status, 0, 'the old token is refused');
		assert.equal(gitPw(second, 'patch', 'list').status, 0);
		assert.equal(it.server.token('maint'), second, 'darn user token agrees');
		const me = await it.server.api('/api/users/?q=maint', second);
		assert.equal(me[0].username, 'maint');
		await tab.close();
	});
