const { runWorkflow } = require('../harness');
const { startWebWorkEmulator } = require('../emulators/webwork');

/** A resource-locator value in "By ID" mode, as the n8n editor stores it. */
const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

/**
 * Credentials pointing at the emulator. The pacing limit is raised because most suites are not about
 * pacing; the pacing suites set their own.
 */
function tokenCredentials(emulator, overrides = {}) {
	return {
		webWorkApi: { accessToken: emulator.token, baseUrl: `${emulator.baseUrl}/`, requestsPerMinute: 100000, ...overrides },
	};
}

/** Runs one WebWork node over `input` items against the emulator. */
async function runWebWork(emulator, parameters, { input, continueOnFail = false, credentials, credentialIds } = {}) {
	return await runWorkflow({
		node: {
			type: 'webWork',
			name: 'WebWork',
			parameters: { authentication: 'accessToken', ...parameters },
			...(continueOnFail ? { continueOnFail: true, onError: 'continueRegularOutput' } : {}),
		},
		input,
		credentials: credentials ?? tokenCredentials(emulator),
		credentialIds,
	});
}

/** Requests the emulator received, optionally only those matching method and path. */
function requestsTo(emulator, method, path) {
	return emulator.requests.filter(
		(r) => (!method || r.method === method) && (!path || (path instanceof RegExp ? path.test(r.path) : r.path === path)),
	);
}

function countStatus(emulator, status) {
	return emulator.requests.filter((r) => r.status === status).length;
}

module.exports = { startWebWorkEmulator, byId, tokenCredentials, runWebWork, requestsTo, countStatus };

/** Reads the emulator's API directly (test-side client) to find ids to work with. */
async function apiGet(emulator, path) {
	const response = await fetch(`${emulator.baseUrl}${path}`, { headers: { authorization: `Bearer ${emulator.token}` } });
	const body = await response.json();
	return body.data;
}

module.exports.apiGet = apiGet;
