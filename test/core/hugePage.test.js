/**
 * Pagination appends page records one by one: a single page of 1,000,000 records (an API that ignores
 * per_page) must not overflow the stack (`push(...records)` throws RangeError at that size). The page
 * is served as one prepared JSON body (~14 MB) by an emulator fault.
 */
const { startWebWorkEmulator, byId, runWebWork, requestsTo } = require('../webwork/helpers');

const WS = 101;
const RECORDS = 1_000_000;
let emulator;
let hugePage;

beforeAll(async () => {
	emulator = await startWebWorkEmulator();
	const data = new Array(RECORDS);
	for (let i = 0; i < RECORDS; i++) data[i] = `{"id":${i + 1}}`;
	hugePage = `{"success":true,"data":[${data.join(',')}],"meta":{"pagination":{"current_page":1,"last_page":1,"per_page":${RECORDS},"total":${RECORDS}}}}`;
});
afterAll(async () => {
	await emulator.close();
});

const listProjects = (extra) => ({ resource: 'projects', operation: 'getAll', workspaceId: byId(WS), ...extra });

test('a page of 1,000,000 records with a Limit: no stack overflow, the limit is output', async () => {
	emulator.fault('GET /projects', { status: 200, rawBody: hugePage, contentType: 'application/json' });
	const started = Date.now();
	const result = await runWebWork(emulator, listProjects({ returnAll: false, limit: 25 }));
	const elapsed = Date.now() - started;
	expect(result.status).toBe('success');
	expect(result.items).toHaveLength(25);
	expect(result.items[24]).toEqual({ id: 25 });
	expect(requestsTo(emulator, 'GET', '/projects')).toHaveLength(1);
	expect(elapsed).toBeLessThan(10_000);
});

test('Return All over a page of 1,000,000 records outputs every record, in time', async () => {
	emulator.fault('GET /projects', { status: 200, rawBody: hugePage, contentType: 'application/json' });
	const started = Date.now();
	const result = await runWebWork(emulator, listProjects({ returnAll: true }));
	const elapsed = Date.now() - started;
	expect(result.status).toBe('success');
	expect(result.items).toHaveLength(RECORDS);
	expect(result.items[RECORDS - 1]).toEqual({ id: RECORDS });
	expect(result.pairedItems[RECORDS - 1]).toEqual({ item: 0 });
	expect(elapsed).toBeLessThan(10_000);
});

test('a failing page names the item', async () => {
	emulator.fault('GET /projects', { status: 200, body: { success: true, data: 'not a list' } });
	const result = await runWebWork(emulator, listProjects({ returnAll: true }), { input: [{}, {}], continueOnFail: true });
	expect(result.items[0].error).toMatch(/not a list page \(item 0\)/);
	expect(result.items[1]).toEqual(expect.objectContaining({ id: expect.any(Number) }));
});
