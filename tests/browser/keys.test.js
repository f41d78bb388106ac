// Keyboard shortcuts: on the list j/k move the highlighted row, x ticks
// it, s goes to the bulk form's state, o opens it; on a patch page n/p
// move within the series and u goes back to the list; ? shows the help
// and Esc closes it; a key typed in a field is only typed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { login, openTab, setUp } from './lib/browser.js';

const it = setUp();

// the index of the highlighted row among the list's body rows, or -1
const current = (page) => page.locator('main table.patches tbody tr').evaluateAll(
	(rows) => rows.findIndex((r) => r.classList.contains('kb-current')));

test('j, k, x, s and o on the list', async () => {
	const tab = await openTab(it.browser, it.server);
	const { page } = tab;
	await login(tab, it.users.maint);
	await tab.goto('/project/test/list/');
	const kb = page.keyboard;
	assert.equal(await current(page), -1, 'nothing highlighted at first');
	await kb.press('j');
	assert.equal(await current(page), 0);
	await kb.press('j');
	await kb.press('j');
	assert.equal(await current(page), 2);
	await kb.press('j');
	assert.equal(await current(page), 2, 'j stays on the last row');
	await kb.press('k');
	assert.equal(await current(page), 1);

	// x ticks the highlighted row, and unticks it
	const box = page.locator('main table.patches tbody tr.kb-current input[type=checkbox]');
	assert.equal(await box.getAttribute('name'), 'patch_id:2');
	await kb.press('x');
	assert.equal(await box.isChecked(), true);
	await kb.press('x');
	assert.equal(await box.isChecked(), false);

	// s goes to the bulk form's state, not the filter's
	await kb.press('s');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'id_state');
	await page.locator('#id_state').blur();

	// typed into the search field, j is a letter of the search
	await page.locator('details.filters summary').click();
	await page.locator('#f-q').click();
	await kb.type('jk');
	assert.equal(await page.locator('#f-q').inputValue(), 'jk');
	assert.equal(await current(page), 1, 'the highlight has not moved');
	await page.locator('#f-q').blur();

	// o opens the highlighted row
	await Promise.all([page.waitForURL('**/patch/p2@example.com/'), kb.press('o')]);
	await tab.close();
});

test('n, p and u on a patch page; ? and Esc', async () => {
	const tab = await openTab(it.browser, it.server);
	const { page } = tab;
	const kb = page.keyboard;
	await tab.goto('/project/test/patch/p1@example.com/');
	await Promise.all([page.waitForURL('**/patch/p2@example.com/'), kb.press('n')]);
	await Promise.all([page.waitForURL('**/patch/p1@example.com/'), kb.press('p')]);
	await Promise.all([page.waitForURL('**/project/test/list/'), kb.press('u')]);

	// the footer says how to get the help; ? shows it, Esc closes it
	assert.equal(await page.locator('footer .keys-hint').isVisible(), true);
	const help = page.locator('#kb-help');
	assert.equal(await help.count(), 0);
	await kb.press('?');
	assert.equal(await help.isVisible(), true);
	assert.match(await help.textContent(), /next row of the list/);
	await kb.press('Escape');
	assert.equal(await help.isVisible(), false);
	await kb.press('?');
	assert.equal(await help.isVisible(), true);
	await kb.press('?');
	assert.equal(await help.isVisible(), false, '? hides it again');
	await tab.close();
});
