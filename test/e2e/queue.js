'use strict';
/**
 * Queue-mode end-to-end test: the packed node pack in a real n8n 2.40.7 running as one main
 * (`n8n start`), two workers (`n8n worker --concurrency=5`) and one webhook process (`n8n webhook`),
 * on Postgres and Redis from Debian (scripts/queue-services.sh installs and starts them), against the
 * emulators (scripts/emulator.js, separate processes).
 *
 *   npm run test:queue            (as root on Debian 12 when Redis / Postgres are not installed yet)
 *
 * Checks:
 * - WebWork Trigger: published on main, registered with the webhook process's URL (WEBHOOK_URL);
 *   deliveries answered by the webhook process run on workers (counted in the workers' "Worker started
 *   execution" log lines); exactly one remote registration through restarts of every process; none
 *   left after unpublishing.
 * - WebWork Approvals, WeWorked, TeamWork Live and Worksible Triggers: polls run on main, their
 *   executions on workers; the trigger state survives a restart of main (records changed while main
 *   was down are emitted after it, nothing emitted before is emitted again), once with n8n's default
 *   (state in the workflow's static data) and once with durable poll cursors
 *   (N8N_POLLER_DURABLE_CURSORS_ENABLED with the durable scheduler: state in the poller_state table).
 * - Two workers, one token: two executions of RATE.items items at once against an emulator limited to
 *   RATE.limit requests per RATE.windowMs: no failed item, at most one 429 per window across both workers (the
 *   pacers share the token through its X-RateLimit-* headers); the time taken against the limit's
 *   lower bound is reported (a NOTE line).
 *
 * Env: E2E_KEEP=1 keeps the temp folder (n8n logs in <tmp>/logs); E2E_TIMEOUT_MS per CLI command;
 * QUEUE_RATE_WINDOW=fixed counts the shared token's limit in fixed windows (Laravel's throttle).
 * Writes .tmp/queue-summary.json {passed, failed} for .ci/run.
 */
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const {
	ROOT, liveChildren, run, runOk, describeFailure, killGroup, killLiveChildren, freePort, sleep, waitFor, installN8n, n8nEnv, packPackage,
	installPackage, startEmulator: startEmulatorScript, n8nRest,
} = require('../../scripts/n8n-host');
const {
	check, checkAsync, assert, show, note, finishedExecutionsOf, executionDataOf, results, emulatorClient, node, chainWorkflow, nodeItems, PKG,
} = require('./run');

const startEmulator = (args) => startEmulatorScript(path.join(ROOT, 'scripts/emulator.js'), args);

const SERVICES_SCRIPT = path.join(ROOT, 'scripts/queue-services.sh');
/** The rate-limit check: the emulator's limit and the load. */
const RATE = { limit: 10, windowMs: 5000, items: 120, executions: 2 };
const POLL_WAIT_MS = 130_000; // "every minute" polls fire once a minute at a second n8n picks (+ a restart)
const START_TIMEOUT_MS = 150_000; // four n8n processes starting at once on two busy cores
const STOP_TIMEOUT_MS = 25_000;
const RECONCILE_SECONDS = 2;
const WORKSPACE_ID = '101';
/** What turns n8n's durable poll cursors on (all three are needed; the publication service is on by default). */
const DURABLE_CURSORS_ENV = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
};

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const describeItems = (items) => show(items.map(({ event, id }) => `${event}:${id}`).sort());

// ---------------------------------------------------------------------------------------------
// n8n processes

/**
 * One n8n process role (main / worker / webhook) that can be stopped and started again with the same
 * ports. Output of every run is kept (workers' "Worker started execution" lines) and written to logs/.
 */
function n8nProcess({ name, nodeBin, n8nBin, args, env, readyText, healthUrl, logDir, cwd }) {
	let child = null;
	let exited = null;
	let output = '';
	let runs = 0;
	const logFile = path.join(logDir, `${name}.log`);
	const running = () => child && child.exitCode === null && child.signalCode === null;
	const tail = () => output.trim().split('\n').slice(-25).join('\n');

	async function start(extraEnv = {}) {
		runs++;
		const runStart = output.length;
		const header = `\n===== ${name} run ${runs} (${new Date().toISOString()}) =====\n`;
		output += header;
		fs.appendFileSync(logFile, header);
		child = spawn(nodeBin, [n8nBin, ...args], { cwd, env: { ...env, ...extraEnv }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		const current = child;
		liveChildren.add(current);
		const onData = (chunk) => {
			output += chunk;
			fs.appendFileSync(logFile, chunk);
		};
		current.stdout.on('data', onData);
		current.stderr.on('data', onData);
		let spawnError = null;
		current.on('error', (error) => (spawnError = error));
		exited = new Promise((done) => current.on('close', (code, signal) => done({ code, signal })));
		exited.then(() => liveChildren.delete(current));
		const began = Date.now();
		for (;;) {
			if (spawnError || current.exitCode !== null || current.signalCode !== null) {
				throw new Error(`${name} exited before it was ready (${spawnError ? spawnError.message : current.exitCode ?? current.signalCode})\n${tail()}`);
			}
			if (Date.now() - began > START_TIMEOUT_MS) {
				await stop();
				throw new Error(`${name} was not ready within ${START_TIMEOUT_MS / 1000}s\n${tail()}`);
			}
			if (output.indexOf(readyText, runStart) >= 0) {
				const healthy = !healthUrl || (await fetch(healthUrl, { signal: AbortSignal.timeout(5000) }).then((r) => r.ok).catch(() => false));
				if (healthy) break;
			}
			await sleep(250);
		}
		return Date.now() - began;
	}

	/** SIGTERM to the group, SIGKILL after STOP_TIMEOUT_MS; resolves {code, signal, clean, ms}. */
	async function stop() {
		if (!child) return { code: null, signal: null, clean: true, ms: 0 };
		const current = child;
		const began = Date.now();
		if (running()) killGroup(current, 'SIGTERM');
		const timer = setTimeout(() => killGroup(current, 'SIGKILL'), STOP_TIMEOUT_MS);
		const result = await exited;
		clearTimeout(timer);
		killGroup(current, 'SIGKILL'); // whatever is left of the group (task runner)
		child = null;
		return { ...result, clean: result.code === 0, ms: Date.now() - began };
	}

	/** Execution ids this process logged "Worker started execution <id>" for (all runs). */
	const startedExecutions = () => [...output.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
	return { name, start, stop, running, tail, output: () => output, startedExecutions };
}

// ---------------------------------------------------------------------------------------------
// Services (Redis + Postgres)

function servicesStart(dir) {
	return runOk('bash', [SERVICES_SCRIPT, 'start', dir], { timeoutMs: 10 * 60_000 }).then(({ stdout }) => {
		const redisPort = /REDIS_PORT=(\d+)/.exec(stdout);
		const pgPort = /PG_PORT=(\d+)/.exec(stdout);
		assert(redisPort && pgPort, `queue-services.sh printed no ports:\n${stdout}`);
		return { redisPort: redisPort[1], pgPort: pgPort[1] };
	});
}

function servicesStopSync(dir) {
	return spawnSync('bash', [SERVICES_SCRIPT, 'stop', dir], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 90_000, encoding: 'utf8' });
}

function psqlQuery(pgPort) {
	return async (sql) => {
		const { stdout } = await runOk('psql', ['-h', '127.0.0.1', '-p', pgPort, '-U', 'postgres', '-d', 'n8n', '-tAc', sql], { timeoutMs: 30_000 });
		return stdout.trim();
	};
}

// ---------------------------------------------------------------------------------------------
// The polling triggers' providers: how to add and change a record as another client of the API would

async function httpJson(base, method, pathName, headers, body) {
	const response = await fetch(base + pathName, {
		method,
		headers: { ...headers, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined,
		signal: AbortSignal.timeout(15_000),
	});
	const json = await response.json().catch(() => null);
	if (!response.ok) throw new Error(`${method} ${pathName} answered ${response.status}: ${show(json)}`);
	return json;
}

let writeCounter = 0;
const uniqueName = (label) => `Queue e2e ${label} ${Date.now()}-${++writeCounter}`;

/** Records each emulator gets before any trigger is published: more than the steps that change one. */
const SEEDED_RECORDS = 6;

/**
 * A record no earlier step changed or added: a second change to the same record is a real second
 * event, which the "no record emitted twice" check would count as a duplicate.
 */
function untouched(provider, records, idOf, touched) {
	const record = records.find((r) => !touched.has(String(idOf(r))));
	if (!record) throw new Error(`${provider}: every one of the ${records.length} records was changed already (seed more)`);
	return record;
}

function pollProviders({ webwork, weworked, twl, worksible }) {
	const touched = { weworked: new Set(), twl: new Set(), worksible: new Set() };
	const remember = (set, events) => {
		for (const { id } of events) set.add(id);
		return events;
	};
	const twlAuth = { Authorization: `Basic ${Buffer.from(`${twl.email}:${twl.apiKey}`).toString('base64')}` };
	const wsAuth = { Authorization: `Bearer ${worksible.apiKey}` };
	const wwAuth = { Authorization: `Bearer ${webwork.token}` };
	const idempotent = () => ({ 'Idempotency-Key': `queue-e2e-${Date.now()}-${++writeCounter}` });
	let contracts = null;
	let requestCount = 0;
	return [
		{
			label: 'WebWork Approvals',
			type: 'webWorkApprovalsTrigger',
			credential: { id: 'queueWebWorkCred', name: 'WebWork queue e2e', type: 'webWorkApi', data: { accessToken: webwork.token, baseUrl: webwork.baseUrl } },
			parameters: { authentication: 'accessToken', workspaceId: { __rl: true, mode: 'id', value: WORKSPACE_ID }, events: ['timeRequestPending'] },
			// Time requests have no "changed" event: every step adds one pending request.
			async changes() {
				contracts ||= (await httpJson(webwork.baseUrl, 'GET', `/contracts?workspace_id=${WORKSPACE_ID}&per_page=20`, wwAuth)).data;
				const contract = contracts[requestCount % contracts.length];
				const day = new Date(Date.now() - (1 + (requestCount % 20)) * 86_400_000).toISOString().slice(0, 10);
				const hour = String(6 + Math.floor(requestCount / 20)).padStart(2, '0');
				requestCount++;
				const created = await httpJson(webwork.baseUrl, 'POST', '/time-requests', wwAuth, {
					workspace_id: Number(WORKSPACE_ID),
					user_id: contract.user_id,
					contract_id: contract.id,
					start: `${day} ${hour}:00:00`,
					end: `${day} ${hour}:30:00`,
					activity_description: uniqueName('request'),
				});
				return [{ event: 'timeRequestPending', id: String(created.data.id) }];
			},
		},
		{
			label: 'WeWorked',
			type: 'weWorkedTrigger',
			credential: { id: 'queueWeWorkedCred', name: 'WeWorked queue e2e', type: 'weWorkedApi', data: { apiKey: weworked.apiKey, email: weworked.email, baseUrl: weworked.baseUrl } },
			parameters: { events: ['newClient', 'changedClient'] },
			idOf: (item) => item.clientId, // the trigger outputs WeWorked's records simplified, ids as numbers
			// WeWorked's API is read-only: the emulator's test-only control endpoint plays the web app.
			async changes() {
				const mutate = (action, args) => httpJson(weworked.control, 'POST', '/mutate', {}, { kind: 'clients', action, args });
				const clients = await httpJson(weworked.baseUrl, 'GET', '/v1/clients', { 'x-api-key': weworked.apiKey, 'x-ww-user': weworked.email });
				const existing = untouched('WeWorked', clients, (c) => c.clientId, touched.weworked);
				const changed = await mutate('update', [existing.clientId, { name: uniqueName('renamed') }]);
				const added = await mutate('add', [{ name: uniqueName('client') }]);
				return remember(touched.weworked, [
					{ event: 'changedClient', id: String(changed.record.clientId) },
					{ event: 'newClient', id: String(added.record.clientId) },
				]);
			},
		},
		{
			label: 'TeamWork Live',
			type: 'teamWorkLiveTrigger',
			credential: { id: 'queueTwlCred', name: 'TeamWork Live queue e2e', type: 'teamWorkLiveApi', data: { baseUrl: twl.baseUrl, email: twl.email, apiKey: twl.apiKey } },
			parameters: { events: ['newClientCompany', 'changedClientCompany'] },
			create: (name) => httpJson(twl.baseUrl, 'POST', '/clientcompanies.json', twlAuth, { name }),
			async changes() {
				const list = await httpJson(twl.baseUrl, 'GET', '/clientcompanies.json', twlAuth);
				const existing = untouched('TeamWork Live', list, (c) => c.id, touched.twl);
				const changed = await httpJson(twl.baseUrl, 'PUT', `/clientcompanies/${existing.id}.json`, twlAuth, { name: uniqueName('renamed') });
				const added = await this.create(uniqueName('company'));
				return remember(touched.twl, [
					{ event: 'changedClientCompany', id: String(changed.id ?? existing.id) },
					{ event: 'newClientCompany', id: String(added.id) },
				]);
			},
		},
		{
			label: 'Worksible',
			type: 'worksibleTrigger',
			credential: { id: 'queueWsCred', name: 'Worksible queue e2e', type: 'worksibleApi', data: { apiKey: worksible.apiKey, baseUrl: worksible.baseUrl } },
			parameters: { resource: 'organizations', events: ['newRecord', 'changedRecord'] },
			create: (name) => httpJson(worksible.baseUrl, 'POST', '/organizations', { ...wsAuth, ...idempotent() }, { name }),
			async changes() {
				const list = (await httpJson(worksible.baseUrl, 'GET', '/organizations?limit=100', wsAuth)).data;
				const existing = untouched('Worksible', list, (o) => o.id, touched.worksible);
				const changed = await httpJson(worksible.baseUrl, 'PATCH', `/organizations/${existing.id}`, { ...wsAuth, ...idempotent() }, { name: uniqueName('renamed') });
				const added = await this.create(uniqueName('org'));
				return remember(touched.worksible, [
					{ event: 'changedRecord', id: String((changed.data ?? changed).id ?? existing.id) },
					{ event: 'newRecord', id: String((added.data ?? added).id) },
				]);
			},
		},
	];
}

// ---------------------------------------------------------------------------------------------
// Main

const state = { tmp: null, servicesDir: null, processes: [], emulators: [] };

function cleanupSync(reason) {
	killLiveChildren();
	if (state.servicesDir) servicesStopSync(state.servicesDir);
	if (state.tmp && !process.env.E2E_KEEP) fs.rmSync(state.tmp, { recursive: true, force: true });
	if (reason) console.log(`\nqueue: ${reason}`);
}
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		cleanupSync(`interrupted by ${signal}`);
		process.exit(1);
	});
}

async function main() {
	const started = Date.now();
	const tmp = (state.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'worktime-queue-')));
	fs.chmodSync(tmp, 0o711); // the postgres user must reach <tmp>/services
	const logDir = path.join(tmp, 'logs');
	fs.mkdirSync(logDir);
	const userFolder = path.join(tmp, 'n8n-user');
	try {
		await scenario({ tmp, logDir, userFolder });
	} catch (error) {
		check('queue run', () => {
			throw error;
		});
	} finally {
		const stops = await Promise.allSettled(state.processes.map((p) => p.stop()));
		for (const [index, outcome] of stops.entries()) {
			if (outcome.status === 'rejected') console.log(`  (stopping ${state.processes[index].name} failed: ${outcome.reason})`);
		}
		await Promise.allSettled(state.emulators.map((e) => e.stop()));
		if (state.servicesDir) {
			const stopped = servicesStopSync(state.servicesDir);
			if (stopped.status !== 0) console.log(`  (queue-services.sh stop exited ${stopped.status}: ${stopped.stderr})`);
			state.servicesDir = null;
		}
		if (process.env.E2E_KEEP) console.log(`(kept ${tmp})`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	console.log(`\ntook ${seconds(Date.now() - started)}`);
	console.log(`queue: ${passed} passed, ${failed} failed`);
	fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
	fs.writeFileSync(path.join(ROOT, '.tmp', 'queue-summary.json'), JSON.stringify({ passed, failed }));
	process.exitCode = failed || !results.length ? 1 : 0;
}

async function scenario({ tmp, logDir, userFolder }) {
	const phaseStart = Date.now();
	const elapsed = () => seconds(Date.now() - phaseStart);
	console.log('# setup: Redis + Postgres, n8n, the pack, emulators');
	const [{ nodeBin, n8nBin }, services] = await Promise.all([
		installN8n(),
		(async () => {
			state.servicesDir = path.join(tmp, 'services');
			return servicesStart(state.servicesDir);
		})(),
	]);
	const sql = psqlQuery(services.pgPort);
	const ports = {};
	for (const name of ['main', 'webhook', 'mainBroker', 'worker1Broker', 'worker1Server', 'worker2Broker', 'worker2Server', 'webhookBroker', 'cliBroker']) {
		ports[name] = await freePort();
	}
	const mainUrl = `http://127.0.0.1:${ports.main}`;
	const webhookBase = `http://127.0.0.1:${ports.webhook}`;
	// The same environment for every process (and the CLI): one database, one Redis, one encryption key.
	const env = n8nEnv(nodeBin, userFolder, {
		N8N_ENCRYPTION_KEY: `queue-e2e-${require('crypto').randomBytes(16).toString('hex')}`,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: services.pgPort,
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: services.redisPort,
		WEBHOOK_URL: `${webhookBase}/`,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_RUNNERS_BROKER_PORT: String(ports.cliBroker),
	});
	const tarball = await packPackage(tmp);
	await installPackage(env, userFolder, tarball);

	const emulatorFor = async (args) => {
		const emulator = await startEmulator(args);
		state.emulators.push(emulator);
		return emulator;
	};
	const [webwork, rateEmulator, weworked, twl, worksible] = await Promise.all([
		emulatorFor(['--control']).then(emulatorClient),
		emulatorFor([
			'--control',
			'--limit',
			String(RATE.limit),
			'--window-ms',
			String(RATE.windowMs),
			// QUEUE_RATE_WINDOW=fixed: count as Laravel's throttle does (the default is a sliding window).
			...(process.env.QUEUE_RATE_WINDOW === 'fixed' ? ['--fixed-window'] : []),
		]).then(emulatorClient),
		emulatorFor(['--provider', 'weworked', '--control']),
		emulatorFor(['--provider', 'teamworklive', '--control']),
		emulatorFor(['--provider', 'worksible', '--control']),
	]);

	// Credentials and workflows, imported with the CLI into Postgres (the first command runs n8n's migrations).
	const providers = pollProviders({ webwork, weworked, twl, worksible });
	// The emulators start with two client companies / organizations; every step changes one no earlier step
	// touched, so they get more before any trigger is published (WeWorked has enough; WebWork only adds).
	for (const provider of providers.filter((p) => p.create)) {
		for (let i = 0; i < SEEDED_RECORDS; i++) await provider.create(uniqueName(`seed ${i + 1}`));
	}
	// The credential states the token's real limit (10 per 5 s = 120 per minute), as the README tells teams
	// to; left at WebWork's default 60 it would pace the two workers at half the server's rate.
	const rateCredential = {
		id: 'queueRateCred',
		name: 'WebWork rate-limited',
		type: 'webWorkApi',
		data: { accessToken: rateEmulator.token, baseUrl: rateEmulator.baseUrl, requestsPerMinute: (RATE.limit * 60_000) / RATE.windowMs },
	};
	const credentials = [...providers.map((p) => p.credential), rateCredential];
	const webWorkCredential = providers[0].credential;
	const credentialRef = ({ id, name, type }) => ({ [type]: { id, name } });

	const webhookId = '7d1f6a3e-2c4b-4e8a-9f0d-3b5c7e9a1d24';
	const hookEvents = ['tracker.started', 'tracker.stopped'];
	const triggerNode = node('WebWork Trigger', `${PKG.name}.webWorkTrigger`, {
		authentication: 'accessToken',
		workspaceId: { __rl: true, mode: 'id', value: WORKSPACE_ID },
		events: hookEvents,
		options: { verification: 'hmacSha256' },
	}, { webhookId, credentials: credentialRef(webWorkCredential) });
	const triggerWorkflow = chainWorkflow('queueWebWorkTrig', 'queue e2e: WebWork Trigger', [triggerNode, node('Done', 'n8n-nodes-base.noOp', {})]);

	const ratePath = 'worktime-queue-rate';
	const rateWorkflow = chainWorkflow('queueRateLimited', 'queue e2e: two workers, one token', [
		node('Webhook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path: ratePath, responseMode: 'onReceived', options: {} }, { typeVersion: 2, webhookId: 'b2e4c6a8-1d3f-4b5a-8c7e-9f0a1b2c3d4e' }),
		node('Split Out', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} }),
		node('WebWork', `${PKG.name}.webWork`, { authentication: 'accessToken', resource: 'workspaces', operation: 'getAll', returnAll: false, limit: 1 }, {
			credentials: credentialRef(rateCredential),
			onError: 'continueRegularOutput',
		}),
	]);

	const pollWorkflows = (mode) =>
		providers.map((provider, index) => {
			const trigger = node(`${provider.label} Trigger`, `${PKG.name}.${provider.type}`, {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				...provider.parameters,
			}, { credentials: credentialRef(provider.credential) });
			const workflow = chainWorkflow(`queuePoll${mode}${index}`, `queue e2e: ${provider.label} Trigger (${mode})`, [trigger, node('Done', 'n8n-nodes-base.noOp', {})]);
			return { provider, trigger, workflow, sets: [], emitted: [] };
		});
	const defaultPolls = pollWorkflows('Default');
	const durablePolls = pollWorkflows('Durable');

	let fileCounter = 0;
	const cli = async (args) => {
		const result = await run(nodeBin, [n8nBin, ...args], { cwd: tmp, env, timeoutMs: Number(process.env.E2E_TIMEOUT_MS) || 180_000 });
		if (result.code !== 0 || /GOT ERROR|^Error/m.test(result.stdout + result.stderr)) throw new Error(describeFailure(`n8n ${args.join(' ')}`, result));
		return result;
	};
	const cliJson = (command, data) => {
		const file = path.join(tmp, `${command.replace(':', '-')}-${++fileCounter}.json`);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return cli([command, `--input=${file}`]);
	};
	let began = Date.now();
	await cliJson('import:credentials', credentials);
	await cliJson('import:workflow', [triggerWorkflow, rateWorkflow, ...defaultPolls.map((p) => p.workflow), ...durablePolls.map((p) => p.workflow)]);
	await cli(['publish:workflow', `--id=${triggerWorkflow.id}`]);
	console.log(`  (credentials + ${2 + 2 * providers.length} workflows imported, WebWork Trigger published with the CLI in ${seconds(Date.now() - began)})`);
	check('setup: Redis and Postgres running, n8n installed, pack installed in the user folder, emulators started, credentials and workflows imported into Postgres', () => {});

	// ------------------------------------------------------------------------------------------
	// The four processes
	const common = { nodeBin, n8nBin, env, logDir, cwd: tmp };
	const mainProcess = n8nProcess({
		...common,
		name: 'main',
		args: ['start'],
		env: { ...env, N8N_PORT: String(ports.main), N8N_RUNNERS_BROKER_PORT: String(ports.mainBroker), N8N_WORKFLOW_PUBLICATION_RECONCILE_INTERVAL_SECONDS: String(RECONCILE_SECONDS) },
		readyText: 'Editor is now accessible via',
		healthUrl: `${mainUrl}/healthz`,
	});
	const workers = [1, 2].map((n) =>
		n8nProcess({
			...common,
			name: `worker${n}`,
			args: ['worker', '--concurrency=5'],
			env: {
				...env,
				N8N_RUNNERS_BROKER_PORT: String(ports[`worker${n}Broker`]),
				QUEUE_HEALTH_CHECK_PORT: String(ports[`worker${n}Server`]),
				N8N_WORKER_SERVER_PORT: String(ports[`worker${n}Server`]),
			},
			readyText: 'n8n worker is now ready',
		}),
	);
	const webhookProcess = n8nProcess({
		...common,
		name: 'webhook',
		args: ['webhook'],
		env: { ...env, N8N_PORT: String(ports.webhook), N8N_RUNNERS_BROKER_PORT: String(ports.webhookBroker) },
		readyText: 'Webhook listener waiting for requests.',
		healthUrl: `${webhookBase}/healthz`,
	});
	state.processes = [mainProcess, ...workers, webhookProcess];
	const others = [...workers, webhookProcess];

	const startAll = async (label, mainEnv = {}) => {
		const t = Date.now();
		// Main first: it runs the migrations on a fresh database and applies the publications.
		await mainProcess.start(mainEnv);
		await Promise.all(others.map((p) => p.start()));
		console.log(`  (${label}: main, 2 workers and the webhook process ready in ${seconds(Date.now() - t)})`);
	};
	const stopAll = async (label) => {
		const t = Date.now();
		const stopped = await Promise.all(state.processes.map((p) => p.stop()));
		console.log(`  (${label}: all four processes stopped in ${seconds(Date.now() - t)})`);
		return stopped;
	};
	const restartMain = async (label, mainEnv = {}, duringDowntime = async () => {}) => {
		const t = Date.now();
		const stopped = await mainProcess.stop();
		await duringDowntime();
		const readyIn = await mainProcess.start(mainEnv);
		console.log(`  (${label}: main stopped in ${seconds(stopped.ms)} (exit ${stopped.code ?? stopped.signal}), ready again in ${seconds(readyIn)}; ${seconds(Date.now() - t)} in all)`);
		return stopped;
	};

	await startAll('first start');
	let rest = n8nRest(mainUrl);
	await rest.signIn();
	const publication = async (workflowId, wanted) => {
		let last = null;
		await waitFor(
			async () => {
				last = await rest.request('GET', `/workflows/${workflowId}/publication-status`);
				if (['failed', 'partial'].includes(last.status) && wanted !== last.status) throw new Error(`publication ${last.status}: ${show(last.triggers)}\n${mainProcess.tail()}`);
				return last.status === wanted && !last.pendingVersionId;
			},
			{ timeoutMs: 60_000, message: () => `publication status "${wanted}" of ${workflowId} (last: ${show(last)})` },
		);
	};
	/** Publishes / unpublishes on the running main, as the editor does (REST). */
	const publish = async (workflowId) => {
		const { versionId } = await rest.request('GET', `/workflows/${workflowId}`);
		await rest.request('POST', `/workflows/${workflowId}/activate`, { versionId });
		await publication(workflowId, 'published');
	};
	const unpublish = async (workflowId) => {
		await rest.request('POST', `/workflows/${workflowId}/deactivate`, {});
		await publication(workflowId, 'not_published');
	};
	const workerOf = (executionId) => workers.filter((w) => w.startedExecutions().includes(String(executionId))).map((w) => w.name);
	const flatted = require(path.join(path.resolve(path.dirname(n8nBin), '..', '..'), 'flatted'));

	// ------------------------------------------------------------------------------------------
	console.log(`\n# WebWork Trigger: published on main, deliveries through the webhook process, run on workers (${elapsed()})`);
	const productionUrl = `${webhookBase}/webhook/${webhookId}/webhook`;
	const ours = async () => (await webwork.webhooks(WORKSPACE_ID)).filter((hook) => String(hook.url).includes(webhookId));
	const describeHooks = (hooks) => show(hooks.map(({ id, url, events }) => ({ id, url, events })));
	let hookId = null;
	const assertOneHook = (hooks) => {
		assert(hooks.length === 1, `expected exactly one, got ${hooks.length}: ${describeHooks(hooks)}`);
		assert(hooks[0].url === productionUrl, `registered ${hooks[0].url}, expected the webhook process's ${productionUrl}`);
		if (hookId) assert(hooks[0].id === hookId, `webhook ${hooks[0].id}, expected ${hookId} (deleted and created anew?)`);
	};
	let deliveries = 0;
	const deliverAndTrace = async (label) => {
		const marker = `queue-${label}-${Date.now()}`;
		const answer = await webwork.deliver(hookId, 'tracker.started', { user_id: 3, marker });
		deliveries++;
		await checkAsync(`WebWork Trigger ${label}: the delivery to the webhook process is answered 200 and its execution runs on a worker, not on main`, async () => {
			assert(answer.status === 200, `answered ${answer.status}: ${show(answer.body)}`);
			const list = await finishedExecutionsOf(rest, triggerWorkflow.id, deliveries, 60_000);
			const [latest] = list;
			assert(latest.status === 'success' && latest.mode === 'webhook', `execution ${latest.id}: ${latest.status} / ${latest.mode}`);
			const data = await executionDataOf(rest, flatted, latest.id);
			const items = nodeItems({ data }, triggerNode.name);
			assert(items.length === 1 && items[0].data && items[0].data.marker === marker, `the trigger output ${show(items).slice(0, 300)}`);
			const ranOn = await waitFor(() => workerOf(latest.id).length && workerOf(latest.id), { timeoutMs: 10_000, message: `a worker's "Worker started execution ${latest.id}" line` });
			assert(ranOn.length === 1, `execution ${latest.id} started on ${show(ranOn)}`);
			assert(!/Worker started execution/.test(mainProcess.output()), 'main logged a worker execution');
			note(`delivery ${label}: execution ${latest.id} ran on ${ranOn[0]}`);
		});
	};
	await checkAsync('WebWork Trigger: CLI publish + main start registered exactly one remote webhook, with the webhook process URL (WEBHOOK_URL)', async () => {
		await publication(triggerWorkflow.id, 'published');
		const hooks = await ours();
		assertOneHook(hooks);
		hookId = hooks[0].id;
	});
	if (hookId) await deliverAndTrace('after the first start');

	// ------------------------------------------------------------------------------------------
	console.log(`\n# Polling triggers, n8n's default (state in the workflow's static data) (${elapsed()})`);
	const pollOutcome = async (poll, count, label) => {
		const list = await finishedExecutionsOf(rest, poll.workflow.id, count, POLL_WAIT_MS);
		assert(list.length === count, `${list.length} executions, expected ${count}: ${show(list.map((e) => e.id))}`);
		const [latest] = list;
		assert(latest.status === 'success' && latest.mode === 'trigger', `execution ${latest.id}: ${latest.status} / ${latest.mode}`);
		const data = await executionDataOf(rest, flatted, latest.id);
		const items = nodeItems({ data }, poll.trigger.name).map((item) => ({ event: item.event, id: String(poll.provider.idOf ? poll.provider.idOf(item) : item.id) }));
		poll.emitted.push(...items);
		const ranOn = await waitFor(() => workerOf(latest.id).length && workerOf(latest.id), { timeoutMs: 10_000, message: `a worker's "Worker started execution ${latest.id}" line` });
		note(`${poll.provider.label} (${label}): execution ${latest.id} emitted ${describeItems(items)} and ran on ${ranOn.join(', ')}`);
		return items;
	};
	const expectSet = async (poll, count, expected, label) => {
		await checkAsync(`${poll.provider.label} Trigger (${label}): execution ${count} emitted exactly ${describeItems(expected)}, ran on a worker`, async () => {
			const items = await pollOutcome(poll, count, label);
			assert(describeItems(items) === describeItems(expected), `emitted ${describeItems(items)}, expected ${describeItems(expected)}`);
		});
	};
	const noneTwice = (poll, label) =>
		check(`${poll.provider.label} Trigger (${label}): no record emitted twice, none missed over all executions`, () => {
			const all = poll.emitted.map(({ event, id }) => `${event}:${id}`);
			const duplicates = all.filter((key, index) => all.indexOf(key) !== index);
			assert(!duplicates.length, `emitted twice: ${show(duplicates)}`);
			const expected = poll.sets.flat().map(({ event, id }) => `${event}:${id}`);
			const missed = expected.filter((key) => !all.includes(key));
			assert(!missed.length, `missed: ${show(missed)}`);
		});
	const staticDataOf = (workflowId) => sql(`select "staticData"::text from workflow_entity where id = '${workflowId}'`);
	const cursorOf = (workflowId) => sql(`select cursor::text from poller_state where "workflowId" = '${workflowId}'`);
	const primed = (text) => /"primed":\s*true/.test(text || '');

	for (const poll of defaultPolls) await publish(poll.workflow.id);
	await checkAsync('default: each trigger primed at activation and n8n saved that state in Postgres (workflow_entity.staticData)', async () => {
		for (const poll of defaultPolls) {
			await waitFor(async () => primed(await staticDataOf(poll.workflow.id)), { timeoutMs: 20_000, message: `primed static data of ${poll.provider.label}` });
		}
	});
	for (const poll of defaultPolls) poll.sets.push(await poll.provider.changes());
	await Promise.all(defaultPolls.map((poll) => expectSet(poll, 1, poll.sets[0], 'default, before the restart')));

	console.log(`\n# Restart of every process; records changed while main is down (${elapsed()})`);
	const stopped = await stopAll('restart');
	check('every process stops cleanly on SIGTERM (exit 0)', () => {
		const unclean = stopped.map((s, i) => [state.processes[i].name, s]).filter(([, s]) => !s.clean);
		assert(!unclean.length, unclean.map(([name, s]) => `${name}: ${s.code ?? s.signal}`).join(', '));
	});
	await checkAsync('WebWork Trigger: stopping every process leaves exactly the one remote webhook', async () => assertOneHook(await ours()));
	for (const poll of defaultPolls) poll.sets.push(await poll.provider.changes());
	await startAll('restart');
	rest = n8nRest(mainUrl);
	await rest.signIn();
	await Promise.all(defaultPolls.map((poll) => expectSet(poll, 2, poll.sets[1], 'default, changed while main was down')));
	for (const poll of defaultPolls) noneTwice(poll, 'default');
	await checkAsync('WebWork Trigger: after restarting every process still exactly one remote webhook, the same one', async () => {
		await publication(triggerWorkflow.id, 'published');
		assertOneHook(await ours());
	});
	if (hookId) await deliverAndTrace('after restarting every process');
	for (const poll of defaultPolls) await unpublish(poll.workflow.id);

	// ------------------------------------------------------------------------------------------
	// From here on the workers and the webhook process keep running: the rate check runs on them
	// while main restarts into durable poll cursors (main's restarts do not touch queued executions).
	console.log(`\n# Two workers, one token: ${RATE.executions} executions of ${RATE.items} items at once, limit ${RATE.limit} requests / ${RATE.windowMs / 1000}s (${elapsed()})`);
	await publish(rateWorkflow.id);
	const items = Array.from({ length: RATE.items }, (_, i) => ({ n: i + 1 }));
	const ratePosts = Promise.all(
		Array.from({ length: RATE.executions }, (_, run) =>
			fetch(`${webhookBase}/webhook/${ratePath}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ run, items }),
				signal: AbortSignal.timeout(30_000),
			}).then((r) => r.status),
		),
	);
	ratePosts.catch(() => {}); // awaited in rateCheck

	// ------------------------------------------------------------------------------------------
	console.log(`\n# Polling triggers with n8n's durable poll cursors (${Object.entries(DURABLE_CURSORS_ENV).map(([k, v]) => `${k}=${v}`).join(' ')} on main) (${elapsed()})`);
	await restartMain('main with durable poll cursors', DURABLE_CURSORS_ENV);
	rest = n8nRest(mainUrl);
	await rest.signIn();
	for (const poll of durablePolls) await publish(poll.workflow.id);
	const activatedAt = Date.now();
	// Records changed right after activation, before the first scheduled poll.
	const early = [];
	for (const poll of durablePolls) early.push(await poll.provider.changes());
	await checkAsync("durable: each trigger's state is in Postgres's poller_state table once polled (not in the workflow's static data)", async () => {
		for (const poll of durablePolls) {
			await waitFor(async () => primed(await cursorOf(poll.workflow.id)), { timeoutMs: POLL_WAIT_MS, intervalMs: 1000, message: `a primed poller_state cursor for ${poll.provider.label}` });
			const staticData = await staticDataOf(poll.workflow.id);
			assert(!primed(staticData), `static data holds a primed state too: ${staticData.slice(0, 200)}`);
		}
		note(`durable cursors primed ${seconds(Date.now() - activatedAt)} after activation (the first scheduled poll)`);
	});
	// What became of the early records: emitted with the first execution, or taken for existing records
	// by the first scheduled poll (n8n commits nothing from the poll it runs at activation when that poll
	// emits nothing, so the first scheduled poll primes the cursor).
	const earlyEmitted = [];
	for (const poll of durablePolls) poll.sets.push(await poll.provider.changes());
	await Promise.all(
		durablePolls.map(async (poll, index) => {
			await checkAsync(`${poll.provider.label} Trigger (durable, before the restart): execution 1 emitted exactly the records changed after the cursor was primed`, async () => {
				const emitted = await pollOutcome(poll, 1, 'durable, before the restart');
				const earlyKeys = new Set(early[index].map(({ event, id }) => `${event}:${id}`));
				const withoutEarly = emitted.filter(({ event, id }) => !earlyKeys.has(`${event}:${id}`));
				if (withoutEarly.length !== emitted.length) earlyEmitted.push(poll.provider.label);
				poll.early = early[index];
				assert(describeItems(withoutEarly) === describeItems(poll.sets[0]), `emitted ${describeItems(emitted)}, expected ${describeItems(poll.sets[0])}`);
			});
		}),
	);
	note(
		`durable cursors: records changed between activation and the first scheduled poll were emitted by ${show(earlyEmitted)}; ` +
			`taken for existing records (not emitted) by ${show(durablePolls.map((p) => p.provider.label).filter((l) => !earlyEmitted.includes(l)))}`,
	);
	await restartMain('restart of main, durable cursors', DURABLE_CURSORS_ENV, async () => {
		for (const poll of durablePolls) poll.sets.push(await poll.provider.changes());
	});
	rest = n8nRest(mainUrl);
	await rest.signIn();
	await Promise.all(durablePolls.map((poll) => expectSet(poll, 2, poll.sets[1], 'durable, changed while main was down')));
	for (const poll of durablePolls) {
		noneTwice(poll, 'durable');
		check(`${poll.provider.label} Trigger (durable): a record changed before the first scheduled poll was emitted at most once`, () => {
			const all = poll.emitted.map(({ event, id }) => `${event}:${id}`);
			for (const { event, id } of poll.early || []) assert(all.filter((key) => key === `${event}:${id}`).length <= 1, `${event}:${id} emitted twice`);
		});
	}
	await checkAsync('WebWork Trigger: after two restarts of main (durable cursors on) still exactly one remote webhook, the same one', async () => {
		await publication(triggerWorkflow.id, 'published');
		assertOneHook(await ours());
	});
	if (hookId) await deliverAndTrace('after restarting main twice');

	// ------------------------------------------------------------------------------------------
	console.log(`\n# Two workers, one token: results (${elapsed()})`);
	await rateCheck({ ratePosts, rest, flatted, rateEmulator, rateWorkflow, workerOf });

	// ------------------------------------------------------------------------------------------
	console.log(`\n# WebWork Trigger: unpublish (${elapsed()})`);
	await checkAsync("WebWork Trigger: unpublishing on main runs the node's delete: no remote webhook left", async () => {
		await unpublish(triggerWorkflow.id);
		const hooks = await ours();
		assert(!hooks.length, `still registered: ${describeHooks(hooks)}`);
	});
	for (const poll of durablePolls) await unpublish(poll.workflow.id);
	await unpublish(rateWorkflow.id);
	await stopAll('end');
}

/** The rate-limit check's results: failed items, where the executions ran, 429s per window, span. */
async function rateCheck({ ratePosts, rest, flatted, rateEmulator, rateWorkflow, workerOf }) {
	let outcome = null;
	await checkAsync('both webhook calls answered 200 and both executions finished', async () => {
		const posts = await ratePosts;
		assert(posts.every((status) => status === 200), `answered ${show(posts)}`);
		const executions = await finishedExecutionsOf(rest, rateWorkflow.id, RATE.executions, 5 * 60_000);
		assert(executions.length === RATE.executions, `${executions.length} executions`);
		outcome = { executions };
	});
	if (!outcome) return;
	const perExecution = [];
	for (const execution of outcome.executions) {
		const data = await executionDataOf(rest, flatted, execution.id);
		const items = nodeItems({ data }, 'WebWork');
		perExecution.push({ id: execution.id, status: execution.status, items: items.length, failed: items.filter((item) => item.error !== undefined).length, ranOn: workerOf(execution.id) });
	}
	note(`executions: ${show(perExecution)}`);
	check(`${RATE.executions} executions × ${RATE.items} items against ${RATE.limit} requests / ${RATE.windowMs / 1000}s: 0 failed items, every execution succeeded`, () => {
		for (const e of perExecution) {
			assert(e.status === 'success', `execution ${e.id}: ${e.status}`);
			assert(e.items === RATE.items, `execution ${e.id} output ${e.items} items`);
			assert(e.failed === 0, `execution ${e.id}: ${e.failed} failed items`);
		}
	});
	check('the two executions ran at once on the two different workers (one token shared by two processes)', () => {
		const ranOn = perExecution.map((e) => e.ranOn.join('+'));
		assert(perExecution.every((e) => e.ranOn.length === 1), `ran on ${show(ranOn)}`);
		assert(new Set(ranOn).size === RATE.executions, `ran on ${show(ranOn)}`);
	});

	// The emulator's log: every request of the two executions (nothing else uses this emulator).
	const log = await (await fetch(`${rateEmulator.control}/requests`, { signal: AbortSignal.timeout(15_000) })).json();
	const apiCalls = log.filter((entry) => entry.path === '/workspaces');
	const ok = apiCalls.filter((entry) => entry.status === 200);
	const refused = apiCalls.filter((entry) => entry.status === 429);
	if (!apiCalls.length) return check('the emulator saw the requests', () => assert(false, 'no request logged'));
	const first = apiCalls[0].at;
	const windows = new Map();
	for (const entry of refused) {
		const index = Math.floor((entry.at - first) / RATE.windowMs);
		windows.set(index, (windows.get(index) || 0) + 1);
	}
	const windowCount = Math.floor((apiCalls[apiCalls.length - 1].at - first) / RATE.windowMs) + 1;
	const worst = Math.max(0, ...windows.values());
	const spanMs = ok[ok.length - 1].at - first;
	// A sliding window lets `limit` requests through per window: n successful ones need at least
	// (ceil(n / limit) - 1) windows between the first and the last.
	const lowerBoundMs = (Math.ceil(ok.length / RATE.limit) - 1) * RATE.windowMs;
	note(
		`429s per ${RATE.windowMs / 1000}s window: max ${worst}, total ${refused.length} over ${windowCount} windows ` +
			`(${windows.size} windows with any; per window ${show([...windows.entries()].sort((a, b) => a[0] - b[0]).map(([i, n]) => `#${i}:${n}`))}); ` +
			`${ok.length} requests answered 200, ${apiCalls.length} sent`,
	);
	note(`span ${seconds(spanMs)} from the first request to the last successful one vs the limit's lower bound ${seconds(lowerBoundMs)}: ratio ${(spanMs / lowerBoundMs).toFixed(2)}`);
	check(`at most one 429 per ${RATE.windowMs / 1000}s window across both workers`, () => assert(worst <= 1, `${worst} in one window`));
}

main();
