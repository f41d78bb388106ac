// The patch list in the browser: the filter form (state, submitter
// through the autocomplete, search), the filter summary's links, then a
// patch page with its folded headers, and the cover page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { landed, launchBrowser, openTab } from './lib/browser.js';
import { newServer, standardData } from './lib/darn.js';

let server, browser;
before(async () => {
	server = await newServer();
	standardData(server);
	browser = await launchBrowser();
});
after(async () => {
	await browser?.close();
	await server?.stop();
});

// The names in the list's rows.
const rows = (page) => page.locator('table.patches tbody tr td a[href*="/patch/"]').allTextContents();

// Opens the folded filter form (a <details>) and applies what fill() sets.
async function applyFilters(page, fill) {
	const form = page.locator('details.filters');
	if (!(await form.evaluate((d) => d.open)))
		await form.locator('summary').click();
	await fill(form);
	await landed(page, '**/list/?**', () => form.locator('[type=submit]').click());
}

test('filter the list by state, submitter and search', async () => {
	const tab = await openTab(browser, server);
	const { page } = tab;
	await tab.goto('/');
	// one project: the home page leads to its list
	assert.match(page.url(), /\/project\/test\/list\/$/);
	assert.deepEqual((await rows(page)).sort(),
		['[1/2] widget: add a', '[2/2] widget: add b', 'docs: fix a typo']);

	// the submitter as the autocomplete finds it: /submitter/?q= gives
	// the people matching what was typed, the form sends the one picked
	const found = await (await page.request.get('/submitter/?q=ann')).json();
	assert.equal(found.length, 1);
	assert.equal(found[0].name, 'Ann Example');
	await applyFilters(page, (f) => f.locator('#f-submitter').fill(String(found[0].pk)));
	assert.deepEqual((await rows(page)).sort(), ['[1/2] widget: add a', '[2/2] widget: add b']);
	await page.locator('#filtersummary').getByText('Ann Example').waitFor();

	// search among them (the form does not show the submitter it
	// applied, so it is given again)
	await applyFilters(page, async (f) => {
		await f.locator('#f-submitter').fill(String(found[0].pk));
		await f.locator('#f-q').fill('add b');
	});
	assert.deepEqual(await rows(page), ['[2/2] widget: add b']);

	// the summary's link drops a filter: back to both of Ann's
	await Promise.all([page.waitForURL((u) => !u.searchParams.get('q')),
		page.locator('#filtersummary a.filter-action:not([href*="q="])').first().click()]);
	assert.deepEqual((await rows(page)).sort(), ['[1/2] widget: add a', '[2/2] widget: add b']);

	// a state nobody's patch is in: an empty list, then any state
	await tab.goto('/project/test/list/');
	await applyFilters(page, (f) => f.locator('#f-state').selectOption({ label: 'Accepted' }));
	assert.deepEqual(await rows(page), []);
	await applyFilters(page, (f) => f.locator('#f-state').selectOption({ label: 'any' }));
	assert.equal((await rows(page)).length, 3);
	await tab.close();
});

test('a patch page: headers folded, shown on a click; its series and cover', async () => {
	const tab = await openTab(browser, server);
	const { page } = tab;
	await tab.goto('/project/test/list/');
	await Promise.all([page.waitForURL('**/patch/**'),
		page.getByRole('link', { name: '[2/2] widget: add b' }).click()]);
	await page.locator('h1').getByText('widget: add b').waitFor();

	const headers = page.locator('details:has(pre)', { hasText: 'Message-Id' }).first();
	const pre = headers.locator('pre');
	assert.equal(await pre.isVisible(), false, 'headers folded at first');
	await headers.locator('summary').click();
	assert.equal(await pre.isVisible(), true, 'headers shown after a click');
	assert.match(await pre.textContent(), /Message-Id: <p2@example.com>/);
	await headers.locator('summary').click();
	assert.equal(await pre.isVisible(), false, 'and folded again');

	// the diff is on the page; the series' patches are folded, with the
	// cover letter among them
	assert.match(await page.locator('main').textContent(), /\+widget 2/);
	const series = page.locator('details', { hasText: "the series' patches" });
	const cover = series.locator('a[href*="/cover/"]');
	assert.equal(await cover.isVisible(), false);
	await series.locator('summary').click();
	await Promise.all([page.waitForURL('**/cover/**'), cover.click()]);
	await page.locator('h1').getByText('Add widgets').waitFor();
	assert.match(await page.locator('main').textContent(), /Two widgets\./);
	await tab.close();
});
