/**
 * Harness benchmarks (n8n-core's WorkflowExecute, no n8n server): pacing under a tight rate limit, one token
 * shared by independent processes, pagination cost and the idle poll cost of each trigger, each printed next
 * to its bound as a ratio measured in this run. `node scripts/bench.js` runs them alone (after a build);
 * `npm run bench` runs them next to the real-n8n benchmarks (scripts/bench-n8n.js) and writes
 * docs/benchmarks.md.
 */
process.env.TZ = 'UTC';
const { runWorkflow } = require('../test/harness');
const { createTriggerWorkflow, runPoll } = require('../test/harness/triggers');
const { runSharedToken } = require('../test/harness/sharedToken');
const { startWebWorkEmulator } = require('../test/emulators/webwork');
const { startWeWorkedEmulator } = require('../test/emulators/weworked');
const { startTeamWorkLiveEmulator } = require('../test/emulators/teamworklive');
const { startWorksibleEmulator } = require('../test/emulators/worksible');
const { weWorkedCredentials } = require('../test/weworked/helpers');
const { teamWorkLiveCredentials } = require('../test/teamworklive/helpers');
const { worksibleCredentials } = require('../test/worksible/helpers');

const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

function check(results, name, measured, bound, { lowerIsBetter = true, unit = '' } = {}) {
	const ok = lowerIsBetter ? measured <= bound : measured >= bound;
	results.push({ name, measured, bound, ok, unit });
	const shown = Number.isInteger(measured) ? measured : Number(measured.toFixed(3));
	console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${shown}${unit} vs bound ${bound}${unit}`);
	return ok;
}

/** One process, 30 item-level GETs at 10 per 5 s; the credential states that limit (120 per minute). */
async function pacingBench(results) {
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
			credentials: { webWorkApi: { accessToken: emulator.token, baseUrl: emulator.baseUrl, requestsPerMinute: 120 } },
		});
		const wallMs = Date.now() - started;
		const answered = emulator.requests.filter((r) => r.path === `/projects/${projectId}`);
		const refusals = answered.filter((r) => r.status === 429).length;
		const lowerBoundMs = (Math.ceil(calls / limit) - 1) * windowMs;
		// The pacer keeps one slot of each window free (from 10 a window up, nodes/shared/rateLimit.ts): the
		// bound it can reach with the rest.
		const ownBoundMs = (Math.ceil(calls / (limit >= 10 ? limit - 1 : limit)) - 1) * windowMs;
		console.log(`\npacing: ${calls} item-level GETs, one process, emulator limit ${limit} per ${windowMs / 1000} s`);
		check(results, 'pacing: items out', run.items.filter((item) => item.id === projectId).length, calls, { lowerIsBetter: false });
		check(results, 'pacing: 429s', refusals, 0);
		check(results, 'pacing: wall / lower bound with one slot kept free', wallMs / ownBoundMs, 1.15);
		return { calls, refusals, wallMs, lowerBoundMs, ratio: wallMs / lowerBoundMs };
	} finally {
		await emulator.close();
	}
}

/**
 * Independent processes (own pacers) on one token of 10 per 5 s: 429s per window, span vs the bound.
 * window: 'sliding' (the emulators' default) or 'fixed' (Laravel's throttle).
 */
async function sharedTokenBench(results, processes, items, window = 'sliding') {
	const limit = 10;
	const windowMs = 5000;
	const emulator = await startWebWorkEmulator({ rateLimit: { limit, windowMs, window } });
	try {
		const run = await runSharedToken(emulator, { processes, items, limit, windowMs, requestsPerMinute: 120 });
		const label = `${processes} processes x ${items}${window === 'fixed' ? ', fixed window' : ''}`;
		console.log(`\nshared token: ${label} item-level GETs, one token, emulator limit ${limit} per ${windowMs / 1000} s (${window} window)`);
		console.log(`      429s per ${windowMs / 1000} s window: ${run.refusalsPerWindow.join(' ')}`);
		const fixed = window === 'fixed';
		check(results, `shared ${label}: failed items`, run.failed, 0);
		check(results, `shared ${label}: 429s in the worst window`, run.worstWindow, processes <= 2 ? 1 : 2);
		// One slot of 10 kept free costs 1.11x the bound (see pacingBench).
		check(results, `shared ${label}: span / lower bound`, run.ratio, (fixed ? 1.2 : processes <= 2 ? 1.12 : 1.15) * (limit / (limit - 1)));
		return { processes, items, window, ...run, results: undefined };
	} finally {
		await emulator.close();
	}
}

async function paginationBench(results) {
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
		check(results, 'pagination: records out', run.items.length, 1000, { lowerIsBetter: false });
		check(results, 'pagination: list calls', listCalls, 10);
		return { records: run.items.length, listCalls };
	} finally {
		await emulator.close();
	}
}

/**
 * Idle poll cost: requests one poll makes when nothing is new, per trigger, every event it offers on
 * (the first poll primes and is not counted).
 */
async function idlePollBench(results) {
	const triggers = [
		{
			name: 'WebWork Approvals Trigger (4 queues)',
			start: () => startWebWorkEmulator({ rateLimit: { limit: 100000 } }),
			node: (emulator) => ({
				node: {
					type: 'webWorkApprovalsTrigger',
					parameters: {
						authentication: 'accessToken',
						workspaceId: byId(101),
						events: ['timeRequestPending', 'timesheetSubmitted', 'leaveRequested', 'expenseSubmitted'],
					},
				},
				credentials: { webWorkApi: { accessToken: emulator.token, baseUrl: emulator.baseUrl, requestsPerMinute: 100000 } },
			}),
			bound: 4,
		},
		{
			name: 'WeWorked Trigger (all 11 events)',
			start: () => startWeWorkedEmulator({ rateLimit: { limit: 100000 } }),
			node: (emulator) => ({
				node: {
					type: 'weWorkedTrigger',
					parameters: {
						events: [
							'newClient', 'changedClient', 'newProject', 'changedProject', 'newUser', 'changedUser',
							'newInvoice', 'changedInvoice', 'newExpense', 'changedExpense', 'newTime',
						],
					},
				},
				credentials: weWorkedCredentials(emulator),
			}),
			bound: 6,
		},
		{
			name: 'TeamWork Live Trigger (all 8 events)',
			start: () => startTeamWorkLiveEmulator({ rateLimit: { limit: 100000 } }),
			node: (emulator) => ({
				node: {
					type: 'teamWorkLiveTrigger',
					parameters: {
						events: ['newClientCompany', 'changedClientCompany', 'newProject', 'changedProject', 'newUser', 'changedUser', 'newContact', 'changedContact'],
					},
				},
				credentials: teamWorkLiveCredentials(emulator),
			}),
			bound: 4,
		},
		{
			name: 'Worksible Trigger (one list, new + changed)',
			start: () => startWorksibleEmulator({ rateLimit: false }),
			node: (emulator) => ({
				node: { type: 'worksibleTrigger', parameters: { resource: 'invoices', events: ['newRecord', 'changedRecord'] } },
				credentials: worksibleCredentials(emulator),
			}),
			bound: 1,
		},
	];
	console.log('\nidle polls: requests per poll with nothing new');
	const rows = [];
	for (const trigger of triggers) {
		const emulator = await trigger.start();
		try {
			const tw = createTriggerWorkflow({ workflowId: 'wf-bench', ...trigger.node(emulator) });
			await runPoll(tw); // activation: primes, not counted
			emulator.clearLog();
			const polls = 3;
			let emitted = 0;
			for (let i = 0; i < polls; i++) emitted += (await runPoll(tw)).items?.length ?? 0;
			const perPoll = emulator.requests.length / polls;
			check(results, `idle poll: ${trigger.name} requests per poll`, perPoll, trigger.bound);
			rows.push({ trigger: trigger.name, requestsPerPoll: perPoll, emitted });
		} finally {
			await emulator.close();
		}
	}
	return rows;
}

/** Every harness benchmark; the shared-token ones run side by side with whatever the caller does. */
async function runHarnessBenches({ shared = [[2, 120], [4, 60], [2, 120, 'fixed'], [4, 60, 'fixed']] } = {}) {
	const results = [];
	const data = {};
	data.pacing = await pacingBench(results);
	data.pagination = await paginationBench(results);
	data.idlePolls = await idlePollBench(results);
	data.shared = [];
	for (const [processes, items, window] of shared) data.shared.push(await sharedTokenBench(results, processes, items, window));
	return { results, data };
}

module.exports = { runHarnessBenches };

if (require.main === module) {
	runHarnessBenches()
		.then(({ results }) => {
			const failed = results.filter((r) => !r.ok).length;
			console.log(`\nbench: ${results.length - failed} within bounds, ${failed} outside`);
			process.exit(failed ? 1 : 0);
		})
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
}
