/**
 * Credentials and list search: the credential test request, OAuth2 (client credentials through n8n-core's
 * real OAuth2 flow), and the resource locators' "From List" search.
 */
const axios = require('axios');
const { listSearch, resolveCredentialExpression, credentialTypes, CredentialsHelper, withDefaults } = require('../harness');
const { startWebWorkEmulator, byId, runWebWork, requestsTo, tokenCredentials } = require('./helpers');

let emulator;
beforeEach(async () => {
	emulator = await startWebWorkEmulator();
});
afterEach(async () => {
	await emulator.close();
});

/** Sends a credential's declarative `test` request the way n8n does: resolve it, then authenticate it. */
async function sendCredentialTest(type, data) {
	const { request } = credentialTypes[type].test;
	const baseURL = resolveCredentialExpression(request.baseURL, type, data);
	const options = await new CredentialsHelper({}).authenticate(withDefaults(type, data), type, { headers: {} });
	return await axios.get(`${baseURL}${request.url}`, { headers: options.headers, validateStatus: () => true });
}

describe('WebWork API (personal access token) credential', () => {
	test('the credential test succeeds with a valid token, even with a trailing slash on the base URL', async () => {
		const response = await sendCredentialTest('webWorkApi', { accessToken: emulator.token, baseUrl: `${emulator.baseUrl}/` });
		expect(response.status).toBe(200);
		expect(requestsTo(emulator, 'GET', '/workspaces')).toHaveLength(1);
	});

	test('the credential test fails with a wrong token', async () => {
		const response = await sendCredentialTest('webWorkApi', { accessToken: 'nope', baseUrl: emulator.baseUrl });
		expect(response.status).toBe(401);
	});

	test('defaults to the documented base URL', () => {
		expect(withDefaults('webWorkApi', {}).baseUrl).toBe('https://api.webwork-tracker.com/api/v2');
	});
});

describe('WebWork OAuth2 credential', () => {
	const oauthCredentials = (overrides = {}) => ({
		webWorkOAuth2Api: {
			grantType: 'clientCredentials',
			clientId: 'test-client',
			clientSecret: 'test-secret',
			accessTokenUrl: `${emulator.origin}/oauth/token`,
			baseUrl: emulator.baseUrl,
			requestsPerMinute: 100000,
			...overrides,
		},
	});

	test('client credentials: n8n fetches a token from the token URL and the node uses it', async () => {
		const result = await runWebWork(
			emulator,
			{ authentication: 'oAuth2', resource: 'workspaces', operation: 'getAll', returnAll: true },
			{ credentials: oauthCredentials() },
		);
		expect(result.status).toBe('success');
		expect(result.items.map((w) => w.id)).toEqual(expect.arrayContaining([101, 102]));
		expect(requestsTo(emulator, 'POST', '/oauth/token')).toHaveLength(1);
		const apiCall = requestsTo(emulator, 'GET', '/workspaces')[0];
		expect(apiCall.headers.authorization).toMatch(/^Bearer \S+$/);
		expect(apiCall.headers.authorization).not.toBe(`Bearer ${emulator.token}`);
	});

	test('the OAuth server is settable: authorization and token URLs visible and required, scope visible', () => {
		const field = (name) => credentialTypes.webWorkOAuth2Api.properties.find((p) => p.name === name);
		const authUrl = field('authUrl');
		expect(authUrl).toMatchObject({ type: 'string', required: true, default: 'https://webwork-tracker.com/oauth/authorize' });
		expect(authUrl.description).toMatch(/Documented/);
		const accessTokenUrl = field('accessTokenUrl');
		expect(accessTokenUrl).toMatchObject({ type: 'string', required: true, default: 'https://webwork-tracker.com/oauth/token' });
		expect(accessTokenUrl.description).toMatch(/Inferred/);
		const scope = field('scope');
		expect(scope).toMatchObject({ type: 'string', default: 'read write' });
		expect(scope.description).toMatch(/admin/);
	});

	test('a wrong client secret fails with a clear error', async () => {
		const result = await runWebWork(
			emulator,
			{ authentication: 'oAuth2', resource: 'workspaces', operation: 'getAll', returnAll: true },
			{ credentials: oauthCredentials({ clientSecret: 'wrong' }) },
		);
		expect(result.status).toBe('error');
		expect(requestsTo(emulator, 'GET', '/workspaces')).toHaveLength(0);
	});
});

describe('resource locators: From List search', () => {
	const node = (parameters) => ({ type: 'webWork', parameters: { authentication: 'accessToken', ...parameters } });

	test('workspaces', async () => {
		const { results } = await listSearch({ node: node({ resource: 'projects', operation: 'getAll' }), method: 'searchWorkspaces', credentials: tokenCredentials(emulator) });
		expect(results).toEqual(expect.arrayContaining([{ name: 'Acme Design Studio', value: '101' }]));
	});

	test('projects of the chosen workspace, filtered by name on the API', async () => {
		const { results } = await listSearch({
			node: node({ resource: 'projects', operation: 'get', workspaceId: byId(101) }),
			method: 'searchProjects',
			filter: 'mobile',
			credentials: tokenCredentials(emulator),
		});
		expect(results.map((r) => r.name)).toEqual(['Mobile App v2']);
		expect(requestsTo(emulator, 'GET', '/projects')[0].query).toMatchObject({ workspace_id: '101', name: 'mobile' });
	});

	test('members filtered by name, contracts and tasks of the chosen project', async () => {
		const credentials = tokenCredentials(emulator);
		const members = await listSearch({ node: node({ resource: 'members', operation: 'get', workspaceId: byId(101) }), method: 'searchMembers', filter: 'hannah', credentials });
		expect(members.results).toHaveLength(1);
		expect(members.results[0].name).toMatch(/Hannah/);
		const contracts = await listSearch({ node: node({ resource: 'contracts', operation: 'get', workspaceId: byId(101) }), method: 'searchContracts', credentials });
		expect(contracts.results.length).toBeGreaterThan(3);
		const project = emulator.state.projects.find((p) => p.name === 'Website Redesign');
		const tasks = await listSearch({
			node: node({ resource: 'tasks', operation: 'get', workspaceId: byId(101), projectId: byId(project.id) }),
			method: 'searchTasks',
			credentials,
		});
		expect(tasks.results.map((t) => t.name)).toContain('Design homepage mockups');
	});

	test('large lists page through a pagination token', async () => {
		emulator.seedBulk('projects', 150, 101);
		const credentials = tokenCredentials(emulator);
		const first = await listSearch({ node: node({ resource: 'projects', operation: 'get', workspaceId: byId(101) }), method: 'searchProjects', credentials });
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('2');
		const second = await listSearch({ node: node({ resource: 'projects', operation: 'get', workspaceId: byId(101) }), method: 'searchProjects', paginationToken: first.paginationToken, credentials });
		expect(second.paginationToken).toBeUndefined();
	});

	test('a search that needs a workspace says so', async () => {
		await expect(
			listSearch({ node: node({ resource: 'projects', operation: 'get' }), method: 'searchProjects', credentials: tokenCredentials(emulator) }),
		).rejects.toThrow(/Choose a workspace first/);
	});
});

describe('OAuth2 authorization code tokens', () => {
	test('an expired access token is refreshed by n8n with the refresh token, and the item succeeds', async () => {
		const code = emulator.issueAuthorizationCode();
		const tokens = await (
			await fetch(`${emulator.origin}/oauth/token`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'test-client', client_secret: 'test-secret' }),
			})
		).json();
		emulator.expireAccessTokens();
		const result = await runWebWork(
			emulator,
			{ authentication: 'oAuth2', resource: 'workspaces', operation: 'getAll', returnAll: true },
			{
				credentials: {
					webWorkOAuth2Api: {
						grantType: 'authorizationCode',
						clientId: 'test-client',
						clientSecret: 'test-secret',
						accessTokenUrl: `${emulator.origin}/oauth/token`,
						baseUrl: emulator.baseUrl,
						requestsPerMinute: 100000,
						oauthTokenData: { access_token: tokens.access_token, refresh_token: tokens.refresh_token, token_type: 'Bearer' },
					},
				},
			},
		);
		expect(result.status).toBe('success');
		expect(requestsTo(emulator, 'GET', '/workspaces').map((r) => r.status)).toEqual([401, 200]);
		expect(requestsTo(emulator, 'POST', '/oauth/token').pop().body.grant_type).toBe('refresh_token');
		expect(result.credentialsHelper.tokenUpdates).toEqual(['webWorkOAuth2Api']);
	});
});
