/**
 * Drives trigger nodes (webhook and polling) the way n8n 2.40's CLI does, on n8n-core's public
 * contexts (HookContext, WebhookContext, PollContext). Sources mirrored (n8n 2.40.7 dist):
 * active-workflow-manager.js (addWebhooks/clearWebhooks), webhooks/webhook.service.js
 * (getNodeWebhooks, createWebhookIfNotExists), webhooks/test-webhooks.js, webhooks/webhook-helpers.js
 * (executeWebhook), workflows/triggers/trigger-execution-context.factory.js (getExecutePollFunctions),
 * n8n-core's poll-trigger-executor.js and WorkflowExecute.executePollNode (manual polls).
 *
 * The "database" is plain JSON on the trigger workflow object:
 *   tw.staticData  the workflow row's staticData column (what survives a restart)
 *   tw.cursors     poller_state rows by node id (durable poll cursors)
 * tw.workflow is the in-memory active Workflow whose static data non-durable polls mutate; n8n only
 * writes it back to the DB at certain points (webhook (de)activation, poll emit), as here.
 * Restart = createTriggerWorkflow({ workflowId: tw.id, staticData: tw.staticData, cursors: tw.cursors }).
 */
const crypto = require('crypto');
const http = require('http');
const querystring = require('querystring');
const { AsyncLocalStorage } = require('async_hooks');
const cloneDeep = require('lodash/cloneDeep');
const isEqual = require('lodash/isEqual');
const { HookContext, WebhookContext, PollContext } = require('n8n-core');
const {
	Workflow,
	NodeHelpers,
	UnexpectedError,
	isNodeClassInstance,
	resolveWebhookDescriptionField,
} = require('n8n-workflow');
const { nodeTypes, nodeTypesByName, CredentialsHelper, createAdditionalData, PACKAGE_NAME } = require('./index');

/** A JSON round trip: what a DB column gives back (Dates become strings, proxies plain objects). */
const toDb = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

function replaceContents(target, source) {
	for (const key of Object.keys(target)) delete target[key];
	Object.assign(target, source);
}

/** A UUID derived from its inputs, so a restarted workflow keeps its node/webhook ids. */
function stableUuid(...parts) {
	const h = crypto.createHash('sha1').update(parts.join('\0')).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** n8n workflow ids are 16 alphanumerics. */
const randomWorkflowId = () => crypto.randomBytes(16).toString('base64').replace(/[^a-zA-Z0-9]/g, '').slice(0, 16).padEnd(16, 'x');

/**
 * A one-node workflow holding a trigger node.
 * @param {object} options
 * @param {{type: string, parameters?: object, name?: string, id?: string, webhookId?: string, typeVersion?: number}} options.node
 * @param {object} [options.credentials]  {credentialType: data}
 * @param {object} [options.staticData]   the DB's static data: a previous tw.staticData (restart) or {} (lost)
 * @param {object} [options.cursors]      the DB's durable poll cursors: a previous tw.cursors
 * @param {string} [options.workflowId]   random per call unless given
 */
function createTriggerWorkflow({ node, credentials = {}, credentialIds = {}, staticData = {}, cursors = {}, workflowId, settings = {} }) {
	const type = node.type.includes('.') ? node.type : `${PACKAGE_NAME}.${node.type}`;
	const latest = nodeTypesByName[type];
	if (!latest) throw new Error(`Unknown node type "${type}" (registerNodeType it first)`);
	const { description } = latest;
	const id = workflowId ?? randomWorkflowId();
	const name = node.name ?? description.defaults?.name ?? description.displayName;
	const typeVersion = node.typeVersion ?? [description.version].flat().reduce((a, b) => Math.max(a, b));
	const nodeCredentials = {};
	for (const credential of description.credentials ?? []) {
		nodeCredentials[credential.name] = { id: credentialIds[credential.name] ?? `cred-${credential.name}`, name: credential.name };
	}
	const nodeData = {
		id: node.id ?? stableUuid('node', id, name),
		name,
		type,
		typeVersion,
		position: [0, 0],
		parameters: node.parameters ?? {},
		credentials: nodeCredentials,
		// The editor gives every webhook node a UUID when it is added (a copied workflow gets a new one);
		// production URLs are <base>/<webhookId>/<path>.
		...(description.webhooks?.length ? { webhookId: node.webhookId ?? stableUuid('webhook', id, name) } : {}),
	};
	const credentialsHelper = new CredentialsHelper({ ...credentials });
	const tw = {
		id,
		name: `Trigger test ${id}`,
		settings,
		nodeData,
		nodeType: nodeTypes.getByNameAndVersion(type, typeVersion),
		credentialsHelper,
		additionalData: createAdditionalData(credentialsHelper),
		staticData: toDb(staticData) ?? {},
		cursors: toDb(cursors) ?? {},
		testStaticData: undefined, // static data of the current test (manual) webhook registration
		registered: { trigger: [], manual: [] }, // webhookData n8n would route requests to
		hookCalls: [], // every checkExists/create/delete: {method, mode, activation, url, result|error}
		executions: [], // executions started: {source: 'webhook'|'poll', mode, data}
		errors: [], // poll errors n8n would record as failed executions
	};
	tw.workflow = loadWorkflow(tw);
	tw.node = tw.workflow.getNode(name);
	return tw;
}

/** A Workflow built from the "DB", as n8n builds one for each activation, request or task. */
function loadWorkflow(tw, { staticData = tw.staticData, active = true } = {}) {
	return new Workflow({
		id: tw.id,
		name: tw.name,
		nodes: [cloneDeep(tw.nodeData)], // the constructor rewrites node.parameters
		connections: {},
		active,
		nodeTypes,
		staticData: toDb(staticData),
		settings: tw.settings,
	});
}

/**
 * WorkflowStaticDataService.saveStaticData: the in-memory static data becomes the DB's, but only when
 * n8n's change tracking noticed a change (workflow.staticData.__dataChanged, set by n8n-workflow's
 * ObservableObject). That tracking proxies only the objects present when the data was loaded: a
 * nested object a node adds later is plain, so changes inside it go unnoticed until something is set
 * on a tracked object again. A node that relies on such changes loses them on a restart.
 */
function saveStaticData(tw, workflow) {
	if (workflow.staticData.__dataChanged !== true) return;
	replaceContents(tw.staticData, toDb(workflow.staticData));
	workflow.staticData.__dataChanged = false;
}

// ---------------------------------------------------------------------------------------------
// Webhook lifecycle

function evaluateDescriptionProperty(workflow, node, description, property, defaultValue) {
	const native = resolveWebhookDescriptionField(node, description, property);
	if (native.resolved) return native.value;
	return workflow.expression.getSimpleParameterValue(node, description[property], 'internal', {}, undefined, defaultValue);
}

/** WebhookService.getNodeWebhooks (CLI-only in 2.x; n8n-workflow no longer has it), ignoring restart webhooks. */
function getNodeWebhooks(workflow, node, additionalData) {
	if (node.disabled === true) return [];
	const { description } = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const workflowId = workflow.id || '__UNSAVED__';
	const result = [];
	for (const webhookDescription of description.webhooks ?? []) {
		if (webhookDescription.restartWebhook === true) continue;
		let nodePath = evaluateDescriptionProperty(workflow, node, webhookDescription, 'path');
		if (nodePath === undefined || nodePath === null) continue;
		nodePath = nodePath.toString().trim().replace(/^\//, '').replace(/\/$/, '');
		const isFullPath = evaluateDescriptionProperty(workflow, node, webhookDescription, 'isFullPath', false);
		const restartWebhook = evaluateDescriptionProperty(workflow, node, webhookDescription, 'restartWebhook', false);
		const path = NodeHelpers.getNodeWebhookPath(workflowId, node, nodePath, isFullPath, restartWebhook);
		const methods = evaluateDescriptionProperty(workflow, node, webhookDescription, 'httpMethod', 'GET');
		const isDynamic = /(^|\/):/.test(path.slice(path.indexOf('/') + 1));
		// One webhookData per HTTP method: a 'GET,POST' webhook gets checkExists/create twice.
		for (const httpMethod of String(methods).split(',').filter(Boolean)) {
			result.push({
				httpMethod: httpMethod.trim(),
				node: node.name,
				path,
				webhookDescription,
				workflowId,
				workflowExecuteAdditionalData: additionalData,
				webhookId: isDynamic && node.webhookId ? node.webhookId : undefined,
			});
		}
	}
	return result;
}

function webhooksOf(tw, workflow, mode) {
	const webhooks = getNodeWebhooks(workflow, workflow.getNode(tw.nodeData.name), tw.additionalData);
	// Test webhooks (TestWebhooks.needsWebhook) are marked isTest: their URL uses webhookTestBaseUrl.
	return mode === 'manual' ? webhooks.map((w) => ({ ...w, isTest: true })) : webhooks;
}

/** WebhookService.runWebhookMethod: the node's webhookMethods[name][method] on a HookContext. */
async function runWebhookMethod(tw, method, workflow, webhookData, mode, activation) {
	const fn = tw.nodeType.webhookMethods?.[webhookData.webhookDescription.name]?.[method];
	if (fn === undefined) return undefined;
	const node = workflow.getNode(webhookData.node);
	const context = new HookContext(workflow, node, webhookData.workflowExecuteAdditionalData, mode, activation, webhookData);
	const call = { method, mode, activation, url: context.getNodeWebhookUrl(webhookData.webhookDescription.name) };
	tw.hookCalls.push(call);
	try {
		call.result = await fn.call(context);
		return call.result;
	} catch (error) {
		call.error = error;
		throw error;
	}
}

/**
 * Activation as n8n does it: checkExists, and create only when that returned false.
 * mode 'trigger' (ActiveWorkflowManager.addWebhooks): the workflow and its static data come from the
 * DB and are saved back afterwards. mode 'manual' ("Listen for test event", TestWebhooks): a copy
 * whose static data starts EMPTY every time; what create stores is kept only for this registration.
 * On a failure n8n runs delete to clean up and rethrows.
 * @returns {Promise<{checkExists, create, created: boolean, webhooks: object[]}>} create is undefined when not called
 */
async function activateWebhooks(tw, { mode = 'trigger', activation = mode === 'manual' ? 'manual' : 'activate' } = {}) {
	const manual = mode === 'manual';
	const workflow = manual ? loadWorkflow(tw, { staticData: {}, active: false }) : loadWorkflow(tw);
	const webhooks = webhooksOf(tw, workflow, mode);
	// n8n stores the webhook row (or test registration) before asking the node.
	tw.registered[mode] = webhooks;
	const results = [];
	try {
		for (const webhookData of webhooks) {
			const result = { name: webhookData.webhookDescription.name, httpMethod: webhookData.httpMethod, created: false };
			result.checkExists = await runWebhookMethod(tw, 'checkExists', workflow, webhookData, mode, activation);
			if (!result.checkExists) {
				result.created = true;
				result.create = await runWebhookMethod(tw, 'create', workflow, webhookData, mode, activation);
			}
			results.push(result);
		}
	} catch (error) {
		// Production: clearWebhooks() reloads the workflow, so delete sees the DB's static data, NOT what
		// create stored before failing. Test: deactivateWebhooks() runs on the same in-memory copy.
		const cleanup = manual ? workflow : loadWorkflow(tw);
		for (const webhookData of webhooks) {
			await runWebhookMethod(tw, 'delete', cleanup, webhookData, 'internal', 'update').catch(() => {});
		}
		if (!manual) saveStaticData(tw, cleanup);
		tw.registered[mode] = [];
		tw.testStaticData = undefined;
		throw error;
	}
	if (manual) {
		tw.testStaticData = workflow.staticData;
	} else {
		tw.workflow = workflow;
		tw.node = workflow.getNode(tw.nodeData.name);
		saveStaticData(tw, workflow);
	}
	return { ...results[0], webhooks: results };
}

/**
 * Deactivation: delete, with mode 'internal' / activation 'update' as n8n passes them. Production
 * reloads the workflow from the DB (ActiveWorkflowManager.clearWebhooks) and saves its static data
 * afterwards; a test webhook uses the static data its registration kept.
 * @returns {Promise<{delete, webhooks: object[]}>}
 */
async function deactivateWebhooks(tw, { mode = 'trigger' } = {}) {
	const manual = mode === 'manual';
	const workflow = manual ? loadWorkflow(tw, { staticData: {}, active: false }) : loadWorkflow(tw);
	if (manual && tw.testStaticData) workflow.staticData = tw.testStaticData;
	const webhooks = manual ? tw.registered.manual : webhooksOf(tw, workflow, mode);
	const results = [];
	for (const webhookData of webhooks) {
		results.push({
			name: webhookData.webhookDescription.name,
			httpMethod: webhookData.httpMethod,
			delete: await runWebhookMethod(tw, 'delete', workflow, webhookData, 'internal', 'update'),
		});
	}
	tw.registered[mode] = [];
	if (manual) tw.testStaticData = undefined;
	else saveStaticData(tw, workflow);
	return { delete: results[0]?.delete, webhooks: results };
}

// ---------------------------------------------------------------------------------------------
// Webhook receiver: a real HTTP server standing in for n8n's /webhook and /webhook-test endpoints.

function readBody(incoming) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		incoming.on('data', (chunk) => chunks.push(chunk));
		incoming.on('end', () => resolve(Buffer.concat(chunks)));
		incoming.on('error', reject);
	});
}

/** The parts of an Express request nodes use; body parsed like n8n's parseBody middleware. */
function buildRequest(incoming, url, rawBody) {
	const req = {
		method: incoming.method,
		url: incoming.url,
		originalUrl: incoming.url,
		path: url.pathname,
		headers: incoming.headers,
		query: querystring.parse(url.search.slice(1)),
		params: {},
		rawBody,
		body: undefined, // n8n leaves it undefined for an empty body or an unknown content type
		get: (name) => incoming.headers[name.toLowerCase()],
		header: (name) => incoming.headers[name.toLowerCase()],
	};
	const [type, ...parameters] = (incoming.headers['content-type'] ?? '').split(';');
	if (type) {
		req.contentType = type.trim().toLowerCase();
		const charset = parameters.map((p) => p.trim().split('=')).find(([k]) => k.toLowerCase() === 'charset');
		req.encoding = (charset?.[1] ?? 'utf-8').replace(/"/g, '').toLowerCase();
	}
	if (rawBody.length) {
		const text = () => rawBody.toString(req.encoding).replace(/^\uFEFF/, '');
		if (req.contentType === 'application/json') req.body = JSON.parse(text());
		else if (req.contentType === 'application/x-www-form-urlencoded') req.body = querystring.parse(text());
		else if (req.contentType === 'text/plain') req.body = text();
	}
	return req;
}

/** An Express-like response that buffers, so a delivery is fully recorded before the sender sees it. */
function buildResponse() {
	const out = { statusCode: 200, headers: {}, chunks: [], ended: false };
	const res = {
		get headersSent() {
			return out.ended;
		},
		get statusCode() {
			return out.statusCode;
		},
		set statusCode(code) {
			out.statusCode = code;
		},
		status(code) {
			out.statusCode = code;
			return res;
		},
		setHeader(name, value) {
			out.headers[name.toLowerCase()] = value;
			return res;
		},
		getHeader: (name) => out.headers[name.toLowerCase()],
		header(name, value) {
			if (typeof name === 'object') for (const [k, v] of Object.entries(name)) res.setHeader(k, v);
			else res.setHeader(name, value);
			return res;
		},
		set: (name, value) => res.header(name, value),
		json(body) {
			if (!out.headers['content-type']) res.setHeader('content-type', 'application/json; charset=utf-8');
			return res.end(JSON.stringify(body));
		},
		send(body) {
			if (body === undefined || body === null) return res.end();
			if (Buffer.isBuffer(body)) {
				if (!out.headers['content-type']) res.setHeader('content-type', 'application/octet-stream');
				return res.end(body);
			}
			if (typeof body === 'object') return res.json(body);
			if (!out.headers['content-type']) res.setHeader('content-type', 'text/html; charset=utf-8');
			return res.end(String(body));
		},
		sendStatus: (code) => res.status(code).send(http.STATUS_CODES[code] ?? String(code)),
		write(chunk) {
			out.chunks.push(Buffer.from(chunk));
			return true;
		},
		end(chunk) {
			if (out.ended) return res;
			if (chunk !== undefined && chunk !== null) res.write(chunk);
			out.ended = true;
			return res;
		},
	};
	return { res, out };
}

/** executeWebhook (webhook-helpers.js), responseMode 'onReceived'. */
async function runWebhook(tw, receiver, mode, webhookData, req, res, delivery) {
	const manual = mode === 'manual';
	// Production requests load the workflow (and static data) from the DB; test requests use an empty
	// copy plus the registration's static data. Static data written by webhook() is not saved here.
	const workflow = loadWorkflow(tw, manual ? { staticData: {}, active: false } : {});
	if (manual && tw.testStaticData) workflow.setTestStaticData(tw.testStaticData);
	const node = workflow.getNode(webhookData.node);
	const additionalData = { ...tw.additionalData, httpRequest: req, httpResponse: res };
	const context = new WebhookContext(workflow, node, additionalData, manual ? 'manual' : 'webhook', webhookData, [], null);
	const responseCode = evaluateDescriptionProperty(workflow, node, webhookData.webhookDescription, 'responseCode', 200);
	const respond = (data) => (typeof data === 'string' ? res.status(responseCode).send(data) : res.status(responseCode).json(data));
	let result;
	try {
		result = isNodeClassInstance(tw.nodeType) ? await tw.nodeType.webhook(context) : await tw.nodeType.webhook.call(context);
	} catch (error) {
		// n8n answers 500 and records a failed execution.
		delivery.error = error;
		if (!res.headersSent) res.status(500).json({ code: 500, message: 'Workflow Webhook Error: Workflow could not be started!' });
		return;
	}
	delivery.result = result;
	const nodeResponds = result.noWebhookResponse === true; // the node wrote (or deliberately didn't write) the response
	if (result.workflowData === undefined) {
		if (!nodeResponds) respond(result.webhookResponse ?? { message: 'Webhook call received' });
		return;
	}
	delivery.workflowData = result.workflowData;
	receiver.executions.push(result.workflowData);
	tw.executions.push({ source: 'webhook', mode: manual ? 'manual' : 'webhook', data: result.workflowData });
	if (!nodeResponds) respond(result.webhookResponse ?? { message: 'Workflow was started' });
	// A test webhook serves one execution, then n8n deregisters it (delete). Not after a rejected call.
	if (manual) delivery.afterResponse = () => deactivateWebhooks(tw, { mode: 'manual' });
}

/**
 * Starts the receiver and points additionalData.webhookBaseUrl / webhookTestBaseUrl at it, so
 * getNodeWebhookUrl() (and so what create() registers remotely) is this server. Start it BEFORE
 * activateWebhooks. Requests reach webhook() only while the matching mode is activated (404 otherwise,
 * like n8n); a test webhook is deactivated after the first delivery that starts an execution.
 * Each delivery: {mode, method, path, headers, rawBody, body, status, responseBody, responseHeaders,
 * result, workflowData, error, noResponse}. status is null when the node returned noWebhookResponse
 * without answering (n8n would leave the request hanging; the receiver drops the connection).
 * @returns {Promise<{url, baseUrl, deliveries: object[], executions: object[][], attach(tw), idle(): Promise, close(): Promise}>}
 */
async function startWebhookReceiver(tw, { mode = 'trigger' } = {}) {
	const pending = new Set();
	const receiver = { deliveries: [], executions: [] };

	async function handle(incoming, response) {
		const tw = receiver.tw;
		const url = new URL(incoming.url, 'http://127.0.0.1');
		const [, prefix, ...rest] = url.pathname.split('/');
		const requestMode = { webhook: 'trigger', 'webhook-test': 'manual' }[prefix];
		const path = rest.join('/').replace(/\/$/, '');
		const rawBody = await readBody(incoming);
		const delivery = { mode: requestMode, method: incoming.method, path, headers: incoming.headers, rawBody, body: undefined };
		receiver.deliveries.push(delivery);
		const { res, out } = buildResponse();
		try {
			const webhookData = requestMode && tw.registered[requestMode].find((w) => w.path === path && w.httpMethod === incoming.method);
			if (!webhookData) {
				res.status(404).json({ code: 404, message: `The requested webhook "${incoming.method} ${path}" is not registered.` });
				return;
			}
			let req;
			try {
				req = buildRequest(incoming, url, rawBody);
			} catch (error) {
				res.status(422).json({ code: 422, message: 'Failed to parse request body', hint: error.message });
				return;
			}
			delivery.body = req.body;
			await runWebhook(tw, receiver, requestMode, webhookData, req, res, delivery);
		} catch (error) {
			delivery.error ??= error;
			if (!out.ended) res.status(500).json({ code: 500, message: error.message });
		} finally {
			delivery.status = out.ended ? out.statusCode : null;
			delivery.noResponse = !out.ended;
			delivery.responseHeaders = out.headers;
			delivery.responseBody = Buffer.concat(out.chunks).toString();
			if (out.ended) {
				response.writeHead(out.statusCode, out.headers);
				response.end(Buffer.concat(out.chunks));
			} else {
				response.destroy();
			}
		}
		await delivery.afterResponse?.();
	}

	const server = http.createServer((incoming, response) => {
		const task = handle(incoming, response).catch((error) => {
			if (!response.headersSent) response.writeHead(500).end(String(error));
		});
		pending.add(task);
		task.finally(() => pending.delete(task));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const baseUrl = `http://127.0.0.1:${server.address().port}`;
	receiver.baseUrl = baseUrl;
	/** Serve (another) trigger workflow, e.g. the one standing for n8n after a restart. */
	receiver.attach = (target) => {
		receiver.tw = target;
		target.additionalData.webhookBaseUrl = `${baseUrl}/webhook`;
		target.additionalData.webhookTestBaseUrl = `${baseUrl}/webhook-test`;
		const [first] = webhooksOf(target, target.workflow, mode);
		receiver.url = first && `${baseUrl}/${mode === 'manual' ? 'webhook-test' : 'webhook'}/${first.path}`;
		return receiver;
	};
	receiver.attach(tw);
	/** Resolves when every request (and the test-webhook teardown after it) has finished. */
	receiver.idle = async () => {
		while (pending.size) await Promise.all([...pending]);
	};
	receiver.close = async () => {
		await receiver.idle();
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	};
	return receiver;
}

// ---------------------------------------------------------------------------------------------
// Polling

/**
 * The PollContext n8n 2.40's TriggerExecutionContextFactory.getExecutePollFunctions builds. Used with
 * and without durable cursors (n8n uses this factory either way): without, the poll's static data is
 * the in-memory workflow's; with, it is a staged deep clone of the poller_state cursor, committed with
 * the execution (__emit) or alone (__commitCursor) and only if it changed. Either way, reading static
 * data outside __runPoll throws.
 */
function createPollFunctions(tw, workflow, { durableCursors = false, activation = 'activate' } = {}) {
	const node = workflow.getNode(tw.nodeData.name);
	const staged = new AsyncLocalStorage();
	const commit = (cursor) => {
		tw.cursors[node.id] = toDb(cursor);
	};
	const __runPoll = async (poll) => {
		let store = { migrated: false };
		if (durableCursors) {
			// PollerStateRepository.getOrCreateCursor: the row is seeded from the node's static data once.
			if (!(node.id in tw.cursors)) commit(workflow.getStaticData('node', node));
			const cursor = toDb(tw.cursors[node.id]);
			store = { migrated: true, snapshot: cloneDeep(cursor), seed: cursor };
		}
		return await staged.run(store, poll);
	};
	const takeStagedCursor = () => {
		const store = staged.getStore();
		if (store === undefined || !store.migrated || isEqual(store.snapshot, store.seed)) return null;
		const cursor = cloneDeep(store.snapshot);
		store.seed = cursor;
		return cursor;
	};
	const __emit = (data) => {
		const cursor = takeStagedCursor();
		saveStaticData(tw, workflow);
		if (cursor !== null) commit(cursor); // runPolledWorkflow: cursor and execution in one transaction
		tw.executions.push({ source: 'poll', mode: 'trigger', data });
	};
	const __emitError = (error) => tw.errors.push(error);
	const __commitCursor = async () => {
		const cursor = takeStagedCursor();
		if (cursor !== null) commit(cursor);
	};
	const resolveNodeStaticData = () => {
		const store = staged.getStore();
		if (store === undefined) {
			throw new UnexpectedError('Poll node read its static data outside of a poll; __runPoll was not entered', {
				extra: { workflowId: tw.id, nodeId: node.id, nodeName: node.name },
			});
		}
		return store.migrated ? store.snapshot : workflow.getStaticData('node', node);
	};
	return new PollContext(workflow, node, tw.additionalData, 'trigger', activation, __emit, __emitError, __commitCursor, __runPoll, resolveNodeStaticData);
}

const itemsOf = (response) => (response?.[0] ?? []).map((item) => item.json);

/**
 * One poll, the way n8n runs it.
 * mode 'trigger' (PollTriggerExecutor): data → __emit (an execution; durable: cursor committed with it);
 *   null → __commitCursor, except on the poll n8n runs right at activation (activationPoll: true,
 *   executePollTrigger(true)), which commits nothing on null (n8n saves the static data after it); a throw commits nothing and is rethrown
 *   (n8n records a failed execution, or fails the activation).
 * mode 'manual' (WorkflowExecute.executePollNode): a plain PollContext on a copy of the DB's static
 *   data that n8n never saves, durable cursors or not (so it does not see the durable cursor).
 * Non-durable polls share tw.workflow (n8n keeps one in memory per activation); durable ones load a
 * fresh workflow per poll like the poll task handler.
 * @returns {Promise<{response: null|object[][], items: object[]}>}
 */
async function runPoll(tw, { mode = 'trigger', durableCursors = false, activationPoll = false, activation } = {}) {
	if (mode === 'manual') {
		const workflow = loadWorkflow(tw, { active: false });
		const context = new PollContext(workflow, workflow.getNode(tw.nodeData.name), tw.additionalData, 'manual', 'manual');
		const response = await tw.nodeType.poll.call(context);
		return { response, items: itemsOf(response) };
	}
	const workflow = durableCursors ? loadWorkflow(tw) : tw.workflow;
	const pollFunctions = createPollFunctions(tw, workflow, {
		durableCursors,
		activation: activation ?? (activationPoll || !durableCursors ? 'activate' : 'update'),
	});
	let response;
	try {
		await pollFunctions.__runPoll(async () => {
			response = await tw.nodeType.poll.call(pollFunctions);
			if (response !== null) pollFunctions.__emit(response); // note: undefined is emitted too
			else if (!activationPoll) await pollFunctions.__commitCursor();
		});
	} catch (error) {
		if (!activationPoll) pollFunctions.__emitError(error);
		throw error;
	}
	// WorkflowTriggerActivator saves the static data once the triggers are registered (if n8n noticed a change).
	if (activationPoll) saveStaticData(tw, workflow);
	return { response, items: itemsOf(response) };
}

/**
 * n polls started at once on the same workflow (a slow poll overlapping the next tick; n8n
 * does not prevent that without the durable scheduler's lease). Never rejects.
 * @returns {Promise<Array<{response, items} | {error}>>}
 */
async function runOverlappingPolls(tw, n, options = {}) {
	const settled = await Promise.allSettled(Array.from({ length: n }, () => runPoll(tw, options)));
	return settled.map((s) => (s.status === 'fulfilled' ? s.value : { error: s.reason }));
}

module.exports = {
	createTriggerWorkflow,
	activateWebhooks,
	deactivateWebhooks,
	startWebhookReceiver,
	runPoll,
	runOverlappingPolls,
	createPollFunctions,
	getNodeWebhooks,
	loadWorkflow,
};
