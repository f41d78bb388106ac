// A bundle's rows reordered by its owner without the buttons: a row
// dragged (with the drop marker shown on the way) and moved with
// Alt+ArrowUp/Alt+ArrowDown (on the focused row, then on the row j
// highlighted). Each move posts the reorder form with only the rows
// whose place changed, the page comes back with the moved row marked,
// and the order holds on reload and in the bundle's mbox, where a patch
// the page's filters hide (an accepted one) keeps its place. Without
// JavaScript and on a phone the rows are not draggable and the up/down
// buttons do the work. A move across more rows than a query may carry
// goes in the form's body (run last: it adds patches).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { landed, login, openTab, setUp } from './lib/browser.js';
import { deliverV2, diffFor } from './lib/darn.js';

const it = setUp(deliverV2);
const path = '/bundle/maint/moves/';

// the bundle's patches, made once: 5 patches a-e in that order, b
// accepted (so that the owner's page hides it)
let p = null;
async function bundle() {
	if (p)
		return p;
	const all = await it.server.api('/api/patches/?order=id');
	assert.equal(all.length, 5);
	p = Object.fromEntries(all.map((x, i) => ['abcde'[i], x]));
	const write = async (method, url, body) => {
		const r = await fetch(it.server.url(url), { method, body: JSON.stringify(body),
			headers: { Authorization: `Token ${it.server.token('maint')}`,
				'Content-Type': 'application/json' } });
		assert.ok(r.ok, `${method} ${url}: ${r.status} ${await r.text()}`);
	};
	await write('POST', '/api/1.3/bundles/', { name: 'moves', public: false,
		patches: all.map((x) => x.id) });
	await write('PATCH', `/api/patches/${p.b.id}/`, { state: 'accepted' });
	return p;
}

// the page's rows, and the bundle's whole order (its mbox), as letters
const letter = (id) => Object.keys(p).find((k) => p[k].id === Number(id));
const shown = async (page) => (await page.locator('table.patches tbody input[name^="patch_id:"]')
	.evaluateAll((boxes) => boxes.map((b) => b.name.slice(9)))).map(letter).join('');
async function stored(page) {
	const r = await page.request.get(`${path}mbox/`);
	assert.equal(r.status(), 200);
	const ids = [...(await r.text()).matchAll(/^X-Patchwork-Id: (\d+)$/gm)].map((m) => m[1]);
	return ids.map(letter).join('');
}
const row = (page, l) => page.locator(`table.patches tbody tr:has(input[name="patch_id:${p[l].id}"])`);

// action(), then the reorder POST it sends and the page that comes back
async function reordered(page, action) {
	const [post] = await Promise.all([
		page.waitForRequest((r) => r.method() === 'POST'),
		page.waitForEvent('load'),
		action()]);
	const q = new URL(post.url()).searchParams;
	return [q.get('order_start'), ...q.getAll('neworder')].map(letter).join(' ');
}

test('drag and drop a row of the bundle', async () => {
	await bundle();
	const tab = await openTab(it.browser, it.server);
	const { page } = tab;
	await login(tab, it.users.maint);
	await tab.goto(path);
	assert.equal(await shown(page), 'acde');
	assert.equal(await page.locator('table.patches tbody tr[draggable=true]').count(), 4);
	assert.equal(await page.locator('.reorder-hint').isVisible(), true);

	// e dragged above c by hand: the marker on the way, then the drop
	const from = await row(page, 'e').boundingBox();
	const to = await row(page, 'c').boundingBox();
	const sent = await reordered(page, async () => {
		await page.mouse.move(from.x + 8, from.y + from.height / 2);
		await page.mouse.down();
		await page.mouse.move(to.x + 8, to.y + 3, { steps: 8 });
		assert.equal(await page.locator('tr.drop-before').count(), 1);
		assert.equal(await row(page, 'c').getAttribute('class'), 'drop-before');
		assert.equal(await row(page, 'e').getAttribute('class'), 'dragging');
		await tab.screenshot('bundle-drag');
		await page.mouse.up();
	});
	assert.equal(sent, 'c e c d', 'order_start=c, neworder=e,c,d: the rows that changed');
	assert.equal(await shown(page), 'aecd');
	assert.equal(await row(page, 'e').getAttribute('class'), 'moved');
	assert.equal(await stored(page), 'abecd', 'b, hidden, keeps its place');
	await page.reload();
	assert.equal(await shown(page), 'aecd');
	assert.equal(await page.locator('tr.moved').count(), 0, 'marked once only');

	// c dropped on the lower half of d (playwright's dragTo)
	const box = await row(page, 'd').boundingBox();
	assert.equal(await reordered(page, () => row(page, 'c').dragTo(row(page, 'd'),
		{ targetPosition: { x: 8, y: box.height - 3 } })), 'c d c');
	assert.equal(await shown(page), 'aedc');
	assert.equal(await stored(page), 'abedc');

	// dropped where it was: nothing sent
	let posts = 0;
	page.on('request', (r) => { posts += r.method() === 'POST'; });
	await row(page, 'a').dragTo(row(page, 'e'), { targetPosition: { x: 8, y: 3 } });
	await page.waitForTimeout(500);
	assert.equal(posts, 0);
	assert.equal(await page.locator('tr.drop-before, tr.drop-after, tr.dragging').count(), 0);
	await tab.close();
});

test('Alt+ArrowUp and Alt+ArrowDown move a row', async () => {
	await bundle();
	const tab = await openTab(it.browser, it.server);
	const { page } = tab;
	const kb = page.keyboard;
	await login(tab, it.users.maint);
	await tab.goto(path);
	const start = await shown(page);

	// the focused row (its checkbox): the same fields as its down button
	const down = await row(page, start[0]).getByRole('button', { name: 'Move down' })
		.getAttribute('formaction');
	await row(page, start[0]).locator('input[type=checkbox]').focus();
	const sent = await reordered(page, () => kb.press('Alt+ArrowDown'));
	const q = new URLSearchParams(down.slice(1));
	assert.equal(sent, [q.get('order_start'), ...q.getAll('neworder')].map(letter).join(' '));
	const once = start[1] + start[0] + start.slice(2);
	assert.equal(await shown(page), once);
	// the row keeps the focus: the key again moves it on
	assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')),
		'Move down');
	await reordered(page, () => kb.press('Alt+ArrowDown'));
	const twice = start[1] + start[2] + start[0] + start.slice(3);
	assert.equal(await shown(page), twice);
	assert.equal(await row(page, start[0]).getAttribute('class'), 'moved');

	// no focus in a row: the row j highlighted; Alt+ArrowUp
	await page.evaluate(() => document.activeElement.blur());
	await kb.press('j');
	await kb.press('j');
	await reordered(page, () => kb.press('Alt+ArrowUp'));
	const thrice = twice[1] + twice[0] + twice.slice(2);
	assert.equal(await shown(page), thrice);

	// the first row goes no higher, and a field keeps its keys
	let posts = 0;
	page.on('request', (r) => { posts += r.method() === 'POST'; });
	await row(page, thrice[0]).locator('input[type=checkbox]').focus();
	await kb.press('Alt+ArrowUp');
	await page.locator('details.filters summary').click();
	await page.locator('#f-q').focus();
	await kb.press('Alt+ArrowDown');
	await page.waitForTimeout(500);
	assert.equal(posts, 0);
	assert.equal(await shown(page), thrice);
	// (b, hidden, may share a number with a moved row: Patchwork's
	// numbering; the rows shown keep their order)
	assert.equal((await stored(page)).replace('b', ''), thrice);
	await tab.close();
});

test('without JavaScript and on a phone: the buttons', async () => {
	await bundle();
	for (const options of [{ javaScript: false }, { viewport: 'phone' }]) {
		const tab = await openTab(it.browser, it.server, options);
		const { page } = tab;
		await login(tab, it.users.maint);
		await tab.goto(path);
		const before = await shown(page);
		assert.equal(await page.locator('tr[draggable=true]').count(), 0);
		assert.equal(await page.locator('.reorder-hint').isVisible(), false);
		if (options.viewport === 'phone') {
			await tab.assertNoOverflow();
			await tab.screenshot('bundle-owner');
		}
		await Promise.all([page.waitForEvent('load'),
			row(page, before[1]).getByRole('button', { name: 'Move up' }).click()]);
		assert.equal(await shown(page), before[1] + before[0] + before.slice(2));
		await tab.close();
	}
});

test("a move across 210 rows goes in the form's body", async () => {
	const n = 210;
	it.server.deliverAll(Array.from({ length: n }, (_, i) => ({
		from: 'Lou Long <lou@example.com>', subject: `[PATCH] long: change ${i}`,
		msgid: `<long${i}@example.com>`,
		date: `Thu, 05 Mar 2026 10:00:${String(i % 60).padStart(2, '0')} +0000`,
		body: `Change ${i}.\n\nSigned-off-by: Lou Long <lou@example.com>\n` +
			diffFor(`long/${i}.c`) })));
	const ids = it.server.sql("SELECT id FROM patch WHERE msgid LIKE '<long%' ORDER BY id")
		.trim().split('\n').map(Number);
	assert.equal(ids.length, n);
	const r = await fetch(it.server.url('/api/1.3/bundles/'), { method: 'POST',
		body: JSON.stringify({ name: 'long', public: false, patches: ids }),
		headers: { Authorization: `Token ${it.server.token('maint')}`,
			'Content-Type': 'application/json' } });
	assert.equal(r.status, 201);

	const tab = await openTab(it.browser, it.server);
	const { page } = tab;
	await login(tab, it.users.maint);
	// every row on one page
	await page.locator('#id_items_per_page').fill('500');
	await landed(page, '**/user/', () => page.locator('input[value=Apply]').click());
	await tab.goto('/bundle/maint/long/');
	const boxes = page.locator('table.patches tbody input[name^="patch_id:"]');
	assert.equal(await boxes.count(), n);
	// both ends on the screen: a drag that scrolls the page starts
	// on the row under the pointer after playwright's scrolling
	await page.setViewportSize({ width: 1280, height: 9000 });
	const last = page.locator(`table.patches tbody tr:has(input[name="patch_id:${ids[n - 1]}"])`);
	const first = page.locator(`table.patches tbody tr:has(input[name="patch_id:${ids[0]}"])`);
	const [post] = await Promise.all([
		page.waitForRequest((x) => x.method() === 'POST'),
		page.waitForEvent('load'),
		last.dragTo(first, { targetPosition: { x: 8, y: 3 } })]);
	assert.equal(new URL(post.url()).search, '', 'no query');
	const body = new URLSearchParams(post.postData());
	assert.equal(body.get('form'), 'reorderform');
	assert.equal(Number(body.get('order_start')), ids[0]);
	assert.deepEqual(body.getAll('neworder').map(Number), [ids[n - 1], ...ids.slice(0, n - 1)]);
	const order = async () => (await boxes.evaluateAll((b) => b.map((x) => x.name.slice(9)))).map(Number);
	assert.deepEqual(await order(), [ids[n - 1], ...ids.slice(0, n - 1)]);
	assert.equal(await page.locator('tr.moved input').getAttribute('name'), `patch_id:${ids[n - 1]}`);
	await tab.goto('/bundle/maint/long/');
	assert.deepEqual(await order(), [ids[n - 1], ...ids.slice(0, n - 1)]);
	await tab.close();
});
