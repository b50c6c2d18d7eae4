/**
 * Jest reporter that prints the plain totals line CI reads (`N passed, N failed`) and keeps the
 * numbers in .tmp/jest-summary.json so .ci/run can add the e2e results to them.
 */
const fs = require('fs');
const path = require('path');

class SummaryReporter {
	onRunComplete(_contexts, results) {
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		const summary = { passed: results.numPassedTests, failed, skipped: results.numPendingTests };
		const dir = path.join(__dirname, '..', '.tmp');
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'jest-summary.json'), JSON.stringify(summary));
		process.stdout.write(`\njest: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped\n`);
	}
}

module.exports = SummaryReporter;
