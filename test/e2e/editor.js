'use strict';
/**
 * The editor check: the pack in n8n's own editor, in a real browser (Debian's Chromium, installed by
 * scripts/install-chromium.sh, driven by playwright-core; no browser download).
 *
 * Starts the four provider emulators, imports one credential per provider pointing at them, starts
 * `n8n start`, sets up the owner through the REST API and signs in through the real sign-in page. Then,
 * for every node in package.json's n8n.nodes, on a new workflow canvas: adds the node through the node
 * creator (searched by name), opens its panel and picks the pack's credential; on action nodes picks
 * every Resource and compares the Operation options shown with the built node description; on one
 * node per provider searches a resource locator (list mode) and compares the list with the emulator's
 * records, opens the credential and runs its test, and runs the step ("Execute step" / "Fetch Test
 * Event") and compares the output with the emulator's records. Each panel is saved as
 * docs/screenshots/<node name>.png (E2E_SCREENSHOTS_DIR changes the folder); failures leave a
 * screenshot in .tmp/e2e-editor/.
 *
 * The approval template (examples/approve-webwork-requests-by-email.json) is published before n8n starts,
 * against the WebWork emulator and a real SMTP server (test/mail/server.js), and a new pending time
 * request is created; after the node checks its canvas is saved as template-approvals.png and the
 * approval mail its next poll sent, as received, as approval-mail.png. The other templates are imported
 * (not published) and their canvases saved as template-<file name>.png.
 *
 * The OAuth2 credential (webWorkOAuth2Api) has no Test button in n8n 2.x; it is connected as a user
 * does it: its dialog's Connect button opens the emulator's approval page in a pop-up, Approve
 * redirects back to n8n, the dialog shows the account connected; a workflow's WebWork node then runs
 * with it, the emulator expires every access token (POST <control>/expire-tokens), and the same node
 * runs again: n8n refreshed the token (the emulator counts one valid token again afterwards).
 *
 * Env: CHROMIUM_BIN (default /usr/bin/chromium); E2E_EDITOR_NODES=<text> checks only the nodes whose
 * name contains it.
 */
const fs = require('fs');
const path = require('path');
const { startMailServer } = require('../mail/server');
const { webWorkOAuth2Data } = require('../../scripts/n8n-host');

const ROOT = path.resolve(__dirname, '../..');
const PKG = require(path.join(ROOT, 'package.json'));
const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const SCREENSHOT_DIR = path.resolve(ROOT, process.env.E2E_SCREENSHOTS_DIR || 'docs/screenshots');
const FAILURE_DIR = path.join(ROOT, '.tmp/e2e-editor');
const ACTION_TIMEOUT_MS = 30_000; // one click / fill / wait in a busy editor
const NAVIGATION_TIMEOUT_MS = 120_000; // first load of the editor bundle on a loaded machine
// n8n adds its own "Custom API Call" entry (HTTP Request with the node's credential) to the Resource
// and Operation lists of nodes with credentials; it is not part of our descriptions.
const N8N_CUSTOM_API_CALL = 'Custom API Call';
const CHROMIUM_ARGS = [
	'--no-sandbox', // CI runs as root
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking', // the machines' network is closed: no background connections
	'--disable-component-update',
	'--disable-sync',
];

// ---------------------------------------------------------------------------------------------
// Providers: emulator, the credential pointing at it, and the test's own view of its API

const basic = (user, password) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function getJson(url, headers) {
	const response = await fetch(url, { headers: { Accept: 'application/json', ...headers }, signal: AbortSignal.timeout(15_000) });
	const body = await response.json().catch(() => null);
	if (!response.ok) throw new Error(`emulator GET ${url} answered ${response.status}: ${JSON.stringify(body)}`);
	return body;
}

const PROVIDERS = {
	webWorkApi: {
		// --control: expire-tokens, for the OAuth2 refresh check. A roomy rate limit: this token is shared by the
		// published approval template, the test's own reads and every node the editor runs, and a paced wait for
		// WebWork's 60 per minute would only make the locator search miss its deadline (pacing has its own tests).
		args: ['--provider', 'webwork', '--control', '--limit', '6000', '--window-ms', '60000'],
		credential: (e) => ({ id: 'editorWebWorkCred', name: 'WebWork (editor e2e)', data: { accessToken: e.token, baseUrl: e.baseUrl } }),
		get: (e, pathName) => getJson(e.baseUrl + pathName, { Authorization: `Bearer ${e.token}` }),
	},
	weWorkedApi: {
		args: ['--provider', 'weworked'],
		credential: (e) => ({ id: 'editorWeWorkedCred', name: 'WeWorked (editor e2e)', data: { apiKey: e.apiKey, email: e.email, baseUrl: e.baseUrl } }),
		get: (e, pathName) => getJson(e.baseUrl + pathName, { 'x-api-key': e.apiKey, 'x-ww-user': e.email }),
	},
	teamWorkLiveApi: {
		args: ['--provider', 'teamworklive'],
		credential: (e) => ({ id: 'editorTwlCred', name: 'TeamWork Live (editor e2e)', data: { baseUrl: e.baseUrl, email: e.email, apiKey: e.apiKey } }),
		get: (e, pathName) => getJson(e.baseUrl + pathName, { Authorization: basic(e.email, e.apiKey) }),
	},
	worksibleApi: {
		args: ['--provider', 'worksible'],
		credential: (e) => ({ id: 'editorWorksibleCred', name: 'Worksible (editor e2e)', data: { apiKey: e.apiKey, baseUrl: e.baseUrl } }),
		get: (e, pathName) => getJson(e.baseUrl + pathName, { Authorization: `Bearer ${e.apiKey}` }),
	},
};

const webWorkWorkspaces = async (api) => (await api('/workspaces?per_page=100')).data.map((w) => ({ id: w.id, name: w.workspace_name }));

/**
 * What each node does beyond the common checks. `action`: the node creator entry to add it with
 * (default: the node's first entry); `locator`: the resource locator to search, with the emulator's
 * records it must list (`records`), the record to search for and pick (`pick`); `run`: run the step
 * and expect these records' names in the output (`expected(api, picked)`), or just some output
 * (`expected` absent). The credential test runs on the node marked `credentialTest`.
 */
const NODE_PLANS = {
	webWork: {
		action: { resource: 'projects', operation: 'getAll' },
		credentialTest: true,
		locator: { name: 'workspaceId', records: webWorkWorkspaces, pick: (records) => records[records.length - 1] },
		run: {
			expected: async (api, workspace) =>
				(await api(`/projects?workspace_id=${workspace.id}&per_page=50`)).data.map((p) => p.name),
		},
	},
	webWorkTrigger: {
		// A webhook trigger: "Listen for test event" would wait for a delivery, so it is configured, not run.
		label: 'On tracker started',
		locator: { name: 'workspaceId', records: webWorkWorkspaces, pick: (records) => records[0] },
	},
	webWorkApprovalsTrigger: {
		label: 'On expense submitted',
		locator: { name: 'workspaceId', records: webWorkWorkspaces, pick: (records) => records[0] },
		run: {},
	},
	weWorked: {
		action: { resource: 'clients', operation: 'get' },
		credentialTest: true,
		locator: {
			name: 'id',
			records: async (api) => (await api('/v1/clients')).map((c) => ({ id: c.clientId, name: c.name })),
			pick: (records) => records[1],
		},
		run: { expected: async (api, client) => [client.name] },
	},
	weWorkedTrigger: { run: {} },
	teamWorkLive: {
		action: { resource: 'clientCompany', operation: 'get' },
		credentialTest: true,
		locator: {
			name: 'clientCompanyId',
			records: async (api) => (await api('/clientcompanies.json')).map((c) => ({ id: c.id, name: c.name })),
			pick: (records) => records[records.length - 1],
		},
		run: { expected: async (api, company) => [company.name] },
	},
	teamWorkLiveTrigger: { run: {} },
	worksible: {
		action: { resource: 'organizations', operation: 'get' },
		credentialTest: true,
		locator: {
			name: 'organizationId',
			records: async (api) => (await api('/organizations?limit=100')).data.map((o) => ({ id: o.id, name: o.name })),
			pick: (records) => records[records.length - 1],
		},
		run: { expected: async (api, organization) => [organization.name] },
	},
	worksibleTrigger: { run: {} },
};

/** The pack's nodes, from package.json and the built descriptions in dist/. */
function packNodes() {
	return PKG.n8n.nodes.map((file) => {
		const exports = require(path.join(ROOT, file));
		const description = new (Object.values(exports)[0])().description;
		const credentials = (description.credentials || []).map((c) => c.name).filter((name) => PROVIDERS[name]);
		const properties = description.properties;
		const resource = properties.find((p) => p.name === 'resource' && p.type === 'options');
		const operationsOf = (value) =>
			properties
				.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(value))
				.flatMap((p) => p.options);
		return {
			name: description.name,
			displayName: description.displayName,
			type: `${PKG.name}.${description.name}`,
			trigger: description.group.includes('trigger'),
			polling: Boolean(description.polling),
			credentialType: credentials[0],
			resources: resource ? resource.options.map((o) => ({ ...o, operations: operationsOf(o.value) })) : [],
			plan: NODE_PLANS[description.name] || {},
		};
	});
}

// ---------------------------------------------------------------------------------------------
// The scenario

async function editorScenario({ importCredentials, importWorkflow, n8n, startServer, lib }) {
	const { checkAsync, assert, show, startEmulator, n8nRest, freePort, waitFor, cliOk, publicationStatus } = lib;

	let chromium;
	let selectors;
	await checkAsync(`Editor: Chromium at ${CHROMIUM_BIN} and playwright-core are there`, async () => {
		assert(fs.existsSync(CHROMIUM_BIN), `${CHROMIUM_BIN} is missing (scripts/install-chromium.sh installs Debian's chromium)`);
		({ chromium, selectors } = require('playwright-core'));
	});
	if (!chromium) return;
	selectors.setTestIdAttribute('data-test-id'); // n8n's editor marks its elements with data-test-id

	// E2E_EDITOR_NODES=<text>: only the nodes whose name contains it (for working on one; "none" skips them).
	const only = process.env.E2E_EDITOR_NODES;
	const nodes = packNodes().filter((node) => !only || node.name.includes(only));
	const emulators = {};
	let server = null;
	let browser = null;
	let mail = null;
	let templatePublished = false;
	try {
		const credentials = {};
		for (const [type, provider] of Object.entries(PROVIDERS)) {
			const info = await startEmulator(provider.args);
			emulators[type] = info;
			credentials[type] = { type, ...provider.credential(info) };
		}
		// The approval template, published against this run's WebWork emulator and a real SMTP server:
		// its canvas and one of its approval mails are screenshotted at the end.
		mail = await startMailServer();
		await importCredentials([...Object.values(credentials), ...templateCredentials(emulators, mail), oauthCredential(emulators.webWorkApi)]);
		// The other templates are imported (not published) for their canvas screenshots.
		const otherTemplates = fs
			.readdirSync(path.join(ROOT, 'examples'))
			.filter((file) => file.endsWith('.json') && file !== TEMPLATE_FILE)
			.sort()
			.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8')) }));
		for (const { workflow } of otherTemplates) await importWorkflow(workflow);
		await importWorkflow(oauthWorkflow());
		const template = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', TEMPLATE_FILE), 'utf8'));
		await importWorkflow(template);
		await cliOk(n8n, ['publish:workflow', `--id=${template.id}`]);
		templatePublished = true;
		server = await startServer(await freePort(), {
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_WORKFLOW_PUBLICATION_RECONCILE_INTERVAL_SECONDS: '2',
		});
		const rest = n8nRest(server.baseUrl);
		await rest.signIn(); // sets up the owner on a fresh instance
		// A new pending time request after the activation poll (which primes the trigger): the next poll,
		// within a minute, mails the approver while the node checks run.
		let requestId = null;
		await checkAsync('Editor: the approval template is published; a new pending time request is created for its mail', async () => {
			await publicationStatus(rest, server, template.id, 'published');
			requestId = await createPendingTimeRequest(emulators.webWorkApi);
		});

		browser = await chromium.launch({ executablePath: CHROMIUM_BIN, headless: true, args: CHROMIUM_ARGS });
		const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
		// No CSS transitions or animations: dropdowns and panels open at once (Vue's transitions end
		// immediately when there is none), which saves seconds per dropdown on a busy machine.
		await context.addInitScript(() => {
			document.addEventListener('DOMContentLoaded', () => {
				const style = document.createElement('style');
				style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
				document.head.appendChild(style);
			});
		});
		const page = await context.newPage();
		page.setDefaultTimeout(ACTION_TIMEOUT_MS);
		page.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
		const editor = makeEditor(page, { waitFor, show, assert });
		const failed = async (label) => {
			fs.mkdirSync(FAILURE_DIR, { recursive: true });
			const file = path.join(FAILURE_DIR, `${label}.png`);
			await page.screenshot({ path: file }).catch(() => {});
			return path.relative(ROOT, file);
		};

		let signedIn = false;
		await checkAsync('Editor: the owner signs in through the sign-in page and gets to the overview', async () => {
			try {
				await editor.signIn(server.baseUrl, rest.owner);
				signedIn = true;
			} catch (error) {
				error.message += ` (screenshot: ${await failed('sign-in')})`;
				throw error;
			}
		});
		if (!signedIn) return;

		await checkOAuth2Connect({ page, editor, server, webWork: emulators.webWorkApi, checkAsync, assert, failed });

		fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
		for (const node of nodes) {
			const credential = credentials[node.credentialType];
			const api = (pathName) => PROVIDERS[node.credentialType].get(emulators[node.credentialType], pathName);
			// The node's checks in order; after the first failure the rest of this node is skipped.
			let ok = true;
			const step = async (name, fn) => {
				if (!ok) return;
				await checkAsync(`Editor: ${node.displayName}: ${name}`, async () => {
					try {
						await fn();
					} catch (error) {
						ok = false;
						error.message += ` (screenshot: ${await failed(node.name)})`;
						throw error;
					}
				});
			};

			await step('added to a new workflow through the node creator; its panel opens', async () => {
				await editor.newWorkflow();
				await editor.addNode(node);
			});
			if (!node.trigger && node.resources.length) {
				await step(`each of its ${node.resources.length} resources shows the description's operations`, async () => {
					const problems = [];
					for (const resource of node.resources) {
						await editor.selectOption('resource', resource.name);
						const shown = (await editor.readOptions('operation')).filter((name) => name !== N8N_CUSTOM_API_CALL);
						const expected = resource.operations.map((o) => o.name);
						if (!shown.length || show([...shown].sort()) !== show([...expected].sort())) {
							problems.push(`${resource.name}: shows ${show(shown)}, description has ${show(expected)}`);
						}
					}
					const shownResources = (await editor.readOptions('resource')).filter((name) => name !== N8N_CUSTOM_API_CALL);
					const expectedResources = node.resources.map((r) => r.name);
					if (show([...shownResources].sort()) !== show([...expectedResources].sort())) {
						problems.push(`Resource shows ${show(shownResources)}, description has ${show(expectedResources)}`);
					}
					assert(!problems.length, problems.join('; '));
					const { resource, operation } = node.plan.action || {};
					if (resource) {
						const chosen = node.resources.find((r) => r.value === resource);
						await editor.selectOption('resource', chosen.name);
						await editor.selectOption('operation', chosen.operations.find((o) => o.value === operation).name);
					}
				});
			}
			if (credential) {
				await step(`the pack's credential "${credential.name}" is selected`, () => editor.selectCredential(credential));
			}
			if (credential && node.plan.credentialTest) {
				await step(`opening "${credential.name}" and running its test succeeds against the emulator`, () => editor.testCredential());
			}
			let picked = null;
			const { locator } = node.plan;
			if (locator) {
				await step(`the ${locator.name} locator lists the emulator's records, and a search finds the one searched for`, async () => {
					const records = await locator.records(api);
					assert(records.length > 1, `the emulator serves ${records.length} records; nothing to search among`);
					picked = locator.pick(records);
					await editor.searchLocator(locator.name, records, picked);
				});
			}
			if (node.plan.run) {
				const label = node.trigger ? 'Fetch Test Event' : 'Execute step';
				await step(`"${label}" runs and the output panel shows the emulator's records`, async () => {
					const expected = node.plan.run.expected ? await node.plan.run.expected(api, picked) : null;
					await editor.executeStep(expected);
				});
			}
			await step(`panel screenshot saved to ${path.relative(ROOT, SCREENSHOT_DIR)}/${node.name}.png`, () =>
				editor.screenshotPanel(path.join(SCREENSHOT_DIR, `${node.name}.png`)),
			);
			await editor.closePanel().catch(() => {});
		}

		const canvasFile = path.join(SCREENSHOT_DIR, 'template-approvals.png');
		await checkAsync(`Editor: the approval template's canvas opens with all its nodes; screenshot saved to ${path.relative(ROOT, canvasFile)}`, async () => {
			try {
				await editor.screenshotCanvas(`${server.baseUrl}/workflow/${template.id}`, template.nodes.filter((n) => !/stickyNote$/.test(n.type)).length, canvasFile);
			} catch (error) {
				error.message += ` (screenshot: ${await failed('template-canvas')})`;
				throw error;
			}
		});
		for (const { file, workflow } of otherTemplates) {
			const shot = path.join(SCREENSHOT_DIR, `template-${file.replace(/\.json$/, '')}.png`);
			await checkAsync(`Editor: template "${workflow.name}": its canvas opens with all its nodes; screenshot saved to ${path.relative(ROOT, shot)}`, async () => {
				try {
					await editor.screenshotCanvas(`${server.baseUrl}/workflow/${workflow.id}`, workflow.nodes.filter((n) => !/stickyNote$/.test(n.type)).length, shot);
				} catch (error) {
					error.message += ` (screenshot: ${await failed(`template-${workflow.id}`)})`;
					throw error;
				}
			});
		}
		if (requestId) {
			const mailFile = path.join(SCREENSHOT_DIR, 'approval-mail.png');
			await checkAsync(`Editor: the template's approval mail for the new request arrives; screenshot saved to ${path.relative(ROOT, mailFile)}`, async () => {
				const [message] = await mail.waitForMessages((m) => /^Approve the time request/.test(m.subject) && m.html.includes(requestId), { timeoutMs: 120_000 });
				await page.setViewportSize({ width: 800, height: 420 });
				await page.goto(`${mail.webUrl}messages/${message.id}`, { waitUntil: 'load' });
				// The mail as a mail client shows it: its headers above the body.
				await page.evaluate(({ from, to, subject }) => {
					const header = document.createElement('div');
					header.style.cssText = 'font:14px system-ui,sans-serif;padding:10px 16px;border-bottom:1px solid #ddd;background:#fff;color:#222';
					for (const [label, value] of [['From', from], ['To', to], ['Subject', subject]]) {
						const line = document.createElement('div');
						line.innerHTML = '<b></b> <span></span>';
						line.firstChild.textContent = `${label}:`;
						line.lastChild.textContent = value;
						header.appendChild(line);
					}
					document.body.prepend(header);
				}, { from: message.from, to: message.envelope.to.join(', '), subject: message.subject });
				await page.screenshot({ path: mailFile, fullPage: true });
				assert(fs.statSync(mailFile).size > 0, 'empty file');
			});
		}
	} finally {
		if (browser) await browser.close().catch(() => {});
		if (server) await server.stop();
		// Later scenarios' n8n must not run the template (its waiting execution stays, decided by nobody).
		if (templatePublished) await cliOk(n8n, ['unpublish:workflow', `--id=${TEMPLATE_ID}`]).catch(() => {});
		if (mail) await mail.stop().catch(() => {});
		for (const info of Object.values(emulators)) await info.stop();
	}
}

// ---------------------------------------------------------------------------------------------
// OAuth2: connect in the credential dialog, run, expire, run again

const OAUTH_CREDENTIAL_ID = 'editorWebWorkOAuth2Cred';
const OAUTH_WORKFLOW_ID = 'editorOAuth2Run';
const OAUTH_NODE = 'List workspaces (OAuth2)';

/** Not connected yet: no token data, only what the emulator printed (its OAuth server and client). */
function oauthCredential(webWork) {
	const { oauth } = webWork;
	return {
		id: OAUTH_CREDENTIAL_ID,
		name: 'WebWork OAuth2 (editor e2e)',
		type: 'webWorkOAuth2Api',
		data: webWorkOAuth2Data(oauth, webWork.baseUrl),
	};
}

function oauthWorkflow() {
	return {
		id: OAUTH_WORKFLOW_ID,
		name: 'WebWork OAuth2 (editor e2e)',
		active: false,
		settings: {},
		connections: { 'When clicking ‘Execute workflow’': { main: [[{ node: OAUTH_NODE, type: 'main', index: 0 }]] } },
		nodes: [
			{ id: 'oauth-manual', name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'oauth-webwork',
				name: OAUTH_NODE,
				type: `${PKG.name}.webWork`,
				typeVersion: 1,
				position: [260, 0],
				parameters: { authentication: 'oAuth2', resource: 'workspaces', operation: 'getAll' },
				credentials: { webWorkOAuth2Api: { id: OAUTH_CREDENTIAL_ID, name: 'WebWork OAuth2 (editor e2e)' } },
			},
		],
	};
}

async function checkOAuth2Connect({ page, editor, server, webWork, checkAsync, assert, failed }) {
	const expireTokens = async () => {
		const response = await fetch(`${webWork.control}/expire-tokens`, { method: 'POST', signal: AbortSignal.timeout(15_000) });
		assert(response.ok, `expire-tokens answered ${response.status}`);
		return (await response.json()).expired;
	};
	const workspaceNames = async () =>
		(await webWorkWorkspaces((pathName) => PROVIDERS.webWorkApi.get(webWork, pathName))).map((w) => w.name);
	const guarded = (label, fn) => async () => {
		try {
			await fn();
		} catch (error) {
			error.message += ` (screenshot: ${await failed(label)})`;
			throw error;
		}
	};
	// Leaving a workflow the editor thinks unsaved asks "Leave page?" (beforeunload): leave.
	page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
	let connected = false;
	await checkAsync('Editor: WebWork OAuth2: Connect opens the emulator\'s approval page; Approve connects the credential', guarded('oauth-connect', async () => {
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.goto(`${server.baseUrl}/home/credentials/${OAUTH_CREDENTIAL_ID}`, { waitUntil: 'domcontentloaded' });
		const modal = page.getByTestId('editCredential-modal');
		// n8n 2.40's dialog: a "Connect your account to use this credential" banner with a Connect button.
		const banner = modal.getByTestId('oauth-not-connected-banner');
		await banner.waitFor();
		const [popup] = await Promise.all([page.waitForEvent('popup'), banner.getByRole('button', { name: /Connect/ }).click()]);
		await popup.waitForURL((url) => url.pathname === '/oauth/authorize', { timeout: ACTION_TIMEOUT_MS });
		await popup.getByRole('button', { name: 'Approve' }).click();
		await modal.getByTestId('oauth-connect-success-banner').waitFor();
		await modal.locator('.el-dialog__headerbtn').click();
		await modal.waitFor({ state: 'hidden' });
		connected = true;
	}));
	if (!connected) return;
	const runNode = async () => {
		await page.goto(`${server.baseUrl}/workflow/${OAUTH_WORKFLOW_ID}`, { waitUntil: 'domcontentloaded' });
		const node = page.getByTestId('canvas-node').filter({ hasText: OAUTH_NODE });
		await node.waitFor();
		await node.dblclick();
		await page.getByTestId('ndv').waitFor();
		await editor.executeStep(await workspaceNames());
		await editor.closePanel();
	};
	await checkAsync('Editor: WebWork OAuth2: a node run with the connected credential lists the workspaces', guarded('oauth-run', runNode));
	await checkAsync('Editor: WebWork OAuth2: after the emulator expires the access token, the next run refreshes it and succeeds', guarded('oauth-refresh', async () => {
		const expired = await expireTokens();
		assert(expired >= 1, `the emulator had ${expired} valid access tokens to expire after the first run`);
		await runNode();
		assert((await expireTokens()) === 1, 'no valid access token after the second run: n8n did not refresh it');
	}));
}

// ---------------------------------------------------------------------------------------------
// The approval template (examples/), for its canvas and mail screenshots

const TEMPLATE_FILE = 'approve-webwork-requests-by-email.json';
const TEMPLATE_ID = 'worktimeApproveByEmail';

/** The demo credentials the templates reference (by id), at this run's emulators and mail server. */
function templateCredentials(emulators, mail) {
	const { webWorkApi: webWork, weWorkedApi: weWorked, teamWorkLiveApi: twl, worksibleApi: worksible } = emulators;
	return [
		{ id: 'worktimeDemoWebWork', name: 'WebWork (demo)', type: 'webWorkApi', data: { accessToken: webWork.token, baseUrl: webWork.baseUrl } },
		{ id: 'worktimeDemoWeWorked', name: 'WeWorked (demo)', type: 'weWorkedApi', data: { apiKey: weWorked.apiKey, email: weWorked.email, baseUrl: weWorked.baseUrl } },
		{ id: 'worktimeDemoTeamWorkLive', name: 'TeamWork Live (demo)', type: 'teamWorkLiveApi', data: { baseUrl: twl.baseUrl, email: twl.email, apiKey: twl.apiKey } },
		{ id: 'worktimeDemoWorksible', name: 'Worksible (demo)', type: 'worksibleApi', data: { apiKey: worksible.apiKey, baseUrl: worksible.baseUrl } },
		{ id: 'worktimeDemoDigestSecret', name: 'Digest link secret (demo)', type: 'crypto', data: { hmacSecret: 'editor-e2e-digest-secret' } },
		{
			id: 'worktimeDemoSmtp',
			name: 'SMTP (demo)',
			type: 'smtp',
			data: { user: 'demo', password: 'demo', host: mail.host, port: mail.smtpPort, secure: false, disableStartTls: true },
		},
	];
}

/** A new pending time request in workspace 101 (the template's); resolves with its id. */
async function createPendingTimeRequest(webWork) {
	const headers = { Authorization: `Bearer ${webWork.token}`, 'Content-Type': 'application/json', Accept: 'application/json' };
	const [contract] = (await getJson(`${webWork.baseUrl}/contracts?workspace_id=101&per_page=1`, headers)).data;
	const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
	const response = await fetch(`${webWork.baseUrl}/time-requests`, {
		method: 'POST',
		headers,
		body: JSON.stringify({
			workspace_id: 101,
			user_id: contract.user_id,
			contract_id: contract.id,
			start: `${day} 09:00:00`,
			end: `${day} 11:30:00`,
			activity_description: 'Client call: quarterly planning',
		}),
		signal: AbortSignal.timeout(15_000),
	});
	const body = await response.json().catch(() => null);
	if (!response.ok) throw new Error(`emulator POST /time-requests answered ${response.status}: ${JSON.stringify(body)}`);
	return String(body.data.id);
}

// ---------------------------------------------------------------------------------------------
// The editor, as a user drives it (selectors: n8n 2.40.7's data-test-id attributes)

function makeEditor(page, { waitFor, show, assert }) {
	const ndv = page.getByTestId('ndv');
	const creator = page.getByTestId('node-creator');
	const exact = (text) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

	async function signIn(baseUrl, owner) {
		await page.goto(`${baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
		await page.getByTestId('emailOrLdapLoginId').locator('input').fill(owner.email);
		await page.getByTestId('password').locator('input').fill(owner.password);
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		await page.getByTestId('universal-add').waitFor();
	}

	/** A new workflow from the sidebar's "+" menu (in-app navigation; the editor bundle is not reloaded). */
	async function newWorkflow() {
		const before = page.url();
		await page.getByTestId('universal-add').click();
		await page.getByTestId('navigation-menu-item').filter({ hasText: 'New workflow' }).first().click();
		// A workflow n8n has not autosaved yet asks first.
		const leave = page.getByRole('button', { name: 'Leave without saving' });
		await waitFor(
			async () => {
				if (await leave.isVisible()) await leave.click().catch(() => {});
				const url = new URL(page.url());
				return url.href !== before && url.searchParams.get('new') === 'true';
			},
			{ timeoutMs: ACTION_TIMEOUT_MS, message: 'a new workflow to open' },
		);
		await page.getByTestId('canvas-add-button').waitFor();
	}

	/**
	 * Adds the node through the node creator: search its name, open the app's entry (an app with an
	 * action node and a trigger is one entry), then click the node's action or trigger event.
	 */
	async function addNode(node) {
		const appTypes = [node.type, node.type.replace(/Trigger$/, '')];
		await page.getByTestId('canvas-add-button').click();
		await creator.getByTestId('node-creator-search-bar').fill(node.displayName.replace(/ Trigger$/, ''));
		await creator
			.locator(appTypes.map((type) => `[data-test-id="item-iterator-item"][data-keyboard-nav-id^="${type}-"]`).join(', '))
			.first()
			.click();
		const label = node.plan.label || actionLabel(node);
		const entries = creator.locator(`[data-test-id="item-iterator-item"][data-keyboard-nav-id^="${node.type}-"]`);
		const entry = label ? entries.filter({ has: page.getByTestId('node-creator-item-name').filter({ hasText: exact(label) }) }) : entries.first();
		await creator.getByTestId('node-creator-category-item').first().waitFor();
		if (!(await entry.isVisible())) {
			// Actions of an app that also has triggers come collapsed under "Actions (n)".
			await creator.getByTestId('node-creator-category-item').filter({ hasText: node.trigger ? /^Triggers/ : /^Actions/ }).click();
		}
		// The list scrolls to an expanded category: put the entry in place first, or the click can land on a neighbour.
		await entry.evaluate((element) => element.scrollIntoView({ block: 'center', behavior: 'instant' }));
		await entry.click();
		await ndv.waitFor();
		await ndv.getByTestId('node-parameters').waitFor();
		const { resource, operation } = node.plan.action || {};
		if (resource) {
			const chosen = node.resources.find((r) => r.value === resource);
			for (const [parameter, name] of [['resource', chosen.name], ['operation', chosen.operations.find((o) => o.value === operation).name]]) {
				const value = await ndv.getByTestId(`parameter-input-${parameter}`).locator('input').first().inputValue();
				assert(value === name, `"${label}" opened the node with ${parameter} "${value}", not "${name}"`);
			}
		}
	}

	function actionLabel(node) {
		const { resource, operation } = node.plan.action || {};
		if (!resource) return null;
		return node.resources.find((r) => r.value === resource).operations.find((o) => o.value === operation).action;
	}

	/** The listbox of an options parameter's dropdown (teleported; found through the input's aria-controls). */
	async function openDropdown(parameter) {
		const input = ndv.getByTestId(`parameter-input-${parameter}`).locator('input').first();
		await input.click();
		const listbox = page.locator(`[id="${await input.getAttribute('aria-controls')}"]`);
		await listbox.getByRole('option').first().waitFor();
		return listbox;
	}

	async function closeDropdown(listbox) {
		await page.keyboard.press('Escape');
		await listbox.waitFor({ state: 'hidden' });
	}

	/** Option names of a dropdown (the headline, without the description line). */
	async function readOptions(parameter) {
		const listbox = await openDropdown(parameter);
		const names = await listbox.getByRole('option').evaluateAll((items) =>
			items.map((item) => (item.querySelector('.option-headline') || item).innerText.split('\n')[0].trim()),
		);
		await closeDropdown(listbox);
		return names;
	}

	async function selectOption(parameter, name) {
		const listbox = await openDropdown(parameter);
		const option = listbox.getByRole('option').filter({ has: page.locator('.option-headline').filter({ hasText: exact(name) }) });
		if ((await option.count()) === 0) {
			const shown = await listbox.getByRole('option').allInnerTexts();
			await closeDropdown(listbox);
			throw new Error(`${parameter} has no option "${name}" (shows ${show(shown.map((s) => s.split('\n')[0]))})`);
		}
		await option.click();
		await listbox.waitFor({ state: 'hidden' });
		const input = ndv.getByTestId(`parameter-input-${parameter}`).locator('input').first();
		await waitFor(async () => (await input.inputValue()) === name, { timeoutMs: 10_000, message: `${parameter} to show "${name}"` });
	}

	async function selectCredential(credential) {
		const select = ndv.getByTestId('node-credentials-select');
		await select.locator('input').click();
		await page.getByTestId(`node-credentials-select-item-${credential.id}`).click();
		const input = select.locator('input');
		await waitFor(async () => (await input.inputValue()) === credential.name, {
			timeoutMs: 10_000,
			message: `the credential select to show "${credential.name}"`,
		});
	}

	/**
	 * Opens the node's credential from the panel (n8n tests it when it opens), then runs the test once
	 * more with the dialog's button and checks n8n's answer and the success banner.
	 */
	async function testCredential() {
		await ndv.getByTestId('credential-edit-button').click();
		const modal = page.getByTestId('editCredential-modal');
		const success = modal.getByTestId('credentials-config-container-test-success');
		const retry = modal.getByRole('button', { name: 'Retry' });
		await retry.waitFor();
		const answer = page.waitForResponse((r) => r.url().includes('/rest/credentials/test') && r.request().method() === 'POST');
		await retry.click();
		const response = await answer;
		const body = await response.json().catch(() => null);
		assert(response.ok() && body && body.data && body.data.status === 'OK', `n8n answered ${response.status()}: ${show(body)}`);
		await success.waitFor();
		await modal.locator('.el-dialog__headerbtn').click();
		await modal.waitFor({ state: 'hidden' });
	}

	/**
	 * Opens a resource locator's list: it must list exactly the emulator's records; then types the first
	 * word of one record's name into its search: the list must narrow to the records whose name contains
	 * it; picks that record.
	 */
	async function searchLocator(parameter, records, target) {
		const locator = ndv.getByTestId(`resource-locator-${parameter}`);
		const items = locator.getByTestId('rlc-item');
		const sorted = (names) => show([...names].sort());
		let shown = [];
		const listed = async (expected) => {
			await waitFor(
				async () => {
					shown = (await items.allInnerTexts()).map((text) => text.trim());
					return sorted(shown) === sorted(expected);
				},
				{ timeoutMs: 15_000, message: () => `the list to show ${sorted(expected)} (shows ${sorted(shown)})` },
			);
		};
		await locator.getByTestId('rlc-input').click();
		await listed(records.map((r) => r.name));
		const term = target.name.split(/\s+/)[0].toLowerCase();
		await locator.getByTestId('rlc-search').fill(term);
		await listed(records.filter((r) => r.name.toLowerCase().includes(term)).map((r) => r.name));
		await items.filter({ hasText: exact(target.name) }).click();
		await waitFor(async () => (await locator.getByTestId('rlc-input').inputValue()) === target.name, {
			timeoutMs: 10_000,
			message: `the locator to show "${target.name}"`,
		});
	}

	/** Runs the node from its panel; the output must show items (exactly `expected` by name, if given). */
	async function executeStep(expected) {
		const output = page.getByTestId('output-panel');
		await ndv.getByTestId('node-execute-button').click();
		const count = output.getByTestId('run-data-item-count');
		try {
			await count.waitFor({ timeout: 60_000 });
		} catch {
			throw new Error(`no output items; the output panel says: ${(await output.innerText()).replace(/\s+/g, ' ').slice(0, 400)}`);
		}
		const text = (await count.innerText()).trim();
		const items = Number((/(\d+)\s+items?/.exec(text) || [])[1]);
		assert(items > 0, `the output panel shows "${text}"`);
		if (!expected) return;
		assert(items === expected.length, `the output panel shows "${text}", the emulator has ${expected.length}: ${show(expected)}`);
		const words = (text) => text.replace(/\s+/g, ' ').trim();
		// The table renders after the item count: wait for the names rather than read once.
		let missing = expected;
		await waitFor(
			async () => {
				const data = words(await output.getByTestId('ndv-data-container').innerText().catch(() => ''));
				missing = expected.filter((name) => !data.includes(words(name)));
				return !missing.length;
			},
			{ timeoutMs: 15_000, message: () => `the output to show ${show(missing)}` },
		);
	}

	async function screenshotPanel(file) {
		// Toasts ("Node executed successfully") would cover part of the panel.
		for (const close of await page.locator('.el-notification__closeBtn').all()) await close.click().catch(() => {});
		await page.locator('.el-notification').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
		await ndv.screenshot({ path: file, animations: 'disabled' });
		assert(fs.statSync(file).size > 0, 'empty file');
	}

	/** Opens a workflow, waits for its nodes, fits it into a larger window and screenshots the canvas. */
	async function screenshotCanvas(url, nodeCount, file) {
		await page.setViewportSize({ width: 1600, height: 900 });
		await page.goto(url, { waitUntil: 'domcontentloaded' });
		const canvasNodes = page.getByTestId('canvas-node');
		await canvasNodes.first().waitFor();
		let shown = 0;
		await waitFor(async () => (shown = await canvasNodes.count()) >= nodeCount, {
			timeoutMs: ACTION_TIMEOUT_MS,
			message: () => `${nodeCount} nodes on the canvas (shows ${shown})`,
		});
		await page.getByTestId('zoom-to-fit').click().catch(() => page.keyboard.press('1'));
		for (const close of await page.locator('.el-notification__closeBtn').all()) await close.click().catch(() => {});
		await page.waitForTimeout(500); // the fit's viewport move
		await page.screenshot({ path: file });
		assert(fs.statSync(file).size > 0, 'empty file');
	}

	async function closePanel() {
		// Dropdowns, dialogs, the panel: whatever is open after a failure too.
		await page.keyboard.press('Escape');
		if (await ndv.isVisible()) await ndv.getByTestId('ndv-close-button').click({ timeout: 5000 });
		await ndv.waitFor({ state: 'hidden', timeout: 10_000 });
	}

	return { signIn, newWorkflow, addNode, readOptions, selectOption, selectCredential, testCredential, searchLocator, executeStep, screenshotPanel, screenshotCanvas, closePanel };
}

module.exports = { editorScenario };
