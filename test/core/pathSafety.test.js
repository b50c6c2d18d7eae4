/**
 * Path safety (nodes/shared/values.ts): a path value is exactly one segment; `.`, `..` and blanks are
 * field errors naming field and item; integer IDs are digits only after trimming (no blanks, hex,
 * exponents) and are kept as text, so a 20-digit ID is sent with all its digits. Nothing that fails
 * validation reaches the API.
 */
const { startWebWorkEmulator, byId, runWebWork } = require('../webwork/helpers');
const { startWeWorkedEmulator, runWeWorked } = require('../weworked/helpers');

const WS = 101;
const BAD_IDS = ['.', '..', ' ', '0x1F', '1e3'];
const input = BAD_IDS.map((id) => ({ id }));

let webWork;
let weWorked;
beforeAll(async () => {
	[webWork, weWorked] = await Promise.all([startWebWorkEmulator(), startWeWorkedEmulator()]);
});
afterAll(async () => {
	await Promise.all([webWork.close(), weWorked.close()]);
});
beforeEach(() => {
	webWork.clearLog();
	weWorked.clearLog();
});

/** Every item failed with a field error naming `label` and its own item index. */
function expectFieldErrors(result, label) {
	expect(result.status).toBe('success'); // Continue On Fail
	expect(result.items).toHaveLength(BAD_IDS.length);
	expect(result.pairedItems).toEqual(BAD_IDS.map((_, item) => ({ item })));
	result.items.forEach((item, index) => {
		expect(item.error).toContain(`"${label}"`);
		expect(item.error).toMatch(new RegExp(`\\(item ${index}\\)$`));
		expect(item.description).toBe(`Check the "${label}" field of the node for this item.`);
		expect(item.httpCode).toBeUndefined(); // never sent
	});
}

test('WebWork resource-locator ID (Project): bad values are refused before sending', async () => {
	const result = await runWebWork(
		webWork,
		{ resource: 'projects', operation: 'get', workspaceId: byId(WS), projectId: byId('={{ $json.id }}') },
		{ input, continueOnFail: true },
	);
	expectFieldErrors(result, 'Project');
	expect(webWork.requests).toHaveLength(0);
});

test('WebWork plain integer path ID (Viewer ID): bad values are refused before sending', async () => {
	const result = await runWebWork(
		webWork,
		{ resource: 'projectViewers', operation: 'get', workspaceId: byId(WS), viewerId: '={{ $json.id }}' },
		{ input, continueOnFail: true },
	);
	expectFieldErrors(result, 'Viewer ID');
	expect(result.items[3].error).toMatch(/must be an ID made of digits, got "0x1F"/);
	expect(result.items[4].error).toMatch(/must be an ID made of digits, got "1e3"/);
	expect(webWork.requests).toHaveLength(0);
});

test('WebWork text path ID (Webhook ID): ".", ".." and blanks are refused; other text is one encoded segment', async () => {
	const result = await runWebWork(
		webWork,
		{ resource: 'webhooks', operation: 'get', workspaceId: byId(WS), webhookId: '={{ $json.id }}' },
		{ input: [{ id: '.' }, { id: '..' }, { id: '   ' }, { id: '../workspaces' }, { id: ' %2e%2e ' }], continueOnFail: true },
	);
	expect(result.items[0].error).toBe('"Webhook ID" cannot be ".": it would address another endpoint (item 0)');
	expect(result.items[1].error).toBe('"Webhook ID" cannot be "..": it would address another endpoint (item 1)');
	expect(result.items[2].error).toBe('"Webhook ID" is required (item 2)');
	// These went out, but as one segment each (the API answers 404 for an unknown webhook).
	const sent = webWork.requests.map((r) => r.url.split('?')[0]);
	expect(sent).toEqual([`${webWork.basePath}/webhooks/..%2Fworkspaces`, `${webWork.basePath}/webhooks/%252e%252e`]);
	expect(webWork.requests.every((r) => r.path.startsWith('/webhooks/'))).toBe(true);
});

test('WeWorked resource-locator ID (Project): bad values are refused before sending', async () => {
	const result = await runWeWorked(
		weWorked,
		{ resource: 'projects', operation: 'get', id: byId('={{ $json.id }}') },
		{ input, continueOnFail: true },
	);
	expectFieldErrors(result, 'Project');
	expect(weWorked.requests).toHaveLength(0);
});

test('a 20-digit ID keeps all its digits: in the path, and in a JSON body (as text, not a rounded number)', async () => {
	const huge = '12345678901234567890';
	const fromPath = await runWebWork(
		webWork,
		{ resource: 'projects', operation: 'get', workspaceId: byId(WS), projectId: byId(` ${huge} `) },
		{ continueOnFail: true },
	);
	expect(fromPath.items[0].httpCode).toBe('404'); // sent, and the API did not know it
	expect(webWork.requests[0].path).toBe(`/projects/${huge}`);

	webWork.clearLog();
	await runWebWork(
		webWork,
		{ resource: 'projects', operation: 'create', workspaceId: byId(huge), name: 'Huge', options: { workspaceIdLocation: 'body' } },
		{ continueOnFail: true },
	);
	const [post] = webWork.requests;
	expect(post.rawBody).toContain(`"workspace_id":"${huge}"`);

	weWorked.clearLog();
	await runWeWorked(weWorked, { resource: 'projects', operation: 'get', id: byId(huge) }, { continueOnFail: true });
	expect(weWorked.requests[0].path).toBe(`/v1/projects/${huge}`);
});

test('a safe integer ID in a JSON body is sent as a number (the type the API documents)', async () => {
	await runWebWork(webWork, {
		resource: 'projects',
		operation: 'create',
		workspaceId: byId(' 101 '),
		name: 'Numeric',
		options: { workspaceIdLocation: 'body' },
	});
	expect(webWork.requests[0].rawBody).toContain('"workspace_id":101');
});
