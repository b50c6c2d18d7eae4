'use strict';
/**
 * TeamWork Live (CollectiveSoft, teamworklive.com) API emulator on the provider-agnostic framework.
 *
 * What is known (spec /work/shared/specs/teamworklive.md, tags [seen] / [brief]):
 *   - HTTP Basic auth with the account e-mail and the API key (e-mail as user name is [inferred]).
 *   - Every path ends in a format suffix: `.json` (JSON) or `.xml` (XML).
 *   - GET reads, POST creates, PUT updates, DELETE removes; a wrong method is an error.
 *   - JSON bodies need `Content-Type: application/json`.
 *   - A list with no data is an empty result, not an error.
 *   - 400 carries a message listing the errors; 6,000 requests/hour per user, answered above the limit with
 *     503 "Service Unavailable - Rate Limit Exceeded" + Retry-After. The API key changes with the password.
 *
 * What is OUR ASSUMPTION (the per-call pages are not available; only "retrieve client companies" is named):
 *   - Every route below: they are the node's default paths (nodes/TeamWorkLive/resources/*.ts), so the node
 *     and the emulator agree by construction, not because TeamWork Live is known to answer them.
 *   - Host/prefix: routes sit at the origin root unless `basePath` (e.g. '/api') is given.
 *   - Record shapes: { id, [projectId], ...fields sent, created, updated } with ISO 8601 UTC timestamps; ids
 *     are JSON numbers by default (`formatId` makes them e.g. 'l2197159'-style strings).
 *   - Responses are bare (list = JSON array, item = JSON object) unless `rootKeys: true` wraps them.
 *   - 201 on create, 204 on delete, 401 with WWW-Authenticate: Basic, 404 unknown path/id, 405 wrong method,
 *     404 for a path without a format suffix, 406 for `.xml` (this emulator speaks JSON only; the real API
 *     would answer XML), 415 for a write without a JSON Content-Type. Error bodies are { message, errors? }.
 *   - The hourly limit is a sliding window per user (fixed vs rolling is unknown); Retry-After in seconds.
 *
 * Pipeline: framework (faults -> catch-all route -> Basic auth 401 -> rate limit 503) -> this file's router
 * (suffix 404/406 -> route 404/405 -> Content-Type 415 -> body 400 -> handler).
 */
const { createEmulator, HttpError, compilePath } = require('./framework');

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------
const DEFAULT_EMAIL = 'owner@example.com';
const DEFAULT_API_KEY = 'twl-4f9c2b7e1d8a6035'; // [unknown] key format
const DEFAULT_RATE_LIMIT = { limit: 6000, windowMs: 60 * 60 * 1000 }; // [brief] 6,000 requests/hour per user
const RATE_LIMIT_MESSAGE = 'Service Unavailable - Rate Limit Exceeded'; // [brief] the overview's wording
const OUTAGE_MESSAGE = 'Service Unavailable';
const SUFFIX = /^(.*)\.([A-Za-z0-9]+)$/;
const JSON_TYPE = /^application\/json\s*(;|$)/i;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Record kinds = the node's resources. Paths are OUR ASSUMPTIONS (the node's defaults, without `.json`):
 *   list/create on `collection`, get/update/delete on `item`. Project-scoped kinds list and create under a
 *   project and are addressed by their own id afterwards.
 * required: body fields a create must carry; validate(): further 400 checks.
 */
const KINDS = {
	clientCompany: { plural: 'clientCompanies', collection: '/clientcompanies', item: '/clientcompanies/{id}', required: ['name'] },
	project: { plural: 'projects', collection: '/projects', item: '/projects/{id}', required: ['name'] },
	milestone: { plural: 'milestones', collection: '/projects/{projectId}/milestones', item: '/milestones/{id}', scoped: true, required: ['name'] },
	task: { plural: 'tasks', collection: '/projects/{projectId}/tasks', item: '/tasks/{id}', scoped: true, required: ['name'] },
	event: { plural: 'events', collection: '/projects/{projectId}/events', item: '/events/{id}', scoped: true, required: ['name'] },
	message: { plural: 'messages', collection: '/projects/{projectId}/messages', item: '/messages/{id}', scoped: true, required: ['name'] },
	timeEntry: { plural: 'timeEntries', collection: '/projects/{projectId}/timeentries', item: '/timeentries/{id}', scoped: true, required: ['hours'] },
	contact: { plural: 'contacts', collection: '/contacts', item: '/contacts/{id}', required: ['name'] },
	user: { plural: 'users', collection: '/users', item: '/users/{id}', required: ['name', 'email'] },
	folder: { plural: 'folders', collection: '/projects/{projectId}/folders', item: '/folders/{id}', scoped: true, required: ['name'] },
	// Budget field names are unknown: any non-empty object is accepted.
	budget: { plural: 'budgets', collection: '/projects/{projectId}/budgets', item: '/budgets/{id}', scoped: true, required: [], nonEmpty: true },
};
const PROTECTED = new Set(['id', 'projectId', 'created', 'updated']);

/** The route table (resource.operation -> METHOD path), all our assumptions; paths without the suffix. */
function routeTable() {
	const rows = [];
	for (const [kind, def] of Object.entries(KINDS)) {
		rows.push(
			{ kind, operation: 'getAll', method: 'GET', path: def.collection },
			{ kind, operation: 'get', method: 'GET', path: def.item },
			{ kind, operation: 'create', method: 'POST', path: def.collection },
			{ kind, operation: 'update', method: 'PUT', path: def.item },
			{ kind, operation: 'delete', method: 'DELETE', path: def.item },
		);
	}
	return rows;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------
const fail = (status, message, extra) => {
	throw new HttpError(status, message, extra);
};
const clone = (value) => JSON.parse(JSON.stringify(value));
const isCalendarDate = (text) => {
	if (typeof text !== 'string' || !DATE_PATTERN.test(text)) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
};
const isPlainObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const stamp = (date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z'); // [unknown] format; ISO 8601 UTC chosen
const kindOf = (kind) => {
	if (!KINDS[kind]) throw new Error(`Unknown TeamWork Live kind "${kind}" (${Object.keys(KINDS).join(', ')})`);
	return KINDS[kind];
};
const sameId = (a, b) => String(a) === String(b);

/** 400 with a message listing the errors [brief]; { message, errors } is our assumed body. */
function validationError(errors) {
	return new HttpError(400, `Validation failed: ${errors.join('; ')}`, { errors });
}

function validate(state, kind, fields, { creating, recordId } = {}) {
	const def = kindOf(kind);
	const errors = [];
	if (creating) {
		for (const name of def.required) {
			const value = fields[name];
			if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) errors.push(`${name} is required`);
		}
		if (def.nonEmpty && !Object.keys(fields).some((key) => !PROTECTED.has(key))) errors.push('the body must contain at least one field');
	}
	if (fields.name !== undefined && (typeof fields.name !== 'string' || !fields.name.trim())) {
		if (!errors.includes('name is required')) errors.push('name must be a non-empty string');
	}
	if (kind === 'timeEntry') {
		if (fields.hours !== undefined && fields.hours !== null && !(Number(fields.hours) > 0 && Number(fields.hours) <= 24)) {
			errors.push('hours must be a number greater than 0 and at most 24');
		}
		if (fields.date !== undefined && !isCalendarDate(fields.date)) {
			errors.push('date must be a date (YYYY-MM-DD)');
		}
	}
	if (kind === 'user' && fields.email !== undefined && fields.email !== null) {
		if (typeof fields.email !== 'string' || !EMAIL_PATTERN.test(fields.email)) errors.push('email is not a valid e-mail address');
		else if (state.records.user.some((u) => !sameId(u.id, recordId) && String(u.email).toLowerCase() === fields.email.toLowerCase())) {
			errors.push('email has already been taken');
		}
	}
	if (errors.length) throw validationError(errors);
}

// ---------------------------------------------------------------------------------------------
// State (records + hooks)
// ---------------------------------------------------------------------------------------------
function createState(options = {}) {
	const state = {
		records: Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, []])),
		apiKeys: new Map(), // user id (string) -> API key; only account users can sign in
		counter: 1000,
		now: options.now || (() => new Date()),
		formatId: options.formatId || ((n) => n),
	};
	const owner = addRecord(state, 'user', { name: options.name || 'Olivia Owner', email: options.email || DEFAULT_EMAIL, role: 'Company Administrator' });
	state.apiKeys.set(String(owner.id), options.apiKey || DEFAULT_API_KEY);
	state.ownerId = owner.id;
	if (options.seed !== false) seed(state);
	return state;
}

function addRecord(state, kind, fields = {}) {
	const def = kindOf(kind);
	const input = { ...fields };
	let projectId;
	if (def.scoped) {
		projectId = input.projectId !== undefined ? input.projectId : state.records.project[0] && state.records.project[0].id;
		const project = state.records.project.find((p) => sameId(p.id, projectId));
		if (!project) throw new Error(`add ${kind}: project ${projectId} does not exist`);
		projectId = project.id;
	}
	state.counter += 1;
	const at = stamp(state.now());
	const record = { id: input.id !== undefined ? input.id : state.formatId(state.counter, kind) };
	if (def.scoped) record.projectId = projectId;
	for (const [key, value] of Object.entries(input)) if (!PROTECTED.has(key) && value !== undefined) record[key] = value;
	record.created = input.created || at;
	record.updated = input.updated || record.created;
	state.records[kind].push(record);
	return record;
}

function findRecord(state, kind, id) {
	return state.records[kindOf(kind) && kind].find((record) => sameId(record.id, id)) || null;
}

/** Applies patch and bumps `updated` (or sets the one given). */
function updateRecord(state, kind, id, patch = {}) {
	const record = findRecord(state, kind, id);
	if (!record) throw new Error(`update ${kind}: ${id} not found`);
	for (const [key, value] of Object.entries(patch)) {
		if (key === 'id' || key === 'created' || key === 'updated') continue;
		if (value === undefined) delete record[key];
		else record[key] = value;
	}
	record.updated = patch.updated || stamp(state.now());
	if (patch.created) record.created = patch.created;
	return record;
}

function removeRecord(state, kind, id) {
	const record = findRecord(state, kind, id);
	if (!record) return null;
	state.records[kind] = state.records[kind].filter((r) => r !== record);
	if (kind === 'project') {
		for (const [other, def] of Object.entries(KINDS)) {
			if (def.scoped) state.records[other] = state.records[other].filter((r) => !sameId(r.projectId, record.id));
		}
	}
	if (kind === 'user') state.apiKeys.delete(String(record.id));
	return record;
}

/** Demo data: one busy project, one empty one (for empty-list answers), two client companies. */
function seed(state) {
	const northwind = addRecord(state, 'clientCompany', { name: 'Northwind Traders' });
	addRecord(state, 'clientCompany', { name: 'Contoso Builders' });
	const member = addRecord(state, 'user', { name: 'Tomás Team', email: 'tomas.team@example.com', role: 'Team Member' });
	addRecord(state, 'user', { name: 'Clara Client', email: 'clara@northwind.example.com', role: 'Client', clientCompanyId: northwind.id });
	const website = addRecord(state, 'project', { name: 'Website Relaunch', status: 'Active', clientCompanyId: northwind.id });
	addRecord(state, 'project', { name: 'Office Move', status: 'Planning' });
	const projectId = website.id;
	const launch = addRecord(state, 'milestone', { projectId, name: 'Launch', content: 'Site goes live', assignedTo: member.id });
	const task = addRecord(state, 'task', { projectId, name: 'Write copy for the home page', content: '', assignedTo: member.id });
	addRecord(state, 'event', { projectId, name: 'Kick-off meeting', content: 'Room 2' });
	addRecord(state, 'message', { projectId, name: 'Welcome', content: 'Hello team and clients!' });
	addRecord(state, 'timeEntry', { projectId, hours: 2.5, date: '2025-03-10', itemId: task.id, userId: member.id });
	addRecord(state, 'timeEntry', { projectId, hours: 1, date: '2025-03-11', itemId: launch.id, userId: state.ownerId });
	addRecord(state, 'contact', { name: 'Nora Northwind', email: 'nora@northwind.example.com', phone: '+1 555 0100' });
	addRecord(state, 'folder', { projectId, name: 'Design' });
	addRecord(state, 'budget', { projectId, type: 'fixed-hour', hours: 120 });
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------
/** Basic auth: e-mail (case-insensitive) as user name, API key as password [inferred order]. */
function makeAuthenticate(state) {
	const refuse = (message) => ({
		status: 401,
		message,
		headers: { 'WWW-Authenticate': 'Basic realm="TeamWork Live API"' },
	});
	return (ctx) => {
		const header = ctx.headers.authorization;
		const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header || '');
		if (!match) return refuse('Authentication required: HTTP Basic with your e-mail address and API key.');
		const decoded = Buffer.from(match[1], 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon < 0) return refuse('Malformed Basic credentials.');
		const email = decoded.slice(0, colon).trim().toLowerCase();
		const key = decoded.slice(colon + 1);
		const user = state.records.user.find((u) => String(u.email).toLowerCase() === email);
		const expected = user && state.apiKeys.get(String(user.id));
		if (!expected || expected !== key) {
			return refuse('Invalid e-mail address or API key. The API key changes when the password changes.');
		}
		return { id: String(user.id), token: String(user.id), email: user.email };
	};
}

/** 503 from the rate limiter (it passes retryAfter) says so; a 503 without it is an outage. */
function errorBody(status, message, extra = {}) {
	if (status === 503) return { message: extra.retryAfter !== undefined ? RATE_LIMIT_MESSAGE : message || OUTAGE_MESSAGE };
	return extra.errors ? { message, errors: extra.errors } : { message };
}

function buildRouter(state, settings) {
	const routes = routeTable().map((row) => ({ ...row, matcher: compilePath(row.path) }));
	const wrap = (kind, value, list) => {
		if (!settings.rootKeys) return value;
		return { [list ? KINDS[kind].plural : kind]: value };
	};
	const project = (id) => findRecord(state, 'project', id) || fail(404, `Project ${id} not found`);
	const record = (kind, id) => findRecord(state, kind, id) || fail(404, `${kind} ${id} not found`);
	/** A body may come bare or wrapped in its singular root ({"clientCompany": {...}}): both accepted. */
	const bodyOf = (kind, body) => {
		const value = body === null || body === undefined ? {} : body;
		if (!isPlainObject(value)) fail(400, 'The JSON body must be an object');
		const keys = Object.keys(value);
		return keys.length === 1 && keys[0] === kind && isPlainObject(value[kind]) ? value[kind] : value;
	};
	const writable = (fields) => Object.fromEntries(Object.entries(fields).filter(([key]) => !PROTECTED.has(key)));

	const handlers = {
		getAll(kind, ctx) {
			const def = KINDS[kind];
			let items = state.records[kind];
			if (def.scoped) {
				const scope = project(ctx.params.projectId);
				items = items.filter((r) => sameId(r.projectId, scope.id));
			}
			// [seen] no data -> an empty result, not an error; [inferred] 200 + [] (or an empty body on request)
			if (!items.length && settings.emptyList === 'empty') return { status: 200, body: '', headers: { 'Content-Type': 'application/json' } };
			return { status: 200, body: wrap(kind, clone(items), true) };
		},
		get(kind, ctx) {
			return { status: 200, body: wrap(kind, clone(record(kind, ctx.params.id)), false) };
		},
		create(kind, ctx) {
			const def = KINDS[kind];
			const fields = writable(bodyOf(kind, ctx.body));
			const scope = def.scoped ? project(ctx.params.projectId) : null;
			validate(state, kind, fields, { creating: true });
			const created = addRecord(state, kind, scope ? { ...fields, projectId: scope.id } : fields);
			return { status: settings.createStatus, body: wrap(kind, clone(created), false) };
		},
		update(kind, ctx) {
			const existing = record(kind, ctx.params.id);
			const fields = writable(bodyOf(kind, ctx.body));
			validate(state, kind, fields, { recordId: existing.id });
			if (!Object.keys(fields).length) return { status: 200, body: wrap(kind, clone(existing), false) };
			return { status: 200, body: wrap(kind, clone(updateRecord(state, kind, existing.id, fields)), false) };
		},
		delete(kind, ctx) {
			const existing = record(kind, ctx.params.id);
			if (kind === 'user' && sameId(existing.id, state.ownerId)) fail(403, 'The account owner cannot be deleted');
			removeRecord(state, kind, existing.id);
			return settings.deleteStatus === 200 ? { status: 200, body: wrap(kind, clone(existing), false) } : { status: 204 };
		},
	};

	return async (ctx) => {
		const suffix = SUFFIX.exec(ctx.path);
		const format = suffix ? suffix[2].toLowerCase() : null;
		const path = suffix ? suffix[1] : ctx.path;
		if (format !== 'json' && format !== 'xml') {
			// [inferred] no/unknown format suffix: not a route of the API
			fail(404, `Route ${ctx.method} ${ctx.path} not found: every path ends in .json (or .xml)`);
		}
		let found = null;
		const allowed = new Set();
		for (const route of routes) {
			const params = route.matcher.match(path);
			if (!params) continue;
			allowed.add(route.method);
			if (route.method === ctx.method && (!found || route.matcher.paramCount < found.route.matcher.paramCount)) found = { route, params };
		}
		if (!allowed.size) fail(404, `Route ${ctx.method} ${ctx.path} not found`);
		if (!found) fail(405, `Method ${ctx.method} not allowed for ${ctx.path}`, { headers: { Allow: [...allowed].sort().join(', ') } });
		// [seen] .xml is a valid format of the real API; this emulator only speaks JSON, so it refuses loudly.
		if (format === 'xml') fail(406, 'This emulator answers JSON only: use the .json suffix');
		if ((ctx.method === 'POST' || ctx.method === 'PUT') && !JSON_TYPE.test(ctx.headers['content-type'] || '')) {
			fail(415, 'Request bodies must be JSON, sent with Content-Type: application/json');
		}
		return handlers[found.route.operation](found.route.kind, { ...ctx, params: found.params });
	};
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------
/**
 * createTeamWorkLiveEmulator(options) -> emulator (not listening; call .listen(port?)).
 * startTeamWorkLiveEmulator(options)  -> the same, listening on 127.0.0.1 (random port unless options.port).
 *
 * options (all optional):
 *   email, apiKey, name   the account user that can sign in (defaults DEFAULT_EMAIL / DEFAULT_API_KEY)
 *   seed: false           no demo data (only the account user): every list but users answers []
 *   rateLimit             { limit, windowMs } (default 6000 / 3 600 000 ms per user); false disables it
 *   basePath              an API prefix such as '/api' (default none: routes at the origin root)
 *   rootKeys: true        wrap answers: lists { clientCompanies: [...] }, items { clientCompany: {...} }
 *   emptyList: 'empty'    an empty list is a 200 with an empty body instead of []
 *   formatId(n, kind)     id format (default: the number n; e.g. (n) => `l${n}` for opaque string ids)
 *   createStatus          201 (default) | 200;  deleteStatus: 204 (default) | 200 (answers the record)
 *   now()                 clock for created/updated (default: real time)
 *
 * Added to the framework API (requests, findRequests, fault, setRateLimit, resetRateLimit, stats, close, ...):
 *   state, email, apiKey, credentials {baseUrl, email, apiKey}, authHeaders({email, apiKey})
 *   add(kind, fields), update(kind, id, patch), remove(kind, id), get(kind, id), list(kind), clear(kind?)
 *     kinds: clientCompany, project, milestone, task, event, message, timeEntry, contact, user, folder, budget
 *   addAccountUser({ name, email, apiKey }) -> user that can sign in; changePassword(email?) -> the new key
 *   outage({ match = '*', times = 1, after }) -> fault: 503 WITHOUT Retry-After
 *   throttle({ match = '*', times = 1, retryAfter = 1, httpDate = false }) -> fault: the rate-limit 503 + Retry-After
 *   routes: the route table [{ kind, operation, method, path }] (paths without the .json suffix)
 */
function createTeamWorkLiveEmulator(options = {}) {
	const state = createState(options);
	const settings = {
		rootKeys: Boolean(options.rootKeys),
		emptyList: options.emptyList === 'empty' ? 'empty' : 'array',
		createStatus: options.createStatus || 201,
		deleteStatus: options.deleteStatus || 204,
	};
	const rateLimit =
		options.rateLimit === false
			? false
			: {
					...DEFAULT_RATE_LIMIT,
					...(options.rateLimit || {}),
					// [brief] 503 + Retry-After; no quota headers are documented, so none are sent
					status: 503,
					headers: 'retry-after',
					key: (principal) => principal.id,
				};
	const emulator = createEmulator({
		basePath: options.basePath || '',
		authenticate: makeAuthenticate(state),
		// One catch-all route: the framework's path patterns cannot express `{id}.json`, so this file routes
		// itself after auth + rate limit (an unknown path is therefore 401 before it is 404).
		routes: [{ method: '*', path: '*', handler: buildRouter(state, settings) }],
		rateLimit,
		errorBody,
	});

	let counter = 0;
	const helpers = {
		state,
		routes: routeTable(),
		get email() {
			const owner = findRecord(state, 'user', state.ownerId);
			return owner ? owner.email : null;
		},
		get apiKey() {
			return state.apiKeys.get(String(state.ownerId)) || null;
		},
		get credentials() {
			return { baseUrl: emulator.baseUrl, email: emulator.email, apiKey: emulator.apiKey };
		},
		authHeaders({ email = emulator.email, apiKey = emulator.apiKey } = {}) {
			return { Authorization: `Basic ${Buffer.from(`${email}:${apiKey}`).toString('base64')}` };
		},
		add: (kind, fields) => addRecord(state, kind, fields),
		update: (kind, id, patch) => updateRecord(state, kind, id, patch),
		remove: (kind, id) => removeRecord(state, kind, id),
		get: (kind, id) => findRecord(state, kind, id),
		list: (kind) => state.records[kindOf(kind) && kind],
		/** Empties one kind (or every kind but the account users) to get the empty-list answer. */
		clear(kind) {
			for (const name of kind ? [kindOf(kind) && kind] : Object.keys(KINDS).filter((k) => k !== 'user')) state.records[name] = [];
		},
		addAccountUser({ name = 'Second User', email, apiKey } = {}) {
			counter += 1;
			const user = addRecord(state, 'user', { name, email: email || `user${counter}@example.com` });
			state.apiKeys.set(String(user.id), apiKey || `twl-key-${user.id}-${counter}`);
			return { ...user, apiKey: state.apiKeys.get(String(user.id)) };
		},
		/** [brief] the API key changes when the user's password changes: the old key stops working. */
		changePassword(email = emulator.email) {
			const user = state.records.user.find((u) => String(u.email).toLowerCase() === String(email).toLowerCase());
			if (!user || !state.apiKeys.has(String(user.id))) throw new Error(`changePassword: ${email} is not an account user`);
			counter += 1;
			const key = `twl-key-${user.id}-${Date.now().toString(36)}-${counter}`;
			state.apiKeys.set(String(user.id), key);
			return key;
		},
		outage({ match = '*', times = 1, after } = {}) {
			return emulator.fault({ match, status: 503, times, after, body: { message: OUTAGE_MESSAGE } });
		},
		throttle({ match = '*', times = 1, retryAfter = 1, httpDate = false, after } = {}) {
			const value = httpDate ? new Date(Date.now() + retryAfter * 1000).toUTCString() : retryAfter;
			return emulator.fault({ match, status: 503, times, after, retryAfter: value, body: { message: RATE_LIMIT_MESSAGE } });
		},
	};
	Object.defineProperties(emulator, Object.getOwnPropertyDescriptors(helpers));
	return emulator;
}

async function startTeamWorkLiveEmulator(options = {}) {
	const emulator = createTeamWorkLiveEmulator(options);
	await emulator.listen(options.port || 0);
	return emulator;
}

module.exports = {
	createTeamWorkLiveEmulator,
	startTeamWorkLiveEmulator,
	routeTable,
	constants: { DEFAULT_EMAIL, DEFAULT_API_KEY, DEFAULT_RATE_LIMIT, RATE_LIMIT_MESSAGE, OUTAGE_MESSAGE, KINDS },
};
