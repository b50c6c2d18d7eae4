/**
 * WebWork Trigger deliveries: a body that is not an object or an array of objects gets 400 and starts
 * nothing (it would otherwise become an item of undefined fields); a valid delivery still works.
 * Bodies are POSTed as raw JSON to the harness's stand-in for n8n's webhook endpoint.
 */
const { createTriggerWorkflow, activateWebhooks, startWebhookReceiver } = require('../harness/triggers');
const { startWebWorkEmulator, byId, tokenCredentials } = require('../webwork/helpers');

const WS = 101;
let emulator;
let receiver;
let hook;

beforeAll(async () => {
	emulator = await startWebWorkEmulator();
	emulator.state.webhooks.length = 0;
	const tw = createTriggerWorkflow({
		workflowId: 'wf-core-bodies',
		node: { type: 'webWorkTrigger', name: 'WebWork Trigger', parameters: { authentication: 'accessToken', workspaceId: byId(WS), events: ['tracker.started'], options: {} } },
		credentials: tokenCredentials(emulator),
	});
	receiver = await startWebhookReceiver(tw);
	await activateWebhooks(tw);
	[hook] = emulator.state.webhooks.filter((h) => h.workspace_id === WS);
});
afterAll(async () => {
	await receiver.close();
	await emulator.close();
});

async function post(rawBody) {
	const response = await fetch(receiver.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: rawBody });
	return { status: response.status, body: await response.text() };
}

for (const rawBody of ['null', '[null]', '"text"', '[1]', '[]', '[{"event":"tracker.started"}, 2]', 'true']) {
	test(`body ${rawBody} → 400, no execution`, async () => {
		const before = receiver.executions.length;
		const answer = await post(rawBody);
		expect(answer.status).toBe(400);
		expect(JSON.parse(answer.body).message).toMatch(/expected a JSON object or an array of objects/);
		expect(receiver.executions).toHaveLength(before);
	});
}

test('a valid delivery (object, and array of objects) still starts one execution each', async () => {
	const before = receiver.executions.length;
	const answer = await emulator.deliver(hook.id, 'tracker.started', { user_id: 5 }, { signature: 'none' });
	expect(answer.status).toBe(200);
	const batch = await post(JSON.stringify([{ event: 'tracker.started', workspace_id: WS, data: { user_id: 6 } }, { event: 'tracker.started', workspace_id: WS, data: { user_id: 7 } }]));
	expect(batch.status).toBe(200);
	expect(receiver.executions).toHaveLength(before + 2);
	expect(receiver.executions[before][0].map((i) => i.json.data)).toEqual([{ user_id: 5 }]);
	expect(receiver.executions[before + 1][0].map((i) => i.json.data)).toEqual([{ user_id: 6 }, { user_id: 7 }]);
});
