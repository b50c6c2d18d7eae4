/**
 * Every Worksible operation as a real workflow against the emulator: the request it makes (method, path,
 * query, body, Idempotency-Key on writes) and the items it outputs (unknown fields passed through).
 */
const { startEmulator, byId, runWorksible, requestsTo } = require('./helpers');
const { listSearch } = require('../harness');
const { worksibleResources } = require('../../dist/nodes/Worksible/resources');
const { Worksible } = require('../../dist/nodes/Worksible/Worksible.node');

let emulator;
beforeEach(async () => {
	emulator = await startEmulator();
});
afterEach(async () => {
	await emulator.close();
});

const first = (kind) => emulator.list(kind)[0];
const UUIDISH = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * resource/operation → params, the route expected (method + path on the emulator), and a check of the output.
 * Get Many cases list everything (Return All) and compare with the emulator's state.
 */
const listCase = (kind) => ({
	params: () => ({ returnAll: true }),
	route: () => ['GET', `/${kind}`],
	check: (r) => {
		expect(r.items.map((i) => i.id).sort()).toEqual(emulator.list(kind).map((x) => x.id).sort());
		expect(r.items[0]['x-emulator-assumption']).toBe(true); // unknown fields pass through
	},
});
const getCase = (kind, idName) => ({
	params: () => ({ [idName]: byId(first(kind).id) }),
	route: () => ['GET', `/${kind}/${first(kind).id}`],
	check: (r) => expect(r.items).toEqual([expect.objectContaining({ id: first(kind).id, 'x-emulator-assumption': true })]),
});

const CASES = {
	'companies/getMe': {
		params: () => ({}),
		route: () => ['GET', '/companies/me'],
		check: (r) => expect(r.items).toEqual([expect.objectContaining({ id: 'cmp_5e1f0a9c3b7d', plan: 'Professional', 'x-emulator-assumption': true })]),
	},

	'organizations/getAll': listCase('organizations'),
	'organizations/get': getCase('organizations', 'organizationId'),
	'organizations/create': {
		params: () => ({ additionalFields: { name: 'Acme Iberia', additionalBody: '{"country": "PT", "tax_id": "PT123"}' } }),
		route: () => ['POST', '/organizations'],
		body: { name: 'Acme Iberia', country: 'PT', tax_id: 'PT123' },
		check: (r) => {
			expect(r.items).toEqual([expect.objectContaining({ name: 'Acme Iberia', country: 'PT', tax_id: 'PT123', id: expect.stringMatching(/^org_/) })]);
			expect(emulator.createdByKind.organizations).toBe(1);
		},
	},
	'organizations/update': {
		params: () => ({ organizationId: byId(first('organizations').id), updateFields: { name: 'Northwind Studio SL' } }),
		route: () => ['PATCH', `/organizations/${first('organizations').id}`],
		body: { name: 'Northwind Studio SL' },
		check: (r) => {
			expect(r.items[0].name).toBe('Northwind Studio SL');
			expect(first('organizations').name).toBe('Northwind Studio SL');
		},
	},
	'organizations/delete': {
		before: () => emulator.add('organizations', { name: 'To delete' }),
		params: () => ({ organizationId: byId(emulator.list('organizations').at(-1).id) }),
		route: (p) => ['DELETE', `/organizations/${p.organizationId.value}`],
		check: (r, p) => {
			expect(r.items).toEqual([expect.objectContaining({ id: p.organizationId.value, deleted: true })]);
			expect(emulator.get('organizations', p.organizationId.value)).toBeNull();
		},
	},

	'freelancers/getAll': listCase('freelancers'),
	'freelancers/get': getCase('freelancers', 'freelancerId'),
	'freelancers/create': {
		params: () => ({ additionalFields: { name: 'Lea Moreau', email: 'lea.moreau@example.com' } }),
		route: () => ['POST', '/freelancers'],
		body: { name: 'Lea Moreau', email: 'lea.moreau@example.com' },
		check: (r) => expect(r.items[0]).toMatchObject({ id: expect.stringMatching(/^fl_/), email: 'lea.moreau@example.com', status: 'active' }),
	},
	'freelancers/update': {
		params: () => ({ freelancerId: byId(first('freelancers').id), updateFields: { email: 'ana@ruiz.dev', additionalBody: '{"status": "offboarded"}' } }),
		route: () => ['PATCH', `/freelancers/${first('freelancers').id}`],
		body: { email: 'ana@ruiz.dev', status: 'offboarded' },
		check: (r) => expect(r.items[0]).toMatchObject({ email: 'ana@ruiz.dev', status: 'offboarded', name: 'Ana Ruiz' }),
	},

	'projects/getAll': {
		params: () => ({ returnAll: true, filters: { additionalQuery: '{"status": "completed"}' } }),
		route: () => ['GET', '/projects'],
		query: { status: 'completed' },
		check: (r) => expect(r.items.map((p) => p.name)).toEqual(['Data pipeline audit']),
	},
	'projects/get': getCase('projects', 'projectId'),
	'projects/create': {
		params: () => ({ additionalFields: { name: 'Onboarding flow', organizationId: byId(first('organizations').id) } }),
		route: () => ['POST', '/projects'],
		body: () => ({ name: 'Onboarding flow', organization_id: first('organizations').id }),
		check: (r) => expect(r.items[0]).toMatchObject({ name: 'Onboarding flow', organization_id: first('organizations').id }),
	},
	'projects/update': {
		params: () => ({ projectId: byId(first('projects').id), updateFields: { name: 'Brand refresh 2' } }),
		route: () => ['PATCH', `/projects/${first('projects').id}`],
		body: { name: 'Brand refresh 2' },
		check: (r) => expect(r.items[0].name).toBe('Brand refresh 2'),
	},
	'projects/delete': {
		params: () => ({ projectId: byId(emulator.list('projects').at(-1).id) }),
		route: (p) => ['DELETE', `/projects/${p.projectId.value}`],
		check: (r, p) => expect(emulator.get('projects', p.projectId.value)).toBeNull(),
	},

	'contracts/getAll': listCase('contracts'),
	'contracts/get': getCase('contracts', 'contractId'),
	'contracts/create': {
		params: () => ({
			additionalFields: {
				freelancerId: byId(first('freelancers').id),
				projectId: byId(first('projects').id),
				additionalBody: '{"type": "fixed", "rate": "1200.00"}',
			},
		}),
		route: () => ['POST', '/contracts'],
		body: () => ({ freelancer_id: first('freelancers').id, project_id: first('projects').id, type: 'fixed', rate: '1200.00' }),
		check: (r) => expect(r.items[0]).toMatchObject({ id: expect.stringMatching(/^ctr_/), type: 'fixed', rate: '1200.00', currency: 'EUR' }),
	},
	'contracts/update': {
		params: () => ({ contractId: byId(first('contracts').id), updateFields: { additionalBody: '{"status": "ended"}' } }),
		route: () => ['PATCH', `/contracts/${first('contracts').id}`],
		body: { status: 'ended' },
		check: (r) => expect(r.items[0].status).toBe('ended'),
	},

	'invoices/getAll': listCase('invoices'),
	'invoices/get': getCase('invoices', 'invoiceId'),
	'invoices/create': {
		params: () => ({ additionalFields: { projectId: byId(first('projects').id), additionalBody: '{"concept": "Sprint 4", "total": "2400.00"}' } }),
		route: () => ['POST', '/invoices'],
		body: () => ({ project_id: first('projects').id, concept: 'Sprint 4', total: '2400.00' }),
		check: (r) => expect(r.items[0]).toMatchObject({ id: expect.stringMatching(/^inv_/), number: expect.stringMatching(/^INV-/), total: '2400.00' }),
	},
	'invoices/update': {
		params: () => ({ invoiceId: byId(emulator.list('invoices').at(-1).id), updateFields: { additionalBody: '{"status": "paid"}' } }),
		route: (p) => ['PATCH', `/invoices/${p.invoiceId.value}`],
		body: { status: 'paid' },
		check: (r) => expect(r.items[0].status).toBe('paid'),
	},

	'payments/getAll': listCase('payments'),
	'payments/get': getCase('payments', 'paymentId'),
	'payouts/getAll': listCase('payouts'),
	'payouts/get': getCase('payouts', 'payoutId'),

	'timesheets/getAll': listCase('timesheets'),
	'timesheets/get': getCase('timesheets', 'timesheetId'),
	'timesheets/create': {
		params: () => ({ additionalFields: { contractId: byId(first('contracts').id), additionalBody: '{"hours": "12.50"}' } }),
		route: () => ['POST', '/timesheets'],
		body: () => ({ contract_id: first('contracts').id, hours: '12.50' }),
		check: (r) => expect(r.items[0]).toMatchObject({ contract_id: first('contracts').id, freelancer_id: first('contracts').freelancer_id, hours: '12.50' }),
	},
	'timesheets/update': {
		params: () => ({ timesheetId: byId(emulator.list('timesheets').at(-1).id), updateFields: { additionalBody: '{"status": "approved"}' } }),
		route: (p) => ['PATCH', `/timesheets/${p.timesheetId.value}`],
		body: { status: 'approved' },
		check: (r) => expect(r.items[0].status).toBe('approved'),
	},
	'timesheets/delete': {
		params: () => ({ timesheetId: byId(first('timesheets').id) }),
		route: (p) => ['DELETE', `/timesheets/${p.timesheetId.value}`],
		check: (r, p) => expect(r.items).toEqual([expect.objectContaining({ id: p.timesheetId.value, deleted: true })]),
	},
};

test('every operation of the node has a case here', () => {
	const operations = worksibleResources.flatMap((r) => r.operations.map((o) => `${r.value}/${o.operation}`));
	expect(Object.keys(CASES).sort()).toEqual(operations.sort());
});

for (const [key, spec] of Object.entries(CASES)) {
	test(`${key}`, async () => {
		const [resource, operation] = key.split('/');
		spec.before?.();
		const params = spec.params();
		const [method, path] = spec.route(params);
		const result = await runWorksible(emulator, { resource, operation, ...params });
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.items.length).toBeGreaterThan(0);
		// Exactly the operation's route was called, once, and answered with success.
		expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`${method} ${path}`]);
		const [request] = emulator.requests;
		expect(request.status).toBeLessThan(300);
		expect(request.headers.authorization).toBe(`Bearer ${emulator.apiKey}`);
		if (method === 'GET') {
			expect(request.headers['idempotency-key']).toBeUndefined();
		} else {
			// Writes carry a generated key (UUID-shaped), recorded by the emulator's idempotency store.
			expect(request.headers['idempotency-key']).toMatch(UUIDISH);
			expect(emulator.idempotencyLog.map((e) => e.outcome)).toEqual(['stored']);
		}
		if (spec.body) expect(request.body).toEqual(typeof spec.body === 'function' ? spec.body() : spec.body);
		if (spec.query) expect(request.query).toMatchObject(spec.query);
		spec.check(result, params);
	});
}

test('Custom API Request reaches any path, lists become items, writes get an Idempotency-Key', async () => {
	const list = await runWorksible(emulator, {
		resource: 'customApiCall',
		operation: 'request',
		method: 'GET',
		path: '/payouts',
		query: '{"status": "paid"}',
	});
	expect(list.error).toBeUndefined();
	expect(list.items).toEqual([expect.objectContaining({ status: 'paid', object: 'payout' })]);
	expect(requestsTo(emulator, 'GET', '/payouts')[0].query).toEqual({ status: 'paid' });

	const created = await runWorksible(emulator, {
		resource: 'customApiCall',
		operation: 'request',
		method: 'POST',
		path: '/organizations',
		body: '{"name": "Via custom request"}',
	});
	expect(created.items).toEqual([expect.objectContaining({ name: 'Via custom request' })]);
	expect(requestsTo(emulator, 'POST', '/organizations')[0].headers['idempotency-key']).toMatch(UUIDISH);
});

test('several items: one request each, outputs paired with their items, one key per item', async () => {
	const [a, b] = emulator.list('freelancers');
	const result = await runWorksible(
		emulator,
		{ resource: 'freelancers', operation: 'update', freelancerId: byId('={{ $json.id }}'), updateFields: { name: '={{ $json.name }}' } },
		{ input: [{ id: a.id, name: 'A. Ruiz' }, { id: b.id, name: 'T. Pereira' }] },
	);
	expect(result.items.map((i) => i.name)).toEqual(['A. Ruiz', 'T. Pereira']);
	expect(result.pairedItems).toEqual([{ item: 0 }, { item: 1 }]);
	const keys = requestsTo(emulator, 'PATCH').map((r) => r.headers['idempotency-key']);
	expect(new Set(keys).size).toBe(2);
});

test('list search: every picker lists its records, filters by name and pages on', async () => {
	const methods = new Set(
		new Worksible().description.properties
			.filter((p) => p.type === 'resourceLocator')
			.map((p) => p.modes.find((m) => m.name === 'list').typeOptions.searchListMethod),
	);
	expect([...methods].sort()).toEqual(Object.keys(new Worksible().methods.listSearch).sort());
	const node = { type: 'worksible', parameters: { resource: 'projects', operation: 'get' } };
	const credentials = { worksibleApi: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl } };
	for (const method of methods) {
		const { results } = await listSearch({ node, method, credentials });
		expect(results.length).toBeGreaterThan(0);
		expect(results.every((r) => typeof r.name === 'string' && typeof r.value === 'string')).toBe(true);
	}
	const found = await listSearch({ node, method: 'searchFreelancers', filter: 'mei', credentials });
	expect(found.results).toEqual([{ name: 'Mei Lin (mei.lin@example.com)', value: emulator.list('freelancers')[2].id }]);

	// A name beyond the first page is still found; the rest stays reachable through the pagination token.
	emulator.add('projects', { name: 'Needle in the haystack' });
	emulator.seedBulk('projects', 250);
	emulator.clearLog();
	const needle = await listSearch({ node, method: 'searchProjects', filter: 'needle', credentials });
	expect(needle.results.map((r) => r.name)).toEqual(['Needle in the haystack']);
	expect(requestsTo(emulator, 'GET', '/projects')).toHaveLength(3);
	const browse = await listSearch({ node, method: 'searchProjects', credentials });
	expect(browse.results).toHaveLength(100);
	const more = await listSearch({ node, method: 'searchProjects', credentials, paginationToken: browse.paginationToken });
	expect(more.results).toHaveLength(100);
	expect(more.results[0].value).not.toBe(browse.results[0].value);
});
