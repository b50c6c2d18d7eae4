const { runWorkflow } = require('../harness');
const { startTeamWorkLiveEmulator } = require('../emulators/teamworklive');

const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

/** Credentials pointing at the emulator (full Base URL form: it listens on 127.0.0.1, not a subdomain). */
function teamWorkLiveCredentials(emulator, overrides = {}) {
	return {
		teamWorkLiveApi: { baseUrl: emulator.baseUrl, email: emulator.email, apiKey: emulator.apiKey, requestsPerHour: 6000, ...overrides },
	};
}

async function runTeamWorkLive(emulator, parameters, { input, continueOnFail = false, credentials } = {}) {
	return await runWorkflow({
		node: {
			type: 'teamWorkLive',
			name: 'TeamWork Live',
			parameters,
			...(continueOnFail ? { continueOnFail: true, onError: 'continueRegularOutput' } : {}),
		},
		input,
		credentials: credentials ?? teamWorkLiveCredentials(emulator),
	});
}

function requestsTo(emulator, method, path) {
	return emulator.requests.filter((r) => r.method === method && (path instanceof RegExp ? path.test(r.path) : r.path === path));
}

/** The Basic header the emulator must have received: e-mail as user name, API key as password. */
const basicAuth = (email, apiKey) => `Basic ${Buffer.from(`${email}:${apiKey}`).toString('base64')}`;

module.exports = { startTeamWorkLiveEmulator, byId, teamWorkLiveCredentials, runTeamWorkLive, requestsTo, basicAuth };
