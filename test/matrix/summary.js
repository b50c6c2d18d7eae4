/**
 * The fault matrix's one summary line. faults.test.js writes its tally to RESULTS_DIR; jest's
 * globalSetup clears it and globalTeardown prints the line (nothing when the matrix did not run).
 */
const fs = require('fs');
const path = require('path');

const RESULTS_DIR = path.join(__dirname, '..', '..', '.tmp', 'matrix');

function clear() {
	fs.rmSync(RESULTS_DIR, { recursive: true, force: true });
}

function print() {
	if (!fs.existsSync(RESULTS_DIR)) return;
	const files = fs.readdirSync(RESULTS_DIR).filter((file) => file.endsWith('.json'));
	if (!files.length) return;
	const sum = { total: 0, run: 0, passed: 0, failed: 0, notApplicable: 0 };
	for (const file of files) {
		const tally = JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, file), 'utf8'));
		for (const key of Object.keys(sum)) sum[key] += tally[key];
	}
	process.stdout.write(
		`\nfault matrix: ${sum.total} cells, ${sum.run} run, ${sum.passed} passed, ${sum.failed} failed, ${sum.notApplicable} not applicable\n`,
	);
}

module.exports = { RESULTS_DIR, clear, print };
