/**
 * The fault matrix: provider × call kind × fault, as data. faults.test.js runs every applicable cell
 * through n8n (test/harness) against the in-process emulators; runner.js holds the generic procedures.
 *
 * Call kinds
 *   list, get, create, update, delete  the provider's action node, 3 input items, the fault on item 1
 *   poll                               the provider's polling trigger, as n8n's poll executor drives it
 *   webhook                            WebWork Trigger: registration (checkExists/create) and deliveries
 *
 * Faults are injected on the emulator (framework.js `fault`, Worksible's `storeThenFail`), on the
 * credential (bad credential) or in the item's input (unknown id, malformed date, empty required field).
 *
 * Every cell asserts: no item lost (3 in → every item has output, an error item paired with it),
 * no write repeated without an idempotency key, errors name the item (and the field for input faults),
 * triggers resume exactly once (a failed poll moves no state; the next clean poll emits each new
 * record once). Write repetition: POST and PATCH without a key are never sent twice (429 refusals aside,
 * the API did not process those); PUT and DELETE are idempotent by HTTP semantics (RFC 9110 §9.2.2)
 * and are retried by design, so for them the cell checks the effect instead (applied once).
 */
const { startWebWorkEmulator } = require('../emulators/webwork');
const { startWeWorkedEmulator } = require('../emulators/weworked');
const { startTeamWorkLiveEmulator } = require('../emulators/teamworklive');
const { startWorksibleEmulator } = require('../emulators/worksible');

const KINDS = ['list', 'get', 'create', 'update', 'delete', 'poll', 'webhook'];
const ACTION_KINDS = ['list', 'get', 'create', 'update', 'delete'];

const FAULTS = [
	{ id: 'http500', label: '500' },
	{ id: 'http502', label: '502 (HTML page)' },
	{ id: 'http503', label: '503 without Retry-After' },
	{ id: 'storm429', label: '429 storm' },
	{ id: 'storm503', label: '503 + Retry-After storm' },
	{ id: 'timeout', label: 'timeout' },
	{ id: 'reset', label: 'connection reset' },
	{ id: 'stalled', label: 'stalled body' },
	{ id: 'html2xx', label: '2xx HTML page' },
	{ id: 'empty2xx', label: '2xx empty body' },
	{ id: 'malformedJson', label: 'malformed JSON' },
	{ id: 'oversizedPage', label: 'oversized page' },
	{ id: 'wrongTypes', label: 'wrong JSON types' },
	{ id: 'badCredential', label: 'bad credential' },
	{ id: 'unknownId', label: 'unknown id' },
	{ id: 'malformedDate', label: 'malformed date' },
	{ id: 'emptyRequired', label: 'empty required field' },
];

const MAINTENANCE_PAGE =
	'<!DOCTYPE html><html><head><title>Down</title></head><body><h1>Scheduled maintenance</h1><p>Back soon.</p></body></html>';
const BAD_GATEWAY_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>';

/** A resource-locator value in "By ID" mode (an expression is fine: n8n resolves it per item). */
const rl = (value) => ({ __rl: true, mode: 'id', value: String(value) });

const WS = 101; // the WebWork emulator's first workspace

// ---------------------------------------------------------------------------------------------
// Providers. Each action target: node parameters (expressions over $json, one request per item),
// the emulator route it calls (`match`, framework syntax), 3 inputs (setup), per-fault input
// changes for item 1, and how to see a write's effect on the emulator.
// ---------------------------------------------------------------------------------------------

const webWork = {
	id: 'webWork',
	label: 'WebWork',
	start: () => startWebWorkEmulator(),
	credentialType: 'webWorkApi',
	credentials: (emu, { bad = false } = {}) => ({
		webWorkApi: { accessToken: bad ? 'expired.personal.token' : emu.token, baseUrl: `${emu.baseUrl}/`, requestsPerMinute: 100000 },
	}),
	node: { type: 'webWork', name: 'WebWork', base: { authentication: 'accessToken' } },
	/** Not found / auth answers to expect, as the provider words them. */
	authError: /credential|token/i,
	retryAfter503IsThrottle: false,
	idempotencyKeys: false,
	wrongTypes: {
		// The envelope's own types are wrong: `success` as a string, `data` a string.
		list: { success: true, data: 'none', meta: { pagination: { current_page: 1, last_page: 1 } } },
		item: { success: 'true', data: { id: 1 } },
	},
	oversizedPage: (records) =>
		JSON.stringify({ success: true, data: records, meta: { pagination: { current_page: 1, last_page: 1, per_page: records.length, total: records.length } } }),
	targets: {
		list: {
			match: 'GET /expenses',
			parameters: { resource: 'expenses', operation: 'getAll', workspaceId: rl('={{ $json.ws }}'), returnAll: true, filters: { dateFrom: '={{ $json.from }}' } },
			setup: () => ({ inputs: [0, 1, 2].map(() => ({ ws: WS, from: '2000-01-01' })) }),
			record: (n) => ({ id: `exp-${n}`, expense_name: `Bulk ${n}`, amount: 1, date: '2024-01-01' }),
			unknownId: { ws: 999 },
			emptyRequired: { input: { ws: '' }, field: 'Workspace' },
			malformedDate: { input: { from: '2024-02-30' }, field: 'Date From' },
		},
		get: {
			match: 'GET /projects/{id}',
			parameters: { resource: 'projects', operation: 'get', workspaceId: rl(WS), projectId: rl('={{ $json.id }}') },
			setup: (emu) => ({ inputs: emu.state.projects.filter((p) => p.workspace_id === WS).slice(0, 3).map((p) => ({ id: p.id })) }),
			unknownId: { id: 999999 },
			emptyRequired: { input: { id: '' }, field: 'Project' },
		},
		create: {
			match: 'POST /expenses',
			parameters: {
				resource: 'expenses',
				operation: 'create',
				workspaceId: rl('={{ $json.ws }}'),
				expenseName: '={{ $json.name }}',
				date: '={{ $json.date }}',
				amount: 12.5,
				categoryId: '={{ $json.category }}',
			},
			setup: (emu, tag) => {
				const category = emu.state.expenseCategories.find((c) => c.workspace_id === WS).id;
				return { inputs: [0, 1, 2].map((i) => ({ ws: WS, name: `${tag}-${i}`, date: `2024-03-0${i + 1}`, category })) };
			},
			effect: (emu, input) => emu.state.expenses.filter((e) => e.expense_name === input.name).length,
			unknownId: { ws: 999 },
			emptyRequired: { input: { name: '' }, field: 'Expense Name' },
			malformedDate: { input: { date: '2024-02-30' }, field: 'Date' },
		},
		update: {
			match: 'PUT /expenses/{id}',
			parameters: {
				resource: 'expenses',
				operation: 'update',
				expenseId: '={{ $json.id }}',
				workspaceId: rl(WS),
				updateFields: { expenseName: '={{ $json.name }}', date: '={{ $json.date }}' },
			},
			setup: (emu, tag) => ({
				inputs: [0, 1, 2].map((i) => ({ id: emu.addExpense({ workspace_id: WS, expense_name: `before-${i}` }).id, name: `${tag}-${i}`, date: `2024-04-0${i + 1}` })),
			}),
			effect: (emu, input) => emu.state.expenses.filter((e) => e.id === input.id && e.expense_name === input.name).length,
			unknownId: { id: 'c0ffee00-0000-4000-a000-000000000000' },
			emptyRequired: { input: { id: '' }, field: 'Expense ID' },
			malformedDate: { input: { date: '2024-02-30' }, field: 'Date' },
		},
		delete: {
			match: 'DELETE /expenses/{id}',
			parameters: { resource: 'expenses', operation: 'delete', expenseId: '={{ $json.id }}', workspaceId: rl(WS) },
			setup: (emu) => ({ inputs: [0, 1, 2].map((i) => ({ id: emu.addExpense({ workspace_id: WS, expense_name: `doomed-${i}` }).id })) }),
			effect: (emu, input) => (emu.state.expenses.some((e) => e.id === input.id) ? 0 : 1),
			unknownId: { id: 'c0ffee00-0000-4000-a000-000000000000' },
			emptyRequired: { input: { id: '' }, field: 'Expense ID' },
		},
	},
	poll: {
		type: 'webWorkApprovalsTrigger',
		name: 'WebWork Approvals Trigger',
		parameters: { authentication: 'accessToken', workspaceId: rl(WS), events: ['leaveRequested'], options: {} },
		match: 'GET /leaves',
		add: (emu) => emu.addLeave({ user_id: 5 }),
		keyOf: (item) => item.id,
		emptyRequired: { parameters: { workspaceId: rl('') }, field: 'Workspace' },
		/** Every pending leave as the list would page it, fetched test-side. */
		async allRecords(emu) {
			const records = [];
			for (let page = 1; ; page++) {
				const url = `${emu.baseUrl}/leaves?workspace_id=${WS}&status=pending&page=${page}&per_page=100`;
				const body = await (await fetch(url, { headers: { authorization: `Bearer ${emu.token}` } })).json();
				records.push(...body.data);
				if (body.meta.pagination.current_page >= body.meta.pagination.last_page) return records;
			}
		},
		addMany: (emu, n) => Array.from({ length: n }, () => emu.addLeave({ user_id: 5 })),
	},
};

const weWorked = {
	id: 'weWorked',
	label: 'WeWorked',
	start: () => startWeWorkedEmulator(),
	credentialType: 'weWorkedApi',
	credentials: (emu, { bad = false } = {}) => ({
		weWorkedApi: { apiKey: bad ? 'ww-revoked-key-0000' : emu.apiKey, email: emu.adminEmail, baseUrl: emu.baseUrl, requestsPerFiveMinutes: 100000 },
	}),
	node: { type: 'weWorked', name: 'WeWorked', base: {} },
	authError: /key|x-ww-user|credential/i,
	retryAfter503IsThrottle: false,
	idempotencyKeys: false,
	wrongTypes: {
		// A JSON object where the list (an array or a group container) belongs; a string for one record.
		list: { message: 'No expenses' },
		item: 'project',
	},
	oversizedPage: (records) => JSON.stringify(records),
	targets: {
		list: {
			match: 'GET /v1/expenses',
			parameters: { resource: 'expenses', operation: 'getAll', status: '={{ $json.status }}', returnAll: true },
			setup: () => ({ inputs: [0, 1, 2].map(() => ({ status: 'all' })) }),
			record: (n) => ({ expenseId: String(n), userId: '1', expenseDate: '2024-01-01', amount: '1.00', statusName: 'Pending' }),
			emptyRequired: { input: { status: '' }, field: 'Status' },
			// The expense list has no date filter; the detailed report is the list that takes dates.
			malformedDate: {
				match: 'GET /v1/reports/detailed',
				parameters: {
					resource: 'reports',
					operation: 'getDetailed',
					fromdate: '={{ $json.from }}',
					todate: '2024-01-31',
					projects: 'all',
					users: 'all',
					taskstatus: 'all',
					timestatus: 'all',
					showzeros: 0,
					returnAll: true,
				},
				inputs: [0, 1, 2].map(() => ({ from: '2024-01-01' })),
				input: { from: '2024-02-30' },
				field: 'From Date',
				mayBeEmpty: true,
			},
		},
		get: {
			match: 'GET /v1/projects/{id}',
			parameters: { resource: 'projects', operation: 'get', id: rl('={{ $json.id }}') },
			setup: (emu) => ({ inputs: emu.state.projects.filter((p) => p.isSystemProject !== '1').slice(0, 3).map((p) => ({ id: p.projectId })) }),
			unknownId: { id: 999999 },
			emptyRequired: { input: { id: '' }, field: 'Project' },
			// Project reads take no date; the daily timesheet is the read that does.
			malformedDate: {
				match: 'GET /v1/timesheets/daily',
				parameters: { resource: 'timesheets', operation: 'getDaily', userid: rl('={{ $json.user }}'), date: '={{ $json.date }}' },
				inputsFrom: (emu) => [0, 1, 2].map((i) => ({ user: emu.state.users.find((u) => u.isAdmin === '1').userId, date: `2024-01-0${i + 1}` })),
				input: { date: '2024-02-30' },
				field: 'Date',
			},
		},
	},
	poll: {
		type: 'weWorkedTrigger',
		name: 'WeWorked Trigger',
		parameters: { events: ['newClient'], options: {} },
		match: 'GET /v1/clients',
		add: (emu) => emu.addClient({ name: `Client ${Math.random().toString(36).slice(2, 8)}` }),
		keyOf: (item) => String(item.clientId),
		emptyRequired: { parameters: { events: [] }, field: 'event' },
		addMany: (emu, n) => Array.from({ length: n }, (_, i) => emu.addClient({ name: `Bulk client ${i}` })),
	},
};

const teamWorkLive = {
	id: 'teamWorkLive',
	label: 'TeamWork Live',
	start: () => startTeamWorkLiveEmulator(),
	credentialType: 'teamWorkLiveApi',
	credentials: (emu, { bad = false } = {}) => ({
		teamWorkLiveApi: { baseUrl: emu.baseUrl, email: emu.email, apiKey: bad ? 'twl-old-key-before-password-change' : emu.apiKey, requestsPerHour: 100000 },
	}),
	node: { type: 'teamWorkLive', name: 'TeamWork Live', base: {} },
	authError: /API key|credential/i,
	// Over the hourly limit TeamWork Live answers 503 + Retry-After: a throttle, retried for every method.
	retryAfter503IsThrottle: true,
	// Documented: a call with no data returns an empty result (profile.emptyBodyIsAnswer).
	emptyBodyIsAnswer: true,
	idempotencyKeys: false,
	wrongTypes: {
		// The list's root element holds a string instead of an array; one record answered as a number.
		list: { timeEntries: 'none' },
		item: 42,
	},
	oversizedPage: (records) => JSON.stringify(records),
	targets: {
		list: {
			match: 'GET /projects/{p}/timeentries.json',
			parameters: { resource: 'timeEntry', operation: 'getAll', projectId: rl('={{ $json.project }}'), returnAll: true },
			setup: (emu) => ({ inputs: [0, 1, 2].map(() => ({ project: emu.list('project')[0].id })) }),
			record: (n) => ({ id: n, projectId: 1, hours: 1, date: '2024-01-01' }),
			unknownId: { project: 999999 },
			emptyRequired: { input: { project: '' }, field: 'Project' },
		},
		get: {
			match: 'GET /timeentries/{id}',
			parameters: { resource: 'timeEntry', operation: 'get', timeEntryId: '={{ $json.id }}' },
			setup: (emu) => ({ inputs: [0, 1, 2].map((i) => ({ id: emu.add('timeEntry', { hours: i + 1, date: '2025-01-0' + (i + 1) }).id })) }),
			unknownId: { id: 999999 },
			emptyRequired: { input: { id: '' }, field: 'Time Entry ID' },
		},
		create: {
			match: 'POST /projects/{p}/timeentries.json',
			parameters: {
				resource: 'timeEntry',
				operation: 'create',
				projectId: rl('={{ $json.project }}'),
				hours: '={{ $json.hours }}',
				additionalFields: { date: '={{ $json.date }}', additionalBody: '={{ JSON.stringify({ note: $json.name }) }}' },
			},
			setup: (emu, tag) => ({
				inputs: [0, 1, 2].map((i) => ({ project: emu.list('project')[0].id, hours: i + 1, date: `2024-05-0${i + 1}`, name: `${tag}-${i}` })),
			}),
			effect: (emu, input) => emu.list('timeEntry').filter((e) => e.note === input.name).length,
			unknownId: { project: 999999 },
			emptyRequired: { input: { hours: '' }, field: 'Hours' },
			malformedDate: { input: { date: '2024-02-30' }, field: 'Date' },
		},
		update: {
			match: 'PUT /timeentries/{id}',
			parameters: {
				resource: 'timeEntry',
				operation: 'update',
				timeEntryId: '={{ $json.id }}',
				updateFields: { date: '={{ $json.date }}', additionalBody: '={{ JSON.stringify({ note: $json.name }) }}' },
			},
			setup: (emu, tag) => ({
				inputs: [0, 1, 2].map((i) => ({ id: emu.add('timeEntry', { hours: 1 }).id, date: `2024-06-0${i + 1}`, name: `${tag}-${i}` })),
			}),
			effect: (emu, input) => (emu.get('timeEntry', input.id)?.note === input.name ? 1 : 0),
			unknownId: { id: 999999 },
			emptyRequired: { input: { id: '' }, field: 'Time Entry ID' },
			malformedDate: { input: { date: '2024-02-30' }, field: 'Date' },
		},
		delete: {
			match: 'DELETE /timeentries/{id}',
			parameters: { resource: 'timeEntry', operation: 'delete', timeEntryId: '={{ $json.id }}' },
			answersWithoutBody: true, // 204
			setup: (emu) => ({ inputs: [0, 1, 2].map(() => ({ id: emu.add('timeEntry', { hours: 1 }).id })) }),
			effect: (emu, input) => (emu.get('timeEntry', input.id) ? 0 : 1),
			unknownId: { id: 999999 },
			emptyRequired: { input: { id: '' }, field: 'Time Entry ID' },
		},
	},
	poll: {
		type: 'teamWorkLiveTrigger',
		name: 'TeamWork Live Trigger',
		parameters: { events: ['newProject'], options: {} },
		match: 'GET /projects.json',
		add: (emu) => emu.add('project', { name: `Project ${Math.random().toString(36).slice(2, 8)}`, status: 'Planning' }),
		keyOf: (item) => String(item.id),
		emptyRequired: { parameters: { events: [] }, field: 'event' },
		addMany: (emu, n) => Array.from({ length: n }, (_, i) => emu.add('project', { name: `Bulk project ${i}` })),
	},
};

const worksible = {
	id: 'worksible',
	label: 'Worksible',
	start: () => startWorksibleEmulator({ rateLimit: false }),
	credentialType: 'worksibleApi',
	credentials: (emu, { bad = false } = {}) => ({
		worksibleApi: { apiKey: bad ? 'wsk_live_revoked_0000000000' : emu.apiKey, baseUrl: `${emu.baseUrl}/`, requestsPerMinute: 100000 },
	}),
	node: { type: 'worksible', name: 'Worksible', base: {} },
	authError: /API key|credential/i,
	retryAfter503IsThrottle: false,
	// Every write carries an Idempotency-Key (derived per execution, node and item): retried safely.
	idempotencyKeys: true,
	/** Faults that happen after the write was processed (answer lost): the key must make the retry a replay. */
	processedThenLost: { http500: { status: 500 }, http502: { status: 502 }, reset: { drop: true } },
	wrongTypes: {
		// `data` a string where the list's array belongs; a bare array where one record (an object) belongs.
		list: { object: 'list', data: 'none', has_more: false, next_cursor: null },
		item: [{ id: 'prj_1' }],
	},
	oversizedPage: (records) => JSON.stringify({ object: 'list', data: records, has_more: false, next_cursor: null }),
	targets: {
		list: {
			match: 'GET /projects',
			parameters: { resource: 'projects', operation: 'getAll', returnAll: true },
			setup: () => ({ inputs: [{}, {}, {}] }),
			record: (n) => ({ id: `prj_bulk${n}`, object: 'project', name: `Bulk ${n}` }),
		},
		get: {
			match: 'GET /projects/{id}',
			parameters: { resource: 'projects', operation: 'get', projectId: rl('={{ $json.id }}') },
			setup: (emu) => ({ inputs: emu.list('projects').slice(0, 3).map((p) => ({ id: p.id })) }),
			unknownId: { id: 'prj_doesnotexist' },
			emptyRequired: { input: { id: '' }, field: 'Project' },
		},
		create: {
			match: 'POST /projects',
			parameters: { resource: 'projects', operation: 'create', additionalFields: { name: '={{ $json.name }}' } },
			setup: (emu, tag) => ({ inputs: [0, 1, 2].map((i) => ({ name: `${tag}-${i}` })) }),
			effect: (emu, input) => emu.list('projects').filter((p) => p.name === input.name).length,
		},
		update: {
			match: 'PATCH /projects/{id}',
			parameters: { resource: 'projects', operation: 'update', projectId: rl('={{ $json.id }}'), updateFields: { name: '={{ $json.name }}' } },
			setup: (emu, tag) => ({ inputs: [0, 1, 2].map((i) => ({ id: emu.add('projects', { name: `before-${i}` }).id, name: `${tag}-${i}` })) }),
			effect: (emu, input) => emu.list('projects').filter((p) => p.id === input.id && p.name === input.name).length,
			unknownId: { id: 'prj_doesnotexist' },
			emptyRequired: { input: { id: '' }, field: 'Project' },
		},
		delete: {
			match: 'DELETE /projects/{id}',
			parameters: { resource: 'projects', operation: 'delete', projectId: rl('={{ $json.id }}') },
			setup: (emu) => ({ inputs: [0, 1, 2].map((i) => ({ id: emu.add('projects', { name: `doomed-${i}` }).id })) }),
			effect: (emu, input) => (emu.list('projects').some((p) => p.id === input.id) ? 0 : 1),
			unknownId: { id: 'prj_doesnotexist' },
			emptyRequired: { input: { id: '' }, field: 'Project' },
		},
	},
	poll: {
		type: 'worksibleTrigger',
		name: 'Worksible Trigger',
		parameters: { resource: 'projects', events: ['newRecord'], options: {} },
		match: 'GET /projects',
		add: (emu) => emu.add('projects', { name: `Project ${Math.random().toString(36).slice(2, 8)}` }),
		keyOf: (item) => item.id,
		emptyRequired: { parameters: { events: [] }, field: 'event' },
		/** Every project as the list would page it (cursor walk), fetched test-side. */
		async allRecords(emu) {
			const records = [];
			let cursor = '';
			for (;;) {
				const url = `${emu.baseUrl}/projects?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
				const body = await (await fetch(url, { headers: { authorization: `Bearer ${emu.apiKey}` } })).json();
				records.push(...body.data);
				if (!body.has_more) return records;
				cursor = body.next_cursor;
			}
		},
		addMany: (emu, n) => Array.from({ length: n }, (_, i) => emu.add('projects', { name: `Bulk project ${i}` })),
	},
};

const PROVIDERS = [webWork, weWorked, teamWorkLive, worksible];

// ---------------------------------------------------------------------------------------------
// Applicability: true, or the reason the cell does not exist. Written out, not inferred.
// ---------------------------------------------------------------------------------------------
const NA = {
	readOnly: 'WeWorked is read-only: the API has no writes',
	noWebhooks: 'only WebWork delivers webhooks (WebWork Trigger); the other providers are polled',
	noPage: 'a single-record answer, not a page',
	noDateField: 'the call takes no date parameter',
	noRequiredField: 'the call has no required parameter',
	noIdInList: 'the list is not addressed by an ID',
	noIdInCreate: 'the create addresses no existing record (a wrong reference is a 422, not an unknown id)',
	noIdInPoll: 'a poll addresses no record by ID',
	noIdInDelivery: 'a delivery addresses no record by ID (a webhook already gone remotely: test/webwork/trigger.test.js)',
	noDateInTrigger: 'the trigger has no date parameter (delivery timestamps are passed through as sent)',
};

/** Explicit exceptions per provider; everything not listed applies. */
const NOT_APPLICABLE = {
	webWork: {
		get: { oversizedPage: NA.noPage, malformedDate: NA.noDateField },
		create: { oversizedPage: NA.noPage },
		update: { oversizedPage: NA.noPage },
		delete: { oversizedPage: NA.noPage, malformedDate: NA.noDateField },
		poll: { unknownId: NA.noIdInPoll, malformedDate: NA.noDateInTrigger },
		webhook: { unknownId: NA.noIdInDelivery, malformedDate: NA.noDateInTrigger },
	},
	weWorked: {
		list: { unknownId: NA.noIdInList },
		get: { oversizedPage: NA.noPage },
		create: 'readOnly',
		update: 'readOnly',
		delete: 'readOnly',
		poll: { unknownId: NA.noIdInPoll, malformedDate: NA.noDateInTrigger },
		webhook: 'noWebhooks',
	},
	teamWorkLive: {
		list: { malformedDate: NA.noDateField },
		get: { oversizedPage: NA.noPage, malformedDate: NA.noDateField },
		create: { oversizedPage: NA.noPage },
		update: { oversizedPage: NA.noPage },
		delete: { oversizedPage: NA.noPage, malformedDate: NA.noDateField },
		poll: { unknownId: NA.noIdInPoll, malformedDate: NA.noDateInTrigger },
		webhook: 'noWebhooks',
	},
	worksible: {
		// Worksible's node has no date parameters at all (its field names are unpublished).
		list: { unknownId: NA.noIdInList, malformedDate: NA.noDateField, emptyRequired: NA.noRequiredField },
		get: { oversizedPage: NA.noPage, malformedDate: NA.noDateField },
		create: { oversizedPage: NA.noPage, malformedDate: NA.noDateField, unknownId: NA.noIdInCreate, emptyRequired: NA.noRequiredField },
		update: { oversizedPage: NA.noPage, malformedDate: NA.noDateField },
		delete: { oversizedPage: NA.noPage, malformedDate: NA.noDateField },
		poll: { unknownId: NA.noIdInPoll, malformedDate: NA.noDateInTrigger },
		webhook: 'noWebhooks',
	},
};

/** true, or why the cell is not applicable. */
function applicability(provider, kind, fault) {
	const rule = NOT_APPLICABLE[provider.id][kind];
	if (typeof rule === 'string') return NA[rule];
	return (rule && rule[fault.id]) || true;
}

/** Every cell of the matrix, in a stable order. */
function cells() {
	const out = [];
	for (const provider of PROVIDERS) {
		for (const kind of KINDS) {
			for (const fault of FAULTS) {
				const applies = applicability(provider, kind, fault);
				out.push({ id: `${provider.id}/${kind}/${fault.id}`, provider, kind, fault, notApplicable: applies === true ? null : applies });
			}
		}
	}
	return out;
}

module.exports = { KINDS, ACTION_KINDS, FAULTS, PROVIDERS, NA, NOT_APPLICABLE, cells, MAINTENANCE_PAGE, BAD_GATEWAY_PAGE, rl, WS };
