/**
 * Several independent pacers (the built RequestPacer, one per simulated process) against one simulated
 * token, on a virtual clock: milliseconds of CPU for minutes of traffic. The server is the emulators'
 * sliding window (refusals not counted, Retry-After rounded up to whole seconds, X-RateLimit-Limit /
 * -Remaining on every answer). Each process sends its items one after the other, as a node does, and
 * retries a refused item with the transport's budget.
 */
const { RequestPacer, exhaustedUntil } = require('../../dist/nodes/shared/rateLimit');
const { RETRY_POLICY } = require('../../dist/nodes/shared/transport');

/** A small deterministic PRNG, so a failing run can be replayed from its seed. */
function mulberry32(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * @param {object} options
 * @param {number} options.limit          server: requests per window
 * @param {number} options.windowMs       server: window length
 * @param {Array<{items: number, startMs?: number}>} options.processes
 * @param {{requests: number, windowMs: number}} options.credential   what the credential says
 * @param {number[]} [options.external]  instants of requests from elsewhere on the same token (no pacer)
 * @param {number} [options.seed]
 * @param {number} [options.stallChance]  share of messages held up on a loaded machine (a stalled event loop)
 * @param {number} [options.stallMs]      how long such a message is held up at most
 * @param {boolean} [options.fixedWindow] count as Laravel's throttle does (see serve)
 * @param {boolean} [options.reportsUsage] false: answers carry no X-RateLimit-* headers (429s keep Retry-After)
 * @param {boolean} [options.countsRefusals] refused requests count against the window too (some servers do)
 * @param {boolean} [options.resetOnEvery] answers that leave the window full also carry X-RateLimit-Reset
 *                                         (seconds until a slot frees), which the transport hands to the pacer
 * @returns {{spanMs, lowerBoundMs, ratio, refusals, refusalsPerWindow: number[], worstWindow, failed, endsMs}}
 */
function simulateSharedToken({ limit, windowMs, processes, credential, external = [], seed = 1, stallChance = 0, stallMs = 150, fixedWindow = false, reportsUsage = true, countsRefusals = false, resetOnEvery = false, trace }) {
	const random = mulberry32(seed);
	// Each way, ms; on a loaded machine now and then a message waits for a stalled event loop.
	const latency = () => 0.5 + random() * 1.5 + (random() < stallChance ? random() * stallMs : 0);
	const timerLateness = () => random() * 2; // setTimeout fires a little late
	const events = [];
	let now = 0;
	const schedule = (at, run) => events.push({ at, run, order: events.length });
	const hits = [];
	const refusedAt = [];

	// Fixed window (Laravel's throttle): the count starts with the first hit and empties a window later.
	let fixedStart = -Infinity;
	const usage = (remaining) => (reportsUsage ? { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(remaining) } : {});
	// Whole seconds until a slot frees, as servers round Retry-After and X-RateLimit-Reset.
	const secondsUntilSlot = (at) => String(Math.max(1, Math.ceil(((fixedWindow ? fixedStart : hits[0]) + windowMs - at) / 1000)));
	function serve(at) {
		if (fixedWindow) {
			if (at >= fixedStart + windowMs) {
				hits.length = 0;
				fixedStart = at;
			}
		} else while (hits.length && hits[0] <= at - windowMs) hits.shift();
		if (hits.length >= limit) {
			const retryAfter = secondsUntilSlot(at);
			refusedAt.push(at);
			if (countsRefusals) hits.push(at);
			return { status: 429, headers: { ...usage(0), 'Retry-After': retryAfter } };
		}
		hits.push(at);
		const headers = usage(limit - hits.length);
		if (resetOnEvery && reportsUsage && hits.length >= limit) {
			headers['X-RateLimit-Reset'] = secondsUntilSlot(at);
		}
		return { status: 200, headers };
	}

	for (const at of external) schedule(at, () => serve(now));
	const results = processes.map(() => ({ ok: 0, failed: 0, endMs: 0 }));
	processes.forEach((process, index) => {
		const pacer = new RequestPacer(credential, random);
		let item = 0;
		let limited = 0;
		let shared = 0;
		const next = () => {
			if (item >= process.items) {
				results[index].endMs = now;
				return;
			}
			const wait = pacer.delayFor(now);
			if (wait > 0) return schedule(now + wait + timerLateness(), next);
			const ticket = pacer.take(now);
			schedule(now + latency(), () => {
				const answer = serve(now);
				trace?.push({ process: index, at: Math.round(now), status: answer.status, remaining: answer.headers['X-RateLimit-Remaining'], quota: pacer.quota, fixed: pacer.fixedWindows, window: Math.floor(now / windowMs) });
				schedule(now + latency(), () => {
					if (answer.status === 200) {
						pacer.answered(ticket, now, answer.headers);
						// As the transport does with a 2xx answer that leaves the window full.
						const resetAt = exhaustedUntil(answer.headers, now);
						if (resetAt) pacer.windowResetsAt(Math.min(resetAt, now + credential.windowMs));
						results[index].ok++;
						item++;
						limited = shared = 0;
					} else {
						const refusal = pacer.refused(ticket, now, Number(answer.headers['Retry-After']) * 1000, answer.headers);
						if (refusal === 'contended' && shared < RETRY_POLICY.sharedRateLimitRetries) shared++;
						else if (limited < RETRY_POLICY.rateLimitRetries) limited++;
						else {
							results[index].failed++;
							item++;
							limited = shared = 0;
						}
					}
					next();
				});
			});
		};
		schedule(process.startMs ?? 0, next);
	});

	while (events.length) {
		let first = 0;
		for (let i = 1; i < events.length; i++) {
			if (events[i].at < events[first].at || (events[i].at === events[first].at && events[i].order < events[first].order)) first = i;
		}
		const [event] = events.splice(first, 1);
		now = event.at;
		event.run();
	}

	const startMs = Math.min(...processes.map((p) => p.startMs ?? 0));
	const total = processes.reduce((sum, p) => sum + p.items, 0);
	const spanMs = Math.max(...results.map((r) => r.endMs)) - startMs;
	// Lower bound: a full window at once, then a full window every windowMs.
	const lowerBoundMs = (Math.ceil(total / limit) - 1) * windowMs;
	const windows = Math.ceil(spanMs / windowMs) || 1;
	const refusalsPerWindow = Array.from({ length: windows }, () => 0);
	for (const at of refusedAt) refusalsPerWindow[Math.min(windows - 1, Math.floor((at - startMs) / windowMs))]++;
	return {
		spanMs,
		lowerBoundMs,
		ratio: spanMs / lowerBoundMs,
		refusals: refusedAt.length,
		refusalsPerWindow,
		worstWindow: Math.max(0, ...refusalsPerWindow),
		failed: results.reduce((sum, r) => sum + r.failed, 0),
		endsMs: results.map((r) => Math.round(r.endMs)),
	};
}

module.exports = { simulateSharedToken };
