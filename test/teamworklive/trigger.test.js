/**
 * TeamWork Live Trigger over several polls as n8n drives it: additions and changes are emitted exactly
 * once, deletions not at all; the first activation only remembers; a manual run samples without touching
 * the state; a failed poll leaves the state as it was.
 */
const { createTriggerWorkflow, runPoll } = require('../harness/triggers');
const { TeamWorkLiveTrigger } = require('../../dist/nodes/TeamWorkLive/TeamWorkLiveTrigger.node');
const { startTeamWorkLiveEmulator, teamWorkLiveCredentials, basicAuth } = require('./helpers');

let emulator;
beforeEach(async () => {
	emulator = await startTeamWorkLiveEmulator();
});
afterEach(async () => {
	await emulator.close();
});

const ALL_EVENTS = ['newClientCompany', 'changedClientCompany', 'newProject', 'changedProject', 'newUser', 'changedUser', 'newContact', 'changedContact'];

function teamWorkLiveTrigger(events, options = {}, credentials = {}) {
	return createTriggerWorkflow({
		workflowId: 'wf-teamworklive',
		node: { type: 'teamWorkLiveTrigger', name: 'TeamWork Live Trigger', parameters: { events, options } },
		credentials: teamWorkLiveCredentials(emulator, credentials),
	});
}

const summary = (poll) => poll.items.map((item) => `${item.event}:${item.id}`).sort();

test('the trigger offers new / changed for the account-wide lists and states the request budget', () => {
	const { properties } = new TeamWorkLiveTrigger().description;
	expect(properties.find((p) => p.name === 'events').options.map((o) => o.value).sort()).toEqual([...ALL_EVENTS].sort());
	expect(properties.find((p) => p.name === 'pollingNotice').displayName).toMatch(/one request per watched list.*6,000 requests per hour per user.*every 5 minutes/);
});

for (const durableCursors of [false, true]) {
	test(`additions and changes are emitted exactly once, deletions never (${durableCursors ? 'durable cursors' : 'static data'})`, async () => {
		const tw = teamWorkLiveTrigger(ALL_EVENTS);
		expect((await runPoll(tw, { durableCursors })).response).toBeNull(); // first activation: remember only

		const company = emulator.add('clientCompany', { name: 'Fresh Start Ltd' });
		const project = emulator.list('project')[1];
		emulator.update('project', project.id, { status: 'Active' });
		emulator.remove('contact', emulator.list('contact')[0].id);
		const poll2 = await runPoll(tw, { durableCursors });
		expect(summary(poll2)).toEqual([`changedProject:${project.id}`, `newClientCompany:${company.id}`].sort());
		expect(poll2.items.find((i) => i.event === 'changedProject')).toMatchObject({ status: 'Active', name: 'Office Move' });

		expect((await runPoll(tw, { durableCursors })).response).toBeNull(); // nothing happened: nothing again

		const user = emulator.add('user', { name: 'New Member', email: 'new.member@example.com' });
		emulator.update('clientCompany', company.id, { name: 'Fresh Start Group' });
		emulator.remove('project', project.id);
		const contact = emulator.add('contact', { name: 'Walter Walk-in' });
		const poll4 = await runPoll(tw, { durableCursors });
		expect(summary(poll4)).toEqual([`changedClientCompany:${company.id}`, `newContact:${contact.id}`, `newUser:${user.id}`].sort());

		expect((await runPoll(tw, { durableCursors })).response).toBeNull();
		// one call per watched list and poll, each with the suffix and Basic auth
		expect(emulator.requests.slice(-4).map((r) => r.path).sort()).toEqual(['/clientcompanies.json', '/contacts.json', '/projects.json', '/users.json']);
		expect(emulator.requests.every((r) => r.method === 'GET' && r.headers.authorization === basicAuth(emulator.email, emulator.apiKey))).toBe(true);
		expect(emulator.requests).toHaveLength(5 * 4);
	});
}

for (const durableCursors of [false, true]) {
	test(`a restart of n8n keeps what was emitted: nothing again, later changes once (${durableCursors ? 'durable cursors' : 'static data'})`, async () => {
		const tw = teamWorkLiveTrigger(['newClientCompany', 'changedClientCompany']);
		await runPoll(tw, { durableCursors, activationPoll: true }); // as n8n activates (and then saves)
		// n8n commits nothing from the activation poll with durable cursors: the first scheduled poll primes.
		if (durableCursors) await runPoll(tw, { durableCursors });
		const first = emulator.add('clientCompany', { name: 'Before Restart One' });
		expect(summary(await runPoll(tw, { durableCursors }))).toEqual([`newClientCompany:${first.id}`]);
		emulator.update('clientCompany', first.id, { name: 'Before Restart Renamed' });
		expect(summary(await runPoll(tw, { durableCursors }))).toEqual([`changedClientCompany:${first.id}`]);

		// What a restart keeps: the workflow's static data and the poller_state rows.
		const restarted = createTriggerWorkflow({
			workflowId: tw.id,
			staticData: tw.staticData,
			cursors: tw.cursors,
			node: { type: 'teamWorkLiveTrigger', name: 'TeamWork Live Trigger', parameters: { events: ['newClientCompany', 'changedClientCompany'], options: {} } },
			credentials: teamWorkLiveCredentials(emulator, {}),
		});
		const later = emulator.add('clientCompany', { name: 'While Down' });
		const after = await runPoll(restarted, { durableCursors, activationPoll: !durableCursors });
		expect(summary(after)).toEqual([`newClientCompany:${later.id}`]);
	});
}

test('only the lists behind the chosen events are read; only the chosen kind of difference is emitted', async () => {
	const tw = teamWorkLiveTrigger(['newProject']);
	await runPoll(tw);
	expect(emulator.requests.map((r) => r.path)).toEqual(['/projects.json']);
	const added = emulator.add('project', { name: 'Brand New' });
	emulator.update('project', emulator.list('project')[0].id, { status: 'Critical' });
	expect(summary(await runPoll(tw))).toEqual([`newProject:${added.id}`]);
});

test('Emit Existing emits every record on the first poll, then only differences', async () => {
	const tw = teamWorkLiveTrigger(['newClientCompany'], { emitExisting: true });
	const first = await runPoll(tw);
	expect(summary(first)).toEqual(emulator.list('clientCompany').map((c) => `newClientCompany:${c.id}`).sort());
	expect((await runPoll(tw)).response).toBeNull();
});

test('manual "Fetch Test Event" returns one sample and leaves the state alone', async () => {
	const tw = teamWorkLiveTrigger(['newClientCompany']);
	await runPoll(tw);
	const stateBefore = JSON.stringify(tw.staticData);
	const company = emulator.add('clientCompany', { name: 'Sampled Co' });
	const manual = await runPoll(tw, { mode: 'manual' });
	expect(manual.items).toEqual([expect.objectContaining({ event: 'newClientCompany', id: company.id })]);
	expect(JSON.stringify(tw.staticData)).toBe(stateBefore);
	expect(summary(await runPoll(tw))).toEqual([`newClientCompany:${company.id}`]);
});

test('a 5xx during a poll throws and leaves the state unchanged; the next poll emits what is new', async () => {
	const tw = teamWorkLiveTrigger(['newClientCompany', 'newProject']);
	await runPoll(tw);
	const stateBefore = JSON.stringify(tw.staticData);
	const company = emulator.add('clientCompany', { name: 'Late Co' });
	const project = emulator.add('project', { name: 'Late Project' });
	emulator.outage({ match: 'GET /projects.json', times: Infinity });
	await expect(runPoll(tw)).rejects.toThrow(/Service Unavailable/);
	expect(JSON.stringify(tw.staticData)).toBe(stateBefore);
	emulator.clearFaults();
	expect(summary(await runPoll(tw))).toEqual([`newClientCompany:${company.id}`, `newProject:${project.id}`].sort());
});

test('a poll over the limit waits for Retry-After instead of failing', async () => {
	const tw = teamWorkLiveTrigger(['newContact']);
	await runPoll(tw);
	emulator.throttle({ match: 'GET /contacts.json', times: 1, retryAfter: 0 });
	const contact = emulator.add('contact', { name: 'Patient Contact' });
	expect(summary(await runPoll(tw))).toEqual([`newContact:${contact.id}`]);
});

test('a 2xx that is not a list (an HTML page, an object) throws and does not move the state', async () => {
	const tw = teamWorkLiveTrigger(['newUser']);
	await runPoll(tw);
	const stateBefore = JSON.stringify(tw.staticData);
	emulator.fault({ match: 'GET /users.json', status: 200, rawBody: '{"status": "ok", "count": 3}', contentType: 'application/json' });
	const user = emulator.add('user', { name: 'Hidden', email: 'hidden@example.com' });
	await expect(runPoll(tw)).rejects.toThrow(/not a list/);
	expect(JSON.stringify(tw.staticData)).toBe(stateBefore);
	expect(summary(await runPoll(tw))).toEqual([`newUser:${user.id}`]);
});

test('a 401 throws with the credential explained', async () => {
	const tw = teamWorkLiveTrigger(['newProject']);
	emulator.changePassword();
	await expect(runPoll(tw)).rejects.toMatchObject({ httpCode: '401', description: expect.stringMatching(/API key changes/) });
});

test("the credential's Route Overrides apply to the trigger's list calls", async () => {
	const tw = teamWorkLiveTrigger(['newClientCompany'], {}, { routeOverrides: 'clientCompany.getAll = GET /contacts' });
	await runPoll(tw);
	expect(emulator.requests.map((r) => r.path)).toEqual(['/contacts.json']);
});

test('state stays bounded: at most 10,000 records tracked, a compact fingerprint each', async () => {
	for (let i = 0; i < 10_050; i++) emulator.add('contact', { name: `Bulk contact ${i}` });
	const tw = teamWorkLiveTrigger(['newContact', 'changedContact']);
	await runPoll(tw);
	const target = emulator.list('contact')[5000];
	emulator.update('contact', target.id, { phone: '+1 555 0199' });
	expect(summary(await runPoll(tw))).toEqual([`changedContact:${target.id}`]);
	// n8n saved the state with that execution: one compact fingerprint per tracked record, nothing more
	const [nodeState] = Object.values(tw.staticData).filter((value) => value && value.snapshots);
	expect(Object.keys(nodeState.snapshots.contact.fingerprints)).toHaveLength(10_000);
	expect(Buffer.byteLength(JSON.stringify(tw.staticData)) / 10_000).toBeLessThan(30);
});
