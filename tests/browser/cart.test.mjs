// cart.test.mjs: browser test of the cart: two sessions added from their pages, one checkout,
// both on the dashboard under the order's heading
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

export default {
	'add two sessions to the cart, check out, see them on the dashboard': async ({ page, url, sql }) => {
		const email = `cart-${Date.now()}@example.com`, password = 'a cart test passphrase';
		const day = new Date(Date.now() + 4 * 86400000).toISOString().slice(0, 10);
		execFileSync(process.env.BOOKING_CTL,
			['user', 'add', '--email', email, '--name', 'Carter'],
			{ env: { ...process.env, BOOKING_PASSWORD: password }, stdio: 'pipe' });
		const slots = sql(`
			INSERT INTO rooms (name, capacity, room_type, hourly_rate)
				VALUES ('Cart Room ${Date.now()}', 5, 'meeting', 10.00);
			SET @room = LAST_INSERT_ID();
			INSERT INTO events (title, kind) VALUES ('Cart Workshop ${Date.now()}', 'workshop');
			SET @event = LAST_INSERT_ID();
			INSERT INTO timeslots (room_id, event_id, start_time, end_time, price, max_bookings)
				VALUES (@room, @event, '${day} 10:00:00', '${day} 11:00:00', 10.00, 5);
			SET @a = LAST_INSERT_ID();
			INSERT INTO timeslots (room_id, event_id, start_time, end_time, price, max_bookings)
				VALUES (@room, @event, '${day} 13:00:00', '${day} 14:00:00', 7.50, 5);
			SELECT @a, LAST_INSERT_ID();`).trim().split('\n').pop().split('\t').map(Number);
		await page.goto(url('/login?next=/me'));
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Password').fill(password);
		await Promise.all([
			page.waitForURL((u) => u.pathname === '/me'),
			page.getByRole('button', { name: 'Log in' }).click(),
		]);
		for (const slot of slots) {
			await page.goto(url(`/timeslots/${slot}`));
			await Promise.all([
				page.waitForURL(/\/cart\?done=added$/),
				page.getByRole('button', { name: 'Add to cart' }).click(),
			]);
		}
		assert.equal(await page.locator('tr[data-item]').count(), 2);
		assert.equal(await page.locator('#cart-total').innerText(), '€17.50');
		await Promise.all([
			page.waitForURL(/\/orders\/\d+\?done=ordered$/),
			page.getByRole('button', { name: 'Check out' }).click(),
		]);
		const order = new URL(page.url()).pathname.split('/').pop();
		assert.equal(await page.locator('#order-total').innerText(), '€17.50');
		assert.equal(await page.locator('tr[data-booking]').count(), 2);

		await page.goto(url('/me'));
		const group = page.locator(`tbody[data-order="${order}"]`);
		assert.ok(await group.locator('.order-heading').innerText()
			.then((t) => t.includes('2 bookings') && t.includes('17.50')), 'one heading with the total');
		assert.equal(await group.locator('tr[data-booking]').count(), 2, 'both bookings under it');
		await page.goto(url('/cart'));
		assert.ok(await page.locator('#cart-empty').isVisible(), 'the cart is empty after the checkout');
	},
};
