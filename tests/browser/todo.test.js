// The todo list: a patch delegated to the maintainer (with the list's
// bulk form) is on /user/todo/ and /user/todo/<p>/, and only that one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { landed, login, openTab, setUp } from './lib/browser.js';

const it = setUp();

const rows = (page) => page.locator('table.patches tbody a[href*="/patch/"]').allTextContents();

test('a patch delegated to the maintainer is on their todo list', async () => {
	const tab = await openTab(it.browser, it.server);
	const { page } = tab;
	await login(tab, it.users.maint);
	await tab.goto('/user/todo/');
	assert.match(await page.locator('main').textContent(), /No todo lists/);

	await tab.goto('/project/test/list/');
	await page.locator('input[name="patch_id:3"]').check();
	await page.locator('#id_delegate').selectOption({ label: 'maint' });
	await landed(page, '**/list/', () =>
		page.locator('#patchforms input[name=action][value=update]').click());
	assert.match(await page.locator('ul.messages').textContent(), /1 patch updated/);
	assert.equal((await it.server.api('/api/patches/3/')).delegate?.username, 'maint');

	// one project with patches to review: /user/todo/ leads to its list
	await tab.goto('/user/todo/');
	assert.match(page.url(), /\/user\/todo\/test\/$/);
	assert.deepEqual(await rows(page), ['docs: fix a typo']);
	// the delegate filter is shown, fixed
	assert.match(await page.locator('#filtersummary').textContent(), /Delegate = .*maint/);
	await tab.goto('/user/todo/test/');
	assert.deepEqual(await rows(page), ['docs: fix a typo']);
	await tab.close();
});
