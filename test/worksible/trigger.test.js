/**
 * Worksible Trigger over several polls as n8n drives them: additions and changes emitted exactly once,
 * deletions forgotten silently, manual runs sample without touching state, failed polls move nothing.
 */
const { createTriggerWorkflow, runPoll } = require('../harness/triggers');
const { startEmulator, worksibleCredentials, requestsTo } = require('./helpers');
const { WorksibleTrigger } = require('../../dist/nodes/Worksible/WorksibleTrigger.node');

let emulator;
beforeEach(async () => {
	emulator = await startEmulator();
});
afterEach(async () => {
	await emulator.close();
});

function trigger(parameters) {
	return createTriggerWorkflow({
		workflowId: 'wf-worksible',
		node: { type: 'worksibleTrigger', name: 'Worksible Trigger', parameters: { resource: 'invoices', events: ['newRecord', 'changedRecord'], ...parameters } },
		credentials: worksibleCredentials(emulator),
	});
}

/** The trigger's remembered fingerprints (live static data, or the durable cursor row). */
function fingerprintsOf(tw, durableCursors = false) {
	const state = durableCursors ? Object.values(tw.cursors)[0] : tw.workflow.staticData['node:Worksible Trigger'];
	const snapshots = Object.values(state.snapshots);
	expect(snapshots).toHaveLength(1);
	return snapshots[0].fingerprints;
}

const summary = (poll) => poll.items.map((item) => `${item.event}:${item.id}`).sort();

for (const durableCursors of [false, true]) {
	test(`additions and changes are emitted once each, deletions emit nothing (${durableCursors ? 'durable cursors' : 'static data'})`, async () => {
		const tw = trigger();
		expect((await runPoll(tw, { durableCursors })).response).toBeNull(); // first activation: remember only

		const [paid, open, draft] = emulator.list('invoices');
		const added = emulator.add('invoices', { concept: 'New retainer', project_id: paid.project_id });
		emulator.tick(1000);
		emulator.update('invoices', open.id, { status: 'paid' });
		const poll2 = await runPoll(tw, { durableCursors });
		expect(summary(poll2)).toEqual([`changedRecord:${open.id}`, `newRecord:${added.id}`].sort());
		// Records are output whole, unknown fields included.
		expect(poll2.items.find((i) => i.id === open.id)).toMatchObject({ status: 'paid', 'x-emulator-assumption': true });

		expect((await runPoll(tw, { durableCursors })).response).toBeNull(); // nothing new: nothing twice

		emulator.remove('invoices', paid.id);
		expect((await runPoll(tw, { durableCursors })).response).toBeNull(); // a deletion is not an event

		emulator.tick(1000);
		emulator.update('invoices', added.id, { status: 'open' });
		emulator.update('invoices', draft.id, { status: 'void' });
		const second = emulator.add('invoices', { concept: 'Second', project_id: open.project_id });
		const poll5 = await runPoll(tw, { durableCursors });
		expect(summary(poll5)).toEqual([`changedRecord:${added.id}`, `changedRecord:${draft.id}`, `newRecord:${second.id}`].sort());
		expect((await runPoll(tw, { durableCursors })).response).toBeNull();

		// State is one fingerprint per listed record: the deleted one is gone.
		expect(Object.keys(fingerprintsOf(tw, durableCursors)).sort()).toEqual(emulator.list('invoices').map((i) => i.id).sort());
	});
}

test('only the chosen events are emitted', async () => {
	const tw = trigger({ resource: 'freelancers', events: ['newRecord'] });
	await runPoll(tw);
	emulator.update('freelancers', emulator.list('freelancers')[0].id, { status: 'offboarded' });
	const fresh = emulator.add('freelancers', { name: 'Noor Haddad', email: 'noor@example.com' });
	expect(summary(await runPoll(tw))).toEqual([`newRecord:${fresh.id}`]);

	const changes = trigger({ resource: 'contracts', events: ['changedRecord'] });
	await runPoll(changes);
	emulator.add('contracts', { freelancer_id: fresh.id, project_id: emulator.list('projects')[0].id });
	const ended = emulator.update('contracts', emulator.list('contracts')[0].id, { status: 'ended' });
	expect(summary(await runPoll(changes))).toEqual([`changedRecord:${ended.id}`]);
});

test('long lists: each poll reads every page (ceil(N / 100) requests) in either paging style', async () => {
	emulator.seedBulk('timesheets', 247); // 250
	const tw = trigger({ resource: 'timesheets' });
	await runPoll(tw);
	expect(requestsTo(emulator, 'GET', '/timesheets')).toHaveLength(3);

	emulator.setPagination('page');
	emulator.clearLog();
	const oldest = emulator.list('timesheets')[0]; // on the last page, newest first
	emulator.update('timesheets', oldest.id, { hours: '99.00' });
	const added = emulator.add('timesheets', { hours: '1.00' });
	expect(summary(await runPoll(tw))).toEqual([`changedRecord:${oldest.id}`, `newRecord:${added.id}`].sort());
	expect(requestsTo(emulator, 'GET', '/timesheets').map((r) => r.query.page)).toEqual([undefined, '2', '3']);
});

test('Max Records bounds the requests and the state', async () => {
	emulator.seedBulk('payments', 298); // 300
	const tw = trigger({ resource: 'payments', options: { maxRecords: 150 } });
	await runPoll(tw);
	expect(requestsTo(emulator, 'GET', '/payments')).toHaveLength(2);
	expect(Object.keys(fingerprintsOf(tw))).toHaveLength(150);
	const added = emulator.add('payments', { amount: '10.00' });
	expect(summary(await runPoll(tw))).toEqual([`newRecord:${added.id}`]);
});

test('Emit Existing emits every record on the first poll, then only what is new', async () => {
	const tw = trigger({ resource: 'payouts', options: { emitExisting: true } });
	expect(summary(await runPoll(tw))).toEqual(emulator.list('payouts').map((p) => `newRecord:${p.id}`).sort());
	expect((await runPoll(tw)).response).toBeNull();
});

test('manual "Fetch Test Event" returns one sample with one small request and leaves the state alone', async () => {
	const tw = trigger();
	await runPoll(tw);
	const before = JSON.stringify(tw.workflow.staticData);
	const added = emulator.add('invoices', { concept: 'Sampled', project_id: emulator.list('projects')[0].id });
	emulator.clearLog();
	const manual = await runPoll(tw, { mode: 'manual' });
	expect(manual.items).toEqual([expect.objectContaining({ event: 'newRecord', id: added.id })]);
	expect(requestsTo(emulator, 'GET', '/invoices').map((r) => r.query.limit)).toEqual(['1']);
	expect(JSON.stringify(tw.workflow.staticData)).toBe(before);
	// The sampled record is still new for the real poll.
	expect(summary(await runPoll(tw))).toEqual([`newRecord:${added.id}`]);
});

test('a 500 during a poll throws and leaves the state unchanged; the next poll emits correctly', async () => {
	emulator.seedBulk('invoices', 147); // 150: two pages
	const tw = trigger();
	await runPoll(tw);
	const before = JSON.stringify(tw.workflow.staticData);
	expect(Object.keys(fingerprintsOf(tw))).toHaveLength(150);
	const added = emulator.add('invoices', { concept: 'During the outage', project_id: emulator.list('projects')[0].id });
	// The first page (with the new invoice) answers; the second keeps failing, through every retry.
	emulator.fault('GET /invoices', { status: 500, after: 1, times: Infinity });
	await expect(runPoll(tw)).rejects.toThrow(/500|went wrong|internal/i);
	expect(JSON.stringify(tw.workflow.staticData)).toBe(before);
	expect(tw.executions.filter((e) => e.data)).toHaveLength(0);

	emulator.clearFaults();
	expect(summary(await runPoll(tw))).toEqual([`newRecord:${added.id}`]);
	expect((await runPoll(tw)).response).toBeNull();
});

test('the notice tells what a poll costs and how to pick the interval', () => {
	const notice = new WorksibleTrigger().description.properties.find((p) => p.type === 'notice');
	expect(notice.displayName).toMatch(/ceil\(N \/ 100\) requests/);
	expect(notice.displayName).toMatch(/rate limit/);
	expect(notice.displayName).toMatch(/every 5 minutes/);
});
