/**
 * Every operation of the WebWork node, run as a real workflow against the emulator. Each case gives the
 * node parameters and, where useful, checks the emulator's state or the output; every case also checks
 * that exactly the operation's route was called and answered with success.
 */
const { startWebWorkEmulator, byId, runWebWork, requestsTo } = require('./helpers');
const { WebWork } = require('../../dist/nodes/WebWork/WebWork.node');
const { webWorkResources } = require('../../dist/nodes/WebWork/resources');

const WS = 101;
const ws = { workspaceId: byId(WS) };
const find = (list, predicate) => {
	const found = list.find(predicate);
	if (!found) throw new Error('test fixture not found in emulator state');
	return found;
};
const memberIds = (state) => state.members.filter((m) => m.workspace_id === WS).map((m) => m.user_id ?? m.id);
const project101 = (state) => find(state.projects, (p) => p.workspace_id === WS);
const taskWithAssignee = (state) => find(state.tasks, (t) => t.workspace_id === WS && (t.assignee_ids ?? []).length > 0);
const viewer = (state) => find(state.members, (m) => m.workspace_id === WS && m.role === 'Project viewer');
const pending = (list) => find(list, (r) => r.workspace_id === WS && r.status === 'pending');

/** Starts a live tracker through the API itself, for the operations that need one running. */
async function startTracker(e) {
	const contract = find(e.state.contracts, (c) => c.workspace_id === WS && c.status === 'active');
	await fetch(`${e.baseUrl}/time-tracking/start`, {
		method: 'POST',
		headers: { authorization: `Bearer ${e.token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ workspace_id: WS, user_id: contract.user_id, contract_id: contract.id }),
	});
}

/** resource/operation → { params(state, calendar), check?(result, emulator, params) } */
const CASES = {
	'workspaces/getAll': {
		params: () => ({ returnAll: true }),
		check: (r) => expect(r.items.map((w) => w.id)).toEqual(expect.arrayContaining([101, 102])),
	},
	'members/getAll': {
		params: () => ({ ...ws, returnAll: true, filters: { status: 'active' } }),
		check: (r) => expect(r.items.length).toBeGreaterThan(3),
	},
	'members/invite': {
		params: () => ({ ...ws, email: 'nina.new@example.com', firstname: 'Nina', lastname: 'New', role: 'Regular User' }),
		check: (r, e) => {
			expect(r.items[0].invitation_link).toBeDefined();
			expect(e.state.users.some((u) => u.email === 'nina.new@example.com')).toBe(true);
		},
	},
	'members/get': {
		params: (s) => ({ ...ws, memberId: byId(memberIds(s)[0]) }),
		check: (r, e, p) => expect(r.items[0].id).toBe(Number(p.memberId.value)),
	},
	'members/update': {
		params: (s) => ({ ...ws, memberId: byId(memberIds(s)[2]), updateFields: { timezone: 'Europe/Berlin', weeklyHoursLimit: 32 } }),
		check: (r) => expect(r.items[0].success).toBe(true),
	},
	'members/delete': { params: (s) => ({ ...ws, memberId: byId(memberIds(s)[3]) }) },
	'projects/getAll': {
		params: () => ({ ...ws, returnAll: true, filters: { name: 'web' } }),
		check: (r) => expect(r.items.map((p) => p.name)).toEqual(['Website Redesign']),
	},
	'projects/create': {
		params: () => ({ ...ws, name: 'Brand Refresh', additionalFields: { startDate: '2026-01-05T00:00:00', estimation: 40, notes: 'From n8n' } }),
		check: (r, e) => {
			expect(r.items[0]).toMatchObject({ name: 'Brand Refresh', start_date: '2026-01-05' });
			expect(requestsTo(e, 'POST', '/projects')[0].body).toMatchObject({ name: 'Brand Refresh', start_date: '2026-01-05', estimation: 40 });
		},
	},
	'projects/get': { params: (s) => ({ ...ws, projectId: byId(project101(s).id) }) },
	'projects/update': {
		params: (s) => ({ ...ws, projectId: byId(project101(s).id), updateFields: { deadline: '2026-12-31' } }),
		check: (r, e, p) => expect(find(e.state.projects, (x) => x.id === Number(p.projectId.value)).deadline).toBe('2026-12-31'),
	},
	'projects/delete': { params: (s) => ({ ...ws, projectId: byId(project101(s).id) }) },
	'contracts/getAll': {
		params: () => ({ ...ws, returnAll: true, filters: { status: 'active' } }),
		check: (r) => expect(r.items.every((c) => c.status === 'active')).toBe(true),
	},
	'contracts/create': {
		params: (s) => {
			const project = s.projects.find((p) => p.workspace_id === WS && p.name === 'Marketing Campaign Q2');
			const taken = new Set(s.contracts.filter((c) => c.project_id === project.id).map((c) => c.user_id));
			const member = s.members.find((m) => m.workspace_id === WS && m.role !== 'Project viewer' && !taken.has(m.user_id ?? m.id));
			return { ...ws, projectId: byId(project.id), userId: byId(member.user_id ?? member.id), additionalFields: { weeklyHoursLimit: 20, screenshots: 'blurred' } };
		},
		check: (r) => expect(r.items[0]).toMatchObject({ weekly_hours_limit: 20 }),
	},
	'contracts/get': { params: (s) => ({ ...ws, contractId: byId(find(s.contracts, (c) => c.workspace_id === WS).id) }) },
	'contracts/update': {
		params: (s) => ({ ...ws, contractId: byId(find(s.contracts, (c) => c.workspace_id === WS).id), updateFields: { status: 'paused' } }),
		check: (r, e, p) => expect(find(e.state.contracts, (c) => c.id === Number(p.contractId.value)).status).toBe('paused'),
	},
	'contracts/delete': { params: (s) => ({ ...ws, contractId: byId(find(s.contracts, (c) => c.workspace_id === WS).id) }) },
	'tasks/getAll': {
		params: (s) => ({ ...ws, projectId: byId(project101(s).id), returnAll: true }),
		check: (r) => expect(r.items.length).toBeGreaterThan(0),
	},
	'tasks/create': {
		params: (s) => ({ ...ws, projectId: byId(project101(s).id), title: 'Write release notes', additionalFields: { priority: 20, assignees: `${memberIds(s)[0]}` } }),
		check: (r, e) => expect(requestsTo(e, 'POST', '/tasks')[0].body).toMatchObject({ title: 'Write release notes', priority: 20 }),
	},
	'tasks/get': { params: (s) => ({ ...ws, projectId: byId(taskWithAssignee(s).project_id), taskId: byId(taskWithAssignee(s).id) }) },
	'tasks/update': {
		params: (s) => ({ ...ws, projectId: byId(taskWithAssignee(s).project_id), taskId: byId(taskWithAssignee(s).id), updateFields: { status: 20 } }),
	},
	'tasks/delete': { params: (s) => ({ ...ws, projectId: byId(taskWithAssignee(s).project_id), taskId: byId(taskWithAssignee(s).id) }) },
	'tasks/assign': {
		params: (s) => {
			const task = taskWithAssignee(s);
			const contractUsers = s.contracts.filter((c) => c.project_id === task.project_id).map((c) => c.user_id);
			const user = contractUsers.find((id) => !task.assignee_ids.includes(id)) ?? contractUsers[0];
			return { ...ws, projectId: byId(task.project_id), taskId: byId(task.id), userId: byId(user) };
		},
	},
	'tasks/unassign': {
		params: (s) => ({ ...ws, projectId: byId(taskWithAssignee(s).project_id), taskId: byId(taskWithAssignee(s).id), userId: byId(taskWithAssignee(s).assignee_ids[0]) }),
	},
	'tasks/getAssignees': {
		params: (s) => ({ ...ws, projectId: byId(taskWithAssignee(s).project_id), taskId: byId(taskWithAssignee(s).id) }),
		check: (r) => expect(r.items[0].email).toMatch(/@/),
	},
	'projectViewers/getAll': { params: () => ({ ...ws, returnAll: true }), check: (r) => expect(r.items.length).toBeGreaterThan(0) },
	'projectViewers/create': { params: () => ({ ...ws, email: 'client.contact@example.org', firstname: 'Client', lastname: 'Contact' }) },
	'projectViewers/get': { params: (s) => ({ ...ws, viewerId: String(viewer(s).user_id ?? viewer(s).id) }) },
	'projectViewers/delete': { params: (s) => ({ ...ws, viewerId: String(viewer(s).user_id ?? viewer(s).id) }) },
	'projectViewers/restore': {
		setup: async (e) => {
			const v = viewer(e.state);
			await fetch(`${e.baseUrl}/project-viewers/${v.user_id ?? v.id}?workspace_id=${WS}`, { method: 'DELETE', headers: { authorization: `Bearer ${e.token}` } });
		},
		params: (s) => ({ ...ws, viewerId: String(viewer(s).user_id ?? viewer(s).id) }),
	},
	'projectViewers/assignProject': {
		params: (s) => ({ ...ws, viewerId: String(viewer(s).user_id ?? viewer(s).id), projectId: byId(find(s.projects, (p) => p.name === 'Internal Tools').id) }),
	},
	'projectViewers/unassignProject': {
		params: (s) => ({ ...ws, viewerId: String(viewer(s).user_id ?? viewer(s).id), projectId: byId(viewer(s).viewer_project_ids[0]) }),
	},
	'timesheets/getAll': {
		params: () => ({ ...ws, returnAll: true, filters: { status: 'submitted' } }),
		check: (r) => expect(r.items.every((t) => t.status === 'submitted')).toBe(true),
	},
	'timesheets/approve': {
		params: (s) => ({ ...ws, timesheetId: find(s.timesheets, (t) => t.workspace_id === WS && t.status === 'submitted').id }),
		check: (r, e, p) => expect(find(e.state.timesheets, (t) => t.id === p.timesheetId).status).toBe('approved'),
	},
	'timesheets/reject': {
		params: (s) => ({ ...ws, timesheetId: find(s.timesheets, (t) => t.workspace_id === WS && t.status === 'submitted').id, reason: 'Missing Friday' }),
		check: (r, e, p) => expect(find(e.state.timesheets, (t) => t.id === p.timesheetId).status).toBe('rejected'),
	},
	'timesheets/submit': { params: (s) => ({ ...ws, timesheetId: pending(s.timesheets).id }) },
	'timesheets/unsubmit': {
		params: (s) => ({ ...ws, timesheetId: find(s.timesheets, (t) => t.workspace_id === WS && t.status === 'submitted').id }),
	},
	'timeRequests/getAll': {
		params: (s) => ({ ...ws, dateFrom: s.calendar.previousWeekStart, dateTo: s.calendar.today, returnAll: true }),
		check: (r) => expect(r.items.length).toBeGreaterThan(0),
	},
	'timeRequests/create': {
		params: (s) => {
			const contract = find(s.contracts, (c) => c.workspace_id === WS && c.status === 'active');
			return {
				...ws,
				userId: byId(contract.user_id),
				start: `${s.calendar.previousWeekDays[0]}T18:00:00Z`,
				end: `${s.calendar.previousWeekDays[0]}T19:00:00Z`,
				additionalFields: { contractId: byId(contract.id), activityDescription: 'Forgot the tracker' },
			};
		},
		check: (r) => expect(r.items[0].status).toBeDefined(),
	},
	'timeRequests/approve': {
		params: (s) => ({ ...ws, timeRequestId: pending(s.timeRequests).id }),
		check: (r, e, p) => expect(find(e.state.timeRequests, (t) => t.id === p.timeRequestId).status).toBe('approved'),
	},
	'timeRequests/reject': { params: (s) => ({ ...ws, timeRequestId: pending(s.timeRequests).id, comment: 'Not billable' }) },
	'timeRequests/get': {
		params: (s) => ({ ...ws, id: pending(s.timeRequests).id }),
		check: (r, e, p) => expect(r.items[0].id).toBe(p.id),
	},
	'leaves/getAll': { params: () => ({ ...ws, returnAll: true, filters: { status: 'pending' } }), check: (r) => expect(r.items.length).toBeGreaterThan(0) },
	'leaves/create': {
		params: (s) => ({ ...ws, policyId: '11', userId: byId(memberIds(s)[0]), start: '2026-12-21', end: '2026-12-23', additionalFields: { reason: 'Holidays' } }),
	},
	'leaves/getBalances': {
		params: (s) => ({ ...ws, dateFrom: `${s.calendar.today.slice(0, 4)}-01-01`, dateTo: `${s.calendar.today.slice(0, 4)}-12-31`, returnAll: true }),
		check: (r) => expect(r.items[0].leave_information).toBeDefined(),
	},
	'leaves/getPolicies': { params: () => ({ ...ws }), check: (r) => expect(r.items.length).toBeGreaterThan(0) },
	'leaves/approve': {
		params: (s) => ({ ...ws, leaveId: pending(s.leaves).id }),
		check: (r, e, p) => expect(find(e.state.leaves, (l) => l.id === p.leaveId).status).toBe('approved'),
	},
	'leaves/reject': { params: (s) => ({ ...ws, leaveId: pending(s.leaves).id, reason: 'Busy week' }) },
	'expenses/getAll': { params: () => ({ ...ws, returnAll: true }), check: (r) => expect(r.items.length).toBeGreaterThan(0) },
	'expenses/create': {
		params: (s) => ({
			...ws,
			expenseName: 'Taxi to airport',
			date: '2026-11-20',
			amount: 42.5,
			categoryId: find(s.expenseCategories, (c) => c.workspace_id === WS).id,
			additionalFields: { isBillable: true },
		}),
		check: (r, e) => expect(requestsTo(e, 'POST', '/expenses')[0].body).toMatchObject({ expense_name: 'Taxi to airport', amount: 42.5, is_billable: true }),
	},
	'expenses/update': {
		params: (s) => ({ ...ws, expenseId: find(s.expenses, (x) => x.workspace_id === WS).id, updateFields: { amount: 99 } }),
	},
	'expenses/delete': { params: (s) => ({ ...ws, expenseId: find(s.expenses, (x) => x.workspace_id === WS).id }) },
	'expenses/getCategories': { params: () => ({ ...ws, returnAll: true }), check: (r) => expect(r.items.length).toBeGreaterThan(0) },
	'timeTracking/start': {
		params: (s) => {
			const contract = find(s.contracts, (c) => c.workspace_id === WS && c.status === 'active');
			return { ...ws, userId: byId(contract.user_id), additionalFields: { contractId: byId(contract.id), activityDescription: 'Started from n8n' } };
		},
		check: (r) => expect(r.items[0].start_time).toBeDefined(),
	},
	'timeTracking/stop': {
		setup: startTracker,
		params: (s) => ({ ...ws, userId: byId(find(s.contracts, (c) => c.workspace_id === WS && c.status === 'active').user_id) }),
	},
	'timeTracking/getCurrentData': {
		setup: startTracker,
		params: (s) => ({ ...ws, userId: byId(find(s.contracts, (c) => c.workspace_id === WS && c.status === 'active').user_id) }),
		check: (r) => expect(r.items[0].total_seconds).toBeDefined(),
	},
	'timeEntries/getAll': {
		params: (s) => {
			const entry = find(s.timeEntries, (t) => t.date === s.calendar.previousWeekDays[0]);
			return { ...ws, userId: byId(entry.user_id), date: `${entry.date}T00:00:00`, returnAll: true };
		},
		check: (r) => expect(r.items.length).toBeGreaterThan(0),
	},
	'timeEntries/create': {
		params: (s) => {
			const contract = find(s.contracts, (c) => c.workspace_id === WS && c.status === 'active');
			return { ...ws, userId: byId(contract.user_id), date: s.calendar.bulkDate, startTime: '09:00', endTime: '10:30', additionalFields: { contractId: byId(contract.id), notes: 'Manual from n8n' } };
		},
	},
	'timeEntries/update': {
		params: (s) => ({ ...ws, timeEntryId: s.timeEntries[0].id, updateFields: { notes: 'Corrected' } }),
	},
	'timeEntries/delete': { params: (s) => ({ ...ws, timeEntryId: s.timeEntries[0].id }) },
	'webhooks/getAll': { params: () => ({ ...ws, returnAll: true }), check: (r) => expect(r.items[0].token).toBeDefined() },
	'webhooks/create': {
		params: () => ({ ...ws, url: 'https://n8n.example.com/webhook/abc', events: ['tracker.started', 'project.created'] }),
		check: (r) => expect(r.items[0]).toMatchObject({ url: 'https://n8n.example.com/webhook/abc' }),
	},
	'webhooks/get': { params: (s) => ({ ...ws, webhookId: s.webhooks[0].id }) },
	'webhooks/update': {
		params: (s) => ({ ...ws, webhookId: s.webhooks[0].id, url: 'https://hooks.example.com/changed', updateFields: { events: ['member.invited'] } }),
		check: (r, e) => expect(e.state.webhooks[0].events).toEqual(['member.invited']),
	},
	'webhooks/delete': { params: (s) => ({ ...ws, webhookId: s.webhooks[0].id }), check: (r, e) => expect(e.state.webhooks).toHaveLength(0) },
	'reports/trackedHours': {
		params: (s) => ({ ...ws, filters: { startDate: s.calendar.previousWeekStart, endDate: s.calendar.previousWeekDays[4], users: '5, 6' } }),
		check: (r, e) => expect(requestsTo(e, 'GET', '/reports/tracked-hours')[0].query.users).toEqual(['5', '6']),
	},
	'reports/dailyTimeline': { params: (s) => ({ ...ws, date: s.calendar.previousWeekDays[0], returnAll: true }) },
	'reports/taskReport': { params: (s) => ({ ...ws, startDate: s.calendar.previousWeekStart, endDate: s.calendar.previousWeekDays[4], returnAll: true }) },
	'reports/activityLevel': { params: (s) => ({ ...ws, startDate: s.calendar.previousWeekStart, endDate: s.calendar.previousWeekDays[4], returnAll: true }) },
	'reports/dailyAttendance': { params: (s) => ({ ...ws, date: s.calendar.previousWeekDays[4], returnAll: true }) },
	'reports/activityDescriptions': { params: (s) => ({ ...ws, startDate: s.calendar.previousWeekStart, endDate: s.calendar.previousWeekDays[4], returnAll: true }) },
	'customApiCall/request': {
		params: () => ({ method: 'GET', path: '/projects', query: JSON.stringify({ workspace_id: WS, name: 'mobile' }) }),
		check: (r) => expect(r.items.map((p) => p.name)).toEqual(['Mobile App v2']),
		route: { method: 'GET', path: '/projects' },
	},
};

const descriptors = new Map(webWorkResources.flatMap((r) => r.operations.map((o) => [`${r.value}/${o.operation}`, o])));

function offeredOperations() {
	const keys = [];
	for (const property of new WebWork().description.properties.filter((p) => p.name === 'operation')) {
		for (const resource of property.displayOptions.show.resource) {
			for (const option of property.options) keys.push(`${resource}/${option.value}`);
		}
	}
	return keys;
}

test('every operation the node offers has a workflow test below', () => {
	expect(Object.keys(CASES).sort()).toEqual(offeredOperations().sort());
	expect(offeredOperations()).toHaveLength(71);
});

describe('WebWork operations against the emulator', () => {
	let emulator;
	beforeEach(async () => {
		emulator = await startWebWorkEmulator();
	});
	afterEach(async () => {
		await emulator.close();
	});

	for (const [key, testCase] of Object.entries(CASES)) {
		test(key, async () => {
			const [resource, operation] = key.split('/');
			if (testCase.setup) await testCase.setup(emulator);
			emulator.clearLog();
			const params = testCase.params(emulator.state);
			const result = await runWebWork(emulator, { resource, operation, ...params });
			if (result.status !== 'success') throw new Error(`${key} failed: ${result.error?.message} ${result.error?.description ?? ''}`);
			expect(result.items.length).toBeGreaterThan(0);
			expect(result.pairedItems.every((p) => p.item === 0)).toBe(true);

			const route = testCase.route ?? descriptors.get(key);
			const pattern = new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}$`);
			const calls = emulator.requests.filter((r) => r.method === route.method && pattern.test(r.path));
			expect(calls.length).toBeGreaterThan(0);
			expect(calls.every((c) => c.status >= 200 && c.status < 300)).toBe(true);
			expect(emulator.requests).toHaveLength(calls.length);
			if (testCase.check) await testCase.check(result, emulator, params);
		});
	}
});

test('the README lists every resource and operation', () => {
	const readme = require('fs').readFileSync(require('path').join(__dirname, '..', '..', 'README.md'), 'utf8');
	for (const resource of webWorkResources) {
		const row = readme.split('\n').find((line) => line.includes(`(\`${resource.value}\`)`));
		expect(row).toBeDefined();
		for (const operation of resource.operations) expect(row).toContain(`\`${operation.operation}\` ${operation.name}`);
	}
});

test('every operation with an inferred route offers Method and Path Override', () => {
	const properties = new WebWork().description.properties;
	for (const resource of webWorkResources) {
		for (const operation of resource.operations.filter((o) => o.evidence === 'inferredPath')) {
			const options = properties.find(
				(p) => p.name === 'options' && p.displayOptions?.show?.resource?.[0] === resource.value && p.displayOptions?.show?.operation?.[0] === operation.operation,
			);
			expect(options.options.map((o) => o.name)).toEqual(expect.arrayContaining(['methodOverride', 'pathOverride']));
		}
	}
});

test('an overridden path and method are what is called', async () => {
	const emulator = await startWebWorkEmulator();
	try {
		const result = await runWebWork(emulator, {
			resource: 'leaves',
			operation: 'getPolicies',
			workspaceId: byId(WS),
			options: { methodOverride: 'GET', pathOverride: '/leaves/balances' },
		});
		expect(requestsTo(emulator, 'GET', '/leaves/balances')).toHaveLength(1);
		expect(requestsTo(emulator, 'GET', '/leaves/policies')).toHaveLength(0);
		expect(result.status).toBe('error'); // balances needs dates: the override really went there
	} finally {
		await emulator.close();
	}
});
