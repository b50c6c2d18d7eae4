/**
 * Several independent processes (test/harness/pacedProcess.js, each with its own pacer) on ONE emulator
 * token, and what the emulator saw: 429s per window, span against the limit's lower bound.
 * Used by test/webwork/sharedToken.test.js and scripts/bench.js.
 */
const { spawn } = require('child_process');
const path = require('path');

function runChild(options) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(__dirname, 'pacedProcess.js'), JSON.stringify(options)], {
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, N8N_USER_FOLDER: '' },
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', () => {
			const line = stdout.trim().split('\n').pop();
			try {
				resolve(JSON.parse(line));
			} catch {
				reject(new Error(`paced process printed no result\n${stdout}\n${stderr}`));
			}
		});
	});
}

/**
 * @param {object} emulator  a started WebWork emulator (in this process) with its rate limit set
 * @param {object} options   {processes: number, items: number (each), limit, windowMs, requestsPerMinute, workspaceId}
 */
async function runSharedToken(emulator, { processes, items, limit, windowMs, requestsPerMinute, workspaceId = 101 }) {
	const listed = await fetch(`${emulator.baseUrl}/projects?workspace_id=${workspaceId}&per_page=1`, {
		headers: { authorization: `Bearer ${emulator.token}` },
	}).then((response) => response.json());
	const projectId = listed.data[0].id;
	// Let the look-up leave the window, then forget it.
	await new Promise((resolve) => setTimeout(resolve, windowMs + 100));
	emulator.clearLog();
	// Node and the harness take a second or two to load: start together once all are ready.
	const startAt = Date.now() + 4000;
	const results = await Promise.all(
		Array.from({ length: processes }, () =>
			runChild({ baseUrl: emulator.baseUrl, token: emulator.token, items, projectId, workspaceId, startAt, requestsPerMinute }),
		),
	);
	const calls = emulator.requests.filter((r) => r.path === `/projects/${projectId}`);
	const first = Math.min(...calls.map((r) => r.at));
	const last = Math.max(...calls.filter((r) => r.status === 200).map((r) => r.at));
	const refused = calls.filter((r) => r.status === 429).map((r) => r.at - first);
	const windows = Math.max(1, Math.ceil((last - first + 1) / windowMs));
	const refusalsPerWindow = Array.from({ length: windows }, () => 0);
	for (const at of refused) refusalsPerWindow[Math.min(windows - 1, Math.floor(at / windowMs))]++;
	const total = processes * items;
	const lowerBoundMs = (Math.ceil(total / limit) - 1) * windowMs;
	return {
		results,
		ok: results.reduce((sum, r) => sum + r.ok, 0),
		failed: results.reduce((sum, r) => sum + Math.abs(r.failed), 0),
		errors: results.flatMap((r) => r.errors),
		successes: calls.filter((r) => r.status === 200).length,
		refusals: refused.length,
		refusalsPerWindow,
		worstWindow: Math.max(0, ...refusalsPerWindow),
		spanMs: last - first,
		lowerBoundMs,
		ratio: (last - first) / lowerBoundMs,
	};
}

module.exports = { runSharedToken };
