const { runWorkflow } = require('../harness');
const { startWorksibleEmulator } = require('../emulators/worksible');

/** A resource-locator value in "By ID" mode, as the n8n editor stores it. */
const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

/**
 * Credentials pointing at the emulator (with a trailing slash, as users paste it). Pacing is raised because
 * most suites are not about pacing.
 */
function worksibleCredentials(emulator, overrides = {}) {
	return {
		worksibleApi: { apiKey: emulator.apiKey, baseUrl: `${emulator.baseUrl}/`, requestsPerMinute: 100000, ...overrides },
	};
}

/** An emulator without its own rate limit (the suites are not about throttling). */
async function startEmulator(options = {}) {
	return await startWorksibleEmulator({ rateLimit: false, ...options });
}

/** Runs one Worksible node over `input` items against the emulator. */
async function runWorksible(emulator, parameters, { input, continueOnFail = false, credentials } = {}) {
	return await runWorkflow({
		node: {
			type: 'worksible',
			name: 'Worksible',
			parameters,
			...(continueOnFail ? { continueOnFail: true, onError: 'continueRegularOutput' } : {}),
		},
		input,
		credentials: credentials ?? worksibleCredentials(emulator),
	});
}

/** Requests the emulator received, optionally only those matching method and path. */
function requestsTo(emulator, method, path) {
	return emulator.requests.filter(
		(r) => (!method || r.method === method) && (!path || (path instanceof RegExp ? path.test(r.path) : r.path === path)),
	);
}

/** Execution hints of the Worksible node's run (deprecation warnings and the like). */
const hintsOf = (result) => result.runData.Worksible?.[0]?.hints ?? [];

module.exports = { startEmulator, byId, worksibleCredentials, runWorksible, requestsTo, hintsOf };
