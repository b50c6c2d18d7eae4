'use strict';
/**
 * Hosting a real n8n for the e2e tests (test/e2e/run.js) and the playground (scripts/start.js, `npm start`):
 * the cached n8n 2.40.7 + Node 24 install (scripts/install-n8n.sh), the pack built, packed and installed
 * where n8n loads community packages, the n8n CLI, `n8n start` until it is ready, the internal REST API
 * (owner setup / login), and emulator child processes that print one JSON line.
 *
 * Every child runs in its own process group and is tracked in liveChildren until it ends, so a caller's
 * signal handler can stop what is left (killGroup). Plain Node >= 20, no dependencies.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const COMMAND_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS) || 120_000; // per n8n / npm command
const SERVER_START_TIMEOUT_MS = 90_000; // `n8n start` until published workflows are active
const SERVER_STOP_TIMEOUT_MS = 20_000; // SIGTERM → exit, then SIGKILL

function assert(condition, message) {
	if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------------------------------------
// Processes

/** Children still running (each in its own process group, so a Ctrl-C does not reach them). */
const liveChildren = new Set();

/** Sends `signal` to the process group of every child still running (on Ctrl-C, a failure, or the end). */
function killLiveChildren(signal = 'SIGKILL') {
	for (const child of liveChildren) killGroup(child, signal);
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
// n8n install, package, user folder, emulators

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

/** Packs the package into `tmp` (building it first when dist/ is missing, or always with rebuild); resolves with the tarball. */
async function packPackage(tmp, { rebuild = false } = {}) {
	if (rebuild || !fs.existsSync(path.join(ROOT, 'dist/nodes/WebWork/WebWork.node.js'))) {
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
 * A copy installed earlier (a reused user folder) is removed first, so the new build always lands.
 */
async function installPackage(env, userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n/nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	if (!fs.existsSync(path.join(nodesDir, 'package.json'))) await runOk('npm', ['init', '-y'], { cwd: nodesDir, env });
	const name = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).name;
	fs.rmSync(path.join(nodesDir, 'node_modules', name), { recursive: true, force: true });
	await runOk('npm', ['install', '--ignore-scripts', '--omit=peer', '--no-audit', '--no-fund', tarball], {
		cwd: nodesDir,
		env,
	});
}

/**
 * Starts an emulator script (scripts/emulator.js or one with the same contract: prints one JSON line with
 * baseUrl and a token or API key, runs until SIGTERM) and resolves with that JSON plus {stop(), exited, tail(),
 * pid} once it printed it. `exited` resolves with {code, signal} when the process ends; tail() is the end of its output.
 */
function startEmulator(script, extraArgs = []) {
	return new Promise((resolve, reject) => {
		if (!fs.existsSync(script)) return reject(new Error(`emulator not found: ${script}`));
		const child = spawn(process.execPath, [script, ...extraArgs], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		liveChildren.add(child);
		const exited = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
		exited.then(() => liveChildren.delete(child));
		const stop = async () => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(killTimer);
		};
		let stdout = '';
		let stderr = '';
		let later = ''; // stdout after the JSON line, last 20,000 characters
		const tail = () => `${later}\n${stderr}`.trim().split('\n').slice(-20).join('\n');
		let settled = false;
		const settle = (error, info) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			if (!error) return resolve({ ...info, stop, exited, tail, pid: child.pid });
			stop();
			reject(new Error(`${error.message}\n--- emulator stderr\n${stderr.trim()}`));
		};
		const timer = setTimeout(() => settle(new Error('emulator printed no JSON line within 15s')), 15_000);
		child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-20_000)));
		// Keep reading stdout after the first line so later logging cannot fill the pipe and block it.
		child.stdout.on('data', (chunk) => {
			if (settled) return void (later = (later + chunk).slice(-20_000));
			stdout += chunk;
			const newline = stdout.indexOf('\n');
			if (newline < 0) return;
			const line = stdout.slice(0, newline);
			try {
				const info = JSON.parse(line);
				assert(info.baseUrl && (info.token || info.apiKey), `JSON line lacks baseUrl and a token or API key: ${line}`);
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
// n8n CLI and server

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

	/** Imports every *.json in a folder with one `n8n import:workflow --separate` (published ones are unpublished by it). */
	async function importWorkflowFolder(folder) {
		const result = await n8n(['import:workflow', '--separate', `--input=${folder}`]);
		if (result.code !== 0) throw new Error(describeFailure('n8n import:workflow --separate', result));
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

	/**
	 * `n8n start` on 127.0.0.1:<port>, with WEBHOOK_URL pointing there so the URLs trigger nodes register
	 * are reachable. Resolves once n8n printed "Editor is now accessible via" (its last startup step;
	 * /healthz answers before the rest of startup) and /healthz answers 200. In 2.40.7 publications are
	 * still being applied asynchronously at that point: wait on the publication status (see the trigger
	 * scenario). Own process group, like run(); stop() sends SIGTERM to the group, as Ctrl-C would.
	 * Options for a long-running n8n: logFile (its output is appended there too), keepOutputChars (output()
	 * keeps only that many last characters instead of everything). `exited` resolves with {code, signal}.
	 */
	async function startServer(port, extraEnv = {}, { logFile = null, keepOutputChars = Infinity } = {}) {
		const baseUrl = `http://127.0.0.1:${port}`;
		const serverEnv = {
			...env,
			...extraEnv,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			WEBHOOK_URL: `${baseUrl}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		};
		const child = spawn(nodeBin, [n8nBin, 'start'], { cwd: tmp, env: serverEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		liveChildren.add(child);
		let output = '';
		const log = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
		const collect = (chunk) => {
			output += chunk;
			if (output.length > 2 * keepOutputChars) output = output.slice(-keepOutputChars);
			if (log) log.write(chunk);
		};
		child.stdout.on('data', collect);
		child.stderr.on('data', collect);
		let spawnError = null;
		child.on('error', (error) => (spawnError = error));
		const exited = new Promise((done) => child.on('close', (code, signal) => done({ code, signal })));
		exited.then(() => {
			liveChildren.delete(child);
			if (log) log.end();
		});
		const running = () => child.exitCode === null && child.signalCode === null && !spawnError;
		const tail = () => output.trim().split('\n').slice(-20).join('\n');

		/** SIGTERM to the group (like Ctrl-C), SIGKILL after SERVER_STOP_TIMEOUT_MS; resolves {code, signal, clean}. */
		let stopping = null;
		const stop = () =>
			(stopping ||= (async () => {
				if (running()) killGroup(child, 'SIGTERM');
				const timer = setTimeout(() => killGroup(child, 'SIGKILL'), SERVER_STOP_TIMEOUT_MS);
				const result = spawnError ? { code: null, signal: null } : await exited;
				clearTimeout(timer);
				killGroup(child, 'SIGKILL'); // whatever is left of the group (task runner)
				return { ...result, clean: result.code === 0 };
			})());

		const started = Date.now();
		for (;;) {
			if (!running()) {
				await stop();
				throw new Error(`n8n start exited before it was ready (${spawnError ? spawnError.message : child.exitCode ?? child.signalCode})\n${tail()}`);
			}
			if (Date.now() - started > SERVER_START_TIMEOUT_MS) {
				await stop();
				throw new Error(`n8n start was not ready within ${SERVER_START_TIMEOUT_MS / 1000}s\n${tail()}`);
			}
			if (output.includes('Editor is now accessible via')) {
				const healthy = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5000) })
					.then((response) => response.ok)
					.catch(() => false);
				if (healthy) break;
			}
			await sleep(200);
		}
		return { baseUrl, startedInMs: Date.now() - started, output: () => output, tail, stop, exited, pid: child.pid };
	}

	// n8n's own dependencies (flatted, for execution data), next to the n8n package.
	const nodeModules = path.resolve(path.dirname(n8nBin), '..', '..');
	return { n8n, importCredentials, importWorkflow, importWorkflowFolder, executeWorkflow, startServer, nodeModules };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls fn() until it returns a truthy value; then returns it. Throws after timeoutMs (message: string or () => string). */
async function waitFor(fn, { timeoutMs = 15_000, intervalMs = 250, message = 'condition' } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await fn();
		if (value) return value;
		if (Date.now() > deadline) {
			throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${typeof message === 'function' ? message() : message}`);
		}
		await sleep(intervalMs);
	}
}

const E2E_OWNER = { email: 'e2e-owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-passw0rd' };

/**
 * The internal REST API (/rest) of a running n8n, as the editor uses it: the first call of signIn()
 * sets up the instance owner (POST /rest/owner/setup needs no auth on a fresh instance), later ones
 * log in (login() only logs in). n8n binds its auth cookie to a "browser-id" header, so every request
 * sends the same one. Used for what the CLI cannot show about a running n8n: publication status and executions.
 */
function n8nRest(baseUrl, owner = E2E_OWNER) {
	let cookie = '';
	async function request(method, pathName, body) {
		const headers = { Accept: 'application/json', 'browser-id': 'worktime-e2e-browser' };
		if (body !== undefined) headers['Content-Type'] = 'application/json';
		if (cookie) headers.Cookie = cookie;
		const response = await fetch(`${baseUrl}/rest${pathName}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(30_000),
		});
		for (const header of response.headers.getSetCookie()) {
			const match = /^n8n-auth=([^;]*)/.exec(header);
			if (match) cookie = `n8n-auth=${match[1]}`;
		}
		const text = await response.text();
		let json = null;
		try {
			json = JSON.parse(text);
		} catch {
			// not JSON
		}
		if (!response.ok) {
			const error = new Error(`n8n ${method} /rest${pathName} answered ${response.status}: ${text.slice(0, 300)}`);
			error.status = response.status;
			throw error;
		}
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}
	const login = () => request('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	/** Resolves with 'setup' when it set up the owner, 'login' when the owner existed already. */
	async function signIn() {
		try {
			await request('POST', '/owner/setup', owner);
			return 'setup';
		} catch (error) {
			if (error.status !== 400) throw error; // 400: the owner is set up already
			await login();
			return 'login';
		}
	}
	return { request, signIn, login, owner };
}

/**
 * The WebWork OAuth2 credential's data for an emulator's OAuth server (as scripts/emulator.js prints it:
 * authUrl, accessTokenUrl, clientId, clientSecret, scope). Not connected yet: n8n stores the token once
 * someone clicks Connect in the credential dialog.
 */
function webWorkOAuth2Data(oauth, baseUrl) {
	return {
		grantType: 'authorizationCode',
		authUrl: oauth.authUrl,
		accessTokenUrl: oauth.accessTokenUrl,
		clientId: oauth.clientId,
		clientSecret: oauth.clientSecret,
		scope: oauth.scope,
		authentication: 'header',
		baseUrl,
	};
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

/** The n8n CLI, failing on what publish:/unpublish:workflow report with exit 0 ("GOT ERROR", e.g. an unknown id). */
async function cliOk(n8n, args) {
	const result = await n8n(args);
	if (result.code !== 0 || /GOT ERROR|^Error/m.test(result.stdout + result.stderr)) {
		throw new Error(describeFailure(`n8n ${args.join(' ')}`, result));
	}
}

module.exports = {
	ROOT,
	liveChildren,
	run,
	runOk,
	describeFailure,
	killGroup,
	killLiveChildren,
	freePort,
	sleep,
	waitFor,
	installN8n,
	n8nEnv,
	packPackage,
	installPackage,
	startEmulator,
	makeN8n,
	n8nRest,
	parseExecution,
	cliOk,
	webWorkOAuth2Data,
};
