/**
 * `npm run emulator` (scripts/emulator.js) for the WebWork provider: the JSON line carries the OAuth
 * settings a credential needs, and --control adds the test-only expire-tokens endpoint.
 */
const path = require('path');
const { spawn } = require('child_process');

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'emulator.js');

/** Starts the CLI and resolves with {child, info} once its JSON line is out. */
function startCli(args) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stderr.on('data', (chunk) => (err += chunk));
		child.stdout.on('data', (chunk) => {
			out += chunk;
			const newline = out.indexOf('\n');
			if (newline >= 0) resolve({ child, info: JSON.parse(out.slice(0, newline)) });
		});
		child.on('exit', (code) => reject(new Error(`emulator exited with ${code}: ${err}`)));
	});
}

const stop = (child) =>
	new Promise((resolve) => {
		child.removeAllListeners('exit');
		child.on('exit', resolve);
		child.kill('SIGTERM');
	});

test('the WebWork JSON line prints the OAuth settings; --control adds POST <control>/expire-tokens', async () => {
	const { child, info } = await startCli(['--control']);
	try {
		expect(info.oauth).toEqual({
			authUrl: `${info.origin}/oauth/authorize`,
			accessTokenUrl: `${info.origin}/oauth/token`,
			clientId: 'test-client',
			clientSecret: 'test-secret',
			scope: 'read write',
		});
		expect(info.control).toBe(`${info.origin}/__control`);

		const issued = await (
			await fetch(info.oauth.accessTokenUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ grant_type: 'client_credentials', client_id: info.oauth.clientId, client_secret: info.oauth.clientSecret, scope: info.oauth.scope }),
			})
		).json();
		const workspaces = () => fetch(`${info.baseUrl}/workspaces`, { headers: { authorization: `Bearer ${issued.access_token}` } });
		expect((await workspaces()).status).toBe(200);
		const expired = await fetch(`${info.control}/expire-tokens`, { method: 'POST' });
		expect(await expired.json()).toEqual({ expired: 1 });
		expect((await workspaces()).status).toBe(401);

		const page = await fetch(`${info.oauth.authUrl}?client_id=test-client&response_type=code&redirect_uri=${encodeURIComponent('http://localhost:5678/rest/oauth2-credential/callback')}`);
		expect(page.headers.get('content-type')).toMatch(/^text\/html/);
	} finally {
		await stop(child);
	}
});

test('without --control there is no control endpoint', async () => {
	const { child, info } = await startCli([]);
	try {
		expect(info.control).toBeUndefined();
		expect((await fetch(`${info.origin}/__control/expire-tokens`, { method: 'POST' })).status).toBe(404);
	} finally {
		await stop(child);
	}
});
