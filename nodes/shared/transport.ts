import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { credentialSettings } from './credentialSettings';
import type { RateLimit } from './rateLimit';
import { exhaustedUntil, pacerFor, retryAfterMs } from './rateLimit';
import { readableText } from './responses';

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

/** What the shared transport needs to know about one provider's API. */
export interface ApiProfile {
	/** Product name used in error messages. */
	name: string;
	/** Which credential the node is set to use. */
	credentialType(context: RequestContext): string;
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	rateLimit(credentials: ICredentialDataDecryptedObject): RateLimit;
	/** The provider's error text and per-field validation messages from an error body. */
	describeError(body: unknown): { message?: string; details: string[] };
	/**
	 * The response contract: why a parsed 2xx body is not the documented shape, or undefined when it is.
	 * A body that breaks it fails the request (it is never output as success or as an empty list).
	 */
	rejectBody(body: unknown): string | undefined;
	/** Whether a 2xx with an empty body (other than 204) is an answer rather than a broken response. */
	emptyBodyIsAnswer?: boolean;
	/** Appended to every request path, e.g. a format suffix (`.json`). */
	pathSuffix?: string;
	/** Besides 429: other answers that mean "slow down, then retry" (e.g. 503 with Retry-After). */
	isRateLimited?(statusCode: number, headers: Record<string, unknown>): boolean;
	/** What a 401 means for this provider's credential (shown as the error's description). */
	unauthorizedHint?: string;
	/** Header that makes a write safe to repeat (the API replays instead of writing twice). */
	idempotencyHeader?: string;
	arrayFormat?: IHttpRequestOptions['arrayFormat'];
}

/** The start of every message about an answer that is not what the call expects: who answered which call. */
export function answeredBy(profile: ApiProfile, request: Pick<ApiRequest, 'method' | 'path'>): string {
	return `${profile.name} answered ${request.method} ${request.path}`;
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path after the base URL; an absolute URL only on the base URL's origin. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	timeoutMs?: number;
	/** Sent in the profile's idempotency header on every attempt of this request. */
	idempotencyKey?: string;
}

export interface ApiResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

/** Retry budget; small and bounded so a broken API fails an item in seconds, not minutes. */
export const RETRY_POLICY = {
	/** 429s: the server refused without processing, so every method may be retried. */
	rateLimitRetries: 5,
	/**
	 * 429s while other processes hold the token's window (our turn comes when a slot frees): at most one
	 * try per window each, so this many windows of waiting.
	 */
	sharedRateLimitRetries: 30,
	/** 5xx, broken 2xx bodies and network failures: only requests that are safe to repeat. */
	serverErrorRetries: 3,
	backoffBaseMs: 500,
	/** A Retry-After longer than this fails the item instead of stalling the workflow. */
	maxWaitMs: 120_000,
	/** The whole answer (headers and body) must arrive within this, per attempt. */
	defaultTimeoutMs: 60_000,
};

const IDEMPOTENT: IHttpRequestMethods[] = ['GET', 'HEAD', 'PUT', 'DELETE'];
const TRANSIENT_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ECONNREFUSED',
	'EPIPE',
	'EAI_AGAIN',
	'ESOCKETTIMEDOUT',
	'ERR_CANCELED',
	'UND_ERR_SOCKET',
	'UND_ERR_BODY_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
]);

/** Raised by a request that broke the transport's own rules before or after sending. */
class TransportFailure extends Error {
	constructor(
		message: string,
		readonly code: string,
	) {
		super(message);
	}
}

/** The HTTP answer inside a thrown request error (an OAuth2 401 after n8n's refresh attempt), if any. */
function responseInside(error: unknown): ApiResponse | undefined {
	let current = error as { response?: { status?: unknown; data?: unknown; headers?: unknown }; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		const response = current.response;
		if (response && typeof response.status === 'number') {
			return { statusCode: response.status, body: response.data, headers: (response.headers ?? {}) as Record<string, unknown> };
		}
		current = current.cause as typeof current;
	}
	return undefined;
}

/** The network error code (ECONNRESET, ETIMEDOUT, …) buried in n8n's wrapped request error, if any. */
function transientCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown; message?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && TRANSIENT_CODES.has(current.code)) return current.code;
		if (typeof current.message === 'string' && /socket hang up|timeout of \d+ms exceeded|aborted|terminated/i.test(current.message)) {
			return /timeout/i.test(current.message) ? 'ETIMEDOUT' : 'ECONNRESET';
		}
		current = current.cause as typeof current;
	}
	return undefined;
}

/** Blind 429 backoff: one request slot, then ×4 per retry, up to a whole window (and the wait cap). */
function rateLimitBackoff(limit: RateLimit, attempt: number): number {
	const slot = Math.max(RETRY_POLICY.backoffBaseMs, limit.windowMs / limit.requests);
	return Math.min(RETRY_POLICY.maxWaitMs, limit.windowMs, slot * 4 ** attempt);
}

/**
 * The request URL. Paths are relative to the base URL; an absolute URL is accepted only on the base URL's
 * origin, so the credential is never sent anywhere else.
 */
export function requestUrl(baseUrl: string, path: string, suffix = ''): string {
	const base = new URL(baseUrl);
	const absolute = /^[a-z][a-z\d+.-]*:/i.test(path.trim()) || path.trim().startsWith('//');
	const url = absolute
		? new URL(path.trim(), base) // resolves a scheme-relative //host/path too
		: new URL(`${baseUrl.replace(/\/+$/, '')}/${path.trim().replace(/^\/+/, '')}`);
	if (url.origin !== base.origin) {
		throw new TransportFailure(
			`The path "${path}" leaves the credential's API (${base.origin}); only paths on that origin may be called with this credential`,
			'EORIGIN',
		);
	}
	if (suffix && !url.pathname.endsWith(suffix)) url.pathname = `${url.pathname.replace(/\/+$/, '')}${suffix}`;
	return url.toString();
}

function pacingKey(context: RequestContext, credentialType: string, baseUrl: string): string {
	const credential = context.getNode().credentials?.[credentialType];
	return `${credentialType}:${credential?.id ?? credential?.name ?? 'default'}:${baseUrl}`;
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return value === undefined || value === null ? undefined : String(Array.isArray(value) ? value[0] : value);
}

/** Parses a body read as text; returns the reason when a 2xx body is not what the provider documents. */
function parseSuccessBody(profile: ApiProfile, response: ApiResponse): { body?: unknown; problem?: string } {
	const raw = response.body;
	if (typeof raw !== 'string') {
		// Already parsed (OAuth2 helpers may parse JSON themselves).
		const problem = raw === undefined || raw === null ? undefined : profile.rejectBody(raw);
		return problem ? { problem } : { body: raw };
	}
	// Every problem names the content type and quotes the start of the body (markup stripped).
	const type = header(response.headers, 'content-type') ?? 'no content type';
	if (!raw.trim()) {
		if (response.statusCode === 204 || profile.emptyBodyIsAnswer) return { body: undefined };
		return { problem: `the body is empty (${type})` };
	}
	let body: unknown;
	try {
		body = JSON.parse(raw) as unknown;
	} catch {
		return { problem: `the body is not JSON (${type}): "${readableText(raw, 200)}"` };
	}
	const problem = profile.rejectBody(body);
	return problem ? { problem: `${problem} (${type}): "${readableText(raw, 200)}"` } : { body };
}

/** An error body as the provider's JSON when it is JSON, else as one readable line (HTML pages stripped). */
function parseErrorBody(raw: unknown): unknown {
	if (typeof raw !== 'string') return raw;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return readableText(raw, 200);
	}
}

function apiError(
	context: RequestContext,
	profile: ApiProfile,
	request: ApiRequest,
	response: ApiResponse,
	itemIndex: number,
): NodeApiError {
	const body = parseErrorBody(response.body);
	const { message, details } = profile.describeError(body);
	const summary = message ? readableText(message, 300) : `${profile.name} answered HTTP ${response.statusCode}`;
	const errorBody =
		typeof body === 'object' && body !== null ? (body as JsonObject) : { message: String(body ?? '') };
	const error = new NodeApiError(context.getNode(), errorBody, {
		itemIndex,
		httpCode: String(response.statusCode),
		message: details.length ? `${summary}: ${details.join('; ')}` : summary,
		description:
			response.statusCode === 401 && profile.unauthorizedHint
				? profile.unauthorizedHint
				: `${request.method} ${request.path} answered HTTP ${response.statusCode}${
						response.statusCode === 401 ? '. Check the credential (token expired or revoked?).' : ''
					}`,
	});
	return error;
}

/** A 2xx whose body breaks the response contract. */
function contractError(
	context: RequestContext,
	profile: ApiProfile,
	request: ApiRequest,
	response: ApiResponse,
	problem: string,
	itemIndex: number,
	attempts: number,
): NodeApiError {
	const error = new NodeApiError(context.getNode(), { message: problem } as JsonObject, {
		itemIndex,
		httpCode: String(response.statusCode),
	});
	// Set after construction: NodeApiError replaces some messages with generic text.
	error.message = `${answeredBy(profile, request)} with HTTP ${response.statusCode}, but ${problem}`;
	error.description = `Nothing was output for this request: the answer is not the documented ${profile.name} response (a maintenance page or a proxy?). ${
		attempts > 1 ? `Gave up after ${attempts} attempts.` : 'Not retried, because repeating this request could write twice.'
	}`;
	return error;
}

/**
 * Sends once through n8n's authenticated request helper, failing when the whole answer has not arrived by
 * the deadline (n8n's own timeout only notices a connection that goes quiet, not one that drips).
 */
async function sendWithDeadline(
	context: RequestContext,
	credentialType: string | undefined,
	options: IHttpRequestOptions,
	deadlineMs: number,
	credentials?: ICredentialsDecrypted,
): Promise<ApiResponse> {
	const finished = new AbortController();
	const deadline = sleep(deadlineMs, finished.signal).then(
		() => {
			throw new TransportFailure(`no complete answer within ${Math.round(deadlineMs / 1000)} s`, 'ETIMEDOUT');
		},
		() => undefined as never,
	);
	try {
		return (await Promise.race([
			credentialType === undefined
				? context.helpers.httpRequest({ ...options })
				: context.helpers.httpRequestWithAuthentication.call(
						context,
						credentialType,
						{ ...options },
						credentials && { credentialsDecrypted: credentials },
					),
			deadline,
		])) as ApiResponse;
	} finally {
		finished.abort();
	}
}

/** A network failure (or a deadline) as the item's error; writes that may have landed say so. */
function networkError(
	context: RequestContext,
	profile: ApiProfile,
	request: ApiRequest,
	error: unknown,
	code: string | undefined,
	repeatable: boolean,
	attempts: number,
	itemIndex: number,
): NodeApiError {
	const failure = new NodeApiError(context.getNode(), { message: (error as Error).message } as JsonObject, { itemIndex });
	// Set after construction: NodeApiError rewrites messages that mention network codes into generic text.
	const detail = error instanceof TransportFailure ? `${error.message}, ${code}` : code;
	failure.message = code
		? `${profile.name} did not answer ${request.method} ${request.path} (${detail})`
		: `${profile.name} request ${request.method} ${request.path} failed: ${(error as Error).message}`;
	failure.description =
		code && !repeatable
			? `${request.method} requests are not retried automatically because the first attempt may have been processed. Check ${profile.name} before running this item again.`
			: code
				? `Gave up after ${attempts} attempts.`
				: null;
	return failure;
}

const MAX_REDIRECTS = 5;

/** Where a 3xx answer with a valid Location points, resolved against the URL that was asked. */
function redirectTarget(response: ApiResponse, requested: string): URL | undefined {
	if (response.statusCode < 300 || response.statusCode >= 400 || response.statusCode === 304) return undefined;
	const location = header(response.headers, 'location');
	if (!location) return undefined;
	try {
		return new URL(location, requested);
	} catch {
		return undefined;
	}
}

const deprecationsReported = new WeakMap<object, Set<string>>();

/**
 * `Deprecation` / `Sunset` answer headers (RFC 8594, RFC 9745) as an execution hint and a log warning,
 * once per endpoint and node run, so a workflow's owner hears of it before the endpoint goes away.
 */
function reportDeprecation(context: RequestContext, profile: ApiProfile, request: ApiRequest, headers: Record<string, unknown>) {
	const sunset = header(headers, 'sunset');
	const deprecation = header(headers, 'deprecation');
	if (!sunset && !deprecation) return;
	const endpoint = `${request.method} ${request.path}`;
	const reported = deprecationsReported.get(context) ?? new Set<string>();
	deprecationsReported.set(context, reported);
	if (reported.has(endpoint)) return;
	reported.add(endpoint);
	const since = deprecation && /^@\d+$/.test(deprecation) ? new Date(Number(deprecation.slice(1)) * 1000).toUTCString() : deprecation;
	const message = `${profile.name} marks ${endpoint} as deprecated${since && since !== 'true' ? ` (since ${since})` : ''}${
		sunset ? `; it stops working on ${sunset}` : ''
	}. Move to its replacement or set a Path Override / Route Override before then.`;
	context.logger.warn(message);
	if ('addExecutionHints' in context) context.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
}

/**
 * One request through the credential, with pacing under the documented rate limit, bounded retries
 * (rate limits always; 5xx, broken bodies and network failures only for requests safe to repeat), the
 * response contract, and errors mapped to NodeApiError naming the item.
 */
export async function apiRequest(
	this: RequestContext,
	profile: ApiProfile,
	request: ApiRequest,
	itemIndex = 0,
): Promise<ApiResponse> {
	const credentialType = profile.credentialType(this);
	const credentials = await credentialSettings(this, credentialType);
	// n8n still authenticates every request with the credential's `authenticate` (and refreshes OAuth2
	// tokens its own way); handing it the credential read for this run spares a lookup and decryption per
	// request (n8n reads item 0's credential for authentication too).
	const reference = this.getNode().credentials?.[credentialType];
	const authenticateWith: ICredentialsDecrypted = {
		id: reference?.id ?? '',
		name: reference?.name ?? credentialType,
		type: credentialType,
		data: credentials,
	};
	const baseUrl = profile.baseUrl(credentials);
	const limit = profile.rateLimit(credentials);
	const pacer = pacerFor(pacingKey(this, credentialType, baseUrl), limit);
	const idempotencyKey = profile.idempotencyHeader && request.method !== 'GET' ? request.idempotencyKey : undefined;
	// A write is safe to repeat when its method is idempotent or the API deduplicates it by key.
	const repeatable = IDEMPOTENT.includes(request.method) || Boolean(idempotencyKey);
	const deadlineMs = request.timeoutMs ?? RETRY_POLICY.defaultTimeoutMs;
	let url: string;
	try {
		url = requestUrl(baseUrl, request.path, profile.pathSuffix);
	} catch (error) {
		throw new NodeApiError(this.getNode(), { message: (error as Error).message } as JsonObject, {
			itemIndex,
			message: (error as Error).message,
			description: 'Nothing was sent. Use a path relative to the base URL of the credential.',
		});
	}
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		qs: request.qs,
		body: request.body,
		json: true,
		// Read as text and parse here: a 2xx HTML page must fail, not pass as a string.
		encoding: 'text',
		headers: idempotencyKey ? { [profile.idempotencyHeader!]: idempotencyKey } : undefined,
		arrayFormat: profile.arrayFormat,
		timeout: deadlineMs,
		returnFullResponse: true,
		// A redirect to another origin must not carry the credential there. n8n drops only Authorization
		// and cookies on such a redirect (header API keys would go along), so redirects are followed below.
		sendCredentialsOnCrossOriginRedirect: false,
		disableFollowRedirect: true,
		// We judge statuses ourselves, except that an OAuth2 401 must throw: only then does n8n refresh
		// the access token and repeat the request.
		ignoreHttpStatusErrors: /OAuth2Api$/.test(credentialType) ? { ignore: true, except: [401] } : true,
	};
	// The redirect being followed, if any: every retry starts again from `url` with the credential.
	let redirect: { options: IHttpRequestOptions; authenticated: boolean; hops: number } | undefined;
	let rateLimitRetries = 0;
	let sharedRateLimitRetries = 0;
	let serverErrorRetries = 0;
	// An earlier attempt reached the API but its answer was lost (network failure, deadline): it may have been processed.
	let unanswered = false;

	for (;;) {
		const ticket = await pacer.acquire();
		let response: ApiResponse;
		try {
			const current = redirect ?? { options, authenticated: true, hops: 0 };
			redirect = undefined;
			response = await sendWithDeadline(
				this,
				current.authenticated ? credentialType : undefined,
				current.options,
				deadlineMs,
				authenticateWith,
			);
			const target = redirectTarget(response, current.options.url);
			if (target && current.hops < MAX_REDIRECTS) {
				pacer.answered(ticket, Date.now(), response.headers);
				// 303, and 301/302 after a POST, continue as a GET without the body (as browsers and n8n do).
				const toGet = response.statusCode === 303 || (response.statusCode < 303 && current.options.method === 'POST');
				redirect = {
					options: { ...current.options, url: target.toString(), qs: undefined, ...(toGet ? { method: 'GET' as const, body: undefined } : {}) },
					// Another origin never gets the credential, and neither does anything it redirects to.
					authenticated: current.authenticated && target.origin === new URL(url).origin,
					hops: current.hops + 1,
				};
				continue;
			}
		} catch (error) {
			pacer.unanswered(ticket, Date.now());
			const answered = responseInside(error);
			if (answered) throw apiError(this, profile, request, answered, itemIndex);
			const code = error instanceof TransportFailure ? error.code : transientCode(error);
			if (code && repeatable && serverErrorRetries < RETRY_POLICY.serverErrorRetries) {
				// (a refused connection or a failed DNS lookup never reached the API)
				unanswered ||= code !== 'ECONNREFUSED' && code !== 'EAI_AGAIN';
				await sleep(RETRY_POLICY.backoffBaseMs * 2 ** serverErrorRetries++);
				continue;
			}
			throw networkError(this, profile, request, error, code, repeatable, serverErrorRetries + 1, itemIndex);
		}

		const status = response.statusCode;
		const retryAfter = retryAfterMs(response.headers);
		const resetAt = exhaustedUntil(response.headers);
		const rateLimited = status === 429 || Boolean(profile.isRateLimited?.(status, response.headers));
		if (!rateLimited) pacer.answered(ticket, Date.now(), response.headers);
		if (status < 300) {
			// Never trust a reset further away than one window (clock skew, unusual units).
			if (resetAt) pacer.windowResetsAt(Math.min(resetAt, Date.now() + limit.windowMs));
			const { body, problem } = parseSuccessBody(profile, response);
			if (!problem) {
				reportDeprecation(this, profile, request, response.headers);
				return { ...response, body };
			}
			// Maintenance pages are transient: retry what is safe to repeat, like a 5xx.
			if (repeatable && serverErrorRetries < RETRY_POLICY.serverErrorRetries) {
				pacer.blockUntil(Date.now() + RETRY_POLICY.backoffBaseMs * 2 ** serverErrorRetries++);
				continue;
			}
			throw contractError(this, profile, request, response, problem, itemIndex, serverErrorRetries + 1);
		}

		// A DELETE repeated after an attempt whose answer was lost, now "not found": that attempt deleted it.
		if (status === 404 && request.method === 'DELETE' && unanswered) {
			this.logger.warn(
				`${profile.name}: ${request.method} ${request.path} answered 404 on a retry; the earlier attempt whose answer was lost deleted it`,
			);
			return { ...response, body: undefined };
		}
		const retriesLeft =
			rateLimitRetries < RETRY_POLICY.rateLimitRetries || sharedRateLimitRetries < RETRY_POLICY.sharedRateLimitRetries;
		if (rateLimited && retriesLeft) {
			// Retry-After and X-RateLimit-Reset are both rounded up to whole seconds, so the earlier one is
			// still not too early. With neither, back off in steps that reach a whole window (some APIs send
			// no headers and count over several minutes).
			const resetWait = resetAt === undefined ? undefined : Math.max(0, resetAt - Date.now());
			const wait =
				retryAfter !== undefined
					? Math.min(retryAfter, resetWait ?? Infinity)
					: (resetWait ?? rateLimitBackoff(limit, rateLimitRetries));
			if (wait <= RETRY_POLICY.maxWaitMs) {
				// The pacer decides when to try again: after the wait, or in a slot of ours that frees sooner.
				const refusal = pacer.refused(ticket, Date.now(), wait, response.headers);
				if (refusal === 'contended' && sharedRateLimitRetries < RETRY_POLICY.sharedRateLimitRetries) {
					sharedRateLimitRetries++;
					continue;
				}
				if (rateLimitRetries < RETRY_POLICY.rateLimitRetries) {
					rateLimitRetries++;
					continue;
				}
			}
		}
		// A refusal given up on was never counted: its slot is free again.
		if (rateLimited) pacer.forget(ticket);
		if (status >= 500 && !rateLimited && repeatable && serverErrorRetries < RETRY_POLICY.serverErrorRetries) {
			const wait = retryAfter ?? RETRY_POLICY.backoffBaseMs * 2 ** serverErrorRetries;
			if (wait <= RETRY_POLICY.maxWaitMs) {
				serverErrorRetries++;
				pacer.blockUntil(Date.now() + wait);
				continue;
			}
		}
		throw apiError(this, profile, request, response, itemIndex);
	}
}
