/**
 * Strict dates (nodes/shared/values.ts): the whole text must be a date or date-time (anchored pattern)
 * and a real calendar day. Rejected values name the field and the item and send nothing.
 */
const { startWebWorkEmulator, byId, runWebWork, requestsTo } = require('../webwork/helpers');

const WS = 101;
let emulator;
beforeAll(async () => {
	emulator = await startWebWorkEmulator();
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => emulator.clearLog());

test('date field: trailing garbage and impossible days are refused; 29 Feb of a leap year is sent', async () => {
	const input = [{ day: '2024-01-15garbage' }, { day: '2024-02-30' }, { day: '2024-02-29' }, { day: '2023-02-29' }, { day: '2024-13-01' }, { day: ' 2024-02-29 ' }];
	const result = await runWebWork(
		emulator,
		{ resource: 'projects', operation: 'create', workspaceId: byId(WS), name: '={{ "Dated " + $itemIndex }}', additionalFields: { startDate: '={{ $json.day }}' } },
		{ input, continueOnFail: true },
	);
	expect(result.items).toHaveLength(input.length);
	for (const index of [0, 1, 3, 4]) {
		expect(result.items[index].error).toBe(`"Start Date" must be a date (YYYY-MM-DD), got ${JSON.stringify(input[index].day)} (item ${index})`);
		expect(result.items[index].description).toBe('Check the "Start Date" field of the node for this item.');
	}
	expect(result.items[2]).toMatchObject({ name: 'Dated 2', start_date: '2024-02-29' });
	expect(result.items[5]).toMatchObject({ name: 'Dated 5', start_date: '2024-02-29' });
	const sent = requestsTo(emulator, 'POST', '/projects');
	expect(sent.map((r) => r.body.name)).toEqual(['Dated 2', 'Dated 5']);
	expect(sent.every((r) => r.body.start_date === '2024-02-29')).toBe(true);
});

test('date filter on a list: refused before any page is read', async () => {
	const result = await runWebWork(
		emulator,
		{ resource: 'timesheets', operation: 'getAll', workspaceId: byId(WS), filters: { dateFrom: '={{ $json.from }}' } },
		{ input: [{ from: '2024-01-15garbage' }, { from: '2024-02-30' }], continueOnFail: true },
	);
	expect(result.items.map((i) => i.error)).toEqual([
		'"Date From" must be a date (YYYY-MM-DD), got "2024-01-15garbage" (item 0)',
		'"Date From" must be a date (YYYY-MM-DD), got "2024-02-30" (item 1)',
	]);
	expect(requestsTo(emulator, 'GET', '/timesheets')).toHaveLength(0);
});

test('date-time field: the same rules (garbage after the time, impossible days) apply', async () => {
	const contract = emulator.state.contracts.find((c) => c.workspace_id === WS && c.status === 'active');
	const input = [{ start: '2024-02-30T10:00:00Z' }, { start: '2024-01-15T10:00:00Zgarbage' }, { start: '2024-01-15T25:00:00Z' }];
	const result = await runWebWork(
		emulator,
		{
			resource: 'timeRequests',
			operation: 'create',
			workspaceId: byId(WS),
			userId: byId(contract.user_id),
			start: '={{ $json.start }}',
			end: '2024-02-29T12:00:00Z',
			additionalFields: { contractId: byId(contract.id) },
		},
		{ input, continueOnFail: true },
	);
	result.items.forEach((item, index) => {
		expect(item.error).toBe(`"Start" must be a date and time (ISO 8601), got ${JSON.stringify(input[index].start)} (item ${index})`);
	});
	expect(requestsTo(emulator, 'POST', '/time-requests')).toHaveLength(0);
});
