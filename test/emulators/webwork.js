'use strict';
/**
 * WebWork Time Tracker REST API v2 emulator (base path /api/v2) + OAuth2 endpoints on the origin root.
 *
 * Behaviour copied from the integration reference (webwork.md / webwork.operations.json, not read at run
 * time). Tags in comments: [inferred] = deduced, not seen in the docs; [unknown] = the docs say nothing,
 * the emulator picks something plausible. Everything else follows the reference.
 */
const crypto = require('crypto');
const http = require('http');
const https = require('https');
const { createEmulator, HttpError } = require('./framework');

// ---------------------------------------------------------------------------------------------
// Constants from the reference
// ---------------------------------------------------------------------------------------------
const API_VERSION = '2.0.0';
const BASE_PATH = '/api/v2';
const ROLES = ['Owner', 'Project viewer', 'Executive manager', 'Team manager', 'Project manager', 'Regular User'];
const SETTABLE_ROLES = ['Regular User', 'Project manager', 'Team manager', 'Executive manager', 'Project viewer'];
const API_ROLES = ['Owner', 'Executive manager']; // §2 Access: every other role gets 403
const VIEWER_ROLE = 'Project viewer';
const MEMBER_STATUSES = ['active', 'inactive', 'left', 'unknown'];
const TASK_STATUSES = [0, 10, 20, 30]; // Incomplete, Doing, Done, Completed
const TASK_PRIORITIES = [10, 20, 30, 40]; // Urgent, High, Normal, Low
const CONTRACT_STATUSES = ['active', 'paused'];
const SCREENSHOT_LABELS = {
	// codes from the reference; labels [inferred]
	full: 'Full screenshots',
	blurred: 'Blurred screenshots',
	no_preview: 'No preview',
	no_screenshot: 'No screenshots',
	background_blurred: 'Background blurred',
	video_full: 'Full video',
	video_blurred: 'Blurred video',
	video_full_silent: 'Full video (silent)',
	video_blurred_silent: 'Blurred video (silent)',
};
const SCREENSHOT_MODES = Object.keys(SCREENSHOT_LABELS);
const TIMESHEET_STATUSES = ['pending', 'submitted', 'approved', 'rejected'];
const OLDER_TIMESHEET_STATUS = { open: 'pending' }; // older docs call "pending" "open"
const REVIEW_STATUSES = ['pending', 'approved', 'rejected']; // time requests, leaves
const ATTENDANCE_STATUS_LABELS = {
	late: 'Late',
	left_early: 'Left early',
	tracked_less: 'Tracked less',
	absent: 'Absent',
	on_leave: 'On leave',
};
const WEBHOOK_EVENTS = [
	'tracker.started',
	'tracker.stopped',
	'member.invited',
	'member.updated',
	'member.deleted',
	'member.activated',
	'member.archived',
	'project.created',
	'project.updated',
	'project.deleted',
];
// 'task.updated' only appears in a GET-webhook example of the current docs [uncertain]; accepted too.
const ACCEPTED_WEBHOOK_EVENTS = [...WEBHOOK_EVENTS, 'task.updated'];
const ERROR_NAMES = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};
const FORBIDDEN_MESSAGE = 'Access denied. Only workspace owners and executive managers can use the API.';
const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;
const REPORT_PAGING = { defaultPerPage: 30, maxPerPage: 100 }; // reports paginate by user
const TIME_ENTRY_PAGING = { defaultPerPage: 20, maxPerPage: 50 };
const WEBHOOK_PAGING = { defaultPerPage: 50, maxPerPage: 100 }; // older docs: 50 rows/page [inferred]
const MAX_REPORT_DAYS = 31;
// Attendance schedule used to derive Late / Left early / Tracked less [inferred]
const WORKDAY = { start: 9 * 60, end: 17 * 60, expectedMinutes: 480, graceMinutes: 15 };

// OAuth2 (token URL and response shape [inferred]: standard Laravel Passport-like)
const OAUTH_CLIENT = { id: 'test-client', secret: 'test-secret' };
const ACCESS_TOKEN_TTL_SECONDS = 15 * 24 * 3600; // 15 days [seen]
const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600; // 30 days [seen]
const FIXED_AUTHORIZATION_CODE = 'test-code'; // emulator convenience, always valid
const OAUTH_SCOPES = ['read', 'write', 'admin']; // [seen]
const DEFAULT_OAUTH_SCOPE = 'read write';
const OAUTH_APP_NAME = 'n8n (WebWork emulator test app)'; // the app registered for OAUTH_CLIENT [unknown: WebWork's page]

// ---------------------------------------------------------------------------------------------
// Small utilities: dates, ids, envelopes, errors
// ---------------------------------------------------------------------------------------------
const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const laravelTimestamp = (date = new Date()) => date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z'); // 2025-02-19T19:24:55.000000Z
const sqlTimestamp = (date = new Date()) => date.toISOString().slice(0, 19).replace('T', ' '); // 2025-02-19 19:24:55

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const isValidDate = (text) =>
	typeof text === 'string' && DATE_PATTERN.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
const parseDate = (date) => new Date(`${date}T00:00:00Z`);
const addDays = (date, days) => {
	const result = parseDate(date);
	result.setUTCDate(result.getUTCDate() + days);
	return result.toISOString().slice(0, 10);
};
const mondayOf = (date) => addDays(date, -((parseDate(date).getUTCDay() + 6) % 7));
const isWeekend = (date) => [0, 6].includes(parseDate(date).getUTCDay());
const daySpan = (from, to) => Math.round((parseDate(to) - parseDate(from)) / 86400000) + 1;
const datesBetween = (from, to) => Array.from({ length: Math.max(0, daySpan(from, to)) }, (_, i) => addDays(from, i));
const clockToMinutes = (clock) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const minutesToClock = (minutes) =>
	`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const displayDate = (date) => `${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}, ${date.slice(0, 4)}`; // "Jan 15, 2024"
const formatDuration = (minutes) => {
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	return [hours ? `${hours} hr` : '', rest || !hours ? `${rest} min` : ''].filter(Boolean).join(' ');
};
const hash = (text) => crypto.createHash('sha256').update(text).digest('hex');
/** Deterministic UUID-looking "encrypted" id (timesheets, time requests, entries, leaves, expenses). */
const encryptedIdFrom = (seed) => {
	const h = hash(`webwork:${seed}`);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
/** Hashids-like "encoded id string" (webhooks). */
const encodedIdFrom = (seed) => {
	const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	let number = BigInt(`0x${hash(`webhook:${seed}`).slice(0, 20)}`);
	let out = '';
	while (out.length < 12) {
		out += alphabet[Number(number % BigInt(alphabet.length))];
		number /= BigInt(alphabet.length);
	}
	return out;
};
const base64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
/** PATs are JWTs per the docs (bearerFormat JWT); deterministic so the CLI prints stable tokens. */
const personalAccessToken = (userId, label) => {
	const header = base64url({ typ: 'JWT', alg: 'RS256' });
	const payload = base64url({ aud: '1', jti: hash(`pat:${label}`).slice(0, 40), sub: String(userId), scopes: ['*'] });
	return `${header}.${payload}.${base64url(hash(`sig:${label}`))}`;
};
const asciiSlug = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '.');

const meta = (extra = {}) => ({ api_version: API_VERSION, timestamp: nowIso(), ...extra });

/** Success envelope. data === undefined omits the key (a few documented answers have no data). */
function ok(data, message, { status = 200, pagination, extra } = {}) {
	const body = { success: true, data };
	if (message) body.message = message;
	Object.assign(body, extra);
	body.meta = meta(pagination ? { pagination } : {});
	return { status, body };
}

function errorBody(status, message, extra = {}) {
	if (extra.errors) return { success: false, message, errors: extra.errors, meta: meta() };
	return { success: false, message, error: extra.error !== undefined ? extra.error : ERROR_NAMES[status] || null, meta: meta() };
}

const fail = (status, message) => {
	throw new HttpError(status, message);
};
const validationError = (errors) => new HttpError(422, 'Validation failed', { errors });
const invalid = (field, message) => {
	throw validationError({ [field]: [message] });
};
const fieldLabel = (field) => field.replace(/_/g, ' ');

// ---------------------------------------------------------------------------------------------
// Validation: schema = { field: 'int*' | 'date' | 'int[]' | ['enum*', values] ... } (* = required)
// Returns coerced values; throws one 422 listing every failing field (Laravel style).
// ---------------------------------------------------------------------------------------------
const RULES = {
	int: (raw) => {
		const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
		return Number.isInteger(value) ? { value } : { error: 'field must be an integer.' };
	},
	number: (raw) => {
		const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
		return Number.isFinite(value) ? { value } : { error: 'field must be a number.' };
	},
	string: (raw) => (['string', 'number'].includes(typeof raw) ? { value: String(raw) } : { error: 'field must be a string.' }),
	email: (raw) =>
		typeof raw === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw.trim())
			? { value: raw.trim() }
			: { error: 'field must be a valid email address.' },
	date: (raw) => (isValidDate(raw) ? { value: raw } : { error: 'field must match the format Y-m-d.' }),
	time: (raw) =>
		typeof raw === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(raw) ? { value: raw } : { error: 'field must match the format H:i.' },
	datetime: (raw) =>
		typeof raw === 'string' &&
		/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(raw) &&
		isValidDate(raw.slice(0, 10))
			? { value: raw }
			: { error: 'field must be a valid date.' },
	bool: (raw) => {
		if ([true, 'true', '1', 1].includes(raw)) return { value: true };
		if ([false, 'false', '0', 0].includes(raw)) return { value: false };
		return { error: 'field must be true or false.' };
	},
	url: (raw) => {
		try {
			return /^https?:$/.test(new URL(raw).protocol) ? { value: raw } : { error: 'field must be a valid URL.' };
		} catch {
			return { error: 'field must be a valid URL.' };
		}
	},
	timezone: (raw) => {
		try {
			new Intl.DateTimeFormat('en', { timeZone: raw });
			return { value: raw };
		} catch {
			return { error: 'field must be a valid timezone.' };
		}
	},
	enum: (raw, allowed) => {
		const value = allowed.find((option) => String(option) === String(raw));
		return value === undefined ? { error: 'invalid' } : { value };
	},
};

const isMissing = (raw) => raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0);
/** Arrays arrive as JSON arrays, repeated/bracketed query keys, or CSV ("arrays accept CSV"). */
const toArray = (raw) => (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',').map((part) => part.trim()) : [raw]);

function checkValue(field, kind, raw, allowed, errors) {
	const result = RULES[kind](raw, allowed);
	if (!result.error) return result.value;
	errors[field] = [result.error === 'invalid' ? `The selected ${fieldLabel(field)} is invalid.` : `The ${fieldLabel(field)} ${result.error}`];
	return undefined;
}

function validate(input, schema) {
	const errors = {};
	const values = {};
	for (const [field, rule] of Object.entries(schema)) {
		const [type, allowed] = Array.isArray(rule) ? rule : [rule];
		const required = type.endsWith('*');
		const isList = type.includes('[]');
		const kind = type.replace(/[*[\]]/g, '');
		const raw = input[field];
		if (isMissing(raw)) {
			if (required) errors[field] = [`The ${fieldLabel(field)} field is required.`];
			else if (raw === null) values[field] = null; // explicit null clears nullable fields
			continue;
		}
		values[field] = isList
			? toArray(raw).map((item, index) => checkValue(`${field}.${index}`, kind, item, allowed, errors))
			: checkValue(field, kind, raw, allowed, errors);
	}
	if (Object.keys(errors).length) throw validationError(errors);
	return values;
}

/** Cross-field date/time ordering, e.g. end_date >= start_date. */
function requireOrder(values, firstField, secondField, { strict = false, label = 'date' } = {}) {
	const first = values[firstField];
	const second = values[secondField];
	if (first == null || second == null) return;
	if (strict ? second > first : second >= first) return;
	invalid(
		secondField,
		`The ${fieldLabel(secondField)} field must be a ${label} ${strict ? 'after' : 'after or equal to'} ${fieldLabel(firstField)}.`,
	);
}

function requireMaxDays(values, fromField, toField, maxDays = MAX_REPORT_DAYS) {
	requireOrder(values, fromField, toField);
	if (daySpan(values[fromField], values[toField]) > maxDays) {
		invalid(toField, `The date range may not be longer than ${maxDays} days.`);
	}
}

/** Validates page/per_page and slices. Empty pages get from/to = null (Laravel) [inferred]. */
function paginate(input, items, { defaultPerPage = DEFAULT_PER_PAGE, maxPerPage = MAX_PER_PAGE } = {}) {
	const errors = {};
	const page = isMissing(input.page) ? 1 : Number(input.page);
	const perPage = isMissing(input.per_page) ? defaultPerPage : Number(input.per_page);
	if (!Number.isInteger(page) || page < 1) errors.page = ['The page field must be at least 1.'];
	if (!Number.isInteger(perPage) || perPage < 1 || perPage > maxPerPage) {
		errors.per_page = [`The per page field must be between 1 and ${maxPerPage}.`];
	}
	if (Object.keys(errors).length) throw validationError(errors);
	const start = (page - 1) * perPage;
	const data = items.slice(start, start + perPage);
	return {
		data,
		pagination: {
			total: items.length,
			per_page: perPage,
			current_page: page,
			last_page: Math.max(1, Math.ceil(items.length / perPage)),
			from: data.length ? start + 1 : null,
			to: data.length ? start + data.length : null,
		},
	};
}

// ---------------------------------------------------------------------------------------------
// State: plain arrays so tests can read and mutate them directly
// ---------------------------------------------------------------------------------------------
const nextId = (state, kind) => (state.counters[kind] = (state.counters[kind] || 0) + 1);
const nextEncryptedId = (state, kind) => encryptedIdFrom(`${kind}:${nextId(state, kind)}`);
const firstWorkspaceId = (state) => state.workspaces[0].id;
const userById = (state, id) => state.users.find((user) => user.id === id);
const fullName = (state, userId) => {
	const user = userById(state, userId);
	return user ? `${user.firstname} ${user.lastname}` : null;
};
const membershipOf = (state, workspaceId, userId) =>
	state.members.find((member) => member.workspace_id === workspaceId && member.user_id === userId);
const defaultUserId = (state, workspaceId) =>
	(state.members.find((m) => m.workspace_id === workspaceId && m.role === 'Regular User' && m.status === 'active') ||
		state.members.find((m) => m.workspace_id === workspaceId)).user_id;
const projectById = (state, id) => state.projects.find((project) => project.id === id);
const contractById = (state, id) => state.contracts.find((contract) => contract.id === id);
const taskById = (state, id) => state.tasks.find((task) => task.id === id);

function addUser(state, { email, firstname, lastname, timezone = null, title = null, avatar }) {
	const existing = state.users.find((user) => user.email.toLowerCase() === email.toLowerCase());
	if (existing) return existing;
	const id = nextId(state, 'user');
	const user = {
		id,
		email,
		firstname,
		lastname,
		timezone,
		title,
		avatar: avatar === undefined ? `https://cdn.webwork-tracker.com/avatars/${id}.png` : avatar,
	};
	state.users.push(user);
	return user;
}

function addMember(state, fields) {
	const { workspace_id = firstWorkspaceId(state), role = 'Regular User', status = 'active', team_id = null } = fields;
	const user = addUser(state, fields);
	const member = {
		workspace_id,
		user_id: user.id,
		role,
		status,
		team_id,
		rate: fields.rate ?? null,
		rate_status: fields.rate_status ?? 1,
		weekly_hours_limit: fields.weekly_hours_limit ?? null,
		viewer_project_ids: fields.viewer_project_ids || [],
		joined_at: fields.joined_at || laravelTimestamp(),
	};
	state.members.push(member);
	return member;
}

function addProject(state, fields) {
	const project = {
		id: nextId(state, 'project'),
		workspace_id: fields.workspace_id || firstWorkspaceId(state),
		name: fields.name,
		owner_id: fields.owner_id ?? 1,
		start_date: fields.start_date ?? null,
		deadline: fields.deadline ?? null,
		estimation: fields.estimation ?? null,
		budget_estimation: fields.budget ?? fields.budget_estimation ?? null,
		notes: fields.notes ?? null,
		icon: fields.icon ?? null,
		is_billable: fields.is_billable ?? false,
		rate: fields.rate ?? null,
		weekly_hours_limit: fields.weekly_hours_limit ?? null,
		screenshots: fields.screenshots ?? null,
		tags: fields.tags || [],
		status: 1, // [unknown] meaning of the int; 1 = active, 0 = archived here
		archived: false,
		created_at: fields.created_at || laravelTimestamp(),
	};
	state.projects.push(project);
	return project;
}

function addContract(state, fields) {
	const contract = {
		id: nextId(state, 'contract'),
		workspace_id: fields.workspace_id || firstWorkspaceId(state),
		project_id: fields.project_id,
		user_id: fields.user_id,
		weekly_hours_limit: fields.weekly_hours_limit ?? 168,
		screenshots: fields.screenshots || 'full',
		rate: fields.rate ?? null,
		status: fields.status || 'active',
		created_at: laravelTimestamp(),
	};
	state.contracts.push(contract);
	return contract;
}

function addTask(state, fields) {
	const status = fields.status ?? 0;
	const task = {
		id: nextId(state, 'task'),
		workspace_id: fields.workspace_id || firstWorkspaceId(state),
		project_id: fields.project_id,
		title: fields.title,
		description: fields.description ?? null,
		owner_id: fields.owner_id ?? 1,
		creator_id: fields.creator_id ?? fields.owner_id ?? 1,
		status,
		priority: fields.priority ?? 30,
		start_date: fields.start_date ?? null,
		end_date: fields.end_date ?? null,
		parent_id: fields.parent_id ?? null,
		assignee_ids: fields.assignee_ids || [],
		completed_at: status >= 20 ? laravelTimestamp() : null,
		created_at: laravelTimestamp(),
	};
	state.tasks.push(task);
	return task;
}

function addTimeEntry(state, fields) {
	const contract = fields.contract_id ? contractById(state, fields.contract_id) : null;
	const id = nextEncryptedId(state, 'timeEntry');
	const entry = {
		id,
		workspace_id: fields.workspace_id || (contract && contract.workspace_id) || firstWorkspaceId(state),
		user_id: fields.user_id,
		contract_id: contract ? contract.id : null,
		project_id: contract ? contract.project_id : null,
		task_id: fields.task_id ?? null,
		activity_description: fields.activity_description ?? null,
		method: fields.method || 'Desktop tracker',
		date: fields.date,
		start_time: fields.start_time,
		end_time: fields.end_time,
		activity: fields.activity ?? 40 + (parseInt(hash(id).slice(0, 4), 16) % 55), // activity % for reports [unknown]
		created_at: laravelTimestamp(),
	};
	state.timeEntries.push(entry);
	return entry;
}

/** Approval-queue helper: a submitted timesheet (weekly by default). */
function addTimesheet(state, fields = {}) {
	const workspaceId = fields.workspace_id || firstWorkspaceId(state);
	const dateFrom = fields.date_from || state.calendar.previousWeekStart;
	const status = fields.status || 'submitted';
	const createdAt = fields.created_at || laravelTimestamp();
	const sheet = {
		id: nextEncryptedId(state, 'timesheet'),
		workspace_id: workspaceId,
		user_id: fields.user_id || defaultUserId(state, workspaceId),
		date_from: dateFrom,
		date_to: fields.date_to || addDays(dateFrom, 6),
		status,
		submitted_on: status === 'pending' ? null : fields.submitted_on || createdAt,
		reviewed_by: null,
		reviewed_on: null,
		reject_reason: fields.reject_reason ?? null,
		created_at: createdAt,
	};
	state.timesheets.push(sheet);
	return sheet;
}

/** Approval-queue helper: a pending manual time request. */
function addTimeRequest(state, fields = {}) {
	const workspaceId = fields.workspace_id || firstWorkspaceId(state);
	const contract = fields.contract_id ? contractById(state, fields.contract_id) : null;
	const day = fields.date || state.calendar.previousWeekDays[1];
	const createdAt = fields.created_at || laravelTimestamp();
	const request = {
		id: nextEncryptedId(state, 'timeRequest'),
		workspace_id: workspaceId,
		user_id: fields.user_id || (contract && contract.user_id) || defaultUserId(state, workspaceId),
		contract_id: contract ? contract.id : null,
		project_id: contract ? contract.project_id : null,
		task_id: fields.task_id ?? null,
		start: fields.start || `${day}T18:00:00Z`,
		end: fields.end || `${day}T19:30:00Z`,
		status: fields.status || 'pending',
		activity_description: fields.activity_description ?? fields.notes ?? 'Worked offline',
		comment: fields.comment ?? null,
		updated_by: null,
		created_at: createdAt,
		updated_at: createdAt,
	};
	state.timeRequests.push(request);
	return request;
}

/** Approval-queue helper: a pending leave request. */
function addLeave(state, fields = {}) {
	const workspaceId = fields.workspace_id || firstWorkspaceId(state);
	const policy = state.leavePolicies.find((p) => p.id === fields.policy_id) || state.leavePolicies.find((p) => p.workspace_id === workspaceId);
	const start = fields.start_date || fields.start || addDays(state.calendar.weekStart, 7);
	const leave = {
		id: nextEncryptedId(state, 'leave'),
		workspace_id: workspaceId,
		user_id: fields.user_id || defaultUserId(state, workspaceId),
		policy_id: policy.id,
		status: fields.status || 'pending',
		note: fields.note ?? fields.reason ?? null,
		start_date: start,
		end_date: fields.end_date || fields.end || start,
		start_time: fields.start_time ?? null,
		end_time: fields.end_time ?? null,
		hours_per_day: fields.hours_per_day ?? null,
		leave_period: fields.leave_period ?? 0,
		created_by: fields.created_by ?? fields.user_id ?? null,
		approved_by: null,
		rejected_by: null,
		reject_reason: null,
		created_at: fields.created_at || laravelTimestamp(),
	};
	state.leaves.push(leave);
	return leave;
}

/** Approval-queue helper: an expense awaiting review (expense review status is [unknown]). */
function addExpense(state, fields = {}) {
	const workspaceId = fields.workspace_id || firstWorkspaceId(state);
	const category = state.expenseCategories.find((c) => c.id === fields.category_id) || state.expenseCategories.find((c) => c.workspace_id === workspaceId);
	const createdAt = fields.created_at || laravelTimestamp();
	const expense = {
		id: nextEncryptedId(state, 'expense'),
		workspace_id: workspaceId,
		user_id: fields.user_id || defaultUserId(state, workspaceId),
		expense_name: fields.expense_name || 'Client lunch',
		date: fields.date || state.calendar.previousWeekDays[2],
		amount: fields.amount ?? 42.5,
		category_id: category.id,
		project_id: fields.project_id ?? null,
		note: fields.note ?? fields.description ?? null,
		is_billable: fields.is_billable ?? false,
		status: fields.status || 'pending',
		created_at: createdAt,
	};
	state.expenses.push(expense);
	return expense;
}

function addWebhook(state, fields) {
	const webhook = {
		id: encodedIdFrom(nextId(state, 'webhook')),
		workspace_id: fields.workspace_id || firstWorkspaceId(state),
		url: fields.url,
		events: fields.events,
		token: `whsec_${crypto.randomBytes(16).toString('hex')}`,
		created_at: laravelTimestamp(),
		updated_at: laravelTimestamp(),
	};
	state.webhooks.push(webhook);
	return webhook;
}

// ---------------------------------------------------------------------------------------------
// Seed data
// ---------------------------------------------------------------------------------------------
const TEAMS = { 1: 'Design', 2: 'Engineering', 3: 'Marketing', 4: 'Consulting' };
const PEOPLE = [
	// [firstname, lastname, timezone, title, {workspaceId: role}, teamId, hourly rate, status]
	['Olivia', 'Bennett', 'Europe/London', 'Founder & CEO', { 101: 'Owner', 102: 'Owner' }, null, 120],
	['Marcus', 'Chen', 'America/New_York', 'Operations Director', { 101: 'Executive manager', 102: 'Regular User' }, null, 95],
	['Priya', 'Raman', 'Asia/Kolkata', 'Design Lead', { 101: 'Team manager' }, 1, 70],
	['Diego', 'Alvarez', 'Europe/Madrid', 'Project Manager', { 101: 'Project manager' }, 2, 65],
	['Hannah', 'Müller', 'Europe/Berlin', 'UI Designer', { 101: 'Regular User' }, 1, 55],
	['Samuel', 'Okafor', 'Africa/Lagos', 'Frontend Developer', { 101: 'Regular User' }, 2, 50],
	['Yuki', 'Tanaka', 'Asia/Tokyo', 'Copywriter', { 101: 'Regular User' }, 3, 45],
	['Grace', 'Liu', 'America/Los_Angeles', null, { 101: VIEWER_ROLE }, null, null],
	['Tom', 'Becker', 'Europe/Berlin', null, { 101: VIEWER_ROLE }, null, null],
	['Lena', 'Novak', 'Europe/Prague', 'Senior Consultant', { 102: 'Team manager' }, 4, 80],
	['Arjun', 'Mehta', 'Asia/Kolkata', 'Business Analyst', { 102: 'Regular User' }, 4, 40],
	['Chloe', 'Martin', 'Europe/Paris', 'Design Intern', { 101: 'Regular User' }, 1, 20, 'left'],
];
const DESCRIPTIONS = [
	'Client call and follow-up notes',
	'Wireframes for checkout flow',
	'Code review',
	'Sprint planning',
	'Bug fixing',
	'Writing copy for landing page',
	'Research and discovery',
	'Deploying release',
];

function seed(state) {
	const { calendar } = state;
	const created = laravelTimestamp(new Date('2025-02-19T19:24:55Z'));
	state.workspaces.push(
		{ id: 101, owner_id: 1, workspace_name: 'Acme Design Studio', status: 'active', created_at: created, activated_at: sqlTimestamp(new Date('2025-02-19T19:24:55Z')) },
		{ id: 102, owner_id: 1, workspace_name: 'Northwind Consulting', status: 'active', created_at: created, activated_at: sqlTimestamp(new Date('2025-02-19T19:24:55Z')) },
	);
	for (const [firstname, lastname, timezone, title, roles, teamId, rate, status = 'active'] of PEOPLE) {
		for (const [workspaceId, role] of Object.entries(roles)) {
			addMember(state, {
				workspace_id: Number(workspaceId),
				email: `${asciiSlug(firstname)}.${asciiSlug(lastname)}@example.com`,
				firstname,
				lastname,
				timezone,
				title,
				role,
				status,
				team_id: teamId,
				rate,
				weekly_hours_limit: role === VIEWER_ROLE ? null : 40,
				joined_at: created,
			});
		}
	}

	const clientTag = { id: 1, name: 'Client', color: '#3b82f6' };
	const internalTag = { id: 2, name: 'Internal', color: '#10b981' };
	state.counters.project = 200;
	const [website, mobile, campaign, tools] = [
		{ name: 'Website Redesign', is_billable: true, rate: 85, start_date: '2025-01-06', deadline: '2025-06-30', estimation: 320, budget: 27200, tags: [clientTag], icon: 'globe' },
		{ name: 'Mobile App v2', is_billable: true, rate: 95, start_date: '2025-02-03', deadline: '2025-09-30', estimation: 600, budget: 57000, tags: [clientTag], icon: 'smartphone' },
		{ name: 'Marketing Campaign Q2', is_billable: false, start_date: '2025-04-01', deadline: '2025-06-30', estimation: 120, tags: [], icon: 'megaphone' },
		{ name: 'Internal Tools', is_billable: false, notes: 'Non-billable maintenance work', tags: [internalTag], icon: 'wrench' },
	].map((fields) => addProject(state, { ...fields, workspace_id: 101 }));
	const onboarding = addProject(state, { workspace_id: 102, name: 'Client Onboarding Portal', is_billable: true, rate: 110, start_date: '2025-03-01', tags: [clientTag] });

	state.counters.contract = 300;
	const contract = (project, userId, extra = {}) => addContract(state, { workspace_id: project.workspace_id, project_id: project.id, user_id: userId, weekly_hours_limit: 40, ...extra });
	const c = {
		hannahWeb: contract(website, 5, { screenshots: 'blurred' }),
		samuelWeb: contract(website, 6),
		priyaWeb: contract(website, 3, { rate: 75 }),
		diegoMobile: contract(mobile, 4),
		samuelMobile: contract(mobile, 6),
		yukiCampaign: contract(campaign, 7, { screenshots: 'no_screenshot' }),
		marcusTools: contract(tools, 2),
		oliviaTools: contract(tools, 1),
		lenaOnboarding: contract(onboarding, 10),
		arjunOnboarding: contract(onboarding, 11),
		hannahMobile: contract(mobile, 5, { status: 'paused' }),
	};

	state.counters.task = 400;
	const task = (project, title, extra) => addTask(state, { workspace_id: project.workspace_id, project_id: project.id, title, ...extra });
	const homepage = task(website, 'Design homepage mockups', { status: 10, priority: 20, assignee_ids: [5], start_date: calendar.previousWeekStart, end_date: addDays(calendar.weekStart, 4) });
	const navigation = task(website, 'Implement responsive navigation', { status: 0, priority: 30, assignee_ids: [6] });
	task(website, 'Fix contact form validation', { status: 20, priority: 10, assignee_ids: [6], description: 'Form accepts empty e-mail addresses.' });
	const push = task(mobile, 'Push notification service', { status: 10, priority: 20, assignee_ids: [4, 6] });
	task(mobile, 'App store screenshots', { status: 0, priority: 40, assignee_ids: [5] });
	task(campaign, 'Draft launch newsletter', { status: 0, priority: 30, assignee_ids: [7] });
	task(onboarding, 'Kick-off workshop agenda', { status: 30, priority: 30, assignee_ids: [10] });
	task(website, 'Mobile breakpoint variants', { parent_id: homepage.id, assignee_ids: [5] });

	// Project viewers (clients): Grace sees the website, Tom sees mobile + campaign
	membershipOf(state, 101, 8).viewer_project_ids = [website.id];
	membershipOf(state, 101, 9).viewer_project_ids = [mobile.id, campaign.id];

	// Time entries: previous working week for five members, plus a morning today.
	const schedules = [
		{ contract: c.hannahWeb, task: homepage, blocks: [['09:00', '12:30'], ['13:15', '17:30']] },
		{ contract: c.samuelWeb, task: navigation, blocks: [['09:40', '12:00'], ['12:45', '17:10']] }, // late starter
		{ contract: c.priyaWeb, task: null, blocks: [['08:30', '12:00'], ['13:00', '16:30']] },
		{ contract: c.diegoMobile, task: push, blocks: [['09:05', '13:00'], ['14:00', '17:00']] },
		{ contract: c.oliviaTools, task: null, blocks: [['10:00', '12:00']] },
	];
	calendar.previousWeekDays.forEach((date, dayIndex) => {
		schedules.forEach((schedule, personIndex) => {
			const userId = schedule.contract.user_id;
			if (userId === 6 && dayIndex === 2) return; // Samuel was on sick leave that Wednesday
			schedule.blocks.forEach(([start, end], blockIndex) => {
				const leavesEarly = userId === 4 && dayIndex === 4 && blockIndex === 1;
				addTimeEntry(state, {
					user_id: userId,
					contract_id: schedule.contract.id,
					task_id: schedule.task ? schedule.task.id : null,
					date,
					start_time: start,
					end_time: leavesEarly ? '15:00' : end,
					activity_description: DESCRIPTIONS[(dayIndex + personIndex + blockIndex) % DESCRIPTIONS.length],
					method: dayIndex === 3 && blockIndex === 1 && personIndex === 0 ? 'Manually added time' : personIndex === 4 ? 'Web tracker' : 'Desktop tracker',
				});
			});
		});
	});
	addTimeEntry(state, { user_id: 5, contract_id: c.hannahWeb.id, task_id: homepage.id, date: calendar.today, start_time: '09:00', end_time: '11:00', activity_description: 'Homepage hero variants' });
	addTimeEntry(state, { user_id: 10, contract_id: c.lenaOnboarding.id, date: calendar.previousWeekDays[0], start_time: '09:00', end_time: '17:00', activity_description: 'Onboarding workshop' });

	const lastWeek = calendar.previousWeekStart;
	const submittedAt = laravelTimestamp(new Date(`${addDays(lastWeek, 5)}T10:00:00Z`));
	addTimesheet(state, { user_id: 5, date_from: lastWeek, status: 'submitted', created_at: submittedAt });
	addTimesheet(state, { user_id: 6, date_from: lastWeek, status: 'submitted', created_at: submittedAt });
	Object.assign(addTimesheet(state, { user_id: 3, date_from: lastWeek, status: 'approved', created_at: submittedAt }), { reviewed_by: 1, reviewed_on: submittedAt });
	Object.assign(addTimesheet(state, { user_id: 4, date_from: lastWeek, status: 'rejected', created_at: submittedAt, reject_reason: 'Friday afternoon is missing.' }), { reviewed_by: 2, reviewed_on: submittedAt });
	addTimesheet(state, { user_id: 7, date_from: lastWeek, status: 'pending', created_at: submittedAt });
	addTimesheet(state, { user_id: 5, date_from: calendar.weekStart, status: 'pending' });
	addTimesheet(state, { workspace_id: 102, user_id: 10, date_from: lastWeek, status: 'submitted', created_at: submittedAt });

	const [tuesday, , thursday] = calendar.previousWeekDays.slice(1);
	addTimeRequest(state, { user_id: 5, contract_id: c.hannahWeb.id, start: `${tuesday}T18:00:00Z`, end: `${tuesday}T19:30:00Z`, activity_description: 'Client call follow-up (tracker was off)' });
	addTimeRequest(state, { user_id: 6, contract_id: c.samuelWeb.id, start: `${thursday}T07:30:00Z`, end: `${thursday}T08:30:00Z`, activity_description: 'Early deploy check' });
	addTimeRequest(state, { user_id: 3, contract_id: c.priyaWeb.id, start: `${tuesday}T17:00:00Z`, end: `${tuesday}T18:00:00Z`, status: 'approved', activity_description: 'Design review' });
	addTimeRequest(state, { user_id: 4, contract_id: c.diegoMobile.id, start: `${thursday}T20:00:00Z`, end: `${thursday}T23:00:00Z`, status: 'rejected', comment: 'Please log this on the internal project.' });
	addTimeRequest(state, { workspace_id: 102, user_id: 11, contract_id: c.arjunOnboarding.id, start: `${tuesday}T16:00:00Z`, end: `${tuesday}T17:30:00Z` });

	state.leavePolicies.push(
		{ id: 11, workspace_id: 101, name: 'Vacation', is_paid: true, unit: 'days', allowance: 20 },
		{ id: 12, workspace_id: 101, name: 'Sick Leave', is_paid: true, unit: 'days', allowance: 10 },
		{ id: 13, workspace_id: 101, name: 'Unpaid Leave', is_paid: false, unit: 'days', allowance: 30 },
		{ id: 14, workspace_id: 101, name: 'Doctor Appointment', is_paid: true, unit: 'hours', allowance: 16 },
		{ id: 21, workspace_id: 102, name: 'Annual Leave', is_paid: true, unit: 'days', allowance: 25 },
		{ id: 22, workspace_id: 102, name: 'Sick Leave', is_paid: true, unit: 'days', allowance: 12 },
	);
	const nextMonday = addDays(calendar.weekStart, 7);
	addLeave(state, { user_id: 5, policy_id: 11, start_date: nextMonday, end_date: addDays(nextMonday, 2), note: 'Family trip' });
	Object.assign(addLeave(state, { user_id: 6, policy_id: 12, start_date: calendar.previousWeekDays[2], note: 'Flu' }), { status: 'approved', approved_by: 1 });
	Object.assign(addLeave(state, { user_id: 3, policy_id: 13, start_date: addDays(nextMonday, 14), end_date: addDays(nextMonday, 18) }), { status: 'rejected', rejected_by: 1, reject_reason: 'Deadline week' });
	addLeave(state, { user_id: 7, policy_id: 14, start_date: addDays(nextMonday, 3), start_time: '10:00', end_time: '12:00', hours_per_day: 2, note: 'Dentist' });
	addLeave(state, { workspace_id: 102, user_id: 11, policy_id: 21, start_date: addDays(nextMonday, 7), end_date: addDays(nextMonday, 11) });

	const category = (workspaceId, name) => {
		const record = { id: encryptedIdFrom(`expenseCategory:${workspaceId}:${name}`), workspace_id: workspaceId, name };
		state.expenseCategories.push(record);
		return record;
	};
	const [travel, software, meals] = ['Travel', 'Software & Subscriptions', 'Meals & Entertainment', 'Office Supplies'].map((name) => category(101, name));
	const training = category(102, 'Training');
	category(102, 'Travel');
	addExpense(state, { user_id: 5, expense_name: 'Figma subscription', amount: 45, category_id: software.id, project_id: website.id, is_billable: true, date: calendar.previousWeekDays[0], status: 'approved' });
	addExpense(state, { user_id: 6, expense_name: 'Train ticket to client', amount: 89.5, category_id: travel.id, project_id: mobile.id, is_billable: true, date: calendar.previousWeekDays[3], note: 'Return ticket' });
	addExpense(state, { user_id: 4, expense_name: 'Team lunch', amount: 120, category_id: meals.id, date: calendar.previousWeekDays[4] });
	addExpense(state, { workspace_id: 102, user_id: 10, expense_name: 'Workshop materials', amount: 60, category_id: training.id, project_id: onboarding.id, is_billable: true });

	addWebhook(state, { workspace_id: 101, url: 'https://hooks.example.com/webwork', events: ['tracker.started', 'tracker.stopped'] });
}

function createState({ today = new Date().toISOString().slice(0, 10) } = {}) {
	const weekStart = mondayOf(today);
	const previousWeekStart = addDays(weekStart, -7);
	const state = {
		calendar: {
			today,
			weekStart,
			previousWeekStart,
			previousWeekDays: datesBetween(previousWeekStart, addDays(previousWeekStart, 4)),
			bulkDate: addDays(previousWeekStart, -7), // an empty day, used by seedBulk('timeEntries')
		},
		settings: { autoApproveTimeRequests: false }, // "auto-approval settings decide" [unknown default]
		counters: {},
		workspaces: [],
		users: [],
		members: [],
		projects: [],
		contracts: [],
		tasks: [],
		timeEntries: [],
		timesheets: [],
		timeRequests: [],
		leavePolicies: [],
		leaves: [],
		expenseCategories: [],
		expenses: [],
		trackers: [],
		webhooks: [],
		tokens: {},
		oauth: { codes: {}, refreshTokens: {} },
	};
	seed(state);
	state.tokens[personalAccessToken(1, 'owner')] = { userId: 1, kind: 'pat', label: 'owner' };
	state.tokens[personalAccessToken(2, 'exec')] = { userId: 2, kind: 'pat', label: 'exec' };
	state.tokens[personalAccessToken(5, 'regular')] = { userId: 5, kind: 'pat', label: 'regular' };
	return state;
}

// ---------------------------------------------------------------------------------------------
// Views: stored records -> API items
// ---------------------------------------------------------------------------------------------
const minutesOf = (entry) => clockToMinutes(entry.end_time) - clockToMinutes(entry.start_time);
const sumMinutes = (entries) => entries.reduce((total, entry) => total + minutesOf(entry), 0);
const roundMoney = (value) => Math.round(value * 100) / 100;

function makeViews(state) {
	const memberView = (member) => {
		const user = userById(state, member.user_id);
		return {
			id: user.id,
			email: user.email,
			firstname: user.firstname,
			lastname: user.lastname,
			avatar: user.avatar,
			current_role: member.role,
			timezone: user.timezone,
			status: member.status,
			team_name: TEAMS[member.team_id] || null,
			title: user.title,
			// rate fields: the API shows them only when the caller may see rates; callers here are Owner/Exec
			rate: member.rate,
			rate_status: member.rate_status,
			weekly_hours_limit: member.weekly_hours_limit,
		};
	};
	const projectView = (project) => {
		const { workspace_id, archived, budget_estimation, ...rest } = project;
		return {
			...rest,
			budget_estimation,
			contracts_count: state.contracts.filter((contract) => contract.project_id === project.id).length,
		};
	};
	// Which contract rate applies (rate_type 1 custom, 2 member, 3 project)
	const contractRate = (contract) => {
		const project = projectById(state, contract.project_id);
		const member = membershipOf(state, contract.workspace_id, contract.user_id);
		if (contract.rate != null) return { rate: contract.rate, rate_type: 1 };
		if (member && member.rate != null) return { rate: member.rate, rate_type: 2 };
		return { rate: project.rate, rate_type: 3 };
	};
	const contractView = (contract) => {
		const project = projectById(state, contract.project_id);
		const user = userById(state, contract.user_id);
		const member = membershipOf(state, contract.workspace_id, contract.user_id);
		const { rate, rate_type } = contractRate(contract);
		return {
			id: contract.id,
			project_id: project.id,
			project_name: project.name,
			project_icon: project.icon,
			user_id: user.id,
			user_firstname: user.firstname,
			user_lastname: user.lastname,
			user_email: user.email,
			user_role: member ? member.role : null,
			weekly_hours_limit: contract.weekly_hours_limit,
			screenshots: contract.screenshots,
			screenshots_label: SCREENSHOT_LABELS[contract.screenshots],
			rate: project.is_billable ? rate : null, // "only if permitted & billable"
			rate_type,
			status: contract.status,
		};
	};
	const assigneeView = (userId) => {
		const user = userById(state, userId);
		return { id: user.id, email: user.email, firstname: user.firstname, lastname: user.lastname };
	};
	const taskView = (task) => ({
		id: task.id,
		title: task.title,
		description: task.description,
		project_id: task.project_id,
		owner_id: task.owner_id,
		creator_id: task.creator_id,
		status: task.status,
		priority: task.priority,
		start_date: task.start_date,
		end_date: task.end_date,
		completed_at: task.completed_at,
		parent_id: task.parent_id,
		assignees: task.assignee_ids.map(assigneeView),
		has_details: Boolean(task.description) || state.tasks.some((child) => child.parent_id === task.id),
		created_at: task.created_at,
	});
	const viewerView = (member) => {
		const user = userById(state, member.user_id);
		return {
			id: user.id,
			email: user.email,
			firstname: user.firstname,
			lastname: user.lastname,
			status: member.status,
			member_since: member.joined_at,
			projects: member.viewer_project_ids.map((projectId) => ({ project_id: projectId, project_name: projectById(state, projectId).name })),
		};
	};
	const timeEntryView = (entry) => {
		const project = entry.project_id ? projectById(state, entry.project_id) : null;
		const task = entry.task_id ? taskById(state, entry.task_id) : null;
		return {
			id: entry.id,
			user_id: entry.user_id,
			contract_id: entry.contract_id,
			project_id: entry.project_id,
			project_name: project ? project.name : null,
			task_id: entry.task_id,
			task_title: task ? task.title : null,
			activity_description: entry.activity_description,
			method: entry.method,
			date: entry.date,
			start_time: entry.start_time,
			end_time: entry.end_time,
			duration_minutes: minutesOf(entry),
		};
	};
	const timesheetView = (sheet) => {
		const entries = state.timeEntries.filter(
			(e) => e.workspace_id === sheet.workspace_id && e.user_id === sheet.user_id && e.date >= sheet.date_from && e.date <= sheet.date_to,
		);
		const dailyBreakdown = {};
		let totalAmount = 0;
		for (const entry of entries) {
			const rows = (dailyBreakdown[entry.date] = dailyBreakdown[entry.date] || []);
			let row = rows.find((r) => r.contract_id === entry.contract_id);
			if (!row) {
				const project = entry.project_id ? projectById(state, entry.project_id) : null;
				row = { project_id: entry.project_id, project_name: project ? project.name : null, contract_id: entry.contract_id, total_minutes: 0 };
				rows.push(row);
			}
			row.total_minutes += minutesOf(entry);
			const contract = entry.contract_id ? contractById(state, entry.contract_id) : null;
			if (contract && projectById(state, contract.project_id).is_billable) {
				const amount = (minutesOf(entry) / 60) * (contractRate(contract).rate || 0);
				row.total_amount = roundMoney((row.total_amount || 0) + amount);
				totalAmount += amount;
			}
		}
		const totalMinutes = sumMinutes(entries);
		return {
			id: sheet.id,
			user_id: sheet.user_id,
			member: fullName(state, sheet.user_id),
			date_from: sheet.date_from,
			date_to: sheet.date_to,
			total_minutes: totalMinutes,
			total_hours: roundMoney(totalMinutes / 60), // older variant field
			submitted_on: sheet.submitted_on,
			reviewed_by: sheet.reviewed_by,
			reviewed_on: sheet.reviewed_on,
			reject_reason: sheet.reject_reason,
			status: sheet.status,
			daily_breakdown: dailyBreakdown,
			total_amount: roundMoney(totalAmount),
			created_at: sheet.created_at,
		};
	};
	const timeRequestView = (request) => ({
		id: request.id,
		user_id: request.user_id,
		contract_id: request.contract_id,
		project_id: request.project_id,
		task_id: request.task_id,
		start: request.start,
		end: request.end,
		status: request.status,
		activity_description: request.activity_description,
		notes: request.activity_description, // older variant name
		comment: request.comment,
		updated_by: request.updated_by,
		created_at: request.created_at,
		updated_at: request.updated_at,
	});
	const leaveView = (leave) => {
		const policy = state.leavePolicies.find((p) => p.id === leave.policy_id);
		return {
			id: leave.id,
			user_id: leave.user_id,
			user_name: fullName(state, leave.user_id),
			policy_id: leave.policy_id,
			policy_name: policy.name,
			status: leave.status,
			note: leave.note,
			is_paid: policy.is_paid, // boolean here; the list filter takes yes|no [unknown item type]
			created_by: leave.created_by,
			approved_by: leave.approved_by,
			rejected_by: leave.rejected_by,
			reject_reason: leave.reject_reason,
			start_date: leave.start_date,
			end_date: leave.end_date,
			start_time: leave.start_time,
			end_time: leave.end_time,
			hours_per_day: leave.hours_per_day,
			leave_period: leave.leave_period,
			created_at: leave.created_at,
		};
	};
	const expenseView = (expense) => {
		const project = expense.project_id ? projectById(state, expense.project_id) : null;
		const category = state.expenseCategories.find((c) => c.id === expense.category_id);
		return {
			id: expense.id,
			member: fullName(state, expense.user_id),
			expense_date: displayDate(expense.date),
			expense_name: expense.expense_name,
			project: project ? project.name : null,
			category: category ? category.name : null,
			amount: expense.amount,
			note: expense.note,
			type: expense.is_billable ? 'billable' : 'non-billable',
			added_dte: sqlTimestamp(new Date(expense.created_at.replace(/(\.\d{3})\d*Z$/, '$1Z'))),
			// not in the documented item; handy for approval triggers [inferred]
			user_id: expense.user_id,
			project_id: expense.project_id,
			category_id: expense.category_id,
			date: expense.date,
			status: expense.status,
			created_at: expense.created_at,
		};
	};
	const webhookView = ({ id, url, events, token, created_at, updated_at }) => ({ id, url, events, token, created_at, updated_at });
	return { memberView, projectView, contractView, assigneeView, taskView, viewerView, timeEntryView, timesheetView, timeRequestView, leaveView, expenseView, webhookView, contractRate };
}

// ---------------------------------------------------------------------------------------------
// API routes
// ---------------------------------------------------------------------------------------------
function buildRoutes(state, hooks) {
	const views = makeViews(state);
	const routes = [];

	/**
	 * Declares a route. workspace_id (query or body) is required unless opts.noWorkspace; the caller must
	 * be Owner / Executive manager of that workspace (403) and it must exist (404).
	 */
	function route(method, path, schema, handler, opts = {}) {
		routes.push({
			method,
			path,
			handler(ctx) {
				const v = validate(ctx.input, opts.noWorkspace ? schema : { workspace_id: 'int*', ...schema });
				const ws = opts.noWorkspace ? null : workspaceFor(ctx.principal, v.workspace_id);
				return handler({ ...ctx, v, ws, callerId: ctx.principal.userId });
			},
		});
	}

	function workspaceFor(principal, workspaceId) {
		const ws = state.workspaces.find((workspace) => workspace.id === workspaceId);
		if (!ws) fail(404, 'Workspace not found');
		const membership = membershipOf(state, ws.id, principal.userId);
		if (!membership || membership.status !== 'active' || !API_ROLES.includes(membership.role)) fail(403, FORBIDDEN_MESSAGE);
		return ws;
	}

	const list = (c, items, view, { message, ...paging } = {}) => {
		const { data, pagination } = paginate(c.input, items, paging);
		return ok(data.map(view), message, { pagination });
	};
	const byId = (a, b) => (a.id > b.id ? 1 : -1);
	/** Finds a record of the workspace by path id (string compare covers int and string ids) or 404. */
	const findOr404 = (collection, id, ws, label, extraCheck = () => true) => {
		const record = collection.find((r) => String(r.id) === String(id) && r.workspace_id === ws.id && extraCheck(r));
		if (!record) fail(404, `${label} not found`);
		return record;
	};
	const activeProjects = (ws) => state.projects.filter((p) => p.workspace_id === ws.id && !p.archived);
	const membersOf = (ws) => state.members.filter((m) => m.workspace_id === ws.id);
	const memberOr404 = (ws, id, label = 'Member', check = () => true) => {
		const member = membersOf(ws).find((m) => String(m.user_id) === String(id) && check(m));
		if (!member) fail(404, `${label} not found`);
		return member;
	};
	/** A user referenced from a body/query field: must be a working (non-viewer) member, else 422. */
	const workerOr422 = (ws, userId, field = 'user_id') => {
		const member = membershipOf(state, ws.id, userId);
		if (!member || member.status !== 'active' || member.role === VIEWER_ROLE) invalid(field, `The selected ${fieldLabel(field)} is invalid.`);
		return member;
	};
	const emailTaken = (ws, email, exceptUserId) =>
		membersOf(ws).some((m) => m.user_id !== exceptUserId && userById(state, m.user_id).email.toLowerCase() === email.toLowerCase());
	const emit = (ws, event, data) => hooks.emit(ws.id, event, data);

	// ---- Workspaces ----------------------------------------------------------------------
	route(
		'GET',
		'/workspaces',
		{},
		(c) => {
			const mine = state.members.filter((m) => m.user_id === c.callerId && m.status === 'active');
			const items = mine
				.map((m) => ({ m, ws: state.workspaces.find((w) => w.id === m.workspace_id && w.status === 'active') }))
				.filter(({ ws }) => ws);
			return list(c, items, ({ m, ws }) => ({ id: ws.id, owner_id: ws.owner_id, user_id: c.callerId, workspace_name: ws.workspace_name, role: m.role, status: ws.status, created_at: ws.created_at, activated_at: ws.activated_at }));
		},
		{ noWorkspace: true },
	);

	// ---- Members -------------------------------------------------------------------------
	route('GET', '/members', { email: 'string', status: ['enum', MEMBER_STATUSES], role: ['enum', ROLES] }, (c) => {
		const { email, status, role } = c.v;
		const items = membersOf(c.ws).filter((m) => {
			const user = userById(state, m.user_id);
			return (!email || user.email.toLowerCase() === email.toLowerCase()) && (!status || m.status === status) && (!role || m.role === role);
		});
		return list(c, items.sort((a, b) => a.user_id - b.user_id), views.memberView);
	});
	route('POST', '/members', { email: 'email*', firstname: 'string*', lastname: 'string*', role: ['enum*', SETTABLE_ROLES] }, (c) => {
		if (emailTaken(c.ws, c.v.email)) fail(409, 'A member with this email already exists in the workspace.');
		const member = addMember(state, { ...c.v, workspace_id: c.ws.id, rate: null, weekly_hours_limit: null });
		emit(c.ws, 'member.invited', views.memberView(member));
		const invitation = hash(`invite:${c.ws.id}:${member.user_id}`).slice(0, 32);
		return ok({ user_id: member.user_id, invitation_link: `https://webwork-tracker.com/invitation/${invitation}` }, 'Member invited successfully');
	});
	route('GET', '/members/{memberId}', {}, (c) => ok(views.memberView(memberOr404(c.ws, c.params.memberId)), 'Member retrieved successfully'));
	route(
		'PUT',
		'/members/{memberId}',
		{ email: 'email', firstname: 'string', lastname: 'string', timezone: 'timezone', role: ['enum', SETTABLE_ROLES], rate_status: ['enum', [0, 1]], weekly_hours_limit: 'int', remove_avatar: ['enum', [0, 1]] },
		(c) => {
			const member = memberOr404(c.ws, c.params.memberId);
			const user = userById(state, member.user_id);
			const { email, firstname, lastname, timezone, role, rate_status, weekly_hours_limit, remove_avatar } = c.v;
			if (role && member.role === 'Owner') fail(403, "The workspace owner's role cannot be changed.");
			if (email && state.users.some((u) => u.id !== user.id && u.email.toLowerCase() === email.toLowerCase())) invalid('email', 'The email has already been taken.');
			Object.assign(user, prune({ email, firstname, lastname, timezone }));
			Object.assign(member, prune({ role, rate_status, weekly_hours_limit }));
			if (remove_avatar === 1) user.avatar = null;
			emit(c.ws, 'member.updated', views.memberView(member));
			return ok(null, 'Member updated successfully');
		},
	);
	route('DELETE', '/members/{memberId}', {}, (c) => {
		const member = memberOr404(c.ws, c.params.memberId);
		if (member.role === 'Owner') fail(403, 'The workspace owner cannot be archived.');
		if (member.status !== 'active') fail(422, 'Member is already archived.');
		member.status = 'inactive'; // archive = soft delete; stays listable with status=inactive [inferred]
		state.trackers = state.trackers.filter((t) => !(t.workspace_id === c.ws.id && t.user_id === member.user_id));
		emit(c.ws, 'member.archived', views.memberView(member));
		return ok(null, 'Member archived successfully');
	});

	// ---- Projects ------------------------------------------------------------------------
	const projectFields = { name: 'string', start_date: 'date', deadline: 'date', estimation: 'number', budget: 'number', notes: 'string', icon: 'string' };
	const projectOr404 = (ws, id) => findOr404(state.projects, id, ws, 'Project', (p) => !p.archived);
	route('GET', '/projects', { name: 'string' }, (c) => {
		const needle = (c.v.name || '').toLowerCase();
		return list(c, activeProjects(c.ws).filter((p) => p.name.toLowerCase().includes(needle)).sort(byId), views.projectView);
	});
	route('POST', '/projects', { ...projectFields, name: 'string*' }, (c) => {
		requireOrder(c.v, 'start_date', 'deadline');
		const project = addProject(state, { ...c.v, workspace_id: c.ws.id, owner_id: c.callerId });
		emit(c.ws, 'project.created', views.projectView(project));
		return ok(views.projectView(project), 'Project created successfully'); // 200 (spec does not say 201)
	});
	route('GET', '/projects/{projectId}', {}, (c) => ok(views.projectView(projectOr404(c.ws, c.params.projectId)), 'Project retrieved successfully'));
	route('PUT', '/projects/{projectId}', projectFields, (c) => {
		const project = projectOr404(c.ws, c.params.projectId);
		const { budget, ...fields } = c.v;
		requireOrder({ start_date: fields.start_date ?? project.start_date, deadline: fields.deadline ?? project.deadline }, 'start_date', 'deadline');
		Object.assign(project, prune(fields), budget !== undefined ? { budget_estimation: budget } : {});
		emit(c.ws, 'project.updated', views.projectView(project));
		return ok(views.projectView(project), 'Project updated successfully');
	});
	route('DELETE', '/projects/{projectId}', {}, (c) => {
		const project = projectOr404(c.ws, c.params.projectId);
		Object.assign(project, { archived: true, status: 0 }); // archived: hidden from list, 404 afterwards
		emit(c.ws, 'project.deleted', { id: project.id, name: project.name });
		return ok(null, 'Project archived successfully');
	});

	// ---- Contracts -----------------------------------------------------------------------
	const contractOr404 = (ws, id) => findOr404(state.contracts, id, ws, 'Contract');
	route('GET', '/contracts', { project_id: 'int', user_id: 'int', status: ['enum', CONTRACT_STATUSES] }, (c) => {
		const { project_id, user_id, status } = c.v;
		const items = state.contracts
			.filter((k) => k.workspace_id === c.ws.id && !projectById(state, k.project_id).archived)
			.filter((k) => (!project_id || k.project_id === project_id) && (!user_id || k.user_id === user_id) && (!status || k.status === status))
			.sort(byId);
		const { data, pagination } = paginate(c.input, items);
		// The documented example puts pagination at the TOP level (not under meta), with only these 4 keys.
		const { current_page, per_page, total, last_page } = pagination;
		return ok(data.map(views.contractView), 'Contracts retrieved successfully', { extra: { pagination: { current_page, per_page, total, last_page } } });
	});
	route(
		'POST',
		'/contracts',
		{ project_id: 'int*', user_id: 'int*', weekly_hours_limit: 'int', screenshots: ['enum', SCREENSHOT_MODES], rate: 'number' },
		(c) => {
			if (!activeProjects(c.ws).some((p) => p.id === c.v.project_id)) invalid('project_id', 'The selected project id is invalid.');
			workerOr422(c.ws, c.v.user_id);
			if (state.contracts.some((k) => k.project_id === c.v.project_id && k.user_id === c.v.user_id)) {
				fail(409, 'This member is already assigned to the project.');
			}
			const contract = addContract(state, { ...prune(c.v), workspace_id: c.ws.id });
			return ok(views.contractView(contract), 'Contract created successfully', { status: 201 });
		},
	);
	route('GET', '/contracts/{contractId}', {}, (c) => ok(views.contractView(contractOr404(c.ws, c.params.contractId)), 'Contract retrieved successfully'));
	route(
		'PUT',
		'/contracts/{contractId}',
		{ weekly_hours_limit: 'int', screenshots: ['enum', SCREENSHOT_MODES], rate: 'number', status: ['enum', CONTRACT_STATUSES] },
		(c) => {
			const contract = contractOr404(c.ws, c.params.contractId);
			Object.assign(contract, prune(c.v));
			return ok(views.contractView(contract), 'Contract updated successfully');
		},
	);
	route('DELETE', '/contracts/{contractId}', {}, (c) => {
		const contract = contractOr404(c.ws, c.params.contractId);
		state.contracts = state.contracts.filter((k) => k !== contract);
		return ok(null, 'Contract deleted successfully');
	});

	// ---- Tasks (every task route is scoped by workspace_id + project_id) ---------------------
	const taskScope = { project_id: 'int*' };
	const taskFields = { title: 'string', description: 'string', status: ['enum', TASK_STATUSES], priority: ['enum', TASK_PRIORITIES], start_date: 'date', end_date: 'date', parent_id: 'int' };
	const taskOr404 = (c) => {
		const project = projectOr404(c.ws, c.v.project_id);
		return findOr404(state.tasks, c.params.taskId, c.ws, 'Task', (t) => t.project_id === project.id);
	};
	const checkParent = (project, parentId, selfId) => {
		if (parentId == null) return;
		if (parentId === selfId || !state.tasks.some((t) => t.id === parentId && t.project_id === project.id)) invalid('parent_id', 'The selected parent id is invalid.');
	};
	// order_by values are [unknown]; accepts "field", "field:desc" or "-field"
	const sortTasks = (tasks, orderBy) => {
		const match = /^(-)?(\w+)(?::(asc|desc))?$/.exec(orderBy || '');
		const field = match && ['id', 'title', 'status', 'priority', 'start_date', 'end_date', 'created_at'].includes(match[2]) ? match[2] : 'id';
		const direction = match && (match[1] || match[3] === 'desc') ? -1 : 1;
		return tasks.sort((a, b) => (a[field] === b[field] ? a.id - b.id : a[field] > b[field] ? direction : -direction));
	};
	route(
		'GET',
		'/tasks',
		{ ...taskScope, status: ['enum', TASK_STATUSES], priority: ['enum', TASK_PRIORITIES], contract_id: 'int', parent_id: 'string', order_by: 'string' },
		(c) => {
			const project = projectOr404(c.ws, c.v.project_id);
			const { status, priority, contract_id, parent_id, order_by } = c.v;
			const contract = contract_id ? contractOr404(c.ws, contract_id) : null;
			const items = state.tasks.filter(
				(t) =>
					t.project_id === project.id &&
					(status === undefined || t.status === status) &&
					(priority === undefined || t.priority === priority) &&
					(!contract || t.assignee_ids.includes(contract.user_id)) &&
					(parent_id === undefined || String(t.parent_id) === parent_id),
			);
			return list(c, sortTasks(items, order_by), views.taskView);
		},
	);
	route('POST', '/tasks', { ...taskScope, ...taskFields, title: 'string*', assignees: 'int[]' }, (c) => {
		const project = projectOr404(c.ws, c.v.project_id);
		requireOrder(c.v, 'start_date', 'end_date');
		checkParent(project, c.v.parent_id);
		(c.v.assignees || []).forEach((userId, index) => workerOr422(c.ws, userId, `assignees.${index}`));
		const task = addTask(state, { ...prune(c.v), workspace_id: c.ws.id, owner_id: c.callerId, creator_id: c.callerId, assignee_ids: [...new Set(c.v.assignees || [])] });
		return ok(views.taskView(task), 'Task created successfully');
	});
	route('GET', '/tasks/{taskId}', taskScope, (c) => ok(views.taskView(taskOr404(c)), 'Task retrieved successfully'));
	route('PUT', '/tasks/{taskId}', { ...taskScope, ...taskFields }, (c) => {
		const task = taskOr404(c);
		const { project_id, ...fields } = c.v;
		requireOrder({ start_date: fields.start_date ?? task.start_date, end_date: fields.end_date ?? task.end_date }, 'start_date', 'end_date');
		checkParent(projectById(state, task.project_id), fields.parent_id, task.id);
		Object.assign(task, prune(fields));
		if (fields.status !== undefined) task.completed_at = task.status >= 20 ? task.completed_at || laravelTimestamp() : null;
		emit(c.ws, 'task.updated', views.taskView(task));
		return ok(views.taskView(task), 'Task updated successfully');
	});
	route('DELETE', '/tasks/{taskId}', taskScope, (c) => {
		const task = taskOr404(c);
		state.tasks = state.tasks.filter((t) => t !== task);
		return ok(null, 'Task deleted successfully');
	});
	route('POST', '/tasks/{taskId}/assign/{userId}', taskScope, (c) => {
		const task = taskOr404(c);
		const member = memberOr404(c.ws, c.params.userId, 'User', (m) => m.status === 'active' && m.role !== VIEWER_ROLE);
		if (task.assignee_ids.includes(member.user_id)) fail(409, 'The user is already assigned to this task.');
		task.assignee_ids.push(member.user_id);
		return ok(views.taskView(task), 'User assigned to task successfully');
	});
	route('DELETE', '/tasks/{taskId}/unassign/{userId}', taskScope, (c) => {
		const task = taskOr404(c);
		const member = memberOr404(c.ws, c.params.userId, 'User');
		if (!task.assignee_ids.includes(member.user_id)) fail(422, 'The user is not assigned to this task.');
		task.assignee_ids = task.assignee_ids.filter((id) => id !== member.user_id);
		return ok(views.taskView(task), 'User unassigned from task successfully');
	});
	route('GET', '/tasks/{taskId}/assignees', taskScope, (c) => ok(taskOr404(c).assignee_ids.map(views.assigneeView), 'Task assignees retrieved successfully'));

	// ---- Project viewers (members with role "Project viewer") --------------------------------
	const viewerOr404 = (ws, id) => memberOr404(ws, id, 'Project viewer', (m) => m.role === VIEWER_ROLE);
	route('GET', '/project-viewers', { email: 'string' }, (c) => {
		const items = membersOf(c.ws).filter((m) => m.role === VIEWER_ROLE && (!c.v.email || userById(state, m.user_id).email.toLowerCase() === c.v.email.toLowerCase()));
		return list(c, items, views.viewerView);
	});
	route('POST', '/project-viewers', { email: 'email*', firstname: 'string*', lastname: 'string*' }, (c) => {
		if (emailTaken(c.ws, c.v.email)) fail(409, 'A member with this email already exists in the workspace.');
		const member = addMember(state, { ...c.v, workspace_id: c.ws.id, role: VIEWER_ROLE });
		return ok(views.viewerView(member), 'Project viewer created successfully', { status: 201 });
	});
	route('GET', '/project-viewers/{viewerId}', {}, (c) => ok(views.viewerView(viewerOr404(c.ws, c.params.viewerId)), 'Project viewer retrieved successfully'));
	route('DELETE', '/project-viewers/{viewerId}', {}, (c) => {
		const viewer = viewerOr404(c.ws, c.params.viewerId);
		if (viewer.status !== 'active') fail(422, 'Project viewer is already archived.');
		viewer.status = 'inactive';
		return ok(null, 'Project viewer archived successfully');
	});
	route('POST', '/project-viewers/{viewerId}/restore', {}, (c) => {
		const viewer = viewerOr404(c.ws, c.params.viewerId);
		if (viewer.status === 'active') fail(422, 'Project viewer is not archived.');
		viewer.status = 'active';
		emit(c.ws, 'member.activated', views.memberView(viewer));
		return ok(views.viewerView(viewer), 'Project viewer restored successfully');
	});
	route('POST', '/project-viewers/{viewerId}/assign-project', { project_id: 'int*' }, (c) => {
		const viewer = viewerOr404(c.ws, c.params.viewerId);
		const project = projectOr404(c.ws, c.v.project_id);
		if (viewer.viewer_project_ids.includes(project.id)) fail(409, 'The project is already assigned to this viewer.');
		viewer.viewer_project_ids.push(project.id);
		return ok(views.viewerView(viewer), 'Project assigned to viewer successfully');
	});
	route('DELETE', '/project-viewers/{viewerId}/unassign-project', { project_id: 'int*' }, (c) => {
		const viewer = viewerOr404(c.ws, c.params.viewerId);
		if (!viewer.viewer_project_ids.includes(c.v.project_id)) fail(422, 'The project is not assigned to this viewer.');
		viewer.viewer_project_ids = viewer.viewer_project_ids.filter((id) => id !== c.v.project_id);
		return ok(views.viewerView(viewer), 'Project unassigned from viewer successfully');
	});

	// ---- Timesheets ------------------------------------------------------------------------
	route(
		'GET',
		'/timesheets',
		{ id: 'string', status: ['enum', [...TIMESHEET_STATUSES, ...Object.keys(OLDER_TIMESHEET_STATUS)]], date_from: 'date', date_to: 'date', user_id: 'int', order_by: ['enum', ['asc', 'desc']] },
		(c) => {
			requireOrder(c.v, 'date_from', 'date_to');
			const { id, date_from, date_to, user_id, order_by = 'desc' } = c.v;
			const status = OLDER_TIMESHEET_STATUS[c.v.status] || c.v.status;
			const items = state.timesheets
				.filter((s) => s.workspace_id === c.ws.id)
				.filter((s) => (!id || s.id === id) && (!status || s.status === status) && (!user_id || s.user_id === user_id))
				.filter((s) => (!date_from || s.date_to >= date_from) && (!date_to || s.date_from <= date_to)) // overlap [inferred]
				.sort((a, b) => (a.created_at === b.created_at ? 0 : (a.created_at > b.created_at ? 1 : -1) * (order_by === 'asc' ? 1 : -1)));
			return list(c, items, views.timesheetView);
		},
	);
	// State machine: pending -> submitted -> approved | rejected; rejected -> submitted; submitted -> pending (unsubmit)
	const timesheetTransition = (action, allowedFrom, target, message, schema = {}, apply = () => {}) =>
		route('PUT', `/timesheets/{timesheetId}/${action}`, schema, (c) => {
			const sheet = findOr404(state.timesheets, c.params.timesheetId, c.ws, 'Timesheet');
			if (!allowedFrom.includes(sheet.status)) {
				fail(422, `Timesheet cannot be ${target === 'pending' ? 'unsubmitted' : target} because its status is "${sheet.status}" (expected ${allowedFrom.join(' or ')}).`);
			}
			sheet.status = target;
			apply(sheet, c);
			return ok(views.timesheetView(sheet), message);
		});
	const review = (sheet, c) => Object.assign(sheet, { reviewed_by: c.callerId, reviewed_on: laravelTimestamp() });
	timesheetTransition('approve', ['submitted'], 'approved', 'Timesheet approved successfully', {}, review);
	timesheetTransition('reject', ['submitted'], 'rejected', 'Timesheet rejected successfully', { reason: 'string*' }, (sheet, c) => {
		review(sheet, c);
		sheet.reject_reason = c.v.reason;
	});
	timesheetTransition('submit', ['pending', 'rejected'], 'submitted', 'Timesheet submitted successfully', {}, (sheet) => {
		sheet.submitted_on = laravelTimestamp();
	});
	timesheetTransition('unsubmit', ['submitted'], 'pending', 'Timesheet unsubmitted successfully', {}, (sheet) => {
		sheet.submitted_on = null;
	});

	// ---- Time entries (helpers shared with time requests and the live tracker) -------------
	/** contract_id must belong to the user (422); task_id needs a contract and must be in its project (422). */
	const resolveWork = (ws, userId, contractId, taskId, { projectId } = {}) => {
		let contract = null;
		if (projectId != null) {
			contract = state.contracts.find((k) => k.workspace_id === ws.id && k.user_id === userId && k.project_id === projectId);
			if (!contract) invalid('project_id', 'The user has no contract for the selected project.');
		} else if (contractId != null) {
			contract = state.contracts.find((k) => k.id === contractId && k.workspace_id === ws.id && k.user_id === userId);
			if (!contract) invalid('contract_id', 'The selected contract id is invalid.');
		}
		if (taskId != null) {
			if (!contract) invalid('task_id', 'A task can only be set together with a contract.');
			if (!state.tasks.some((t) => t.id === taskId && t.project_id === contract.project_id)) invalid('task_id', 'The selected task id is invalid.');
		}
		return contract;
	};
	/** Saves only the part of [start,end) not already covered by the user's entries ("may save partially"). */
	const saveFreeTime = (ws, { userId, contract, taskId, date, startMinute, endMinute, description, method, ignoreId }) => {
		const busy = state.timeEntries
			.filter((e) => e.workspace_id === ws.id && e.user_id === userId && e.date === date && e.id !== ignoreId)
			.map((e) => [clockToMinutes(e.start_time), clockToMinutes(e.end_time)])
			.sort((a, b) => a[0] - b[0]);
		const free = [];
		let cursor = startMinute;
		for (const [busyStart, busyEnd] of busy) {
			if (busyEnd <= cursor || busyStart >= endMinute) continue;
			if (busyStart > cursor) free.push([cursor, busyStart]);
			cursor = Math.max(cursor, busyEnd);
		}
		if (cursor < endMinute) free.push([cursor, endMinute]);
		return free.map(([from, to]) =>
			addTimeEntry(state, { workspace_id: ws.id, user_id: userId, contract_id: contract ? contract.id : null, task_id: taskId ?? null, date, start_time: minutesToClock(from), end_time: minutesToClock(to), activity_description: description ?? null, method }),
		);
	};
	const entryOr404 = (ws, id) => findOr404(state.timeEntries, id, ws, 'Time entry');

	route('GET', '/time-entries', { user_id: 'int*', date: 'date*', project_id: 'int', task_id: 'int' }, (c) => {
		const { user_id, date, project_id, task_id } = c.v;
		if (!membershipOf(state, c.ws.id, user_id)) invalid('user_id', 'The selected user id is invalid.');
		const items = state.timeEntries
			.filter((e) => e.workspace_id === c.ws.id && e.user_id === user_id && e.date === date)
			.filter((e) => (!project_id || e.project_id === project_id) && (!task_id || e.task_id === task_id))
			.sort((a, b) => (a.start_time > b.start_time ? 1 : -1));
		return list(c, items, views.timeEntryView, TIME_ENTRY_PAGING);
	});
	route(
		'POST',
		'/time-entries',
		{ user_id: 'int*', contract_id: 'int', task_id: 'int', notes: 'string', date: 'date*', start_time: 'time*', end_time: 'time*' },
		(c) => {
			const { user_id, contract_id, task_id, notes, date, start_time, end_time } = c.v;
			requireOrder(c.v, 'start_time', 'end_time', { strict: true, label: 'time' });
			workerOr422(c.ws, user_id);
			const contract = resolveWork(c.ws, user_id, contract_id, task_id);
			const saved = saveFreeTime(c.ws, { userId: user_id, contract, taskId: task_id, date, startMinute: clockToMinutes(start_time), endMinute: clockToMinutes(end_time), description: notes, method: 'Manually added time' });
			if (!saved.length) fail(422, 'The selected time range overlaps existing time entries; nothing was saved.');
			const savedMinutes = sumMinutes(saved);
			return ok(views.timeEntryView(saved[0]), `${formatDuration(savedMinutes)} successfully added for ${fullName(state, user_id)}`, {
				status: 201,
				extra: { saved_minutes: savedMinutes },
			});
		},
	);
	route(
		'PUT',
		'/time-entries/{time_entry_id}',
		{ project_id: 'int', task_id: 'int', notes: 'string', date: 'date', start_time: 'time', end_time: 'time' },
		(c) => {
			const entry = entryOr404(c.ws, c.params.time_entry_id);
			const next = { date: c.v.date ?? entry.date, start_time: c.v.start_time ?? entry.start_time, end_time: c.v.end_time ?? entry.end_time };
			requireOrder(next, 'start_time', 'end_time', { strict: true, label: 'time' });
			const projectId = c.v.project_id === undefined ? entry.project_id : c.v.project_id;
			const taskId = c.v.task_id === undefined ? (c.v.project_id === undefined ? entry.task_id : null) : c.v.task_id;
			const contract = resolveWork(c.ws, entry.user_id, null, taskId, { projectId });
			const overlapping = state.timeEntries.some(
				(e) => e !== entry && e.workspace_id === c.ws.id && e.user_id === entry.user_id && e.date === next.date && e.start_time < next.end_time && e.end_time > next.start_time,
			);
			if (overlapping) fail(422, 'The updated time range overlaps another time entry.');
			Object.assign(entry, next, { contract_id: contract ? contract.id : null, project_id: contract ? contract.project_id : null, task_id: taskId ?? null });
			if (c.v.notes !== undefined) entry.activity_description = c.v.notes;
			return ok(views.timeEntryView(entry), 'Time entry updated successfully');
		},
	);
	route('DELETE', '/time-entries/{time_entry_id}', {}, (c) => {
		const entry = entryOr404(c.ws, c.params.time_entry_id);
		state.timeEntries = state.timeEntries.filter((e) => e !== entry);
		return ok(null, 'Time entry deleted successfully');
	});

	// ---- Time requests -----------------------------------------------------------------------
	/** Approved request -> manual time entries (time part of the ISO strings taken as workspace time [inferred]). */
	const applyTimeRequest = (ws, request) => {
		const date = request.start.slice(0, 10);
		const endMinute = request.end.slice(0, 10) === date ? clockToMinutes(request.end.slice(11, 16)) : 24 * 60 - 1;
		const contract = request.contract_id ? contractById(state, request.contract_id) : null;
		saveFreeTime(ws, { userId: request.user_id, contract, taskId: request.task_id, date, startMinute: clockToMinutes(request.start.slice(11, 16)), endMinute, description: request.activity_description, method: 'Manually added time' });
	};
	const requestOr404 = (ws, id) => findOr404(state.timeRequests, id, ws, 'Time request');
	const requirePending = (record, label, action) => {
		if (record.status !== 'pending') fail(422, `Only pending ${label}s can be ${action}; this one is "${record.status}".`);
	};
	route('GET', '/time-requests', { date_from: 'date*', date_to: 'date*', status: ['enum', REVIEW_STATUSES], user_id: 'int' }, (c) => {
		requireOrder(c.v, 'date_from', 'date_to');
		const { date_from, date_to, status, user_id } = c.v;
		const items = state.timeRequests.filter(
			(r) => r.workspace_id === c.ws.id && r.start.slice(0, 10) >= date_from && r.start.slice(0, 10) <= date_to && (!status || r.status === status) && (!user_id || r.user_id === user_id),
		);
		return list(c, items, views.timeRequestView);
	});
	route(
		'POST',
		'/time-requests',
		// current docs: contract_id optional + activity_description; older docs: contract_id required + notes (both accepted)
		{ user_id: 'int*', contract_id: 'int', start: 'datetime*', end: 'datetime*', activity_description: 'string', notes: 'string', task_id: 'int' },
		(c) => {
			const { user_id, contract_id, task_id, start, end } = c.v;
			if (Date.parse(end.replace(' ', 'T')) <= Date.parse(start.replace(' ', 'T'))) invalid('end', 'The end field must be a date after start.');
			workerOr422(c.ws, user_id);
			resolveWork(c.ws, user_id, contract_id, task_id);
			const request = addTimeRequest(state, { ...c.v, workspace_id: c.ws.id, activity_description: c.v.activity_description ?? c.v.notes ?? null, created_at: laravelTimestamp() });
			if (state.settings.autoApproveTimeRequests) {
				request.status = 'approved';
				applyTimeRequest(c.ws, request);
			}
			return ok({ id: request.id, status: request.status }, 'Time request created successfully', { status: 201 });
		},
	);
	route('POST', '/time-requests/{timeRequestId}/approve', {}, (c) => {
		const request = requestOr404(c.ws, c.params.timeRequestId);
		requirePending(request, 'time request', 'approved');
		Object.assign(request, { status: 'approved', updated_by: c.callerId, updated_at: laravelTimestamp() });
		applyTimeRequest(c.ws, request);
		return ok(views.timeRequestView(request), 'Time request approved successfully');
	});
	route('POST', '/time-requests/{timeRequestId}/reject', { comment: 'string*' }, (c) => {
		const request = requestOr404(c.ws, c.params.timeRequestId);
		requirePending(request, 'time request', 'rejected');
		Object.assign(request, { status: 'rejected', comment: c.v.comment, updated_by: c.callerId, updated_at: laravelTimestamp() });
		return ok(views.timeRequestView(request), 'Time request rejected successfully');
	});
	route('GET', '/time-requests/{id}', {}, (c) => ok(views.timeRequestView(requestOr404(c.ws, c.params.id)), 'Time request retrieved successfully')); // older docs only

	// ---- Leaves ----------------------------------------------------------------------------
	const policiesOf = (ws) => state.leavePolicies.filter((p) => p.workspace_id === ws.id);
	const leaveOr404 = (ws, id) => findOr404(state.leaves, id, ws, 'Leave request');
	const leaveAmount = (leave, policy) => {
		const workdays = datesBetween(leave.start_date, leave.end_date).filter((d) => !isWeekend(d)).length;
		if (policy.unit === 'hours') return workdays * (leave.hours_per_day || 0);
		return leave.leave_period ? workdays * 0.5 : workdays;
	};
	route(
		'GET',
		'/leaves',
		{ id: 'string', user_id: 'int', policy_id: 'int', is_paid: ['enum', ['yes', 'no']], status: ['enum', REVIEW_STATUSES], date_from: 'date', date_to: 'date' },
		(c) => {
			requireOrder(c.v, 'date_from', 'date_to');
			const { id, user_id, policy_id, is_paid, status, date_from, date_to } = c.v;
			const items = state.leaves.filter((l) => {
				const policy = state.leavePolicies.find((p) => p.id === l.policy_id);
				return (
					l.workspace_id === c.ws.id &&
					(!id || l.id === id) &&
					(!user_id || l.user_id === user_id) &&
					(!policy_id || l.policy_id === policy_id) &&
					(!is_paid || policy.is_paid === (is_paid === 'yes')) &&
					(!status || l.status === status) &&
					(!date_from || l.end_date >= date_from) &&
					(!date_to || l.start_date <= date_to)
				);
			});
			return list(c, items, views.leaveView);
		},
	);
	route(
		'POST',
		'/leaves',
		{ policy_id: 'int*', start: 'date*', end: 'date*', user_id: 'int*', start_time: 'time', end_time: 'time', hours_per_day: 'number', leave_period: ['enum', [0, 1, 2]], reason: 'string' },
		(c) => {
			requireOrder(c.v, 'start', 'end');
			const policy = policiesOf(c.ws).find((p) => p.id === c.v.policy_id);
			if (!policy) invalid('policy_id', 'The selected policy id is invalid.');
			workerOr422(c.ws, c.v.user_id);
			if (policy.unit === 'hours') {
				const missing = ['start_time', 'end_time', 'hours_per_day'].filter((field) => c.v[field] == null);
				if (missing.length) throw validationError(Object.fromEntries(missing.map((f) => [f, [`The ${fieldLabel(f)} field is required for hour-based leave policies.`]])));
				requireOrder(c.v, 'start_time', 'end_time', { strict: true, label: 'time' });
			}
			const clash = state.leaves.some((l) => l.workspace_id === c.ws.id && l.user_id === c.v.user_id && l.status !== 'rejected' && l.start_date <= c.v.end && l.end_date >= c.v.start);
			if (clash) fail(409, 'The user already has a leave request in this period.');
			addLeave(state, { ...c.v, workspace_id: c.ws.id, start_date: c.v.start, end_date: c.v.end, note: c.v.reason, created_by: c.callerId });
			return ok(undefined, 'Leave request created successfully', { status: 201 }); // documented 201 body has no data
		},
	);
	route('GET', '/leaves/balances', { date_from: 'date*', date_to: 'date*', user_id: 'int' }, (c) => {
		requireOrder(c.v, 'date_from', 'date_to');
		const users = membersOf(c.ws).filter((m) => m.role !== VIEWER_ROLE && m.status === 'active' && (!c.v.user_id || m.user_id === c.v.user_id));
		// balance = allowance - approved leave overlapping the range; "10 days" / "16 hours" strings
		const balanceRow = (member) => {
			const information = policiesOf(c.ws).map((policy) => {
				const used = state.leaves
					.filter((l) => l.user_id === member.user_id && l.policy_id === policy.id && l.status === 'approved' && l.end_date >= c.v.date_from && l.start_date <= c.v.date_to)
					.reduce((total, l) => total + leaveAmount(l, policy), 0);
				return { leave_type: policy.name, policy_id: policy.id, balance: `${policy.allowance - used} ${policy.unit}`, remaining: policy.allowance - used, unit: policy.unit };
			});
			const totalDays = information.filter((i) => i.unit === 'days').reduce((total, i) => total + i.remaining, 0);
			return {
				user_id: member.user_id,
				user_name: fullName(state, member.user_id),
				leave_information: information.map(({ leave_type, balance }) => ({ leave_type, balance })),
				total_balance: `${totalDays} days`, // [unknown] format
			};
		};
		return list(c, users, balanceRow);
	});
	// Path [inferred]; not paginated (fields [unknown])
	route('GET', '/leaves/policies', {}, (c) =>
		ok(policiesOf(c.ws).map(({ id, name, is_paid, unit, allowance }) => ({ id, name, is_paid, type: unit === 'hours' ? 'hour' : 'day', allowance })), 'Leave policies retrieved successfully'),
	);
	// [inferred] route: older docs mention approve/reject without a path; our node uses these.
	route('PUT', '/leaves/{leaveId}/approve', {}, (c) => {
		const leave = leaveOr404(c.ws, c.params.leaveId);
		requirePending(leave, 'leave request', 'approved');
		Object.assign(leave, { status: 'approved', approved_by: c.callerId });
		return ok(views.leaveView(leave), 'Leave request approved successfully');
	});
	// [inferred] route; reason optional [inferred]
	route('PUT', '/leaves/{leaveId}/reject', { reason: 'string' }, (c) => {
		const leave = leaveOr404(c.ws, c.params.leaveId);
		requirePending(leave, 'leave request', 'rejected');
		Object.assign(leave, { status: 'rejected', rejected_by: c.callerId, reject_reason: c.v.reason ?? null });
		return ok(views.leaveView(leave), 'Leave request rejected successfully');
	});

	// ---- Expenses ----------------------------------------------------------------------------
	const expenseFields = { expense_name: 'string', date: 'date', amount: 'number', category_id: 'string', project_id: 'int', note: 'string', description: 'string', is_billable: 'bool', user_id: 'int' };
	const checkExpenseRefs = (c) => {
		if (c.v.amount !== undefined && c.v.amount <= 0) invalid('amount', 'The amount field must be greater than 0.');
		if (c.v.category_id && !state.expenseCategories.some((k) => k.workspace_id === c.ws.id && k.id === c.v.category_id)) invalid('category_id', 'The selected category id is invalid.');
		if (c.v.project_id && !activeProjects(c.ws).some((p) => p.id === c.v.project_id)) invalid('project_id', 'The selected project id is invalid.');
		if (c.v.user_id) workerOr422(c.ws, c.v.user_id);
	};
	const expenseOr404 = (ws, id) => findOr404(state.expenses, id, ws, 'Expense');
	route('GET', '/expenses', { id: 'string', date_from: 'date', date_to: 'date' }, (c) => {
		requireOrder(c.v, 'date_from', 'date_to');
		const { id, date_from, date_to } = c.v;
		const items = state.expenses.filter((e) => e.workspace_id === c.ws.id && (!id || e.id === id) && (!date_from || e.date >= date_from) && (!date_to || e.date <= date_to));
		return list(c, items, views.expenseView);
	});
	// Required set follows the older docs / runtime behaviour: expense_name, date, amount, category_id
	route('POST', '/expenses', { ...expenseFields, expense_name: 'string*', date: 'date*', amount: 'number*', category_id: 'string*' }, (c) => {
		checkExpenseRefs(c);
		const expense = addExpense(state, { ...prune(c.v), workspace_id: c.ws.id, user_id: c.v.user_id || c.callerId, note: c.v.note ?? c.v.description, created_at: laravelTimestamp() });
		return ok(views.expenseView(expense), 'Expense created successfully', { status: 201 });
	});
	route('PUT', '/expenses/{expenseId}', expenseFields, (c) => {
		const expense = expenseOr404(c.ws, c.params.expenseId);
		checkExpenseRefs(c);
		const { description, ...fields } = c.v;
		Object.assign(expense, prune(fields), fields.note === undefined && description !== undefined ? { note: description } : {});
		return ok(views.expenseView(expense), 'Expense updated successfully');
	});
	route('DELETE', '/expenses/{expenseId}', {}, (c) => {
		const expense = expenseOr404(c.ws, c.params.expenseId);
		state.expenses = state.expenses.filter((e) => e !== expense);
		return ok(null, 'Expense deleted successfully');
	});
	// [inferred] path; paginated like other lists
	route('GET', '/expenses/categories', {}, (c) =>
		list(c, state.expenseCategories.filter((k) => k.workspace_id === c.ws.id), ({ id, name }) => ({ id, name }), { message: 'Expense categories retrieved successfully' }),
	);

	// ---- Live time tracking ---------------------------------------------------------------------
	const trackerOf = (ws, userId) => state.trackers.find((t) => t.workspace_id === ws.id && t.user_id === userId);
	const trackerData = (tracker) => {
		const user = userById(state, tracker.user_id);
		const project = tracker.project_id ? projectById(state, tracker.project_id) : null;
		const task = tracker.task_id ? taskById(state, tracker.task_id) : null;
		return {
			start_time: new Date(tracker.started_at).toISOString(),
			user_id: user.id,
			user_name: `${user.firstname} ${user.lastname}`,
			user_email: user.email,
			contract_id: tracker.contract_id,
			project_id: tracker.project_id,
			project_name: project ? project.name : null,
			task_id: tracker.task_id,
			task_title: task ? task.title : null,
			activity_description: tracker.activity_description,
		};
	};
	route('POST', '/time-tracking/start', { user_id: 'int*', contract_id: 'int', task_id: 'int', activity_description: 'string' }, (c) => {
		const { user_id, contract_id, task_id, activity_description } = c.v;
		workerOr422(c.ws, user_id);
		const contract = resolveWork(c.ws, user_id, contract_id, task_id);
		if (contract && contract.status !== 'active') invalid('contract_id', 'The selected contract is paused.');
		if (trackerOf(c.ws, user_id)) fail(422, `${fullName(state, user_id)} is already tracking time. Stop the current tracker first.`);
		const tracker = { workspace_id: c.ws.id, user_id, contract_id: contract ? contract.id : null, project_id: contract ? contract.project_id : null, task_id: task_id ?? null, activity_description: activity_description ?? null, started_at: Date.now() };
		state.trackers.push(tracker);
		emit(c.ws, 'tracker.started', trackerData(tracker));
		return ok(trackerData(tracker), `Time tracking started for ${fullName(state, user_id)}`);
	});
	route('POST', '/time-tracking/stop', { user_id: 'int*' }, (c) => {
		workerOr422(c.ws, c.v.user_id);
		const tracker = trackerOf(c.ws, c.v.user_id);
		if (!tracker) fail(422, `${fullName(state, c.v.user_id)} has no active tracker.`);
		state.trackers = state.trackers.filter((t) => t !== tracker);
		const stoppedAt = new Date();
		const totalSeconds = Math.floor((stoppedAt - tracker.started_at) / 1000);
		const started = new Date(tracker.started_at);
		const date = started.toISOString().slice(0, 10);
		const startMinute = started.getUTCHours() * 60 + started.getUTCMinutes();
		const endMinute = stoppedAt.toISOString().slice(0, 10) === date ? stoppedAt.getUTCHours() * 60 + stoppedAt.getUTCMinutes() : 24 * 60 - 1;
		if (endMinute > startMinute) {
			const contract = tracker.contract_id ? contractById(state, tracker.contract_id) : null;
			saveFreeTime(c.ws, { userId: tracker.user_id, contract, taskId: tracker.task_id, date, startMinute, endMinute, description: tracker.activity_description, method: 'Web tracker' });
		}
		const data = { ...trackerData(tracker), end_time: stoppedAt.toISOString(), total_seconds: totalSeconds, total_minutes: Math.floor(totalSeconds / 60) };
		emit(c.ws, 'tracker.stopped', data);
		return ok(data, `Time tracking stopped for ${fullName(state, c.v.user_id)}`);
	});
	route('GET', '/time-tracking/current-data', { user_id: 'int*' }, (c) => {
		workerOr422(c.ws, c.v.user_id);
		const tracker = trackerOf(c.ws, c.v.user_id);
		if (!tracker) return ok(null, 'The user is not tracking time right now.'); // [unknown] could also be 404
		const totalSeconds = Math.floor((Date.now() - tracker.started_at) / 1000);
		const { contract_id, user_id, activity_description, task_id, task_title } = trackerData(tracker);
		return ok({ contract_id, user_id, activity_description, task_id, task_title, total_seconds: totalSeconds, total_minutes: Math.floor(totalSeconds / 60), date: new Date(tracker.started_at).toISOString().slice(0, 10) }, 'Current tracker data retrieved successfully');
	});

	// ---- Webhooks ----------------------------------------------------------------------------
	const webhookOr404 = (ws, id) => findOr404(state.webhooks, id, ws, 'Webhook');
	const eventsRule = (required) => [required ? 'enum[]*' : 'enum[]', ACCEPTED_WEBHOOK_EVENTS];
	route('GET', '/webhooks', {}, (c) => list(c, state.webhooks.filter((w) => w.workspace_id === c.ws.id), views.webhookView, WEBHOOK_PAGING));
	route('POST', '/webhooks', { url: 'url*', events: eventsRule(true) }, (c) => {
		const webhook = addWebhook(state, { workspace_id: c.ws.id, url: c.v.url, events: [...new Set(c.v.events)] });
		return ok(views.webhookView(webhook), 'Webhook created successfully'); // 200: spec does not say 201
	});
	route('GET', '/webhooks/{webhookId}', {}, (c) => ok(views.webhookView(webhookOr404(c.ws, c.params.webhookId)), 'Webhook retrieved successfully'));
	route('PUT', '/webhooks/{webhookId}', { url: 'url*', events: eventsRule(false) }, (c) => {
		const webhook = webhookOr404(c.ws, c.params.webhookId);
		Object.assign(webhook, { url: c.v.url, updated_at: laravelTimestamp() }, c.v.events ? { events: [...new Set(c.v.events)] } : {});
		return ok(undefined, 'Webhook updated successfully'); // older docs: response is just {success}
	});
	route('DELETE', '/webhooks/{webhookId}', {}, (c) => {
		const webhook = webhookOr404(c.ws, c.params.webhookId);
		state.webhooks = state.webhooks.filter((w) => w !== webhook);
		return ok(null, 'Webhook deleted successfully');
	});

	// ---- Reports (all derived from time entries; body shapes beyond the named fields are [unknown]) --
	const reportUsers = (ws, userIds, teamIds) =>
		membersOf(ws)
			.filter((m) => m.role !== VIEWER_ROLE && m.status === 'active')
			.filter((m) => (!userIds || userIds.includes(m.user_id)) && (!teamIds || teamIds.includes(m.team_id)))
			.sort((a, b) => a.user_id - b.user_id);
	const entriesOf = (ws, userId, from, to) =>
		state.timeEntries
			.filter((e) => e.workspace_id === ws.id && e.user_id === userId && e.date >= from && e.date <= to)
			.sort((a, b) => (a.date + a.start_time > b.date + b.start_time ? 1 : -1));
	const userHeader = (member) => ({ user_id: member.user_id, user_name: fullName(state, member.user_id), email: userById(state, member.user_id).email });
	const reportPage = (c, members, row) => {
		const { data, pagination } = paginate(c.input, members, REPORT_PAGING);
		return ok(data.map(row), 'Report retrieved successfully', { pagination });
	};
	const groupMinutes = (entries, keyOf) => {
		const groups = new Map();
		for (const entry of entries) {
			const key = keyOf(entry);
			groups.set(key, (groups.get(key) || 0) + minutesOf(entry));
		}
		return groups;
	};

	route(
		'GET',
		'/reports/tracked-hours',
		{ user_id: 'int', start_date: 'date', end_date: 'date', users: 'int[]', projects: 'int[]', teams: 'int[]', titles: 'int[]', currencies: 'string[]' },
		(c) => {
			const v = { ...c.v };
			v.start_date = v.start_date || mondayOf(state.calendar.today); // default: current week
			v.end_date = v.end_date || addDays(mondayOf(v.start_date), 6);
			if (v.user_id) requireMaxDays(v, 'start_date', 'end_date');
			else requireOrder(v, 'start_date', 'end_date');
			const userIds = v.user_id ? [v.user_id] : v.users; // titles filter accepted but ignored [unknown: title ids]
			const days = {};
			const amounts = {};
			let total = 0;
			for (const member of reportUsers(c.ws, userIds, v.teams)) {
				const entries = entriesOf(c.ws, member.user_id, v.start_date, v.end_date).filter((e) => !v.projects || v.projects.includes(e.project_id));
				for (const entry of entries) {
					const day = (days[entry.date] = days[entry.date] || { date: entry.date, total: 0, users: [] });
					let userRow = day.users.find((u) => u.user_id === member.user_id);
					if (!userRow) day.users.push((userRow = { user_id: member.user_id, user_name: fullName(state, member.user_id), total: 0, projects: [] }));
					let projectRow = userRow.projects.find((p) => p.contract_id === entry.contract_id);
					if (!projectRow) {
						const project = entry.project_id ? projectById(state, entry.project_id) : null;
						userRow.projects.push((projectRow = { project_id: entry.project_id, project_name: project ? project.name : null, contract_id: entry.contract_id, total: 0 }));
					}
					const minutes = minutesOf(entry);
					projectRow.total += minutes;
					userRow.total += minutes;
					day.total += minutes;
					total += minutes;
					const contract = entry.contract_id ? contractById(state, entry.contract_id) : null;
					if (contract && projectById(state, contract.project_id).is_billable) amounts.USD = roundMoney((amounts.USD || 0) + (minutes / 60) * (views.contractRate(contract).rate || 0));
				}
			}
			const totalAmount = Object.fromEntries(Object.entries(amounts).filter(([currency]) => !v.currencies || v.currencies.includes(currency)));
			return ok({ report_type: 'tracked_hours', start_date: v.start_date, end_date: v.end_date, total, total_amount: totalAmount, days }, 'Report retrieved successfully');
		},
	);
	route('GET', '/reports/daily-timeline', { date: 'date*', user_ids: 'int[]' }, (c) =>
		reportPage(c, reportUsers(c.ws, c.v.user_ids), (member) => {
			const entries = entriesOf(c.ws, member.user_id, c.v.date, c.v.date);
			return { ...userHeader(member), date: c.v.date, total_minutes: sumMinutes(entries), timeline: entries.map(views.timeEntryView) };
		}),
	);
	route(
		'GET',
		'/reports/task-report',
		{ start_date: 'date*', end_date: 'date*', users: 'int[]', project_id: 'int[]', task_id: 'int[]', include_no_task: 'bool' },
		(c) => {
			requireMaxDays(c.v, 'start_date', 'end_date');
			const { start_date, end_date, project_id, task_id, include_no_task = true } = c.v;
			return reportPage(c, reportUsers(c.ws, c.v.users), (member) => {
				const entries = entriesOf(c.ws, member.user_id, start_date, end_date).filter(
					(e) => (!project_id || project_id.includes(e.project_id)) && (!task_id || task_id.includes(e.task_id)) && (include_no_task || e.task_id),
				);
				const tasksBreakdown = [...groupMinutes(entries, (e) => `${e.project_id}:${e.task_id}`)].map(([key, minutes]) => {
					const [projectId, taskId] = key.split(':').map((part) => (part === 'null' ? null : Number(part)));
					const project = projectId ? projectById(state, projectId) : null;
					const task = taskId ? taskById(state, taskId) : null;
					return { task_id: taskId, task_title: task ? task.title : 'No task', project_id: projectId, project_name: project ? project.name : null, total_minutes: minutes };
				});
				return { ...userHeader(member), total_minutes: sumMinutes(entries), tasks_breakdown: tasksBreakdown, daily_breakdown: Object.fromEntries(groupMinutes(entries, (e) => e.date)) };
			});
		},
	);
	route('GET', '/reports/activity-level', { start_date: 'date*', end_date: 'date*', contract_id: 'int', user_ids: 'int[]' }, (c) => {
		requireMaxDays(c.v, 'start_date', 'end_date');
		return reportPage(c, reportUsers(c.ws, c.v.user_ids), (member) => {
			const entries = entriesOf(c.ws, member.user_id, c.v.start_date, c.v.end_date).filter((e) => !c.v.contract_id || e.contract_id === c.v.contract_id);
			const weighted = (list) => (sumMinutes(list) ? Math.round(list.reduce((t, e) => t + e.activity * minutesOf(e), 0) / sumMinutes(list)) : 0);
			const byDay = [...new Set(entries.map((e) => e.date))].map((date) => {
				const dayEntries = entries.filter((e) => e.date === date);
				return { date, tracked_minutes: sumMinutes(dayEntries), activity_level: weighted(dayEntries) };
			});
			return { ...userHeader(member), tracked_minutes: sumMinutes(entries), average_activity: weighted(entries), days: byDay };
		});
	});
	route(
		'GET',
		'/reports/daily-attendance',
		{ date: 'date*', users: 'int[]', status: ['enum[]', Object.keys(ATTENDANCE_STATUS_LABELS)] },
		(c) => {
			const { date } = c.v;
			const rows = reportUsers(c.ws, c.v.users).map((member) => attendanceRow(c.ws, member, date));
			const wanted = c.v.status && c.v.status.map((s) => ATTENDANCE_STATUS_LABELS[s]);
			const filtered = wanted ? rows.filter((row) => row.statuses.some((s) => wanted.includes(s))) : rows;
			return reportPage(c, filtered, (row) => row);
		},
	);
	/** Attendance against an assumed 09:00-17:00 schedule on weekdays [inferred]. */
	function attendanceRow(ws, member, date) {
		const entries = entriesOf(ws, member.user_id, date, date);
		const onLeave = state.leaves.some((l) => l.workspace_id === ws.id && l.user_id === member.user_id && l.status === 'approved' && l.start_date <= date && l.end_date >= date);
		const tracked = sumMinutes(entries);
		const expected = isWeekend(date) || onLeave ? 0 : WORKDAY.expectedMinutes;
		const first = entries.length ? clockToMinutes(entries[0].start_time) : null;
		const last = entries.length ? Math.max(...entries.map((e) => clockToMinutes(e.end_time))) : null;
		const lateMinutes = first !== null && expected && first > WORKDAY.start + WORKDAY.graceMinutes ? first - WORKDAY.start : 0;
		const leftEarlyMinutes = last !== null && expected && last < WORKDAY.end ? WORKDAY.end - last : 0;
		const breaks = [];
		entries.slice(1).forEach((entry, index) => {
			if (entry.start_time > entries[index].end_time) breaks.push(`${entries[index].end_time} - ${entry.start_time}`);
		});
		const statuses = [];
		if (onLeave) statuses.push('On leave');
		if (entries.length) statuses.push('Present');
		else if (expected) statuses.push('Absent');
		if (lateMinutes) statuses.push('Late');
		if (leftEarlyMinutes) statuses.push('Left early');
		if (entries.length && expected && tracked < expected) statuses.push('Tracked less');
		return {
			...userHeader(member),
			date,
			statuses,
			first_activity: first === null ? null : minutesToClock(first),
			last_activity: last === null ? null : minutesToClock(last),
			tracked_minutes: tracked,
			expected_minutes: expected,
			late_minutes: lateMinutes,
			left_early_minutes: leftEarlyMinutes,
			break_minutes: breaks.reduce((t, b) => t + clockToMinutes(b.slice(8)) - clockToMinutes(b.slice(0, 5)), 0),
			breaks,
		};
	}
	// [inferred] path and parameters: the Reports tag names an activity-descriptions report, path unknown.
	route('GET', '/reports/activity-descriptions', { start_date: 'date*', end_date: 'date*', users: 'int[]' }, (c) => {
		requireMaxDays(c.v, 'start_date', 'end_date');
		return reportPage(c, reportUsers(c.ws, c.v.users), (member) => {
			const entries = entriesOf(c.ws, member.user_id, c.v.start_date, c.v.end_date);
			const descriptions = [...groupMinutes(entries, (e) => e.activity_description || '')].map(([description, minutes]) => ({ description: description || null, minutes }));
			return { ...userHeader(member), total_minutes: sumMinutes(entries), activity_descriptions: descriptions };
		});
	});

	return routes;
}

/** Drops undefined values so Object.assign only applies fields that were sent. */
function prune(object) {
	return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

// ---------------------------------------------------------------------------------------------
// Authentication: bearer PATs and OAuth2 access tokens
// ---------------------------------------------------------------------------------------------
function makeAuthenticate(state) {
	return (ctx) => {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(ctx.headers.authorization || '');
		if (!match) return null;
		const token = state.tokens[match[1]];
		if (!token || token.revoked || (token.expiresAt && token.expiresAt <= Date.now())) return null;
		const roles = state.members.filter((m) => m.user_id === token.userId && m.status === 'active').map((m) => m.role);
		if (!roles.some((role) => API_ROLES.includes(role))) return { status: 403, message: FORBIDDEN_MESSAGE };
		// Scope mapping (GET -> read, others -> write; admin covers all) is [inferred]
		if (token.scope) {
			const scopes = token.scope.split(/[\s,]+/);
			const needed = ctx.method === 'GET' ? ['read', 'write', 'admin'] : ['write', 'admin'];
			if (!needed.some((scope) => scopes.includes(scope))) return { status: 403, message: `The token is missing the "${needed[0]}" scope.` };
		}
		return { token: match[1], userId: token.userId, kind: token.kind, scope: token.scope || null };
	};
}

// ---------------------------------------------------------------------------------------------
// OAuth2 authorization page: GET /oauth/authorize shows an approval page (the real one is WebWork's
// login + consent screen [unknown]); its Approve / Deny forms POST back, which answers 302 to redirect_uri.
// ---------------------------------------------------------------------------------------------
const escapeHtml = (value) =>
	String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const htmlPage = (status, title, content) => ({
	status,
	headers: { 'Content-Type': 'text/html; charset=utf-8' },
	body: `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)} - WebWork emulator</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
${content}
</body>
</html>
`,
});

/** 302 to redirect_uri with the given parameters added to its query (undefined ones left out). */
const redirectTo = (redirectUri, params) => {
	const url = new URL(redirectUri);
	for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') url.searchParams.set(name, value);
	return { status: 302, headers: { Location: url.toString() }, body: '' };
};

/**
 * Checks an authorization request (GET query or POSTed form). Errors that make the redirect URI or the
 * client untrustworthy are shown as a page ({error}); the rest go back to the redirect URI ({redirectError}).
 */
function authorizationRequest(input) {
	const text = (value) => (typeof value === 'string' ? value : undefined);
	const clientId = text(input.client_id);
	const redirectUri = text(input.redirect_uri) || null;
	const stateParam = text(input.state);
	if (!clientId) return { error: 'The client_id parameter is missing.' };
	if (clientId !== OAUTH_CLIENT.id) return { error: `Unknown client_id "${clientId}".` };
	if (redirectUri) {
		let url = null;
		try {
			url = new URL(redirectUri);
		} catch {
			// handled below
		}
		if (!url || !['http:', 'https:'].includes(url.protocol)) return { error: `The redirect_uri "${redirectUri}" is not an http(s) URL.` };
	}
	const responseType = text(input.response_type);
	if (responseType !== 'code') return { error: `Unsupported response_type "${responseType || ''}": only "code" is supported.` };
	const scope = (text(input.scope) || DEFAULT_OAUTH_SCOPE).split(/[\s,]+/).filter(Boolean);
	const unknown = scope.filter((name) => !OAUTH_SCOPES.includes(name));
	if (unknown.length) {
		if (redirectUri) return { redirectError: 'invalid_scope', redirectUri, state: stateParam };
		return { error: `Unknown scope "${unknown.join(' ')}" (known: ${OAUTH_SCOPES.join(', ')}).` };
	}
	return { clientId, redirectUri, responseType, scope: scope.length ? scope.join(' ') : DEFAULT_OAUTH_SCOPE, state: stateParam };
}

function approvalPage(request) {
	const hidden = ['clientId:client_id', 'redirectUri:redirect_uri', 'responseType:response_type', 'scope:scope', 'state:state']
		.map((pair) => pair.split(':'))
		.filter(([key]) => request[key] !== undefined && request[key] !== null)
		.map(([key, name]) => `<input type="hidden" name="${name}" value="${escapeHtml(request[key])}">`)
		.join('\n');
	const form = (decision, label) =>
		`<form method="post" action="/oauth/authorize">\n${hidden}\n<button type="submit" name="decision" value="${decision}">${label}</button>\n</form>`;
	const scopes = request.scope.split(' ').map((name) => `<li>${escapeHtml(name)}</li>`).join('');
	return htmlPage(
		200,
		'Authorize application',
		`<p><strong id="app-name">${escapeHtml(OAUTH_APP_NAME)}</strong> wants to access your WebWork account (user 1, workspace owner).</p>
<p>Requested scopes:</p>
<ul id="scopes">${scopes}</ul>
${request.redirectUri ? `<p>You will be sent back to <code>${escapeHtml(request.redirectUri)}</code>.</p>` : ''}
${form('approve', 'Approve')}
${form('deny', 'Deny')}`,
	);
}

function oauthRoutes(state, settings) {
	const oauthError = (status, error, description) => ({ status, body: { error, error_description: description, message: description } });
	const issueTokens = (userId, scope) => {
		const accessToken = `wwat_${crypto.randomBytes(24).toString('hex')}`;
		const refreshToken = `wwrt_${crypto.randomBytes(24).toString('hex')}`;
		state.tokens[accessToken] = { userId, kind: 'oauth', scope, expiresAt: Date.now() + settings.accessTokenTtlSeconds * 1000 };
		state.oauth.refreshTokens[refreshToken] = { userId, scope, accessToken, expiresAt: Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000 };
		// refresh_token is returned for every grant, client_credentials included (emulator choice)
		return { status: 200, body: { token_type: 'Bearer', expires_in: settings.accessTokenTtlSeconds, access_token: accessToken, refresh_token: refreshToken, scope } };
	};
	/** Client credentials from the form/JSON body or an HTTP Basic header. */
	const clientOf = (ctx) => {
		const basic = /^Basic\s+(\S+)/i.exec(ctx.headers.authorization || '');
		if (basic) {
			const [id, ...secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
			return { id: decodeURIComponent(id), secret: decodeURIComponent(secret.join(':')) };
		}
		return { id: ctx.input.client_id, secret: ctx.input.client_secret };
	};
	return [
		{
			method: 'GET',
			path: '/oauth/authorize',
			handler(ctx) {
				const request = authorizationRequest(ctx.query);
				if (request.error) return htmlPage(400, 'Authorization failed', `<p>${escapeHtml(request.error)}</p>`);
				if (request.redirectError) return redirectTo(request.redirectUri, { error: request.redirectError, state: request.state });
				return approvalPage(request);
			},
		},
		{
			method: 'POST',
			path: '/oauth/authorize',
			handler(ctx) {
				const form = ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body : {};
				const request = authorizationRequest(form);
				if (request.error) return htmlPage(400, 'Authorization failed', `<p>${escapeHtml(request.error)}</p>`);
				if (request.redirectError) return redirectTo(request.redirectUri, { error: request.redirectError, state: request.state });
				if (form.decision === 'deny') {
					if (!request.redirectUri) return htmlPage(200, 'Access denied', '<p>You denied the request. No code was issued.</p>');
					return redirectTo(request.redirectUri, { error: 'access_denied', state: request.state });
				}
				if (form.decision !== 'approve') return htmlPage(400, 'Authorization failed', '<p>Choose Approve or Deny.</p>');
				const code = crypto.randomBytes(12).toString('hex');
				state.oauth.codes[code] = { userId: 1, scope: request.scope, redirectUri: request.redirectUri };
				if (!request.redirectUri) {
					return htmlPage(200, 'Access approved', `<p>Authorization code: <code id="code">${escapeHtml(code)}</code></p>`);
				}
				return redirectTo(request.redirectUri, { code, state: request.state });
			},
		},
		{
			method: 'POST',
			path: '/oauth/token',
			handler(ctx) {
				const client = clientOf(ctx);
				if (client.id !== OAUTH_CLIENT.id || client.secret !== OAUTH_CLIENT.secret) return oauthError(401, 'invalid_client', 'Client authentication failed');
				const input = ctx.input;
				const scope = input.scope || 'read write';
				if (input.grant_type === 'client_credentials') return issueTokens(1, scope);
				if (input.grant_type === 'authorization_code') {
					const grant = input.code === FIXED_AUTHORIZATION_CODE ? { userId: 1, scope } : state.oauth.codes[input.code];
					if (!grant) return oauthError(400, 'invalid_grant', 'The authorization code is invalid or was already used.');
					if (grant.redirectUri && input.redirect_uri && grant.redirectUri !== input.redirect_uri) return oauthError(400, 'invalid_grant', 'The redirect_uri does not match.');
					delete state.oauth.codes[input.code];
					return issueTokens(grant.userId, grant.scope);
				}
				if (input.grant_type === 'refresh_token') {
					const grant = state.oauth.refreshTokens[input.refresh_token];
					if (!grant || grant.expiresAt <= Date.now()) return oauthError(400, 'invalid_grant', 'The refresh token is invalid.');
					delete state.oauth.refreshTokens[input.refresh_token]; // rotation: old refresh + access token revoked
					if (state.tokens[grant.accessToken]) state.tokens[grant.accessToken].revoked = true;
					return issueTokens(grant.userId, grant.scope);
				}
				return oauthError(400, 'unsupported_grant_type', 'The authorization grant type is not supported.');
			},
		},
	];
}

// ---------------------------------------------------------------------------------------------
// Webhook delivery — NOT from the docs (§4.3: delivery is undocumented). Proposal used by our trigger:
// POST {event, workspace_id, timestamp, data}; signature header X-Webwork-Signature = hex HMAC-SHA256 of
// the raw body keyed with the webhook token ('hmac', default), or X-Webwork-Token: <token> ('token').
// ---------------------------------------------------------------------------------------------
function postJson(url, payload, headers, timeoutMs = 10000) {
	return new Promise((resolve, reject) => {
		const target = new URL(url);
		const client = target.protocol === 'https:' ? https : http;
		const req = client.request(target, { method: 'POST', headers: { ...headers, 'Content-Length': Buffer.byteLength(payload) }, timeout: timeoutMs }, (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let body = text;
				try {
					body = JSON.parse(text);
				} catch {
					/* keep text */
				}
				resolve({ status: res.statusCode, headers: res.headers, body });
			});
		});
		req.on('timeout', () => req.destroy(new Error(`Webhook delivery to ${url} timed out`)));
		req.on('error', reject);
		req.end(payload);
	});
}

/**
 * deliver(emulator, webhookIdOrWebhook, event, data, { signature: 'hmac'|'token'|'none', header, url, workspaceId, timestamp, headers })
 * Resolves with { status, headers, body } of the receiver's answer; the attempt is recorded in emulator.deliveries.
 */
async function deliver(emulator, webhook, event, data = {}, options = {}) {
	const hook = typeof webhook === 'string' ? emulator.state.webhooks.find((w) => w.id === webhook) : webhook;
	if (!hook) throw new Error(`Unknown webhook ${webhook}`);
	const { signature = 'hmac', header, url = hook.url, workspaceId = hook.workspace_id, timestamp = nowIso(), headers = {} } = options;
	const payload = JSON.stringify({ event, workspace_id: workspaceId, timestamp, data });
	const sendHeaders = { 'Content-Type': 'application/json', 'User-Agent': 'WebWork-Webhooks/emulator', 'X-Webwork-Event': event, ...headers };
	if (signature === 'hmac') sendHeaders[header || 'X-Webwork-Signature'] = crypto.createHmac('sha256', hook.token).update(payload).digest('hex');
	if (signature === 'token') sendHeaders[header || 'X-Webwork-Token'] = hook.token;
	const attempt = { webhookId: hook.id, url, event, payload, headers: sendHeaders, at: Date.now(), status: null, error: null };
	if (emulator && emulator.deliveries) emulator.deliveries.push(attempt);
	try {
		const response = await postJson(url, payload, sendHeaders);
		attempt.status = response.status;
		return response;
	} catch (error) {
		attempt.error = error.message;
		throw error;
	}
}

// ---------------------------------------------------------------------------------------------
// Bulk seeding for pagination tests
// ---------------------------------------------------------------------------------------------
const FIRST_NAMES = ['Ava', 'Noah', 'Mia', 'Liam', 'Zoe', 'Ethan', 'Isla', 'Lucas', 'Nora', 'Mateo', 'Leah', 'Omar', 'Sara', 'Ivan', 'Aiko', 'Kofi'];
const LAST_NAMES = ['Smith', 'Garcia', 'Kowalski', 'Nguyen', 'Silva', 'Haddad', 'Larsen', 'Rossi', 'Kim', 'Dubois', 'Ivanova', 'Mensah'];
const PROJECT_WORDS = ['Brand Refresh', 'Data Migration', 'Support Portal', 'SEO Audit', 'Analytics Dashboard', 'Checkout Revamp', 'API Integration', 'Onboarding Flow'];
const TIMEZONES = ['Europe/London', 'America/New_York', 'Asia/Singapore', 'Europe/Warsaw', 'America/Sao_Paulo', 'Australia/Sydney'];

function seedBulk(state, kind, count, workspaceId = firstWorkspaceId(state), options = {}) {
	const normalized = kind.replace(/[-_\s]/g, '').toLowerCase();
	const out = [];
	const ws = state.workspaces.find((w) => w.id === workspaceId);
	if (!ws) throw new Error(`Unknown workspace ${workspaceId}`);
	const firstProject = () => state.projects.find((p) => p.workspace_id === workspaceId && !p.archived);
	const workerContract = () => state.contracts.find((k) => k.workspace_id === workspaceId && k.status === 'active' && (!options.userId || k.user_id === options.userId));
	for (let i = 0; i < count; i++) {
		const n = (state.counters[`bulk:${normalized}`] = (state.counters[`bulk:${normalized}`] || 0) + 1);
		const serial = String(n).padStart(3, '0');
		switch (normalized) {
			case 'projects':
				out.push(addProject(state, { workspace_id: workspaceId, name: `${PROJECT_WORDS[n % PROJECT_WORDS.length]} ${serial}`, is_billable: n % 2 === 0, rate: n % 2 === 0 ? 60 + (n % 5) * 10 : null, start_date: state.calendar.previousWeekStart }));
				break;
			case 'members': {
				const first = FIRST_NAMES[n % FIRST_NAMES.length];
				const last = LAST_NAMES[Math.floor(n / FIRST_NAMES.length) % LAST_NAMES.length];
				out.push(addMember(state, { workspace_id: workspaceId, email: `${asciiSlug(first)}.${asciiSlug(last)}.${serial}@example.com`, firstname: first, lastname: last, timezone: TIMEZONES[n % TIMEZONES.length], title: 'Contractor', role: 'Regular User', rate: 30 + (n % 4) * 5, weekly_hours_limit: 40 }));
				break;
			}
			case 'tasks': {
				const project = options.projectId ? projectById(state, options.projectId) : firstProject();
				out.push(addTask(state, { workspace_id: workspaceId, project_id: project.id, title: `Task ${serial}: ${PROJECT_WORDS[n % PROJECT_WORDS.length].toLowerCase()} follow-up`, status: TASK_STATUSES[n % 4], priority: TASK_PRIORITIES[n % 4] }));
				break;
			}
			case 'timeentries': {
				// n short entries for one user on one (empty by default) day, back to back from 00:00
				const contract = workerContract();
				const minutes = options.minutes || Math.max(1, Math.min(30, Math.floor(1440 / Math.max(count, 1))));
				const start = i * minutes;
				if (start + minutes > 1440) throw new Error('seedBulk timeEntries: too many entries for one day');
				out.push(addTimeEntry(state, { workspace_id: workspaceId, user_id: contract.user_id, contract_id: contract.id, date: options.date || state.calendar.bulkDate, start_time: minutesToClock(start), end_time: minutesToClock(start + minutes), activity_description: DESCRIPTIONS[n % DESCRIPTIONS.length] }));
				break;
			}
			case 'timerequests':
				out.push(addTimeRequest(state, { workspace_id: workspaceId, contract_id: workerContract().id, ...options }));
				break;
			case 'timesheets':
				out.push(addTimesheet(state, { workspace_id: workspaceId, date_from: addDays(state.calendar.previousWeekStart, -7 * n), ...options }));
				break;
			case 'leaves':
				out.push(addLeave(state, { workspace_id: workspaceId, start_date: addDays(state.calendar.weekStart, 7 * (n + 10)), ...options }));
				break;
			case 'expenses':
				out.push(addExpense(state, { workspace_id: workspaceId, expense_name: `Expense ${serial}`, amount: 10 + n, ...options }));
				break;
			case 'webhooks':
				out.push(addWebhook(state, { workspace_id: workspaceId, url: `https://hooks.example.com/bulk/${serial}`, events: ['tracker.started'] }));
				break;
			default:
				throw new Error(`seedBulk: unsupported kind "${kind}"`);
		}
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Test-only control endpoint (not part of WebWork's API): startWebWorkEmulator({ control: true }) or
// `scripts/emulator.js --control`. Lets a test drive the emulator over HTTP when it runs as a separate process.
// ---------------------------------------------------------------------------------------------
const CONTROL_PATH = '/__control';

/**
 * Adds, on the emulator origin, without auth:
 *   POST /__control/deliver {webhookId, event, data?, signature?: 'hmac'|'token'|'none', headers?}
 *     sends one delivery to that registered webhook's URL the way deliver() does and answers {status, headers, body}
 *     of the receiver's answer (502 {error} when it could not be reached).
 *   POST /__control/expire-tokens
 *     makes every OAuth access token expire now (the next API call answers 401, so n8n refreshes);
 *     answers {expired: n}, n = access tokens that were still valid.
 */
function addControlRoutes(emulator) {
	emulator.addRawRoute({
		method: 'POST',
		path: `${CONTROL_PATH}/deliver`,
		async handler(ctx) {
			const { webhookId, event, data = {}, signature = 'hmac', headers = {} } = ctx.body || {};
			if (typeof webhookId !== 'string' || typeof event !== 'string') {
				return { status: 400, body: { error: 'webhookId and event (strings) are required' } };
			}
			if (!emulator.state.webhooks.some((w) => w.id === webhookId)) {
				return { status: 404, body: { error: `Unknown webhook ${webhookId}` } };
			}
			try {
				const answer = await emulator.deliver(webhookId, event, data, { signature, headers });
				return { status: 200, body: answer };
			} catch (error) {
				return { status: 502, body: { error: error.message } };
			}
		},
	});
	emulator.addRawRoute({
		method: 'POST',
		path: `${CONTROL_PATH}/expire-tokens`,
		handler() {
			return { status: 200, body: { expired: emulator.expireAccessTokens() } };
		},
	});
	emulator.control = `${emulator.origin}${CONTROL_PATH}`;
	return emulator.control;
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------
/**
 * startWebWorkEmulator({ rateLimit, port, today, autoDeliver, accessTokenTtlSeconds, control }) -> started emulator.
 *   rateLimit: { limit, windowMs, status } (default 60 / 60 000 ms / 429 — the documented limit)
 *   today: 'YYYY-MM-DD' to make seeded dates deterministic (default: the real UTC date)
 *   autoDeliver: POST events (tracker.started, member.invited, ...) to matching registered webhooks
 *   control: add the test-only /__control routes (addControlRoutes); emulator.control is their URL prefix
 * emulator.oauth: the OAuth2 settings for a credential {authUrl, accessTokenUrl, clientId, clientSecret, scope}.
 */
async function startWebWorkEmulator(options = {}) {
	const state = createState({ today: options.today });
	const settings = { accessTokenTtlSeconds: options.accessTokenTtlSeconds || ACCESS_TOKEN_TTL_SECONDS };
	let emulator = null;
	const hooks = {
		emit(workspaceId, event, data) {
			if (!emulator) return;
			emulator.events.push({ workspace_id: workspaceId, event, data, at: Date.now() });
			if (!options.autoDeliver) return;
			for (const webhook of state.webhooks.filter((w) => w.workspace_id === workspaceId && w.events.includes(event))) {
				deliver(emulator, webhook, event, data).catch(() => {}); // failures stay visible in emulator.deliveries
			}
		},
	};
	emulator = createEmulator({
		basePath: BASE_PATH,
		authenticate: makeAuthenticate(state),
		routes: buildRoutes(state, hooks),
		rawRoutes: oauthRoutes(state, settings),
		rateLimit: { limit: 60, windowMs: 60000, status: 429, ...(options.rateLimit || {}) },
		errorBody,
	});
	const tokenFor = (label) => Object.keys(state.tokens).find((token) => state.tokens[token].label === label);
	Object.assign(emulator, {
		state,
		token: tokenFor('owner'),
		tokens: { owner: tokenFor('owner'), exec: tokenFor('exec'), regular: tokenFor('regular') },
		oauthClient: { ...OAUTH_CLIENT },
		events: [], // every event the API would emit (tracker.started, project.created, ...)
		deliveries: [], // webhook delivery attempts (deliver() and autoDeliver)
		seedBulk: (kind, count, workspaceId, bulkOptions) => seedBulk(state, kind, count, workspaceId, bulkOptions),
		addTimeRequest: (fields) => addTimeRequest(state, fields),
		addTimesheet: (fields) => addTimesheet(state, fields),
		addLeave: (fields) => addLeave(state, fields),
		addExpense: (fields) => addExpense(state, fields),
		addWebhook: (fields) => addWebhook(state, fields),
		deliver: (webhook, event, data, deliverOptions) => deliver(emulator, webhook, event, data, deliverOptions),
		/** Makes every OAuth access token expire now (to test refresh flows); returns how many were still valid. */
		expireAccessTokens() {
			let expired = 0;
			for (const token of Object.values(state.tokens)) {
				if (token.kind !== 'oauth') continue;
				if (!token.revoked && token.expiresAt > Date.now()) expired++;
				token.expiresAt = Date.now() - 1;
			}
			return expired;
		},
		/** An authorization code, as if the user had approved GET /oauth/authorize. */
		issueAuthorizationCode({ scope = 'read write', redirectUri = null } = {}) {
			const code = crypto.randomBytes(12).toString('hex');
			state.oauth.codes[code] = { userId: 1, scope, redirectUri };
			return code;
		},
	});
	await emulator.listen(options.port || 0);
	emulator.oauth = {
		authUrl: `${emulator.origin}/oauth/authorize`,
		accessTokenUrl: `${emulator.origin}/oauth/token`,
		clientId: OAUTH_CLIENT.id,
		clientSecret: OAUTH_CLIENT.secret,
		scope: DEFAULT_OAUTH_SCOPE,
	};
	if (options.control) addControlRoutes(emulator);
	return emulator;
}

module.exports = {
	startWebWorkEmulator,
	createState,
	deliver,
	seedBulk,
	addTimeRequest,
	addTimesheet,
	addLeave,
	addExpense,
	addWebhook,
	addControlRoutes,
	constants: {
		API_VERSION,
		BASE_PATH,
		ROLES,
		SETTABLE_ROLES,
		WEBHOOK_EVENTS,
		ACCEPTED_WEBHOOK_EVENTS,
		OAUTH_CLIENT,
		OAUTH_SCOPES,
		OAUTH_APP_NAME,
		FIXED_AUTHORIZATION_CODE,
		CONTROL_PATH,
	},
};
