/**
 * WebWork Approvals Trigger over several polls, driven the way n8n's poller does (with and without
 * durable poll cursors), against the emulator's approval queues.
 */
const { createTriggerWorkflow, runPoll, runOverlappingPolls } = require('../harness/triggers');
const { startWebWorkEmulator, byId, tokenCredentials, requestsTo } = require('./helpers');

const WS = 101;
let emulator;
beforeEach(async () => {
	emulator = await startWebWorkEmulator();
});
afterEach(async () => {
	await emulator.close();
});

function approvals({ events = ['timeRequestPending', 'timesheetSubmitted', 'leaveRequested', 'expenseSubmitted'], options = {}, tw } = {}) {
	return createTriggerWorkflow({
		workflowId: tw?.id ?? 'wf-approvals',
		staticData: tw?.staticData,
		cursors: tw?.cursors,
		node: {
			type: 'webWorkApprovalsTrigger',
			name: 'Approvals',
			parameters: { authentication: 'accessToken', workspaceId: byId(WS), events, options },
		},
		credentials: tokenCredentials(emulator),
	});
}

const ids = (poll) => poll.items.map((item) => `${item.event}:${item.id}`);

for (const durableCursors of [false, true]) {
	describe(durableCursors ? 'with durable poll cursors' : 'with static data cursors', () => {
		test('first poll does not dump history; each later item is emitted exactly once over several polls', async () => {
			const tw = approvals();
			const first = await runPoll(tw, { durableCursors });
			expect(first.response).toBeNull();

			const emittedAll = [];
			const r1 = emulator.addTimeRequest({ user_id: 5 });
			const s1 = emulator.addTimesheet({ user_id: 6, status: 'submitted' });
			const poll2 = await runPoll(tw, { durableCursors });
			emittedAll.push(...ids(poll2));
			expect(ids(poll2).sort()).toEqual([`timeRequestPending:${r1.id}`, `timesheetSubmitted:${s1.id}`].sort());

			const l1 = emulator.addLeave({ user_id: 7 });
			const e1 = emulator.addExpense({ user_id: 5 });
			const poll3 = await runPoll(tw, { durableCursors });
			emittedAll.push(...ids(poll3));
			expect(ids(poll3).sort()).toEqual([`leaveRequested:${l1.id}`, `expenseSubmitted:${e1.id}`].sort());

			const poll4 = await runPoll(tw, { durableCursors });
			expect(poll4.response).toBeNull();

			// decided items leave the queue; a new one still comes through once
			emulator.state.timeRequests.find((r) => r.id === r1.id).status = 'approved';
			const r2 = emulator.addTimeRequest({ user_id: 6 });
			const poll5 = await runPoll(tw, { durableCursors });
			emittedAll.push(...ids(poll5));
			expect(ids(poll5)).toEqual([`timeRequestPending:${r2.id}`]);
			expect(new Set(emittedAll).size).toBe(emittedAll.length);
		});

		test('a large backlog drains over several bounded polls, each item once', async () => {
			const tw = approvals({ events: ['timesheetSubmitted'], options: { emitExisting: true, maxPagesPerPoll: 1 } });
			for (let i = 0; i < 230; i++) emulator.addTimesheet({ user_id: 5, status: 'submitted', submitted_on: `2026-10-${String((i % 28) + 1).padStart(2, '0')}T10:00:${String(i % 60).padStart(2, '0')}.000000Z` });
			const pending = emulator.state.timesheets.filter((t) => t.workspace_id === WS && t.status === 'submitted').length;
			const seen = [];
			const callsPerPoll = [];
			for (let poll = 0; poll < 5; poll++) {
				emulator.clearLog();
				const result = await runPoll(tw, { durableCursors });
				callsPerPoll.push(requestsTo(emulator, 'GET', '/timesheets').length);
				seen.push(...ids(result));
			}
			expect(callsPerPoll.every((calls) => calls === 1)).toBe(true);
			expect(seen).toHaveLength(pending);
			expect(new Set(seen).size).toBe(pending);
		});

		test('an idle poll costs one request per selected event', async () => {
			const tw = approvals();
			await runPoll(tw, { durableCursors });
			emulator.clearLog();
			const idle = await runPoll(tw, { durableCursors });
			expect(idle.response).toBeNull();
			expect(emulator.requests).toHaveLength(4);
		});

		test('an API failure throws and leaves the cursor where it was; nothing is lost afterwards', async () => {
			const tw = approvals({ events: ['leaveRequested'] });
			await runPoll(tw, { durableCursors });
			const leave = emulator.addLeave({ user_id: 5 });
			emulator.fault({ match: 'GET /leaves', status: 500, times: Infinity });
			await expect(runPoll(tw, { durableCursors })).rejects.toThrow();
			emulator.clearFaults();
			const recovered = await runPoll(tw, { durableCursors });
			expect(ids(recovered)).toEqual([`leaveRequested:${leave.id}`]);
		});

		test('a restart keeps the cursor: nothing is re-emitted', async () => {
			const tw = approvals({ events: ['leaveRequested'] });
			await runPoll(tw, { durableCursors, activationPoll: true }); // as n8n activates (and then saves)
			// n8n commits nothing from the activation poll with durable cursors: the first scheduled poll primes.
			if (durableCursors) await runPoll(tw, { durableCursors });
			const leave = emulator.addLeave({ user_id: 5 });
			expect(ids(await runPoll(tw, { durableCursors }))).toEqual([`leaveRequested:${leave.id}`]);
			const second = emulator.addLeave({ user_id: 6 });
			expect(ids(await runPoll(tw, { durableCursors }))).toEqual([`leaveRequested:${second.id}`]);
			const restarted = approvals({ events: ['leaveRequested'], tw });
			// Without durable cursors n8n polls again at activation; with them the schedule just goes on.
			const after = await runPoll(restarted, { durableCursors, activationPoll: !durableCursors });
			expect(after.response).toBeNull();
		});
	});
}

test('manual "Fetch Test Event" returns a sample and does not move the cursor', async () => {
	const tw = approvals({ events: ['timesheetSubmitted'] });
	await runPoll(tw);
	const sheet = emulator.addTimesheet({ user_id: 6, status: 'submitted' });
	const manual = await runPoll(tw, { mode: 'manual' });
	expect(manual.items).toHaveLength(1);
	const next = await runPoll(tw);
	expect(ids(next)).toEqual([`timesheetSubmitted:${sheet.id}`]);
});

test('two overlapping polls never emit the same item twice', async () => {
	const tw = approvals({ events: ['timeRequestPending'] });
	await runPoll(tw);
	const request = emulator.addTimeRequest({ user_id: 5 });
	emulator.fault({ match: 'GET /time-requests', delayMs: 150, times: 1 }); // the first poll is slow
	const results = await runOverlappingPolls(tw, 2);
	const emitted = results.flatMap((r) => (r.items ? ids(r) : []));
	expect(emitted).toEqual([`timeRequestPending:${request.id}`]);
});

test('items arriving while a poll is in flight are emitted by the next poll', async () => {
	const tw = approvals({ events: ['leaveRequested'] });
	await runPoll(tw);
	emulator.fault({ match: 'GET /leaves', delayMs: 200, times: 1 });
	const inFlight = runPoll(tw);
	await new Promise((resolve) => setTimeout(resolve, 50));
	const late = emulator.addLeave({ user_id: 6 });
	const during = await inFlight;
	const next = await runPoll(tw);
	const all = [...ids(during), ...ids(next)];
	expect(all).toEqual([`leaveRequested:${late.id}`]);
});

test("the API's clock does not matter: items stamped hours ahead or behind n8n are emitted once", async () => {
	const tw = approvals({ events: ['timeRequestPending'] });
	await runPoll(tw);
	const ahead = emulator.addTimeRequest({ user_id: 5, created_at: new Date(Date.now() + 5 * 3600e3).toISOString() });
	const behind = emulator.addTimeRequest({ user_id: 6, created_at: new Date(Date.now() - 5 * 3600e3).toISOString() });
	const first = await runPoll(tw);
	expect(ids(first).sort()).toEqual([`timeRequestPending:${ahead.id}`, `timeRequestPending:${behind.id}`].sort());
	expect((await runPoll(tw)).response).toBeNull();
});

test('a re-submitted timesheet counts as a new submission', async () => {
	const tw = approvals({ events: ['timesheetSubmitted'] });
	await runPoll(tw);
	const sheet = emulator.addTimesheet({ user_id: 6, status: 'submitted', submitted_on: '2026-11-20T10:00:00.000000Z' });
	expect(ids(await runPoll(tw))).toEqual([`timesheetSubmitted:${sheet.id}`]);
	Object.assign(sheet, { status: 'rejected' });
	expect((await runPoll(tw)).response).toBeNull();
	Object.assign(sheet, { status: 'submitted', submitted_on: '2026-11-23T09:00:00.000000Z' });
	expect(ids(await runPoll(tw))).toEqual([`timesheetSubmitted:${sheet.id}`]);
});

test('the cursor stays small and plain JSON', async () => {
	const tw = approvals();
	await runPoll(tw);
	const data = JSON.stringify(tw.staticData);
	expect(JSON.parse(data)).toEqual(tw.staticData);
});

test('a record that moves to an already-read page during a scan is not emitted again', async () => {
	const tw = approvals({ events: ['timesheetSubmitted'], options: { maxPagesPerPoll: 1 } });
	for (let i = 0; i < 150; i++) emulator.addTimesheet({ user_id: 5, status: 'submitted' });
	const submitted = () => emulator.state.timesheets.filter((t) => t.workspace_id === WS && t.status === 'submitted');
	await runPoll(tw); // page 1
	await runPoll(tw); // page 2: primed
	const fresh = emulator.addTimesheet({ user_id: 6, status: 'submitted' });
	const emitted = [];
	emitted.push(...ids(await runPoll(tw))); // page 1 of a new scan
	submitted()[0].status = 'approved'; // everything shifts one place towards page 1
	for (let poll = 0; poll < 4; poll++) emitted.push(...ids(await runPoll(tw)));
	expect(emitted).toEqual([`timesheetSubmitted:${fresh.id}`]);
});

test('changing the workspace or look-back starts a fresh cursor without dumping the list', async () => {
	const tw = approvals({ events: ['timeRequestPending'] });
	await runPoll(tw);
	const wider = approvals({ events: ['timeRequestPending'], options: { lookbackDays: 365 }, tw });
	expect((await runPoll(wider)).response).toBeNull();
	const request = emulator.addTimeRequest({ user_id: 5 });
	expect(ids(await runPoll(wider))).toEqual([`timeRequestPending:${request.id}`]);
	expect(Object.keys(wider.workflow.staticData['node:Approvals'].cursors)).toEqual(['timeRequestPending:101:365d']);
});
