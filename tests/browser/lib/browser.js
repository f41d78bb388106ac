// Debian's Chromium, headless, driven by playwright-core, and the checks
// every page of every scenario gets: no console error, no uncaught
// exception, no failed request, valid HTML (lib/html.js), the security
// headers. A scenario opens a tab with openTab(), goes to pages with
// tab.goto() or by clicking, and ends with tab.close(), which fails on any
// problem seen on the way.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { TOP, newServer, standardData } from './darn.js';
import { htmlProblems } from './html.js';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SCREENSHOTS = path.join(TOP, 'build/screenshots');

// how long tab.settle() waits for the pages' bodies (as the default
// timeout of a tab's waits, openTab())
const SETTLE_MS = 30000;

export const VIEWPORTS = {
	desktop: { viewport: { width: 1280, height: 800 } },
	// a phone: 390 CSS pixels wide, touch, the mobile viewport rules
	phone: { viewport: { width: 390, height: 844 }, isMobile: true,
		hasTouch: true, deviceScaleFactor: 2 },
};

// launchBrowser(): one headless Chromium for a test file. --no-sandbox:
// CI runs as root, where Chromium's sandbox cannot start.
export function launchBrowser() {
	return chromium.launch({ executablePath: CHROMIUM, headless: true,
		args: ['--no-sandbox'] });
}

// setUp(more): a test file's server (with standardData, then more(server)
// if given) and browser, made before its tests and stopped after them:
// { server, browser, users }, filled in when the tests run.
export function setUp(more) {
	const it = {};
	before(async () => {
		it.server = await newServer();
		it.users = standardData(it.server);
		more?.(it.server);
		it.browser = await launchBrowser();
	});
	after(async () => {
		await it.browser?.close();
		await it.server?.stop();
	});
	return it;
}

// What every HTML page must send (docs/web.md "Security headers").
function headerProblems(url, h) {
	const problems = [];
	const csp = h['content-security-policy'] || '';
	for (const d of ["default-src 'none'", "script-src 'self'",
		"style-src 'self'", "frame-ancestors 'none'", "form-action 'self'"]) {
		if (!csp.includes(d))
			problems.push(`${url}: Content-Security-Policy lacks ${d}: ${csp}`);
	}
	const want = { 'x-content-type-options': 'nosniff',
		'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' };
	for (const [k, v] of Object.entries(want)) {
		if (h[k] !== v)
			problems.push(`${url}: ${k} is ${h[k]}, not ${v}`);
	}
	return problems;
}

// openTab(browser, server, { viewport: 'desktop' | 'phone', javaScript }):
// a fresh browser context (its own cookies) with one page, watched;
// javaScript: false turns the page's script off.
export async function openTab(browser, server,
	{ viewport = 'desktop', javaScript = true } = {}) {
	const context = await browser.newContext({ ...VIEWPORTS[viewport],
		baseURL: server.base, javaScriptEnabled: javaScript });
	// generous: a registration hashes its password with 600,000
	// PBKDF2 rounds in the sanitizer build, seconds on a loaded machine
	context.setDefaultTimeout(30000);
	context.setDefaultNavigationTimeout(60000);
	const page = await context.newPage();
	const problems = [];
	const pending = [];
	const allowed = [];
	const pages = new Set();
	page.on('console', (m) => {
		if (m.type() !== 'error')
			return;
		const i = allowed.findIndex((re) => re.test(m.text()));
		if (i >= 0)
			allowed.splice(i, 1); // each allowance once
		else
			problems.push(`console error on ${page.url()}: ${m.text()}`);
	});
	page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
	page.on('requestfailed', (r) => {
		// a download the test saves, or a navigation replaced by the
		// next one, is not a failure of the page
		const why = r.failure()?.errorText || '';
		if (!/ERR_ABORTED/.test(why))
			problems.push(`request failed: ${r.url()}: ${why}`);
	});
	page.on('response', (r) => {
		const req = r.request();
		const type = (r.headers()['content-type'] || '');
		if (req.resourceType() !== 'document') {
			if (r.status() >= 400)
				problems.push(`${r.url()}: ${r.status()} for a ${req.resourceType()}`);
			return;
		}
		if (r.status() >= 300 && r.status() < 400)
			return;
		if (!type.startsWith('text/html'))
			return;
		problems.push(...headerProblems(r.url(), r.headers()));
		// each page's HTML is validated once, as the server sent it
		const key = `${r.url()} ${r.status()} ${req.method()}`;
		if (pages.has(key))
			return;
		pages.add(key);
		pending.push({ key, done: r.text().then(
			(html) => htmlProblems(html, new URL(r.url()).pathname),
			() => []).then((p) => problems.push(...p)) });
	});

	const tab = {
		page, context, server, viewport, problems,
		// allowConsole(re): one console error matching re is expected
		// (Chromium logs every 4xx page it loads)
		allowConsole(re) { allowed.push(re); },
		// goto(path, { status }): the page, whose status must be status
		// (200 by default)
		async goto(p, { status = 200 } = {}) {
			if (status >= 400)
				allowed.push(new RegExp(`status of ${status}`));
			const r = await page.goto(p);
			assert.equal(r.status(), status, `status of ${p}`);
			return r;
		},
		// settle(): every page seen so far validated. A page's body
		// comes once the page has loaded; for one the tab left before
		// that (a wait that returned too early) Chromium may never say
		// so, and playwright then waits for the body until the tab
		// closes: such a page is a problem after SETTLE_MS, not a hang.
		async settle() {
			const waits = pending.splice(0);
			const stuck = new Set(waits.map((w) => w.key));
			let timer;
			const late = new Promise((r) => { timer = setTimeout(r, SETTLE_MS); });
			await Promise.race([late, Promise.all(waits.map((w) =>
				w.done.then(() => stuck.delete(w.key))))]);
			clearTimeout(timer);
			for (const key of stuck)
				problems.push(`${key}: no body after ${SETTLE_MS} ms (the tab left the page before it loaded?)`);
		},
		async screenshot(name) {
			fs.mkdirSync(SCREENSHOTS, { recursive: true });
			await page.screenshot({ fullPage: true,
				path: path.join(SCREENSHOTS, `${name}-${viewport}.png`) });
		},
		// The page is no wider than the screen: nothing makes the reader
		// scroll sideways (wide tables scroll inside their own box).
		async assertNoOverflow() {
			const { scroll, width } = await page.evaluate(() => ({
				scroll: document.documentElement.scrollWidth,
				width: document.documentElement.clientWidth,
			}));
			assert.ok(scroll <= width,
				`${page.url()} is ${scroll}px wide on a ${width}px ${viewport} screen`);
		},
		// close(): fails on any problem seen on any page of the tab
		async close() {
			await tab.settle();
			await context.close();
			assert.deepEqual(problems, [], 'problems seen in the browser');
		},
	};
	return tab;
}

// login(tab, user): logs in through the login form; lands on /user/.
export async function login(tab, user) {
	const { page } = tab;
	await tab.goto('/user/login/');
	await page.fill('input[name=username]', user.username);
	await page.fill('input[name=password]', user.password);
	await Promise.all([page.waitForURL('**/user/'),
		page.click('form [type=submit]')]);
	assert.equal(await page.locator('header ul.user strong').textContent(),
		user.username);
}

// landed(page, url, action): action() (a click or a key that leaves the
// page), then the page it leads to, loaded, at a URL matching url (a glob
// or predicate, as page.waitForURL's). waitForURL alone is not enough: it
// returns at once when the page is already at such a URL, as a form that
// answers on its own address is, and the test would go on (and maybe
// leave) while the answer still loads.
export async function landed(page, url, action) {
	await Promise.all([page.waitForEvent('load'), action()]);
	await page.waitForURL(url);
}

// logout(tab): the header's Logout link, then the page's button.
export async function logout(tab) {
	const { page } = tab;
	await page.click('header >> text=Logout');
	await page.waitForURL('**/user/logout/');
	// to / (which, with one project, leads on to its list)
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/user/')),
		page.click('main form [type=submit]')]);
}

// sessionCookies(tab): the context's cookies by name.
export async function cookies(tab) {
	return Object.fromEntries((await tab.context.cookies())
		.map((c) => [c.name, c]));
}
