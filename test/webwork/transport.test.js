/**
 * Transport behaviour through real workflows: pagination, pacing under 429, retries (GET yes, POST no),
 * error mapping, Continue On Fail with paired items, timeouts, input validation.
 */
const { startWebWorkEmulator, byId, runWebWork, requestsTo, countStatus, tokenCredentials, apiGet } = require('./helpers');

const WORKSPACE = 101;
let emulator;

beforeEach(async () => {
	emulator = await startWebWorkEmulator();
});
afterEach(async () => {
	await emulator.close();
});

const listProjects = (extra = {}) => ({ resource: 'projects', operation: 'getAll', workspaceId: byId(WORKSPACE), ...extra });

describe('pagination', () => {
	test('Return All over 250+ records makes exactly ceil(N/100) list calls', async () => {
		emulator.seedBulk('projects', 250, WORKSPACE);
		const total = (await fetch(`${emulator.baseUrl}/projects?workspace_id=${WORKSPACE}&per_page=1`, {
			headers: { authorization: `Bearer ${emulator.token}` },
		}).then((r) => r.json())).meta.pagination.total;
		emulator.clearLog();
		const result = await runWebWork(emulator, listProjects({ returnAll: true }));
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(total);
		const calls = requestsTo(emulator, 'GET', '/projects');
		expect(calls).toHaveLength(Math.ceil(total / 100));
		expect(calls.map((c) => Number(c.query.page))).toEqual(calls.map((_, i) => i + 1));
		expect(calls.every((c) => Number(c.query.per_page) === 100)).toBe(true);
		expect(new Set(result.items.map((p) => p.id)).size).toBe(total);
	});

	test('Limit asks for just that many in one call', async () => {
		emulator.seedBulk('projects', 120, WORKSPACE);
		const result = await runWebWork(emulator, listProjects({ returnAll: false, limit: 30 }));
		expect(result.items).toHaveLength(30);
		const calls = requestsTo(emulator, 'GET', '/projects');
		expect(calls).toHaveLength(1);
		expect(calls[0].query.per_page).toBe('30');
	});

	test('Limit above the page maximum walks pages and stops at the limit', async () => {
		emulator.seedBulk('projects', 250, WORKSPACE);
		const result = await runWebWork(emulator, listProjects({ returnAll: false, limit: 150 }));
		expect(result.items).toHaveLength(150);
		expect(requestsTo(emulator, 'GET', '/projects')).toHaveLength(2);
	});

	test('time entries never ask for more than their documented 50 per page', async () => {
		const members = await apiGet(emulator, `/members?workspace_id=${WORKSPACE}&per_page=100`);
		const entries = emulator.seedBulk('timeEntries', 120, WORKSPACE);
		const sample = Array.isArray(entries) && entries[0] ? entries[0] : undefined;
		const userId = sample?.user_id ?? members[0].id;
		const date = sample?.date ?? new Date().toISOString().slice(0, 10);
		const result = await runWebWork(emulator, {
			resource: 'timeEntries',
			operation: 'getAll',
			workspaceId: byId(WORKSPACE),
			userId: byId(userId),
			date,
			returnAll: true,
		});
		expect(result.status).toBe('success');
		const calls = requestsTo(emulator, 'GET', '/time-entries');
		expect(calls.length).toBeGreaterThan(0);
		expect(calls.every((c) => Number(c.query.per_page) === 50)).toBe(true);
	});
});

describe('rate limits', () => {
	test('a burst over the limit completes with 0 failed items and at most one 429 per window', async () => {
		emulator.setRateLimit({ limit: 5, windowMs: 1000 });
		const input = Array.from({ length: 20 }, (_, i) => ({ n: i }));
		const result = await runWebWork(emulator, { resource: 'workspaces', operation: 'getAll', returnAll: false, limit: 1 }, { input });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(20);
		expect(result.items.every((item) => item.error === undefined)).toBe(true);
		const answered = requestsTo(emulator, 'GET', '/workspaces');
		expect(answered.filter((r) => r.status === 200)).toHaveLength(20);
		// 20 calls at 5 per window need 4 windows: a 429 may open each of the last 3, never more.
		expect(countStatus(emulator, 429)).toBeLessThanOrEqual(3);
	});

	test('429 with Retry-After is honoured for POST too (the server did not process it)', async () => {
		emulator.fault({ match: 'POST /projects', status: 429, retryAfter: 1, times: 1 });
		const started = Date.now();
		const result = await runWebWork(emulator, {
			resource: 'projects',
			operation: 'create',
			workspaceId: byId(WORKSPACE),
			name: 'Paced project',
		});
		expect(result.status).toBe('success');
		expect(result.items[0].name).toBe('Paced project');
		expect(requestsTo(emulator, 'POST', '/projects')).toHaveLength(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	});

	test('X-RateLimit-Remaining: 0 with a reset makes the node wait instead of drawing a 429', async () => {
		emulator.fault({ match: 'GET /workspaces', times: 1, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1' } });
		const input = [{}, {}];
		const started = Date.now();
		const result = await runWebWork(emulator, { resource: 'workspaces', operation: 'getAll', limit: 1 }, { input });
		expect(result.items).toHaveLength(2);
		expect(countStatus(emulator, 429)).toBe(0);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	});
});

describe('retries', () => {
	test('a 5xx on GET is retried and the item succeeds', async () => {
		emulator.fault({ match: 'GET /workspaces', status: 500, times: 1 });
		const result = await runWebWork(emulator, { resource: 'workspaces', operation: 'getAll', returnAll: true });
		expect(result.status).toBe('success');
		expect(result.items.length).toBeGreaterThan(0);
		expect(requestsTo(emulator, 'GET', '/workspaces').map((r) => r.status)).toEqual([500, 200]);
	});

	test('a 503 with Retry-After on GET waits and retries', async () => {
		emulator.fault({ match: 'GET /workspaces', status: 503, retryAfter: 1, times: 1 });
		const result = await runWebWork(emulator, { resource: 'workspaces', operation: 'getAll', returnAll: true });
		expect(result.status).toBe('success');
		expect(requestsTo(emulator, 'GET', '/workspaces').map((r) => r.status)).toEqual([503, 200]);
	});

	test('a 5xx on POST is not retried and the item fails clearly', async () => {
		emulator.fault({ match: 'POST /projects', status: 500, times: 1 });
		const result = await runWebWork(emulator, {
			resource: 'projects',
			operation: 'create',
			workspaceId: byId(WORKSPACE),
			name: 'Once only',
		});
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/item 0/);
		expect(requestsTo(emulator, 'POST', '/projects')).toHaveLength(1);
		const projects = await apiGet(emulator, `/projects?workspace_id=${WORKSPACE}&per_page=100`);
		expect(projects.some((p) => p.name === 'Once only')).toBe(false);
	});

	test('a dropped connection on GET is retried', async () => {
		emulator.fault({ match: 'GET /workspaces', drop: true, times: 1 });
		const result = await runWebWork(emulator, { resource: 'workspaces', operation: 'getAll', returnAll: true });
		expect(result.status).toBe('success');
		expect(requestsTo(emulator, 'GET', '/workspaces')).toHaveLength(2);
	});

	test('a dropped connection on POST is not retried and says why', async () => {
		emulator.fault({ match: 'POST /projects', drop: true, times: 1 });
		const result = await runWebWork(emulator, {
			resource: 'projects',
			operation: 'create',
			workspaceId: byId(WORKSPACE),
			name: 'Maybe created',
		});
		expect(result.status).toBe('error');
		expect(result.error.description).toMatch(/not retried automatically/);
		expect(requestsTo(emulator, 'POST', '/projects')).toHaveLength(1);
	});

	test('a GET that times out is retried; the timeout comes from the node option', async () => {
		emulator.fault({ match: 'GET /workspaces', delayMs: 2500, times: 1 });
		const result = await runWebWork(emulator, {
			resource: 'workspaces',
			operation: 'getAll',
			returnAll: true,
			options: { timeout: 1 },
		});
		expect(result.status).toBe('success');
		expect(requestsTo(emulator, 'GET', '/workspaces').length).toBeGreaterThanOrEqual(2);
	});

	test('5xx retries are bounded: a GET that keeps failing errors after 4 attempts', async () => {
		emulator.fault({ match: 'GET /workspaces', status: 500, times: Infinity });
		const result = await runWebWork(emulator, { resource: 'workspaces', operation: 'getAll', returnAll: true });
		expect(result.status).toBe('error');
		expect(requestsTo(emulator, 'GET', '/workspaces')).toHaveLength(4);
	});
});

describe('errors', () => {
	test('a 422 surfaces the provider message and the field errors', async () => {
		const result = await runWebWork(emulator, {
			resource: 'members',
			operation: 'invite',
			workspaceId: byId(WORKSPACE),
			email: 'new.person@example.com',
			firstname: 'New',
			lastname: 'Person',
			role: '={{ "Boss" }}',
		});
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/Validation failed/);
		expect(result.error.message).toMatch(/role: The selected role is invalid/);
		expect(result.error.message).toMatch(/item 0/);
	});

	test('bad credentials give a 401 that points at the credential', async () => {
		const result = await runWebWork(
			emulator,
			{ resource: 'workspaces', operation: 'getAll', returnAll: true },
			{ credentials: tokenCredentials(emulator, { accessToken: 'wrong-token' }) },
		);
		expect(result.status).toBe('error');
		expect(result.error.httpCode).toBe('401');
		expect(result.error.description).toMatch(/credential/i);
	});

	test('a role without API access gets the 403 message', async () => {
		const result = await runWebWork(
			emulator,
			{ resource: 'workspaces', operation: 'getAll', returnAll: true },
			{ credentials: tokenCredentials(emulator, { accessToken: emulator.tokens.regular }) },
		);
		expect(result.status).toBe('error');
		expect(result.error.httpCode).toBe('403');
	});

	test('a malformed date fails the item naming field and item, and sends nothing', async () => {
		emulator.clearLog();
		const result = await runWebWork(
			emulator,
			{
				resource: 'timesheets',
				operation: 'getAll',
				workspaceId: byId(WORKSPACE),
				filters: { dateFrom: '={{ $json.from }}' },
			},
			{ input: [{ from: 'next tuesday-ish' }] },
		);
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/"Date From" must be a date/);
		expect(result.error.message).toMatch(/item 0/);
		expect(requestsTo(emulator, 'GET', '/timesheets')).toHaveLength(0);
	});

	test('an ID that is not a number is rejected before sending', async () => {
		const result = await runWebWork(emulator, {
			resource: 'members',
			operation: 'get',
			workspaceId: byId(WORKSPACE),
			memberId: byId('={{ "abc" }}'),
		});
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/"Member" must be a member ID/);
		expect(requestsTo(emulator, 'GET', /^\/members\//)).toHaveLength(0);
	});

	test('Continue On Fail yields one error item per failed input with the right pairedItem', async () => {
		const members = await apiGet(emulator, `/members?workspace_id=${WORKSPACE}&per_page=100`);
		const input = [{ id: members[0].id }, { id: 999999 }, { id: members[1].id }, { id: 'x' }];
		const result = await runWebWork(
			emulator,
			{ resource: 'members', operation: 'get', workspaceId: byId(WORKSPACE), memberId: byId('={{ $json.id }}') },
			{ input, continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(4);
		expect(result.pairedItems).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].id).toBe(members[0].id);
		expect(result.items[1].error).toMatch(/item 1/);
		expect(result.items[1].httpCode).toBe('404');
		expect(result.items[2].id).toBe(members[1].id);
		expect(result.items[3].error).toMatch(/member ID.*item 3/);
	});
});

describe('request shape', () => {
	test('workspace ID goes to the query by default (current docs) and to the body when chosen', async () => {
		await runWebWork(emulator, { resource: 'projects', operation: 'create', workspaceId: byId(WORKSPACE), name: 'Query variant' });
		await runWebWork(emulator, {
			resource: 'projects',
			operation: 'create',
			workspaceId: byId(WORKSPACE),
			name: 'Body variant',
			options: { workspaceIdLocation: 'body' },
		});
		const [queryVariant, bodyVariant] = requestsTo(emulator, 'POST', '/projects');
		expect(queryVariant.query.workspace_id).toBe(String(WORKSPACE));
		expect(queryVariant.body.workspace_id).toBeUndefined();
		expect(bodyVariant.query.workspace_id).toBeUndefined();
		expect(bodyVariant.body.workspace_id).toBe(WORKSPACE);
	});

	test('the envelope option outputs the whole response', async () => {
		const result = await runWebWork(emulator, {
			resource: 'workspaces',
			operation: 'getAll',
			returnAll: true,
			options: { includeEnvelope: true },
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].success).toBe(true);
		expect(result.items[0].meta.api_version).toBe('2.0.0');
	});

	test('every request carries the bearer token', async () => {
		await runWebWork(emulator, { resource: 'workspaces', operation: 'getAll', returnAll: true });
		expect(emulator.requests.length).toBeGreaterThan(0);
		expect(emulator.requests.every((r) => r.headers.authorization === `Bearer ${emulator.token}`)).toBe(true);
	});
});

describe('defensive limits', () => {
	test('a reset header in epoch milliseconds delays the next call by that much, not forever', async () => {
		emulator.fault({ match: 'GET /workspaces', times: 1, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Date.now() + 1200) } });
		const started = Date.now();
		const result = await runWebWork(emulator, { resource: 'workspaces', operation: 'getAll', limit: 1 }, { input: [{}, {}] });
		expect(result.items).toHaveLength(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(Date.now() - started).toBeLessThan(10000);
	});

	test('an API that ignores the page number ends the walk instead of looping', async () => {
		emulator.seedBulk('projects', 250, WORKSPACE);
		const firstPage = await fetch(`${emulator.baseUrl}/projects?workspace_id=${WORKSPACE}&per_page=100&page=1`, {
			headers: { authorization: `Bearer ${emulator.token}` },
		}).then((r) => r.json());
		emulator.fault({ match: (entry) => entry.method === 'GET' && entry.path === '/projects' && entry.query.page !== '1', status: 200, body: firstPage, times: Infinity });
		emulator.clearLog();
		const result = await runWebWork(emulator, listProjects({ returnAll: true }));
		expect(result.items).toHaveLength(100);
		expect(requestsTo(emulator, 'GET', '/projects')).toHaveLength(2);
	});

	test("zone-less date-times from the picker are sent with the workflow's UTC offset", async () => {
		const contract = emulator.state.contracts.find((c) => c.workspace_id === WORKSPACE && c.status === 'active');
		const { runWorkflow } = require('../harness');
		const result = await runWorkflow({
			node: {
				type: 'webWork',
				parameters: {
					authentication: 'accessToken',
					resource: 'timeRequests',
					operation: 'create',
					workspaceId: byId(WORKSPACE),
					userId: byId(contract.user_id),
					start: '2026-11-16T18:00:00',
					end: '2026-07-16T19:00:00Z',
					additionalFields: { contractId: byId(contract.id) },
				},
			},
			credentials: tokenCredentials(emulator),
			settings: { timezone: 'Europe/Berlin' },
		});
		const body = requestsTo(emulator, 'POST', '/time-requests')[0].body;
		expect(body.start).toBe('2026-11-16T18:00:00+01:00');
		expect(body.end).toBe('2026-07-16T19:00:00Z');
		expect(result.status).toBeDefined();
	});
});

test('locally filtered searches read on to later pages until something matches', async () => {
	const { listSearch } = require('../harness');
	emulator.seedBulk('members', 150, WORKSPACE);
	const members = await apiGet(emulator, `/members?workspace_id=${WORKSPACE}&per_page=100&page=2`);
	const wanted = members[members.length - 1];
	const { results } = await listSearch({
		node: { type: 'webWork', parameters: { authentication: 'accessToken', resource: 'members', operation: 'get', workspaceId: byId(WORKSPACE) } },
		method: 'searchMembers',
		filter: wanted.email,
		credentials: tokenCredentials(emulator),
	});
	expect(results.map((r) => r.name)).toEqual([expect.stringContaining(wanted.email)]);
});
