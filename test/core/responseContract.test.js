/**
 * Response contract (nodes/shared/transport.ts) through real workflows: a 2xx body that is not the
 * provider's documented shape (WebWork: the {success: true, data…} envelope; WeWorked: a JSON object or
 * array) fails the item with a message naming status, content type, the markup-stripped text and the
 * item. Safe-to-repeat requests (GET) are retried like a 5xx, POST never. HTML error pages on 4xx/5xx
 * become one readable line. In poll triggers the poll throws and no cursor moves.
 *
 * The matrix tests shrink the retry backoff (RETRY_POLICY is the one the built nodes use) so each GET's
 * four attempts take milliseconds, not 3.5 s; one test keeps the real policy and checks its timing.
 */
const { RETRY_POLICY } = require('../../dist/nodes/shared/transport');
const { startWebWorkEmulator, byId, runWebWork, requestsTo, tokenCredentials } = require('../webwork/helpers');
const { startWeWorkedEmulator, runWeWorked, weWorkedCredentials } = require('../weworked/helpers');
const { createTriggerWorkflow, runPoll } = require('../harness/triggers');

const WS = 101;
const PROJECT = 201;

const MAINTENANCE_PAGE =
	'<!DOCTYPE html><html><head><title>Down</title><style>body{color:red}</style></head>' +
	'<body><h1>Scheduled maintenance</h1><p>We&amp;ll be back soon.</p></body></html>';

/** The broken 2xx bodies: what arrives, its content type, and what the error must quote of it. */
const BROKEN_BODIES = [
	{ label: 'an HTML page', rawBody: MAINTENANCE_PAGE, contentType: 'text/html; charset=utf-8', quoted: /Down Scheduled maintenance We&ll be back soon\./, type: /text\/html/ },
	{ label: 'an empty body', rawBody: '', contentType: 'application/json', quoted: /the body is empty/, type: /application\/json/ },
	{ label: 'plain text', rawBody: 'OK', contentType: 'text/plain', quoted: /"OK"/, type: /text\/plain/ },
];

const WEBWORK_OPERATIONS = [
	{ label: 'create (POST)', method: 'POST', match: 'POST /projects', path: '/projects', parameters: { resource: 'projects', operation: 'create', workspaceId: byId(WS), name: 'Contract test' } },
	{ label: 'get (GET)', method: 'GET', match: 'GET /projects/{id}', path: `/projects/${PROJECT}`, parameters: { resource: 'projects', operation: 'get', workspaceId: byId(WS), projectId: byId(PROJECT) } },
	{ label: 'Get Many (GET)', method: 'GET', match: 'GET /projects', path: '/projects', parameters: { resource: 'projects', operation: 'getAll', workspaceId: byId(WS), returnAll: true } },
];

/** The item's error text, whether the run failed or Continue On Fail gave an error item. */
function expectContractError(message, { status = 200, body }) {
	expect(message).toContain(`HTTP ${status}`);
	if (body.type) expect(message).toMatch(body.type);
	expect(message).toMatch(body.quoted);
	expect(message).not.toMatch(/<[a-z!/]/i); // no markup
	expect(message).toMatch(/\(item 0\)/);
}

describe('fast backoff', () => {
	const realBackoff = RETRY_POLICY.backoffBaseMs;
	beforeAll(() => {
		RETRY_POLICY.backoffBaseMs = 5;
	});
	afterAll(() => {
		RETRY_POLICY.backoffBaseMs = realBackoff;
	});

	describe('WebWork', () => {
		let emulator;
		beforeEach(async () => {
			emulator = await startWebWorkEmulator();
		});
		afterEach(async () => {
			await emulator.close();
		});

		for (const body of BROKEN_BODIES) {
			for (const op of WEBWORK_OPERATIONS) {
				test(`${op.label} answered 200 with ${body.label} fails the item (${op.method === 'GET' ? 'after 4 attempts' : 'not retried'})`, async () => {
					emulator.fault(op.match, { status: 200, rawBody: body.rawBody, contentType: body.contentType, times: Infinity });
					const result = await runWebWork(emulator, op.parameters);
					expect(result.status).toBe('error');
					expect(result.items).toEqual([]); // neither {success: true} nor an empty list
					expectContractError(result.error.message, { body });
					const attempts = requestsTo(emulator, op.method, op.path);
					expect(attempts).toHaveLength(op.method === 'GET' ? 4 : 1);
					if (op.method === 'POST') {
						expect(result.error.description).toMatch(/Not retried/);
						// the emulator never created it (the fault answered instead), and no second POST was sent
						expect(emulator.state.projects.some((p) => p.name === 'Contract test')).toBe(false);
					} else {
						expect(result.error.description).toMatch(/after 4 attempts/);
					}
				});
			}
		}

		test('a JSON 2xx that is not the envelope (or says success: false) fails too', async () => {
			emulator.fault('GET /projects/{id}', { status: 200, rawBody: '{"id": 201}', contentType: 'application/json', times: 4 });
			emulator.fault('GET /projects/{id}', { status: 200, body: { success: false, message: 'nope' }, times: 4 });
			const input = [{}, {}];
			const result = await runWebWork(emulator, WEBWORK_OPERATIONS[1].parameters, { input, continueOnFail: true });
			expect(result.items[0].error).toMatch(/not the \{success, data\} envelope \(application\/json\): "\{"id": 201\}".*\(item 0\)/);
			expect(result.items[1].error).toMatch(/success: false \("nope"\).*\(item 1\)/);
		});

		test('a GET whose broken answer clears up is retried and succeeds', async () => {
			emulator.fault('GET /projects/{id}', { status: 200, rawBody: MAINTENANCE_PAGE, contentType: 'text/html', times: 2 });
			const result = await runWebWork(emulator, WEBWORK_OPERATIONS[1].parameters);
			expect(result.status).toBe('success');
			expect(result.items).toEqual([expect.objectContaining({ id: PROJECT })]);
			expect(requestsTo(emulator, 'GET', `/projects/${PROJECT}`).map((r) => r.status)).toEqual([200, 200, 200]);
		});

		test('Continue On Fail: one error item per input, each paired with its input', async () => {
			// Items 0 and 2 get the maintenance page on every attempt; item 1 gets a real answer.
			emulator.fault({ match: (r) => r.method === 'POST' && r.path === '/projects' && r.body?.name !== 'Good', status: 200, rawBody: MAINTENANCE_PAGE, contentType: 'text/html', times: Infinity });
			const input = [{ name: 'Bad 1' }, { name: 'Good' }, { name: 'Bad 2' }];
			const result = await runWebWork(
				emulator,
				{ resource: 'projects', operation: 'create', workspaceId: byId(WS), name: '={{ $json.name }}' },
				{ input, continueOnFail: true },
			);
			expect(result.status).toBe('success');
			expect(result.items).toHaveLength(3);
			expect(result.pairedItems).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(result.items[0].error).toMatch(/HTTP 200.*text\/html.*Scheduled maintenance.*\(item 0\)/);
			expect(result.items[0].httpCode).toBe('200');
			expect(result.items[1]).toEqual(expect.objectContaining({ name: 'Good', id: expect.any(Number) }));
			expect(result.items[2].error).toMatch(/\(item 2\)/);
			expect(requestsTo(emulator, 'POST', '/projects')).toHaveLength(3); // POSTs: one attempt each
		});

		test('an HTML 502 page becomes one readable line without tags', async () => {
			const page = `<html><head><title>502 Bad Gateway</title><script>var x = "<b>";</script></head><body>
				<center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.25.3</center>
				<p>${'Lorem ipsum dolor sit amet. '.repeat(40)}</p></body></html>`;
			emulator.fault('POST /projects', { status: 502, rawBody: page, contentType: 'text/html', times: Infinity });
			const result = await runWebWork(emulator, WEBWORK_OPERATIONS[0].parameters);
			expect(result.status).toBe('error');
			const { message } = result.error;
			expect(message).toMatch(/^502 Bad Gateway 502 Bad Gateway nginx\/1\.25\.3 Lorem/);
			expect(message).not.toMatch(/[<>\n]/);
			expect(message).not.toMatch(/var x/);
			expect(message.length).toBeLessThanOrEqual(300);
			expect(message).toMatch(/\(item 0\)$/);
			expect(result.error.httpCode).toBe('502');
		});
	});

	describe('WeWorked', () => {
		let emulator;
		beforeEach(async () => {
			emulator = await startWeWorkedEmulator();
		});
		afterEach(async () => {
			await emulator.close();
		});

		for (const body of [
			...BROKEN_BODIES,
			{ label: 'a bare JSON string', rawBody: '"maintenance"', contentType: 'application/json', quoted: /not a JSON object or array \(application\/json\): ""maintenance""/, type: /application\/json/ },
		]) {
			test(`get answered 200 with ${body.label} fails after 4 attempts`, async () => {
				const project = emulator.state.projects.find((p) => p.isSystemProject !== '1');
				emulator.fault('GET /v1/projects/{id}', { status: 200, rawBody: body.rawBody, contentType: body.contentType, times: Infinity });
				const result = await runWeWorked(emulator, { resource: 'projects', operation: 'get', id: byId(project.projectId) });
				expect(result.status).toBe('error');
				expect(result.items).toEqual([]);
				expectContractError(result.error.message, { body });
				expect(emulator.requests.filter((r) => r.path === `/v1/projects/${project.projectId}`)).toHaveLength(4);
			});
		}
	});
});

test('with the real policy a broken GET is retried with backoff (0.5 + 1 + 2 s) and then fails', async () => {
	const emulator = await startWebWorkEmulator();
	try {
		emulator.fault('GET /projects/{id}', { status: 200, rawBody: MAINTENANCE_PAGE, contentType: 'text/html', times: Infinity });
		const started = Date.now();
		const result = await runWebWork(emulator, WEBWORK_OPERATIONS[1].parameters);
		const elapsed = Date.now() - started;
		expect(result.status).toBe('error');
		expect(requestsTo(emulator, 'GET', `/projects/${PROJECT}`)).toHaveLength(4);
		expect(elapsed).toBeGreaterThanOrEqual(3400);
		expect(elapsed).toBeLessThan(8000);
	} finally {
		await emulator.close();
	}
});

describe('poll triggers: a 2xx HTML answer throws and moves nothing', () => {
	const realBackoff = RETRY_POLICY.backoffBaseMs;
	beforeAll(() => {
		RETRY_POLICY.backoffBaseMs = 5;
	});
	afterAll(() => {
		RETRY_POLICY.backoffBaseMs = realBackoff;
	});

	for (const durableCursors of [false, true]) {
		test(`WeWorked Trigger (${durableCursors ? 'durable cursors' : 'static data'})`, async () => {
			const emulator = await startWeWorkedEmulator();
			try {
				const tw = createTriggerWorkflow({
					workflowId: 'wf-core-weworked',
					node: { type: 'weWorkedTrigger', name: 'WeWorked Trigger', parameters: { events: ['newClient', 'changedClient'], options: {} } },
					credentials: weWorkedCredentials(emulator),
				});
				expect((await runPoll(tw, { durableCursors })).response).toBeNull();
				const first = emulator.addClient({ name: 'Before the outage' });
				const state = JSON.stringify([tw.staticData, tw.cursors]);

				emulator.fault('GET /v1/clients', { status: 200, rawBody: MAINTENANCE_PAGE, contentType: 'text/html', times: Infinity });
				await expect(runPoll(tw, { durableCursors })).rejects.toThrow(/HTTP 200.*text\/html.*Scheduled maintenance/);
				expect(JSON.stringify([tw.staticData, tw.cursors])).toBe(state);
				expect(tw.executions.filter((e) => e.source === 'poll')).toHaveLength(0);
				emulator.clearFaults();

				const second = emulator.addClient({ name: 'After the outage' });
				const recovered = await runPoll(tw, { durableCursors });
				expect(recovered.items.map((i) => `${i.event}:${i.clientId}`).sort()).toEqual(
					[`newClient:${Number(first.clientId)}`, `newClient:${Number(second.clientId)}`].sort(),
				);
				expect((await runPoll(tw, { durableCursors })).response).toBeNull();
				expect((await runPoll(tw, { durableCursors })).response).toBeNull();
			} finally {
				await emulator.close();
			}
		});

		test(`WebWork Approvals Trigger (${durableCursors ? 'durable cursors' : 'static data'})`, async () => {
			const emulator = await startWebWorkEmulator();
			try {
				const tw = createTriggerWorkflow({
					workflowId: 'wf-core-approvals',
					node: {
						type: 'webWorkApprovalsTrigger',
						name: 'Approvals',
						parameters: { authentication: 'accessToken', workspaceId: byId(WS), events: ['leaveRequested', 'timeRequestPending'], options: {} },
					},
					credentials: tokenCredentials(emulator),
				});
				expect((await runPoll(tw, { durableCursors })).response).toBeNull();
				const leave = emulator.addLeave({ user_id: 5 });
				const state = JSON.stringify([tw.staticData, tw.cursors]);

				// One list answers normally, the other with a maintenance page: nothing may move.
				emulator.fault('GET /time-requests', { status: 200, rawBody: MAINTENANCE_PAGE, contentType: 'text/html', times: Infinity });
				await expect(runPoll(tw, { durableCursors })).rejects.toThrow(/HTTP 200.*text\/html.*Scheduled maintenance/);
				expect(JSON.stringify([tw.staticData, tw.cursors])).toBe(state);
				emulator.clearFaults();

				const request = emulator.addTimeRequest({ user_id: 6 });
				const recovered = await runPoll(tw, { durableCursors });
				expect(recovered.items.map((i) => `${i.event}:${i.id}`).sort()).toEqual(
					[`leaveRequested:${leave.id}`, `timeRequestPending:${request.id}`].sort(),
				);
				expect((await runPoll(tw, { durableCursors })).response).toBeNull();
				expect((await runPoll(tw, { durableCursors })).response).toBeNull();
			} finally {
				await emulator.close();
			}
		});
	}
});
