/**
 * Two workers, one token (issue 10): independent processes, each with its own pacer (as n8n queue-mode
 * workers or separate `n8n execute` runs have), on ONE emulator token limited to 10 requests per 5 s.
 * They cannot see each other, only the X-RateLimit-Limit / X-RateLimit-Remaining every answer carries.
 * The credential states the token's limit (10 per 5 s = 120 per minute), as the README tells teams to.
 */
const { startWebWorkEmulator } = require('../emulators/webwork');
const { runSharedToken } = require('../harness/sharedToken');

const LIMIT = 10;
const WINDOW_MS = 5000;

test('two processes of 120 items at once: 0 failed items, at most one 429 per window in total, span within ~1.2x the bound', async () => {
	const emulator = await startWebWorkEmulator({ rateLimit: { limit: LIMIT, windowMs: WINDOW_MS } });
	try {
		const run = await runSharedToken(emulator, { processes: 2, items: 120, limit: LIMIT, windowMs: WINDOW_MS, requestsPerMinute: 120 });
		expect(run.errors).toEqual([]);
		expect(run.failed).toBe(0);
		expect(run.ok).toBe(240);
		expect(run.successes).toBe(240);
		expect(run.worstWindow).toBeLessThanOrEqual(1);
		// ~1.19 measured on a quiet machine: the slot kept free costs 1.11x at 10 a window, the lattice 4%
		// against a bound that assumes a full window at once. Real time on a shared 2-core machine scatters it,
		// so this only catches a pacer that leaves the window idle (the 429 count above catches one that stopped
		// sharing); the tight bound is checked on the virtual clock (test/core/sharedPacing.test.js) and
		// measured by npm run bench.
		expect(run.ratio).toBeLessThanOrEqual(1.35);
	} finally {
		await emulator.close();
	}
}, 240_000);

test("two processes against a fixed window (Laravel's throttle): 0 failed items, at most one 429 per window", async () => {
	const emulator = await startWebWorkEmulator({ rateLimit: { limit: LIMIT, windowMs: WINDOW_MS, window: 'fixed' } });
	try {
		const run = await runSharedToken(emulator, { processes: 2, items: 60, limit: LIMIT, windowMs: WINDOW_MS, requestsPerMinute: 120 });
		expect(run.errors).toEqual([]);
		expect(run.failed).toBe(0);
		expect(run.ok).toBe(120);
		expect(run.successes).toBe(120);
		// Before the pacer knew fixed windows: up to 7 refusals in one window, about one per window in all.
		// Now none in the runs measured (1.21x the bound).
		expect(run.refusals).toBeLessThanOrEqual(2);
		expect(run.worstWindow).toBeLessThanOrEqual(1);
		expect(run.ratio).toBeLessThanOrEqual(1.4);
	} finally {
		await emulator.close();
	}
}, 240_000);
