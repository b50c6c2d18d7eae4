/**
 * The pacer's sharing rules on a virtual clock (test/harness/pacerSimulation.js): the built RequestPacer,
 * one per simulated process, against one simulated token of 10 requests per 5 s that reports its usage.
 * Minutes of traffic in milliseconds, with fixed seeds, so the spread of outcomes is tested, not one run.
 */
const { simulateSharedToken } = require('../harness/pacerSimulation');

const LIMIT = 10;
const WINDOW_MS = 5000;
/** What the README tells teams: the credential states the token's limit (10 per 5 s = 120 per minute). */
const CREDENTIAL = { requests: 120, windowMs: 60_000 };
const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);
const run = (processes, seed, credential = CREDENTIAL) => simulateSharedToken({ limit: LIMIT, windowMs: WINDOW_MS, credential, processes, seed });
/**
 * The pacers keep one of the window's 10 slots free (so a process starting later gets in, and two growing into
 * the same room cost one 429, not two): 9 a window at most, 1.11x the bound that assumes all 10.
 */
const SPARE_COST = LIMIT / (LIMIT - 1);
const windowsWithTwo = (result) => result.refusalsPerWindow.filter((count) => count > 1).length;

test('two processes at once: no 429 (one per window at most), 0 failed, span within 1.1x the bound of 9 a window', () => {
	let refusals = 0;
	for (const seed of SEEDS) {
		const result = run([{ items: 120 }, { items: 120, startMs: seed * 7 }], seed);
		expect({ seed, failed: result.failed }).toEqual({ seed, failed: 0 });
		expect(result.worstWindow).toBeLessThanOrEqual(1);
		expect(result.ratio).toBeLessThanOrEqual(1.1 * SPARE_COST);
		refusals += result.refusals;
	}
	// Before the free slot: 1.1 a run.
	expect(refusals).toBeLessThanOrEqual(1);
});

test('two processes on a loaded machine (now and then a message held up to 150 ms): still at most one 429 per window', () => {
	// A slot is reused a window after its answer came back, not after it left: a request that took longer
	// to arrive than the one replacing it would otherwise still be counted (3.8 refusals a run and a window
	// with two, when slots were counted from the send).
	let refusals = 0;
	for (const seed of Array.from({ length: 20 }, (_, i) => i + 1)) {
		const result = simulateSharedToken({
			limit: LIMIT,
			windowMs: WINDOW_MS,
			credential: CREDENTIAL,
			processes: [{ items: 120 }, { items: 120, startMs: seed * 7 }],
			seed,
			stallChance: 0.05,
			stallMs: 150,
		});
		expect({ seed, failed: result.failed }).toEqual({ seed, failed: 0 });
		expect({ seed, worstWindow: result.worstWindow }).toEqual({ seed, worstWindow: Math.min(1, result.worstWindow) });
		expect(result.ratio).toBeLessThanOrEqual(1.2 * SPARE_COST);
		refusals += result.refusals;
	}
	expect(refusals / 20).toBeLessThanOrEqual(0.5);
});

test('a second process a moment later (after the first spent most of the window) still shares it', () => {
	for (const seed of SEEDS) {
		const result = run([{ items: 120 }, { items: 120, startMs: 400 }], seed);
		expect(result.failed).toBe(0);
		expect(result.worstWindow).toBeLessThanOrEqual(1);
		expect(result.ratio).toBeLessThanOrEqual(1.15 * SPARE_COST);
		// Both make progress from the start: neither waits for the other to finish.
		expect(Math.min(...result.endsMs)).toBeGreaterThan(60_000);
	}
});

test('three and four processes: 0 failed, at most one 429 per window', () => {
	// Before the free slot, four drew two in one of the first windows in 5 runs of 10.
	for (const seed of SEEDS) {
		const three = run([0, 1, 2].map((i) => ({ items: 80, startMs: i * 13 })), seed);
		expect(three.failed).toBe(0);
		expect({ seed, worst: three.worstWindow }).toEqual({ seed, worst: Math.min(1, three.worstWindow) });
		expect(three.ratio).toBeLessThanOrEqual(1.15 * SPARE_COST);
		const four = run([0, 1, 2, 3].map((i) => ({ items: 60, startMs: i * 13 })), seed);
		expect(four.failed).toBe(0);
		expect({ seed, worst: four.worstWindow }).toEqual({ seed, worst: Math.min(1, four.worstWindow) });
		expect(four.ratio).toBeLessThanOrEqual(1.15 * SPARE_COST);
	}
});

test('processes starting at random moments: at most one 429 per window after the first', () => {
	// In the first window, each process beyond one that starts while the window is full draws a 429 with
	// its first (blind) request: the free slot takes one of them, nothing client-side can take more.
	for (const fixedWindow of [false, true]) {
		for (const seed of Array.from({ length: 20 }, (_, i) => i + 1)) {
			let state = seed * 7919;
			const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
			const processes = [0, 1, 2, 3].map(() => ({ items: 60, startMs: Math.floor((random() * WINDOW_MS) / 2) }));
			const result = simulateSharedToken({ limit: LIMIT, windowMs: WINDOW_MS, credential: CREDENTIAL, processes, seed, fixedWindow });
			expect(result.failed).toBe(0);
			expect({ fixedWindow, seed, later: Math.max(...result.refusalsPerWindow.slice(1)) }).toEqual({ fixedWindow, seed, later: Math.min(1, Math.max(...result.refusalsPerWindow.slice(1))) });
		}
	}
});

test('a process arriving while another has the token to itself gets in at once (the free slot) and fails nothing', () => {
	// Before: the first process kept the window full and never saw the newcomer, whose tries drew a 429
	// each window (9 a run) until the first one finished.
	for (const seed of SEEDS.slice(0, 3)) {
		const result = run([{ items: 120 }, { items: 40, startMs: 20_000 }], seed);
		expect(result.failed).toBe(0);
		expect(result.refusals).toBe(0);
	}
});

test('alone: no 429 once the window is known; a too generous credential costs one 429 to learn the window', () => {
	const alone = run([{ items: 60 }], 1);
	expect(alone.refusals).toBe(0);
	// 9 a window: the free slot.
	expect(alone.ratio).toBeLessThanOrEqual(1.1 * SPARE_COST);
	const generous = simulateSharedToken({ limit: 5, windowMs: 1000, credential: { requests: 100_000, windowMs: 60_000 }, processes: [{ items: 20 }], seed: 1 });
	expect(generous.refusals).toBe(1);
	expect(generous.failed).toBe(0);
	expect(generous.ratio).toBeLessThanOrEqual(1.1);
});

test('the credential is a ceiling: 60 per minute against a server allowing 10 per 5 s paces at 60 per minute', () => {
	const result = run([{ items: 30 }], 1, { requests: 60, windowMs: 60_000 });
	expect(result.refusals).toBe(0);
	// 10 requests per 10 s: 30 requests take about 20 s.
	expect(result.spanMs).toBeGreaterThan(19_000);
});

test('a stray request from elsewhere does not make a run that fits the window spread out', () => {
	const result = simulateSharedToken({
		limit: 60,
		windowMs: 60_000,
		credential: { requests: 60, windowMs: 60_000 },
		processes: [{ items: 40, startMs: 100 }],
		external: [0],
	});
	expect(result.refusals).toBe(0);
	expect(result.spanMs).toBeLessThan(1000);
});

describe("a fixed window (Laravel's throttle: the count starts with the first request and is dropped a window later)", () => {
	// Before: every process read the emptied window as room of its own (its earlier requests had left the
	// count early), took all of it, and two processes drew up to 7 refusals in one window (12 a run).
	const fixed = (processes, seed, extra = {}) =>
		simulateSharedToken({ limit: LIMIT, windowMs: WINDOW_MS, credential: CREDENTIAL, processes, seed, fixedWindow: true, ...extra });

	test('two processes at once: 0 failed, one 429 per window at most', () => {
		// A process answered once a window sees only the start of each window, which looks the same as
		// having the token to itself: it counts as alone only after its answers covered a whole window.
		let refusals = 0;
		for (const seed of Array.from({ length: 20 }, (_, i) => i + 1)) {
			const result = fixed([{ items: 120 }, { items: 120, startMs: 7 }], seed);
			expect({ seed, failed: result.failed }).toEqual({ seed, failed: 0 });
			expect(result.worstWindow).toBeLessThanOrEqual(1);
			expect(result.ratio).toBeLessThanOrEqual(1.2 * SPARE_COST);
			refusals += result.refusals;
		}
		// Before the free slot: 0.85 a run, and a window with two.
		expect(refusals / 20).toBeLessThanOrEqual(0.5);
	});

	test('on a loaded machine too', () => {
		for (const seed of SEEDS) {
			const result = fixed([{ items: 120 }, { items: 120, startMs: seed * 7 }], seed, { stallChance: 0.05 });
			expect({ seed, failed: result.failed, worst: result.worstWindow }).toEqual({ seed, failed: 0, worst: Math.min(1, result.worstWindow) });
		}
	});

	test('three and four processes: 0 failed, one 429 per window at most (four: two in one window, twice in one run of 10)', () => {
		// The exception: a process answered once a window that has not told the windows are fixed yet (its
		// request of the last window looks still counted, so a window that just started looks like ours).
		let doubled = 0;
		for (const seed of SEEDS) {
			for (const count of [3, 4]) {
				const result = fixed(Array.from({ length: count }, (_, i) => ({ items: 240 / count, startMs: i * 13 })), seed);
				expect(result.failed).toBe(0);
				expect(result.worstWindow).toBeLessThanOrEqual(count === 3 ? 1 : 2);
				doubled += windowsWithTwo(result);
				expect(result.ratio).toBeLessThanOrEqual(1.2 * SPARE_COST);
			}
		}
		expect(doubled).toBeLessThanOrEqual(2);
	});

	test('a server that also says when a full window resets (X-RateLimit-Reset): sharing processes do not start over then', () => {
		// Before: at the reset each pacer forgot its requests and quota and took the whole window; four
		// processes drew two 429s in one window 6 times in these 10 runs.
		let doubled = 0;
		for (const seed of SEEDS) {
			const result = fixed([0, 1, 2, 3].map((i) => ({ items: 60, startMs: i * 13 })), seed, { resetOnEvery: true });
			expect(result.failed).toBe(0);
			doubled += windowsWithTwo(result);
		}
		expect(doubled).toBeLessThanOrEqual(1);
	});

	test('alone: no 429, and a process left alone takes the whole window again (not stuck at its share)', () => {
		expect(fixed([{ items: 60 }], 1).refusals).toBe(0);
		for (const seed of [1, 2, 3, 4, 5]) {
			// WebWork's documented 60 per minute: one process finishes first, the other speeds up.
			const result = simulateSharedToken({
				limit: 60,
				windowMs: 60_000,
				credential: { requests: 60, windowMs: 60_000 },
				processes: [{ items: 300 }, { items: 300, startMs: 7 }],
				seed,
				fixedWindow: true,
			});
			expect(result.refusals).toBe(0);
			expect(result.ratio).toBeLessThanOrEqual(1.3);
		}
	});
});

test('a credential allowing more than the token has: refusals are waited out as the server says, not retried in a storm', () => {
	// 120 per minute stated, 60 per minute real: our window is half the server's. Before: 30 refusals in one window.
	for (const fixedWindow of [false, true]) {
		const result = simulateSharedToken({
			limit: 60,
			windowMs: 60_000,
			credential: { requests: 120, windowMs: 60_000 },
			processes: [{ items: 150 }, { items: 150, startMs: 7 }],
			seed: 1,
			fixedWindow,
		});
		expect(result.failed).toBe(0);
		expect(result.worstWindow).toBeLessThanOrEqual(fixedWindow ? 4 : 16);
	}
});

test('a server that does not report usage: a process alone at the limit draws no 429 (a slot frees a window after its answer)', () => {
	// Before: the slot was reused a window after the request left, and a request that took longer to
	// arrive than the next one made it arrive early: 12.8 refusals in a 10-minute run at 60 per minute.
	for (const fixedWindow of [false, true]) {
		for (const seed of SEEDS.slice(0, 5)) {
			const result = simulateSharedToken({
				limit: 60,
				windowMs: 60_000,
				credential: { requests: 60, windowMs: 60_000 },
				processes: [{ items: 600 }],
				seed,
				fixedWindow,
				reportsUsage: false,
			});
			expect({ fixedWindow, seed, refusals: result.refusals }).toEqual({ fixedWindow, seed, refusals: 0 });
			expect(result.ratio).toBeLessThanOrEqual(1.02);
		}
	}
});

test('a server that counts refused requests too: a refusal holds its slot, so one 429 does not bring on the next', () => {
	// Before: each refusal took a slot nobody knew of, the next request collided, and so on: four
	// processes at 60 per minute drew up to 27 429s in one window in these 10 runs.
	for (const seed of SEEDS) {
		const result = simulateSharedToken({
			limit: 60,
			windowMs: 60_000,
			credential: { requests: 60, windowMs: 60_000 },
			processes: [0, 1, 2, 3].map((i) => ({ items: 360, startMs: i * 13 })),
			seed,
			countsRefusals: true,
		});
		expect(result.failed).toBe(0);
		expect({ seed, worst: result.worstWindow }).toEqual({ seed, worst: Math.min(1, result.worstWindow) });
	}
});
