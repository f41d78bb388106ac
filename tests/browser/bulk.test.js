// Bulk actions on the patch list: a maintainer ticks a whole series and
// changes its state in one action (the message, the API's state and
// events), also when only part of the series is on the page; a plain
// user's change of a patch they may not edit is refused with the error
// shown, and nothing changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { login, openTab, setUp } from './lib/browser.js';

const it = setUp();

const state = async (id) => (await it.server.api(`/api/patches/${id}/`)).state;

// Posts the list's form (to the list's own URL) with the Properties'
// update button; the page answered is the list.
async function update(page) {
	await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
		page.locator('#patchforms input[name=action][value=update]').click()]);
	await page.waitForLoadState();
}

test("a plain user's bulk change of another's patch is refused", async () => {
	const tab = await openTab(it.browser, it.server);
	const { page } = tab;
	await login(tab, it.users.bob);
	await tab.goto('/project/test/list/');
	await page.locator('input[name="patch_id:1"]').check();
	await page.locator('#id_state').selectOption({ label: 'Rejected' });
	await update(page);
	assert.match(await page.locator('#errors').textContent(),
		/You don't have permissions to edit patch '\[1\/2\] widget: add a'/);
	assert.equal(await state(1), 'new');
	const events = await it.server.api('/api/events/?category=patch-state-changed');
	assert.deepEqual(events, []);
	await tab.close();
});

test('a maintainer changes the state of a whole series at once', async () => {
	const tab = await openTab(it.browser, it.server);
	const { page } = tab;
	await login(tab, it.users.maint);
	await tab.goto('/project/test/list/');
	// the whole series "Add widgets" (its two patches), through the
	// folded box under the list
	const box = page.locator('details.whole-series');
	await box.locator('summary').click();
	await box.getByLabel('Add widgets').check();
	// the script ticks that series' rows on the page as well
	for (const id of [1, 2])
		assert.equal(await page.locator(`input[name="patch_id:${id}"]`).isChecked(), true);
	assert.equal(await page.locator('input[name="patch_id:3"]').isChecked(), false);
	await page.locator('#id_state').selectOption({ label: 'Accepted' });
	await update(page);
	assert.match(await page.locator('ul.messages').textContent(), /2 patches updated/);
	// accepted patches need no action: only Bob's is left on the list
	assert.deepEqual(await page.locator('table.patches tbody a[href*="/patch/"]').allTextContents(),
		['docs: fix a typo']);

	assert.equal(await state(1), 'accepted');
	assert.equal(await state(2), 'accepted');
	assert.equal(await state(3), 'new');
	const events = await it.server.api('/api/events/?category=patch-state-changed');
	assert.deepEqual(events.map((e) => [e.payload.patch.id,
		e.payload.previous_state, e.payload.current_state]).sort(),
	[[1, 'new', 'accepted'], [2, 'new', 'accepted']]);
	for (const e of events)
		assert.equal(e.actor?.username, 'maint');
	await tab.close();
});

test('the whole series is acted on, also its patches not on the page', async () => {
	const tab = await openTab(it.browser, it.server);
	const { page } = tab;
	await login(tab, it.users.maint);
	// only the second widget on the page
	await tab.goto('/project/test/list/?state=*&q=add%20b');
	assert.deepEqual(await page.locator('table.patches tbody a[href*="/patch/"]').allTextContents(),
		['[2/2] widget: add b']);
	const box = page.locator('details.whole-series');
	await box.locator('summary').click();
	await box.getByLabel('Add widgets').check();
	await page.locator('#id_state').selectOption({ label: 'Under Review' });
	await update(page);
	assert.match(page.url(), /q=add/, 'the list answered is the filtered one');
	assert.match(await page.locator('ul.messages').textContent(), /2 patches updated/);
	assert.equal(await state(1), 'under-review');
	assert.equal(await state(2), 'under-review');
	assert.equal(await state(3), 'new');
	await tab.close();
});
