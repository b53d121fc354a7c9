// account.test.mjs: browser tests of accounts: logging in through the real form
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

// makeUser creates a customer with bookingctl, as an operator would
function makeUser(email, password) {
	execFileSync(process.env.BOOKING_CTL,
		['user', 'add', '--email', email, '--name', 'Browser User'],
		{ env: { ...process.env, BOOKING_PASSWORD: password }, stdio: 'pipe' });
}

export default {
	'log in through the form and out again': async ({ page, url, sql }) => {
		const email = `browser-${Date.now()}@example.com`, password = 'a browser test passphrase';
		makeUser(email, password);
		try {
			await page.goto(url('/account'));
			assert.equal(new URL(page.url()).pathname, '/login', 'an account page asks to log in first');
			await page.getByLabel('Email').fill(email);
			await page.getByLabel('Password').fill(password);
			await Promise.all([
				page.waitForURL((u) => u.pathname !== '/login'),
				page.getByRole('button', { name: 'Log in' }).click(),
			]);
			assert.equal(new URL(page.url()).pathname, '/account', 'login returns to the page asked for');
			assert.ok(await page.getByText('Signed in as Browser User').isVisible());

			await Promise.all([
				page.waitForURL((u) => u.pathname === '/'),
				page.getByRole('button', { name: 'Log out' }).click(),
			]);
			await page.goto(url('/me'));
			assert.equal(new URL(page.url()).pathname, '/login', 'logged out: the dashboard asks to log in');
		} finally {
			sql(`DELETE FROM users WHERE email = '${email}'`);
		}
	},
};
