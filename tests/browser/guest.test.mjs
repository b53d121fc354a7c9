// guest.test.mjs: a visitor books without an account and cancels through the manage link
// mailed to them, with JavaScript off (every page works without it)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The newest link matching re in the mail the test sink holds for email, once
// bookingctl run-jobs delivered it (quoted-printable or base64 aside: the text part is
// base64, so each message's parts are decoded first).
function mailedLink(email, re) {
	execFileSync(process.env.BOOKING_CTL, ['run-jobs'], { stdio: 'pipe' });
	const dir = process.env.BOOKING_MAIL_SINK;
	let found = null;
	for (const name of readdirSync(dir).filter((n) => !n.startsWith('.')).sort()) {
		const raw = readFileSync(join(dir, name), 'latin1');
		if (!raw.includes(email)) continue;
		for (const part of raw.split(/\r?\n\r?\n/)) {
			const text = Buffer.from(part.replace(/\s+/g, ''), 'base64').toString('utf8');
			const m = text.match(re);
			if (m) found = m[0];
		}
	}
	assert.ok(found, `no link ${re} mailed to ${email}`);
	return found;
}

export default {
	'a guest books and cancels through the manage link without JavaScript': async ({ page, url, sql }) => {
		const context = await page.context().browser().newContext({ ignoreHTTPSErrors: true,
			javaScriptEnabled: false, extraHTTPHeaders: { 'Cache-Control': 'no-cache' } });
		const guest = await context.newPage();
		guest.setDefaultTimeout(10000);
		try {
			const email = `guest-${Date.now()}@example.com`;
			const day = new Date(Date.now() + 4 * 86400000).toISOString().slice(0, 10);
			const slot = Number(sql(`
				INSERT INTO rooms (name, capacity, room_type, hourly_rate)
					VALUES ('Guest Room ${Date.now()}', 1, 'meeting', 0);
				INSERT INTO timeslots (room_id, start_time, end_time, price, max_bookings)
					VALUES (LAST_INSERT_ID(), '${day} 10:00:00', '${day} 11:00:00', 0, 1);
				SELECT LAST_INSERT_ID();`).trim().split('\n').pop());

			await guest.goto(url(`/timeslots/${slot}`));
			await Promise.all([guest.waitForURL(/\/guest$/),
				guest.getByRole('link', { name: 'Book without an account' }).click()]);
			await guest.getByLabel('Name').fill('Gina Guest');
			await guest.getByLabel('Email').fill(email);
			await Promise.all([guest.waitForURL(/done=sent$/),
				guest.getByRole('button', { name: 'Book and send me the link' }).click()]);
			assert.ok(await guest.locator('#sent').isVisible(), 'the page says to check the mail');

			await guest.goto(url(mailedLink(email, /\/guest\/verify\/[0-9a-f]{64}/)));
			await Promise.all([guest.waitForURL(/\/b\/[0-9a-f]{32}\?done=verified$/),
				guest.getByRole('button', { name: 'Confirm my address and keep the place' }).click()]);
			assert.equal(await guest.locator('#status').getAttribute('data-status'), 'confirmed');

			await guest.goto(url(mailedLink(email, /\/b\/[0-9a-f]{32}/)));
			await Promise.all([guest.waitForURL(/\/cancel$/),
				guest.getByRole('link', { name: 'Cancel this booking…' }).click()]);
			assert.equal(await guest.locator('#refund').innerText(), '€0.00');
			await Promise.all([guest.waitForURL(/\?done=cancelled$/),
				guest.getByRole('button', { name: 'Yes, cancel it' }).click()]);
			assert.equal(await guest.locator('#status').getAttribute('data-status'), 'cancelled');
			assert.equal(sql(`SELECT booked FROM timeslots WHERE id = ${slot}`).trim().split('\n').pop(), '0',
				'the seat is free again');
		} finally {
			await context.close();
		}
	},
};
