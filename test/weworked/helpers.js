const { runWorkflow } = require('../harness');
const { startWeWorkedEmulator } = require('../emulators/weworked');

const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

/** Credentials pointing at the emulator; pacing raised except in the suites about pacing. */
function weWorkedCredentials(emulator, overrides = {}) {
	return {
		weWorkedApi: { apiKey: emulator.apiKey, email: emulator.adminEmail, baseUrl: emulator.baseUrl, requestsPerFiveMinutes: 100000, ...overrides },
	};
}

async function runWeWorked(emulator, parameters, { input, continueOnFail = false, credentials } = {}) {
	return await runWorkflow({
		node: {
			type: 'weWorked',
			name: 'WeWorked',
			parameters,
			...(continueOnFail ? { continueOnFail: true, onError: 'continueRegularOutput' } : {}),
		},
		input,
		credentials: credentials ?? weWorkedCredentials(emulator),
	});
}

function requestsTo(emulator, method, path) {
	return emulator.requests.filter((r) => r.method === method && (path instanceof RegExp ? path.test(r.path) : r.path === path));
}

module.exports = { startWeWorkedEmulator, byId, weWorkedCredentials, runWeWorked, requestsTo };
