'use strict';
/**
 * Worksible REST API v1 emulator on the provider-agnostic framework (./framework).
 *
 * What the integration reference (worksible.md) establishes, and this emulator follows:
 *   [seen] base path /v1; `Authorization: Bearer wsk_live_<a>_<b>` only; GET /companies/me (the tenant of the
 *          key); scope-gated endpoints; keys hashed, expiring, optionally IP-allowlisted (Enterprise); API keys
 *          only on paid plans (Professional, Global, Enterprise, AOR; never Trial / Core); `Idempotency-Key` on
 *          mutating endpoints -> the original response, no second resource; `Sunset` + `Deprecation` headers on
 *          endpoints scheduled for removal; plan-based rate limits with headers; clients ignore unknown fields.
 * Everything else is OUR ASSUMPTION, marked [assumption] below, and configurable where it matters:
 *   - every route except GET /companies/me (copied from the node's defaults, nodes/Worksible/resources);
 *   - record fields, prefixed string IDs (`inv_…`), RFC 3339 timestamps, decimal-string money + currency;
 *   - scope names `<resource>:read` / `<resource>:write`, 403 for a missing scope / IP / plan, 401 for expiry;
 *   - the error body { error: { type, code, message, fields? } } and 422 for validation errors;
 *   - pagination: cursor style (`limit` + `cursor` -> { data, has_more, next_cursor }) by default, page style
 *     (`page` + `per_page` -> { data, meta: { page, per_page, total, total_pages } }) per option / route;
 *   - idempotency details: per API key, 24 h TTL, 409 on a reused key with another request, replay marker
 *     header `Idempotent-Replayed: true`, only 2xx answers stored (errors are re-executed);
 *   - rate limit numbers and X-RateLimit-* / Retry-After header names;
 *   - an `X-Request-Id` header on every answer of a route handler.
 * Records carry an `"x-emulator-assumption": true` field (spec §13), which doubles as an unknown field that
 * clients must pass through.
 */
const crypto = require('crypto');
const { createEmulator, HttpError, compileRequestMatcher } = require('./framework');

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------
const BASE_PATH = '/v1'; // [seen]
// Key format [seen, masked]: wsk_live_<segment1>_<segment2>. The segment contents are ours.
const DEFAULT_API_KEY = 'wsk_live_emu7c1d2e3f_9a8b7c6d5e4f3a2b1c0d';
/** A valid key limited to companies:read and invoices:read (scope names are [assumption]). */
const LIMITED_API_KEY = 'wsk_live_emu0scope_1f2e3d4c5b4a39281706';
const PLANS = ['Trial', 'Core', 'Professional', 'Global', 'Enterprise', 'AOR']; // [seen]
const API_PLANS = ['Professional', 'Global', 'Enterprise', 'AOR']; // [seen] Trial / Core get no API keys
const DEFAULT_RATE_LIMIT = { limit: 120, windowMs: 60 * 1000 }; // [assumption] numbers are unpublished
const DEFAULT_PAGE_SIZE = 25; // [assumption]
const MAX_PAGE_SIZE = 100; // [assumption] (the node asks for 100)
const DEFAULT_REPLAY_HEADER = 'Idempotent-Replayed'; // [assumption] the spec names no replay marker
const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000; // [assumption]
const MAX_IDEMPOTENCY_KEY_LENGTH = 255; // [assumption]
const DEPRECATION_WINDOW_DAYS = 183; // [seen] six-month deprecation window; used for the default Deprecation date
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PAGING_PARAMS = new Set(['limit', 'cursor', 'page', 'per_page']);
const READ_ONLY_FIELDS = new Set(['id', 'object', 'created_at', 'updated_at']);

/**
 * The resources and their operations. Operations mirror nodes/Worksible/resources/*.ts; all [assumption] except
 * that the resources exist [seen]. `refs`: body fields naming another record; `required`: required on create.
 */
const KINDS = {
	organizations: { prefix: 'org', object: 'organization', idName: 'organizationId', ops: ['getAll', 'get', 'create', 'update', 'delete'], required: ['name'], refs: {} },
	freelancers: { prefix: 'fl', object: 'freelancer', idName: 'freelancerId', ops: ['getAll', 'get', 'create', 'update'], required: ['email'], refs: {} },
	projects: { prefix: 'prj', object: 'project', idName: 'projectId', ops: ['getAll', 'get', 'create', 'update', 'delete'], required: ['name'], refs: { organization_id: 'organizations' } },
	contracts: { prefix: 'ctr', object: 'contract', idName: 'contractId', ops: ['getAll', 'get', 'create', 'update'], required: ['freelancer_id', 'project_id'], refs: { freelancer_id: 'freelancers', project_id: 'projects' } },
	invoices: { prefix: 'inv', object: 'invoice', idName: 'invoiceId', ops: ['getAll', 'get', 'create', 'update'], required: ['project_id'], refs: { project_id: 'projects', payment_id: 'payments' } },
	payments: { prefix: 'pay', object: 'payment', idName: 'paymentId', ops: ['getAll', 'get'], required: [], refs: { project_id: 'projects' } },
	payouts: { prefix: 'po', object: 'payout', idName: 'payoutId', ops: ['getAll', 'get'], required: [], refs: { freelancer_id: 'freelancers' } },
	timesheets: { prefix: 'ts', object: 'timesheet', idName: 'timesheetId', ops: ['getAll', 'get', 'create', 'update', 'delete'], required: ['contract_id'], refs: { contract_id: 'contracts', freelancer_id: 'freelancers' } },
};
const STRING_FIELDS = ['name', 'email', 'status'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const OP_ROUTES = {
	getAll: (kind) => ({ method: 'GET', path: `/${kind}` }),
	get: (kind, spec) => ({ method: 'GET', path: `/${kind}/{${spec.idName}}` }),
	create: (kind) => ({ method: 'POST', path: `/${kind}` }),
	update: (kind, spec) => ({ method: 'PATCH', path: `/${kind}/{${spec.idName}}` }),
	delete: (kind, spec) => ({ method: 'DELETE', path: `/${kind}/{${spec.idName}}` }),
};

/**
 * Route table: { id: 'resource.operation', method, path, documented }. Only companies.getMe is documented [seen];
 * the rest are the node's inferred defaults [assumption]. (PUT is also accepted on update routes, see buildRoutes.)
 */
const ROUTES = [
	{ id: 'companies.getMe', method: 'GET', path: '/companies/me', documented: true },
	...Object.entries(KINDS).flatMap(([kind, spec]) =>
		spec.ops.map((op) => ({ id: `${kind}.${op}`, ...OP_ROUTES[op](kind, spec), documented: false })),
	),
];

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------
const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON with sorted keys, so {a,b} and {b,a} fingerprint the same. */
function canonicalJson(value) {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (isObject(value)) {
		return `{${Object.keys(value)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value === undefined ? null : value);
}

const ERROR_TYPES = { 400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'invalid_request_error', 405: 'invalid_request_error', 409: 'conflict_error', 422: 'invalid_request_error', 429: 'rate_limit_error' };
const ERROR_CODES = { 400: 'bad_request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed', 409: 'conflict', 422: 'validation_failed', 429: 'rate_limited', 500: 'internal_error', 502: 'bad_gateway', 503: 'service_unavailable', 504: 'gateway_timeout' };

/** [assumption] error body: { error: { type, code, message, ...details } } (spec §7: shape unknown). */
function errorBody(status, message, extra = {}) {
	const details = { ...extra };
	delete details.headers;
	const code = details.code || ERROR_CODES[status] || 'error';
	delete details.code;
	if (details.retryAfter !== undefined) {
		details.retry_after = details.retryAfter;
		delete details.retryAfter;
	}
	return { error: { type: ERROR_TYPES[status] || 'api_error', code, message, ...details } };
}

const fail = (status, message, extra) => {
	throw new HttpError(status, message, extra);
};

/**
 * 'GET /payouts' / '* /payouts/{payoutId}' / 'payouts.getAll' (a route id) / predicate -> (method, path, routeId) => bool.
 */
function routeMatcher(match) {
	if (typeof match === 'function') return (method, path, routeId) => match({ method, path, routeId });
	const text = String(match).trim();
	if (/^\w+\.\w+$/.test(text)) return (method, path, routeId) => routeId === text;
	const matches = compileRequestMatcher(text);
	return (method, path) => matches({ method, path });
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------
function createState(options = {}) {
	const startOffset = options.now ? Date.parse(options.now) - Date.now() : 0;
	if (Number.isNaN(startOffset)) throw new Error(`now: not a date: ${options.now}`);
	const state = {
		clockOffsetMs: startOffset,
		precision: options.timestampPrecision === 'ms' ? 'ms' : 's',
		seq: 0,
		company: null,
		keys: new Map(),
		records: Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, []])),
		createdCount: 0,
		createdByKind: Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, 0])),
		idempotency: new Map(), // `${apiKey}\n${Idempotency-Key}` -> { fingerprint, status, headers, body, storedAt }
		idempotencyLog: [], // { key, apiKey, method, path, outcome: 'stored' | 'replayed' | 'conflict' | 'not-stored' | 'none', at }
		requestCounter: 0,
	};
	state.now = () => new Date(Date.now() + state.clockOffsetMs);
	state.timestamp = (date = state.now()) => {
		const iso = date.toISOString();
		return state.precision === 'ms' ? iso : iso.replace(/\.\d{3}Z$/, 'Z');
	};
	state.company = {
		id: 'cmp_5e1f0a9c3b7d', // [assumption] fields of GET /companies/me are undocumented
		object: 'company',
		name: 'Lumen Talent Ops SL',
		plan: options.plan || 'Professional',
		country: 'ES',
		default_currency: 'EUR',
		created_at: state.timestamp(new Date(state.now().getTime() - 400 * 86400000)),
		updated_at: state.timestamp(new Date(state.now().getTime() - 30 * 86400000)),
	};
	if (!API_PLANS.includes(state.company.plan)) {
		throw new Error(`Plan ${state.company.plan} has no API access; use one of ${API_PLANS.join(', ')}`);
	}
	return state;
}

function nextId(state, kind) {
	state.seq += 1;
	const hash = crypto.createHash('sha1').update(`${kind}:${state.seq}`).digest('hex').slice(0, 12);
	return { id: `${KINDS[kind].prefix}_${hash}`, seq: state.seq };
}

function kindOf(kind) {
	if (!KINDS[kind]) throw new Error(`Unknown Worksible kind "${kind}" (${Object.keys(KINDS).join(', ')})`);
	return kind;
}

function defaultsFor(state, kind, id) {
	const first = (name) => (state.records[name][0] || {}).id || null;
	switch (kind) {
		case 'organizations':
			return { name: `Organization ${id}`, country: 'ES', status: 'active' };
		case 'freelancers':
			return { name: null, email: null, country: null, status: 'active' };
		case 'projects':
			return { name: `Project ${id}`, organization_id: first('organizations'), status: 'active' };
		case 'contracts':
			return { freelancer_id: null, project_id: null, type: 'hourly', rate: '40.00', currency: 'EUR', status: 'active' };
		case 'invoices':
			return { number: null, concept: '', type: 'issued', project_id: null, payment_id: null, total: '0.00', currency: 'EUR', status: 'draft' };
		case 'payments':
			return { project_id: first('projects'), amount: '0.00', currency: 'EUR', status: 'processed', released: false };
		case 'payouts':
			return { freelancer_id: first('freelancers'), amount: '0.00', currency: 'EUR', status: 'in_transit', arrival_date: null };
		case 'timesheets':
			return { contract_id: null, freelancer_id: null, period_start: null, period_end: null, hours: '0.00', status: 'draft' };
		default:
			return {};
	}
}

/** Adds a record (test hook and API create). created_at / updated_at default to now; fields win. */
function addRecord(state, kind, fields = {}) {
	kindOf(kind);
	const { id, seq } = nextId(state, kind);
	const at = state.timestamp();
	const record = { id: fields.id || id, object: KINDS[kind].object, ...defaultsFor(state, kind, id), ...clone(fields) };
	record.created_at = fields.created_at || at;
	record.updated_at = fields.updated_at || record.created_at;
	if (kind === 'invoices' && !record.number) record.number = `INV-${state.now().getUTCFullYear()}-${String(seq).padStart(4, '0')}`;
	if (kind === 'timesheets' && !record.freelancer_id && record.contract_id) {
		const contract = findRecord(state, 'contracts', record.contract_id);
		if (contract) record.freelancer_id = contract.freelancer_id;
	}
	Object.defineProperty(record, '__seq', { value: seq, enumerable: false, writable: true });
	state.records[kind].push(record);
	return record;
}

function findRecord(state, kind, id) {
	return state.records[kindOf(kind)].find((record) => record.id === String(id)) || null;
}

/** Merges patch (a null value is stored, like a JSON PATCH body) and bumps updated_at unless the patch sets it. */
function updateRecord(state, kind, id, patch = {}) {
	const record = findRecord(state, kind, id);
	if (!record) throw new Error(`No ${kind} record ${id}`);
	for (const [key, value] of Object.entries(clone(patch))) {
		if (key === 'id' || key === 'object') continue;
		record[key] = value;
	}
	if (patch.updated_at === undefined) record.updated_at = state.timestamp();
	return record;
}

function removeRecord(state, kind, id) {
	const list = state.records[kindOf(kind)];
	const index = list.findIndex((record) => record.id === String(id));
	if (index < 0) return null;
	return list.splice(index, 1)[0];
}

// ---------------------------------------------------------------------------------------------
// Seed data [assumption: every field name and value below is ours]
// ---------------------------------------------------------------------------------------------
function seed(state) {
	const daysAgo = (days, hour = 9) => {
		const date = new Date(state.now().getTime() - days * 86400000);
		date.setUTCHours(hour, 0, 0, 0);
		return state.timestamp(date);
	};
	const dateOnly = (days) => new Date(state.now().getTime() - days * 86400000).toISOString().slice(0, 10);
	const add = (kind, days, fields) => addRecord(state, kind, { created_at: daysAgo(days), updated_at: daysAgo(Math.max(0, days - 2), 15), ...fields });

	const northwind = add('organizations', 120, { name: 'Northwind Studio', country: 'ES', tax_id: 'B12345678' });
	const harbor = add('organizations', 110, { name: 'Blue Harbor Media', country: 'GB', tax_id: null });
	const kestrel = add('organizations', 90, { name: 'Kestrel Labs', country: 'DE', custom_fields: { cost_center: 'CC-12' } });

	const ana = add('freelancers', 100, { name: 'Ana Ruiz', email: 'ana.ruiz@example.com', country: 'ES' });
	const tomas = add('freelancers', 95, { name: 'Tomás Pereira', email: 'tomas.pereira@example.com', country: 'PT' });
	const mei = add('freelancers', 80, { name: 'Mei Lin', email: 'mei.lin@example.com', country: 'SG', tags: ['design', 'ux'] });
	add('freelancers', 20, { name: 'Jonas Berg', email: 'jonas.berg@example.com', country: 'SE', status: 'invited' });

	const brand = add('projects', 85, { name: 'Brand refresh', organization_id: northwind.id });
	const mobile = add('projects', 70, { name: 'Mobile app MVP', organization_id: harbor.id });
	add('projects', 60, { name: 'Data pipeline audit', organization_id: kestrel.id, status: 'completed' });

	const c1 = add('contracts', 84, { freelancer_id: ana.id, project_id: brand.id, type: 'hourly', rate: '45.00' });
	const c2 = add('contracts', 69, { freelancer_id: tomas.id, project_id: mobile.id, type: 'fixed', rate: '6500.00' });
	add('contracts', 65, { freelancer_id: mei.id, project_id: mobile.id, type: 'hourly', rate: '55.00', status: 'ended' });

	const p1 = add('payments', 40, { project_id: brand.id, amount: '1815.00', status: 'processed', released: true });
	const p2 = add('payments', 10, { project_id: mobile.id, amount: '3250.00', status: 'processed', released: false });

	add('invoices', 41, { concept: 'Brand refresh: discovery', type: 'issued', project_id: brand.id, payment_id: p1.id, taxable_base: '1500.00', vat: '315.00', total: '1815.00', status: 'paid', issued_on: dateOnly(41) });
	add('invoices', 11, { concept: 'Mobile app MVP: milestone 1', type: 'issued', project_id: mobile.id, payment_id: p2.id, taxable_base: '3250.00', vat: '0.00', total: '3250.00', status: 'paid', issued_on: dateOnly(11) });
	add('invoices', 3, { concept: 'Brand refresh: design system', type: 'received', project_id: brand.id, taxable_base: '900.00', vat: '189.00', irpf: '-135.00', total: '954.00', status: 'open', issued_on: dateOnly(3) });

	add('payouts', 38, { freelancer_id: ana.id, amount: '1500.00', status: 'paid', arrival_date: dateOnly(36) });
	add('payouts', 2, { freelancer_id: tomas.id, amount: '3250.00', status: 'in_transit', arrival_date: dateOnly(-1) });

	add('timesheets', 21, { contract_id: c1.id, freelancer_id: ana.id, period_start: dateOnly(27), period_end: dateOnly(21), hours: '32.50', status: 'approved' });
	add('timesheets', 14, { contract_id: c1.id, freelancer_id: ana.id, period_start: dateOnly(20), period_end: dateOnly(14), hours: '28.00', status: 'approved' });
	add('timesheets', 1, { contract_id: c2.id, freelancer_id: tomas.id, period_start: dateOnly(7), period_end: dateOnly(1), hours: '40.00', status: 'submitted' });
}

const BULK_FIELDS = {
	organizations: (n) => ({ name: `Bulk Organization ${n}` }),
	freelancers: (n) => ({ name: `Bulk Freelancer ${n}`, email: `bulk.${n}@example.com` }),
	projects: (n) => ({ name: `Bulk Project ${n}` }),
	contracts: (n, state) => ({ freelancer_id: (state.records.freelancers[n % (state.records.freelancers.length || 1)] || {}).id || null, project_id: (state.records.projects[n % (state.records.projects.length || 1)] || {}).id || null }),
	invoices: (n, state) => ({ concept: `Bulk invoice ${n}`, project_id: (state.records.projects[0] || {}).id || null, total: `${100 + n}.00` }),
	payments: (n) => ({ amount: `${50 + n}.00` }),
	payouts: (n) => ({ amount: `${20 + n}.00` }),
	timesheets: (n, state) => ({ contract_id: (state.records.contracts[0] || {}).id || null, hours: `${(n % 40) + 1}.00` }),
};

/** seedBulk(state, kind, count, fields?) -> the created records (not counted as API creations). */
function seedBulk(state, kind, count, fields = {}) {
	kindOf(kind);
	const out = [];
	for (let i = 0; i < count; i++) {
		const n = (state.bulkCounter = (state.bulkCounter || 0) + 1);
		out.push(addRecord(state, kind, { ...BULK_FIELDS[kind](n, state), ...fields }));
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Emulator
// ---------------------------------------------------------------------------------------------
/**
 * createWorksibleEmulator(options) -> emulator (framework API + Worksible helpers), not listening yet.
 * startWorksibleEmulator(options) -> the same, listening (options.port or a random port).
 *
 * options (all optional):
 *   apiKey                 the full-scope key (default DEFAULT_API_KEY); LIMITED_API_KEY is always added too
 *   plan                   company plan (default 'Professional'; Trial / Core throw: they cannot have keys)
 *   seed                   false -> no records (only the company)
 *   now                    ISO date-time the emulator clock starts at (it keeps running); tick(ms) moves it
 *   timestampPrecision     's' (default, RFC 3339 without fraction) | 'ms'
 *   pagination             'cursor' (default) | 'page': list style for every list route
 *   paginationByRoute      { 'GET /payouts': 'page', 'invoices.getAll': 'cursor' } per-route style
 *   defaultPageSize        25; maxPageSize 100 (larger limit / per_page -> 422)
 *   sunset                 { 'GET /payouts': 'Wed, 01 Jul 2027 00:00:00 GMT' } -> Sunset + Deprecation headers
 *   deprecations           { 'GET /payouts': { sunset?, deprecation?, link? } } (deprecation default: '@<epoch>'
 *                          six months before sunset, RFC 9745; link -> Link: <url>; rel="sunset")
 *   scopes                 { 'companies.getMe': null, 'GET /payouts': 'payouts:admin' } required-scope overrides
 *                          (default `<resource>:read` for GET, `<resource>:write` otherwise; getMe: companies:read)
 *   routeOverrides         { 'invoices.getAll': 'GET /billing/invoices' } serve a route elsewhere (relative to /v1)
 *   requiredFields         { organizations: ['name'], ... } required-on-create overrides ({} / [] to relax)
 *   extraFields            fields added to every record view (default { 'x-emulator-assumption': true })
 *   idempotencyMismatch    409 (default) | 422: same key, different method/path/body
 *   replayHeader           'Idempotent-Replayed' (default) | false: header marking a replayed answer
 *   replayErrors           false (default: only 2xx answers are stored) | true (4xx stored and replayed too)
 *   idempotencyTtlMs       24 h
 *   requireIdempotencyKey  false (default) | true: mutating calls without the header -> 400
 *   rateLimit              framework rate limit ({ limit, windowMs, headers }) or false; default 120 / 60 s per key,
 *                          X-RateLimit-* on answers, 429 + Retry-After over the limit
 *   requestIdHeader        'X-Request-Id' (default) | false
 *   port                   fixed port for startWorksibleEmulator
 */
function createWorksibleEmulator(options = {}) {
	const state = createState(options);
	if (options.seed !== false) seed(state);
	const apiKey = options.apiKey || DEFAULT_API_KEY;
	const settings = {
		pagination: options.pagination || 'cursor',
		paginationRules: [], // { matches, style }
		defaultPageSize: options.defaultPageSize || DEFAULT_PAGE_SIZE,
		maxPageSize: options.maxPageSize || MAX_PAGE_SIZE,
		deprecations: [], // { matches, headers }
		scopes: options.scopes || {},
		requiredFields: { ...Object.fromEntries(Object.entries(KINDS).map(([kind, spec]) => [kind, spec.required])), ...(options.requiredFields || {}) },
		extraFields: options.extraFields === undefined ? { 'x-emulator-assumption': true } : options.extraFields || {},
		idempotencyMismatch: options.idempotencyMismatch || 409,
		replayHeader: options.replayHeader === undefined ? DEFAULT_REPLAY_HEADER : options.replayHeader,
		replayErrors: Boolean(options.replayErrors),
		idempotencyTtlMs: options.idempotencyTtlMs || DEFAULT_IDEMPOTENCY_TTL_MS,
		requireIdempotencyKey: Boolean(options.requireIdempotencyKey),
		requestIdHeader: options.requestIdHeader === undefined ? 'X-Request-Id' : options.requestIdHeader,
		storeThenFail: [], // { matches, status, drop, body, remaining, after, seen, hits }
	};
	for (const [match, style] of Object.entries(options.paginationByRoute || {})) setPaginationRule(style, match);
	for (const [match, sunset] of Object.entries(options.sunset || {})) deprecate(match, { sunset });
	for (const [match, spec] of Object.entries(options.deprecations || {})) deprecate(match, spec);

	function addKey(key, { scopes = ['*'], expiresAt = null, ipAllowlist = null, label = 'added' } = {}) {
		if (!/^wsk_/.test(key)) throw new Error('Worksible keys start with wsk_');
		state.keys.set(key, { scopes, expiresAt: expiresAt ? Date.parse(expiresAt) : null, ipAllowlist, label });
		return key;
	}
	addKey(apiKey, { label: 'default' });
	addKey(LIMITED_API_KEY, { scopes: ['companies:read', 'invoices:read'], label: 'limited' });

	function setPaginationRule(style, match) {
		if (!['cursor', 'page'].includes(style)) throw new Error(`pagination style must be cursor or page, got ${style}`);
		settings.paginationRules.unshift({ matches: routeMatcher(match), style });
	}

	function deprecate(match, spec = {}) {
		const headers = {};
		if (spec.sunset) headers.Sunset = spec.sunset;
		let deprecation = spec.deprecation;
		if (deprecation === undefined) {
			const sunsetAt = spec.sunset ? Date.parse(spec.sunset) : NaN;
			deprecation = Number.isNaN(sunsetAt) ? '@' + Math.floor(state.now().getTime() / 1000) : '@' + Math.floor((sunsetAt - DEPRECATION_WINDOW_DAYS * 86400000) / 1000);
		}
		if (deprecation !== null && deprecation !== false) headers.Deprecation = String(deprecation);
		if (spec.link) headers.Link = `<${spec.link}>; rel="${spec.sunset ? 'sunset' : 'deprecation'}"`;
		const rule = { matches: routeMatcher(match), headers };
		settings.deprecations.push(rule);
		return rule;
	}

	// ----- auth ---------------------------------------------------------------------------------
	function refusal(status, code, message, headers = {}) {
		return { status, body: errorBody(status, message, { code }), headers };
	}

	function authenticate(ctx) {
		const header = ctx.headers.authorization;
		const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
		const challenge = { 'WWW-Authenticate': 'Bearer realm="worksible"' };
		if (!bearer) return refusal(401, 'unauthenticated', 'Missing API key: send Authorization: Bearer wsk_…', challenge);
		const token = bearer[1];
		const key = state.keys.get(token);
		if (!key || !token.startsWith('wsk_')) return refusal(401, 'invalid_api_key', 'Invalid or revoked API key.', challenge);
		// [assumption] expiry -> 401, IP allowlist / plan -> 403 (spec §3: [unknown], 401 / 403 likely)
		if (key.expiresAt !== null && key.expiresAt <= state.now().getTime()) return refusal(401, 'api_key_expired', 'This API key has expired.', challenge);
		if (key.ipAllowlist) {
			const ip = String(ctx.req.socket.remoteAddress || '').replace(/^::ffff:/, '');
			if (!key.ipAllowlist.includes(ip)) return refusal(403, 'ip_not_allowed', `Requests from ${ip} are not in this key's IP allowlist.`);
		}
		if (!API_PLANS.includes(state.company.plan)) {
			return refusal(403, 'plan_not_entitled', `The ${state.company.plan} plan has no API access; upgrade under Settings → Billing.`);
		}
		return { token, id: token, companyId: state.company.id, scopes: key.scopes };
	}

	function requiredScope(route) {
		for (const [match, scope] of Object.entries(settings.scopes)) {
			if (routeMatcher(match)(route.method, route.pattern, route.id)) return scope;
		}
		if (route.id === 'companies.getMe') return 'companies:read';
		const [resource] = route.id.split('.');
		return `${resource}:${route.method === 'GET' ? 'read' : 'write'}`;
	}

	function checkScope(ctx, route) {
		const scope = requiredScope(route);
		if (!scope) return;
		const scopes = ctx.principal.scopes || [];
		const [resource] = scope.split(':');
		if (scopes.includes('*') || scopes.includes(scope) || scopes.includes(`${resource}:*`)) return;
		fail(403, `This API key is valid but lacks the scope "${scope}" required by ${route.method} ${route.pattern}.`, { code: 'missing_scope', required_scope: scope });
	}

	// ----- views, validation, pagination ----------------------------------------------------------
	const view = (record) => ({ ...clone(record), ...clone(settings.extraFields) });

	function validate(kind, body, { creating }) {
		const errors = {};
		const add = (field, message) => (errors[field] = [...(errors[field] || []), message]);
		if (creating) {
			for (const field of settings.requiredFields[kind] || []) {
				if (body[field] === undefined || body[field] === null || body[field] === '') add(field, 'is required');
			}
		}
		for (const field of STRING_FIELDS) {
			if (body[field] !== undefined && body[field] !== null && typeof body[field] !== 'string') add(field, 'must be a string');
		}
		if (typeof body.email === 'string' && !EMAIL.test(body.email)) add('email', 'is not a valid e-mail address');
		for (const [field, target] of Object.entries(KINDS[kind].refs)) {
			const value = body[field];
			if (value === undefined || value === null || value === '') continue;
			if (typeof value !== 'string') add(field, 'must be a string ID');
			else if (!findRecord(state, target, value)) add(field, `no such ${KINDS[target].object}: ${value}`);
		}
		if (Object.keys(errors).length) fail(422, 'The request has invalid fields.', { code: 'validation_failed', fields: errors });
	}

	function requestBody(ctx) {
		if (ctx.body === null || ctx.body === undefined || ctx.body === '') return {};
		if (!isObject(ctx.body)) fail(400, 'The request body must be a JSON object.', { code: 'invalid_body' });
		const body = {};
		for (const [key, value] of Object.entries(ctx.body)) if (!READ_ONLY_FIELDS.has(key)) body[key] = value;
		return body;
	}

	function positiveInt(query, name, fallback, max, errors) {
		if (query[name] === undefined || query[name] === '') return fallback;
		const text = String(query[name]);
		const value = /^\d+$/.test(text) ? Number(text) : NaN;
		if (!Number.isInteger(value) || value < 1) errors[name] = ['must be a positive integer'];
		else if (max && value > max) errors[name] = [`must be at most ${max}`];
		return value;
	}

	function paginationStyle(route) {
		const rule = settings.paginationRules.find((r) => r.matches(route.method, route.pattern, route.id));
		return rule ? rule.style : settings.pagination;
	}

	const encodeCursor = (seq) => Buffer.from(JSON.stringify({ s: seq })).toString('base64url');
	function decodeCursor(text) {
		try {
			const value = JSON.parse(Buffer.from(String(text), 'base64url').toString('utf8'));
			if (Number.isInteger(value.s)) return value.s;
		} catch {
			// fall through
		}
		return fail(400, `Invalid cursor: ${text}`, { code: 'invalid_cursor' });
	}

	/** [assumption] equality filters on top-level scalar fields; unknown parameters are ignored. */
	function filtered(kind, query) {
		const filters = Object.entries(query).filter(([key]) => !PAGING_PARAMS.has(key));
		return state.records[kind].filter((record) =>
			filters.every(([key, value]) => {
				if (!(key in record) || isObject(record[key]) || Array.isArray(record[key])) return true;
				return String(record[key]) === String(value);
			}),
		);
	}

	function list(kind, ctx, route) {
		// [assumption] newest first (creation order).
		const items = filtered(kind, ctx.query).sort((a, b) => b.__seq - a.__seq);
		const errors = {};
		if (paginationStyle(route) === 'page') {
			const page = positiveInt(ctx.query, 'page', 1, 0, errors);
			const perPage = positiveInt(ctx.query, 'per_page', settings.defaultPageSize, settings.maxPageSize, errors);
			if (Object.keys(errors).length) fail(422, 'Invalid pagination parameters.', { code: 'validation_failed', fields: errors });
			const start = (page - 1) * perPage;
			return {
				body: {
					data: items.slice(start, start + perPage).map(view),
					meta: { page, per_page: perPage, total: items.length, total_pages: Math.max(1, Math.ceil(items.length / perPage)) },
				},
			};
		}
		const limit = positiveInt(ctx.query, 'limit', settings.defaultPageSize, settings.maxPageSize, errors);
		if (Object.keys(errors).length) fail(422, 'Invalid pagination parameters.', { code: 'validation_failed', fields: errors });
		const after = ctx.query.cursor ? decodeCursor(ctx.query.cursor) : null;
		const rest = after === null ? items : items.filter((record) => record.__seq < after);
		const page = rest.slice(0, limit);
		const hasMore = rest.length > limit;
		return {
			body: {
				object: 'list',
				data: page.map(view),
				has_more: hasMore,
				next_cursor: hasMore ? encodeCursor(page[page.length - 1].__seq) : null,
			},
		};
	}

	function mustFind(kind, id) {
		return findRecord(state, kind, id) || fail(404, `No such ${KINDS[kind].object}: ${id}`, { code: 'resource_missing' });
	}

	// ----- handlers ---------------------------------------------------------------------------------
	const HANDLERS = {
		getAll: (kind) => (ctx, route) => list(kind, ctx, route),
		get: (kind) => (ctx) => ({ body: view(mustFind(kind, ctx.params[KINDS[kind].idName])) }),
		create: (kind) => (ctx) => {
			const body = requestBody(ctx);
			validate(kind, body, { creating: true });
			const record = addRecord(state, kind, body); // unknown fields are kept (and returned)
			state.createdCount += 1;
			state.createdByKind[kind] += 1;
			return { status: 201, body: view(record) };
		},
		update: (kind) => (ctx) => {
			const record = mustFind(kind, ctx.params[KINDS[kind].idName]);
			const body = requestBody(ctx);
			validate(kind, body, { creating: false });
			return { body: view(updateRecord(state, kind, record.id, body)) };
		},
		delete: (kind) => (ctx) => {
			const record = mustFind(kind, ctx.params[KINDS[kind].idName]);
			removeRecord(state, kind, record.id);
			return { body: { id: record.id, object: record.object, deleted: true } }; // [assumption] 200 + body
		},
	};

	function handlerFor(id) {
		if (id === 'companies.getMe') return () => ({ body: { ...clone(state.company), ...clone(settings.extraFields) } });
		const [kind, op] = id.split('.');
		return HANDLERS[op](kind);
	}

	// ----- idempotency + store-then-fail ----------------------------------------------------------
	function logKey(ctx, key, outcome) {
		state.idempotencyLog.push({ key, apiKey: ctx.principal.token, method: ctx.method, path: ctx.path, outcome, at: state.now().toISOString() });
	}

	async function idempotent(ctx, route, run) {
		const raw = ctx.headers['idempotency-key'];
		const key = typeof raw === 'string' ? raw.trim() : '';
		if (!key) {
			if (settings.requireIdempotencyKey) fail(400, 'Mutating requests need an Idempotency-Key header.', { code: 'idempotency_key_required' });
			logKey(ctx, null, 'none');
			return afterStore(ctx, route, await run());
		}
		if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
			fail(400, `Idempotency-Key is longer than ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`, { code: 'invalid_idempotency_key' });
		}
		const storeKey = `${ctx.principal.token}\n${key}`;
		const fingerprint = crypto.createHash('sha256').update(`${ctx.method} ${ctx.path}\n${canonicalJson(ctx.body)}`).digest('hex');
		let stored = state.idempotency.get(storeKey);
		if (stored && stored.storedAt + settings.idempotencyTtlMs <= state.now().getTime()) {
			state.idempotency.delete(storeKey);
			stored = undefined;
		}
		if (stored) {
			if (stored.fingerprint !== fingerprint) {
				logKey(ctx, key, 'conflict');
				fail(settings.idempotencyMismatch, `Idempotency-Key "${key}" was already used for a different request (method, path or body).`, { code: 'idempotency_key_reused' });
			}
			logKey(ctx, key, 'replayed');
			const headers = { ...stored.headers };
			if (settings.replayHeader) headers[settings.replayHeader] = 'true';
			return { status: stored.status, body: clone(stored.body), headers };
		}
		let result;
		try {
			result = (await run()) || { status: 204 };
		} catch (error) {
			if (settings.replayErrors && error instanceof HttpError && error.status < 500) {
				state.idempotency.set(storeKey, {
					fingerprint,
					status: error.status,
					body: errorBody(error.status, error.message, error.extra),
					headers: {},
					storedAt: state.now().getTime(),
				});
				logKey(ctx, key, 'stored');
			} else {
				logKey(ctx, key, 'not-stored');
			}
			throw error;
		}
		const status = result.status || 200;
		if (status >= 200 && status < 300) {
			state.idempotency.set(storeKey, { fingerprint, status, body: clone(result.body), headers: { ...(result.headers || {}) }, storedAt: state.now().getTime() });
			logKey(ctx, key, 'stored');
		} else {
			logKey(ctx, key, 'not-stored');
		}
		return afterStore(ctx, route, result);
	}

	/** The "store then fail" fault: the work is done (and stored), then the answer is lost. */
	function afterStore(ctx, route, result) {
		const status = result.status || 200;
		if (status < 200 || status >= 300) return result;
		for (const fault of settings.storeThenFail) {
			if (fault.remaining <= 0 || !fault.matches(ctx.method, ctx.path, route.id)) continue;
			fault.seen += 1;
			if (fault.seen <= fault.after) continue;
			fault.remaining -= 1;
			fault.hits += 1;
			if (fault.drop) {
				const entry = emulator.requests.find((e) => e.headers === ctx.headers);
				if (entry) entry.status = 'dropped-after-store';
				ctx.req.socket.destroy();
				return new Promise(() => {}); // never answered: the socket is gone
			}
			if (fault.body !== undefined) return { status: fault.status, body: fault.body };
			fail(fault.status, 'The request was processed, but the answer could not be delivered.', { code: ERROR_CODES[fault.status] || 'internal_error' });
		}
		return result;
	}

	// ----- routes -------------------------------------------------------------------------------------
	function wrap(route) {
		const run = handlerFor(route.id);
		return async (ctx) => {
			state.requestCounter += 1;
			const common = {};
			if (settings.requestIdHeader) common[settings.requestIdHeader] = `req_${String(state.requestCounter).padStart(8, '0')}`;
			for (const rule of settings.deprecations) {
				if (rule.matches(ctx.method, ctx.path, route.id) || rule.matches(route.method, route.pattern, route.id)) Object.assign(common, rule.headers);
			}
			try {
				checkScope(ctx, route);
				const result = MUTATING.has(ctx.method) ? await idempotent(ctx, route, () => run(ctx, route)) : (await run(ctx, route)) || { status: 204 };
				return { ...result, headers: { ...(result.headers || {}), ...common } };
			} catch (error) {
				if (error instanceof HttpError) error.extra = { ...error.extra, headers: { ...(error.extra.headers || {}), ...common } };
				throw error;
			}
		};
	}

	function buildRoutes() {
		const out = [];
		for (const definition of ROUTES) {
			let { method, path } = definition;
			const override = (options.routeOverrides || {})[definition.id];
			if (override) [method, path] = override.trim().split(/\s+/, 2);
			const route = { id: definition.id, method: method.toUpperCase(), pattern: path };
			out.push({ method: route.method, path, handler: wrap(route) });
			// [assumption] PUT accepted like PATCH on update routes (Method Override in the node may send PUT).
			if (definition.id.endsWith('.update') && route.method === 'PATCH') {
				const put = { ...route, method: 'PUT' };
				out.push({ method: 'PUT', path, handler: wrap(put) });
			}
		}
		return out;
	}

	const emulator = createEmulator({
		basePath: BASE_PATH,
		authenticate,
		routes: buildRoutes(),
		rateLimit:
			options.rateLimit === false
				? false
				: { ...DEFAULT_RATE_LIMIT, status: 429, headers: 'all', key: (principal) => principal.token, ...(options.rateLimit || {}) },
		errorBody,
	});

	const helpers = {
		state,
		apiKey,
		limitedApiKey: LIMITED_API_KEY,
		routes: ROUTES,
		/** Request headers for a key (default: the full-scope key). */
		authHeaders: (key = apiKey) => ({ Authorization: `Bearer ${key}` }),
		/** Records created through the API (POST), all kinds; test-hook additions are not counted. */
		get createdCount() {
			return state.createdCount;
		},
		get createdByKind() {
			return { ...state.createdByKind };
		},
		/** Every mutating request's Idempotency-Key handling, in order. */
		get idempotencyLog() {
			return state.idempotencyLog;
		},
		/** The Idempotency-Key values seen (in order, repeats included; null = none sent). */
		get idempotencyKeys() {
			return state.idempotencyLog.map((entry) => entry.key);
		},
		clearIdempotency() {
			state.idempotency.clear();
			state.idempotencyLog = [];
		},
		resetCounters() {
			state.createdCount = 0;
			for (const kind of Object.keys(state.createdByKind)) state.createdByKind[kind] = 0;
		},
		/**
		 * storeThenFail('POST /invoices', { status: 500 | 502, drop?: true, body?, times = 1, after = 0 }):
		 * the matching mutating request is performed and stored (idempotency replay included), then answered
		 * with status (default 500) or its socket is destroyed (drop). Match: 'POST /invoices', route id, predicate.
		 */
		storeThenFail(match, spec = {}) {
			const fault = {
				matches: routeMatcher(match),
				status: spec.status || 500,
				drop: Boolean(spec.drop),
				body: spec.body,
				remaining: spec.times === undefined ? 1 : spec.times,
				after: spec.after || 0,
				seen: 0,
				hits: 0,
			};
			settings.storeThenFail.push(fault);
			return fault;
		},
		clearStoreThenFail() {
			settings.storeThenFail = [];
		},
		/** deprecate('GET /payouts', { sunset, deprecation?, link? }) -> Sunset / Deprecation headers on that route. */
		deprecate,
		clearDeprecations() {
			settings.deprecations = [];
		},
		/** setPagination('page') for every list, or setPagination('page', 'GET /payouts') for one route. */
		setPagination(style, match) {
			if (match === undefined) {
				if (!['cursor', 'page'].includes(style)) throw new Error(`pagination style must be cursor or page, got ${style}`);
				settings.pagination = style;
				settings.paginationRules = [];
			} else {
				setPaginationRule(style, match);
			}
		},
		setRequiredScope(match, scope) {
			settings.scopes = { [match]: scope, ...settings.scopes };
		},
		/** addApiKey(key?, { scopes = ['*'], expiresAt, ipAllowlist }) -> the key. */
		addApiKey(key = `wsk_live_emu${crypto.randomBytes(4).toString('hex')}_${crypto.randomBytes(10).toString('hex')}`, keyOptions) {
			return addKey(key, keyOptions);
		},
		revokeApiKey(key = apiKey) {
			state.keys.delete(key);
		},
		/** Changes the company's plan (a downgrade to Trial / Core makes every key answer 403 [assumption]). */
		setPlan(plan) {
			if (!PLANS.includes(plan)) throw new Error(`Unknown plan ${plan}`);
			state.company.plan = plan;
		},
		/** Moves the emulator clock forward (timestamps of later changes). */
		tick(ms = 1000) {
			state.clockOffsetMs += ms;
		},
		now: () => state.now(),
		add: (kind, fields) => addRecord(state, kind, fields),
		update: (kind, id, patch) => updateRecord(state, kind, id, patch),
		remove: (kind, id) => removeRecord(state, kind, id),
		get: (kind, id) => findRecord(state, kind, id),
		list: (kind) => state.records[kindOf(kind)],
		/** mutate('invoices', 'add', fields) | mutate('invoices', 'update', id, patch) | mutate('invoices', 'remove', id) */
		mutate(kind, action, ...args) {
			if (action === 'add') return addRecord(state, kind, args[0]);
			if (action === 'update') return updateRecord(state, kind, args[0], args[1]);
			if (action === 'remove') return removeRecord(state, kind, args[0]);
			throw new Error(`mutate: unknown action "${action}" (add | update | remove)`);
		},
		seedBulk: (kind, count, fields) => seedBulk(state, kind, count, fields),
	};
	for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(helpers))) {
		Object.defineProperty(emulator, name, { ...descriptor, enumerable: true, configurable: true });
	}
	Object.defineProperty(emulator, 'credentials', {
		enumerable: true,
		get: () => ({ apiKey, baseUrl: emulator.baseUrl }),
	});
	return emulator;
}

async function startWorksibleEmulator(options = {}) {
	const emulator = createWorksibleEmulator(options);
	await emulator.listen(options.port || 0);
	return emulator;
}

module.exports = {
	createWorksibleEmulator,
	startWorksibleEmulator,
	ROUTES,
	KINDS,
	seedBulk,
	errorBody,
	constants: {
		BASE_PATH,
		DEFAULT_API_KEY,
		LIMITED_API_KEY,
		PLANS,
		API_PLANS,
		DEFAULT_RATE_LIMIT,
		DEFAULT_PAGE_SIZE,
		MAX_PAGE_SIZE,
		DEFAULT_REPLAY_HEADER,
		DEFAULT_IDEMPOTENCY_TTL_MS,
		MAX_IDEMPOTENCY_KEY_LENGTH,
	},
};
