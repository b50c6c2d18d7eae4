'use strict';
/**
 * WeWorked API v1 emulator (read-only, 14 GET operations) on the provider-agnostic framework.
 *
 * Everything below follows the integration spec compiled from the vendor's GitHub docs
 * (holmjohnii/weworked-api @ c4a3d64). Facts copied from the docs: paths, header names, field names and
 * their casing, string-typed scalars, grouped containers, date formats, the 429 status.
 * Anything the docs leave open is marked [inferred] (a plausible choice made here) or [unknown].
 *
 *   - No envelope: arrays/objects are returned bare.
 *   - No pagination, no modified timestamps (pollers must diff snapshots).
 *   - Routes answer under /v1/... and, because an early overview showed https://api.weworked.com/clients,
 *     also without the /v1 prefix. emulator.baseUrl is the origin (what the credential's Base URL holds).
 *
 * State records are stored in the API's camelCase (detail-endpoint names); list views rename/pick fields
 * per endpoint. Views whitelist fields, so internal helper fields (user `status`) never leak.
 */
const { createEmulator, HttpError } = require('./framework');

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------
const API_PREFIX = '/v1';
const COMPANY_ID = '416'; // docs' example companyId
const DEFAULT_API_KEY = 'ww-test-key-6f1c2d9e8a7b4c35'; // [inferred] key format is undocumented
const DEFAULT_ADMIN_EMAIL = 'john.holmes@example.com';
const DEFAULT_RATE_LIMIT = { limit: 200, windowMs: 5 * 60 * 1000 }; // API overview: 200 calls / 5 minutes
const USER_GROUPS = ['Active', 'Pending', 'Disabled'];
const PROJECT_GROUPS = ['Active', 'Archived', 'Leave'];
// [inferred] statusId <-> statusName mapping (the docs' two examples contradict each other: "1" is shown as
// both "Pending" and "Approved"). The set Pending/Approved/Invoiced is inferred from the filter values.
const EXPENSE_STATUS_IDS = { Pending: '1', Approved: '2', Invoiced: '3' };
const EXPENSE_STATUS_FILTERS = ['all', 'pending', 'approved', 'invoiced'];
// "Not Submitted" and "Approved" are documented; "Pending Review" comes from the support site [inferred].
const TIMESHEET_STATUSES = ['Not Submitted', 'Pending Review', 'Approved'];
// Only '1' -> 'Task Hourly Rate' is documented (project detail); the other ids/names are [inferred].
const INVOICE_METHODS = { 1: 'Task Hourly Rate', 2: 'Project Hourly Rate', 3: 'Person Hourly Rate', 4: 'Fixed Fee' };
// The summary report example names the method "Task Rate"; the report's names per id are [inferred].
const REPORT_INVOICE_METHODS = { 1: 'Task Rate', 2: 'Project Rate', 3: 'Person Rate', 4: 'Fixed Fee' };
// User detail shows country as a full name ("United States"), the user list as a 2-letter code ("US", "AF").
// Records store the code; the detail view maps it [inferred mapping, codes without a name pass through].
const COUNTRY_NAMES = {
	US: 'United States',
	AU: 'Australia',
	GB: 'United Kingdom',
	IE: 'Ireland',
	DE: 'Germany',
	AF: 'Afghanistan',
	CA: 'Canada',
	NZ: 'New Zealand',
};
const EXPENSE_CATEGORIES = [
	{ expenseCategoryId: '131069', expenseCategoryName: 'Meals' },
	{ expenseCategoryId: '131070', expenseCategoryName: 'Travel' },
	{ expenseCategoryId: '131071', expenseCategoryName: 'Lodging' }, // [inferred] beyond Meals/Travel
	{ expenseCategoryId: '131072', expenseCategoryName: 'Materials' },
	{ expenseCategoryId: '131073', expenseCategoryName: 'Mileage' },
];
const REPORT_PARAMS = ['fromdate', 'todate', 'projects', 'showzeros', 'taskstatus', 'timestatus', 'users'];
const TASK_STATUS_FILTERS = ['all', 'billable', 'nonbillable'];
const TIME_STATUS_FILTERS = ['all', 'approved', 'notapproved'];
const PROJECT_KEYWORDS = ['all', 'allactive', 'alldisabled'];

// Response field lists (exact names / casing / order from the spec).
const CLIENT_FIELDS = ['clientId', 'name', 'address', 'address2', 'city', 'state', 'zip', 'country', 'isActive', 'VATNumber', 'contact'];
const EXPENSE_FIELDS = [
	'expenseId',
	'userId',
	'expenseDate',
	'projectId',
	'projectName',
	'expenseCategoryId',
	'expenseCategoryName',
	'receiptURL',
	'amount',
	'isBillable',
	'statusId',
	'statusName',
	'notes',
];
const INVOICE_HEAD_FIELDS = [
	'invoiceId',
	'companyId',
	'invoiceDate',
	'invoiceNum',
	'dueDate',
	'billTo',
	'clientId',
	'paymentTerms',
	'currencySymbol',
	'tax',
	'discount',
	'isActive',
	'isPaid',
	'notes',
	'subject',
	'attn',
	'createdBy',
	'createdOn',
];
const LINE_ITEM_FIELDS = ['invoiceLineItemId', 'invoiceId', 'quantity', 'description', 'unitPrice', 'total', 'createdBy', 'createdOn'];
const TASK_FIELDS = [
	'projectTaskId',
	'projectId',
	'shortDesc',
	'longDesc',
	'isBillable',
	'companyId',
	'isActive',
	'taskRate',
	'isLeaveField',
	'budgetedCost',
	'budgetedHours',
	'createdBy',
	'createdOn',
];
const PERSON_FIELDS = ['userId', 'email', 'firstName', 'lastName', 'title', 'isActive'];
// GET /v1/projects item (PascalCase) <- stored project field
const PROJECT_LIST_FIELDS = [
	['ProjectId', 'projectId'],
	['CompanyId', 'companyId'],
	['ClientId', 'clientId'],
	['ProjectName', 'projectName'],
	['ProjectCode', 'projectCode'],
	['Overview', 'overview'],
	['InvoiceMethodId', 'invoiceMethodId'],
	['ProjectRate', 'projectRate'],
	['BudgetCost', 'budgetedCost'],
	['BudgetHours', 'budgetedHours'],
	['IsBillable', 'isBillable'],
	['IsSysProject', 'isSystemProject'],
	['IsActive', 'isActive'],
	['CreatedBy', 'createdBy'],
	['CreatedOn', 'createdOn'],
];
const USER_LIST_FIELDS = [
	'firstName',
	'lastName',
	'title',
	'email',
	'userId',
	'isActive',
	'isAdmin',
	'internalId',
	'hireDate',
	'country',
	'hourlyRate',
	'address',
	'city',
	'state',
	'zip',
	'phone',
	'payType',
	'hourlyPayRate',
];

// Values the add/update helpers normalise into the API's string conventions.
const FLAG_FIELDS = new Set(['isActive', 'isBillable', 'isPaid', 'isAdmin', 'isApproved', 'trackLeave', 'isSystemProject', 'isLeaveField']);
const DECIMAL_FIELDS = new Set([
	'amount',
	'hourlyRate',
	'hourlyPayRate',
	'projectRate',
	'budgetedCost',
	'budgetedHours',
	'taskRate',
	'hours',
	'quantity',
	'unitPrice',
]);

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const isValidDate = (text) => {
	if (typeof text !== 'string' || !DATE_PATTERN.test(text)) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
};
const parseDate = (date) => new Date(`${date}T00:00:00Z`);
const addDays = (date, days) => {
	const value = parseDate(date);
	value.setUTCDate(value.getUTCDate() + days);
	return value.toISOString().slice(0, 10);
};
/** First day of the week containing date; weekStartsOn 1 = Monday (docs' example week), 0 = Sunday. */
const weekStartOf = (date, weekStartsOn = 1) => addDays(date, -((parseDate(date).getUTCDay() - weekStartsOn + 7) % 7));
const isWeekend = (date) => [0, 6].includes(parseDate(date).getUTCDay());
const timestamp = (date, time = '00:00:00') => `${date} ${time}`; // 'YYYY-MM-DD HH:MM:SS', naive local time
const mmddyyyy = (date) => `${date.slice(5, 7)}/${date.slice(8, 10)}/${date.slice(0, 4)}`;
const unpadded = (date) => `${Number(date.slice(0, 4))}-${Number(date.slice(5, 7))}-${Number(date.slice(8, 10))}`;
const fixed2 = (value) => (Math.round(Number(value) * 100) / 100).toFixed(2);
const round2 = (value) => Math.round(Number(value) * 100) / 100;
const num = (value) => (value === null || value === undefined || value === '' ? 0 : Number(value));
const byText = (...keys) => (a, b) => {
	for (const key of keys) {
		const left = String(a[key] ?? '').toLowerCase();
		const right = String(b[key] ?? '').toLowerCase();
		if (left !== right) return left < right ? -1 : 1;
	}
	return 0;
};
const byNumberDesc = (key) => (a, b) => Number(b[key]) - Number(a[key]);
const pick = (record, fields) => {
	const out = {};
	for (const field of fields) out[field] = record[field] === undefined ? null : record[field];
	return out;
};
const clone = (value) => JSON.parse(JSON.stringify(value));

/** Coerces helper input into the API conventions: flags "1"/"0", decimals "12.50", ids "123". */
function normalise(fields = {}) {
	const out = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		if (FLAG_FIELDS.has(key) && (typeof value === 'boolean' || typeof value === 'number')) out[key] = value ? '1' : '0';
		else if (DECIMAL_FIELDS.has(key) && typeof value === 'number') out[key] = value.toFixed(2);
		else if (typeof value === 'number') out[key] = String(value);
		else if (key === 'peopleAssigned' && Array.isArray(value)) out[key] = value.map(String);
		else out[key] = value;
	}
	return out;
}

function nextId(state, kind) {
	state.counters[kind] += 1;
	return String(state.counters[kind]);
}

const fail = (status, message) => {
	throw new HttpError(status, message);
};

// ---------------------------------------------------------------------------------------------
// Record kinds (add / update / remove with the API's derived fields kept consistent)
// ---------------------------------------------------------------------------------------------
const userGroup = (user) => user.status || (user.isActive === '0' ? 'Disabled' : 'Active');
const projectGroup = (project) => (project.isSystemProject === '1' ? 'Leave' : project.isActive === '0' ? 'Archived' : 'Active');

const KINDS = {
	clients: {
		collection: 'clients',
		idField: 'clientId',
		defaults: (state, id) => ({
			name: `Client ${id}`,
			address: '',
			address2: '',
			city: '',
			state: '',
			zip: '',
			country: 'US',
			isActive: '1',
			VATNumber: '',
			contact: '',
		}),
	},
	users: {
		collection: 'users',
		idField: 'userId',
		defaults: (state, id) => ({
			email: `user${id}@example.com`,
			approvesFor: 'Nobody',
			companyId: state.company.companyId,
			isAdmin: '0',
			firstName: 'User',
			lastName: id,
			title: '',
			internalId: null,
			trackLeave: '1',
			isActive: '1',
			hireDate: timestamp(state.calendar.today),
			hourlyRate: null,
			payType: 'H',
			hourlyPayRate: null,
			country: 'US',
			phone: '',
			address: '',
			city: '',
			state: '',
			zip: '',
		}),
		/** `status` (Active | Pending | Disabled) decides the group; isActive follows it (Pending users are "1" [inferred]). */
		sync(record, patch) {
			if (patch.status !== undefined) {
				if (!USER_GROUPS.includes(patch.status)) throw new Error(`User status must be one of ${USER_GROUPS.join(', ')}`);
				record.isActive = patch.status === 'Disabled' ? '0' : '1';
			} else if (patch.isActive !== undefined) {
				record.status = record.isActive === '0' ? 'Disabled' : record.status && record.status !== 'Disabled' ? record.status : 'Active';
			} else if (!record.status) {
				record.status = record.isActive === '0' ? 'Disabled' : 'Active';
			}
		},
		cascade(state, user) {
			state.timeEntries = state.timeEntries.filter((entry) => entry.userId !== user.userId);
			state.clockActions = state.clockActions.filter((action) => action.userId !== user.userId);
			for (const project of state.projects) {
				if (Array.isArray(project.peopleAssigned)) project.peopleAssigned = project.peopleAssigned.filter((id) => id !== user.userId);
			}
		},
	},
	projects: {
		collection: 'projects',
		idField: 'projectId',
		defaults: (state, id) => ({
			companyId: state.company.companyId,
			clientId: state.clients[0] ? state.clients[0].clientId : '0',
			projectName: `Project ${id}`,
			projectCode: '',
			overview: '',
			invoiceMethodId: '1',
			projectRate: '0.00',
			budgetedCost: null,
			budgetedHours: null,
			isBillable: '1',
			isSystemProject: '0',
			isActive: '1',
			createdBy: state.adminUserId,
			createdOn: timestamp(state.calendar.today, '09:00:00'),
			peopleAssigned: [],
		}),
		cascade(state, project) {
			const taskIds = new Set(state.tasks.filter((task) => task.projectId === project.projectId).map((task) => task.projectTaskId));
			state.tasks = state.tasks.filter((task) => task.projectId !== project.projectId);
			state.timeEntries = state.timeEntries.filter((entry) => !taskIds.has(entry.projectTaskId));
			state.clockActions = state.clockActions.filter((action) => !taskIds.has(action.projectTaskId));
		},
	},
	tasks: {
		collection: 'tasks',
		idField: 'projectTaskId',
		defaults: (state, id) => ({
			projectId: (state.projects.find((project) => projectGroup(project) === 'Active') || {}).projectId || null,
			shortDesc: `T${id}`,
			longDesc: `Task ${id}`,
			isBillable: '1',
			companyId: state.company.companyId,
			isActive: '1',
			taskRate: '0.00',
			isLeaveField: '0',
			budgetedCost: null,
			budgetedHours: null,
			createdBy: state.adminUserId,
			createdOn: timestamp(state.calendar.today, '09:00:00'),
		}),
		cascade(state, task) {
			state.timeEntries = state.timeEntries.filter((entry) => entry.projectTaskId !== task.projectTaskId);
			state.clockActions = state.clockActions.filter((action) => action.projectTaskId !== task.projectTaskId);
		},
	},
	invoices: {
		collection: 'invoices',
		idField: 'invoiceId',
		defaults: (state) => ({
			companyId: state.company.companyId,
			invoiceDate: state.calendar.today,
			invoiceNum: '',
			dueDate: addDays(state.calendar.today, 30),
			billTo: '',
			clientId: state.clients[0] ? state.clients[0].clientId : '0',
			paymentTerms: '1',
			currencySymbol: 'USD',
			tax: '',
			discount: '',
			isActive: '1',
			isPaid: '0',
			notes: '',
			subject: 'Monthly invoice',
			attn: '',
			createdBy: state.adminUserId,
			createdOn: timestamp(state.calendar.today, '12:00:00'),
			lineItems: [],
		}),
		/** Line items get ids, invoiceId, total = quantity x unitPrice (4 decimals), creation data of the invoice. */
		sync(record, patch, state) {
			if (patch.lineItems === undefined && record.lineItems.every((item) => item.invoiceLineItemId)) return;
			record.lineItems = (record.lineItems || []).map((raw) => {
				const item = normalise(raw);
				const quantity = item.quantity ?? '1.00';
				const unitPrice = item.unitPrice ?? '0.00';
				return {
					invoiceLineItemId: item.invoiceLineItemId || nextId(state, 'lineItems'),
					invoiceId: record.invoiceId,
					quantity,
					description: item.description ?? '',
					unitPrice,
					total: item.total ?? (Number(quantity) * Number(unitPrice)).toFixed(4),
					createdBy: item.createdBy ?? record.createdBy,
					createdOn: item.createdOn ?? record.createdOn,
				};
			});
		},
	},
	expenses: {
		collection: 'expenses',
		idField: 'expenseId',
		defaults: (state) => ({
			userId: state.adminUserId,
			expenseDate: state.calendar.today,
			projectId: (state.projects.find((project) => projectGroup(project) === 'Active') || {}).projectId || null,
			expenseCategoryId: EXPENSE_CATEGORIES[0].expenseCategoryId,
			receiptURL: '',
			amount: '0.00',
			isBillable: '1',
			statusName: 'Pending',
			notes: '',
		}),
		/** statusName (any case) and statusId are kept in step; categoryName follows categoryId. */
		sync(record, patch) {
			if (patch.statusName !== undefined || !record.statusId) {
				const name = Object.keys(EXPENSE_STATUS_IDS).find((status) => status.toLowerCase() === String(record.statusName).toLowerCase());
				if (!name) throw new Error(`Expense statusName must be one of ${Object.keys(EXPENSE_STATUS_IDS).join(', ')}`);
				record.statusName = name;
				record.statusId = EXPENSE_STATUS_IDS[name];
			} else if (patch.statusId !== undefined) {
				const name = Object.keys(EXPENSE_STATUS_IDS).find((status) => EXPENSE_STATUS_IDS[status] === record.statusId);
				if (name) record.statusName = name;
			}
			if (patch.expenseCategoryName === undefined) {
				const category = EXPENSE_CATEGORIES.find((c) => c.expenseCategoryId === record.expenseCategoryId);
				if (category) record.expenseCategoryName = category.expenseCategoryName;
			}
		},
	},
	/** Time entries ("hrsWorked"): what timesheets and the reports are computed from. */
	timeEntries: {
		collection: 'timeEntries',
		idField: 'hrsWorkedId',
		defaults: (state) => ({
			userId: state.adminUserId,
			specificDate: state.calendar.today,
			projectTaskId: (state.tasks.find((task) => task.isLeaveField !== '1') || {}).projectTaskId || null,
			hours: '1.00',
			comment: null,
			isApproved: '0',
		}),
	},
	/** Clock in/out actions shown in timesheet days' clockInOut.clockactions[]. clockOut null = still clocked in. */
	clockActions: {
		collection: 'clockActions',
		idField: 'clockInOutId',
		defaults: (state) => ({
			userId: state.adminUserId,
			specificDate: state.calendar.today,
			projectTaskId: (state.tasks.find((task) => task.isLeaveField !== '1') || {}).projectTaskId || null,
			clockIn: timestamp(state.calendar.today, '08:00:00'),
			clockOut: null,
		}),
	},
};

const KIND_ALIASES = {
	client: 'clients',
	user: 'users',
	project: 'projects',
	task: 'tasks',
	projecttasks: 'tasks',
	projecttask: 'tasks',
	invoice: 'invoices',
	expense: 'expenses',
	timeentries: 'timeEntries',
	timeentry: 'timeEntries',
	hrsworked: 'timeEntries',
	clockactions: 'clockActions',
	clockaction: 'clockActions',
};
function kindOf(kind) {
	const key = String(kind).replace(/[-_\s]/g, '').toLowerCase();
	const name = KIND_ALIASES[key] || Object.keys(KINDS).find((k) => k.toLowerCase() === key);
	if (!name) throw new Error(`Unknown record kind "${kind}" (use one of ${Object.keys(KINDS).join(', ')})`);
	return name;
}

function addRecord(state, kind, fields = {}) {
	const name = kindOf(kind);
	const spec = KINDS[name];
	const given = normalise(fields);
	const id = given[spec.idField] !== undefined ? String(given[spec.idField]) : nextId(state, name);
	const record = { ...spec.defaults(state, id), ...given, [spec.idField]: id };
	if (spec.sync) spec.sync(record, given, state);
	state[spec.collection].push(record);
	return record;
}

function findRecord(state, kind, id) {
	const spec = KINDS[kindOf(kind)];
	return state[spec.collection].find((record) => record[spec.idField] === String(id)) || null;
}

function updateRecord(state, kind, id, patch = {}) {
	const spec = KINDS[kindOf(kind)];
	const record = findRecord(state, kind, id);
	if (!record) throw new Error(`No ${kind} with ${spec.idField} ${id}`);
	const given = normalise(patch);
	delete given[spec.idField];
	Object.assign(record, given);
	if (spec.sync) spec.sync(record, given, state);
	return record;
}

function removeRecord(state, kind, id) {
	const spec = KINDS[kindOf(kind)];
	const list = state[spec.collection];
	const index = list.findIndex((record) => record[spec.idField] === String(id));
	if (index < 0) throw new Error(`No ${kind} with ${spec.idField} ${id}`);
	const [removed] = list.splice(index, 1);
	if (spec.cascade) spec.cascade(state, removed);
	return removed;
}

// ---------------------------------------------------------------------------------------------
// Seed data
// ---------------------------------------------------------------------------------------------
const COMMENTS = [
	'Site walk-through with client',
	null,
	'Revised planting plan',
	'Material order and delivery check',
	null,
	'Drawings for permit',
	'Crew coordination',
];

function seed(state) {
	const { calendar } = state;
	const add = (kind, fields) => addRecord(state, kind, fields);

	// Users (the admin is created by createState)
	state.counters.users = 70239;
	const daniel = add('users', {
		userId: '70240',
		email: 'daniel.ortiz@example.com',
		firstName: 'Daniel',
		lastName: 'Ortiz',
		title: 'Landscape Designer',
		internalId: '758',
		approvesFor: 'Nobody',
		hireDate: '2016-03-01 00:00:00',
		hourlyRate: '45.00',
		payType: 'H',
		hourlyPayRate: '38.00',
		country: 'US',
		phone: '301-555-1010',
		address: '18 Elm Street',
		city: 'Bowie',
		state: 'MD',
		zip: '20715',
	});
	const maria = add('users', {
		userId: '70241',
		email: 'maria.michele@example.com',
		firstName: 'Maria',
		lastName: 'Michele',
		title: 'Project Manager',
		isAdmin: '1',
		approvesFor: 'Group',
		internalId: '759',
		hireDate: '2014-06-16 00:00:00',
		hourlyRate: '60.00',
		payType: 'S',
		country: 'AU',
		phone: '+61 3 5550 1234',
		address: '222 Lemons Road',
		city: 'Southbank Victoria',
		state: 'VIC',
		zip: '3006',
	});
	const priya = add('users', {
		userId: '70242',
		email: 'priya.raman@example.com',
		firstName: 'Priya',
		lastName: 'Raman',
		title: 'Designer',
		hireDate: '2019-09-02 00:00:00',
		hourlyRate: '50.00',
		payType: 'S',
		country: 'GB',
		phone: '+44 20 7946 0958',
		address: '4 Kings Row',
		city: 'London',
		state: '',
		zip: 'N1 9GU',
	});
	const tom = add('users', {
		userId: '70243',
		email: 'tom.becker@example.com',
		firstName: 'Tom',
		lastName: 'Becker',
		title: 'Field Technician',
		internalId: '760',
		hireDate: '2021-04-12 00:00:00',
		hourlyRate: '40.00',
		payType: 'H',
		hourlyPayRate: '28.50',
		country: 'US',
		phone: '410-555-0199',
		address: '77 Harbor Way',
		city: 'Annapolis',
		state: 'MD',
		zip: '21401',
	});
	// Pending = invited, never signed in. One hireDate is date-only and not zero-padded, like the docs' example.
	add('users', {
		userId: '70244',
		status: 'Pending',
		email: 'aisha.karimi@example.com',
		firstName: 'Aisha',
		lastName: 'Karimi',
		title: 'Junior Designer',
		hireDate: unpadded(addDays(calendar.weekStart, 7)),
		hourlyRate: '35.00',
		payType: 'H',
		hourlyPayRate: '22.00',
		country: 'AF',
	});
	add('users', {
		userId: '70245',
		status: 'Pending',
		email: 'liam.obrien@example.com',
		firstName: 'Liam',
		lastName: "O'Brien",
		title: 'Estimator',
		hireDate: timestamp(addDays(calendar.weekStart, 14)),
		payType: 'S',
		country: 'IE',
	});
	const sofia = add('users', {
		userId: '70246',
		status: 'Disabled',
		email: 'sofia.rossi@example.com',
		firstName: 'Sofia',
		lastName: 'Rossi',
		title: 'Gardener',
		hireDate: '2018-05-07 00:00:00',
		hourlyRate: '30.00',
		payType: 'H',
		hourlyPayRate: '21.00',
		country: 'US',
	});
	add('users', {
		userId: '70247',
		status: 'Disabled',
		email: 'ken.watanabe@example.com',
		firstName: 'Ken',
		lastName: 'Watanabe',
		title: 'Former Operations Manager',
		isAdmin: '1',
		approvesFor: 'Everyone',
		hireDate: '2013-01-14 00:00:00',
		payType: 'S',
		country: 'CA',
	});

	// Clients
	state.counters.clients = 18110;
	const books = add('clients', {
		name: 'Books II Read Inc.',
		address: '222 Lemons Road',
		address2: 'Suite 200',
		city: 'Southbank Victoria',
		state: 'VIC',
		zip: '3006',
		country: 'AU',
		contact: 'Grace Lee',
	});
	const smithfield = add('clients', {
		name: 'Smithfield Supplies',
		address: '1400 Mercantile Lane',
		city: 'Largo',
		state: 'MD',
		zip: '20743',
		contact: 'Robert Smithfield',
	});
	const westfield = add('clients', { name: 'Westfield Lane HOA', address: '9 Westfield Lane', city: 'Laurel', state: 'MD', zip: '20707', contact: 'Nancy Cole' });
	const perry = add('clients', { name: 'Perry Retail Group', address: '55 Perry Parkway', address2: 'Floor 3', city: 'Gaithersburg', state: 'MD', zip: '20877', contact: 'Alan Perry' });
	const harbour = add('clients', {
		name: 'Harbour Cafe Ltd',
		address: '3 Quay Street',
		city: 'Bristol',
		state: '',
		zip: 'BS1 4DB',
		country: 'GB',
		VATNumber: 'GB123456789',
		contact: 'Emma Wright',
	});
	const oldMill = add('clients', { name: 'Old Mill Estates', address: '1 Mill Road', city: 'Ellicott City', state: 'MD', zip: '21043', isActive: '0', contact: 'Peter Gray' });

	// Projects + tasks
	state.counters.projects = 124729;
	state.counters.tasks = 841420;
	const everyone = state.users.filter((user) => userGroup(user) !== 'Disabled').map((user) => user.userId);
	const leave = add('projects', {
		projectName: 'Leave',
		clientId: '0', // [inferred] the system project has no client
		overview: 'Leave tracking',
		invoiceMethodId: null,
		projectRate: null,
		isBillable: '0',
		isSystemProject: '1',
		createdBy: '0',
		createdOn: '2012-10-10 19:24:31',
		peopleAssigned: everyone, // [inferred] everyone can book leave
	});
	const task = (project, shortDesc, longDesc, extra = {}) =>
		add('tasks', { projectId: project.projectId, shortDesc, longDesc, createdOn: project.createdOn, createdBy: project.createdBy, ...extra });
	const leaveTask = (shortDesc, longDesc) => task(leave, shortDesc, longDesc, { isBillable: '0', isLeaveField: '1', taskRate: '0.00' });
	const vacation = leaveTask('VAC', 'Vacation');
	const sick = leaveTask('SCK', 'Sick');
	leaveTask('HOL', 'Holiday');

	const created = (daysAgo, time) => timestamp(addDays(calendar.today, -daysAgo), time);
	const generalStore = add('projects', {
		clientId: smithfield.clientId,
		projectName: 'General Store',
		projectCode: 'SAM990',
		overview: 'Perry buildout',
		invoiceMethodId: '1',
		projectRate: '20.00',
		budgetedCost: '9500.00',
		budgetedHours: '68.00',
		createdOn: created(200, '10:15:00'),
		peopleAssigned: [state.adminUserId, daniel.userId, tom.userId],
	});
	const landscape = add('projects', {
		clientId: westfield.clientId,
		projectName: 'Landscape Design',
		overview: 'Landscape design for Westfield Lane',
		invoiceMethodId: '1',
		projectRate: '20.00',
		budgetedCost: '1200.00',
		budgetedHours: '30.00',
		createdOn: created(120, '14:02:51'),
		peopleAssigned: [daniel.userId, priya.userId],
	});
	const salon = add('projects', {
		clientId: perry.clientId,
		projectName: 'Salon Rebuild',
		projectCode: 'SAL121',
		overview: 'Interior rebuild of the Perry salon',
		invoiceMethodId: '2',
		projectRate: '60.00',
		createdOn: created(60, '08:45:10'),
		peopleAssigned: [maria.userId, tom.userId],
	});
	const cafe = add('projects', {
		clientId: harbour.clientId,
		projectName: 'Cafe Terrace',
		projectCode: 'HCT200',
		overview: 'Outdoor terrace and planters',
		invoiceMethodId: '3',
		projectRate: null,
		budgetedHours: '120.00',
		createdOn: created(25, '16:30:00'),
		peopleAssigned: [daniel.userId, priya.userId],
	});
	const garden = add('projects', {
		clientId: books.clientId,
		projectName: 'Garden Maintenance 2023',
		projectCode: 'GM2023',
		overview: 'Seasonal maintenance contract',
		invoiceMethodId: '2',
		projectRate: '35.00',
		isActive: '0',
		createdOn: '2023-01-09 09:00:00',
		peopleAssigned: [sofia.userId],
	});
	const officeMove = add('projects', {
		clientId: oldMill.clientId,
		projectName: 'Office Move',
		overview: 'Relocation of the estate office',
		invoiceMethodId: '4',
		projectRate: '0.00',
		isBillable: '0',
		isActive: '0',
		createdOn: '2022-08-22 11:20:45',
		peopleAssigned: [state.adminUserId],
	});
	const gsDesign = task(generalStore, 'DEZ101', 'Design', { taskRate: '75.00', budgetedHours: '20.00', budgetedCost: '1500.00' });
	const gsInstall = task(generalStore, 'INS200', 'Installation', { taskRate: '55.00' });
	const gsAdmin = task(generalStore, 'ADM001', 'Administration', { isBillable: '0', taskRate: '0.00' });
	const lsDesign = task(landscape, 'DEZ101', 'Design', { taskRate: '75.00' });
	const lsPlanting = task(landscape, 'PLT300', 'Planting', { taskRate: '45.00' });
	const salonBuild = task(salon, 'CON100', 'Construction');
	const salonIndirect = task(salon, 'IND', 'IND', { isBillable: '0' });
	const cafeDesign = task(cafe, 'DEZ101', 'Design');
	const cafeBuild = task(cafe, 'CON100', 'Construction');
	task(cafe, 'OLD001', 'Concept sketches', { isActive: '0' });
	task(garden, 'MNT100', 'Maintenance');
	task(officeMove, 'MOV100', 'Moving');

	// Time entries over the current week (up to today) and the three weeks before.
	state.counters.timeEntries = 46180600;
	const weeks = [-21, -14, -7, 0].map((offset) => addDays(calendar.weekStart, offset));
	const plans = [
		{ user: daniel, blocks: [[lsDesign, '5.00'], [cafeDesign, '3.00']] },
		{ user: maria, blocks: [[salonBuild, '6.00'], [salonIndirect, '2.00']] },
		{ user: priya, blocks: [[lsPlanting, '4.50'], [cafeBuild, '3.50']] },
		{ user: tom, blocks: [[gsInstall, '6.00'], [salonBuild, '2.00']] },
		{ user: state.users[0], blocks: [[gsAdmin, '2.00'], [gsDesign, '1.50']] },
	];
	weeks.forEach((weekStart, weekIndex) => {
		const approvedWeek = weekIndex < 2;
		for (const plan of plans) {
			// Timesheet status per user-week: older weeks approved, last week pending review (Daniel's approved).
			const lastWeek = weekIndex === 2;
			const approved = approvedWeek || (lastWeek && plan.user === daniel);
			state.timesheetStatuses[`${plan.user.userId}:${weekStart}`] = approved ? 'Approved' : lastWeek ? 'Pending Review' : 'Not Submitted';
			for (let day = 0; day < 5; day++) {
				const date = addDays(weekStart, day);
				if (date > calendar.today) continue;
				const isApproved = approved ? '1' : '0';
				if (plan.user === priya && weekIndex === 1 && day === 2) {
					add('timeEntries', { userId: priya.userId, specificDate: date, projectTaskId: vacation.projectTaskId, hours: '8.00', comment: 'Family trip', isApproved });
					continue;
				}
				if (plan.user === tom && weekIndex === 2 && day === 4) {
					add('timeEntries', { userId: tom.userId, specificDate: date, projectTaskId: sick.projectTaskId, hours: '8.00', comment: null, isApproved });
					continue;
				}
				plan.blocks.forEach(([blockTask, hours], blockIndex) => {
					add('timeEntries', {
						userId: plan.user.userId,
						specificDate: date,
						projectTaskId: blockTask.projectTaskId,
						hours,
						comment: COMMENTS[(weekIndex * 5 + day + blockIndex) % COMMENTS.length],
						isApproved,
					});
				});
			}
		}
	});
	// A zero-hour line (only visible in reports with showzeros=1).
	add('timeEntries', {
		userId: maria.userId,
		specificDate: addDays(weeks[2], 0),
		projectTaskId: salonIndirect.projectTaskId,
		hours: '0.00',
		comment: 'Travel time, not billed',
		isApproved: '0',
	});

	// Clock in/out actions for Tom (hourly) this week; today's afternoon is still open.
	state.counters.clockActions = 3301000;
	for (let day = 0; day < 5; day++) {
		const date = addDays(calendar.weekStart, day);
		if (date > calendar.today) continue;
		add('clockActions', { userId: tom.userId, specificDate: date, projectTaskId: gsInstall.projectTaskId, clockIn: timestamp(date, '08:00:00'), clockOut: timestamp(date, '12:00:00') });
		add('clockActions', {
			userId: tom.userId,
			specificDate: date,
			projectTaskId: salonBuild.projectTaskId,
			clockIn: timestamp(date, '12:30:00'),
			clockOut: date === calendar.today ? null : timestamp(date, '16:30:00'),
		});
	}
	state.weeklyComments[`${daniel.userId}:${weeks[2]}`] = []; // element shape undocumented [unknown]

	// Expenses in several statuses over the last weeks.
	state.counters.expenses = 57870;
	const expense = (user, daysAgo, project, categoryIndex, amount, statusName, notes, extra = {}) =>
		add('expenses', {
			userId: user.userId,
			expenseDate: addDays(calendar.today, -daysAgo),
			projectId: project.projectId,
			expenseCategoryId: EXPENSE_CATEGORIES[categoryIndex].expenseCategoryId,
			amount,
			statusName,
			notes,
			...extra,
		});
	expense(daniel, 2, landscape, 0, '50.00', 'Pending', '', { receiptURL: '211yo4rq_app.jpg' });
	expense(maria, 3, salon, 1, '412.80', 'Pending', 'Flight to FL', { receiptURL: '9k2mx7ta_app.jpg' });
	expense(tom, 5, generalStore, 3, '268.15', 'Pending', 'Lumber and fixings', { receiptURL: 'b71qq0zr_app.jpg' });
	expense(priya, 6, cafe, 4, '36.40', 'Pending', '52 miles round trip', { isBillable: '0' });
	expense(daniel, 9, cafe, 2, '189.00', 'Approved', 'Hotel near site', { receiptURL: 'p3n8v5ce_app.jpg' });
	expense(tom, 12, salon, 3, '95.20', 'Approved', 'Paint', { receiptURL: '4hd72kls_app.jpg' });
	expense(maria, 15, salon, 0, '64.75', 'Approved', 'Client lunch', { isBillable: '0' });
	expense(daniel, 24, landscape, 1, '120.00', 'Invoiced', 'Train to nursery', { receiptURL: 'q8w2e4r6_app.jpg' });
	expense(tom, 27, generalStore, 3, '540.00', 'Invoiced', 'Shelving units', { receiptURL: 'z1x3c5v7_app.jpg' });
	expense(sofia, 400, garden, 4, '22.10', 'Invoiced', '');

	// Invoices (newest first in the list), each with line items.
	state.counters.invoices = 626;
	state.counters.lineItems = 6472;
	const invoice = (daysAgo, client, project, lines, extra = {}) => {
		const invoiceDate = addDays(calendar.today, -daysAgo);
		const periodEnd = addDays(invoiceDate, -1);
		const periodStart = addDays(invoiceDate, -30);
		const yymm = `${invoiceDate.slice(2, 4)}${invoiceDate.slice(5, 7)}`;
		return add('invoices', {
			invoiceDate,
			invoiceNum: `${yymm}-${state.invoices.length + 1}`,
			dueDate: addDays(invoiceDate, 30),
			billTo: client.name,
			clientId: client.clientId,
			notes: `${mmddyyyy(periodStart)} - ${mmddyyyy(periodEnd)} Projects: ${project.projectName}`,
			createdOn: timestamp(invoiceDate, '19:08:06'),
			lineItems: lines.map(([description, quantity, unitPrice]) => ({ description, quantity, unitPrice })),
			...extra,
		});
	};
	invoice(400, books, garden, [['Sofia Rossi (Garden Maintenance 2023: Hrs Worked)', '96.00', '35.00']], { isPaid: '1', isActive: '0', tax: null, discount: null, attn: null });
	invoice(60, smithfield, generalStore, [
		['Tom Becker (General Store: Hrs Worked)', '120.00', '55.00'],
		['John Holmes (General Store: Hrs Worked)', '12.00', '75.00'],
	], { isPaid: '1', attn: 'Accounts Payable' });
	invoice(31, westfield, landscape, [['Daniel Ortiz (Landscape Design: Hrs Worked)', '100.00', '75.00']], { isPaid: '1' });
	invoice(14, perry, salon, [
		['Maria Michele (Salon Rebuild: Hrs Worked)', '60.00', '60.00'],
		['Tom Becker (Salon Rebuild: Hrs Worked)', '20.00', '60.00'],
		['Materials (see expense report)', '1.00', '95.20'],
	], { tax: '10', discount: '5', subject: 'Salon Rebuild - progress invoice' });
	invoice(3, harbour, cafe, [['Priya Raman (Cafe Terrace: Hrs Worked)', '28.00', '50.00']], { currencySymbol: '', tax: null, discount: null, attn: null, paymentTerms: '2' });
}

function createState({ today = new Date().toISOString().slice(0, 10), apiKey = DEFAULT_API_KEY, adminEmail = DEFAULT_ADMIN_EMAIL, seed: withSeed = true } = {}) {
	if (!isValidDate(today)) throw new Error(`today must be YYYY-MM-DD, got ${today}`);
	const weekStart = weekStartOf(today);
	const state = {
		calendar: { today, weekStart, previousWeekStart: addDays(weekStart, -7) },
		company: { companyId: COMPANY_ID, name: 'Holmes Landscaping & Design' },
		apiKeys: { [apiKey]: { companyId: COMPANY_ID, label: 'default' } },
		adminUserId: '501',
		counters: { clients: 18110, users: 70239, projects: 124729, tasks: 841420, invoices: 626, lineItems: 6472, expenses: 57870, timeEntries: 46180600, clockActions: 3301000 },
		clients: [],
		users: [],
		projects: [],
		tasks: [],
		invoices: [],
		expenses: [],
		timeEntries: [],
		clockActions: [],
		expenseCategories: clone(EXPENSE_CATEGORIES),
		/** 'userId:weekStart' -> 'Not Submitted' | 'Pending Review' | 'Approved' (default 'Not Submitted'). */
		timesheetStatuses: {},
		/** 'userId:weekStart' -> weekly comments[] (element shape undocumented, served as stored). */
		weeklyComments: {},
		settings: { weekStartsOn: 1, requireExpenseStatus: true },
	};
	addRecord(state, 'users', {
		userId: '501',
		email: adminEmail,
		approvesFor: 'Everyone',
		isAdmin: '1',
		firstName: 'John',
		lastName: 'Holmes',
		title: 'Account Owner',
		internalId: '123',
		trackLeave: '1',
		hireDate: '2012-10-10 00:00:00',
		hourlyRate: '25.00',
		payType: 'S',
		hourlyPayRate: null,
		country: 'US',
		phone: '301-555-3232',
		address: '12 Main Street',
		city: 'Laurel',
		state: 'MD',
		zip: '20707',
	});
	if (withSeed) seed(state);
	return state;
}

// ---------------------------------------------------------------------------------------------
// Views: stored records -> API items
// ---------------------------------------------------------------------------------------------
function indexes(state) {
	const map = (list, key) => new Map(list.map((record) => [record[key], record]));
	return {
		clients: map(state.clients, 'clientId'),
		users: map(state.users, 'userId'),
		projects: map(state.projects, 'projectId'),
		tasks: map(state.tasks, 'projectTaskId'),
	};
}

const clientView = (client) => pick(client, CLIENT_FIELDS);

function expenseView(expense, idx) {
	const project = idx.projects.get(expense.projectId);
	const category = EXPENSE_CATEGORIES.find((c) => c.expenseCategoryId === expense.expenseCategoryId);
	return pick(
		{
			...expense,
			projectName: project ? project.projectName : expense.projectName ?? null,
			expenseCategoryName: expense.expenseCategoryName ?? (category ? category.expenseCategoryName : null),
		},
		EXPENSE_FIELDS,
	);
}

/** Totals follow the line items: subTotal 2 decimals, tax/discount amounts and amountDue without fixed decimals. */
function invoiceView(invoice) {
	const lineItems = (invoice.lineItems || []).map((item) => pick(item, LINE_ITEM_FIELDS));
	const subTotal = round2(lineItems.reduce((sum, item) => sum + num(item.total), 0));
	const discountAmount = round2((subTotal * num(invoice.discount)) / 100); // [inferred] discount before tax
	const taxAmount = round2(((subTotal - discountAmount) * num(invoice.tax)) / 100);
	return {
		...pick(invoice, INVOICE_HEAD_FIELDS),
		lineItems,
		subTotal: subTotal.toFixed(2),
		taxAmount: String(taxAmount),
		discountAmount: String(discountAmount),
		amountDue: String(round2(subTotal - discountAmount + taxAmount)),
	};
}

function projectListItem(project) {
	const out = {};
	for (const [apiName, field] of PROJECT_LIST_FIELDS) out[apiName] = project[field] === undefined ? null : project[field];
	return out;
}

function projectDetail(state, project, idx) {
	const client = idx.clients.get(project.clientId);
	const people = (project.peopleAssigned || []).map((id) => idx.users.get(String(id))).filter(Boolean);
	return {
		clientId: project.clientId ?? null,
		clientName: client ? client.name : null,
		projectId: project.projectId,
		projectName: project.projectName ?? null,
		projectCode: project.projectCode ?? null,
		overview: project.overview ?? null,
		createdBy: project.createdBy ?? null,
		companyId: project.companyId ?? null,
		isBillable: project.isBillable ?? null,
		budgetedCost: project.budgetedCost ?? null,
		budgetedHours: project.budgetedHours ?? null,
		invoiceMethod: project.invoiceMethodId ?? null,
		invoiceMethodName: INVOICE_METHODS[project.invoiceMethodId] || null,
		projectRate: project.projectRate ?? null,
		isSystemProject: project.isSystemProject ?? '0',
		peopleAssigned: people.map((user) => pick(user, PERSON_FIELDS)),
		tasks: state.tasks.filter((task) => task.projectId === project.projectId).map((task) => pick(task, TASK_FIELDS)),
	};
}

function userDetail(state, user) {
	const projectsAssigned = state.projects
		.filter((project) => (project.peopleAssigned || []).includes(user.userId))
		.map((project) => ({ ProjectId: project.projectId, ProjectName: project.projectName }));
	return {
		userId: user.userId,
		email: user.email ?? null,
		approvesFor: user.approvesFor ?? null,
		companyId: user.companyId ?? null,
		isAdmin: user.isAdmin ?? '0',
		firstName: user.firstName ?? null,
		lastName: user.lastName ?? null,
		title: user.title ?? null,
		internalId: user.internalId ?? null,
		trackLeave: user.trackLeave ?? null,
		isActive: user.isActive ?? null,
		hireDate: user.hireDate ?? null,
		hourlyRate: user.hourlyRate ?? null,
		payType: user.payType ?? null,
		hourlyPayRate: user.hourlyPayRate ?? null,
		projectsAssigned,
		country: COUNTRY_NAMES[user.country] || user.country || null,
		phone: user.phone ?? null,
		address: user.address ?? null,
		city: user.city ?? null,
		state: user.state ?? null,
		zip: user.zip ?? null,
	};
}

// clockIn/clockOut formats are undocumented: stored as 'YYYY-MM-DD HH:MM:SS', formatted as 'h:mm AM' [inferred].
function clockFormatted(value) {
	if (!value) return null;
	const [hours, minutes] = value.slice(11, 16).split(':').map(Number);
	return `${hours % 12 || 12}:${String(minutes).padStart(2, '0')} ${hours < 12 ? 'AM' : 'PM'}`;
}
function clockActionView(action, idx) {
	const task = idx.tasks.get(action.projectTaskId);
	const project = task ? idx.projects.get(task.projectId) : null;
	const span = action.clockIn && action.clockOut ? (new Date(action.clockOut.replace(' ', 'T') + 'Z') - new Date(action.clockIn.replace(' ', 'T') + 'Z')) / 3600000 : 0;
	return {
		clockInOutId: action.clockInOutId,
		specificDate: action.specificDate,
		projectName: project ? project.projectName : null,
		longDesc: task ? task.longDesc : null,
		shortDesc: task ? task.shortDesc : null,
		projectTaskId: action.projectTaskId ?? null,
		clockIn: action.clockIn ?? null,
		clockOut: action.clockOut ?? null,
		clockInFormatted: clockFormatted(action.clockIn),
		clockOutFormatted: clockFormatted(action.clockOut),
		sumHours: fixed2(span), // "0.00" while still clocked in [inferred]
	};
}

const timesheetStatus = (state, userId, date) =>
	state.timesheetStatuses[`${userId}:${weekStartOf(date, state.settings.weekStartsOn)}`] || 'Not Submitted';

function dayView(state, idx, userId, date, entries, actions) {
	const tasks = entries
		.filter((entry) => entry.specificDate === date && idx.tasks.has(entry.projectTaskId))
		.sort((a, b) => Number(a.hrsWorkedId) - Number(b.hrsWorkedId))
		.map((entry) => {
			const task = idx.tasks.get(entry.projectTaskId);
			const project = idx.projects.get(task.projectId);
			return {
				hrsWorkedId: entry.hrsWorkedId,
				specificDate: entry.specificDate,
				projectName: project ? project.projectName : null,
				projectTaskId: entry.projectTaskId,
				longDesc: task.longDesc ?? null,
				shortDesc: task.shortDesc ?? null,
				hours: entry.hours,
				comment: entry.comment ?? null,
				isApproved: entry.isApproved ?? '0',
			};
		});
	return {
		specificDate: date,
		totalHours: fixed2(tasks.reduce((sum, task) => sum + num(task.hours), 0)),
		status: timesheetStatus(state, userId, date), // day status = the week's status [inferred]
		tasks,
		clockInOut: {
			clockactions: actions
				.filter((action) => action.specificDate === date)
				.sort((a, b) => Number(a.clockInOutId) - Number(b.clockInOutId))
				.map((action) => clockActionView(action, idx)),
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Parameter validation (no error schema is documented: 400 + {"message"} is [inferred])
// ---------------------------------------------------------------------------------------------
function param(query, name) {
	const value = query[name];
	if (Array.isArray(value)) return value.join(',');
	return value === undefined ? undefined : String(value).trim();
}
function requireParams(query, names) {
	const missing = names.filter((name) => !param(query, name));
	if (missing.length) fail(400, `Missing required query parameter${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
}
function requireDate(query, name) {
	const value = param(query, name);
	if (!isValidDate(value)) fail(400, `Invalid ${name} "${value}": expected a date in yyyy-mm-dd format`);
	return value;
}
function requireEnum(query, name, allowed) {
	const value = param(query, name).toLowerCase(); // [inferred] values are matched case-insensitively
	if (!allowed.includes(value)) fail(400, `Invalid ${name} "${param(query, name)}": expected one of ${allowed.join(', ')}`);
	return value;
}
function idList(query, name, keywords) {
	const value = param(query, name).replace(/\s+/g, '');
	if (keywords.includes(value.toLowerCase())) return { keyword: value.toLowerCase(), ids: null };
	if (!/^\d+(,\d+)*$/.test(value)) fail(400, `Invalid ${name} "${value}": expected ${keywords.join(', ')}, an id or comma-separated ids`);
	return { keyword: null, ids: new Set(value.split(',')) }; // unknown ids simply match nothing [inferred]
}

function reportFilters(query) {
	requireParams(query, REPORT_PARAMS);
	const fromdate = requireDate(query, 'fromdate');
	const todate = requireDate(query, 'todate');
	if (fromdate > todate) fail(400, 'fromdate must not be after todate'); // [inferred]
	const showzeros = param(query, 'showzeros');
	if (!['0', '1'].includes(showzeros)) fail(400, `Invalid showzeros "${showzeros}": expected 0 or 1`);
	return {
		fromdate,
		todate, // inclusive [inferred]
		projects: idList(query, 'projects', PROJECT_KEYWORDS),
		users: idList(query, 'users', ['all']),
		showzeros: showzeros === '1',
		taskstatus: requireEnum(query, 'taskstatus', TASK_STATUS_FILTERS),
		timestatus: requireEnum(query, 'timestatus', TIME_STATUS_FILTERS),
	};
}

function projectMatches(filters, project) {
	const { keyword, ids } = filters.projects;
	if (keyword === 'all') return true;
	if (keyword === 'allactive') return project.isActive !== '0'; // the Leave project counts as active [inferred]
	if (keyword === 'alldisabled') return project.isActive === '0';
	return ids.has(project.projectId);
}
const taskMatches = (filters, task) =>
	filters.taskstatus === 'all' || (filters.taskstatus === 'billable' ? task.isBillable === '1' : task.isBillable !== '1');
const userMatches = (filters, user) => (filters.users.ids ? filters.users.ids.has(user.userId) : true);

/** Time entries passing every report filter, joined with user / task / project. */
function reportLines(state, idx, filters) {
	const lines = [];
	for (const entry of state.timeEntries) {
		if (entry.specificDate < filters.fromdate || entry.specificDate > filters.todate) continue;
		const user = idx.users.get(entry.userId);
		const task = idx.tasks.get(entry.projectTaskId);
		const project = task && idx.projects.get(task.projectId);
		if (!user || !task || !project) continue;
		if (!userMatches(filters, user) || !projectMatches(filters, project) || !taskMatches(filters, task)) continue;
		if (filters.timestatus === 'approved' && entry.isApproved !== '1') continue;
		if (filters.timestatus === 'notapproved' && entry.isApproved === '1') continue;
		if (!filters.showzeros && num(entry.hours) === 0) continue;
		lines.push({ entry, user, task, project });
	}
	return lines;
}

const byPerson = (a, b) => byText('lastName', 'firstName')(a.user, b.user) || Number(a.user.userId) - Number(b.user.userId);

function detailedReport(state, filters) {
	const idx = indexes(state);
	return reportLines(state, idx, filters)
		.sort((a, b) => byPerson(a, b) || (a.entry.specificDate < b.entry.specificDate ? -1 : a.entry.specificDate > b.entry.specificDate ? 1 : 0) || Number(a.entry.hrsWorkedId) - Number(b.entry.hrsWorkedId))
		.map(({ entry, user, task, project }) => ({
			userId: user.userId,
			internalId: user.internalId ?? null,
			firstName: user.firstName,
			lastName: user.lastName,
			date: entry.specificDate,
			project: project.projectName,
			projectId: project.projectId,
			taskId: task.projectTaskId, // = projectTaskId elsewhere [inferred]
			task: task.longDesc,
			taskCode: task.shortDesc,
			billable: task.isBillable,
			hours: fixed2(entry.hours),
			comments: entry.comment ?? null,
		}));
}

/**
 * One element per user with Rows[] per project task. Rates [inferred] from the project's invoice method:
 * 1 task rate, 2 project rate, 3 person rate, 4 / none -> 0. Non-billable rows: rate/total "0.00" [inferred].
 * Leave rows (system project): invoiceMethodId/Name null, rate and total the number 0 (as in the docs).
 */
function summaryRow(project, task, user, hours) {
	if (project.isSystemProject === '1') {
		return { project: project.projectName, task: task.longDesc, taskCode: task.shortDesc, billable: task.isBillable, invoiceMethodId: null, invoiceMethodName: null, rate: 0, hours: fixed2(hours), total: 0 };
	}
	const method = project.invoiceMethodId ?? null;
	const billable = task.isBillable === '1' && project.isBillable !== '0';
	const rate = !billable ? 0 : method === '1' ? num(task.taskRate) : method === '2' ? num(project.projectRate) : method === '3' ? num(user.hourlyRate) : 0;
	return {
		project: project.projectName,
		task: task.longDesc,
		taskCode: task.shortDesc,
		billable: task.isBillable,
		invoiceMethodId: method,
		invoiceMethodName: REPORT_INVOICE_METHODS[method] || null,
		rate: fixed2(rate),
		hours: fixed2(hours),
		total: fixed2(rate * hours),
	};
}

function summaryReport(state, filters) {
	const idx = indexes(state);
	const perUser = new Map(); // userId -> Map(taskId -> hours)
	for (const { entry, user, task } of reportLines(state, idx, filters)) {
		if (!perUser.has(user.userId)) perUser.set(user.userId, new Map());
		const rows = perUser.get(user.userId);
		rows.set(task.projectTaskId, (rows.get(task.projectTaskId) || 0) + num(entry.hours));
	}
	if (filters.showzeros) {
		// Zero rows: active tasks of matching projects the user is assigned to; users=all lists active users [inferred].
		for (const user of state.users) {
			if (!userMatches(filters, user)) continue;
			if (!filters.users.ids && userGroup(user) !== 'Active' && !perUser.has(user.userId)) continue;
			if (!perUser.has(user.userId)) perUser.set(user.userId, new Map());
			const rows = perUser.get(user.userId);
			for (const task of state.tasks) {
				const project = idx.projects.get(task.projectId);
				if (!project || task.isActive === '0' || !projectMatches(filters, project) || !taskMatches(filters, task)) continue;
				const assigned = (project.peopleAssigned || []).includes(user.userId) || (project.isSystemProject === '1' && user.trackLeave === '1');
				if (assigned && !rows.has(task.projectTaskId)) rows.set(task.projectTaskId, 0);
			}
		}
	}
	return [...perUser.entries()]
		.map(([userId, rows]) => ({ user: idx.users.get(userId), rows }))
		.filter(({ user }) => user)
		.sort(byPerson)
		.map(({ user, rows }) => ({
			firstName: user.firstName,
			lastName: user.lastName,
			userId: user.userId,
			internalId: user.internalId ?? '', // docs' summary example shows "" (detailed shows null) [inferred]
			Rows: [...rows.entries()]
				.map(([taskId, hours]) => {
					const task = idx.tasks.get(taskId);
					return summaryRow(idx.projects.get(task.projectId), task, user, hours);
				})
				.sort(byText('project', 'task')),
		}));
}

function timesheetTarget(state, query) {
	requireParams(query, ['userid', 'date']);
	const userId = param(query, 'userid');
	if (!/^\d+$/.test(userId)) fail(400, `Invalid userid "${userId}": expected a numeric user id`); // [inferred]
	const date = requireDate(query, 'date');
	const user = state.users.find((candidate) => candidate.userId === userId);
	if (!user) fail(404, `User ${userId} not found`); // [inferred]
	return {
		user,
		date,
		entries: state.timeEntries.filter((entry) => entry.userId === userId),
		actions: state.clockActions.filter((action) => action.userId === userId),
	};
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------
function buildRoutes(state) {
	const byId = (kind, label) => (ctx) => {
		const record = findRecord(state, kind, ctx.params.id);
		if (!record) fail(404, `${label} ${ctx.params.id} not found`); // [inferred] 404 for unknown ids
		return record;
	};
	const client = byId('clients', 'Client');
	const expense = byId('expenses', 'Expense');
	const invoice = byId('invoices', 'Invoice');
	const project = byId('projects', 'Project');
	const user = byId('users', 'User');

	const handlers = {
		'/clients': () => ({ body: [...state.clients].sort(byText('name')).map(clientView) }),
		'/clients/{id}': (ctx) => ({ body: clientView(client(ctx)) }),

		'/expenses': (ctx) => {
			let status = param(ctx.query, 'status');
			if (!status) {
				// Documented as required; the docs' own example omits it. Strict by default, lenient on request.
				if (state.settings.requireExpenseStatus) fail(400, 'Missing required query parameter: status');
				status = 'all';
			}
			const filter = requireEnum({ status }, 'status', EXPENSE_STATUS_FILTERS);
			const idx = indexes(state);
			const items = state.expenses
				.filter((record) => filter === 'all' || String(record.statusName).toLowerCase() === filter)
				.sort((a, b) => (a.expenseDate < b.expenseDate ? 1 : a.expenseDate > b.expenseDate ? -1 : 0) || byNumberDesc('expenseId')(a, b)); // order [unknown]: newest first
			return { body: items.map((record) => expenseView(record, idx)) };
		},
		'/expenses/{id}': (ctx) => ({ body: expenseView(expense(ctx), indexes(state)) }),

		'/invoices': () => ({
			body: [...state.invoices]
				.sort((a, b) => (a.invoiceDate < b.invoiceDate ? 1 : a.invoiceDate > b.invoiceDate ? -1 : 0) || byNumberDesc('invoiceId')(a, b)) // newest first [inferred]
				.map(invoiceView),
		}),
		'/invoices/{id}': (ctx) => ({ body: invoiceView(invoice(ctx)) }),

		// [ { Active: [...], Archived: [...], Leave: [...] } ] — an array holding ONE object (docs' example).
		'/projects': () => {
			const groups = Object.fromEntries(PROJECT_GROUPS.map((group) => [group, []]));
			for (const record of [...state.projects].sort(byText('projectName'))) groups[projectGroup(record)].push(projectListItem(record));
			return { body: [groups] };
		},
		'/projects/{id}': (ctx) => ({ body: projectDetail(state, project(ctx), indexes(state)) }),

		'/reports/summary': (ctx) => ({ body: summaryReport(state, reportFilters(ctx.query)) }),
		'/reports/detailed': (ctx) => ({ body: detailedReport(state, reportFilters(ctx.query)) }),

		'/timesheets/daily': (ctx) => {
			const { user: target, date, entries, actions } = timesheetTarget(state, ctx.query);
			return { body: dayView(state, indexes(state), target.userId, date, entries, actions) };
		},
		'/timesheets/weekly': (ctx) => {
			const { user: target, date, entries, actions } = timesheetTarget(state, ctx.query);
			const idx = indexes(state);
			const startDate = weekStartOf(date, state.settings.weekStartsOn); // week containing date [inferred]
			const days = Array.from({ length: 7 }, (_, i) => dayView(state, idx, target.userId, addDays(startDate, i), entries, actions));
			return {
				body: {
					startDate,
					endDate: addDays(startDate, 6),
					totalHours: fixed2(days.reduce((sum, day) => sum + num(day.totalHours), 0)),
					status: timesheetStatus(state, target.userId, startDate),
					days,
					comments: clone(state.weeklyComments[`${target.userId}:${startDate}`] || []),
				},
			};
		},

		// { Active: [...], Pending: [...], Disabled: [...] } — a bare object.
		'/users': () => {
			const groups = Object.fromEntries(USER_GROUPS.map((group) => [group, []]));
			for (const record of [...state.users].sort(byText('lastName', 'firstName'))) groups[userGroup(record)].push(pick(record, USER_LIST_FIELDS));
			return { body: groups };
		},
		'/users/{id}': (ctx) => ({ body: userDetail(state, user(ctx)) }),
	};

	const routes = [];
	for (const [path, handler] of Object.entries(handlers)) {
		routes.push({ method: 'GET', path: `${API_PREFIX}${path}`, handler });
		routes.push({ method: 'GET', path, handler }); // early overview: no /v1 ("Versioning TBD")
	}
	return routes;
}

// ---------------------------------------------------------------------------------------------
// Auth: x-api-key (company key) + x-ww-user (e-mail of an administrator of that company)
// ---------------------------------------------------------------------------------------------
function makeAuthenticate(state) {
	// Status and body for failures are undocumented: 401 + {"message"} for every case [inferred]
	// (a valid key with a non-admin / unknown / disabled / pending e-mail is 401 too, not 403 [inferred]).
	const refuse = (message) => ({ status: 401, message });
	return (ctx) => {
		const apiKey = ctx.headers['x-api-key'];
		const email = ctx.headers['x-ww-user'];
		if (!apiKey || !email) return refuse('Missing authentication headers: x-api-key and x-ww-user are required.');
		const key = state.apiKeys[apiKey];
		if (!key) return refuse('Invalid API key.');
		const wanted = String(email).trim().toLowerCase(); // e-mail compared case-insensitively [inferred]
		const user = state.users.find((candidate) => String(candidate.email).toLowerCase() === wanted && (candidate.companyId || key.companyId) === key.companyId);
		if (!user || user.isAdmin !== '1' || userGroup(user) !== 'Active') {
			return refuse('x-ww-user must be the e-mail address of an active administrator of this company.');
		}
		return { token: apiKey, id: apiKey, companyId: key.companyId, userId: user.userId, email: user.email };
	};
}

// No error body schema is documented; {"message": "..."} is the spec's [inferred] suggestion.
const errorBody = (status, message) => ({ message: status === 429 ? 'Too Many Requests' : message });

// ---------------------------------------------------------------------------------------------
// Bulk seeding (memory / volume tests)
// ---------------------------------------------------------------------------------------------
const FIRST_NAMES = ['Ava', 'Noah', 'Mia', 'Liam', 'Zoe', 'Ethan', 'Isla', 'Lucas', 'Nora', 'Mateo', 'Leah', 'Omar', 'Sara', 'Ivan', 'Aiko', 'Kofi'];
const LAST_NAMES = ['Smith', 'Garcia', 'Kowalski', 'Nguyen', 'Silva', 'Haddad', 'Larsen', 'Rossi', 'Kim', 'Dubois', 'Ivanova', 'Mensah'];
const PROJECT_WORDS = ['Courtyard', 'Roof Garden', 'Shop Fit-out', 'Drainage', 'Patio', 'Lobby Refresh', 'Fence Line', 'Green Wall'];
const CITIES = [['Laurel', 'MD', '20707'], ['Bowie', 'MD', '20715'], ['Arlington', 'VA', '22201'], ['Dover', 'DE', '19901']];

/**
 * seedBulk(state, kind, count, options) -> created records.
 * kinds: clients, users, projects, tasks, invoices, expenses, timeEntries, clockActions.
 * options (all optional): fields merged into every record (e.g. { status: 'Pending' } for users,
 * { statusName: 'Approved' } for expenses, { projectId } for tasks, { userId, specificDate } for time entries).
 */
function seedBulk(state, kind, count, options = {}) {
	const name = kindOf(kind);
	const out = [];
	const activeProjects = state.projects.filter((p) => projectGroup(p) === 'Active');
	const workTasks = state.tasks.filter((t) => t.isLeaveField !== '1' && t.isActive !== '0' && activeProjects.some((p) => p.projectId === t.projectId));
	const activeUsers = state.users.filter((u) => userGroup(u) === 'Active');
	const statuses = Object.keys(EXPENSE_STATUS_IDS);
	for (let i = 0; i < count; i++) {
		const n = (state.counters[`bulk:${name}`] = (state.counters[`bulk:${name}`] || 0) + 1);
		const serial = String(n).padStart(5, '0');
		const daysAgo = n % 28;
		let fields;
		switch (name) {
			case 'clients': {
				const [city, st, zip] = CITIES[n % CITIES.length];
				fields = { name: `Bulk Client ${serial}`, address: `${n} Commerce Street`, city, state: st, zip, contact: `${FIRST_NAMES[n % 16]} ${LAST_NAMES[n % 12]}` };
				break;
			}
			case 'users': {
				const first = FIRST_NAMES[n % FIRST_NAMES.length];
				const last = LAST_NAMES[Math.floor(n / FIRST_NAMES.length) % LAST_NAMES.length];
				fields = { email: `${first}.${last}.${serial}@example.com`.toLowerCase(), firstName: first, lastName: last, title: 'Crew Member', hourlyRate: '30.00', hireDate: timestamp(addDays(state.calendar.today, -daysAgo - 30)) };
				break;
			}
			case 'projects':
				fields = {
					projectName: `${PROJECT_WORDS[n % PROJECT_WORDS.length]} ${serial}`,
					clientId: state.clients.length ? state.clients[n % state.clients.length].clientId : '0',
					projectRate: '40.00',
					createdOn: timestamp(addDays(state.calendar.today, -daysAgo), '10:00:00'),
				};
				break;
			case 'tasks':
				fields = { projectId: activeProjects[n % activeProjects.length].projectId, shortDesc: `BLK${serial}`, longDesc: `Bulk task ${serial}`, taskRate: '50.00' };
				break;
			case 'invoices': {
				const invoiceClient = state.clients[n % state.clients.length];
				const invoiceDate = addDays(state.calendar.today, -daysAgo);
				fields = {
					invoiceDate,
					dueDate: addDays(invoiceDate, 30),
					invoiceNum: `B-${serial}`,
					billTo: invoiceClient ? invoiceClient.name : '',
					clientId: invoiceClient ? invoiceClient.clientId : '0',
					createdOn: timestamp(invoiceDate, '18:00:00'),
					lineItems: [{ description: `Bulk work ${serial} (Hrs Worked)`, quantity: '2.00', unitPrice: '50.00' }],
				};
				break;
			}
			case 'expenses':
				fields = {
					userId: activeUsers[n % activeUsers.length].userId,
					expenseDate: addDays(state.calendar.today, -daysAgo),
					projectId: activeProjects.length ? activeProjects[n % activeProjects.length].projectId : null,
					expenseCategoryId: EXPENSE_CATEGORIES[n % EXPENSE_CATEGORIES.length].expenseCategoryId,
					amount: fixed2(10 + (n % 90) + 0.5),
					statusName: statuses[n % statuses.length],
					notes: `Bulk expense ${serial}`,
				};
				break;
			case 'timeEntries': {
				const date = addDays(state.calendar.today, -daysAgo);
				fields = {
					userId: activeUsers[n % activeUsers.length].userId,
					specificDate: date,
					projectTaskId: workTasks[n % workTasks.length].projectTaskId,
					hours: '0.25',
					comment: `Bulk entry ${serial}`,
					isApproved: daysAgo > 14 ? '1' : '0',
				};
				break;
			}
			case 'clockActions': {
				const date = addDays(state.calendar.today, -daysAgo);
				fields = { userId: activeUsers[n % activeUsers.length].userId, specificDate: date, projectTaskId: workTasks[n % workTasks.length].projectTaskId, clockIn: timestamp(date, '08:00:00'), clockOut: timestamp(date, '08:15:00') };
				break;
			}
			default:
				throw new Error(`seedBulk: unsupported kind "${kind}"`);
		}
		out.push(addRecord(state, name, { ...fields, ...options }));
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------
const HELPER_NAMES = {
	clients: 'Client',
	users: 'User',
	projects: 'Project',
	tasks: 'Task',
	invoices: 'Invoice',
	expenses: 'Expense',
	timeEntries: 'TimeEntry',
	clockActions: 'ClockAction',
};

/**
 * startWeWorkedEmulator(options) -> started emulator (framework API: requests, findRequests, fault, setRateLimit,
 * resetRateLimit, stats, close, ...) plus the WeWorked helpers below.
 *   today: 'YYYY-MM-DD' (deterministic seed dates; default: the real UTC date)
 *   rateLimit: { limit, windowMs, headers } (default 200 / 300 000 ms per API key; headers 'retry-after')
 *   apiKey, adminEmail: the valid credential pair (defaults DEFAULT_API_KEY / DEFAULT_ADMIN_EMAIL)
 *   seed: false -> only the admin user (no clients, projects, time, ...)
 *   weekStartsOn: 1 (Monday, default) | 0 (Sunday) for weekly timesheets [inferred]
 *   requireExpenseStatus: true (default: GET /v1/expenses without status -> 400); false -> treated as 'all'
 *   port: fixed port (default random)
 */
async function startWeWorkedEmulator(options = {}) {
	const state = createState({ today: options.today, apiKey: options.apiKey, adminEmail: options.adminEmail, seed: options.seed !== false });
	if (options.weekStartsOn !== undefined) state.settings.weekStartsOn = options.weekStartsOn;
	if (options.requireExpenseStatus !== undefined) state.settings.requireExpenseStatus = Boolean(options.requireExpenseStatus);
	const apiKey = Object.keys(state.apiKeys)[0];
	const adminEmail = state.users[0].email;

	const emulator = createEmulator({
		basePath: '',
		authenticate: makeAuthenticate(state),
		routes: buildRoutes(state),
		// Per API key (scope undocumented [inferred]). Retry-After on 429 is [inferred]; no X-RateLimit-* headers
		// are documented, so none are sent by default.
		rateLimit: { ...DEFAULT_RATE_LIMIT, status: 429, headers: 'retry-after', key: (principal) => principal.token, ...(options.rateLimit || {}) },
		errorBody,
	});

	const helpers = {
		state,
		apiKey,
		adminEmail,
		emails: {
			admin: adminEmail,
			secondAdmin: 'maria.michele@example.com', // seeded only when seed !== false
			nonAdmin: 'daniel.ortiz@example.com',
			pending: 'aisha.karimi@example.com',
			disabledAdmin: 'ken.watanabe@example.com',
		},
		/** Request headers for the valid pair (or another e-mail / key). */
		authHeaders: ({ key = apiKey, email = adminEmail } = {}) => ({ 'x-api-key': key, 'x-ww-user': email }),
		add: (kind, fields) => addRecord(state, kind, fields),
		update: (kind, id, patch) => updateRecord(state, kind, id, patch),
		remove: (kind, id) => removeRecord(state, kind, id),
		get: (kind, id) => findRecord(state, kind, id),
		/** mutate('clients', 'add', fields) | mutate('clients', 'update', id, patch) | mutate('clients', 'remove', id) */
		mutate(kind, action, ...args) {
			if (action === 'add') return addRecord(state, kind, args[0]);
			if (action === 'update') return updateRecord(state, kind, args[0], args[1]);
			if (action === 'remove') return removeRecord(state, kind, args[0]);
			throw new Error(`mutate: unknown action "${action}" (add | update | remove)`);
		},
		seedBulk: (kind, count, bulkOptions) => seedBulk(state, kind, count, bulkOptions),
		/** Sets the timesheet status ('Not Submitted' | 'Pending Review' | 'Approved') of the week containing date. */
		setTimesheetStatus(userId, date, status) {
			if (!TIMESHEET_STATUSES.includes(status)) throw new Error(`Timesheet status must be one of ${TIMESHEET_STATUSES.join(', ')}`);
			state.timesheetStatuses[`${userId}:${weekStartOf(date, state.settings.weekStartsOn)}`] = status;
		},
		/** Approves the week containing date: status 'Approved' and isApproved "1" on its entries. */
		approveTimesheet(userId, date) {
			const start = weekStartOf(date, state.settings.weekStartsOn);
			const end = addDays(start, 6);
			helpers.setTimesheetStatus(String(userId), date, 'Approved');
			for (const entry of state.timeEntries) {
				if (entry.userId === String(userId) && entry.specificDate >= start && entry.specificDate <= end) entry.isApproved = '1';
			}
		},
		setWeeklyComments(userId, date, comments) {
			state.weeklyComments[`${userId}:${weekStartOf(date, state.settings.weekStartsOn)}`] = comments;
		},
		addApiKey(key, companyId = COMPANY_ID) {
			state.apiKeys[key] = { companyId, label: 'added' };
		},
		revokeApiKey(key = apiKey) {
			delete state.apiKeys[key];
		},
	};
	for (const [kind, label] of Object.entries(HELPER_NAMES)) {
		helpers[`add${label}`] = (fields) => addRecord(state, kind, fields);
		helpers[`update${label}`] = (id, patch) => updateRecord(state, kind, id, patch);
		helpers[`remove${label}`] = (id) => removeRecord(state, kind, id);
	}
	Object.assign(emulator, helpers);
	Object.defineProperty(emulator, 'credentials', {
		enumerable: true,
		get: () => ({ apiKey, email: adminEmail, baseUrl: emulator.origin }),
	});
	await emulator.listen(options.port || 0);
	return emulator;
}

module.exports = {
	startWeWorkedEmulator,
	createState,
	seedBulk,
	addRecord,
	updateRecord,
	removeRecord,
	constants: {
		API_PREFIX,
		COMPANY_ID,
		DEFAULT_API_KEY,
		DEFAULT_ADMIN_EMAIL,
		DEFAULT_RATE_LIMIT,
		USER_GROUPS,
		PROJECT_GROUPS,
		EXPENSE_STATUS_IDS,
		EXPENSE_STATUS_FILTERS,
		TIMESHEET_STATUSES,
		INVOICE_METHODS,
		REPORT_INVOICE_METHODS,
		EXPENSE_CATEGORIES,
		REPORT_PARAMS,
		CLIENT_FIELDS,
		EXPENSE_FIELDS,
		INVOICE_FIELDS: [...INVOICE_HEAD_FIELDS, 'lineItems', 'subTotal', 'taxAmount', 'discountAmount', 'amountDue'],
		LINE_ITEM_FIELDS,
		TASK_FIELDS,
		PROJECT_LIST_FIELDS: PROJECT_LIST_FIELDS.map(([apiName]) => apiName),
		USER_LIST_FIELDS,
	},
};
