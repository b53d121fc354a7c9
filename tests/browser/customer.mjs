// customer.mjs: a customer made with bookingctl, a room with one timeslot some days on, and
// the customer logged in through the real form on that room's day
import { execFileSync } from 'node:child_process';

export async function customerOnRoomDay({ page, url, sql }, { tag, name, days, capacity,
	rate, hour, price }) {
	const email = `${tag}-${Date.now()}@example.com`, password = `a ${tag} test passphrase`;
	const day = new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
	const end = String(Number(hour) + 1).padStart(2, '0');
	execFileSync(process.env.BOOKING_CTL, ['user', 'add', '--email', email, '--name', name],
		{ env: { ...process.env, BOOKING_PASSWORD: password }, stdio: 'pipe' });
	const room = Number(sql(`
		INSERT INTO rooms (name, capacity, room_type, hourly_rate)
			VALUES ('${name} Room ${Date.now()}', ${capacity}, 'meeting', ${rate});
		SET @room = LAST_INSERT_ID();
		INSERT INTO timeslots (room_id, start_time, end_time, price, max_bookings)
			VALUES (@room, '${day} ${hour}:00:00', '${day} ${end}:00:00', ${price}, ${capacity});
		SELECT @room;`).trim().split('\n').pop());
	await page.goto(url(`/login?next=/rooms/${room}?date=${day}`));
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await Promise.all([
		page.waitForURL((u) => u.pathname === `/rooms/${room}`),
		page.getByRole('button', { name: 'Log in' }).click(),
	]);
	return { email, room, day };
}
