/**
 * What makes the Worksible node safe to run unattended: writes retried with the same Idempotency-Key leave one
 * record, deprecations are surfaced, errors name the item and say what is wrong, and a 2xx that is not a
 * Worksible answer fails instead of passing as success.
 */
const { startEmulator, byId, runWorksible, requestsTo, worksibleCredentials, hintsOf } = require('./helpers');

let emulator;
beforeEach(async () => {
	emulator = await startEmulator();
});
afterEach(async () => {
	await emulator.close();
});

const createInvoice = (extra = {}, options) =>
	runWorksible(
		emulator,
		{
			resource: 'invoices',
			operation: 'create',
			additionalFields: { projectId: byId(emulator.list('projects')[0].id), additionalBody: '{"concept": "Retried"}' },
			...extra,
		},
		options,
	);
const retried = () => emulator.list('invoices').filter((i) => i.concept === 'Retried');

for (const [fault, spec] of [
	['a 500 after the server stored the record', { status: 500 }],
	['a connection dropped after the server stored the record', { drop: true }],
]) {
	test(`a create retried after ${fault} leaves exactly one record`, async () => {
		emulator.storeThenFail('POST /invoices', spec);
		const result = await createInvoice();
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([expect.objectContaining({ concept: 'Retried', id: expect.stringMatching(/^inv_/) })]);

		const posts = requestsTo(emulator, 'POST', '/invoices');
		expect(posts).toHaveLength(2);
		const [firstKey, secondKey] = posts.map((r) => r.headers['idempotency-key']);
		expect(firstKey).toEqual(expect.any(String));
		expect(secondKey).toBe(firstKey);
		expect(emulator.idempotencyLog.map((e) => e.outcome)).toEqual(['stored', 'replayed']);
		expect(emulator.createdCount).toBe(1);
		expect(retried()).toHaveLength(1);
		// The replayed answer is the stored one: the output is the record that exists.
		expect(result.items[0].id).toBe(retried()[0].id);
	});
}

test('a 2xx HTML page on a create is retried with the same key and still creates one record', async () => {
	emulator.fault('POST /invoices', { status: 200, rawBody: '<html><body>Be right back</body></html>', contentType: 'text/html' });
	const result = await createInvoice();
	expect(result.items).toHaveLength(1);
	const keys = requestsTo(emulator, 'POST', '/invoices').map((r) => r.headers['idempotency-key']);
	expect(keys).toHaveLength(2);
	expect(keys[1]).toBe(keys[0]);
	expect(retried()).toHaveLength(1);
});

test('a user-given Idempotency Key is sent, and makes a re-run of the workflow replay instead of write', async () => {
	const options = { options: { idempotencyKey: 'order-4711-invoice' } };
	const first = await createInvoice(options);
	const second = await createInvoice(options);
	expect(requestsTo(emulator, 'POST', '/invoices').map((r) => r.headers['idempotency-key'])).toEqual(['order-4711-invoice', 'order-4711-invoice']);
	expect(emulator.idempotencyLog.map((e) => e.outcome)).toEqual(['stored', 'replayed']);
	expect(second.items[0].id).toBe(first.items[0].id);
	expect(retried()).toHaveLength(1);
});

test('a Sunset / Deprecation header becomes a warning hint on the node run, not a failure', async () => {
	emulator.deprecate('GET /payouts', { sunset: 'Wed, 01 Jul 2027 00:00:00 GMT' });
	const result = await runWorksible(emulator, { resource: 'payouts', operation: 'getAll', returnAll: true });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(2);
	const hints = hintsOf(result);
	expect(hints).toHaveLength(1);
	expect(hints[0]).toMatchObject({ type: 'warning' });
	expect(hints[0].message).toMatch(/Worksible marks GET \/payouts as deprecated \(since .+\); it stops working on Wed, 01 Jul 2027 00:00:00 GMT/);
	// Endpoints without the headers add nothing.
	expect(hintsOf(await runWorksible(emulator, { resource: 'companies', operation: 'getMe' }))).toEqual([]);
});

test('401: an invalid key fails naming the item and pointing at the credential', async () => {
	const credentials = worksibleCredentials(emulator, { apiKey: 'wsk_live_revoked_000000' });
	const result = await runWorksible(emulator, { resource: 'companies', operation: 'getMe' }, { credentials });
	expect(result.status).not.toBe('success');
	expect(result.error.httpCode).toBe('401');
	expect(result.error.message).toBe('Invalid or revoked API key. (invalid_api_key) (item 0)');
	expect(result.error.description).toMatch(/Check the credential/);
	expect(emulator.requests).toHaveLength(1); // not retried
});

test('403: a key without the scope fails each item with the scope it lacks', async () => {
	const credentials = worksibleCredentials(emulator, { apiKey: emulator.limitedApiKey });
	const result = await runWorksible(
		emulator,
		{ resource: 'projects', operation: 'getAll', returnAll: true },
		{ credentials, input: [{}, {}], continueOnFail: true },
	);
	expect(result.items).toHaveLength(2);
	result.items.forEach((item, index) => {
		expect(item.httpCode).toBe('403');
		expect(item.error).toMatch(/lacks the scope "projects:read".*required scope: projects:read \(item \d\)$/);
		expect(item.error).toMatch(new RegExp(`\\(item ${index}\\)$`));
	});
	// The same key may read invoices.
	const allowed = await runWorksible(emulator, { resource: 'invoices', operation: 'getAll', returnAll: true }, { credentials });
	expect(allowed.items).toHaveLength(3);

	const stopped = await runWorksible(emulator, { resource: 'invoices', operation: 'create', additionalFields: { projectId: byId(emulator.list('projects')[0].id) } }, { credentials });
	expect(stopped.error.httpCode).toBe('403');
	expect(stopped.error.message).toMatch(/invoices:write.*\(item 0\)$/);
});

test('422: validation errors list the fields; only the failing item fails', async () => {
	const result = await runWorksible(
		emulator,
		{ resource: 'freelancers', operation: 'create', additionalFields: { name: '={{ $json.name }}', email: '={{ $json.email }}' } },
		{ input: [{ name: 'Ok', email: 'ok@example.com' }, { name: 'Broken', email: 'not-an-email' }], continueOnFail: true },
	);
	expect(result.items[0]).toMatchObject({ name: 'Ok', email: 'ok@example.com' });
	expect(result.items[1]).toMatchObject({ httpCode: '422' });
	expect(result.items[1].error).toBe('The request has invalid fields. (validation_failed): email: is not a valid e-mail address (item 1)');
	expect(result.pairedItems).toEqual([{ item: 0 }, { item: 1 }]);
});

test('a 2xx that is not a Worksible answer (HTML page, bare array, error object) fails the item, nothing is output', async () => {
	// Each is retried (GET is safe, the writes carry an Idempotency-Key) a bounded number of times, in parallel here.
	emulator.fault('GET /companies/me', { status: 200, rawBody: '<!doctype html><title>Maintenance</title><p>Back soon</p>', contentType: 'text/html', times: Infinity });
	emulator.fault('POST /organizations', { status: 200, rawBody: '[]', contentType: 'application/json', times: Infinity });
	emulator.fault('DELETE /projects/{id}', {
		status: 200,
		rawBody: JSON.stringify({ error: { type: 'api_error', message: 'upstream failed' } }),
		contentType: 'application/json',
		times: Infinity,
	});
	const [html, array, errorObject] = await Promise.all([
		runWorksible(emulator, { resource: 'companies', operation: 'getMe' }),
		runWorksible(emulator, { resource: 'organizations', operation: 'create', additionalFields: { name: 'X' } }),
		runWorksible(emulator, { resource: 'projects', operation: 'delete', projectId: byId(emulator.list('projects')[0].id) }),
	]);
	for (const result of [html, array, errorObject]) {
		expect(result.status).not.toBe('success');
		expect(result.items).toEqual([]);
		expect(result.error.message).toMatch(/\(item 0\)$/);
	}
	expect(html.error.message).toMatch(/^Worksible answered GET \/companies\/me with HTTP 200, but the body is not JSON \(text\/html\): "Maintenance Back soon"/);
	expect(array.error.message).toMatch(/^Worksible answered POST \/organizations with HTTP 200, but the body is a bare JSON array, not a JSON object/);
	expect(errorObject.error.message).toMatch(/but the body is an error object \("upstream failed"\)/);
	expect(requestsTo(emulator, 'GET', '/companies/me')).toHaveLength(4);
	expect(emulator.list('projects')).toHaveLength(3);
});
