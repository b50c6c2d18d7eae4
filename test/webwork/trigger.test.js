/**
 * WebWork Trigger through n8n's webhook lifecycle (checkExists → create, delete) against the emulator,
 * with real HTTP deliveries from the emulator to a stand-in for n8n's webhook endpoint.
 */
const { createTriggerWorkflow, activateWebhooks, deactivateWebhooks, startWebhookReceiver } = require('../harness/triggers');
const { startWebWorkEmulator, byId, tokenCredentials, requestsTo } = require('./helpers');

const WS = 101;
let emulator;
const receivers = [];

beforeEach(async () => {
	emulator = await startWebWorkEmulator();
	emulator.state.webhooks.length = 0; // start from a workspace without webhooks
});
afterEach(async () => {
	while (receivers.length) await receivers.pop().close();
	await emulator.close();
});

function trigger({ events = ['tracker.started', 'tracker.stopped'], options = {}, workflowId = 'wf-1', staticData, otherEvents } = {}) {
	return createTriggerWorkflow({
		workflowId,
		staticData,
		node: {
			type: 'webWorkTrigger',
			name: 'WebWork Trigger',
			parameters: { authentication: 'accessToken', workspaceId: byId(WS), events, options, ...(otherEvents ? { otherEvents } : {}) },
		},
		credentials: tokenCredentials(emulator),
	});
}

async function receiverFor(tw, mode = 'trigger') {
	const receiver = await startWebhookReceiver(tw, { mode });
	receivers.push(receiver);
	return receiver;
}

const remoteHooks = () => emulator.state.webhooks.filter((hook) => hook.workspace_id === WS);

test('register → deliver → one item out with event, workspace, timestamp and data', async () => {
	const tw = trigger();
	const receiver = await receiverFor(tw);
	const result = await activateWebhooks(tw);
	expect(result.checkExists).toBe(false);
	expect(result.create).toBe(true);
	expect(remoteHooks()).toHaveLength(1);
	const [hook] = remoteHooks();
	expect(hook.url).toBe(receiver.url);
	expect([...hook.events].sort()).toEqual(['tracker.started', 'tracker.stopped']);

	const answer = await emulator.deliver(hook.id, 'tracker.started', { user_id: 5, contract_id: 301 }, { signature: 'none' });
	expect(answer.status).toBe(200);
	expect(receiver.executions).toHaveLength(1);
	const items = receiver.executions[0][0].map((item) => item.json);
	expect(items).toEqual([
		{ event: 'tracker.started', workspace_id: WS, timestamp: expect.any(String), data: { user_id: 5, contract_id: 301 } },
	]);
});

test('publishing twice keeps exactly one remote webhook', async () => {
	const tw = trigger();
	await receiverFor(tw);
	await activateWebhooks(tw);
	const again = await activateWebhooks(tw);
	expect(again.checkExists).toBe(true);
	expect(again.create).toBeUndefined();
	expect(remoteHooks()).toHaveLength(1);
});

test('a restart that lost static data finds its webhook by URL instead of creating another', async () => {
	const first = trigger();
	const receiver = await receiverFor(first);
	await activateWebhooks(first);
	const restarted = trigger({ staticData: {} });
	receiver.attach(restarted);
	restarted.additionalData.webhookBaseUrl = first.additionalData.webhookBaseUrl;
	const result = await activateWebhooks(restarted);
	expect(result.checkExists).toBe(true);
	expect(remoteHooks()).toHaveLength(1);
	// the token is recovered from the listing, so verified deliveries keep working
	expect(restarted.staticData['node:WebWork Trigger']?.webhookToken ?? restarted.workflow.staticData['node:WebWork Trigger']?.webhookToken).toBe(remoteHooks()[0].token);
});

test('a changed event selection updates the remote webhook instead of leaking the old one', async () => {
	const first = trigger();
	const receiver = await receiverFor(first);
	await activateWebhooks(first);
	const changed = trigger({ events: ['project.created'], otherEvents: 'task.updated', staticData: first.staticData });
	receiver.attach(changed);
	changed.additionalData.webhookBaseUrl = first.additionalData.webhookBaseUrl;
	const result = await activateWebhooks(changed);
	expect(result.checkExists).toBe(false);
	expect(remoteHooks()).toHaveLength(1);
	expect([...remoteHooks()[0].events].sort()).toEqual(['project.created', 'task.updated']);
	expect(requestsTo(emulator, 'PUT', /^\/webhooks\//)).toHaveLength(1);
});

test('deactivating removes the remote webhook; one already gone counts as removed', async () => {
	const tw = trigger();
	await receiverFor(tw);
	await activateWebhooks(tw);
	const deactivated = await deactivateWebhooks(tw);
	expect(deactivated.delete).toBe(true);
	expect(remoteHooks()).toHaveLength(0);

	await activateWebhooks(tw);
	emulator.state.webhooks.length = 0; // deleted in WebWork by hand
	const again = await deactivateWebhooks(tw);
	expect(again.delete).toBe(true);
});

test('a copied workflow gets its own webhook and cannot take over the original', async () => {
	const original = trigger({ workflowId: 'wf-original' });
	await receiverFor(original);
	await activateWebhooks(original);
	const copy = trigger({ workflowId: 'wf-copy' });
	await receiverFor(copy);
	await activateWebhooks(copy);
	expect(remoteHooks()).toHaveLength(2);
	await deactivateWebhooks(copy);
	expect(remoteHooks()).toHaveLength(1);
	expect(remoteHooks()[0].url).toContain(original.node.webhookId);
});

test('checkExists never deletes, even when it finds webhooks that are not ours', async () => {
	emulator.state.webhooks.push({ id: 'foreign', workspace_id: WS, url: 'https://elsewhere.example.com/hook', events: ['tracker.started'], token: 'x' });
	const tw = trigger();
	await receiverFor(tw);
	await activateWebhooks(tw);
	expect(remoteHooks().map((h) => h.id)).toContain('foreign');
	expect(requestsTo(emulator, 'DELETE')).toHaveLength(0);
});

test('HMAC verification: a bad signature answers 401 and starts nothing; a good one is accepted', async () => {
	const tw = trigger({ options: { verification: 'hmacSha256' } });
	const receiver = await receiverFor(tw);
	await activateWebhooks(tw);
	const [hook] = remoteHooks();
	const forged = await emulator.deliver(hook.id, 'tracker.started', { user_id: 5 }, { signature: 'none', headers: { 'X-Webwork-Signature': 'deadbeef' } });
	expect(forged.status).toBe(401);
	const unsigned = await emulator.deliver(hook.id, 'tracker.started', { user_id: 5 }, { signature: 'none' });
	expect(unsigned.status).toBe(401);
	expect(receiver.executions).toHaveLength(0);
	const genuine = await emulator.deliver(hook.id, 'tracker.started', { user_id: 5 }, { signature: 'hmac' });
	expect(genuine.status).toBe(200);
	expect(receiver.executions).toHaveLength(1);
});

test('token verification compares the header with the stored token', async () => {
	const tw = trigger({ options: { verification: 'token' } });
	const receiver = await receiverFor(tw);
	await activateWebhooks(tw);
	const [hook] = remoteHooks();
	expect((await emulator.deliver(hook.id, 'tracker.stopped', {}, { signature: 'token' })).status).toBe(200);
	expect((await emulator.deliver(hook.id, 'tracker.stopped', {}, { signature: 'none', headers: { 'X-Webwork-Token': 'whsec_wrong' } })).status).toBe(401);
	expect(receiver.executions).toHaveLength(1);
});

test('events that were not selected are acknowledged and dropped', async () => {
	const tw = trigger({ events: ['tracker.started'] });
	const receiver = await receiverFor(tw);
	await activateWebhooks(tw);
	const [hook] = remoteHooks();
	const answer = await emulator.deliver(hook.id, 'member.updated', { id: 3 }, { signature: 'none' });
	expect(answer.status).toBe(200);
	expect(receiver.executions).toHaveLength(0);
});

test('"listen for test event" registers the test URL and removes it afterwards', async () => {
	const tw = trigger();
	const receiver = await receiverFor(tw, 'manual');
	await activateWebhooks(tw, { mode: 'manual', activation: 'manual' });
	expect(remoteHooks()).toHaveLength(1);
	expect(remoteHooks()[0].url).toContain('/webhook-test/');
	await emulator.deliver(remoteHooks()[0].id, 'tracker.started', { user_id: 5 }, { signature: 'none' });
	await receiver.idle();
	expect(receiver.executions).toHaveLength(1);
	await deactivateWebhooks(tw, { mode: 'manual' });
	expect(remoteHooks()).toHaveLength(0);
});

test('a second registration for our URL is merged away on publish, so nothing is delivered twice', async () => {
	const tw = trigger();
	const receiver = await receiverFor(tw);
	await activateWebhooks(tw);
	emulator.state.webhooks.push({ id: 'stray', workspace_id: WS, url: receiver.url, events: ['tracker.started', 'member.updated'], token: 'whsec_stray' });
	const again = await activateWebhooks(tw);
	expect(again.checkExists).toBe(false);
	expect(remoteHooks()).toHaveLength(1);
	expect([...remoteHooks()[0].events].sort()).toEqual(['tracker.started', 'tracker.stopped']);
});

test('a stale stored webhook id never deletes another workflow\'s webhook', async () => {
	const other = trigger({ workflowId: 'wf-other' });
	await receiverFor(other);
	await activateWebhooks(other);
	const theirs = remoteHooks()[0];
	const mine = trigger({ workflowId: 'wf-mine' });
	await receiverFor(mine);
	await activateWebhooks(mine);
	mine.workflow.staticData['node:WebWork Trigger'].webhookId = theirs.id; // e.g. imported static data
	mine.staticData['node:WebWork Trigger'] = { ...mine.staticData['node:WebWork Trigger'], webhookId: theirs.id };
	await deactivateWebhooks(mine);
	expect(remoteHooks().map((h) => h.id)).toEqual([theirs.id]);
});
