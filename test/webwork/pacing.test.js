/**
 * The client-side pacer that keeps every node under the documented limit, exercised directly with a
 * short window (the documented ones are a minute or five): no window ever holds more than the limit.
 */
const { RequestPacer, retryAfterMs, exhaustedUntil } = require('../../dist/nodes/shared/rateLimit');

test('never sends more than the limit within any window', async () => {
	const pacer = new RequestPacer({ requests: 3, windowMs: 300 });
	const sent = [];
	for (let i = 0; i < 9; i++) {
		const ticket = await pacer.acquire();
		sent.push(Date.now());
		// The transport settles every request; a slot frees a window after its answer.
		pacer.answered(ticket, Date.now() + 20, {});
	}
	for (let i = 3; i < sent.length; i++) expect(sent[i] - sent[i - 3]).toBeGreaterThanOrEqual(300 + 20);
});

test('a block learned from the server holds every later request back', async () => {
	const pacer = new RequestPacer({ requests: 100, windowMs: 1000 });
	const until = Date.now() + 250;
	pacer.blockUntil(until);
	await pacer.acquire();
	expect(Date.now()).toBeGreaterThanOrEqual(until - 5);
});

test('reads Retry-After as seconds or HTTP date, and X-RateLimit-Reset as epoch or delta seconds', () => {
	const now = Date.UTC(2026, 10, 24, 10, 0, 0);
	expect(retryAfterMs({ 'retry-after': '3' }, now)).toBe(3000);
	expect(retryAfterMs({ 'Retry-After': new Date(now + 5000).toUTCString() }, now)).toBe(5000);
	expect(exhaustedUntil({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 7) }, now)).toBe(now + 7000);
	expect(exhaustedUntil({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2' }, now)).toBe(now + 2000);
	expect(exhaustedUntil({ 'x-ratelimit-remaining': '4', 'x-ratelimit-reset': '2' }, now)).toBeUndefined();
});

test('reads X-RateLimit-Limit / -Remaining as the token usage only when both are counts', () => {
	const { reportedUsage } = require('../../dist/nodes/shared/rateLimit');
	expect(reportedUsage({ 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '12' })).toEqual({ limit: 60, remaining: 12 });
	expect(reportedUsage({ 'x-ratelimit-limit': ['10'], 'x-ratelimit-remaining': '0' })).toEqual({ limit: 10, remaining: 0 });
	expect(reportedUsage({ 'X-RateLimit-Remaining': '3' })).toBeUndefined();
	expect(reportedUsage({ 'X-RateLimit-Limit': 'many', 'X-RateLimit-Remaining': '3' })).toBeUndefined();
});

test('a refusal without usage headers blocks for its Retry-After, as a pacer learning alone does', () => {
	const pacer = new RequestPacer({ requests: 100, windowMs: 60_000 });
	const ticket = pacer.take(1000);
	expect(pacer.refused(ticket, 1010, 2000, { 'retry-after': '2' })).toBe('limited');
	expect(pacer.delayFor(1010)).toBe(2000);
});

test('with usage headers, another process in the window makes a refusal "contended" (more patience, no failed item)', () => {
	const pacer = new RequestPacer({ requests: 120, windowMs: 60_000 }, () => 0.5);
	const usage = (remaining) => ({ 'X-RateLimit-Limit': '10', 'X-RateLimit-Remaining': String(remaining) });
	const first = pacer.take(0);
	pacer.answered(first, 2, usage(5)); // 5 used, 1 of them ours: others hold 4
	expect(pacer.windowMs).toBe(5000); // 120 per minute is 10 per 5 s
	expect(pacer.shared(2)).toBe(true);
	const second = pacer.take(1000);
	expect(pacer.refused(second, 1002, 4000, usage(0))).toBe('contended');
});
