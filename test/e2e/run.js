'use strict';
/**
 * End-to-end tests: the packed node pack inside a real n8n (2.40.7 on Node 24, installed and
 * cached by scripts/install-n8n.sh), talking to the WebWork emulator (scripts/emulator.js).
 *
 *   npm run test:e2e            (plain Node >= 20, no dependencies)
 *
 * Env: E2E_EMULATOR=<path> runs another emulator script with the same contract (prints one JSON
 * line {baseUrl, origin, token}, runs until SIGTERM); E2E_KEEP=1 keeps the temp folder for debugging;
 * E2E_TIMEOUT_MS changes the per-command timeout (120 s).
 *
 * To add a scenario, append to SCENARIOS: it gets a context with n8n helpers, the emulator and
 * the imported credential, and reports results through check().
 */
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');
const PKG = require(path.join(ROOT, 'package.json'));
const NODE_TYPE = `${PKG.name}.webWork`;
const COMMAND_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS) || 120_000; // per n8n / npm command
const EMULATOR_SCRIPT = process.env.E2E_EMULATOR || path.join(ROOT, 'scripts/emulator.js');

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

// Children still running. n8n runs in its own process group (see run()), so a Ctrl-C or a CI
// cancel would not reach it: on SIGINT/SIGTERM kill them all and remove the temp folder ourselves.
const liveChildren = new Set();
let tempFolder = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		for (const child of liveChildren) killGroup(child, 'SIGKILL');
		if (tempFolder && !process.env.E2E_KEEP) fs.rmSync(tempFolder, { recursive: true, force: true });
		console.log(`\ne2e: interrupted by ${signal}`);
		process.exit(1);
	});
}

/**
 * Runs a command to completion. Its own process group (detached) so a timeout also kills the
 * children n8n starts (task runners). Resolves with {code, stdout, stderr, timedOut}.
 */
function run(cmd, args, { cwd = ROOT, env = process.env, timeoutMs = COMMAND_TIMEOUT_MS } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		liveChildren.add(child);
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			liveChildren.delete(child);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			liveChildren.delete(child);
			resolve({ code, stdout, stderr, timedOut });
		});
	});
}

/** Like run(), but throws with the output's tail when the command fails. */
async function runOk(cmd, args, options) {
	const result = await run(cmd, args, options);
	if (result.code !== 0) throw new Error(describeFailure(`${path.basename(cmd)} ${args.join(' ')}`, result));
	return result;
}

function describeFailure(what, { code, stdout, stderr, timedOut }) {
	const tail = (text) => text.trim().split('\n').slice(-15).join('\n');
	const why = timedOut ? 'timed out' : `exited ${code}`;
	return `${what} ${why}\n--- stdout (tail)\n${tail(stdout)}\n--- stderr (tail)\n${tail(stderr)}`;
}

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

/** A free TCP port on 127.0.0.1 (n8n's task broker otherwise always takes 5679). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Setup: n8n install, package, user folder, emulator

async function installN8n() {
	const { stdout } = await runOk('bash', [path.join(ROOT, 'scripts/install-n8n.sh')], { timeoutMs: 15 * 60_000 });
	const value = (key) => (new RegExp(`^${key}=(.+)$`, 'm').exec(stdout) || [])[1];
	const nodeBin = value('NODE_BIN');
	const n8nBin = value('N8N_BIN');
	assert(nodeBin && n8nBin, `install-n8n.sh printed no NODE_BIN / N8N_BIN:\n${stdout}`);
	return { nodeBin, n8nBin };
}

/** Environment for n8n and its npm: Node 24 first on PATH, no N8N_* / DB_* leaking in from the caller. */
function n8nEnv(nodeBin, userFolder, extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^(N8N_|DB_|WEBHOOK_URL$)/.test(key)) env[key] = value;
	}
	return {
		...env,
		PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		...extra,
	};
}

async function packPackage(tmp) {
	if (!fs.existsSync(path.join(ROOT, 'dist/nodes/WebWork/WebWork.node.js'))) {
		await runOk('npm', ['run', 'build'], { timeoutMs: 5 * 60_000 });
	}
	const { stdout } = await runOk('npm', ['pack', '--silent', '--pack-destination', tmp]);
	const tarball = path.join(tmp, stdout.trim().split('\n').pop());
	assert(fs.existsSync(tarball), `npm pack produced no tarball (${stdout.trim()})`);
	return tarball;
}

/**
 * Installs the tarball where n8n loads community packages from. --omit=peer because n8n strips
 * peerDependencies when it installs a package itself; a second n8n-workflow copy would not be real.
 */
async function installPackage(env, userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n/nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	await runOk('npm', ['init', '-y'], { cwd: nodesDir, env });
	await runOk('npm', ['install', '--ignore-scripts', '--omit=peer', '--no-audit', '--no-fund', tarball], {
		cwd: nodesDir,
		env,
	});
}

/** Starts the emulator and resolves with {baseUrl, origin, token, stop()} once it printed its JSON line. */
function startEmulator() {
	return new Promise((resolve, reject) => {
		if (!fs.existsSync(EMULATOR_SCRIPT)) return reject(new Error(`emulator not found: ${EMULATOR_SCRIPT}`));
		const child = spawn(process.execPath, [EMULATOR_SCRIPT], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		liveChildren.add(child);
		const exited = new Promise((done) => child.on('exit', done));
		exited.then(() => liveChildren.delete(child));
		const stop = async () => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(killTimer);
		};
		let stdout = '';
		let stderr = '';
		let settled = false;
		const settle = (error, info) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			if (!error) return resolve({ ...info, stop });
			stop();
			reject(new Error(`${error.message}\n--- emulator stderr\n${stderr.trim()}`));
		};
		const timer = setTimeout(() => settle(new Error('emulator printed no JSON line within 15s')), 15_000);
		child.stderr.on('data', (chunk) => (stderr += chunk));
		// Keep reading stdout after the first line so later logging cannot fill the pipe and block it.
		child.stdout.on('data', (chunk) => {
			if (settled) return;
			stdout += chunk;
			const newline = stdout.indexOf('\n');
			if (newline < 0) return;
			const line = stdout.slice(0, newline);
			try {
				const info = JSON.parse(line);
				assert(info.baseUrl && info.token, `JSON line lacks baseUrl/token: ${line}`);
				settle(null, info);
			} catch (error) {
				settle(new Error(`emulator's first line is not the expected JSON (${error.message}): ${line}`));
			}
		});
		child.on('exit', (code, signal) => settle(new Error(`emulator exited early (${code ?? signal})`)));
		child.on('error', (error) => settle(error));
	});
}

// ---------------------------------------------------------------------------------------------
// n8n helpers

function makeN8n({ nodeBin, n8nBin, env, tmp }) {
	let fileCounter = 0;
	const writeJson = (prefix, data) => {
		const file = path.join(tmp, `${prefix}-${++fileCounter}.json`);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	};

	/** Runs the n8n CLI with the test environment (resolves even on non-zero exit). */
	const n8n = (args, options = {}) => run(nodeBin, [n8nBin, ...args], { cwd: tmp, env, ...options });

	async function importCredentials(credentials) {
		const result = await n8n(['import:credentials', `--input=${writeJson('credentials', credentials)}`]);
		if (result.code !== 0) throw new Error(describeFailure('n8n import:credentials', result));
	}

	async function importWorkflow(workflow) {
		const result = await n8n(['import:workflow', `--input=${writeJson('workflow', workflow)}`]);
		if (result.code !== 0) throw new Error(describeFailure('n8n import:workflow', result));
		return workflow.id;
	}

	/**
	 * `n8n execute --rawOutput` prints log lines, then the execution as pretty JSON (also when the
	 * execution failed, then with exit code 1). Resolves with {execution, result}; execution is null
	 * when no JSON could be found (e.g. n8n crashed or timed out).
	 */
	async function executeWorkflow(id) {
		const result = await n8n(['execute', `--id=${id}`, '--rawOutput']);
		return { execution: parseExecution(result.stdout), result };
	}

	return { n8n, importCredentials, importWorkflow, executeWorkflow };
}

/** The execution JSON: from a line that is exactly "{" to the last line that is exactly "}". */
function parseExecution(stdout) {
	const end = stdout.lastIndexOf('\n}');
	for (let start = stdout.indexOf('{\n'); start >= 0 && start < end; start = stdout.indexOf('\n{\n', start + 1)) {
		try {
			const parsed = JSON.parse(stdout.slice(start, end + 2));
			if (parsed && parsed.data && parsed.data.resultData) return parsed;
		} catch {
			// a "{" inside a log line; try the next one
		}
	}
	return null;
}

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
];

// ---------------------------------------------------------------------------------------------
// Emulator client (the test's own view of the API, for expected values)

function emulatorClient(info) {
	const base = info.baseUrl.replace(/\/+$/, '');
	async function get(pathName, query = {}) {
		const url = new URL(base + pathName);
		for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
		const response = await fetch(url, { headers: { Authorization: `Bearer ${info.token}`, Accept: 'application/json' } });
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
	return { ...info, get, getAll };
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
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

		for (const scenario of SCENARIOS) {
			console.log(`\n# ${scenario.name}`);
			const before = results.length;
			try {
				await scenario.run({ ...helpers, emulator, credential, env, tmp, userFolder });
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

main();
