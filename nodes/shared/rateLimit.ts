import { sleep } from 'n8n-workflow';

export interface RateLimit {
	/** Requests allowed per window (the provider's documented limit unless the credential overrides it). */
	requests: number;
	windowMs: number;
}

/** One request as the pacer let it go: when it left, so its slot in the server's window can be tracked. */
export interface PacerTicket {
	sentAt: number;
	/** When its answer (or its failure) came back: the server counted it no later than that. */
	settledAt?: number;
	/**
	 * Refused (429): not in the count the server reports, but it holds its slot for a window anyway, since
	 * some servers count refusals too (where each refusal would otherwise make the next request collide).
	 */
	refused?: boolean;
}

/** A fixed window that ended: our requests in it, and the room it likely left unused. */
interface EndedWindow {
	own: number;
	leftover: number;
	/** Whether the count showed it emptied, or only the time since we saw it start says it ended. */
	seenToEmpty: boolean;
}

/** What a refusal means for the request's retry budget. */
export type Refusal = 'limited' | 'contended';

type Headers = Record<string, unknown>;

/**
 * Slack on reusing one of our own slots: a request must reach the server after the one it replaces has
 * left the server's window, whatever the scatter in how long requests take to get there.
 */
const REUSE_MARGIN_MS = 5;
/** How often to look again while the slot we wait for is still in flight. */
const IN_FLIGHT_POLL_MS = 10;
/** Random extra on each spread-out send, so processes on the same schedule do not stay in lockstep. */
const SPREAD_JITTER_MS = 10;
/** A process starting alone may spend this share of the window at once, then spreads the rest. */
const OPENING_BURST = 0.75;
/** Below this many requests per window, no slot is kept free (it would cost too large a share). */
const MIN_COUNT_FOR_SPARE = 10;

/**
 * Client-side pacing for one credential against one API, at module level on purpose: the provider's
 * limit is per token, across executions.
 *
 * Without usage headers it is a sliding window under the documented limit plus a "blocked until" instant
 * learned from Retry-After / X-RateLimit-Reset (so every process learns the limit alone, one 429 each).
 *
 * When the server reports usage (X-RateLimit-Limit and X-RateLimit-Remaining on every answer), the pacer
 * shares the token with the other processes using it, which it cannot see but can count: `limit − remaining`
 * is everybody's requests in the server's window, our own are known, the difference is the others'.
 *  - The window is the credential's rate stretched to the server's count (60/min and "limit 10": 10 s), or,
 *    when it is not known, learned from the first refusal while alone.
 *  - Each process keeps to its own number of slots in that window (its quota) and reuses a slot only once
 *    the server has let it go: a window after the answer came back, since the server counted the request
 *    at some moment before it answered (counting from when it left draws a 429 whenever the earlier
 *    request took longer to arrive than the later one, as on a loaded machine). So quotas that add up to
 *    the limit never draw a 429, whatever the timing.
 *  - One slot of the server's window stays free (from 10 requests a window up): a process starting while
 *    the others fill the window gets its first request counted, so they see it, instead of a 429 every
 *    window they never see; and two processes growing into the same room cost one 429, not two.
 *  - Alone, a process may use the rest (but starts with three quarters at once and spreads the rest, so a
 *    process starting a moment later still finds room); shared, it spreads its quota over the window. It
 *    counts as alone only after its answers, none more than half a window apart, showed nobody else for a
 *    window: one answered once a window sees only idle moments (the start of a fixed window, the gaps of
 *    others sending as rarely), whoever else uses the token. Until then it spreads even a small quota.
 *  - Quotas grow only by a share of room that stayed free for a whole window (from our last answer before
 *    it on), or of more room than the others' slots between two of their requests explain (one free slot
 *    seen once is usually that), split by how much of the traffic is ours, by at most a tenth of the limit
 *    per answer. A grab that
 *    draws a 429 waits two to eight windows before the next one. A full window or a 429 shrinks the quota
 *    to the slots held. Processes that find company start their spread-out schedule at a random offset,
 *    so they do not keep sending in the same order.
 *  - A stray request or two from elsewhere (up to a twentieth of the limit, not growing) is not company.
 *  - A process holding more than half of a full window gives one slot back per window, so shares even out.
 *  - A process holding no slot when refused waits for Retry-After once, then at least a window per try.
 *  - Fixed windows (Laravel's throttle: the count starts with the first request and is dropped a window
 *    later) show as a count below what a sliding window would still hold. Then a window that just emptied
 *    is no sign of being alone, quotas grow only when a window ends, by a share of what it left unused
 *    (none after the first one seen to end: its start was not known), and a refusal waits for the window
 *    to empty (Retry-After).
 */
export class RequestPacer {
	/** Our requests the server may still count, oldest first. */
	private sent: PacerTicket[] = [];
	/** When our last `count` counted requests left (to learn the window from a refusal). */
	private recent: number[] = [];
	private blockedUntil = 0;
	/** The server's count per window (X-RateLimit-Limit), once it reported usage. */
	private serverLimit?: number;
	private learnedWindowMs?: number;
	/** Our slots in the server's window; undefined: the whole limit. */
	private quota?: number;
	/** Remaining counts the server reported to us over the last window. */
	private views: Array<{ at: number; remaining: number }> = [];
	private othersSeenAt?: number;
	/** Whether the others at our last answer were only a stray request or two. */
	private onlyStrays = false;
	/** The others' requests in the window at our previous answer. */
	private othersBefore = Infinity;
	private firstSendAt?: number;
	private lastSendAt?: number;
	private roundTripMs = 5;
	private grabBlockedUntil = 0;
	private grabBackoffMs = 0;
	private lastSharedRefusalAt = 0;
	private jitterMs?: number;
	private phaseMs = 0;
	private refusalsWithoutSlot = 0;
	/** Refusals since our last counted answer. */
	private refusalsInARow = 0;
	private yieldedAt = 0;
	/** A window the server said resets (empties) at this instant. */
	private resetsAt?: number;
	/** The last remaining count the server reported, and when. */
	private lastRemaining?: number;
	private lastUsageAt?: number;
	/**
	 * Whether the server empties its window at once (a fixed window, as Laravel's throttle keeps: the count
	 * starts with the first request and is dropped a window later), seen from the count falling below our
	 * own requests that a sliding window would still hold.
	 */
	private fixedWindows = false;
	/** When we saw the current fixed window start. */
	private windowOpenedAt?: number;
	/** Our answered requests since then. */
	private windowOwn = 0;
	/**
	 * Since when our answers, none more than half a window apart, showed nobody else. Only such a run a window
	 * long tells we are alone: a process answered once a window, at the start of a fixed window or in the
	 * gaps of others sending less often, finds the token idle whoever else uses it.
	 */
	private aloneSince?: number;
	/** Whether another process (more than a stray request) ever used the token next to us. */
	private hadCompany = false;
	/** When a quota alone in fixed windows last doubled. */
	private doubledAt = 0;

	constructor(
		private limit: RateLimit,
		private random: () => number = Math.random,
	) {}

	setLimit(limit: RateLimit) {
		this.limit = limit;
	}

	/** Whether the server reports its usage, so the pacer can share the token. */
	get tracking(): boolean {
		return this.serverLimit !== undefined;
	}

	/** Requests per window we keep to: the server's count, never more than the credential allows. */
	get count(): number {
		return Math.max(1, Math.min(this.serverLimit ?? this.limit.requests, this.limit.requests));
	}

	/**
	 * Of those, what the processes sharing the token keep to together: one slot stays free, so a process
	 * starting later gets its first request counted (and the others see it) instead of a 429 every window,
	 * and two processes growing into the same room at once cost one 429, not two.
	 */
	get budget(): number {
		return this.tracking && this.count >= MIN_COUNT_FOR_SPARE ? this.count - 1 : this.count;
	}

	/** Of a reported remaining count, the room beyond the slot kept free. */
	private room(remaining: number): number {
		return Math.max(0, remaining - (this.count - this.budget));
	}

	/** The window those requests are counted over. */
	get windowMs(): number {
		if (!this.tracking) return this.limit.windowMs;
		const derived = (this.limit.windowMs * this.count) / this.limit.requests;
		return Math.max(derived, this.learnedWindowMs ?? 0);
	}

	/** Whether other processes used the token within the last window. */
	shared(at: number): boolean {
		return this.othersSeenAt !== undefined && at - this.othersSeenAt < this.windowMs;
	}

	private aloneConfirmed(at: number): boolean {
		if (this.othersSeenAt === undefined && !this.fixedWindows) return this.firstSendAt !== undefined && at - this.firstSendAt > this.windowMs;
		if (this.aloneSince === undefined || this.lastUsageAt === undefined || at - this.lastUsageAt > this.windowMs) return false;
		return this.lastUsageAt - this.aloneSince >= this.windowMs;
	}

	/**
	 * Our requests the server still counted when it answered at about `at`: a request reaches it about half
	 * a round trip after leaving, and the answer comes back half a round trip later.
	 */
	private ownCounted(at: number): number {
		const since = at - Math.max(1000, this.windowMs) - this.roundTripMs - 2;
		return this.sent.filter((ticket) => !ticket.refused && ticket.sentAt > since).length;
	}

	/** Milliseconds to wait before one more request may go (0: now). */
	delayFor(at: number): number {
		if (this.resetsAt !== undefined && at >= this.resetsAt) {
			// The server emptied its window: what we sent before no longer counts.
			const resetsAt = this.resetsAt;
			this.sent = this.sent.filter((ticket) => ticket.sentAt >= resetsAt);
			this.views = [];
			this.quota = undefined;
			this.resetsAt = undefined;
		}
		const windowMs = this.windowMs;
		let wait = this.blockedUntil - at;
		if (!this.tracking) {
			// A slot frees a window after the answer came back, as below: counted from when the request left,
			// one that took longer to arrive than the next one made that one arrive early (a 429 a minute alone).
			this.sent = this.sent.filter((ticket) => countedFrom(ticket, at, windowMs) > at - windowMs - REUSE_MARGIN_MS);
			if (this.sent.length >= this.count) wait = Math.max(wait, this.untilSlotFrees(this.heldSlots(at, windowMs), this.count, at, windowMs));
			return Math.max(0, wait);
		}
		// Kept for at least a second, so a window that turns out longer than we thought is still counted.
		this.sent = this.sent.filter((ticket) => countedFrom(ticket, at, windowMs) > at - Math.max(1000, windowMs) - REUSE_MARGIN_MS);
		const quota = Math.max(1, Math.min(this.quota ?? this.budget, this.budget));
		// Fewer requests kept than either rule below looks at (usual under a generous limit): nothing to sort.
		const held = this.sent.length < Math.min(quota, Math.ceil(this.budget * OPENING_BURST)) ? [] : this.heldSlots(at, windowMs);
		wait = Math.max(wait, this.untilSlotFrees(held, quota, at, windowMs));
		// Sharing with processes that use a real part of the limit: spread our quota over the window. Alone
		// (or next to a stray request), up to three quarters of it may go at once, all of it once alone for a
		// while; a process that had company spreads even a small quota until alone for a window.
		const busyOthers = this.shared(at) && !this.onlyStrays;
		const opened = held.length >= Math.ceil(this.budget * OPENING_BURST);
		const spread = busyOthers || ((opened || this.fixedWindows || this.hadCompany) && !this.aloneConfirmed(at));
		if (spread && this.lastSendAt !== undefined) {
			this.jitterMs ??= this.random() * Math.min(SPREAD_JITTER_MS, windowMs / quota / 10) + this.phaseMs;
			wait = Math.max(wait, this.lastSendAt + (windowMs + REUSE_MARGIN_MS) / quota + this.jitterMs - at);
		}
		return Math.max(0, wait);
	}

	/** From when the server counts each of our requests still in its window, oldest first. */
	private heldSlots(at: number, windowMs: number): number[] {
		return this.sent
			.map((ticket) => countedFrom(ticket, at, windowMs))
			.filter((from) => from > at - windowMs - REUSE_MARGIN_MS)
			.sort((a, b) => a - b);
	}

	/** Milliseconds until one more request keeps us to `slots` in the window: the oldest of our last ones leaves. */
	private untilSlotFrees(held: number[], slots: number, at: number, windowMs: number): number {
		return held.length < slots ? 0 : held[held.length - slots] + windowMs + REUSE_MARGIN_MS - at;
	}

	/** Records a request leaving now. */
	take(at: number): PacerTicket {
		const ticket = { sentAt: at };
		this.sent.push(ticket);
		this.recent.push(at);
		if (this.recent.length > this.count + 1) this.recent.shift();
		this.firstSendAt ??= at;
		this.lastSendAt = at;
		this.jitterMs = undefined;
		this.phaseMs = 0;
		return ticket;
	}

	/** Waits (with n8n's sleep) until one more request fits, then records it. */
	async acquire(now: () => number = Date.now): Promise<PacerTicket> {
		for (;;) {
			const wait = this.delayFor(now());
			if (wait <= 0) break;
			await sleep(wait);
		}
		return this.take(now());
	}

	/** Nothing may be sent before `until` (epoch ms). */
	blockUntil(until: number) {
		this.blockedUntil = Math.max(this.blockedUntil, until);
	}

	/** The server said its window is used up until `until` (X-RateLimit-Reset) and empty from then on. */
	windowResetsAt(until: number) {
		this.blockUntil(until);
		// With usage reported, the count tells what the window holds: forgetting our requests and quota at
		// the reset would have every process sharing the token start over at once (and on a sliding window
		// only the oldest slot frees then).
		if (this.tracking) return;
		this.resetsAt = Math.max(this.resetsAt ?? 0, until);
	}

	/** An answer the server counted (anything but a refusal): learns the token's usage from its headers. */
	answered(ticket: PacerTicket, at: number, headers: Headers) {
		ticket.settledAt = at;
		this.refusalsInARow = 0;
		this.roundTripMs = this.roundTripMs * 0.8 + Math.max(0, at - ticket.sentAt) * 0.2;
		const usage = reportedUsage(headers);
		if (!usage) return;
		this.serverLimit = usage.limit;
		const windowMs = this.windowMs;
		const used = usage.limit - usage.remaining;
		let ended: EndedWindow | undefined;
		if (used < this.surelyCounted(ticket, at)) ended = this.windowEmptied(ticket, at, true);
		else if (this.fixedWindows && this.windowOpenedAt !== undefined && at - this.windowOpenedAt >= windowMs) {
			// A window since we saw the last one start: this one is new, even though its count does not show
			// it (we send once a window). What we sent may still count in it, so our requests are kept.
			ended = this.windowEmptied(ticket, at, false);
		}
		this.windowOwn++;
		this.lastRemaining = usage.remaining;
		const previousAnswerAt = this.lastUsageAt ?? at;
		this.lastUsageAt = at;
		const own = this.ownCounted(at);
		const others = Math.max(0, used - own);
		// Two windows of them: the last one's, and the one before it that tells how it started.
		this.views = this.views.filter((view) => view.at > at - 2 * windowMs);
		this.views.push({ at, remaining: usage.remaining });
		if (this.lastSharedRefusalAt && at - this.lastSharedRefusalAt > 8 * windowMs) this.grabBackoffMs = 0;
		// A stray request or two that did not grow since our last answer (not a process starting next to us).
		const stray = others > 0 && others <= Math.floor(this.count / 20) && others <= this.othersBefore;
		this.othersBefore = others;
		this.onlyStrays = stray;
		// A fixed window that just emptied holds nobody else yet: that is no sign of being alone.
		// Nor is a count below our own requests of the last window (the server forgot some of them early).
		const freshWindow = (this.fixedWindows || used < own) && this.shared(at - windowMs);
		if (others > 0 && !stray) {
			this.aloneSince = undefined;
			this.hadCompany = true;
		} else if (this.aloneSince === undefined || at - previousAnswerAt > windowMs / 2) {
			this.aloneSince = at;
		}
		if ((others === 0 || stray) && !freshWindow) {
			// Nobody else in the window (the others finished, or there are none), or strays: the room is ours.
			const room = Math.min(this.budget, own + this.room(usage.remaining));
			// Fixed windows: a window just started looks the same, so only once alone for a window, and step by
			// step (double, once per window).
			if (!this.fixedWindows) {
				this.quota = room;
				if (others === 0) return;
			} else if (this.aloneConfirmed(at)) {
				if (at - this.doubledAt >= windowMs) {
					this.doubledAt = at;
					this.quota = Math.max(1, Math.min(room, 2 * (this.quota ?? own)));
				}
				if (others === 0) return;
			}
		}
		if (this.fixedWindows) {
			if (others > 0) this.othersSeenAt = at;
			this.shareFixedWindow(usage.remaining, own, ended, at);
			return;
		}
		if (this.othersSeenAt === undefined || at - this.othersSeenAt > 2 * windowMs) {
			// Just found company: start our spread-out schedule at a random point of our spacing, so processes
			// that started together do not keep sending in the same order (each would see the others' gaps).
			this.phaseMs = this.random() * (windowMs / this.count);
		}
		this.othersSeenAt = at;
		if (stray) return;
		if (this.room(usage.remaining) === 0) return this.windowFull(own, used, at);
		if (at < this.grabBlockedUntil) return this.holdQuota(own); // a grab just failed
		// Our share of the room that stayed free for the whole window (or of more room than the others'
		// requests between two of theirs could explain), less the others' requests in flight.
		const ofTraffic = used / Math.max(own, 1);
		// From our last view before the window started: room that showed only lately may be a window starting.
		const first = this.views.findIndex((view) => view.at > at - windowMs);
		const coveringWindow = this.views.slice(Math.max(0, first - 1));
		const free = this.room(Math.max(Math.min(...coveringWindow.map((view) => view.remaining)), usage.remaining - Math.ceil(ofTraffic)));
		const elapsed = Math.max(1, Math.min(windowMs, at - (this.firstSendAt ?? at)));
		const inFlight = Math.min(ofTraffic - 1, (others / elapsed) * this.roundTripMs);
		const extra = free - inFlight > 0 ? (free - inFlight) / ofTraffic : 0;
		const whole = Math.floor(extra);
		// A tenth of the limit per answer at most (one slot, for small limits): the others see the same room
		// and may be growing into it too.
		const grow = whole > 0 ? Math.min(whole, Math.max(1, Math.floor(this.count / 10))) : this.random() < extra ? 1 : 0;
		this.quota = Math.max(1, Math.min(own + grow, this.budget));
	}

	/**
	 * The window is full (`used` requests in it). More than half of it ours: give one slot back (a window
	 * apart), so shares even out and processes that started together also finish together. Else hold.
	 */
	private windowFull(own: number, used: number, at: number) {
		if (2 * own > used + 1 && at - this.yieldedAt > this.windowMs) {
			this.yieldedAt = at;
			this.quota = own - 1;
			this.grabBlockedUntil = Math.max(this.grabBlockedUntil, at + 2 * this.windowMs);
			return;
		}
		this.holdQuota(own);
	}

	/** Keeps the quota to the slots we hold. */
	private holdQuota(own: number) {
		this.quota = Math.max(1, Math.min(this.quota ?? own, own));
	}

	/**
	 * Requests the server must still count at `at` if its window slides: ours that left less than a window
	 * ago (the one just answered and those answered), and the others' that arrived between two of our
	 * answers in that time (at least the count's growth beyond our own requests in between).
	 */
	private surelyCounted(ticket: PacerTicket, at: number): number {
		const since = at - this.windowMs + this.roundTripMs + REUSE_MARGIN_MS;
		const own = this.sent.filter((sent) => sent === ticket || (!sent.refused && sent.settledAt !== undefined && sent.sentAt > since)).length;
		let others = 0;
		const views = this.views;
		// Both lists are in time order: one pass (this runs on every answer).
		let next = 0;
		for (let i = 1; i < views.length; i++) {
			const [from, to] = [views[i - 1].at, views[i].at];
			while (next < this.sent.length && this.sent[next].sentAt < from) next++;
			let ours = 0;
			while (next < this.sent.length && this.sent[next].sentAt < to) {
				if (!this.sent[next].refused) ours++;
				next++;
			}
			if (to <= since) continue;
			const arrived = Math.max(0, views[i - 1].remaining - views[i].remaining - ours);
			// Arrivals between two answers that straddle the window's start: the share after it, as if even.
			others += (arrived * (to - Math.max(from, since))) / Math.max(1, to - from);
		}
		return own + Math.floor(others);
	}

	/**
	 * A window ended: the server forgot requests of ours a sliding window would still count (`forgotten`:
	 * it emptied at once since our previous answer, so it keeps fixed windows, and what we sent before then
	 * no longer counts), or a fixed window passed since we saw one start. Returns our requests the ended
	 * window counted and what it likely left unused: what it had left at our last answer in it, less the
	 * others' requests at their pace since.
	 */
	private windowEmptied(ticket: PacerTicket, at: number, forgotten: boolean): EndedWindow {
		const lastAt = this.lastUsageAt ?? ticket.sentAt;
		const known = this.fixedWindows && this.windowOpenedAt !== undefined;
		const own = this.windowOwn;
		this.windowOwn = 0;
		const remaining = this.lastRemaining ?? 0;
		const openedAt = this.windowOpenedAt ?? this.views[0]?.at ?? lastAt;
		const othersPerMs = Math.max(0, this.count - remaining - own) / Math.max(1, lastAt - openedAt);
		if (forgotten) this.sent = this.sent.filter((sent) => sent === ticket || sent.sentAt >= lastAt);
		this.views = [];
		this.othersBefore = Infinity;
		this.fixedWindows = true;
		this.windowOpenedAt = at;
		// The first window seen to empty had no known start: what it left is a guess.
		if (!known) return { own, leftover: 0, seenToEmpty: forgotten };
		return { own, leftover: Math.max(0, this.room(remaining) - othersPerMs * (at - lastAt)), seenToEmpty: forgotten };
	}

	/**
	 * Fixed windows: the room a window has shows only when it ends (what it left unused), and a window that
	 * starts looks empty to everybody. So quotas are held during a window and grow only when it empties, by
	 * our share of what it left (split by how much of its traffic was ours).
	 */
	private shareFixedWindow(remaining: number, own: number, ended: EndedWindow | undefined, at: number) {
		if (this.room(remaining) === 0) return this.windowFull(own, this.count, at);
		if (!ended || ended.own === 0 || ended.leftover === 0 || at < this.grabBlockedUntil) return;
		// Each process grows by its share, so together they fill what was left, once per window.
		const extra = (ended.leftover * ended.own) / Math.max(ended.own, this.budget - ended.leftover);
		const grow = Math.min(Math.floor(extra) + (this.random() < extra % 1 ? 1 : 0), ended.seenToEmpty ? Infinity : 1);
		this.quota = Math.max(1, Math.min((this.quota ?? ended.own) + grow, this.budget));
	}

	/** A request whose answer never came (network failure, deadline): the server may have counted it until now. */
	unanswered(ticket: PacerTicket, at: number) {
		ticket.settledAt ??= at;
	}

	/** A refused request that will not be tried again: the server did not count it. */
	forget(ticket: PacerTicket) {
		this.sent = this.sent.filter((sent) => sent !== ticket);
	}

	/**
	 * A refusal (429, or what the profile counts as one): not in the server's reported count, but it holds
	 * its slot for a window (see PacerTicket.refused). Returns 'contended' when other processes hold the
	 * token's window, so the caller may keep waiting its turn.
	 */
	refused(ticket: PacerTicket, at: number, waitMs: number, headers: Headers): Refusal {
		ticket.refused = true;
		ticket.settledAt = at;
		const index = this.recent.lastIndexOf(ticket.sentAt);
		if (index >= 0) this.recent.splice(index, 1);
		if (this.lastSendAt === ticket.sentAt) this.lastSendAt = this.sent.filter((sent) => !sent.refused).pop()?.sentAt;
		const usage = reportedUsage(headers);
		if (!usage) {
			// A refusal without usage (from a server that does not report it, or a proxy): wait as told.
			this.blockUntil(at + waitMs);
			return 'limited';
		}
		// A fixed window stays full until it empties, which is what Retry-After / X-RateLimit-Reset tell. So
		// does any window after a second refusal in a row: our idea of it is off (a credential allowing more
		// than the token has), and trying before the server says only draws more refusals.
		this.refusalsInARow++;
		if (this.fixedWindows || this.refusalsInARow > 1) this.blockUntil(at + waitMs);
		this.serverLimit = usage.limit;
		const own = this.ownCounted(at);
		// The window is full and not all of it is ours: other processes hold the rest.
		const contended = own < this.count;
		if (!contended && this.recent.length >= this.count) {
			// Alone, the server's window holds our last `count` requests: it ends when the oldest leaves it.
			const learned = at + waitMs - this.recent[this.recent.length - this.count];
			this.learnedWindowMs = Math.min(this.learnedWindowMs ?? learned, learned);
		}
		const windowMs = this.windowMs;
		if (contended) {
			this.othersSeenAt = at;
			this.hadCompany = true;
			this.grabBackoffMs = Math.min(8 * windowMs, Math.max(2 * windowMs, this.grabBackoffMs * 2));
			this.grabBlockedUntil = at + this.grabBackoffMs;
			this.lastSharedRefusalAt = at;
		}
		this.quota = Math.max(1, own);
		if (own > 0) {
			this.refusalsWithoutSlot = 0;
			return contended ? 'contended' : 'limited';
		}
		// No slot of ours in the window: someone else holds it. Wait as told once, then a window per try.
		this.refusalsWithoutSlot++;
		this.blockUntil(at + (this.refusalsWithoutSlot > 1 ? Math.max(waitMs, windowMs) : waitMs));
		return 'contended';
	}
}

/**
 * From when the server may count a request against its window: until its answer is back, it holds its
 * slot (looked at again every few milliseconds once a window has passed since it left).
 */
function countedFrom(ticket: PacerTicket, at: number, windowMs: number): number {
	if (ticket.settledAt !== undefined) return ticket.settledAt;
	return Math.max(ticket.sentAt, at - windowMs - REUSE_MARGIN_MS + IN_FLIGHT_POLL_MS);
}

const pacers = new Map<string, RequestPacer>();

export function pacerFor(key: string, limit: RateLimit): RequestPacer {
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new RequestPacer(limit);
		pacers.set(key, pacer);
	} else {
		pacer.setLimit(limit);
	}
	return pacer;
}

function header(headers: Headers, name: string): string | undefined {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	if (value === undefined || value === null) return undefined;
	return String(Array.isArray(value) ? value[0] : value);
}

/** X-RateLimit-Limit and X-RateLimit-Remaining, when the answer carries both as counts. */
export function reportedUsage(headers: Headers): { limit: number; remaining: number } | undefined {
	const limit = Number(header(headers, 'x-ratelimit-limit'));
	const remaining = Number(header(headers, 'x-ratelimit-remaining'));
	if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(remaining) || remaining < 0) return undefined;
	return { limit, remaining: Math.min(remaining, limit) };
}

/** Retry-After as milliseconds to wait: delta-seconds or an HTTP date. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
	const value = header(headers, 'retry-after');
	if (value === undefined) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * When X-RateLimit-Remaining says the window is used up, the instant it frees again, from
 * X-RateLimit-Reset: epoch milliseconds or seconds, or seconds from now when the number is small.
 */
export function exhaustedUntil(headers: Headers, now = Date.now()): number | undefined {
	const remaining = header(headers, 'x-ratelimit-remaining');
	if (remaining === undefined || Number(remaining) > 0) return undefined;
	const reset = Number(header(headers, 'x-ratelimit-reset'));
	if (!Number.isFinite(reset) || reset <= 0) return undefined;
	if (reset > 1e12) return reset;
	return reset > 1e9 ? reset * 1000 : now + reset * 1000;
}
