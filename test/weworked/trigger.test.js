/**
 * WeWorked Trigger over several polls as n8n drives it: additions, changes and deletions are each
 * emitted once (or not at all for deletions), state stays bounded, manual runs leave it alone.
 */
const { createTriggerWorkflow, runPoll } = require('../harness/triggers');
const { startWeWorkedEmulator, weWorkedCredentials, requestsTo } = require('./helpers');

let emulator;
beforeEach(async () => {
	emulator = await startWeWorkedEmulator({ today: new Date().toISOString().slice(0, 10) });
});
afterEach(async () => {
	await emulator.close();
});

function weWorkedTrigger(events, options = {}) {
	return createTriggerWorkflow({
		workflowId: 'wf-weworked',
		node: { type: 'weWorkedTrigger', name: 'WeWorked Trigger', parameters: { events, options } },
		credentials: weWorkedCredentials(emulator),
	});
}

const ID_FIELD = { Client: 'clientId', Invoice: 'invoiceId', Expense: 'expenseId', User: 'userId', Project: 'projectId' };
const summary = (poll) => poll.items.map((item) => `${item.event}:${item[ID_FIELD[item.event.replace(/^(new|changed)/, '')]]}`);

for (const durableCursors of [false, true]) {
	test(`new and changed records are emitted once each; deletions emit nothing (${durableCursors ? 'durable cursors' : 'static data'})`, async () => {
		const tw = weWorkedTrigger(['newClient', 'changedClient', 'newInvoice', 'changedInvoice', 'changedExpense']);
		expect((await runPoll(tw, { durableCursors })).response).toBeNull(); // first activation: no history

		const client = emulator.addClient({ name: 'Fresh Start Ltd' });
		const invoice = emulator.state.invoices[0];
		emulator.updateInvoice(invoice.invoiceId, { isPaid: invoice.isPaid === '1' ? false : true });
		const poll2 = await runPoll(tw, { durableCursors });
		expect(summary(poll2).sort()).toEqual([`changedInvoice:${Number(invoice.invoiceId)}`, `newClient:${Number(client.clientId)}`].sort());

		emulator.updateClient(client.clientId, { contact: 'Jane Changed' });
		const expense = emulator.state.expenses.find((e) => e.statusName === 'Pending');
		emulator.updateExpense(expense.expenseId, { statusName: 'Approved' });
		emulator.removeClient(emulator.state.clients.find((c) => c.clientId !== client.clientId).clientId);
		const poll3 = await runPoll(tw, { durableCursors });
		expect(summary(poll3).sort()).toEqual([`changedClient:${Number(client.clientId)}`, `changedExpense:${Number(expense.expenseId)}`].sort());
		expect(poll3.items.find((i) => i.event === 'changedExpense').statusName).toBe('Approved');

		expect((await runPoll(tw, { durableCursors })).response).toBeNull();
	});
}

test('new time on the detailed report: composite keys, each line once, edits not repeated', async () => {
	const tw = weWorkedTrigger(['newTime'], { timeWindowDays: 7 });
	await runPoll(tw);
	const today = emulator.state.calendar.today;
	const user = emulator.state.users.find((u) => u.userId === '70240');
	const task = emulator.state.tasks.find((t) => t.isLeaveField !== '1' && t.isActive === '1');
	emulator.addTimeEntry({ userId: user.userId, projectTaskId: task.projectTaskId, specificDate: today, hours: 1.5, comment: 'first' });
	emulator.addTimeEntry({ userId: user.userId, projectTaskId: task.projectTaskId, specificDate: today, hours: 0.5, comment: 'second on the same task' });
	const poll = await runPoll(tw);
	expect(poll.items).toHaveLength(2);
	expect(poll.items.every((i) => i.event === 'newTime' && i.date === today)).toBe(true);
	const query = requestsTo(emulator, 'GET', '/v1/reports/detailed').pop().query;
	expect(query).toMatchObject({ projects: 'all', users: 'all', showzeros: '0', taskstatus: 'all', timestatus: 'all' });
	expect((await runPoll(tw)).response).toBeNull();
});

test('each watched list costs one call per poll, however many events read it', async () => {
	const tw = weWorkedTrigger(['newClient', 'changedClient', 'newUser', 'changedUser', 'newInvoice']);
	await runPoll(tw);
	emulator.clearLog();
	await runPoll(tw);
	expect(emulator.requests.map((r) => r.path).sort()).toEqual(['/v1/clients', '/v1/invoices', '/v1/users']);
});

test('a user moving from Pending to Active is a change', async () => {
	const tw = weWorkedTrigger(['changedUser']);
	await runPoll(tw);
	const pending = emulator.state.users.find((u) => u.userId === '70245');
	emulator.updateUser(pending.userId, { status: 'Active' });
	const poll = await runPoll(tw);
	expect(poll.items).toEqual([expect.objectContaining({ event: 'changedUser', userId: 70245, status: 'Active' })]);
});

test('manual "Fetch Test Event" returns a sample and leaves the state alone', async () => {
	const tw = weWorkedTrigger(['newClient']);
	await runPoll(tw);
	const client = emulator.addClient({ name: 'Sampled Co' });
	const manual = await runPoll(tw, { mode: 'manual' });
	expect(manual.items).toHaveLength(1);
	const next = await runPoll(tw);
	expect(summary(next)).toEqual([`newClient:${Number(client.clientId)}`]);
});

test('an API failure throws and the next poll still emits what is new', async () => {
	const tw = weWorkedTrigger(['newInvoice']);
	await runPoll(tw);
	const invoice = emulator.addInvoice({ subject: 'Late invoice' });
	emulator.fault({ match: 'GET /v1/invoices', status: 503, times: Infinity });
	await expect(runPoll(tw)).rejects.toThrow();
	emulator.clearFaults();
	expect(summary(await runPoll(tw))).toEqual([`newInvoice:${Number(invoice.invoiceId)}`]);
});

test('state stays bounded with 10,000 records: a compact fingerprint per id, one change found', async () => {
	emulator.seedBulk('expenses', 10000);
	const tw = weWorkedTrigger(['newExpense', 'changedExpense']);
	await runPoll(tw);
	const records = emulator.state.expenses.length;
	expect(records).toBeGreaterThanOrEqual(10000);
	const target = emulator.state.expenses[5000];
	emulator.updateExpense(target.expenseId, { amount: 1234.5 });
	emulator.removeExpense(emulator.state.expenses[10].expenseId);
	const poll = await runPoll(tw);
	expect(summary(poll)).toEqual([`changedExpense:${Number(target.expenseId)}`]);
	// n8n saved the state with that execution: a compact fingerprint per record, nothing more
	const size = Buffer.byteLength(JSON.stringify(tw.staticData));
	expect(size / records).toBeLessThan(30);
	const added = emulator.addExpense({ amount: 10 });
	expect(summary(await runPoll(tw))).toEqual([`newExpense:${Number(added.expenseId)}`]);
	expect(Buffer.byteLength(JSON.stringify(tw.staticData))).toBeLessThan(size + 40);
});

test('changing the time window or status starts afresh without emitting old lines as new', async () => {
	const week = weWorkedTrigger(['newTime'], { timeWindowDays: 7 });
	await runPoll(week);
	const month = createTriggerWorkflow({
		workflowId: 'wf-weworked',
		staticData: week.staticData,
		node: { type: 'weWorkedTrigger', name: 'WeWorked Trigger', parameters: { events: ['newTime'], options: { timeWindowDays: 30 } } },
		credentials: weWorkedCredentials(emulator),
	});
	expect((await runPoll(month)).response).toBeNull();
});

test('a 429 without Retry-After is waited out, not failed', async () => {
	const tw = weWorkedTrigger(['newClient']);
	await runPoll(tw);
	emulator.fault({ match: 'GET /v1/clients', status: 429, times: 2 });
	const client = emulator.addClient({ name: 'Patient Co' });
	expect(summary(await runPoll(tw))).toEqual([`newClient:${Number(client.clientId)}`]);
});

test('watching the approved list: an expense that becomes approved is a new expense there, once', async () => {
	const tw = weWorkedTrigger(['newExpense'], { expenseStatus: 'approved' });
	await runPoll(tw);
	const expense = emulator.state.expenses.find((e) => e.statusName === 'Pending');
	emulator.updateExpense(expense.expenseId, { statusName: 'Approved' });
	expect(summary(await runPoll(tw))).toEqual([`newExpense:${Number(expense.expenseId)}`]);
	expect(requestsTo(emulator, 'GET', '/v1/expenses').pop().query.status).toBe('approved');
	expect((await runPoll(tw)).response).toBeNull();
});
