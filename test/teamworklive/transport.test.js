/**
 * TeamWork Live plumbing through real workflows: base URL vs account subdomain, route overrides and
 * Method / Path Override, the 503 + Retry-After limit (paced and retried) vs a 503 outage, 401 with the
 * credential explained, 400 messages, and 2xx bodies that are not JSON.
 */
const { resolveCredentialExpression, credentialTypes, withDefaults } = require('../harness');
const { teamWorkLiveBaseUrl, teamWorkLiveProfile } = require('../../dist/nodes/TeamWorkLive/profile');
const { startTeamWorkLiveEmulator, byId, teamWorkLiveCredentials, runTeamWorkLive, requestsTo } = require('./helpers');

let emulator;
beforeEach(async () => {
	emulator = await startTeamWorkLiveEmulator();
});
afterEach(async () => {
	await emulator.close();
});

const companies = { resource: 'clientCompany', operation: 'getAll', returnAll: true };
const firstCompany = () => emulator.list('clientCompany')[0];

describe('base URL', () => {
	test('the account subdomain maps to https://{subdomain}.teamworklive.com; a Base URL replaces it', () => {
		expect(teamWorkLiveBaseUrl({ accountSubdomain: 'acme' })).toBe('https://acme.teamworklive.com');
		expect(teamWorkLiveBaseUrl({ accountSubdomain: ' Acme-2 ' })).toBe('https://acme-2.teamworklive.com');
		expect(teamWorkLiveBaseUrl({ accountSubdomain: 'https://acme.teamworklive.com/' })).toBe('https://acme.teamworklive.com');
		expect(teamWorkLiveBaseUrl({ accountSubdomain: 'acme', baseUrl: ' https://acme.teamworklive.com/api// ' })).toBe('https://acme.teamworklive.com/api');
		for (const bad of ['acme.example.com', 'ac me', '-acme', 'acme/api', 'a'.repeat(64)]) {
			expect(() => teamWorkLiveBaseUrl({ accountSubdomain: bad })).toThrow(/not one subdomain/);
		}
		expect(() => teamWorkLiveBaseUrl({ accountSubdomain: '' })).toThrow(/needs an Account Subdomain .* or a Base URL/);
		expect(() => teamWorkLiveBaseUrl({ baseUrl: 'acme.teamworklive.com' })).toThrow(/not an http\(s\) URL/);
		// the credential test uses the same mapping, through n8n's expression engine
		const { baseURL, url } = credentialTypes.teamWorkLiveApi.test.request;
		expect(resolveCredentialExpression(baseURL, 'teamWorkLiveApi', { accountSubdomain: 'acme' }) + url).toBe('https://acme.teamworklive.com/clientcompanies.json');
		expect(resolveCredentialExpression(baseURL, 'teamWorkLiveApi', { accountSubdomain: 'acme', baseUrl: 'http://127.0.0.1:9/api/' }) + url).toBe('http://127.0.0.1:9/api/clientcompanies.json');
	});

	test('defaults: 6,000 requests per hour, .json suffix, 503 counts as the limit only with Retry-After', () => {
		expect(withDefaults('teamWorkLiveApi', {}).requestsPerHour).toBe(6000);
		expect(teamWorkLiveProfile.rateLimit(withDefaults('teamWorkLiveApi', {}))).toEqual({ requests: 6000, windowMs: 3_600_000 });
		expect(teamWorkLiveProfile.pathSuffix).toBe('.json');
		expect(teamWorkLiveProfile.isRateLimited(503, { 'retry-after': '2' })).toBe(true);
		expect(teamWorkLiveProfile.isRateLimited(503, {})).toBe(false);
		expect(teamWorkLiveProfile.isRateLimited(500, { 'retry-after': '2' })).toBe(false);
	});

	test('a Base URL with a prefix and a trailing slash reaches the API under that prefix', async () => {
		await emulator.close();
		emulator = await startTeamWorkLiveEmulator({ basePath: '/api' });
		const credentials = teamWorkLiveCredentials(emulator, { baseUrl: ` ${emulator.origin}/api/ `, accountSubdomain: 'ignored' });
		const result = await runTeamWorkLive(emulator, companies, { credentials });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(2);
		expect(emulator.requests.map((r) => r.url)).toEqual(['/api/clientcompanies.json']);
	});

	test('a bad subdomain fails the workflow with a clear message and sends nothing', async () => {
		const credentials = teamWorkLiveCredentials(emulator, { baseUrl: '', accountSubdomain: 'acme.example.com' });
		const result = await runTeamWorkLive(emulator, companies, { credentials });
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/Account Subdomain "acme.example.com" is not one subdomain/);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('route overrides', () => {
	test("the credential's Route Overrides change the path for every node using it", async () => {
		const credentials = teamWorkLiveCredentials(emulator, { routeOverrides: '# corrected paths\nclientCompany.getAll = GET /contacts\n' });
		const result = await runTeamWorkLive(emulator, companies, { credentials });
		expect(result.status).toBe('success');
		expect(result.items.map((c) => c.name)).toEqual(['Nora Northwind']);
		expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /contacts.json']);
	});

	test('Path Override and Method Override on the node win over the credential', async () => {
		const credentials = teamWorkLiveCredentials(emulator, { routeOverrides: 'clientCompany.getAll = GET /contacts' });
		const path = await runTeamWorkLive(emulator, { ...companies, options: { pathOverride: '/projects' } }, { credentials });
		expect(path.items.map((p) => p.name)).toEqual(['Website Relaunch', 'Office Move']);
		const target = firstCompany();
		const method = await runTeamWorkLive(emulator, {
			resource: 'clientCompany',
			operation: 'get',
			clientCompanyId: byId(target.id),
			options: { methodOverride: 'DELETE' },
		});
		expect(method.items).toEqual([{ success: true }]);
		expect(emulator.get('clientCompany', target.id)).toBeNull();
		expect(emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'GET /projects.json 200',
			`DELETE /clientcompanies/${target.id}.json 204`,
		]);
	});

	test('invalid Route Overrides fail before anything is sent', async () => {
		const credentials = teamWorkLiveCredentials(emulator, { routeOverrides: 'clientCompany.list = GET /x' });
		const result = await runTeamWorkLive(emulator, companies, { credentials });
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/Route Overrides are not valid/);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('the 6,000-per-hour limit (503 + Retry-After) and outages (503 without)', () => {
	test('a burst over the limit is paced by Retry-After and retried: no failed item', async () => {
		emulator.setRateLimit({ limit: 3, windowMs: 1000, status: 503, headers: 'retry-after', key: (principal) => principal.id });
		const input = Array.from({ length: 7 }, () => ({}));
		const result = await runTeamWorkLive(emulator, { resource: 'clientCompany', operation: 'get', clientCompanyId: byId(firstCompany().id) }, { input });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(7);
		const refused = emulator.requests.filter((r) => r.status === 503);
		expect(refused.length).toBeGreaterThan(0);
		expect(refused.length).toBeLessThanOrEqual(3);
		expect(emulator.requests.filter((r) => r.status === 200)).toHaveLength(7);
	});

	test('a throttled create is retried (the server refused it) and creates exactly once', async () => {
		emulator.throttle({ match: 'POST /clientcompanies.json', times: 1, retryAfter: 0 });
		const result = await runTeamWorkLive(emulator, { resource: 'clientCompany', operation: 'create', name: 'Once Only Ltd' });
		expect(result.status).toBe('success');
		expect(requestsTo(emulator, 'POST', '/clientcompanies.json').map((r) => r.status)).toEqual([503, 201]);
		expect(emulator.list('clientCompany').filter((c) => c.name === 'Once Only Ltd')).toHaveLength(1);
	});

	test('a 503 without Retry-After is an outage: GET is retried', async () => {
		emulator.outage({ match: 'GET /clientcompanies.json', times: 1 });
		const result = await runTeamWorkLive(emulator, companies);
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(2);
		expect(emulator.requests.map((r) => r.status)).toEqual([503, 200]);
	});

	test('an outage on a create is not retried (it may have landed) and fails naming the item', async () => {
		emulator.outage({ match: 'POST /clientcompanies.json', times: 1 });
		const result = await runTeamWorkLive(
			emulator,
			{ resource: 'clientCompany', operation: 'create', name: '={{ $json.name }}' },
			{ input: [{ name: 'Fine Co' }, { name: 'Unlucky Co' }], continueOnFail: true },
		);
		// the fault hits the first POST only
		expect(result.items[0]).toMatchObject({ httpCode: '503', error: expect.stringMatching(/item 0/) });
		expect(result.items[1]).toMatchObject({ name: 'Unlucky Co' });
		expect(requestsTo(emulator, 'POST', '/clientcompanies.json').map((r) => r.status)).toEqual([503, 201]);
	});

	test('a lasting outage fails the GET after bounded retries, naming the item', async () => {
		emulator.outage({ match: 'GET /clientcompanies.json', times: Infinity });
		const result = await runTeamWorkLive(emulator, companies);
		expect(result.status).toBe('error');
		expect(result.error.httpCode).toBe('503');
		expect(result.error.message).toMatch(/Service Unavailable.*item 0/);
		expect(emulator.requests).toHaveLength(4);
	});
});

describe('errors', () => {
	test('401: names the item and explains e-mail, API key and the key changing with the password', async () => {
		const ok = await runTeamWorkLive(emulator, companies);
		expect(ok.status).toBe('success');
		const credentials = teamWorkLiveCredentials(emulator); // the key as it was
		emulator.changePassword();
		const result = await runTeamWorkLive(emulator, companies, { credentials });
		expect(result.status).toBe('error');
		expect(result.error.httpCode).toBe('401');
		expect(result.error.message).toMatch(/item 0/);
		expect(result.error.description).toMatch(/E-Mail/);
		expect(result.error.description).toMatch(/API key changes whenever .* password changes/);
		expect(emulator.requests.at(-1).status).toBe(401);
		// under Continue On Fail, the error item carries the same explanation
		const continued = await runTeamWorkLive(emulator, companies, { credentials, continueOnFail: true });
		expect(continued.items).toEqual([expect.objectContaining({ httpCode: '401', error: expect.stringMatching(/item 0/), description: expect.stringMatching(/password/) })]);
		// the new key works
		const fresh = await runTeamWorkLive(emulator, companies);
		expect(fresh.status).toBe('success');
	});

	test("400 shows TeamWork Live's message listing the errors", async () => {
		const result = await runTeamWorkLive(emulator, { resource: 'user', operation: 'create', name: 'Dup', email: emulator.email }, { continueOnFail: true });
		expect(result.items[0]).toMatchObject({ httpCode: '400', error: expect.stringMatching(/email has already been taken.*item 0/) });
	});

	test('an unknown id is a 404 for that item only, with its pairedItem', async () => {
		const result = await runTeamWorkLive(
			emulator,
			{ resource: 'project', operation: 'get', projectId: byId('={{ $json.id }}') },
			{ input: [{ id: emulator.list('project')[0].id }, { id: 999999 }], continueOnFail: true },
		);
		expect(result.pairedItems).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[1]).toMatchObject({ httpCode: '404', error: expect.stringMatching(/item 1/) });
	});

	test('a 2xx HTML page is an error, never output (writes at once, reads after retries)', async () => {
		const page = { status: 200, rawBody: '<html><body>Down for maintenance</body></html>', contentType: 'text/html' };
		emulator.fault({ match: 'POST /projects.json', ...page });
		const write = await runTeamWorkLive(emulator, { resource: 'project', operation: 'create', name: 'Never' });
		expect(write.status).toBe('error');
		expect(write.error.message).toMatch(/not JSON \(text\/html\).*Down for maintenance.*item 0/);
		expect(requestsTo(emulator, 'POST', '/projects.json')).toHaveLength(1);
		emulator.fault({ match: 'GET /projects.json', ...page, times: 1 });
		const read = await runTeamWorkLive(emulator, { resource: 'project', operation: 'getAll', returnAll: true });
		expect(read.status).toBe('success');
		expect(read.items).toHaveLength(2);
		expect(requestsTo(emulator, 'GET', '/projects.json').map((r) => r.status)).toEqual([200, 200]);
		// a JSON scalar is not a TeamWork Live answer either
		emulator.fault({ match: 'POST /contacts.json', status: 201, rawBody: '"ok"', contentType: 'application/json' });
		const scalar = await runTeamWorkLive(emulator, { resource: 'contact', operation: 'create', name: 'Scalar' });
		expect(scalar.status).toBe('error');
		expect(scalar.error.message).toMatch(/not a JSON object or array/);
	});
});
