/**
 * Every WeWorked operation as a real workflow against the emulator, Simplify vs raw output, client-side
 * Return All / Limit, errors and pacing under WeWorked's 200-per-5-minutes limit.
 */
const fs = require('fs');
const path = require('path');
const { startWeWorkedEmulator, byId, weWorkedCredentials, runWeWorked, requestsTo } = require('./helpers');
const { listSearch } = require('../harness');
const { WeWorked } = require('../../dist/nodes/WeWorked/WeWorked.node');
const { weWorkedResources } = require('../../dist/nodes/WeWorked/resources');

let emulator;
beforeEach(async () => {
	emulator = await startWeWorkedEmulator({ today: '2026-11-24' });
});
afterEach(async () => {
	await emulator.close();
});

const reportFilters = { fromdate: '2026-11-02', todate: '2026-11-24', projects: 'all', users: 'all', taskstatus: 'all', timestatus: 'all', showzeros: 0 };
const activeUser = () => emulator.state.users.find((u) => u.userId === '70240');

/** resource/operation → node parameters and a check of the (simplified) output */
const CASES = {
	'clients/getAll': {
		params: { returnAll: true },
		check: (r) => {
			expect(r.items).toHaveLength(emulator.state.clients.length);
			expect(r.items[0]).toMatchObject({ clientId: expect.any(Number), isActive: expect.any(Boolean), vatNumber: expect.any(String) });
		},
	},
	'clients/get': { params: { id: byId(18111) }, check: (r) => expect(r.items[0]).toMatchObject({ clientId: 18111 }) },
	'expenses/getAll': {
		params: { status: 'approved', returnAll: true },
		check: (r) => {
			expect(requestsTo(emulator, 'GET', '/v1/expenses')[0].query.status).toBe('approved');
			expect(r.items.length).toBeGreaterThan(0);
			expect(r.items.every((e) => e.statusName === 'Approved' && typeof e.amount === 'number')).toBe(true);
		},
	},
	'expenses/get': {
		params: () => ({ id: emulator.state.expenses[0].expenseId }),
		check: (r) => expect(String(r.items[0].expenseId)).toBe(emulator.state.expenses[0].expenseId),
	},
	'invoices/getAll': {
		params: { returnAll: true },
		check: (r) => expect(r.items[0].lineItems[0]).toMatchObject({ total: expect.any(Number) }),
	},
	'invoices/get': {
		params: () => ({ id: emulator.state.invoices[0].invoiceId }),
		check: (r) => expect(typeof r.items[0].isPaid).toBe('boolean'),
	},
	'projects/getAll': {
		params: { returnAll: true },
		check: (r) => {
			const statuses = new Set(r.items.map((p) => p.status));
			expect([...statuses].sort()).toEqual(['Active', 'Archived', 'Leave']);
			expect(r.items[0]).toHaveProperty('projectId');
			expect(r.items[0]).toHaveProperty('budgetedCost');
			expect(r.items[0]).not.toHaveProperty('ProjectId');
		},
	},
	'projects/get': {
		params: () => ({ id: byId(emulator.state.projects[0].projectId) }),
		check: (r) => expect(Array.isArray(r.items[0].tasks)).toBe(true),
	},
	'reports/getSummary': {
		params: { ...reportFilters, returnAll: true },
		check: (r) => {
			expect(r.items[0].rows.length).toBeGreaterThan(0);
			expect(requestsTo(emulator, 'GET', '/v1/reports/summary')[0].query).toMatchObject({ fromdate: '2026-11-02', todate: '2026-11-24', showzeros: '0' });
		},
	},
	'reports/getDetailed': {
		params: { ...reportFilters, fromdate: '2026-11-02T00:00:00', returnAll: true },
		check: (r) => expect(r.items[0]).toMatchObject({ hours: expect.any(Number), date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }),
	},
	'timesheets/getDaily': {
		params: () => ({ userid: byId(activeUser().userId), date: '2026-11-17' }),
		check: (r) => expect(r.items[0]).toMatchObject({ specificDate: '2026-11-17', totalHours: expect.any(Number) }),
	},
	'timesheets/getWeekly': {
		params: () => ({ userid: byId(activeUser().userId), date: '2026-11-17' }),
		check: (r) => expect(r.items[0].days).toHaveLength(7),
	},
	'users/getAll': {
		params: { returnAll: true },
		check: (r) => {
			expect(new Set(r.items.map((u) => u.status))).toEqual(new Set(['Active', 'Pending', 'Disabled']));
			expect(r.items.find((u) => u.userId === 70240)).toMatchObject({ isAdmin: false, zip: expect.any(String) });
		},
	},
	'users/get': { params: { id: byId(501) }, check: (r) => expect(r.items[0]).toMatchObject({ userId: 501, isAdmin: true }) },
	'customApiCall/request': {
		params: { method: 'GET', path: '/v1/expenses', query: JSON.stringify({ status: 'pending' }) },
		route: { method: 'GET', path: '/v1/expenses' },
		check: (r) => expect(r.items.every((e) => e.statusName === 'Pending')).toBe(true),
	},
};

const descriptors = new Map(weWorkedResources.flatMap((r) => r.operations.map((o) => [`${r.value}/${o.operation}`, o])));

test('every operation the node offers has a workflow test', () => {
	const offered = [];
	for (const property of new WeWorked().description.properties.filter((p) => p.name === 'operation')) {
		for (const resource of property.displayOptions.show.resource) for (const option of property.options) offered.push(`${resource}/${option.value}`);
	}
	expect(Object.keys(CASES).sort()).toEqual(offered.sort());
	expect(offered).toHaveLength(15);
});

test('the README lists every WeWorked resource and operation', () => {
	const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
	for (const resource of weWorkedResources) {
		const row = readme.split('\n').find((line) => line.startsWith('| ') && line.includes(`(\`${resource.value}\`)`) && line.includes('/v1/'));
		expect(row).toBeDefined();
		for (const operation of resource.operations) expect(row).toContain(`\`${operation.operation}\``);
	}
});

describe('WeWorked operations against the emulator', () => {
	for (const [key, testCase] of Object.entries(CASES)) {
		test(key, async () => {
			const [resource, operation] = key.split('/');
			const params = typeof testCase.params === 'function' ? testCase.params() : testCase.params;
			const result = await runWeWorked(emulator, { resource, operation, ...params });
			if (result.status !== 'success') throw new Error(`${key}: ${result.error?.message}`);
			const route = testCase.route ?? descriptors.get(key);
			const pattern = new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}$`);
			expect(emulator.requests.every((r) => r.method === route.method && pattern.test(r.path) && r.status === 200)).toBe(true);
			expect(emulator.requests[0].headers['x-api-key']).toBe(emulator.apiKey);
			expect(emulator.requests[0].headers['x-ww-user']).toBe(emulator.adminEmail);
			testCase.check(result);
		});
	}
});

describe('Simplify and client-side limits', () => {
	test('raw output keeps the API shape: one grouped object, string values', async () => {
		const result = await runWeWorked(emulator, { resource: 'projects', operation: 'getAll', simplify: false, returnAll: true });
		expect(result.items).toHaveLength(1);
		expect(Object.keys(result.items[0]).sort()).toEqual(['Active', 'Archived', 'Leave']);
		expect(typeof result.items[0].Active[0].ProjectId).toBe('string');
		const users = await runWeWorked(emulator, { resource: 'users', operation: 'getAll', simplify: false, returnAll: true });
		expect(Object.keys(users.items[0]).sort()).toEqual(['Active', 'Disabled', 'Pending']);
	});

	test('Limit cuts the list after one call (the API has no paging)', async () => {
		emulator.seedBulk('clients', 120);
		const result = await runWeWorked(emulator, { resource: 'clients', operation: 'getAll', returnAll: false, limit: 7 });
		expect(result.items).toHaveLength(7);
		expect(requestsTo(emulator, 'GET', '/v1/clients')).toHaveLength(1);
	});

	test('codes and contact data stay text while amounts become numbers', async () => {
		const result = await runWeWorked(emulator, { resource: 'users', operation: 'get', id: byId(501) });
		expect(typeof result.items[0].zip).toBe('string');
		expect(typeof result.items[0].phone).toBe('string');
		expect(result.items[0].projectsAssigned[0]).toHaveProperty('projectId');
	});
});

describe('errors and limits', () => {
	test('a wrong API key fails with the status and names the item', async () => {
		const result = await runWeWorked(emulator, { resource: 'clients', operation: 'getAll', returnAll: true }, { credentials: weWorkedCredentials(emulator, { apiKey: 'nope' }) });
		expect(result.status).toBe('error');
		expect(result.error.httpCode).toBe('401');
		expect(result.error.message).toMatch(/item 0/);
	});

	test('an unknown id gives a 404 item error under Continue On Fail, with its pairedItem', async () => {
		const result = await runWeWorked(emulator, { resource: 'clients', operation: 'get', id: byId('={{ $json.id }}') }, { input: [{ id: 18111 }, { id: 99999999 }], continueOnFail: true });
		expect(result.items).toHaveLength(2);
		expect(result.pairedItems).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[1]).toMatchObject({ httpCode: '404', error: expect.stringMatching(/item 1/) });
	});

	test('a malformed report date fails before sending, naming the field', async () => {
		const result = await runWeWorked(emulator, { resource: 'reports', operation: 'getDetailed', ...reportFilters, fromdate: '={{ "31/12/2026" }}' });
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/"From Date" must be a date/);
		expect(emulator.requests).toHaveLength(0);
	});

	test('pacing: a burst over the limit finishes with no failed item, one 429 per window at most', async () => {
		emulator.setRateLimit({ limit: 4, windowMs: 1000 });
		const input = Array.from({ length: 12 }, () => ({}));
		const result = await runWeWorked(emulator, { resource: 'clients', operation: 'get', id: byId(18111) }, { input });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(12);
		expect(emulator.requests.filter((r) => r.status === 429).length).toBeLessThanOrEqual(2);
	});

	test('the documented 200 calls per 5 minutes is the default pacing', async () => {
		const { withDefaults } = require('../harness');
		expect(withDefaults('weWorkedApi', {}).requestsPerFiveMinutes).toBe(200);
		expect(withDefaults('weWorkedApi', {}).baseUrl).toBe('https://api.weworked.com');
	});
});

describe('resource locators', () => {
	test('clients, projects and users are searchable lists', async () => {
		const node = { type: 'weWorked', parameters: { resource: 'clients', operation: 'get' } };
		const credentials = weWorkedCredentials(emulator);
		const clients = await listSearch({ node, method: 'searchClients', credentials });
		expect(clients.results.length).toBe(emulator.state.clients.length);
		const projects = await listSearch({ node, method: 'searchProjects', credentials });
		expect(projects.results.some((p) => /\(Archived\)/.test(p.name))).toBe(true);
		const users = await listSearch({ node, method: 'searchUsers', filter: 'holmes', credentials });
		expect(users.results.map((u) => u.value)).toContain('501');
	});
});

test('Simplify keeps names and notes text even when they look like numbers', async () => {
	const project = emulator.state.projects.find((p) => p.IsActive === '1' || p.isActive === '1') ?? emulator.state.projects[0];
	emulator.updateProject(project.projectId ?? project.ProjectId, { projectName: '2024' });
	const result = await runWeWorked(emulator, { resource: 'projects', operation: 'getAll', returnAll: true });
	const renamed = result.items.find((p) => p.projectName === '2024');
	expect(renamed).toBeDefined();
	expect(typeof renamed.projectId).toBe('number');
});
