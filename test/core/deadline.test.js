/**
 * Timeout is a deadline per attempt over the whole response (sendWithDeadline): a body that drips in
 * slower than the deadline, or never completes after the headers, is a network failure. GET retries
 * it (a later attempt can succeed), POST does not and says the first attempt may have been processed.
 * Node Options → Timeout is 1 s here; the drip is 1 byte / 200 ms, so no idle timeout ever fires.
 */
const { RETRY_POLICY } = require('../../dist/nodes/shared/transport');
const { startWebWorkEmulator, byId, runWebWork, requestsTo } = require('../webwork/helpers');

const WS = 101;
const DRIP = { intervalMs: 200, chunkBytes: 1 };
let emulator;
beforeEach(async () => {
	emulator = await startWebWorkEmulator();
});
afterEach(async () => {
	await emulator.close();
});

const getWorkspaces = { resource: 'workspaces', operation: 'getAll', returnAll: true, options: { timeout: 1 } };
const createProject = (name) => ({ resource: 'projects', operation: 'create', workspaceId: byId(WS), name, options: { timeout: 1 } });

async function timed(run) {
	const started = Date.now();
	const result = await run();
	return { result, elapsed: Date.now() - started };
}

test('a dripping body fails a POST in about the deadline, once, saying it may have been processed', async () => {
	// ~50 bytes at 1 byte / 200 ms would take ~10 s to arrive
	emulator.fault('POST /projects', { status: 201, rawBody: JSON.stringify({ success: true, data: { id: 1, name: 'drip' } }).padEnd(50), contentType: 'application/json', dripBody: DRIP });
	const { result, elapsed } = await timed(() => runWebWork(emulator, createProject('Dripped')));
	expect(result.status).toBe('error');
	expect(elapsed).toBeLessThan(3000);
	expect(result.error.message).toMatch(/did not answer POST \/projects \(no complete answer within 1 s, ETIMEDOUT\) \(item 0\)/);
	expect(result.error.message).not.toMatch(/answered HTTP/);
	expect(result.error.description).toMatch(/may have been processed/);
	expect(requestsTo(emulator, 'POST', '/projects')).toHaveLength(1);
});

test('a dripping body on GET is retried and the next attempt succeeds', async () => {
	emulator.fault('GET /workspaces', { dripBody: DRIP, times: 1 });
	const { result, elapsed } = await timed(() => runWebWork(emulator, getWorkspaces));
	expect(result.status).toBe('success');
	expect(result.items.length).toBeGreaterThan(0);
	const attempts = requestsTo(emulator, 'GET', '/workspaces');
	expect(attempts).toHaveLength(2);
	expect(attempts[0].delivery).toBe('dripped');
	expect(elapsed).toBeGreaterThanOrEqual(1000); // the first attempt ran into its deadline
	expect(elapsed).toBeLessThan(4000);
});

test('a GET that keeps dripping gives up after 4 attempts as a network failure (well under the drip time)', async () => {
	emulator.fault('GET /workspaces', { dripBody: DRIP, times: Infinity });
	// Backoff shrunk to keep the suite fast: with the real 0.5 + 1 + 2 s this takes ~7.5 s.
	const realBackoff = RETRY_POLICY.backoffBaseMs;
	RETRY_POLICY.backoffBaseMs = 5;
	const { result, elapsed } = await timed(() => runWebWork(emulator, getWorkspaces)).finally(() => {
		RETRY_POLICY.backoffBaseMs = realBackoff;
	});
	expect(result.status).toBe('error');
	expect(result.error.message).toMatch(/did not answer GET \/workspaces \(no complete answer within 1 s, ETIMEDOUT\)/);
	expect(result.error.description).toBe('Gave up after 4 attempts.');
	expect(requestsTo(emulator, 'GET', '/workspaces')).toHaveLength(4);
	// 4 deadlines of 1 s each
	expect(elapsed).toBeGreaterThanOrEqual(4000);
	expect(elapsed).toBeLessThan(6000);
});

test('headers then silence (stallAfterHeaders): POST fails as a network failure, not "answered HTTP 200"', async () => {
	emulator.fault('POST /projects', { stallAfterHeaders: { firstChunk: '{"success": tr' } });
	const { result, elapsed } = await timed(() => runWebWork(emulator, createProject('Stalled'), { continueOnFail: true }));
	expect(elapsed).toBeLessThan(3000);
	const [item] = result.items;
	expect(item.error).toMatch(/did not answer POST \/projects .*ETIMEDOUT.*\(item 0\)/);
	expect(item.error).not.toMatch(/answered HTTP 200/);
	expect(item.httpCode).toBeUndefined();
	expect(item.description).toMatch(/may have been processed/);
	expect(requestsTo(emulator, 'POST', '/projects')).toHaveLength(1);
	expect(requestsTo(emulator, 'POST', '/projects')[0].delivery).toBe('stalled');
});

test('headers then silence on GET: retried, and the retry succeeds', async () => {
	emulator.fault('GET /workspaces', { stallAfterHeaders: true, times: 1 });
	const { result, elapsed } = await timed(() => runWebWork(emulator, getWorkspaces));
	expect(result.status).toBe('success');
	expect(requestsTo(emulator, 'GET', '/workspaces').map((r) => r.delivery)).toEqual(['stalled', undefined]);
	expect(elapsed).toBeLessThan(4000);
});
