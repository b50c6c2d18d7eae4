/**
 * Every TeamWork Live operation as a real workflow against the emulator: the request made (method, path with
 * the `.json` suffix, HTTP Basic with e-mail + API key, JSON Content-Type on writes, merged Additional Body)
 * and the items out. Also list search and the empty / wrapped answer shapes.
 */
const { listSearch } = require('../harness');
const { TeamWorkLive } = require('../../dist/nodes/TeamWorkLive/TeamWorkLive.node');
const { teamWorkLiveResources } = require('../../dist/nodes/TeamWorkLive/resources');
const { startTeamWorkLiveEmulator, byId, teamWorkLiveCredentials, runTeamWorkLive, basicAuth } = require('./helpers');

let emulator;
beforeEach(async () => {
	emulator = await startTeamWorkLiveEmulator();
});
afterEach(async () => {
	await emulator.close();
});

const project = () => emulator.list('project').find((p) => p.name === 'Website Relaunch');
const LOCATOR_FIELDS = new Set(['clientCompanyId', 'projectId', 'userId']);
const idValue = (name, value) => (LOCATOR_FIELDS.has(name) ? byId(value) : String(value));

/** Required body fields by name: what a create needs. */
const REQUIRED_BODY = {
	name: () => 'Created by n8n',
	hours: () => 1.5,
	email: () => 'new.person@example.com',
	additional_body: () => JSON.stringify({ type: 'fixed-fee', amount: 5000 }),
};

/** Node parameters for one operation, the record it addresses and the path it must call. */
function caseFor(resource, operation) {
	const kind = resource.value;
	const scoped = operation.path.startsWith('/projects/{projectId}/');
	// (not the account owner: the API refuses to delete the user the credential belongs to)
	const target = emulator.list(kind).find((r) => (!scoped || String(r.projectId) === String(project().id)) && r.email !== emulator.email);
	const params = { resource: kind, operation: operation.operation };
	const pathValues = {};
	const body = {};
	for (const field of operation.fields.filter((f) => f.required)) {
		if (field.in === 'path') {
			const value = field.name === 'projectId' ? project().id : target.id;
			params[field.name.replace(/_(\w)/g, (_, c) => c.toUpperCase())] = idValue(field.name, value);
			pathValues[field.name] = value;
		} else {
			const value = REQUIRED_BODY[field.name]();
			params[field.name === 'additional_body' ? 'additionalBody' : field.name] = value;
			Object.assign(body, field.name === 'additional_body' ? JSON.parse(value) : { [field.name]: value });
		}
	}
	const optional = operation.fields.filter((f) => !f.required).map((f) => f.name);
	if (operation.operation === 'create' && optional.includes('additional_body')) {
		// a key the node also has a field for: the field wins
		const overlap = operation.fields.some((f) => f.name === 'name') ? ', "name": "loses to the Name field"' : '';
		params.additionalFields = { additionalBody: `{"status": "Active"${overlap}}` };
		if (optional.includes('date')) params.additionalFields.date = '2025-04-01';
		Object.assign(body, { status: 'Active', ...(optional.includes('date') ? { date: '2025-04-01' } : {}) });
	}
	if (operation.operation === 'update') {
		params.updateFields = { additionalBody: '{"note": "merged"}' };
		Object.assign(body, { note: 'merged' });
		if (optional.includes('name')) {
			params.updateFields.name = 'Renamed by n8n';
			body.name = 'Renamed by n8n';
		}
		if (optional.includes('hours')) {
			params.updateFields.hours = 3;
			body.hours = 3;
		}
	}
	if (operation.operation === 'getAll') params.returnAll = true;
	const path = `${operation.path.replace(/\{(\w+)\}/g, (_, name) => pathValues[name])}.json`;
	return { kind, params, path, body, target, scoped };
}

const offered = [];
for (const property of new TeamWorkLive().description.properties.filter((p) => p.name === 'operation')) {
	for (const resource of property.displayOptions.show.resource) for (const option of property.options) offered.push(`${resource}/${option.value}`);
}

test('every operation the node offers has a workflow test (11 resources x 5 + Custom API Request)', () => {
	const covered = teamWorkLiveResources.flatMap((r) => r.operations.map((o) => `${r.value}/${o.operation}`));
	expect([...covered, 'customApiCall/request'].sort()).toEqual([...offered].sort());
	expect(offered).toHaveLength(56);
	// the Additional Body of every operation is merged into the body, not sent as a field of its own
	for (const resource of teamWorkLiveResources) {
		for (const operation of resource.operations) {
			for (const field of operation.fields.filter((f) => f.name === 'additional_body')) expect(field.merge).toBe(true);
		}
	}
});

describe('TeamWork Live operations against the emulator', () => {
	for (const resource of teamWorkLiveResources) {
		for (const operation of resource.operations) {
			test(`${resource.value}/${operation.operation}`, async () => {
				const { kind, params, path, body, target, scoped } = caseFor(resource, operation);
				const before = emulator.list(kind).length;
				const result = await runTeamWorkLive(emulator, params);
				if (result.status !== 'success') throw new Error(`${kind}/${operation.operation}: ${result.error?.message}`);
				expect(emulator.requests).toHaveLength(1);
				const [request] = emulator.requests;
				expect([request.method, request.path]).toEqual([operation.method, path]);
				expect(request.headers.authorization).toBe(basicAuth(emulator.email, emulator.apiKey));
				expect(request.status).toBeLessThan(300);
				if (operation.method === 'POST' || operation.method === 'PUT') {
					expect(request.headers['content-type']).toMatch(/^application\/json/);
					expect(request.body).toEqual(body);
				} else {
					expect(request.rawBody).toBeFalsy();
				}
				switch (operation.operation) {
					case 'getAll': {
						const expected = emulator.list(kind).filter((r) => !scoped || String(r.projectId) === String(project().id));
						expect(expected.length).toBeGreaterThan(0);
						expect(result.items.map((i) => i.id)).toEqual(expected.map((r) => r.id));
						break;
					}
					case 'get':
						expect(result.items).toEqual([expect.objectContaining({ id: target.id })]);
						break;
					case 'create':
						expect(emulator.list(kind)).toHaveLength(before + 1);
						expect(result.items).toEqual([expect.objectContaining({ ...body, id: emulator.list(kind)[before].id })]);
						break;
					case 'update':
						expect(result.items).toEqual([expect.objectContaining({ ...body, id: target.id })]);
						expect(emulator.get(kind, target.id)).toMatchObject(body);
						break;
					case 'delete':
						expect(result.items).toEqual([{ success: true }]);
						expect(emulator.get(kind, target.id)).toBeNull();
						break;
					default:
						throw new Error(`untested operation ${operation.operation}`);
				}
			});
		}
	}

	test('customApiCall/request: any path, the .json suffix added once, JSON body on writes', async () => {
		const read = await runTeamWorkLive(emulator, { resource: 'customApiCall', operation: 'request', method: 'GET', path: '/contacts', query: '{}' });
		expect(read.status).toBe('success');
		expect(read.items.map((c) => c.name)).toEqual(['Nora Northwind']);
		const write = await runTeamWorkLive(emulator, {
			resource: 'customApiCall',
			operation: 'request',
			method: 'POST',
			path: '/contacts.json',
			body: JSON.stringify({ name: 'Custom Contact' }),
		});
		expect(write.status).toBe('success');
		expect(emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /contacts.json 200', 'POST /contacts.json 201']);
		expect(emulator.requests[1].headers['content-type']).toMatch(/^application\/json/);
		expect(write.items).toEqual([expect.objectContaining({ name: 'Custom Contact', id: expect.anything() })]);
	});
});

describe('list answers', () => {
	test('Limit cuts a whole list after one call', async () => {
		for (let i = 0; i < 20; i++) emulator.add('contact', { name: `Bulk ${i}` });
		const result = await runTeamWorkLive(emulator, { resource: 'contact', operation: 'getAll', returnAll: false, limit: 7 });
		expect(result.items).toHaveLength(7);
		expect(emulator.requests).toHaveLength(1);
	});

	test('an empty list ([] or an empty body) is 0 items, not an error', async () => {
		emulator.clear('clientCompany');
		const bare = await runTeamWorkLive(emulator, { resource: 'clientCompany', operation: 'getAll', returnAll: true });
		expect([bare.status, bare.items]).toEqual(['success', []]);
		await emulator.close();
		emulator = await startTeamWorkLiveEmulator({ emptyList: 'empty', seed: false });
		const empty = await runTeamWorkLive(emulator, { resource: 'clientCompany', operation: 'getAll', returnAll: true });
		expect(emulator.requests[0].status).toBe(200);
		expect(emulator.requests).toHaveLength(1);
		expect([empty.status, empty.items]).toEqual(['success', []]);
		// two input items, both empty: still nothing out
		const twice = await runTeamWorkLive(emulator, { resource: 'project', operation: 'getAll', returnAll: true }, { input: [{}, {}] });
		expect([twice.status, twice.items]).toEqual(['success', []]);
	});

	test('answers wrapped in a root key (rootKeys) are unwrapped', async () => {
		await emulator.close();
		emulator = await startTeamWorkLiveEmulator({ rootKeys: true });
		const list = await runTeamWorkLive(emulator, { resource: 'clientCompany', operation: 'getAll', returnAll: true });
		expect(list.items.map((c) => c.name)).toEqual(['Northwind Traders', 'Contoso Builders']);
		const one = await runTeamWorkLive(emulator, { resource: 'project', operation: 'get', projectId: byId(project().id) });
		expect(one.items).toEqual([expect.objectContaining({ id: project().id, name: 'Website Relaunch' })]);
		const created = await runTeamWorkLive(emulator, { resource: 'task', operation: 'create', projectId: byId(project().id), name: 'Wrapped' });
		expect(created.items).toEqual([expect.objectContaining({ name: 'Wrapped', projectId: project().id })]);
	});
});

describe('resource locators', () => {
	test('client companies, projects and users are searchable lists (one call each, filtered here)', async () => {
		const node = { type: 'teamWorkLive', parameters: { resource: 'project', operation: 'get' } };
		const credentials = teamWorkLiveCredentials(emulator);
		const companies = await listSearch({ node, method: 'searchClientCompanies', credentials });
		expect(companies.results.map((c) => c.name)).toEqual(['Contoso Builders', 'Northwind Traders']);
		const projects = await listSearch({ node, method: 'searchProjects', filter: 'relaunch', credentials });
		expect(projects.results).toEqual([{ name: 'Website Relaunch', value: String(project().id) }]);
		const users = await listSearch({ node, method: 'searchUsers', filter: 'northwind', credentials });
		expect(users.results.map((u) => u.name)).toEqual(['Clara Client (clara@northwind.example.com)']);
		expect(emulator.requests.map((r) => r.path)).toEqual(['/clientcompanies.json', '/projects.json', '/users.json']);
	});

	test('list search follows the credential\'s Route Overrides', async () => {
		const node = { type: 'teamWorkLive', parameters: { resource: 'project', operation: 'get' } };
		const credentials = teamWorkLiveCredentials(emulator, { routeOverrides: 'project.getAll = GET /clientcompanies' });
		const results = await listSearch({ node, method: 'searchProjects', credentials });
		expect(results.results.map((r) => r.name)).toEqual(['Contoso Builders', 'Northwind Traders']);
		expect(emulator.requests.map((r) => r.path)).toEqual(['/clientcompanies.json']);
	});
});
