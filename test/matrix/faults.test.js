/**
 * The fault matrix (provider × call kind × fault, see cells.js) through n8n against the emulators.
 * Cells run concurrently (each has its own emulator); their tallies go to .tmp/matrix/ and
 * summary.js prints one line at the end of the jest run: cells run / passed / failed / not applicable.
 *
 * The retry backoff is shrunk (RETRY_POLICY is the policy the built nodes use) so a GET's four attempts
 * take milliseconds, and so is the default per-attempt deadline for the triggers and webhook
 * registration, which have no Timeout option (action nodes use their own Options → Timeout of 1 s).
 */
const fs = require('fs');
const path = require('path');
const { RETRY_POLICY } = require('../../dist/nodes/shared/transport');
const { cells } = require('./cells');
const { runCell } = require('./runner');
const { RESULTS_DIR } = require('./summary');

const all = cells();
const tally = { run: 0, passed: 0, failed: 0, notApplicable: all.filter((cell) => cell.notApplicable).length, failures: [] };

const realPolicy = { ...RETRY_POLICY };
beforeAll(() => {
	RETRY_POLICY.backoffBaseMs = 5;
	RETRY_POLICY.defaultTimeoutMs = 1000;
});
afterAll(() => {
	Object.assign(RETRY_POLICY, realPolicy);
	fs.mkdirSync(RESULTS_DIR, { recursive: true });
	fs.writeFileSync(path.join(RESULTS_DIR, `${path.basename(__filename)}.json`), JSON.stringify({ ...tally, total: all.length }));
});

for (const cell of all.filter((c) => !c.notApplicable)) {
	test.concurrent(`${cell.provider.label} ${cell.kind}: ${cell.fault.label}`, async () => {
		tally.run += 1;
		try {
			await runCell(cell);
			tally.passed += 1;
		} catch (error) {
			tally.failed += 1;
			tally.failures.push(cell.id);
			throw error;
		}
	}, 30_000);
}
