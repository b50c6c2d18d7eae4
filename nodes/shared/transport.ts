import type {
	ICredentialDataDecryptedObject,
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

import type { RateLimit } from './rateLimit';
import { exhaustedUntil, pacerFor, retryAfterMs } from './rateLimit';

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
	arrayFormat?: IHttpRequestOptions['arrayFormat'];
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path after the base URL, or an absolute URL. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	timeoutMs?: number;
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
	/** 5xx and network failures: only idempotent methods (never POST). */
	serverErrorRetries: 3,
	backoffBaseMs: 500,
	/** A Retry-After longer than this fails the item instead of stalling the workflow. */
	maxWaitMs: 120_000,
	/** No answer within this fails (or, for idempotent methods, retries) the request instead of hanging. */
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
]);

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
		if (typeof current.message === 'string' && /socket hang up|timeout of \d+ms exceeded/i.test(current.message)) {
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

function joinUrl(base: string, path: string): string {
	if (/^https?:\/\//i.test(path)) return path;
	return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function pacingKey(context: RequestContext, credentialType: string, baseUrl: string): string {
	const credential = context.getNode().credentials?.[credentialType];
	return `${credentialType}:${credential?.id ?? credential?.name ?? 'default'}:${baseUrl}`;
}

function apiError(
	context: RequestContext,
	profile: ApiProfile,
	request: ApiRequest,
	response: ApiResponse,
	itemIndex: number,
): NodeApiError {
	const { message, details } = profile.describeError(response.body);
	const summary = message ?? `${profile.name} answered HTTP ${response.statusCode}`;
	const body =
		typeof response.body === 'object' && response.body !== null
			? (response.body as JsonObject)
			: { message: String(response.body ?? '') };
	return new NodeApiError(context.getNode(), body, {
		itemIndex,
		httpCode: String(response.statusCode),
		message: details.length ? `${summary}: ${details.join('; ')}` : summary,
		description: `${request.method} ${request.path} answered HTTP ${response.statusCode}${
			response.statusCode === 401 ? '. Check the credential (token expired or revoked?).' : ''
		}`,
	});
}

/**
 * One request through the credential, with pacing under the documented rate limit, bounded retries
 * (429 always; 5xx and network failures only for idempotent methods) and errors mapped to NodeApiError.
 */
export async function apiRequest(
	this: RequestContext,
	profile: ApiProfile,
	request: ApiRequest,
	itemIndex = 0,
): Promise<ApiResponse> {
	const credentialType = profile.credentialType(this);
	const credentials = await this.getCredentials(credentialType, itemIndex);
	const baseUrl = profile.baseUrl(credentials);
	const limit = profile.rateLimit(credentials);
	const pacer = pacerFor(pacingKey(this, credentialType, baseUrl), limit);
	const idempotent = IDEMPOTENT.includes(request.method);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: joinUrl(baseUrl, request.path),
		qs: request.qs,
		body: request.body,
		json: true,
		arrayFormat: profile.arrayFormat,
		timeout: request.timeoutMs ?? RETRY_POLICY.defaultTimeoutMs,
		returnFullResponse: true,
		// We judge statuses ourselves, except that an OAuth2 401 must throw: only then does n8n refresh
		// the access token and repeat the request.
		ignoreHttpStatusErrors: /OAuth2Api$/.test(credentialType) ? { ignore: true, except: [401] } : true,
	};
	let rateLimitRetries = 0;
	let serverErrorRetries = 0;

	for (;;) {
		await pacer.acquire();
		let response: ApiResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				credentialType,
				{ ...options },
			)) as ApiResponse;
		} catch (error) {
			const answered = responseInside(error);
			if (answered) throw apiError(this, profile, request, answered, itemIndex);
			const code = transientCode(error);
			if (code && idempotent && serverErrorRetries < RETRY_POLICY.serverErrorRetries) {
				await sleep(RETRY_POLICY.backoffBaseMs * 2 ** serverErrorRetries++);
				continue;
			}
			const failure = new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
			// Set after construction: NodeApiError rewrites messages that mention network codes into generic text.
			failure.message = code
				? `${profile.name} did not answer ${request.method} ${request.path} (${code})`
				: `${profile.name} request ${request.method} ${request.path} failed: ${(error as Error).message}`;
			failure.description =
				code && !idempotent
					? `${request.method} requests are not retried automatically because the first attempt may have been processed. Check ${profile.name} before running this item again.`
					: code
						? `Gave up after ${serverErrorRetries + 1} attempts.`
						: null;
			throw failure;
		}

		const status = response.statusCode;
		const retryAfter = retryAfterMs(response.headers);
		const resetAt = exhaustedUntil(response.headers);
		if (status < 400) {
			// Never trust a reset further away than one window (clock skew, unusual units).
			if (resetAt) pacer.blockUntil(Math.min(resetAt, Date.now() + limit.windowMs));
			return response;
		}

		if (status === 429 && rateLimitRetries < RETRY_POLICY.rateLimitRetries) {
			// Retry-After and X-RateLimit-Reset are both rounded up to whole seconds, so the earlier one is
			// still not too early. With neither, back off in steps that reach a whole window (WeWorked
			// sends no headers and counts over five minutes).
			const resetWait = resetAt === undefined ? undefined : Math.max(0, resetAt - Date.now());
			const wait =
				retryAfter !== undefined
					? Math.min(retryAfter, resetWait ?? Infinity)
					: (resetWait ?? rateLimitBackoff(limit, rateLimitRetries));
			if (wait <= RETRY_POLICY.maxWaitMs) {
				rateLimitRetries++;
				pacer.blockUntil(Date.now() + wait);
				continue;
			}
		}
		if (status >= 500 && idempotent && serverErrorRetries < RETRY_POLICY.serverErrorRetries) {
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
