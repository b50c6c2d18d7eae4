/**
 * Credentials stay on the base URL's origin: Custom API Request paths are relative to the base URL, an
 * absolute URL is accepted only on that origin (anything else fails before sending), and no request
 * forwards the credential when the API redirects to another origin.
 */
const { startCaptureServer } = require('../emulators/framework');
const { startWebWorkEmulator, byId, runWebWork, requestsTo } = require('../webwork/helpers');
const { startWeWorkedEmulator, runWeWorked } = require('../weworked/helpers');

const WS = 101;
let emulator;
let capture;
beforeEach(async () => {
	[emulator, capture] = await Promise.all([startWebWorkEmulator(), startCaptureServer()]);
});
afterEach(async () => {
	await Promise.all([emulator.close(), capture.close()]);
});

const customRequest = (path, extra = {}) => ({ resource: 'customApiCall', operation: 'request', method: 'GET', path, ...extra });

describe('Custom API Request', () => {
	test('an absolute URL on another origin fails before sending; the other origin receives nothing', async () => {
		const input = [
			{ url: `${capture.origin}/projects` },
			{ url: `//127.0.0.1:${capture.port}/projects` }, // scheme-relative
			{ url: `${emulator.baseUrl.replace('127.0.0.1', 'localhost')}/projects` }, // same host, other name
			{ url: `${emulator.baseUrl.replace('http:', 'https:')}/projects` }, // other scheme
		];
		const result = await runWebWork(emulator, customRequest('={{ $json.url }}', { method: 'POST', body: '{"name":"x"}' }), {
			input,
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(4);
		result.items.forEach((item, index) => {
			expect(item.error).toMatch(/leaves the credential's API/);
			expect(item.error).toContain(`(item ${index})`);
			expect(item.description).toMatch(/Nothing was sent/);
		});
		expect(capture.requests).toHaveLength(0);
		expect(emulator.requests).toHaveLength(0);
	});

	test('a relative path and an absolute URL on the base URL are both sent with the credential', async () => {
		const input = [{ path: '/workspaces' }, { path: 'workspaces' }, { path: `${emulator.baseUrl}/workspaces` }];
		const result = await runWebWork(emulator, customRequest('={{ $json.path }}'), { input });
		expect(result.status).toBe('success');
		const calls = requestsTo(emulator, 'GET', '/workspaces');
		expect(calls).toHaveLength(3);
		expect(calls.every((c) => c.headers.authorization === `Bearer ${emulator.token}`)).toBe(true);
	});

	test('WeWorked: another origin is refused the same way', async () => {
		const weWorked = await startWeWorkedEmulator();
		try {
			const result = await runWeWorked(weWorked, customRequest(`${capture.origin}/v1/clients`), { continueOnFail: true });
			expect(result.items[0].error).toMatch(/leaves the credential's API.*\(item 0\)/);
			expect(capture.requests).toHaveLength(0);
			expect(weWorked.requests).toHaveLength(0);
		} finally {
			await weWorked.close();
		}
	});
});

describe('redirects to another origin never carry the credential', () => {
	for (const status of [301, 302, 307, 308]) {
		test(`GET answered ${status} → capture server: no Authorization there, the retry succeeds`, async () => {
			emulator.fault('GET /workspaces', { status, redirectTo: `${capture.origin}/landing`, times: 1 });
			const result = await runWebWork(emulator, { resource: 'workspaces', operation: 'getAll', returnAll: true });
			// The capture server's {captured: true} is not the envelope: retried like a 5xx, then the real answer.
			expect(result.status).toBe('success');
			expect(capture.requests).toHaveLength(1);
			expect(capture.requests[0].headers.authorization).toBeUndefined();
			expect(capture.requests[0].rawHeaders.join('\n')).not.toContain(emulator.token);
			expect(requestsTo(emulator, 'GET', '/workspaces')[0].headers.authorization).toBe(`Bearer ${emulator.token}`);
		});
	}

	test('a redirect on the same origin is followed with the credential (query not repeated)', async () => {
		emulator.fault('GET /projects', { status: 302, redirectTo: `${emulator.baseUrl}/projects?workspace_id=${WS}&per_page=3&page=1`, times: 1 });
		const result = await runWebWork(emulator, { resource: 'projects', operation: 'getAll', workspaceId: byId(WS), returnAll: false, limit: 3 });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(3);
		const calls = requestsTo(emulator, 'GET', '/projects');
		expect(calls.map((c) => c.status)).toEqual([302, 200]);
		expect(calls[1].url).toBe(`${emulator.basePath}/projects?workspace_id=${WS}&per_page=3&page=1`);
		expect(calls.every((c) => c.headers.authorization === `Bearer ${emulator.token}`)).toBe(true);
	});

	test('a redirect chain that leaves the origin and comes back does not get the credential back', async () => {
		const bounce = await startCaptureServer({ status: 302, headers: { Location: `${emulator.baseUrl}/workspaces` } });
		try {
			emulator.fault('GET /workspaces', { status: 302, redirectTo: `${bounce.origin}/bounce`, times: 1 });
			await runWebWork(emulator, { resource: 'workspaces', operation: 'getAll', returnAll: true }, { continueOnFail: true });
			expect(bounce.requests[0].headers.authorization).toBeUndefined();
			const [first, back] = requestsTo(emulator, 'GET', '/workspaces');
			expect(first.headers.authorization).toBe(`Bearer ${emulator.token}`);
			expect(back.headers.authorization).toBeUndefined(); // came back via another origin: no credential
		} finally {
			await bounce.close();
		}
	});

	test('POST answered 307 (body re-sent) → capture server: no Authorization there, not retried', async () => {
		emulator.fault('POST /projects', { status: 307, redirectTo: `${capture.origin}/landing`, times: 1 });
		const result = await runWebWork(emulator, { resource: 'projects', operation: 'create', workspaceId: byId(WS), name: 'Redirected' });
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/not the \{success, data\} envelope.*\(item 0\)/);
		expect(capture.requests).toHaveLength(1);
		expect(capture.requests[0].method).toBe('POST');
		expect(JSON.parse(capture.requests[0].body)).toMatchObject({ name: 'Redirected' });
		expect(capture.requests[0].headers.authorization).toBeUndefined();
		expect(requestsTo(emulator, 'POST', '/projects')).toHaveLength(1);
	});

	test('Custom API Request redirected to another origin: no Authorization there', async () => {
		emulator.fault('GET /workspaces', { status: 302, redirectTo: `${capture.origin}/landing`, times: 1 });
		await runWebWork(emulator, customRequest('/workspaces'));
		expect(capture.requests).toHaveLength(1);
		expect(capture.requests[0].headers.authorization).toBeUndefined();
	});

	test('OAuth2 credential: the bearer token is not forwarded either', async () => {
		emulator.fault('GET /workspaces', { status: 302, redirectTo: `${capture.origin}/landing`, times: 1 });
		const result = await runWebWork(
			emulator,
			{ authentication: 'oAuth2', resource: 'workspaces', operation: 'getAll', returnAll: true },
			{
				credentials: {
					webWorkOAuth2Api: {
						grantType: 'clientCredentials',
						clientId: 'test-client',
						clientSecret: 'test-secret',
						accessTokenUrl: `${emulator.origin}/oauth/token`,
						baseUrl: emulator.baseUrl,
						requestsPerMinute: 100000,
					},
				},
			},
		);
		expect(result.status).toBe('success');
		expect(capture.requests).toHaveLength(1);
		expect(capture.requests[0].headers.authorization).toBeUndefined();
	});

	test('WeWorked: the API key headers are not forwarded', async () => {
		const weWorked = await startWeWorkedEmulator();
		try {
			// A record read: the capture server's {"captured": true} is an object, not the list a Get Many needs.
			const client = weWorked.state.clients[0];
			weWorked.fault('GET /v1/clients/{id}', { status: 302, redirectTo: `${capture.origin}/landing`, times: 1 });
			const result = await runWeWorked(weWorked, { resource: 'clients', operation: 'get', id: byId(client.clientId) });
			expect(result.status).toBe('success');
			expect(capture.requests).toHaveLength(1);
			const sent = capture.requests[0].headers;
			expect(sent['x-api-key']).toBeUndefined();
			expect(sent['x-ww-user']).toBeUndefined();
			expect(capture.requests[0].rawHeaders.join('\n')).not.toContain(weWorked.apiKey);
		} finally {
			await weWorked.close();
		}
	});
});
