// Accounts in the browser: register, confirm by the mailed link, log in
// and out, the cookies' flags and the security headers as the browser
// sees them, and the refusals Patchwork makes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cookies, login, logout, openTab, setUp } from './lib/browser.js';

const it = setUp();

test('register, confirm by the mailed link, log in, log out', async () => {
	const tab = await openTab(it.browser, it.server);
	const { page } = tab;
	await tab.goto('/');
	await page.click('header >> text=Register');
	await page.fill('input[name=first_name]', 'Carol');
	await page.fill('input[name=last_name]', 'Kent');
	await page.fill('input[name=email]', 'carol@example.com');
	await page.fill('input[name=username]', 'carol');
	await page.fill('input[name=password]', 'carol-pass');
	await page.click('main form [type=submit]');
	await page.getByText('A confirmation email has been sent to carol@example.com').waitFor();

	const mails = it.server.capturedMails();
	assert.equal(mails.length, 1);
	assert.match(mails[0], /^To: carol@example.com$/m);
	const link = it.server.mailLink(mails[0], '/confirm/');
	assert.ok(link, 'a /confirm/ link in the mail');

	// the link shows a button; the click activates and logs in
	await tab.goto(link);
	await page.click('main form [type=submit]');
	await page.getByText('Registration confirmed').waitFor();
	// (this page's header still shows Login: the session starts with
	// its answer; the next page is the user's)
	await tab.goto('/user/');
	assert.equal(await page.locator('header ul.user strong').textContent(), 'carol');

	await logout(tab);
	assert.equal(await page.locator('header >> text=Login').count(), 1);
	assert.equal((await cookies(tab)).sessionid, undefined, 'no session cookie after logout');

	await login(tab, { username: 'carol', password: 'carol-pass' });
	await logout(tab);
	await tab.close();
});

test('a wrong password is refused on the page, without a session', async () => {
	const tab = await openTab(it.browser, it.server);
	const { page } = tab;
	await tab.goto('/user/login/');
	await page.fill('input[name=username]', 'maint');
	await page.fill('input[name=password]', 'wrong');
	await page.click('main form [type=submit]');
	await page.waitForLoadState();
	assert.match(page.url(), /\/user\/login\/$/);
	assert.equal((await cookies(tab)).sessionid, undefined);
	await tab.close();
});

test('the session cookie is HttpOnly and SameSite=Lax, seen from the page', async () => {
	const tab = await openTab(it.browser, it.server);
	await login(tab, it.users.maint);
	const c = await cookies(tab);
	assert.ok(c.sessionid, 'a session cookie');
	assert.equal(c.sessionid.httpOnly, true);
	assert.equal(c.sessionid.sameSite, 'Lax');
	assert.equal(c.sessionid.path, '/');
	assert.equal(c.sessionid.secure, false, 'not Secure on an http base URL');
	// the page's scripts cannot read the session, but can read the CSRF
	// token (X-CSRFToken)
	const seen = await tab.page.evaluate(() => document.cookie);
	assert.doesNotMatch(seen, /sessionid=/);
	assert.match(seen, /csrftoken=/);
	await tab.close();
});

test('the Content-Security-Policy stops inline script and framing', async () => {
	const tab = await openTab(it.browser, it.server);
	const { page } = tab;
	await tab.goto('/project/test/list/');
	// an inline script injected into the page does not run
	tab.allowConsole(/Content Security Policy/);
	await page.evaluate(() => {
		const s = document.createElement('script');
		s.textContent = 'window.injected = true;';
		document.body.append(s);
	});
	assert.equal(await page.evaluate(() => window.injected), undefined);
	// another site cannot show the pages in a frame
	const other = await tab.context.newPage();
	const errors = [];
	other.on('console', (m) => errors.push(m.text()));
	await other.setContent(`<iframe src="${it.server.base}/project/test/list/"></iframe>`);
	await other.waitForTimeout(500);
	const frame = other.frames()[1];
	assert.ok(!frame || !(await frame.locator('table.patches').count().catch(() => 0)),
		'the list does not render in a frame');
	assert.ok(errors.some((e) => /frame-ancestors|X-Frame-Options/.test(e)),
		`the browser says why: ${errors}`);
	await other.close();
	await tab.close();
});

test('anonymous on /user/ is sent to the login page, and back after it', async () => {
	const tab = await openTab(it.browser, it.server);
	const { page } = tab;
	await tab.goto('/user/');
	assert.equal(new URL(page.url()).pathname, '/user/login/');
	assert.equal(new URL(page.url()).searchParams.get('next'), '/user/');
	await page.fill('input[name=username]', 'bob');
	await page.fill('input[name=password]', 'bob-pass');
	await Promise.all([page.waitForURL('**/user/'),
		page.click('main form [type=submit]')]);
	await tab.close();
});

test('a form posted without its CSRF token changes nothing', async () => {
	const tab = await openTab(it.browser, it.server);
	const { page } = tab;
	await login(tab, it.users.bob);
	const before = await page.locator('main').textContent();
	// the profile's token form, its hidden token removed as a forged
	// page's form would lack it
	const form = page.locator('form[action="/user/generate-token/"]');
	await form.locator('input[name=csrfmiddlewaretoken]').evaluate((e) => e.remove());
	tab.allowConsole(/status of 403/);
	const [r] = await Promise.all([page.waitForResponse('**/user/generate-token/'),
		form.locator('[type=submit]').click()]);
	assert.equal(r.status(), 403);
	await page.getByText('CSRF verification failed').waitFor();
	await tab.goto('/user/');
	assert.equal(await page.locator('main').textContent(), before,
		'the token did not change');
	await tab.close();
});
