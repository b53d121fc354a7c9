// languages.test.mjs: the footer's language menu works without scripts, and a German
// customer books in German, with German dates and prices
import assert from 'node:assert/strict';

import { customerOnRoomDay } from './customer.mjs';

export default {
	'switch to German in the footer and book': async ({ page, url, sql }) => {
		const { email, room, day } = await customerOnRoomDay({ page, url, sql }, {
			tag: 'sprache', name: 'Greta', days: 4, capacity: 4, rate: '25.00', hour: '09',
			price: '0.00' });
		assert.equal(await page.locator('html').getAttribute('lang'), 'en');

		// the menu: a plain form, posted with the page's CSRF token
		await page.getByLabel('Language').selectOption('de');
		await Promise.all([
			page.waitForURL((u) => u.pathname === `/rooms/${room}`),
			page.getByRole('button', { name: 'Change' }).click(),
		]);
		assert.equal(await page.locator('html').getAttribute('lang'), 'de');
		assert.ok(await page.getByRole('link', { name: 'Meine Buchungen' }).isVisible());
		assert.match(await page.locator('p.meta').innerText(), /25,00\u00a0€ pro Stunde/);
		const weekday = new Date(`${day}T12:00:00Z`).toLocaleDateString('de-DE',
			{ weekday: 'long', timeZone: 'UTC' });
		assert.ok((await page.locator('#day-h').innerText()).includes(weekday), 'the day in German');
		const row = page.locator('#availability tr.slot.free', { hasText: '09:00' });
		assert.match(await row.locator('.state').innerText(), /Verfügbar \(4 von 4 frei\)/);
		await Promise.all([page.waitForURL(/\/timeslots\/\d+$/),
			row.getByRole('link', { name: /Buchen/ }).click()]);
		await Promise.all([
			page.waitForURL(/\/bookings\/\d+/),
			page.getByRole('button', { name: /^(Den Raum|Einen Platz) buchen$/ }).click(),
		]);
		assert.equal(await page.locator('#status').getAttribute('data-status'), 'confirmed');
		assert.ok((await page.locator('main').innerText()).includes('Ihre Buchung ist erfolgt.'));
		assert.equal(await page.locator('#ticket h2').innerText(), 'Ihr Ticket');
		assert.match(await page.locator('#ticket-code').innerText(), /^[0-9A-HJKMNP-TV-Z]{10}$/);

		// the choice is the account's: a new browser session reads German too
		assert.equal(sql(`SELECT language FROM users WHERE email = '${email}'`).trim().split('\n').pop(),
			'de');
		await page.getByLabel('Sprache').selectOption('en');
		await Promise.all([page.waitForURL(/\/bookings\/\d+/),
			page.getByRole('button', { name: 'Ändern' }).click()]);
		assert.equal(await page.locator('html').getAttribute('lang'), 'en');
		assert.ok((await page.locator('main').innerText()).includes('Your booking is made.'));
	},
};
