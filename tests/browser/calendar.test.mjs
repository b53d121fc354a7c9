// calendar.test.mjs: a room's week view: the arrow keys move between sessions, and on a
// phone the grid is a list of days
import assert from 'node:assert/strict';

// A room with sessions on the Monday and Wednesday of a week a fortnight ahead; returns
// { id, monday }
function makeWeek(sql) {
	const d = new Date(Date.now() + 14 * 86400000);
	d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
	const monday = d.toISOString().slice(0, 10);
	const wednesday = new Date(d.getTime() + 2 * 86400000).toISOString().slice(0, 10);
	const out = sql(`
		INSERT INTO rooms (name, description, capacity, room_type, hourly_rate)
			VALUES ('Week Room ${Date.now()}', 'Made by the browser test.', 4, 'meeting', 20.00);
		SET @room = LAST_INSERT_ID();
		INSERT INTO timeslots (room_id, start_time, end_time, price, max_bookings, status) VALUES
			(@room, '${monday} 09:00:00', '${monday} 10:00:00', 20.00, 4, 'scheduled'),
			(@room, '${monday} 11:00:00', '${monday} 12:00:00', 20.00, 4, 'scheduled'),
			(@room, '${wednesday} 09:00:00', '${wednesday} 10:00:00', 20.00, 4, 'scheduled');
		SELECT @room AS id;`);
	return { id: Number(out.trim().split('\n').pop()), monday, wednesday };
}

function dropRoom(sql, id) {
	sql(`DELETE FROM timeslots WHERE room_id = ${id}; DELETE FROM rooms WHERE id = ${id};`);
}

// The date of the cell holding the focused link, and the link's text.
const focused = (page) => page.evaluate(() => {
	const a = document.activeElement;
	return [a.closest('td') && a.closest('td').dataset.date, a.textContent.trim().slice(0, 11)];
});

export default {
	'room week: arrow keys move between sessions': async ({ page, url, sql }) => {
		const { id, monday, wednesday } = makeWeek(sql);
		try {
			await page.goto(url(`/rooms/${id}/week?date=${monday}`));
			await page.locator('#week td a').first().focus();
			assert.deepEqual(await focused(page), [monday, '09:00–10:00']);
			await page.keyboard.press('ArrowRight');		// the next session of the day
			assert.deepEqual(await focused(page), [monday, '11:00–12:00']);
			await page.keyboard.press('ArrowRight');		// over the empty Tuesday
			assert.deepEqual(await focused(page), [wednesday, '09:00–10:00']);
			await page.keyboard.press('ArrowLeft');
			assert.deepEqual(await focused(page), [monday, '11:00–12:00']);
		} finally {
			dropRoom(sql, id);
		}
	},

	'room week: a list of days on a phone': async ({ page, url, sql }) => {
		const { id, monday } = makeWeek(sql);
		try {
			await page.setViewportSize({ width: 390, height: 800 });
			await page.goto(url(`/rooms/${id}/week?date=${monday}`));
			const cell = page.locator(`#week td[data-date="${monday}"]`);
			assert.equal(await cell.evaluate((td) => getComputedStyle(td).display), 'block');
			const box = await cell.boundingBox();
			assert.ok(box.width > 300, `a day is ${box.width}px wide on a 390px screen`);
			const label = await cell.evaluate((td) => getComputedStyle(td, '::before').content);
			assert.ok(label.includes('Mon'), `the day says ${label}`);
		} finally {
			dropRoom(sql, id);
		}
	},
};
