/**
 * Inferred routes can be corrected without a release: per credential (Route Overrides, which also steer the
 * pickers and the trigger) and per node (Options → Method / Path Override, which wins).
 */
const { startEmulator, byId, runWorksible, requestsTo, worksibleCredentials } = require('./helpers');
const { listSearch } = require('../harness');
const { createTriggerWorkflow, runPoll } = require('../harness/triggers');

let emulator;
afterEach(async () => {
	await emulator?.close();
});

const ROUTE_MAP = ['# corrected after talking to Worksible', 'invoices.getAll = GET /billing/invoices', 'organizations.create = PUT /orgs', ''].join('\n');

test("the credential's Route Overrides take effect for actions, list search and the trigger", async () => {
	emulator = await startEmulator({ routeOverrides: { 'invoices.getAll': 'GET /billing/invoices', 'organizations.create': 'PUT /orgs' } });
	const credentials = worksibleCredentials(emulator, { routeOverrides: ROUTE_MAP });

	const list = await runWorksible(emulator, { resource: 'invoices', operation: 'getAll', returnAll: true }, { credentials });
	expect(list.error).toBeUndefined();
	expect(list.items).toHaveLength(3);
	const created = await runWorksible(emulator, { resource: 'organizations', operation: 'create', additionalFields: { name: 'Rerouted' } }, { credentials });
	expect(created.items[0]).toMatchObject({ name: 'Rerouted' });
	// Operations without an override keep their default route.
	const get = await runWorksible(emulator, { resource: 'invoices', operation: 'get', invoiceId: byId(emulator.list('invoices')[0].id) }, { credentials });
	expect(get.error).toBeUndefined();

	const picked = await listSearch({
		node: { type: 'worksible', parameters: { resource: 'invoices', operation: 'get' } },
		method: 'searchInvoices',
		credentials,
	});
	expect(picked.results).toHaveLength(3);

	const tw = createTriggerWorkflow({ node: { type: 'worksibleTrigger', parameters: { resource: 'invoices', events: ['newRecord'] } }, credentials });
	await runPoll(tw);
	const added = emulator.add('invoices', { concept: 'After the move' });
	expect((await runPoll(tw)).items.map((i) => i.id)).toEqual([added.id]);

	expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
		'GET /billing/invoices',
		'PUT /orgs',
		`GET /invoices/${emulator.list('invoices')[0].id}`,
		'GET /billing/invoices',
		'GET /billing/invoices',
		'GET /billing/invoices',
	]);
	expect(emulator.requests.every((r) => r.status < 300)).toBe(true);
});

test('Method Override and Path Override send the request elsewhere, and win over the credential', async () => {
	emulator = await startEmulator({ routeOverrides: { 'payouts.get': 'GET /money/payouts/{payoutId}' } });
	const payout = emulator.list('payouts')[0];
	const credentials = worksibleCredentials(emulator, { routeOverrides: 'payouts.get = GET /treasury/payouts/{payoutId}' });
	const result = await runWorksible(
		emulator,
		{ resource: 'payouts', operation: 'get', payoutId: payout.id, options: { pathOverride: '/money/payouts/{payoutId}' } },
		{ credentials },
	);
	expect(result.error).toBeUndefined();
	expect(result.items[0].id).toBe(payout.id);
	expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /money/payouts/${payout.id}`]);

	const project = emulator.list('projects')[0];
	emulator.clearLog();
	const put = await runWorksible(emulator, {
		resource: 'projects',
		operation: 'update',
		projectId: byId(project.id),
		updateFields: { name: 'Sent with PUT' },
		options: { methodOverride: 'PUT' },
	});
	expect(put.items[0].name).toBe('Sent with PUT');
	expect(requestsTo(emulator, 'PUT', `/projects/${project.id}`)).toHaveLength(1);
	expect(requestsTo(emulator, 'PUT', `/projects/${project.id}`)[0].headers['idempotency-key']).toBeDefined();
});

test('an inferred route the account does not have fails with the 405, naming the item', async () => {
	emulator = await startEmulator({ routeOverrides: { 'invoices.getAll': 'GET /billing/invoices' } });
	const result = await runWorksible(emulator, { resource: 'invoices', operation: 'getAll', returnAll: true });
	expect(result.status).not.toBe('success');
	expect(result.error.httpCode).toBe('405'); // POST /invoices still exists there
	expect(result.error.description).toMatch(/GET \/invoices answered HTTP 405/);
	expect(result.error.message).toMatch(/\(item 0\)$/);
});

test('a Route Overrides field that cannot be read stops the node before anything is sent', async () => {
	emulator = await startEmulator();
	const credentials = worksibleCredentials(emulator, { routeOverrides: 'invoices.list = GET /x' });
	const result = await runWorksible(emulator, { resource: 'companies', operation: 'getMe' }, { credentials });
	expect(result.error.message).toMatch(/Route Overrides are not valid: line 1: "invoices.list" is not an operation/);
	expect(emulator.requests).toEqual([]);
});
