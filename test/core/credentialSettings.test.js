/**
 * The credential is read and decrypted once per node run, not once per item: its own settings (base URL,
 * rate, route overrides) and the data n8n's `authenticate` applies to every request (each request still
 * carries the credential's Authorization header); the next execution reads it afresh (a changed
 * credential takes effect).
 */
const { runWorkflow, CredentialsHelper } = require('../harness');
const { startWebWorkEmulator, byId } = require('../webwork/helpers');

let emulator;
let reads;
const realGetDecrypted = CredentialsHelper.prototype.getDecrypted;

beforeAll(async () => {
	emulator = await startWebWorkEmulator({ rateLimit: { limit: 100000 } });
	CredentialsHelper.prototype.getDecrypted = async function (...args) {
		reads++;
		return await realGetDecrypted.apply(this, args);
	};
});
afterAll(async () => {
	CredentialsHelper.prototype.getDecrypted = realGetDecrypted;
	await emulator.close();
});

const run = (baseUrl, items) =>
	runWorkflow({
		node: {
			type: 'webWork',
			parameters: { authentication: 'accessToken', resource: 'workspaces', operation: 'getAll', returnAll: false, limit: 1 },
		},
		input: Array.from({ length: items }, (_, i) => ({ i })),
		credentials: { webWorkApi: { accessToken: emulator.token, baseUrl, requestsPerMinute: 100000 } },
	});

test('20 items: the credential is read once; every request is authenticated by n8n', async () => {
	reads = 0;
	const before = emulator.requests.length;
	const result = await run(emulator.baseUrl, 20);
	expect(result.status).toBe('success');
	expect(result.items).toHaveLength(20);
	expect(reads).toBe(1);
	const sent = emulator.requests.slice(before);
	expect(sent).toHaveLength(20);
	for (const request of sent) expect(request.headers.authorization).toBe(`Bearer ${emulator.token}`);
});

test('the next execution reads the credential again: a changed base URL takes effect', async () => {
	const good = await run(emulator.baseUrl, 1);
	expect(good.status).toBe('success');
	const changed = await run(`${emulator.origin}/nowhere`, 1);
	expect(changed.status).toBe('error');
	expect(emulator.requests.some((r) => r.path.startsWith('/nowhere') || r.url?.startsWith('/nowhere'))).toBe(true);
});
