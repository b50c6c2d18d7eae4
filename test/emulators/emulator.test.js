'use strict';
/** Tests of the emulator itself (framework + WebWork), using Node 20's global fetch. */
const crypto = require('crypto');
const http = require('http');
const { startWebWorkEmulator, deliver, constants } = require('./webwork');

const jsonHeaders = (token) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });

async function call(emulator, method, path, { token = emulator.token, body, query } = {}) {
	const url = new URL(emulator.baseUrl + path);
	for (const [key, value] of Object.entries(query || {})) {
		for (const item of [].concat(value)) url.searchParams.append(key, String(item));
	}
	const response = await fetch(url, { method, headers: jsonHeaders(token), body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

describe('WebWork emulator', () => {
	let emulator;
	beforeAll(async () => {
		emulator = await startWebWorkEmulator({ today: '2025-03-12', rateLimit: { limit: 1000 } });
	});
	afterAll(() => emulator.close());
	beforeEach(() => {
		emulator.clearLog();
		emulator.clearFaults();
	});

	describe('auth and envelope', () => {
		test('401 without or with an unknown token, error envelope', async () => {
			const missing = await fetch(`${emulator.baseUrl}/workspaces`);
			expect(missing.status).toBe(401);
			const body = await missing.json();
			expect(body).toMatchObject({ success: false, message: 'Unauthenticated.', error: 'Unauthorized', meta: { api_version: '2.0.0' } });
			expect((await call(emulator, 'GET', '/workspaces', { token: 'nope' })).status).toBe(401);
		});

		test('403 for a Regular User token on every call, 403 for exec outside own workspace', async () => {
			const regular = await call(emulator, 'GET', '/workspaces', { token: emulator.tokens.regular });
			expect(regular.status).toBe(403);
			expect(regular.body.success).toBe(false);
			expect((await call(emulator, 'GET', '/members', { token: emulator.tokens.regular, query: { workspace_id: 101 } })).status).toBe(403);
			expect((await call(emulator, 'GET', '/members', { token: emulator.tokens.exec, query: { workspace_id: 101 } })).status).toBe(200);
			expect((await call(emulator, 'GET', '/members', { token: emulator.tokens.exec, query: { workspace_id: 102 } })).status).toBe(403);
		});

		test('success envelope with meta.pagination and rate-limit headers', async () => {
			const { status, body, headers } = await call(emulator, 'GET', '/workspaces');
			expect(status).toBe(200);
			expect(body.success).toBe(true);
			expect(body.data.map((w) => w.id)).toEqual([101, 102]);
			expect(body.meta).toMatchObject({ api_version: '2.0.0', pagination: { total: 2, per_page: 20, current_page: 1, last_page: 1, from: 1, to: 2 } });
			expect(body.meta.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
			expect(headers.get('x-ratelimit-limit')).toBe('1000');
			expect(Number(headers.get('x-ratelimit-remaining'))).toBeLessThan(1000);
		});

		test('unknown workspace -> 404, unknown record -> 404', async () => {
			expect((await call(emulator, 'GET', '/projects', { query: { workspace_id: 999 } })).status).toBe(404);
			const missing = await call(emulator, 'GET', '/projects/99999', { query: { workspace_id: 101 } });
			expect(missing.status).toBe(404);
			expect(missing.body).toMatchObject({ success: false, error: 'Not Found' });
		});
	});

	describe('pagination', () => {
		test('250 projects with per_page 100 -> 3 pages with correct meta', async () => {
			const existing = emulator.state.projects.filter((p) => p.workspace_id === 101 && !p.archived).length;
			emulator.seedBulk('projects', 250 - existing, 101);
			const pages = [];
			for (let page = 1; page <= 3; page++) {
				pages.push(await call(emulator, 'GET', '/projects', { query: { workspace_id: 101, per_page: 100, page } }));
			}
			expect(pages.map((p) => p.body.data.length)).toEqual([100, 100, 50]);
			expect(pages[2].body.meta.pagination).toEqual({ total: 250, per_page: 100, current_page: 3, last_page: 3, from: 201, to: 250 });
			const ids = pages.flatMap((p) => p.body.data.map((project) => project.id));
			expect(new Set(ids).size).toBe(250);
			const beyond = await call(emulator, 'GET', '/projects', { query: { workspace_id: 101, per_page: 100, page: 4 } });
			expect(beyond.body.data).toEqual([]);
		});

		test('per_page above the maximum is a 422 (100 generally, 50 for time entries)', async () => {
			const tooMany = await call(emulator, 'GET', '/projects', { query: { workspace_id: 101, per_page: 101 } });
			expect(tooMany.status).toBe(422);
			expect(tooMany.body.errors.per_page[0]).toMatch(/between 1 and 100/);
			const entries = await call(emulator, 'GET', '/time-entries', { query: { workspace_id: 101, user_id: 5, date: '2025-03-03', per_page: 51 } });
			expect(entries.status).toBe(422);
			expect(entries.body.errors.per_page[0]).toMatch(/between 1 and 50/);
		});

		test('GET /contracts puts pagination at the top level of the body', async () => {
			const { body } = await call(emulator, 'GET', '/contracts', { query: { workspace_id: 101, per_page: 2, page: 2 } });
			expect(body.message).toBe('Contracts retrieved successfully');
			expect(body.pagination).toEqual({ current_page: 2, per_page: 2, total: 9, last_page: 5 });
			expect(body.meta.pagination).toBeUndefined();
			expect(body.data[0]).toHaveProperty('screenshots_label');
		});
	});

	describe('validation and state', () => {
		test('422 field errors: missing workspace_id, required fields, enum', async () => {
			const noWorkspace = await call(emulator, 'GET', '/members');
			expect(noWorkspace.status).toBe(422);
			expect(noWorkspace.body).toMatchObject({ success: false, message: 'Validation failed', errors: { workspace_id: ['The workspace id field is required.'] } });
			const invite = await call(emulator, 'POST', '/members', { query: { workspace_id: 101 }, body: { email: 'x@example.com', role: 'Boss' } });
			expect(invite.status).toBe(422);
			expect(invite.body.errors).toEqual({
				firstname: ['The firstname field is required.'],
				lastname: ['The lastname field is required.'],
				role: ['The selected role is invalid.'],
			});
			const badDate = await call(emulator, 'POST', '/tasks', { body: { workspace_id: 101, project_id: 201, title: 'x', start_date: '2025-03-10', end_date: '2025-03-01' } });
			expect(badDate.status).toBe(422);
			expect(badDate.body.errors.end_date).toBeDefined();
		});

		test('invite (workspace_id in query or body) appears in the list; duplicate e-mail -> 409', async () => {
			const member = { email: 'new.person@example.com', firstname: 'New', lastname: 'Person', role: 'Regular User' };
			const invited = await call(emulator, 'POST', '/members', { body: { ...member, workspace_id: 101 } });
			expect(invited.status).toBe(200);
			expect(invited.body.message).toBe('Member invited successfully');
			expect(invited.body.data).toHaveProperty('invitation_link');
			const listed = await call(emulator, 'GET', '/members', { query: { workspace_id: 101, email: member.email } });
			expect(listed.body.data).toHaveLength(1);
			expect(listed.body.data[0].id).toBe(invited.body.data.user_id);
			const duplicate = await call(emulator, 'POST', '/members', { query: { workspace_id: 101 }, body: member });
			expect(duplicate.status).toBe(409);
		});

		test('timesheet state machine and time tracking conflicts', async () => {
			const sheets = await call(emulator, 'GET', '/timesheets', { query: { workspace_id: 101, status: 'pending' } });
			const pending = sheets.body.data[0];
			const approve = await call(emulator, 'PUT', `/timesheets/${pending.id}/approve`, { body: { workspace_id: 101 } });
			expect(approve.status).toBe(422);
			expect((await call(emulator, 'PUT', `/timesheets/${pending.id}/submit`, { body: { workspace_id: 101 } })).status).toBe(200);
			const reject = await call(emulator, 'PUT', `/timesheets/${pending.id}/reject`, { body: { workspace_id: 101, reason: 'Missing notes' } });
			expect(reject.body).toMatchObject({ success: true, message: 'Timesheet rejected successfully', data: { status: 'rejected', reject_reason: 'Missing notes' } });

			const start = await call(emulator, 'POST', '/time-tracking/start', { body: { workspace_id: 101, user_id: 5, contract_id: 301 } });
			expect(start.status).toBe(200);
			expect(start.body.data).toMatchObject({ user_id: 5, project_id: 201, project_name: 'Website Redesign' });
			expect((await call(emulator, 'POST', '/time-tracking/start', { body: { workspace_id: 101, user_id: 5 } })).status).toBe(422);
			expect((await call(emulator, 'POST', '/time-tracking/stop', { body: { workspace_id: 101, user_id: 5 } })).status).toBe(200);
			expect((await call(emulator, 'POST', '/time-tracking/stop', { body: { workspace_id: 101, user_id: 5 } })).status).toBe(422);
			expect(emulator.events.map((e) => e.event)).toEqual(expect.arrayContaining(['member.invited', 'tracker.started', 'tracker.stopped']));
		});

		test('time entry create is 201 with saved_minutes and shows up in the day list', async () => {
			const created = await call(emulator, 'POST', '/time-entries', {
				body: { workspace_id: 101, user_id: 6, contract_id: 302, date: '2025-03-01', start_time: '09:00', end_time: '10:30', notes: 'Docs' },
			});
			expect(created.status).toBe(201);
			expect(created.body).toMatchObject({ success: true, saved_minutes: 90, message: '1 hr 30 min successfully added for Samuel Okafor' });
			expect(created.body.data.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
			const day = await call(emulator, 'GET', '/time-entries', { query: { workspace_id: 101, user_id: 6, date: '2025-03-01' } });
			expect(day.body.data.map((e) => e.id)).toEqual([created.body.data.id]);
			const backwards = await call(emulator, 'POST', '/time-entries', { body: { workspace_id: 101, user_id: 6, date: '2025-03-01', start_time: '12:00', end_time: '11:00' } });
			expect(backwards.status).toBe(422);
			expect(backwards.body.errors.end_time).toBeDefined();
		});

		test('report arrays accept users[] and CSV; inferred activity-descriptions route exists', async () => {
			const { body } = await call(emulator, 'GET', '/reports/task-report', { query: { workspace_id: 101, start_date: '2025-03-03', end_date: '2025-03-07', 'users[]': [5, 6] } });
			expect(body.data.map((row) => row.user_id)).toEqual([5, 6]);
			expect(body.meta.pagination.per_page).toBe(30);
			expect(emulator.requests.at(-1).query.users).toEqual(['5', '6']);
			const csv = await call(emulator, 'GET', '/reports/activity-descriptions', { query: { workspace_id: 101, start_date: '2025-03-03', end_date: '2025-03-07', users: '5,6' } });
			expect(csv.status).toBe(200);
			expect(csv.body.data[0].activity_descriptions.length).toBeGreaterThan(0);
		});
	});

	describe('faults and request log', () => {
		test('503 once, then normal answers; the faulted request is logged', async () => {
			const fault = emulator.fault('GET /projects', { status: 503, retryAfter: 1 });
			const first = await call(emulator, 'GET', '/projects', { query: { workspace_id: 101 } });
			expect(first.status).toBe(503);
			expect(first.headers.get('retry-after')).toBe('1');
			expect(first.body).toMatchObject({ success: false, error: 'Service Unavailable' });
			expect((await call(emulator, 'GET', '/projects', { query: { workspace_id: 101 } })).status).toBe(200);
			expect(fault.hits).toBe(1);
			expect(emulator.requests.map((r) => r.status)).toEqual([503, 200]);
		});

		test('drop destroys the socket; "after" skips the first matches', async () => {
			emulator.fault({ match: '* /tasks/{taskId}', drop: true, after: 1 });
			const query = { workspace_id: 101, project_id: 201 };
			expect((await call(emulator, 'GET', '/tasks/401', { query })).status).toBe(200);
			await expect(call(emulator, 'GET', '/tasks/401', { query })).rejects.toThrow();
			expect((await call(emulator, 'GET', '/tasks/401', { query })).status).toBe(200);
			expect(emulator.requests.map((r) => r.status)).toEqual([200, 'dropped', 200]);
		});

		test('request log records method, path, parsed query and JSON / form bodies', async () => {
			await call(emulator, 'GET', '/members', { query: { workspace_id: 101, per_page: 5 } });
			const form = await fetch(`${emulator.baseUrl}/webhooks`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${emulator.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
				body: 'workspace_id=101&url=https%3A%2F%2Fexample.com%2Fhook&events%5B%5D=tracker.started&events%5B%5D=project.created',
			});
			expect(form.status).toBe(200);
			const [list, create] = emulator.requests;
			expect(list).toMatchObject({ method: 'GET', path: '/members', query: { workspace_id: '101', per_page: '5' }, status: 200 });
			expect(create.body).toEqual({ workspace_id: '101', url: 'https://example.com/hook', events: ['tracker.started', 'project.created'] });
			expect(typeof create.at).toBe('number');
			expect(emulator.stats().byStatus[200]).toBeGreaterThan(0);
		});
	});

	describe('OAuth2 and webhooks', () => {
		test('client_credentials (form body and Basic) issues working bearer tokens; refresh rotates', async () => {
			const viaForm = await fetch(`${emulator.origin}/oauth/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: 'grant_type=client_credentials&client_id=test-client&client_secret=test-secret&scope=read%20write',
			});
			const issued = await viaForm.json();
			expect(issued).toMatchObject({ token_type: 'Bearer', expires_in: 15 * 24 * 3600 });
			expect((await call(emulator, 'GET', '/workspaces', { token: issued.access_token })).status).toBe(200);

			const viaBasic = await fetch(`${emulator.origin}/oauth/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from('test-client:test-secret').toString('base64')}` },
				body: `grant_type=refresh_token&refresh_token=${issued.refresh_token}`,
			});
			const refreshed = await viaBasic.json();
			expect((await call(emulator, 'GET', '/workspaces', { token: refreshed.access_token })).status).toBe(200);
			expect((await call(emulator, 'GET', '/workspaces', { token: issued.access_token })).status).toBe(401);

			const badSecret = await fetch(`${emulator.origin}/oauth/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'test-client', client_secret: 'wrong' }),
			});
			expect(badSecret.status).toBe(401);
		});

		test('webhook events are validated; deliver() signs the body with HMAC-SHA256', async () => {
			const rejected = await call(emulator, 'POST', '/webhooks', { body: { workspace_id: 101, url: 'https://example.com/x', events: ['tracker.started', 'invoice.paid'] } });
			expect(rejected.status).toBe(422);
			expect(rejected.body.errors['events.1']).toEqual(['The selected events.1 is invalid.']);

			const received = [];
			const receiver = http.createServer((req, res) => {
				let raw = '';
				req.on('data', (chunk) => (raw += chunk));
				req.on('end', () => {
					received.push({ headers: req.headers, raw });
					res.end('ok');
				});
			});
			await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
			try {
				const url = `http://127.0.0.1:${receiver.address().port}/hook`;
				const created = await call(emulator, 'POST', '/webhooks', { body: { workspace_id: 101, url, events: ['task.updated', ...constants.WEBHOOK_EVENTS.slice(0, 2)] } });
				expect(created.body.data.token).toMatch(/^whsec_/);
				const answer = await deliver(emulator, created.body.data.id, 'tracker.started', { user_id: 5 });
				expect(answer.status).toBe(200);
				const [delivery] = received;
				const expected = crypto.createHmac('sha256', created.body.data.token).update(delivery.raw).digest('hex');
				expect(delivery.headers['x-webwork-signature']).toBe(expected);
				expect(JSON.parse(delivery.raw)).toMatchObject({ event: 'tracker.started', workspace_id: 101, data: { user_id: 5 } });
				await emulator.deliver(created.body.data.id, 'tracker.stopped', {}, { signature: 'token' });
				expect(received[1].headers['x-webwork-token']).toBe(created.body.data.token);
			} finally {
				await new Promise((resolve) => receiver.close(resolve));
			}
		});
	});
});

describe('rate limit', () => {
	let emulator;
	beforeAll(async () => {
		emulator = await startWebWorkEmulator({ rateLimit: { limit: 3, windowMs: 1500 } });
	});
	afterAll(() => emulator.close());

	test('429 with Retry-After once the window is full; refusals do not count; window slides', async () => {
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push(await call(emulator, 'GET', '/workspaces'));
		expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
		expect(statuses.map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
		const refused = statuses[3];
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(2);
		expect(refused.body).toMatchObject({ success: false, error: 'Too Many Requests' });
		expect(Number(refused.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
		// another principal has its own window
		expect((await call(emulator, 'GET', '/workspaces', { token: emulator.tokens.exec })).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 1600));
		expect((await call(emulator, 'GET', '/workspaces')).status).toBe(200);
		expect(emulator.stats().byStatus).toMatchObject({ 200: 5, 429: 1 });
	});

	test('setRateLimit can switch to 503', async () => {
		emulator.setRateLimit({ limit: 1, windowMs: 60000, status: 503 });
		emulator.resetRateLimit();
		expect((await call(emulator, 'GET', '/workspaces')).status).toBe(200);
		const refused = await call(emulator, 'GET', '/workspaces');
		expect(refused.status).toBe(503);
		expect(refused.headers.get('retry-after')).toBe('60');
	});
});

describe('framework faults: non-JSON 2xx, stalled / dripping bodies, redirects, capture server', () => {
	const { createEmulator, startCaptureServer } = require('./framework');
	const ANSWER = { ok: true, items: [1, 2, 3] }; // 27 bytes of JSON
	let emulator;

	const start = () =>
		createEmulator({
			basePath: '/api',
			rateLimit: false,
			routes: [{ method: 'GET', path: '/things', handler: () => ({ body: ANSWER }) }],
		}).listen();

	/**
	 * Plain Node http request, no redirect following. Resolves with status, headers, body, the body chunks and
	 * timings; `abortAfterMs` destroys the request then (resolves with aborted: true); `idleTimeoutMs` is a
	 * socket idle timeout (resolves with idleTimedOut: true if it ever fires).
	 */
	function request(url, { method = 'GET', headers = {}, abortAfterMs, idleTimeoutMs } = {}) {
		return new Promise((resolve, reject) => {
			const started = Date.now();
			const out = { status: null, headers: null, chunks: [], body: '', aborted: false, idleTimedOut: false, headersAfterMs: null };
			let abortTimer = null;
			let settled = false;
			const settle = (error) => {
				if (settled) return;
				settled = true;
				clearTimeout(abortTimer);
				out.body = Buffer.concat(out.chunks).toString('utf8');
				out.elapsedMs = Date.now() - started;
				if (error && !out.aborted && !out.idleTimedOut) reject(error);
				else resolve(out);
			};
			const req = http.request(url, { method, headers, agent: false }, (res) => {
				out.status = res.statusCode;
				out.headers = res.headers;
				out.headersAfterMs = Date.now() - started;
				res.on('data', (chunk) => out.chunks.push(chunk));
				res.on('end', () => settle());
				res.on('error', (error) => settle(error)); // e.g. ECONNRESET 'aborted' when the body is cut short
			});
			if (abortAfterMs !== undefined) {
				abortTimer = setTimeout(() => {
					out.aborted = true;
					req.destroy();
				}, abortAfterMs);
			}
			if (idleTimeoutMs) {
				req.setTimeout(idleTimeoutMs, () => {
					out.idleTimedOut = true;
					req.destroy();
				});
			}
			req.on('error', (error) => settle(error));
			req.on('close', () => settle(out.aborted || out.idleTimedOut ? undefined : Object.assign(new Error('socket closed'), { code: 'ECONNRESET' })));
			req.end();
		});
	}

	beforeAll(async () => {
		emulator = await start();
	});
	afterAll(() => emulator.close());
	beforeEach(() => {
		emulator.clearLog();
		emulator.clearFaults();
	});

	describe('non-JSON 2xx bodies', () => {
		test('rawBody is sent verbatim with its content type on a 200', async () => {
			const html = '<html><body><h1>Down for maintenance</h1>… back soon</body></html>';
			emulator.fault('GET /things', { status: 200, rawBody: html, contentType: 'text/html' });
			const answer = await request(`${emulator.baseUrl}/things`);
			expect(answer.status).toBe(200);
			expect(answer.headers['content-type']).toBe('text/html');
			expect(answer.body).toBe(html);
			expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(html));
			expect(() => JSON.parse(answer.body)).toThrow();
			// one-shot: the next call is the normal JSON answer
			expect(JSON.parse((await request(`${emulator.baseUrl}/things`)).body)).toEqual(ANSWER);
			expect(emulator.requests.map((r) => r.status)).toEqual([200, 200]);
		});

		test('empty rawBody (text/plain) and a rawBody without status (defaults to 200)', async () => {
			emulator.fault('GET /things', { status: 200, rawBody: '', contentType: 'text/plain' });
			const empty = await request(`${emulator.baseUrl}/things`);
			expect(empty).toMatchObject({ status: 200, body: '' });
			expect(empty.headers['content-type']).toBe('text/plain');
			expect(empty.headers['content-length']).toBe('0');

			emulator.fault('GET /things', { rawBody: 'OK', contentType: 'text/plain; charset=utf-8' });
			const text = await request(`${emulator.baseUrl}/things`);
			expect(text).toMatchObject({ status: 200, body: 'OK' });
			expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
		});

		test('a string body with a status still goes out as text/plain; contentType overrides it', async () => {
			emulator.fault('GET /things', { status: 502, body: 'Bad Gateway' });
			const plain = await request(`${emulator.baseUrl}/things`);
			expect(plain).toMatchObject({ status: 502, body: 'Bad Gateway' });
			expect(plain.headers['content-type']).toBe('text/plain; charset=utf-8');

			emulator.fault('GET /things', { status: 200, body: '<p>hi</p>', contentType: 'text/html; charset=utf-8' });
			const html = await request(`${emulator.baseUrl}/things`);
			expect(html).toMatchObject({ status: 200, body: '<p>hi</p>' });
			expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
		});
	});

	describe('stallAfterHeaders', () => {
		test('status + headers arrive, the body never finishes; the client abort ends it', async () => {
			emulator.fault('GET /things', { status: 200, rawBody: '{"data":[1,2,3]}', contentType: 'application/json', stallAfterHeaders: true });
			const answer = await request(`${emulator.baseUrl}/things`, { abortAfterMs: 300 });
			expect(answer.aborted).toBe(true);
			expect(answer.status).toBe(200);
			expect(answer.headers['content-type']).toBe('application/json');
			expect(answer.headers['content-length']).toBe('16'); // the full body is promised...
			expect(answer.body).toBe(''); // ...and none of it arrives
			expect(answer.headersAfterMs).toBeLessThan(250);
			expect(emulator.requests[0]).toMatchObject({ status: 200, delivery: 'stalled' });
			// the emulator keeps answering other requests
			expect((await request(`${emulator.baseUrl}/things`)).status).toBe(200);
		});

		test('on the normal answer, with the first bytes of the body sent', async () => {
			emulator.fault('GET /things', { stallAfterHeaders: { bytes: 5 } });
			const answer = await request(`${emulator.baseUrl}/things`, { abortAfterMs: 300 });
			expect(answer).toMatchObject({ aborted: true, status: 200, body: JSON.stringify(ANSWER).slice(0, 5) });
			expect(answer.headers['content-type']).toBe('application/json');
			expect(Number(answer.headers['content-length'])).toBe(JSON.stringify(ANSWER).length);
		});

		test('firstChunk is sent chunked (no Content-Length) and then nothing', async () => {
			emulator.fault('GET /things', { stallAfterHeaders: { firstChunk: '{"data":[' } });
			const answer = await request(`${emulator.baseUrl}/things`, { abortAfterMs: 300 });
			expect(answer).toMatchObject({ aborted: true, status: 200, body: '{"data":[' });
			expect(answer.headers['content-length']).toBeUndefined();
			expect(answer.headers['transfer-encoding']).toBe('chunked');
		});

		test('emulator.close() terminates a stalled socket', async () => {
			const own = await start();
			own.fault('GET /things', { stallAfterHeaders: true, times: Infinity });
			const pending = request(`${own.baseUrl}/things`).then(
				(answer) => ({ answer }),
				(error) => ({ error }),
			);
			while (own.requests.length === 0 || own.requests[0].status === null) await new Promise((resolve) => setTimeout(resolve, 10));
			const closing = Date.now();
			await own.close();
			const outcome = await pending;
			expect(Date.now() - closing).toBeLessThan(1000);
			expect(outcome.error).toBeDefined(); // the body was cut short
			expect(outcome.error.code).toBe('ECONNRESET');
		});
	});

	describe('dripBody', () => {
		test('the whole body arrives a few bytes per interval: an idle timeout never fires, a deadline would', async () => {
			emulator.fault('GET /things', { dripBody: { intervalMs: 30, chunkBytes: 4 } });
			const size = JSON.stringify(ANSWER).length; // 27 bytes -> 7 chunks, 6 intervals = 180 ms
			const answer = await request(`${emulator.baseUrl}/things`, { idleTimeoutMs: 150 });
			expect(answer.idleTimedOut).toBe(false);
			expect(JSON.parse(answer.body)).toEqual(ANSWER);
			expect(Number(answer.headers['content-length'])).toBe(size);
			expect(answer.chunks.length).toBeGreaterThanOrEqual(3); // really spread over several reads
			expect(answer.elapsedMs).toBeGreaterThanOrEqual(150); // > the idle timeout: only a deadline catches it
			expect(emulator.requests[0]).toMatchObject({ status: 200, delivery: 'dripped' });
		});

		test('drips a fault body too, and a deadline shorter than the drip cuts it off', async () => {
			emulator.fault('GET /things', { status: 200, rawBody: 'abcdefghij', contentType: 'text/plain', dripBody: { intervalMs: 40 } });
			const cut = await request(`${emulator.baseUrl}/things`, { abortAfterMs: 100 });
			expect(cut.aborted).toBe(true);
			expect(cut.status).toBe(200);
			expect(cut.body.length).toBeGreaterThan(0);
			expect(cut.body.length).toBeLessThan(10);
			expect('abcdefghij'.startsWith(cut.body)).toBe(true);
		});
	});

	describe('redirectTo and the capture server', () => {
		let capture;
		beforeAll(async () => {
			capture = await startCaptureServer();
		});
		afterAll(() => capture.close());
		beforeEach(() => capture.clear());

		test.each([301, 302, 307, 308])('%i redirect with Location to another origin, empty body', async (status) => {
			const target = `${capture.origin}/landing?from=${status}`;
			emulator.fault('GET /things', { status, redirectTo: target });
			const answer = await request(`${emulator.baseUrl}/things`, { headers: { Authorization: 'Bearer secret' } });
			expect(answer).toMatchObject({ status, body: '' });
			expect(answer.headers.location).toBe(target);
			expect(answer.headers['content-length']).toBe('0');
			expect(emulator.requests[0]).toMatchObject({ status, headers: { authorization: 'Bearer secret' } });
		});

		test('redirectTo defaults to 302', async () => {
			emulator.fault('GET /things', { redirectTo: '/api/elsewhere' });
			const answer = await request(`${emulator.baseUrl}/things`);
			expect(answer.status).toBe(302);
			expect(answer.headers.location).toBe('/api/elsewhere');
		});

		test('capture server records method, url and headers of every request', async () => {
			expect(capture.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			emulator.fault('GET /things', { status: 307, redirectTo: `${capture.origin}/landing` });
			const first = await request(`${emulator.baseUrl}/things`, { headers: { Authorization: 'Bearer secret' } });
			// a well-behaved client follows to the other origin without the Authorization header...
			const followed = await request(first.headers.location, { headers: { 'X-Trace': 't1' } });
			expect(followed.status).toBe(200);
			expect(JSON.parse(followed.body)).toEqual({ captured: true });
			// ...a leaky one would show up here
			await request(`${capture.origin}/leak`, { method: 'POST', headers: { Authorization: 'Bearer secret' } });
			expect(capture.requests).toHaveLength(2);
			expect(capture.requests[0]).toMatchObject({ method: 'GET', url: '/landing', headers: { 'x-trace': 't1' } });
			expect(capture.requests[0].headers.authorization).toBeUndefined();
			expect(capture.requests[1]).toMatchObject({ method: 'POST', url: '/leak', headers: { authorization: 'Bearer secret' } });
		});
	});
});
