// Screenshots of the main pages for people to look at, at a desktop and a
// phone's size, in build/screenshots/NAME-VIEWPORT.png; on the phone no
// page is wider than the screen. The other pages are opened on a phone
// too, for the checks every page gets (lib/browser.js).
import { after, before, test } from 'node:test';
import { SCREENSHOTS, launchBrowser, login, openTab } from './lib/browser.js';
import { deliverV2, newServer, standardData } from './lib/darn.js';

let server, browser, users, seriesV2;
before(async () => {
	server = await newServer();
	users = standardData(server);
	// a second project, so that / lists the projects (with one it
	// leads to the project's list)
	server.darn(['project', 'add', '--linkname', 'other', '--name',
		'Another project with a rather long name', '--listid',
		'other.darn.example', '--listemail', 'other@darn.example']);
	// a series with two versions, a bundle and a todo list for maint
	deliverV2(server);
	const write = async (method, p, body) => {
		const r = await fetch(server.url(p), { method, body: JSON.stringify(body),
			headers: { Authorization: `Token ${server.token('maint')}`,
				'Content-Type': 'application/json' } });
		if (!r.ok)
			throw new Error(`${method} ${p}: ${r.status} ${await r.text()}`);
	};
	await write('POST', '/api/1.3/bundles/', { name: 'widgets', public: true,
		patches: [1, 2, 3] });
	const maint = Number(server.sql("SELECT id FROM users WHERE username = 'maint'"));
	await write('PATCH', '/api/patches/3/', { delegate: maint });
	// its id: PostgreSQL's sequences may leave gaps
	seriesV2 = (await server.api('/api/series/')).find((x) => x.version === 2).id;
	browser = await launchBrowser();
});
after(async () => {
	await browser?.close();
	await server?.stop();
});

// name, path (or a function giving it), whether a user is logged in
const PAGES = [
	['login', '/user/login/', false],
	['projects', '/', false],
	['list', '/project/test/list/', false],
	['patch', '/project/test/patch/p1@example.com/', false],
	['cover', '/project/test/cover/c0@example.com/', false],
	['series-list', '/project/test/series/', false],
	['series', () => `/project/test/series/${seriesV2}/`, false],
	['list-logged-in', '/project/test/list/', true],
	['patch-logged-in', '/project/test/patch/b1@example.com/', true],
	['profile', '/user/', true],
	['bundle', '/bundle/maint/widgets/', true],
	['todo', '/user/todo/test/', true],
];

for (const viewport of ['desktop', 'phone']) {
	test(`the main pages on a ${viewport} (${SCREENSHOTS})`, async () => {
		const tab = await openTab(browser, server, { viewport });
		for (const [name, path, loggedIn] of PAGES) {
			if (loggedIn && !(await tab.context.cookies()).some((c) => c.name === 'sessionid'))
				await login(tab, users.maint);
			await tab.goto(typeof path === 'function' ? path() : path);
			await tab.screenshot(name);
			if (viewport === 'phone')
				await tab.assertNoOverflow();
		}
		await tab.close();
	});
}

// [path, status]: the pages not worth a picture
const OTHER_PAGES = [
	['/about/', 200],
	['/project/test/', 200],
	['/register/', 200],
	['/mail/', 200],
	['/user/password-reset/', 200],
	['/project/test/list/?state=*&archive=both&order=-name', 200],
	['/project/nothing/list/', 404],
	['/no/such/page/', 404],
];

test('the other pages, on a phone', async () => {
	const tab = await openTab(browser, server, { viewport: 'phone' });
	for (const [path, status] of OTHER_PAGES) {
		await tab.goto(path, { status });
		await tab.assertNoOverflow();
	}
	await login(tab, users.bob);
	for (const path of ['/user/password-change/', '/user/link/', '/user/logout/']) {
		await tab.goto(path);
		await tab.assertNoOverflow();
	}
	await tab.close();
});
