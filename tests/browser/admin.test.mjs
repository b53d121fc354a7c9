// admin.test.mjs: browser tests of the admin pages: a room made and given timeslots through the forms
import assert from 'node:assert/strict';

// logIn signs in through the login form and lands on next
async function logIn(page, url, next) {
	// the device scripts/test remembered for the admin: no code is asked
	await page.context().addCookies([{ name: '__Host-mfa-device', value: process.env.BOOKING_ADMIN_DEVICE || '',
		url: url('/'), secure: true, httpOnly: true, sameSite: 'Lax' }]);
	await page.goto(url(`/login?next=${encodeURIComponent(next)}`));
	await page.getByLabel('Email').fill(process.env.BOOKING_ADMIN_EMAIL);
	await page.getByLabel('Password').fill(process.env.BOOKING_ADMIN_PASSWORD);
	await Promise.all([
		page.waitForURL((u) => u.pathname === next),
		page.getByRole('button', { name: 'Log in' }).click(),
	]);
}

export default {
	'admin creates a room, generates its slots and sees them on the public page': async ({ page, url, sql }) => {
		assert.ok(process.env.BOOKING_ADMIN_EMAIL && process.env.BOOKING_ADMIN_PASSWORD,
			'BOOKING_ADMIN_EMAIL and BOOKING_ADMIN_PASSWORD must hold the admin login');
		const name = `Admin Browser Room ${Date.now()}`;
		const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
		let room = 0;
		try {
			await logIn(page, url, '/admin/rooms/new');
			await page.getByLabel('Name', { exact: true }).fill(name);
			await page.getByLabel('Type', { exact: true }).selectOption('meeting');
			await page.getByLabel('Capacity (people)').fill('4');
			await page.getByLabel('Hourly rate').fill('30.00');
			await Promise.all([
				page.waitForURL((u) => /^\/admin\/rooms\/\d+$/.test(u.pathname)),
				page.getByRole('button', { name: 'Create room' }).click(),
			]);
			room = Number(new URL(page.url()).pathname.split('/').pop());
			assert.ok(await page.getByRole('heading', { name, exact: true }).isVisible(),
				'the new room\'s page has its name as heading');

			await Promise.all([
				page.waitForURL((u) => u.pathname === `/admin/rooms/${room}/generate`),
				page.getByRole('link', { name: 'Generate timeslots…' }).click(),
			]);
			await page.getByLabel('First day').fill(tomorrow);
			await page.getByLabel('Last day').fill(tomorrow);
			// tomorrow may fall on a weekend: include every day
			for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])
				await page.getByLabel(day, { exact: true }).check();
			await page.getByLabel('Day starts at').fill('09:00');
			await page.getByLabel('Day ends at').fill('12:00');
			await page.getByLabel('Timeslot length (minutes)').fill('60');

			await Promise.all([
				page.waitForResponse((r) => r.url().endsWith(`/admin/rooms/${room}/generate`) &&
					r.request().method() === 'POST'),
				page.getByRole('button', { name: 'Preview' }).click(),
			]);
			const preview = (await page.locator('#preview').innerText()).replace(/\s+/g, ' ');
			assert.match(preview, /\b3 timeslots would be created; 0 already exist\b/, `preview said: ${preview}`);
			assert.equal(await page.getByLabel('Timeslot length (minutes)').inputValue(), '60',
				'the preview keeps what was typed');
			assert.equal(Number(sql(`SELECT COUNT(*) FROM timeslots WHERE room_id = ${room}`).trim().split('\n').pop()),
				0, 'a preview creates nothing');

			await Promise.all([
				page.waitForURL((u) => u.pathname === `/admin/rooms/${room}` && u.searchParams.has('generated')),
				page.getByRole('button', { name: 'Create timeslots' }).click(),
			]);
			assert.equal(new URL(page.url()).searchParams.get('generated'), '3');
			assert.ok(await page.getByText('3 timeslots created; 0 already existed.').isVisible());

			await page.goto(url(`/rooms/${room}?date=${tomorrow}`));
			const free = (await page.locator('#availability tr.slot.free > :first-child').allTextContents())
				.map((t) => t.trim());
			assert.deepEqual(free, ['09:00–10:00', '10:00–11:00', '11:00–12:00'],
				`free slots on ${tomorrow}: ${JSON.stringify(free)}`);
		} finally {
			if (room > 0)
				sql(`DELETE FROM timeslots WHERE room_id = ${room}; DELETE FROM rooms WHERE id = ${room};`);
		}
	},
};
