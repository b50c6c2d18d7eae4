/**
 * The client-side pacer that keeps every node under the documented limit, exercised directly with a
 * short window (the documented ones are a minute or five): no window ever holds more than the limit.
 */
const { RequestPacer, retryAfterMs, exhaustedUntil } = require('../../dist/nodes/shared/rateLimit');

test('never sends more than the limit within any window', async () => {
	const pacer = new RequestPacer({ requests: 3, windowMs: 300 });
	const sent = [];
	for (let i = 0; i < 9; i++) {
		await pacer.acquire();
		sent.push(Date.now());
	}
	for (let i = 3; i < sent.length; i++) expect(sent[i] - sent[i - 3]).toBeGreaterThanOrEqual(300 - 5);
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
