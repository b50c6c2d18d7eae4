'use strict';
/** Tests of the TeamWork Live emulator itself, with plain http requests (Node 20's global fetch). */
const { startTeamWorkLiveEmulator, routeTable, constants } = require('./teamworklive');

async function call(emulator, method, path, { body, headers, contentType = 'application/json', raw } = {}) {
	const finalHeaders = { ...(headers === undefined ? emulator.authHeaders() : headers) };
	let payload;
	if (raw !== undefined) payload = raw;
	else if (body !== undefined) payload = JSON.stringify(body);
	if (payload !== undefined && contentType) finalHeaders['Content-Type'] = contentType;
	const response = await fetch(emulator.baseUrl + path, { method, headers: finalHeaders, body: payload });
	const text = await response.text();
	let parsed = text;
	try {
		parsed = text ? JSON.parse(text) : null;
	} catch {
		// keep the text
	}
	return { status: response.status, headers: response.headers, body: parsed, text };
}

describe('TeamWork Live emulator', () => {
	let emulator;
	beforeAll(async () => {
		emulator = await startTeamWorkLiveEmulator({ rateLimit: { limit: 10000 } });
	});
	afterAll(() => emulator.close());
	beforeEach(() => {
		emulator.clearLog();
		emulator.clearFaults();
	});

	test('defaults: 6,000 requests per hour answered with 503', () => {
		expect(constants.DEFAULT_RATE_LIMIT).toEqual({ limit: 6000, windowMs: 3600000 });
		expect(emulator.credentials).toEqual({ baseUrl: emulator.origin, email: constants.DEFAULT_EMAIL, apiKey: constants.DEFAULT_API_KEY });
	});

	test('HTTP Basic with e-mail + API key; 401 with a Basic challenge otherwise', async () => {
		const ok = await call(emulator, 'GET', '/clientcompanies.json');
		expect(ok.status).toBe(200);
		expect(ok.body.map((c) => c.name)).toEqual(['Northwind Traders', 'Contoso Builders']);
		expect(ok.headers.get('x-ratelimit-limit')).toBeNull();

		const upper = await call(emulator, 'GET', '/clientcompanies.json', { headers: emulator.authHeaders({ email: emulator.email.toUpperCase() }) });
		expect(upper.status).toBe(200);
		for (const headers of [
			{},
			{ Authorization: `Bearer ${emulator.apiKey}` },
			emulator.authHeaders({ apiKey: 'wrong' }),
			emulator.authHeaders({ email: 'nobody@example.com' }),
			// the e-mail is the user name, the key the password; swapped is refused
			{ Authorization: `Basic ${Buffer.from(`${emulator.apiKey}:${emulator.email}`).toString('base64')}` },
			// a user without an API key (not an account user) cannot sign in
			emulator.authHeaders({ email: 'tomas.team@example.com' }),
		]) {
			const refused = await call(emulator, 'GET', '/clientcompanies.json', { headers });
			expect([headers, refused.status]).toEqual([headers, 401]);
			expect(refused.headers.get('www-authenticate')).toMatch(/^Basic/);
			expect(refused.body.message).toEqual(expect.any(String));
		}
	});

	test('the API key changes with the password: the old key gets 401', async () => {
		const second = emulator.addAccountUser({ email: 'second@example.com' });
		const headers = emulator.authHeaders({ email: second.email, apiKey: second.apiKey });
		expect((await call(emulator, 'GET', '/projects.json', { headers })).status).toBe(200);
		const newKey = emulator.changePassword(second.email);
		expect((await call(emulator, 'GET', '/projects.json', { headers })).status).toBe(401);
		expect((await call(emulator, 'GET', '/projects.json', { headers: emulator.authHeaders({ email: second.email, apiKey: newKey }) })).status).toBe(200);
		emulator.remove('user', second.id);
	});

	test('only the .json suffix reaches a route: none -> 404, .xml -> 406, other -> 404', async () => {
		expect((await call(emulator, 'GET', '/clientcompanies')).status).toBe(404);
		const xml = await call(emulator, 'GET', '/clientcompanies.xml');
		expect(xml.status).toBe(406);
		expect(xml.body.message).toMatch(/\.json/);
		expect((await call(emulator, 'GET', '/clientcompanies.csv')).status).toBe(404);
		expect((await call(emulator, 'GET', '/nothing-here.json')).status).toBe(404);
		const [company] = emulator.list('clientCompany');
		expect((await call(emulator, 'GET', `/clientcompanies/${company.id}`)).status).toBe(404);
		expect((await call(emulator, 'GET', `/clientcompanies/${company.id}.json`)).body).toEqual(company);
		const wrongMethod = await call(emulator, 'PATCH', `/clientcompanies/${company.id}.json`, { body: { name: 'x' } });
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.get('allow')).toBe('DELETE, GET, PUT');
	});

	test('every route of the table answers with the .json suffix', async () => {
		const [project] = emulator.list('project');
		for (const row of routeTable().filter((r) => r.operation === 'getAll' || r.operation === 'get')) {
			const sample = row.operation === 'get' ? emulator.list(row.kind)[0] : null;
			const path = row.path.replace('{projectId}', project.id).replace('{id}', sample ? sample.id : '');
			const answer = await call(emulator, row.method, `${path}.json`);
			expect([row.kind, row.operation, answer.status]).toEqual([row.kind, row.operation, 200]);
			if (row.operation === 'getAll') expect(Array.isArray(answer.body)).toBe(true);
			else expect(answer.body).toMatchObject({ id: sample.id, created: expect.any(String), updated: expect.any(String) });
		}
	});

	test('CRUD on a project-scoped kind; writes need Content-Type: application/json (415)', async () => {
		const [project] = emulator.list('project');
		const noType = await call(emulator, 'POST', `/projects/${project.id}/tasks.json`, { body: { name: 'x' }, contentType: 'text/plain' });
		expect(noType.status).toBe(415);
		const form = await call(emulator, 'POST', `/projects/${project.id}/tasks.json`, { raw: 'name=x', contentType: 'application/x-www-form-urlencoded' });
		expect(form.status).toBe(415);
		expect((await call(emulator, 'POST', `/projects/${project.id}/tasks.json`, { raw: '{bad', contentType: 'application/json' })).status).toBe(400);

		const invalid = await call(emulator, 'POST', `/projects/${project.id}/tasks.json`, { body: { content: 'no name' } });
		expect(invalid.status).toBe(400);
		expect(invalid.body).toEqual({ message: expect.stringMatching(/name is required/), errors: ['name is required'] });
		const badHours = await call(emulator, 'POST', `/projects/${project.id}/timeentries.json`, { body: { hours: -1, date: '2025-02-30' } });
		expect(badHours.status).toBe(400);
		expect(badHours.body.errors).toHaveLength(2);

		const created = await call(emulator, 'POST', `/projects/${project.id}/tasks.json`, { body: { name: 'Test task', priority: 'high' }, contentType: 'application/json; charset=utf-8' });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ projectId: project.id, name: 'Test task', priority: 'high' });
		const { id } = created.body;
		const updated = await call(emulator, 'PUT', `/tasks/${id}.json`, { body: { name: 'Renamed', id: 1, created: 'x' } });
		expect(updated.body).toMatchObject({ id, name: 'Renamed', created: created.body.created });
		expect((await call(emulator, 'PUT', `/tasks/${id}.json`, { body: { name: 'x' }, contentType: null })).status).toBe(415);
		const deleted = await call(emulator, 'DELETE', `/tasks/${id}.json`);
		expect(deleted.status).toBe(204);
		expect((await call(emulator, 'GET', `/tasks/${id}.json`)).status).toBe(404);
		expect((await call(emulator, 'GET', '/projects/999999/tasks.json')).status).toBe(404);
	});

	test('no data -> 200 with an empty list, not an error', async () => {
		const empty = emulator.list('project').find((p) => p.name === 'Office Move');
		const answer = await call(emulator, 'GET', `/projects/${empty.id}/milestones.json`);
		expect([answer.status, answer.body]).toEqual([200, []]);
		const bare = await startTeamWorkLiveEmulator({ seed: false, emptyList: 'empty' });
		try {
			const none = await call(bare, 'GET', '/clientcompanies.json');
			expect([none.status, none.text]).toEqual([200, '']);
		} finally {
			await bare.close();
		}
	});

	test('hooks change records between calls, with created/updated timestamps', async () => {
		let clock = new Date('2025-03-12T09:00:00Z');
		const timed = await startTeamWorkLiveEmulator({ seed: false, now: () => clock, rootKeys: true, basePath: '/api', formatId: (n) => `l${n}` });
		try {
			expect(timed.credentials.baseUrl).toBe(`${timed.origin}/api`);
			const added = timed.add('clientCompany', { name: 'Acme' });
			expect(added).toMatchObject({ id: expect.stringMatching(/^l\d+$/), created: '2025-03-12T09:00:00Z', updated: '2025-03-12T09:00:00Z' });
			clock = new Date('2025-03-12T10:00:00Z');
			timed.update('clientCompany', added.id, { name: 'Acme Inc' });
			const list = await call(timed, 'GET', '/clientcompanies.json');
			expect(list.body).toEqual({ clientCompanies: [expect.objectContaining({ name: 'Acme Inc', updated: '2025-03-12T10:00:00Z' })] });
			expect((await call(timed, 'GET', `/clientcompanies/${added.id}.json`)).body.clientCompany.id).toBe(added.id);
			// a body wrapped in its root is accepted too
			const wrapped = await call(timed, 'POST', '/clientcompanies.json', { body: { clientCompany: { name: 'Wrapped' } } });
			expect(wrapped.body.clientCompany.name).toBe('Wrapped');
			timed.remove('clientCompany', added.id);
			timed.clear('clientCompany');
			expect((await call(timed, 'GET', '/clientcompanies.json')).body).toEqual({ clientCompanies: [] });
		} finally {
			await timed.close();
		}
	});

	test('injected 503: outage without Retry-After, throttle with it', async () => {
		emulator.outage();
		const outage = await call(emulator, 'GET', '/projects.json');
		expect([outage.status, outage.headers.get('retry-after'), outage.body.message]).toEqual([503, null, constants.OUTAGE_MESSAGE]);
		emulator.throttle({ retryAfter: 3 });
		const throttled = await call(emulator, 'GET', '/projects.json');
		expect([throttled.status, throttled.headers.get('retry-after'), throttled.body.message]).toEqual([503, '3', constants.RATE_LIMIT_MESSAGE]);
		emulator.throttle({ retryAfter: 2, httpDate: true });
		expect(Date.parse((await call(emulator, 'GET', '/projects.json')).headers.get('retry-after'))).toBeGreaterThan(Date.now() - 1000);
		expect((await call(emulator, 'GET', '/projects.json')).status).toBe(200);
	});
});

describe('TeamWork Live emulator rate limit', () => {
	let emulator;
	beforeAll(async () => {
		emulator = await startTeamWorkLiveEmulator({ rateLimit: { limit: 3, windowMs: 1000 } });
	});
	afterAll(() => emulator.close());

	test('503 + Retry-After over the limit, per user, window slides', async () => {
		const answers = [];
		for (let i = 0; i < 4; i++) answers.push(await call(emulator, 'GET', '/clientcompanies.json'));
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 503]);
		const refused = answers[3];
		expect(refused.headers.get('retry-after')).toBe('1');
		expect(refused.body).toEqual({ message: constants.RATE_LIMIT_MESSAGE });
		// unauthenticated calls are refused before counting; another user has its own budget
		expect((await call(emulator, 'GET', '/clientcompanies.json', { headers: {} })).status).toBe(401);
		const other = emulator.addAccountUser({ email: 'other@example.com' });
		expect((await call(emulator, 'GET', '/clientcompanies.json', { headers: emulator.authHeaders({ email: other.email, apiKey: other.apiKey }) })).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 1050));
		expect((await call(emulator, 'GET', '/clientcompanies.json')).status).toBe(200);
	});
});
