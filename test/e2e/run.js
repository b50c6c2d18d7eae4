'use strict';
/**
 * End-to-end tests: the packed node pack inside a real n8n (2.40.7 on Node 24, installed and
 * cached by scripts/install-n8n.sh), talking to the WebWork emulator (scripts/emulator.js).
 *
 *   npm run test:e2e            (plain Node >= 20, no dependencies)
 *
 * Env: E2E_EMULATOR=<path> runs another emulator script with the same contract (prints one JSON
 * line {baseUrl, origin, token}, runs until SIGTERM); E2E_KEEP=1 keeps the temp folder for debugging;
 * E2E_TIMEOUT_MS changes the per-command timeout (120 s); E2E_ONLY=<text> runs only the scenarios
 * whose name contains it. The trigger scenario also needs the
 * emulator's test-only control endpoint (`--control`, which is passed to it: JSON line gains "control").
 *
 * To add a scenario, append to SCENARIOS: it gets a context with n8n helpers, the emulator and
 * the imported credential, and reports results through check().
 */
const { spawn } = require('child_process');
const { approvalsByEmailScenario, otherTemplatesScenario } = require('./templates');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const {
	liveChildren,
	killGroup,
	killLiveChildren,
	freePort,
	sleep,
	waitFor,
	installN8n,
	n8nEnv,
	packPackage,
	installPackage,
	startEmulator: startEmulatorScript,
	makeN8n,
	n8nRest,
	describeFailure,
	cliOk,
} = require('../../scripts/n8n-host');

const ROOT = path.resolve(__dirname, '../..');
const PKG = require(path.join(ROOT, 'package.json'));
const NODE_TYPE = `${PKG.name}.webWork`;
const EMULATOR_SCRIPT = process.env.E2E_EMULATOR || path.join(ROOT, 'scripts/emulator.js');
const TRIGGER_TYPE = `${PKG.name}.webWorkTrigger`;
const RECONCILE_SECONDS = 2; // n8n's publication reconcile interval for `n8n start` (default 10)

// ---------------------------------------------------------------------------------------------
// Results

const results = [];
function check(name, fn) {
	try {
		fn();
		results.push({ name, ok: true });
		console.log(`PASS ${name}`);
	} catch (error) {
		results.push({ name, ok: false });
		console.log(`FAIL ${name}: ${error.message}`);
	}
}
function assert(condition, message) {
	if (!condition) throw new Error(message);
}
const show = (value) => JSON.stringify(value);

// ---------------------------------------------------------------------------------------------
// Processes

// Children still running (scripts/n8n-host.js). n8n runs in its own process group, so a Ctrl-C or a CI
// cancel would not reach it: on SIGINT/SIGTERM kill them all and remove the temp folder ourselves.
let tempFolder = null;
function handleInterrupts() {
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => {
			killLiveChildren();
			if (tempFolder && !process.env.E2E_KEEP) fs.rmSync(tempFolder, { recursive: true, force: true });
			console.log(`\ne2e: interrupted by ${signal}`);
			process.exit(1);
		});
	}
}

// --control: the test-only POST /__control/deliver endpoint (scripts/emulator.js) the trigger scenario uses.
const startEmulator = (extraArgs = ['--control']) => startEmulatorScript(EMULATOR_SCRIPT, extraArgs);

// ---------------------------------------------------------------------------------------------
// n8n execution results

/** The json of every item a node output on its first run and first output. */
function nodeItems(execution, nodeName) {
	const runs = execution.data.resultData.runData[nodeName];
	assert(runs && runs.length, `node "${nodeName}" did not run`);
	const main = (runs[0].data && runs[0].data.main) || [];
	return (main[0] || []).map((item) => item.json);
}

function executionError(execution, result) {
	if (!execution) return `no execution JSON in the output\n${describeFailure('n8n execute', result)}`;
	const error = execution.data.resultData.error;
	if (!error) return `status ${execution.status}`;
	const node = error.node ? ` in node "${error.node.name}"` : '';
	return `${error.message}${node}${error.description ? `: ${error.description}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Workflow building

let nodeCounter = 0;
function node(name, type, parameters, extra = {}) {
	return { id: `e2e-node-${++nodeCounter}`, name, type, typeVersion: 1, position: [nodeCounter * 220, 0], parameters, ...extra };
}

/** A workflow whose nodes run one after the other in the given order. */
function chainWorkflow(id, name, nodes) {
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, settings: {}, nodes, connections };
}

function webWorkNode(name, credential, parameters) {
	return node(name, NODE_TYPE, { authentication: 'accessToken', ...parameters }, {
		credentials: { webWorkApi: { id: credential.id, name: credential.name } },
	});
}

// ---------------------------------------------------------------------------------------------
// Scenarios

const SCENARIOS = [
	{
		name: 'manual trigger → workspaces → projects (n8n execute)',
		async run({ importWorkflow, executeWorkflow, emulator, credential }) {
			const workflow = chainWorkflow('e2eWorkspaceProj', 'e2e: workspaces and projects', [
				node('Start', 'n8n-nodes-base.manualTrigger', {}),
				webWorkNode('Workspaces', credential, { resource: 'workspaces', operation: 'getAll', returnAll: true }),
				webWorkNode('Projects', credential, {
					resource: 'projects',
					operation: 'getAll',
					workspaceId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					returnAll: true,
				}),
			]);
			await importWorkflow(workflow);
			const { execution, result } = await executeWorkflow(workflow.id);

			check('execution succeeded', () => {
				assert(execution && execution.status === 'success' && result.code === 0, executionError(execution, result));
			});
			if (!execution) return;

			// What the emulator serves, fetched directly, is what the nodes should have output.
			const workspaces = await emulator.getAll('/workspaces');
			const workspaceIds = workspaces.map((w) => w.id);
			check(`Workspaces node output the emulator's workspaces ${show(workspaceIds)}`, () => {
				assert(workspaces.length > 0, 'the emulator serves no workspaces; nothing to compare');
				const got = nodeItems(execution, 'Workspaces');
				assert(show(got.map((w) => w.id)) === show(workspaceIds), `got ids ${show(got.map((w) => w.id))}`);
				const differing = got.find((w, i) => show(w) !== show(workspaces[i]));
				assert(!differing, `record ${differing && differing.id} differs from the emulator's`);
			});

			// The Projects node runs once per workspace item; its output is all their projects, in order.
			const expected = [];
			for (const id of workspaceIds) expected.push(...(await emulator.getAll('/projects', { workspace_id: id })));
			const expectedIds = expected.map((p) => p.id);
			check(`Projects node output those workspaces' projects ${show(expectedIds)}`, () => {
				assert(expected.length > 0, 'the emulator has no projects in these workspaces; nothing to compare');
				const got = nodeItems(execution, 'Projects');
				assert(show(got.map((p) => p.id)) === show(expectedIds), `got ids ${show(got.map((p) => p.id))}`);
				// Whole records, not just ids: the node passes the API's records through unchanged.
				const differing = got.find((p, i) => show(p) !== show(expected[i]));
				assert(!differing, `record ${differing && differing.id} differs from the emulator's`);
			});
		},
	},
	{
		name: 'WeWorked: manual trigger → clients (Simplify) → projects (raw) (n8n execute)',
		async run({ importWorkflow, importCredentials, executeWorkflow }) {
			const weworked = await startEmulator(['--provider', 'weworked']);
			try {
				const credential = { id: 'e2eWeWorkedCred1', name: 'WeWorked e2e', type: 'weWorkedApi' };
				await importCredentials([{ ...credential, data: { apiKey: weworked.apiKey, email: weworked.email, baseUrl: weworked.baseUrl } }]);
				const weWorkedNode = (name, parameters) =>
					node(name, 'n8n-nodes-worktime.weWorked', parameters, {
						credentials: { weWorkedApi: { id: credential.id, name: credential.name } },
					});
				const workflow = chainWorkflow('e2eWeWorked', 'e2e: weworked', [
					node('Start', 'n8n-nodes-base.manualTrigger', {}),
					weWorkedNode('Clients', { resource: 'clients', operation: 'getAll', returnAll: true }),
					weWorkedNode('Projects', { resource: 'projects', operation: 'getAll', returnAll: true, simplify: false }),
				]);
				workflow.nodes[2].executeOnce = true;
				await importWorkflow(workflow);
				const { execution, result } = await executeWorkflow(workflow.id);
				check('WeWorked execution succeeded', () => {
					assert(execution && execution.status === 'success' && result.code === 0, executionError(execution, result));
				});
				if (!execution) return;
				const headers = { 'x-api-key': weworked.apiKey, 'x-ww-user': weworked.email };
				const clients = await (await fetch(`${weworked.baseUrl}/v1/clients`, { headers })).json();
				check(`Clients node output ${clients.length} simplified clients (numbers and booleans, not strings)`, () => {
					const got = nodeItems(execution, 'Clients');
					assert(got.length === clients.length, `got ${got.length}`);
					assert(show(got.map((c) => String(c.clientId))) === show(clients.map((c) => c.clientId)), 'ids differ');
					assert(got.every((c) => typeof c.clientId === 'number' && typeof c.isActive === 'boolean'), 'not simplified');
				});
				const projects = await (await fetch(`${weworked.baseUrl}/v1/projects`, { headers })).json();
				check('Projects node with Simplify off output the API\'s grouped shape unchanged', () => {
					const got = nodeItems(execution, 'Projects');
					assert(got.length === 1 && show(got[0]) === show(projects[0]), `got ${show(got).slice(0, 200)}`);
				});
			} finally {
				await weworked.stop();
			}
		},
	},
	{
		name: 'TeamWork Live: client companies (create, list) (n8n execute)',
		async run({ importWorkflow, importCredentials, executeWorkflow }) {
			const twl = await startEmulator(['--provider', 'teamworklive']);
			try {
				const credential = { id: 'e2eTwlCred1', name: 'TeamWork Live e2e', type: 'teamWorkLiveApi' };
				await importCredentials([{ ...credential, data: { baseUrl: twl.baseUrl, email: twl.email, apiKey: twl.apiKey } }]);
				const twlNode = (name, type, parameters) =>
					node(name, `${PKG.name}.${type}`, parameters, {
						credentials: { teamWorkLiveApi: { id: credential.id, name: credential.name } },
					});
				const auth = { Authorization: `Basic ${Buffer.from(`${twl.email}:${twl.apiKey}`).toString('base64')}` };
				const listed = async () => (await fetch(`${twl.baseUrl}/clientcompanies.json`, { headers: auth })).json();
				const before = await listed();
				const workflow = chainWorkflow('e2eTeamWorkLive', 'e2e: teamwork live', [
					node('Start', 'n8n-nodes-base.manualTrigger', {}),
					twlNode('Create', 'teamWorkLive', { resource: 'clientCompany', operation: 'create', name: 'E2E Client Co' }),
					twlNode('List', 'teamWorkLive', { resource: 'clientCompany', operation: 'getAll', returnAll: true }),
				]);
				await importWorkflow(workflow);
				const { execution, result } = await executeWorkflow(workflow.id);
				check('TeamWork Live execution succeeded', () => {
					assert(execution && execution.status === 'success' && result.code === 0, executionError(execution, result));
				});
				const after = await listed();
				check('TeamWork Live: exactly one client company created, and the list node output the emulator\'s list', () => {
					assert(after.length === before.length + 1, `${before.length} → ${after.length} companies`);
					const got = execution ? nodeItems(execution, 'List') : [];
					assert(show(got.map((c) => c.id)) === show(after.map((c) => c.id)), `got ids ${show(got.map((c) => c.id))}`);
				});
			} finally {
				await twl.stop();
			}
		},
	},
	{
		name: 'Worksible: organizations (create with an idempotency key, list) (n8n execute)',
		async run({ importWorkflow, importCredentials, executeWorkflow }) {
			const worksible = await startEmulator(['--provider', 'worksible']);
			try {
				const credential = { id: 'e2eWorksibleCred1', name: 'Worksible e2e', type: 'worksibleApi' };
				await importCredentials([{ ...credential, data: { apiKey: worksible.apiKey, baseUrl: worksible.baseUrl } }]);
				const wsNode = (name, type, parameters) =>
					node(name, `${PKG.name}.${type}`, parameters, {
						credentials: { worksibleApi: { id: credential.id, name: credential.name } },
					});
				const headers = { Authorization: `Bearer ${worksible.apiKey}` };
				const listAll = async () => {
					const all = [];
					let cursor;
					for (let page = 0; page < 50; page++) {
						const url = `${worksible.baseUrl}/organizations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
						const body = await (await fetch(url, { headers })).json();
						all.push(...body.data);
						if (!body.has_more) break;
						cursor = body.next_cursor;
					}
					return all;
				};
				const before = await listAll();
				const workflow = chainWorkflow('e2eWorksible', 'e2e: worksible', [
					node('Start', 'n8n-nodes-base.manualTrigger', {}),
					wsNode('Create', 'worksible', {
						resource: 'organizations',
						operation: 'create',
						additionalFields: { name: 'E2E Org' },
					}),
					wsNode('List', 'worksible', { resource: 'organizations', operation: 'getAll', returnAll: true }),
				]);
				await importWorkflow(workflow);
				const { execution, result } = await executeWorkflow(workflow.id);
				check('Worksible execution succeeded', () => {
					assert(execution && execution.status === 'success' && result.code === 0, executionError(execution, result));
				});
				const after = await listAll();
				check('Worksible: exactly one organization created, and the list node output every organization', () => {
					assert(after.length === before.length + 1, `${before.length} → ${after.length} organizations`);
					const got = execution ? nodeItems(execution, 'List') : [];
					assert(show(got.map((o) => o.id).sort()) === show(after.map((o) => o.id).sort()), `got ${got.length} items`);
				});
			} finally {
				await worksible.stop();
			}
		},
	},
	{
		name: 'WebWork Trigger in a running n8n: publish → webhook registered, delivery → execution, restart, unpublish',
		run: triggerLifecycleScenario,
	},	{
		name: 'Template "Approve WebWork requests by e-mail" in a running n8n: real SMTP, links clicked, approve / reject with reason / escalate',
		run: approvalsByEmailScenario,
	},
	{
		name: 'Templates: weekly WeWorked summary, daily approvals digest (signed links), Worksible invoice paid, TeamWork Live welcome',
		run: otherTemplatesScenario,
	},
	{
		name: 'Editor in a real browser (Chromium): every node added, resources and operations, credentials, locator search, a run, screenshots',
		run: (context) => require('./editor').editorScenario(context),
	},
	{
		name: 'TeamWork Live and Worksible Triggers in a running n8n: publish → polls every minute → each addition and change once',
		run: pollingTriggersScenario,
	},
	{
		name: 'npm start: playground up (login, demo credentials, templates, emulators, mail view), Ctrl-C stops it all, a second start reuses the data',
		run: npmStartScenario,
	},
];

function note(text) {
	console.log(`NOTE ${text}`);
}

const sameSet = (a = [], b = []) => show([...a].sort()) === show([...b].sort());
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

/** check() for an async body. */
async function checkAsync(name, fn) {
	let error = null;
	await fn().catch((e) => (error = e));
	check(name, () => {
		if (error) throw error;
	});
}

/** Waits until n8n's publication status of a workflow is `wanted` with nothing in flight; resolves with the wait in ms. */
async function publicationStatus(rest, server, workflowId, wanted) {
	const begin = Date.now();
	let last = null;
	await waitFor(
		async () => {
			last = await rest.request('GET', `/workflows/${workflowId}/publication-status`);
			if (['failed', 'partial'].includes(last.status) && wanted !== last.status) {
				throw new Error(`publication ${last.status}: ${show(last.triggers)}\n${server.tail()}`);
			}
			return last.status === wanted && !last.pendingVersionId;
		},
		{ timeoutMs: 30_000, message: () => `publication status "${wanted}" (last: ${show(last)})` },
	);
	return Date.now() - begin;
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/** Waits until a workflow has at least `count` executions, all finished (editor REST API); newest first. */
async function finishedExecutionsOf(rest, workflowId, count, timeoutMs = 15_000) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = await waitFor(
		async () => {
			const all = (await rest.request('GET', `/executions?filter=${filter}&limit=100`)).results;
			return all.length >= count && all.every((e) => FINISHED.has(e.status)) ? all : null;
		},
		{ timeoutMs, intervalMs: 1000, message: `${count} finished execution(s) of ${workflowId}` },
	);
	return list.sort((a, b) => Number(b.id) - Number(a.id));
}

/** One execution's run data (n8n stores execution data in flatted form). */
async function executionDataOf(rest, flatted, executionId) {
	const execution = await rest.request('GET', `/executions/${executionId}`);
	return typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
}

/**
 * The trigger's webhook lifecycle in `n8n start` against the emulator's registered webhooks.
 *
 * n8n 2.40.7 applies publications through its "workflow publication service" (on by default,
 * N8N_USE_WORKFLOW_PUBLICATION_SERVICE): publish:/unpublish:workflow only change activeVersionId in
 * the database, and a reconciler (at startup and every N8N_WORKFLOW_PUBLICATION_RECONCILE_INTERVAL_SECONDS,
 * default 10, here 2) compares it with the published version and applies the difference: it calls the
 * node's checkExists/create when publishing and its delete when unpublishing, on a running n8n too.
 * A workflow that stays published is not touched at startup (its webhook rows persist), so a restart
 * calls none of the node's webhook methods. The reconciliation is asynchronous: "Editor is now
 * accessible" comes before it, so the scenario waits on GET /rest/workflows/:id/publication-status.
 */
async function triggerLifecycleScenario({ importWorkflow, n8n, startServer, nodeModules, emulator, credential }) {
	const workspaceId = '101';
	const webhookId = '3f6c1e2a-8b4d-4f0e-9a7c-5d2b1e0f4a68'; // n8n sets one per webhook node; fixed here
	const events = ['tracker.started', 'tracker.stopped'];
	const trigger = node(
		'WebWork Trigger',
		TRIGGER_TYPE,
		{
			authentication: 'accessToken',
			workspaceId: { __rl: true, mode: 'id', value: workspaceId },
			events,
			// Also proves that the webhook token create()/checkExists() keep in static data reaches webhook().
			options: { verification: 'hmacSha256' },
		},
		{ webhookId, credentials: { webWorkApi: { id: credential.id, name: credential.name } } },
	);
	const workflow = chainWorkflow('e2eWebWorkTrigWf', 'e2e: WebWork Trigger', [trigger, node('Done', 'n8n-nodes-base.noOp', {})]);
	const flatted = require(path.join(nodeModules, 'flatted'));

	const port = await freePort();
	const productionUrl = `http://127.0.0.1:${port}/webhook/${webhookId}/webhook`;
	/** Remote webhooks with any of this node's URLs (production or test). */
	const ours = async () => (await emulator.webhooks(workspaceId)).filter((hook) => String(hook.url).includes(webhookId));
	const describeHooks = (hooks) => show(hooks.map(({ id, url, events: e }) => ({ id, url, events: e })));
	const assertOne = (hooks, id) => {
		assert(hooks.length === 1, `expected exactly one, got ${hooks.length}: ${describeHooks(hooks)}`);
		assert(hooks[0].url === productionUrl, `registered ${hooks[0].url}, expected ${productionUrl}`);
		assert(sameSet(hooks[0].events, events), `events ${show(hooks[0].events)}, expected ${show(events)}`);
		if (id) assert(hooks[0].id === id, `webhook ${hooks[0].id}, expected ${id} (deleted and created anew?)`);
	};
	const cli = (...args) => cliOk(n8n, args);

	let server = null;
	let rest = null;
	const start = async (label) => {
		server = await startServer(port, { N8N_WORKFLOW_PUBLICATION_RECONCILE_INTERVAL_SECONDS: String(RECONCILE_SECONDS) });
		console.log(`  (${label}: n8n start ready in ${seconds(server.startedInMs)})`);
		rest = n8nRest(server.baseUrl);
		await rest.signIn();
	};
	const stop = async (label) => {
		const begin = Date.now();
		const result = await server.stop();
		server = null;
		console.log(`  (${label}: n8n stopped in ${seconds(Date.now() - begin)}, exit ${result.code ?? result.signal})`);
		return result;
	};

	const publication = (wanted) => publicationStatus(rest, server, workflow.id, wanted);
	const finishedExecutions = (count) => finishedExecutionsOf(rest, workflow.id, count);
	const executionData = (executionId) => executionDataOf(rest, flatted, executionId);
	const assertDelivered = async (execution, event, marker) => {
		assert(execution.status === 'success', `execution ${execution.id} has status ${execution.status}`);
		assert(execution.mode === 'webhook', `execution ${execution.id} has mode ${execution.mode}`);
		const data = await executionData(execution.id);
		const items = nodeItems({ data }, trigger.name);
		assert(items.length === 1, `the trigger output ${items.length} items`);
		const [{ event: got, workspace_id, data: payload }] = items;
		assert(got === event && payload && payload.marker === marker, `the trigger output ${show(items[0])}`);
		assert(String(workspace_id) === workspaceId, `workspace_id ${workspace_id}`);
		assert(nodeItems({ data }, 'Done').length === 1, 'the node after the trigger did not get the item');
	};
	const postToProductionUrl = () =>
		fetch(productionUrl, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ event: 'tracker.started', workspace_id: Number(workspaceId), data: {} }),
			signal: AbortSignal.timeout(10_000),
		}).then((response) => response.status);

	try {
		// 1. Publish with the CLI while n8n is stopped, then start it.
		await importWorkflow(workflow);
		await cli('publish:workflow', `--id=${workflow.id}`);
		const beforeStart = await ours();
		check('import + CLI publish register nothing by themselves', () => assert(!beforeStart.length, describeHooks(beforeStart)));

		await start('first start');
		const published = await publication('published');
		note(`publication applied ${seconds(published)} after n8n reported ready`);
		let hooks = await ours();
		check(`CLI publish + n8n start registered exactly one webhook: ${productionUrl} for ${show(events)}`, () => assertOne(hooks));
		if (hooks.length !== 1) return;
		const hookId = hooks[0].id;

		// 2. Deliveries. Refused and ignored ones first: once the good one's execution has finished,
		// an execution they had started would be there too.
		const ignored = await emulator.deliver(hookId, 'project.created', { id: 1 });
		const forged = await emulator.deliver(hookId, 'tracker.started', { user_id: 3 }, {
			signature: 'none',
			headers: { 'X-Webwork-Signature': 'f'.repeat(64) },
		});
		const marker1 = `e2e-started-${Date.now()}`;
		const accepted = await emulator.deliver(hookId, 'tracker.started', { user_id: 3, marker: marker1 });
		note(`n8n's answer to the accepted delivery: ${accepted.status} ${show(accepted.body)}`);
		check('a signed delivery of a selected event is answered 200', () =>
			assert(accepted.status === 200, `answered ${accepted.status}: ${show(accepted.body)}`),
		);
		check('a delivery of an unselected event is acknowledged 200 and ignored', () =>
			assert(ignored.status === 200 && ignored.body && ignored.body.ignored === 1, `answered ${ignored.status}: ${show(ignored.body)}`),
		);
		check('a delivery with a wrong signature is refused 401', () =>
			assert(forged.status === 401, `answered ${forged.status}: ${show(forged.body)}`),
		);
		await checkAsync('exactly one execution ran (success, webhook mode); the trigger output the tracker.started delivery', async () => {
			const list = await finishedExecutions(1);
			assert(list.length === 1, `${list.length} executions: ${show(list.map((e) => [e.id, e.status]))}`);
			await assertDelivered(list[0], 'tracker.started', marker1);
		});

		// 3. Clean restart: the webhook stays registered; nothing registers it again.
		const firstStop = await stop('restart');
		check('n8n stops cleanly on SIGTERM to its process group (exit 0)', () => assert(firstStop.clean, `exit ${firstStop.code ?? firstStop.signal}`));
		hooks = await ours();
		check('a clean stop leaves the remote webhook registered', () => assertOne(hooks, hookId));
		await start('restart');
		await sleep((RECONCILE_SECONDS + 1) * 1000); // the startup and one periodic reconciliation
		await publication('published');
		hooks = await ours();
		check('after a restart: still exactly one remote webhook, the same one (no duplicate)', () => assertOne(hooks, hookId));
		const marker2 = `e2e-stopped-${Date.now()}`;
		const afterRestart = await emulator.deliver(hookId, 'tracker.stopped', { user_id: 3, marker: marker2 });
		await checkAsync('after the restart a signed tracker.stopped delivery is answered 200 and runs the workflow', async () => {
			assert(afterRestart.status === 200, `answered ${afterRestart.status}: ${show(afterRestart.body)}`);
			const list = await finishedExecutions(2);
			assert(list.length === 2, `${list.length} executions`);
			await assertDelivered(list[0], 'tracker.stopped', marker2);
		});

		// 4a. CLI unpublish while n8n runs: the reconciler notices and runs the node's delete.
		const unpublishedAt = Date.now();
		await cli('unpublish:workflow', `--id=${workflow.id}`);
		await checkAsync("CLI unpublish while n8n runs: n8n unpublishes within a reconciliation and the node's delete removes the remote webhook", async () => {
			await publication('not_published');
			note(`unpublish applied ${seconds(Date.now() - unpublishedAt)} after the CLI command started`);
			hooks = await ours();
			assert(!hooks.length, `still registered: ${describeHooks(hooks)}`);
		});
		const afterUnpublish = await postToProductionUrl();
		check('after unpublishing n8n answers the production URL 404', () => assert(afterUnpublish === 404, `answered ${afterUnpublish}`));

		// 4b. An earlier registration for our URL with other events (e.g. left behind when static data
		// was lost), then CLI publish while n8n runs: create() must update that one, not add another.
		const stale = (await emulator.post('/webhooks', { workspace_id: Number(workspaceId), url: productionUrl, events: ['tracker.started'] })).data;
		await cli('publish:workflow', `--id=${workflow.id}`);
		await checkAsync('CLI publish while n8n runs: a stale registration for our URL is updated to our events, not duplicated', async () => {
			await publication('published');
			assertOne(await ours(), stale.id);
		});

		// 4c. CLI unpublish while n8n is stopped: applied by the startup reconciliation.
		await stop('unpublish while stopped');
		const beforeUnpublish = await ours();
		await cli('unpublish:workflow', `--id=${workflow.id}`);
		hooks = await ours();
		check('CLI unpublish while n8n is stopped changes nothing remotely by itself', () =>
			assert(describeHooks(hooks) === describeHooks(beforeUnpublish) && hooks.length, `before ${describeHooks(beforeUnpublish)}, after ${describeHooks(hooks)}`),
		);
		await start('start after unpublish');
		await checkAsync("n8n start after a CLI unpublish runs the node's delete: no remote webhook left", async () => {
			await publication('not_published');
			hooks = await ours();
			assert(!hooks.length, `still registered: ${describeHooks(hooks)}`);
		});
		await stop('end');
	} finally {
		if (server) await server.stop();
	}
}

/**
 * The two polling triggers in `n8n start`, against their emulators (separate processes, changed through
 * their own HTTP APIs as another client would). n8n refuses poll intervals under a minute and runs one
 * poll when it activates a workflow; ours primes its state there and emits nothing. Then: an addition
 * and a change → one execution with exactly those two; one more addition → one more execution with only
 * that one (nothing emitted twice across polls).
 */
async function pollingTriggersScenario({ importWorkflow, importCredentials, n8n, startServer, nodeModules }) {
	const flatted = require(path.join(nodeModules, 'flatted'));
	const twl = await startEmulator(['--provider', 'teamworklive']);
	const worksible = await startEmulator(['--provider', 'worksible']);
	let server = null;
	try {
		const twlAuth = { Authorization: `Basic ${Buffer.from(`${twl.email}:${twl.apiKey}`).toString('base64')}` };
		const worksibleAuth = { Authorization: `Bearer ${worksible.apiKey}` };
		let writeCount = 0;
		const call = async (base, method, pathName, headers, body) => {
			const response = await fetch(base + pathName, {
				method,
				headers: {
					...headers,
					Accept: 'application/json',
					...(body ? { 'Content-Type': 'application/json', 'Idempotency-Key': `e2e-poll-${Date.now()}-${++writeCount}` } : {}),
				},
				body: body ? JSON.stringify(body) : undefined,
				signal: AbortSignal.timeout(10_000),
			});
			const json = await response.json().catch(() => null);
			if (!response.ok) throw new Error(`${method} ${pathName} answered ${response.status}: ${show(json)}`);
			return json;
		};
		const providers = [
			{
				label: 'TeamWork Live',
				credential: { id: 'e2eTwlPollCred', name: 'TeamWork Live poll e2e', type: 'teamWorkLiveApi', data: { baseUrl: twl.baseUrl, email: twl.email, apiKey: twl.apiKey } },
				type: 'teamWorkLiveTrigger',
				parameters: { events: ['newClientCompany', 'changedClientCompany'] },
				events: { added: 'newClientCompany', changed: 'changedClientCompany' },
				existing: async () => (await call(twl.baseUrl, 'GET', '/clientcompanies.json', twlAuth))[0],
				add: (name) => call(twl.baseUrl, 'POST', '/clientcompanies.json', twlAuth, { name }),
				change: (id, name) => call(twl.baseUrl, 'PUT', `/clientcompanies/${id}.json`, twlAuth, { name }),
			},
			{
				label: 'Worksible',
				credential: { id: 'e2eWsPollCred', name: 'Worksible poll e2e', type: 'worksibleApi', data: { apiKey: worksible.apiKey, baseUrl: worksible.baseUrl } },
				type: 'worksibleTrigger',
				parameters: { resource: 'organizations', events: ['newRecord', 'changedRecord'] },
				events: { added: 'newRecord', changed: 'changedRecord' },
				existing: async () => (await call(worksible.baseUrl, 'GET', '/organizations?limit=1', worksibleAuth)).data[0],
				add: (name) => call(worksible.baseUrl, 'POST', '/organizations', worksibleAuth, { name }),
				change: (id, name) => call(worksible.baseUrl, 'PATCH', `/organizations/${id}`, worksibleAuth, { name }),
			},
		];
		await importCredentials(providers.map(({ credential }) => credential));
		for (const [index, provider] of providers.entries()) {
			const { id, name, type } = provider.credential;
			const trigger = node(`${provider.label} Trigger`, `${PKG.name}.${provider.type}`, {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				...provider.parameters,
			}, { credentials: { [type]: { id, name } } });
			provider.trigger = trigger;
			provider.workflow = chainWorkflow(`e2ePollTrigger${index}`, `e2e: ${provider.label} Trigger`, [trigger, node('Done', 'n8n-nodes-base.noOp', {})]);
			await importWorkflow(provider.workflow);
			await cliOk(n8n, ['publish:workflow', `--id=${provider.workflow.id}`]);
		}

		server = await startServer(await freePort(), { N8N_WORKFLOW_PUBLICATION_RECONCILE_INTERVAL_SECONDS: String(RECONCILE_SECONDS) });
		const rest = n8nRest(server.baseUrl);
		await rest.signIn();
		for (const provider of providers) await publicationStatus(rest, server, provider.workflow.id, 'published');
		const pollWait = 90_000; // everyMinute fires once a minute, at a second n8n picks
		/** The records the trigger emitted in the workflow's `count`-th execution, as {event, id}. */
		const emitted = async (provider, count) => {
			const list = await finishedExecutionsOf(rest, provider.workflow.id, count, pollWait);
			assert(list.length === count, `${list.length} executions, expected ${count}`);
			const [latest] = list;
			assert(latest.status === 'success', `execution ${latest.id}: ${latest.status}`);
			assert(latest.mode === 'trigger', `execution ${latest.id} has mode ${latest.mode}`);
			const data = await executionDataOf(rest, flatted, latest.id);
			return nodeItems({ data }, provider.trigger.name).map(({ event, id }) => ({ event, id: String(id) }));
		};
		const describe = (items) => show(items.map(({ event, id }) => `${event}:${id}`).sort());

		// 1. An addition and a change, made after activation primed the state.
		for (const provider of providers) {
			const existing = await provider.existing();
			provider.changed = String((await provider.change(existing.id, `Renamed ${Date.now()}`)).id ?? existing.id);
			const added = await provider.add(`E2E poll first ${Date.now()}`);
			provider.firstAdded = String((added.data ?? added).id);
		}
		for (const provider of providers) {
			await checkAsync(`${provider.label} Trigger: the first poll after activation emitted exactly the addition and the change`, async () => {
				const got = await emitted(provider, 1);
				const expected = [
					{ event: provider.events.added, id: provider.firstAdded },
					{ event: provider.events.changed, id: provider.changed },
				];
				assert(describe(got) === describe(expected), `emitted ${describe(got)}, expected ${describe(expected)}`);
			});
		}

		// 2. One more addition: the next execution has only it.
		for (const provider of providers) {
			const added = await provider.add(`E2E poll second ${Date.now()}`);
			provider.secondAdded = String((added.data ?? added).id);
		}
		for (const provider of providers) {
			await checkAsync(`${provider.label} Trigger: the next execution emitted only the new addition (nothing twice)`, async () => {
				const got = await emitted(provider, 2);
				const expected = [{ event: provider.events.added, id: provider.secondAdded }];
				assert(describe(got) === describe(expected), `emitted ${describe(got)}, expected ${describe(expected)}`);
			});
		}
	} finally {
		if (server) await server.stop();
		await twl.stop();
		await worksible.stop();
	}
}

/**
 * `npm start` (scripts/start.js) as a user runs it, twice on the same data folder, on free ports: the
 * ready block comes, the printed login works, the demo credentials and the templates are there (the ones
 * starting with a trigger published; our own WebWork Trigger template is registered at the fresh WebWork
 * emulator on each start), the emulators and the mail web view answer; SIGINT stops everything (every port
 * closed, every process gone) and exits 0. The second start reuses the data (login, no owner setup) and is faster.
 */
async function npmStartScenario({ tmp }) {
	const data = path.join(tmp, 'playground');
	const templatesDir = path.join(tmp, 'playground-templates');
	fs.mkdirSync(templatesDir, { recursive: true });
	const examples = path.join(ROOT, 'examples');
	const exampleFiles = fs.existsSync(examples) ? fs.readdirSync(examples).filter((name) => name.endsWith('.json')) : [];
	for (const name of exampleFiles) fs.copyFileSync(path.join(examples, name), path.join(templatesDir, name));
	note(`${exampleFiles.length} template(s) in examples/, plus two of the scenario's own`);
	const webhookId = '0c9e4f1a-7b2d-4c3e-8a5f-6d1b2e3f4a5b';
	const demoWebWork = { webWorkApi: { id: 'worktimeDemoWebWork', name: 'WebWork (demo)' } };
	const own = [
		chainWorkflow('e2eStartTrigger', 'e2e npm start: WebWork Trigger', [
			node('WebWork Trigger', TRIGGER_TYPE, {
				authentication: 'accessToken',
				workspaceId: { __rl: true, mode: 'id', value: '101' },
				events: ['tracker.started'],
			}, { webhookId, credentials: demoWebWork }),
			node('Done', 'n8n-nodes-base.noOp', {}),
		]),
		chainWorkflow('e2eStartManual', 'e2e npm start: workspaces', [
			node('Start', 'n8n-nodes-base.manualTrigger', {}),
			node('Workspaces', NODE_TYPE, { authentication: 'accessToken', resource: 'workspaces', operation: 'getAll', returnAll: true }, { credentials: demoWebWork }),
		]),
	];
	for (const workflow of own) fs.writeFileSync(path.join(templatesDir, `${workflow.id}.json`), JSON.stringify(workflow));
	const templates = fs.readdirSync(templatesDir).map((name) => JSON.parse(fs.readFileSync(path.join(templatesDir, name), 'utf8')));
	const startsWithTrigger = (workflow) =>
		workflow.nodes.some((n) => !n.disabled && /Trigger$/.test(n.type) && !/\.(manualTrigger|executeWorkflowTrigger)$/.test(n.type));

	// Free ports; the emulators take four consecutive ones.
	let emulatorPort = 0;
	for (let attempt = 0; attempt < 50 && !emulatorPort; attempt++) {
		const first = await freePort();
		if (first > 65530) continue;
		const taken = await Promise.all([1, 2, 3].map((offset) => portOpen(first + offset)));
		if (!taken.some(Boolean)) emulatorPort = first;
	}
	assert(emulatorPort, 'found no four consecutive free ports');
	const ports = { n8n: await freePort(), mail: await freePort(), smtp: await freePort() };
	const args = [
		path.join(ROOT, 'scripts/start.js'),
		'--data', data,
		'--templates', templatesDir,
		'--port', String(ports.n8n),
		'--mail-port', String(ports.mail),
		'--smtp-port', String(ports.smtp),
		'--emulator-port', String(emulatorPort),
	];

	const startOnce = async (label) => {
		const child = spawn(process.execPath, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		liveChildren.add(child);
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		const exited = new Promise((done) => child.on('close', (code, signal) => done({ code, signal })));
		exited.then(() => liveChildren.delete(child));
		const tail = () => output.trim().split('\n').slice(-25).join('\n');
		const readyIn = await waitFor(
			() => {
				if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${label}: npm start exited before it was ready\n${tail()}`);
				const match = /ready in ([\d.]+)s/.exec(output);
				return match && Number(match[1]);
			},
			{ timeoutMs: 6 * 60_000, intervalMs: 500, message: () => `${label}: the ready line\n${tail()}` },
		);
		const state = JSON.parse(fs.readFileSync(path.join(data, 'state.json'), 'utf8')).lastStart;
		note(`${label}: ready in ${readyIn}s`);
		return { child, output: () => output, tail, exited, readyIn, state };
	};

	/** Everything a start must have brought up, checked from outside as a user would. */
	const checkRunning = async (label, run) => {
		const { state } = run;
		const rest = n8nRest(state.editor, state.owner);
		await checkAsync(`${label}: the printed login (${state.owner.email}) signs in to n8n on the chosen port`, async () => {
			assert(state.editor === `http://127.0.0.1:${ports.n8n}`, `editor ${state.editor}`);
			assert(run.output().includes(state.owner.email) && run.output().includes(state.owner.password), 'the login is not printed');
			await rest.login();
		});
		await checkAsync(`${label}: the seven demo credentials exist with the ids, names and types the templates reference`, async () => {
			const got = (await rest.request('GET', '/credentials')).map((c) => `${c.id}:${c.type}:${c.name}`);
			const expected = [
				'worktimeDemoWebWork:webWorkApi:WebWork (demo)',
				'worktimeDemoWebWorkOAuth2:webWorkOAuth2Api:WebWork OAuth2 (demo)',
				'worktimeDemoWeWorked:weWorkedApi:WeWorked (demo)',
				'worktimeDemoTeamWorkLive:teamWorkLiveApi:TeamWork Live (demo)',
				'worktimeDemoWorksible:worksibleApi:Worksible (demo)',
				'worktimeDemoSmtp:smtp:SMTP (demo)',
				'worktimeDemoDigestSecret:crypto:Digest link secret (demo)',
			];
			const missing = expected.filter((e) => !got.includes(e));
			assert(!missing.length, `missing ${show(missing)}; got ${show(got)}`);
			// Every credential a template names is one of them.
			const referenced = new Set();
			for (const workflow of templates) {
				for (const n of workflow.nodes) for (const c of Object.values(n.credentials || {})) referenced.add(`${c.id}:${c.name}`);
			}
			const unknown = [...referenced].filter((r) => !got.some((g) => `${g.split(':')[0]}:${g.split(':').slice(2).join(':')}` === r));
			assert(!unknown.length, `templates reference credentials npm start did not create: ${show(unknown)}`);
		});
		await checkAsync(`${label}: the digest template's decision links point at n8n on the chosen port`, async () => {
			const digest = templates.find((w) => w.id === 'worktimeApprovalsDigest');
			if (!digest) return;
			const workflow = await rest.request('GET', '/workflows/worktimeApprovalsDigest');
			const text = JSON.stringify(workflow.nodes);
			assert(text.includes(`http://localhost:${ports.n8n}/webhook/worktime-digest-decision`) && !text.includes('localhost:5678'), 'decisionUrl not patched');
		});
		await checkAsync(`${label}: every template is imported; the ${templates.filter(startsWithTrigger).length} starting with a trigger are published, the others not`, async () => {
			for (const workflow of templates) {
				const status = await rest.request('GET', `/workflows/${workflow.id}/publication-status`);
				const wanted = startsWithTrigger(workflow) ? 'published' : 'not_published';
				assert(status.status === wanted, `"${workflow.name}" (${workflow.id}): ${show(status)}, expected ${wanted}`);
			}
		});
		const { webwork, weworked, teamworklive, worksible } = state.emulators;
		const answers = async (url, headers) => (await fetch(url, { headers, signal: AbortSignal.timeout(10_000) })).status;
		await checkAsync(`${label}: the four emulators answer on consecutive ports from ${emulatorPort} with the demo credentials' keys`, async () => {
			const statuses = {
				webwork: await answers(`${webwork.baseUrl}/workspaces`, { Authorization: `Bearer ${webwork.token}` }),
				weworked: await answers(`${weworked.baseUrl}/v1/clients`, { 'x-api-key': weworked.apiKey, 'x-ww-user': weworked.email }),
				teamworklive: await answers(`${teamworklive.baseUrl}/clientcompanies.json`, {
					Authorization: `Basic ${Buffer.from(`${teamworklive.email}:${teamworklive.apiKey}`).toString('base64')}`,
				}),
				worksible: await answers(`${worksible.baseUrl}/organizations`, { Authorization: `Bearer ${worksible.apiKey}` }),
			};
			assert(Object.values(statuses).every((status) => status === 200), show(statuses));
			const origins = [webwork, weworked, teamworklive, worksible].map((e) => e.origin);
			assert(show(origins) === show([0, 1, 2, 3].map((i) => `http://127.0.0.1:${emulatorPort + i}`)), show(origins));
		});
		await checkAsync(`${label}: the published WebWork Trigger template is registered at the (fresh) WebWork emulator, once`, async () => {
			const hooks = await waitFor(
				async () => {
					const response = await fetch(`${webwork.baseUrl}/webhooks?workspace_id=101`, { headers: { Authorization: `Bearer ${webwork.token}` } });
					const list = ((await response.json()).data || []).filter((hook) => String(hook.url).includes(webhookId));
					return list.length ? list : null;
				},
				{ timeoutMs: 15_000, message: 'the webhook registration' },
			);
			assert(hooks.length === 1 && hooks[0].url === `${state.editor}/webhook/${webhookId}/webhook`, show(hooks));
		});
		await checkAsync(`${label}: the mail web view answers and the SMTP port accepts connections`, async () => {
			assert(state.mail.webUrl === `http://127.0.0.1:${ports.mail}/`, state.mail.webUrl);
			const page = await fetch(state.mail.webUrl, { signal: AbortSignal.timeout(10_000) });
			assert(page.status === 200 && (await page.text()).includes('Received mail'), `answered ${page.status}`);
			const list = await (await fetch(`${state.mail.webUrl}api/messages`)).json();
			assert(Array.isArray(list), show(list));
			assert(await portOpen(ports.smtp), `nothing listens on ${ports.smtp}`);
		});
	};

	/** SIGINT, as a Ctrl-C forwarded by npm: exit 0, every port closed, every process it started gone. */
	const interrupt = async (label, run) => {
		const begin = Date.now();
		run.child.kill('SIGINT');
		const timer = setTimeout(() => killGroup(run.child, 'SIGKILL'), 60_000);
		const result = await run.exited;
		clearTimeout(timer);
		note(`${label}: stopped ${seconds(Date.now() - begin)} after SIGINT`);
		check(`${label}: SIGINT stops it with exit code 0`, () => assert(result.code === 0, `exit ${result.code ?? result.signal}\n${run.tail()}`));
		const { state } = run;
		const allPorts = [ports.n8n, ports.mail, ports.smtp, emulatorPort, emulatorPort + 1, emulatorPort + 2, emulatorPort + 3, state.n8n.brokerPort];
		const pids = [state.n8n.pid, ...Object.values(state.emulators).map((e) => e.pid)];
		await checkAsync(`${label}: after SIGINT every port is closed and n8n and the emulators are gone`, async () => {
			const open = [];
			for (const port of allPorts) if (await portOpen(port)) open.push(port);
			assert(!open.length, `still open: ${show(open)}`);
			const alive = pids.filter((pid) => {
				try {
					process.kill(pid, 0);
					return true;
				} catch {
					return false;
				}
			});
			assert(!alive.length, `still running: ${show(alive)}`);
		});
	};

	const first = await startOnce('first start');
	try {
		check('first start: it set up the owner and says so', () => assert(/owner set up/.test(first.output()) && !/reused/.test(first.output()), first.tail()));
		await checkRunning('first start', first);
	} finally {
		await interrupt('first start', first);
	}
	const second = await startOnce('second start');
	try {
		check(`second start: it reused the data folder (owner kept, no setup) and was faster (${second.readyIn}s vs ${first.readyIn}s)`, () => {
			assert(/reused/.test(second.output()) && !/failed/i.test(second.output()), second.tail());
			assert(second.readyIn < first.readyIn, `${second.readyIn}s is not less than ${first.readyIn}s`);
		});
		await checkRunning('second start', second);
	} finally {
		await interrupt('second start', second);
	}
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function portOpen(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ port, host: '127.0.0.1' });
		socket.setTimeout(2000);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Emulator client (the test's own view of the API, for expected values)

function emulatorClient(info) {
	const base = info.baseUrl.replace(/\/+$/, '');
	async function get(pathName, query = {}) {
		const url = new URL(base + pathName);
		for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
		const response = await fetch(url, {
			headers: { Authorization: `Bearer ${info.token}`, Accept: 'application/json' },
			signal: AbortSignal.timeout(30_000),
		});
		const body = await response.json().catch(() => null);
		if (!response.ok) throw new Error(`emulator GET ${url.pathname} answered ${response.status}: ${show(body)}`);
		return body;
	}
	/** All records of a paginated list (WebWork: {data: [...], meta: {pagination: {last_page}}}). */
	async function getAll(pathName, query = {}) {
		const records = [];
		for (let page = 1; ; page++) {
			const body = await get(pathName, { ...query, page, per_page: 100 });
			records.push(...(Array.isArray(body.data) ? body.data : []));
			const pagination = body.meta && body.meta.pagination;
			if (!pagination || page >= pagination.last_page) return records;
		}
	}
	async function post(pathName, body) {
		const response = await fetch(base + pathName, {
			method: 'POST',
			headers: { Authorization: `Bearer ${info.token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(30_000),
		});
		const json = await response.json().catch(() => null);
		if (!response.ok) throw new Error(`emulator POST ${pathName} answered ${response.status}: ${show(json)}`);
		return json;
	}
	/** Registered webhooks of a workspace (GET /webhooks: the API itself, as the trigger node sees it). */
	const webhooks = (workspaceId) => getAll('/webhooks', { workspace_id: workspaceId });
	/**
	 * Has the emulator deliver `event` to a registered webhook (scripts/emulator.js --control, test-only);
	 * resolves with the receiver's answer {status, headers, body}.
	 */
	async function deliver(webhookId, event, data, extra = {}) {
		if (!info.control) throw new Error('the emulator has no control endpoint (its JSON line lacks "control"; start it with --control)');
		const response = await fetch(`${info.control}/deliver`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ webhookId, event, data, ...extra }),
			signal: AbortSignal.timeout(30_000),
		});
		const body = await response.json().catch(() => null);
		if (response.status !== 200) throw new Error(`emulator control deliver answered ${response.status}: ${show(body)}`);
		return body;
	}
	return { ...info, get, getAll, post, webhooks, deliver };
}

// ---------------------------------------------------------------------------------------------
// Main

/** What scenarios in other files (test/e2e/templates.js) use from here. */
const scenarioLib = {
	check, checkAsync, assert, show, note, sleep, waitFor, freePort, n8nRest, cliOk, publicationStatus, finishedExecutionsOf, executionDataOf, startEmulator,
};

async function main() {
	handleInterrupts();
	const started = Date.now();
	const tmp = (tempFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'worktime-e2e-')));
	const userFolder = path.join(tmp, 'n8n-user');
	let emulator;
	try {
		const { nodeBin, n8nBin } = await installN8n();
		// The task broker listens on a fixed port (5679) unless told otherwise; parallel runs would clash.
		const env = n8nEnv(nodeBin, userFolder, { N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
		const tarball = await packPackage(tmp);
		await installPackage(env, userFolder, tarball);

		emulator = emulatorClient(await startEmulator());
		const helpers = makeN8n({ nodeBin, n8nBin, env, tmp });
		const credential = { id: 'e2eWebWorkCred1', name: 'WebWork e2e', type: 'webWorkApi' };
		await helpers.importCredentials([
			{ ...credential, data: { accessToken: emulator.token, baseUrl: emulator.baseUrl } },
		]);
		check('setup: n8n installed, package installed, emulator started, credential imported', () => {});

		// E2E_ONLY=<text>: only the scenarios whose name contains it (for working on one).
		const only = process.env.E2E_ONLY;
		for (const scenario of SCENARIOS.filter(({ name }) => !only || name.includes(only))) {
			console.log(`\n# ${scenario.name}`);
			const before = results.length;
			try {
				await scenario.run({ ...helpers, emulator, credential, env, tmp, userFolder, lib: { ...scenarioLib, nodeModules: helpers.nodeModules } });
				if (results.length === before) check(scenario.name, () => assert(false, 'the scenario ran no checks'));
			} catch (error) {
				check(scenario.name, () => {
					throw error;
				});
			}
		}
	} catch (error) {
		check('e2e run', () => {
			throw error;
		});
	} finally {
		if (emulator) await emulator.stop();
		if (process.env.E2E_KEEP) console.log(`(kept ${tmp})`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	console.log(`\ntook ${((Date.now() - started) / 1000).toFixed(1)}s`);
	console.log(`e2e: ${passed} passed, ${failed} failed`);
	// .ci/run adds these to the jest totals for its closing line.
	fs.mkdirSync(path.join(__dirname, '..', '..', '.tmp'), { recursive: true });
	fs.writeFileSync(path.join(__dirname, '..', '..', '.tmp', 'e2e-summary.json'), JSON.stringify({ passed, failed }));
	process.exitCode = failed || !results.length ? 1 : 0;
}

// test/e2e/queue.js reuses the scenario helpers; run directly, this file runs the e2e scenarios.
module.exports = { ...scenarioLib, results, emulatorClient, node, chainWorkflow, nodeItems, PKG };
if (require.main === module) main();
