/**
 * Benchmarks (not tests): pacing under a tight rate limit and pagination cost, each printed next to
 * its bound as a ratio measured in this run. `npm run bench` builds first.
 */
process.env.TZ = 'UTC';
const { runWorkflow } = require('../test/harness');
const { startWebWorkEmulator } = require('../test/emulators/webwork');

const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });
const results = [];

function report(name, measured, bound, { lowerIsBetter = true, unit = '' } = {}) {
	const ratio = measured / bound;
	const ok = lowerIsBetter ? measured <= bound : measured >= bound;
	results.push(ok);
	console.log(
		`${ok ? 'PASS' : 'FAIL'}  ${name}: ${measured}${unit} vs bound ${bound}${unit} → ratio ${ratio.toFixed(3)}`,
	);
}

async function pacingBench() {
	const limit = 10;
	const windowMs = 5000;
	const calls = 30;
	const emulator = await startWebWorkEmulator({ rateLimit: { limit, windowMs } });
	try {
		const workspace = 101;
		const projects = await fetch(`${emulator.baseUrl}/projects?workspace_id=${workspace}&per_page=1`, {
			headers: { authorization: `Bearer ${emulator.token}` },
		}).then((r) => r.json());
		const projectId = projects.data[0].id;
		await new Promise((resolve) => setTimeout(resolve, windowMs)); // let the probe call leave the window
		emulator.clearLog();
		const started = Date.now();
		const run = await runWorkflow({
			node: {
				type: 'webWork',
				parameters: { authentication: 'accessToken', resource: 'projects', operation: 'get', projectId: byId(projectId), workspaceId: byId(workspace) },
			},
			input: Array.from({ length: calls }, (_, i) => ({ i })),
			// The credential keeps its documented default pacing (60/min); the emulator is stricter.
			credentials: { webWorkApi: { accessToken: emulator.token, baseUrl: emulator.baseUrl } },
		});
		const wallMs = Date.now() - started;
		const okItems = run.items.filter((item) => item.id === projectId).length;
		const answered = emulator.requests.filter((r) => r.path === `/projects/${projectId}`);
		const successes = answered.filter((r) => r.status === 200).length;
		const throttles = answered.filter((r) => r.status === 429).map((r) => r.at - started);
		const perWindow = new Map();
		for (const at of throttles) perWindow.set(Math.floor(at / windowMs), (perWindow.get(Math.floor(at / windowMs)) ?? 0) + 1);
		const worstWindow = Math.max(0, ...perWindow.values());
		const lowerBoundMs = (Math.ceil(calls / limit) - 1) * windowMs;
		console.log(`\npacing: ${calls} item-level GETs, emulator limit ${limit} per ${windowMs / 1000} s (429 + Retry-After)`);
		report('items out', okItems, calls, { lowerIsBetter: false });
		report('successful calls', successes, calls, { lowerIsBetter: false });
		report('429s in the worst window', worstWindow, 1);
		console.log(`      (429s in all: ${throttles.length})`);
		report('wall time vs the 10 s lower bound ×1.10', wallMs / 1000, (lowerBoundMs / 1000) * 1.1, { unit: ' s' });
		console.log(`      wall / lower bound = ${(wallMs / lowerBoundMs).toFixed(3)} (bound 1.10)`);
	} finally {
		await emulator.close();
	}
}

async function paginationBench() {
	const emulator = await startWebWorkEmulator({ rateLimit: { limit: 100000, windowMs: 60000 } });
	try {
		const workspace = 102;
		const probe = await fetch(`${emulator.baseUrl}/projects?workspace_id=${workspace}&per_page=1`, {
			headers: { authorization: `Bearer ${emulator.token}` },
		}).then((r) => r.json());
		emulator.seedBulk('projects', 1000 - probe.meta.pagination.total, workspace);
		emulator.clearLog();
		const run = await runWorkflow({
			node: {
				type: 'webWork',
				parameters: { authentication: 'accessToken', resource: 'projects', operation: 'getAll', workspaceId: byId(workspace), returnAll: true },
			},
			credentials: { webWorkApi: { accessToken: emulator.token, baseUrl: emulator.baseUrl, requestsPerMinute: 100000 } },
		});
		const listCalls = emulator.requests.filter((r) => r.method === 'GET' && r.path === '/projects').length;
		console.log('\npagination: Return All over 1,000 projects');
		report('records out', run.items.length, 1000, { lowerIsBetter: false });
		report('list calls', listCalls, 10);
	} finally {
		await emulator.close();
	}
}

(async () => {
	await pacingBench();
	await paginationBench();
	const failed = results.filter((ok) => !ok).length;
	console.log(`\nbench: ${results.length - failed} within bounds, ${failed} outside`);
	process.exit(failed ? 1 : 0);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
