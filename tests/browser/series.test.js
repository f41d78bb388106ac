// Series pages in the browser: the Series tab, the series list, a
// series page with its other version linked (a v1 and a v2 of "Add
// widgets"), and a patch page's previous/next links in its series.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openTab, setUp } from './lib/browser.js';
import { deliverV2 } from './lib/darn.js';

const it = setUp(deliverV2);


const names = (page, table) => page.locator(`${table} tbody tr td:first-child a`).allTextContents();

test('the Series tab, the list, a series page and its versions', async () => {
	const tab = await openTab(it.browser, it.server);
	const { page } = tab;
	await tab.goto('/project/test/list/');
	await Promise.all([page.waitForURL('**/project/test/series/'),
		page.locator('header').getByRole('link', { name: 'Series', exact: true }).click()]);
	// newest first
	assert.deepEqual(await names(page, '#series-list'),
		['Add widgets', 'docs: fix a typo', 'Add widgets']);
	const v2 = page.locator('#series-list tbody tr').first();
	assert.match(await v2.textContent(), /v2.*Ann Example.*2\/2.*2 New/s);

	await Promise.all([page.waitForURL('**/project/test/series/*/'),
		v2.getByRole('link', { name: 'Add widgets' }).click()]);
	const v2url = page.url();
	assert.match(await page.locator('#series-info').textContent(), /Version\s*2/);
	assert.deepEqual(await page.locator('#series-patches tbody a[href*="/patch/"]').allTextContents(),
		['[v2,1/2] widget: add a', '[v2,2/2] widget: add b']);
	assert.match(await page.locator('#series-cover').getAttribute('href'), /c0v2@example.com/);
	// the versions: this one in bold, v1 linked
	const versions = page.locator('#series-versions');
	assert.match(await versions.locator('strong').textContent(), /Add widgets/);
	await Promise.all([page.waitForURL((u) => u.href !== v2url),
		versions.getByRole('link', { name: 'Add widgets' }).click()]);
	assert.match(await page.locator('#series-info').textContent(), /Version\s*1/);
	assert.equal(await page.locator('#series-versions a').getAttribute('href'),
		new URL(v2url).pathname);
	// the series mbox: v1's two patches
	const mbox = await (await page.request.get(await page.locator('#series-mbox').getAttribute('href'))).text();
	assert.deepEqual([...mbox.matchAll(/^Subject: (.*)$/gm)].map((m) => m[1]),
		['[PATCH 1/2] widget: add a', '[PATCH 2/2] widget: add b']);
	await tab.close();
});

test("a patch page's previous and next in its series", async () => {
	const tab = await openTab(it.browser, it.server);
	const { page } = tab;
	await tab.goto('/project/test/patch/p1@example.com/');
	assert.equal(await page.locator('#series-prev').count(), 0, 'the first has no previous');
	await Promise.all([page.waitForURL('**/patch/p2@example.com/'),
		page.locator('#series-next').click()]);
	assert.equal(await page.locator('#series-next').count(), 0, 'the last has no next');
	await Promise.all([page.waitForURL('**/patch/p1@example.com/'),
		page.locator('#series-prev').click()]);
	await Promise.all([page.waitForURL('**/project/test/series/*/'),
		page.locator('#series-page').click()]);
	await page.locator('h1').getByText('Add widgets').waitFor();
	await tab.close();
});
