/**
 * Runs real workflows through n8n-core's WorkflowExecute with our built nodes and credentials,
 * the way n8n's own NodeTestHarness does, but on public exports only. Credentials are applied for
 * real (generic `authenticate`, OAuth2 through n8n-core), so emulators can check auth headers.
 */
const os = require('os');
const fs = require('fs');
const path = require('path');

// n8n-core writes an encryption key into the user folder on load: keep it out of $HOME.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'worktime-n8n-'));
}

// Passing tests stay quiet: n8n's own logger (errors of failing items included) prints nothing unless asked.
if (!process.env.N8N_LOG_LEVEL) process.env.N8N_LOG_LEVEL = 'silent';

const { WorkflowExecute, ExecutionLifecycleHooks, LoadOptionsContext } = require('n8n-core');
const { Workflow, NodeHelpers } = require('n8n-workflow');

const DIST = path.join(__dirname, '..', '..', 'dist');
const PACKAGE = require('../../package.json');
const PACKAGE_NAME = PACKAGE.name;

function loadClasses(files) {
	return files.map((file) => {
		const exported = require(path.join(__dirname, '..', '..', file));
		const Class = Object.values(exported)[0];
		return new Class();
	});
}

const nodes = loadClasses(PACKAGE.n8n.nodes);
const credentialTypes = Object.fromEntries(loadClasses(PACKAGE.n8n.credentials).map((c) => [c.name, c]));

/** The OAuth2 base type our OAuth2 credentials extend (n8n ships it; only its defaults matter here). */
credentialTypes.oAuth2Api = {
	name: 'oAuth2Api',
	properties: [
		{ name: 'grantType', default: 'authorizationCode' },
		{ name: 'authentication', default: 'header' },
		{ name: 'ignoreSSLIssues', default: false },
		{ name: 'authQueryParameters', default: '' },
		{ name: 'scope', default: '' },
	],
};

/** Start node for workflows: emits the trigger input items unchanged. */
class ManualTrigger {
	constructor() {
		this.description = {
			displayName: 'Manual Trigger',
			name: 'manualTrigger',
			group: ['trigger'],
			version: 1,
			defaults: { name: 'Start' },
			inputs: [],
			outputs: ['main'],
			properties: [],
		};
	}
	async execute() {
		return [this.getInputData()];
	}
}

const nodeTypesByName = {
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	...Object.fromEntries(nodes.map((n) => [`${PACKAGE_NAME}.${n.description.name}`, n])),
};

const nodeTypes = {
	getByName: (type) => nodeTypesByName[type],
	getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(nodeTypesByName[type], version),
	getKnownTypes: () => ({}),
};

/** Adds a node type (e.g. a fake trigger in a test) to the map every harness workflow uses. */
function registerNodeType(typeName, instance) {
	const type = typeName.includes('.') ? typeName : `${PACKAGE_NAME}.${typeName}`;
	nodeTypesByName[type] = instance;
	return type;
}

function parentTypes(type) {
	const extendsList = credentialTypes[type]?.extends ?? [];
	return extendsList.flatMap((parent) => [parent, ...parentTypes(parent)]);
}

function credentialProperties(type) {
	return [...parentTypes(type).reverse(), type].flatMap((t) => credentialTypes[t]?.properties ?? []);
}

/** Credential data with the credential type's defaults filled in, as n8n's CredentialsHelper does. */
function withDefaults(type, data) {
	const result = {};
	for (const property of credentialProperties(type)) {
		if (property.default !== undefined && property.type !== 'notice') result[property.name] = property.default;
	}
	return { ...result, ...data };
}

/** Resolves `={{$credentials.x}}` style templates (all our credentials use). */
function resolveTemplate(value, credentials) {
	if (typeof value !== 'string') return value;
	const text = value.startsWith('=') ? value.slice(1) : value;
	return text.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, name) => String(credentials[name] ?? ''));
}

function applyGenericAuth(authenticate, credentials, requestOptions) {
	const { headers = {}, qs = {}, auth } = authenticate.properties;
	const options = { ...requestOptions, headers: { ...(requestOptions.headers || {}) }, qs: { ...(requestOptions.qs || {}) } };
	for (const [name, value] of Object.entries(headers)) options.headers[name] = resolveTemplate(value, credentials);
	for (const [name, value] of Object.entries(qs)) options.qs[name] = resolveTemplate(value, credentials);
	if (auth) {
		options.auth = {
			username: resolveTemplate(auth.username, credentials),
			password: resolveTemplate(auth.password, credentials),
		};
	}
	return options;
}

class CredentialsHelper {
	constructor(credentials) {
		this.credentials = credentials;
		this.tokenUpdates = [];
	}
	getParentTypes(type) {
		return parentTypes(type);
	}
	async getDecrypted(_additionalData, _nodeCredentials, type) {
		if (!this.credentials[type]) throw new Error(`Test has no credentials of type "${type}"`);
		return withDefaults(type, this.credentials[type]);
	}
	async authenticate(credentials, type, requestOptions) {
		const authenticate = credentialTypes[type]?.authenticate;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		return applyGenericAuth(authenticate, credentials, requestOptions);
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	getCredentialsProperties(type) {
		return credentialProperties(type);
	}
	isCredentialUsableByNode() {
		return true;
	}
	async updateCredentials(_nodeCredentials, type, data) {
		this.credentials[type] = data;
	}
	async updateCredentialsOauthTokenData(_nodeCredentials, type, data) {
		this.tokenUpdates.push(type);
		this.credentials[type] = { ...this.credentials[type], oauthTokenData: data.oauthTokenData };
	}
}

/** What n8n hands a node besides its parameters: credentials helper, hooks, URLs. */
function createAdditionalData(credentialsHelper, hooks, currentNodeParameters) {
	return {
		hooks,
		credentialsHelper,
		executionId: 'test-execution',
		currentNodeParameters,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
		userId: 'test-user',
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
	};
}

/** A workflow: manual start → our node(s) in a chain. `node` may be one node or an array. */
function chainWorkflow(nodeList, credentialIds = {}) {
	const list = Array.isArray(nodeList) ? nodeList : [nodeList];
	const workflowNodes = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		...list.map((node, index) => {
			const type = node.type.includes('.') ? node.type : `${PACKAGE_NAME}.${node.type}`;
			const description = nodeTypesByName[type]?.description;
			const credentials = {};
			for (const credential of description?.credentials ?? []) {
				credentials[credential.name] = { id: credentialIds[credential.name] ?? `cred-${credential.name}`, name: credential.name };
			}
			return {
				id: `node-${index}`,
				name: node.name ?? `Node ${index + 1}`,
				typeVersion: 1,
				position: [200 * (index + 1), 0],
				credentials,
				...node,
				type,
			};
		}),
	];
	const connections = {};
	for (let i = 0; i < workflowNodes.length - 1; i++) {
		connections[workflowNodes[i].name] = { main: [[{ node: workflowNodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes: workflowNodes, connections };
}

function deferred() {
	let resolve;
	const promise = new Promise((r) => (resolve = r));
	return { promise, resolve };
}

/**
 * Runs a workflow through WorkflowExecute.
 * @param {object} options
 * @param {object|object[]} options.node   node(s): {type:'webWork', parameters, continueOnFail?, onError?}
 * @param {object[]} [options.input]       input items (json objects) fed to the first node
 * @param {object} options.credentials     {credentialType: data}
 * @returns {Promise<{status, items: object[], error, runData, credentialsHelper}>}
 */
async function runWorkflow({ node, input = [{}], credentials = {}, credentialIds, settings = {} }) {
	const { nodes: workflowNodes, connections } = chainWorkflow(node, credentialIds);
	const workflow = new Workflow({ id: 'test', nodes: workflowNodes, connections, nodeTypes, settings, active: false });
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', { id: 'test', nodes: workflowNodes, connections });
	const done = deferred();
	hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));
	const credentialsHelper = new CredentialsHelper({ ...credentials });
	const additionalData = createAdditionalData(credentialsHelper, hooks);
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contactData: {},
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{ node: workflow.getStartNode(), data: { main: [input.map((json) => ({ json }))] }, source: null },
			],
		},
	};
	const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await done.promise;
	const lastNode = workflowNodes[workflowNodes.length - 1].name;
	const nodeRun = run.data.resultData.runData[lastNode]?.[0];
	const outputItems = nodeRun?.data?.main?.[0] ?? [];
	return {
		status: run.status,
		error: run.data.resultData.error,
		items: outputItems.map((item) => item.json),
		pairedItems: outputItems.map((item) => item.pairedItem),
		runData: run.data.resultData.runData,
		credentialsHelper,
	};
}

/**
 * Calls a node's list-search method (resource locator "From List") the way the editor does, through
 * n8n-core's LoadOptionsContext with the node's current parameters.
 */
async function listSearch({ node, method, filter, paginationToken, credentials }) {
	const { nodes: workflowNodes, connections } = chainWorkflow(node);
	const workflow = new Workflow({ id: 'test', nodes: workflowNodes, connections, nodeTypes, active: false });
	const target = workflowNodes[1];
	const additionalData = createAdditionalData(new CredentialsHelper({ ...credentials }), undefined, target.parameters);
	const context = new LoadOptionsContext(workflow, target, additionalData, 'parameters');
	const type = nodeTypesByName[target.type];
	return await type.methods.listSearch[method].call(context, filter, paginationToken);
}

/** Resolves a credential expression (e.g. a credential test's baseURL) with n8n's own expression engine. */
function resolveCredentialExpression(value, credentialType, data) {
	const { nodes: workflowNodes, connections } = chainWorkflow([]);
	const workflow = new Workflow({ id: 'test', nodes: workflowNodes, connections, nodeTypes, active: false });
	// The same call n8n's credential tester makes, with the credential's data as $credentials.
	return workflow.expression.getParameterValue(value, null, 0, 0, workflowNodes[0].name, [], 'internal', {
		$credentials: withDefaults(credentialType, data),
	});
}

module.exports = {
	runWorkflow,
	listSearch,
	resolveCredentialExpression,
	CredentialsHelper,
	withDefaults,
	nodeTypesByName,
	credentialTypes,
	PACKAGE_NAME,
	nodeTypes,
	registerNodeType,
	createAdditionalData,
};
