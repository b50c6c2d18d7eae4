/**
 * Tests of the trigger harness itself, with tiny fake trigger nodes registered only here: a webhook
 * trigger backed by an in-memory "remote service", and a polling trigger with a counter cursor.
 */
const crypto = require('crypto');
const { registerNodeType } = require('./index');
const {
	createTriggerWorkflow,
	activateWebhooks,
	deactivateWebhooks,
	startWebhookReceiver,
	runPoll,
	runOverlappingPolls,
	createPollFunctions,
} = require('./triggers');

// --- fake webhook trigger -------------------------------------------------------------------

/** The provider's side: registered hooks, and a way to deliver events to them. */
const remote = {
	hooks: new Map(),
	nextId: 1,
	failCreateAfterRegistering: false,
	secret: 'shh',
	sign: (raw) => crypto.createHmac('sha256', remote.secret).update(raw).digest('hex'),
	async deliver(raw, { signature = remote.sign(raw), contentType = 'application/json' } = {}) {
		const responses = [];
		for (const hook of remote.hooks.values()) {
			const response = await fetch(hook.url, { method: 'POST', headers: { 'content-type': contentType, 'x-signature': signature }, body: raw });
			responses.push({ status: response.status, text: await response.text() });
		}
		return responses;
	},
};

class FakeWebhookTrigger {
	constructor() {
		this.description = {
			displayName: 'Fake Webhook Trigger',
			name: 'fakeWebhookTrigger',
			group: ['trigger'],
			version: 1,
			defaults: { name: 'Fake Webhook' },
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: 'webWorkApi', required: true }],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
			properties: [{ displayName: 'Event', name: 'event', type: 'string', default: 'time.created' }],
		};
		this.webhookMethods = {
			default: {
				async checkExists() {
					const hook = remote.hooks.get(this.getWorkflowStaticData('node').hookId);
					return hook?.url === this.getNodeWebhookUrl('default');
				},
				async create() {
					const { accessToken } = await this.getCredentials('webWorkApi');
					const id = `hook-${remote.nextId++}`;
					remote.hooks.set(id, { url: this.getNodeWebhookUrl('default'), event: this.getNodeParameter('event'), token: accessToken });
					this.getWorkflowStaticData('node').hookId = id;
					if (remote.failCreateAfterRegistering) throw new Error('could not read the signing secret');
					return true;
				},
				async delete() {
					const data = this.getWorkflowStaticData('node');
					const existed = remote.hooks.delete(data.hookId);
					delete data.hookId;
					return existed;
				},
			},
		};
	}
	async webhook() {
		const req = this.getRequestObject();
		if (req.headers['x-signature'] !== remote.sign(req.rawBody)) {
			this.getResponseObject().status(401).send('Unauthorized').end();
			return { noWebhookResponse: true };
		}
		return { workflowData: [this.helpers.returnJsonArray({ body: this.getBodyData(), raw: req.rawBody.toString('utf8') })] };
	}
}

// --- fake polling trigger -------------------------------------------------------------------

let pollBehaviour = 'emit';

class FakePollTrigger {
	constructor() {
		this.description = {
			displayName: 'Fake Poll Trigger',
			name: 'fakePollTrigger',
			group: ['trigger'],
			version: 1,
			defaults: { name: 'Fake Poll' },
			polling: true,
			inputs: [],
			outputs: ['main'],
			properties: [],
		};
	}
	async poll() {
		const cursor = this.getWorkflowStaticData('node');
		const seen = cursor.counter ?? 0;
		await new Promise((resolve) => setImmediate(resolve)); // an API call between read and write
		cursor.counter = seen + 1;
		if (pollBehaviour === 'throw') throw new Error('API down');
		if (pollBehaviour === 'null') return null;
		return [[{ json: { counter: cursor.counter, mode: this.getMode() } }]];
	}
}

registerNodeType('fakeWebhookTrigger', new FakeWebhookTrigger());
registerNodeType('fakePollTrigger', new FakePollTrigger());

const credentials = { webWorkApi: { accessToken: 'tok-123' } };
const webhookWorkflow = (options = {}) => createTriggerWorkflow({ node: { type: 'fakeWebhookTrigger' }, credentials, ...options });
const methods = (tw) => tw.hookCalls.map((c) => c.method);

// --- webhook lifecycle ----------------------------------------------------------------------

describe('webhook lifecycle', () => {
	beforeEach(() => remote.hooks.clear());

	test('activate runs checkExists then create once, through a HookContext with real credentials', async () => {
		const tw = webhookWorkflow();
		const receiver = await startWebhookReceiver(tw);
		try {
			const result = await activateWebhooks(tw);
			expect(result).toMatchObject({ checkExists: false, created: true, create: true });
			expect(methods(tw)).toEqual(['checkExists', 'create']);
			expect(tw.hookCalls[0]).toMatchObject({ mode: 'trigger', activation: 'activate' });
			// The URL registered remotely is the receiver's, <base>/webhook/<webhookId>/webhook.
			expect(receiver.url).toBe(`${receiver.baseUrl}/webhook/${tw.node.webhookId}/webhook`);
			expect([...remote.hooks.values()]).toEqual([{ url: receiver.url, event: 'time.created', token: 'tok-123' }]);
			// create's static data was saved to the "DB".
			expect(tw.staticData['node:Fake Webhook']).toEqual({ hookId: 'hook-' + (remote.nextId - 1) });
		} finally {
			await receiver.close();
		}
	});

	test('re-activation after a restart with kept static data finds the webhook; lost static data creates another', async () => {
		const tw = webhookWorkflow();
		const receiver = await startWebhookReceiver(tw);
		try {
			await activateWebhooks(tw);
			const restarted = webhookWorkflow({ workflowId: tw.id, staticData: tw.staticData });
			receiver.attach(restarted);
			expect(restarted.node.webhookId).toBe(tw.node.webhookId);
			const again = await activateWebhooks(restarted, { activation: 'init' });
			expect(again).toMatchObject({ checkExists: true, created: false });
			expect(methods(restarted)).toEqual(['checkExists']);
			expect((await remote.deliver('{}'))[0].status).toBe(200); // still delivered after the restart

			const lost = webhookWorkflow({ workflowId: tw.id, staticData: {} });
			receiver.attach(lost);
			expect(await activateWebhooks(lost)).toMatchObject({ checkExists: false, created: true });
			expect(remote.hooks.size).toBe(2); // the node's checkExists only trusts its stored id
		} finally {
			await receiver.close();
		}
	});

	test('a copied workflow gets its own webhook URL', () => {
		const a = webhookWorkflow();
		const b = webhookWorkflow();
		expect(a.id).not.toBe(b.id);
		expect(a.node.webhookId).not.toBe(b.node.webhookId);
		expect(a.node.webhookId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
	});

	test('deliveries reach webhook() with the raw body; bad signatures, bad JSON and unknown paths are refused', async () => {
		const tw = webhookWorkflow();
		const receiver = await startWebhookReceiver(tw);
		try {
			await activateWebhooks(tw);
			const raw = '{"id": 7,   "note":"café"}';
			expect(await remote.deliver(raw)).toEqual([{ status: 200, text: '{"message":"Workflow was started"}' }]);
			expect(receiver.executions).toHaveLength(1);
			expect(receiver.executions[0][0][0].json).toEqual({ body: { id: 7, note: 'café' }, raw });
			expect(receiver.deliveries[0]).toMatchObject({ status: 200, body: { id: 7, note: 'café' } });
			expect(receiver.deliveries[0].rawBody.toString()).toBe(raw);
			expect(receiver.deliveries[0].headers['x-signature']).toBe(remote.sign(raw));

			expect(await remote.deliver(raw, { signature: 'forged' })).toEqual([{ status: 401, text: 'Unauthorized' }]);
			expect(await remote.deliver('{oops', { signature: remote.sign('{oops') })).toEqual([
				{ status: 422, text: expect.stringContaining('Failed to parse request body') },
			]);
			const unknown = await fetch(`${receiver.baseUrl}/webhook/nope/webhook`, { method: 'POST', body: '{}' });
			expect(unknown.status).toBe(404);
			expect(receiver.executions).toHaveLength(1);
			expect(receiver.deliveries.map((d) => d.status)).toEqual([200, 401, 422, 404]);
		} finally {
			await receiver.close();
		}
	});

	test('deactivate runs delete on the DB static data; afterwards the URL is not registered', async () => {
		const tw = webhookWorkflow();
		const receiver = await startWebhookReceiver(tw);
		try {
			await activateWebhooks(tw);
			const url = receiver.url;
			expect(await deactivateWebhooks(tw)).toMatchObject({ delete: true });
			expect(tw.hookCalls.at(-1)).toMatchObject({ method: 'delete', mode: 'internal', activation: 'update' });
			expect(remote.hooks.size).toBe(0);
			expect(tw.staticData['node:Fake Webhook']).toEqual({});
			expect((await fetch(url, { method: 'POST', body: '{}' })).status).toBe(404);
		} finally {
			await receiver.close();
		}
	});

	test('a create that throws is cleaned up with delete, which sees the DB static data, not what create stored', async () => {
		const tw = webhookWorkflow();
		remote.failCreateAfterRegistering = true;
		try {
			await expect(activateWebhooks(tw)).rejects.toThrow('could not read the signing secret');
		} finally {
			remote.failCreateAfterRegistering = false;
		}
		expect(methods(tw)).toEqual(['checkExists', 'create', 'delete']);
		expect(tw.hookCalls[2].result).toBe(false); // delete had no hookId: the remote hook is orphaned
		expect(remote.hooks.size).toBe(1);
		expect(tw.registered.trigger).toEqual([]);
	});

	test('manual mode: empty static data every time, the test URL, and the test webhook is deleted after one execution', async () => {
		const tw = webhookWorkflow({ staticData: { 'node:Fake Webhook': { hookId: 'from-production' } } });
		const receiver = await startWebhookReceiver(tw, { mode: 'manual' });
		try {
			expect(await activateWebhooks(tw, { mode: 'manual' })).toMatchObject({ checkExists: false, created: true });
			expect(tw.hookCalls[0]).toMatchObject({ mode: 'manual', activation: 'manual', url: receiver.url });
			expect(receiver.url).toContain('/webhook-test/');
			expect(tw.staticData['node:Fake Webhook']).toEqual({ hookId: 'from-production' }); // never saved

			expect(await remote.deliver('{}', { signature: 'forged' })).toEqual([{ status: 401, text: 'Unauthorized' }]);
			await receiver.idle();
			expect(remote.hooks.size).toBe(1); // a refused call does not use up the test webhook

			expect((await remote.deliver('{"a":1}'))[0].status).toBe(200);
			await receiver.idle();
			expect(methods(tw)).toEqual(['checkExists', 'create', 'delete']);
			expect(remote.hooks.size).toBe(0);
			expect(tw.registered.manual).toEqual([]);
		} finally {
			await receiver.close();
		}
	});
});

// --- polling --------------------------------------------------------------------------------

describe('polling', () => {
	const pollWorkflow = (options = {}) => createTriggerWorkflow({ node: { type: 'fakePollTrigger' }, ...options });
	const nodeKey = 'node:Fake Poll';
	beforeEach(() => {
		pollBehaviour = 'emit';
	});

	test('non-durable: the cursor lives in the in-memory static data, saved to the DB only on emit', async () => {
		const tw = pollWorkflow();
		expect((await runPoll(tw)).items).toEqual([{ counter: 1, mode: 'trigger' }]);
		expect(tw.staticData[nodeKey]).toEqual({ counter: 1 });
		pollBehaviour = 'null';
		expect(await runPoll(tw)).toEqual({ response: null, items: [] });
		expect(tw.workflow.staticData[nodeKey]).toEqual({ counter: 2 });
		expect(tw.staticData[nodeKey]).toEqual({ counter: 1 }); // a restart now would poll window 2 again
		expect(tw.executions).toHaveLength(1);
	});

	test('non-durable manual polls see a copy that is never saved', async () => {
		const tw = pollWorkflow({ staticData: { [nodeKey]: { counter: 4 } } });
		expect((await runPoll(tw, { mode: 'manual' })).items).toEqual([{ counter: 5, mode: 'manual' }]);
		expect(tw.staticData[nodeKey]).toEqual({ counter: 4 });
		expect(tw.workflow.staticData[nodeKey]).toEqual({ counter: 4 });
	});

	test('overlapping non-durable polls read the same cursor (lost update)', async () => {
		const tw = pollWorkflow();
		const results = await runOverlappingPolls(tw, 2);
		expect(results.map((r) => r.items[0].counter)).toEqual([1, 1]);
		expect(tw.workflow.staticData[nodeKey]).toEqual({ counter: 1 });
	});

	test('durable: the cursor is seeded from static data once, then committed only on emit or null', async () => {
		const tw = pollWorkflow({ staticData: { [nodeKey]: { counter: 5 } } });
		const nodeId = tw.node.id;
		const opts = { durableCursors: true };

		expect((await runPoll(tw, opts)).items).toEqual([{ counter: 6, mode: 'trigger' }]);
		expect(tw.cursors[nodeId]).toEqual({ counter: 6 }); // committed with the execution
		expect(tw.staticData[nodeKey]).toEqual({ counter: 5 }); // static data is no longer the cursor

		pollBehaviour = 'null';
		await runPoll(tw, opts);
		expect(tw.cursors[nodeId]).toEqual({ counter: 7 }); // cursor-only commit

		await runPoll(tw, { ...opts, activationPoll: true });
		expect(tw.cursors[nodeId]).toEqual({ counter: 7 }); // the activation poll never commits on null

		pollBehaviour = 'throw';
		await expect(runPoll(tw, opts)).rejects.toThrow('API down');
		expect(tw.cursors[nodeId]).toEqual({ counter: 7 });
		expect(tw.errors.map((e) => e.message)).toEqual(['API down']);

		pollBehaviour = 'emit';
		// Manual polls bypass the cursor store entirely: they read the (stale) static data, commit nothing.
		expect((await runPoll(tw, { ...opts, mode: 'manual' })).items).toEqual([{ counter: 6, mode: 'manual' }]);
		expect(tw.cursors[nodeId]).toEqual({ counter: 7 });

		// A restart that kept the poller_state table continues from the committed cursor.
		const restarted = pollWorkflow({ workflowId: tw.id, staticData: tw.staticData, cursors: tw.cursors });
		expect((await runPoll(restarted, opts)).items).toEqual([{ counter: 8, mode: 'trigger' }]);
	});

	test('static data read outside a poll throws, as in n8n', () => {
		const tw = pollWorkflow();
		for (const durableCursors of [true, false]) {
			const pollFunctions = createPollFunctions(tw, tw.workflow, { durableCursors });
			expect(() => pollFunctions.getWorkflowStaticData('node')).toThrow(/outside of a poll/);
		}
	});
});
