/**
 * How one matrix cell runs (see cells.js): the fault's expected outcome for the call, the workflow
 * through n8n (test/harness), and the assertions every cell makes. Throws (jest expect) on a failure.
 */
const crypto = require('crypto');
const { runWorkflow } = require('../harness');
const { createTriggerWorkflow, runPoll, activateWebhooks, startWebhookReceiver, loadWorkflow } = require('../harness/triggers');
const { MAINTENANCE_PAGE, BAD_GATEWAY_PAGE, rl, WS } = require('./cells');

/** Methods the transport repeats without a key (RFC 9110 idempotent methods). */
const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE']);
const NON_IDEMPOTENT_WRITES = new Set(['POST', 'PATCH']);
const STORM_RETRY_AFTER_S = 1;
const STORM_LENGTH = 2;
/** Node Options → Timeout (Seconds) in every action cell. */
const ACTION_TIMEOUT_S = 1;
/** Attempts of a request the transport repeats (1 + 3 retries, RETRY_POLICY.serverErrorRetries). */
const REPEATED_ATTEMPTS = 4;
const OVERSIZED_RECORDS = 5000;
/** Records added behind a trigger's back for its oversized cell (paged: > 2 pages of 100; unpaged: one big list). */
const OVERSIZED_PAGED = 250;
const OVERSIZED_UNPAGED = 3000;

const methodOf = (match) => match.split(' ')[0];

/** Waits until the emulator has finished every request it received (late answers after a client timeout). */
async function settle(emu, maxMs = 5000) {
	const until = Date.now() + maxMs;
	while (emu.requests.some((entry) => entry.status === null) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

async function withEmulator(provider, run) {
	const emu = await provider.start();
	try {
		return await run(emu);
	} finally {
		await emu.close();
	}
}

function brokenBody(provider, faultId, isList) {
	switch (faultId) {
		case 'html2xx':
			return { status: 200, rawBody: MAINTENANCE_PAGE, contentType: 'text/html; charset=utf-8' };
		case 'empty2xx':
			return { status: 200, rawBody: '', contentType: 'application/json' };
		case 'malformedJson':
			return { status: 200, rawBody: '{"success": true, "data": [{"id": 1, "name": "cut', contentType: 'application/json' };
		case 'wrongTypes':
			return { status: 200, rawBody: JSON.stringify(isList ? provider.wrongTypes.list : provider.wrongTypes.item), contentType: 'application/json' };
		default:
			throw new Error(`not a broken body: ${faultId}`);
	}
}

const BROKEN_BODY_ERROR = /answered \w+ \S+ with HTTP 200, but|not a list|empty body instead of the record/;

function statusFault(faultId) {
	const status = { http500: 500, http502: 502, http503: 503 }[faultId];
	return faultId === 'http502' ? { status, rawBody: BAD_GATEWAY_PAGE, contentType: 'text/html' } : { status };
}

// ---------------------------------------------------------------------------------------------
// Action cells: 3 items, the fault on item 1.
// ---------------------------------------------------------------------------------------------

/** The call and inputs of an action cell (a fault may use another call of the same kind, see cells.js). */
function actionTarget(cell) {
	const base = cell.provider.targets[cell.kind];
	const variant = base[cell.fault.id];
	if (!variant || !variant.match) return base;
	return {
		...base,
		match: variant.match,
		parameters: variant.parameters,
		setup: (emu) => ({ inputs: typeof variant.inputsFrom === 'function' ? variant.inputsFrom(emu) : variant.inputs }),
		mayBeEmpty: variant.mayBeEmpty,
		effect: undefined,
	};
}

/**
 * What the fault must lead to for this call. inject(emu) sets the fault up; item1 changes item 1's input;
 * attempts = requests item 1 sends; outcome 'ok' | 'error'; failing = items that must end in an error.
 */
function actionPlan(cell, target) {
	const { provider, kind, fault } = cell;
	const method = methodOf(target.match);
	const keyed = provider.idempotencyKeys && method !== 'GET';
	const repeatable = IDEMPOTENT.has(method) || keyed;
	const onItem1 = (spec, times = 1) => (emu) => emu.fault({ match: target.match, after: 1, times, ...spec });
	const ok = (attempts, extra = {}) => ({ outcome: 'ok', failing: [], attempts, ...extra });
	const error = (attempts, expected, extra = {}) => ({ outcome: 'error', failing: [1], attempts, error: expected, ...extra });
	const mayHaveLanded = /may have been processed/;
	switch (fault.id) {
		case 'http500':
		case 'http502':
		case 'http503': {
			const spec = statusFault(fault.id);
			const lost = keyed && provider.processedThenLost?.[fault.id];
			// Worksible: the write is done, then the answer is lost; the retry with the same key is replayed.
			if (lost) return ok(2, { inject: (emu) => emu.storeThenFail(target.match, { ...lost, after: 1 }), replayed: true });
			if (repeatable) return ok(2, { inject: onItem1(spec) });
			return error(1, { httpCode: String(spec.status) }, { inject: onItem1(spec) });
		}
		case 'storm429':
		case 'storm503': {
			const status = fault.id === 'storm429' ? 429 : 503;
			const inject = onItem1({ status, retryAfter: STORM_RETRY_AFTER_S }, STORM_LENGTH);
			const throttle = status === 429 || provider.retryAfter503IsThrottle;
			if (throttle || repeatable) return ok(STORM_LENGTH + 1, { inject, minGapMs: STORM_RETRY_AFTER_S * 1000 - 50, throttled: throttle ? status : null });
			// A 503 that is not a throttle is an outage: the write is not repeated, so the storm's first answer decides.
			return error(1, { httpCode: '503' }, { inject: onItem1({ status, retryAfter: STORM_RETRY_AFTER_S }) });
		}
		case 'timeout': {
			const inject = onItem1({ delayMs: ACTION_TIMEOUT_S * 1000 + 1500 });
			if (repeatable) return ok(2, { inject });
			return error(1, { message: /did not answer .*ETIMEDOUT/, description: mayHaveLanded }, { inject });
		}
		case 'reset': {
			const lost = keyed && provider.processedThenLost?.reset;
			if (lost) return ok(2, { inject: (emu) => emu.storeThenFail(target.match, { ...lost, after: 1 }), replayed: true });
			const inject = onItem1({ drop: true });
			if (repeatable) return ok(2, { inject });
			return error(1, { message: /did not answer .*ECONNRESET/, description: mayHaveLanded }, { inject });
		}
		case 'stalled': {
			const inject = onItem1({ stallAfterHeaders: true });
			// An answer without a body (204) has nothing to hold back: it arrives whole.
			if (target.answersWithoutBody) return ok(1, { inject });
			if (repeatable) return ok(2, { inject });
			return error(1, { message: /did not answer .*ETIMEDOUT/, description: mayHaveLanded }, { inject });
		}
		case 'html2xx':
		case 'empty2xx':
		case 'malformedJson':
		case 'wrongTypes': {
			const inject = (attempts) => onItem1(brokenBody(provider, fault.id, kind === 'list'), attempts);
			// Documented: "a call with no data returns an empty result" (an empty list, a write's confirmation);
			// only a read of one record must have a body (the router refuses it, after the transport: not retried).
			if (fault.id === 'empty2xx' && provider.emptyBodyIsAnswer) {
				if (kind === 'list') return ok(1, { inject: inject(1), emptyList: true });
				if (kind === 'get') return error(1, { message: /empty body instead of the record/ }, { inject: inject(1) });
				// (the fault answered in the API's place, so nothing was written: the confirmation is all there is)
				return ok(1, { inject: inject(1), item1Effect: 0 });
			}
			// A list answer whose records are not a list is refused after the transport (not a transient answer).
			if (fault.id === 'wrongTypes' && kind === 'list') return error(1, { message: /not a list/ }, { inject: inject(1) });
			const attempts = repeatable ? REPEATED_ATTEMPTS : 1;
			return error(attempts, { message: BROKEN_BODY_ERROR, httpCode: '200' }, { inject: inject(attempts) });
		}
		case 'oversizedPage': {
			const records = Array.from({ length: OVERSIZED_RECORDS }, (_, n) => target.record(n + 1));
			return ok(1, { inject: onItem1({ status: 200, rawBody: provider.oversizedPage(records), contentType: 'application/json' }), item1Count: OVERSIZED_RECORDS });
		}
		case 'badCredential':
			return { outcome: 'error', failing: [0, 1, 2], attempts: 1, badCredential: true, error: { httpCode: '401', text: provider.authError } };
		case 'unknownId':
			return error(1, { httpCode: '404' }, { item1: target.unknownId });
		case 'malformedDate':
		case 'emptyRequired': {
			const spec = cell.provider.targets[kind][fault.id];
			return error(0, { field: spec.field, message: new RegExp(`"${spec.field}"`) }, { item1: spec.input, validation: true });
		}
		default:
			throw new Error(`no plan for ${fault.id}`);
	}
}

async function runAction(provider, emu, target, inputs, { continueOnFail, bad }) {
	return await runWorkflow({
		node: {
			type: provider.node.type,
			name: provider.node.name,
			parameters: { ...provider.node.base, ...target.parameters, options: { timeout: ACTION_TIMEOUT_S } },
			...(continueOnFail ? { continueOnFail: true, onError: 'continueRegularOutput' } : {}),
		},
		input: inputs,
		credentials: provider.credentials(emu, { bad }),
	});
}

function prepareInputs(emu, target, plan, tag) {
	const { inputs } = target.setup(emu, tag);
	if (inputs.length !== 3) throw new Error(`setup must give 3 inputs, got ${inputs.length}`);
	if (plan.item1) inputs[1] = { ...inputs[1], ...plan.item1 };
	return inputs;
}

/** Attempts per item, in the order items run (each item's requests come before the next item's). */
function expectedAttempts(plan, upTo = 2) {
	const counts = [];
	for (let item = 0; item <= upTo; item++) counts.push(plan.badCredential ? 1 : item === 1 ? plan.attempts : 1);
	return counts;
}

function checkErrorText(text, description, httpCode, plan, item) {
	expect(text).toContain(`(item ${item})`);
	const expected = plan.error;
	if (expected.message) expect(text).toMatch(expected.message);
	if (expected.description) expect(description).toMatch(expected.description);
	if (expected.httpCode) expect(httpCode).toBe(expected.httpCode);
	if (expected.text) expect(`${text} ${description ?? ''}`).toMatch(expected.text);
	if (expected.field) expect(description).toContain(`"${expected.field}"`);
}

/** POST / PATCH without an idempotency key never reach the API twice (refusals by a throttle aside). */
function checkNoRepeatedWrites(emu, provider) {
	const seen = new Set();
	for (const entry of emu.requests) {
		if (!NON_IDEMPOTENT_WRITES.has(entry.method) || entry.headers['idempotency-key']) continue;
		if (entry.status === 429 || (provider.retryAfter503IsThrottle && entry.status === 503)) continue;
		const key = `${entry.method} ${entry.path} ${entry.rawBody}`;
		expect(seen.has(key) ? `sent twice: ${key}` : 'once').toBe('once');
		seen.add(key);
	}
}

async function runActionCell(cell) {
	const { provider } = cell;
	const target = actionTarget(cell);
	const plan = actionPlan(cell, target);
	const tag = `matrix-${crypto.randomBytes(3).toString('hex')}`;
	const method = methodOf(target.match);

	// Continue On Fail: every item comes out, the faulted one as an error item paired with it.
	await withEmulator(provider, async (emu) => {
		const inputs = prepareInputs(emu, target, plan, tag);
		plan.inject?.(emu);
		const result = await runAction(provider, emu, target, inputs, { continueOnFail: true, bad: plan.badCredential });
		await settle(emu);
		expect(result.status).toBe('success');
		expect(result.pairedItems.every((paired) => paired && [0, 1, 2].includes(paired.item))).toBe(true);
		const byItem = [0, 1, 2].map((item) => result.items.filter((_, index) => result.pairedItems[index].item === item));
		const counts = [];
		for (const item of [0, 1, 2]) {
			const out = byItem[item];
			if (plan.failing.includes(item)) {
				expect(out).toHaveLength(1);
				expect(typeof out[0].error).toBe('string');
				checkErrorText(out[0].error, out[0].description, out[0].httpCode, plan, item);
				continue;
			}
			for (const json of out) expect(json.error).toBeUndefined();
			if (cell.kind !== 'list') expect(out).toHaveLength(1);
			else if (!target.mayBeEmpty && !(item === 1 && plan.emptyList)) expect(out.length).toBeGreaterThan(0);
			counts[item] = out.length;
		}
		if (cell.kind === 'list' && counts[0] !== undefined && counts[2] !== undefined) {
			expect(counts[2]).toBe(counts[0]);
			if (counts[1] !== undefined) expect(counts[1]).toBe(plan.item1Count ?? (plan.emptyList ? 0 : counts[0]));
		}

		// The requests: one per item, item 1's retried (or not sent at all) as the plan says.
		const sent = emu.findRequests(target.match);
		const perItem = expectedAttempts(plan);
		expect(sent.map((entry) => `${entry.method} ${entry.status}`)).toHaveLength(perItem.reduce((a, b) => a + b, 0));
		const item1 = sent.slice(perItem[0], perItem[0] + perItem[1]);
		if (plan.minGapMs) {
			for (let i = 1; i < item1.length; i++) expect(item1[i].at - item1[i - 1].at).toBeGreaterThanOrEqual(plan.minGapMs);
		}
		checkNoRepeatedWrites(emu, provider);
		if (provider.idempotencyKeys && method !== 'GET') {
			const keys = sent.map((entry) => entry.headers['idempotency-key']);
			expect(keys.every(Boolean)).toBe(true);
			expect(new Set(item1.map((entry) => entry.headers['idempotency-key'])).size).toBe(item1.length ? 1 : 0);
			expect(new Set(keys).size).toBe(perItem.filter(Boolean).length); // one key per item, kept across retries
			if (plan.replayed) expect(emu.idempotencyLog.map((entry) => entry.outcome)).toContain('replayed');
		}

		// The writes' effect on the API: applied exactly once for every item that succeeded, never twice.
		if (target.effect) {
			for (const item of [0, 1, 2]) {
				const applied = target.effect(emu, inputs[item]);
				if (item === 1 && plan.item1Effect !== undefined) expect(applied).toBe(plan.item1Effect);
				else if (!plan.failing.includes(item)) expect(applied).toBe(1);
				else if (plan.badCredential) expect(applied).toBe(0);
				// (a delete's effect is "the record is gone": an empty or unknown id names no record)
				else if ((plan.validation || cell.fault.id === 'unknownId') && cell.kind !== 'delete') expect(applied).toBe(0);
				else expect(applied).toBeLessThanOrEqual(1);
			}
		}
	});

	if (plan.outcome !== 'error') return;
	// Continue On Fail off: the execution fails at the faulted item, naming it; later items are not sent.
	await withEmulator(provider, async (emu) => {
		const inputs = prepareInputs(emu, target, plan, tag);
		plan.inject?.(emu);
		const result = await runAction(provider, emu, target, inputs, { continueOnFail: false, bad: plan.badCredential });
		await settle(emu);
		const first = plan.failing[0];
		expect(result.status).toBe('error');
		checkErrorText(result.error.message, result.error.description, result.error.httpCode, plan, first);
		expect(emu.findRequests(target.match)).toHaveLength(expectedAttempts(plan, first).reduce((a, b) => a + b, 0));
		if (plan.validation) expect(result.error.name ?? result.error.constructor.name).toBe('NodeOperationError');
	});
}

// ---------------------------------------------------------------------------------------------
// Poll cells: prime, add A, faulted poll, add B, clean poll, idle poll.
// ---------------------------------------------------------------------------------------------

const workflowId = () => crypto.randomBytes(12).toString('base64').replace(/[^a-zA-Z0-9]/g, '').slice(0, 16).padEnd(16, 'x');

/** Everything a poll may move: the DB's static data and cursors, and the live workflow's static data. */
const pollState = (tw) => JSON.stringify([tw.staticData, tw.cursors, tw.workflow.staticData]);

function pollPlan(cell, trigger) {
	const { provider, fault } = cell;
	const persistent = (spec) => ({ outcome: 'throws', inject: (emu) => emu.fault({ match: trigger.match, times: REPEATED_ATTEMPTS, ...spec }) });
	switch (fault.id) {
		case 'http500':
		case 'http502':
		case 'http503':
			return { ...persistent(statusFault(fault.id)), error: /HTTP 50\d|Bad Gateway|Service Unavailable|Internal Server Error|error occurred/i };
		case 'storm429':
		case 'storm503':
			return {
				outcome: 'recovers',
				inject: (emu) => emu.fault({ match: trigger.match, times: STORM_LENGTH, status: fault.id === 'storm429' ? 429 : 503, retryAfter: STORM_RETRY_AFTER_S }),
			};
		case 'timeout':
			return { ...persistent({ delayMs: 1500 }), error: /ETIMEDOUT/ };
		case 'reset':
			return { ...persistent({ drop: true }), error: /ECONNRESET/ };
		case 'stalled':
			return { ...persistent({ stallAfterHeaders: true }), error: /ETIMEDOUT/ };
		case 'html2xx':
		case 'empty2xx':
		case 'malformedJson':
		case 'wrongTypes':
			// Documented "no data" answer: an empty list. The poll emits nothing and must not forget what it saw.
			if (fault.id === 'empty2xx' && provider.emptyBodyIsAnswer) {
				return { outcome: 'emptyAnswer', inject: (emu) => emu.fault({ match: trigger.match, ...brokenBody(provider, fault.id, true) }) };
			}
			return { ...persistent(brokenBody(provider, fault.id, true)), error: BROKEN_BODY_ERROR };
		case 'oversizedPage':
			return { outcome: 'oversized' };
		case 'badCredential':
			return {
				outcome: 'throws',
				error: /./,
				auth: provider.authError,
				inject: (emu, tw) => Object.assign(tw.credentialsHelper.credentials, provider.credentials(emu, { bad: true })),
				restore: (emu, tw) => Object.assign(tw.credentialsHelper.credentials, provider.credentials(emu)),
			};
		case 'emptyRequired':
			return {
				outcome: 'throws',
				validation: true,
				error: new RegExp(trigger.emptyRequired.field, 'i'),
				inject: (emu, tw) => setParameters(tw, { ...trigger.parameters, ...trigger.emptyRequired.parameters }),
				restore: (emu, tw) => setParameters(tw, trigger.parameters),
			};
		default:
			throw new Error(`no poll plan for ${fault.id}`);
	}
}

/** The user edits the trigger's parameters (the live workflow keeps its static data). */
function setParameters(tw, parameters) {
	tw.nodeData.parameters = JSON.parse(JSON.stringify(parameters));
	const staticData = tw.workflow.staticData;
	tw.workflow = loadWorkflow(tw);
	tw.workflow.staticData = staticData;
	tw.node = tw.workflow.getNode(tw.nodeData.name);
}

/** The promise rejects with the plan's error; an auth error is a 401 that says what to check. */
async function expectThrown(promise, plan) {
	const error = await promise.then(
		() => undefined,
		(thrown) => thrown,
	);
	expect(error).toBeDefined();
	expect(error.message).toMatch(plan.error);
	if (plan.auth) {
		expect(error.httpCode).toBe('401');
		expect(`${error.message} ${error.description ?? ''}`).toMatch(plan.auth);
	}
	if (plan.validation) expect(error.name).toBe('NodeOperationError');
}

const keysOf = (trigger, poll) => poll.items.map((item) => trigger.keyOf(item)).sort();
const sortedKeys = (trigger, records) => records.map((record) => trigger.keyOf(record)).sort();

async function runPollCell(cell) {
	const { provider } = cell;
	const trigger = provider.poll;
	await withEmulator(provider, async (emu) => {
		const tw = createTriggerWorkflow({
			workflowId: workflowId(),
			node: { type: trigger.type, name: trigger.name, parameters: trigger.parameters },
			credentials: provider.credentials(emu),
		});
		expect((await runPoll(tw)).response).toBeNull(); // activation: remember what is there, emit nothing
		const plan = pollPlan(cell, trigger);
		const a = trigger.add(emu);

		if (plan.outcome === 'oversized') {
			const bulk = trigger.addMany(emu, trigger.allRecords ? OVERSIZED_PAGED : OVERSIZED_UNPAGED);
			if (trigger.allRecords) {
				// The API ignores the page size once: every record in one page (the same records as its real pages).
				const records = await trigger.allRecords(emu);
				expect(records.length).toBeGreaterThan(200);
				emu.fault({ match: trigger.match, status: 200, rawBody: provider.oversizedPage(records), contentType: 'application/json' });
			}
			const big = await runPoll(tw);
			expect(keysOf(trigger, big)).toEqual(sortedKeys(trigger, [a, ...bulk]));
			const b = trigger.add(emu);
			expect(keysOf(trigger, await runPoll(tw))).toEqual(sortedKeys(trigger, [b]));
			expect((await runPoll(tw)).response).toBeNull();
			return;
		}

		const before = pollState(tw);
		const requestsBefore = emu.findRequests(trigger.match).length;
		plan.inject(emu, tw);
		if (plan.outcome === 'throws') {
			await expectThrown(runPoll(tw), plan);
			await settle(emu);
			expect(pollState(tw)).toBe(before); // nothing moved
			expect(tw.executions.filter((e) => e.source === 'poll')).toHaveLength(0);
			if (plan.validation) expect(emu.findRequests(trigger.match)).toHaveLength(requestsBefore); // nothing sent
			plan.restore?.(emu, tw);
			emu.clearFaults();
			const b = trigger.add(emu);
			const clean = await runPoll(tw);
			expect(keysOf(trigger, clean)).toEqual(sortedKeys(trigger, [a, b])); // each new record once
		} else if (plan.outcome === 'emptyAnswer') {
			expect((await runPoll(tw)).response).toBeNull();
			const b = trigger.add(emu);
			expect(keysOf(trigger, await runPoll(tw))).toEqual(sortedKeys(trigger, [a, b])); // nothing seen before comes again
		} else {
			const recovered = await runPoll(tw);
			expect(keysOf(trigger, recovered)).toEqual(sortedKeys(trigger, [a]));
			const b = trigger.add(emu);
			expect(keysOf(trigger, await runPoll(tw))).toEqual(sortedKeys(trigger, [b]));
		}
		expect((await runPoll(tw)).response).toBeNull(); // nothing new: nothing again
	});
}

// ---------------------------------------------------------------------------------------------
// Webhook cells (WebWork Trigger): registration through the API, deliveries to n8n's endpoint.
// ---------------------------------------------------------------------------------------------

const WEBHOOK_PARAMETERS = { authentication: 'accessToken', workspaceId: rl(WS), events: ['tracker.started', 'tracker.stopped'], options: { verification: 'hmacSha256' } };

function sign(token, payload) {
	return crypto.createHmac('sha256', token).update(payload).digest('hex');
}

/** POSTs raw bytes to the trigger's URL, signed with the webhook's token (or a wrong one). */
async function postDelivery(receiver, hook, rawBody, { contentType = 'application/json', signature } = {}) {
	const response = await fetch(receiver.url, {
		method: 'POST',
		headers: { 'content-type': contentType, 'x-webwork-signature': signature ?? sign(hook.token, rawBody) },
		body: rawBody,
	});
	return response.status;
}

/** The broken delivery each fault sends (after a clean registration), or undefined. */
function brokenDelivery(faultId) {
	switch (faultId) {
		case 'html2xx':
			return { rawBody: MAINTENANCE_PAGE, contentType: 'text/html' };
		case 'empty2xx':
			return { rawBody: '' };
		case 'malformedJson':
			return { rawBody: '{"event": "tracker.started", "data": {"user_id": 5' };
		case 'wrongTypes':
			return { rawBody: '[1, "tracker.started"]' };
		case 'badCredential':
			return { rawBody: JSON.stringify({ event: 'tracker.started', workspace_id: WS, data: { user_id: 5 } }), signature: 'f'.repeat(64) };
		default:
			return undefined;
	}
}

function webhookPlan(cell) {
	const { fault } = cell;
	const onCreate = (spec, times = 1) => (emu) => emu.fault({ match: 'POST /webhooks', times, ...spec });
	switch (fault.id) {
		case 'http500':
		case 'http502':
		case 'http503':
			return { outcome: 'throws', inject: onCreate(statusFault(fault.id)), error: /HTTP 50\d|Bad Gateway|Service Unavailable|Internal Server Error/i };
		case 'storm429':
			return { outcome: 'ok', inject: onCreate({ status: 429, retryAfter: STORM_RETRY_AFTER_S }, STORM_LENGTH), posts: STORM_LENGTH + 1 };
		case 'storm503':
			// WebWork's 503 is an outage, not a throttle: the POST is not repeated.
			return { outcome: 'throws', inject: onCreate({ status: 503, retryAfter: STORM_RETRY_AFTER_S }, STORM_LENGTH), error: /503|Service Unavailable/ };
		case 'timeout':
			return { outcome: 'throws', inject: onCreate({ delayMs: 1500 }), error: /ETIMEDOUT/ };
		case 'reset':
			return { outcome: 'throws', inject: onCreate({ drop: true }), error: /ECONNRESET/ };
		case 'stalled':
			return { outcome: 'throws', inject: onCreate({ stallAfterHeaders: true }), error: /ETIMEDOUT/ };
		case 'html2xx':
		case 'empty2xx':
		case 'malformedJson':
		case 'wrongTypes':
			return { outcome: 'throws', inject: onCreate(brokenBody(cell.provider, fault.id, false)), error: BROKEN_BODY_ERROR };
		case 'oversizedPage':
			return { outcome: 'ok', batch: 1000 };
		case 'badCredential':
			return {
				outcome: 'throws',
				error: /./,
				auth: cell.provider.authError,
				inject: (emu, tw) => Object.assign(tw.credentialsHelper.credentials, cell.provider.credentials(emu, { bad: true })),
				restore: (emu, tw) => Object.assign(tw.credentialsHelper.credentials, cell.provider.credentials(emu)),
			};
		case 'emptyRequired':
			return {
				outcome: 'throws',
				validation: true,
				error: /"Workspace" must be a workspace ID/,
				inject: (emu, tw) => setParameters(tw, { ...WEBHOOK_PARAMETERS, workspaceId: rl('') }),
				restore: (emu, tw) => setParameters(tw, WEBHOOK_PARAMETERS),
			};
		default:
			throw new Error(`no webhook plan for ${fault.id}`);
	}
}

async function runWebhookCell(cell) {
	const { provider } = cell;
	const plan = webhookPlan(cell);
	await withEmulator(provider, async (emu) => {
		emu.state.webhooks.length = 0;
		const tw = createTriggerWorkflow({
			workflowId: workflowId(),
			node: { type: 'webWorkTrigger', name: 'WebWork Trigger', parameters: WEBHOOK_PARAMETERS },
			credentials: provider.credentials(emu),
		});
		const receiver = await startWebhookReceiver(tw);
		try {
			const ours = () => emu.state.webhooks.filter((hook) => hook.url === receiver.url);
			const posts = () => emu.findRequests('POST /webhooks');

			// Registration (checkExists → create). A failed activation registers nothing twice.
			plan.inject?.(emu, tw);
			if (plan.outcome === 'throws') {
				await expectThrown(activateWebhooks(tw), plan);
				await settle(emu);
				expect(posts()).toHaveLength(plan.validation || plan.restore ? 0 : 1);
				plan.restore?.(emu, tw);
				emu.clearFaults();
				await activateWebhooks(tw); // published again once the fault is gone
				await settle(emu);
				expect(posts().length).toBeLessThanOrEqual(2);
			} else {
				await activateWebhooks(tw);
				if (plan.posts) {
					expect(posts()).toHaveLength(plan.posts);
					const attempts = posts();
					for (let i = 1; i < attempts.length; i++) expect(attempts[i].at - attempts[i - 1].at).toBeGreaterThanOrEqual(STORM_RETRY_AFTER_S * 1000 - 50);
				}
			}
			expect(ours()).toHaveLength(1); // exactly one remote registration
			const [hook] = ours();

			// A broken delivery is refused and starts nothing.
			const broken = brokenDelivery(cell.fault.id);
			if (broken) {
				const status = await postDelivery(receiver, hook, broken.rawBody, broken);
				expect(status).toBeGreaterThanOrEqual(400);
				expect(status).toBeLessThan(500);
				expect(receiver.executions).toHaveLength(0);
			}

			// Deliveries afterwards: N events in, N items out, one execution per delivery, each exactly once.
			if (plan.batch) {
				const events = Array.from({ length: plan.batch }, (_, i) => ({ event: 'tracker.started', workspace_id: WS, data: { user_id: i } }));
				expect(await postDelivery(receiver, hook, JSON.stringify(events))).toBe(200);
				expect(receiver.executions).toHaveLength(1);
				expect(receiver.executions[0][0].map((item) => item.json.data.user_id)).toEqual(events.map((e) => e.data.user_id));
				return;
			}
			for (const userId of [0, 1, 2]) {
				const answer = await emu.deliver(hook.id, userId === 1 ? 'tracker.stopped' : 'tracker.started', { user_id: userId });
				expect(answer.status).toBe(200);
			}
			await receiver.idle();
			expect(receiver.executions).toHaveLength(3);
			expect(receiver.executions.map((execution) => execution[0].map((item) => item.json.data.user_id))).toEqual([[0], [1], [2]]);
		} finally {
			await receiver.close();
		}
	});
}

async function runCell(cell) {
	if (cell.kind === 'poll') return await runPollCell(cell);
	if (cell.kind === 'webhook') return await runWebhookCell(cell);
	return await runActionCell(cell);
}

module.exports = { runCell, actionPlan, actionTarget };
