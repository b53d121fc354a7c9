// two_factor.test.mjs: browser tests of two-factor authentication: enrolment with the QR code, then a login with a code
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';

// totp is RFC 6238 (SHA-1, 6 digits, 30 s) for the step now + step, from the key as shown
function totp(shown, step = 0) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const c of shown.replace(/\s+/g, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
	const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000) + step));
	const mac = createHmac('sha1', key).update(counter).digest();
	const off = mac[mac.length - 1] & 15;
	return String((mac.readUInt32BE(off) & 0x7fffffff) % 1000000).padStart(6, '0');
}

async function logIn(page, url, email, password) {
	await page.goto(url('/login?next=/account'));
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await Promise.all([
		page.waitForURL((u) => u.pathname !== '/login'),
		page.getByRole('button', { name: 'Log in' }).click(),
	]);
}

export default {
	'turn on two-factor authentication from the QR page, then log in with a code': async ({ page, url, sql }) => {
		const email = `browser-2fa-${Date.now()}@example.com`, password = 'a browser test passphrase';
		execFileSync(process.env.BOOKING_CTL, ['user', 'add', '--email', email, '--name', 'Browser Two'],
			{ env: { ...process.env, BOOKING_PASSWORD: password }, stdio: 'pipe' });
		try {
			await logIn(page, url, email, password);
			assert.equal(new URL(page.url()).pathname, '/account');
			await page.getByRole('link', { name: 'Manage two-factor authentication' }).click();
			await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
			const qr = page.getByRole('img', { name: /QR code/ });
			assert.ok(await qr.isVisible(), 'the QR code is an image with a name');
			const key = await page.locator('#secret').textContent();
			await page.getByLabel('Code from the app').fill(totp(key));
			await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
			assert.equal(await page.locator('#recovery-codes li').count(), 10, 'ten recovery codes are shown');
			await page.getByRole('link', { name: 'Continue' }).click();
			assert.match(await page.locator('#two-factor-state').textContent(), /is on/);

			await page.getByRole('button', { name: 'Log out' }).click();
			await page.waitForURL((u) => u.pathname === '/');
			await logIn(page, url, email, password);
			assert.equal(new URL(page.url()).pathname, '/login/code', 'the password alone is not enough');
			await page.getByLabel('Code', { exact: true }).fill(totp(key, 1));
			await Promise.all([
				page.waitForURL((u) => u.pathname === '/account'),
				page.getByRole('button', { name: 'Log in' }).click(),
			]);
			assert.ok(await page.getByText('Signed in as Browser Two').isVisible());
		} finally {
			sql(`DELETE FROM users WHERE email = '${email}'`);
		}
	},
};
