'use strict';
/** Tests of the WeWorked emulator itself, using Node 20's global fetch. */
const { startWeWorkedEmulator, constants } = require('./weworked');

const TODAY = '2025-03-12'; // a Wednesday

async function call(emulator, path, { query, headers } = {}) {
	const url = new URL(emulator.baseUrl + path);
	for (const [key, value] of Object.entries(query || {})) url.searchParams.append(key, String(value));
	const response = await fetch(url, { headers: headers === undefined ? emulator.authHeaders() : headers });
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const reportQuery = (overrides = {}) => ({
	fromdate: '2025-02-17',
	todate: TODAY,
	projects: 'all',
	showzeros: 0,
	taskstatus: 'all',
	timestatus: 'all',
	users: 'all',
	...overrides,
});

describe('WeWorked emulator', () => {
	let emulator;
	beforeAll(async () => {
		emulator = await startWeWorkedEmulator({ today: TODAY, rateLimit: { limit: 10000 } });
	});
	afterAll(() => emulator.close());
	beforeEach(() => {
		emulator.clearLog();
		emulator.clearFaults();
	});

	test('auth: both headers required, key must exist, x-ww-user must be an active admin -> 401 {message}', async () => {
		const missing = await call(emulator, '/v1/clients', { headers: {} });
		expect(missing.status).toBe(401);
		expect(Object.keys(missing.body)).toEqual(['message']);
		expect((await call(emulator, '/v1/clients', { headers: { 'x-api-key': emulator.apiKey } })).status).toBe(401);
		expect((await call(emulator, '/v1/clients', { headers: emulator.authHeaders({ key: 'wrong' }) })).status).toBe(401);
		for (const email of [emulator.emails.nonAdmin, emulator.emails.disabledAdmin, emulator.emails.pending, 'nobody@example.com']) {
			expect((await call(emulator, '/v1/clients', { headers: emulator.authHeaders({ email }) })).status).toBe(401);
		}
		const ok = await call(emulator, '/v1/clients', { headers: emulator.authHeaders({ email: emulator.adminEmail.toUpperCase() }) });
		expect(ok.status).toBe(200);
		expect((await call(emulator, '/v1/clients', { headers: emulator.authHeaders({ email: emulator.emails.secondAdmin }) })).status).toBe(200);
		// no rate-limit headers are documented, none are sent on success
		expect(ok.headers.get('x-ratelimit-limit')).toBeNull();
		expect(emulator.findRequests('GET /v1/clients').map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401, 401, 200, 200]);
	});

	test('grouped lists: users {Active, Pending, Disabled}, projects [{Active, Archived, Leave}] with exact field names', async () => {
		const users = await call(emulator, '/v1/users');
		expect(users.status).toBe(200);
		expect(Array.isArray(users.body)).toBe(false);
		expect(Object.keys(users.body)).toEqual(['Active', 'Pending', 'Disabled']);
		for (const group of Object.values(users.body)) for (const user of group) expect(Object.keys(user)).toEqual(constants.USER_LIST_FIELDS);
		expect(users.body.Pending.map((u) => u.userId)).toEqual(['70244', '70245']);
		expect(users.body.Disabled.every((u) => u.isActive === '0')).toBe(true);
		expect(users.body.Active[0]).toMatchObject({ lastName: 'Becker', country: 'US', isAdmin: '0', hourlyRate: '40.00', payType: 'H' });
		expect(users.body.Pending.find((u) => u.userId === '70244').hireDate).toMatch(/^\d{4}-\d{1,2}-\d{1,2}$/);

		const projects = await call(emulator, '/projects'); // the unversioned form is accepted too
		expect(projects.status).toBe(200);
		expect(projects.body).toHaveLength(1);
		expect(Object.keys(projects.body[0])).toEqual(['Active', 'Archived', 'Leave']);
		const { Active, Archived, Leave } = projects.body[0];
		expect(Active.map((p) => p.ProjectName)).toEqual(['Cafe Terrace', 'General Store', 'Landscape Design', 'Salon Rebuild']);
		expect(Archived.every((p) => p.IsActive === '0')).toBe(true);
		expect(Leave).toEqual([expect.objectContaining({ ProjectName: 'Leave', IsSysProject: '1', InvoiceMethodId: null })]);
		expect(Object.keys(Active[0])).toEqual(constants.PROJECT_LIST_FIELDS);

		const detail = await call(emulator, `/v1/projects/${Active[1].ProjectId}`);
		expect(Object.keys(detail.body)).toEqual([
			'clientId', 'clientName', 'projectId', 'projectName', 'projectCode', 'overview', 'createdBy', 'companyId', 'isBillable',
			'budgetedCost', 'budgetedHours', 'invoiceMethod', 'invoiceMethodName', 'projectRate', 'isSystemProject', 'peopleAssigned', 'tasks',
		]);
		expect(detail.body).toMatchObject({ invoiceMethod: '1', invoiceMethodName: 'Task Hourly Rate', clientName: 'Smithfield Supplies' });
		expect(Object.keys(detail.body.tasks[0])).toEqual(constants.TASK_FIELDS);
		expect(Object.keys(detail.body.peopleAssigned[0])).toEqual(['userId', 'email', 'firstName', 'lastName', 'title', 'isActive']);

		const user = await call(emulator, '/v1/users/501');
		expect(user.body).toMatchObject({ userId: '501', country: 'United States', approvesFor: 'Everyone', companyId: '416' });
		expect(user.body.projectsAssigned[0]).toEqual({ ProjectId: expect.any(String), ProjectName: expect.any(String) });
	});

	test('the other endpoints: bare JSON, string scalars, 404 for unknown ids', async () => {
		const clients = await call(emulator, '/v1/clients');
		expect(clients.body.map((c) => c.name)).toEqual([...clients.body.map((c) => c.name)].sort());
		expect(Object.keys(clients.body[0])).toEqual(constants.CLIENT_FIELDS);
		expect((await call(emulator, `/v1/clients/${clients.body[0].clientId}`)).body).toEqual(clients.body[0]);

		const invoices = await call(emulator, '/v1/invoices');
		expect(invoices.body.map((i) => i.invoiceDate)).toEqual([...invoices.body.map((i) => i.invoiceDate)].sort().reverse());
		expect(Object.keys(invoices.body[0])).toEqual(constants.INVOICE_FIELDS);
		expect(Object.keys(invoices.body[0].lineItems[0])).toEqual(constants.LINE_ITEM_FIELDS);
		const salon = invoices.body.find((i) => i.tax === '10');
		expect(salon).toMatchObject({ subTotal: '4895.20', discountAmount: '244.76', taxAmount: '465.04', amountDue: '5115.48' });
		expect(salon.lineItems[0].total).toBe('3600.0000');
		expect((await call(emulator, `/v1/invoices/${salon.invoiceId}`)).body).toEqual(salon);

		const expense = await call(emulator, '/v1/expenses/57871');
		expect(Object.keys(expense.body)).toEqual(constants.EXPENSE_FIELDS);
		expect(expense.body).toMatchObject({ statusId: '1', statusName: 'Pending', amount: '50.00', expenseCategoryName: 'Meals' });

		const daily = await call(emulator, '/v1/timesheets/daily', { query: { userid: '70243', date: TODAY } });
		expect(Object.keys(daily.body)).toEqual(['specificDate', 'totalHours', 'status', 'tasks', 'clockInOut']);
		expect(daily.body).toMatchObject({ specificDate: TODAY, totalHours: '8.00', status: 'Not Submitted' });
		expect(daily.body.clockInOut.clockactions[1]).toMatchObject({ clockOut: null, clockInFormatted: '12:30 PM', sumHours: '0.00' });
		const weekly = await call(emulator, '/v1/timesheets/weekly', { query: { userid: '70240', date: '2025-03-05' } });
		expect(weekly.body).toMatchObject({ startDate: '2025-03-03', endDate: '2025-03-09', totalHours: '40.00', status: 'Approved', comments: [] });
		expect(weekly.body.days).toHaveLength(7);

		const summary = await call(emulator, '/v1/reports/summary', { query: reportQuery() });
		expect(Object.keys(summary.body[0])).toEqual(['firstName', 'lastName', 'userId', 'internalId', 'Rows']);
		const leaveRow = summary.body.flatMap((u) => u.Rows).find((row) => row.project === 'Leave');
		expect(leaveRow).toMatchObject({ rate: 0, total: 0, invoiceMethodId: null, invoiceMethodName: null });
		const detailed = await call(emulator, '/v1/reports/detailed', { query: reportQuery({ users: '70240', timestatus: 'approved' }) });
		expect(Object.keys(detailed.body[0])).toEqual(['userId', 'internalId', 'firstName', 'lastName', 'date', 'project', 'projectId', 'taskId', 'task', 'taskCode', 'billable', 'hours', 'comments']);
		expect(detailed.body.every((line) => line.userId === '70240')).toBe(true);

		for (const path of ['/v1/clients/1', '/v1/expenses/1', '/v1/invoices/1', '/v1/projects/1', '/v1/users/1']) {
			const missing = await call(emulator, path);
			expect([path, missing.status, Object.keys(missing.body)]).toEqual([path, 404, ['message']]);
		}
		expect((await call(emulator, '/v1/timesheets/daily', { query: { userid: '999', date: TODAY } })).status).toBe(404);
	});

	test('expenses: status is required and filters by status name', async () => {
		const missing = await call(emulator, '/v1/expenses');
		expect(missing.status).toBe(400);
		expect(missing.body.message).toMatch(/status/);
		expect((await call(emulator, '/v1/expenses', { query: { status: 'rejected' } })).status).toBe(400);
		const all = await call(emulator, '/v1/expenses', { query: { status: 'all' } });
		expect(new Set(all.body.map((e) => e.statusName))).toEqual(new Set(['Pending', 'Approved', 'Invoiced']));
		for (const status of ['pending', 'approved', 'invoiced']) {
			const { body } = await call(emulator, '/v1/expenses', { query: { status } });
			expect(body.length).toBeGreaterThan(0);
			expect(body.every((e) => e.statusName.toLowerCase() === status)).toBe(true);
		}
	});

	test('date and filter validation -> 400', async () => {
		const missing = await call(emulator, '/v1/reports/summary', { query: { fromdate: '2025-03-01' } });
		expect(missing.status).toBe(400);
		expect(missing.body.message).toMatch(/todate, projects, showzeros, taskstatus, timestatus, users/);
		for (const overrides of [{ fromdate: '03/01/2025' }, { todate: '2025-02-30' }, { fromdate: '2025-3-1' }, { fromdate: '2025-03-13', todate: '2025-03-12' }, { showzeros: 'yes' }, { taskstatus: 'done' }, { projects: 'some' }]) {
			const answer = await call(emulator, '/v1/reports/detailed', { query: reportQuery(overrides) });
			expect([overrides, answer.status]).toEqual([overrides, 400]);
		}
		expect((await call(emulator, '/v1/timesheets/daily', { query: { userid: '70240', date: '03/05/2025' } })).status).toBe(400);
		expect((await call(emulator, '/v1/timesheets/weekly', { query: { userid: '70240' } })).status).toBe(400);
		expect((await call(emulator, '/v1/timesheets/weekly', { query: { userid: 'abc', date: TODAY } })).status).toBe(400);
	});

	test('mutations between calls are visible', async () => {
		const client = emulator.addClient({ name: 'Aardvark Gardens', country: 'US' });
		let clients = (await call(emulator, '/v1/clients')).body;
		expect(clients[0]).toMatchObject({ clientId: client.clientId, name: 'Aardvark Gardens', isActive: '1' });
		emulator.updateClient(client.clientId, { isActive: false });
		expect((await call(emulator, `/v1/clients/${client.clientId}`)).body.isActive).toBe('0');
		emulator.removeClient(client.clientId);
		clients = (await call(emulator, '/v1/clients')).body;
		expect(clients.some((c) => c.clientId === client.clientId)).toBe(false);

		const user = emulator.addUser({ firstName: 'Zed', lastName: 'Zimmer', email: 'zed@example.com', status: 'Pending' });
		expect((await call(emulator, '/v1/users')).body.Pending.map((u) => u.userId)).toContain(user.userId);
		emulator.updateUser(user.userId, { status: 'Active' });
		expect((await call(emulator, '/v1/users')).body.Active.map((u) => u.userId)).toContain(user.userId);
		emulator.updateUser(user.userId, { isActive: '0' });
		expect((await call(emulator, '/v1/users')).body.Disabled.map((u) => u.userId)).toContain(user.userId);

		emulator.updateProject('124733', { isActive: '0' });
		expect((await call(emulator, '/v1/projects')).body[0].Archived.map((p) => p.ProjectId)).toContain('124733');
		emulator.updateProject('124733', { isActive: '1' });

		emulator.updateExpense('57871', { statusName: 'approved' });
		expect((await call(emulator, '/v1/expenses/57871')).body).toMatchObject({ statusId: '2', statusName: 'Approved' });
		emulator.mutate('invoices', 'update', '631', { isPaid: true });
		expect((await call(emulator, '/v1/invoices/631')).body.isPaid).toBe('1');

		const entry = emulator.addTimeEntry({ userId: '70240', specificDate: TODAY, projectTaskId: '841427', hours: 1.5, comment: 'Late call' });
		const day = (await call(emulator, '/v1/timesheets/daily', { query: { userid: '70240', date: TODAY } })).body;
		expect(day.tasks.map((t) => t.hrsWorkedId)).toContain(entry.hrsWorkedId);
		expect(day.totalHours).toBe('9.50');
		const lines = (await call(emulator, '/v1/reports/detailed', { query: reportQuery({ fromdate: TODAY, users: '70240' }) })).body;
		expect(lines.find((line) => line.comments === 'Late call')).toMatchObject({ hours: '1.50', taskId: '841427', date: TODAY });
		emulator.approveTimesheet('70240', TODAY);
		expect((await call(emulator, '/v1/timesheets/weekly', { query: { userid: '70240', date: TODAY } })).body.status).toBe('Approved');
		emulator.removeTimeEntry(entry.hrsWorkedId);
	});

	test('faults from the framework apply', async () => {
		emulator.fault('GET /v1/clients', { status: 503 });
		expect((await call(emulator, '/v1/clients')).status).toBe(503);
		expect((await call(emulator, '/v1/clients')).status).toBe(200);
	});

	test('seedBulk: 10,000 records served without pagination', async () => {
		const before = emulator.state.expenses.length;
		const created = emulator.seedBulk('expenses', 10000);
		expect(created).toHaveLength(10000);
		expect(new Set(created.map((e) => e.expenseId)).size).toBe(10000);
		const { status, body } = await call(emulator, '/v1/expenses', { query: { status: 'all' } });
		expect(status).toBe(200);
		expect(body).toHaveLength(before + 10000);
		expect(Object.keys(body[0])).toEqual(constants.EXPENSE_FIELDS);
		for (const kind of ['clients', 'users', 'projects', 'tasks', 'invoices', 'timeEntries']) expect(emulator.seedBulk(kind, 3)).toHaveLength(3);
	});
});

describe('WeWorked emulator rate limit and options', () => {
	let emulator;
	beforeAll(async () => {
		emulator = await startWeWorkedEmulator({ today: TODAY, rateLimit: { limit: 3, windowMs: 1000 }, requireExpenseStatus: false });
	});
	afterAll(() => emulator.close());

	test('defaults to 200 calls per 5 minutes', async () => {
		const fresh = await startWeWorkedEmulator({ seed: false });
		try {
			expect(fresh.rateLimit).toMatchObject({ limit: 200, windowMs: 300000, status: 429 });
			expect(fresh.state.users).toHaveLength(1);
		} finally {
			await fresh.close();
		}
	});

	test('429 + Retry-After over the limit, per API key, window slides', async () => {
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push(await call(emulator, '/v1/clients'));
		expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
		const refused = statuses[3];
		expect(refused.body).toEqual({ message: 'Too Many Requests' });
		expect(refused.headers.get('retry-after')).toBe('1');
		expect(refused.headers.get('x-ratelimit-remaining')).toBeNull();
		// unauthenticated calls are refused before counting
		expect((await call(emulator, '/v1/clients', { headers: {} })).status).toBe(401);
		emulator.addApiKey('second-key');
		expect((await call(emulator, '/v1/clients', { headers: emulator.authHeaders({ key: 'second-key' }) })).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 1100));
		expect((await call(emulator, '/v1/clients')).status).toBe(200);
	});

	test('requireExpenseStatus: false treats a missing status as all', async () => {
		emulator.resetRateLimit();
		const { status, body } = await call(emulator, '/v1/expenses');
		expect(status).toBe(200);
		expect(body).toHaveLength(emulator.state.expenses.length);
	});
});
