// booking.test.mjs: browser tests of booking: book a free seat from a room page, then cancel it
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

export default {
	'book from the room page and cancel from the booking page': async ({ page, url, sql }) => {
		const email = `booker-${Date.now()}@example.com`, password = 'a booking test passphrase';
		const day = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
		execFileSync(process.env.BOOKING_CTL,
			['user', 'add', '--email', email, '--name', 'Booker'],
			{ env: { ...process.env, BOOKING_PASSWORD: password }, stdio: 'pipe' });
		const room = Number(sql(`
			INSERT INTO rooms (name, capacity, room_type, hourly_rate)
				VALUES ('Booking Room ${Date.now()}', 3, 'meeting', 30.00);
			SET @room = LAST_INSERT_ID();
			INSERT INTO timeslots (room_id, start_time, end_time, price, max_bookings)
				VALUES (@room, '${day} 14:00:00', '${day} 15:00:00', 30.00, 3);
			SELECT @room;`).trim().split('\n').pop());
		await page.goto(url(`/login?next=/rooms/${room}?date=${day}`));
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Password').fill(password);
		await Promise.all([
			page.waitForURL((u) => u.pathname === `/rooms/${room}`),
			page.getByRole('button', { name: 'Log in' }).click(),
		]);
		const row = page.locator('#availability tr.slot.free', { hasText: '14:00' });
		assert.ok(await row.locator('.state').innerText().then((t) => t.includes('3 of 3 left')));
		await Promise.all([page.waitForURL(/\/timeslots\/\d+$/), row.getByRole('link', { name: /Book/ }).click()]);

		await page.getByLabel('Notes for the host (optional)').fill('window seat please');
		await Promise.all([
			page.waitForURL(/\/bookings\/\d+/),
			page.getByRole('button', { name: /^Book (the room|a place)$/ }).click(),
		]);
		const id = new URL(page.url()).pathname.split('/').pop();
		assert.equal(await page.locator('#status').getAttribute('data-status'), 'pending');
		assert.ok(await page.locator('#hold').isVisible(), 'a pending booking shows its hold');

		await page.goto(url(`/rooms/${room}?date=${day}`));
		assert.ok(await row.locator('.state').innerText().then((t) => t.includes('2 of 3 left')),
			'the booking holds one seat');

		await page.goto(url('/me'));
		await Promise.all([page.waitForURL(/\/cancel$/), page.getByRole('link', { name: `Cancel booking ${id}` }).click()]);
		assert.equal(await page.locator('#refund').innerText(), '€0.00', 'nothing paid, nothing refunded');
		await Promise.all([
			page.waitForURL(/\/bookings\/\d+\?done=cancelled$/),
			page.getByRole('button', { name: 'Yes, cancel it' }).click(),
		]);
		assert.equal(await page.locator('#status').getAttribute('data-status'), 'cancelled');
	},
};
