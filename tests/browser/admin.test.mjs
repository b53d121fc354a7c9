// admin.test.mjs: browser tests of the admin pages: a room made and given timeslots through the forms
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// where the screenshots kept as test artifacts go (scripts/test: var/test)
const artifacts = process.env.BOOKING_VAR || '/tmp';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// reportFixture: a room with tomorrow's session half booked and paid, so each chart has bars
function reportFixture(sql) {
	const name = `Report Browser Room ${Date.now()}`;
	const out = sql(`INSERT INTO rooms (name, capacity, room_type, hourly_rate) VALUES ('${name}', 4, 'meeting', 20);
		SET @room = LAST_INSERT_ID();
		INSERT INTO timeslots (room_id, start_time, end_time, price, max_bookings)
			VALUES (@room, UTC_DATE() + INTERVAL 1 DAY + INTERVAL 10 HOUR,
			UTC_DATE() + INTERVAL 1 DAY + INTERVAL 11 HOUR, 20, 4);
		SET @slot = LAST_INSERT_ID();
		INSERT INTO users (email, name, password_hash) VALUES ('report-${Date.now()}@example.com', 'Report Guest', 'x');
		SET @user = LAST_INSERT_ID();
		INSERT INTO bookings (user_id, timeslot_id, room_id, start_time, end_time, status, payment_status,
			price, paid_amount, refund_amount)
			SELECT @user, id, room_id, start_time, end_time, 'confirmed', 'paid', 20, 20, 0 FROM timeslots WHERE id = @slot;
		INSERT INTO bookings (user_id, timeslot_id, room_id, start_time, end_time, status, payment_status,
			price, paid_amount, refund_amount, cancelled_at)
			SELECT @user, id, room_id, start_time, end_time, 'cancelled', 'refunded', 20, 10, 10, UTC_TIMESTAMP()
			FROM timeslots WHERE id = @slot;
		UPDATE timeslots SET booked = 1 WHERE id = @slot;
		SELECT @room;`);
	return { name, room: Number(out.trim().split('\n').pop()) };
}

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

	'admin overview and the revenue report draw their charts (screenshots kept)': async ({ page, url, sql }) => {
		const { name, room } = reportFixture(sql);
		await page.setViewportSize({ width: 1280, height: 900 });
		await logIn(page, url, '/admin');
		const occupancy = page.getByRole('img', { name: 'Occupancy, next seven days' });
		assert.ok(await occupancy.isVisible(), 'the overview draws this week\'s occupancy');
		assert.equal(await occupancy.locator('rect.bar').count(), 7);
		assert.ok(await page.getByRole('img', { name: 'Revenue and refunds per day' }).isVisible());
		await page.screenshot({ path: join(artifacts, 'report-overview.png'), fullPage: true });

		await page.getByRole('link', { name: 'Reports', exact: true }).click();
		await page.getByRole('link', { name: 'Revenue', exact: true }).click();
		// the default range ends today; the fixture's session is tomorrow's
		const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
		await page.getByLabel('Last day').fill(tomorrow);
		await page.getByLabel('Room', { exact: true }).selectOption({ label: name });
		await Promise.all([
			page.waitForURL((u) => u.searchParams.get('roomId') === String(room)),
			page.getByRole('button', { name: 'Show' }).click(),
		]);
		const chart = page.getByRole('img', { name: 'Revenue and refunds per room' });
		assert.ok(await chart.isVisible());
		const box = await chart.boundingBox();
		assert.ok(box.width > 300 && box.height > 100, `the chart is drawn at ${box.width}x${box.height}`);
		assert.deepEqual(await chart.locator('rect.bar').evaluateAll((bars) => bars.map((b) => b.dataset.value)),
			['40.00', '10.00'], 'received (20.00 + 20.00) and refunded, one bar each');
		const row = (await page.locator('#revenue-room tbody tr').first().innerText()).split('\t');
		assert.deepEqual(row.map((c) => c.trim()), [name, '2', '40.00', '10.00', '30.00']);
		await page.screenshot({ path: join(artifacts, 'report-revenue.png'), fullPage: true });
	},

	'a report page passes axe-core (WCAG 2 A and AA)': async ({ page, url, sql }) => {
		reportFixture(sql);
		await logIn(page, url, '/admin/reports');
		for (const report of ['occupancy', 'attendance', 'revenue']) {
			await page.goto(url(`/admin/reports?report=${report}`));
			await page.evaluate(axeSource);
			const result = await page.evaluate(() => window.axe.run(document,
				{ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
			const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ` +
				v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
			assert.deepEqual(found, [], `axe-core on ${report}:\n${found.join('\n')}`);
		}
	},
};
