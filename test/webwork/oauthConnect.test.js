/**
 * "Connect my account" against the emulator, the way n8n 2.x does it: n8n builds the authorization URL
 * from the credential (authUrl, clientId, scope, its callback as redirect_uri, a state) with its OAuth2
 * client, the browser shows the emulator's approval page and posts Approve / Deny, the emulator answers
 * 302 back to n8n's callback, and n8n exchanges the code at the token URL. Then the node runs with the
 * stored token, and the test-only control endpoint expires tokens so the next runs refresh them.
 *
 * @n8n/client-oauth2 is the client n8n's server uses for this flow (installed with n8n-core).
 */
const { ClientOAuth2 } = require('@n8n/client-oauth2');
const { credentialTypes, withDefaults } = require('../harness');
const { startWebWorkEmulator, runWebWork, requestsTo } = require('./helpers');

const N8N_CALLBACK = 'http://localhost:5678/rest/oauth2-credential/callback';

let emulator;
beforeEach(async () => {
	emulator = await startWebWorkEmulator({ control: true });
});
afterEach(async () => {
	await emulator.close();
});

/** The credential as a user fills it in from the JSON line of `npm run emulator`. */
const credentialFromEmulator = (overrides = {}) =>
	withDefaults('webWorkOAuth2Api', {
		authUrl: emulator.oauth.authUrl,
		accessTokenUrl: emulator.oauth.accessTokenUrl,
		clientId: emulator.oauth.clientId,
		clientSecret: emulator.oauth.clientSecret,
		baseUrl: emulator.baseUrl,
		requestsPerMinute: 100000,
		...overrides,
	});

/** n8n's OAuth2 client configured from a credential (as n8n's OauthService.convertCredentialToOptions does). */
const clientFor = (credential, state = 'n8n-state-1') =>
	new ClientOAuth2({
		clientId: credential.clientId,
		clientSecret: credential.clientSecret,
		accessTokenUri: credential.accessTokenUrl,
		authorizationUri: credential.authUrl,
		authentication: credential.authentication,
		redirectUri: N8N_CALLBACK,
		scopes: credential.scope.split(','),
		scopesSeparator: ' ',
		state,
	});

/** Reads the forms of the approval page: {decision -> {action, fields}}. */
function formsOf(html) {
	const forms = {};
	for (const [, action, inner] of html.matchAll(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/g)) {
		const fields = {};
		for (const [, name, value] of inner.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
			fields[name] = value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
		}
		const [, decision] = /<button type="submit" name="decision" value="(\w+)">/.exec(inner);
		forms[decision] = { action, fields: { ...fields, decision } };
	}
	return forms;
}

/** What the browser does with a form: POST it urlencoded, without following the redirect. */
const submit = (form) =>
	fetch(new URL(form.action, emulator.origin), {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form.fields),
		redirect: 'manual',
	});

async function openApprovalPage(credential, state) {
	const authorizationUrl = clientFor(credential, state).code.getUri();
	const page = await fetch(authorizationUrl);
	return { authorizationUrl, page, html: await page.text() };
}

/** Connect my account: approval page -> Approve -> n8n's callback exchanges the code. Returns oauthTokenData. */
async function connect(credential) {
	const { html } = await openApprovalPage(credential, 'n8n-state-1');
	const approved = await submit(formsOf(html).approve);
	const token = await clientFor(credential).code.getToken(approved.headers.get('location'));
	return token.data;
}

describe('Connect my account against the emulator', () => {
	test('the authorization URL built from the credential shows an approval page with app, scopes, Approve and Deny', async () => {
		const credential = credentialFromEmulator({ scope: 'read write admin' });
		const { authorizationUrl, page, html } = await openApprovalPage(credential, 'n8n "state" <1>');
		expect(new URL(authorizationUrl).searchParams.get('scope')).toBe('read write admin');
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toMatch(/^text\/html/);
		expect(html).toContain('n8n (WebWork emulator test app)');
		expect(html).toMatch(/<ul id="scopes"><li>read<\/li><li>write<\/li><li>admin<\/li><\/ul>/);
		expect(html).not.toContain('"state" <1>'); // reflected values are escaped
		const forms = formsOf(html);
		expect(Object.keys(forms).sort()).toEqual(['approve', 'deny']);
		for (const form of Object.values(forms)) {
			expect(form.action).toBe('/oauth/authorize');
			expect(form.fields).toMatchObject({
				client_id: 'test-client',
				redirect_uri: N8N_CALLBACK,
				response_type: 'code',
				scope: 'read write admin',
				state: 'n8n "state" <1>',
			});
		}
	});

	test('Approve answers 302 to n8n\'s callback with code and state; the token URL exchanges the code once', async () => {
		const credential = credentialFromEmulator();
		const { html } = await openApprovalPage(credential, 'n8n-state-1');
		const approved = await submit(formsOf(html).approve);
		expect(approved.status).toBe(302);
		const location = new URL(approved.headers.get('location'));
		expect(`${location.origin}${location.pathname}`).toBe(N8N_CALLBACK);
		expect(location.searchParams.get('state')).toBe('n8n-state-1');
		expect(location.searchParams.get('code')).toMatch(/^[0-9a-f]{24}$/);

		const token = await clientFor(credential).code.getToken(location.toString());
		expect(token.data).toMatchObject({ token_type: 'Bearer', scope: 'read write', expires_in: 15 * 24 * 3600 });
		const exchange = requestsTo(emulator, 'POST', '/oauth/token')[0];
		expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', code: location.searchParams.get('code'), redirect_uri: N8N_CALLBACK });
		// a code is good once
		await expect(clientFor(credential).code.getToken(location.toString())).rejects.toThrow();
	});

	test('Deny answers 302 to the callback with error=access_denied and the state, and issues no code', async () => {
		const { html } = await openApprovalPage(credentialFromEmulator(), 'n8n-state-2');
		const denied = await submit(formsOf(html).deny);
		expect(denied.status).toBe(302);
		const location = new URL(denied.headers.get('location'));
		expect(Object.fromEntries(location.searchParams)).toEqual({ error: 'access_denied', state: 'n8n-state-2' });
		expect(emulator.state.oauth.codes).toEqual({});
	});

	test('an unknown client_id or response_type gets an HTML error page, not a redirect', async () => {
		const base = { client_id: 'test-client', redirect_uri: N8N_CALLBACK, response_type: 'code', scope: 'read write', state: 's' };
		for (const [change, message] of [
			[{ client_id: 'someone-else' }, /Unknown client_id/],
			[{ response_type: 'token' }, /Unsupported response_type/],
		]) {
			const query = new URLSearchParams({ ...base, ...change });
			const page = await fetch(`${emulator.oauth.authUrl}?${query}`, { redirect: 'manual' });
			expect(page.status).toBe(400);
			expect(page.headers.get('content-type')).toMatch(/^text\/html/);
			expect(await page.text()).toMatch(message);
			const posted = await submit({ action: '/oauth/authorize', fields: { ...base, ...change, decision: 'approve' } });
			expect(posted.status).toBe(400);
		}
		expect(emulator.state.oauth.codes).toEqual({});
	});

	test('the emulator\'s OAuth settings fill the credential; defaults are the documented server and scope', () => {
		expect(emulator.oauth).toEqual({
			authUrl: `${emulator.origin}/oauth/authorize`,
			accessTokenUrl: `${emulator.origin}/oauth/token`,
			clientId: 'test-client',
			clientSecret: 'test-secret',
			scope: 'read write',
		});
		expect(withDefaults('webWorkOAuth2Api', {})).toMatchObject({
			authUrl: 'https://webwork-tracker.com/oauth/authorize',
			accessTokenUrl: 'https://webwork-tracker.com/oauth/token',
			scope: 'read write',
		});
		expect(credentialTypes.webWorkOAuth2Api.properties.find((p) => p.name === 'scope').type).toBe('string');
	});
});

describe('connected credential, tokens expired through the control endpoint', () => {
	const listWorkspaces = { authentication: 'oAuth2', resource: 'workspaces', operation: 'getAll', returnAll: true };
	const expireTokens = async () => {
		const response = await fetch(`${emulator.control}/expire-tokens`, { method: 'POST' });
		expect(response.status).toBe(200);
		return await response.json();
	};

	test('a node runs, then each POST /__control/expire-tokens makes the next run refresh the token', async () => {
		const credential = credentialFromEmulator();
		let credentials = { webWorkOAuth2Api: { ...credential, oauthTokenData: await connect(credential) } };

		const first = await runWebWork(emulator, listWorkspaces, { credentials });
		expect(first.status).toBe('success');
		expect(first.items.map((w) => w.id)).toEqual(expect.arrayContaining([101, 102]));
		expect(first.credentialsHelper.tokenUpdates).toEqual([]);

		for (let refresh = 1; refresh <= 2; refresh++) {
			expect(await expireTokens()).toEqual({ expired: 1 });
			const before = emulator.requests.length;
			const run = await runWebWork(emulator, listWorkspaces, { credentials });
			expect(run.status).toBe('success');
			const calls = emulator.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`);
			expect(calls).toEqual(['GET /workspaces 401', 'POST /oauth/token 200', 'GET /workspaces 200']);
			expect(emulator.requests.slice(before)[1].body.grant_type).toBe('refresh_token');
			expect(run.credentialsHelper.tokenUpdates).toEqual(['webWorkOAuth2Api']);
			credentials = run.credentialsHelper.credentials; // n8n stores the refreshed token
		}
		expect(await expireTokens()).toEqual({ expired: 1 }); // refresh rotated: one live token at a time
	});
});
