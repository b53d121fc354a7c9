// rooms.test.mjs: browser tests of the public pages: from the home page to a room's availability grid
import assert from 'node:assert/strict';

// makeRoom inserts a meeting room with one free slot on `day` at 10:00-11:00 UTC; returns its id
function makeRoom(sql, name, day) {
	const out = sql(`
		INSERT INTO rooms (name, description, capacity, room_type, hourly_rate)
			VALUES ('${name}', 'Made by the browser test.', 4, 'meeting', 20.00);
		SET @room = LAST_INSERT_ID();
		INSERT INTO timeslots (room_id, start_time, end_time, price, max_bookings, status)
			VALUES (@room, '${day} 10:00:00', '${day} 11:00:00', 20.00, 4, 'scheduled');
		SELECT @room AS id;`);
	return Number(out.trim().split('\n').pop());
}

function dropRoom(sql, id) {
	sql(`DELETE FROM timeslots WHERE room_id = ${id}; DELETE FROM rooms WHERE id = ${id};`);
}

export default {
	'home → room → availability grid': async ({ page, url, sql }) => {
		const name = `Browser Room ${Date.now()}`, at = '10:00';
		const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
		const id = makeRoom(sql, name, tomorrow);
		assert.ok(id > 0, 'the fixture room got no id');
		try {
			await page.goto(url('/'));
			const link = page.getByRole('region', { name: 'Rooms', exact: true })
				.getByRole('link', { name, exact: true });
			assert.equal(await link.count(), 1, `no link "${name}" in the home page's rooms list`);
			await Promise.all([page.waitForURL((u) => u.pathname !== '/'), link.click()]);
			assert.equal(new URL(page.url()).pathname, `/rooms/${id}`);

			await page.fill('form.picker input[name=date]', tomorrow);
			await Promise.all([
				page.waitForURL((u) => u.searchParams.get('date') === tomorrow),
				page.click('form.picker [type=submit]'),
			]);
			assert.ok(await page.locator('#availability').isVisible(), '#availability is not visible');
			const free = await page.locator('#availability tr.slot.free > :first-child').allTextContents();
			assert.ok(free.some((t) => t.trim().startsWith(at)),
				`no free slot starting at ${at} on ${tomorrow}; free slots: ${JSON.stringify(free)}`);
		} finally {
			dropRoom(sql, id);
		}
	},
};
