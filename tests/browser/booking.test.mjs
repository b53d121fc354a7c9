// booking.test.mjs: browser tests of booking: book a free seat from a room page, then cancel it
import assert from 'node:assert/strict';

import { customerOnRoomDay } from './customer.mjs';

export default {
	'book from the room page and cancel from the booking page': async ({ page, url, sql }) => {
		const { room, day } = await customerOnRoomDay({ page, url, sql }, { tag: 'booker',
			name: 'Booker', days: 3, capacity: 3, rate: '30.00', hour: '14', price: '30.00' });
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
