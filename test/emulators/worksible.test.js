'use strict';
/** Tests of the Worksible emulator itself, with Node 20's global fetch (and http for dropped sockets). */
const fs = require('fs');
const http = require('http');
const path = require('path');
const { startWorksibleEmulator, ROUTES, constants } = require('./worksible');

async function call(emulator, method, route, { query, body, headers, key } = {}) {
	const url = new URL(emulator.baseUrl + route);
	for (const [name, value] of Object.entries(query || {})) url.searchParams.append(name, String(value));
	const response = await fetch(url, {
		method,
		headers: {
			...(headers === undefined ? emulator.authHeaders(key) : headers),
			...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** A raw request whose socket may be destroyed: resolves { error } instead of throwing. */
function rawRequest(emulator, method, route, { body, headers }) {
	return new Promise((resolve) => {
		const payload = JSON.stringify(body);
		const req = http.request(`${emulator.baseUrl}${route}`, {
			method,
			headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
		});
		req.on('response', (res) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode }));
		});
		req.on('error', (error) => resolve({ error }));
		req.end(payload);
	});
}

describe('Worksible emulator', () => {
	let emulator;
	beforeAll(async () => {
		emulator = await startWorksibleEmulator({ rateLimit: { limit: 10000 } });
	});
	afterAll(() => emulator.close());
	beforeEach(() => {
		emulator.clearLog();
		emulator.clearFaults();
		emulator.clearStoreThenFail();
		emulator.clearIdempotency();
		emulator.resetCounters();
	});

	test('serves every default route of the node resource files (and nothing the node does not know)', () => {
		const dir = path.join(__dirname, '../../nodes/Worksible/resources');
		const source = fs.readFileSync(path.join(dir, 'builders.ts'), 'utf8');
		expect(source).toMatch(/method: 'GET',\s+path: `\/\$\{names\.plural\}`/); // guard: builders still shaped as parsed below
		const nodeRoutes = [];
		for (const file of fs.readdirSync(dir).filter((name) => !['index.ts', 'builders.ts'].includes(name))) {
			const text = fs.readFileSync(path.join(dir, file), 'utf8');
			const plural = (/plural: '(\w+)'/.exec(text) || [])[1];
			const idName = (/idName: '(\w+)'/.exec(text) || [])[1];
			for (const [, method, route] of text.matchAll(/method: '(\w+)',\s+path: '([^']+)'/g)) nodeRoutes.push(`${method} ${route}`);
			const builders = { getAllOperation: `GET /${plural}`, getOperation: `GET /${plural}/{${idName}}`, createOperation: `POST /${plural}`, updateOperation: `PATCH /${plural}/{${idName}}`, deleteOperation: `DELETE /${plural}/{${idName}}` };
			for (const [, builder] of text.matchAll(/\b(\w+Operation)\(names/g)) nodeRoutes.push(builders[builder]);
		}
		expect(nodeRoutes.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
		expect(ROUTES.filter((r) => r.documented).map((r) => r.id)).toEqual(['companies.getMe']);
	});

	test('auth: Bearer wsk_ key only -> 401 otherwise; a key without the scope -> 403 naming the scope', async () => {
		const me = await call(emulator, 'GET', '/companies/me');
		expect(me.status).toBe(200);
		expect(me.body).toMatchObject({ id: expect.stringMatching(/^cmp_/), object: 'company', plan: 'Professional', 'x-emulator-assumption': true });
		const missing = await call(emulator, 'GET', '/companies/me', { headers: {} });
		expect(missing.status).toBe(401);
		expect(missing.body.error).toMatchObject({ code: 'unauthenticated', message: expect.any(String) });
		expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
		for (const headers of [{ Authorization: 'Bearer wsk_live_nope_nope' }, { Authorization: emulator.apiKey }, { 'X-API-Key': emulator.apiKey }, { Authorization: `Basic ${emulator.apiKey}` }]) {
			expect((await call(emulator, 'GET', '/companies/me', { headers })).status).toBe(401);
		}
		// the limited key reads invoices but not payouts
		expect((await call(emulator, 'GET', '/invoices', { key: emulator.limitedApiKey })).status).toBe(200);
		const denied = await call(emulator, 'GET', '/payouts', { key: emulator.limitedApiKey });
		expect(denied.status).toBe(403);
		expect(denied.body.error).toMatchObject({ code: 'missing_scope', required_scope: 'payouts:read' });
		expect(denied.body.error.message).toMatch(/valid but lacks the scope "payouts:read"/);
		const noScopes = emulator.addApiKey(undefined, { scopes: [] });
		expect((await call(emulator, 'GET', '/companies/me', { key: noScopes })).status).toBe(403);
		const expired = emulator.addApiKey(undefined, { expiresAt: '2000-01-01T00:00:00Z' });
		expect((await call(emulator, 'GET', '/companies/me', { key: expired })).body.error.code).toBe('api_key_expired');
	});

	test('CRUD on a resource, unknown fields kept, timestamps, 404 / 405 / 422 in the error shape', async () => {
		const project = emulator.list('projects')[0];
		const created = await call(emulator, 'POST', '/invoices', { body: { project_id: project.id, total: '120.00', currency: 'EUR', po_reference: 'PO-77' } });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ id: expect.stringMatching(/^inv_[0-9a-f]{12}$/), object: 'invoice', po_reference: 'PO-77', 'x-emulator-assumption': true });
		expect(created.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		expect(created.headers.get('x-request-id')).toMatch(/^req_/);
		const id = created.body.id;
		expect((await call(emulator, 'GET', `/invoices/${id}`)).body.po_reference).toBe('PO-77');
		emulator.tick(5000);
		const updated = await call(emulator, 'PATCH', `/invoices/${id}`, { body: { status: 'paid', id: 'ignored' } });
		expect(updated.body).toMatchObject({ id, status: 'paid' });
		expect(Date.parse(updated.body.updated_at)).toBeGreaterThan(Date.parse(updated.body.created_at));
		expect((await call(emulator, 'PUT', `/invoices/${id}`, { body: { status: 'void' } })).body.status).toBe('void');

		const invalid = await call(emulator, 'POST', '/contracts', { body: { project_id: 'prj_missing' } });
		expect(invalid.status).toBe(422);
		expect(invalid.body.error).toMatchObject({ code: 'validation_failed', fields: { freelancer_id: ['is required'], project_id: ['no such project: prj_missing'] } });
		expect((await call(emulator, 'POST', '/freelancers', { body: { email: 'not-an-email' } })).body.error.fields.email).toEqual(['is not a valid e-mail address']);
		expect((await call(emulator, 'GET', '/invoices/inv_nope')).body.error.code).toBe('resource_missing');
		expect((await call(emulator, 'POST', '/payments', { body: {} })).status).toBe(405);
		expect((await call(emulator, 'GET', '/nothing')).status).toBe(404);

		const org = await call(emulator, 'POST', '/organizations', { body: { name: 'Temp Org' } });
		const deleted = await call(emulator, 'DELETE', `/organizations/${org.body.id}`);
		expect(deleted.body).toEqual({ id: org.body.id, object: 'organization', deleted: true });
		expect((await call(emulator, 'GET', `/organizations/${org.body.id}`)).status).toBe(404);
		expect(emulator.createdByKind).toMatchObject({ invoices: 1, organizations: 1, contracts: 0 });
	});

	test('idempotency: same key + body replays without a second record; another body -> 409', async () => {
		const headers = { ...emulator.authHeaders(), 'Idempotency-Key': 'key-1' };
		const body = { name: 'Replay Org', country: 'FR' };
		const before = emulator.list('organizations').length;
		const first = await call(emulator, 'POST', '/organizations', { body, headers });
		const second = await call(emulator, 'POST', '/organizations', { body: { country: 'FR', name: 'Replay Org' }, headers });
		expect(first.status).toBe(201);
		expect(second.status).toBe(201);
		expect(second.body).toEqual(first.body);
		expect(first.headers.get('idempotent-replayed')).toBeNull();
		expect(second.headers.get('idempotent-replayed')).toBe('true');
		expect(emulator.list('organizations')).toHaveLength(before + 1);
		expect(emulator.createdCount).toBe(1);

		const conflict = await call(emulator, 'POST', '/organizations', { body: { name: 'Other Org' }, headers });
		expect(conflict.status).toBe(409);
		expect(conflict.body.error.code).toBe('idempotency_key_reused');
		// the same key from another API key is a different key
		const other = emulator.addApiKey();
		expect((await call(emulator, 'POST', '/organizations', { body, headers: { ...headers, Authorization: `Bearer ${other}` } })).headers.get('idempotent-replayed')).toBeNull();
		// deletes replay too (no 404 on the retry)
		const del = { ...emulator.authHeaders(), 'Idempotency-Key': 'del-1' };
		expect((await call(emulator, 'DELETE', `/organizations/${first.body.id}`, { headers: del })).status).toBe(200);
		expect((await call(emulator, 'DELETE', `/organizations/${first.body.id}`, { headers: del })).status).toBe(200);
		expect(emulator.idempotencyLog.map((e) => e.outcome)).toEqual(['stored', 'replayed', 'conflict', 'stored', 'stored', 'replayed']);
		expect(emulator.idempotencyKeys).toEqual(['key-1', 'key-1', 'key-1', 'key-1', 'del-1', 'del-1']);
		// errors are not stored: a corrected retry with the same key succeeds
		const fix = { ...emulator.authHeaders(), 'Idempotency-Key': 'fix-1' };
		expect((await call(emulator, 'POST', '/projects', { body: {}, headers: fix })).status).toBe(422);
		expect((await call(emulator, 'POST', '/projects', { body: {}, headers: fix })).status).toBe(422);
	});

	test('store then fail: 500 or a dropped socket after the create; the retry with the same key replays', async () => {
		const headers = { ...emulator.authHeaders(), 'Idempotency-Key': 'stf-1' };
		const body = { name: 'Store Then Fail' };
		emulator.storeThenFail('POST /organizations', { status: 502 });
		const failed = await call(emulator, 'POST', '/organizations', { body, headers });
		expect(failed.status).toBe(502);
		const retry = await call(emulator, 'POST', '/organizations', { body, headers });
		expect(retry.status).toBe(201);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect(emulator.createdCount).toBe(1);

		const dropHeaders = { ...emulator.authHeaders(), 'Idempotency-Key': 'stf-2' };
		const fault = emulator.storeThenFail('organizations.create', { drop: true });
		const dropped = await rawRequest(emulator, 'POST', '/organizations', { body: { name: 'Dropped' }, headers: dropHeaders });
		expect(dropped.error).toBeDefined();
		expect(fault.hits).toBe(1);
		expect(emulator.createdCount).toBe(2);
		const replay = await call(emulator, 'POST', '/organizations', { body: { name: 'Dropped' }, headers: dropHeaders });
		expect(replay.status).toBe(201);
		expect(replay.body.name).toBe('Dropped');
		expect(emulator.createdCount).toBe(2);
		expect(emulator.findRequests('POST /organizations').map((r) => r.status)).toEqual([502, 201, 'dropped-after-store', 201]);
	});

	test('cursor pagination (default): limit + cursor -> has_more / next_cursor, newest first, no overlap', async () => {
		emulator.seedBulk('payouts', 7);
		const all = emulator.list('payouts').length;
		const seen = [];
		let cursor;
		let calls = 0;
		do {
			const page = await call(emulator, 'GET', '/payouts', { query: { limit: 4, ...(cursor ? { cursor } : {}) } });
			expect(page.body).toEqual({ object: 'list', data: expect.any(Array), has_more: expect.any(Boolean), next_cursor: page.body.has_more ? expect.any(String) : null });
			seen.push(...page.body.data.map((p) => p.id));
			cursor = page.body.next_cursor;
			calls += 1;
		} while (cursor);
		expect(calls).toBe(Math.ceil(all / 4));
		expect(new Set(seen).size).toBe(all);
		expect(seen[0]).toBe(emulator.list('payouts')[all - 1].id);
		expect((await call(emulator, 'GET', '/payouts', { query: { limit: 101 } })).status).toBe(422);
		expect((await call(emulator, 'GET', '/payouts', { query: { cursor: 'garbage' } })).status).toBe(400);
		expect((await call(emulator, 'GET', '/invoices', { query: { status: 'open' } })).body.data.every((i) => i.status === 'open')).toBe(true);
	});

	test('page-number pagination per route or emulator-wide: page / per_page -> meta.total_pages', async () => {
		emulator.setPagination('page', 'GET /freelancers');
		emulator.seedBulk('freelancers', 6);
		const total = emulator.list('freelancers').length;
		const first = await call(emulator, 'GET', '/freelancers', { query: { page: 1, per_page: 4 } });
		expect(first.body.meta).toEqual({ page: 1, per_page: 4, total, total_pages: Math.ceil(total / 4) });
		expect(first.body).not.toHaveProperty('has_more');
		const ids = [];
		for (let page = 1; page <= first.body.meta.total_pages; page++) {
			ids.push(...(await call(emulator, 'GET', '/freelancers', { query: { page, per_page: 4 } })).body.data.map((f) => f.id));
		}
		expect(new Set(ids).size).toBe(total);
		expect((await call(emulator, 'GET', '/freelancers', { query: { page: 99, per_page: 4 } })).body.data).toEqual([]);
		expect((await call(emulator, 'GET', '/freelancers', { query: { page: 0 } })).status).toBe(422);
		expect((await call(emulator, 'GET', '/projects')).body).toHaveProperty('has_more'); // others stay cursor
		emulator.setPagination('cursor');
		expect((await call(emulator, 'GET', '/freelancers')).body).toHaveProperty('next_cursor');
	});

	test('Sunset / Deprecation headers on a chosen route only', async () => {
		emulator.deprecate('GET /payouts', { sunset: 'Wed, 01 Jul 2027 00:00:00 GMT', link: 'https://worksible.com/es/developers' });
		const flagged = await call(emulator, 'GET', '/payouts');
		expect(flagged.headers.get('sunset')).toBe('Wed, 01 Jul 2027 00:00:00 GMT');
		expect(flagged.headers.get('deprecation')).toBe(`@${Date.parse('2027-07-01T00:00:00Z') / 1000 - 183 * 86400}`);
		expect(flagged.headers.get('link')).toBe('<https://worksible.com/es/developers>; rel="sunset"');
		const detail = await call(emulator, 'GET', `/payouts/${emulator.list('payouts')[0].id}`);
		expect(detail.headers.get('sunset')).toBeNull();
		emulator.clearDeprecations();
		expect((await call(emulator, 'GET', '/payouts')).headers.get('sunset')).toBeNull();
	});

	test('test hooks: add / update / remove records with timestamps', async () => {
		const added = emulator.add('timesheets', { contract_id: emulator.list('contracts')[0].id, hours: '3.00', custom: { a: 1 } });
		expect(added.freelancer_id).toBe(emulator.list('contracts')[0].freelancer_id);
		emulator.tick(2000);
		emulator.update('timesheets', added.id, { status: 'approved' });
		const got = (await call(emulator, 'GET', `/timesheets/${added.id}`)).body;
		expect(got).toMatchObject({ status: 'approved', custom: { a: 1 } });
		expect(got.updated_at > got.created_at).toBe(true);
		emulator.mutate('timesheets', 'remove', added.id);
		expect((await call(emulator, 'GET', `/timesheets/${added.id}`)).status).toBe(404);
		expect(emulator.createdCount).toBe(0);
	});
});

describe('Worksible emulator options', () => {
	test('rate limit 429 + Retry-After; 422 mismatch policy; required idempotency key; route overrides', async () => {
		const emulator = await startWorksibleEmulator({
			seed: false,
			rateLimit: { limit: 2, windowMs: 60000 }, // the 405 below is refused before counting
			idempotencyMismatch: 422,
			requireIdempotencyKey: true,
			routeOverrides: { 'organizations.getAll': 'GET /v2/organizations' },
			pagination: 'page',
		});
		try {
			expect(emulator.credentials).toEqual({ apiKey: constants.DEFAULT_API_KEY, baseUrl: `${emulator.origin}/v1` });
			expect((await call(emulator, 'GET', '/organizations')).status).toBe(405); // only POST stays there
			const moved = await call(emulator, 'GET', '/v2/organizations');
			expect(moved.body).toEqual({ data: [], meta: { page: 1, per_page: 25, total: 0, total_pages: 1 } });
			expect((await call(emulator, 'POST', '/organizations', { body: { name: 'x' } })).body.error.code).toBe('idempotency_key_required');
			const limited = await call(emulator, 'GET', '/companies/me');
			expect(limited.status).toBe(429);
			expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
			expect(limited.body.error.code).toBe('rate_limited');
			emulator.resetRateLimit();
			const headers = { ...emulator.authHeaders(), 'Idempotency-Key': 'k' };
			await call(emulator, 'POST', '/organizations', { body: { name: 'a' }, headers });
			expect((await call(emulator, 'POST', '/organizations', { body: { name: 'b' }, headers })).status).toBe(422);
		} finally {
			await emulator.close();
		}
	});

	test('plans: Trial / Core cannot have keys; a downgrade answers 403', async () => {
		await expect(startWorksibleEmulator({ plan: 'Core' })).rejects.toThrow(/no API access/);
		const emulator = await startWorksibleEmulator({ seed: false, sunset: { 'companies.getMe': 'Sat, 31 Oct 2026 23:59:59 GMT' } });
		try {
			expect((await call(emulator, 'GET', '/companies/me')).headers.get('sunset')).toBe('Sat, 31 Oct 2026 23:59:59 GMT');
			emulator.setPlan('Trial');
			expect((await call(emulator, 'GET', '/companies/me')).body.error.code).toBe('plan_not_entitled');
		} finally {
			await emulator.close();
		}
	});
});
