#!/usr/bin/env node
'use strict';
/**
 * `npm start`: a playground. Starts a real n8n (the version the e2e tests use, installed and cached by
 * scripts/install-n8n.sh; embedded SQLite) with the freshly built pack installed, the four provider
 * emulators with their demo data, a mail server with a web view, an owner login, demo credentials
 * pointing at the emulators and the mail server, and the templates from examples/ imported (those
 * that start with a trigger published once n8n runs). Prints the URLs, the login and what to try first; Ctrl-C
 * (or SIGTERM) stops everything it started.
 *
 *   npm start [-- --port 5678 --mail-port 8025 --smtp-port 2525 --emulator-port 5801
 *                 --data .playground --templates examples --reset]
 *
 * --port          n8n's editor, REST API and webhooks                   (env WORKTIME_PORT, default 5678)
 * --mail-port     the mail web view                                      (env WORKTIME_MAIL_PORT, 8025)
 * --smtp-port     the SMTP server the demo SMTP credential points at     (env WORKTIME_SMTP_PORT, 2525)
 * --emulator-port the first of four: WebWork, WeWorked, TeamWork Live, Worksible (env WORKTIME_EMULATOR_PORT, 5801)
 * --data          the data folder: n8n's user folder (SQLite), state.json, n8n.log (env WORKTIME_DATA, .playground)
 * --templates     the folder whose *.json workflows are imported (env WORKTIME_TEMPLATES, examples)
 * --reset         deletes the data folder first
 * --rebuild       builds and reinstalls the pack even when its sources did not change since the last start
 *
 * Re-runs reuse the data folder: the owner, executions and your own workflows stay; the pack is rebuilt
 * and reinstalled when its sources changed (or with --rebuild), the demo credentials (fixed ids) and the templates (fixed ids, so edits to them are
 * replaced: duplicate one to keep it) are imported again. The emulators keep their data in memory, so
 * it starts fresh each time. state.json holds n8n's encryption key and what this run started (URLs,
 * emulator tokens), for scripts and tests.
 */
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const path = require('path');
const host = require('./n8n-host');

const startedAt = Date.now();
const ROOT = host.ROOT;
const PKG = require(path.join(ROOT, 'package.json'));
const OWNER = { email: 'demo@worktime.local', firstName: 'Demo', lastName: 'Owner', password: 'Worktime-demo-1' };
const PUBLICATION_WAIT_MS = 30_000;

const EMULATORS = [
	// --auto-deliver: changes made through the API are delivered to registered webhooks, as WebWork does.
	{ key: 'webwork', label: 'WebWork', args: ['--control', '--auto-deliver'] },
	{ key: 'weworked', label: 'WeWorked', args: ['--provider', 'weworked'] },
	{ key: 'teamworklive', label: 'TeamWork Live', args: ['--provider', 'teamworklive'] },
	{ key: 'worksible', label: 'Worksible', args: ['--provider', 'worksible'] },
];

// ---------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
	const args = {};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		if (!flag.startsWith('--')) fail(`Unexpected argument "${flag}" (see --help)`);
		const [name, inline] = flag.slice(2).split(/=(.*)/s, 2);
		const takesValue = inline === undefined && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--');
		args[name] = inline !== undefined ? inline : takesValue ? argv[++i] : true;
	}
	return args;
}

function fail(message) {
	console.error(`npm start: ${message}`);
	process.exit(1);
}

function options() {
	const args = parseArgs(process.argv.slice(2));
	const known = ['port', 'mail-port', 'smtp-port', 'emulator-port', 'data', 'templates', 'reset', 'rebuild', 'help'];
	for (const name of Object.keys(args)) if (!known.includes(name)) fail(`Unknown option --${name} (see --help)`);
	if (args.help) {
		const doc = fs.readFileSync(__filename, 'utf8').split('/**')[1].split('*/')[0];
		console.log(doc.replace(/^ \* ?/gm, '').trim());
		process.exit(0);
	}
	const port = (flag, envName, fallback) => {
		const raw = args[flag] ?? process.env[envName] ?? fallback;
		const value = Number(raw);
		if (!Number.isInteger(value) || value < 1 || value > 65535) fail(`--${flag} / ${envName} must be a port number, got "${raw}"`);
		return value;
	};
	const folder = (flag, envName, fallback) => {
		const raw = args[flag] ?? process.env[envName] ?? fallback;
		if (typeof raw !== 'string' || !raw) fail(`--${flag} needs a folder`);
		return path.resolve(ROOT, raw);
	};
	const emulatorPort = port('emulator-port', 'WORKTIME_EMULATOR_PORT', 5801);
	if (emulatorPort > 65532) fail('--emulator-port must leave room for four ports');
	return {
		port: port('port', 'WORKTIME_PORT', 5678),
		mailPort: port('mail-port', 'WORKTIME_MAIL_PORT', 8025),
		smtpPort: port('smtp-port', 'WORKTIME_SMTP_PORT', 2525),
		emulatorPorts: EMULATORS.map((_, index) => emulatorPort + index),
		data: folder('data', 'WORKTIME_DATA', '.playground'),
		templates: folder('templates', 'WORKTIME_TEMPLATES', 'examples'),
		reset: Boolean(args.reset),
		rebuild: Boolean(args.rebuild),
	};
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const step = (text) => console.log(`· ${text}`);
const relative = (file) => (path.relative(ROOT, file).startsWith('..') ? file : path.relative(ROOT, file) || '.');

function portFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

async function checkPorts(opts) {
	const wanted = [
		{ port: opts.port, what: 'n8n', flag: '--port', env: 'WORKTIME_PORT' },
		{ port: opts.mailPort, what: 'the mail web view', flag: '--mail-port', env: 'WORKTIME_MAIL_PORT' },
		{ port: opts.smtpPort, what: 'the SMTP server', flag: '--smtp-port', env: 'WORKTIME_SMTP_PORT' },
		...EMULATORS.map(({ label }, index) => ({
			port: opts.emulatorPorts[index],
			what: `the ${label} emulator`,
			flag: '--emulator-port (the first of four)',
			env: 'WORKTIME_EMULATOR_PORT',
		})),
	];
	const seen = new Map();
	for (const entry of wanted) {
		if (seen.has(entry.port)) fail(`port ${entry.port} is given to both ${seen.get(entry.port)} and ${entry.what}`);
		seen.set(entry.port, entry.what);
	}
	const taken = [];
	for (const entry of wanted) if (!(await portFree(entry.port))) taken.push(entry);
	if (!taken.length) return;
	const lines = taken.map((t) => `  port ${t.port} (${t.what}) is in use: choose another with ${t.flag.replace(' ', ' N ')}${t.flag.includes(' ') ? '' : ' N'} or ${t.env}=N`);
	fail(`ports in use, nothing started:\n${lines.join('\n')}\nIs another "npm start" still running? Stop it (Ctrl-C) or pick other ports, e.g. npm start -- --port 5690 --mail-port 8035 --smtp-port 2535 --emulator-port 5811`);
}

/** One npm start per data folder (SQLite does not like two n8n instances): fails when another one runs on it. */
function checkDataFolderFree(data) {
	const pidFile = path.join(data, 'start.pid');
	const other = Number(fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8').trim() : NaN);
	if (!Number.isInteger(other) || other === process.pid) return;
	let alive = false;
	try {
		process.kill(other, 0);
		alive = !fs.existsSync(`/proc/${other}/cmdline`) || fs.readFileSync(`/proc/${other}/cmdline`, 'utf8').includes('start.js');
	} catch {
		// gone
	}
	if (alive) fail(`another npm start (pid ${other}) uses ${relative(data)}; stop it first (or delete ${relative(pidFile)} if it is not one)`);
}

/**
 * A hash of everything the packed package is built from, so a re-run can skip build, pack and install
 * when nothing changed (code changes still show up on the next start).
 */
function packInputsHash() {
	const files = [];
	const walk = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else files.push(full);
		}
	};
	for (const dir of ['nodes', 'credentials', 'icons']) if (fs.existsSync(path.join(ROOT, dir))) walk(path.join(ROOT, dir));
	for (const file of ['package.json', 'tsconfig.json', 'gulpfile.js', 'index.js']) if (fs.existsSync(path.join(ROOT, file))) files.push(path.join(ROOT, file));
	const hash = crypto.createHash('sha256');
	for (const file of files.sort()) hash.update(`${path.relative(ROOT, file)}\0`).update(fs.readFileSync(file)).update('\0');
	return hash.digest('hex');
}

function readState(file, userFolder) {
	let state = {};
	try {
		state = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		// first run (or an unreadable file: start over with what n8n has)
	}
	if (!state.encryptionKey) {
		// n8n keeps the key it was first started with in its config; a lost state file must not change it.
		try {
			state.encryptionKey = JSON.parse(fs.readFileSync(path.join(userFolder, '.n8n/config'), 'utf8')).encryptionKey;
		} catch {
			// no n8n data yet
		}
	}
	state.encryptionKey ||= crypto.randomBytes(24).toString('base64url');
	state.digestSecret ||= crypto.randomBytes(32).toString('hex');
	return state;
}

const writeState = (file, state) => fs.writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);

// ---------------------------------------------------------------------------------------------
// Demo credentials and templates

/** The demo credentials, with fixed ids the templates reference. */
function demoCredentials(emulators, smtpPort, digestSecret) {
	const { webwork, weworked, teamworklive, worksible } = emulators;
	// scripts/emulator.js prints the OAuth2 settings as "oauth"; older emulators had the same fixed client.
	const oauth = webwork.oauth || {
		authUrl: `${webwork.origin}/oauth/authorize`,
		accessTokenUrl: `${webwork.origin}/oauth/token`,
		clientId: 'test-client',
		clientSecret: 'test-secret',
		scope: 'read write',
	};
	return [
		{ id: 'worktimeDemoWebWork', name: 'WebWork (demo)', type: 'webWorkApi', data: { accessToken: webwork.token, baseUrl: webwork.baseUrl } },
		{
			id: 'worktimeDemoWebWorkOAuth2',
			name: 'WebWork OAuth2 (demo)',
			type: 'webWorkOAuth2Api',
			data: host.webWorkOAuth2Data(oauth, webwork.baseUrl),
		},
		{ id: 'worktimeDemoWeWorked', name: 'WeWorked (demo)', type: 'weWorkedApi', data: { apiKey: weworked.apiKey, email: weworked.email, baseUrl: weworked.baseUrl } },
		{ id: 'worktimeDemoTeamWorkLive', name: 'TeamWork Live (demo)', type: 'teamWorkLiveApi', data: { baseUrl: teamworklive.baseUrl, email: teamworklive.email, apiKey: teamworklive.apiKey } },
		{ id: 'worktimeDemoWorksible', name: 'Worksible (demo)', type: 'worksibleApi', data: { apiKey: worksible.apiKey, baseUrl: worksible.baseUrl } },
		{
			id: 'worktimeDemoSmtp',
			name: 'SMTP (demo)',
			type: 'smtp',
			data: { user: 'demo', password: 'demo', host: '127.0.0.1', port: smtpPort, secure: false, disableStartTls: true },
		},
		// The daily digest template signs its decision links with this HMAC secret (kept in state.json).
		{ id: 'worktimeDemoDigestSecret', name: 'Digest link secret (demo)', type: 'crypto', data: { hmacSecret: digestSecret } },
	];
}

/** A node that starts a workflow on its own (not a manual or sub-workflow start), so publishing it does something. */
const isTrigger = (node) => !node.disabled && /Trigger$/.test(node.type) && !/\.(manualTrigger|executeWorkflowTrigger)$/.test(node.type);

/**
 * The templates folder's workflows, copied into `into` for one `import:workflow --separate`. Links the
 * templates build to this n8n (the digest's decisionUrl, http://localhost:5678/webhook/…) get the chosen port.
 */
function readTemplates(folder, into, port) {
	fs.rmSync(into, { recursive: true, force: true });
	fs.mkdirSync(into, { recursive: true });
	if (!fs.existsSync(folder)) return { templates: [], skipped: [] };
	const templates = [];
	const skipped = [];
	for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.json')).sort()) {
		let workflow;
		try {
			workflow = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
		} catch (error) {
			skipped.push(`${file}: not JSON (${error.message})`);
			continue;
		}
		if (!workflow || typeof workflow.id !== 'string' || !Array.isArray(workflow.nodes) || typeof workflow.connections !== 'object') {
			skipped.push(`${file}: not an n8n workflow with a fixed "id"`);
			continue;
		}
		const text = fs.readFileSync(path.join(folder, file), 'utf8');
		fs.writeFileSync(path.join(into, file), port === 5678 ? text : text.replaceAll('http://localhost:5678/webhook/', `http://localhost:${port}/webhook/`));
		templates.push({ file, id: workflow.id, name: workflow.name || file, nodes: workflow.nodes, trigger: workflow.nodes.some(isTrigger) });
	}
	return { templates, skipped };
}

// ---------------------------------------------------------------------------------------------
// Lifecycle

const running = { server: null, emulators: [], mail: null };
let stopping = null;

/** Stops everything this script started (n8n first, as its process group), then exits with `code`. */
function shutdown(code, message) {
	if (stopping) return stopping;
	stopping = (async () => {
		if (message) console.log(message);
		const withTimeout = (promise, ms) => Promise.race([promise.catch(() => {}), new Promise((resolve) => setTimeout(resolve, ms))]);
		const tasks = [];
		if (running.server) tasks.push(withTimeout(running.server.stop(), 25_000));
		for (const emulator of running.emulators) tasks.push(withTimeout(emulator.stop(), 6_000));
		if (running.mail) tasks.push(withTimeout(running.mail.stop(), 5_000));
		// Whatever else is still running: an npm or n8n CLI command of the setup.
		host.killLiveChildren('SIGTERM');
		await Promise.all(tasks);
		host.killLiveChildren('SIGKILL');
		if (running.pidFile) fs.rmSync(running.pidFile, { force: true });
		process.exit(code);
	})();
	return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		if (stopping) return; // npm forwards the terminal's Ctrl-C, so it may come twice
		shutdown(0, `\n${signal === 'SIGINT' ? 'Ctrl-C' : signal}: stopping n8n, the emulators and the mail server…`).then(() => {});
	});
}

// An error nothing caught (e.g. in the in-process mail server) must not leave n8n and the emulators running.
for (const event of ['uncaughtException', 'unhandledRejection']) {
	process.on(event, (error) => {
		if (!stopping) shutdown(1, `\nnpm start: unexpected error: ${(error && error.stack) || error}\nStopping everything.`);
	});
}

/** A child that ends while we are not stopping takes everything down, with its last output. */
function watch(label, exited, tail) {
	exited.then(({ code, signal }) => {
		if (stopping) return;
		shutdown(1, `\n${label} stopped unexpectedly (${code ?? signal}); its last output:\n${tail()}\nStopping everything.`);
	});
}

async function startServices(opts) {
	const { startMailServer } = require('../test/mail/server');
	const emulatorScript = path.join(ROOT, 'scripts/emulator.js');
	const started = await Promise.all([
		...EMULATORS.map(async (emulator, index) => {
			const info = await host.startEmulator(emulatorScript, [...emulator.args, '--port', String(opts.emulatorPorts[index])]);
			running.emulators.push(info);
			watch(`the ${emulator.label} emulator`, info.exited, info.tail);
			return [emulator.key, info];
		}),
		startMailServer({ smtpPort: opts.smtpPort, httpPort: opts.mailPort }).then((mail) => {
			running.mail = mail;
			return ['mail', mail];
		}),
	]);
	return Object.fromEntries(started);
}

async function main() {
	const opts = options();
	checkDataFolderFree(opts.data);
	await checkPorts(opts);
	if (opts.reset) {
		fs.rmSync(opts.data, { recursive: true, force: true });
		step(`--reset: deleted ${relative(opts.data)}`);
	}
	fs.mkdirSync(opts.data, { recursive: true });
	running.pidFile = path.join(opts.data, 'start.pid');
	fs.writeFileSync(running.pidFile, String(process.pid));
	const userFolder = path.join(opts.data, 'n8n');
	const tmp = path.join(opts.data, 'tmp');
	fs.rmSync(tmp, { recursive: true, force: true });
	fs.mkdirSync(tmp, { recursive: true });
	const stateFile = path.join(opts.data, 'state.json');
	const state = readState(stateFile, userFolder);
	const reused = Boolean(state.ownerSetUp);
	writeState(stateFile, state);

	// The slow parts side by side: n8n install (cached), build + pack, emulators + mail server.
	const cache = process.env.WORKTIME_N8N_CACHE || path.join(require('os').homedir(), '.cache/n8n-nodes-worktime');
	const cached = fs.existsSync(cache) && fs.readdirSync(cache).some((name) => fs.existsSync(path.join(cache, name, '.installed')));
	step(cached ? `n8n: cached in ${cache}` : `n8n: installing Node 24 and n8n into ${cache} (first time only: about 3 minutes, 2.8 GB)`);
	const packHash = packInputsHash();
	const installedPackage = path.join(userFolder, '.n8n/nodes/node_modules', PKG.name, 'package.json');
	const packUpToDate = !opts.rebuild && state.packHash === packHash && fs.existsSync(installedPackage);
	step(`${packUpToDate ? 'the pack is unchanged since the last start' : 'building and packing the pack'}; starting the emulators and the mail server`);
	const buildStarted = Date.now();
	const [{ nodeBin, n8nBin }, tarball, services] = await Promise.all([
		host.installN8n(),
		packUpToDate ? null : host.packPackage(tmp, { rebuild: true }),
		startServices(opts),
	]);
	const n8nVersion = JSON.parse(fs.readFileSync(path.resolve(path.dirname(n8nBin), '..', 'package.json'), 'utf8')).version;
	const brokerPort = await host.freePort(); // n8n's task broker (default 5679, which a second n8n would clash on)
	const env = host.n8nEnv(nodeBin, userFolder, {
		N8N_ENCRYPTION_KEY: state.encryptionKey,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	});
	if (tarball) {
		await host.installPackage(env, userFolder, tarball);
		state.packHash = packHash;
		writeState(stateFile, state);
		step(`${PKG.name} ${PKG.version} built, packed and installed into n8n ${n8nVersion} (${seconds(Date.now() - buildStarted)})`);
	} else {
		step(`${PKG.name} ${PKG.version} as installed by the last start (--rebuild forces a build)`);
	}

	const emulators = Object.fromEntries(EMULATORS.map(({ key }) => [key, services[key]]));
	const n8n = host.makeN8n({ nodeBin, n8nBin, env, tmp });
	const credentials = demoCredentials(emulators, services.mail.smtpPort, state.digestSecret);
	let stepStarted = Date.now();
	await n8n.importCredentials(credentials);
	step(`${credentials.length} demo credentials imported (${seconds(Date.now() - stepStarted)})`);

	const { templates, skipped } = readTemplates(opts.templates, path.join(tmp, 'templates'), opts.port);
	for (const why of skipped) step(`skipped ${why}`);
	if (templates.length) {
		stepStarted = Date.now();
		await n8n.importWorkflowFolder(path.join(tmp, 'templates'));
		step(`${templates.length} template(s) imported from ${relative(opts.templates)} (${seconds(Date.now() - stepStarted)})`);
	} else {
		step(`no templates in ${relative(opts.templates)}`);
	}

	step(`starting n8n ${n8nVersion} (log: ${relative(path.join(opts.data, 'n8n.log'))})`);
	const server = await n8n.startServer(opts.port, {}, { logFile: path.join(opts.data, 'n8n.log'), keepOutputChars: 200_000 });
	running.server = server;
	watch('n8n', server.exited, server.tail);
	step(`n8n ready (${seconds(server.startedInMs)})`);

	const rest = host.n8nRest(server.baseUrl, OWNER);
	try {
		if (state.ownerSetUp) await rest.login();
		else await rest.signIn();
	} catch (error) {
		throw new Error(`could not sign in as ${OWNER.email} (${error.message}); npm start -- --reset starts over with a fresh n8n`);
	}
	state.ownerSetUp = true;

	// Templates starting with a trigger are published by the running n8n (POST /rest/workflows/:id/activate,
	// as the editor's Publish button does), not with `n8n publish:workflow` before it starts: after a
	// re-import that n8n sees the same triggers as last time and registers nothing, so a webhook trigger
	// would stay unregistered at the emulator, which starts empty each time. The re-import unpublished
	// them (n8n applies that at boot: the old registration is removed), so this is a real publication.
	// n8n applies it asynchronously; wait for it so "ready" means the triggers run.
	stepStarted = Date.now();
	const unpublished = [];
	const toPublish = [];
	for (const template of templates.filter((t) => t.trigger)) {
		try {
			const { versionId } = await rest.request('GET', `/workflows/${template.id}`);
			await rest.request('POST', `/workflows/${template.id}/activate`, { versionId });
			toPublish.push(template);
		} catch (error) {
			unpublished.push(`"${template.name}": ${error.message}`);
		}
	}
	await Promise.all(
		toPublish.map(async (template) => {
			let last = null;
			const deadline = Date.now() + PUBLICATION_WAIT_MS;
			while (Date.now() < deadline) {
				last = await rest.request('GET', `/workflows/${template.id}/publication-status`).catch((error) => ({ status: error.message }));
				if (last.status === 'published' && !last.pendingVersionId) return;
				if (['failed', 'partial'].includes(last.status)) break;
				await host.sleep(500);
			}
			unpublished.push(`"${template.name}": ${last ? last.status : 'no status'}${last && last.triggers ? ` ${JSON.stringify(last.triggers)}` : ''}`);
		}),
	);
	if (toPublish.length) step(`${toPublish.length - unpublished.length} template(s) published (${seconds(Date.now() - stepStarted)})`);

	const editor = server.baseUrl;
	const emulatorUrls = Object.fromEntries(EMULATORS.map(({ key }) => [key, emulators[key].baseUrl]));
	Object.assign(state, {
		lastStart: {
			at: new Date().toISOString(),
			pid: process.pid,
			editor,
			n8n: { pid: server.pid, port: opts.port, brokerPort },
			owner: { email: OWNER.email, password: OWNER.password },
			mail: { webUrl: services.mail.webUrl, smtpPort: services.mail.smtpPort },
			emulators: Object.fromEntries(EMULATORS.map(({ key }) => [key, { ...emulators[key], stop: undefined, exited: undefined, tail: undefined }])),
			credentials: credentials.map(({ id, name, type }) => ({ id, name, type })),
			templates: templates.map(({ id, name, trigger }) => ({ id, name, published: trigger })),
		},
	});
	writeState(stateFile, state);
	printReady({ opts, editor, n8nVersion, services, emulatorUrls, templates, unpublished, reused });
}

function printReady({ opts, editor, n8nVersion, services, emulatorUrls, templates, unpublished, reused }) {
	if (stopping) return;
	const line = '─'.repeat(78);
	const pad = (text, width) => text.padEnd(width);
	const out = [line, ` ${PKG.name} playground: n8n ${n8nVersion} with this checkout's pack`, ''];
	out.push(` ${pad('n8n editor', 14)}${editor}`);
	out.push(` ${pad('login', 14)}${OWNER.email} / ${OWNER.password}`);
	out.push(` ${pad('mail', 14)}${services.mail.webUrl}  (SMTP 127.0.0.1:${services.mail.smtpPort}, credential "SMTP (demo)")`);
	const creds = {
		webwork: '"WebWork (demo)", "WebWork OAuth2 (demo)"',
		weworked: '"WeWorked (demo)"',
		teamworklive: '"TeamWork Live (demo)"',
		worksible: '"Worksible (demo)"',
	};
	EMULATORS.forEach(({ key, label }, index) => {
		out.push(` ${pad(index ? '' : 'emulators', 14)}${pad(label, 15)}${pad(emulatorUrls[key], 33)}${creds[key]}`);
	});
	if (templates.length) {
		out.push(` ${pad('templates', 14)}from ${relative(opts.templates)}/ (● published, ○ open and run by hand)`);
		for (const t of templates) out.push(` ${pad('', 14)}${t.trigger ? '●' : '○'} ${t.name}  ${editor}/workflow/${t.id}`);
	} else {
		out.push(` ${pad('templates', 14)}none found in ${relative(opts.templates)}/`);
	}
	for (const problem of unpublished) out.push(` ${pad('', 14)}! not published yet: ${problem} (see n8n.log)`);
	out.push(` ${pad('data', 14)}${relative(opts.data)}/ (n8n.log; ${reused ? 'reused: owner, executions and your workflows kept' : 'created: owner set up'}; --reset starts over)`);
	out.push('', ' Try first:');
	const tries = [`Open ${editor} and sign in with the login above.`];
	const byId = (id) => templates.find((t) => t.id === id);
	const digest = byId('worktimeApprovalsDigest');
	const approvals = byId('worktimeApproveByEmail') || templates.find((t) => t.nodes.some((n) => /ApprovalsTrigger$/.test(n.type)));
	if (digest) {
		tries.push(`Open "${digest.name}" (${editor}/workflow/${digest.id}) and click Execute workflow: the digest of what waits in WebWork workspace 101 lands in ${services.mail.webUrl}; its Approve / Reject links lead to the published workflow's confirmation page.`);
	}
	if (approvals) {
		tries.push(`"${approvals.name}" (${editor}/workflow/${approvals.id}) ${approvals.trigger ? 'is published and polls every minute for new requests' : 'is imported'}; click Execute workflow to run it on what waits now, then click a button in the mail at ${services.mail.webUrl}: the execution continues (Executions tab).`);
	}
	if (!digest && !approvals && templates.length) {
		tries.push(`Open the template "${templates[0].name}" (${editor}/workflow/${templates[0].id}) and click Execute workflow.`);
	}
	tries.push('New workflow → add "WebWork Time Tracker" (or WeWorked, TeamWork Live, Worksible): the demo credentials are there; try the action "Get many workspaces".');
	tries.push('Credentials → "WebWork OAuth2 (demo)" → Connect my account: the WebWork emulator plays the consent page.');
	tries.forEach((text, index) => out.push(`  ${index + 1}. ${text}`));
	out.push('', ' Emulator data is fresh on every start; templates are re-imported (duplicate one to keep your edits).');
	out.push(` Ctrl-C stops everything. ready in ${seconds(Date.now() - startedAt)}`);
	out.push(line);
	console.log(out.join('\n'));
}

main().catch((error) => {
	if (stopping) return;
	shutdown(1, `\nnpm start failed: ${error.message}\nStopping what was started.`);
});
