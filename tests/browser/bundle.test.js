// Bundles in the browser: made from the list's ticked patches, one more
// added from a patch page, listed on /user/bundles/, then on the
// bundle's page reordered with the up/down buttons, made public,
// downloaded as an mbox, a patch removed, and the bundle deleted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { landed, login, openTab, setUp } from './lib/browser.js';

const it = setUp();

const rows = (page) => page.locator('table.patches tbody a[href*="/patch/"]').allTextContents();
const messages = (page) => page.locator('ul.messages').textContent();

test("a bundle's life: create, add, reorder, publish, download, remove, delete", async () => {
	const tab = await openTab(it.browser, it.server);
	const { page } = tab;
	// the delete buttons ask first
	page.on('dialog', (d) => d.accept());
	await login(tab, it.users.maint);

	// from the list: the two widgets
	await tab.goto('/project/test/list/');
	await page.locator('input[name="patch_id:1"]').check();
	await page.locator('input[name="patch_id:2"]').check();
	await page.locator('input[name=bundle_name]').fill('widgets');
	await landed(page, '**/list/', () => page.locator('#patchforms input[value=Create]').click());
	assert.match(await messages(page), /Bundle widgets created/);
	assert.match(await messages(page), /Patch '\[2\/2\] widget: add b' added to bundle widgets/);

	// from a patch page: Bob's fix
	await tab.goto('/project/test/patch/b1@example.com/');
	const add = page.locator('.patchform-bundle form', { has: page.locator('select[name=bundle_id]') });
	await add.locator('select').selectOption({ label: 'widgets' });
	await Promise.all([page.waitForLoadState(), add.locator('[type=submit]').click()]);
	assert.match(await messages(page), /Patch 'docs: fix a typo' added to bundle widgets/);

	// the user's bundles
	await tab.goto('/user/bundles/');
	const row = page.locator('table.bundlelist tr', { hasText: 'widgets' });
	assert.equal(await row.locator('td.number').textContent(), '3');
	await Promise.all([page.waitForURL('**/bundle/maint/widgets/'),
		row.getByRole('link', { name: 'widgets' }).click()]);
	assert.deepEqual(await rows(page),
		['[1/2] widget: add a', '[2/2] widget: add b', 'docs: fix a typo']);

	// reorder: Bob's fix up, then the first widget down
	const move = (name, dir) => landed(page, '**/bundle/maint/widgets/', () =>
		page.locator('table.patches tbody tr', { hasText: name })
			.getByRole('button', { name: `Move ${dir}` }).click());
	await move('docs: fix a typo', 'up');
	assert.deepEqual(await rows(page),
		['[1/2] widget: add a', 'docs: fix a typo', '[2/2] widget: add b']);
	await move('[1/2] widget: add a', 'down');
	assert.deepEqual(await rows(page),
		['docs: fix a typo', '[1/2] widget: add a', '[2/2] widget: add b']);

	// private: another visitor gets the 404 page; public: the bundle
	const other = await openTab(it.browser, it.server);
	await other.goto('/bundle/maint/widgets/', { status: 404 });
	await page.locator('#id_public').check();
	await landed(page, '**/bundle/maint/widgets/', () =>
		page.locator('form.bundle-settings input[value=Update]').click());
	assert.equal(await page.locator('#id_public').isChecked(), true);
	await other.goto('/bundle/maint/widgets/');
	assert.deepEqual(await rows(other.page),
		['docs: fix a typo', '[2/2] widget: add b', '[1/2] widget: add a'],
		"anyone else sees the list's usual order, newest first");
	await other.close();

	// its mbox: the three patches, in the bundle's order
	const href = await page.getByRole('link', { name: 'Download bundle as mbox' }).getAttribute('href');
	const r = await page.request.get(href);
	assert.equal(r.status(), 200);
	assert.match(r.headers()['content-type'], /^text\/plain/, 'as Patchwork serves mboxes');
	const mbox = await r.text();
	assert.match(mbox, /^From /);
	const subjects = [...mbox.matchAll(/^Subject: (.*)$/gm)].map((m) => m[1]);
	assert.deepEqual(subjects, ['[PATCH] docs: fix a typo', '[PATCH 1/2] widget: add a',
		'[PATCH 2/2] widget: add b']);

	// remove Bob's fix
	await page.locator('table.patches tbody tr', { hasText: 'docs: fix a typo' })
		.locator('input[type=checkbox]').check();
	await Promise.all([page.waitForLoadState(),
		page.locator('#patchforms input[value=Remove]').click()]);
	await page.locator('ul.messages').getByText("Patch 'docs: fix a typo' removed from bundle widgets").waitFor();
	await tab.goto('/bundle/maint/widgets/');
	assert.deepEqual(await rows(page), ['[1/2] widget: add a', '[2/2] widget: add b']);

	// and delete the bundle
	await Promise.all([page.waitForURL('**/user/'),
		page.locator('form.bundle-settings input[value=Delete]').click()]);
	await tab.goto('/user/bundles/');
	assert.equal(await page.locator('table.bundlelist a[href^="/bundle/"]').count(), 0);
	assert.deepEqual(await it.server.api('/api/bundles/'), []);
	await tab.close();
});
