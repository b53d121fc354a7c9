// run.mjs: runs every test of tests/browser/*.test.mjs in headless chromium; exits 1 on any failure
//
// A test file default-exports { 'test name': async ({ page, url, sql }) => { ... } }.
// Each test gets a fresh browser context. BOOKING_URL is the site; BOOKING_MYSQL a shell
// command that runs SQL from stdin. `node run.mjs grid` runs only tests whose name has "grid".
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const base = (process.env.BOOKING_URL || 'https://127.0.0.1:8443').replace(/\/$/, '');
const shots = process.env.BOOKING_VAR || '/tmp';
const only = process.argv[2] || '';

// helpers handed to each test
const url = (path) => base + path;
const sql = (text) => {
	if (!process.env.BOOKING_MYSQL) throw new Error('BOOKING_MYSQL is not set');
	return execFileSync('sh', ['-c', process.env.BOOKING_MYSQL], { input: text, encoding: 'utf8' });
};

const browser = await chromium.launch({
	executablePath: process.env.BOOKING_CHROMIUM || '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
		'--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

let failed = 0, ran = 0;
for (const file of readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort()) {
	const tests = (await import(pathToFileURL(join(here, file)))).default;
	for (const [name, test] of Object.entries(tests)) {
		if (!name.includes(only)) continue;
		ran++;
		// a fresh page each time, past nginx's one-second micro-cache, as a reload asks
		const context = await browser.newContext({ ignoreHTTPSErrors: true,
			extraHTTPHeaders: { 'Cache-Control': 'no-cache' } });
		const page = await context.newPage();
		page.setDefaultTimeout(10000);
		try {
			await test({ page, url, sql });
			console.log(`ok    ${name}`);
		} catch (err) {
			failed++;
			const shot = join(shots, `browser-${name.replace(/[^A-Za-z0-9]+/g, '-')}.png`);
			await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
			console.log(`FAIL  ${name}\n      ${String(err.stack || err).split('\n').join('\n      ')}`);
			console.log(`      page: ${page.url()}  screenshot: ${shot}`);
		} finally {
			await context.close();
		}
	}
}
await browser.close();
console.log(`${ran - failed} of ${ran} browser tests passed`);
process.exit(failed || ran === 0 ? 1 : 0);
