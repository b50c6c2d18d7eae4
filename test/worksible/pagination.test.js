/**
 * Get Many over both paging styles the node recognises from the answer (cursor: has_more + next_cursor;
 * page: meta.page + meta.total_pages), with Return All and Limit, and lists that are not list pages.
 */
const { startEmulator, runWorksible, requestsTo } = require('./helpers');

let emulator;
beforeEach(async () => {
	emulator = await startEmulator();
	emulator.seedBulk('invoices', 247); // 250 invoices with the 3 seeded ones
	emulator.clearLog();
});
afterEach(async () => {
	await emulator.close();
});

const getMany = (extra) => runWorksible(emulator, { resource: 'invoices', operation: 'getAll', ...extra });
/** The emulator lists newest first. */
const newestFirst = () => [...emulator.list('invoices')].reverse().map((i) => i.id);

for (const style of ['cursor', 'page']) {
	describe(`${style} style`, () => {
		beforeEach(() => emulator.setPagination(style));

		test('Return All walks every page: ceil(N / 100) requests, each record once, in order', async () => {
			const result = await getMany({ returnAll: true });
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.id)).toEqual(newestFirst());
			const queries = requestsTo(emulator, 'GET', '/invoices').map((r) => r.query);
			expect(queries).toHaveLength(3);
			// Both page-size names are sent (the real one is unknown); the style's own position parameter follows.
			expect(queries.every((q) => q.limit === '100' && q.per_page === '100')).toBe(true);
			if (style === 'cursor') {
				expect(queries[0].cursor).toBeUndefined();
				expect(queries[1].cursor).toEqual(expect.any(String));
				expect(queries.some((q) => q.page !== undefined)).toBe(false);
			} else {
				expect(queries.map((q) => q.page)).toEqual([undefined, '2', '3']);
				expect(queries.some((q) => q.cursor !== undefined)).toBe(false);
			}
		});

		test('Limit above one page reads only the pages it needs', async () => {
			const result = await getMany({ returnAll: false, limit: 120 });
			expect(result.items.map((i) => i.id)).toEqual(newestFirst().slice(0, 120));
			expect(requestsTo(emulator, 'GET', '/invoices')).toHaveLength(2);
		});

		test('Limit below one page asks for just that many', async () => {
			const result = await getMany({ returnAll: false, limit: 7 });
			expect(result.items.map((i) => i.id)).toEqual(newestFirst().slice(0, 7));
			const requests = requestsTo(emulator, 'GET', '/invoices');
			expect(requests).toHaveLength(1);
			expect(requests[0].query).toMatchObject({ limit: '7', per_page: '7' });
		});

		test('a list that ends exactly on a page boundary costs no extra request', async () => {
			while (emulator.list('invoices').length > 200) emulator.remove('invoices', emulator.list('invoices').at(-1).id);
			const result = await getMany({ returnAll: true });
			expect(result.items).toHaveLength(200);
			expect(requestsTo(emulator, 'GET', '/invoices')).toHaveLength(2);
		});

		test('an empty list is no items, not an error', async () => {
			const result = await runWorksible(emulator, { resource: 'payouts', operation: 'getAll', returnAll: true, filters: { additionalQuery: '{"status": "none"}' } });
			expect(result.error).toBeUndefined();
			expect(result.items).toEqual([]);
		});
	});
}

test('styles may differ per route: each list is read in the style its answer shows', async () => {
	emulator.setPagination('page', 'GET /invoices');
	emulator.seedBulk('payouts', 150);
	const invoices = await getMany({ returnAll: true });
	const payouts = await runWorksible(emulator, { resource: 'payouts', operation: 'getAll', returnAll: true });
	expect(invoices.items).toHaveLength(250);
	expect(payouts.items).toHaveLength(152);
	expect(requestsTo(emulator, 'GET', '/invoices').map((r) => r.query.page)).toEqual([undefined, '2', '3']);
	expect(requestsTo(emulator, 'GET', '/payouts').map((r) => r.query.cursor === undefined)).toEqual([true, false]);
});

test('a 2xx list answer without a data array fails the item instead of returning nothing', async () => {
	emulator.fault('GET /invoices', { status: 200, rawBody: '{"items": []}', contentType: 'application/json' });
	const result = await getMany({ returnAll: true });
	expect(result.status).not.toBe('success');
	expect(result.items).toEqual([]);
	expect(result.error.message).toMatch(/not a list page \(item 0\)/);
});

describe('paging that does not work as assumed fails the list instead of cutting it short', () => {
	// Worksible's paging parameters are our assumption (spec §4): when the API pages another way, the rest
	// of the list must not be dropped without a word.
	const firstPage = async (query) =>
		fetch(`${emulator.baseUrl}/invoices?${query}`, { headers: { authorization: `Bearer ${emulator.apiKey}` } }).then((r) => r.json());

	test('has_more: true without a next_cursor (a list paged another way)', async () => {
		emulator.setPagination('cursor');
		const page = await firstPage('limit=100');
		delete page.next_cursor;
		emulator.fault({ match: 'GET /invoices', status: 200, body: page });
		const result = await getMany({ returnAll: true });
		expect(result.items).toEqual([]);
		expect(result.error.message).toMatch(/GET \/invoices: the page says has_more: true but gives no next_cursor \(item 0\)/);
		expect(result.error.description).toMatch(/Custom API Request/);
	});

	test('an API that ignores the cursor (the same page again)', async () => {
		emulator.setPagination('cursor');
		const page = await firstPage('limit=100');
		emulator.fault({ match: (entry) => entry.method === 'GET' && entry.path === '/invoices' && entry.query.cursor !== undefined, status: 200, body: page, times: Infinity });
		emulator.clearLog();
		const result = await getMany({ returnAll: true });
		expect(result.items).toEqual([]);
		expect(result.error.message).toMatch(/page 2 with the records of page 1: the API did not turn the page \(item 0\)/);
		expect(requestsTo(emulator, 'GET', '/invoices')).toHaveLength(2);
	});

	test('an API that ignores the page number (answers page 1 again)', async () => {
		emulator.setPagination('page');
		const page = await firstPage('per_page=100');
		emulator.fault({ match: (entry) => entry.method === 'GET' && entry.path === '/invoices' && entry.query.page !== undefined, status: 200, body: page, times: Infinity });
		const result = await getMany({ returnAll: true });
		expect(result.items).toEqual([]);
		expect(result.error.message).toMatch(/page 2 with the records of page 1: the API did not turn the page \(item 0\)/);
	});

	test('a Limit within the first page needs no next page: no error', async () => {
		emulator.setPagination('cursor');
		const page = await firstPage('limit=100');
		delete page.next_cursor;
		emulator.fault({ match: 'GET /invoices', status: 200, body: page, times: Infinity });
		const result = await getMany({ returnAll: false, limit: 100 });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(100);
	});
});
