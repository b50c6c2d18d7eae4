#!/usr/bin/env node
'use strict';
/**
 * Starts the WebWork API emulator for manual runs / e2e tests.
 *   node scripts/emulator.js [--port N] [--limit N --window-ms N] [--today YYYY-MM-DD] [--auto-deliver] [--control]
 * Prints one JSON line {"baseUrl", "origin", "token", "tokens", "oauth"} on stdout (plus "control" with --control)
 * and runs until SIGTERM / SIGINT.
 *
 * "oauth" holds what a WebWork Time Tracker OAuth2 API credential needs against this emulator:
 *   {authUrl: <origin>/oauth/authorize, accessTokenUrl: <origin>/oauth/token, clientId, clientSecret, scope}
 * GET authUrl shows an approval page (Approve / Deny); Approve answers 302 to the redirect_uri with ?code=&state=,
 * Deny with ?error=access_denied&state=. Any http(s) redirect_uri is accepted (n8n's is
 * <n8n>/rest/oauth2-credential/callback). Access tokens live 15 days (refresh tokens 30).
 *
 * --control (TEST-ONLY, not part of WebWork's API): adds, on the emulator origin, without auth,
 *   POST /__control/deliver {webhookId, event, data?, signature?: 'hmac'|'token'|'none', headers?}
 * which sends one delivery to that registered webhook's URL the way the emulator's deliver() does and
 * answers {status, headers, body} of the receiver's answer (502 {error} when it could not be reached), and
 *   POST /__control/expire-tokens
 * which makes every OAuth access token expire now, so the next node request gets a 401 and n8n refreshes
 * the token; answers {expired: n} (access tokens that were still valid).
 * Lets a test process drive the emulator when it runs as a separate process.
 *
 * --control also works with every --provider (TEST-ONLY): the JSON line gains "control" (<origin>/__control) and
 *   GET /__control/requests[?since=<epoch ms>]
 * answers the API requests received so far (control requests left out), oldest first, as
 * [{method, path, status, at}] (status: the answer's HTTP status; at: epoch ms), e.g. to count 429s per window.
 * With --provider weworked (whose API is read-only) it also adds
 *   POST /__control/mutate {kind, action: 'add'|'update'|'remove', args: [...]}
 * which adds / changes / removes a record the way the emulator's mutate() does and answers {record}.
 *
 * --limit N --window-ms N set the rate limit (requests per sliding window, per token or key), e.g.
 * --limit 10 --window-ms 5000; each provider keeps its own documented default otherwise. --fixed-window
 * counts in fixed windows instead, as Laravel's throttle does (the count starts with the first request
 * and is dropped a window later).
 *
 * --provider weworked [--port N] [--limit N --window-ms N] [--today YYYY-MM-DD] starts the WeWorked emulator
 * instead and prints {"provider", "baseUrl", "origin", "apiKey", "email"} (default provider: webwork).
 *
 * --provider worksible [--port N] [--limit N --window-ms N] [--pagination cursor|page] starts the Worksible
 * emulator (routes beyond GET /companies/me are our assumptions) and prints {"provider", "baseUrl", "origin", "apiKey"}.
 *
 * --provider teamworklive [--port N] [--limit N --window-ms N] [--base-path /api] starts the TeamWork Live
 * emulator (every route is our assumption; paths end in .json; 6,000 requests/hour -> 503 + Retry-After) and
 * prints {"provider", "baseUrl", "origin", "email", "apiKey"}.
 */
const { startWebWorkEmulator } = require('../test/emulators/webwork');

const CONTROL_PATH = '/__control';

/**
 * --control, any provider: GET /__control/requests, the request log without control requests, and the
 * provider's extra routes. Returns the control URL prefix for the JSON line.
 */
function addControl(emulator, extraRoutes = []) {
	emulator.addRawRoute({
		method: 'GET',
		path: `${CONTROL_PATH}/requests`,
		handler(ctx) {
			const since = Number(ctx.query.since) || 0;
			const body = emulator.requests
				.filter((entry) => !String(entry.url).startsWith(CONTROL_PATH) && entry.at >= since)
				.map(({ method, path, status, at }) => ({ method, path, status, at }));
			return { status: 200, body };
		},
	});
	for (const route of extraRoutes) emulator.addRawRoute(route);
	return `${emulator.origin}${CONTROL_PATH}`;
}

function parseArgs(argv) {
	const args = {};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		if (!flag.startsWith('--')) continue;
		const [name, inline] = flag.slice(2).split('=', 2);
		const takesValue = inline === undefined && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--');
		args[name] = inline !== undefined ? inline : takesValue ? argv[++i] : true;
	}
	return args;
}

function toNumber(value, flag) {
	const number = Number(value);
	if (!Number.isInteger(number) || number < 0) {
		process.stderr.write(`Invalid value for --${flag}: ${value}\n`);
		process.exit(2);
	}
	return number;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const rateLimit = {};
	if (args.limit !== undefined) rateLimit.limit = toNumber(args.limit, 'limit');
	if (args['window-ms'] !== undefined) rateLimit.windowMs = toNumber(args['window-ms'], 'window-ms');
	if (args['fixed-window']) rateLimit.window = 'fixed';
	if (args.provider !== undefined && args.provider !== 'webwork') return startOtherProvider(args, rateLimit);
	const emulator = await startWebWorkEmulator({
		port: args.port !== undefined ? toNumber(args.port, 'port') : 0,
		rateLimit,
		today: typeof args.today === 'string' ? args.today : undefined,
		autoDeliver: Boolean(args['auto-deliver']),
		control: Boolean(args.control),
	});
	const info = { baseUrl: emulator.baseUrl, origin: emulator.origin, token: emulator.token, tokens: emulator.tokens, oauth: emulator.oauth };
	if (args.control) info.control = addControl(emulator);
	process.stdout.write(`${JSON.stringify(info)}\n`);
	const shutdown = () => emulator.close().then(() => process.exit(0));
	process.on('SIGTERM', shutdown);
	process.on('SIGINT', shutdown);
}

/** --provider worksible: the Worksible emulator (--control: the request log only; no --auto-deliver). */
async function startWorksible(args, rateLimit) {
	const { startWorksibleEmulator } = require('../test/emulators/worksible');
	if (args.pagination !== undefined && !['cursor', 'page'].includes(args.pagination)) {
		process.stderr.write(`Invalid value for --pagination: ${args.pagination} (cursor | page)\n`);
		process.exit(2);
	}
	const emulator = await startWorksibleEmulator({
		port: args.port !== undefined ? toNumber(args.port, 'port') : 0,
		rateLimit,
		pagination: args.pagination,
	});
	const info = { provider: 'worksible', baseUrl: emulator.baseUrl, origin: emulator.origin, apiKey: emulator.apiKey };
	if (args.control) info.control = addControl(emulator);
	process.stdout.write(`${JSON.stringify(info)}\n`);
	const shutdown = () => emulator.close().then(() => process.exit(0));
	process.on('SIGTERM', shutdown);
	process.on('SIGINT', shutdown);
}

/** --provider teamworklive: the TeamWork Live emulator (--control: the request log only; no --auto-deliver). */
async function startTeamWorkLive(args, rateLimit) {
	const { startTeamWorkLiveEmulator } = require('../test/emulators/teamworklive');
	const emulator = await startTeamWorkLiveEmulator({
		port: args.port !== undefined ? toNumber(args.port, 'port') : 0,
		rateLimit,
		basePath: typeof args['base-path'] === 'string' ? args['base-path'] : undefined,
	});
	const info = { provider: 'teamworklive', baseUrl: emulator.baseUrl, origin: emulator.origin, email: emulator.email, apiKey: emulator.apiKey };
	if (args.control) info.control = addControl(emulator);
	process.stdout.write(`${JSON.stringify(info)}\n`);
	const shutdown = () => emulator.close().then(() => process.exit(0));
	process.on('SIGTERM', shutdown);
	process.on('SIGINT', shutdown);
}

/** --provider weworked: the WeWorked emulator (--control: the request log and POST /__control/mutate; no --auto-deliver). */
async function startOtherProvider(args, rateLimit) {
	if (args.provider === 'teamworklive') return startTeamWorkLive(args, rateLimit);
	if (args.provider === 'worksible') return startWorksible(args, rateLimit);
	if (args.provider !== 'weworked') {
		process.stderr.write(`Unknown --provider ${args.provider} (webwork | weworked | worksible | teamworklive)\n`);
		process.exit(2);
	}
	const { startWeWorkedEmulator } = require('../test/emulators/weworked');
	const emulator = await startWeWorkedEmulator({
		port: args.port !== undefined ? toNumber(args.port, 'port') : 0,
		rateLimit,
		today: typeof args.today === 'string' ? args.today : undefined,
	});
	const info = { provider: 'weworked', baseUrl: emulator.baseUrl, origin: emulator.origin, apiKey: emulator.apiKey, email: emulator.adminEmail };
	if (args.control) {
		info.control = addControl(emulator, [
			{
				method: 'POST',
				path: `${CONTROL_PATH}/mutate`,
				handler(ctx) {
					const { kind, action, args: mutateArgs = [] } = ctx.body || {};
					try {
						return { status: 200, body: { record: emulator.mutate(kind, action, ...mutateArgs) } };
					} catch (error) {
						return { status: 400, body: { error: error.message } };
					}
				},
			},
		]);
	}
	process.stdout.write(`${JSON.stringify(info)}\n`);
	const shutdown = () => emulator.close().then(() => process.exit(0));
	process.on('SIGTERM', shutdown);
	process.on('SIGINT', shutdown);
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exit(1);
});
