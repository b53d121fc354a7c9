// layout.test.mjs: every public and account page and the main admin pages at a phone's
// 390 px and a laptop's 1280 px: nothing scrolls sideways (a wide table scrolls in its own
// box), axe-core finds no serious or critical accessibility problem, and a screenshot of
// each is kept in $BOOKING_VAR/screenshots
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const shots = join(process.env.BOOKING_VAR || '/tmp', 'screenshots');
const widths = [390, 1280];

const one = (sql, text) => sql(text).trim().split('\n').pop();
const utc = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

// world makes a room with whole-room slots, an event session, and a customer with a held,
// a confirmed and a cancelled booking; returns ids and the sessions' cookies
function world(sql) {
	const tag = Date.now();
	const day = new Date(Date.now() + 2 * 86400000).toISOString().slice(0, 10);
	const at = (h) => `${day} ${String(h).padStart(2, '0')}:00:00`;
	const room = Number(one(sql, `
		INSERT INTO rooms (name, description, capacity, room_type, hourly_rate)
			VALUES ('Layout Room ${tag}', 'A room with a rather long description that wraps on a phone, as real ones do.', 8, 'meeting', 40.00);
		SELECT LAST_INSERT_ID();`));
	const event = Number(one(sql, `
		INSERT INTO events (title, description, kind) VALUES ('Layout Workshop ${tag}', 'Hands on.', 'workshop');
		SELECT LAST_INSERT_ID();`));
	const slots = [9, 10, 11, 12].map((h) => Number(one(sql, `
		INSERT INTO timeslots (room_id, start_time, end_time, price, max_bookings, status)
			VALUES (${room}, '${at(h)}', '${at(h + 1)}', 40.00, 1, 'scheduled');
		SELECT LAST_INSERT_ID();`)));
	const session = Number(one(sql, `
		INSERT INTO timeslots (room_id, event_id, start_time, end_time, price, max_bookings, status)
			VALUES (${room}, ${event}, '${at(15)}', '${at(17)}', 0.00, 8, 'scheduled');
		SELECT LAST_INSERT_ID();`));
	const user = (role) => {
		const id = Number(one(sql, `
			INSERT INTO users (email, name, password_hash, role)
				VALUES ('layout-${role}-${tag}@example.com', 'Layout ${role}', '$argon2id$fixture', '${role}');
			SELECT LAST_INSERT_ID();`));
		const token = randomBytes(32).toString('hex');
		sql(`INSERT INTO sessions (token_hash, user_id, csrf, expires_at) VALUES
			(UNHEX('${createHash('sha256').update(token).digest('hex')}'), ${id},
			 '${randomBytes(32).toString('hex')}', UTC_TIMESTAMP() + INTERVAL 1 HOUR)`);
		return { id, token };
	};
	const customer = user('customer'), admin = user('admin');
	const book = (slot, status, hold) => Number(one(sql, `
		INSERT INTO bookings (user_id, timeslot_id, room_id, start_time, end_time, status,
			payment_status, price, hold_expires_at, cancelled_at)
		SELECT ${customer.id}, id, room_id, start_time, end_time, '${status}', 'pending', price,
			${hold ? `'${utc(Date.now() + hold * 60000)}'` : 'NULL'},
			${status === 'cancelled' ? 'UTC_TIMESTAMP()' : 'NULL'} FROM timeslots WHERE id = ${slot};
		SELECT LAST_INSERT_ID();`));
	const held = book(slots[0], 'pending', 15), confirmed = book(slots[1], 'confirmed', 0);
	// its ticket, so the booking's page draws the QR code (digits are Crockford base32)
	sql(`UPDATE bookings SET ticket_code = '${String(tag).slice(-10)}' WHERE id = ${confirmed}`);
	book(slots[2], 'cancelled', 0);
	sql(`INSERT INTO notifications (user_id, message, link) VALUES (${customer.id},
		'Booked: Layout Room ${tag}. Pay within 15 minutes to keep the seat.', '/bookings/${held}')`);
	return { tag, day, room, event, slots, session, customer, admin, held, confirmed };
}

function drop(sql, w) {
	sql(`DELETE FROM notifications WHERE user_id = ${w.customer.id};
		DELETE FROM booking_events WHERE booking_id IN (SELECT id FROM bookings WHERE room_id = ${w.room});
		DELETE FROM bookings WHERE room_id = ${w.room};
		DELETE FROM sessions WHERE user_id IN (${w.customer.id}, ${w.admin.id});
		DELETE FROM users WHERE id IN (${w.customer.id}, ${w.admin.id});
		DELETE FROM timeslots WHERE room_id = ${w.room};
		DELETE FROM events WHERE id = ${w.event};
		DELETE FROM rooms WHERE id = ${w.room};`);
}

// check visits each path at each width and collects every problem before failing
async function check(page, url, name, paths) {
	mkdirSync(shots, { recursive: true });
	const problems = [];
	for (const width of widths) {
		await page.setViewportSize({ width, height: 800 });
		for (const path of paths) {
			const r = await page.goto(url(path));
			if (!r || r.status() >= 400) {
				problems.push(`${path} @${width}: status ${r && r.status()}`);
				continue;
			}
			const m = await page.evaluate(() => ({
				doc: document.documentElement.scrollWidth, body: document.body.scrollWidth,
				view: window.innerWidth,
			}));
			if (Math.max(m.doc, m.body) > m.view)
				problems.push(`${path} @${width}: scrolls sideways (${Math.max(m.doc, m.body)} px > ${m.view} px)`);
			const file = `${name}-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'home'}-${width}.png`;
			await page.screenshot({ path: join(shots, file), fullPage: true });
			// through the DevTools protocol: the site's CSP allows no inline script
			await page.evaluate(axeSource);
			const found = await page.evaluate(async () => {
				// eslint-disable-next-line no-undef
				const res = await axe.run(document, { resultTypes: ['violations'] });
				return res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
					.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
			});
			for (const v of found)
				problems.push(`${path} @${width}: axe ${v}`);
		}
	}
	assert.deepEqual(problems, [], `layout or accessibility problems:\n  ${problems.join('\n  ')}`);
}

async function signIn(page, url, who) {
	await page.context().addCookies([{ name: '__Host-session', value: who.token, url: url('/'),
		secure: true, httpOnly: true, sameSite: 'Lax' }]);
}

export default {
	'public pages fit a phone and a laptop, with no serious accessibility problem': async ({ page, url, sql }) => {
		const w = world(sql);
		try {
			await check(page, url, 'public', ['/', '/rooms', `/rooms/${w.room}?date=${w.day}`, '/events',
				`/events/${w.event}`, `/timeslots/${w.slots[3]}`, `/timeslots/${w.session}`,
				`/rooms/${w.room}/week?date=${w.day}`, `/rooms/${w.room}/month?date=${w.day}`,
				'/login', '/register']);
		} finally {
			drop(sql, w);
		}
	},

	'account pages fit a phone and a laptop, with no serious accessibility problem': async ({ page, url, sql }) => {
		const w = world(sql);
		try {
			await signIn(page, url, w.customer);
			await check(page, url, 'account', ['/me', '/me?tab=cancelled', `/bookings/${w.held}`,
				`/bookings/${w.confirmed}`, `/bookings/${w.confirmed}/cancel`,
				`/bookings/${w.confirmed}/reschedule?date=${w.day}`, `/timeslots/${w.slots[3]}`,
				`/timeslots/${w.slots[0]}`, `/timeslots/${w.slots[3]}/repeat?every=week&count=4`,
				'/notifications', '/account', '/account/two-factor']);
		} finally {
			drop(sql, w);
		}
	},

	'admin pages fit a phone and a laptop, with no serious accessibility problem': async ({ page, url, sql }) => {
		const w = world(sql);
		try {
			await signIn(page, url, w.admin);
			await check(page, url, 'admin', ['/admin', '/admin/rooms', `/admin/rooms/${w.room}`,
				`/admin/rooms/${w.room}/generate`, '/admin/timeslots/new', `/admin/timeslots/${w.slots[0]}`,
				'/admin/events', `/admin/events/${w.event}`, '/admin/bookings', `/admin/bookings/${w.held}`,
				`/admin/calendar?date=${w.day}`,
				'/admin/audit', '/admin/audit?log=security', '/admin/users', '/admin/mail', '/admin/quotas', '/admin/checkin']);
		} finally {
			drop(sql, w);
		}
	},

	'a phone shows a dashboard row with the actions its booking allows': async ({ page, url, sql }) => {
		const w = world(sql);
		try {
			await signIn(page, url, w.customer);
			await page.setViewportSize({ width: 390, height: 800 });
			await page.goto(url('/me'));
			const held = page.locator(`tr[data-booking="${w.held}"]`);
			const confirmed = page.locator(`tr[data-booking="${w.confirmed}"]`);
			assert.ok(await held.getByRole('link', { name: `Pay booking ${w.held}` }).isVisible());
			assert.ok(await held.getByRole('link', { name: `Cancel booking ${w.held}` }).isVisible());
			assert.equal(await held.getByRole('link', { name: `Move booking ${w.held}` }).count(), 0,
				'an unpaid hold cannot move');
			assert.ok(await confirmed.getByRole('link', { name: `Move booking ${w.confirmed}` }).isVisible());
			assert.equal(await confirmed.getByRole('link', { name: `Pay booking ${w.confirmed}` }).count(), 0);
			assert.match(await held.innerText(), /Awaiting payment/);
			assert.match(await held.innerText(), /€40\.00/);
			const box = await held.boundingBox();
			assert.ok(box && box.width <= 390, `the row is ${box && box.width} px wide`);
		} finally {
			drop(sql, w);
		}
	},
};
