import { sleep } from 'n8n-workflow';

export interface RateLimit {
	/** Requests allowed per window (the provider's documented limit unless the credential overrides it). */
	requests: number;
	windowMs: number;
}

/**
 * Client-side pacing for one credential against one API: a sliding window that keeps us under the
 * documented limit, plus a "blocked until" instant learned from Retry-After / X-RateLimit-* headers.
 * Lives at module level on purpose: the provider's limit is per token, across executions.
 */
export class RequestPacer {
	private sent: number[] = [];
	private blockedUntil = 0;

	constructor(private limit: RateLimit) {}

	setLimit(limit: RateLimit) {
		this.limit = limit;
	}

	/** Waits (with n8n's sleep) until one more request fits, then records it. */
	async acquire(now: () => number = Date.now): Promise<void> {
		for (;;) {
			const current = now();
			this.sent = this.sent.filter((at) => at > current - this.limit.windowMs);
			const waitForBlock = this.blockedUntil - current;
			const waitForWindow =
				this.sent.length >= this.limit.requests ? this.sent[0] + this.limit.windowMs - current : 0;
			const wait = Math.max(waitForBlock, waitForWindow);
			if (wait <= 0) break;
			await sleep(wait);
		}
		this.sent.push(now());
	}

	/** Nothing may be sent before `until` (epoch ms). */
	blockUntil(until: number) {
		this.blockedUntil = Math.max(this.blockedUntil, until);
	}
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

type Headers = Record<string, unknown>;

function header(headers: Headers, name: string): string | undefined {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	if (value === undefined || value === null) return undefined;
	return String(Array.isArray(value) ? value[0] : value);
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
